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
# A scenario is an expected failure (XFAIL) only when exactly its listed checks fail, each with
# its listed message; see the expected-failures file for the format.
# Exit status: 0 when K is 0; 1 when a scenario failed otherwise than listed (an unlisted check,
# another message, a listed check that passed, a listed scenario that passed); 2 on a setup
# error (install, server start, a malformed list).

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
declare -A KNOWN=()
for scenario in "${ALL[@]}"; do KNOWN[$scenario]=1; done
if [[ -n "${CONFORMANCE_SCENARIOS:-}" ]]; then
  read -r -a SCENARIOS <<<"$CONFORMANCE_SCENARIOS"
else
  SCENARIOS=("${ALL[@]}")
fi

# Each listed check becomes one line "check id<TAB>message text" in $EXPECTED_DIR/<scenario>.
EXPECTED_DIR="$WORK/expected"
mkdir -p "$EXPECTED_DIR"
declare -A EXPECTED=()
trim() { local v="${1#"${1%%[! ]*}"}"; printf '%s' "${v%"${v##*[! ]}"}"; }
while IFS= read -r raw || [[ -n "$raw" ]]; do
  [[ "$raw" =~ ^[[:space:]]*(#|$) ]] && continue
  IFS='|' read -r f_name f_check f_text f_why extra <<<"$raw"
  name="$(trim "${f_name:-}")"; check="$(trim "${f_check:-}")"; text="$(trim "${f_text:-}")"; why="$(trim "${f_why:-}")"
  [[ -n "$name" && -n "$check" && -n "$text" && -n "$why" && -z "${extra:-}" ]] ||
    die "$EXPECTED_FILE: '$raw' is not 'scenario | check id | message text | why'"
  # A lookup, not `printf | grep -q`: under pipefail grep's early exit can fail the pipe (SIGPIPE).
  [[ -n "${KNOWN[$name]:-}" ]] || die "$EXPECTED_FILE: '$name' is not a server scenario of suite $SUITE_VERSION"
  printf '%s\t%s\n' "$check" "$text" >>"$EXPECTED_DIR/$name"
  EXPECTED[$name]="${EXPECTED[$name]:+${EXPECTED[$name]}; }$why"
done <"$EXPECTED_FILE"

RESULTS="$CACHE/results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

echo "conformance: suite $SUITE_VERSION on node $NODE_VERSION, ${#SCENARIOS[@]} server scenarios against $URL"

# Reads one scenario's checks.json and its expected failing checks (file, may be absent);
# prints one of
#   pass<TAB>N checks          no check is FAILURE or WARNING (the suite's own baseline rule)
#   xfail<TAB>ids              every failing check is listed with a matching message, and
#                              every listed check failed
#   xpass<TAB>                 listed, but nothing failed
#   fail<TAB>problems          anything else: an unlisted failure, a listed check failing with
#                              another message, or a listed check that no longer fails
judge() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  "$NODE" -e '
    const fs = require("fs"), path = require("path");
    const [dir, expectedFile] = process.argv.slice(1);
    const found = [];
    (function walk(d) { for (const e of fs.readdirSync(d, {withFileTypes: true})) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else if (e.name === "checks.json") found.push(p);
    } })(dir);
    if (found.length === 0) { console.log("fail\tno checks.json written"); process.exit(0); }
    const checks = found.flatMap(f => JSON.parse(fs.readFileSync(f, "utf8")));
    if (checks.length === 0) { console.log("fail\tno checks recorded"); process.exit(0); }
    const message = c => (c.errorMessage || (c.details && c.details.message) || "").toString().replace(/\s+/g, " ");
    const show = c => `${c.status} ${c.id}: ${message(c).slice(0, 200)}`;
    const expected = fs.existsSync(expectedFile) ? fs.readFileSync(expectedFile, "utf8").split("\n").filter(Boolean)
      .map(l => { const [id, text] = l.split("\t"); return {id, text}; }) : [];
    const bad = checks.filter(c => c.status === "FAILURE" || c.status === "WARNING");
    const explains = (e, c) => c.id === e.id && message(c).includes(e.text);
    if (bad.length === 0) { console.log(expected.length ? "xpass\t" : `pass\t${checks.length} checks`); process.exit(0); }
    const unexplained = bad.filter(c => !expected.some(e => explains(e, c)));
    const unmet = expected.filter(e => !bad.some(c => explains(e, c)));
    const problems = [
      ...unexplained.map(c => "unexpected " + show(c)),
      ...unmet.map(e => `listed ${e.id} ("${e.text}") did not fail that way`),
    ];
    if (problems.length) console.log("fail\t" + problems.join(" | "));
    else console.log("xfail\t" + bad.map(c => c.id).join(", "));
  ' "$1" "$2"
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
  verdict="$(judge "$out" "$EXPECTED_DIR/$s")"
  status="${verdict%%$'\t'*}"; detail="${verdict#*$'\t'}"
  if [[ $rc -eq 124 ]]; then status=fail; detail="timed out after ${SCENARIO_TIMEOUT}s"; fi
  if [[ $status == pass && $rc -ne 0 ]]; then status=fail; detail="suite exited $rc (see $out/output.txt)"; fi
  case "$status" in
    pass)
      echo "PASS  $s ($detail)"
      passed=$((passed + 1)) ;;
    xfail)
      echo "XFAIL $s: $detail (${EXPECTED[$s]})"
      xfailed=$((xfailed + 1)) ;;
    xpass)
      echo "XPASS $s: listed as an expected failure but passed; remove its lines from the list"
      unexpected=$((unexpected + 1)); UNEXPECTED_NAMES+=("$s") ;;
    *)
      echo "FAIL  $s: $detail"
      unexpected=$((unexpected + 1)); UNEXPECTED_NAMES+=("$s") ;;
  esac
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
