#!/usr/bin/env bash
# Benchmark of published changes (spec section 15; not a test): generates a site with
# shared/bench/gen_site.py (large by default) in a git repository of its own, tags 12 versions
# (each changes one price, and every third one also a page), builds the release binary, and
# prints the median wall and CPU time of `build` without `changes` and with `changes` listing
# the 12 versions, and their ratio. The target: at most 4 times a build without `changes`.
#
#   bash benches/changes.sh            # large
#   bash benches/changes.sh medium     # another size
#   RUNS=7 bash benches/changes.sh     # more runs (default 5)
#   GEN=…/gen_site.py BIN=…/supportbook bash benches/changes.sh   # another generator or binary
#
# Needs python3, git and GNU time (/usr/bin/time).
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
gen="${GEN:-$root/../shared/bench/gen_site.py}"
runs="${RUNS:-5}"
size="${1:-large}"
tags="${TAGS:-12}"

[ -f "$gen" ] || { echo "changes.sh: $gen not found (shared/ must be beside the repository)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "changes.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

# BIN=path/to/supportbook measures a binary built already.
if [ -z "${BIN:-}" ]; then (cd "$root" && cargo build --release --quiet); fi
bin="${BIN:-$root/target/release/supportbook}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# "wall cpu": the medians of $runs runs of a command (it must succeed).
timed() {
    : >"$work/times"
    : >"$work/cpu"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U %S' -o "$work/one" "$@" >"$work/out" 2>&1 || { echo "changes.sh: $* failed:" >&2; tail -n 20 "$work/out" >&2; exit 1; }
        awk '{ print $1 }' "$work/one" >>"$work/times"
        awk '{ print $2 + $3 }' "$work/one" >>"$work/cpu"
    done
    echo "$(median <"$work/times") $(median <"$work/cpu")"
}

repo="$work/repo"
site="$repo/site"
python3 "$gen" "$size" "$site" >/dev/null
g() { git -C "$repo" -c user.name=Bench -c user.email=bench@example.com -c commit.gpgsign=false -c tag.gpgsign=false "$@"; }
g init -q -b main
g add -A
GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" g commit -q -m "version 0"
g tag -a terms-00 -m "Terms 0" -m "effective: 2026-01-01"
for n in $(seq 1 $((tags - 1))); do
    python3 - "$site" "$n" <<'PY'
import pathlib, re, sys
site, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
cat = site / "catalogue" / "catalogue.yaml"
s = cat.read_text()
# One price up by one cent, a different plan each time.
prices = list(re.finditer(r'amount: "(\d+)\.(\d\d)"', s))
m = prices[n % len(prices)]
cents = int(m.group(1)) * 100 + int(m.group(2)) + 1
s = s[:m.start()] + f'amount: "{cents // 100}.{cents % 100:02d}"' + s[m.end():]
cat.write_text(s)
if n % 3 == 0:
    page = sorted((site / "pages").rglob("*.md"))[n]
    page.write_text(page.read_text() + f"\nRevised in version {n}.\n")
PY
    g add -A
    GIT_COMMITTER_DATE="2026-02-$(printf %02d "$n")T00:00:00Z" g commit -q -m "version $n"
    g tag -a "terms-$(printf %02d "$n")" -m "Terms $n"
done

plain="$(timed "$bin" build "$site" --output "$work/out-plain")"
printf 'changes:\n  tags: "terms-*"\n' >>"$site/supportbook.yaml"
with="$(timed "$bin" build "$site" --output "$work/out-changes")"
versions="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["versions"]))' "$work/out-changes/api/changes.json")"
read -r pw pc <<<"$plain"
read -r cw cc <<<"$with"
printf '%-7s %8s %22s %22s %16s\n' size versions "build: wall, cpu (s)" "with changes: wall, cpu" "ratio wall, cpu"
printf '%-7s %8s %22s %22s %16s\n' "$size" "$versions" "$pw, $pc" "$cw, $cc" \
    "$(awk -v a="$cw" -v b="$pw" 'BEGIN { printf "%.2f", a / b }'), $(awk -v a="$cc" -v b="$pc" 'BEGIN { printf "%.2f", a / b }')"
