#!/usr/bin/env bash
# Benchmark of due times (not a test): `check` and `route` (without and with `--at`) on the
# generated `large` site, median wall time of RUNS runs each (default 15).
#
#   bash benches/due.sh                          # the release build of this tree
#   BIN=/path/to/other/supportbook bash benches/due.sh   # another binary, to compare
#
# Needs python3 (shared/bench/gen_site.py).
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
gen="$root/../shared/bench/gen_site.py"
runs="${RUNS:-15}"
if [ -z "${BIN:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    BIN="$root/target/release/supportbook"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$gen" large "$work/large" >/dev/null

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_it NAME ARGS...: runs the binary RUNS times (after one warm-up) and prints the median.
time_it() {
    local name="$1"; shift
    "$BIN" "$@" >/dev/null 2>&1 || true
    : >"$work/times"
    for _ in $(seq "$runs"); do
        start=$(date +%s.%N)
        "$BIN" "$@" >/dev/null 2>&1 || { echo "due.sh: $name failed" >&2; exit 1; }
        end=$(date +%s.%N)
        awk -v a="$start" -v b="$end" 'BEGIN { print (b - a) * 1000 }' >>"$work/times"
    done
    printf '%-22s %8.1f ms\n' "$name" "$(median <"$work/times")"
}

route=(route "$work/large" --product product-00000 --issue issue-000 --severity S1 --plan plan-0)
time_it "check large" check "$work/large"
time_it "route large" "${route[@]}"
if "$BIN" route --help | grep -q -- --at; then
    time_it "route large --at" "${route[@]}" --at 2026-12-24T09:00:00+01:00
fi
