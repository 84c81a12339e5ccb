#!/usr/bin/env bash
# Peak memory of workspace-mcp while create_drive_file uploads a 50 MB local file
# (fileUrl=file://..., a resumable upload streamed from disk in 8 MiB chunks) in sandbox mode
# over streamable HTTP. Prints, for two setups, the server's RSS before the upload, its peak
# RSS (VmHWM from /proc) and the upload time:
#   split       the Drive emulation runs in its own process (the drive_sandbox example) and
#               the server reaches it through WORKSPACE_MCP_SANDBOX_URL, so the figure is the
#               server's upload path alone;
#   in-process  plain --sandbox: the emulation lives in the server's process and keeps the
#               50 MB it received (plus its session buffer), so the peak includes those copies.
# Loopback only; every process started here is stopped before exit (about half a minute).
#
# Usage (from anywhere):
#   cargo build --release -p workspace-mcp
#   cargo build -p wsmcp-drive --example drive_sandbox
#   bench/upload_memory.sh
#
# Environment:
#   WORKSPACE_MCP_BIN   server binary (default: target/release/workspace-mcp)
#   DRIVE_SANDBOX_BIN   stand-alone sandbox (default: target/debug/examples/drive_sandbox;
#                       without it only the in-process setup is measured)
#   UPLOAD_BYTES        upload size (default: 50000000)
# Needs python3 (stdlib only).

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
BIN="${WORKSPACE_MCP_BIN:-$TARGET/release/workspace-mcp}"
SANDBOX_BIN="${DRIVE_SANDBOX_BIN:-$TARGET/debug/examples/drive_sandbox}"
SIZE="${UPLOAD_BYTES:-50000000}"

if [[ ! -x "$BIN" ]]; then
  echo "upload_memory: no binary at $BIN; build it with: cargo build --release -p workspace-mcp" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "upload_memory: python3 is needed" >&2; exit 2; }

exec env PYTHONPATH="$REPO/bench" python3 - "$BIN" "$SANDBOX_BIN" "$SIZE" <<'PY'
import http.client, json, os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path

from bench import free_port, status_kb, stop_process as stop  # bench/bench.py

binary, sandbox_bin, size = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
PROTOCOL = "2026-07-28"


def call_tool(port, name, arguments, timeout):
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
        "name": name, "arguments": arguments,
        "_meta": {"io.modelcontextprotocol/protocolVersion": PROTOCOL,
                  "io.modelcontextprotocol/clientInfo": {"name": "upload-bench", "version": "1"},
                  "io.modelcontextprotocol/clientCapabilities": {}}}}
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
               "MCP-Protocol-Version": PROTOCOL, "Mcp-Method": "tools/call", "Mcp-Name": name}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("POST", "/mcp", body=json.dumps(body).encode(), headers=headers)
    resp = conn.getresponse()
    raw = resp.read().decode("utf-8", "replace")
    conn.close()
    if "text/event-stream" in (resp.getheader("content-type") or ""):
        raw = next(l[5:].strip() for l in raw.splitlines() if l.startswith("data:") and ('"result"' in l or '"error"' in l))
    msg = json.loads(raw)
    result = msg.get("result") or {}
    if resp.status != 200 or "error" in msg or result.get("isError"):
        raise RuntimeError(f"{name} failed: HTTP {resp.status}: {raw[:500]}")
    return "".join(c.get("text", "") for c in result.get("content", []))


def measure(work, big, split):
    sandbox = None
    home = work / ("home-split" if split else "home-inproc")
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", "NO_COLOR": "1",
           "ALLOWED_FILE_DIRS": str(big.parent), "WORKSPACE_ATTACHMENT_DIR": str(home / "attachments"),
           "WORKSPACE_MCP_CREDENTIALS_DIR": str(home / "credentials")}
    server = None
    try:
        if split:
            sandbox = subprocess.Popen([str(sandbox_bin)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       stdin=subprocess.DEVNULL, text=True, start_new_session=True)
            env["WORKSPACE_MCP_SANDBOX_URL"] = sandbox.stdout.readline().strip()
        port = free_port()
        env["PORT"] = str(port)
        log = open(home / "server.log", "wb")
        server = subprocess.Popen([str(binary), "--sandbox", "--transport", "streamable-http"], env=env, cwd=home,
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
        deadline = time.time() + 15
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("server did not start: " + (home / "server.log").read_text()[-2000:])
            time.sleep(0.05)
        # Warm up the code paths, connection pool and allocator with a small upload.
        call_tool(port, "create_drive_file", {"file_name": "warm.txt", "content": "warm"}, 30)
        time.sleep(0.5)
        base_rss, base_hwm = status_kb(server.pid, "VmRSS"), status_kb(server.pid, "VmHWM")
        t0 = time.perf_counter()
        text = call_tool(port, "create_drive_file",
                         {"file_name": "big.bin", "fileUrl": big.as_uri(), "mime_type": "application/octet-stream"}, 300)
        seconds = time.perf_counter() - t0
        if "resumable" not in text:
            raise RuntimeError("expected a resumable upload, got: " + text)
        peak = status_kb(server.pid, "VmHWM")
        sandbox_peak = status_kb(sandbox.pid, "VmHWM") if sandbox else None
        return base_rss, base_hwm, peak, seconds, sandbox_peak
    finally:
        stop(server)
        stop(sandbox)


work = Path(tempfile.mkdtemp(prefix="wsmcp-upload-bench-"))
try:
    allowed = work / "allowed"
    allowed.mkdir()
    big = allowed / "big.bin"
    with open(big, "wb") as f:
        left = size
        while left:
            n = min(left, 1 << 20)
            f.write(os.urandom(n))
            left -= n
    mb = lambda kb: f"{kb / 1024:.1f} MB"
    rows = []
    setups = [("split", True)] if sandbox_bin.exists() else []
    if not setups:
        print(f"(no {sandbox_bin}: split setup skipped; cargo build -p wsmcp-drive --example drive_sandbox)", file=sys.stderr)
    setups.append(("in-process", False))
    for label, split in setups:
        base_rss, base_hwm, peak, seconds, sandbox_peak = measure(work, big, split)
        rows.append((label, base_rss, base_hwm, peak, seconds, sandbox_peak))
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Upload of {size:,} bytes with create_drive_file (fileUrl=file://..., resumable, 8 MiB chunks), {version}")
    print()
    print("| setup | server RSS before | server peak RSS (VmHWM) | peak - before | upload time | throughput | sandbox process peak |")
    print("|---|---|---|---|---|---|---|")
    for label, base_rss, base_hwm, peak, seconds, sandbox_peak in rows:
        other = mb(sandbox_peak) if sandbox_peak else "(same process)"
        print(f"| {label} | {mb(base_rss)} | {mb(peak)} | {mb(peak - base_rss)} | {seconds:.2f} s | "
              f"{size / seconds / 1e6:.0f} MB/s | {other} |")
finally:
    shutil.rmtree(work, ignore_errors=True)
PY
