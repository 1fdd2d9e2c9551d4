//! `brand` in `supportbook.yaml` (spec section 11): the partner's logo, a file of `static/`, and
//! accent colour, `#rrggbb`, checked against the files of `static/` and for contrast (WCAG AA)
//! with the default theme's light page.

use crate::colour::{AA_TEXT, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, Rgb, Toward, readable};
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;

/// The partner's brand on the portal.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBrand {
    /// A file under `static/` (`logo.svg`), shown in every page's header with the site's title
    /// as its text alternative.
    pub logo: Option<Spanned<String>>,
    /// The accent colour of links, buttons and highlights, `#rrggbb`. The theme uses a darker or
    /// lighter shade of it where text in it would read below WCAG AA (4.5:1).
    pub colour: Option<Spanned<String>>,
}

/// The brand as written, with where each part is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Brand {
    /// The logo's path under `static/`, as written.
    pub logo: Option<Spanned<String>>,
    /// `None` when not given or not `#rrggbb` (an error then).
    pub colour: Option<Spanned<Rgb>>,
}

impl Brand {
    /// The brand with a colour that parses; an error for one that does not.
    pub(crate) fn read(raw: Option<RawBrand>, out: &mut Vec<Diagnostic>) -> Brand {
        let Some(raw) = raw else {
            return Brand::default();
        };
        let colour = raw.colour.and_then(|c| match Rgb::parse(c.value.trim()) {
            Some(rgb) => Some(Spanned::new(c.loc, rgb)),
            None => {
                out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        c.loc,
                        format!("`{}` is not a colour written `#rrggbb`", c.value),
                    )
                    .with_help(colour_help(&c.value)),
                );
                None
            }
        });
        Brand {
            logo: raw.logo,
            colour,
        }
    }

    /// The logo must be a file of `static/`; the colour should read on the light page.
    pub(crate) fn check(&self, static_files: &[String]) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(logo) = &self.logo
            && !static_files.contains(&logo.value)
        {
            out.push(missing_logo(logo, static_files));
        }
        if let Some(colour) = &self.colour {
            out.extend(weak_colour(colour.value, colour.loc));
        }
        out
    }
}

fn colour_help(written: &str) -> String {
    let digits: String = written.chars().filter(char::is_ascii_hexdigit).collect();
    match digits.len() {
        3 if written.trim().trim_start_matches('#').len() == 3 => {
            let long: String = digits.chars().flat_map(|c| [c, c]).collect();
            format!("write all six digits, `\"#{long}\"`")
        }
        6 if !written.trim().starts_with('#') => {
            format!("start it with `#` and quote it: `\"#{digits}\"`")
        }
        _ => "six hexadecimal digits after `#`, quoted, e.g. `\"#0a7d4f\"`".into(),
    }
}

fn missing_logo(logo: &Spanned<String>, static_files: &[String]) -> Diagnostic {
    let written = logo.value.as_str();
    let trimmed = written
        .trim_start_matches("./")
        .trim_start_matches('/')
        .trim_start_matches("static/");
    let help = if trimmed != written && static_files.iter().any(|f| f == trimmed) {
        Some(format!("name it from inside `static/`: `logo: {trimmed}`"))
    } else {
        did_you_mean(written, static_files.iter().map(String::as_str))
    };
    let help = help.unwrap_or_else(|| {
        if static_files.is_empty() {
            "put the logo in the site's `static/` folder and name it from there, e.g. `logo: logo.svg`".into()
        } else {
            format!(
                "name a file of `static/` ({})",
                shown(static_files)
            )
        }
    });
    Diagnostic::error(
        Code::UnknownReference,
        logo.loc,
        format!("the logo `{written}` is not a file of `static/`"),
    )
    .with_help(help)
}

/// A few of the files, for a message.
fn shown(files: &[String]) -> String {
    let mut v: Vec<String> = files.iter().take(5).map(|f| format!("`{f}`")).collect();
    if files.len() > 5 {
        v.push(format!("and {} more", files.len() - 5));
    }
    v.join(", ")
}

/// A warning when text in `colour` reads below AA on the theme's light page: it names the
/// ratio and the shade the theme shows text in instead.
fn weak_colour(colour: Rgb, loc: Loc) -> Option<Diagnostic> {
    let page = LIGHT_BACKGROUNDS[0];
    let ratio = colour.contrast(page);
    if ratio >= AA_TEXT {
        return None;
    }
    let light = readable(colour, &LIGHT_BACKGROUNDS, AA_TEXT, Toward::Darker);
    let dark = readable(colour, &DARK_BACKGROUNDS, AA_TEXT, Toward::Lighter);
    Some(
        Diagnostic::warning(
            Code::WeakBrandColour,
            loc,
            format!(
                "text in `{}` is hard to read on the light page: contrast {:.2}:1, WCAG AA asks for {AA_TEXT}:1",
                colour.hex(),
                ratio
            ),
        )
        .with_help(format!(
            "use a darker shade such as `\"{}\"` ({:.2}:1); until then, links show `{}` in the light scheme and `{}` in the dark one",
            light.hex(),
            light.contrast(page),
            light.hex(),
            dark.hex()
        )),
    )
}
