#!/usr/bin/env bash
# Benchmark of `supportbook check` (not a test): generates the small, medium, large and xl
# sites with shared/bench/gen_site.py and the adversarial routing catalogues of
# benches/adversarial.py (shadow-5k, shadow-20k, random-5k: 10 million cases and thousands of
# rules that shadow one another; gap-99m: 99 million cases with a 46-million-case gap;
# translation-100k: a translation file of 100,000 keys in one mapping; typos-20k and
# typos-one-item: 40,000 bad values in 20,000 rules, 20,000 in one rule), builds
# the release binary, runs `check` on each site five times and prints, per size, the median
# wall time and the peak RSS (one line each).
#
#   bash benches/check.sh                # all sizes
#   bash benches/check.sh small gap-99m  # some sizes
#   RUNS=9 bash benches/check.sh         # more runs per size
#
# Needs python3 and GNU time (/usr/bin/time). Warnings do not fail the benchmark (the small
# site has one genuine shadowed-rule warning); an error does, except the gap that gap-99m is
# made to have.
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
shared="$root/../shared"
gen="$shared/bench/gen_site.py"
runs="${RUNS:-5}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(small medium large xl shadow-5k shadow-20k random-5k gap-99m translation-100k)

[ -f "$gen" ] || { echo "check.sh: $gen not found (shared/ must be beside the repository)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "check.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/supportbook"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-10s %12s %14s  %s\n' size "median (s)" "peak RSS (MB)" diagnostics
for size in "${sizes[@]}"; do
    site="$work/$size"
    expected=0
    case "$size" in
        small | medium | large | xl) python3 "$gen" "$size" "$site" >/dev/null ;;
        gap-* | typos-*) python3 "$root/benches/adversarial.py" "$size" "$site"; expected=1 ;;
        *) python3 "$root/benches/adversarial.py" "$size" "$site" ;;
    esac
    : >"$work/times"
    : >"$work/rss"
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        status=0
        /usr/bin/time -f %M -o "$work/rss.one" "$bin" check "$site" >"$work/out" 2>&1 || status=$?
        end=$(date +%s.%N)
        if [ "$status" -ne "$expected" ]; then
            echo "check.sh: supportbook check $size exited $status:" >&2
            tail -n 20 "$work/out" >&2
            exit 1
        fi
        awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' >>"$work/times"
        tail -n 1 "$work/rss.one" >>"$work/rss"
    done
    t=$(median <"$work/times")
    rss_kb=$(sort -g "$work/rss" | tail -n 1)
    summary=$(tail -n 1 "$work/out" | sed -E 's/.*\((.*)\)$/\1/')
    rss_mb=$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')
    printf '%-10s %12.3f %14.1f  %s\n' "$size" "$t" "$rss_mb" "$summary"
done
