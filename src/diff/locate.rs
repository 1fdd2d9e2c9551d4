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
}

/// A calendar's locations.
#[derive(Default)]
pub(crate) struct CalendarLocs {
    pub item: Option<Loc>,
    pub timezone: Option<Loc>,
    pub weekly: Option<Loc>,
    /// By date.
    pub holidays: HashMap<String, Loc>,
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
}

fn items<T>(list: &Option<Vec<Recover<T>>>) -> impl Iterator<Item = &S<T>> {
    list.iter().flatten().filter_map(|r| r.0.as_ref())
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
        }
        l
    }

    pub(crate) fn plan(&self, id: &str) -> Option<&PlanLocs> {
        self.plans.get(id)
    }

    pub(crate) fn calendar(&self, id: &str) -> Option<&CalendarLocs> {
        self.calendars.get(id)
    }

    pub(crate) fn contact(&self, id: &str) -> Option<&ContactLocs> {
        self.contacts.get(id)
    }
}
