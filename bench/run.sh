#!/usr/bin/env bash
# Turn benchmark: our bot (Release, development mode, fresh SQLite database) against the JS peer bot,
# both driven by the shared closed-loop driver with the same C, warm-up and duration.
# Prints both JSON lines, the ratios (ours / peer) and both RSS figures.
#
# Env: C (50), DURATION (20), WARMUP (5), FLOW (melding | help), PORT (5391, ours), PEER_PORT (3979),
#      SEED_CASES (10000: cases stored before the load starts, see seed-cases.sh; 0 = none),
#      SKIP_BUILD=1 (reuse the Release build), BOT_DLL (run that PestProtocol.Bot.dll instead, e.g. a ReadyToRun publish; implies no build), SKIP_PEER=1 (ours only), SKIP_INSTALL=1 (reuse the peer's node_modules),
#      BENCH_SHARED (default: ../shared/bench from the repo root), PEER_IN_PLACE=1 (run the shared run-peer.sh
#      where it lies; by default it runs from a copy in bench/.peer/, so npm ci does not write into the shared folder).
#      CONVERSATIONS=N (measure N whole conversations instead of DURATION seconds; ours only),
#      BENCH_SMAPS=1 (keep /proc/<pid>/smaps at the RSS peak in the temp folder and print resident MiB by kind of mapping),
#      PERF_OUT=<file> (record a CPU profile of our bot with `perf record -F 999 -g` over the measured phase; the bot then
#      runs with DOTNET_PerfMapEnabled=1 so perf resolves JIT'd frames; read it with `perf report -i <file>`).
#      PIN=1 (one core per side: the bot under test, ours and then the peer, on CPU 1, the driver and its fake connector on
#      CPU 0; compares the two bots core for core, whatever the number of cores; needs taskset and two CPUs).
# Also prints each bot's CPU per measured turn (utime+stime of its process over the measured phase / turns, user and
# kernel apart): the figure the machine's load distorts least.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
shared="${BENCH_SHARED:-$repo/../shared/bench}"
[[ -d "$shared" ]] || shared="/work/shared/bench"   # worktrees live in /work/wt/<branch>
C="${C:-50}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-5}" FLOW="${FLOW:-melding}"
PORT="${PORT:-5391}" PEER_PORT="${PEER_PORT:-3979}"

driver="$shared/driver/drive.js"
script="$shared/driver/scripts/melding-route-b.json"
if [[ ! -f "$driver" || ! -f "$script" || ! -f "$shared/run-peer.sh" ]]; then
  echo "The shared benchmark is missing: expected $driver, $script and $shared/run-peer.sh." >&2
  echo "It is not part of this repository; set BENCH_SHARED to the folder that holds it." >&2
  exit 2
fi
case "$FLOW" in
  melding) ours_overrides="$here/melding-overrides.json"; peer_overrides="" ;;
  help) ours_overrides="$here/help-overrides.json"; peer_overrides="$here/help-overrides-peer.json" ;;
  *) echo "FLOW must be melding or help" >&2; exit 2 ;;
esac
# Both drivers get the same preload (it echoes our prompt card ids; for the peer it only reads replies).
export NODE_OPTIONS="${NODE_OPTIONS:-} --require $here/echo-prompt-card-id.js"

work="$(mktemp -d)"
bot= sampler=
cleanup() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  if [[ -n "$bot" ]] && kill -0 "$bot" 2>/dev/null; then
    kill "$bot" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$bot" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$bot" 2>/dev/null || true
    wait "$bot" 2>/dev/null || true
  fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "kept: $work (bot.log, rss, the SQLite file)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# PIN=1: the bot under test on CPU 1, the driver (and its fake connector) on CPU 0.
bot_cpu=() driver_cpu=()
if [[ "${PIN:-0}" == 1 ]]; then
  command -v taskset >/dev/null || { echo "PIN=1 needs taskset (util-linux)" >&2; exit 2; }
  (( $(nproc) >= 2 )) || { echo "PIN=1 needs two CPUs" >&2; exit 2; }
  bot_cpu=(taskset -c 1) driver_cpu=(taskset -c 0)
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }

# ---- build ----
project="$repo/src/PestProtocol.Bot"
if [[ "${SKIP_BUILD:-0}" != 1 && -z "${BOT_DLL:-}" ]]; then
  echo "building src/PestProtocol.Bot (Release)…" >&2
  dotnet build "$project" -c Release -nologo -v q >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; echo "build failed" >&2; exit 1; }
fi
dll="${BOT_DLL:-$(ls -d "$project"/bin/Release/net*/PestProtocol.Bot.dll 2>/dev/null | tail -n 1)}"   # BOT_DLL: another build (e.g. a ReadyToRun publish)
[[ -n "$dll" ]] || { echo "no Release build of PestProtocol.Bot (run without SKIP_BUILD=1)" >&2; exit 1; }

# ---- our bot ----
port_open "$PORT" && { echo "port $PORT is already in use" >&2; exit 1; }
(
  cd "$(dirname "$dll")"
  export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$PORT"
  if [[ -n "${BENCH_POSTGRES:-}" ]]; then
    # The production provider: a connection string to an EMPTY database the bot may migrate (it is not cleaned up).
    export Storage__Provider=PostgreSql ConnectionStrings__PestProtocol="$BENCH_POSTGRES"
  else
    export ConnectionStrings__PestProtocol="Data Source=$work/bench.db"
  fi
  export Logging__LogLevel__Default=Warning Notifications__DispatcherEnabled=false
  [[ -n "${PERF_OUT:-}" ]] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0   # W^X double-maps JIT code: perf could not resolve it
  unset MicrosoftAppId MicrosoftAppPassword
  exec "${bot_cpu[@]}" dotnet "$dll"
) >"$work/bot.log" 2>&1 &
bot=$!
for _ in $(seq 1 300); do
  kill -0 "$bot" 2>/dev/null || { cat "$work/bot.log" >&2; echo "our bot exited during start-up" >&2; exit 1; }
  port_open "$PORT" && break
  sleep 0.1
done
port_open "$PORT" || { cat "$work/bot.log" >&2; echo "our bot did not open port $PORT" >&2; exit 1; }

# ---- 10 000 cases stored (SEED_CASES; 0 = none): the bot has migrated the database by now ----
SEED_CASES="${SEED_CASES:-10000}"
if ((SEED_CASES > 0)); then
  if [[ -n "${BENCH_POSTGRES:-}" ]]; then
    "$here/seed-cases.sh" "$SEED_CASES" postgres "$(node -e '
      const kv = Object.fromEntries(process.argv[1].split(";").filter(Boolean).map((p) => { const i = p.indexOf("="); return [p.slice(0, i).trim().toLowerCase(), p.slice(i + 1).trim()]; }));
      const u = encodeURIComponent;
      console.log(`postgresql://${u(kv.username ?? kv.user ?? "postgres")}${kv.password ? ":" + u(kv.password) : ""}@${kv.host ?? "127.0.0.1"}:${kv.port ?? 5432}/${u(kv.database ?? "postgres")}`);
    ' "$BENCH_POSTGRES")" >&2
  else
    "$here/seed-cases.sh" "$SEED_CASES" sqlite "$work/bench.db" >&2
  fi
fi

# BENCH_SMAPS=1: also keep /proc/<pid>/smaps at the highest sample, for the breakdown printed below the RSS line.
( peak=0
  while kill -0 "$bot" 2>/dev/null; do
    kb="$(ps -o rss= -p "$bot" | tr -d ' ')" || true
    if [[ -n "$kb" ]]; then
      echo "$kb" >>"$work/rss"
      if [[ "${BENCH_SMAPS:-0}" == 1 ]] && ((kb > peak)); then peak=$kb; cat "/proc/$bot/smaps" >"$work/smaps.tmp" 2>/dev/null && mv "$work/smaps.tmp" "$work/smaps.peak"; fi
    fi
    sleep 1
  done ) &
sampler=$!

args=(--url "http://127.0.0.1:$PORT/api/messages" --script "$script" --overrides "$ours_overrides" -c "$C" --warmup "$WARMUP")
# CONVERSATIONS=N: measure N whole conversations (a fixed amount of work) instead of DURATION seconds; with WARMUP=0
# the CPU figure is then that of a cold start (JIT included) over the same turns, whatever the machine's load.
if [[ -n "${CONVERSATIONS:-}" ]]; then args+=(--conversations "$CONVERSATIONS"); else args+=(--duration "$DURATION"); fi
echo "ours: FLOW=$FLOW C=$C WARMUP=$WARMUP DURATION=$DURATION, load before $(load)" >&2
cpu_ticks() { awk '{ print $14, $15 }' "/proc/$1/stat" 2>/dev/null || echo 0 0; }   # utime and stime, in clock ticks
# The CPU the bot spends in the measured phase: ticks after the warm-up and at the end of the driver's run.
( sleep "$WARMUP"; cpu_ticks "$bot" >"$work/cpu.start"
  if [[ -n "${PERF_OUT:-}" ]]; then exec perf record -F 999 -g -p "$bot" -o "$PERF_OUT" -- sleep "$DURATION" >"$work/perf.log" 2>&1; fi ) &
cpu_probe=$!
rc=0
${driver_cpu[@]+"${driver_cpu[@]}"} node "$driver" "${args[@]}" >"$work/ours.json" || rc=$?
cpu_end="$(cpu_ticks "$bot")"
wait "$cpu_probe" 2>/dev/null || true
ours_cpu="$(node -e '
  const fs = require("node:fs");
  try {
    const o = JSON.parse(fs.readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
    const [u0, s0] = fs.readFileSync(process.argv[2], "utf8").trim().split(/\s+/).map(Number);
    const [u1, s1] = process.argv[3].trim().split(/\s+/).map(Number);
    const tick = 1000 / Number(process.argv[4]), ms = (u1 - u0 + s1 - s0) * tick;
    console.log(`${(ms / o.turns).toFixed(2)} ms CPU per turn (${ms.toFixed(0)} ms over ${o.turns} measured turns; ` +
      `user ${((u1 - u0) * tick / o.turns).toFixed(2)}, kernel ${((s1 - s0) * tick / o.turns).toFixed(2)} ms per turn)`);
  } catch { console.log("n/a"); }
' "$work/ours.json" "$work/cpu.start" "$cpu_end" "$(getconf CLK_TCK)")"
ours_load="$(load)"
((rc >= 128)) && { echo "interrupted" >&2; exit "$rc"; }   # the driver was killed by a signal (Ctrl-C)
kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=
ours_rss="$(awk '{ v=$1/1024; if (NR==1) f=v; if (v>m) m=v; l=v } END { if (NR) printf "start %.0f, max %.0f, end %.0f MiB", f, m, l }' "$work/rss")"
if ((rc != 0)); then echo "--- our bot log (tail) ---" >&2; tail -n 20 "$work/bot.log" >&2; fi
kill "$bot" 2>/dev/null || true; wait "$bot" 2>/dev/null || true; bot=

# ---- the peer ----
peer_rc=0
if [[ "${SKIP_PEER:-0}" != 1 ]]; then
  peer_home="$shared"
  if [[ "${PEER_IN_PLACE:-0}" != 1 ]]; then
    peer_home="$here/.peer"
    mkdir -p "$peer_home"
    (cd "$shared" && tar --exclude=node_modules -cf - .) | (cd "$peer_home" && tar -xmf -)
    chmod -R u+w "$peer_home"
  fi
  echo "peer: FLOW=$FLOW C=$C WARMUP=$WARMUP DURATION=$DURATION, load before $(load)" >&2
  # The peer's CPU: its utime and stime sampled every 0.2 s while it runs (run-peer.sh starts and stops it); with PIN=1
  # the watcher also moves it to CPU 1 as soon as it is up (run-peer.sh runs on CPU 0, with its driver).
  ( pid=
    for _ in $(seq 1 300); do pid="$(pgrep -n -f "node .*peer/index.js")" && break; sleep 0.05; done
    [[ -n "$pid" ]] || exit 0
    [[ "${PIN:-0}" == 1 ]] && taskset -a -p -c 1 "$pid" >/dev/null
    while [[ -r "/proc/$pid/stat" ]]; do
      t="$(awk '{ print $14, $15 }' "/proc/$pid/stat" 2>/dev/null)" && [[ -n "$t" ]] && echo "$(date +%s.%N) $t"
      sleep 0.2
    done >"$work/peer.cpu" ) &
  peer_watch=$!
  env C="$C" DURATION="$DURATION" WARMUP="$WARMUP" PORT="$PEER_PORT" OVERRIDES="$peer_overrides" \
    ${driver_cpu[@]+"${driver_cpu[@]}"} "$peer_home/run-peer.sh" >"$work/peer.json" 2> >(tee "$work/peer.err" >&2) || peer_rc=$?
  wait "$peer_watch" 2>/dev/null || true
  peer_load="$(load)"
fi

# ---- report ----
echo
echo "ours  ($FLOW): $(cat "$work/ours.json")"
echo "  RSS during load: $ours_rss; load average at the end: $ours_load"
if [[ -f "$work/smaps.peak" ]]; then
  # Resident MiB at the peak by kind of mapping: assemblies (mapped .dll files), JIT code and type data (the runtime's
  # double-mapped memory, W^X), native libraries (.so), anonymous (GC heap, malloc arenas, stacks), the rest.
  echo "  at the peak: $(awk '
    /^[0-9a-f]+-[0-9a-f]+ / { n = $6; k = (n == "" || n == "[heap]" || n == "[stack]") ? "anonymous" : (n ~ /doublemapper/) ? "JIT+types" : (n ~ /\.dll$/) ? "assemblies" : (n ~ /\.so/) ? "native libs" : "other"; next }
    /^Rss:/ { r[k] += $2 }
    END { printf "assemblies %.1f, JIT+types %.1f, anonymous %.1f, native libs %.1f, other %.1f MiB", r["assemblies"]/1024, r["JIT+types"]/1024, r["anonymous"]/1024, r["native libs"]/1024, r["other"]/1024 }
  ' "$work/smaps.peak")"
fi
echo "  CPU: $ours_cpu"
if [[ "${SKIP_PEER:-0}" != 1 ]]; then
  echo "peer  ($FLOW): $(cat "$work/peer.json")"
  echo "  RSS during load: $(grep -o 'start [0-9]*, max [0-9]*, end [0-9]*' "$work/peer.err" | sed 's/$/ MiB/'); load average at the end: $peer_load"
  # The peer's CPU over the last DURATION seconds it was alive: the driver stops it right after the measured phase.
  node -e '
    const fs = require("node:fs");
    try {
      const o = JSON.parse(fs.readFileSync(process.argv[1], "utf8").trim().split("\n").pop());
      const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((l) => l.split(" ").map(Number));
      const end = rows[rows.length - 1], start = rows.filter((r) => r[0] <= end[0] - Number(process.argv[3])).pop();
      if (!start || !o.turns) throw new Error();
      const tick = 1000 / Number(process.argv[4]), secs = end[0] - start[0];
      const u = (end[1] - start[1]) * tick, k = (end[2] - start[2]) * tick, turns = o.turnsPerSec * secs;
      console.log(`  CPU: ${((u + k) / turns).toFixed(2)} ms CPU per turn (${(u + k).toFixed(0)} ms over the last ${secs.toFixed(1)} s; ` +
        `user ${(u / turns).toFixed(2)}, kernel ${(k / turns).toFixed(2)} ms per turn)`);
    } catch { console.log("  CPU: n/a"); }
  ' "$work/peer.json" "$work/peer.cpu" "$DURATION" "$(getconf CLK_TCK)"
  node -e '
    const fs = require("node:fs");
    const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8").trim().split("\n").pop()); } catch { return null; } };
    const o = read(process.argv[1]), p = read(process.argv[2]);
    if (!o || !p) { console.log("ratios: n/a (a run produced no result)"); process.exit(0); }
    const r = (a, b) => (a && b ? (a / b).toFixed(2) : "n/a");
    console.log(`ratios ours/peer: turns/s ${r(o.turnsPerSec, p.turnsPerSec)} (target >= 3.00), ` +
      `p50 ${r(o.p50Ms, p.p50Ms)}, p95 ${r(o.p95Ms, p.p95Ms)}, p99 ${r(o.p99Ms, p.p99Ms)} (target <= 0.33)`);
  ' "$work/ours.json" "$work/peer.json"
fi
((rc == 0 && peer_rc == 0)) || { echo "a run reported errors (ours rc=$rc, peer rc=$peer_rc)" >&2; exit 1; }
