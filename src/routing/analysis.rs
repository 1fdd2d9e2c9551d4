//! Proves the routing sound: no case falls through (gaps), no case matches two rules under
//! `policy: unique` (overlaps), no rule is dead (shadowed), and every expectation holds.

use super::decision::{Decision, Outcome};
use super::gaps;
use super::matrix::Matrix;
use super::space::Dim;
use crate::catalogue::{CaseSpec, Catalogue, Expectation};
use crate::diagnostics::{Code, Diagnostic};

/// How many gap groups are listed before "and N more".
const GAP_GROUPS_SHOWN: usize = 12;

pub(crate) fn analyse(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    gaps(cat, m, out);
    overlaps(cat, m, out);
    shadowed(cat, m, out);
    for e in &cat.expectations {
        expectation(cat, m, e, out);
    }
    super::hours::check(cat, m, out);
    super::promise::check(cat, m, out);
}

fn gaps(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    if cat.routing.fallback.is_some() {
        return;
    }
    let cells = m.cells();
    let gap = |cell: usize| m.cell_decision(cell) == Decision::Gap;
    if !(0..cells.total()).any(gap) {
        return;
    }
    let compact = gaps::compact_cells(&m.space, cells, gap);
    let (n, groups) = compact.counts();
    let mut d = Diagnostic::error(
        Code::RoutingGap,
        cat.routing.loc,
        format!(
            "{n} case{} match{} no rule and there is no `fallback`",
            s(n),
            if n == 1 { "es" } else { "" }
        ),
    )
    .with_help("add rules for these cases, or a `fallback` path under `routing`");
    for g in compact.groups(GAP_GROUPS_SHOWN) {
        d = d.with_note(None, format!("uncovered: {}", gaps::describe(&m.space, &g)));
    }
    if groups > GAP_GROUPS_SHOWN {
        d = d.with_note(
            None,
            format!("and {} more groups", groups - GAP_GROUPS_SHOWN),
        );
    }
    out.push(d);
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn overlaps(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    for o in &m.overlaps {
        let (a, b) = (&cat.routing.rules[o.first], &cat.routing.rules[o.second]);
        let case = m.space.describe(&m.space.coords(o.example));
        out.push(
            Diagnostic::error(
                Code::RoutingOverlap,
                b.loc,
                format!(
                    "rules `{}` and `{}` both match a case, e.g. {case}",
                    a.id, b.id
                ),
            )
            .with_note(a.loc, format!("rule `{}` is defined here", a.id))
            .with_help(
                "under `policy: unique` every case must match one rule only: narrow one `when`",
            ),
        );
    }
}

fn shadowed(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    let rules = &cat.routing.rules;
    for (r, shadows) in m.shadowed() {
        let rule = &rules[*r];
        let names: Vec<String> = shadows
            .named
            .iter()
            .map(|w| format!("`{}`", rules[*w].id))
            .collect();
        let mut list = names.join(", ");
        if shadows.count > names.len() {
            list += &format!(" and {} more", shadows.count - names.len());
        }
        let mut d = Diagnostic::warning(
            Code::ShadowedRule,
            rule.loc,
            format!(
                "rule `{}` never decides a case: every case it matches is decided by {} {}",
                rule.id,
                if shadows.count == 1 { "rule" } else { "rules" },
                list
            ),
        )
        .with_help("move it above the rules that shadow it, narrow them, or remove it");
        for w in shadows.named.iter().take(5) {
            d = d.with_note(
                rules[*w].loc,
                format!("rule `{}` is defined here", rules[*w].id),
            );
        }
        out.push(d);
    }
}

/// Every combination of one value from each set, the last set changing fastest.
struct Odometer<'a> {
    sets: &'a [Vec<usize>],
    pos: Vec<usize>,
    done: bool,
}

impl<'a> Odometer<'a> {
    fn new(sets: &'a [Vec<usize>]) -> Self {
        Odometer {
            sets,
            pos: vec![0; sets.len()],
            done: sets.iter().any(Vec::is_empty),
        }
    }
}

impl Iterator for Odometer<'_> {
    type Item = Vec<usize>;
    fn next(&mut self) -> Option<Vec<usize>> {
        if self.done {
            return None;
        }
        let item = self.pos.iter().zip(self.sets).map(|(p, s)| s[*p]).collect();
        self.done = true;
        for i in (0..self.pos.len()).rev() {
            self.pos[i] += 1;
            if self.pos[i] < self.sets[i].len() {
                self.done = false;
                break;
            }
            self.pos[i] = 0;
        }
        Some(item)
    }
}

fn named(case: &CaseSpec, d: Dim) -> Option<&String> {
    match d {
        Dim::Product => case.product.as_ref(),
        Dim::Issue => case.issue.as_ref(),
        Dim::Severity => case.severity.as_ref(),
        Dim::Plan => case.plan.as_ref(),
    }
}

/// Outcomes compared by what the customer gets: covered or not, and the path.
fn key<'c>(o: Option<Outcome<'c>>) -> Option<(bool, &'c [String])> {
    o.map(|o| (o.covered, o.path))
}

fn expectation(cat: &Catalogue, m: &Matrix, e: &Expectation, out: &mut Vec<Diagnostic>) {
    let space = &m.space;
    let cells = m.cells();
    // The cells of the cases the expectation names: one class where it names a value.
    let mut sets = Vec::new();
    for (pos, &d) in space.dims.iter().enumerate() {
        match named(&e.case, d) {
            Some(id) => match space.value_index(d, id) {
                Some(v) => sets.push(vec![cells.of[pos][v] as usize]),
                None => return, // an unknown id, reported already
            },
            None => sets.push((0..cells.sizes[pos]).collect()),
        }
    }
    let Some(first) = Odometer::new(&sets).next() else {
        return;
    };
    let first = cells.cell(&first);
    let varies: Vec<&str> = space
        .dims
        .iter()
        .enumerate()
        .filter(|(i, _)| sets[*i].len() > 1 && varies_along(cat, m, &sets, *i))
        .map(|(_, d)| d.name())
        .collect();
    if !varies.is_empty() {
        out.push(
            Diagnostic::error(
                Code::ExpectationIncomplete,
                e.loc,
                format!(
                    "this expectation leaves out {} but the outcome depends on {}",
                    varies.join(" and "),
                    if varies.len() == 1 { "it" } else { "them" }
                ),
            )
            .with_help(format!(
                "name {} in `case`",
                varies
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )),
        );
        return;
    }
    let expected = (e.covered, e.path.as_slice());
    let decided = m.cell_outcome(cat, first);
    if key(decided.clone()) == Some(expected) {
        return;
    }
    let mut d = Diagnostic::error(
        Code::ExpectationFailed,
        e.loc,
        format!(
            "expectation does not hold: expected {}, but {}",
            describe_expected(expected),
            describe_actual(&decided)
        ),
    );
    if let Some(r) = decided
        .as_ref()
        .and_then(|o| o.rule)
        .and_then(|id| cat.routing.rules.iter().find(|r| r.id == id))
    {
        d = d.with_note(r.loc, format!("rule `{}` decides this case", r.id));
    } else if let (Some(_), Some(loc)) = (&decided, cat.routing.fallback_loc) {
        d = d.with_note(loc, "the fallback decides this case");
    }
    out.push(d);
}

/// Whether, among the cells `sets`, the outcome changes along dimension `dim` alone.
fn varies_along(cat: &Catalogue, m: &Matrix, sets: &[Vec<usize>], dim: usize) -> bool {
    let cells = m.cells();
    let mut fixed = sets.to_vec();
    fixed[dim] = vec![sets[dim][0]];
    Odometer::new(&fixed).any(|mut c| {
        let base = key(m.cell_outcome(cat, cells.cell(&c)));
        sets[dim][1..].iter().any(|&k| {
            c[dim] = k;
            key(m.cell_outcome(cat, cells.cell(&c))) != base
        })
    })
}

fn arrow(path: &[String]) -> String {
    path.join(" → ")
}

fn describe_expected((covered, path): (bool, &[String])) -> String {
    if covered {
        format!("path {}", arrow(path))
    } else {
        "not covered".into()
    }
}

fn describe_actual(o: &Option<Outcome>) -> String {
    match o {
        None => "no rule matches it".into(),
        Some(o) => {
            let by = o
                .rule
                .map_or("the fallback".into(), |r| format!("rule `{r}`"));
            if o.covered {
                format!("{by} routes it to {}", arrow(o.path))
            } else {
                format!("{by} marks it not covered")
            }
        }
    }
}
