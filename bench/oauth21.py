#!/usr/bin/env python3
"""Benchmarks tool calls over OAuth 2.1 (MCP_ENABLE_OAUTH21=true) with one or more replicas.

Starts --replicas servers on the sandbox in OAuth 2.1 mode sharing one state store (memory for a
single replica; a local redis-server for the valkey store) and one signing key, all publishing the
same URL (WORKSPACE_EXTERNAL_URL), so a token from one is good at every other, as behind a load
balancer. Signs in once the way a client and its user's browser do (registration, consent page,
the sandbox's Google sign-in, code exchange with PKCE), then measures, for search_gmail_messages
as stateless 2026-07-28 requests carrying the bearer token:

  * latency p50/p99: sequential requests on one keep-alive connection per replica, taken in turn
  * throughput: wrk against every replica at once (the connections split between them), summed;
    the client balances, so no proxy's own cost is in the figure
  * Google requests per MCP request: the servers' `google call` debug lines (every outgoing Google
    API request logs one) over a batch of sequential calls, and with valkey the store's commands
    per call (redis-server's INFO commandstats)

and the same latency and throughput without OAuth (one server on the sandbox, legacy mode) as the
baseline of the same run. Everything listens on 127.0.0.1; every process is stopped at exit.

Usage (from the repository root, after `cargo build --release -p workspace-mcp`):
    python3 bench/oauth21.py --replicas 1 --out bench/results/oauth21-1.md
    python3 bench/oauth21.py --replicas 3 --store valkey [--stateless] --out bench/results/oauth21-3.md
Needs wrk (apt-get install wrk) and, for --store valkey, redis-server.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the shared request, wrk and report helpers)

SIGNING_KEY = "bench-signing-key-bench-signing-key-0123456789"
REDIRECT = "http://127.0.0.1:9/callback"
VERIFIER = "bench-verifier-bench-verifier-bench-verifier-bench-verifier"


class Replica(bench.Server):
    """The sandbox server with extra environment (OAuth 2.1, the store, the shared URL)."""

    def __init__(self, binary: Path, home: Path, env: dict[str, str], port: int):
        super().__init__(binary, home)
        self.extra = env
        self.fixed_port = port

    def start(self, timeout: float = 10.0) -> float:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "LANG": "C.UTF-8", "NO_COLOR": "1",
               "PORT": str(self.fixed_port), "RUST_LOG": "info,google=debug", **self.extra}
        self.port = self.fixed_port
        with open(self.log_path, "ab") as log:
            t0 = time.perf_counter()
            self.proc = subprocess.Popen([str(self.binary), "--sandbox", "--transport", "streamable-http"], env=env,
                                         cwd=self.home, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         start_new_session=True)
        while time.perf_counter() < t0 + timeout:
            if bench.health_status(self.port) == 200:
                return (time.perf_counter() - t0) * 1000.0
            if self.proc.poll() is not None:
                break
            time.sleep(0.005)
        raise RuntimeError(f"replica on {self.port} did not start:\n{self.log_tail()}")

    def google_calls(self) -> int:
        return self.log_path.read_text(errors="replace").count("google call")


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    """One HTTP request without following redirects: (status, headers, body)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    path = u.path + (f"?{u.query}" if u.query else "")
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def sign_in(base: str) -> str:
    """Registration, consent, Google (the sandbox), callback and code exchange; the access token."""
    meta = json.loads(request("GET", f"{base}/.well-known/oauth-authorization-server")[2])
    reg = json.loads(request("POST", meta["registration_endpoint"], json.dumps(
        {"redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none", "client_name": "bench"}).encode(),
        {"Content-Type": "application/json"})[2])
    challenge = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).decode().rstrip("=")
    query = urllib.parse.urlencode({"response_type": "code", "client_id": reg["client_id"], "redirect_uri": REDIRECT,
                                    "code_challenge": challenge, "code_challenge_method": "S256", "state": "s",
                                    "resource": f"{base}/mcp"})
    consent = request("GET", f"{meta['authorization_endpoint']}?{query}")[1]["location"]
    _, headers, page = request("GET", consent)
    cookie = headers["set-cookie"].split(";")[0]
    field = {n: re.search(rf'name={n} value="([^"]*)"', page.decode()).group(1) for n in ("request", "csrf")}
    form = urllib.parse.urlencode({**field, "decision": "approve"}).encode()
    google = request("POST", f"{base}/consent", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                        "Cookie": cookie})[1]["location"]
    callback = request("GET", google)[1]["location"]
    back = request("GET", callback)[1]["location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(back).query)["code"][0]
    token = json.loads(request("POST", meta["token_endpoint"], urllib.parse.urlencode({
        "grant_type": "authorization_code", "code": code, "code_verifier": VERIFIER, "client_id": reg["client_id"],
        "redirect_uri": REDIRECT}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})[2])
    return token["access_token"]


def redis_commands(port: int) -> dict[str, int]:
    """Calls so far per command name, from redis-server's INFO commandstats."""
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO", "commandstats"], capture_output=True, text=True,
                         check=True).stdout
    return {name.upper(): int(calls) for name, calls in re.findall(r"cmdstat_([\w|]+):calls=(\d+)", out)}


def store_per_call(before: dict[str, int], after: dict[str, int], calls: int) -> str:
    """Store commands per tool call, in all and by command ("3.00: GET 2.00, EVALSHA 1.00")."""
    delta = {k: v - before.get(k, 0) for k, v in after.items() if k != "INFO" and v - before.get(k, 0) > 0}
    parts = ", ".join(f"{k} {v / calls:.2f}" for k, v in sorted(delta.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{sum(delta.values()) / calls:.2f} ({parts})"


def per_call(replicas: list[Replica], headers: dict[str, str], body: bytes, count: int) -> float:
    """Outgoing Google API requests per tool call: `count` sequential calls spread over the replicas."""
    before = sum(r.google_calls() for r in replicas)
    for i in range(count):
        conn = http.client.HTTPConnection("127.0.0.1", replicas[i % len(replicas)].port, timeout=10)
        bench.check_ok(*bench.post(conn, headers, body), "tools/call")
        conn.close()
    return (sum(r.google_calls() for r in replicas) - before) / count


def measure(servers: list, headers: dict[str, str], body: bytes, args, home: Path) -> tuple[dict, dict]:
    """Sequential latency (requests taken in turn by each replica) and wrk throughput on all at once, with the
    CPU time the servers (and redis-server, when given as the last, non-Replica entry) spent per call."""
    replicas = [s for s in servers if isinstance(s, Replica)]
    ports = [r.port for r in replicas]
    for port in ports:
        bench.warm_up(port, headers, body, 50)
    runs = [bench.sequential_latency(port, headers, body, args.latency_requests // len(ports)) for port in ports]
    times = {"requests": sum(r["requests"] for r in runs), "errors": sum(r["errors"] for r in runs),
             "p50_us": max(r["p50_us"] for r in runs), "p99_us": max(r["p99_us"] for r in runs)}
    cpu_before = [cpu_seconds(s) for s in servers]
    # The same wrk processes whatever the number of replicas (client i drives replica i mod N), so one
    # replica, three and the baseline face the same client side; each client gets its own work directory.
    procs = []
    for i in range(args.clients):
        workdir = home / f"wrk-{len(ports)}-{i}"
        workdir.mkdir(exist_ok=True)
        procs.append(subprocess.Popen([sys.executable, "-c", (
            "import json,sys; sys.path.insert(0, sys.argv[1]); import bench; from pathlib import Path; "
            "r,_=bench.run_wrk(int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4].encode(), 1, int(sys.argv[5]), "
            "int(sys.argv[6]), int(sys.argv[7]), Path(sys.argv[8])); print(json.dumps(r))"),
            str(Path(__file__).resolve().parent), str(ports[i % len(ports)]), json.dumps(headers), body.decode(),
            str(max(1, args.connections // args.clients)), str(args.seconds), str(args.max_calls // args.clients),
            str(workdir)], stdout=subprocess.PIPE, text=True))
    results = [json.loads(p.communicate(timeout=args.seconds + 60)[0]) for p in procs]
    cpu = [cpu_seconds(s) - c for s, c in zip(servers, cpu_before)]
    seconds = max(r["duration_us"] for r in results) / 1e6
    total = sum(r["requests"] for r in results)
    thr = {"requests": total, "errors": sum(r["errors"] + r["socket_errors"] for r in results),
           "per_second": total / seconds if seconds else 0.0,
           "server_cpu_us": sum(cpu[:len(replicas)]) / total * 1e6 if total else 0.0,
           "store_cpu_us": sum(cpu[len(replicas):]) / total * 1e6 if total else None}
    return times, thr


def cpu_seconds(server) -> float:
    """CPU time so far of a server (a Replica) or of a plain process (redis-server)."""
    return server.cpu_seconds() if isinstance(server, Replica) else bench.process_cpu_seconds(server.pid)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, default=Path("target/release/workspace-mcp"))
    ap.add_argument("--replicas", type=int, default=1)
    ap.add_argument("--store", choices=["memory", "valkey"], default="memory")
    ap.add_argument("--stateless", action="store_true", help="WORKSPACE_MCP_STATELESS_MODE=true on every replica")
    ap.add_argument("--connections", type=int, default=30)
    ap.add_argument("--clients", type=int, default=3, help="wrk processes, one thread each; client i drives replica "
                    "i mod N (keep it a multiple of --replicas)")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--max-calls", type=int, default=200_000)
    ap.add_argument("--latency-requests", type=int, default=1500)
    ap.add_argument("--google-batch", type=int, default=200)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.replicas > 1 and args.store == "memory":
        ap.error("replicas share their state through a store: use --store valkey")
    if not shutil.which("wrk"):
        ap.error("wrk is needed (apt-get install wrk)")
    binary = args.binary.resolve()
    home = Path(tempfile.mkdtemp(prefix="wsmcp-bench-oauth21-"))
    load_before = bench.loadavg()
    procs: list = []
    redis = None
    try:
        store_env = {"WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND": args.store}
        if args.store == "valkey":
            rport = bench.free_port()
            redis = subprocess.Popen(["redis-server", "--port", str(rport), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL, cwd=home)
            time.sleep(0.3)
            store_env |= {"WORKSPACE_MCP_OAUTH_PROXY_VALKEY_HOST": "127.0.0.1",
                          "WORKSPACE_MCP_OAUTH_PROXY_VALKEY_PORT": str(rport)}
        ports = [bench.free_port() for _ in range(args.replicas)]
        public = f"http://127.0.0.1:{ports[0]}"
        env = {"MCP_ENABLE_OAUTH21": "true", "WORKSPACE_MCP_HOST": "127.0.0.1", "WORKSPACE_MCP_TOOLS": "gmail",
               "WORKSPACE_EXTERNAL_URL": public, "FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY": SIGNING_KEY,
               **store_env, **({"WORKSPACE_MCP_STATELESS_MODE": "true"} if args.stateless else {})}
        replicas = []
        for i, port in enumerate(ports):
            rhome = home / f"replica-{i}"
            rhome.mkdir()
            replicas.append(Replica(binary, rhome, env, port))
            procs.append(replicas[-1])
            replicas[-1].start()
        token = sign_in(public)
        headers, body = bench.stateless_request("tools/call", {"name": "search_gmail_messages",
                                                               "arguments": bench.SEARCH_ARGS}, "search_gmail_messages")
        headers = {**headers, "Authorization": f"Bearer {token}"}

        # Google requests and store commands per MCP request, over a sequential batch spread over the replicas.
        store_before = redis_commands(rport) if redis else {}
        google_per_call = per_call(replicas, headers, body, args.google_batch)
        store_calls = store_per_call(store_before, redis_commands(rport), args.google_batch) if redis else None

        latency, thr = measure(replicas + ([redis] if redis else []), headers, body, args, home)
        for r in replicas:
            r.stop()

        base_home = home / "baseline"
        base_home.mkdir()
        baseline = Replica(binary, base_home, {"WORKSPACE_MCP_HOST": "127.0.0.1", "WORKSPACE_MCP_TOOLS": "gmail"},
                           bench.free_port())
        procs.append(baseline)
        baseline.start()
        plain_headers = {k: v for k, v in headers.items() if k != "Authorization"}
        base_google = per_call([baseline], plain_headers, body, args.google_batch)
        base_latency, base_thr = measure([baseline], plain_headers, body, args, home)
        baseline.stop()
    finally:
        for p in procs:
            p.stop()
        if redis:
            bench.stop_process(redis)
        shutil.rmtree(home, ignore_errors=True)

    m = bench.machine()
    mode = f"OAuth 2.1, {args.replicas} replica{'s' if args.replicas > 1 else ''}, {args.store} store" + (
        ", stateless" if args.stateless else "")
    rows = [
        ("tools/call p50 / p99", f"{bench.fmt_ms(latency['p50_us'])} / {bench.fmt_ms(latency['p99_us'])}",
         f"{bench.fmt_ms(base_latency['p50_us'])} / {bench.fmt_ms(base_latency['p99_us'])}"),
        ("throughput (calls/s)", f"{thr['per_second']:,.0f} ({thr['requests']:,} calls, {thr['errors']} errors)",
         f"{base_thr['per_second']:,.0f} ({base_thr['requests']:,} calls, {base_thr['errors']} errors)"),
        ("Google API requests per tool call", f"{google_per_call:.2f}", f"{base_google:.2f}"),
        ("server CPU per tool call (during the wrk run)", f"{thr['server_cpu_us']:.0f} µs",
         f"{base_thr['server_cpu_us']:.0f} µs"),
    ]
    if store_calls is not None:
        rows += [("store commands per tool call", store_calls, "none"),
                 ("redis-server CPU per tool call", f"{thr['store_cpu_us']:.0f} µs", "none")]
    lines = [
        f"# workspace-mcp over OAuth 2.1 ({mode})", "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; machine: {m['nproc']} cores ({m['cpu']}), load average "
        f"{load_before} at start, {bench.loadavg()} at end; replicas, wrk and redis-server share the cores",
        f"- Binary: `{binary}`; request: `tools/call search_gmail_messages`, stateless 2026-07-28, bearer token",
        f"- Latency: {latency['requests']} sequential calls ({latency['errors']} errors), one keep-alive connection "
        f"per replica taken in turn, the worst replica's percentiles; throughput: {args.clients} wrk processes (one "
        f"thread each, client i on replica i mod {args.replicas}), {args.connections} connections in all, "
        f"{args.seconds} s; CPU: user+system time of the servers (and of redis-server) over the wrk run, "
        "divided by its calls", "",
        f"| measure | {mode} | no OAuth (same run) |", "| --- | --- | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows), "",
        "Command: `" + " ".join(["python3", "bench/oauth21.py", *sys.argv[1:]]) + "`", "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
