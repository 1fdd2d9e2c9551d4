#!/usr/bin/env bash
# Benchmark (not a test): what search costs on gen_site.py's `large` site (3,000 articles).
#   1. `build` with the search index (this checkout) against `build` without it (the same
#      program with the index switched off, or at BASELINE), in the same run,
#      interleaved: the median wall time and CPU time (user + system) of RUNS runs each, the
#      ratios of the medians and the median of the pairs' ratios, the peak memory of both,
#      and the load average beside each (the machine is shared: CPU time is the steadier
#      number, and a pair's ratio steadier than the medians' when its speed drifts).
#   2. The index: its files and bytes.
#   3. In Chromium (benches/search_query.mjs): for a few queries typed key by key, the time
#      from the last key to the results shown, and the bytes of the index it fetched.
# Usage: [RUNS=7] [SETTLE=300] [BASELINE=rev] bash benches/search.sh [SIZE]   (default large)
#   Without BASELINE, "without search" is this checkout with its three indexing switches turned
#   off (see below), so the difference is search's own cost and nothing else.
#   SETTLE as in benches/build.sh: the script waits SETTLE seconds (default 300) before timing,
#   for earlier deletes to age out; SETTLE=0 when nothing was deleted in the last minutes.
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

# The binary without search: this checkout's source with the index switched off (the pages are
# not cut into chunks, the Markdown pages' words are not gathered, no index is written;
# everything else is the same program), built once
# per source into target/bench-without/ (its first build compiles the dependencies there).
# BASELINE=rev builds that commit as it is instead (e.g. the one before search came in).
src_id=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo "-dirty")
# Keyed by the source and by this script, whose switches make it.
WITHOUT="$BASE/supportbook-${BASELINE:-nosearch-$src_id-$(sha256sum benches/search.sh | cut -c1-8)}"
if [ ! -x "$WITHOUT" ]; then
  src="$BASE/src-$$"
  rm -rf "$src" && mkdir -p "$src"
  if [ -n "${BASELINE:-}" ]; then
    git archive "$BASELINE" | tar -x -C "$src"
  else
    git ls-files -z | xargs -0 cp --parents -t "$src"
    # The three switches of the index. The first two: weighing a rendered page's words for it,
    # and the build's `index` flag (without it, the build writes no index and schedules its
    # work as a build without one: the data beside the pages).
    sed -i 's|^\( *\)self.index_page(.*);$|\1{}|' "$src/src/render/mod.rs"
    sed -i 's|Selection::Everything => self.run_all(out, true)|Selection::Everything => self.run_all(out, false)|' "$src/src/render/mod.rs"
    [ "$(grep -c 'index_page\|self.run_all(out, true)' "$src/src/render/mod.rs")" = 0 ] ||
      { echo "benches/search.sh: could not switch the index off (render/mod.rs changed)" >&2; exit 1; }
    # The third: the Markdown pages' words, gathered from their parse as they render for the
    # index alone (without this, the baseline would pay part of search's cost).
    sed -i 's|render(text, links, min_heading, ids, true, Some(&mut rewrites))|render(text, links, min_heading, ids, false, Some(\&mut rewrites))|' "$src/src/render/markdown.rs"
    grep -q 'render(text, links, min_heading, ids, false, Some(&mut rewrites))' "$src/src/render/markdown.rs" ||
      { echo "benches/search.sh: could not switch the Markdown pages' words off (render/markdown.rs changed)" >&2; exit 1; }
  fi
  # A target folder of its own: in this one its artifacts would pass for this checkout's.
  cargo build --release --quiet --manifest-path "$src/Cargo.toml" --target-dir "$PWD/target/bench-without"
  cp target/bench-without/release/supportbook "$WITHOUT"
  rm -rf "$src"
fi
cargo build --release --quiet
WITH="$PWD/target/release/supportbook"
cmp -s "$WITH" "$WITHOUT" && { echo "target/release/supportbook is the binary without search" >&2; exit 1; }

[ -f "$SITE/supportbook.yaml" ] || python3 "$GEN" "$SIZE" "$SITE" >/dev/null
sleep "${SETTLE:-300}"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { cut -d' ' -f1 /proc/loadavg; }
# One build: "wall cpu peak-MB load" (seconds; load average at its end).
run() {
  /usr/bin/time -f '%e %U %S %M' -o "$RUNS_DIR/time" "$@" >/dev/null 2>&1
  awk -v l="$(load)" '{ printf "%s %.2f %d %s\n", $1, $2 + $3, $4 / 1024, l }' "$RUNS_DIR/time"
}

: >"$RUNS_DIR/with"; : >"$RUNS_DIR/without"
for i in $(seq "$RUNS"); do
  run "$WITHOUT" build "$SITE" --output "$RUNS_DIR/without-$i" >>"$RUNS_DIR/without"
  run "$WITH" build "$SITE" --output "$RUNS_DIR/with-$i" >>"$RUNS_DIR/with"
done
col() { awk -v c="$2" '{print $c}' "$RUNS_DIR/$1" | median; }
for f in without with; do
  echo "$f search, each run (wall s, cpu s, peak MB, load): $(awk '{printf "%s/%s/%s/%s  ", $1, $2, $3, $4}' "$RUNS_DIR/$f")"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }'; }
loads=$(awk '{print $4}' "$RUNS_DIR/with" "$RUNS_DIR/without" | sort -g)
echo "build of $SIZE, medians of $RUNS interleaved runs (load average $(head -1 <<<"$loads") to $(tail -1 <<<"$loads")):"
echo "  wall: without search $(col without 1) s, with search $(col with 1) s, $(ratio "$(col with 1)" "$(col without 1)")"
echo "  cpu (user+sys): without search $(col without 2) s, with search $(col with 2) s, $(ratio "$(col with 2)" "$(col without 2)")"
# Each with-search run over the run without it just before: the machine's speed drifts (this
# one's has been seen to shift by half within a run of builds), and a pair shares the moment.
paired() {
  paste "$RUNS_DIR/with" "$RUNS_DIR/without" |
    awk -v c="$1" '{ printf "%.4f\n", ($c / $(c + 4) - 1) * 100 }' | median | awk '{ printf "%+.0f%%", $1 }'
}
echo "  paired, the median of each run's ratio: wall $(paired 1), cpu $(paired 2)"
echo "  peak memory: without search $(col without 3) MB, with search $(col with 3) MB"
idx="$RUNS_DIR/with-1/api/search"
echo "index: $(find "$idx" -type f | wc -l) files, $(du -s --apparent-size --block-size=K "$idx" | cut -f1)" \
  "(term files $(find "$idx" -name 't*.json' | wc -l), largest $(find "$idx" -name 't*.json' -printf '%s\n' | sort -n | tail -1) bytes;" \
  "document files $(find "$idx" -name 'd*.json' | wc -l))"

# Queries: an article's title, a phrase of an article's text, one word, a product's name.
out="$RUNS_DIR/with-1"
title=$(sed -n 's/^title: "\(.*\)"$/\1/p' "$SITE/pages/kb/article-01234.md")
phrase=$(awk 'NR > 5 && NF > 8 { print $3, $4, $5, $6; exit }' "$SITE/pages/kb/article-02345.md")
product=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["products"][500]["name"])' "$out/api/catalogue.json")
echo "queries in Chromium (load average $(load)):"
node benches/search_query.mjs "$out" "$title" "$phrase" "$product" "billing" "password reset" "licence"
