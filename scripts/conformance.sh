#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance) against
# workspace-mcp's streamable HTTP server on its sandbox, one server scenario at a time, and
# compares the outcome with scripts/conformance-expected-failures.txt.
#
# Usage (from anywhere; build the binary first, e.g. `cargo build -p workspace-mcp`):
#   scripts/conformance.sh
#
# Environment:
#   WORKSPACE_MCP_BIN      server binary (default: target/debug/workspace-mcp)
#   CONFORMANCE_CACHE      where Node 22 and the suite are installed, and results written
#                          (default: .cache/conformance, relative to the repository root)
#   CONFORMANCE_VERSION    suite version (default: 0.1.16)
#   CONFORMANCE_NODE       Node major version installed from the npm package `node` (default: 22)
#   CONFORMANCE_SCENARIOS  space-separated scenario names to run instead of all of them
#   CONFORMANCE_EXPECTED   expected-failures file (default: scripts/conformance-expected-failures.txt)
#
# Needs: bash, npm (any Node >= 18 to run the installer), coreutils. No internet beyond the
# npm registry; the server listens on 127.0.0.1 only and is stopped on exit.
#
# Output: one line per scenario (PASS, XFAIL, FAIL, XPASS), then
#   conformance: N passed, M expected failures, K unexpected
# Exit status: 0 when K is 0; 1 when a scenario outside the expected-failures list failed or a
# listed one passed; 2 on a setup error (install, server start).

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${WORKSPACE_MCP_BIN:-$REPO/target/debug/workspace-mcp}"
CACHE="${CONFORMANCE_CACHE:-$REPO/.cache/conformance}"
SUITE_VERSION="${CONFORMANCE_VERSION:-0.1.16}"
NODE_MAJOR="${CONFORMANCE_NODE:-22}"
EXPECTED_FILE="${CONFORMANCE_EXPECTED:-$REPO/scripts/conformance-expected-failures.txt}"
SCENARIO_TIMEOUT=120

die() { echo "conformance: $*" >&2; exit 2; }

[[ -x "$BIN" ]] || die "server binary not found at $BIN (build it, or set WORKSPACE_MCP_BIN)"
[[ -f "$EXPECTED_FILE" ]] || die "missing $EXPECTED_FILE"
command -v npm >/dev/null || die "npm is needed to install Node $NODE_MAJOR and the suite"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

# --- Install Node 22 and the suite into the cache (once per version pair) ---------------------
PREFIX="$CACHE/npm"
STAMP="$PREFIX/.installed"
WANT="node@$NODE_MAJOR @modelcontextprotocol/conformance@$SUITE_VERSION"
NODE="$PREFIX/node_modules/.bin/node"
CLI="$PREFIX/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if [[ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" || ! -x "$NODE" || ! -f "$CLI" ]]; then
  echo "conformance: installing $WANT into $PREFIX"
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  ok=""
  for attempt in 1 2 3; do
    # shellcheck disable=SC2086
    if npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error $WANT >"$CACHE/npm-install.log" 2>&1; then
      ok=1; break
    fi
    echo "conformance: npm install failed (attempt $attempt), retrying" >&2
    sleep $((attempt * 5))
  done
  [[ -n "$ok" ]] || { tail -n 30 "$CACHE/npm-install.log" >&2; die "npm install failed"; }
  echo "$WANT" >"$STAMP"
fi
NODE_VERSION="$("$NODE" --version 2>/dev/null)" || die "the installed node does not run ($NODE)"
[[ "$NODE_VERSION" == "v$NODE_MAJOR."* ]] || die "expected Node $NODE_MAJOR, got $NODE_VERSION"

# --- Start the server ---------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wsmcp-conformance.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port from the kernel (via node's net module; the port is released before the server binds).
free_port() {
  "$NODE" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# 0 when GET /health on $PORT answers 200 (plain bash, no curl needed).
health_ok() {
  local line
  line="$(timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$1"'; printf "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3; head -n 1 <&3' 2>/dev/null)" || return 1
  [[ "$line" == "HTTP/1.1 200"* ]]
}

start_server() {
  local attempt
  for attempt in 1 2 3; do
    PORT="$(free_port)"
    env -i PATH="$PATH" HOME="$WORK/home" LANG=C.UTF-8 NO_COLOR=1 PORT="$PORT" RUST_LOG=info \
      WORKSPACE_ATTACHMENT_DIR="$WORK/home/attachments" WORKSPACE_MCP_CREDENTIALS_DIR="$WORK/home/credentials" \
      "$BIN" --sandbox --transport streamable-http >>"$WORK/server.log" 2>&1 </dev/null &
    SERVER_PID=$!
    for _ in $(seq 200); do
      if health_ok "$PORT"; then return 0; fi
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.05
    done
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    echo "conformance: server did not come up on port $PORT (attempt $attempt)" >&2
  done
  tail -n 30 "$WORK/server.log" >&2
  die "cannot start $BIN"
}

mkdir -p "$WORK/home"
start_server
URL="http://127.0.0.1:$PORT/mcp"

# --- Scenarios and the expected-failures list -------------------------------------------------------
mapfile -t ALL < <("$NODE" "$CLI" list --server | sed -n 's/^ *- \([a-z0-9][a-z0-9_-]*\).*/\1/p')
[[ ${#ALL[@]} -gt 0 ]] || die "the suite listed no server scenarios"
if [[ -n "${CONFORMANCE_SCENARIOS:-}" ]]; then
  read -r -a SCENARIOS <<<"$CONFORMANCE_SCENARIOS"
else
  SCENARIOS=("${ALL[@]}")
fi

declare -A EXPECTED=()
while IFS= read -r raw || [[ -n "$raw" ]]; do
  line="${raw%%#*}"
  read -r name _ <<<"$line" || true
  [[ -z "${name:-}" ]] && continue
  reason="${raw#*#}"; [[ "$raw" == *"#"* ]] || reason=""
  [[ -n "${reason// /}" ]] || die "$EXPECTED_FILE: '$name' has no reason (write: name  # reason)"
  printf '%s\n' "${ALL[@]}" | grep -qx -- "$name" || die "$EXPECTED_FILE: '$name' is not a server scenario of suite $SUITE_VERSION"
  EXPECTED[$name]="${reason#"${reason%%[! ]*}"}"
done <"$EXPECTED_FILE"

RESULTS="$CACHE/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "conformance: suite $SUITE_VERSION on node $NODE_VERSION, ${#SCENARIOS[@]} server scenarios against $URL"

# Reads one scenario's checks.json; prints "pass" or "fail<TAB>first problem". A scenario passes
# when it produced checks and none is FAILURE or WARNING (the suite's own baseline rule).
judge() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  "$NODE" -e '
    const fs = require("fs"), path = require("path");
    const found = [];
    (function walk(d) { for (const e of fs.readdirSync(d, {withFileTypes: true})) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.name === "checks.json") found.push(p);
    } })(process.argv[1]);
    if (found.length === 0) { console.log("fail\tno checks.json written"); process.exit(0); }
    const checks = found.flatMap(f => JSON.parse(fs.readFileSync(f, "utf8")));
    const bad = checks.filter(c => c.status === "FAILURE" || c.status === "WARNING");
    if (checks.length === 0) console.log("fail\tno checks recorded");
    else if (bad.length === 0) console.log("pass\t" + checks.length + " checks");
    else console.log("fail\t" + bad.map(c => `${c.status} ${c.id}: ${(c.errorMessage || (c.details && c.details.message) || "").toString().replace(/\s+/g, " ").slice(0, 200)}`).join(" | "));
  ' "$1"
}

passed=0; xfailed=0; unexpected=0
declare -a UNEXPECTED_NAMES=()
for s in "${SCENARIOS[@]}"; do
  out="$RESULTS/$s"
  mkdir -p "$out"
  set +e
  timeout "$SCENARIO_TIMEOUT" "$NODE" "$CLI" server --url "$URL" --scenario "$s" -o "$out" >"$out/output.txt" 2>&1
  rc=$?
  set -e
  verdict="$(judge "$out")"
  status="${verdict%%$'\t'*}"; detail="${verdict#*$'\t'}"
  if [[ $rc -eq 124 ]]; then status=fail; detail="timed out after ${SCENARIO_TIMEOUT}s"; fi
  if [[ $status == pass && $rc -ne 0 ]]; then status=fail; detail="suite exited $rc (see $out/output.txt)"; fi
  if [[ -n "${EXPECTED[$s]+x}" ]]; then
    if [[ $status == pass ]]; then
      echo "XPASS $s: listed as an expected failure but passed; remove it from the list"
      unexpected=$((unexpected + 1)); UNEXPECTED_NAMES+=("$s")
    else
      echo "XFAIL $s (${EXPECTED[$s]}); got: ${detail:0:160}"
      xfailed=$((xfailed + 1))
    fi
  elif [[ $status == pass ]]; then
    echo "PASS  $s ($detail)"
    passed=$((passed + 1))
  else
    echo "FAIL  $s: $detail"
    unexpected=$((unexpected + 1)); UNEXPECTED_NAMES+=("$s")
  fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "conformance: the server exited during '$s'; its log:" >&2
    tail -n 30 "$WORK/server.log" >&2
    SERVER_PID=""
    start_server
    URL="http://127.0.0.1:$PORT/mcp"
    if [[ ! " ${UNEXPECTED_NAMES[*]-} " == *" $s "* ]]; then unexpected=$((unexpected + 1)); UNEXPECTED_NAMES+=("$s"); fi
  fi
done

cp "$WORK/server.log" "$RESULTS/server.log" 2>/dev/null || true
[[ $unexpected -eq 0 ]] || echo "conformance: unexpected: ${UNEXPECTED_NAMES[*]} (details under $RESULTS)"
echo "conformance: $passed passed, $xfailed expected failures, $unexpected unexpected"
[[ $unexpected -eq 0 ]]
