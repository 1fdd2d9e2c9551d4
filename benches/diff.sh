#!/usr/bin/env bash
# Benchmark of `supportbook diff` (not a test): generates a site with shared/bench/gen_site.py
# (large by default), copies it with one routing rule changed (the `technical` rule loses its
# last tier, which moves about 110,000 of large's 320,000 cases), builds the release binary,
# and prints the median wall and CPU time of `diff OLD NEW`, of `diff --against` a git
# revision, and, for comparison, of the two `check`s a diff runs.
#
#   bash benches/diff.sh             # large
#   bash benches/diff.sh medium xl   # other sizes
#   RUNS=9 bash benches/diff.sh      # more runs
#
# Needs python3, git and GNU time (/usr/bin/time).
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
gen="$root/../shared/bench/gen_site.py"
runs="${RUNS:-7}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(large)

[ -f "$gen" ] || { echo "diff.sh: $gen not found (shared/ must be beside the repository)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "diff.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

(cd "$root" && cargo build --release --quiet)
bin="$root/target/release/supportbook"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# "0.123, 0.456" from two numbers.
pair() { printf '%.3f, %.3f' "$1" "$2"; }

# The median wall time and the median CPU time (user + system) of a command run $runs times
# (it must succeed): "wall cpu". On a shared machine the CPU time is the steadier number.
timed() {
    : >"$work/times"
    : >"$work/cpu"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U %S' -o "$work/one" "$@" >"$work/out" 2>&1 || { echo "diff.sh: $* failed:" >&2; tail -n 20 "$work/out" >&2; exit 1; }
        awk '{ print $1 }' "$work/one" >>"$work/times"
        awk '{ print $2 + $3 }' "$work/one" >>"$work/cpu"
    done
    echo "$(median <"$work/times") $(median <"$work/cpu")"
}

printf '%-7s %22s %22s %22s  %s\n' size "diff: wall, cpu (s)" "--against: wall, cpu" "2 x check: wall, cpu" report
for size in "${sizes[@]}"; do
    old="$work/$size/old"
    new="$work/$size/new"
    python3 "$gen" "$size" "$old" >/dev/null
    cp -r "$old" "$new"
    python3 - "$new/catalogue/catalogue.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
rule = "    - id: technical\n      when: { severity: [S1, S2] }\n      path: [t1, t2, provider]"
assert rule in s, "the generated site has no `technical` rule"
open(p, "w").write(s.replace(rule, rule.replace("[t1, t2, provider]", "[t1, t2]")))
PY
    repo="$work/$size/repo"
    mkdir -p "$repo"
    cp -r "$old" "$repo/site"
    git -C "$repo" init -q
    git -C "$repo" add .
    git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m old
    rm -rf "$repo/site"
    cp -r "$new" "$repo/site"

    d=$(timed "$bin" diff "$old" "$new")
    "$bin" diff "$old" "$new" --format json >"$work/report.json"
    report=$(python3 - "$work/report.json" <<'PY'
import json, sys
changes = json.load(open(sys.argv[1]))["changes"]
moved = sum(c.get("cases", {}).get("count", 0) for c in changes)
print("%d lines, %s cases" % (len(changes), format(moved, ",")))
PY
)
    a=$(cd "$repo" && timed "$bin" diff site --against HEAD)
    c=$(timed sh -c "\"$bin\" check \"$old\" >/dev/null && \"$bin\" check \"$new\"")
    printf '%-7s %22s %22s %22s  %s\n' "$size" "$(pair $d)" "$(pair $a)" "$(pair $c)" "$report"
done
