#!/usr/bin/env bash
# Benchmark (not a test): what search costs on gen_site.py's `large` site (3,000 articles).
#   1. `build` with the search index (this checkout) against `build` without it (the same
#      source at the commit before search, BASELINE, default the merge base with main), in the
#      same run: median wall time of RUNS runs each, the ratio, peak memory of both.
#   2. The index: its files and bytes.
#   3. In Chromium (benches/search_query.mjs): for a few queries typed key by key, the time
#      from the last key to the results shown, and the bytes of the index it fetched.
# Usage: bash benches/search.sh [SIZE]   (default large). SETTLE as in benches/build.sh: the
# script waits SETTLE seconds (default 300) before timing, for earlier deletes to age out.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SIZE=${1:-large}
GEN="$(cd .. && pwd)/shared/bench/gen_site.py"
RUNS=${RUNS:-7}
BASE="${TMPDIR:-/tmp}/supportbook-bench-search"
SITE="$BASE/site-$SIZE-$(sha256sum "$GEN" | cut -c1-12)"
RUNS_DIR="$BASE/runs-$$"
mkdir -p "$BASE" "$RUNS_DIR"
trap 'rm -rf "$RUNS_DIR"' EXIT

# The binary without search: the baseline's source, built once into its own folder (cargo reuses
# the dependencies already built in target/).
BASELINE=${BASELINE:-$(git merge-base HEAD main)}
WITHOUT="$BASE/supportbook-$BASELINE"
if [ ! -x "$WITHOUT" ]; then
  src="$BASE/src-$BASELINE"
  rm -rf "$src" && mkdir -p "$src"
  git archive "$BASELINE" | tar -x -C "$src"
  cargo build --release --quiet --manifest-path "$src/Cargo.toml" --target-dir "$PWD/target"
  cp target/release/supportbook "$WITHOUT"
  rm -rf "$src"
fi
cargo build --release --quiet
WITH="$PWD/target/release/supportbook"
grep -q search.js "$WITH" || { echo "target/release/supportbook has no search" >&2; exit 1; }

[ -f "$SITE/supportbook.yaml" ] || python3 "$GEN" "$SIZE" "$SITE" >/dev/null
sleep "${SETTLE:-300}"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
peak_mb() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1 | awk '{print int($1 / 1024)}'; }

with=(); without=()
for i in $(seq "$RUNS"); do
  without+=("$(time_ms "$WITHOUT" build "$SITE" --output "$RUNS_DIR/without-$i")")
  with+=("$(time_ms "$WITH" build "$SITE" --output "$RUNS_DIR/with-$i")")
done
w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
echo "build of $SIZE ($RUNS runs, medians): without search $wo ms, with search $w ms," \
  "$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }')"
echo "peak memory: without search $(peak_mb "$WITHOUT" build "$SITE" --output "$RUNS_DIR/peak-without") MB," \
  "with search $(peak_mb "$WITH" build "$SITE" --output "$RUNS_DIR/peak-with") MB"
idx="$RUNS_DIR/with-1/api/search"
echo "index: $(find "$idx" -type f | wc -l) files, $(du -s --apparent-size --block-size=K "$idx" | cut -f1)" \
  "(term files $(find "$idx" -name 't*.json' | wc -l), largest $(find "$idx" -name 't*.json' -printf '%s\n' | sort -n | tail -1) bytes;" \
  "document files $(find "$idx" -name 'd*.json' | wc -l))"

# Queries: an article's title, a phrase of an article's text, one word, a product's name.
out="$RUNS_DIR/with-1"
title=$(sed -n 's/^title: "\(.*\)"$/\1/p' "$SITE/pages/kb/article-01234.md")
phrase=$(awk 'NR > 5 && NF > 8 { print $3, $4, $5, $6; exit }' "$SITE/pages/kb/article-02345.md")
product=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["products"][500]["name"])' "$out/api/catalogue.json")
node benches/search_query.mjs "$out" "$title" "$phrase" "$product" "billing" "password reset" "licence"
