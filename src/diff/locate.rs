//! Where each entity and each of its customer-visible values is defined, read from the
//! catalogue files as written (the resolved model keeps only the routing's locations).

use crate::catalogue::raw::{CatalogueFile, S};
use crate::diagnostics::Loc;
use crate::yaml::Recover;
use std::collections::HashMap;

/// A plan's locations.
#[derive(Default)]
pub(crate) struct PlanLocs {
    pub item: Option<Loc>,
    pub price: Option<Loc>,
    pub hours: Option<Loc>,
    pub contacts: Option<Loc>,
    pub allowances: Option<Loc>,
    pub term: Option<Loc>,
}

/// A calendar's locations.
#[derive(Default)]
pub(crate) struct CalendarLocs {
    pub item: Option<Loc>,
    pub timezone: Option<Loc>,
    pub weekly: Option<Loc>,
    /// By date.
    pub holidays: HashMap<String, Loc>,
    /// Its `holiday_sets` list.
    pub holiday_sets: Option<Loc>,
}

impl CalendarLocs {
    /// Its `holiday_sets` list, else the calendar itself.
    pub(crate) fn holidays_sets_or_item(&self) -> Option<Loc> {
        self.holiday_sets.or(self.item)
    }
}

/// A holiday set's locations.
#[derive(Default)]
pub(crate) struct HolidaySetLocs {
    pub item: Option<Loc>,
    /// By rule key (`12-24`, `easter+1`, `11-thu-4`).
    pub rules: HashMap<String, Loc>,
}

/// A contact's locations.
#[derive(Default)]
pub(crate) struct ContactLocs {
    pub item: Option<Loc>,
    pub hours: Option<Loc>,
    /// In order.
    pub methods: Vec<Loc>,
}

/// Locations by id, per kind.
#[derive(Default)]
pub(crate) struct Locator {
    pub plans: HashMap<String, PlanLocs>,
    pub calendars: HashMap<String, CalendarLocs>,
    pub contacts: HashMap<String, ContactLocs>,
    pub products: HashMap<String, Loc>,
    pub issue_types: HashMap<String, Loc>,
    pub severities: HashMap<String, Loc>,
    pub tiers: HashMap<String, Loc>,
    pub holiday_sets: HashMap<String, HolidaySetLocs>,
    /// Each add-on's id and price.
    pub add_ons: HashMap<String, (Loc, Loc)>,
    /// The partner's `tax`, or the partner when it has none.
    pub tax: Option<Loc>,
}

fn items<T>(list: &Option<Vec<Recover<T>>>) -> impl Iterator<Item = &S<T>> {
    list.iter().flatten().filter_map(|r| r.0.as_ref())
}

/// A rule's key as the resolved set writes it, when it has one.
fn rule_key(r: &crate::catalogue::raw::HolidayRule) -> Option<String> {
    use crate::catalogue::holidays::When;
    let when = if let Some(d) = &r.date {
        When::from_key(&d.value)?
    } else if let Some(e) = &r.easter {
        When::Easter(i16::try_from(e.value).ok()?)
    } else {
        When::Nth {
            month: i8::try_from(r.month.as_ref()?.value).ok()?,
            weekday: crate::catalogue::holidays::weekday(&r.weekday.as_ref()?.value)?,
            nth: i8::try_from(r.nth.as_ref()?.value).ok()?,
        }
    };
    Some(when.key())
}

impl Locator {
    /// Indexes the files; the first definition of an id wins, as in the catalogue.
    pub(crate) fn new(files: &[CatalogueFile]) -> Locator {
        let mut l = Locator::default();
        for f in files {
            for p in items(&f.plans) {
                l.plans
                    .entry(p.id.value.clone())
                    .or_insert_with(|| PlanLocs {
                        item: Some(p.id.loc),
                        price: Some(p.price.loc),
                        hours: Some(p.hours.loc),
                        contacts: Some(p.contacts.loc),
                        allowances: p.allowances.as_ref().and_then(|a| {
                            a.iter().filter_map(|x| x.0.as_ref()).map(|x| x.loc).next()
                        }),
                        term: p.term.as_ref().map(|t| t.loc),
                    });
            }
            for c in items(&f.calendars) {
                l.calendars
                    .entry(c.id.value.clone())
                    .or_insert_with(|| CalendarLocs {
                        item: Some(c.id.loc),
                        timezone: Some(c.timezone.loc),
                        weekly: c
                            .weekly
                            .as_ref()
                            .map(|w| w.loc)
                            .or(c.always_open.as_ref().map(|a| a.loc)),
                        holidays: items(&c.holidays)
                            .map(|h| (h.date.value.trim().to_string(), h.date.loc))
                            .collect(),
                        holiday_sets: c.holiday_sets.as_ref().map(|s| s.loc),
                    });
            }
            for c in items(&f.contacts) {
                l.contacts
                    .entry(c.id.value.clone())
                    .or_insert_with(|| ContactLocs {
                        item: Some(c.id.loc),
                        hours: Some(c.hours.loc),
                        methods: c
                            .methods
                            .iter()
                            .filter_map(|m| m.0.as_ref())
                            .map(|m| m.loc)
                            .collect(),
                    });
            }
            for p in items(&f.products) {
                l.products.entry(p.id.value.clone()).or_insert(p.id.loc);
            }
            for i in items(&f.issue_types) {
                l.issue_types.entry(i.id.value.clone()).or_insert(i.id.loc);
            }
            for s in items(&f.severities) {
                l.severities.entry(s.id.value.clone()).or_insert(s.id.loc);
            }
            for t in items(&f.tiers) {
                l.tiers.entry(t.id.value.clone()).or_insert(t.id.loc);
            }
            for s in items(&f.holiday_sets) {
                l.holiday_sets
                    .entry(s.id.value.clone())
                    .or_insert_with(|| HolidaySetLocs {
                        item: Some(s.id.loc),
                        rules: s
                            .holidays
                            .iter()
                            .filter_map(|r| r.0.as_ref())
                            .filter_map(|r| Some((rule_key(r)?, r.loc)))
                            .collect(),
                    });
            }
            for a in items(&f.add_ons) {
                l.add_ons
                    .entry(a.id.value.clone())
                    .or_insert((a.id.loc, a.price.loc));
            }
            if let Some(p) = f.partner.as_ref().and_then(|p| p.0.as_ref()) {
                l.tax = Some(p.value.tax.as_ref().map_or(p.loc, |t| t.loc));
            }
        }
        l
    }

    pub(crate) fn plan(&self, id: &str) -> Option<&PlanLocs> {
        self.plans.get(id)
    }

    pub(crate) fn calendar(&self, id: &str) -> Option<&CalendarLocs> {
        self.calendars.get(id)
    }

    pub(crate) fn holiday_set(&self, id: &str) -> Option<&HolidaySetLocs> {
        self.holiday_sets.get(id)
    }

    pub(crate) fn contact(&self, id: &str) -> Option<&ContactLocs> {
        self.contacts.get(id)
    }
}
