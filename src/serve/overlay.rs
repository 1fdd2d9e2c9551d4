//! What the browser shows while the site is broken: the diagnostics of a failed rebuild
//! (file:line:column, message, help, notes), every text HTML-escaped, as an overlay.

use crate::diagnostics::Files;
use crate::diagnostics::{Level, Report, location};

/// A failed rebuild: the diagnostics as they should show in the overlay.
pub(super) struct Failure {
    pub html: String,
    pub summary: String,
}

const OVERLAY_STYLE: &str = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
background:#1b1b1f;color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;border-top:4px solid #e5484d";

impl Failure {
    pub(super) fn report(report: &Report, files: &Files) -> Failure {
        let mut items = String::new();
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
        {
            let loc = escape(&location(files, d.loc, ""));
            let help = d
                .help
                .as_ref()
                .map(|h| format!("<br><em>help: {}</em>", escape(h)))
                .unwrap_or_default();
            let notes: String = d
                .notes
                .iter()
                .map(|(l, n)| {
                    format!(
                        "<br>note: {}{}",
                        escape(&location(files, *l, ": ")),
                        escape(n)
                    )
                })
                .collect();
            items.push_str(&format!(
                "<li><strong>{loc}</strong> [{}] {}{help}{notes}</li>",
                d.code.as_str(),
                escape(&d.message)
            ));
        }
        let summary = report.summary();
        let html = format!(
            "<section role=\"alert\" style=\"{OVERLAY_STYLE}\"><h2 style=\"margin:0 0 .5rem;font-size:1rem\">supportbook: the site has errors ({}); showing the last good version</h2><ul style=\"margin:0;padding-left:1.2rem\">{items}</ul></section>",
            escape(&summary)
        );
        Failure { html, summary }
    }

    pub(super) fn message(m: &str) -> Failure {
        let html = format!(
            "<section role=\"alert\" style=\"{OVERLAY_STYLE}\"><h2 style=\"margin:0;font-size:1rem\">supportbook: {}</h2></section>",
            escape(m)
        );
        Failure {
            html,
            summary: m.to_string(),
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String");
    out
}
