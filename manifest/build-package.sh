#!/usr/bin/env bash
# Builds the Teams app package: manifest/build/appPackage.zip
#
#   BOT_ID=... BOT_DOMAIN=... DEVELOPER_URL=... PRIVACY_URL=... TERMS_URL=... manifest/build-package.sh
#   manifest/build-package.sh --appsettings src/PestProtocol.Bot/appsettings.Production.json --out /tmp/pkg
#
# Settings, from environment variables:
#   BOT_ID         required  the bot's Microsoft App ID (Entra app GUID). When unset and --appsettings
#                            is given, the root key "MicrosoftAppId" of that file is used.
#   BOT_DOMAIN     required  host name the bot is served from, e.g. pestprotocol.example.nl (no https://)
#   DEVELOPER_URL  required  https URL of the support/website page
#   PRIVACY_URL    required  https URL of the privacy statement
#   TERMS_URL      required  https URL of the terms of use
#   APP_ID         optional  the Teams app id (a GUID); defaults to BOT_ID
#   APP_VERSION    optional  semantic version of the package; defaults to 1.0.0
#   PACKAGE_OUT_DIR optional where appPackage.zip goes (or --out DIR); defaults to manifest/build
#
# The placeholders ${{NAME}} in manifest.json and en.json are filled in, the result is validated
# offline (schema v1.29, Teams limits, localization, icons: tests/manifest/validate.js), and only
# a valid package is zipped. Any problem: a message naming it and exit code 1; no zip is written.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
validator_dir="$repo/tests/manifest"

fail() {
  echo "build-package: $*" >&2
  exit 1
}

appsettings=""
out_dir="${PACKAGE_OUT_DIR:-$here/build}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --appsettings) [[ $# -ge 2 ]] || fail "--appsettings needs a file"; appsettings="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || fail "--out needs a folder"; out_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument: $1 (see --help)" ;;
  esac
done

command -v node >/dev/null || fail "node is required (Node 20 or later)"

if [[ -z "${BOT_ID:-}" && -n "$appsettings" ]]; then
  [[ -f "$appsettings" ]] || fail "appsettings file not found: $appsettings"
  BOT_ID="$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").replace(/^\uFEFF/, ""));
    process.stdout.write(typeof s.MicrosoftAppId === "string" ? s.MicrosoftAppId : "");
  ' "$appsettings")" || fail "cannot read MicrosoftAppId from $appsettings"
fi

APP_ID="${APP_ID:-${BOT_ID:-}}"
APP_VERSION="${APP_VERSION:-1.0.0}"

missing=()
for name in BOT_ID BOT_DOMAIN DEVELOPER_URL PRIVACY_URL TERMS_URL; do
  [[ -n "${!name:-}" ]] || missing+=("$name")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  for name in "${missing[@]}"; do
    echo "build-package: environment variable $name is not set" >&2
  done
  fail "refusing to build: set ${missing[*]} (see manifest/build-package.sh --help)"
fi

# The validator's packages (exact versions from the committed lockfile).
if [[ ! -d "$validator_dir/node_modules/@microsoft/app-manifest" || ! -d "$validator_dir/node_modules/fs-extra" ]]; then
  echo "build-package: installing the validator's packages (npm ci in tests/manifest)" >&2
  (cd "$validator_dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || fail "npm ci in tests/manifest failed"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

export BOT_ID BOT_DOMAIN DEVELOPER_URL PRIVACY_URL TERMS_URL APP_ID APP_VERSION
# Fill the placeholders; the values are JSON-escaped so a quote or backslash cannot break the file.
node -e '
  const fs = require("fs");
  const path = require("path");
  const [from, to] = process.argv.slice(1);
  const names = ["BOT_ID", "BOT_DOMAIN", "DEVELOPER_URL", "PRIVACY_URL", "TERMS_URL", "APP_ID", "APP_VERSION"];
  for (const file of ["manifest.json", "en.json"]) {
    let text = fs.readFileSync(path.join(from, file), "utf8");
    for (const name of names) {
      const value = JSON.stringify(process.env[name]).slice(1, -1);
      text = text.split("${{" + name + "}}").join(value);
    }
    fs.writeFileSync(path.join(to, file), text);
  }
' "$here" "$stage"
cp "$here/color.png" "$here/outline.png" "$stage/"

if ! node "$validator_dir/validate.js" "$stage/manifest.json" >"$stage/validation.log" 2>&1; then
  sed "s#$stage/##g" "$stage/validation.log" >&2
  fail "refusing to build: the filled-in manifest is not valid"
fi
rm "$stage/validation.log"

mkdir -p "$out_dir"
zip_file="$(cd "$out_dir" && pwd)/appPackage.zip"
rm -f "$zip_file"
# A fixed timestamp makes the same inputs give the same zip.
touch -d "2000-01-01T00:00:00Z" "$stage"/manifest.json "$stage"/en.json "$stage"/color.png "$stage"/outline.png
if command -v zip >/dev/null; then
  (cd "$stage" && zip -q -X "$zip_file" manifest.json en.json color.png outline.png)
else
  python3 - "$stage" "$zip_file" <<'PY'
import os, sys, zipfile
stage, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "en.json", "color.png", "outline.png"):
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(stage, name), "rb") as f:
            z.writestr(info, f.read())
PY
fi
echo "build-package: wrote $zip_file (app version $APP_VERSION)"
