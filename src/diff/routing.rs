//! Routing: every case whose outcome changes for customers, grouped compactly as gaps are.
//!
//! Cases are compared in the union of the two versions' case spaces (a dimension one version's
//! rules use and the other's do not is a dimension of both), over the products, issue types,
//! severities and plans both versions have (those added or removed are reported as such).
//! An outcome is what a customer sees: covered or not, the path's tiers and its first contact,
//! each as the paired entity, so renaming an id changes nothing. Cases that stop being covered
//! come first, then those that become covered, then changed paths, then a changed first contact.

use super::change::{Cases, Changes, Effect, Kind};
use super::version::Context;
use super::words::Words;
use crate::catalogue::Catalogue;
use crate::routing::gaps::{self, Group};
use crate::routing::{Decision, Dim, Matrix, Space};
use std::collections::HashMap;

/// How many runs of values a group names before it abbreviates.
const RUNS_SHOWN: usize = 4;

/// What a customer sees of an outcome, as keys that are equal across the versions.
#[derive(Hash, PartialEq, Eq, Clone)]
struct Seen {
    covered: bool,
    path: Vec<usize>,
    first_contact: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Category {
    Lost,
    Gained,
    Path,
    FirstContact,
}

/// One dimension of the union space: the values both versions have (in the new version's
/// order), as positions in each version's space, and each version's stride (0: that version
/// does not use the dimension).
struct Axis {
    dim: Dim,
    /// The values' positions in the new version's catalogue.
    items: Vec<usize>,
    old: Vec<usize>,
    new: Vec<usize>,
    old_stride: usize,
    new_stride: usize,
}

/// A decision as a number: a rule's index, then the fallback, then a gap.
fn code(m: &Matrix, case: usize, rules: usize) -> usize {
    match m.decision(case) {
        Decision::Rule(r) => r,
        Decision::Fallback => rules,
        Decision::Gap => rules + 1,
    }
}

/// Outcomes numbered so that equal numbers are equal for customers.
#[derive(Default)]
struct Outcomes {
    seen: Vec<Seen>,
    index: HashMap<Seen, u32>,
}

impl Outcomes {
    fn number(&mut self, s: Seen) -> u32 {
        if let Some(&n) = self.index.get(&s) {
            return n;
        }
        self.seen.push(s.clone());
        self.index.insert(s, self.seen.len() as u32 - 1);
        self.seen.len() as u32 - 1
    }

    /// The numbers of a version's decisions (by [`code`]), with tiers and contacts keyed by
    /// `tier` and `contact`, and how that version words each of its outcomes.
    fn of(
        &mut self,
        cat: &Catalogue,
        tier: &dyn Fn(usize) -> usize,
        contact: &dyn Fn(usize) -> usize,
    ) -> (Vec<u32>, HashMap<u32, Said>) {
        let mut said = HashMap::new();
        let mut seen = |covered: bool, path: &[String]| {
            let tiers: Vec<usize> = path
                .iter()
                .filter_map(|t| cat.index.tiers.get(t).copied())
                .collect();
            let first = tiers
                .first()
                .and_then(|&t| cat.index.contacts.get(&cat.tiers[t].contact))
                .copied();
            let n = self.number(Seen {
                covered,
                path: tiers.iter().map(|&t| tier(t)).collect(),
                first_contact: first.map(contact),
            });
            said.entry(n).or_insert_with(|| Said {
                covered,
                path: tiers
                    .iter()
                    .map(|&t| cat.tiers[t].name.as_str())
                    .collect::<Vec<_>>()
                    .join(" → "),
                first_contact: first.map_or_else(String::new, |c| cat.contacts[c].name.clone()),
            });
            n
        };
        let mut codes: Vec<u32> = cat
            .routing
            .rules
            .iter()
            .map(|r| seen(r.covered, &r.path))
            .collect();
        codes.push(seen(
            true,
            cat.routing.fallback.as_deref().unwrap_or_default(),
        ));
        codes.push(seen(false, &[]));
        (codes, said)
    }
}

/// An outcome in one version's words.
struct Said {
    covered: bool,
    /// `Tier 1 → Tier 2`.
    path: String,
    first_contact: String,
}

impl Said {
    fn outcome(&self, w: &Words) -> String {
        if self.covered {
            self.path.clone()
        } else {
            w.word("diff_not_covered")
        }
    }

    fn first_contact(&self, w: &Words) -> String {
        w.fill("diff_first_contact", &[("name", &self.first_contact)])
    }
}

/// Changed cases with the same before, after and deciding rule.
struct Moved {
    old: u32,
    new: u32,
    decision: usize,
    cases: Vec<usize>,
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let axes = axes(ctx);
    let found = moved(ctx, &axes);
    let new = ctx.new;
    let space = Space {
        dims: axes.iter().map(|a| a.dim).collect(),
        sizes: axes.iter().map(|a| a.new.len()).collect(),
        values: axes
            .iter()
            .map(|a| {
                a.items
                    .iter()
                    .map(|&v| value_id(new.cat, a.dim, v))
                    .collect()
            })
            .collect(),
    };
    for m in &found.moved {
        let c = found.category(m);
        let (o, n) = (&found.old_said[&m.old], &found.new_said[&m.new]);
        let (before, after) = match c {
            Category::FirstContact => (o.first_contact(ctx.words), n.first_contact(ctx.words)),
            _ => (o.outcome(ctx.words), n.outcome(ctx.words)),
        };
        let effect = match c {
            Category::Lost => Effect::Worse,
            Category::Gained => Effect::Better,
            Category::Path | Category::FirstContact => Effect::Neutral,
        };
        let rule = new.cat.routing.rules.get(m.decision);
        let loc = rule.map(|r| r.loc).or(new.cat.routing.fallback_loc);
        // What customers read about a case that is not covered.
        let note = rule
            .filter(|_| c == Category::Lost)
            .and_then(|r| r.note.as_deref())
            .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "));
        for group in gaps::compact(&space, &m.cases) {
            let subject = describe(ctx, &axes, &group);
            let change = out.changed(
                Kind::Routing,
                effect,
                subject,
                (before.clone(), after.clone()),
                new.place(loc),
            );
            change.cases = Some(cases(new.cat, &axes, &group));
            change.details.extend(note.clone());
        }
    }
}

/// The cases whose outcome changes, in report order, with both versions' words for outcomes.
struct Found {
    outcomes: Outcomes,
    moved: Vec<Moved>,
    old_said: HashMap<u32, Said>,
    new_said: HashMap<u32, Said>,
}

impl Found {
    fn category(&self, m: &Moved) -> Category {
        let (o, n) = (
            &self.outcomes.seen[m.old as usize],
            &self.outcomes.seen[m.new as usize],
        );
        match (o.covered, n.covered) {
            (true, false) => Category::Lost,
            (false, true) => Category::Gained,
            _ if o.path != n.path => Category::Path,
            _ => Category::FirstContact,
        }
    }
}

/// Visits every case of the union space and collects those whose outcome changes, by old
/// outcome, new outcome and the new deciding rule.
fn moved(ctx: &Context, axes: &[Axis]) -> Found {
    let (old, new, p) = (ctx.old, ctx.new, ctx.pairs);
    let mut outcomes = Outcomes::default();
    let (old_codes, old_said) =
        outcomes.of(old.cat, &|t| p.tiers.old_key(t), &|c| p.contacts.old_key(c));
    let (new_codes, new_said) = outcomes.of(new.cat, &|t| t, &|c| c);
    let (old_rules, new_rules) = (old.cat.routing.rules.len(), new.cat.routing.rules.len());
    let mut moved: Vec<Moved> = Vec::new();
    let mut by_key: HashMap<(u32, u32, usize), usize> = HashMap::new();
    visit(axes, 0, (0, 0, 0), &mut |case, old_case, new_case| {
        let o = old_codes[code(old.matrix, old_case, old_rules)];
        let d = code(new.matrix, new_case, new_rules);
        let n = new_codes[d];
        if o != n {
            let k = *by_key.entry((o, n, d)).or_insert_with(|| {
                moved.push(Moved {
                    old: o,
                    new: n,
                    decision: d,
                    cases: Vec::new(),
                });
                moved.len() - 1
            });
            moved[k].cases.push(case);
        }
    });
    let mut found = Found {
        outcomes,
        moved: Vec::new(),
        old_said,
        new_said,
    };
    moved.sort_by_key(|m| (found.category(m), m.cases[0]));
    found.moved = moved;
    found
}

/// The axes of the union space.
fn axes(ctx: &Context) -> Vec<Axis> {
    let (old, new) = (&ctx.old.matrix.space, &ctx.new.matrix.space);
    let stride = |s: &Space, d: Dim| {
        s.position(d)
            .map_or(0, |p| s.sizes[p + 1..].iter().product())
    };
    Dim::ALL
        .into_iter()
        .filter(|&d| old.position(d).is_some() || new.position(d).is_some())
        .map(|d| {
            let pairing = match d {
                Dim::Product => &ctx.pairs.products,
                Dim::Issue => &ctx.pairs.issue_types,
                Dim::Severity => &ctx.pairs.severities,
                Dim::Plan => &ctx.pairs.plans,
            };
            let both: Vec<(usize, usize)> = pairing.both().collect();
            // A dimension a version does not use has one position there: every value is 0.
            let pos = |s: &Space, v: usize| if s.position(d).is_some() { v } else { 0 };
            Axis {
                dim: d,
                items: both.iter().map(|&(_, j)| j).collect(),
                old: both.iter().map(|&(i, _)| pos(old, i)).collect(),
                new: both.iter().map(|&(_, j)| pos(new, j)).collect(),
                old_stride: stride(old, d),
                new_stride: stride(new, d),
            }
        })
        .collect()
}

/// Calls `f(union case, old case, new case)` for every case of the union space, in order.
fn visit(
    axes: &[Axis],
    k: usize,
    (case, old, new): (usize, usize, usize),
    f: &mut dyn FnMut(usize, usize, usize),
) {
    let Some(a) = axes.get(k) else {
        f(case, old, new);
        return;
    };
    for v in 0..a.new.len() {
        visit(
            axes,
            k + 1,
            (
                case * a.new.len() + v,
                old + a.old[v] * a.old_stride,
                new + a.new[v] * a.new_stride,
            ),
            f,
        );
    }
}

fn value_id(cat: &Catalogue, d: Dim, v: usize) -> String {
    match d {
        Dim::Product => cat.products[v].id.clone(),
        Dim::Issue => cat.issue_types[v].id.clone(),
        Dim::Severity => cat.severities[v].id.clone(),
        Dim::Plan => cat.plans[v].id.clone(),
    }
}

/// A value as customers read it: a name (a severity as the matrix shows it, `A (Critical)`).
fn value_name(cat: &Catalogue, d: Dim, v: usize) -> String {
    match d {
        Dim::Product => cat.products[v].name.clone(),
        Dim::Issue => cat.issue_types[v].name.clone(),
        Dim::Severity => {
            let s = &cat.severities[v];
            format!("{} ({})", s.id, s.name)
        }
        Dim::Plan => cat.plans[v].name.clone(),
    }
}

/// `Issue type: Outage · Severity: A (Critical), B (High)`: a dimension with every value is
/// left out; long lists are abbreviated.
fn describe(ctx: &Context, axes: &[Axis], group: &Group) -> String {
    let w = ctx.words;
    let parts: Vec<String> = axes
        .iter()
        .zip(group)
        .filter(|(a, values)| values.len() < a.new.len())
        .map(|(a, values)| {
            let name = |k: usize| value_name(ctx.new.cat, a.dim, a.items[k]);
            format!(
                "{}: {}",
                w.word(&format!("dim_{}", a.dim.name())),
                list(w, values, a.new.len(), &name)
            )
        })
        .collect();
    if parts.is_empty() {
        w.word("diff_every_case")
    } else {
        parts.join(" · ")
    }
}

/// Values as runs (`A..C` for three or more in a row), abbreviated when long: `all except X`
/// when what is left out is short, else the first runs and how many more.
fn list(w: &Words, values: &[usize], size: usize, name: &dyn Fn(usize) -> String) -> String {
    let say = |values: &[usize]| -> Vec<String> {
        values
            .chunk_by(|a, b| a + 1 == *b)
            .map(|run| match run {
                [one] => name(*one),
                [a, b] => format!("{}, {}", name(*a), name(*b)),
                [a, .., b] => format!("{}..{}", name(*a), name(*b)),
                [] => String::new(),
            })
            .collect()
    };
    let runs = say(values);
    if runs.len() <= RUNS_SHOWN {
        return runs.join(", ");
    }
    let rest: Vec<usize> = (0..size)
        .filter(|v| values.binary_search(v).is_err())
        .collect();
    let excluded = say(&rest);
    if excluded.len() <= RUNS_SHOWN {
        return w.fill("diff_all_except", &[("list", &excluded.join(", "))]);
    }
    let shown: Vec<usize> = values
        .chunk_by(|a, b| a + 1 == *b)
        .take(RUNS_SHOWN - 1)
        .flatten()
        .copied()
        .collect();
    w.fill(
        "diff_and_more",
        &[
            ("list", &say(&shown).join(", ")),
            ("n", &(values.len() - shown.len()).to_string()),
        ],
    )
}

/// The cases of a group, by id (every value of a dimension: left out).
fn cases(cat: &Catalogue, axes: &[Axis], group: &Group) -> Cases {
    let mut c = Cases {
        count: group.iter().map(Vec::len).product(),
        ..Cases::default()
    };
    for (a, values) in axes.iter().zip(group) {
        if values.len() == a.new.len() {
            continue;
        }
        let ids = Some(
            values
                .iter()
                .map(|&k| value_id(cat, a.dim, a.items[k]))
                .collect(),
        );
        *a.dim.when_mut(&mut c.ids) = ids;
    }
    c
}
