#!/usr/bin/env bash
# Runs every test of workspace-mcp:
#   1. the Rust tests (unit, service tests against the sandbox, the registry audit and snapshots,
#      and the end-to-end tests that drive the real binary with rmcp's client), then the sandbox
#      and end-to-end tests again under two fixed dates (scripts/test-dates.sh); the logs of the
#      run are searched for tokens, codes and session ids (scripts/check-log-secrets.sh);
#   2. the official MCP Python SDK against the binary over stdio and streamable HTTP;
#   3. the official MCP conformance suite against the HTTP server.
# Installs what it needs into .cache/ (a Python venv, Node 22 and the suite from npm).
# Usage: scripts/test.sh            (from anywhere; needs cargo, python3, npm, and redis-server
#                                    for the Valkey tests, which outside CI skip without it)
#        SKIP_CONFORMANCE=1 scripts/test.sh   to leave out step 3
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Rust tests"
cargo build --locked -p workspace-mcp
# The whole run's output, the binary's own logs (at the default level) included, is kept and
# searched for secrets; on failure it is printed whole, otherwise only the per-target results.
mkdir -p .cache
log=.cache/rust-tests.log
if ! cargo test --locked --workspace >"$log" 2>&1; then
  cat "$log"
  exit 1
fi
grep -E '^(     Running|test result:)' "$log"
scripts/check-log-secrets.sh "$log"
scripts/test-dates.sh

echo "== MCP Python SDK"
venv=.cache/venv
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
WORKSPACE_MCP_BIN="$PWD/target/debug/workspace-mcp" "$venv/bin/python" -m pytest tests/python -q

if [[ "${SKIP_CONFORMANCE:-0}" != 1 ]]; then
  echo "== MCP conformance suite"
  WORKSPACE_MCP_BIN="$PWD/target/debug/workspace-mcp" scripts/conformance.sh
fi
