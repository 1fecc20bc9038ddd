#!/usr/bin/env bash
# Runs the end-to-end suite (the JS API in Node; the page in Chromium, Firefox and WebKit),
# REPEAT times in a row (default 1), stopping at the first failing round: a flaky test shows.
#   REPEAT=5 scripts/test-e2e.sh        ENGINES=webkit scripts/test-e2e.sh engines.test.mjs
set -euo pipefail
cd "$(dirname "$0")/../tests/e2e"
repeat="${REPEAT:-1}"
for round in $(seq 1 "$repeat"); do
  [ "$repeat" -gt 1 ] && printf '\n\033[1m[e2e]\033[0m round %s of %s\n' "$round" "$repeat"
  node --test --test-concurrency=1 "$@"
done
[ "$repeat" -gt 1 ] && printf '\n\033[1m[e2e]\033[0m %s rounds, all green\n' "$repeat"
exit 0
