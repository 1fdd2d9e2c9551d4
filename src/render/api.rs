//! The JSON outputs: `api/catalogue.json` (the resolved model), `api/routing.json` (every case
//! with its outcome, streamed in case order), and the route finder's data: `api/finder/index.json`
//! (names, tiers, contacts, calendars, plans' response targets and calendars, every distinct
//! outcome, the words for due times) and
//! the `api/finder/cases-<n>.json` files index.json names for each product (the outcome of each
//! of its cases; products routed alike share one file).

use super::format;
use super::markdown::MarkdownUrls;
use super::outcomes::Outcomes;
use super::views::{Model, serde_plain, stage};
use crate::catalogue::{Catalogue, Clock, Target, TargetKind};
use crate::routing::{Decision, Dim, Matrix, Named, named};
use serde_json::{Value, json};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// `api/catalogue.json`: the resolved catalogue, except the methods of partner-only contacts,
/// which the portal never prints (customers cannot use them).
pub(super) fn catalogue(cat: &Catalogue, w: &mut dyn Write) -> std::io::Result<()> {
    let mut v = serde_json::to_value(cat).map_err(std::io::Error::other)?;
    if let Some(contacts) = v.get_mut("contacts").and_then(Value::as_array_mut) {
        for (c, model) in contacts.iter_mut().zip(&cat.contacts) {
            if model.is_partner_only() {
                c["methods"] = json!([]);
            }
        }
    }
    serde_json::to_writer_pretty(&mut *w, &v)?;
    w.write_all(b"\n")
}

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// `api/routing.json`: `{policy, dimensions, cases}`, one case per line. Its pieces are made
/// once (the head, `"product":"azure",` per dimension value, the tail of each decision), and
/// they and the decision of each case are all the file says: the preview uses its last file
/// again while they are the same.
pub(super) struct RoutingJson<'m> {
    head: String,
    /// By dimension, then value.
    keys: Vec<Vec<String>>,
    /// By rule, then the fallback's and a gap's.
    tails: Vec<String>,
    matrix: &'m Matrix,
}

impl<'m> RoutingJson<'m> {
    pub(super) fn new(cat: &Catalogue, m: &'m Matrix) -> Self {
        let space = &m.space;
        let dims: Vec<&str> = space.dims.iter().map(|d| d.name()).collect();
        let head = format!(
            "{{\"policy\":{},\"dimensions\":{},\"cases\":[",
            js(&serde_plain(&cat.routing.policy)),
            serde_json::to_string(&dims).unwrap_or_default()
        );
        let keys = (0..space.dims.len())
            .map(|i| {
                space
                    .values(i)
                    .iter()
                    .map(|v| format!("{}:{},", js(dims[i]), js(v)))
                    .collect()
            })
            .collect();
        let tail = |rule: Option<&str>, covered: bool, path: &[String]| {
            format!(
                "\"rule\":{},\"covered\":{covered},\"path\":{}}}",
                rule.map_or("null".into(), js),
                serde_json::to_string(path).unwrap_or_default()
            )
        };
        let mut tails: Vec<String> = cat
            .routing
            .rules
            .iter()
            .map(|r| {
                tail(
                    Some(&r.id),
                    r.covered,
                    if r.covered { &r.path } else { &[] },
                )
            })
            .collect();
        tails.push(tail(
            None,
            true,
            cat.routing.fallback.as_deref().unwrap_or_default(),
        ));
        tails.push(tail(None, false, &[]));
        RoutingJson {
            head,
            keys,
            tails,
            matrix: m,
        }
    }

    /// Everything the file is made of, for comparison: its pieces, and the decision of every
    /// case.
    pub(super) fn pieces(&self) -> (String, Vec<u32>) {
        let mut text = self.head.clone();
        for piece in self.keys.iter().flatten().chain(&self.tails) {
            text.push('\n');
            text.push_str(piece);
        }
        (text, self.matrix.decision_codes().to_vec())
    }

    pub(super) fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let m = self.matrix;
        let space = &m.space;
        let rules = self.tails.len() - 2;
        w.write_all(self.head.as_bytes())?;
        let mut coords = vec![0usize; space.dims.len()];
        for case in 0..m.len() {
            w.write_all(if case == 0 { b"\n{" } else { b",\n{" })?;
            for (i, &v) in coords.iter().enumerate() {
                w.write_all(self.keys[i][v].as_bytes())?;
            }
            let t = match m.decision(case) {
                Decision::Rule(r) => &self.tails[r],
                Decision::Fallback => &self.tails[rules],
                Decision::Gap => &self.tails[rules + 1],
            };
            w.write_all(t.as_bytes())?;
            for i in (0..coords.len()).rev() {
                coords[i] += 1;
                if coords[i] < space.sizes[i] {
                    break;
                }
                coords[i] = 0;
            }
        }
        w.write_all(b"\n]}\n")
    }
}

/// The route finder's per-product data. Products whose cases all have the same outcomes, and
/// whose vendor is the same, share one file.
pub(super) struct FinderData {
    /// The file number of each product, in routing order.
    pub file_of: Vec<usize>,
    /// Each file's JSON: the responsible party of each tier, and the outcome number of each case
    /// in case order (issue, then severity and plan where they are dimensions).
    pub files: Vec<String>,
}

pub(super) fn finder_data(model: &Model, outcomes: &Outcomes, m: &Matrix) -> FinderData {
    let cat = model.cat;
    let products = m.space.len(Dim::Product);
    let per_product = m.len() / products.max(1);
    let mut seen: HashMap<(Vec<u32>, Option<&str>), usize> = HashMap::new();
    let mut data = FinderData {
        file_of: Vec::with_capacity(products),
        files: Vec::new(),
    };
    for p in 0..products {
        let cases = (p * per_product..(p + 1) * per_product)
            .map(|c| outcomes.number(m.decision(c)))
            .collect();
        let product = m.space.value(Dim::Product, p);
        let vendor = cat.product(product).and_then(|x| x.vendor.as_deref());
        let n = match seen.entry((cases, vendor)) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                data.files.push(finder_file(model, product, &e.key().0));
                *e.insert(data.files.len() - 1)
            }
        };
        data.file_of.push(n);
    }
    data
}

/// One finder data file, for `product` and the products routed like it.
fn finder_file(model: &Model, product: &str, cases: &[u32]) -> String {
    let cat = model.cat;
    let tiers: BTreeMap<&str, Value> = cat
        .tiers
        .iter()
        .map(|t| {
            let s = stage(cat, model.t, &model.urls, t, Some(product));
            (t.id.as_str(), json!(s.responsible))
        })
        .collect();
    json!({"responsible": tiers, "cases": cases}).to_string()
}

/// The words the finder needs to say when a first response is due.
const DUE_WORDS: [&str; 11] = [
    "finder_target",
    "target_response",
    "target_updates",
    "target_resolution",
    "finder_resolution_due",
    "finder_due",
    "finder_due_yours",
    "finder_due_none",
    "due_when",
    "finder_table",
    "finder_table_yours",
];

/// `api/finder/index.json`.
pub(super) fn finder_index(
    model: &Model,
    outcomes: &Outcomes,
    m: &Matrix,
    data: &FinderData,
) -> String {
    let cat = model.cat;
    let names = |d: Dim| -> Vec<Value> {
        (0..m.space.len(d))
            .map(|v| {
                let Named { id, name } = named(cat, &m.space, d, v);
                match d {
                    Dim::Product => {
                        json!({"id": id, "name": name, "data": crate::paths::finder_file_name(data.file_of[v])})
                    }
                    _ => json!({"id": id, "name": name}),
                }
            })
            .collect()
    };
    let outcomes: Vec<Value> = outcomes
        .all()
        .iter()
        .map(|o| {
            json!({"covered": o.covered, "path": o.path,
                   "note_html": model.links.md(o.note, 4)})
        })
        .collect();
    let tiers: BTreeMap<&str, Value> = model
        .tiers
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                json!({"name": t.name, "partner_only": t.partner_only,
                "contact": cat.tier(&t.id).map(|x| x.contact.as_str())}),
            )
        })
        .collect();
    let contacts: BTreeMap<&str, &super::views::ContactView> =
        model.contacts.iter().map(|c| (c.id.as_str(), c)).collect();
    // Each target in words, and as minutes of its clock or business days, with the plan's
    // calendar: the script works out when a case opened "now" is due, as `route --at` does.
    // Target rules come with their targets, in order: the first matching one naming a target
    // of a kind decides it.
    let target = |x: &Target| {
        json!({"words": format::target(model.t, x).words,
               "minutes": x.length.minutes(), "business_days": x.length.business_days(),
               "always": x.clock == Clock::Always})
    };
    let by_severity = |list: &[Target]| -> BTreeMap<String, Value> {
        list.iter()
            .map(|x| (x.severity.clone().unwrap_or_default(), target(x)))
            .collect()
    };
    let kinds = |lists: [&[Target]; 3]| -> Value {
        TargetKind::ALL
            .iter()
            .zip(lists)
            .filter(|(_, l)| !l.is_empty())
            .map(|(k, l)| (k.key().to_string(), json!(by_severity(l))))
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    let plans: Vec<Value> = model
        .plans
        .iter()
        .filter_map(|p| Some((p, cat.plan(&p.id)?)))
        .map(|(p, plan)| {
            let rules: Vec<Value> = plan
                .target_rules
                .iter()
                .map(|r| json!({"when": r.when, "targets": kinds(TargetKind::ALL.map(|k| r.targets(k)))}))
                .collect();
            let contacts: Vec<&str> = p.contacts.iter().map(|c| c.key.as_str()).collect();
            json!({"id": p.id, "name": p.name, "url": p.url, "calendar": p.calendar,
                   "targets": kinds(TargetKind::ALL.map(|k| plan.targets(k))), "target_rules": rules,
                   "contacts": contacts})
        })
        .collect();
    let words: BTreeMap<&str, Value> = DUE_WORDS
        .iter()
        .map(|k| (*k, json!(model.t.word(k))))
        .chain([
            ("days", json!(model.t.formats.days)),
            ("months", json!(model.t.formats.months)),
        ])
        .collect();
    let mut index = json!({
        "dimensions": m.space.dims.iter().map(|d| d.name()).collect::<Vec<_>>(),
        "products": names(Dim::Product),
        "issues": names(Dim::Issue),
        "severities": model.severities.iter().map(|s| json!({"id": s.id, "label": s.label, "name": s.name})).collect::<Vec<_>>(),
        "plans": plans,
        "outcomes": outcomes,
        "tiers": tiers,
        "contacts": contacts,
        "calendars": calendars(cat),
        "words": words,
    });
    // The texts shown untranslated, for the script to mark (see `marks`).
    if let Some(marks) = model.links.edition.marks.json() {
        index["fallback"] = marks;
    }
    index.to_string()
}

/// Calendars for the browser: time zone, weekly intervals (Monday first) and holidays.
pub(super) fn calendars(cat: &Catalogue) -> BTreeMap<&str, Value> {
    use crate::catalogue::calendar::hhmm;
    cat.calendars
        .iter()
        .map(|c| {
            let iv = |hours: &[crate::catalogue::calendar::Interval]| -> Vec<[String; 2]> {
                hours.iter().map(|i| [hhmm(i.start), hhmm(i.end)]).collect()
            };
            let weekly: Vec<Vec<[String; 2]>> = c.weekly.iter().map(|d| iv(d)).collect();
            // The listed years and the one after, so that a case opened late in the last
            // listed year is due by the same holidays `route --at` uses.
            let (from, to) = c.listed_years;
            let mut holidays: Vec<Value> = c
                .holidays_in(from, to.saturating_add(1))
                .iter()
                .map(|d| json!({"date": d.date.to_string(), "name": d.name(), "hours": iv(d.hours())}))
                .collect();
            let outside = c
                .own
                .iter()
                .filter(|o| !o.open && !(from..=to.saturating_add(1)).contains(&o.date.year()));
            holidays.extend(
                outside.map(|o| json!({"date": o.date.to_string(), "name": o.name, "hours": iv(&o.hours)})),
            );
            holidays.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
            (
                c.id.as_str(),
                json!({"name": c.name, "timezone": c.timezone,
                "always_open": c.always_open, "weekly": weekly, "holidays": holidays}),
            )
        })
        .collect()
}
