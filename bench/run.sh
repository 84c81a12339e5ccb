#!/usr/bin/env bash
# Benchmarks the release build of workspace-mcp on its sandbox over streamable HTTP: start to
# first /health 200 (median of 10), idle RSS, tools/list latency p50/p99 and
# search_gmail_messages throughput. Prints a Markdown table and writes it to
# bench/results/latest.md. Loopback only, bounded request counts; stops by itself (about a
# minute).
#
# Usage (from anywhere):
#   cargo build --release -p workspace-mcp
#   bench/run.sh [extra bench.py options, e.g. --connections 32 --seconds 5 --client python]
#
# Environment:
#   WORKSPACE_MCP_BIN  binary to measure (default: target/release/workspace-mcp)
#   BENCH_OUT          report path (default: bench/results/latest.md)
#
# Needs python3 (stdlib only). Uses wrk for the load when it is installed (Debian: apt-get
# install wrk), else a Python asyncio client; the report names the one used.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${WORKSPACE_MCP_BIN:-$REPO/target/release/workspace-mcp}"
OUT="${BENCH_OUT:-$REPO/bench/results/latest.md}"

if [[ ! -x "$BIN" ]]; then
  echo "bench: no binary at $BIN; build it with: cargo build --release -p workspace-mcp" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "bench: python3 is needed" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  echo "bench: wrk not found; using the Python client (apt-get install wrk for a lighter load generator)" >&2
fi

cd "$REPO"
SHOWN="python3 bench/bench.py --binary ${BIN#"$REPO"/} --out ${OUT#"$REPO"/}${*:+ $*}"
exec python3 bench/bench.py --binary "$BIN" --out "$OUT" --command "bench/run.sh${*:+ $*}   # runs: $SHOWN" "$@"
