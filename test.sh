#!/usr/bin/env bash
# Runs every test of PestProtocol on this machine, installing what the tests need first:
# Debian's chromium (end-to-end tests) and PostgreSQL (the production storage path), the npm
# packages from the committed lockfiles, and the .NET packages. Ends with one line "N passed, N failed".
#
#   ./test.sh            everything (unit, integration, PostgreSQL, end-to-end in a real browser)
#   ./test.sh --no-e2e   skip the browser tests (quicker while developing)
set -uo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
run_e2e=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) run_e2e=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '\n== %s\n' "$*"; }
work="$(mktemp -d)"
chmod 755 "$work"   # the postgres user must reach its data folder inside
pg_dir=""
cleanup() {
  if [[ -n "$pg_dir" && -f "$pg_dir/data/postmaster.pid" ]]; then
    runuser -u postgres -- /usr/lib/postgresql/*/bin/pg_ctl -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. Machine prerequisites --------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# The dossier PDF (PDFsharp) needs a TrueType font on Linux: DejaVu Sans.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
if ((${#need_apt[@]})); then
  log "Installing Debian packages: ${need_apt[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -q >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}" >/dev/null \
    || { echo "apt-get install ${need_apt[*]} failed" >&2; exit 1; }
fi
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# --- 2. npm packages from the committed lockfiles -----------------------------------------
for dir in tests/card-validator tests/manifest tests/e2e; do
  if [[ -f "$dir/package-lock.json" ]]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $dir" >&2; exit 1; }
  fi
done

# --- 3. A throwaway PostgreSQL server on loopback -----------------------------------------
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
if [[ -n "$initdb" && $(id -u) -eq 0 ]]; then
  bindir="$(dirname "$initdb")"
  pg_dir="$work/pg"
  pg_port="${PG_TEST_PORT:-55432}"
  install -d -o postgres "$pg_dir"
  if runuser -u postgres -- "$bindir/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync >"$work/initdb.log" 2>&1 \
     && runuser -u postgres -- "$bindir/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
          -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off" start >/dev/null; then
    export PESTPROTOCOL_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    log "PostgreSQL for the tests on 127.0.0.1:$pg_port"
  else
    echo "Could not start PostgreSQL for the tests:" >&2; cat "$work/initdb.log" "$pg_dir/log" 2>/dev/null >&2; exit 1
  fi
elif [[ -z "${PESTPROTOCOL_TEST_POSTGRES:-}" ]]; then
  echo "PostgreSQL tests need root (to run initdb as the postgres user) or PESTPROTOCOL_TEST_POSTGRES set." >&2; exit 1
fi

# --- 4. .NET tests -------------------------------------------------------------------------
passed=0; failed=0
log "dotnet test"
dotnet test PestProtocol.sln -c Release --nologo 2>&1 | tee "$work/dotnet.log"
dotnet_rc=${PIPESTATUS[0]}
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -n -E 's/.*Failed:[[:space:]]*([0-9]+),[[:space:]]*Passed:[[:space:]]*([0-9]+),.*/\1 \2/p' "$work/dotnet.log")
if ((dotnet_rc != 0 && failed == 0)); then failed=$((failed + 1)); echo "dotnet test exited with $dotnet_rc" >&2; fi

# --- 5. End-to-end in the Agents Playground with Chromium --------------------------------
if ((run_e2e)) && [[ -x tests/e2e/run.sh ]]; then
  log "End-to-end: Microsoft 365 Agents Playground in headless Chromium"
  # E2E_SCENARIOS empty (the default): every scenario file in tests/e2e/scenarios.
  E2E_SCENARIOS="${E2E_SCENARIOS:-}" tests/e2e/run.sh 2>&1 | tee "$work/e2e.log"
  e2e_rc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$work/e2e.log" | tail -n 1)
  if [[ -n "$line" ]]; then
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    passed=$((passed + p)); failed=$((failed + f))
  fi
  if ((e2e_rc != 0)) && [[ -z "$line" || "${f:-0}" -eq 0 ]]; then failed=$((failed + 1)); fi
fi

echo
echo "$passed passed, $failed failed"
((failed == 0))
