//! The built `content-example/` in headless Chromium (tests/browser/portal.mjs): the route
//! finder against `supportbook route`, "open now" under a fixed clock, axe-core on every page
//! in light and dark, keyboard, 360 px, print, no console errors, no external requests, and
//! screenshots in target/screenshots/.

use std::path::Path;
use std::process::Command;

const INSTALL: &str = "run `bash .ci/install-deps.sh` to install Chromium and the npm packages";

fn require(ok: bool, what: &str) {
    assert!(ok, "{what} is missing: {INSTALL}");
}

#[test]
fn portal_in_a_real_browser() {
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    require(Path::new(&chromium).exists(), &chromium);
    require(
        Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "node",
    );
    for module in ["playwright-core", "axe-core"] {
        require(
            Path::new("tests/browser/node_modules")
                .join(module)
                .join("package.json")
                .exists(),
            &format!("tests/browser/node_modules/{module}"),
        );
    }

    // The site is built for the port it is served on, as a deployment would be.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let bin = env!("CARGO_BIN_EXE_supportbook");
    let build = Command::new(bin)
        .args(["build", "content-example", "--output"])
        .arg(&site)
        .args(["--base-url", &format!("http://127.0.0.1:{port}/")])
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "build failed:\n{}{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );

    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let run = Command::new("node")
        .arg("tests/browser/portal.mjs")
        .arg(&site)
        .args(["--port", &port.to_string()])
        .env("SUPPORTBOOK_BIN", bin)
        .env("SUPPORTBOOK_SITE", "content-example")
        .env("SCREENSHOT_DIR", &screenshots)
        .env("CHROMIUM_PATH", &chromium)
        .env_remove("PORTAL_ONLY")
        .output()
        .unwrap();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{output}");
    assert!(
        run.status.success(),
        "browser tests failed (exit {:?}):\n{output}",
        run.status.code()
    );
    assert!(
        output.contains(" passed, 0 failed"),
        "no summary line:\n{output}"
    );
}
