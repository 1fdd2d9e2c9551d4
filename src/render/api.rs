//! The JSON outputs: `api/catalogue.json` (the resolved model), `api/routing.json` (every case
//! with its outcome, streamed in case order), and the route finder's data: `api/finder/index.json`
//! (names, tiers, contacts, calendars, plans' response targets, every distinct outcome) and
//! one `api/finder/<product>.json` per product (the outcome of each of its cases).

use super::views::{Model, serde_plain, stage};
use crate::catalogue::Catalogue;
use crate::routing::{Decision, Dim, Matrix};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;

/// `api/catalogue.json`: the resolved catalogue, except the methods of partner-only contacts,
/// which the portal never prints (customers cannot use them).
pub fn catalogue(cat: &Catalogue, w: &mut dyn Write) -> std::io::Result<()> {
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

/// `api/routing.json`: `{policy, dimensions, cases}`, one case per line.
pub fn routing(cat: &Catalogue, m: &Matrix, w: &mut dyn Write) -> std::io::Result<()> {
    let space = &m.space;
    let dims: Vec<&str> = space.dims.iter().map(|d| d.name()).collect();
    write!(
        w,
        "{{\"policy\":{},\"dimensions\":{},\"cases\":[",
        js(&serde_plain(&cat.routing.policy)),
        serde_json::to_string(&dims).unwrap_or_default()
    )?;
    // `"product":"azure",` per dimension value, and the tail of each decision, made once.
    let keys: Vec<Vec<String>> = (0..space.dims.len())
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
    let rule_tails: Vec<String> = cat
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
    let fallback_tail = tail(
        None,
        true,
        cat.routing.fallback.as_deref().unwrap_or_default(),
    );
    let gap_tail = tail(None, false, &[]);
    let mut coords = vec![0usize; space.dims.len()];
    for case in 0..m.len() {
        w.write_all(if case == 0 { b"\n{" } else { b",\n{" })?;
        for (i, &v) in coords.iter().enumerate() {
            w.write_all(keys[i][v].as_bytes())?;
        }
        let t = match m.decision(case) {
            Decision::Rule(r) => &rule_tails[r],
            Decision::Fallback => &fallback_tail,
            Decision::Gap => &gap_tail,
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

/// The outcome number of a case in `index.json`'s `outcomes`: rules first, then the fallback,
/// then "no rule".
fn outcome_number(cat: &Catalogue, d: Decision) -> usize {
    match d {
        Decision::Rule(r) => r,
        Decision::Fallback => cat.routing.rules.len(),
        Decision::Gap => cat.routing.rules.len() + 1,
    }
}

/// `api/finder/<product>.json`: the outcome number of each case of product number `p`, in
/// case order (issue, then severity and plan where they are dimensions).
pub fn finder_product(model: &Model, m: &Matrix, p: usize) -> String {
    let cat = model.cat;
    let per_product = m.len() / m.space.sizes[0].max(1);
    let base = p * per_product;
    let cases: Vec<usize> = (base..base + per_product)
        .map(|c| outcome_number(cat, m.decision(c)))
        .collect();
    let product = m.space.value(Dim::Product, p);
    let tiers: BTreeMap<&str, Value> = cat
        .tiers
        .iter()
        .map(|t| {
            let s = stage(cat, model.t, &model.urls, t, Some(product));
            (t.id.as_str(), json!(s.responsible))
        })
        .collect();
    json!({"product": product, "responsible": tiers, "cases": cases}).to_string()
}

/// `api/finder/index.json`.
pub fn finder_index(model: &Model, m: &Matrix) -> String {
    let cat = model.cat;
    let names = |d: Dim| -> Vec<Value> {
        (0..m.space.len(d))
            .map(|v| {
                let id = m.space.value(d, v);
                let name = match d {
                    Dim::Product => cat.product(id).map(|x| x.name.as_str()),
                    Dim::Issue => cat.issue_type(id).map(|x| x.name.as_str()),
                    Dim::Severity => cat.severity(id).map(|x| x.name.as_str()),
                    Dim::Plan => cat.plan(id).map(|x| x.name.as_str()),
                };
                json!({"id": id, "name": name})
            })
            .collect()
    };
    let mut outcomes: Vec<Value> = cat
        .routing
        .rules
        .iter()
        .map(|r| {
            json!({"rule": r.id, "covered": r.covered, "path": r.path,
                   "note_html": model.urls.md(r.note.as_deref(), 4)})
        })
        .collect();
    outcomes.push(json!({"rule": null, "covered": true,
        "path": cat.routing.fallback.as_deref().unwrap_or_default(), "note_html": null}));
    outcomes
        .push(json!({"rule": null, "covered": false, "path": [], "note_html": null, "gap": true}));
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
    let plans: Vec<Value> = model
        .plans
        .iter()
        .map(|p| {
            let response: BTreeMap<&str, Value> = p
                .response
                .iter()
                .map(|r| {
                    (
                        r.severity.as_str(),
                        json!({"within": r.within, "clock": r.clock_words}),
                    )
                })
                .collect();
            json!({"id": p.id, "name": p.name, "url": p.url, "response": response})
        })
        .collect();
    json!({
        "dimensions": m.space.dims.iter().map(|d| d.name()).collect::<Vec<_>>(),
        "products": names(Dim::Product),
        "issues": names(Dim::Issue),
        "severities": model.severities.iter().map(|s| json!({"id": s.id, "name": s.name})).collect::<Vec<_>>(),
        "plans": plans,
        "outcomes": outcomes,
        "tiers": tiers,
        "contacts": contacts,
        "calendars": calendars(cat),
    })
    .to_string()
}

/// Calendars for the browser: time zone, weekly intervals (Monday first) and holidays.
pub fn calendars(cat: &Catalogue) -> BTreeMap<&str, Value> {
    use crate::catalogue::calendar::hhmm;
    cat.calendars
        .iter()
        .map(|c| {
            let iv = |hours: &[crate::catalogue::calendar::Interval]| -> Vec<[String; 2]> {
                hours.iter().map(|i| [hhmm(i.start), hhmm(i.end)]).collect()
            };
            let weekly: Vec<Vec<[String; 2]>> = c.weekly.iter().map(|d| iv(d)).collect();
            let holidays: Vec<Value> = c
                .holidays
                .iter()
                .map(|h| json!({"date": h.date, "name": h.name, "hours": iv(&h.hours)}))
                .collect();
            (
                c.id.as_str(),
                json!({"name": c.name, "timezone": c.timezone,
                "always_open": c.always_open, "weekly": weekly, "holidays": holidays}),
            )
        })
        .collect()
}
