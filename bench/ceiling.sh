#!/usr/bin/env bash
# The benchmark's ceiling on this machine: bench/ceiling/ (an endpoint that reads the activity, posts one card reply and
# answers 200: no state, no auth, no dialog, no database) driven exactly like our bot, the peer right after it.
# Its turns/s is the most any bot reaches here with the shared driver on the same cores (bench/README.md, "The ceiling").
# Env: as run.sh (C, WARMUP, DURATION, SKIP_PEER, SKIP_INSTALL, BENCH_SHARED, PORT, PEER_PORT); SKIP_BUILD=1 reuses the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build "$here/ceiling" -c Release -nologo -v q >/dev/null || { echo "building bench/ceiling failed" >&2; exit 1; }
fi
dll="$(ls -d "$here"/ceiling/bin/Release/net*/Ceiling.dll 2>/dev/null | tail -n 1)"
[[ -n "$dll" ]] || { echo "no Release build of bench/ceiling (run without SKIP_BUILD=1)" >&2; exit 1; }
# The help flow: one card reply per turn, the least a turn can be. No cases to seed: the ceiling has no database.
exec env BOT_DLL="$dll" SEED_CASES=0 FLOW=help "$here/run.sh"
