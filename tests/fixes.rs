//! Regression tests of issue 21 ("fixes from real offers and from an attack"), through the
//! binary: each fails without its fix.

mod common;
use common::{Site, assert_no_panic};

use std::process::{Command, Stdio};

/// The commands that print on standard output, each run on a copy of the example site.
fn printing_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["check", "site"],
        vec!["check", "site", "--format", "json"],
        vec![
            "route",
            "site",
            "--product",
            "azure",
            "--issue",
            "outage",
            "--severity",
            "A",
            "--plan",
            "premium",
        ],
        vec!["schema"],
        vec!["build", "site"],
    ]
}

/// 21.8: a full standard output is a failed write: exit 2 with a message, never a panic.
#[cfg(unix)]
#[test]
fn a_full_stdout_is_exit_2_with_a_message() {
    for args in printing_commands() {
        let site = Site::example();
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_supportbook"))
            .current_dir(site.cwd())
            .args(&args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_no_panic(&out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: standard output:"),
            "{args:?}: {stderr}"
        );
    }
}

/// 21.8: a reader that went away (a closed pipe) ends the command quietly with exit 0.
#[test]
fn a_closed_stdout_ends_quietly_with_exit_0() {
    for args in printing_commands() {
        let site = Site::example();
        let mut child = Command::new(env!("CARGO_BIN_EXE_supportbook"))
            .current_dir(site.cwd())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_no_panic(&out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
    // The build still happened.
    let site = Site::example();
    let mut child = bin_std()
        .current_dir(site.cwd())
        .args(["build", "site"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
    assert!(site.file("public/index.html").exists());
}

fn bin_std() -> Command {
    Command::new(env!("CARGO_BIN_EXE_supportbook"))
}

/// 21.3: a `base_url` with credentials is an error that does not repeat the password, and
/// `--base-url` with credentials is refused.
#[test]
fn a_base_url_with_credentials_is_an_error() {
    let site = Site::minimal();
    site.replace(
        "supportbook.yaml",
        "https://support.contoso.example/",
        "https://partner:s3cr3t@support.contoso.example/",
    );
    let check = site.check();
    let d = check.only_error("invalid-url");
    d.assert_at(&site.at("supportbook.yaml", "https://partner"))
        .assert_message_contains(&["user name or password"]);
    assert!(!check.stdout.contains("s3cr3t"), "{}", check.stdout);

    let site = Site::minimal();
    let out = site
        .cmd()
        .args(["build", "site", "--base-url", "https://u:pw@host.example/"])
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("user name or password"), "{stderr}");
    assert!(!site.file("public").exists());
}

/// 21.4: a `.git` folder the user keeps inside the output survives every rebuild, and a
/// folder that holds nothing but a `.git` may be built into.
#[test]
fn a_git_folder_inside_the_output_survives_rebuilds() {
    let site = Site::minimal();
    std::fs::create_dir_all(site.file("public/.git/refs")).unwrap();
    site.write("public/.git/HEAD", "ref: refs/heads/pages\n");
    site.write("public/.git/refs/deploy", "abc\n");
    let build = || {
        let out = site.cmd().args(["build", "site"]).output().unwrap();
        assert_no_panic(&out);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build();
    assert!(site.file("public/index.html").exists());
    site.replace("supportbook.yaml", "Contoso Support", "Contoso Help");
    build();
    assert!(site.read("public/index.html").contains("Contoso Help"));
    assert_eq!(site.read("public/.git/HEAD"), "ref: refs/heads/pages\n");
    assert_eq!(site.read("public/.git/refs/deploy"), "abc\n");
    // Nothing is left beside the output.
    let names: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Every file of a built output, by path under it.
fn output_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            out.push((
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out
}

/// Builds the site into `public`; fails the test if the build fails.
fn build(site: &Site) {
    let out = site.cmd().args(["build", "site"]).output().unwrap();
    assert_no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// 21.20: an always-open method's own hours name no empty time zone, in any page, the API or
/// the finder's data; `diff OLD .` names `.` by the folder's name.
#[test]
fn always_open_hours_have_no_empty_zone_and_diff_names_dot() {
    let site = Site::example();
    site.replace(
        "catalogue/contacts.yaml",
        "{ type: chat, value: \"https://www.contoso-cloud.example/chat\", hours: extended }",
        "{ type: chat, value: \"https://www.contoso-cloud.example/chat\", hours: always }",
    );
    build(&site);
    let mut shown = 0;
    for (path, bytes) in output_files(&site.file("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for name in [
            "24 ore su 24, 7 giorni su 7",
            "24 hours a day, 7 days a week",
        ] {
            assert!(!text.contains(&format!("{name} ()")), "{path}");
            shown += text.matches(name).count();
        }
    }
    assert!(shown > 0);

    let old = Site::example();
    let out = common::bin()
        .current_dir(site.path())
        .args(["diff", old.path().to_str().unwrap(), ".", "--lang", "en"])
        .output()
        .unwrap();
    assert_no_panic(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(first.ends_with(" and site (0 worse)."), "{stdout}");
}

/// 21.2: a `supportbook.yaml` that links to a file outside the site is refused, and nothing
/// of that file reaches the messages.
#[cfg(unix)]
#[test]
fn a_settings_file_linked_from_outside_the_site_is_refused_unquoted() {
    let site = Site::minimal();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("shadow.yaml");
    std::fs::write(&secret, "root:TOP-SECRET:0:0\n[broken: yaml\n").unwrap();
    site.remove("supportbook.yaml");
    std::os::unix::fs::symlink(&secret, site.file("supportbook.yaml")).unwrap();
    for format in ["json", "human"] {
        let out = site
            .cmd()
            .args(["check", "site", "--format", format])
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1));
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("TOP-SECRET"), "{all}");
        assert!(!all.contains("broken"), "{all}");
        assert!(all.contains("outside-site"), "{all}");
    }
    site.check().only_error("outside-site");
    // A link inside the site is the site's own file.
    let site = Site::minimal();
    std::fs::rename(site.file("supportbook.yaml"), site.file("settings.yaml")).unwrap();
    std::os::unix::fs::symlink("settings.yaml", site.file("supportbook.yaml")).unwrap();
    site.check().assert_exit(0);
}

/// 21.5: control characters in catalogue text (and in a page) reach no output raw: not the
/// HTML, the JSON, the sitemap or the calendar files.
#[test]
fn control_characters_reach_no_output() {
    let site = Site::minimal();
    site.replace(
        common::MAIN,
        "name: Contoso Cloud\n",
        "name: \"Contoso\\0Cloud\\e[31m\\x7f\\x85\"\n",
    );
    site.replace(
        common::MAIN,
        "{ date: 2026-12-25, name: Christmas Day }",
        "{ date: 2026-12-25, name: \"Christmas\\bDay\\x01\" }",
    );
    site.write(
        "pages/about.md",
        "---\ntitle: \"About\\x02us\"\n---\n\nWe\u{0}are\u{1b}here\u{7}.\n",
    );
    build(&site);
    let files = output_files(&site.file("public"));
    assert!(files.iter().any(|(p, _)| p.ends_with(".ics")));
    let mut seen = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        assert!(bad.is_empty(), "{path} has {bad:?}");
        seen += text.matches("Contoso\u{FFFD}Cloud").count();
    }
    assert!(
        seen > 0,
        "the partner's name is shown with the character replaced"
    );
    // JSON stays valid.
    for (path, bytes) in &files {
        if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

/// 21.9: language tags are case-insensitive: `translations/DE.yaml` beside `de.yaml`, and
/// `languages: {de, DE}`, are errors, not a silent choice or a doubled output.
#[test]
fn case_variant_languages_and_translation_files_are_errors() {
    let site = Site::minimal();
    let config = common::with_language(&site.read("supportbook.yaml"), "de", "{}");
    site.write("supportbook.yaml", &config);
    site.write("translations/de.yaml", "{}\n");
    site.write("translations/DE.yaml", "{}\n");
    let check = site.check();
    check.assert_exit(1);
    let d = check.one("duplicate-key");
    assert!(
        d.message.contains("translations/de.yaml") && d.message.contains("translations/DE.yaml"),
        "{d:#?}"
    );
    assert_eq!(d.line, Some(1));

    let site = Site::minimal();
    let config = common::with_language(&site.read("supportbook.yaml"), "de", "{}");
    // Listed first (with_language puts a tag at the top of the map).
    let config = common::with_language(&config, "DE", "{}");
    site.write("supportbook.yaml", &config);
    let check = site.check();
    check.assert_exit(1);
    check
        .one("duplicate-key")
        .assert_at(&site.at("supportbook.yaml", "de:"))
        .assert_message_contains(&["`DE`", "case-insensitive"]);
}

/// 21.19: `route --at` refuses offsets RFC 3339 does not have and instants from before
/// standard time (answers there would be off by seconds); valid instants still answer.
#[test]
fn route_at_refuses_bad_offsets_and_instants_before_1900() {
    let site = Site::minimal();
    let base = [
        "--product",
        "azure",
        "--issue",
        "outage",
        "--severity",
        "A",
        "--plan",
        "essential",
    ];
    for (at, words) in [
        ("2026-12-24T09:00:00+25:00", "hours 00 to 23"),
        ("2026-12-24T09:00:00+24:00", "hours 00 to 23"),
        ("2026-12-24T09:00:00-23:60", "not an instant"),
        ("1850-06-01T09:00:00+01:00", "before 1900"),
        ("1899-12-31T23:59:59Z", "before 1900"),
    ] {
        let mut args = base.to_vec();
        args.extend(["--at", at]);
        let (code, json, stderr) = site.route(&args);
        assert_eq!(code, 2, "{at}: {stderr}");
        assert!(json.is_none(), "{at}");
        assert!(stderr.contains(words), "{at}: {stderr}");
    }
    for at in ["2026-12-24T09:00:00+23:59", "1900-01-01T00:00:00Z", "now"] {
        let mut args = base.to_vec();
        args.extend(["--at", at]);
        let (code, json, stderr) = site.route(&args);
        assert_eq!(code, 0, "{at}: {stderr}");
        assert!(json.is_some(), "{at}");
    }
}

/// WCAG 2 contrast of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let lum = |hex: &str| {
        let v: Vec<f64> = (0..3)
            .map(|i| {
                let c =
                    f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
                if c <= 0.04045 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            })
            .collect();
        0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The value of a custom property in the page's brand rule.
fn custom_property(html: &str, name: &str) -> String {
    let key = format!("{name}:");
    let at = html.find(&key).unwrap_or_else(|| panic!("no {name}")) + key.len();
    html[at..at + 7].to_string()
}

/// 21.23: buttons keep the partner's colour where AA holds with white or dark text on it,
/// switching the text colour instead of darkening it; a colour neither reads on is shaded.
#[test]
fn buttons_keep_the_brand_colour_and_switch_their_text() {
    for (colour, accent, text) in [
        ("#ff8c00", Some("#ff8c00"), "#1a1f24"),
        ("#f5c400", Some("#f5c400"), "#1a1f24"),
        ("#0f6cbd", Some("#0f6cbd"), "#ffffff"),
        ("#808080", None, "#ffffff"),
    ] {
        let site = Site::example();
        site.replace("supportbook.yaml", "\"#0f6cbd\"", &format!("\"{colour}\""));
        build(&site);
        let html = site.read("public/index.html");
        let got = custom_property(&html, "--brand-accent");
        let on = custom_property(&html, "--brand-accent-text");
        match accent {
            Some(a) => assert_eq!(got, a, "{colour}"),
            None => assert_ne!(got, colour, "{colour}"),
        }
        assert_eq!(on, text, "{colour}");
        assert!(contrast(&got, &on) >= 4.5, "{colour}: {got} under {on}");
        let css = std::fs::read_dir(site.file("public"))
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().ends_with(".css"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap());
        let css = css.or_else(|| {
            output_files(&site.file("public"))
                .into_iter()
                .find(|(p, _)| p.ends_with(".css"))
                .map(|(_, b)| String::from_utf8(b).unwrap())
        });
        let css = css.expect("a stylesheet");
        assert!(css.contains("--accent: var(--brand-accent,"));
        assert!(css.contains("--accent-text: var(--brand-accent-text,"));
    }
}

/// 21.15: languages beyond the built-in five, with their words from a theme that does not
/// name them, are named in themselves by CLDR in the switcher, not "English".
#[test]
fn languages_beyond_the_builtin_five_are_named_in_themselves() {
    let site = Site::minimal();
    let builtin: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("themes/default/i18n.json")).unwrap(),
    )
    .unwrap();
    let mut table = builtin.clone();
    // Japanese without a name of its own, Chinese and Korean with English's words copied whole.
    let mut words = builtin["en"].as_object().unwrap().clone();
    for tag in ["zh", "ko"] {
        table.insert(tag.into(), serde_json::Value::Object(words.clone()));
    }
    words.remove("language_name");
    table.insert("ja".into(), serde_json::Value::Object(words));
    site.write(
        "mytheme/i18n.json",
        serde_json::to_string_pretty(&table).unwrap(),
    );
    let mut config = site.read("supportbook.yaml");
    config.push_str("theme: mytheme\n");
    for tag in ["ko", "zh", "ja"] {
        config = common::with_language(&config, tag, "{}");
    }
    site.write("supportbook.yaml", config);
    build(&site);
    let html = site.read("public/index.html");
    let start = html
        .find("hreflang=\"ja\" lang=\"ja\"")
        .expect("a switcher");
    let switcher = &html[start..start + html[start..].find("</ul>").unwrap()];
    for (tag, name) in [("ja", "日本語"), ("zh", "中文"), ("ko", "한국어")] {
        assert!(
            switcher.contains(&format!("<span class=\"lang-name\">{name}</span>")),
            "{tag}: {switcher}"
        );
    }
    assert_eq!(
        html.matches("<span class=\"lang-name\">English</span>")
            .count(),
        1,
        "{html}"
    );
}

/// 21.17: a method of type `other` is shown (as text) in the home page's help cards.
#[test]
fn methods_of_type_other_are_shown_in_the_help_cards() {
    let site = Site::example();
    site.insert_after(
        "catalogue/contacts.yaml",
        "{ type: web, value: \"https://portal.contoso-cloud.example/cases/new\" }",
        "      - { type: other, value: \"Chiedete al vostro account manager\", label: Account }",
    );
    build(&site);
    // The label is not translated: the English page marks it as the catalogue's Italian (24.7).
    for (page, lang, label) in [
        ("public/index.html", "it", "Account"),
        (
            "public/en/index.html",
            "en",
            "<span lang=\"it\">Account</span>",
        ),
    ] {
        let html = site.read(page);
        let start = html.find("id=\"help-service-desk\"").expect("a help card");
        let card = &html[start..start + html[start..].find("</article>").unwrap()];
        let shown = format!(
            "<span class=\"method-text method-other\"><span class=\"method-label\">{label}</span> <span class=\"method-value\">Chiedete al vostro account manager</span></span>"
        );
        assert!(card.contains(&shown), "{lang}: {card}");
    }
}

/// 21.16: a calendar's `note` (Markdown, translatable) is shown with its hours on the contact
/// page, in every language.
#[test]
fn a_calendars_note_is_shown_on_the_contact_page() {
    let site = Site::example();
    site.insert_after(
        "catalogue/calendars.yaml",
        "    name: Orario d'ufficio, Milano",
        "    note: Il **sabato** rispondiamo solo al telefono.",
    );
    site.replace(
        "translations/en.yaml",
        "    name: Office hours, Milan\n",
        "    name: Office hours, Milan\n    note: On **Saturdays** we answer the phone only.\n",
    );
    build(&site);
    for (page, note) in [
        (
            "public/contact/index.html",
            "Il <strong>sabato</strong> rispondiamo solo al telefono.",
        ),
        (
            "public/en/contact/index.html",
            "On <strong>Saturdays</strong> we answer the phone only.",
        ),
    ] {
        let html = site.read(page);
        let start = html
            .find("id=\"calendar-milan-office\"")
            .unwrap_or_else(|| panic!("{page} shows the calendar"));
        let end = start + html[start..].find("</details>").unwrap();
        assert!(
            html[start..end].contains(note),
            "{page}: {}",
            &html[start..end]
        );
    }
}

/// 21.18: `route` keeps methods' labels, gives no response target for a case the plan does
/// not cover, and on a site of one plan gives that plan's targets without `--plan`.
#[test]
fn route_keeps_labels_skips_uncovered_targets_and_uses_the_only_plan() {
    let site = Site::minimal();
    site.replace(
        common::MAIN,
        "{ type: phone, value: \"+39 02 5555 0100\" }",
        "{ type: phone, value: \"+39 02 5555 0100\", label: Toll-free }",
    );
    site.replace(
        common::MAIN,
        "  rules:\n",
        "  rules:\n    - id: no-m365-billing\n      when: { product: m365, issue: billing }\n      covered: false\n      note: Ask Microsoft.\n",
    );
    let base = [
        "--issue",
        "billing",
        "--severity",
        "A",
        "--plan",
        "essential",
    ];
    // Labels, in JSON and in words.
    let mut args = vec!["--product", "azure"];
    args.extend(base);
    let (code, json, stderr) = site.route(&args);
    assert_eq!(code, 0, "{stderr}");
    let json = json.unwrap();
    let methods = &json["cases"][0]["tiers"][0]["methods"];
    assert_eq!(methods[0]["label"], "Toll-free", "{methods}");
    assert_eq!(methods[1]["label"], serde_json::Value::Null, "{methods}");
    let out = site
        .cmd()
        .args(["route", "site"])
        .args(&args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("phone  Toll-free: +39 02 5555 0100"),
        "{text}"
    );
    assert!(
        text.contains("response: severity A within 4 business hours"),
        "{text}"
    );
    // Not covered: no target.
    let mut args = vec!["--product", "m365"];
    args.extend(base);
    let (_, json, _) = site.route(&args);
    let case = &json.unwrap()["cases"][0];
    assert_eq!(case["covered"], false);
    assert_eq!(case["response"], serde_json::json!([]), "{case}");
    let out = site
        .cmd()
        .args(["route", "site"])
        .args(&args)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("response:"));

    // One plan, rules that do not name it: its targets apply without --plan.
    let site = Site::minimal();
    let text = site.read(common::MAIN);
    let start = text.find("  - id: premium\n").unwrap();
    let end = text.find("\nproducts:").unwrap();
    site.write(
        common::MAIN,
        format!("{}{}", &text[..start], &text[end + 1..]),
    );
    let (code, json, stderr) =
        site.route(&["--product", "azure", "--issue", "outage", "--severity", "A"]);
    assert_eq!(code, 0, "{stderr}");
    let json = json.unwrap();
    assert_eq!(json["cases"].as_array().unwrap().len(), 1, "{json}");
    let case = &json["cases"][0];
    assert_eq!(case["plan"], "essential", "{case}");
    assert_eq!(case["response"][0]["within"], "4h", "{case}");
}

/// 21.13: a theme whose `i18n.json` lacks words the build needs fails `check` as it fails
/// `build`: the same error at the same place, and `build` writes nothing.
#[test]
fn check_finds_the_partial_theme_words_build_refuses() {
    let site = Site::minimal();
    site.write("mytheme/i18n.json", "{\"en\": {\"nav_home\": \"Home\"}}\n");
    site.write(
        "supportbook.yaml",
        format!("{}theme: mytheme\n", site.read("supportbook.yaml")),
    );
    let check = site.check();
    let d = check.only_error("invalid-value");
    d.assert_at(&site.at_in("supportbook.yaml", "language: en", "en"))
        .assert_message_contains(&["no interface words for `en`"]);
    let (code, text) = site.check_text("human");
    assert_eq!(code, 1);
    let line = text.lines().next().unwrap().to_string();
    let out = site.cmd().args(["build", "site"]).output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().next(), Some(line.as_str()), "{stderr}");
    assert!(!site.file("public").exists());
}

/// 21.7: `diff --against` stopped by Ctrl-C leaves no temporary checkout behind.
#[cfg(unix)]
#[test]
fn an_interrupted_diff_against_leaves_no_checkout_behind() {
    let repo = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("content-example"),
        &repo.path().join("site"),
    );
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(repo.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "site"]);
    let tmp = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_supportbook"))
        .current_dir(repo.path())
        .env("TMPDIR", tmp.path())
        .args(["diff", "site", "--against", "HEAD"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let checkout = || {
        std::fs::read_dir(tmp.path()).unwrap().flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("supportbook-diff-")
        })
    };
    while !checkout() {
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out);
    assert_ne!(out.status.code(), Some(0), "the run was interrupted");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// 21.12: a second YAML document in a file is said in a partner's words, not the parser's.
#[test]
fn a_second_document_is_said_in_a_partners_words() {
    let site = Site::minimal();
    site.write(
        "catalogue/extra.yaml",
        "severities:\n  - { id: D, name: Low }\n---\nplans: []\n",
    );
    let check = site.check();
    let d = check.only_error("yaml-syntax");
    d.assert_at(&site.at("catalogue/extra.yaml", "plans: []"))
        .assert_message_contains(&["a second document begins here, after a `---` line"]);
    assert!(!check.stdout.contains("from_str"), "{}", check.stdout);
}

/// 21.11: one wrong type in `supportbook.yaml` is one error, located, not a cascade of
/// broken links and translations of no language.
#[test]
fn one_wrong_type_in_the_settings_is_one_error() {
    let site = Site::example();
    site.replace(
        "supportbook.yaml",
        "title: Assistenza Contoso Cloud Italia\n",
        "title: [Assistenza, Contoso]\n",
    );
    site.check()
        .only_error("wrong-type")
        .assert_at(&site.at("supportbook.yaml", "[Assistenza"));
    let site = Site::example();
    site.replace("supportbook.yaml", "language: it\n", "language: [it]\n");
    site.check()
        .only_error("wrong-type")
        .assert_at(&site.at("supportbook.yaml", "[it]"));
}

/// 21.14: an old output that cannot be deleted (here: a file made immutable) neither fails
/// the build that replaced it nor blocks the builds after; a warning names it.
#[cfg(target_os = "linux")]
#[test]
fn an_old_output_that_cannot_be_deleted_blocks_no_build() {
    let site = Site::minimal();
    build(&site);
    let stuck = site.file("public/stuck.txt");
    std::fs::write(&stuck, "x").unwrap();
    let immutable = Command::new("chattr")
        .arg("+i")
        .arg(&stuck)
        .status()
        .is_ok_and(|s| s.success());
    if !immutable {
        // Only root on a file system with attributes can make a file undeletable.
        eprintln!("skipped: chattr +i is not available here");
        return;
    }
    let leftover = site.path().join(".public.supportbook-old");
    let run = || {
        let out = site.cmd().args(["build", "site"]).output().unwrap();
        assert_no_panic(&out);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run();
    let (code2, stderr2) = run();
    let _ = Command::new("chattr")
        .arg("-i")
        .arg(leftover.join("stuck.txt"))
        .status();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("could not be deleted"), "{stderr}");
    assert!(stderr.contains(".public.supportbook-old"), "{stderr}");
    assert_eq!(code2, Some(0), "{stderr2}");
    assert!(stderr2.contains("left by an earlier build"), "{stderr2}");
    assert!(site.file("public/index.html").exists());
    assert!(!site.file("public/stuck.txt").exists());
}

/// 21.22: `init DIR --language L` writes a small site in that one built-in language: it
/// passes `check --strict`, publishes that language only, and has no draft page.
#[test]
fn init_with_a_language_scaffolds_a_site_in_that_language_only() {
    for (lang, word) in [
        ("en", "Critical"),
        ("it", "Critica"),
        ("de", "Kritisch"),
        ("fr", "Critique"),
        ("es", "Crítica"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let out = common::bin()
            .current_dir(tmp.path())
            .args(["init", "site", "--language", lang])
            .output()
            .unwrap();
        assert_no_panic(&out);
        assert!(out.status.success(), "{lang}");
        let site = Site { tmp };
        let strict = site.check_with(&["--strict"]);
        strict.assert_exit(0);
        assert_eq!(strict.warnings, 0, "{lang}: {}", strict.listing());
        assert!(!site.file("translations").exists(), "{lang}");
        for (path, bytes) in output_files(&site.path()) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("draft"), "{lang}: {path}");
        }
        build(&site);
        let home = site.read("public/index.html");
        assert!(home.contains(&format!("<html lang=\"{lang}\"")), "{lang}");
        for other in ["en", "it", "de", "fr", "es"]
            .iter()
            .filter(|o| **o != lang)
        {
            assert!(
                !site.file(&format!("public/{other}")).exists(),
                "{lang}: {other}/"
            );
        }
        let plans = output_files(&site.file("public"))
            .into_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .any(|(_, b)| String::from_utf8_lossy(&b).contains(word));
        assert!(plans, "{lang}: `{word}` is shown");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = common::bin()
        .current_dir(tmp.path())
        .args(["init", "site", "--language", "pt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("en, it, de, fr, es"));
    assert!(!tmp.path().join("site").exists());
}
