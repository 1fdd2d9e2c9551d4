//! Fragments that many pages share, rendered once: a product page's matrix is a list of issue
//! types, and products routed alike show the same rows for an issue type. Each distinct issue
//! fragment is rendered once through `partials/matrix-issue.html` and reused.

use super::input::RenderError;
use super::matrix::{self, IssueKey};
use super::outcomes::Outcomes;
use super::theme::Theme;
use super::views::Model;
use crate::routing::{Dim, Matrix};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The partial that renders one issue type's rows (a `<tbody>`), with `issue` in its context.
pub(super) const ISSUE_PARTIAL: &str = "partials/matrix-issue.html";

/// Rendered issue fragments by what they depend on.
#[derive(Default)]
pub(super) struct Fragments {
    issues: Mutex<HashMap<IssueKey, Arc<str>>>,
}

/// One issue type of a product page's matrix.
#[derive(Serialize)]
pub(super) struct IssueHtml {
    pub id: String,
    pub name: String,
    /// Shared by every product whose rows are the same.
    pub html: Arc<str>,
}

/// What the fragments are rendered from.
pub(super) struct FragmentSources<'s, 'a> {
    pub theme: &'s Theme,
    pub model: &'s Model<'a>,
    pub outcomes: &'s Outcomes<'a>,
    pub matrix: &'s Matrix,
}

impl Fragments {
    /// The matrix of product number `p` (its index in the routing space), one fragment per issue
    /// type.
    pub(super) fn product_matrix(
        &self,
        src: &FragmentSources,
        p: usize,
    ) -> Result<Vec<IssueHtml>, RenderError> {
        let m = src.matrix;
        (0..m.space.len(Dim::Issue))
            .map(|i| {
                Ok(IssueHtml {
                    id: m.space.value(Dim::Issue, i).to_string(),
                    name: matrix::issue_name(src.model, m, i),
                    html: self.issue_html(src, p, i)?,
                })
            })
            .collect()
    }

    /// Issue type `i` of product `p`, rendered unless an equal fragment was. Rendering the same
    /// key twice gives the same text, so which thread stores it is moot.
    fn issue_html(
        &self,
        src: &FragmentSources,
        p: usize,
        i: usize,
    ) -> Result<Arc<str>, RenderError> {
        let (model, m) = (src.model, src.matrix);
        let key = matrix::issue_key(model, src.outcomes, m, p, i);
        if let Some(html) = self.issues.lock().expect("fragments").get(&key) {
            return Ok(html.clone());
        }
        let mut ctx = tera::Context::new();
        ctx.insert("issue", &matrix::issue_rows(model, src.outcomes, m, p, i));
        let html: Arc<str> = src
            .theme
            .tera
            .render(ISSUE_PARTIAL, &ctx)
            .map_err(|e| RenderError::Template(src.theme.error(&e)))?
            .into();
        self.issues
            .lock()
            .expect("fragments")
            .insert(key, html.clone());
        Ok(html)
    }
}
