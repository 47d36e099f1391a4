#!/usr/bin/env bash
# The whole quiet-machine table of bench/README.md in one go, back to back, into one log ($1, default bench-table.log):
# melding C=10 and C=50, help C=50 and C=10, three runs each with the peer; the steady state (WARMUP=20) of melding and
# help, one melding profile (PERF_OUT); three PostgreSQL runs when PG_HOST/PG_PORT/PG_USER are set (a database is created
# and dropped per run); the ceiling; and, with BASE_DLL=<another build's PestProtocol.Bot.dll>, the base rows.
# Run it on a Release build (e.g. a clean clone right after its .ci/run) and on a quiet machine: it takes ~12 minutes.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
log="$(realpath -m "${1:-bench-table.log}")"
cd "$repo"
dotnet build bench/ceiling -c Release -nologo -v q >/dev/null 2>&1
export SKIP_BUILD=1
err="$(mktemp)"
run() { echo "=== $* ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))" >>"$log"; env "$@" bench/run.sh >>"$log" 2>"$err"; echo "rc=$?" >>"$log"; grep -E "ours:|peer:|RSS" "$err" >>"$log" || true; }
run SKIP_INSTALL="${SKIP_INSTALL:-0}" FLOW=melding C=10 WARMUP=3 DURATION=10
for _ in 2 3; do run SKIP_INSTALL=1 FLOW=melding C=10 WARMUP=3 DURATION=10; done
for _ in 1 2 3; do run SKIP_INSTALL=1 FLOW=melding C=50 WARMUP=3 DURATION=10; done
for _ in 1 2 3; do run SKIP_INSTALL=1 FLOW=help C=50 WARMUP=3 DURATION=10; done
for _ in 1 2 3; do run SKIP_INSTALL=1 FLOW=help C=10 WARMUP=3 DURATION=10; done
run SKIP_INSTALL=1 SKIP_PEER=1 FLOW=melding C=10 WARMUP=20 DURATION=10
run SKIP_INSTALL=1 SKIP_PEER=1 FLOW=melding C=10 WARMUP=20 DURATION=10 PERF_OUT="${log%.log}-melding.perf"
run SKIP_INSTALL=1 SKIP_PEER=1 FLOW=help C=50 WARMUP=20 DURATION=10
if [[ -n "${PG_HOST:-}" ]]; then
  for i in 1 2 3; do
    db="bench_table_$i"
    psql -h "$PG_HOST" -p "${PG_PORT:-5432}" -U "${PG_USER:-postgres}" -qc "drop database if exists $db" -c "create database $db" >/dev/null
    run SKIP_INSTALL=1 SKIP_PEER=1 FLOW=melding C=10 WARMUP=3 DURATION=10 BENCH_POSTGRES="Host=$PG_HOST;Port=${PG_PORT:-5432};Username=${PG_USER:-postgres};Database=$db"
    psql -h "$PG_HOST" -p "${PG_PORT:-5432}" -U "${PG_USER:-postgres}" -qc "drop database if exists $db" >/dev/null
  done
fi
echo "=== ceiling" >>"$log"; SKIP_INSTALL=1 C=50 WARMUP=3 DURATION=10 bench/ceiling.sh >>"$log" 2>"$err"; echo "rc=$?" >>"$log"
if [[ -n "${BASE_DLL:-}" ]]; then
  echo "=== base: $BASE_DLL" >>"$log"
  for _ in 1 2 3; do run SKIP_PEER=1 BOT_DLL="$BASE_DLL" FLOW=melding C=10 WARMUP=3 DURATION=10; done
  run SKIP_PEER=1 BOT_DLL="$BASE_DLL" FLOW=melding C=10 WARMUP=20 DURATION=10
  run SKIP_PEER=1 BOT_DLL="$BASE_DLL" FLOW=help C=50 WARMUP=20 DURATION=10
  run SKIP_PEER=1 BOT_DLL="$BASE_DLL" FLOW=melding C=50 WARMUP=3 DURATION=10
fi
rm -f "$err"
echo "=== done $(date -u +%H:%M:%S)" >>"$log"
