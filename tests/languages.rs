//! One catalogue, several languages (spec section 7), through the binary: translations checked
//! and located, missing ones reported, pages translated, and every language's portal published
//! under `/<lang>/` with reciprocal alternates, a language switcher and its own words.

mod common;

use common::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// content-example (Italian, completely translated into English) published in German too,
/// with German words for a few texts and one page.
fn trilingual() -> Site {
    let site = Site::example();
    site.replace(
        "supportbook.yaml",
        "languages:\n",
        "languages:\n  de:\n    title: Contoso Cloud Italia Kundendienst\n",
    );
    site.write(
        "translations/de.yaml",
        "plans:\n  premium: { name: Premium (de), summary: Der Plan für Betriebe ohne Stillstand. }\n\
         calendars:\n  milan-office:\n    name: Bürozeiten, Mailand\n\
         holiday_sets:\n  milan-closures:\n    holidays: { 12-24: Heiligabend }\n\
         products:\n  azure: { name: Microsoft Azure (de) }\ntiers:\n  t2: { name: Stufe 2 }\n",
    );
    site.write(
        "pages/faq.de.md",
        "---\ntitle: Häufige Fragen\nslug: fragen\n---\nSiehe [die Pläne](/plans/), [die Bedingungen](terms.md) und [das Logo](/logo.svg).\n",
    );
    site
}

/// content-example in Italian only: no `languages`, no translations.
fn monolingual() -> Site {
    let site = Site::example();
    let config = site.read("supportbook.yaml");
    let (italian, english) = config.split_once("languages:\n").unwrap();
    let rest: String = english
        .lines()
        .skip_while(|l| l.starts_with(' '))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("supportbook.yaml", format!("{italian}{rest}"));
    std::fs::remove_dir_all(site.file("translations")).unwrap();
    for e in std::fs::read_dir(site.file("pages")).unwrap() {
        let path = e.unwrap().path();
        if path.to_string_lossy().ends_with(".en.md") {
            std::fs::remove_file(path).unwrap();
        }
    }
    site
}

fn build(site: &Site) -> PathBuf {
    let o = site.cmd().args(["build", "site"]).output().unwrap();
    common::assert_no_panic(&o);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    site.file("public")
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every `attr="…"` value of a tag starting with `tag` in `html`.
fn attrs(html: &str, tag: &str, attr: &str) -> Vec<String> {
    html.match_indices(tag)
        .filter_map(|(i, _)| {
            let end = html[i..].find('>')? + i;
            let t = &html[i..end];
            let at = t.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(t[at..at + t[at..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn every_language_publishes_the_whole_output_table() {
    let site = trilingual();
    let out = build(&site);
    for (lang, terms) in [("", "condizioni"), ("en/", "terms"), ("de/", "condizioni")] {
        for rel in [
            "index.html",
            "404.html",
            "plans/index.html",
            "plans/premium/index.html",
            "products/azure/index.html",
            "routing/index.html",
            "contact/index.html",
            &format!("{terms}/index.html"),
            "api/catalogue.json",
            "api/finder/index.json",
            "calendars/milan-office.ics",
        ] {
            assert!(out.join(format!("{lang}{rel}")).is_file(), "{lang}{rel}");
        }
    }
    assert!(
        out.join("de/fragen/index.html").is_file(),
        "the translation's own slug"
    );
    assert!(
        out.join("de/aprire-una-richiesta/index.html").is_file(),
        "untranslated: the default slug"
    );
    assert!(
        !out.join("de/api/routing.json").exists() && !out.join("en/api/routing.json").exists(),
        "routing.json is written once"
    );
    assert!(!out.join("de/assets").exists(), "assets are shared");
    let plan_names = |rel: &str| -> Vec<String> {
        let c: serde_json::Value = serde_json::from_str(&read(&out, rel)).unwrap();
        c["plans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        plan_names("de/api/catalogue.json").contains(&"Premium (de)".to_string()),
        "{:?}",
        plan_names("de/api/catalogue.json")
    );
    assert!(plan_names("api/catalogue.json").contains(&"Premium".to_string()));
    assert!(read(&out, "de/calendars/milan-office.ics").contains("Heiligabend"));
    assert!(read(&out, "en/calendars/milan-office.ics").contains("Christmas Eve"));
    assert!(read(&out, "calendars/milan-office.ics").contains("Vigilia di Natale"));
}

#[test]
fn alternates_are_reciprocal_and_every_one_exists() {
    let site = trilingual();
    let out = build(&site);
    let base = "https://support.contoso-cloud.example/";
    let mut pages: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.file_name() != "index.html" {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let html = std::fs::read_to_string(e.path()).unwrap();
        let langs = attrs(&html, "<link rel=\"alternate\"", "hreflang");
        let hrefs = attrs(&html, "<link rel=\"alternate\"", "href");
        assert_eq!(langs.len(), 4, "{rel}: three languages and x-default");
        assert_eq!(langs.last().map(String::as_str), Some("x-default"), "{rel}");
        let url = format!("{base}{}", rel.trim_end_matches("index.html"));
        let lang = attrs(&html, "<html", "lang")[0].clone();
        pages.insert(
            url,
            langs
                .into_iter()
                .zip(hrefs)
                .chain([("self".into(), lang)])
                .collect(),
        );
    }
    for (url, alternates) in &pages {
        let own = &alternates.last().unwrap().1;
        for (lang, href) in alternates
            .iter()
            .filter(|(l, _)| l != "self" && l != "x-default")
        {
            let there = pages
                .get(href)
                .unwrap_or_else(|| panic!("{url}: alternate {href} does not exist"));
            assert!(
                there.iter().any(|(l, h)| l == own && h == url),
                "{href} ({lang}) does not link back to {url}"
            );
        }
    }
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(&format!("<loc>{base}de/fragen/</loc>")));
    assert!(sitemap.contains(&format!("hreflang=\"de\" href=\"{base}de/fragen/\"")));
    assert!(sitemap.contains(&format!("hreflang=\"en\" href=\"{base}en/questions/\"")));
    assert!(sitemap.contains(&format!(
        "hreflang=\"it\" href=\"{base}domande-frequenti/\""
    )));
}

#[test]
fn each_language_has_its_own_words_formats_and_links() {
    let site = trilingual();
    let out = build(&site);
    let it = read(&out, "plans/index.html");
    let en = read(&out, "en/plans/index.html");
    let de = read(&out, "de/plans/index.html");
    assert_eq!(attrs(&it, "<html", "lang"), ["it"]);
    assert_eq!(attrs(&en, "<html", "lang"), ["en"]);
    assert_eq!(attrs(&de, "<html", "lang"), ["de"]);
    // The navigation's words are the language's own, never another's.
    let nav =
        |html: &str| html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()].to_string();
    assert!(nav(&it).contains(">Piani<"), "{}", nav(&it));
    assert!(nav(&en).contains(">Plans<"), "{}", nav(&en));
    assert!(
        !nav(&de).contains(">Plans<") && !nav(&de).contains(">Piani<"),
        "{}",
        nav(&de)
    );
    assert!(!nav(&it).contains(">Plans<"), "{}", nav(&it));
    assert!(!nav(&en).contains(">Piani<"), "{}", nav(&en));
    // Money and dates by each language's conventions (CLDR).
    assert!(en.contains("€4.50"), "English writes €4.50");
    assert!(it.contains("4,50\u{a0}€") && de.contains("4,50\u{a0}€"));
    assert!(read(&out, "de/contact/index.html").contains("Donnerstag, 24. Dezember 2026"));
    assert!(read(&out, "contact/index.html").contains("giovedì 24 dicembre 2026"));
    assert!(read(&out, "en/contact/index.html").contains("Thursday, December 24, 2026"));
    // The switcher leads to the same page in the other languages, each named in itself.
    let switcher = attrs(&de, "<a href=\"/", "href");
    assert!(
        switcher.contains(&"/plans/".to_string()) && switcher.contains(&"/en/plans/".to_string()),
        "{switcher:?}"
    );
    for name in ["Italiano", "Deutsch", "English"] {
        assert!(
            de.contains(&format!("<span class=\"lang-name\">{name}</span>")),
            "{name}"
        );
    }
    // A translated page's links lead into its own language; shared files stay shared.
    let faq = read(&out, "de/fragen/index.html");
    for href in [
        "href=\"/de/plans/\"",
        "href=\"/de/condizioni/\"",
        "href=\"/logo.svg\"",
    ] {
        assert!(faq.contains(href), "{href}");
    }
    let faq = read(&out, "en/questions/index.html");
    for href in ["href=\"/en/routing/\"", "href=\"/en/terms/\""] {
        assert!(faq.contains(href), "{href}");
    }
    // An untranslated page says so, and marks its text with its real language.
    let terms = read(&out, "de/condizioni/index.html");
    assert!(terms.contains("class=\"notice\"") && terms.contains("<div lang=\"it\">"));
    assert!(!read(&out, "de/fragen/index.html").contains("class=\"notice\""));
    assert!(!read(&out, "en/terms/index.html").contains("class=\"notice\""));
}

#[test]
fn route_answers_in_the_language_asked() {
    let site = trilingual();
    let case = [
        "--product",
        "azure",
        "--issue",
        "outage",
        "--severity",
        "A",
        "--plan",
        "premium",
    ];
    let answer = |lang: &[&str]| {
        let (code, json, err) = site.route(&[&case[..], lang].concat());
        assert_eq!(code, 0, "{err}");
        json.unwrap().to_string()
    };
    let it = answer(&[]);
    assert!(it.contains("Livello 2, Tecnici cloud"), "{it}");
    let en = answer(&["--lang", "en"]);
    assert!(
        en.contains("Tier 2, Cloud Engineers") && !en.contains("Livello"),
        "{en}"
    );
    let de = answer(&["--lang", "de"]);
    assert!(de.contains("Stufe 2"), "{de}");
    let (code, _, err) = site.route(&["--product", "azure", "--issue", "outage", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--lang `fr` is not a language of the site"),
        "{err}"
    );
}

#[test]
fn translation_errors_are_located_with_suggestions() {
    let site = trilingual();
    site.write(
        "translations/de.yaml",
        "plan:\n  premium: { name: P }\nplans:\n  premum: { name: P }\n  premium: { price: 10 }\n  essential: { name: [P] }\n\
         calendars:\n  milan-office:\n    holidays: { 2026-12-23: Vorabend }\n\
         contacts:\n  service-desk:\n    methods: [{}, {}, {}, {}, {}, {}, { label: Chat }]\n",
    );
    site.write("translations/fr.yaml", "plans: {}\n");
    site.write("translations/notes.txt", "x");
    let check = site.check();
    check.assert_exit(1);
    let at = |needle: &str| site.at("translations/de.yaml", needle);
    let unknown_section = check
        .all("unknown-key")
        .into_iter()
        .find(|d| d.message.contains("section `plan`"))
        .expect("unknown section");
    unknown_section
        .assert_at(&at("plan:"))
        .assert_help("did you mean `plans`?");
    check
        .all("unknown-reference")
        .into_iter()
        .find(|d| d.message.contains("premum"))
        .expect("unknown id")
        .assert_at(&at("premum"))
        .assert_help("did you mean `premium`?");
    for (code, text) in [
        ("unknown-key", "`price`"),
        ("wrong-type", "`name`"),
        ("unknown-key", "holiday of 2026-12-23"),
        ("unknown-key", "method 7"),
    ] {
        assert!(
            check.all(code).iter().any(|d| d.message.contains(text)),
            "{code} {text}: {}",
            check.listing()
        );
    }
    let fr = check
        .all("unknown-reference")
        .into_iter()
        .find(|d| d.message.contains("`fr`"))
        .expect("unconfigured language");
    assert_eq!(fr.file.as_deref(), Some("site/translations/fr.yaml"));
    assert!(
        check
            .all("invalid-value")
            .iter()
            .any(|d| d.message.contains("notes.txt")),
        "{}",
        check.listing()
    );
}

#[test]
fn missing_translations_are_warnings_grouped_for_people_and_listed_for_machines() {
    let site = trilingual();
    let check = site.check();
    check.assert_exit(0);
    let missing = check.all("missing-translation");
    // (About 95: the example's recurring holidays are in holiday sets, named once each.)
    assert!(
        missing.len() > 90,
        "every text German does not have: {}",
        missing.len()
    );
    assert!(
        missing.iter().all(|d| d.message.contains("`de`")),
        "English is complete: {}",
        check.listing()
    );
    let first = missing
        .iter()
        .find(|d| d.message.contains("`name` of plan `essential`") && d.message.contains("`de`"))
        .expect("essential in German");
    assert_eq!(first.file.as_deref(), Some("site/catalogue/plans.yaml"));
    assert!(
        !missing
            .iter()
            .any(|d| d.message.contains("`name` of plan `premium`")),
        "translated"
    );
    let (code, human) = site.check_text("human");
    assert_eq!(code, 0);
    let lines: Vec<&str> = human
        .lines()
        .filter(|l| l.contains("missing-translation"))
        .collect();
    assert!(
        lines.len() < 30,
        "one line per language and file, not {}: {human}",
        lines.len()
    );
    assert!(
        human.contains("site/catalogue/plans.yaml: warning[missing-translation]: "),
        "{human}"
    );
    let strict = site.check_with(&["--strict"]);
    strict.assert_exit(1);
}

#[test]
fn page_translations_must_have_a_language_and_an_original() {
    let site = trilingual();
    site.write("pages/faq.fr.md", "---\ntitle: FAQ\n---\nx\n");
    site.write("pages/nothing.de.md", "---\ntitle: Nichts\n---\nx\n");
    site.write("pages/terms.it.md", "---\ntitle: Condizioni\n---\nx\n");
    let check = site.check();
    check.assert_exit(1);
    let msgs: Vec<&str> = check
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("`pages/faq.fr.md`")
                || m.contains("faq.fr.md") && m.contains("`fr`")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("translates `pages/nothing.md`, which does not exist")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("tagged with the site's own language `it`")),
        "{msgs:#?}"
    );
    // A site of one language has no translations: a dotted name is a page like any other.
    let single = monolingual();
    single.write("pages/notes.old.md", "---\ntitle: Old notes\n---\nx\n");
    single.check().assert_exit(0);
    assert!(build(&single).join("notes.old/index.html").is_file());
}

#[test]
fn a_language_without_interface_words_is_an_error_naming_them() {
    let site = trilingual();
    site.replace("supportbook.yaml", "languages:\n", "languages:\n  pt: {}\n");
    let check = site.check();
    let d = check
        .all("invalid-value")
        .into_iter()
        .find(|d| d.message.contains("`pt`"))
        .expect("pt");
    assert_eq!(d.level, "error");
    assert!(
        d.message.contains("nav_home") || d.message.contains("more"),
        "{}",
        d.message
    );
    assert_eq!(d.file.as_deref(), Some("site/supportbook.yaml"));
    let languages: BTreeSet<&str> = ["de", "en", "es", "fr", "it"].into();
    for l in languages {
        assert!(
            d.help.as_deref().unwrap_or_default().contains(l),
            "{:?}",
            d.help
        );
    }
}

/// What offers contain, translated (spec section 13): a severity's label, the tax's name, an
/// add-on's name and summary, allowance notes by position; shown in each language, and checked
/// like every other text.
#[test]
fn offer_texts_and_severity_labels_are_translated_and_checked() {
    let site = trilingual();
    site.replace(
        "catalogue/tiers.yaml",
        "  - id: A\n    name: Critica",
        "  - id: A\n    label: P1\n    name: Critica",
    );
    let en = site.read("translations/en.yaml");
    site.write(
        "translations/en.yaml",
        en.replacen(
            "  A:\n    name: Critical",
            "  A:\n    label: Sev 1\n    name: Critical",
            1,
        ),
    );
    site.write(
        "translations/de.yaml",
        site.read("translations/de.yaml")
            + "partner: { tax: { name: MwSt. } }\nseverities:\n  A: { label: Stufe 1 }\n\
               add_ons:\n  onsite: { name: Vor-Ort-Einsatz }\n",
    );
    let out = build(&site);
    // The label where a severity is shown in short: the plan's target table, the comparison,
    // the home page's plan cards, the finder's choices, a product's matrix.
    for (lang, label) in [("", "P1"), ("en/", "Sev 1"), ("de/", "Stufe 1")] {
        let plan = read(&out, &format!("{lang}plans/premium/index.html"));
        assert!(
            plan.contains(&format!("<th scope=\"row\">{label} · ")),
            "{lang}: {plan}"
        );
        let plans = read(&out, &format!("{lang}plans/index.html"));
        assert!(plans.contains(&format!(" {label} (")), "{lang} comparison");
        let home = read(&out, &format!("{lang}index.html"));
        assert!(home.contains(&format!("{label}&nbsp;")), "{lang} home");
        let routing = read(&out, &format!("{lang}routing/index.html"));
        assert!(
            routing.contains(&format!("<option value=\"A\">{label} · ")),
            "{lang} finder"
        );
    }
    let de = read(&out, "de/plans/standard/index.html");
    assert!(de.contains("zzgl. MwSt."), "the German tax name");
    assert!(de.contains("Vor-Ort-Einsatz"), "the German add-on name");
    // Bad translations of offer texts: located, with suggestions.
    site.write(
        "translations/de.yaml",
        "add_ons:\n  onsit: { name: X }\nplans:\n  essential:\n    allowances: [ { note: Keine } ]\nseverities:\n  A: { lable: S1 }\n",
    );
    let check = site.check();
    check.assert_exit(1);
    let at = |needle: &str| site.at("translations/de.yaml", needle);
    check
        .all("unknown-reference")
        .into_iter()
        .find(|d| d.message.contains("onsit"))
        .expect("unknown add-on")
        .assert_at(&at("onsit"))
        .assert_help("did you mean `onsite`?");
    assert!(
        check
            .all("unknown-key")
            .iter()
            .any(|d| d.message.contains("allowance 1")),
        "{}",
        check.listing()
    );
    assert!(
        check
            .all("unknown-key")
            .iter()
            .any(|d| d.message.contains("lable")),
        "{}",
        check.listing()
    );
}

/// Every catalogue text a language lacks is shown in the default language and says so
/// (`lang="it"` on the smallest element around it), in the pages and in the data the script
/// marks its answers from; a translated text says nothing more; a complete translation and the
/// default language mark nothing.
#[test]
fn untranslated_catalogue_texts_say_their_language() {
    let site = trilingual();
    let out = build(&site);
    let marked =
        |html: &str, text: &str| html.contains(&format!("<span lang=\"it\">{text}</span>"));
    // Every occurrence of `text` as the text of an element is marked.
    let all_marked = |html: &str, text: &str| {
        let shown = html.matches(&format!(">{text}<")).count();
        let marked = html
            .matches(&format!("<span lang=\"it\">{text}</span>"))
            .count()
            + html
                .matches(&format!(" lang=\"it\">{text}</option>"))
                .count();
        shown > 0 && shown == marked
    };
    let contact = read(&out, "de/contact/index.html");
    assert!(
        all_marked(&contact, "Service Desk Contoso Cloud"),
        "an untranslated contact name"
    );
    assert!(
        contact.contains("<span lang=\"it\">Sant&#39;Ambrogio, patrono di Milano</span>"),
        "an untranslated holiday"
    );
    assert!(
        contact.contains(">Heiligabend<") && !marked(&contact, "Heiligabend"),
        "a translated holiday"
    );
    assert!(contact.contains(">Bürozeiten, Mailand<") || contact.contains("Bürozeiten, Mailand"));
    assert!(
        !marked(&contact, "Bürozeiten, Mailand"),
        "a translated calendar name"
    );
    let plan = read(&out, "de/plans/premium/index.html");
    assert!(plan.contains("Premium (de)") && !marked(&plan, "Premium (de)"));
    assert!(
        !plan.contains("lang=\"it\"><p>Der Plan"),
        "a translated summary"
    );
    let home = read(&out, "de/index.html");
    assert!(
        all_marked(&home, "Microsoft 365"),
        "an untranslated product name"
    );
    assert!(
        home.contains(">Microsoft Azure (de)</option>"),
        "a translated one, in a list"
    );
    let routing = read(&out, "de/routing/index.html");
    assert!(
        routing.contains("<div lang=\"it\"><p>"),
        "an untranslated Markdown description"
    );
    // The data: the texts for the script to mark, in their language.
    let island = |html: &str| -> serde_json::Value {
        let start = html.find("id=\"sb-hours\">").unwrap() + "id=\"sb-hours\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let index: serde_json::Value =
        serde_json::from_str(&read(&out, "de/api/finder/index.json")).unwrap();
    for data in [island(&home), index.clone()] {
        let f = &data["fallback"];
        assert_eq!(f["lang"], "it");
        let texts: Vec<&str> = f["texts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        assert!(texts.contains(&"Service Desk Contoso Cloud"), "{texts:?}");
        assert!(
            !texts.contains(&"Stufe 2") && !texts.contains(&"Heiligabend"),
            "{texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.len() == 1),
            "codes are in no language: {texts:?}"
        );
    }
    // English is complete: nothing is marked; the default language marks nothing either.
    for rel in [
        "en/index.html",
        "en/contact/index.html",
        "en/plans/premium/index.html",
        "index.html",
        "contact/index.html",
    ] {
        let html = read(&out, rel);
        assert!(
            !html.contains("<span lang=") && !html.contains("<div lang="),
            "{rel}"
        );
    }
    let en: serde_json::Value =
        serde_json::from_str(&read(&out, "en/api/finder/index.json")).unwrap();
    assert!(en.get("fallback").is_none());
}

#[test]
fn a_template_failing_in_every_language_reports_the_first_language_every_time() {
    // The languages render side by side: which fails first varies, what is reported does not.
    let site = trilingual();
    let page =
        std::fs::read_to_string(common::repo().join("themes/default/templates/page.html")).unwrap();
    let failing = page.replacen(
        "<article class=\"prose\">",
        "<article class=\"prose\">{% if site.language == \"it\" %}{{ undefined_in_it }}\
         {% elif site.language == \"en\" %}{{ undefined_in_en }}{% else %}{{ undefined_in_de }}{% endif %}",
        1,
    );
    assert_ne!(failing, page);
    site.write("templates/page.html", failing);
    for _ in 0..6 {
        let o = site.cmd().args(["build", "site"]).output().unwrap();
        common::assert_no_panic(&o);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("templates/page.html:"), "{err}");
        // Italian, the site's own language, is the first edition.
        assert!(err.contains("`undefined_in_it`"), "{err}");
        assert_eq!(err.matches("error[template]").count(), 1, "{err}");
        assert!(
            !site.file("public").exists(),
            "a failed build wrote its output"
        );
    }
}
