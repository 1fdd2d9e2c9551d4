//! The catalogue in more languages (spec section 7): the words of `translations/<lang>.yaml`,
//! checked against the catalogue (every id known, only texts the catalogue has), the texts that
//! a language lacks (warnings, located at the source text), and the catalogue in a language's
//! words. The facts are never translated: a translated catalogue differs only in its texts.

mod apply;
mod model;
pub(crate) mod raw;
mod texts;
mod words;

pub(crate) use apply::{Untranslated, translate, translate_marked};
pub(crate) use model::{Field, Owner, Source, TextKey, Translation, Words};
pub(crate) use texts::texts;
pub(crate) use words::read;

use crate::catalogue::raw::CatalogueFile;
use crate::diagnostics::{Code, Diagnostic, Loc};

/// Every text of the catalogue that `translation` lacks, as warnings located at the text.
pub(crate) fn missing(
    catalogue: &[CatalogueFile],
    translation: &Translation,
    out: &mut Vec<Diagnostic>,
) {
    for (key, loc) in texts::sources(catalogue) {
        if !translation.texts.contains_key(&key) {
            out.push(missing_warning(&translation.language, &key.describe(), loc));
        }
    }
}

/// A text with no translation into `language`.
pub(crate) fn missing_warning(language: &str, what: &str, loc: Loc) -> Diagnostic {
    Diagnostic::warning(
        Code::MissingTranslation,
        loc,
        format!("{what} has no translation into `{language}`; the portal shows it untranslated"),
    )
    .in_group(language)
}
