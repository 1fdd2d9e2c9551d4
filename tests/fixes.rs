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
