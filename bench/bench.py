#!/usr/bin/env python3
"""Benchmarks workspace-mcp on its sandbox over streamable HTTP (Python stdlib only).

Measures, against the binary given with --binary (normally the release build):
  * ready time: process start to the first `GET /health` 200, median of --starts starts
  * idle RSS: VmRSS from /proc/PID/status, 1 s after the server answered /health
  * tools/list latency p50/p99: sequential POSTs on one keep-alive connection, both as
    stateless 2026-07-28 requests (protocol version in the MCP-Protocol-Version header and
    in `_meta`) and inside an initialized 2025-11-25 session
  * search_gmail_messages throughput: stateless 2026-07-28 tools/call POSTs from several
    keep-alive connections

Load comes from `wrk` when it is on PATH (a C load generator, far lighter than Python on a
2-core machine) and from an asyncio client in this file otherwise; the report says which.
Every request goes to 127.0.0.1, every loop is bounded in count and time, and every server
started here is stopped before exit.

Normally run through bench/run.sh; directly:
    python3 bench/bench.py --binary target/release/workspace-mcp --out bench/results/latest.md
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODERN = "2026-07-28"
LEGACY = "2025-11-25"
SEARCH_ARGS = {"query": "from:priya.shah@example.com"}

# Targets from the project brief: (label, limit, unit, lower_is_better)
TARGETS = {
    "ready": 50.0,  # ms
    "rss": 20.0,  # MB
    "list_p50": 1.0,  # ms
    "throughput": 2000.0,  # calls/s
}


# ------------------------------------------------------------------------------------------
# Server processes
# ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def status_kb(pid: int, field: str) -> int:
    """A kB figure (VmRSS, VmHWM, ...) from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def stop_process(proc: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL if it has not ended within 5 s."""
    if proc is not None and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def health_status(port: int) -> int | None:
    """Status code of GET /health, or None when nothing answers yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            head = s.recv(64)
    except OSError:
        return None
    parts = head.split(b" ", 2)
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        return int(parts[1])
    return None


class Server:
    def __init__(self, binary: Path, home: Path):
        self.binary = binary
        self.home = home
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = home / "server.log"

    def start(self, timeout: float = 10.0) -> float:
        """Starts the server; returns milliseconds from spawn to the first /health 200."""
        for _attempt in range(3):
            self.port = free_port()
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(self.home),
                "LANG": "C.UTF-8",
                "NO_COLOR": "1",
                "PORT": str(self.port),
                "WORKSPACE_ATTACHMENT_DIR": str(self.home / "attachments"),
                "WORKSPACE_MCP_CREDENTIALS_DIR": str(self.home / "credentials"),
            }
            log = open(self.log_path, "ab")
            t0 = time.perf_counter()
            self.proc = subprocess.Popen(
                [str(self.binary), "--sandbox", "--transport", "streamable-http"],
                env=env,
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
            log.close()
            deadline = t0 + timeout
            while time.perf_counter() < deadline:
                if health_status(self.port) == 200:
                    return (time.perf_counter() - t0) * 1000.0
                if self.proc.poll() is not None:
                    break
                time.sleep(0.0005)
            self.stop()
        raise RuntimeError(f"server did not answer /health; log tail:\n{self.log_tail()}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        stop_process(proc)

    def status_kb(self, field: str) -> int:
        assert self.proc is not None
        return status_kb(self.proc.pid, field)

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        return process_cpu_seconds(self.proc.pid)

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


# ------------------------------------------------------------------------------------------
# Requests
# ------------------------------------------------------------------------------------------


def modern_meta() -> dict:
    return {
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientInfo": {"name": "workspace-mcp-bench", "version": "1"},
        "io.modelcontextprotocol/clientCapabilities": {},
    }


def stateless_request(method: str, params: dict, name: str | None = None) -> tuple[dict[str, str], bytes]:
    """Headers and body of one self-contained 2026-07-28 request."""
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": {**params, "_meta": modern_meta()}}
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
        "MCP-Protocol-Version": MODERN,
        "Mcp-Method": method,
    }
    if name is not None:
        headers["Mcp-Name"] = name
    return headers, json.dumps(body, separators=(",", ":")).encode()


def parse_body(content_type: str, raw: bytes) -> dict:
    """The JSON-RPC message of a response, whether sent as JSON or as an SSE stream."""
    text = raw.decode("utf-8", errors="replace")
    if "text/event-stream" in content_type:
        for line in text.splitlines():
            if line.startswith("data:") and line[5:].strip():
                msg = json.loads(line[5:].strip())
                if isinstance(msg, dict) and ("result" in msg or "error" in msg):
                    return msg
        raise ValueError(f"no JSON-RPC response in the event stream: {text[:300]}")
    return json.loads(text)


def post(conn: http.client.HTTPConnection, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
    conn.request("POST", "/mcp", body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def check_ok(status: int, headers: dict[str, str], data: bytes, what: str) -> dict:
    if status != 200:
        raise RuntimeError(f"{what}: HTTP {status}: {data[:300]!r}")
    msg = parse_body(headers.get("content-type", ""), data)
    if "error" in msg:
        raise RuntimeError(f"{what}: JSON-RPC error {msg['error']}")
    result = msg["result"]
    if result.get("isError"):
        raise RuntimeError(f"{what}: tool error {result}")
    return result


def open_session(port: int) -> tuple[http.client.HTTPConnection, dict[str, str]]:
    """An initialized 2025-11-25 session; returns the connection and the headers for its requests."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    base = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    init = {
        "jsonrpc": "2.0",
        "id": 0,
        "method": "initialize",
        "params": {
            "protocolVersion": LEGACY,
            "capabilities": {},
            "clientInfo": {"name": "workspace-mcp-bench", "version": "1"},
        },
    }
    status, headers, data = post(conn, base, json.dumps(init).encode())
    check_ok(status, headers, data, "initialize")
    session = headers.get("mcp-session-id")
    if not session:
        raise RuntimeError("initialize returned no Mcp-Session-Id")
    h = {**base, "Mcp-Session-Id": session, "MCP-Protocol-Version": LEGACY}
    note = json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}).encode()
    status, _, _ = post(conn, h, note)
    if status not in (200, 202, 204):
        raise RuntimeError(f"notifications/initialized: HTTP {status}")
    return conn, h


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


# ------------------------------------------------------------------------------------------
# Load generators
# ------------------------------------------------------------------------------------------

WRK_SCRIPT = r"""
-- Generated by bench/bench.py: posts one JSON-RPC request, counts bad answers, stops each
-- thread after a bounded number of responses, prints a JSON summary.
wrk.method = "POST"
wrk.body = __BODY__
wrk.headers = __HEADERS__
local max_per_thread = __MAX__
local threads = {}
function setup(thread) table.insert(threads, thread) end
local count, errors = 0, 0
function response(status, headers, body)
  count = count + 1
  if status ~= 200 or string.find(body, '"isError":true', 1, true) or string.find(body, '"error":{', 1, true) then
    errors = errors + 1
  end
  if count >= max_per_thread then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local errs = 0
  for _, t in ipairs(threads) do errs = errs + (t:get("errors") or 0) end
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"socket_errors":%d,"p50_us":%f,"p99_us":%f,"mean_us":%f}\n',
    summary.requests, summary.duration, errs,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def lua_string(s: str) -> str:
    return json.dumps(s)  # a JSON string literal is a valid Lua string literal for ASCII text


def run_wrk(port: int, headers: dict[str, str], body: bytes, threads: int, connections: int, seconds: int,
            max_requests: int, workdir: Path) -> tuple[dict, str]:
    lua_headers = "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()) + "}"
    per_thread = max(1, max_requests // threads)
    script = (WRK_SCRIPT.replace("__BODY__", lua_string(body.decode()))
              .replace("__HEADERS__", lua_headers).replace("__MAX__", str(per_thread)))
    path = workdir / f"wrk-{threads}-{connections}-{len(body)}.lua"
    path.write_text(script)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(path),
           f"http://127.0.0.1:{port}/mcp"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line[len("WRK_JSON "):]), shlex.join(cmd[:-3] + ["<script>", cmd[-1]])
    raise RuntimeError(f"wrk printed no summary: {out.stdout}\n{out.stderr}")


def warm_up(port: int, headers: dict[str, str], body: bytes, count: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(count):
        check_ok(*post(conn, headers, body), "warm-up")
    conn.close()


def sequential_latency(port: int, headers: dict[str, str], body: bytes, count: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times: list[float] = []
    errors = 0
    for _ in range(count):
        t0 = time.perf_counter_ns()
        status, h, data = post(conn, headers, body)
        times.append((time.perf_counter_ns() - t0) / 1000.0)
        if status != 200 or b'"isError":true' in data or b'"error":{' in data:
            errors += 1
    conn.close()
    times.sort()
    return {"requests": count, "errors": errors, "p50_us": percentile(times, 0.5), "p99_us": percentile(times, 0.99),
            "mean_us": statistics.fmean(times)}


async def _async_worker(port: int, request: bytes, count: int, deadline: float, result: dict) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for _ in range(count):
            if time.perf_counter() > deadline:
                break
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length, chunked = 0, False
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    length = int(v)
                elif k.strip().lower() == b"transfer-encoding" and b"chunked" in v.lower():
                    chunked = True
            if chunked:
                data = b""
                while True:
                    size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                    chunk = await reader.readexactly(size + 2)
                    if size == 0:
                        break
                    data += chunk[:-2]
            else:
                data = await reader.readexactly(length)
            result["requests"] += 1
            if status != 200 or b'"isError":true' in data or b'"error":{' in data:
                result["errors"] += 1
    finally:
        writer.close()


def python_throughput(port: int, headers: dict[str, str], body: bytes, connections: int, seconds: int,
                      max_requests: int) -> dict:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{head}Content-Length: {len(body)}\r\n\r\n").encode() + body
    result = {"requests": 0, "errors": 0}
    per_conn = max(1, max_requests // connections)

    async def main() -> float:
        t0 = time.perf_counter()
        deadline = t0 + seconds
        await asyncio.gather(*(_async_worker(port, request, per_conn, deadline, result) for _ in range(connections)))
        return time.perf_counter() - t0

    elapsed = asyncio.run(main())
    return {"requests": result["requests"], "errors": result["errors"], "duration_us": int(elapsed * 1e6)}


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "memory": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def loadavg() -> str:
    """1/5/15-minute load averages: other work on the machine moves every figure here."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def fmt_ms(us: float) -> str:
    return f"{us / 1000.0:.3f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, type=Path)
    ap.add_argument("--out", type=Path, help="also write the Markdown report here")
    ap.add_argument("--starts", type=int, default=10, help="server starts for the ready time (default 10)")
    ap.add_argument("--latency-requests", type=int, default=2000, help="measured tools/list requests per mode")
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--connections", type=int, default=16, help="connections for the throughput run")
    ap.add_argument("--seconds", type=int, default=10, help="upper bound on the throughput run's duration")
    ap.add_argument("--max-calls", type=int, default=60000, help="upper bound on the throughput run's calls")
    ap.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    ap.add_argument("--command", default="", help="the command line that ran this, for the report")
    args = ap.parse_args()

    binary = args.binary.resolve()
    if not os.access(binary, os.X_OK):
        print(f"bench: no executable at {binary}", file=sys.stderr)
        return 2
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    if client == "wrk" and not shutil.which("wrk"):
        print("bench: wrk is not on PATH (apt-get install wrk), or use --client python", file=sys.stderr)
        return 2

    load_before = loadavg()
    home = Path(tempfile.mkdtemp(prefix="wsmcp-bench."))
    commands: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    server = Server(binary, home)
    try:
        # 1. Ready time over several cold starts.
        ready = []
        for _ in range(args.starts):
            ready.append(server.start())
            server.stop()
        ready_med = statistics.median(ready)
        rows.append((f"start to first `/health` 200 (median of {args.starts})", f"{ready_med:.1f} ms "
                     f"(min {min(ready):.1f}, max {max(ready):.1f})", f"< {TARGETS['ready']:.0f} ms",
                     verdict(ready_med < TARGETS["ready"])))

        # 2. Idle RSS of a fresh server.
        server.start()
        time.sleep(1.0)
        rss_kb = server.status_kb("VmRSS")
        # Shown in MiB (as /proc counts); the target is in MB (10^6 bytes), so check it in bytes.
        rows.append(("idle RSS after start (VmRSS)", f"{rss_kb / 1024.0:.1f} MiB", f"< {TARGETS['rss']:.0f} MB",
                     verdict(rss_kb * 1024 < TARGETS["rss"] * 1e6)))

        # Sanity: each measured request answers correctly before it is timed.
        list_h, list_b = stateless_request("tools/list", {})
        search_h, search_b = stateless_request("tools/call", {"name": "search_gmail_messages", "arguments": SEARCH_ARGS},
                                               name="search_gmail_messages")
        probe = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        tools = check_ok(*post(probe, list_h, list_b), "stateless tools/list")["tools"]
        found = check_ok(*post(probe, search_h, search_b), "stateless search_gmail_messages")
        probe.close()
        search_text = "".join(c.get("text", "") for c in found.get("content", []))
        if "Message ID" not in search_text:
            raise RuntimeError(f"search_gmail_messages found nothing: {search_text[:300]}")

        # 3. tools/list latency, one connection, one request at a time (after a warm-up).
        warm_up(server.port, list_h, list_b, args.warmup)
        if client == "wrk":
            modern, cmd = run_wrk(server.port, list_h, list_b, 1, 1, 30, args.latency_requests, home)
            commands.append(cmd + f"   # tools/list, stateless {MODERN}, bounded to {args.latency_requests} requests")
        else:
            modern = sequential_latency(server.port, list_h, list_b, args.latency_requests)
        conn, session_h = open_session(server.port)
        conn.close()
        list_s_body = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}}).encode()
        warm_up(server.port, session_h, list_s_body, args.warmup)
        if client == "wrk":
            legacy, cmd = run_wrk(server.port, session_h, list_s_body, 1, 1, 30, args.latency_requests, home)
            commands.append(cmd + f"   # tools/list in a {LEGACY} session, bounded to {args.latency_requests} requests")
        else:
            legacy = sequential_latency(server.port, session_h, list_s_body, args.latency_requests)
        for label, r in ((f"stateless {MODERN}", modern), (f"{LEGACY} session", legacy)):
            if r["errors"]:
                raise RuntimeError(f"tools/list ({label}): {r['errors']} bad answers")
        rows.append((f"`tools/list` latency p50 / p99, stateless {MODERN} ({len(tools)} tools, {modern['requests']} requests)",
                     f"{fmt_ms(modern['p50_us'])} / {fmt_ms(modern['p99_us'])}", f"p50 < {TARGETS['list_p50']:.0f} ms",
                     verdict(modern["p50_us"] / 1000.0 < TARGETS["list_p50"])))
        rows.append((f"`tools/list` latency p50 / p99, {LEGACY} session ({legacy['requests']} requests)",
                     f"{fmt_ms(legacy['p50_us'])} / {fmt_ms(legacy['p99_us'])}", "(for comparison)", ""))

        # 4. search_gmail_messages throughput.
        warm_up(server.port, search_h, search_b, args.warmup)
        cpu0 = server.cpu_seconds()
        if client == "wrk":
            thr, cmd = run_wrk(server.port, search_h, search_b, 1, args.connections, args.seconds, args.max_calls, home)
            commands.append(cmd + f"   # search_gmail_messages, stateless {MODERN}, bounded to {args.max_calls} calls")
        else:
            thr = python_throughput(server.port, search_h, search_b, args.connections, args.seconds, args.max_calls)
        cpu = server.cpu_seconds() - cpu0
        secs = thr["duration_us"] / 1e6
        rate = thr["requests"] / secs if secs > 0 else 0.0
        extra = f", p50 {fmt_ms(thr['p50_us'])}, p99 {fmt_ms(thr['p99_us'])}" if "p50_us" in thr else ""
        rows.append((f"`search_gmail_messages` throughput, stateless {MODERN}, {args.connections} connections",
                     f"{rate:,.0f} calls/s ({thr['requests']} calls in {secs:.1f} s, {thr['errors']} errors{extra}; "
                     f"server CPU {cpu / secs * 100 if secs else 0:.0f}% of one core)",
                     f"> {TARGETS['throughput']:,.0f} calls/s",
                     verdict(rate > TARGETS["throughput"] and thr["errors"] == 0)))
        rss_after = server.status_kb("VmRSS") / 1024.0
        hwm = server.status_kb("VmHWM") / 1024.0
        rows.append(("RSS after the runs above (peak)", f"{rss_after:.1f} MiB (peak {hwm:.1f} MiB)", "", ""))
    except Exception as e:  # noqa: BLE001 - report the failure with the server's log
        print(f"bench: failed: {e}\n--- server log tail ---\n{server.log_tail()}", file=sys.stderr)
        return 1
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)

    def show(label: str, headers: dict[str, str], body: bytes) -> list[str]:
        return [f"# {label}", *(f"{k}: {v}" for k, v in headers.items()), body.decode(), ""]

    requests = [
        *show(f"tools/list, stateless {MODERN}", list_h, list_b),
        *show(f"tools/list in a {LEGACY} session (after initialize and notifications/initialized)",
              {k: ("<from initialize>" if k == "Mcp-Session-Id" else v) for k, v in session_h.items()}, list_s_body),
        *show(f"tools/call search_gmail_messages, stateless {MODERN}", search_h, search_b),
    ][:-1]
    notes: list[str] = []
    if any(38_000 <= r["p50_us"] <= 48_000 for r in (modern, legacy, thr) if "p50_us" in r):
        notes += [
            "Note: a p50 near 40 ms is the Linux delayed-ACK timer, the sign of a server that leaves Nagle on",
            "(no TCP_NODELAY on accepted connections) and writes a response in more than one segment.",
            "",
        ]
    m = machine()
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    size_mb = binary.stat().st_size / 1024 / 1024
    lines = [
        "# workspace-mcp benchmark (sandbox, streamable HTTP, loopback)",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, Linux {m['kernel']}; load average "
        f"{load_before} at start, {loadavg()} at end (the server and the load generator share the cores with it)",
        f"- Binary: `{binary}` ({version or 'version unknown'}, {size_mb:.1f} MiB)",
        f"- Server: `workspace-mcp --sandbox --transport streamable-http` on 127.0.0.1, default log level (info) to a file",
        f"- Load generator: {'wrk ' + subprocess.run(['wrk', '-v'], capture_output=True, text=True).stdout.split()[1] if client == 'wrk' else 'Python ' + m['python'] + ' asyncio client (bench/bench.py)'}"
        f" on the same machine, sharing its cores with the server",
        "",
        "| measure | result | target | verdict |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += [
        "",
        "Stateless requests carry `MCP-Protocol-Version: 2026-07-28`, `Mcp-Method` (and `Mcp-Name` for",
        "`tools/call`), and the protocol version, client info and capabilities in `params._meta`; the session",
        "rows send `Mcp-Session-Id` after one `initialize`. Latency is measured at the client, one request at a",
        "time on one keep-alive connection, so it includes the client's own time per request.",
        "",
        *notes,
        "Commands:",
        "",
        "```",
        args.command or f"python3 bench/bench.py --binary {binary}",
        *commands,
        "```",
        "",
        "Requests (each `POST /mcp`; `<script>` above is a generated wrk Lua script that sends one of them,",
        "counts non-200 answers, JSON-RPC errors and `isError` results as errors, and stops after the bound):",
        "",
        "```",
        *requests,
        "```",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.out.with_name(args.out.name + ".tmp")
        tmp.write_text(report)
        tmp.replace(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
