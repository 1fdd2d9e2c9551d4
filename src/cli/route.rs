//! `supportbook route`: answers like `amtool config routes test`, one answer per value of any
//! dimension the rules depend on that was not given; with `--at`, when each first response is
//! due.

use super::args::AnswerFormat;
use super::exit::INVALID;
use crate::catalogue::Catalogue;
use crate::catalogue::now::ContactNow;
use crate::diagnostics::{Format, did_you_mean};
use crate::error::Error;
use crate::pipeline::{self, CheckOptions, Valid};
use crate::render::format;
use crate::routing::answer::{Answer, DueAnswer, Query, answer};
use crate::routing::{Dim, Matrix};
use crate::translation;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

pub(super) struct Request {
    pub product: String,
    pub issue: String,
    pub severity: Option<String>,
    pub plan: Option<String>,
    /// `--at`: RFC 3339 or `now`.
    pub at: Option<String>,
    /// The language to answer in (a tag of the site's `languages`).
    pub lang: Option<String>,
}

pub(super) fn run(site: &Path, req: &Request, format: AnswerFormat) -> crate::Result<ExitCode> {
    let opened = req.at.as_deref().map(opened_at).transpose()?;
    let valid = match pipeline::check(site, &CheckOptions::default())?.valid() {
        Ok(v) => v,
        Err(checked) => {
            eprint!(
                "{}",
                checked.report.render(&checked.site.files, Format::Human)
            );
            eprintln!("route: the site has errors; fix them first");
            return Ok(ExitCode::from(INVALID));
        }
    };
    let translated = in_language(&valid, req.lang.as_deref())?;
    let cat = translated.as_ref().unwrap_or(&valid.catalogue);
    let m = &valid.matrix;
    let queries = queries(cat, m, req, opened)?;
    let language = req
        .lang
        .as_deref()
        .unwrap_or(&valid.config.languages[0].tag);
    let t = crate::diff::words::Words::load(language)
        .map_err(|e| Error::Usage(format!("themes/default/i18n.json: {}", e.message)))?
        .t;
    let words = |x: &crate::catalogue::Target| format::target_words(&t, x.kind, x.length, x.clock);
    let answers: Vec<Answer> = queries
        .iter()
        .map(|q| answer(cat, m, &valid.site.files, q, &words))
        .collect();
    match format {
        AnswerFormat::Json => {
            let dims: Vec<&str> = m.space.dims.iter().map(|d| d.name()).collect();
            let doc = serde_json::json!({ "policy": cat.routing.policy, "dimensions": dims, "cases": answers });
            crate::out::print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("answers serialise")
            ))?;
        }
        AnswerFormat::Human => crate::out::print(
            &answers
                .iter()
                .map(|a| human(cat, a))
                .collect::<Vec<_>>()
                .join("\n"),
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The catalogue in the words of `--lang` (`None`: the site's own language).
fn in_language(valid: &Valid, lang: Option<&str>) -> crate::Result<Option<Catalogue>> {
    let Some(tag) = lang else {
        return Ok(None);
    };
    let language = valid.config.language(tag).map_err(|suggestion| {
        let known: Vec<&str> = valid
            .config
            .languages
            .iter()
            .map(|l| l.tag.as_str())
            .collect();
        Error::Usage(format!(
            "--lang `{tag}` is not a language of the site ({}){}",
            known.join(", "),
            suggestion.map(|s| format!("; {s}")).unwrap_or_default()
        ))
    })?;
    Ok(valid
        .translations
        .iter()
        .find(|t| t.language == language.tag)
        .map(|t| translation::translate(&valid.catalogue, t)))
}

/// Checks the given ids (a typo is a usage error, with a suggestion) and expands the missing
/// dimensions into one query per value.
fn queries<'c>(
    cat: &'c Catalogue,
    m: &Matrix,
    req: &Request,
    opened: Option<Timestamp>,
) -> crate::Result<Vec<Query<'c>>> {
    let product = known(
        Dim::Product,
        &req.product,
        cat.products.iter().map(|x| x.id.as_str()),
    )?;
    let issue = known(
        Dim::Issue,
        &req.issue,
        cat.issue_types.iter().map(|x| x.id.as_str()),
    )?;
    let severity = req
        .severity
        .as_deref()
        .map(|s| {
            known(
                Dim::Severity,
                s,
                cat.severities.iter().map(|x| x.id.as_str()),
            )
        })
        .transpose()?;
    let plan = req
        .plan
        .as_deref()
        .map(|p| known(Dim::Plan, p, cat.plans.iter().map(|x| x.id.as_str())))
        .transpose()?;
    let space = &m.space;
    let mut combos: Vec<Vec<usize>> = vec![Vec::new()];
    for &d in &space.dims {
        let given = match d {
            Dim::Product => Some(product),
            Dim::Issue => Some(issue),
            Dim::Severity => severity,
            Dim::Plan => plan,
        };
        let values: Vec<usize> = match given {
            Some(id) => vec![space.value_index(d, id).expect("known id")],
            None => (0..space.len(d)).collect(),
        };
        combos = combos
            .into_iter()
            .flat_map(|c| values.iter().map(move |v| [c.clone(), vec![*v]].concat()))
            .collect();
    }
    Ok(combos
        .into_iter()
        .map(|coords| Query {
            coords,
            severity,
            plan,
            opened,
        })
        .collect())
}

/// The instant of `--at`: RFC 3339 with an offset, or `now` (to the second).
fn opened_at(at: &str) -> crate::Result<Timestamp> {
    if at.trim().eq_ignore_ascii_case("now") {
        let now = Timestamp::now();
        return Ok(Timestamp::from_second(now.as_second()).unwrap_or(now));
    }
    let text = at.trim();
    let instant: Timestamp = text.parse().map_err(|e| {
        Error::Usage(format!(
            "--at: `{at}` is not an instant ({e}); write RFC 3339 with an offset, e.g. \
             `2026-12-24T09:00:00+01:00` or `2026-12-24T08:00:00Z`, or `now`"
        ))
    })?;
    if !rfc3339_offset(text) {
        return Err(Error::Usage(format!(
            "--at: `{at}` has no valid offset: RFC 3339 takes `Z` or `+HH:MM`/`-HH:MM` with hours \
             00 to 23, e.g. `2026-12-24T09:00:00+01:00`"
        )));
    }
    // Before standard time, zones kept local mean time (Rome was 49 minutes 56 seconds ahead
    // of UTC): answers there would be off by seconds, so they are not given.
    if instant.as_second() < EARLIEST.as_second() {
        return Err(Error::Usage(format!(
            "--at: `{at}` is before 1900; `route` answers for instants from 1900-01-01T00:00:00Z on"
        )));
    }
    Ok(instant)
}

/// The earliest instant `--at` takes.
const EARLIEST: Timestamp = Timestamp::constant(-2_208_988_800, 0);

/// The text ends with an RFC 3339 offset: `Z`, or a sign, hours 00–23, `:`, minutes 00–59.
fn rfc3339_offset(text: &str) -> bool {
    if text.ends_with(['Z', 'z']) {
        return true;
    }
    let b = text.as_bytes();
    let Some(o) = b.len().checked_sub(6).map(|i| &b[i..]) else {
        return false;
    };
    let digits = |s: &[u8]| -> Option<u32> {
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    matches!(o[0], b'+' | b'-')
        && o[3] == b':'
        && digits(&o[1..3]).is_some_and(|h| h <= 23)
        && digits(&o[4..6]).is_some_and(|m| m <= 59)
}

fn known<'c>(
    d: Dim,
    id: &str,
    ids: impl Iterator<Item = &'c str> + Clone,
) -> crate::Result<&'c str> {
    if let Some(found) = ids.clone().find(|x| *x == id) {
        return Ok(found);
    }
    let hint = did_you_mean(id, ids.clone())
        .unwrap_or_else(|| format!("known: {}", ids.collect::<Vec<_>>().join(", ")));
    Err(Error::Usage(format!(
        "there is no {} `{id}` ({hint})",
        d.name()
    )))
}

fn human(cat: &Catalogue, a: &Answer) -> String {
    let mut o = String::new();
    let mut case = format!("product={} issue={}", a.product, a.issue);
    for (k, v) in [("severity", a.severity), ("plan", a.plan)] {
        if let Some(v) = v {
            let _ = write!(case, " {k}={v}");
        }
    }
    let _ = writeln!(o, "case: {case}");
    let rule = match (a.rule, &a.rule_location, a.gap) {
        (_, _, true) => "none: no rule matches and there is no fallback".to_string(),
        (Some(r), Some(loc), _) => format!("{r} ({loc})"),
        _ => "fallback".to_string(),
    };
    let _ = writeln!(o, "  rule:     {rule}");
    let _ = writeln!(o, "  covered:  {}", if a.covered { "yes" } else { "no" });
    if let Some(now) = &a.now {
        let _ = writeln!(o, "  now:      {}", now_words(&now.0));
    }
    if let Some(note) = a.note {
        let _ = writeln!(
            o,
            "  note:     {}",
            note.trim().replace('\n', "\n            ")
        );
    }
    for (i, t) in a.tiers.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {}. {} [{}], responsible: {}",
            i + 1,
            t.name,
            t.id,
            t.responsible
        );
        if t.partner_only {
            let _ = writeln!(
                o,
                "       partner-only: {} escalates to {} on the customer's behalf",
                cat.partner.name, t.contact_name
            );
        } else {
            let _ = writeln!(o, "       contact: {}", t.contact_name);
            for m in &t.methods {
                let hours = m
                    .hours
                    .as_ref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                let label = m.label.map(|l| format!("{l}: ")).unwrap_or_default();
                let _ = writeln!(o, "         {:<6} {label}{}{hours}", m.kind, m.value);
            }
        }
        let _ = writeln!(o, "       hours:   {}", t.hours);
    }
    for (label, list) in [
        ("response", &a.response),
        ("updates", &a.updates),
        ("resolution", &a.resolution),
    ] {
        for r in list {
            let severity = r
                .severity
                .map(|s| format!("severity {s} "))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {label}: {severity}{} ({}, plan {})",
                r.words,
                r.target.written,
                a.plan.unwrap_or("?")
            );
            let pad = " ".repeat(label.len() + 4);
            if let Some(due) = &r.due {
                let _ = writeln!(o, "{pad}{}", due_words(due));
            }
        }
    }
    o
}

/// Where to go at `--at`: `Linea Prioritaria Premium [premium-line], staffed now`, or when the
/// earliest of the plan's contacts opens.
fn now_words(now: &ContactNow) -> String {
    match now {
        ContactNow::Staffed(c) => format!("{} [{}], staffed now", c.name, c.id),
        ContactNow::Closed {
            opens: Some((t, c, zone)),
        } => format!(
            "no contact is staffed now; {} [{}] opens first, {}",
            c.name,
            c.id,
            instant_words(*t, zone)
        ),
        ContactNow::Closed { opens: None } => {
            "no contact is staffed now, nor within 400 days".to_string()
        }
    }
}

/// `Mon 2026-12-28 08:30 Europe/Rome (+01:00), 07:30 UTC`.
fn instant_words(t: Timestamp, zone: &TimeZone) -> String {
    let local = t.to_zoned_datetime(zone.clone());
    let utc = t.to_zoned_datetime(TimeZone::UTC);
    let time = if t.as_second() % 60 == 0 && t.subsec_nanosecond() == 0 {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    format!(
        "{} {} ({}), {} UTC",
        local.strftime(&format!("%a %Y-%m-%d {time}")),
        zone.iana_name().unwrap_or("UTC"),
        local.strftime("%:z"),
        utc.strftime(&format!("%a %Y-%m-%d {time}"))
    )
}

/// `due Thu 2026-12-24 11:30 Europe/Rome (+01:00), 10:30 UTC`.
fn due_words(d: &DueAnswer) -> String {
    let Some(t) = d.due.instant() else {
        return d.due.reason().to_string();
    };
    let local = t.to_zoned_datetime(d.zone.clone());
    let utc = t.to_zoned_datetime(TimeZone::UTC);
    let time = if t.as_second() % 60 == 0 && t.subsec_nanosecond() == 0 {
        "%H:%M"
    } else {
        "%H:%M:%S"
    };
    let zone = d.zone.iana_name().unwrap_or("UTC");
    format!(
        "due {} {zone} ({}), {} UTC",
        local.strftime(&format!("%a %Y-%m-%d {time}")),
        local.strftime("%:z"),
        utc.strftime(&format!("%a %Y-%m-%d {time}"))
    )
}
