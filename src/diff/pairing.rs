//! Pairs the entities of two versions: by id first, then, among those left over, by name, so
//! that an id renamed with the same words is the same thing to customers.

use crate::catalogue::Catalogue;
use std::collections::HashMap;

/// The pairs of one kind of entity, by position in each version's list.
#[derive(Debug, Default)]
pub(crate) struct Pairing {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

impl Pairing {
    /// Pairs `(id, name)` lists. A name pairs only when it is unique among the leftovers of
    /// both sides.
    pub(super) fn new(old: &[(&str, &str)], new: &[(&str, &str)]) -> Pairing {
        let mut p = Pairing {
            old_to_new: vec![None; old.len()],
            new_to_old: vec![None; new.len()],
        };
        let by_id: HashMap<&str, usize> = new.iter().enumerate().map(|(j, x)| (x.0, j)).collect();
        for (i, (id, _)) in old.iter().enumerate() {
            if let Some(&j) = by_id.get(id) {
                p.link(i, j);
            }
        }
        let names = |list: &[(&str, &str)], taken: &[Option<usize>]| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, (_, name)) in list.iter().enumerate() {
                if taken[i].is_none() {
                    m.entry(name.trim().to_lowercase()).or_default().push(i);
                }
            }
            m
        };
        let old_names = names(old, &p.old_to_new);
        let new_names = names(new, &p.new_to_old);
        let mut links: Vec<(usize, usize)> = old_names
            .iter()
            .filter_map(
                |(name, olds)| match (olds.as_slice(), new_names.get(name)) {
                    ([i], Some(news)) if news.len() == 1 => Some((*i, news[0])),
                    _ => None,
                },
            )
            .collect();
        links.sort_unstable();
        for (i, j) in links {
            p.link(i, j);
        }
        p
    }

    fn link(&mut self, i: usize, j: usize) {
        self.old_to_new[i] = Some(j);
        self.new_to_old[j] = Some(i);
    }

    /// Positions of the new version's entities that the old one lacks.
    pub(super) fn added(&self) -> impl Iterator<Item = usize> + '_ {
        self.new_to_old
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_none())
            .map(|(j, _)| j)
    }

    /// Positions of the old version's entities that the new one lacks.
    pub(super) fn removed(&self) -> impl Iterator<Item = usize> + '_ {
        self.old_to_new
            .iter()
            .enumerate()
            .filter(|(_, n)| n.is_none())
            .map(|(i, _)| i)
    }

    /// The pairs, as (old, new) positions, in the new version's order.
    pub(super) fn both(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.new_to_old
            .iter()
            .enumerate()
            .filter_map(|(j, o)| o.map(|i| (i, j)))
    }

    /// A key equal for paired entities and distinct otherwise: the new position, or past
    /// the new ones for an old entity that has no pair.
    pub(super) fn old_key(&self, old: usize) -> usize {
        self.old_to_new[old].unwrap_or(self.new_to_old.len() + old)
    }
}

/// The pairings of every kind of entity the comparisons need.
pub(crate) struct Pairings {
    pub calendars: Pairing,
    pub contacts: Pairing,
    pub tiers: Pairing,
    pub severities: Pairing,
    pub plans: Pairing,
    pub products: Pairing,
    pub issue_types: Pairing,
}

fn of<T>(items: &[T], f: impl Fn(&T) -> (&str, &str)) -> Vec<(&str, &str)> {
    items.iter().map(f).collect()
}

impl Pairings {
    pub(super) fn new(old: &Catalogue, new: &Catalogue) -> Pairings {
        macro_rules! pair {
            ($field:ident) => {
                Pairing::new(
                    &of(&old.$field, |x| (&x.id, &x.name)),
                    &of(&new.$field, |x| (&x.id, &x.name)),
                )
            };
        }
        Pairings {
            calendars: pair!(calendars),
            contacts: pair!(contacts),
            tiers: pair!(tiers),
            severities: pair!(severities),
            plans: pair!(plans),
            products: pair!(products),
            issue_types: pair!(issue_types),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_id_then_by_unique_name() {
        let old = [("a", "Alpha"), ("b", "Beta"), ("c", "Same"), ("d", "Same")];
        let new = [
            ("b", "Beta 2"),
            ("x", "alpha"),
            ("y", "Same"),
            ("z", "Same"),
        ];
        let p = Pairing::new(&old, &new);
        assert_eq!(p.old_to_new, vec![Some(1), Some(0), None, None]);
        assert_eq!(p.added().collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(p.removed().collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(p.old_key(2), 6);
    }
}
