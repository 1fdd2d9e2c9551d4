//! `supportbook diff`, through the binary: two versions of content-example/ with known edits
//! (every kind of change, and only changes customers cannot see), `--against` a git revision in
//! a temporary repository, `--fail-on worse`, invalid versions, bad usage, languages, and the
//! generated `large` site against a copy with one rule changed.

mod common;
use common::{assert_no_panic, bin, copy_dir, repo};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// Two versions of a site, `old/` and `new/`, in one temporary folder that commands run in.
struct Pair {
    tmp: TempDir,
}

impl Pair {
    /// Both versions copies of content-example/.
    fn example() -> Pair {
        Pair::of(&repo().join("content-example"))
    }

    fn of(site: &Path) -> Pair {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(site, &tmp.path().join("old"));
        copy_dir(site, &tmp.path().join("new"));
        Pair { tmp }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Replaces the one occurrence of `from` in `rel` (a path under the pair's folder).
    fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "`{from}` in {rel}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// The 1-based line of the one occurrence of `needle` in `rel`.
    fn line(&self, rel: &str, needle: &str) -> u64 {
        let text = self.read(rel);
        assert_eq!(text.matches(needle).count(), 1, "`{needle}` in {rel}");
        text[..text.find(needle).unwrap()].matches('\n').count() as u64 + 1
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = bin()
            .current_dir(self.tmp.path())
            // Holiday sets list the build year and the next: 2026 and 2027 (1 July 2026).
            .env("SOURCE_DATE_EPOCH", "1782864000")
            .args(args)
            .output()
            .unwrap();
        Run::from(out)
    }

    /// `diff old new --format json` plus `extra`; must succeed.
    fn json(&self, extra: &[&str]) -> Value {
        let r = self.run(&[&["diff", "old", "new", "--format", "json"], extra].concat());
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(out: std::process::Output) -> Run {
        assert_no_panic(&out);
        Run {
            code: out.status.code().unwrap(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn changes(doc: &Value) -> &Vec<Value> {
    doc["changes"].as_array().expect("a `changes` list")
}

/// The one change of `kind` whose summary contains every part.
fn find<'a>(doc: &'a Value, kind: &str, parts: &[&str]) -> &'a Value {
    let hits: Vec<&Value> = changes(doc)
        .iter()
        .filter(|c| c["kind"] == kind)
        .filter(|c| {
            parts
                .iter()
                .all(|p| c["summary"].as_str().unwrap().contains(p))
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "changes of kind {kind} with {parts:?} in\n{}",
        serde_json::to_string_pretty(doc).unwrap()
    );
    hits[0]
}

fn assert_at(c: &Value, file: &str, line: u64, effect: &str) {
    assert_eq!(c["file"], file, "{c:#}");
    assert_eq!(c["line"], line, "{c:#}");
    assert_eq!(c["effect"], effect, "{c:#}");
}

const ROUTING: &str = "catalogue/routing.yaml";
const PLANS: &str = "catalogue/plans.yaml";
const CALENDARS: &str = "catalogue/calendars.yaml";
const CONTACTS: &str = "catalogue/contacts.yaml";
const TIERS: &str = "catalogue/tiers.yaml";
/// content-example is in Italian; its English words, which the reports below are read in
/// (`--lang en`), are in this file.
const ENGLISH: &str = "translations/en.yaml";

/// Edits to the new version that customers cannot see: comments, quoting, flow and block
/// style, key order, `4.50` for `"4.50"`, rules reordered without changing an outcome, and
/// an id renamed everywhere with the same words.
fn invisible_edits(p: &Pair) {
    p.replace(
        &format!("new/{PLANS}"),
        "price: { amount: \"4.50\", currency: EUR, per: user-month }",
        "price: { per: user-month, currency: 'EUR', amount: 4.50 }   # the same price",
    );
    p.replace(
        &format!("new/{PLANS}"),
        "      A: { within: 4h, clock: calendar }\n",
        "      A:\n        clock: calendar\n        within: \"4h\"\n",
    );
    p.replace(
        &format!("new/{CALENDARS}"),
        "# When our teams are staffed.",
        "# Our calendars, reworded.\n# When our teams are staffed.",
    );
    p.replace(
        &format!("new/{CALENDARS}"),
        "    weekly:\n      mon-fri: [08:30-13:00, 14:00-18:00]\n      sat: 09:00-12:00\n",
        "    weekly:\n      sat: \"09:00-12:00\"\n      mon-fri:\n        - 08:30-13:00\n        - 14:00-18:00\n",
    );
    // `how-to` and `technical` match different issue types: swapping them moves no case.
    let routing = p.read(&format!("new/{ROUTING}"));
    let how_to = "    # Questions answered by the documentation stay with the service desk.\n    - id: how-to\n      when: { issue: how-to }\n      path: [t1, t2]\n";
    let technical = "    - id: technical\n";
    let routing =
        routing
            .replacen(how_to, "", 1)
            .replacen(technical, &format!("{how_to}{technical}"), 1);
    p.write(&format!("new/{ROUTING}"), &routing);
    // The product id `power-platform` becomes `powerplat`, with the same name.
    for f in [
        ROUTING,
        "catalogue/products.yaml",
        "catalogue/expectations.yaml",
        ENGLISH,
    ] {
        let rel = format!("new/{f}");
        let text = p.read(&rel).replace("power-platform", "powerplat");
        p.write(&rel, &text);
    }
}

#[test]
fn what_customers_cannot_see_reports_nothing_in_every_format() {
    let p = Pair::example();
    invisible_edits(&p);
    assert_ne!(
        p.read(&format!("old/{ROUTING}")),
        p.read(&format!("new/{ROUTING}"))
    );
    let doc = p.json(&[]);
    assert_eq!(changes(&doc).len(), 0, "{doc:#}");
    assert_eq!(
        (doc["worse"].as_u64(), doc["better"].as_u64()),
        (Some(0), Some(0))
    );
    let human = p.run(&["diff", "old", "new"]);
    assert_eq!(human.code, 0);
    assert_eq!(
        human.stdout,
        "Nessuna modifica per i clienti tra old e new.\n"
    );
    let english = p.run(&["diff", "old", "new", "--lang", "en"]);
    assert_eq!(
        english.stdout,
        "No changes for customers between old and new.\n"
    );
    let md = p.run(&["diff", "old", "new", "--format", "markdown"]);
    assert_eq!(md.code, 0);
    assert_eq!(
        md.stdout,
        "**Nessuna modifica per i clienti tra `old` e `new`.**\n"
    );
    // And a version against itself.
    let same = p.run(&["diff", "old", "old", "--fail-on", "worse"]);
    assert_eq!(
        (same.code, same.stdout.lines().count()),
        (0, 1),
        "{}",
        same.stdout
    );
}

/// Edits of every kind to the new version.
fn visible_edits(p: &Pair) {
    let routing = format!("new/{ROUTING}");
    // Lost: a new rule takes Dynamics 365 transfers out of support.
    p.replace(
        &routing,
        "  rules:\n",
        "  rules:\n    - id: no-d365-transfers\n      when: { product: d365, issue: transfer }\n      covered: false\n",
    );
    // Gained: business-app customisations on Standard are covered by `custom-code`.
    p.replace(
        &routing,
        "    - id: business-apps-custom-code-standard\n      when: { product: [d365, power-platform], issue: customisation, plan: standard }\n      covered: false\n      note: |\n        Plug-in ed estensioni di Dynamics 365, app e flussi di Power Platform\n        sono supportati solo con [Premium](/plans/premium/) ed Enterprise.\n",
        "",
    );
    p.replace(
        &format!("new/{ENGLISH}"),
        "    business-apps-custom-code-standard:\n      note: |\n        Dynamics 365 plug-ins and extensions, Power Apps and flows are\n        supported under [Premium](/plans/premium/) and Enterprise only.\n",
        "",
    );
    p.replace(
        "new/catalogue/expectations.yaml",
        "  - case: { product: d365, issue: customisation, plan: standard }\n    covered: false\n",
        "",
    );
    // A changed path.
    p.replace(
        &routing,
        "      when: { issue: how-to }\n      path: [t1, t2]",
        "      when: { issue: how-to }\n      path: [t1]",
    );
    // A changed first contact: the Priority Desk is now reached through the service desk.
    p.replace(
        &format!("new/{TIERS}"),
        "    contact: premium-line\n",
        "    contact: service-desk\n",
    );
    let plans = format!("new/{PLANS}");
    // Response targets: one slower, one faster.
    p.replace(
        &plans,
        "      A: { within: 1h, clock: always }",
        "      A: { within: 2h, clock: always }",
    );
    p.replace(
        &plans,
        "      C: 8h\n    updates:\n",
        "      C: 4h\n    updates:\n",
    );
    // Prices: one up (with its worked example), one down.
    p.replace(&plans, "percent_of_spend: 10", "percent_of_spend: 12");
    p.replace(&plans, "amount: \"4.50\"", "amount: \"3.90\"");
    // Plan hours: Standard loses its extended hours.
    p.replace(
        &plans,
        "per: user-month }\n    hours: extended\n",
        "per: user-month }\n    hours: milan-office\n",
    );
    // A plan loses a contact (not the Priority Line: without it, no contact would keep
    // Premium's around-the-clock targets, and the new version would not be valid).
    p.replace(
        &plans,
        "    contacts: [service-desk, billing-desk, premium-line]\n    response:\n      A: { within: 2h, clock: always }",
        "    contacts: [service-desk, premium-line]\n    response:\n      A: { within: 2h, clock: always }",
    );
    // A plan added.
    p.replace(
        &plans,
        "plans:\n",
        "plans:\n  - id: starter\n    name: Starter\n    price: { amount: 1, currency: EUR, per: user-month }\n    hours: milan-office\n    contacts: [service-desk]\n",
    );
    let contacts = format!("new/{CONTACTS}");
    // Methods: the desk's phone removed, Teams added; the billing desk open longer.
    p.replace(
        &contacts,
        "      - { type: phone, value: \"+39 02 5555 0100\" }\n",
        "      - { type: teams, value: \"https://teams.contoso-cloud.example/desk\" }\n",
    );
    p.replace(
        &contacts,
        "  - id: billing-desk\n    name: Ufficio Fatturazione e Abbonamenti\n    audience: customers\n    hours: milan-office\n",
        "  - id: billing-desk\n    name: Ufficio Fatturazione e Abbonamenti\n    audience: customers\n    hours: extended\n",
    );
    let calendars = format!("new/{CALENDARS}");
    // Calendars: Saturdays closed, a holiday removed, one added, reduced hours shorter.
    p.replace(
        &calendars,
        "      mon-fri: [08:30-13:00, 14:00-18:00]\n      sat: 09:00-12:00\n",
        "      mon-fri: [08:30-13:00, 14:00-18:00]\n",
    );
    // An own date removed and one added; a holiday set's reduced hours shorter.
    p.replace(
        &calendars,
        "      - { date: 2027-08-16, name: \"Chiusura aziendale (ponte di Ferragosto)\" }\n",
        "      - { date: 2026-08-14, name: Chiusura estiva }\n",
    );
    p.replace(
        &format!("new/{ENGLISH}"),
        "      2027-08-16: Company closure (Ferragosto bridge)\n",
        "      2026-08-14: Summer closure\n",
    );
    p.replace(
        &calendars,
        "      - { date: 12-24, name: Vigilia di Natale, hours: 08:30-12:30 }",
        "      - { date: 12-24, name: Vigilia di Natale, hours: 08:30-11:00 }",
    );
    // Products: Power Platform removed, Fabric added; an issue type renamed.
    p.replace(
        "new/catalogue/products.yaml",
        "  - id: power-platform\n    name: Power Platform\n    vendor: microsoft\n    description: |\n      Power Apps, Power Automate, Power BI e Copilot Studio.\n",
        "  - id: fabric\n    name: Microsoft Fabric\n    vendor: microsoft\n",
    );
    p.replace(
        &format!("new/{ENGLISH}"),
        "  power-platform:\n    name: Power Platform\n    description: |\n      Power Apps, Power Automate, Power BI and Copilot Studio.\n",
        "  fabric:\n    name: Microsoft Fabric\n",
    );
    p.replace(
        "new/catalogue/expectations.yaml",
        "product: power-platform, issue: other",
        "product: fabric, issue: other",
    );
    p.replace(
        "new/catalogue/issues/technical.yaml",
        "    name: Interruzione del servizio\n",
        "    name: Interruzione\n",
    );
    p.replace(
        &format!("new/{ENGLISH}"),
        "    name: Service outage\n",
        "    name: Outage\n",
    );
    // Pages: one retitled, one added, one removed (a draft is not published: its changes
    // are not reported).
    p.replace(
        "new/pages/faq.en.md",
        "title: Frequently asked questions",
        "title: Questions and answers",
    );
    p.write(
        "new/pages/status.md",
        "---\ntitle: Stato dei servizi\n---\n\nTutto funziona.\n",
    );
    p.write(
        "new/pages/status.en.md",
        "---\ntitle: Service status\n---\n\nAll systems go.\n",
    );
    p.write(
        "old/pages/offer.md",
        "---\ntitle: Offerta di primavera\n---\n\nDue mesi gratis.\n",
    );
    p.write(
        "old/pages/offer.en.md",
        "---\ntitle: Spring offer\n---\n\nTwo months free.\n",
    );
    p.replace(
        "new/pages/copilot-support.en.md",
        "title: Microsoft 365 Copilot support",
        "title: Copilot",
    );
}

#[test]
fn every_kind_of_change_is_reported_located_and_judged() {
    let p = Pair::example();
    visible_edits(&p);
    let doc = p.json(&["--lang", "en"]);
    let new = |f: &str| format!("new/{f}");
    let old = |f: &str| format!("old/{f}");
    let routing = new(ROUTING);

    // Routing, in order: lost, gained, path, first contact.
    let lost = find(
        &doc,
        "routing",
        &[
            "Dynamics 365",
            "Subscription transfer",
            "becomes not covered",
        ],
    );
    assert_at(
        lost,
        &routing,
        p.line(&routing, "- id: no-d365-transfers"),
        "worse",
    );
    assert_eq!(lost["cases"]["product"], serde_json::json!(["d365"]));
    assert_eq!(lost["cases"]["count"], 12, "{lost:#}");
    let gained = find(
        &doc,
        "routing",
        &[
            "Dynamics 365",
            "Plan: Standard",
            "not covered becomes Tier 1",
        ],
    );
    assert_at(
        gained,
        &routing,
        p.line(&routing, "- id: custom-code\n"),
        "better",
    );
    let path = find(
        &doc,
        "routing",
        &[
            "How-to",
            "Tier 2, Cloud Engineers becomes Tier 1, Service Desk",
        ],
    );
    assert_at(path, &routing, p.line(&routing, "- id: how-to"), "neutral");
    let first = find(
        &doc,
        "routing",
        &["first contact Premium Priority Line becomes first contact Contoso Cloud Service Desk"],
    );
    assert_at(
        first,
        &routing,
        p.line(&routing, "- id: priority-critical"),
        "neutral",
    );
    let order: Vec<&Value> = changes(&doc)
        .iter()
        .filter(|c| c["kind"] == "routing")
        .collect();
    let pos = |c: &Value| order.iter().position(|x| *x == c).unwrap();
    assert!(pos(lost) < pos(gained) && pos(gained) < pos(path) && pos(path) < pos(first));
    // Cases of products both versions have only: Fabric's and Power Platform's are not listed.
    for c in &order {
        let s = c["summary"].as_str().unwrap();
        assert!(
            !s.contains("Fabric") && !s.contains("Power Platform"),
            "{s}"
        );
    }

    let plans = new(PLANS);
    let slower = find(
        &doc,
        "response",
        &[
            "Premium · A (Critical)",
            "within 1 hour, around the clock becomes within 2 hours, around the clock",
        ],
    );
    assert_at(
        slower,
        &plans,
        p.line(&plans, "      A: { within: 2h, clock: always }"),
        "worse",
    );
    let faster = find(
        &doc,
        "response",
        &[
            "Enterprise · C (Normal)",
            "within 8 business hours becomes within 4 business hours",
        ],
    );
    assert_eq!(faster["effect"], "better");

    let premium = find(
        &doc,
        "price",
        &["Premium", "10% of your monthly spend", "12%"],
    );
    assert_at(
        premium,
        &plans,
        p.line(&plans, "percent_of_spend: 12"),
        "worse",
    );
    assert_eq!(
        premium["details"],
        serde_json::json!(["With a monthly spend of €5,000.00: €500.00 becomes €600.00."])
    );
    let standard = find(
        &doc,
        "price",
        &["Standard", "€4.50 per user per month becomes €3.90"],
    );
    assert_eq!(standard["effect"], "better");

    let hours = find(
        &doc,
        "hours",
        &[
            "Standard · Service hours",
            "Extended hours, Milan",
            "becomes Office hours, Milan",
        ],
    );
    assert_at(hours, &plans, p.line(&plans, "    hours: milan-office\n    contacts: [service-desk, billing-desk]\n    response:\n      A: { within: 2h, clock: calendar }"), "worse");

    let contacts = new(CONTACTS);
    let phone = find(
        &doc,
        "contact",
        &["Contoso Cloud Service Desk: removed (Call: +39 02 5555 0100)"],
    );
    assert_at(
        phone,
        &old(CONTACTS),
        p.line(&old(CONTACTS), "+39 02 5555 0100"),
        "worse",
    );
    let teams = find(
        &doc,
        "contact",
        &["Contoso Cloud Service Desk: added (Teams: https://teams.contoso-cloud.example/desk)"],
    );
    assert_at(
        teams,
        &contacts,
        p.line(&contacts, "teams.contoso-cloud.example"),
        "better",
    );
    let billing = find(&doc, "contact", &["Billing and Subscriptions Desk · Hours"]);
    assert_eq!(billing["effect"], "better");
    let lost_line = find(
        &doc,
        "contact",
        &["Premium · Contacts: removed (Billing and Subscriptions Desk)"],
    );
    assert_eq!(lost_line["effect"], "worse");

    let calendars = new(CALENDARS);
    let week = find(
        &doc,
        "calendar",
        &[
            "Office hours, Milan · Weekly hours",
            "Sat 09:00–12:00 becomes",
        ],
    );
    assert_eq!(week["effect"], "worse");
    let company = find(&doc, "calendar", &["Monday, August 16, 2027: removed"]);
    assert_at(
        company,
        &old(CALENDARS),
        p.line(&old(CALENDARS), "2027-08-16"),
        "better",
    );
    let summer = find(
        &doc,
        "calendar",
        &["Friday, August 14, 2026: added (Closed: Summer closure)"],
    );
    assert_at(
        summer,
        &calendars,
        p.line(&calendars, "2026-08-14"),
        "worse",
    );
    // A holiday set's rule: the rule, and each date it gives in the years listed.
    let eve = find(
        &doc,
        "holiday",
        &[
            "Office hours, Milan · Thursday, December 24, 2026",
            "Open 08:30–12:30: Christmas Eve becomes Open 08:30–11:00",
        ],
    );
    assert_at(
        eve,
        &calendars,
        p.line(
            &calendars,
            "date: 12-24, name: Vigilia di Natale, hours: 08:30",
        ),
        "worse",
    );
    let rule = find(
        &doc,
        "holiday",
        &[
            "Closures of the Milan office · 12-24",
            "Open 08:30–12:30: Christmas Eve becomes Open 08:30–11:00",
        ],
    );
    assert_eq!(rule["effect"], "worse");

    let starter = find(&doc, "plan", &["Starter: added"]);
    assert_at(starter, &plans, p.line(&plans, "id: starter"), "neutral");
    let power = find(&doc, "product", &["Power Platform: removed"]);
    assert_at(
        power,
        "old/catalogue/products.yaml",
        p.line("old/catalogue/products.yaml", "id: power-platform"),
        "worse",
    );
    find(&doc, "product", &["Microsoft Fabric: added"]);
    let renamed = find(&doc, "issue_type", &["Service outage becomes Outage"]);
    assert_eq!(renamed["file"], "new/catalogue/issues/technical.yaml");

    let retitled = find(
        &doc,
        "page",
        &["Frequently asked questions becomes Questions and answers"],
    );
    assert_at(retitled, "new/pages/faq.en.md", 2, "neutral");
    // A translated page is reported in its own language, named with it.
    find(
        &doc,
        "page",
        &["English · Service status: added (/en/status/)"],
    );
    find(&doc, "page", &["Stato dei servizi: added (/status/)"]);
    let removed = find(
        &doc,
        "page",
        &["English · Spring offer: removed (/en/offer/)"],
    );
    assert_at(removed, "old/pages/offer.en.md", 2, "neutral");
    assert!(
        !changes(&doc)
            .iter()
            .any(|c| c["summary"].as_str().unwrap().contains("Copilot"))
    );

    // The summary line counts them; the human and Markdown reports say the same.
    let worse = changes(&doc)
        .iter()
        .filter(|c| c["effect"] == "worse")
        .count();
    assert_eq!(doc["worse"], worse as u64);
    let human = p.run(&["diff", "old", "new", "--lang", "en"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.starts_with(&format!(
            "{} changes for customers between old and new ({worse} worse).\n",
            changes(&doc).len()
        )),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains('\x1b'),
        "colour on a pipe:\n{}",
        human.stdout
    );
    for c in changes(&doc) {
        assert!(
            human.stdout.contains(c["summary"].as_str().unwrap()),
            "{c:#}"
        );
    }
    let md = p
        .run(&["diff", "old", "new", "--format", "markdown", "--lang", "en"])
        .stdout;
    assert!(md.starts_with("**"), "{md}");
    for section in [
        "### Who handles what",
        "### First-response targets",
        "### Prices",
        "### Calendars",
        "### Pages",
    ] {
        assert!(md.contains(section), "{section} in\n{md}");
    }
    assert!(md.contains("| Premium · A (Critical) | within 1 hour, around the clock | within 2 hours, around the clock | 🔴 worse | `new/catalogue/plans.yaml:"), "{md}");
}

#[test]
fn fail_on_worse_exits_1_only_when_something_is_worse() {
    let p = Pair::example();
    p.replace(
        "new/catalogue/plans.yaml",
        "      C: 8h\n    updates:\n",
        "      C: 4h\n    updates:\n",
    );
    let better = p.run(&["diff", "old", "new", "--fail-on", "worse"]);
    assert_eq!(better.code, 0, "{}", better.stdout);
    assert!(better.stdout.contains("meglio"), "{}", better.stdout);
    p.replace(
        "new/catalogue/plans.yaml",
        "amount: \"4.50\"",
        "amount: \"4.60\"",
    );
    let worse = p.run(&[
        "diff",
        "old",
        "new",
        "--fail-on",
        "worse",
        "--format",
        "json",
    ]);
    assert_eq!(worse.code, 1, "{}", worse.stdout);
    let doc: Value = serde_json::from_str(&worse.stdout).unwrap();
    assert_eq!(doc["worse"], 1);
    assert_eq!(p.run(&["diff", "old", "new"]).code, 0);
}

#[test]
fn an_invalid_version_exits_1_with_its_diagnostics_named() {
    let p = Pair::example();
    p.replace(
        "old/catalogue/plans.yaml",
        "per: user-month }\n    hours: extended\n",
        "per: user-month }\n    hours: extnded\n",
    );
    let r = p.run(&["diff", "old", "new", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("the old version (old) is invalid"),
        "{}",
        r.stderr
    );
    let line = p.line("old/catalogue/plans.yaml", "extnded");
    assert!(
        r.stderr.contains(&format!(
            "old/catalogue/plans.yaml:{line}:12: error[unknown-reference]"
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("new version"), "{}", r.stderr);
    p.write("new/catalogue/broken.yaml", "plans: [");
    let both = p.run(&["diff", "old", "new"]);
    assert_eq!(both.code, 1);
    assert!(
        both.stderr.contains("the new version (new) is invalid"),
        "{}",
        both.stderr
    );
    assert!(
        both.stderr.contains("new/catalogue/broken.yaml:1:"),
        "{}",
        both.stderr
    );
}

#[test]
fn bad_usage_exits_2_with_a_clear_message() {
    let p = Pair::example();
    let cases: [(&[&str], &str); 6] = [
        (&["diff", "old"], "give two site folders"),
        (
            &["diff", "old", "new", "--against", "HEAD"],
            "give two site folders",
        ),
        (&["diff", "old", "missing"], "missing"),
        (
            &["diff", "old", "new", "--lang", "de"],
            "the site is not published in `de`",
        ),
        (
            &["diff", "old", "new", "--format", "yaml"],
            "invalid value 'yaml'",
        ),
        (
            &["diff", "old", "--against", "HEAD"],
            "is not in a git repository",
        ),
    ];
    for (args, message) in cases {
        let r = p.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
    std::fs::remove_file(p.path("new/supportbook.yaml")).unwrap();
    let r = p.run(&["diff", "old", "new"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("new is not a supportbook site"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_report_is_in_the_sites_language() {
    let p = Pair::example();
    p.replace(
        "new/catalogue/plans.yaml",
        "amount: \"4.50\"",
        "amount: \"4.60\"",
    );
    let r = p.run(&["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("1 modifica per i clienti tra old e new (1 in peggio).\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Prezzi\n  peggio  Standard: "),
        "{}",
        r.stdout
    );
    let price = r.stdout.lines().find(|l| l.contains("Standard: ")).unwrap();
    assert!(
        price.contains("4,50")
            && price.contains("per utente al mese diventa")
            && price.contains("4,60"),
        "{price}"
    );
    assert_eq!(
        p.run(&["diff", "old", "new", "--lang", "it"]).stdout,
        r.stdout
    );
    // Another language of the site on request; a language it does not have is bad usage.
    let r = p.run(&["diff", "old", "new", "--lang", "en"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("1 change for customers between old and new (1 worse).\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Standard: €4.50 per user per month becomes €4.60 per user per month"),
        "{}",
        r.stdout
    );
    assert_eq!(p.run(&["diff", "old", "new", "--lang", "fr"]).code, 2);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Relative to each version's own folder, so that the folder diff and the git diff compare.
fn without_folders(doc: &Value, prefixes: &[&str]) -> Vec<Value> {
    changes(doc)
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let file = c["file"].as_str().unwrap().to_string();
            let rest = prefixes
                .iter()
                .find_map(|p| file.strip_prefix(p))
                .unwrap_or_else(|| panic!("{file} starts with none of {prefixes:?}"));
            c["file"] = rest.into();
            c
        })
        .collect()
}

#[test]
fn against_a_git_revision_reports_what_the_folder_diff_does() {
    let p = Pair::example();
    visible_edits(&p);
    // A repository whose site is a subfolder: the old version committed, the new one on disk.
    let repo_dir = p.path("repo");
    let site = repo_dir.join("sites/support");
    copy_dir(&p.path("old"), &site);
    git(&repo_dir, &["init", "-q", "-b", "main"]);
    git(&repo_dir, &["add", "."]);
    git(&repo_dir, &["commit", "-q", "-m", "old"]);
    std::fs::remove_dir_all(&site).unwrap();
    copy_dir(&p.path("new"), &site);

    let folders = p.json(&[]);
    let out = bin()
        .current_dir(&repo_dir)
        .args([
            "diff",
            "sites/support",
            "--against",
            "main",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r = Run::from(out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let against: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(against["old"], "main:sites/support");
    assert_eq!(
        without_folders(&against, &["sites/support/", "main:sites/support/"]),
        without_folders(&folders, &["new/", "old/"])
    );
    // A removal is located in the revision (and reported in the site's language, Italian).
    let removed = find(&against, "product", &["Power Platform: rimosso"]);
    assert_eq!(
        removed["file"],
        "main:sites/support/catalogue/products.yaml"
    );

    // From inside the site folder, SITE defaults to it.
    let out = bin()
        .current_dir(&site)
        .args(["diff", "--against", "main", "--format", "json"])
        .output()
        .unwrap();
    let inside: Value = serde_json::from_str(&Run::from(out).stdout).unwrap();
    assert_eq!(changes(&inside).len(), changes(&folders).len());

    // As in examples/github-actions.yml: the pull request merged into main, cloned two
    // commits deep, compared with the merge's first parent.
    git(&repo_dir, &["checkout", "-q", "-b", "pr"]);
    git(&repo_dir, &["add", "-A"]);
    git(&repo_dir, &["commit", "-q", "-m", "new"]);
    git(&repo_dir, &["checkout", "-q", "main"]);
    git(&repo_dir, &["merge", "-q", "--no-ff", "pr", "-m", "merge"]);
    let url = format!("file://{}", repo_dir.display());
    git(
        p.tmp.path(),
        &["clone", "-q", "--depth", "2", &url, "clone"],
    );
    let out = bin()
        .current_dir(p.path("clone"))
        .args([
            "diff",
            "sites/support",
            "--against",
            "HEAD^1",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r = Run::from(out);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let merged: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        without_folders(&merged, &["sites/support/", "HEAD^1:sites/support/"]),
        without_folders(&folders, &["new/", "old/"])
    );

    // A revision or a folder that does not exist.
    let run = |args: &[&str]| Run::from(bin().current_dir(&repo_dir).args(args).output().unwrap());
    let r = run(&["diff", "sites/support", "--against", "no-such-branch"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("`no-such-branch` is not a revision"),
        "{}",
        r.stderr
    );
    std::fs::create_dir_all(repo_dir.join("sites/other")).unwrap();
    let r = run(&["diff", "sites/other", "--against", "main"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the site folder `sites/other` does not exist at revision `main`"),
        "{}",
        r.stderr
    );
    // An invalid old version is named as the revision.
    let bad = site.join("catalogue/plans.yaml");
    let good = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(
        &bad,
        good.replace(
            "    hours: milan-office\n    contacts: [service-desk]\n",
            "    hours: nowhere\n    contacts: [service-desk]\n",
        ),
    )
    .unwrap();
    git(&repo_dir, &["commit", "-q", "-a", "-m", "broken"]);
    std::fs::write(&bad, good).unwrap();
    let r = run(&["diff", "sites/support", "--against", "HEAD"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("the old version (HEAD:sites/support) is invalid"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("HEAD:sites/support/catalogue/plans.yaml:"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_rule_change_in_the_large_site_moves_thousands_of_cases_in_a_few_lines() {
    let script = repo().join("../shared/bench/gen_site.py");
    assert!(script.exists(), "{} is missing", script.display());
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new("python3")
        .arg(&script)
        .arg("large")
        .arg(tmp.path().join("old"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = Pair { tmp };
    copy_dir(&p.path("old"), &p.path("new"));
    p.replace(
        "new/catalogue/catalogue.yaml",
        "    - id: technical\n      when: { severity: [S1, S2] }\n      path: [t1, t2, provider]",
        "    - id: technical\n      when: { severity: [S1, S2] }\n      path: [t1, t2]",
    );
    let doc = p.json(&[]);
    let routing: Vec<&Value> = changes(&doc)
        .iter()
        .filter(|c| c["kind"] == "routing")
        .collect();
    assert_eq!(routing.len(), changes(&doc).len());
    assert!(routing.len() <= 8, "{} lines", routing.len());
    let moved: u64 = routing
        .iter()
        .map(|c| c["cases"]["count"].as_u64().unwrap())
        .sum();
    assert!(moved > 100_000, "{moved} cases");
    for c in &routing {
        let s = c["summary"].as_str().unwrap();
        assert!(
            s.ends_with("Tier 1 → Tier 2 → Distributor becomes Tier 1 → Tier 2"),
            "{s}"
        );
        assert!(s.chars().count() < 400, "{s}");
        assert_eq!(
            c["line"],
            p.line("new/catalogue/catalogue.yaml", "- id: technical")
        );
    }
}

#[test]
fn cases_are_compared_across_a_dimension_only_one_version_uses() {
    let p = Pair::of(&common::fixture_dir("minimal"));
    let main = "new/catalogue/main.yaml";
    p.replace(
        main,
        "  rules:\n",
        "  rules:\n    - id: premium-outage\n      when: { issue: outage, plan: premium }\n      path: [t2, ms]\n",
    );
    p.replace(
        main,
        "  - case: { product: azure, issue: outage, severity: A }",
        "  - case: { product: azure, issue: outage, severity: A, plan: essential }",
    );
    let doc = p.json(&[]);
    let summaries: Vec<&str> = changes(&doc)
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Issue type: Outage · Severity: A (Critical) · Plan: Premium: Tier 1 → Tier 2 → Microsoft support becomes Tier 2 → Microsoft support",
            "Issue type: Outage · Severity: B (High), C (Normal) · Plan: Premium: Tier 1 → Tier 2 becomes Tier 2 → Microsoft support",
        ]
    );
    assert_eq!(changes(&doc)[1]["cases"]["count"], 4);
    // The other way round: the old version is the one that uses `plan`.
    let back = p.run(&["diff", "new", "old", "--format", "json"]);
    let back: Value = serde_json::from_str(&back.stdout).unwrap();
    let summaries: Vec<&str> = changes(&back)
        .iter()
        .map(|c| c["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Issue type: Outage · Severity: A (Critical) · Plan: Premium: Tier 2 → Microsoft support becomes Tier 1 → Tier 2 → Microsoft support",
            "Issue type: Outage · Severity: B (High), C (Normal) · Plan: Premium: Tier 2 → Microsoft support becomes Tier 1 → Tier 2",
        ]
    );
}

#[test]
fn the_human_report_is_coloured_on_a_terminal_unless_no_color() {
    let p = Pair::example();
    p.replace(
        "new/catalogue/plans.yaml",
        "amount: \"4.50\"",
        "amount: \"4.60\"",
    );
    let bin = env!("CARGO_BIN_EXE_supportbook");
    // util-linux `script` runs the command on a pseudo-terminal.
    let on_terminal = |no_color: bool| {
        let mut cmd = Command::new("script");
        cmd.current_dir(p.tmp.path())
            .args(["-qec", &format!("{bin} diff old new"), "/dev/null"])
            .env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().expect("`script` (util-linux) is installed");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let coloured = on_terminal(false);
    assert!(coloured.contains("\x1b[31mpeggio\x1b[0m"), "{coloured:?}");
    assert!(coloured.contains("\x1b[1mPrezzi\x1b[0m"), "{coloured:?}");
    let plain = on_terminal(true);
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("Prezzi"), "{plain:?}");
}

/// Both versions copies of tests/fixtures/diff-words/: a site in English with a German
/// translation, a translated page, a static file and a template override.
fn words_pair() -> Pair {
    Pair::of(&repo().join("tests/fixtures/diff-words"))
}

const MAIN: &str = "catalogue/main.yaml";
const DE: &str = "translations/de.yaml";

#[test]
fn words_customers_read_are_reported_one_change_per_text_and_never_worse() {
    let p = words_pair();
    let main = format!("new/{MAIN}");
    p.replace(
        &main,
        "summary: Support in office hours.",
        "summary: Support during office hours.",
    )
    .replace(
        &main,
        "      - Web cases\n",
        "      - Web cases\n      - Remote sessions\n",
    )
    .replace(&main, "    exclusions:\n      - Custom code\n", "")
    .replace(
        &main,
        "description: Virtual machines, storage and networking.",
        "description: Virtual machines and storage.",
    )
    .replace(
        &main,
        "examples: [A wrong invoice, A failed payment]",
        "examples: [A wrong invoice, A refund]",
    )
    .replace(
        &main,
        "scope: First answers and known fixes.",
        "scope: First answers.",
    )
    .replace(
        &main,
        "note: Microsoft 365 invoices come from Microsoft.",
        "note: Microsoft bills Microsoft 365 directly.",
    )
    .replace(
        &main,
        "description: Contoso Cloud looks after your cloud subscriptions.",
        "description: Contoso Cloud runs your cloud.",
    )
    .replace(
        &main,
        "description: The vendor of Azure and Microsoft 365.",
        "description: The vendor of Azure.",
    )
    .replace(
        &main,
        "category: technical\n",
        "category: technical\n    description: Something is down.\n",
    );
    let doc = p.json(&[]);
    let wording: Vec<&Value> = changes(&doc)
        .iter()
        .filter(|c| c["kind"] == "wording")
        .collect();
    assert_eq!(wording.len(), 10, "{doc:#}");
    assert_eq!(changes(&doc).len(), 10, "only wording changes: {doc:#}");
    let at = |needle: &str| p.line(&main, needle);
    let c = find(
        &doc,
        "wording",
        &[
            "Essential · Summary",
            "Support in office hours.",
            "Support during office hours.",
        ],
    );
    assert_at(c, &main, at("summary: Support during"), "neutral");
    assert_eq!(c["action"], "changed");
    let c = find(
        &doc,
        "wording",
        &["Essential · Included", "Remote sessions"],
    );
    assert_at(c, &main, at("- Phone and email support"), "neutral");
    let c = find(
        &doc,
        "wording",
        &["Essential · Not included", "Custom code"],
    );
    assert_eq!(c["action"], "removed");
    assert_at(
        c,
        &format!("old/{MAIN}"),
        p.line(&format!("old/{MAIN}"), "- Custom code"),
        "neutral",
    );
    find(
        &doc,
        "wording",
        &[
            "Microsoft Azure · Description",
            "Virtual machines and storage.",
        ],
    );
    find(&doc, "wording", &["Billing · Examples", "A refund"]);
    let c = find(&doc, "wording", &["Tier 1 · Scope", "First answers."]);
    assert_at(c, &main, at("scope: First answers."), "neutral");
    find(
        &doc,
        "wording",
        &[
            "Rule m365-billing · Note",
            "Microsoft bills Microsoft 365 directly.",
        ],
    );
    find(
        &doc,
        "wording",
        &[
            "Contoso Cloud · Description",
            "Contoso Cloud runs your cloud.",
        ],
    );
    find(
        &doc,
        "wording",
        &["Microsoft · Description", "The vendor of Azure."],
    );
    let c = find(
        &doc,
        "wording",
        &["Outage · Description", "Something is down."],
    );
    assert_eq!(c["action"], "added");
    // Words are not worse: `--fail-on worse` passes.
    let r = p.run(&["diff", "old", "new", "--fail-on", "worse"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("\nWording\n")
            && r.stdout
                .contains("Tier 1 · Scope: First answers and known fixes. becomes First answers."),
        "{}",
        r.stdout
    );
    let md = p.run(&["diff", "old", "new", "--format", "markdown"]);
    assert!(md.stdout.contains("### Wording\n") && md.stdout.contains("| Tier 1 · Scope | First answers and known fixes. | First answers. |  | `new/catalogue/main.yaml:"), "{}", md.stdout);
}

#[test]
fn a_method_label_is_reported_once_with_its_contact() {
    let p = words_pair();
    p.replace(
        &format!("new/{MAIN}"),
        "label: Call the desk",
        "label: Call us",
    );
    let doc = p.json(&[]);
    assert_eq!(changes(&doc).len(), 1, "{doc:#}");
    find(&doc, "contact", &["Call the desk", "Call us"]);
}

#[test]
fn translations_are_reported_per_language_and_thing_and_translated_pages_name_their_language() {
    let p = words_pair();
    let de = format!("new/{DE}");
    p.replace(
        &de,
        "summary: Support zu Bürozeiten.",
        "summary: Support während der Bürozeiten.",
    )
    .replace(
        &de,
        "    features: [Telefon- und E-Mail-Support, Web-Fälle]\n",
        "    features: [Telefon- und E-Mail-Support, Web-Fälle]\n    exclusions: [Eigener Code]\n",
    )
    .replace(
        &de,
        "products:\n  azure:\n    description: Virtuelle Maschinen, Speicher und Netzwerke.\n",
        "",
    )
    .replace(
        "new/pages/terms.de.md",
        "title: Nutzungsbedingungen",
        "title: Allgemeine Geschäftsbedingungen",
    )
    .write("new/pages/faq.md", "---\ntitle: Questions\n---\nAnswers.\n")
    .write(
        "new/pages/faq.de.md",
        "---\ntitle: Fragen\n---\nAntworten.\n",
    );
    let doc = p.json(&[]);
    assert_eq!(changes(&doc).len(), 5, "{doc:#}");
    let c = find(
        &doc,
        "translation",
        &[
            "Deutsch · Essential",
            "changed: Summary",
            "added: Not included",
        ],
    );
    assert_at(c, &de, p.line(&de, "summary: Support während"), "neutral");
    assert_eq!(c["action"], "changed");
    let c = find(
        &doc,
        "translation",
        &["Deutsch · Microsoft Azure", "removed: Description"],
    );
    assert_eq!(c["action"], "removed");
    let old_de = format!("old/{DE}");
    assert_at(
        c,
        &old_de,
        p.line(&old_de, "description: Virtuelle"),
        "neutral",
    );
    let c = find(
        &doc,
        "page",
        &[
            "Deutsch · /de/terms/",
            "Nutzungsbedingungen",
            "Allgemeine Geschäftsbedingungen",
        ],
    );
    assert_at(c, "new/pages/terms.de.md", 2, "neutral");
    find(&doc, "page", &["Questions", "/faq/"]);
    let c = find(&doc, "page", &["Deutsch · Fragen", "/de/faq/"]);
    assert_eq!(c["action"], "added");
    // A language added is one change.
    let q = words_pair();
    q.write(
        "old/supportbook.yaml",
        "title: Contoso Support\nbase_url: https://support.contoso.example/\nlanguage: en\n",
    );
    std::fs::remove_dir_all(q.path("old/translations")).unwrap();
    std::fs::remove_file(q.path("old/pages/terms.de.md")).unwrap();
    let doc = q.json(&[]);
    let c = find(&doc, "translation", &["Deutsch"]);
    assert_eq!(c["action"], "added");
    assert_eq!(c["file"], "new/translations/de.yaml", "{c:#}");
    find(
        &doc,
        "page",
        &["Deutsch · Nutzungsbedingungen", "/de/terms/"],
    );
    assert_eq!(changes(&doc).len(), 2, "{doc:#}");
}

#[test]
fn static_files_templates_and_theme_files_changed_are_listed() {
    let p = words_pair();
    p.write(
        "new/static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    )
    .write("new/static/guide.txt", "A guide.\n");
    let template = p.read("new/templates/404.html");
    let (first, rest) = template.split_once('\n').unwrap();
    p.write(
        "new/templates/404.html",
        &format!("{first}\n{{# a comment #}}\n{rest}"),
    );
    let doc = p.json(&[]);
    assert_eq!(changes(&doc).len(), 3, "{doc:#}");
    let c = find(&doc, "file", &["static/logo.svg"]);
    assert_eq!(c["action"], "changed");
    assert_at(c, "new/static/logo.svg", 1, "neutral");
    let c = find(&doc, "file", &["static/guide.txt"]);
    assert_eq!(c["action"], "added");
    let c = find(&doc, "file", &["templates/404.html"]);
    assert_at(c, "new/templates/404.html", 2, "neutral");
    let r = p.run(&["diff", "old", "new", "--fail-on", "worse"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("\nFiles\n") && r.stdout.contains("templates/404.html: changed"),
        "{}",
        r.stdout
    );
}

#[test]
fn words_that_differ_only_invisibly_report_nothing() {
    let p = words_pair();
    let main = format!("new/{MAIN}");
    p.replace(
        &main,
        "summary: Support in office hours.",
        "summary: >-\n      Support in\n      office hours.\n    # the same words, folded",
    )
    .replace(
        &main,
        "      - Phone and email support\n      - Web cases\n",
        "      [\"Phone and email support\", 'Web cases']\n",
    )
    .replace(
        &main,
        "examples: [A wrong invoice, A failed payment]",
        "examples:\n      - A wrong invoice\n      - \"A failed payment\"",
    );
    let de = format!("new/{DE}");
    p.replace(&de, "  billing:\n    name: Abrechnung\n    description: Rechnungen und Zahlungen.\n", "  billing:\n    # reordered\n    description: \"Rechnungen und Zahlungen.\"\n    name: Abrechnung\n");
    let doc = p.json(&[]);
    assert_eq!(changes(&doc).len(), 0, "{doc:#}");
}

/// What offers contain (spec section 13): fewer cases, a longer term and notice, an add-on
/// dearer and one removed from a plan, prices now before tax, and a published price going on
/// request are worse; the opposites better.
#[test]
fn offers_changes_have_their_kinds_and_directions() {
    let p = Pair::example();
    let plans = "new/catalogue/plans.yaml";
    p.replace(
        plans,
        "{ kind: cases, count: 20, per: month }",
        "{ kind: cases, count: 10, per: month }",
    );
    p.replace(
        plans,
        "term: { minimum_months: 12, notice_days: 30 }",
        "term: { minimum_months: 24, notice_days: 60 }",
    );
    p.replace(
        plans,
        "price: { amount: 600, currency: EUR, per: one-off }\n    plans: [standard, premium]",
        "price: { amount: 750, currency: EUR, per: one-off }\n    plans: [premium]",
    );
    p.replace(
        plans,
        "    price:\n      percent_of_spend: 10\n      minimum: { amount: 150, currency: EUR }\n      per: month\n",
        "    price: { on_request: true }\n",
    );
    p.replace(
        "new/catalogue/partner.yaml",
        "tax: { prices: excluded, name: IVA }",
        "tax: { prices: included, name: IVA }",
    );
    let doc = p.json(&["--lang", "en"]);
    let effect = |c: &Value| c["effect"].as_str().unwrap().to_string();
    let cases = find(
        &doc,
        "allowance",
        &[
            "Standard · Cases",
            "20 cases per month",
            "10 cases per month",
        ],
    );
    assert_eq!(effect(cases), "worse");
    assert_eq!(cases["line"], p.line(plans, "{ kind: cases, count: 10"));
    let term = find(&doc, "term", &["Standard", "Minimum term: 24 months"]);
    assert_eq!(effect(term), "worse");
    assert_eq!(
        effect(find(&doc, "add_on", &["On-site visit", "€750.00"])),
        "worse"
    );
    assert_eq!(
        effect(find(
            &doc,
            "add_on",
            &["On-site visit", "Standard and Premium becomes Premium"]
        )),
        "worse"
    );
    assert_eq!(
        effect(find(&doc, "price", &["Premium", "Price on request"])),
        "worse"
    );
    assert_eq!(
        effect(find(&doc, "tax", &["excl. VAT", "incl. VAT"])),
        "better"
    );

    // And back: every change reversed goes the other way.
    let back = Pair::of(&p.path("new"));
    std::fs::remove_dir_all(back.path("new")).unwrap();
    copy_dir(&p.path("old"), &back.path("new"));
    let doc = back.json(&["--lang", "en"]);
    assert_eq!(
        effect(find(&doc, "allowance", &["Standard · Cases"])),
        "better"
    );
    assert_eq!(effect(find(&doc, "term", &["Standard"])), "better");
    assert_eq!(effect(find(&doc, "price", &["Premium"])), "better");
    assert_eq!(
        effect(find(&doc, "tax", &["incl. VAT", "excl. VAT"])),
        "worse"
    );
}

/// Targets of sections 12 and 13: a response target moved from hours to business days (a
/// later due: worse), business days shortened (better), an update interval lengthened, a
/// resolution target added and one removed, and target rules added, changed and removed:
/// each its own kind, judged, and located in the version that has it.
#[test]
fn response_updates_resolution_and_target_rules_are_reported_with_their_effect() {
    let p = Pair::example();
    let plans = format!("new/{PLANS}");
    // Standard: 4h becomes 1bd (worse); its billing rule 1bd becomes 2bd (worse).
    p.replace(
        &plans,
        "      A: { within: 2h, clock: calendar }\n      B: 4h\n      C: 8h\n    allowances:",
        "      A: { within: 2h, clock: calendar }\n      B: 1bd\n      C: 8h\n    allowances:",
    );
    p.replace(&plans, "        response: 1bd\n", "        response: 2bd\n");
    // Essential: 2bd becomes 1bd (better); a rule for outages added.
    p.replace(
        &plans,
        "      B: 1bd\n      C: 2bd\n",
        "      B: 1bd\n      C: 1bd\n    target_rules:\n      - when: { issue: outage }\n        resolution: 3bd\n",
    );
    // Enterprise: updates for B every 8 hours instead of 4 (worse); resolution for C removed
    // (worse); resolution for B in hours around the clock instead of 2bd (better).
    p.replace(
        &plans,
        "      B: { every: 4h, clock: always }",
        "      B: { every: 8h, clock: always }",
    );
    p.replace(
        &plans,
        "      B: 2bd\n      C: 5bd\n",
        "      B: { within: 12h, clock: always }\n",
    );
    let doc = p.json(&["--lang", "en"]);
    let new_plans = format!("new/{PLANS}");
    let slower = find(
        &doc,
        "response",
        &[
            "Standard · B (High)",
            "within 4 business hours becomes by the end of the next business day",
        ],
    );
    assert_at(
        slower,
        &new_plans,
        p.line(&plans, "      B: 1bd\n      C: 8h"),
        "worse",
    );
    let rule = find(
        &doc,
        "response",
        &[
            "Standard · Billing and invoices",
            "by the end of the next business day becomes by the end of the second business day",
        ],
    );
    assert_at(
        rule,
        &new_plans,
        p.line(&plans, "        response: 2bd"),
        "worse",
    );
    let faster = find(
        &doc,
        "response",
        &[
            "Essential · C (Normal)",
            "by the end of the second business day becomes by the end of the next business day",
        ],
    );
    assert_eq!(faster["effect"], "better");
    let added_rule = find(
        &doc,
        "resolution",
        &["Essential · Service outage: added (by the end of the third business day)"],
    );
    assert_eq!(added_rule["effect"], "better");
    let updates = find(
        &doc,
        "updates",
        &[
            "Enterprise · B (High)",
            "every 4 hours, around the clock becomes every 8 hours, around the clock",
        ],
    );
    assert_eq!(updates["effect"], "worse");
    let removed = find(
        &doc,
        "resolution",
        &[
            "Enterprise · C (Normal)",
            "by the end of the fifth business day",
        ],
    );
    assert_eq!(removed["effect"], "worse");
    assert_eq!(removed["file"], format!("old/{PLANS}"));
    let sooner = find(
        &doc,
        "resolution",
        &[
            "Enterprise · B (High)",
            "by the end of the second business day becomes within 12 hours, around the clock",
        ],
    );
    assert_eq!(sooner["effect"], "better");
    let md = p
        .run(&["diff", "old", "new", "--format", "markdown", "--lang", "en"])
        .stdout;
    for section in [
        "### First-response targets",
        "### Update intervals",
        "### Resolution targets",
    ] {
        assert!(md.contains(section), "{section} in\n{md}");
    }
}
