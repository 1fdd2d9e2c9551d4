//! The words of a translation: which text of the catalogue (kind, id, field) and its words in
//! one more language.

use super::raw;
use crate::catalogue::Kind;
use std::collections::BTreeMap;

/// What a text belongs to: the partner, or a thing of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Owner {
    Partner,
    Of(Kind),
}

impl Owner {
    /// The word for it in messages.
    pub(super) fn word(self) -> &'static str {
        match self {
            Owner::Partner => "the partner",
            Owner::Of(k) => k.noun(),
        }
    }
}

/// Which text of a thing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    Name,
    Description,
    Note,
    Scope,
    Summary,
    Features,
    Exclusions,
    Examples,
    Keywords,
    /// A holiday's name, by date (`2026-12-25`).
    Holiday(String),
    /// A contact method's label, by position.
    MethodLabel(usize),
    /// A severity's short label.
    Label,
    /// The name of the partner's tax.
    TaxName,
    /// A plan's allowance's note, by position.
    AllowanceNote(usize),
}

impl Field {
    pub(super) fn describe(&self) -> String {
        match self {
            Field::Name => "`name`".into(),
            Field::Description => "`description`".into(),
            Field::Note => "`note`".into(),
            Field::Scope => "`scope`".into(),
            Field::Summary => "`summary`".into(),
            Field::Features => "`features`".into(),
            Field::Exclusions => "`exclusions`".into(),
            Field::Examples => "`examples`".into(),
            Field::Keywords => "`keywords`".into(),
            Field::Holiday(date) => format!("the holiday of {date}"),
            Field::MethodLabel(i) => format!("the `label` of method {}", i + 1),
            Field::Label => "`label`".into(),
            Field::TaxName => "the tax's `name`".into(),
            Field::AllowanceNote(i) => format!("the `note` of allowance {}", i + 1),
        }
    }
}

/// One translatable text of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TextKey {
    pub kind: Owner,
    /// The thing's id (empty for the partner).
    pub id: String,
    pub field: Field,
}

impl TextKey {
    pub(super) fn new(kind: Owner, id: &str, field: Field) -> TextKey {
        TextKey {
            kind,
            id: id.to_string(),
            field,
        }
    }

    /// "`name` of plan `premium`".
    pub(super) fn describe(&self) -> String {
        match self.kind {
            Owner::Partner => format!("{} of the partner", self.field.describe()),
            k => format!("{} of {} `{}`", self.field.describe(), k.word(), self.id),
        }
    }
}

/// A translated text: one, or a whole list (`features`, `examples`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Words {
    One(String),
    List(Vec<String>),
}

/// The catalogue's words in one more language.
#[derive(Clone, Debug, Default)]
pub(crate) struct Translation {
    /// The language's tag, as `languages` names it.
    pub language: String,
    pub(super) texts: BTreeMap<TextKey, Words>,
    /// Where each text is written in the language's file.
    pub(super) locs: BTreeMap<TextKey, crate::diagnostics::Loc>,
}

impl Translation {
    /// A language with no words yet: every text shows untranslated.
    pub(crate) fn empty(language: &str) -> Translation {
        Translation {
            language: language.to_string(),
            texts: BTreeMap::new(),
            locs: BTreeMap::new(),
        }
    }

    /// Its texts, in key order, each with where it is written.
    pub(crate) fn texts(
        &self,
    ) -> impl Iterator<Item = (&TextKey, &Words, Option<crate::diagnostics::Loc>)> {
        self.texts
            .iter()
            .map(|(k, w)| (k, w, self.locs.get(k).copied()))
    }
}

/// A file of `translations/`, read: its language, and what it holds.
pub(crate) struct Source {
    pub language: String,
    pub content: raw::TranslationFile,
}
