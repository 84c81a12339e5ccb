#!/usr/bin/env bash
# Runs every test again (each service's sandbox and end-to-end tests among them) with the clock
# fixed to other days, and in another time zone, to show that no test depends on today's date or
# the machine's zone. The suites read
# WORKSPACE_MCP_SANDBOX_NOW through wsmcp-testkit and pass it to the binary they start.
#   2027-10-29T22:30:00Z  a Friday evening, two days before Europe leaves summer time
#   2028-02-29T23:45:00Z  a leap day, already 1 March in Berlin
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for at in 2027-10-29T22:30:00Z 2028-02-29T23:45:00Z; do
  echo "== every test with the clock at $at (TZ=Pacific/Kiritimati)"
  WORKSPACE_MCP_SANDBOX_NOW="$at" TZ=Pacific/Kiritimati cargo test --locked --workspace --no-fail-fast
done
