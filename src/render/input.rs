//! What the render stage is given and how it fails: the valid site, and a template or I/O error.

use super::theme::TemplateError;
use crate::catalogue::Catalogue;
use crate::changes::history::History;
use crate::routing::Matrix;
use crate::site::{Config, Site};
use crate::translation::Translation;

/// A site that passed `check`, ready to render.
pub(crate) struct RenderInput<'a> {
    pub site: &'a Site,
    /// The settings, with the command line's overrides (`base_url` absolute, ending with `/`).
    pub config: &'a Config,
    pub catalogue: &'a Catalogue,
    pub matrix: &'a Matrix,
    /// The catalogue's words in each other language of the site.
    pub translations: &'a [Translation],
    pub include_drafts: bool,
    /// The published changes, when the site lists them (spec section 15).
    pub changes: Option<&'a History>,
    /// What the preview keeps from one render of this site to the next (`None`: `build`).
    pub kept: Option<&'a super::kept::Kept>,
    /// The Markdown bodies as the preview's renders made them (`None`: `build`).
    pub bodies: Option<&'a super::bodies::BodyMemo>,
    /// The pages as the preview's renders made them (`None`: `build`).
    pub rendered: Option<&'a super::reuse::RenderedPages>,
}

#[derive(Debug)]
pub(crate) enum RenderError {
    Template(TemplateError),
    Io(crate::error::Error),
}

impl From<crate::error::Error> for RenderError {
    fn from(e: crate::error::Error) -> Self {
        RenderError::Io(e)
    }
}
