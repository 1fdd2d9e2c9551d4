//! Colours of the partner's brand: `#rrggbb`, WCAG 2 contrast, the default theme's page
//! backgrounds, and the shade of a colour that keeps a contrast, found by changing only its
//! lightness in Oklab (hue kept, chroma reduced only where sRGB cannot show it).

/// A colour in sRGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub [u8; 3]);

/// WCAG 2's AA minimum for normal text.
pub(crate) const AA_TEXT: f64 = 4.5;

/// The backgrounds the default theme shows text on in its light scheme (`style.css`: `--bg`,
/// `--surface`, `--badge-bg`, `--warn-bg` behind search matches); the page background first.
pub(crate) const LIGHT_BACKGROUNDS: [Rgb; 4] = [
    Rgb([0xff, 0xff, 0xff]),
    Rgb([0xf5, 0xf7, 0xfa]),
    Rgb([0xe7, 0xee, 0xf7]),
    Rgb([0xff, 0xf3, 0xcd]),
];

/// The same in its dark scheme.
pub(crate) const DARK_BACKGROUNDS: [Rgb; 4] = [
    Rgb([0x0f, 0x14, 0x19]),
    Rgb([0x18, 0x20, 0x2a]),
    Rgb([0x22, 0x31, 0x46]),
    Rgb([0x3d, 0x30, 0x00]),
];

impl Rgb {
    /// `#rrggbb` (either case); nothing else.
    pub(crate) fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// `#rrggbb`, lower case.
    pub(crate) fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// WCAG 2 relative luminance.
    fn luminance(self) -> f64 {
        let [r, g, b] = self.0.map(|c| linear(f64::from(c) / 255.0));
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG 2 contrast ratio with `other` (1 to 21).
    pub(crate) fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The lowest contrast with any of `backgrounds`.
    pub(crate) fn least_contrast(self, backgrounds: &[Rgb]) -> f64 {
        backgrounds
            .iter()
            .map(|b| self.contrast(*b))
            .fold(f64::INFINITY, f64::min)
    }
}

fn linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn gamma(c: f64) -> f64 {
    if c <= 0.003_130_8 {
        12.92 * c
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

/// Which way a shade moves: darker for light pages, lighter for dark ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Toward {
    Darker,
    Lighter,
}

/// A colour in OKLCH: lightness 0..1, chroma, hue in radians.
#[derive(Clone, Copy)]
struct Lch {
    l: f64,
    c: f64,
    h: f64,
}

impl Lch {
    fn of(rgb: Rgb) -> Lch {
        let [r, g, b] = rgb.0.map(|c| linear(f64::from(c) / 255.0));
        let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
        let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
        let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
        let lightness = 0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s;
        let a = 1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s;
        let b = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s;
        Lch {
            l: lightness,
            c: a.hypot(b),
            h: b.atan2(a),
        }
    }

    /// Linear sRGB, possibly out of gamut.
    fn linear_rgb(self) -> [f64; 3] {
        let (a, b) = (self.c * self.h.cos(), self.c * self.h.sin());
        let l = (self.l + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
        let m = (self.l - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
        let s = (self.l - 0.089_484_177_5 * a - 1.291_485_548 * b).powi(3);
        [
            4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s,
            -1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s,
            -0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701 * s,
        ]
    }

    /// The colour at this lightness and hue, with as much of the chroma as sRGB can show.
    fn to_rgb(self) -> Rgb {
        let inside = |c: Lch| {
            c.linear_rgb()
                .iter()
                .all(|v| (-1e-9..=1.0 + 1e-9).contains(v))
        };
        let mut lch = self;
        if !inside(lch) {
            let (mut lo, mut hi) = (0.0, self.c);
            for _ in 0..32 {
                let mid = (lo + hi) / 2.0;
                if inside(Lch { c: mid, ..self }) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lch.c = lo;
        }
        Rgb(lch
            .linear_rgb()
            .map(|v| (gamma(v.clamp(0.0, 1.0)) * 255.0).round() as u8))
    }
}

/// `colour` itself when it has at least `ratio` against every one of `backgrounds`; otherwise
/// the shade of it, `toward` darker or lighter, closest to it in lightness that has.
pub(crate) fn readable(colour: Rgb, backgrounds: &[Rgb], ratio: f64, toward: Toward) -> Rgb {
    let enough = |c: Rgb| c.least_contrast(backgrounds) >= ratio;
    if enough(colour) {
        return colour;
    }
    let start = Lch::of(colour);
    let end = match toward {
        Toward::Darker => 0.0,
        Toward::Lighter => 1.0,
    };
    let at = |l: f64| Lch { l, ..start }.to_rgb();
    // `near` does not read, `far` does: halve the distance between them.
    let (mut near, mut far) = (start.l, end);
    for _ in 0..40 {
        let mid = (near + far) / 2.0;
        if enough(at(mid)) {
            far = mid;
        } else {
            near = mid;
        }
    }
    let found = at(far);
    if enough(found) { found } else { at(end) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_wcags() {
        let white = Rgb([255, 255, 255]);
        assert!((Rgb([0, 0, 0]).contrast(white) - 21.0).abs() < 1e-9);
        // WebAIM's checker: #767676 on white is 4.54:1.
        assert!((Rgb::parse("#767676").unwrap().contrast(white) - 4.54).abs() < 0.01);
    }

    #[test]
    fn parse_takes_only_six_hex_digits() {
        assert_eq!(Rgb::parse("#0A7d4f"), Some(Rgb([10, 125, 79])));
        for bad in ["0a7d4f", "#0a7d4", "#0a7d4fa", "#0g7d4f", "red", "#abc"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn shades_keep_the_ratio_and_stay_close() {
        for hex in [
            "#ffff00", "#0a7d4f", "#e3008c", "#7cb7ff", "#000080", "#808080",
        ] {
            let c = Rgb::parse(hex).unwrap();
            let light = readable(c, &LIGHT_BACKGROUNDS, AA_TEXT, Toward::Darker);
            let dark = readable(c, &DARK_BACKGROUNDS, AA_TEXT, Toward::Lighter);
            assert!(
                light.least_contrast(&LIGHT_BACKGROUNDS) >= AA_TEXT,
                "{hex} → {}",
                light.hex()
            );
            assert!(
                dark.least_contrast(&DARK_BACKGROUNDS) >= AA_TEXT,
                "{hex} → {}",
                dark.hex()
            );
            // Not simply black or white: the hue is still there.
            assert!(!matches!(light.hex().as_str(), "#000000"), "{hex}");
            assert!(!matches!(dark.hex().as_str(), "#ffffff"), "{hex}");
        }
        let strong = Rgb::parse("#0a5c3a").unwrap();
        assert_eq!(
            readable(strong, &LIGHT_BACKGROUNDS, AA_TEXT, Toward::Darker),
            strong
        );
    }

    #[test]
    fn backgrounds_are_the_themes() {
        let css = include_str!("../themes/default/assets/style.css");
        for c in LIGHT_BACKGROUNDS.iter().chain(&DARK_BACKGROUNDS) {
            assert!(css.contains(&c.hex()), "style.css has no {}", c.hex());
        }
    }
}
