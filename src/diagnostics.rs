//! Diagnostics: every problem found in a site, located at file:line:column, with a stable code,
//! a message a partner understands and, where it helps, a suggestion. Also the three ways of
//! printing them (human, JSON, GitHub workflow annotations).

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Index of a source file in [`Files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A position in a source file (1-based line and column, in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(file: FileId, line: u32, col: u32) -> Self {
        Loc { file, line, col }
    }
}

/// The files of one site, named as the user should see them (the site argument joined with the
/// path inside the site, so that editors and CI annotations can open them).
#[derive(Debug, Default, Clone)]
pub struct Files {
    names: Vec<String>,
    /// Name to index, so that adding thousands of pages stays linear.
    index: std::collections::HashMap<String, u32>,
}

impl Files {
    pub fn add(&mut self, display: &Path) -> FileId {
        let name = display.to_string_lossy().replace('\\', "/");
        let name = name.strip_prefix("./").unwrap_or(&name).to_string();
        if let Some(&i) = self.index.get(&name) {
            return FileId(i);
        }
        let id = self.names.len() as u32;
        self.index.insert(name.clone(), id);
        self.names.push(name);
        FileId(id)
    }

    pub fn name(&self, id: FileId) -> &str {
        self.names
            .get(id.0 as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }

    /// Renames the files whose names start with `from` to start with `to` instead (a site
    /// checked in a temporary copy, named as where it came from).
    pub fn rename_prefix(&mut self, from: &str, to: &str) {
        for name in &mut self.names {
            if let Some(rest) = name.strip_prefix(from) {
                *name = format!("{to}{rest}");
            }
        }
        self.index = (0..self.names.len() as u32)
            .map(|i| (self.names[i as usize].clone(), i))
            .collect();
    }

    /// Joins a site folder as the user named it with a path inside it.
    pub fn display_path(site_arg: &Path, rel: &Path) -> PathBuf {
        if site_arg.as_os_str().is_empty() || site_arg == Path::new(".") {
            rel.to_path_buf()
        } else {
            site_arg.join(rel)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// A stable identifier of a kind of problem; printed in every format and safe to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    YamlSyntax,
    WrongType,
    UnknownKey,
    MissingKey,
    DuplicateKey,
    InvalidValue,
    InvalidId,
    DuplicateId,
    UnknownReference,
    InvalidInterval,
    InvalidTimezone,
    InvalidDate,
    DuplicateHoliday,
    InvalidEmail,
    InvalidPhone,
    LookAlikeMethods,
    InvalidUrl,
    InvalidCurrency,
    InvalidAmount,
    InvalidDuration,
    InvalidPrice,
    SplitSection,
    RoutingGap,
    RoutingOverlap,
    RoutingTooLarge,
    InvalidPath,
    PartnerOnlyContact,
    ExpectationFailed,
    ExpectationIncomplete,
    ShadowedRule,
    MissingTranslation,
    ProviderBypassed,
    Unused,
    HoursMismatch,
    WeakBrandColour,
    TaxUnstated,
    FrontMatter,
    InvalidSlug,
    DuplicatePage,
    StaticCollision,
    BrokenLink,
    OutputDir,
    Template,
    CalendarDay,
    UnusedTargetRule,
    PromiseUnkeepable,
    /// A source file is a link to a file outside the site.
    OutsideSite,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            YamlSyntax => "yaml-syntax",
            WrongType => "wrong-type",
            UnknownKey => "unknown-key",
            MissingKey => "missing-key",
            DuplicateKey => "duplicate-key",
            InvalidValue => "invalid-value",
            InvalidId => "invalid-id",
            DuplicateId => "duplicate-id",
            UnknownReference => "unknown-reference",
            InvalidInterval => "invalid-interval",
            InvalidTimezone => "invalid-timezone",
            InvalidDate => "invalid-date",
            DuplicateHoliday => "duplicate-holiday",
            InvalidEmail => "invalid-email",
            InvalidPhone => "invalid-phone",
            LookAlikeMethods => "look-alike-methods",
            InvalidUrl => "invalid-url",
            InvalidCurrency => "invalid-currency",
            InvalidAmount => "invalid-amount",
            InvalidDuration => "invalid-duration",
            InvalidPrice => "invalid-price",
            SplitSection => "split-section",
            RoutingGap => "routing-gap",
            RoutingOverlap => "routing-overlap",
            RoutingTooLarge => "routing-too-large",
            InvalidPath => "invalid-path",
            PartnerOnlyContact => "partner-only-contact",
            ExpectationFailed => "expectation-failed",
            ExpectationIncomplete => "expectation-incomplete",
            ShadowedRule => "shadowed-rule",
            MissingTranslation => "missing-translation",
            ProviderBypassed => "provider-bypassed",
            Unused => "unused",
            HoursMismatch => "hours-mismatch",
            WeakBrandColour => "weak-brand-colour",
            TaxUnstated => "tax-unstated",
            FrontMatter => "front-matter",
            InvalidSlug => "invalid-slug",
            DuplicatePage => "duplicate-page",
            StaticCollision => "static-collision",
            BrokenLink => "broken-link",
            OutputDir => "output-dir",
            Template => "template",
            CalendarDay => "calendar-day",
            UnusedTargetRule => "unused-target-rule",
            PromiseUnkeepable => "promise-unkeepable",
            OutsideSite => "outside-site",
        }
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub level: Level,
    pub code: Code,
    pub loc: Option<Loc>,
    pub message: String,
    pub help: Option<String>,
    /// Other places that explain this one ("first defined here").
    pub notes: Vec<(Option<Loc>, String)>,
    /// Diagnostics of one code and group (a language's missing translations) are summarised
    /// per file in the human output, so that a language just begun does not bury the rest.
    pub group: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, loc: impl Into<Option<Loc>>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            code,
            loc: loc.into(),
            message: message.into(),
            help: None,
            notes: Vec::new(),
            group: None,
        }
    }

    pub fn warning(code: Code, loc: impl Into<Option<Loc>>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, loc, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.or(self.help);
        self
    }

    pub fn in_group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    pub fn with_note(mut self, loc: impl Into<Option<Loc>>, note: impl Into<String>) -> Self {
        self.notes.push((loc.into(), note.into()));
        self
    }
}

/// "did you mean `x`?" for the known word closest to `word`, if one is close enough.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    known
        .into_iter()
        .filter(|k| *k != word)
        .map(|k| {
            (
                strsim::damerau_levenshtein(&word.to_lowercase(), &k.to_lowercase()),
                k,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| format!("did you mean `{k}`?"))
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// All diagnostics of one run, in file and line order.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }

    pub fn errors(&self) -> usize {
        self.count(Level::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Level::Warning)
    }

    fn count(&self, level: Level) -> usize {
        self.diagnostics.iter().filter(|d| d.level == level).count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// Sorts by file name, line, column, then code, and drops exact repeats.
    pub fn sort(&mut self, files: &Files) {
        self.diagnostics.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                let (f, l, c) = d
                    .loc
                    .map(|l| (files.name(l.file).to_string(), l.line, l.col))
                    .unwrap_or_default();
                (f, l, c, d.code, d.message.clone())
            };
            key(a).cmp(&key(b))
        });
        self.diagnostics
            .dedup_by(|a, b| a.loc == b.loc && a.code == b.code && a.message == b.message);
    }

    pub fn render(&self, files: &Files, format: Format) -> String {
        match format {
            Format::Human => self.render_human(files),
            Format::Json => self.render_json(files),
            Format::Github => self.render_github(files),
        }
    }

    fn render_human(&self, files: &Files) -> String {
        let mut out = String::new();
        let mut groups: BTreeMap<(Code, &str, Option<FileId>), Vec<&Diagnostic>> = BTreeMap::new();
        for d in &self.diagnostics {
            if let Some(g) = &d.group {
                groups
                    .entry((d.code, g.as_str(), d.loc.map(|l| l.file)))
                    .or_default()
                    .push(d);
                continue;
            }
            let _ = writeln!(
                out,
                "{}{}[{}]: {}",
                location(files, d.loc, ": "),
                level_word(d.level),
                d.code.as_str(),
                d.message
            );
            if let Some(h) = &d.help {
                let _ = writeln!(out, "  = help: {h}");
            }
            for (loc, note) in &d.notes {
                let _ = writeln!(out, "  = note: {}{note}", location(files, *loc, ": "));
            }
        }
        for ((code, group, _), ds) in groups {
            summarise(&mut out, files, code, group, &ds);
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        format!("{} error{}, {} warning{}", e, plural(e), w, plural(w))
    }

    fn render_json(&self, files: &Files) -> String {
        #[derive(Serialize)]
        struct Note<'a> {
            file: Option<&'a str>,
            line: Option<u32>,
            column: Option<u32>,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct Item<'a> {
            level: Level,
            code: &'static str,
            file: Option<&'a str>,
            line: Option<u32>,
            column: Option<u32>,
            message: &'a str,
            help: Option<&'a str>,
            notes: Vec<Note<'a>>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            errors: usize,
            warnings: usize,
            diagnostics: Vec<Item<'a>>,
        }
        let parts = |loc: Option<Loc>| match loc {
            Some(l) => (Some(files.name(l.file)), Some(l.line), Some(l.col)),
            None => (None, None, None),
        };
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| {
                let (file, line, column) = parts(d.loc);
                Item {
                    level: d.level,
                    code: d.code.as_str(),
                    file,
                    line,
                    column,
                    message: &d.message,
                    help: d.help.as_deref(),
                    notes: d
                        .notes
                        .iter()
                        .map(|(loc, m)| {
                            let (file, line, column) = parts(*loc);
                            Note {
                                file,
                                line,
                                column,
                                message: m,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let doc = Doc {
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics,
        };
        serde_json::to_string_pretty(&doc).expect("diagnostics serialise") + "\n"
    }

    fn render_github(&self, files: &Files) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let mut props = Vec::new();
            if let Some(l) = d.loc {
                props.push(format!("file={}", gh_property(files.name(l.file))));
                props.push(format!("line={},col={}", l.line, l.col));
            }
            props.push(format!("title={}", d.code.as_str()));
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            for (loc, note) in &d.notes {
                let _ = write!(text, "\nnote: {}{note}", location(files, *loc, ": "));
            }
            let level = if d.level == Level::Error {
                "error"
            } else {
                "warning"
            };
            let _ = writeln!(out, "::{level} {}::{}", props.join(","), gh_data(&text));
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }
}

/// One line for a group of diagnostics in one file: how many, the first one's message, and the
/// first few places (`--format json` lists every one).
fn summarise(out: &mut String, files: &Files, code: Code, group: &str, ds: &[&Diagnostic]) {
    let first = ds[0];
    if ds.len() == 1 {
        let _ = writeln!(
            out,
            "{}{}[{}]: {}",
            location(files, first.loc, ": "),
            level_word(first.level),
            code.as_str(),
            first.message
        );
        return;
    }
    let file = first.loc.map_or("", |l| files.name(l.file));
    let places: Vec<String> = ds
        .iter()
        .take(5)
        .filter_map(|d| d.loc.map(|l| format!("{}:{}", l.line, l.col)))
        .collect();
    let more = if ds.len() > places.len() { ", …" } else { "" };
    let _ = writeln!(
        out,
        "{file}: {}[{}]: {} texts ({group}), at {}{more}",
        level_word(first.level),
        code.as_str(),
        ds.len(),
        places.join(", ")
    );
    let _ = writeln!(out, "  = note: the first: {}", first.message);
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

/// `file:line:col` followed by `sep`, or nothing when there is no location.
pub fn location(files: &Files, loc: Option<Loc>, sep: &str) -> String {
    match loc {
        Some(l) => format!("{}:{}:{}{sep}", files.name(l.file), l.line, l.col),
        None => String::new(),
    }
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}
