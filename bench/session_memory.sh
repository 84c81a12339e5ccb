#!/usr/bin/env bash
# Memory of workspace-mcp under a session flood: 5,000 `initialize` requests (2025-11-25
# revision) that never send `notifications/initialized`, the abandoned handshake a careless or
# hostile client leaves behind. Sandbox mode over streamable HTTP, log level info to a file.
# For each setup prints the server's idle RSS (1 s after /health answered), its RSS right after
# the flood and 5 s later, peak RSS (VmHWM), the flood's duration, and /health's latency after it:
#   default              the default session cap (WORKSPACE_MCP_MAX_SESSIONS=500)
#   cap above the flood  WORKSPACE_MCP_MAX_SESSIONS=100000: every session is kept, as before
#                        the cap existed, to show what the cap saves
# Loopback only; every process started here is stopped before exit (under a minute).
#
# Usage (from anywhere):
#   cargo build --release -p workspace-mcp
#   bench/session_memory.sh
#
# Environment:
#   WORKSPACE_MCP_BIN   server binary (default: target/release/workspace-mcp)
#   SESSIONS            initialize requests to send (default: 5000)
# Needs python3 (stdlib only).

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
BIN="${WORKSPACE_MCP_BIN:-$TARGET/release/workspace-mcp}"
COUNT="${SESSIONS:-5000}"

if [[ ! -x "$BIN" ]]; then
  echo "session_memory: no binary at $BIN; build it with: cargo build --release -p workspace-mcp" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "session_memory: python3 is needed" >&2; exit 2; }

exec env PYTHONPATH="$REPO/bench" python3 - "$BIN" "$COUNT" <<'PY'
import http.client, json, os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path

from bench import free_port, status_kb, stop_process as stop  # bench/bench.py

binary, count = Path(sys.argv[1]).resolve(), int(sys.argv[2])
INIT = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {},
    "clientInfo": {"name": "session-bench", "version": "1"}}}).encode()
HEADERS = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
           "MCP-Protocol-Version": "2025-11-25"}


def health_ms(port):
    t0 = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/health")
    ok = c.getresponse().status == 200
    c.close()
    return (time.perf_counter() - t0) * 1000 if ok else None


def measure(work, label, extra_env):
    home = work / label.replace(" ", "-")
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", "NO_COLOR": "1",
           "WORKSPACE_MCP_LOG_LEVEL": "info", **extra_env}
    port = free_port()
    env["PORT"] = str(port)
    log = open(home / "server.log", "wb")
    server = subprocess.Popen([str(binary), "--sandbox", "--transport", "streamable-http"], env=env, cwd=home,
                              stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    try:
        deadline = time.time() + 15
        while True:
            try:
                if health_ms(port) is not None:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("server did not start: " + (home / "server.log").read_text()[-2000:])
            time.sleep(0.05)
        time.sleep(1)
        idle = status_kb(server.pid, "VmRSS")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sessions = set()
        t0 = time.perf_counter()
        for _ in range(count):
            conn.request("POST", "/mcp", body=INIT, headers=HEADERS)
            resp = conn.getresponse()
            resp.read()
            if resp.status != 200:
                raise RuntimeError(f"initialize answered {resp.status}")
            sessions.add(resp.getheader("mcp-session-id"))
        flood_s = time.perf_counter() - t0
        conn.close()
        after = status_kb(server.pid, "VmRSS")
        time.sleep(5)
        settled = status_kb(server.pid, "VmRSS")
        peak = status_kb(server.pid, "VmHWM")
        return idle, after, settled, peak, flood_s, len(sessions), health_ms(port)
    finally:
        stop(server)


work = Path(tempfile.mkdtemp(prefix="wsmcp-session-bench-"))
try:
    rows = []
    for label, extra in [("default", {}), ("cap above the flood", {"WORKSPACE_MCP_MAX_SESSIONS": "100000"})]:
        rows.append((label, *measure(work, label, extra)))
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    mib = lambda kb: f"{kb / 1024:.1f} MiB"
    print(f"{count:,} initialize requests without notifications/initialized, one keep-alive connection, {version}")
    print()
    print("| setup | idle RSS | RSS after the flood | RSS 5 s later | peak RSS (VmHWM) | flood time | distinct session ids | /health after |")
    print("|---|---|---|---|---|---|---|---|")
    for label, idle, after, settled, peak, flood_s, ids, health in rows:
        h = f"{health:.1f} ms" if health is not None else "no answer"
        print(f"| {label} | {mib(idle)} | {mib(after)} | {mib(settled)} | {mib(peak)} | {flood_s:.1f} s | {ids:,} | {h} |")
finally:
    shutil.rmtree(work, ignore_errors=True)
PY
