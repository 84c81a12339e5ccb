#!/usr/bin/env bash
# Builds the container image from a host-built static binary and checks it for real: size,
# contents, non-root user, read-only root filesystem, health check, /health JSON, an MCP
# session that lists tools and calls a Gmail tool on the sandbox, DNS resolution inside the
# image, the credentials volume, a clean stop, docker-compose.yml (both services; the replicas
# profile parsed) and the Kubernetes manifests (rendered and validated by
# deploy/kubernetes/check.py). Exits non-zero on any failure.
#
# Works on a fresh CI machine as root: installs docker.io from apt and starts dockerd when no
# daemon answers (falling back to the vfs storage driver), and stops the daemon it started.
#
# Usage: scripts/container-check.sh
# Env:   CONTAINER_CHECK_SKIP_BUILD=1  reuse dist/workspace-mcp instead of running build-static.sh
#        CONTAINER_CHECK_MAX_BYTES     image size limit in bytes (default 15000000 = 15 MB)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

IMAGE=workspace-mcp:ci
MAX_BYTES="${CONTAINER_CHECK_MAX_BYTES:-15000000}"
RUN_ID="wsmcp-ci-$$"
LOG_DIR="$(mktemp -d /tmp/container-check.XXXXXX)"
passed=0
failed=0
DOCKER=""
DOCKERD_PID=""
COMPOSE=()
COMPOSE_PROJECT=""

say() { printf 'container-check: %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
die() {
  printf 'container-check: %s\n' "$*" >&2
  printf 'container-check: %d passed, %d failed (aborted)\n' "$passed" "$((failed + 1))"
  exit 1
}
# check NAME COMMAND...: one line per check; the command's output is shown only on failure.
check() {
  local name=$1 out
  shift
  if out="$("$@" 2>&1)"; then pass "$name${out:+ ($out)}"; else fail "$name: ${out:-failed}"; fi
}

# Everything this run creates is named "$RUN_ID-...", so cleanup removes exactly that (checks
# run in subshells, where a list of names kept in a variable would be lost).
cleanup() {
  local rc=$?
  set +e
  if [[ -n "$COMPOSE_PROJECT" ]]; then
    "${COMPOSE[@]}" -p "$COMPOSE_PROJECT" --profile sandbox down -v >/dev/null 2>&1
  fi
  if [[ -n "$DOCKER" ]] && "$DOCKER" info >/dev/null 2>&1; then
    "$DOCKER" ps -aq --filter "name=^$RUN_ID-" | xargs -r "$DOCKER" rm -fv >/dev/null 2>&1
    "$DOCKER" network ls -q --filter "name=^$RUN_ID-" | xargs -r "$DOCKER" network rm >/dev/null 2>&1
    "$DOCKER" volume ls -q --filter "name=^$RUN_ID-" | xargs -r "$DOCKER" volume rm -f >/dev/null 2>&1
  fi
  if [[ -n "$DOCKERD_PID" ]]; then
    kill "$DOCKERD_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  [[ $rc -eq 0 ]] && rm -rf "$LOG_DIR"
}
trap cleanup EXIT

# --- Kubernetes manifests (no cluster needed) ----------------------------------------------

echo "kubernetes:"
venv=.cache/k8s-venv
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv" || die "cannot create $venv (apt-get install python3-venv)"; fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r deploy/kubernetes/requirements.txt \
  || die "cannot install deploy/kubernetes/requirements.txt"
if k8s_out="$("$venv/bin/python" deploy/kubernetes/check.py 2>&1)"; then
  pass "$(tail -1 <<<"$k8s_out")"
else
  grep -v '^ *ok ' <<<"$k8s_out" || true
  fail "$(tail -1 <<<"$k8s_out")"
fi

# --- Docker ------------------------------------------------------------------------------

# A client that can run BuildKit builds: one with the buildx plugin, or a pre-23 client with
# BuildKit built in (Debian's docker.io 20.10). Newer clients without buildx refuse
# DOCKER_BUILDKIT=1, and the legacy builder would try to pull the Rust builder image.
pick_client() {
  local c major
  for c in docker /usr/bin/docker; do
    command -v "$c" >/dev/null 2>&1 || continue
    if "$c" buildx version >/dev/null 2>&1; then echo "$c"; return 0; fi
    major="$("$c" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')"
    if [[ -n "$major" && "$major" -lt 23 ]]; then echo "$c"; return 0; fi
  done
  return 1
}

install_docker() {
  [[ $(id -u) -eq 0 ]] || die "Docker is missing and installing it needs root"
  say "installing docker.io from apt"
  apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || die "apt-get update failed (see $LOG_DIR/apt.log)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >>"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install docker.io failed (see $LOG_DIR/apt.log)"
}

start_dockerd() {
  local log="$LOG_DIR/dockerd${1:+-${1##*=}}.log"
  say "starting dockerd${*:+ $*} (log: $log)"
  dockerd "$@" >"$log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    if "$DOCKER" info >/dev/null 2>&1; then return 0; fi
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  kill "$DOCKERD_PID" 2>/dev/null || true
  wait "$DOCKERD_PID" 2>/dev/null || true
  DOCKERD_PID=""
  tail -5 "$log" >&2
  return 1
}

DOCKER="$(pick_client)" || { install_docker; DOCKER="$(pick_client)" || die "no Docker client able to run BuildKit builds"; }
if ! "$DOCKER" info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || install_docker
  # A socket left by a daemon that is gone would make the new one refuse to start.
  if [[ -S /var/run/docker.sock ]] && ! pidof dockerd >/dev/null; then rm -f /var/run/docker.sock; fi
  start_dockerd || start_dockerd --storage-driver=vfs || die "dockerd does not start (see $LOG_DIR/dockerd*.log)"
fi
say "docker: client $("$DOCKER" --version | sed 's/^Docker version //'), server $("$DOCKER" info --format '{{.ServerVersion}} {{.Driver}}')"
command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed"

# --- Build -------------------------------------------------------------------------------

if [[ "${CONTAINER_CHECK_SKIP_BUILD:-0}" == 1 && -x dist/workspace-mcp ]]; then
  say "reusing dist/workspace-mcp"
else
  scripts/build-static.sh
fi
VERSION="$(dist/workspace-mcp --version | awk '{print $2}')"
start=$(date +%s)
DOCKER_BUILDKIT=1 "$DOCKER" build --build-arg BUILD_STAGE=prebuilt --build-arg VERSION="$VERSION" \
  --build-arg REVISION="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  -t "$IMAGE" . >"$LOG_DIR/build.log" 2>&1 || { tail -20 "$LOG_DIR/build.log" >&2; die "docker build failed"; }
say "built $IMAGE in $(( $(date +%s) - start ))s"

echo "checks:"
size=$("$DOCKER" image inspect -f '{{.Size}}' "$IMAGE")
size_text="$(awk "BEGIN{printf \"%.1f MB\", $size/1000000}") = $size bytes"
if [[ "$size" -le "$MAX_BYTES" ]]; then pass "image size $size_text (limit $MAX_BYTES)"; else fail "image size $size_text is above $MAX_BYTES"; fi

image_config() {
  local got
  got="$("$DOCKER" image inspect -f \
    '{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Healthcheck.Test}}|{{json .Config.ExposedPorts}}|{{json .Config.Volumes}}' "$IMAGE")"
  local want='10001:10001|["/workspace-mcp"]|["CMD","/workspace-mcp","healthcheck"]|{"8000/tcp":{}}|{"/data":{}}'
  [[ "$got" == "$want" ]] || { echo "got $got, want $want"; return 1; }
}
check "image config: USER 10001, exec-form entrypoint and health check, port 8000, /data volume" image_config

# The exported filesystem holds the binary, passwd/group and /data: no shell, no package manager.
image_files() {
  local cid files extra
  cid="$("$DOCKER" create --name "$RUN_ID-export" "$IMAGE")" || return 1
  files="$("$DOCKER" export "$cid" | tar -tv | awk '$1 !~ /^d/ {print $6}')" || return 1
  "$DOCKER" rm -v "$cid" >/dev/null
  extra="$(grep -vxE 'workspace-mcp|etc/(passwd|group|hosts|hostname|resolv\.conf|mtab)|\.dockerenv|dev/.*|proc/.*|sys/.*' <<<"$files" || true)"
  [[ -z "$extra" ]] || { echo "unexpected files: $(tr '\n' ' ' <<<"$extra")"; return 1; }
  grep -qx workspace-mcp <<<"$files" || { echo "no /workspace-mcp"; return 1; }
  echo "$(grep -c . <<<"$files") files"
}
check "image files: only the binary, passwd and group" image_files

# --- Run ---------------------------------------------------------------------------------

# MCP over streamable HTTP with the Python standard library: a 2025-11-25 session
# (initialize, initialized, then one request), printing the JSON-RPC result.
MCP_CLIENT='
import json, sys, urllib.request
url, method, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
def post(body, sid=None):
    h = {"content-type": "application/json", "accept": "application/json, text/event-stream"}
    if sid:
        h.update({"mcp-session-id": sid, "mcp-protocol-version": "2025-11-25"})
    with urllib.request.urlopen(urllib.request.Request(url, json.dumps(body).encode(), h), timeout=30) as r:
        raw, sid_out = r.read().decode(), r.headers.get("mcp-session-id")
    if raw.startswith("data:") or "\ndata:" in raw:
        raw = [l[5:].strip() for l in raw.splitlines() if l.startswith("data:") and l[5:].strip()][-1]
    return sid_out, (json.loads(raw) if raw.strip() else None)
sid, init = post({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "container-check", "version": "1"}}})
assert sid and init["result"]["serverInfo"]["name"], init
post({"jsonrpc": "2.0", "method": "notifications/initialized"}, sid)
_, reply = post({"jsonrpc": "2.0", "id": 2, "method": method, "params": params}, sid)
print(json.dumps(reply["result"]))
'
mcp() { python3 -c "$MCP_CLIENT" "$@"; }
# The text of a tool result, prefixed with "ERROR " when isError is set.
tool_text() { python3 -c 'import json,sys; r=json.load(sys.stdin); print(("ERROR " if r.get("isError") else "") + " ".join(c.get("text","") for c in r["content"]))'; }

run_container() { # NAME ARGS...
  local name=$1
  shift
  "$DOCKER" run -d --name "$name" "$@" >/dev/null
}
host_port() { "$DOCKER" port "$1" 8000/tcp | head -1 | sed 's/.*://'; }

main="$RUN_ID-main"
t0=$(date +%s%N)
run_container "$main" --read-only --tmpfs /data:uid=10001,gid=10001,mode=0700,size=64m \
  --cap-drop ALL --security-opt no-new-privileges -p 127.0.0.1::8000 \
  --health-interval=1s --health-timeout=2s --health-start-period=10s --health-retries=3 \
  "$IMAGE" --sandbox
since_run() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
started_ms="$(since_run)"
PORT="$(host_port "$main")"
BASE="http://127.0.0.1:$PORT"
status=""
http_ms=""
for _ in $(seq 1 600); do
  [[ -z "$http_ms" ]] && curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && http_ms="$(since_run)"
  status="$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$main" 2>/dev/null || echo gone)"
  [[ "$status" == healthy || "$status" == unhealthy || "$status" == gone ]] && break
  sleep 0.05
done
ms="$(since_run)"
if [[ "$status" == healthy && "$ms" -le 10000 ]]; then
  pass "healthy ${ms} ms after docker run (target < 2000 ms: $([[ $ms -lt 2000 ]] && echo met || echo missed); run returned at ${started_ms} ms, /health answered at ${http_ms:-?} ms, first probe after the 1 s interval)"
else
  fail "not healthy after ${ms} ms (status: $status); logs: $("$DOCKER" logs "$main" 2>&1 | tail -5)"
  die "the container did not become healthy"
fi
health_json() {
  local body
  body="$(curl -fsS "$BASE/health")" || return 1
  python3 - "$body" "$VERSION" <<'EOF'
import json, sys
got, want = json.loads(sys.argv[1]), {"status": "healthy", "service": "workspace-mcp", "version": sys.argv[2], "transport": "streamable-http"}
sys.exit(0 if got == want else print(f"got {got}, want {want}") or 1)
EOF
}
check "GET /health from the host answers the reference JSON (version $VERSION)" health_json
check "GET /health/ready answers 200" curl -fsS -o /dev/null "$BASE/health/ready"

non_root() {
  local user pid uids gids
  user="$("$DOCKER" inspect -f '{{.Config.User}}' "$main")"
  pid="$("$DOCKER" inspect -f '{{.State.Pid}}' "$main")"
  uids="$(awk '/^Uid:/ {print $2, $3, $4, $5}' "/proc/$pid/status")"
  gids="$(awk '/^Gid:/ {print $2, $3, $4, $5}' "/proc/$pid/status")"
  [[ "$user" == 10001:10001 && "$uids" == "10001 10001 10001 10001" && "$gids" == "10001 10001 10001 10001" ]] \
    || { echo "Config.User=$user, host pid $pid Uid=$uids Gid=$gids"; return 1; }
  echo "host pid $pid: Uid and Gid 10001"
}
check "runs as uid/gid 10001 (docker inspect and /proc on the host)" non_root
check "root filesystem is read-only" test "$("$DOCKER" inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$main")" = true

list_tools() {
  local result
  result="$(mcp "$BASE/mcp" tools/list '{}')" || return 1
  # Through stdin: the whole list is larger than one argument may be (128 KiB).
  python3 -c 'import json,sys; n=[t["name"] for t in json.load(sys.stdin)["tools"]]; assert "search_gmail_messages" in n, n; print(len(n), "tools")' <<<"$result"
}
check "MCP session through the published port: tools/list" list_tools

search_gmail() {
  local text
  text="$(mcp "$BASE/mcp" tools/call '{"name":"search_gmail_messages","arguments":{"query":"from:priya.shah@example.com"}}' | tool_text)" || return 1
  [[ "$text" != ERROR* && "$text" == *"Message ID"* ]] || { echo "$text" | head -c 400; return 1; }
}
check "MCP session through the published port: tools/call search_gmail_messages" search_gmail

# DNS: the static binary resolves names with its static glibc's built-in lookups (files, dns).
# Point the Gmail calls at a name that only resolves inside the container; the answer "Host not
# allowed" comes from workspace-mcp's own guard, so the name resolved and the connection was made.
"$DOCKER" network create "$RUN_ID-net" >/dev/null
resolves() { # NAME SANDBOX_URL EXPECTED [docker run args...]
  local name=$1 url=$2 expected=$3 port text
  shift 3
  run_container "$name" --read-only --tmpfs /data:uid=10001,gid=10001 -p 127.0.0.1::8000 \
    -e WORKSPACE_MCP_SANDBOX_URL="$url" "$@" "$IMAGE" --sandbox || return 1
  port="$(host_port "$name")" || return 1
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.05; done
  text="$(mcp "http://127.0.0.1:$port/mcp" tools/call '{"name":"search_gmail_messages","arguments":{"query":"in:inbox"}}' | tool_text)" || return 1
  [[ "$text" == *"$expected"* ]] || { echo "expected '$expected' in: $(head -c 400 <<<"$text")"; return 1; }
}
check "DNS inside the image: a container name through Docker's DNS server (resolv.conf)" \
  resolves "$RUN_ID-dns" "http://$RUN_ID-dns:8000" "Host not allowed" --network "$RUN_ID-net"
check "DNS inside the image: a name from /etc/hosts (--add-host)" \
  resolves "$RUN_ID-hosts" "http://google-alias.test:8000" "Host not allowed" --add-host google-alias.test:127.0.0.1
check "DNS inside the image: an unknown name fails as a DNS error (control)" \
  resolves "$RUN_ID-nxdomain" "http://no-such-host.invalid:8000" "dns error" --network "$RUN_ID-net"

# Real mode with a named volume, as compose and Kubernetes run it: the volume takes /data's
# ownership from the image, so uid 10001 can write the token key and pass the readiness probe.
volume_writable() {
  local name="$RUN_ID-real" port listing text
  run_container "$name" --read-only -v "$RUN_ID-data:/data" -p 127.0.0.1::8000 \
    -e GOOGLE_OAUTH_CLIENT_ID=container-check.apps.googleusercontent.com -e GOOGLE_OAUTH_CLIENT_SECRET=not-a-secret \
    "$IMAGE" || return 1
  port="$(host_port "$name")" || return 1
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.05; done
  [[ "$(curl -fsS "http://127.0.0.1:$port/health/ready")" == *'"local_directory"'* ]] || { echo "/health/ready is not ready"; return 1; }
  text="$(mcp "http://127.0.0.1:$port/mcp" tools/call \
    '{"name":"start_google_auth","arguments":{"service_name":"gmail","user_google_email":"ci@example.com"}}' | tool_text)" || return 1
  [[ "$text" == *"https://accounts.google.com/"* ]] || { echo "start_google_auth gave no sign-in link: $(head -c 300 <<<"$text")"; return 1; }
  listing="$("$DOCKER" cp "$name:/data" - | tar -tv)" || return 1
  grep -qE '^-rw------- (10001|workspace-mcp)/(10001|workspace-mcp) .* data/credentials/\.token-key$' <<<"$listing" \
    || { echo "no 0600 key file owned by 10001 in: $listing"; return 1; }
}
check "real mode on a named /data volume: readiness, sign-in link, key file 0600 owned by 10001" volume_writable

# --- docker-compose.yml -------------------------------------------------------------------

if "$DOCKER" compose version >/dev/null 2>&1; then
  COMPOSE=("$DOCKER" compose)
else
  if ! command -v docker-compose >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >>"$LOG_DIR/apt.log" 2>&1 || true
  fi
  command -v docker-compose >/dev/null 2>&1 && COMPOSE=(docker-compose)
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_health() { for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1/health" 2>/dev/null && return 0; sleep 0.05; done; return 1; }
if [[ ${#COMPOSE[@]} -eq 0 ]]; then
  fail "docker compose: neither the compose plugin nor docker-compose is available (apt-get install docker-compose)"
else
  COMPOSE_PROJECT="${RUN_ID//-/}"
  export WORKSPACE_MCP_IMAGE="$IMAGE" WORKSPACE_MCP_HOST_PORT WORKSPACE_MCP_SANDBOX_HOST_PORT
  WORKSPACE_MCP_HOST_PORT="$(free_port)"
  WORKSPACE_MCP_SANDBOX_HOST_PORT="$(free_port)"
  compose() { "${COMPOSE[@]}" -p "$COMPOSE_PROJECT" "$@"; }
  compose_sandbox() {
    compose --profile sandbox up -d --no-build sandbox >"$LOG_DIR/compose.log" 2>&1 || { tail -5 "$LOG_DIR/compose.log"; return 1; }
    wait_health "http://127.0.0.1:$WORKSPACE_MCP_SANDBOX_HOST_PORT" || { echo "no /health"; return 1; }
    local text
    text="$(mcp "http://127.0.0.1:$WORKSPACE_MCP_SANDBOX_HOST_PORT/mcp" tools/call \
      '{"name":"search_gmail_messages","arguments":{"query":"from:priya.shah@example.com"}}' | tool_text)" || return 1
    [[ "$text" != ERROR* && "$text" == *"Message ID"* ]] || { echo "search_gmail_messages gave no messages: $(head -c 300 <<<"$text")"; return 1; }
  }
  compose_server() {
    GOOGLE_OAUTH_CLIENT_ID=container-check.apps.googleusercontent.com GOOGLE_OAUTH_CLIENT_SECRET=not-a-secret \
      compose up -d --no-build workspace-mcp >>"$LOG_DIR/compose.log" 2>&1 || { tail -5 "$LOG_DIR/compose.log"; return 1; }
    wait_health "http://127.0.0.1:$WORKSPACE_MCP_HOST_PORT" || { echo "no /health"; return 1; }
    [[ "$(curl -fsS "http://127.0.0.1:$WORKSPACE_MCP_HOST_PORT/health/ready")" == *'"local_directory"'* ]] || { echo "not ready"; return 1; }
    local hardened
    hardened="$("$DOCKER" inspect -f '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}}' "$(compose ps -q workspace-mcp)")"
    [[ "$hardened" == "true [ALL] [no-new-privileges:true]" ]] || { echo "not hardened: $hardened"; return 1; }
  }
  # The replicas profile pulls Valkey and nginx images, which CI cannot: its file is parsed
  # and checked here, and tests/e2e/replicas.rs runs the same arrangement on the host.
  compose_replicas_config() {
    local services
    services="$(compose --profile replicas config --services 2>&1)" || { echo "$services"; return 1; }
    for s in valkey replica-1 replica-2 replica-3 balancer; do
      grep -qx "$s" <<<"$services" || { echo "no service $s in: $services"; return 1; }
    done
    local config
    config="$(compose --profile replicas config 2>&1)" || { echo "$config"; return 1; }
    [[ "$(grep -c 'WORKSPACE_MCP_STATELESS_MODE: "true"' <<<"$config")" == 3 ]] || { echo "not three stateless replicas"; return 1; }
    [[ -f deploy/compose/nginx-replicas.conf ]] && grep -q 'server replica-3:8000' deploy/compose/nginx-replicas.conf \
      || { echo "deploy/compose/nginx-replicas.conf does not balance the three replicas"; return 1; }
  }
  check "docker compose: the replicas profile parses (Valkey, three stateless replicas, nginx)" compose_replicas_config
  check "docker compose ($("${COMPOSE[@]}" version --short 2>/dev/null || echo "?")): --profile sandbox up sandbox answers tools/call" compose_sandbox
  check "docker compose: the server with its named /data volume and an OAuth client is ready, read-only, no capabilities" compose_server
fi

stops_cleanly() {
  local t0 ms code
  t0=$(date +%s%N)
  "$DOCKER" stop -t 10 "$main" >/dev/null
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  code="$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$main")"
  [[ "$code" == 0 && "$ms" -lt 5000 ]] || { echo "exit code $code after ${ms} ms"; return 1; }
  echo "exit 0 in ${ms} ms"
}
check "docker stop: SIGTERM ends the server cleanly" stops_cleanly

say "image $IMAGE: $size_text; healthy in ${ms} ms"
printf 'container-check: %d passed, %d failed\n' "$passed" "$failed"
[[ "$failed" -eq 0 ]]
