//! Property tests: random small catalogues never make `supportbook` panic, and its routing
//! agrees with a brute-force oracle written here (first matching rule in order; otherwise the
//! fallback, or a gap). Random byte mutations of content-example/ never make it panic either.

mod common;

use common::{Site, bin, copy_dir, repo};
use proptest::prelude::*;
use proptest::sample::subsequence;
use serde_json::Value;
use supportbook::diagnostics::Code;
use supportbook::pipeline::{self, CheckOptions};

const PATHS: [&[&str]; 4] = [
    &["t1"],
    &["t1", "t2"],
    &["t2", "vendor"],
    &["t1", "t2", "vendor"],
];
const DIMS: [&str; 4] = ["product", "issue", "severity", "plan"];

#[derive(Debug, Clone)]
struct RuleSpec {
    /// Per dimension (product, issue, severity, plan): `None` = any, else value indices.
    when: [Option<Vec<usize>>; 4],
    covered: bool,
    path: usize,
}

/// Something wrong on purpose, for the never-panic property.
#[derive(Debug, Clone, Copy)]
enum Noise {
    UnknownId,
    EmptyWhenList,
    RuleWithoutPath,
    DuplicateRuleId,
    DuplicateProduct,
    EmptyFallback,
    UnknownTier,
    SeverityWithoutSeverities,
    CoveredFalseWithPath,
    WhenIsText,
}

#[derive(Debug, Clone)]
struct Cat {
    /// Number of products, issue types, severities, plans.
    sizes: [usize; 4],
    rules: Vec<RuleSpec>,
    fallback: Option<usize>,
    unique: bool,
    noise: Option<Noise>,
}

fn value_id(dim: usize, v: usize) -> String {
    match dim {
        0 => format!("p{v}"),
        1 => format!("i{v}"),
        2 => format!("S{v}"),
        _ => format!("plan{v}"),
    }
}

fn list(ids: &[String]) -> String {
    format!("[{}]", ids.join(", "))
}

impl Cat {
    fn yaml(&self) -> String {
        let mut y = String::from(
            "partner:\n  name: Random Partner\n  relationship: direct-bill\n\
             calendars:\n  - { id: office, name: Office, timezone: UTC, weekly: { mon-fri: 09:00-17:00 } }\n\
             contacts:\n  - id: desk\n    name: Desk\n    hours: office\n    methods: [ { type: email, value: desk@example.com } ]\n\
             \x20 - id: vendor-desk\n    name: Vendor desk\n    audience: partner-only\n    hours: office\n    methods: [ { type: web, value: \"https://vendor.example/\" } ]\n\
             tiers:\n  - { id: t1, name: T1, contact: desk }\n  - { id: t2, name: T2, contact: desk }\n\
             \x20 - { id: vendor, name: Vendor, contact: vendor-desk, responsible: vendor }\n",
        );
        let noise = self.noise;
        let [np, ni, ns, npl] = self.sizes;
        y += "products:\n";
        for v in 0..np {
            y += &format!("  - {{ id: p{v}, name: Product {v} }}\n");
        }
        if matches!(noise, Some(Noise::DuplicateProduct)) {
            y += "  - { id: p0, name: Product again }\n";
        }
        y += "issue_types:\n";
        for v in 0..ni {
            y += &format!("  - {{ id: i{v}, name: Issue {v}, category: technical }}\n");
        }
        if ns > 0 {
            y += "severities:\n";
            for v in 0..ns {
                y += &format!("  - {{ id: S{v}, name: Severity {v} }}\n");
            }
        }
        y += "plans:\n";
        for v in 0..npl {
            y += &format!(
                "  - {{ id: plan{v}, name: Plan {v}, price: {{ included: true }}, hours: office, contacts: [desk] }}\n"
            );
        }
        y += &format!(
            "routing:\n  policy: {}\n",
            if self.unique { "unique" } else { "first" }
        );
        match (self.fallback, noise) {
            (_, Some(Noise::EmptyFallback)) => y += "  fallback: []\n",
            (Some(f), _) => y += &format!("  fallback: {}\n", list(&path_ids(f))),
            _ => {}
        }
        y += "  rules:\n";
        for (r, rule) in self.rules.iter().enumerate() {
            let id = if r == 1 && matches!(noise, Some(Noise::DuplicateRuleId)) {
                "r0".to_string()
            } else {
                format!("r{r}")
            };
            y += &format!("    - id: {id}\n");
            let mut when: Vec<String> = Vec::new();
            for (d, w) in rule.when.iter().enumerate() {
                if let Some(values) = w {
                    let ids: Vec<String> = values.iter().map(|v| value_id(d, *v)).collect();
                    // A single id is written bare, as the spec allows.
                    let text = if ids.len() == 1 && (r + d) % 2 == 0 {
                        ids[0].clone()
                    } else {
                        list(&ids)
                    };
                    when.push(format!("{}: {text}", dim_key(d)));
                }
            }
            if r == 0 {
                match noise {
                    Some(Noise::UnknownId) => when.push("product: [p0, nosuch]".into()),
                    Some(Noise::EmptyWhenList) => when.push("plan: []".into()),
                    Some(Noise::SeverityWithoutSeverities) => when.push("severity: S9".into()),
                    _ => {}
                }
            }
            if r == 0 && matches!(noise, Some(Noise::WhenIsText)) {
                y += "      when: everything\n";
            } else if !when.is_empty() {
                y += &format!("      when: {{ {} }}\n", when.join(", "));
            }
            let no_path = r == 0 && matches!(noise, Some(Noise::RuleWithoutPath));
            let mut path = path_ids(rule.path);
            if r == 0 && matches!(noise, Some(Noise::UnknownTier)) {
                path.push("t9".into());
            }
            if !rule.covered {
                y += "      covered: false\n";
                if r == 0 && matches!(noise, Some(Noise::CoveredFalseWithPath)) {
                    y += &format!("      path: {}\n", list(&path));
                }
            } else if !no_path {
                y += &format!("      path: {}\n", list(&path));
            }
        }
        y
    }

    /// The dimensions of the case space, as indices into `DIMS`.
    fn dims(&self) -> Vec<usize> {
        (0..4)
            .filter(|&d| d < 2 || self.rules.iter().any(|r| r.when[d].is_some()))
            .collect()
    }

    /// Every case (one value per dimension of `dims()`), the last dimension fastest.
    fn cases(&self) -> Vec<Vec<usize>> {
        let mut cases = vec![Vec::new()];
        for d in self.dims() {
            cases = cases
                .into_iter()
                .flat_map(|c| {
                    (0..self.sizes[d]).map(move |v| {
                        let mut c = c.clone();
                        c.push(v);
                        c
                    })
                })
                .collect();
        }
        cases
    }

    /// The rules matching a case, in order.
    fn matching(&self, case: &[usize]) -> Vec<usize> {
        let dims = self.dims();
        (0..self.rules.len())
            .filter(|&r| {
                dims.iter().zip(case).all(|(&d, v)| {
                    self.rules[r].when[d]
                        .as_ref()
                        .is_none_or(|vs| vs.contains(v))
                })
            })
            .collect()
    }

    /// The oracle: (rule id, covered, path), or `None` for a gap.
    fn outcome(&self, case: &[usize]) -> Option<(Option<String>, bool, Vec<String>)> {
        match self.matching(case).first() {
            Some(&r) => {
                let rule = &self.rules[r];
                let path = if rule.covered {
                    path_ids(rule.path)
                } else {
                    Vec::new()
                };
                Some((Some(format!("r{r}")), rule.covered, path))
            }
            None => self.fallback.map(|f| (None, true, path_ids(f))),
        }
    }
}

fn dim_key(d: usize) -> &'static str {
    DIMS[d]
}

fn path_ids(i: usize) -> Vec<String> {
    PATHS[i].iter().map(|s| s.to_string()).collect()
}

fn when_dim(n: usize) -> BoxedStrategy<Option<Vec<usize>>> {
    if n == 0 {
        return Just(None).boxed();
    }
    prop_oneof![
        2 => Just(None),
        3 => subsequence((0..n).collect::<Vec<_>>(), 1..=n).prop_map(Some),
    ]
    .boxed()
}

fn rule(sizes: [usize; 4]) -> impl Strategy<Value = RuleSpec> {
    (
        when_dim(sizes[0]),
        when_dim(sizes[1]),
        // Severity and plan are used less often, so that most spaces stay small.
        prop_oneof![3 => Just(None), 1 => when_dim(sizes[2])],
        prop_oneof![3 => Just(None), 1 => when_dim(sizes[3])],
        prop::bool::weighted(0.8),
        0..PATHS.len(),
    )
        .prop_map(|(p, i, s, pl, covered, path)| RuleSpec {
            when: [p, i, s, pl],
            covered,
            path,
        })
}

fn noise() -> impl Strategy<Value = Option<Noise>> {
    use Noise::*;
    prop_oneof![
        6 => Just(None),
        1 => prop::sample::select(vec![
            UnknownId,
            EmptyWhenList,
            RuleWithoutPath,
            DuplicateRuleId,
            DuplicateProduct,
            EmptyFallback,
            UnknownTier,
            SeverityWithoutSeverities,
            CoveredFalseWithPath,
            WhenIsText,
        ])
        .prop_map(Some),
    ]
}

fn catalogue() -> impl Strategy<Value = Cat> {
    (1..=4usize, 1..=4usize, 0..=3usize, 1..=3usize)
        .prop_flat_map(|(np, ni, ns, npl)| {
            let sizes = [np, ni, ns, npl];
            (
                Just(sizes),
                prop::collection::vec(rule(sizes), 0..=6),
                prop::option::weighted(0.4, 0..2usize),
                prop::bool::weighted(0.3),
                noise(),
            )
        })
        .prop_map(|(sizes, rules, fallback, unique, noise)| Cat {
            sizes,
            rules,
            fallback,
            unique,
            noise,
        })
}

/// Writes the catalogue as a site; returns the site.
fn site_of(cat: &Cat) -> Site {
    let site = Site::empty();
    site.write(
        "supportbook.yaml",
        "title: Random\nbase_url: https://random.example/\n",
    );
    site.write("catalogue/catalogue.yaml", cat.yaml());
    site
}

/// `check` never panics and exits 0 or 1.
fn check_does_not_panic(site: &Site) -> Result<(), TestCaseError> {
    let out = site
        .cmd()
        .args(["check", "site", "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(!stderr.contains("panicked"), "panic: {}", stderr);
    let code = out.status.code();
    prop_assert!(matches!(code, Some(0 | 1)), "exit {:?}: {}", code, stderr);
    let doc: Result<Value, _> = serde_json::from_slice(&out.stdout);
    prop_assert!(
        doc.is_ok(),
        "not JSON: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    Ok(())
}

fn agrees_with_oracle(cat: &Cat, site: &Site, pick: (usize, usize)) -> Result<(), TestCaseError> {
    let checked = pipeline::check(&site.path(), &CheckOptions::default()).expect("a site");
    let report = &checked.report;
    let listing: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    let (Some(space), Some(outcomes)) = (checked.dimensions(), checked.outcomes()) else {
        return Err(TestCaseError::fail(format!(
            "no routing matrix: {listing:#?}"
        )));
    };

    // The case space: dimensions and their order.
    let dims: Vec<&str> = cat.dims().iter().map(|&d| DIMS[d]).collect();
    prop_assert_eq!(&space, &dims);
    let cases = cat.cases();
    prop_assert_eq!(outcomes.len(), cases.len());

    // Every case, through the library.
    let mut gaps = 0;
    let mut overlap = false;
    let mut wins = vec![0usize; cat.rules.len()];
    let mut matched = vec![0usize; cat.rules.len()];
    for (i, case) in cases.iter().enumerate() {
        let want = cat.outcome(case);
        prop_assert_eq!(&outcomes[i], &want, "case {:?}", case);
        let matching = cat.matching(case);
        gaps += usize::from(want.is_none());
        overlap |= matching.len() > 1;
        if let Some(&r) = matching.first() {
            wins[r] += 1;
        }
        for r in matching {
            matched[r] += 1;
        }
    }

    // The analysis agrees: gaps, overlaps, shadowed rules.
    let has = |code: Code| report.diagnostics.iter().filter(|d| d.code == code).count();
    prop_assert_eq!(
        has(Code::RoutingGap),
        usize::from(gaps > 0),
        "{:#?}",
        listing
    );
    if gaps > 0 {
        let gap = report
            .diagnostics
            .iter()
            .find(|d| d.code == Code::RoutingGap)
            .unwrap();
        let want = format!("{gaps} case{} match", if gaps == 1 { "" } else { "s" });
        prop_assert!(gap.message.starts_with(&want), "{} / {}", gap.message, want);
        // The compact groups of the notes name exactly the uncovered cases, each once.
        let notes: Vec<&str> = gap.notes.iter().map(|(_, n)| n.as_str()).collect();
        if !notes.iter().any(|n| n.contains("more groups")) {
            let mut named = Vec::new();
            for n in &notes {
                let group = n.strip_prefix("uncovered: ");
                prop_assert!(group.is_some(), "{}", n);
                named.extend(expand_group(cat, group.unwrap()));
            }
            let count = named.len();
            named.sort();
            named.dedup();
            prop_assert_eq!(count, named.len(), "groups overlap: {:?}", notes);
            let want: Vec<Vec<usize>> = cases
                .iter()
                .filter(|c| cat.outcome(c).is_none())
                .cloned()
                .collect();
            prop_assert_eq!(named, want, "{:?}", notes);
        }
    }
    prop_assert_eq!(
        has(Code::RoutingOverlap) > 0,
        cat.unique && overlap,
        "{:#?}",
        listing
    );
    let mut shadowed: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ShadowedRule)
        .map(|d| d.message.split('`').nth(1).unwrap().to_string())
        .collect();
    shadowed.sort();
    let mut want_shadowed: Vec<String> = (0..cat.rules.len())
        .filter(|&r| wins[r] == 0 && matched[r] > 0)
        .map(|r| format!("r{r}"))
        .collect();
    want_shadowed.sort();
    prop_assert_eq!(shadowed, want_shadowed, "{:#?}", listing);

    // A sample through the command line: one product and issue, the rest expanded.
    let product = format!("p{}", pick.0 % cat.sizes[0]);
    let issue = format!("i{}", pick.1 % cat.sizes[1]);
    let (code, json, stderr) = site.route(&["--product", &product, "--issue", &issue]);
    let errors = gaps > 0 || (cat.unique && overlap);
    prop_assert_eq!(code, if errors { 1 } else { 0 }, "{}", stderr);
    prop_assert_eq!(report.has_errors(), errors, "{:#?}", listing);
    if errors {
        return Ok(());
    }
    let doc = json.expect("route JSON");
    prop_assert_eq!(&doc["dimensions"], &serde_json::json!(dims));
    let answers = doc["cases"].as_array().unwrap();
    let want: Vec<&Vec<usize>> = cases
        .iter()
        .filter(|c| c[0] == pick.0 % cat.sizes[0] && c[1] == pick.1 % cat.sizes[1])
        .collect();
    prop_assert_eq!(answers.len(), want.len());
    for (a, case) in answers.iter().zip(want) {
        for (k, &d) in cat.dims().iter().enumerate() {
            prop_assert_eq!(&a[DIMS[d]], &Value::from(value_id(d, case[k])));
        }
        let (rule, covered, path) = cat.outcome(case).unwrap();
        prop_assert_eq!(&a["rule"], &rule.map_or(Value::Null, Value::from));
        prop_assert_eq!(&a["covered"], &Value::from(covered));
        prop_assert_eq!(&a["path"], &serde_json::json!(path));
    }
    Ok(())
}

/// The cases of one compact group, `product=p0,p1 issue=i0..i2 severity=S1`.
fn expand_group(cat: &Cat, group: &str) -> Vec<Vec<usize>> {
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for (part, &d) in group.split(' ').zip(&cat.dims()) {
        let values = part
            .strip_prefix(&format!("{}=", DIMS[d]))
            .unwrap_or_else(|| panic!("`{part}` is not about {}", DIMS[d]));
        let index = |id: &str| {
            (0..cat.sizes[d])
                .find(|&v| value_id(d, v) == id)
                .unwrap_or_else(|| panic!("no {} `{id}`", DIMS[d]))
        };
        let mut set = Vec::new();
        for run in values.split(',') {
            match run.split_once("..") {
                Some((a, b)) => set.extend(index(a)..=index(b)),
                None => set.push(index(run)),
            }
        }
        sets.push(set);
    }
    assert_eq!(sets.len(), cat.dims().len(), "{group}");
    let mut cases = vec![Vec::new()];
    for set in sets {
        cases = cases
            .into_iter()
            .flat_map(|c: Vec<usize>| {
                set.iter().map(move |v| {
                    let mut c = c.clone();
                    c.push(*v);
                    c
                })
            })
            .collect();
    }
    cases
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// (a) never panics; (b) agrees with the oracle for every case (library) and for a
    /// sample of cases (`route --format json`).
    #[test]
    fn routing_agrees_with_the_oracle(cat in catalogue(), pick in (0..4usize, 0..4usize)) {
        let site = site_of(&cat);
        check_does_not_panic(&site)?;
        if cat.noise.is_none() {
            agrees_with_oracle(&cat, &site, pick)?;
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, u8),
    Replace(usize, u8),
    Delete(usize),
}

fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(b"[]{}:-,\n &*!|>'\"#\t%@?0123456789".to_vec()),
        1 => any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), byte()).prop_map(|(i, b)| Edit::Replace(i, b)),
        any::<usize>().prop_map(Edit::Delete),
    ]
}

fn example_files() -> Vec<String> {
    let mut files = Vec::new();
    let root = repo().join("content-example");
    for dir in ["catalogue", "catalogue/issues"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                files.push(
                    p.strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    files.push("supportbook.yaml".into());
    files.push("pages/faq.md".into());
    files.sort();
    files
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random byte edits of content-example/ files never make `check` panic.
    #[test]
    fn mutated_example_never_panics(
        file in prop::sample::select(example_files()),
        edits in prop::collection::vec(edit(), 1..=4),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&repo().join("content-example"), &site);
        let path = site.join(&file);
        let mut bytes = std::fs::read(&path).unwrap();
        for e in &edits {
            match *e {
                Edit::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
                Edit::Replace(i, b) if !bytes.is_empty() => {
                    let n = bytes.len();
                    bytes[i % n] = b;
                }
                Edit::Delete(i) if !bytes.is_empty() => {
                    let n = bytes.len();
                    bytes.remove(i % n);
                }
                _ => {}
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        let out = bin()
            .current_dir(tmp.path())
            .args(["check", "site"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!stderr.contains("panicked"), "panic: {}", stderr);
        prop_assert!(matches!(out.status.code(), Some(0 | 1)), "exit {:?}: {}", out.status, stderr);
    }
}

/// The analysis written out case by case, as supportbook did before it worked on cells
/// (classes of values that the same rules name): the text of every gap, overlap and
/// shadowed-rule diagnostic, with its notes.
mod per_case {
    use super::{Cat, DIMS, value_id};
    use std::collections::HashMap;

    type Group = Vec<Vec<usize>>;

    #[derive(Clone, PartialEq, Eq, Hash)]
    enum Node {
        Leaf(Vec<usize>),
        Inner(Vec<(Vec<usize>, usize)>),
    }

    /// Bottom-up grouping of the (ascending) uncovered case numbers: cases differing in the
    /// last dimension share a leaf; equal sub-trees are one node.
    fn compact(sizes: &[usize], cases: &[usize]) -> Vec<Group> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut ids: HashMap<Node, usize> = HashMap::new();
        let mut id = |n: Node| {
            *ids.entry(n.clone()).or_insert_with(|| {
                nodes.push(n);
                nodes.len() - 1
            })
        };
        let last = *sizes.last().unwrap();
        let mut level: Vec<(usize, usize)> = Vec::new();
        for chunk in cases.chunk_by(|a, b| a / last == b / last) {
            let values = chunk.iter().map(|c| c % last).collect();
            level.push((chunk[0] / last, id(Node::Leaf(values))));
        }
        for &size in sizes[..sizes.len() - 1].iter().rev() {
            let mut next = Vec::new();
            for chunk in level.chunk_by(|a, b| a.0 / size == b.0 / size) {
                let mut by_child: Vec<(Vec<usize>, usize)> = Vec::new();
                for &(prefix, child) in chunk {
                    match by_child.iter_mut().find(|(_, c)| *c == child) {
                        Some((values, _)) => values.push(prefix % size),
                        None => by_child.push((vec![prefix % size], child)),
                    }
                }
                next.push((chunk[0].0 / size, id(Node::Inner(by_child))));
            }
            level = next;
        }
        expand(&nodes, level[0].1)
    }

    fn expand(nodes: &[Node], id: usize) -> Vec<Group> {
        match &nodes[id] {
            Node::Leaf(values) => vec![vec![values.clone()]],
            Node::Inner(children) => children
                .iter()
                .flat_map(|(values, child)| {
                    expand(nodes, *child).into_iter().map(move |mut g| {
                        g.insert(0, values.clone());
                        g
                    })
                })
                .collect(),
        }
    }

    fn ranges(d: usize, values: &[usize]) -> String {
        let mut parts = Vec::new();
        for run in values.chunk_by(|a, b| a + 1 == *b) {
            match run {
                [one] => parts.push(value_id(d, *one)),
                [a, b] => parts.push(format!("{},{}", value_id(d, *a), value_id(d, *b))),
                [a, .., b] => parts.push(format!("{}..{}", value_id(d, *a), value_id(d, *b))),
                [] => {}
            }
        }
        parts.join(",")
    }

    /// (code, message, notes) of each routing diagnostic, sorted.
    pub fn diagnostics(cat: &Cat) -> Vec<(String, String, Vec<String>)> {
        let dims = cat.dims();
        let sizes: Vec<usize> = dims.iter().map(|&d| cat.sizes[d]).collect();
        let cases = cat.cases();
        let matching: Vec<Vec<usize>> = cases.iter().map(|c| cat.matching(c)).collect();
        let describe = |case: &[usize]| {
            dims.iter()
                .zip(case)
                .map(|(&d, &v)| format!("{}={}", DIMS[d], value_id(d, v)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out = Vec::new();

        let gaps: Vec<usize> = (0..cases.len())
            .filter(|&c| matching[c].is_empty() && cat.fallback.is_none())
            .collect();
        if !gaps.is_empty() {
            let n = gaps.len();
            let groups = compact(&sizes, &gaps);
            let mut notes: Vec<String> = groups
                .iter()
                .take(12)
                .map(|g| {
                    let parts: Vec<String> = dims
                        .iter()
                        .zip(g)
                        .map(|(&d, values)| format!("{}={}", DIMS[d], ranges(d, values)))
                        .collect();
                    format!("uncovered: {}", parts.join(" "))
                })
                .collect();
            if groups.len() > 12 {
                notes.push(format!("and {} more groups", groups.len() - 12));
            }
            let (s, es) = if n == 1 { ("", "es") } else { ("s", "") };
            let message = format!("{n} case{s} match{es} no rule and there is no `fallback`");
            out.push(("routing-gap".into(), message, notes));
        }

        if cat.unique {
            let mut pairs: Vec<(usize, usize, usize)> = (0..cases.len())
                .filter(|&c| matching[c].len() > 1)
                .map(|c| (matching[c][0], matching[c][1], c))
                .collect();
            pairs.sort();
            pairs.dedup_by_key(|p| (p.0, p.1));
            for (a, b, c) in pairs {
                let message = format!(
                    "rules `r{a}` and `r{b}` both match a case, e.g. {}",
                    describe(&cases[c])
                );
                out.push((
                    "routing-overlap".into(),
                    message,
                    vec![format!("rule `r{a}` is defined here")],
                ));
            }
        }

        for r in 0..cat.rules.len() {
            let mine: Vec<usize> = (0..cases.len())
                .filter(|&c| matching[c].contains(&r))
                .collect();
            if mine.is_empty() || (0..cases.len()).any(|c| matching[c].first() == Some(&r)) {
                continue;
            }
            let mut by: Vec<usize> = mine.iter().map(|&c| matching[c][0]).collect();
            by.sort();
            by.dedup();
            let mut list = by
                .iter()
                .take(20)
                .map(|w| format!("`r{w}`"))
                .collect::<Vec<_>>()
                .join(", ");
            if by.len() > 20 {
                list += &format!(" and {} more", by.len() - 20);
            }
            let message = format!(
                "rule `r{r}` never decides a case: every case it matches is decided by {} {list}",
                if by.len() == 1 { "rule" } else { "rules" }
            );
            let notes = by
                .iter()
                .take(5)
                .map(|w| format!("rule `r{w}` is defined here"))
                .collect();
            out.push(("shadowed-rule".into(), message, notes));
        }
        out.sort();
        out
    }
}

/// Wider spaces and more rules than `catalogue()`, so that values fall into classes of every
/// size and rules shadow one another in many ways.
fn wide_catalogue() -> impl Strategy<Value = Cat> {
    (1..=7usize, 1..=7usize, 0..=4usize, 1..=4usize)
        .prop_flat_map(|(np, ni, ns, npl)| {
            let sizes = [np, ni, ns, npl];
            (
                Just(sizes),
                prop::collection::vec(rule(sizes), 0..=30),
                prop::option::weighted(0.3, 0..2usize),
                prop::bool::weighted(0.3),
            )
        })
        .prop_map(|(sizes, rules, fallback, unique)| Cat {
            sizes,
            rules,
            fallback,
            unique,
            noise: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Gaps, overlaps and shadowed rules, found per cell, read exactly as found case by case:
    /// same messages, same notes, same groups in the same order.
    #[test]
    fn routing_analysis_per_cell_equals_per_case(cat in wide_catalogue()) {
        let site = site_of(&cat);
        let checked = pipeline::check(&site.path(), &CheckOptions::default()).expect("a site");
        let mut got: Vec<(String, String, Vec<String>)> = checked
            .report
            .diagnostics
            .iter()
            .filter(|d| {
                matches!(d.code, Code::RoutingGap | Code::RoutingOverlap | Code::ShadowedRule)
            })
            .map(|d| {
                let notes = d.notes.iter().map(|(_, n)| n.clone()).collect();
                (d.code.as_str().to_string(), d.message.clone(), notes)
            })
            .collect();
        got.sort();
        prop_assert_eq!(got, per_case::diagnostics(&cat), "{}", cat.yaml());
    }
}
