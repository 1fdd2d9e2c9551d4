#!/usr/bin/env bash
# Page weight (not a test): builds the generated sites (default `large`: 1,000 products and
# 3,000 Markdown pages; `xl`: 5,000 products and 10,000 pages) and prints, for each kind of
# page, how many there are and the size of the largest, with its path.
#
#   bash benches/page_weight.sh                      # the release build of this tree
#   SIZES="large" bash benches/page_weight.sh        # one size
#   BIN=/path/to/other/supportbook bash benches/page_weight.sh   # another binary, to compare
#
# Needs python3 (shared/bench/gen_site.py).
set -euo pipefail

root="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
gen="$root/../shared/bench/gen_site.py"
if [ -z "${BIN:-}" ]; then
    (cd "$root" && cargo build --release --quiet)
    BIN="$root/target/release/supportbook"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for size in ${SIZES:-large xl}; do
    python3 "$gen" "$size" "$work/$size" >/dev/null
    "$BIN" build "$work/$size" --output "$work/$size-out" >/dev/null 2>&1
    echo "== $size"
    python3 - "$work/$size-out" <<'PY'
import os, re, sys
out = sys.argv[1]
kinds = [
    (r"index\.html", "home"),
    (r"articles/(page/\d+/)?index\.html", "articles list"),
    (r"products/index\.html", "products list, first page"),
    (r"products/page/\d+/index\.html", "products list, further page"),
    (r"products/[^/]+/index\.html", "product"),
    (r"plans/index\.html", "plans"),
    (r"plans/[^/]+/index\.html", "plan"),
    (r"routing/index\.html", "routing"),
    (r"routing/page/\d+/index\.html", "routing, further page"),
    (r"contact/index\.html", "contact"),
    (r"changes/index\.html", "changes"),
    (r"404\.html", "404"),
    (r".*\.html", "Markdown page"),
]
largest = {}
for dirpath, _, names in os.walk(out):
    for n in names:
        if not n.endswith(".html"):
            continue
        path = os.path.relpath(os.path.join(dirpath, n), out)
        size = os.path.getsize(os.path.join(out, path))
        kind = next(k for pattern, k in kinds if re.fullmatch(pattern, path))
        count, big, at = largest.get(kind, (0, -1, ""))
        largest[kind] = (count + 1, max(big, size), at if big >= size else path)
print(f"{'kind':<30} {'pages':>6} {'largest':>12}  path")
for _, kind in kinds:
    if kind in largest:
        count, big, at = largest[kind]
        print(f"{kind:<30} {count:>6} {big / 1000:>9.1f} KB  {at}")
PY
done
