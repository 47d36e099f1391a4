#!/usr/bin/env bash
# End-to-end run: the real bot, driven through the Microsoft 365 Agents Playground (a Teams client
# emulator) in headless Debian Chromium. Prints a closing line "N passed, N failed" and exits
# non-zero on any failure.
#
# Environment:
#   E2E_BOT_DLL      an already built PestProtocol.Bot.dll (skips the build)
#   E2E_SKIP_BUILD=1 use src/PestProtocol.Bot/bin/Release/net10.0 as it is
#   E2E_SCENARIOS    comma-separated scenario file stems to run (e.g. "welcome-and-help"); empty = all
#   E2E_CHROMIUM     the Chromium binary (default /usr/bin/chromium)
#   E2E_KEEP=1       keep the run's temp dir (data, logs, screenshots) even when everything passed
#
# `run.sh --selfcheck` checks the harness itself (playground, Chromium, card helpers) against a small
# echo bot in tests/e2e/selfcheck instead of the product; it needs no dotnet build.
set -uo pipefail

suite=scenarios
case "${1:-}" in
  "") ;;
  --selfcheck) suite=selfcheck ;;
  *) echo "usage: $0 [--selfcheck]" >&2; exit 2 ;;
esac

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/../.." && pwd)"
cd "$REPO_ROOT"

fail() {
  echo "e2e: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}
now_ms() { date +%s%3N; }

# 1. Prerequisites ---------------------------------------------------------------------------------
command -v node >/dev/null || fail "node is not installed (apt-get install -y nodejs npm)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "node >= 20 is needed, found $(node --version)"
[ "$suite" = selfcheck ] || command -v dotnet >/dev/null || fail "dotnet is not installed"

export E2E_CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$E2E_CHROMIUM" ]; then
  if [ "$E2E_CHROMIUM" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "e2e: installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
      || fail "apt-get install chromium failed"
  else
    fail "Chromium not found at $E2E_CHROMIUM (apt-get install -y chromium, or set E2E_CHROMIUM)"
  fi
fi
echo "e2e: $(node --version), $("$E2E_CHROMIUM" --version 2>/dev/null | head -n1)"

lock_hash="$(sha256sum "$E2E_DIR/package-lock.json" | cut -d' ' -f1)"
stamp="$E2E_DIR/node_modules/.pestprotocol-lock.sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  started="$(now_ms)"
  (cd "$E2E_DIR" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in tests/e2e failed"
  echo "$lock_hash" >"$stamp"
  echo "e2e: npm ci took $(( $(now_ms) - started )) ms"
else
  echo "e2e: node_modules is up to date with package-lock.json"
fi

# 2. The bot, built once -----------------------------------------------------------------------------
if [ "$suite" = selfcheck ]; then
  echo "e2e: self-check of the harness, no bot build"
elif [ -n "${E2E_BOT_DLL:-}" ]; then
  [ -f "$E2E_BOT_DLL" ] || fail "E2E_BOT_DLL=$E2E_BOT_DLL does not exist"
  echo "e2e: using the bot at $E2E_BOT_DLL"
else
  export E2E_BOT_DLL="$REPO_ROOT/src/PestProtocol.Bot/bin/Release/net10.0/PestProtocol.Bot.dll"
  if [ "${E2E_SKIP_BUILD:-0}" = 1 ] && [ -f "$E2E_BOT_DLL" ]; then
    echo "e2e: using the existing build at $E2E_BOT_DLL"
  else
    started="$(now_ms)"
    dotnet build src/PestProtocol.Bot -c Release -nologo -v q || fail "dotnet build src/PestProtocol.Bot -c Release failed"
    echo "e2e: bot build took $(( $(now_ms) - started )) ms"
  fi
fi

# 3. The scenarios -----------------------------------------------------------------------------------
E2E_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/pestprotocol-e2e-XXXXXX")"
export E2E_RUN_DIR
export E2E_SCENARIOS="${E2E_SCENARIOS:-}"
tap="$E2E_RUN_DIR/results.tap"

cleanup() {
  # Whatever a crashed test file left behind: each bot and playground was started as the leader of
  # its own process group and listed in pgids. Only a leader still alive and carrying this run's
  # E2E_RUN_DIR is ours (a listed id may since have been reused by an unrelated process).
  if [ -f "$E2E_RUN_DIR/pgids" ]; then
    while read -r pgid; do
      [ -n "$pgid" ] && [ -r "/proc/$pgid/environ" ] || continue
      if tr '\0' '\n' <"/proc/$pgid/environ" 2>/dev/null | grep -qxF "E2E_RUN_DIR=$E2E_RUN_DIR"; then
        echo "e2e: stopping left-over process group $pgid" >&2
        kill -KILL -- "-$pgid" 2>/dev/null
      fi
    done <"$E2E_RUN_DIR/pgids"
  fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

shopt -s nullglob
files=("$E2E_DIR/$suite"/*.test.mjs)
shopt -u nullglob
[ "${#files[@]}" -gt 0 ] || fail "no test files in tests/e2e/$suite"
echo "e2e: $suite ${E2E_SCENARIOS:-(all)}; temp dir $E2E_RUN_DIR"
started="$(now_ms)"
# Each scenario has its own time limit (scenario.js; up to 420 s for the longest). --test-timeout caps each test FILE
# (node 20: a test declaring 10 s is cancelled at --test-timeout=1000), so at 240 s it cut melding-route-d (360 s) and
# thermometer (420 s) short on a slow machine; it only sits above the longest scenario's own limit now. The whole run
# took 12-14 min for 19 files on the shared 2-core machine and 17.5 min with two extra busy loops (the old cap was
# 20 min); it is stopped after 45 min.
timeout --kill-after=15 2700 \
  node --test --test-concurrency=1 --test-timeout=480000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "${files[@]}"
node_status=$?
echo "e2e: scenarios took $(( $(now_ms) - started )) ms"

# 4. The verdict -------------------------------------------------------------------------------------
count() { grep -E "^# $1 [0-9]+$" "$tap" 2>/dev/null | tail -n1 | awk '{print $3}'; }
passed="$(count pass)"; failed="$(count fail)"; cancelled="$(count cancelled)"; skipped="$(count skipped)"
passed="${passed:-0}"; failed="$(( ${failed:-0} + ${cancelled:-0} ))"; skipped="${skipped:-0}"
if [ "$node_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "e2e: the test runner exited with $node_status without reporting a failed test" >&2
  failed=1
fi
if [ $(( passed + failed )) -eq 0 ]; then
  echo "e2e: no scenario ran (E2E_SCENARIOS=${E2E_SCENARIOS:-})" >&2
  failed=1
fi

if [ "$failed" -eq 0 ] && [ "${E2E_KEEP:-0}" != 1 ]; then
  cleanup
  rm -rf "$E2E_RUN_DIR"
else
  echo "e2e: logs, databases and screenshots kept in $E2E_RUN_DIR"
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
