#!/usr/bin/env bash
# Fails when a log holds what must never be logged at the level users run with: OAuth tokens
# and codes (the sandbox's `sbx-at-`/`sbx-rt-`/`sbx-code-` values stand for Google's), a sign-in
# link's `state`, or an MCP session id (a bearer credential on streamable HTTP; rmcp's are UUIDs).
# Usage: scripts/check-log-secrets.sh LOG    (scripts/test.sh runs it on the log of the test run)
set -euo pipefail
log="${1:?usage: check-log-secrets.sh LOG}"
patterns=(
  'sbx-(at|rt|code)-[A-Za-z0-9]'
  '[?&]state=[A-Za-z0-9_-]{16}'
  'session_id=|mcp-session-id: [0-9a-f-]{8}'
  '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
)
# Only the server's own log lines count (timestamped INFO/WARN/ERROR), not test assertions.
lines="$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z +(INFO|WARN|ERROR) ' "$log" || true)"
count="$(printf '%s\n' "$lines" | grep -c . || true)"
found=0
for p in "${patterns[@]}"; do
  if hits="$(printf '%s\n' "$lines" | grep -E -- "$p")"; then
    echo "check-log-secrets: log lines match /$p/:" >&2
    printf '%s\n' "$hits" | head -5 >&2
    found=1
  fi
done
[[ "$count" -gt 0 ]] || { echo "check-log-secrets: no server log lines in $log (was the level lowered?)" >&2; exit 1; }
[[ "$found" == 0 ]] || exit 1
echo "check-log-secrets: $count server log lines at INFO and above, no tokens, codes, states or session ids"
