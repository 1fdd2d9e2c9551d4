//! Issue 21.10: every bad value of a file is reported in one run, through the binary. serde stops
//! reading an item at its first bad value; the item is read again without it until it reads,
//! so a second bad value in the same item (or in an item inside it, or outside every item) is
//! found too, each at its own line and column, with its did-you-mean, once, and never a
//! "missing key" that only follows from a value already reported.

mod common;
use common::{Check, MAIN, Site};

/// The errors of `check`, as (code, location, message), sorted as printed.
fn errors(check: &Check) -> Vec<(String, String, String)> {
    check
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .map(|d| {
            let at = d.at().map_or("-".into(), |a| a.to_string());
            (d.code.clone(), at, d.message.clone())
        })
        .collect()
}

/// Asserts that `check` has exactly these errors (code, location, message), in this order, and
/// exit code 1; `helps` are the help lines of some of them, by message.
fn assert_errors(check: &Check, want: &[(&str, common::At, &str)], helps: &[(&str, &str)]) {
    check.assert_exit(1);
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(c, at, m)| (c.to_string(), at.to_string(), m.to_string()))
        .collect();
    assert_eq!(errors(check), want, "all:\n{}", check.listing());
    for (message, help) in helps {
        let d = check
            .diagnostics
            .iter()
            .find(|d| d.message == *message)
            .unwrap_or_else(|| panic!("no `{message}`:\n{}", check.listing()));
        d.assert_help(help);
    }
}

/// A routing rule: an unknown key in its `when` and a wrong type, both reported (the rule had
/// only the first before).
#[test]
fn two_bad_values_in_one_rule() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    - id: billing\n      when: { issue: billing }\n      path: [t1]\n",
        "    - id: billing\n      when: { isue: billing }\n      path: [t1]\n      covered: ture\n",
    );
    assert_errors(
        &site.check(),
        &[
            ("unknown-key", site.at(MAIN, "isue"), "unknown key `isue`"),
            (
                "wrong-type",
                site.at(MAIN, "ture"),
                "`covered` expects `true` or `false`, found the text `ture`",
            ),
        ],
        &[("unknown key `isue`", "did you mean `issue`?")],
    );
}

/// Two enum typos in one item, twice: the partner (one of them inside its `tax`) and an
/// allowance of a plan; a typo in a required key is not also a missing key.
#[test]
fn two_enum_typos_in_one_item() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "relationship: direct-bill",
        "relationship: direct-bil",
    );
    site.replace(MAIN, "prices: excluded", "prices: exluded");
    site.replace(
        MAIN,
        "    response: { A: 4h, B: 1bd }\n",
        "    response: { A: 4h, B: 1bd }\n    allowances:\n      - { kind: case, count: 5, per: mounth }\n",
    );
    let relationships =
        "direct-bill, indirect-reseller, indirect-provider, vendor, service-provider";
    let rel = format!("`direct-bil` is not one of: {relationships}");
    assert_errors(
        &site.check(),
        &[
            ("invalid-value", site.at(MAIN, "direct-bil"), &rel),
            (
                "invalid-value",
                site.at(MAIN, "exluded"),
                "`exluded` is not one of: excluded, included",
            ),
            (
                "invalid-value",
                site.at(MAIN, "case,"),
                "`case` is not one of: cases, named-contacts, hours",
            ),
            (
                "invalid-value",
                site.at(MAIN, "mounth"),
                "`mounth` is not one of: month, year, term",
            ),
        ],
        &[
            (&rel, "did you mean `direct-bill`?"),
            (
                "`exluded` is not one of: excluded, included",
                "did you mean `excluded`?",
            ),
            (
                "`case` is not one of: cases, named-contacts, hours",
                "did you mean `cases`?",
            ),
            (
                "`mounth` is not one of: month, year, term",
                "did you mean `month`?",
            ),
        ],
    );
}

/// A plan with an enum typo in its (required) price and a wrong type in its (required) contacts:
/// both, and no "missing required key" for either.
#[test]
fn an_enum_typo_and_a_wrong_type_in_one_plan() {
    let site = Site::minimal();
    site.replace(MAIN, "per: month }", "per: montly }");
    site.replace(
        MAIN,
        "    hours: always\n    contacts: [service-desk]\n",
        "    hours: always\n    contacts: service-desk\n",
    );
    let typo = "`montly` is not one of: month, year, user-month, incident, hour, one-off";
    assert_errors(
        &site.check(),
        &[
            ("invalid-value", site.at(MAIN, "montly"), typo),
            (
                "wrong-type",
                site.at(MAIN, "contacts: service-desk")
                    .with_column_offset(10),
                "`contacts` expects a list, found the text `service-desk`",
            ),
        ],
        &[(typo, "did you mean `month`?")],
    );
}

/// Typos in nested items, beside others in the items around them: a target inside a plan, a
/// holiday inside a calendar, a holiday of a holiday set (two in that one).
#[test]
fn typos_in_nested_items() {
    let site = Site::minimal();
    site.replace(MAIN, "clock: always }", "clock: alwys }");
    site.replace(MAIN, "per: month }", "per: monthly }");
    site.replace(
        MAIN,
        "      - { date: 2026-12-25, name: Christmas Day }\n",
        "      - { date: 2026-12-25, name: Christmas Day, open: si }\n",
    );
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: [Europe/Rome]");
    site.insert_after(
        MAIN,
        "    always_open: true",
        "    holiday_sets: [closures]\n\nholiday_sets:\n  - id: closures\n    name: Closures\n    holidays:\n      - { date: 12-24, name: Eve, observed: next-weekdya, since: soon }\n",
    );
    let clock = "`alwys` is not one of: calendar, always";
    let per = "`monthly` is not one of: month, year, user-month, incident, hour, one-off";
    let observed = "`next-weekdya` is not one of: next-weekday, nearest-weekday";
    assert_errors(
        &site.check(),
        &[
            (
                "wrong-type",
                site.at(MAIN, "[Europe/Rome]"),
                "`timezone` expects text, found a list",
            ),
            (
                "wrong-type",
                site.at(MAIN, "si }"),
                "`open` expects `true` or `false`, found the text `si`",
            ),
            ("invalid-value", site.at(MAIN, "next-weekdya"), observed),
            (
                "wrong-type",
                site.at(MAIN, "soon"),
                "`since` expects a whole number, found the text `soon`",
            ),
            ("invalid-value", site.at(MAIN, "monthly"), per),
            ("invalid-value", site.at(MAIN, "alwys"), clock),
        ],
        &[
            (clock, "did you mean `always`?"),
            (per, "did you mean `month`?"),
            (observed, "did you mean `next-weekday`?"),
        ],
    );
}

/// Two items with two bad values each: four errors.
#[test]
fn two_items_each_with_two_errors() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  - id: billing\n    name: Billing\n    category: commercial\n",
        "  - id: billing\n    name: Billing\n    category: comercial\n    examples: Wrong invoice\n",
    );
    site.replace(
        MAIN,
        "  - id: outage\n    name: Outage\n    category: technical\n",
        "  - id: outage\n    name: Outage\n    categroy: technical\n    description: [Down]\n",
    );
    let categories = "`comercial` is not one of: commercial, subscription, technical, other";
    assert_errors(
        &site.check(),
        &[
            ("invalid-value", site.at(MAIN, "comercial"), categories),
            (
                "wrong-type",
                site.at(MAIN, "Wrong invoice"),
                "`examples` expects a list, found the text `Wrong invoice`",
            ),
            (
                "unknown-key",
                site.at(MAIN, "categroy"),
                "unknown key `categroy`",
            ),
            (
                "wrong-type",
                site.at(MAIN, "[Down]"),
                "`description` expects text, found a list",
            ),
        ],
        &[
            (categories, "did you mean `commercial`?"),
            ("unknown key `categroy`", "did you mean `category`?"),
        ],
    );
}

/// Outside every list item: an unknown section, then a typo in the routing's `policy`, then
/// bad values in a rule. Before, the unknown section hid all the rest of the file.
#[test]
fn bad_values_outside_items_hide_nothing_after_them() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "routing:\n  policy: first\n",
        "contcts: []\n\nrouting:\n  policy: frist\n",
    );
    site.replace(
        MAIN,
        "      when: { issue: outage }\n      path: [t1, t2]\n",
        "      when: { issue: outage, severty: A }\n      path: t1\n",
    );
    assert_errors(
        &site.check(),
        &[
            (
                "unknown-key",
                site.at(MAIN, "contcts"),
                "unknown section `contcts`",
            ),
            (
                "invalid-value",
                site.at(MAIN, "frist"),
                "`frist` is not one of: first, unique",
            ),
            (
                "unknown-key",
                site.at(MAIN, "severty"),
                "unknown key `severty`",
            ),
            (
                "wrong-type",
                site.at(MAIN, "path: t1\n").with_column_offset(6),
                "`path` expects a list, found the text `t1`",
            ),
        ],
        &[
            ("unknown section `contcts`", "did you mean `contacts`?"),
            (
                "`frist` is not one of: first, unique",
                "did you mean `first`?",
            ),
            ("unknown key `severty`", "did you mean `severity`?"),
        ],
    );
}

/// A misspelt required key is one unknown key (with the right one suggested), not also a
/// missing key; a key really missing is still reported beside another item's bad value.
#[test]
fn a_misspelt_key_is_not_also_missing() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  - id: t2\n    name: Tier 2\n    contact: service-desk\n",
        "  - id: t2\n    nmae: Tier 2\n    contact: service-desk\n    scope: [Billing]\n",
    );
    site.replace(
        MAIN,
        "  - id: ms\n    name: Microsoft support\n",
        "  - id: ms\n",
    );
    assert_errors(
        &site.check(),
        &[
            ("unknown-key", site.at(MAIN, "nmae"), "unknown key `nmae`"),
            (
                "wrong-type",
                site.at(MAIN, "[Billing]"),
                "`scope` expects text, found a list",
            ),
            (
                "missing-key",
                site.at(MAIN, "id: ms\n"),
                "missing required key `name`",
            ),
        ],
        &[("unknown key `nmae`", "did you mean `name`?")],
    );
}

/// A translation file with two bad values in one entry, and two in an allowance inside it.
#[test]
fn a_translation_entry_with_two_bad_values() {
    let site = Site::example();
    let file = "translations/en.yaml";
    site.replace(
        file,
        "  standard:\n    name: Standard\n    allowances: [ {}, { note: Only named contacts may open cases. } ]\n",
        "  standard:\n    nmae: Standard\n    allowances: [ {}, { note: [Only], label: x } ]\n    keywords: Everything\n",
    );
    let check = site.check();
    let at = |needle: &str| site.at(file, needle);
    assert_errors(
        &check,
        &[
            ("unknown-key", at("nmae"), "unknown key `nmae`"),
            (
                "wrong-type",
                at("[Only]"),
                "`note` expects text, found a list",
            ),
            ("unknown-key", at("label: x"), "unknown key `label`"),
            (
                "wrong-type",
                at("keywords: Everything").with_column_offset(10),
                "`keywords` expects a list, found the text `Everything`",
            ),
        ],
        &[("unknown key `nmae`", "did you mean `name`?")],
    );
}

/// Many items, each with two bad values: every one reported, located, in one run.
#[test]
fn every_bad_value_of_many_items() {
    let site = Site::minimal();
    let n = 2_000;
    let mut text = String::from("products:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - id: p{i}\n    name: [P{i}]\n    vnedor: microsoft\n"
        ));
    }
    site.write("catalogue/many.yaml", &text);
    let check = site.check();
    check.assert_exit(1);
    let errs = errors(&check);
    assert_eq!(errs.len(), 2 * n, "{}", check.listing());
    for i in [0, 1, n / 2, n - 1] {
        let name = site.at("catalogue/many.yaml", &format!("[P{i}]"));
        let line = name.line;
        let key = common::At {
            line: line + 1,
            column: 5,
            ..name.clone()
        };
        assert!(
            errs.contains(&(
                "wrong-type".into(),
                name.to_string(),
                "`name` expects text, found a list".into()
            )),
            "{i}"
        );
        assert!(
            errs.contains(&(
                "unknown-key".into(),
                key.to_string(),
                "unknown key `vnedor`".into()
            )),
            "{i}"
        );
    }
}

/// An item of a few hundred values is read again for each of its bad values, all reported; a
/// bigger one with thousands is read again a bounded number of times (never quadratic), and
/// says that more bad values follow.
#[test]
fn bad_values_in_one_item_are_all_reported_up_to_a_bound() {
    let site = Site::minimal();
    let path = |n: usize| -> String {
        (0..n)
            .map(|k| format!("        - {{ tier: t{k} }}\n"))
            .collect()
    };
    site.write(
        "catalogue/broken.yaml",
        format!(
            "routing:\n  rules:\n    - id: few\n      path:\n{}    - id: many\n      path:\n{}",
            path(300),
            path(5_000)
        ),
    );
    let check = site.check();
    check.assert_exit(1);
    let file = "catalogue/broken.yaml";
    let wrong = check.all("wrong-type");
    let line_of = |d: &&common::Diag| d.line.unwrap();
    let many_at = site.at(file, "- id: many").with_column_offset(2);
    let (few, many): (Vec<&common::Diag>, Vec<&common::Diag>) =
        wrong.into_iter().partition(|d| line_of(d) < many_at.line);
    // Every one of the 300, each at its own line.
    assert_eq!(few.len(), 300, "{}", check.listing());
    for (k, d) in few.iter().enumerate() {
        d.assert_at(&common::At {
            file: format!("site/{file}"),
            line: 5 + k as u32,
            column: 11,
        })
        .assert_message_contains(&["expected text, found a mapping"]);
    }
    // The first ones of the 5,000 in order, then the bound, said at the item.
    assert!(
        many.len() > 100 && many.len() < 1_000,
        "{} of 5,000 reported",
        many.len()
    );
    for (k, d) in many.iter().enumerate() {
        assert_eq!(d.line, Some(many_at.line + 2 + k as u32), "{d:?}");
    }
    let more = check.one("invalid-value");
    more.assert_at(&many_at)
        .assert_help("correct the ones reported and check again");
    assert_eq!(more.message, "more bad values here than one check reports");
}

/// A clean site still reads with no diagnostic at all, and builds to the same bytes twice.
#[test]
fn a_clean_site_has_no_diagnostics_and_the_same_output() {
    for site in [Site::minimal(), Site::example()] {
        let check = site.check();
        check.assert_exit(0);
        assert!(check.diagnostics.is_empty(), "{}", check.listing());
        let build = |out: &str| {
            let o = site
                .cmd()
                .args(["build", "site", "--output", out])
                .output()
                .unwrap();
            common::assert_no_panic(&o);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            files(&site.cwd().join(out))
        };
        assert_eq!(build("a"), build("b"));
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
