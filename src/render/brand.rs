//! The partner's brand on the pages: the logo's address, and the accent colour as the CSS custom
//! properties the theme reads, with a shade of it for each colour scheme that keeps text in it at
//! WCAG AA on that scheme's backgrounds.

use super::views::Model;
use crate::colour::{AA_TEXT, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, Toward, readable};
use crate::site::brand::Brand;
use serde::Serialize;

/// What the templates get as `site.brand`.
#[derive(Serialize)]
pub(super) struct BrandView {
    /// The logo's URL, when there is one.
    logo: Option<String>,
    /// The declarations of a `:root` rule (`--brand-light:#0a7d4f;…`), when a colour is given:
    /// `--brand` as written, `--brand-light` and `--brand-dark` the shades for text in the
    /// light and the dark scheme.
    style: Option<String>,
}

pub(super) fn view(brand: &Brand, model: &Model) -> BrandView {
    let style = brand.colour.as_ref().map(|c| {
        let light = readable(c.value, &LIGHT_BACKGROUNDS, AA_TEXT, Toward::Darker);
        let dark = readable(c.value, &DARK_BACKGROUNDS, AA_TEXT, Toward::Lighter);
        format!(
            "--brand:{};--brand-light:{};--brand-dark:{}",
            c.value.hex(),
            light.hex(),
            dark.hex()
        )
    });
    BrandView {
        logo: brand.logo.as_ref().map(|l| model.urls.root(&l.value)),
        style,
    }
}
