//! The report for a terminal: a summary line, then one section per kind of change, each
//! change on its own line with whether it is better or worse, and where it is defined on the
//! next. Coloured when asked to be (the caller decides: a terminal, and no `NO_COLOR`).

use super::change::{Change, Effect, Kind, Report};
use super::words::Words;
use std::fmt::Write as _;

/// ANSI styles, or nothing.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
    fn effect(&self, e: Effect, t: &str) -> String {
        match e {
            Effect::Worse => self.wrap("31", t),
            Effect::Better => self.wrap("32", t),
            Effect::Neutral => t.to_string(),
        }
    }
}

pub(crate) fn render(r: &Report, w: &Words, colour: bool) -> String {
    let paint = Paint(colour);
    let mut out = String::new();
    let summary = w.summary(&r.old, &r.new, r.changes.len(), r.count(Effect::Worse));
    let _ = writeln!(out, "{}", paint.bold(&summary));
    let width = [Effect::Worse, Effect::Better]
        .iter()
        .filter_map(|e| e.word(w))
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0);
    for kind in Kind::ALL {
        let changes: Vec<&Change> = r.section(kind).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", paint.bold(&kind.title(w)));
        for c in changes {
            let word = c.effect.word(w).unwrap_or_default();
            let pad = " ".repeat(width - word.chars().count());
            let _ = writeln!(
                out,
                "  {}{pad}  {}",
                paint.effect(c.effect, &word),
                c.summary
            );
            let indent = " ".repeat(width + 4);
            for d in &c.details {
                let _ = writeln!(out, "{indent}{d}");
            }
            let mut at: Vec<String> = Vec::new();
            if let Some(cases) = &c.cases {
                at.push(w.cases(cases.count));
            }
            if let Some(p) = &c.place {
                at.push(format!("{}:{}", p.file, p.line));
            }
            if !at.is_empty() {
                let _ = writeln!(out, "{indent}{}", paint.dim(&at.join(" · ")));
            }
        }
    }
    out
}
