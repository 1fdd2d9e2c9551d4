//! The report as Markdown for a CI job summary or a pull-request comment: a summary line, then
//! one section per kind of change; routing as a list (its case groups are long), the others as
//! tables of before and after.

use super::change::{Action, Change, Effect, Kind, Report};
use super::words::Words;
use std::fmt::Write as _;

/// Text as Markdown that shows it literally.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

fn place(c: &Change) -> String {
    c.place
        .as_ref()
        .map_or_else(String::new, |p| code(&format!("{}:{}", p.file, p.line)))
}

fn effect(w: &Words, e: Effect) -> String {
    match e.word(w) {
        Some(word) if e == Effect::Worse => format!("🔴 {}", md(&word)),
        Some(word) => format!("🟢 {}", md(&word)),
        None => String::new(),
    }
}

pub(crate) fn render(r: &Report, w: &Words) -> String {
    let mut out = String::new();
    let summary = w.summary(
        &code(&r.old),
        &code(&r.new),
        r.changes.len(),
        r.count(Effect::Worse),
    );
    let _ = writeln!(out, "**{summary}**");
    for kind in Kind::ALL {
        let changes: Vec<&Change> = r.section(kind).collect();
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", md(&kind.title(w)));
        if kind == Kind::Routing {
            for c in changes {
                let e = effect(w, c.effect);
                let lead = if e.is_empty() { e } else { format!("{e}: ") };
                let mut at = Vec::new();
                if let Some(cases) = &c.cases {
                    at.push(md(&w.cases(cases.count)));
                }
                at.push(place(c));
                let said = w.becomes(
                    &format!("**{}**", md(&c.subject)),
                    &md(c.before.as_deref().unwrap_or_default()),
                    &md(c.after.as_deref().unwrap_or_default()),
                );
                let _ = writeln!(out, "- {lead}{said} ({})", at.join(", "));
                for d in &c.details {
                    let _ = writeln!(out, "  <br>{}", md(d));
                }
            }
            continue;
        }
        let head = [
            "diff_col_what",
            "diff_col_before",
            "diff_col_after",
            "diff_col_effect",
            "diff_col_where",
        ];
        let head: Vec<String> = head.iter().map(|k| md(&w.word(k))).collect();
        let _ = writeln!(out, "| {} |", head.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
        for c in changes {
            let cell = |t: &Option<String>| t.as_deref().map_or("—".to_string(), md);
            let (before, mut after) = match c.action {
                Action::Changed => (cell(&c.before), cell(&c.after)),
                Action::Added => {
                    let word = format!("**{}**", md(&w.word("diff_added_cell")));
                    let what = c.after.as_deref().map(md);
                    (
                        "—".into(),
                        what.map_or(word.clone(), |t| format!("{word}: {t}")),
                    )
                }
                Action::Removed => (
                    cell(&c.before),
                    format!("**{}**", md(&w.word("diff_removed_cell"))),
                ),
            };
            for d in &c.details {
                after.push_str("<br>");
                after.push_str(&md(d));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md(&c.subject),
                before,
                after,
                effect(w, c.effect),
                place(c)
            );
        }
    }
    out
}
