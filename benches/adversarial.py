#!/usr/bin/env python3
"""Generate adversarial routing catalogues for benches/check.sh (not a test).

    adversarial.py KIND OUT_DIR

KIND is one of:

  shadow-5k   10 million cases (2,500 products x 1,000 issue types x 4 severities), 5,000
              rules: 2,500 that decide every case (one per product), then 2,500 that each
              match 0.5 to 2 million cases and so never decide one (each shadowed by 2,500
              rules).
  shadow-20k  the same space with 20,000 rules: 10,000 deciding ones (a product and a
              severity each), 10,000 shadowed ones.
  random-5k   the same space with 5,000 rules that each name a random eighth of the products
              and of the issue types: no two values are named by the same rules, so nothing
              can be merged (the worst case for supportbook's algorithm); about 4,000 rules
              are shadowed, each by hundreds of others.
  translation-100k
              a second language whose translation file holds one mapping of 100,000 keys
              (the names of 100,000 products), to show that loading is linear in keys.
  gap-99m     99 million cases (4,950 products x 1,000 issue types x 4 severities x 5 plans)
              and no fallback: every 13th product has its own rules, which leave out the
              issue types i*7 at severity S4 under plans 0 to 2; the other products are
              decided at severities S1 and S2 only (a gap of 46 million cases).
  typos-20k   20,000 rules, each with two bad values (an unknown key in `when`, a wrong type in
              `covered`): `check` reports the 40,000 errors, to show that reading each broken
              item again for its next error stays linear in items.
  typos-one-item
              one rule whose `path` lists 20,000 mappings instead of tier ids (20,000 bad
              values in one item): the re-reads of that item are bounded.

The output is deterministic. Only the standard library is used.
"""
import os
import random
import shutil
import sys

HEAD = """partner:
  name: Adversarial Partner
  relationship: direct-bill
calendars:
  - { id: office, name: Office, timezone: UTC, weekly: { mon-fri: 09:00-17:00 } }
contacts:
  - id: desk
    name: Desk
    hours: office
    methods: [ { type: email, value: desk@example.com } ]
tiers:
  - { id: t1, name: T1, contact: desk }
  - { id: t2, name: T2, contact: desk }
"""


def space(out, products, issues, severities, plans):
    out.append("severities:\n" + "".join(
        f"  - {{ id: S{k + 1}, name: Severity {k + 1} }}\n" for k in range(severities)))
    out.append("plans:\n" + "".join(
        f"  - {{ id: plan-{k}, name: Plan {k}, price: {{ included: true }}, hours: office, contacts: [desk] }}\n"
        for k in range(plans)))
    out.append("products:\n" + "".join(
        f"  - {{ id: p{k}, name: Product {k} }}\n" for k in range(products)))
    out.append("issue_types:\n" + "".join(
        f"  - {{ id: i{k}, name: Issue {k}, category: technical }}\n" for k in range(issues)))


def ids(prefix, values):
    return "[" + ", ".join(f"{prefix}{v}" for v in values) + "]"


def rule(out, rid, when, path="[t1]"):
    out.append(f"    - id: {rid}\n      when: {{ {when} }}\n      path: {path}\n")


def shadow(out, deciding_per_product):
    products, issues = 2500, 1000
    space(out, products, issues, 4, 1)
    out.append("routing:\n  policy: first\n  rules:\n")
    for p in range(products):
        for q in range(deciding_per_product):
            when = f"product: p{p}"
            if deciding_per_product > 1:
                when += f", severity: S{q + 1}"
            rule(out, f"decide-{p}-{q}", when)
    # Each matches 200 issue types (a window sliding over them) at 1 to 4 severities, in
    # every product: 0.5 to 2 million cases, every one decided by the rules above.
    for k in range(products * deciding_per_product):
        start = k * 7 % issues
        window = sorted((start + j) % issues for j in range(200))
        sev = ids("S", range(1, 2 + k % 4))
        rule(out, f"shadowed-{k}", f"issue: {ids('i', window)}, severity: {sev}", "[t2]")


def random_rules(out, n):
    rng = random.Random(7)
    products, issues = 2500, 1000
    space(out, products, issues, 4, 1)
    out.append("routing:\n  policy: first\n  rules:\n")
    for k in range(n):
        ps = sorted(rng.sample(range(products), products // 8))
        iss = sorted(rng.sample(range(issues), issues // 8))
        when = f"product: {ids('p', ps)}, issue: {ids('i', iss)}"
        if k == 0:
            when += ", severity: [S1, S2]"
        rule(out, f"r{k}", when)
    out.append("  fallback: [t1, t2]\n")


def gap(out):
    products, issues, sev, plans = 4950, 1000, 4, 5
    space(out, products, issues, sev, plans)
    out.append("routing:\n  policy: first\n  rules:\n")
    for p in range(0, products, 13):
        # The gap: issue types i*7 at S4 under plans 0 to 2 match no rule in these products.
        rule(out, f"p{p}-urgent", f"product: p{p}, severity: [S1, S2, S3]")
        rule(out, f"p{p}-other", f"product: p{p}, issue: {ids('i', (i for i in range(issues) if i % 7))}")
        rule(out, f"p{p}-premium", f"product: p{p}, plan: [plan-3, plan-4]")
    rest = [p for p in range(products) if p % 13]
    rule(out, "everything-else", f"product: {ids('p', rest)}, severity: [S1, S2]")


def translation(out, n):
    space(out, n, 2, 1, 1)
    out.append("routing:\n  fallback: [t1]\n")
    lines = ["products:\n"]
    lines.extend(f"  p{k}: {{ name: Product {k} in English }}\n" for k in range(n))
    return "".join(lines)


def typos(out, n):
    space(out, 10, 10, 1, 1)
    out.append("routing:\n  fallback: [t1]\n  rules:\n")
    for r in range(n):
        out.append(f"    - id: r{r}\n      when: {{ isue: i{r % 10} }}\n      path: [t1]\n      covered: ture\n")


def one_item(out, n):
    space(out, 10, 10, 1, 1)
    out.append("routing:\n  fallback: [t1]\n  rules:\n    - id: broken\n      path:\n")
    out.extend(f"        - {{ tier: t{k} }}\n" for k in range(n))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, out_dir = sys.argv[1], sys.argv[2]
    out = [HEAD]
    translated = None
    match kind:
        case "shadow-5k":
            shadow(out, 1)
        case "shadow-20k":
            shadow(out, 4)
        case "random-5k":
            random_rules(out, 5000)
        case "gap-99m":
            gap(out)
        case "typos-20k":
            typos(out, 20_000)
        case "typos-one-item":
            one_item(out, 20_000)
        case "translation-100k":
            translated = translation(out, int(os.environ.get("KEYS", 100_000)))
        case _:
            sys.exit(f"unknown kind {kind!r}\n{__doc__}")
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(os.path.join(out_dir, "catalogue"))
    with open(os.path.join(out_dir, "supportbook.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Adversarial\nbase_url: https://adversarial.example/\n")
        if translated is not None:
            f.write("languages: { en: {} }\nlanguage: it\n")
    if translated is not None:
        os.makedirs(os.path.join(out_dir, "translations"))
        with open(os.path.join(out_dir, "translations", "en.yaml"), "w", encoding="utf-8") as f:
            f.write(translated)
    with open(os.path.join(out_dir, "catalogue", "catalogue.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
