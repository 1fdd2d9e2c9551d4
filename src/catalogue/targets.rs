//! Checks of plans' targets that need the whole resolved catalogue: a calendar-clock `d`
//! (`calendar-day`: 24 staffed hours read as "a day" would overstate the promise), and target
//! rules that decide no target of any case (`unused-target-rule`).

use super::model::{Catalogue, Clock, Length, Plan, Target, TargetKind, TargetRule};
use crate::diagnostics::{Code, Diagnostic};

pub(super) fn check(cat: &Catalogue, out: &mut Vec<Diagnostic>) {
    for plan in &cat.plans {
        calendar_days(cat, plan, out);
        unused_rules(cat, plan, out);
    }
}

/// Every target of a plan: its own, then its rules'.
fn all_targets(plan: &Plan) -> impl Iterator<Item = &Target> {
    TargetKind::ALL
        .into_iter()
        .flat_map(|k| plan.targets(k))
        .chain(
            plan.target_rules
                .iter()
                .flat_map(|r| TargetKind::ALL.into_iter().flat_map(|k| r.targets(k))),
        )
}

/// `calendar-day`: a duration with days, counted on a calendar that is not always open.
fn calendar_days(cat: &Catalogue, plan: &Plan, out: &mut Vec<Diagnostic>) {
    let Some(calendar) = cat.calendar(&plan.hours) else {
        return;
    };
    if calendar.always_open {
        return;
    }
    for t in all_targets(plan) {
        let Length::Minutes(m) = t.length else {
            continue;
        };
        if t.clock != Clock::Calendar || !t.written.contains('d') {
            continue;
        }
        let hours = m / 60;
        out.push(
            Diagnostic::warning(
                Code::CalendarDay,
                t.loc,
                format!(
                    "`{}` counts {} staffed hours of calendar `{}`, not {}: the portal reads it \"within {} business hours\"",
                    t.written,
                    hours,
                    calendar.id,
                    if m == 1440 { "a day".to_string() } else { format!("{} days", m / 1440) },
                    hours
                ),
            )
            .with_help(format!(
                "write business days (`{}bd`) or business hours (`{}h`) to say what is meant",
                (m / 1440).max(1),
                hours
            )),
        );
    }
}

/// `unused-target-rule`: a rule that, for every case it matches, names only targets an earlier
/// rule already decides (or that matches no case at all).
fn unused_rules(cat: &Catalogue, plan: &Plan, out: &mut Vec<Diagnostic>) {
    let severities: Vec<Option<&str>> = if cat.severities.is_empty() {
        vec![None]
    } else {
        cat.severities.iter().map(|s| Some(s.id.as_str())).collect()
    };
    let names = |r: &TargetRule, kind: TargetKind, sev: Option<&str>| {
        r.targets(kind)
            .iter()
            .any(|t| t.severity.is_none() || t.severity.as_deref() == sev)
    };
    for (i, rule) in plan.target_rules.iter().enumerate() {
        let mut matched = false;
        let decides = cat.products.iter().any(|p| {
            cat.issue_types.iter().any(|iss| {
                severities.iter().any(|&sev| {
                    if !rule.matches(Some(&p.id), Some(&iss.id), sev) {
                        return false;
                    }
                    matched = true;
                    TargetKind::ALL.into_iter().any(|k| {
                        names(rule, k, sev)
                            && !plan.target_rules[..i].iter().any(|e| {
                                e.matches(Some(&p.id), Some(&iss.id), sev) && names(e, k, sev)
                            })
                    })
                })
            })
        });
        if decides {
            continue;
        }
        let no_targets = TargetKind::ALL.iter().all(|k| rule.targets(*k).is_empty());
        let w = &rule.when;
        let emptied = [&w.product, &w.issue, &w.severity]
            .into_iter()
            .any(|d| d.as_ref().is_some_and(Vec::is_empty));
        if no_targets || emptied {
            continue; // reported as errors already (no target; unknown ids or an empty list)
        }
        out.push(
            Diagnostic::warning(
                Code::UnusedTargetRule,
                rule.loc,
                if matched {
                    format!(
                        "this target rule of plan `{}` decides no target: earlier rules decide every target it names for every case it matches",
                        plan.id
                    )
                } else {
                    format!("this target rule of plan `{}` matches no case", plan.id)
                },
            )
            .with_help("remove it, or move it above the rules that take its cases"),
        );
    }
}
