#!/usr/bin/env bash
# Thermometer fan-out benchmark (issue 14, item 5): 40 classes x 30 students = 1200 invitations through the real outbox
# dispatcher to the fake connector on 127.0.0.1, at Teams' own limits (7 messages/s per conversation, 50 requests/s per
# app), with 25 injected 429s (Retry-After 1 s). Prints the time against the minimum those limits allow (1200 / 50 = 24 s).
# It is the test ThermometerFanOutTests run with PESTPROTOCOL_FANOUT_BENCH=1; it checks the same things (all sent,
# none twice) and writes the figures. SKIP_BUILD=1 reuses the Release build of the test project.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  dotnet build tests/PestProtocol.Bot.Tests -c Release --nologo -v q
fi
PESTPROTOCOL_FANOUT_BENCH=1 dotnet test tests/PestProtocol.Bot.Tests -c Release --no-build \
  --filter "FullyQualifiedName~ThermometerFanOutTests" --logger "console;verbosity=detailed" \
  | grep -E "fan-out:|Passed |Failed " 
