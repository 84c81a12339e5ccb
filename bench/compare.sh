#!/usr/bin/env bash
# Side-by-side benchmark of this server's release build against the reference Python server
# (workspace-mcp 2.2.1 from PyPI) with the same tool set: start to /health, stdio start to the
# initialize reply, idle RSS, RSS after 1,000 tools/list, tools/list p50/p99, tools/list bytes
# per tier, install size, and the container image size when `workspace-mcp:ci` is built.
# Prints a Markdown table (metric | reference | ours | ratio) and writes it to
# bench/results/compare.md. Loopback only, bounded loops; takes about 5 minutes on 2 cores.
#
# Usage (from anywhere):
#   cargo build --release -p workspace-mcp
#   bench/compare.sh [--fresh] [extra compare.py options, e.g. --starts 3 --lists 200 --skip-full]
#
#   --fresh  delete and recreate the reference's venv (otherwise it is reused when it holds 2.2.1)
#
# Environment:
#   WORKSPACE_MCP_BIN   binary to measure (default: target/release/workspace-mcp)
#   BENCH_OUT           report path (default: bench/results/compare.md)
#   BENCH_REF_VENV      the reference's venv (default: .cache/bench-reference)
#   PYTHON              interpreter for the venv (default: python3; the reference needs >= 3.10)
#
# The reference is installed with pip from the configured package index; nothing else goes
# outside the machine: both servers get a dummy OAuth client and a proxy that refuses and
# counts outbound connections, and only initialize, tools/list and /health are sent.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${WORKSPACE_MCP_BIN:-$REPO/target/release/workspace-mcp}"
OUT="${BENCH_OUT:-$REPO/bench/results/compare.md}"
VENV="${BENCH_REF_VENV:-$REPO/.cache/bench-reference}"
PY="${PYTHON:-python3}"
REF_VERSION="2.2.1"

fresh=0
args=()
for a in "$@"; do
  if [[ "$a" == "--fresh" ]]; then fresh=1; else args+=("$a"); fi
done

if [[ ! -x "$BIN" ]]; then
  echo "compare: no binary at $BIN; build it with: cargo build --release -p workspace-mcp" >&2
  exit 2
fi
command -v "$PY" >/dev/null || { echo "compare: $PY is needed" >&2; exit 2; }

if [[ $fresh == 1 && -d "$VENV" ]]; then
  echo "compare: removing $VENV (--fresh)" >&2
  rm -rf "$VENV"
fi
installed=""
if [[ -x "$VENV/bin/python" ]]; then
  installed="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("workspace-mcp"))' 2>/dev/null || true)"
fi
if [[ "$installed" != "$REF_VERSION" ]]; then
  echo "compare: installing workspace-mcp==$REF_VERSION into $VENV" >&2
  mkdir -p "$(dirname "$VENV")"
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install --no-input --quiet "workspace-mcp==$REF_VERSION"
fi

cd "$REPO"
SHOWN="bench/compare.sh${*:+ $*}"
exec "$PY" bench/compare.py --binary "$BIN" --venv "$VENV" --out "$OUT" --command "$SHOWN" ${args[@]+"${args[@]}"}
