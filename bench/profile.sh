#!/usr/bin/env bash
# CPU profile of our bot under the benchmark load: runs bench/run.sh (ours only) and, once the measured phase has
# begun, records a CPU-sampling trace of the bot with dotnet-trace, then prints the top frames (exclusive and
# inclusive) with bench/top-frames.js. Needs `dotnet tool install -g dotnet-trace`.
# Env: everything run.sh takes (FLOW, C, WARMUP, DURATION, PORT…), TRACE_SECONDS (8), OUT (a folder; default a temp one).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
PORT="${PORT:-5391}" WARMUP="${WARMUP:-5}" DURATION="${DURATION:-20}" TRACE_SECONDS="${TRACE_SECONDS:-8}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
trace="${DOTNET_TRACE:-$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")}"
[[ -x "$trace" ]] || { echo "dotnet-trace is missing: dotnet tool install -g dotnet-trace" >&2; exit 2; }

env PORT="$PORT" WARMUP="$WARMUP" DURATION="$DURATION" SKIP_PEER=1 "$here/run.sh" >"$out/run.out" 2>&1 &
run=$!
trap 'kill "$run" 2>/dev/null || true' EXIT
pid=
for _ in $(seq 1 600); do
  pid="$(ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)"
  [[ -n "$pid" ]] && grep -q '^ours:' "$out/run.out" 2>/dev/null && break
  sleep 0.2
done
[[ -n "$pid" ]] || { cat "$out/run.out" >&2; echo "the bot did not start" >&2; exit 1; }
sleep "$((WARMUP + 1))"
"$trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf %02d "$TRACE_SECONDS")" -o "$out/bot.nettrace" >"$out/trace.log" 2>&1 || "$trace" collect -p "$pid" --profile cpu-sampling --duration "00:00:00:$(printf %02d "$TRACE_SECONDS")" -o "$out/bot.nettrace" >>"$out/trace.log" 2>&1 || { cat "$out/trace.log" >&2; }
wait "$run" || true
trap - EXIT
cat "$out/run.out" | tail -n 4
"$trace" convert --format speedscope "$out/bot.nettrace" -o "$out/bot" >/dev/null
node "$here/top-frames.js" "$out"/bot*.speedscope.json
echo "trace: $out/bot.nettrace" >&2
