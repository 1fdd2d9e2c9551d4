#!/usr/bin/env python3
"""Benchmark (not a test): time from saving a file to `supportbook serve` serving the change.

    python3 benches/serve_latency.py [SIZE ...]      (default: medium large large+it)

For each size it generates a site with ../shared/bench/gen_site.py (SIZE+LANG: then gives it a
complete second language with benches/second_language.py), starts the release
binary's `serve` on it, then, RUNS times each, appends a unique line to a Markdown page,
changes that page's title (shown on its own page, in the home page's list and in the sitemap's
order; the files of one rebuild are swapped in together), and changes a product's name in the
catalogue, and polls the affected page over loopback until the change shows. Prints the
median and the spread in milliseconds. The binary is built in CARGO_TARGET_DIR if set.
"""
import http.client
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
BIN = os.path.join(TARGET, "release", "supportbook")
RUNS = int(os.environ.get("RUNS", "7"))


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read().decode("utf-8", "replace")
    conn.close()
    return body


def wait_for(port, path, needle, limit=60.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if needle in get(port, path):
            return
        time.sleep(0.001)
    raise SystemExit(f"timed out waiting for {needle!r} on {path}")


def measure(port, edit, path, needle):
    start = time.perf_counter()
    edit()
    wait_for(port, path, needle)
    return (time.perf_counter() - start) * 1000


def bench(size):
    site = os.path.join("/tmp", f"supportbook-bench-serve-{size}")
    base, _, lang = size.partition("+")
    subprocess.run(["rm", "-rf", site], check=True)
    subprocess.run([sys.executable, os.path.join(SHARED, "bench", "gen_site.py"), base, site],
                   check=True, stdout=subprocess.DEVNULL)
    if lang:
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "second_language.py"), site,
                        "--lang", lang], check=True, stdout=subprocess.DEVNULL)
    proc = subprocess.Popen([BIN, "serve", site, "--port", "4310"], stdout=subprocess.PIPE, text=True)
    try:
        port = None
        for line in proc.stdout:
            m = re.search(r"serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        page = os.path.join(site, "pages", "kb", "article-00001.md")
        catalogue = os.path.join(site, "catalogue", "catalogue.yaml")
        md, title, cat = [], [], []
        for i in range(RUNS):
            token = f"edit-{size}-{i}-{time.time_ns()}"
            md.append(measure(port, lambda: open(page, "a").write(f"\n{token}\n"), "/kb/article-00001/", token))
            time.sleep(0.2)
            heading = f"Retitled {i}-{time.time_ns()}"

            def retitle():
                text = open(page).read()
                text = re.sub(r"(?m)^title: .*$", lambda m: f'title: "{heading}"', text, count=1)
                open(page, "w").write(text)

            title.append(measure(port, retitle, "/kb/article-00001/", heading))
            time.sleep(0.2)
            name = f"Renamed product {i}-{time.time_ns()}"

            def rename():
                text = open(catalogue).read()
                text = re.sub(r"(id: product-00002\n    name: )[^\n]*", lambda m: m.group(1) + name, text)
                open(catalogue, "w").write(text)

            cat.append(measure(port, rename, "/products/product-00002/", name))
            time.sleep(0.2)
        for kind, xs in (("markdown edit", md), ("title edit", title), ("catalogue edit", cat)):
            print(f"{size:<7} {kind:<15} median {statistics.median(xs):7.1f} ms  "
                  f"(min {min(xs):.1f}, max {max(xs):.1f}, {len(xs)} runs)")
    finally:
        proc.terminate()
        proc.wait()


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    for size in sys.argv[1:] or ["medium", "large", "large+it"]:
        bench(size)


if __name__ == "__main__":
    main()
