#!/usr/bin/env python3
"""Side-by-side benchmark of workspace-mcp (this repo) and the reference Python server 2.2.1.

Both servers run with the same tool set: the services that this server's `tools/list` covers
(each tool name mapped to its service through /work/shared/anchor/tools.json, or the copy given
with --anchor), and on the reference `--disabled-tools` drops any tool of those services that
this server does not have yet, so both lists hold the same names. Both run in their default
OAuth 2.0 mode with a dummy OAuth client and a throwaway HOME; only `initialize`,
`tools/list` and `/health` are sent, so neither needs Google. `HTTPS_PROXY`/`HTTP_PROXY` point
at a local trap that refuses and counts every outbound attempt; the report shows the count.

Per server it measures:
  * start to the first `GET /health` 200 (streamable HTTP), median of --starts starts
  * stdio start to the `initialize` reply (request written at spawn), median of --starts starts
  * idle RSS 1 s after /health answered (VmRSS of the process and its children)
  * `tools/list` p50/p99 and RSS after --lists requests in one 2025-11-25 session over HTTP
  * bytes of the `tools/list` JSON-RPC reply per tier (`--tool-tier core|extended|complete`)
and the install size (the venv's site-packages against the release binary). The reference
with all its services is measured too, for context. Loopback only; every loop is bounded.

Normally run through bench/compare.sh, which prepares the reference's venv.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (bench/bench.py: the HTTP client helpers shared with bench/run.sh)

SESSION_VERSION = "2025-11-25"
TIERS = ("core", "extended", "complete")
DUMMY_CLIENT_ID = "bench.apps.googleusercontent.com"
SEED_IMAGE_MB = 426.0  # the reference's container image, per the seed document


# ------------------------------------------------------------------------------------------
# Outbound trap: the proxy both servers are told to use, so nothing leaves the machine
# ------------------------------------------------------------------------------------------


class ProxyTrap:
    """A TCP listener that records the first line of each connection and closes it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    first = conn.recv(256).split(b"\r\n", 1)[0].decode(errors="replace")
                except OSError:
                    first = "<no request line>"
                self.seen.append(first)

    def take(self) -> list[str]:
        seen, self.seen = self.seen, []
        return seen

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


# ------------------------------------------------------------------------------------------
# One server under test
# ------------------------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    argv: list[str]  # command without transport/tool flags
    env: dict[str, str]
    mode: str  # description for the report
    tool_args: list[str] = field(default_factory=list)  # --tools ... --disabled-tools ...


def process_tree_kb(pid: int, field_name: str = "VmRSS") -> int:
    """Sum of a status field over pid and its descendants (a launcher may fork the server)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith(field_name + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


class Running:
    """A started server; always stopped through stop()."""

    def __init__(self, target: Target, extra: list[str], home: Path, http: bool):
        self.port = bench.free_port()
        env = {**target.env, "HOME": str(home), "PORT": str(self.port), "WORKSPACE_MCP_PORT": str(self.port),
               "WORKSPACE_MCP_CREDENTIALS_DIR": str(home / "credentials"),
               "WORKSPACE_ATTACHMENT_DIR": str(home / "attachments")}
        argv = [*target.argv, "--transport", "streamable-http" if http else "stdio", *target.tool_args, *extra]
        self.log_path = home / f"{target.label}.log"
        log = open(self.log_path, "ab")
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(argv, env=env, cwd=home, stdin=subprocess.PIPE if not http else subprocess.DEVNULL,
                                     stdout=subprocess.PIPE if not http else log, stderr=log, start_new_session=True)
        log.close()

    def wait_health(self, timeout: float) -> float:
        deadline = self.t0 + timeout
        while time.perf_counter() < deadline:
            if bench.health_status(self.port) == 200:
                return (time.perf_counter() - self.t0) * 1000.0
            if self.proc.poll() is not None:
                break
            time.sleep(0.001)
        raise RuntimeError(f"no /health 200 within {timeout:.0f} s; log tail:\n{self.log_tail()}")

    def stdio_initialize(self, timeout: float) -> float:
        """Writes initialize at once; returns ms from spawn to the reply line on stdout."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"protocolVersion": SESSION_VERSION, "capabilities": {},
                           "clientInfo": {"name": "workspace-mcp-compare", "version": "1"}}}
        self.proc.stdin.write(json.dumps(init).encode() + b"\n")
        self.proc.stdin.flush()
        fd = self.proc.stdout.fileno()
        buf = b""
        deadline = self.t0 + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                if self.proc.poll() is not None:
                    break
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if isinstance(msg, dict) and msg.get("id") == 0:
                    if "result" not in msg:
                        raise RuntimeError(f"initialize failed: {msg}")
                    return (time.perf_counter() - self.t0) * 1000.0
        raise RuntimeError(f"no initialize reply on stdout within {timeout:.0f} s; log tail:\n{self.log_tail()}")

    def rss_mb(self, field_name: str = "VmRSS") -> float:
        return process_tree_kb(self.proc.pid, field_name) / 1024.0

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


# ------------------------------------------------------------------------------------------
# MCP over HTTP
# ------------------------------------------------------------------------------------------


def rpc_message(headers: dict[str, str], data: bytes) -> tuple[dict, int]:
    """The JSON-RPC reply and its size in bytes as sent (the SSE `data:` payload or the body)."""
    ctype = headers.get("content-type", "")
    if "text/event-stream" in ctype:
        for line in data.decode("utf-8", errors="replace").splitlines():
            if line.startswith("data:") and line[5:].strip():
                payload = line[5:].strip()
                msg = json.loads(payload)
                if isinstance(msg, dict) and ("result" in msg or "error" in msg):
                    return msg, len(payload.encode())
        raise RuntimeError(f"no JSON-RPC reply in the event stream: {data[:300]!r}")
    return json.loads(data), len(data)


class Session:
    """An initialized 2025-11-25 session on one keep-alive connection."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.connect()
        assert self.conn.sock is not None
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        base = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"protocolVersion": SESSION_VERSION, "capabilities": {},
                           "clientInfo": {"name": "workspace-mcp-compare", "version": "1"}}}
        status, headers, data = bench.post(self.conn, base, json.dumps(init).encode())
        if status != 200:
            raise RuntimeError(f"initialize: HTTP {status}: {data[:300]!r}")
        msg, _ = rpc_message(headers, data)
        if "result" not in msg:
            raise RuntimeError(f"initialize: {msg}")
        self.version = msg["result"].get("protocolVersion", "")
        session = headers.get("mcp-session-id")
        if not session:
            raise RuntimeError("initialize returned no Mcp-Session-Id")
        self.headers = {**base, "Mcp-Session-Id": session, "MCP-Protocol-Version": self.version}
        note = json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}).encode()
        status, _, _ = bench.post(self.conn, self.headers, note)
        if status not in (200, 202, 204):
            raise RuntimeError(f"notifications/initialized: HTTP {status}")
        self.next_id = 1

    def tools_list_raw(self) -> tuple[int, dict[str, str], bytes]:
        """One tools/list round trip, unparsed (so timing it leaves out the client's JSON parsing)."""
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": "tools/list", "params": {}}).encode()
        self.next_id += 1
        return bench.post(self.conn, self.headers, body)

    def tools_list(self, raw: tuple[int, dict[str, str], bytes] | None = None) -> tuple[list[dict], int]:
        status, headers, data = raw if raw is not None else self.tools_list_raw()
        if status != 200:
            raise RuntimeError(f"tools/list: HTTP {status}: {data[:300]!r}")
        msg, size = rpc_message(headers, data)
        if "result" not in msg:
            raise RuntimeError(f"tools/list: {msg}")
        if msg["result"].get("nextCursor"):
            raise RuntimeError("tools/list is paged; this benchmark expects one page")
        return msg["result"]["tools"], size

    def close(self) -> None:
        self.conn.close()


# ------------------------------------------------------------------------------------------
# Measurements
# ------------------------------------------------------------------------------------------


@dataclass
class Figures:
    tools: list[str] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    stdio_ms: list[float] = field(default_factory=list)
    idle_mb: float = 0.0
    after_mb: float = 0.0
    peak_mb: float = 0.0
    lists: int = 0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    tier_bytes: dict[str, tuple[int, int]] = field(default_factory=dict)  # tier -> (tools, bytes)
    tier_tools: dict[str, list[str]] = field(default_factory=dict)
    outbound: list[str] = field(default_factory=list)


def measure(target: Target, args: argparse.Namespace, trap: ProxyTrap, say) -> Figures:
    f = Figures()
    home = Path(tempfile.mkdtemp(prefix=f"wsmcp-compare-{target.label}."))
    try:
        for i in range(args.starts):
            r = Running(target, [], home, http=True)
            try:
                f.health_ms.append(r.wait_health(args.start_timeout))
            finally:
                r.stop()
            say(f"  {target.label}: /health {i + 1}/{args.starts}: {f.health_ms[-1]:.1f} ms")
        for i in range(args.starts):
            r = Running(target, [], home, http=False)
            try:
                f.stdio_ms.append(r.stdio_initialize(args.start_timeout))
            finally:
                r.stop()
            say(f"  {target.label}: stdio initialize {i + 1}/{args.starts}: {f.stdio_ms[-1]:.1f} ms")

        r = Running(target, [], home, http=True)
        try:
            r.wait_health(args.start_timeout)
            time.sleep(1.0)
            f.idle_mb = r.rss_mb()
            s = Session(r.port)
            times: list[float] = []
            tools: list[dict] = []
            for _ in range(args.lists):
                t0 = time.perf_counter_ns()
                raw = s.tools_list_raw()
                times.append((time.perf_counter_ns() - t0) / 1e6)
                tools, _ = s.tools_list(raw)  # every reply is checked, outside the timed part
            s.close()
            f.tools = sorted(t["name"] for t in tools)
            f.lists = len(times)
            f.after_mb = r.rss_mb()
            f.peak_mb = r.rss_mb("VmHWM")
            times.sort()
            f.p50_ms, f.p99_ms = bench.percentile(times, 0.5), bench.percentile(times, 0.99)
        finally:
            r.stop()
        say(f"  {target.label}: {len(f.tools)} tools, idle {f.idle_mb:.1f} MiB, after {f.lists} lists {f.after_mb:.1f} MiB, "
            f"p50 {f.p50_ms:.2f} ms")

        for tier in TIERS:
            r = Running(target, ["--tool-tier", tier], home, http=True)
            try:
                r.wait_health(args.start_timeout)
                s = Session(r.port)
                tools, size = s.tools_list()
                s.close()
            finally:
                r.stop()
            f.tier_bytes[tier] = (len(tools), size)
            f.tier_tools[tier] = sorted(t["name"] for t in tools)
        f.outbound = trap.take()
        return f
    except Exception as e:
        raise RuntimeError(f"{target.label}: {e}") from e
    finally:
        shutil.rmtree(home, ignore_errors=True)


def our_services(binary: Path, anchor: dict, env: dict[str, str],
                 trap: ProxyTrap) -> tuple[list[str], list[str], list[str]]:
    """Reference services this server covers, its tools in them, and its tools beyond the reference
    (Keep and Meet), from its full tools/list (no --tools, no tier)."""
    probe = Target("probe", [str(binary)], env, "")
    home = Path(tempfile.mkdtemp(prefix="wsmcp-compare-probe."))
    r = Running(probe, [], home, http=True)
    try:
        r.wait_health(20)
        s = Session(r.port)
        tools, _ = s.tools_list()
        s.close()
    finally:
        r.stop()
        shutil.rmtree(home, ignore_errors=True)
    trap.take()
    service_of = {t["name"]: t["service"] for t in anchor["tools"]}
    names = sorted(t["name"] for t in tools)
    beyond = [n for n in names if n not in service_of]
    order = list(anchor["counts"].keys())
    services = sorted({service_of[n] for n in names if n in service_of}, key=order.index)
    return services, [n for n in names if n in service_of], beyond


# ------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------


def every_service_table(full, ours, args, bin_b: int, image_mb, beyond: list[str]) -> list[str]:
    """The reference with all its services beside this server with every one of its own."""
    rows = [
        (f"start to first `GET /health` 200 (median of {args.starts})", med(full.health_ms), med(ours.health_ms),
         faster(statistics.median(full.health_ms), statistics.median(ours.health_ms))),
        (f"stdio start to `initialize` reply (median of {args.starts})", med(full.stdio_ms), med(ours.stdio_ms),
         faster(statistics.median(full.stdio_ms), statistics.median(ours.stdio_ms))),
        ("idle RSS, 1 s after `/health` answered", f"{full.idle_mb:.1f} MiB", f"{ours.idle_mb:.1f} MiB",
         ratio(full.idle_mb, ours.idle_mb)),
        (f"RSS after {full.lists:,} `tools/list` in one session (peak)", f"{full.after_mb:.1f} MiB (peak {full.peak_mb:.1f})",
         f"{ours.after_mb:.1f} MiB (peak {ours.peak_mb:.1f})", ratio(full.after_mb, ours.after_mb)),
        ("`tools/list` latency p50 / p99", f"{full.p50_ms:.3f} / {full.p99_ms:.3f} ms",
         f"{ours.p50_ms:.3f} / {ours.p99_ms:.3f} ms", faster(full.p50_ms, ours.p50_ms)),
        *((f"`tools/list` reply bytes, `--tool-tier {t}`", f"{full.tier_bytes[t][1]:,} B ({full.tier_bytes[t][0]} tools)",
           f"{ours.tier_bytes[t][1]:,} B ({ours.tier_bytes[t][0]} tools)", ratio(full.tier_bytes[t][1], ours.tier_bytes[t][1]))
          for t in TIERS),
        ("binary / container image", f"{SEED_IMAGE_MB:.0f} MB image (seed)",
         f"{bin_b:,} B binary" + (f", {image_mb:.1f} MB image" if image_mb else ""), "n/a"),
    ]
    return [
        f"## Every service: the reference ({len(full.tools)} tools) and this server ({len(ours.tools)} tools)",
        "",
        f"This server with no `--tools` also lists {len(beyond)} tools the reference has no service for "
        "(Keep and Meet), so its lists are longer than the reference's.",
        "",
        "| metric | reference, all services | ours, every service | ratio |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
    ]


def du_bytes(path: Path) -> int:
    """Disk usage in bytes, as `du -sb` reports it."""
    out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0])


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def ratio(ref: float, ours: float) -> str:
    """Reference ÷ ours for a size: "N× smaller" when ours is smaller."""
    if ours <= 0 or ref <= 0:
        return "n/a"
    r = ref / ours
    return f"{r:,.1f}× smaller" if r >= 1 else f"{1 / r:,.1f}× larger"


def faster(ref: float, ours: float) -> str:
    if ours <= 0 or ref <= 0:
        return "n/a"
    r = ref / ours
    return f"{r:,.0f}× faster" if r >= 10 else (f"{r:,.1f}× faster" if r >= 1 else f"{1 / r:,.1f}× slower")


def med(values: list[float]) -> str:
    return f"{statistics.median(values):,.1f} ms (min {min(values):,.1f}, max {max(values):,.1f})"


def docker_image_mb(name: str) -> tuple[float | None, str]:
    """Size of a local image in docker's MB, or None and why it is missing."""
    try:
        out = subprocess.run(["docker", "image", "inspect", name, "--format", "{{.Size}}"], capture_output=True,
                             text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"not measured: docker did not run ({e.__class__.__name__})"
    if out.returncode == 0 and out.stdout.strip().isdigit():
        return int(out.stdout.strip()) / 1000 / 1000, ""  # docker reports sizes in SI megabytes
    if "Cannot connect" in out.stderr or "daemon" in out.stderr.lower():
        return None, "not measured: the docker daemon is not running"
    return None, f"not measured: no `{name}` image (scripts that build it: see BENCHMARKS.md)"


def shared_libs(binary: Path) -> str:
    """The shared libraries the binary needs, as `ldd` lists them."""
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=False)
    libs = [ln.split()[0] for ln in out.stdout.splitlines() if ln.split() and "vdso" not in ln and "ld-linux" not in ln]
    return ", ".join(f"`{lib}`" for lib in libs) if libs else "no shared library (static)"


def tier_notes(fr: Figures, fo: Figures) -> list[str]:
    """Says which tools differ between the two servers' lists per tier (the byte rows compare them)."""
    notes = []
    for tier in TIERS:
        only_r = sorted(set(fr.tier_tools[tier]) - set(fo.tier_tools[tier]))
        only_o = sorted(set(fo.tier_tools[tier]) - set(fr.tier_tools[tier]))
        parts = [f"this server also lists {', '.join(only_o)}"] if only_o else []
        parts += [f"the reference also lists {', '.join(only_r)}"] if only_r else []
        if parts:
            notes.append(f"- `--tool-tier {tier}`: {'; '.join(parts)}.")
    if not notes:
        return ["Per tier, both servers list the same tools.", ""]
    head = ["The tier rows do not hold quite the same tools:", ""]
    if all(n.endswith("this server also lists start_google_auth.") for n in notes):
        head = ["The tier rows do not hold quite the same tools: this server keeps `start_google_auth` in every",
                "tier, so signing in stays possible, while the reference lists it only from `complete`.", ""]
    return [*head, *notes, ""]


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, type=Path, help="this server (release build)")
    ap.add_argument("--venv", required=True, type=Path, help="venv holding workspace-mcp==2.2.1")
    ap.add_argument("--anchor", type=Path, default=Path("/work/shared/anchor/tools.json"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--lists", type=int, default=1000, help="tools/list requests in the session (default 1000)")
    ap.add_argument("--start-timeout", type=float, default=60.0)
    ap.add_argument("--skip-full", action="store_true", help="skip the reference with all its services")
    ap.add_argument("--container-report", type=Path, default=Path(__file__).resolve().parent / "results" / "container.md")
    ap.add_argument("--command", default="")
    args = ap.parse_args()

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    binary = args.binary.resolve()
    ref_bin = args.venv.resolve() / "bin" / "workspace-mcp"
    for p in (binary, ref_bin):
        if not os.access(p, os.X_OK):
            say(f"compare: no executable at {p}")
            return 2
    anchor = json.loads(args.anchor.read_text())
    trap = ProxyTrap()
    proxy = f"http://127.0.0.1:{trap.port}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "GOOGLE_OAUTH_CLIENT_ID": DUMMY_CLIENT_ID,
        "GOOGLE_OAUTH_CLIENT_SECRET": "x",
        "HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "http_proxy": proxy,
        "NO_PROXY": "", "no_proxy": "",
    }
    load_before = loadavg()
    try:
        services, our_names, beyond = our_services(binary, anchor, env, trap)
        covers_all = set(services) == set(anchor["counts"].keys())
        ref_in_services = sorted(t["name"] for t in anchor["tools"] if t["service"] in services)
        missing = [n for n in ref_in_services if n not in our_names]
        say(f"compare: services {services}; this server has {len(our_names)} tools, "
            f"the reference {len(ref_in_services)} in them ({len(missing)} disabled on the reference)")
        tool_args = ["--tools", *services]
        ref_args = [*tool_args, *(["--disabled-tools", *missing] if missing else [])]
        ref = Target("reference", [str(ref_bin)], env, "default OAuth 2.0 mode, dummy OAuth client", ref_args)
        ours = Target("ours", [str(binary)], env, "real mode (dummy OAuth client, no `--sandbox`)", tool_args)
        say("compare: measuring the reference")
        fr = measure(ref, args, trap, say)
        say("compare: measuring this server")
        fo = measure(ours, args, trap, say)
        full = None
        if covers_all:
            full = fr  # --tools with every service of the reference is the reference with all its services
        elif not args.skip_full:
            say("compare: measuring the reference with all services")
            full = measure(Target("reference-all", [str(ref_bin)], env, "all services", []), args, trap, say)
        ours_all = None
        if beyond:
            say(f"compare: measuring this server with every service ({len(beyond)} tools beyond the reference)")
            ours_all = measure(Target("ours-all", [str(binary)], env, "every service, no `--tools`", []), args, trap, say)
    except Exception as e:  # noqa: BLE001 - one line and a non-zero exit
        say(f"compare: failed: {e}")
        return 1
    finally:
        trap.close()
    if fr.tools != fo.tools:
        say(f"compare: tool sets differ: only reference {sorted(set(fr.tools) - set(fo.tools))}, "
            f"only ours {sorted(set(fo.tools) - set(fr.tools))}")
        return 1

    site = sorted((args.venv.resolve() / "lib").glob("python*/site-packages"))
    site_b = du_bytes(site[0]) if site else 0
    venv_b = du_bytes(args.venv.resolve())
    bin_b = binary.stat().st_size
    ver = subprocess.run([str(args.venv / "bin" / "python"), "-c",
                          "import importlib.metadata as m, sys; print(m.version('workspace-mcp'), m.version('fastmcp'), "
                          "m.version('mcp'), sys.version.split()[0])"], capture_output=True, text=True, check=False).stdout.split()
    ref_ver = dict(zip(("workspace-mcp", "fastmcp", "mcp", "python"), ver))
    our_ver = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False).stdout.strip()
    m = bench.machine()

    h_r, h_o = statistics.median(fr.health_ms), statistics.median(fo.health_ms)
    s_r, s_o = statistics.median(fr.stdio_ms), statistics.median(fo.stdio_ms)
    rows = [
        (f"start to first `GET /health` 200 (median of {args.starts})", med(fr.health_ms), med(fo.health_ms), faster(h_r, h_o)),
        (f"stdio start to `initialize` reply (median of {args.starts})", med(fr.stdio_ms), med(fo.stdio_ms), faster(s_r, s_o)),
        ("idle RSS, 1 s after `/health` answered", f"{fr.idle_mb:.1f} MiB", f"{fo.idle_mb:.1f} MiB", ratio(fr.idle_mb, fo.idle_mb)),
        (f"RSS after {fr.lists:,} `tools/list` in one session (peak)", f"{fr.after_mb:.1f} MiB (peak {fr.peak_mb:.1f})",
         f"{fo.after_mb:.1f} MiB (peak {fo.peak_mb:.1f})", ratio(fr.after_mb, fo.after_mb)),
        (f"`tools/list` latency p50 ({SESSION_VERSION} session, HTTP)", f"{fr.p50_ms:.3f} ms", f"{fo.p50_ms:.3f} ms",
         faster(fr.p50_ms, fo.p50_ms)),
        (f"`tools/list` latency p99 ({SESSION_VERSION} session, HTTP)", f"{fr.p99_ms:.3f} ms", f"{fo.p99_ms:.3f} ms",
         faster(fr.p99_ms, fo.p99_ms)),
    ]
    for tier in TIERS:
        (nr, br), (no, bo) = fr.tier_bytes[tier], fo.tier_bytes[tier]
        rows.append((f"`tools/list` reply bytes, `--tool-tier {tier}`", f"{br:,} B ({nr} tools)", f"{bo:,} B ({no} tools)",
                     ratio(br, bo)))
    rows.append(("install size: the venv's site-packages / the release binary", mib(site_b), mib(bin_b), ratio(site_b, bin_b)))

    image_mb, why = docker_image_mb("workspace-mcp:ci")
    image_rows = [("container image size (`workspace-mcp:ci`; the reference's from the seed document)",
                   f"{SEED_IMAGE_MB:.0f} MB (seed, not measured here)",
                   f"{image_mb:.1f} MB" if image_mb is not None else why,
                   ratio(SEED_IMAGE_MB, image_mb) if image_mb else "n/a")]
    container_note = (f"`docker run` to healthy: see [{args.container_report.name}]({args.container_report.name})"
                      if args.container_report.exists() else
                      "`docker run` to healthy: pending; `bench/results/container.md` does not exist yet "
                      "(the container check writes it).")

    lines = [
        "# workspace-mcp against the reference workspace-mcp 2.2.1 (same tool set, loopback)",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, Linux {m['kernel']}; "
        f"load average {load_before} at start, {loadavg()} at end (other work shares the cores)",
        f"- Reference: workspace-mcp {ref_ver.get('workspace-mcp', '?')} (fastmcp {ref_ver.get('fastmcp', '?')}, "
        f"mcp {ref_ver.get('mcp', '?')}, Python {ref_ver.get('python', '?')}) from PyPI in `{args.venv}`; "
        f"{ref.mode}",
        f"- This server: `{binary}` ({our_ver}); {ours.mode}",
        f"- Tool set: services {', '.join(services)}; {len(fo.tools)} tools on both"
        + (f" (the reference runs with `--disabled-tools` for the {len(missing)} tools of these services this server "
           f"does not have yet: {', '.join(missing)})" if missing else ""),
        f"- Flags: reference `{' '.join(ref_args)}`, this server `{' '.join(tool_args)}`; "
        "plus `--transport streamable-http|stdio` and, for the tier rows, `--tool-tier`",
        f"- Outbound connection attempts caught by the proxy trap: reference {len(fr.outbound)}, this server {len(fo.outbound)}"
        + (f", reference with all services {len(full.outbound)}" if full else ""),
        "",
        "| metric | reference | ours | ratio |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows + image_rows),
        "",
        container_note,
        "",
        f"The reference's whole venv is {mib(venv_b)} (site-packages {mib(site_b)}); it also needs a Python "
        f"interpreter. The binary links only {shared_libs(binary)}.",
        "",
        *tier_notes(fr, fo),
    ]
    if full is not None and ours_all is not None:
        lines += every_service_table(full, ours_all, args, bin_b, image_mb, beyond)
    elif full is not None:
        lines += [
            f"## The reference with all its services ({len(full.tools)} tools), for context",
            "",
            "| metric | reference, all services |",
            "| --- | --- |",
            f"| start to first `GET /health` 200 (median of {args.starts}) | {med(full.health_ms)} |",
            f"| stdio start to `initialize` reply (median of {args.starts}) | {med(full.stdio_ms)} |",
            f"| idle RSS, 1 s after `/health` answered | {full.idle_mb:.1f} MiB |",
            f"| RSS after {full.lists:,} `tools/list` in one session (peak) | {full.after_mb:.1f} MiB (peak {full.peak_mb:.1f}) |",
            f"| `tools/list` latency p50 / p99 | {full.p50_ms:.3f} ms / {full.p99_ms:.3f} ms |",
            *(f"| `tools/list` reply bytes, `--tool-tier {t}` | {full.tier_bytes[t][1]:,} B ({full.tier_bytes[t][0]} tools) |"
              for t in TIERS),
            "",
        ]
    lines += [
        "## How each figure is measured",
        "",
        "- Both servers get the same environment: `GOOGLE_OAUTH_CLIENT_ID=bench.apps.googleusercontent.com`,",
        "  `GOOGLE_OAUTH_CLIENT_SECRET=x`, a fresh temporary `HOME` with `WORKSPACE_MCP_CREDENTIALS_DIR` and",
        "  `WORKSPACE_ATTACHMENT_DIR` inside it, `PORT`/`WORKSPACE_MCP_PORT` set to a free port, logs to a file,",
        "  and `HTTP(S)_PROXY` pointing at a local listener that refuses and counts every outbound attempt.",
        "- Start to `/health`: time from spawn to the first `GET /health` answered 200 (polled every 1 ms).",
        "- stdio start: the `initialize` request is written to stdin right after spawn; the time runs to its",
        "  reply line on stdout.",
        "- RSS: VmRSS (VmHWM for the peak) from `/proc/PID/status`, summed over the process and its children.",
        f"- `tools/list`: {args.lists:,} sequential requests in one {SESSION_VERSION} session (after `initialize` and",
        "  `notifications/initialized`) on one keep-alive connection with TCP_NODELAY (Python `http.client`);",
        "  each is timed at the client from sending the request to having read the whole reply, so the",
        "  client's own per-request time is included and its JSON parsing is not; the first,",
        "  cold request is included. The RSS row is read right after them.",
        "- Reply bytes: the JSON-RPC reply message as sent (the `data:` payload when the reply is an SSE",
        "  event, else the body), one fresh server per tier. Tiers are cumulative.",
        "- Install size: `du -sb` of the venv's `site-packages` against the size of the release binary.",
        "- Ratios are reference ÷ ours for times and sizes. MiB = 2^20 bytes; the image sizes are docker's",
        "  MB (10^6 bytes), as `docker images` shows them.",
        "",
        "Command:",
        "",
        "```",
        args.command or f"python3 bench/compare.py --binary {binary} --venv {args.venv}",
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
