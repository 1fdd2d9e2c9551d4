//! Where to go now (the format's section 14): for a covered case under a plan at an instant,
//! the *contact now* is the path's first contact if it is staffed then, otherwise the first of
//! the plan's contacts that is staffed then. A contact is staffed when its own calendar is, or
//! when one of its methods with its own `hours` is (that method's calendar). When none is
//! staffed, the earliest instant one of them opens.

use super::due::Staffing;
use super::model::{Catalogue, Contact, Plan};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The contact now, or when the earliest of the candidates opens.
#[derive(Debug, Clone)]
pub(crate) enum ContactNow<'c> {
    /// The contact staffed at the instant.
    Staffed(&'c Contact),
    /// None is staffed: the earliest opening (`None` when none opens within the horizon of
    /// [`super::due::HORIZON_DAYS`] days), the contact that opens then and its calendar's zone.
    Closed {
        opens: Option<(Timestamp, &'c Contact, TimeZone)>,
    },
}

/// The contacts to try, in order: the path's first contact (when customers may reach it), then
/// the plan's contacts; each once.
pub(crate) fn candidates<'c>(
    cat: &'c Catalogue,
    first: Option<&str>,
    plan: &'c Plan,
) -> Vec<&'c Contact> {
    let mut out: Vec<&Contact> = Vec::new();
    for id in first
        .into_iter()
        .chain(plan.contacts.iter().map(String::as_str))
    {
        if let Some(c) = cat.contact(id)
            && !c.is_partner_only()
            && !out.iter().any(|o| o.id == c.id)
        {
            out.push(c);
        }
    }
    out
}

/// The calendars under which `contact` is staffed: its own, then its methods' own, each once.
pub(crate) fn calendars(contact: &Contact) -> Vec<&str> {
    let mut out = vec![contact.hours.as_str()];
    for m in &contact.methods {
        if let Some(h) = m.hours.as_deref()
            && !out.contains(&h)
        {
            out.push(h);
        }
    }
    out
}

/// The first instant at or after `at` when `contact` is staffed, with the zone of the calendar
/// that opens then (`at` itself when staffed at `at`).
fn next_staffed(
    cat: &Catalogue,
    contact: &Contact,
    at: Timestamp,
) -> Option<(Timestamp, TimeZone)> {
    calendars(contact)
        .into_iter()
        .filter_map(|id| cat.calendar(id))
        .filter_map(|cal| {
            let staffing = Staffing::new(cal)?;
            if cal.always_open {
                return Some((at, staffing.zone.clone()));
            }
            let (start, _) = staffing.from(at).next()?;
            Some((start, staffing.zone.clone()))
        })
        .min_by_key(|(t, _)| *t)
}

/// The contact now for a case whose path starts at `first` (a contact id), under `plan`.
pub(crate) fn contact_now<'c>(
    cat: &'c Catalogue,
    first: Option<&str>,
    plan: &'c Plan,
    at: Timestamp,
) -> ContactNow<'c> {
    let mut earliest: Option<(Timestamp, &Contact, TimeZone)> = None;
    for c in candidates(cat, first, plan) {
        let Some((t, zone)) = next_staffed(cat, c, at) else {
            continue;
        };
        if t == at {
            return ContactNow::Staffed(c);
        }
        if earliest.as_ref().is_none_or(|(e, _, _)| t < *e) {
            earliest = Some((t, c, zone));
        }
    }
    ContactNow::Closed { opens: earliest }
}
