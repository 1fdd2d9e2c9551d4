//! The partner's brand on the pages: the logo's address, and the accent colour as the CSS custom
//! properties the theme reads, with a shade of it for each colour scheme that keeps text in it at
//! WCAG AA on that scheme's backgrounds.

use super::views::Model;
use crate::colour::{AA_TEXT, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, Rgb, Toward, readable};
use crate::site::brand::Brand;
use serde::Serialize;

/// What the templates get as `site.brand`.
#[derive(Serialize)]
pub(super) struct BrandView {
    /// The logo's URL, when there is one.
    logo: Option<String>,
    /// The declarations of a `:root` rule (`--brand-light:#0a7d4f;…`), when a colour is given:
    /// `--brand` as written, `--brand-light` and `--brand-dark` the shades for text in the
    /// light and the dark scheme, `--brand-accent` and `--brand-accent-text` a button's
    /// colour and the text on it.
    style: Option<String>,
}

pub(super) fn view(brand: &Brand, model: &Model) -> BrandView {
    let style = brand.colour.as_ref().map(|c| {
        let light = readable(c.value, &LIGHT_BACKGROUNDS, AA_TEXT, Toward::Darker);
        let dark = readable(c.value, &DARK_BACKGROUNDS, AA_TEXT, Toward::Lighter);
        let (accent, on_accent) = accent(c.value, light);
        format!(
            "--brand:{};--brand-light:{};--brand-dark:{};--brand-accent:{};--brand-accent-text:{}",
            c.value.hex(),
            light.hex(),
            dark.hex(),
            accent.hex(),
            on_accent.hex()
        )
    });
    BrandView {
        logo: brand.logo.as_ref().map(|l| model.urls.root(&l.value)),
        style,
    }
}

/// White text, and the theme's dark text (`--text` of the light scheme).
const LIGHT_TEXT: Rgb = Rgb([0xff, 0xff, 0xff]);
const DARK_TEXT: Rgb = Rgb([0x1a, 0x1f, 0x24]);

/// A button's colour and its text: the partner's colour itself whenever white or dark text
/// reads on it at AA (white preferred, as the theme's own buttons have it), else the light
/// scheme's shade of it with white text.
fn accent(brand: Rgb, shade: Rgb) -> (Rgb, Rgb) {
    if brand.contrast(LIGHT_TEXT) >= AA_TEXT {
        (brand, LIGHT_TEXT)
    } else if brand.contrast(DARK_TEXT) >= AA_TEXT {
        (brand, DARK_TEXT)
    } else if shade.contrast(LIGHT_TEXT) >= AA_TEXT {
        (shade, LIGHT_TEXT)
    } else {
        (shade, DARK_TEXT)
    }
}
