//! `supportbook serve` over real loopback HTTP against the real binary.

mod common;
use common::free_port;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `supportbook serve` on a copy of the example site.
struct Served {
    child: Child,
    port: u16,
    lines: Arc<Mutex<Vec<String>>>,
    site: tempfile::TempDir,
}

impl Served {
    fn start() -> Served {
        Served::start_with(free_port(), &[])
    }

    /// Starts serve on a copy of the example site, first trying `port`; stdout and stderr
    /// lines are collected together.
    fn start_with(port: u16, extra: &[&str]) -> Served {
        Served::start_on(port, extra, |_| {})
    }

    /// Starts serve on a copy of the example site that `prepare` has changed.
    fn start_on(port: u16, extra: &[&str], prepare: impl FnOnce(&Path)) -> Served {
        let site = tempfile::tempdir().unwrap();
        common::copy_dir(Path::new("content-example"), site.path());
        prepare(site.path());
        let port = port.to_string();
        let mut args = vec!["serve", site.path().to_str().unwrap(), "--port", &port];
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_supportbook"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        for reader in [Box::new(out) as Box<dyn Read + Send>, Box::new(err)] {
            let sink = lines.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(reader).lines().map_while(Result::ok) {
                    sink.lock().unwrap().push(line);
                }
            });
        }
        let mut served = Served {
            child,
            port: 0,
            lines,
            site,
        };
        let line = served.wait_line(|l| l.starts_with("serving "), Duration::from_secs(30));
        let url = line.split(" at ").nth(1).unwrap();
        served.port = url
            .trim_end_matches("/ (Ctrl-C to stop)")
            .rsplit(':')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .parse()
            .unwrap();
        served
    }

    fn wait_line(&self, pred: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.lines.lock().unwrap().iter().find(|l| pred(l)) {
                return l.clone();
            }
            assert!(
                start.elapsed() < timeout,
                "no such line; output: {:?}",
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The rebuilds reported so far (a search index that follows one on a line of its own is
    /// part of it).
    fn rebuilds(&self) -> usize {
        self.rebuild_lines().len()
    }

    /// The report lines of the rebuilds so far (the first build's included), in order.
    fn rebuild_lines(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.contains(": ok in ") || l.contains(": FAILED in "))
            .filter(|l| !l.starts_with("search index: "))
            .cloned()
            .collect()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }

    /// Polls `path` until `pred` holds for the reply.
    fn wait_for(&self, path: &str, pred: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if pred(&r) {
                return r;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting on {path}; last status {}; serve said {:?}",
                r.status,
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: String,
    bytes: Vec<u8>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// A request on a fresh connection; there must be a reply within 10 s.
fn request(port: u16, method: &str, path: &str) -> Reply {
    request_within(port, method, path, Duration::from_secs(10))
}

fn request_within(port: u16, method: &str, path: &str, limit: Duration) -> Reply {
    let head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let reply = exchange(port, head.as_bytes(), limit);
    assert_ne!(reply.status, 0, "no reply to {method} {path}");
    reply
}

/// Sends `bytes` on a fresh connection and reads until the server closes it (or `limit`
/// passes). Status 0: no status line came back.
fn exchange(port: u16, bytes: &[u8], limit: Duration) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(bytes).unwrap();
    let mut raw = Vec::new();
    // A reset after the reply is the server refusing to read more than it needed.
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let rest = raw.get(split + 4..).unwrap_or_default();
    let status = if head.starts_with("HTTP/1.1 ") {
        head.split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    } else {
        0
    };
    let bytes = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Reply {
        status,
        headers: head,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&body[..eol]);
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        let rest = &body[eol + 2..];
        if n == 0 || rest.len() < n {
            break;
        }
        out.extend_from_slice(&rest[..n]);
        body = rest[n..].strip_prefix(b"\r\n").unwrap_or(&rest[n..]);
    }
    out
}

#[test]
fn pages_have_content_types_no_cache_and_the_reload_script() {
    let s = Served::start();
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(
        home.header("content-type")
            .unwrap()
            .starts_with("text/html"),
        "{}",
        home.headers
    );
    assert_eq!(home.header("cache-control").as_deref(), Some("no-cache"));
    assert!(home.body.contains("/__supportbook/live.js"));
    let api = s.get("/api/catalogue.json");
    assert_eq!(api.status, 200);
    assert!(
        api.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert!(
        !api.body.contains("live.js"),
        "scripts are injected into HTML only"
    );
    let ics = s.get("/calendars/milan-office.ics");
    assert!(
        ics.header("content-type")
            .unwrap()
            .starts_with("text/calendar"),
        "{}",
        ics.headers
    );
    let head = request(s.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(home.bytes.len().to_string()),
        "HEAD names the length GET sends"
    );
    assert_eq!(request(s.port, "POST", "/").status, 405);
    assert_eq!(s.get("/plans").status, 301);
}

#[test]
fn missing_pages_get_the_theme_404_with_status_404() {
    let s = Served::start();
    let r = s.get("/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<html"), "the theme's 404 page");
}

/// The preview serves files from memory, never from the disk, so no path can read the secret
/// beside the site's pages; what must hold is that a path that would leave the output folder
/// (were it a folder) is refused as such, with 400, before any lookup: without that check these
/// paths would get 404 and the test fails.
#[test]
fn no_path_escapes_the_site() {
    let s = Served::start();
    std::fs::write(s.path("secret.txt"), "TOP SECRET").unwrap();
    std::fs::write(s.path("static/secret.txt"), "TOP SECRET").unwrap();
    s.wait_for("/secret.txt", |r| r.status == 200);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/plans/../../secret.txt",
        "/plans/%2e%2e/secret.txt",
        "/./secret.txt",
        "/%00",
        "/a%zz",
        "/C:/Windows/win.ini",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 400, "{path} gave {}", r.status);
        assert!(!r.body.contains("TOP SECRET"), "{path} leaked");
    }
    // Empty segments are no escape: `//etc/passwd` is `/etc/passwd` of the site.
    let r = s.get("//etc/passwd");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("root:"));
    // Percent-encoded names that stay inside are decoded and served.
    assert_eq!(s.get("/%73ecret.txt").body, "TOP SECRET");
    assert_eq!(s.get("/%70lans/").status, 200);
}

/// Requests any web page the user visits can send to the preview: each is answered or
/// refused, and the preview goes on answering.
#[test]
fn hostile_requests_are_refused_and_the_preview_goes_on() {
    let mut s = Served::start();
    for (method, status) in [("GET", 200), ("HEAD", 200), ("POST", 405)] {
        let head = format!(
            "{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\nthe start of a body"
        );
        let r = exchange(s.port, head.as_bytes(), Duration::from_secs(10));
        assert_eq!(r.status, status, "{method} with a huge body: {}", r.headers);
        assert_eq!(
            r.header("connection").as_deref(),
            Some("close"),
            "the unread body is not drained"
        );
        assert_eq!(
            s.get("/plans/").status,
            200,
            "after a {method} with a huge body"
        );
    }
    // A header line that never ends is not buffered whole: the server stops reading it.
    let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    c.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Endless: ")
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    let refused = loop {
        match c.write_all(&chunk) {
            Ok(()) => sent += chunk.len(),
            Err(e) => break e,
        }
        assert!(
            sent < 64 << 20,
            "the server read {sent} bytes of one header"
        );
    };
    assert!(
        matches!(
            refused.kind(),
            std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::ConnectionReset
        ),
        "the server closed the connection: {refused} after {sent} bytes"
    );
    assert!(sent < 16 << 20, "{sent} bytes were read");
    // Many headers, a bad request line, a request with no head at all.
    let many: String = (0..2000).map(|i| format!("X-{i}: y\r\n")).collect();
    let r = exchange(
        s.port,
        format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n").as_bytes(),
        Duration::from_secs(10),
    );
    assert_eq!(r.status, 431);
    let r = exchange(
        s.port,
        b"\x16\x03\x01garbage\r\n\r\n",
        Duration::from_secs(10),
    );
    assert_eq!(r.status, 400);
    assert_eq!(s.get("/plans/").status, 200);
    assert!(s.child.try_wait().unwrap().is_none(), "serve is running");
}

/// The preview's only timeouts are per connection (a request head must arrive within 10 s;
/// nothing else expires): the listener has none. Idle for longer, with a half-sent request
/// and an event stream open, then a new request is answered and the old stream still works.
#[test]
fn the_preview_answers_after_idling_past_every_timeout() {
    let s = Served::start();
    let mut events = open_events(s.port);
    let first = next_data(&mut events);
    let mut half = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    std::thread::sleep(Duration::from_secs(12));
    half.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let mut rest = Vec::new();
    assert!(
        half.read_to_end(&mut rest).is_ok(),
        "the half-sent request's connection was closed by its own timeout"
    );
    let start = Instant::now();
    let r = request_within(s.port, "GET", "/", Duration::from_secs(2));
    assert_eq!(r.status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    s.change("pages/terms.md", |t| t + "\nAfter the idle.\n");
    let second = next_data(&mut events);
    assert_ne!(
        first, second,
        "the stream opened before the idle announces the edit"
    );
}

/// Each of 10 fresh servers answers a request at once while 64 other clients hold half-sent
/// requests (a server that queues connections behind stalled ones would wait 10 s).
#[test]
fn a_request_beside_64_stalled_clients_is_answered_at_once() {
    for attempt in 0..10 {
        let s = Served::start();
        let stalled: Vec<TcpStream> = (0..64)
            .map(|_| {
                let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
                c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
                c
            })
            .collect();
        let start = Instant::now();
        let r = request_within(s.port, "GET", "/plans/", Duration::from_secs(3));
        assert_eq!(r.status, 200, "attempt {attempt}");
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "attempt {attempt}: answered after {:?}",
            start.elapsed()
        );
        drop(stalled);
    }
}

#[test]
fn a_redirect_never_leaves_the_host() {
    let s = Served::start();
    s.change("pages/evil.md", |_| {
        "---\ntitle: Evil\nslug: evil.example\n---\n\nA page named like a host.\n".into()
    });
    s.wait_for("/evil.example/", |r| r.status == 200);
    for (path, location) in [
        ("/evil.example", "/evil.example/"),
        ("//evil.example", "/evil.example/"),
        ("///evil.example", "/evil.example/"),
        ("//evil.example?x", "/evil.example/?x"),
        (
            "//evil.example?//other.example",
            "/evil.example/?//other.example",
        ),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 301, "{path}");
        assert_eq!(r.header("location").as_deref(), Some(location), "{path}");
    }
}

#[test]
fn an_edit_shows_up_a_broken_edit_shows_the_overlay_and_the_fix_heals_it() {
    let s = Served::start();
    let faq = s.path("pages/faq.md");
    let text = std::fs::read_to_string(&faq).unwrap();
    std::fs::write(
        &faq,
        text.replacen("\n---\n", "\n---\n\nFreshly edited paragraph.\n", 1),
    )
    .unwrap();
    s.wait_for("/domande-frequenti/", |r| {
        r.body.contains("Freshly edited paragraph.")
    });

    let routing = s.path("catalogue/routing.yaml");
    let good = std::fs::read_to_string(&routing).unwrap();
    std::fs::write(
        &routing,
        good.replacen("  policy: first", "  policy: frist", 1),
    )
    .unwrap();
    let broken = s.wait_for("/", |r| r.body.contains("supportbook-overlay"));
    assert_eq!(broken.status, 200, "the last good version stays served");
    assert!(
        broken.body.contains("routing.yaml:"),
        "the overlay names the file"
    );
    assert!(broken.body.contains("frist"));
    assert!(
        s.get("/domande-frequenti/")
            .body
            .contains("Freshly edited paragraph.")
    );

    std::fs::write(&routing, good).unwrap();
    s.wait_for("/", |r| {
        r.status == 200 && !r.body.contains("supportbook-overlay")
    });
}

#[test]
fn the_overlay_escapes_what_it_shows() {
    let s = Served::start();
    let routing = s.path("catalogue/routing.yaml");
    let good = std::fs::read_to_string(&routing).unwrap();
    std::fs::write(
        &routing,
        good.replacen(
            "  policy: first",
            "  policy: \"<img src=x onerror=alert(1)>\"",
            1,
        ),
    )
    .unwrap();
    let r = s.wait_for("/", |r| r.body.contains("supportbook-overlay"));
    assert!(
        !r.body.contains("<img src=x"),
        "markup in the overlay must be escaped"
    );
    assert!(r.body.contains("&lt;img src=x"));
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let before = s.rebuilds();
    // The files are written outside the site first and then moved in, as a checkout does: on a
    // disk slow to create files (one that has just deleted thousands), writing them in place
    // would take longer than the watcher waits for a burst to end.
    let staged = tempfile::tempdir().unwrap();
    for i in 0..50 {
        std::fs::write(
            staged.path().join(format!("burst-{i}.txt")),
            format!("file {i}"),
        )
        .unwrap();
    }
    for i in 0..50 {
        let name = format!("burst-{i}.txt");
        std::fs::rename(staged.path().join(&name), s.path(&format!("static/{name}"))).unwrap();
    }
    s.wait_for("/burst-49.txt", |r| r.status == 200);
    std::thread::sleep(Duration::from_millis(500));
    // One rebuild for the 50 files. A single saved file is rebuilt at once, so when the watcher
    // hands over the burst's first file alone (its window can close right after it, on a busy
    // machine), that file is one rebuild and the other 49 are one more; never one per file.
    let lines = s.rebuild_lines();
    let burst = &lines[before..];
    let ok = match burst {
        [all] => all.contains(" and 47 more: ok in "),
        [first, rest] => {
            first.starts_with("static/burst-")
                && !first.contains(" more: ")
                && rest.contains(" and 46 more: ok in ")
        }
        _ => false,
    };
    assert!(ok, "{burst:?}");
}

#[test]
fn a_folder_created_after_start_is_watched() {
    let s = Served::start();
    std::fs::create_dir_all(s.path("pages/guides/deep")).unwrap();
    std::fs::write(
        s.path("pages/guides/deep/setup.md"),
        "---\ntitle: Setup guide\n---\n\nHello from a new folder.\n",
    )
    .unwrap();
    s.wait_for("/guides/deep/setup/", |r| {
        r.body.contains("Hello from a new folder.")
    });
}

/// An event stream, read line by line.
fn open_events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__supportbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    BufReader::new(stream)
}

#[test]
fn the_reload_event_arrives_after_an_edit() {
    let s = Served::start();
    let mut reader = open_events(s.port);
    let first = next_data(&mut reader);
    std::fs::write(
        s.path("pages/terms.md"),
        std::fs::read_to_string(s.path("pages/terms.md")).unwrap() + "\nOne more line.\n",
    )
    .unwrap();
    let second = next_data(&mut reader);
    assert_ne!(first, second, "a new version is announced");
    assert!(second.contains("\"errors\":false"));
}

fn next_data(reader: &mut impl BufRead) -> String {
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        if let Some(data) = line.strip_prefix("data: ") {
            return data.trim().to_string();
        }
    }
}

#[test]
fn stalled_clients_do_not_block_others() {
    let s = Served::start();
    let stalled: Vec<TcpStream> = (0..30)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
            c.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            c
        })
        .collect();
    let streams: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
            c.write_all(b"GET /__supportbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .unwrap();
            c
        })
        .collect();
    // Right after they connected, in the same instant.
    let start = Instant::now();
    for _ in 0..20 {
        assert_eq!(s.get("/plans/").status, 200);
    }
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "took {:?}",
        start.elapsed()
    );
    drop((stalled, streams));
}

#[test]
fn ctrl_c_exits_promptly_and_deletes_nothing_of_the_users() {
    let mut s = Served::start();
    let before: Vec<PathBuf> = walkdir::WalkDir::new(s.site.path())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect();
    assert!(before.len() > 20, "the site's files: {before:?}");
    let pid = s.child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "serve did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let after: Vec<PathBuf> = walkdir::WalkDir::new(s.site.path())
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect();
    assert_eq!(
        before, after,
        "serve neither deletes nor writes anything in the site"
    );
    assert!(
        !s.path("public").exists(),
        "serve never writes the site's output folder"
    );
}

#[test]
fn an_open_page_reloads_itself_after_an_edit_in_chromium() {
    let s = Served::start();
    let url = format!("http://127.0.0.1:{}/condizioni/", s.port);
    let file = s.path("pages/terms.md");
    let o = Command::new("node")
        .args([
            "tests/browser/serve-reload.mjs",
            &url,
            file.to_str().unwrap(),
            "Edited while the page was open.",
        ])
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{out}");
    assert!(out.contains("reloaded"), "{out}");
}

/// The report line of the rebuild that followed the `n`-th line of output.
fn rebuild_after(s: &Served, n: usize) -> String {
    s.wait_line_after(
        n,
        |l| l.contains(": ok in ") || l.contains(": FAILED in "),
        Duration::from_secs(20),
    )
}

impl Served {
    /// Rewrites a file of the site (an empty text if it is new) and returns the report line of
    /// the rebuild that follows.
    fn change(&self, rel: &str, edit: impl FnOnce(String) -> String) -> String {
        let n = self.line_count();
        let path = self.path(rel);
        std::fs::write(
            &path,
            edit(std::fs::read_to_string(&path).unwrap_or_default()),
        )
        .unwrap();
        rebuild_after(self, n);
        self.settled_report_after(n)
    }

    /// The last report line after line `n`, once no line has come for a moment and no search
    /// index is to follow: on a loaded machine one write can reach the watcher as two batches
    /// (the file's creation, then its text), and the test must see the rebuild of the text, not
    /// the creation.
    fn settled_report_after(&self, n: usize) -> String {
        let is_report = |l: &str| l.contains(": ok in ") || l.contains(": FAILED in ");
        loop {
            let seen = self.line_count();
            std::thread::sleep(Duration::from_millis(400));
            if self.line_count() == seen && !self.index_follows() {
                // The search index of an edit is reported on its line, or on one of its own
                // when more events came first.
                let lines = self.lines.lock().unwrap();
                let after: Vec<&String> = lines.iter().skip(n).filter(|l| is_report(l)).collect();
                let last = after.iter().rposition(|l| !l.starts_with("search index: "));
                let Some(last) = last else {
                    return after.last().unwrap().to_string();
                };
                return match after[last + 1..].last() {
                    Some(index) => format!("{}; {index}", after[last]),
                    None => after[last].to_string(),
                };
            }
        }
    }

    /// Whether the last rebuild reported put its search index off ("search index follows")
    /// and the index has not been reported since.
    fn index_follows(&self) -> bool {
        let lines = self.lines.lock().unwrap();
        let last = lines
            .iter()
            .rev()
            .find(|l| l.contains(": ok in ") || l.contains(": FAILED in "));
        last.is_some_and(|l| l.ends_with("; search index follows)"))
    }

    fn line_count(&self) -> usize {
        self.lines.lock().unwrap().len()
    }

    fn wait_line_after(&self, n: usize, pred: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.lines.lock().unwrap().iter().skip(n).find(|l| pred(l)) {
                return l.clone();
            }
            assert!(
                start.elapsed() < timeout,
                "no such line; output: {:?}",
                self.lines.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The files a rebuild's report says it served, then the files of the search index that
/// followed: "pages/a.md: ok in 9 ms (2 files); search index: ok in 80 ms (14 files)".
fn served_and_indexed(line: &str) -> (usize, usize) {
    let count = |part: &str| -> usize {
        part.split_once('(')
            .and_then(|(_, n)| n.split_whitespace().next()?.parse().ok())
            .unwrap_or(usize::MAX)
    };
    match line.split_once("; search index: ") {
        Some((served, index)) => (count(served), count(index)),
        None => (count(line), 0),
    }
}

#[test]
fn rebuilds_are_as_small_as_the_change() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));

    // The files of the search index of both editions: written again whole when a page's words
    // change, after the page is served (the report gives the two apart).
    let index_files = || -> usize {
        ["/", "/en/"]
            .iter()
            .map(|p| {
                let m: serde_json::Value =
                    serde_json::from_str(&s.get(&format!("{p}api/search/index.json")).body)
                        .unwrap();
                1 + m["term_files"].as_array().unwrap().len()
                    + m["doc_files"].as_u64().unwrap() as usize
            })
            .sum()
    };
    // A page body edit re-renders that page, and the search index its text is in, in each of
    // the site's two editions (a few pages of a site of over a hundred, and the index).
    let line = s.change("pages/terms.md", |t| t + "\nA small edit.\n");
    let (files, index) = served_and_indexed(&line);
    assert!(
        line.starts_with("pages/terms.md: ok") && files < 2 * 15 && index == index_files(),
        "{line}"
    );
    assert!(s.get("/condizioni/").body.contains("A small edit."));

    // A title change re-renders everything (the navigation shows it) without re-checking.
    let line = s.change("pages/terms.md", |t| {
        t.replacen("title: ", "title: Renamed ", 1)
    });
    assert!(
        line.contains(": ok") && line.contains("(rendered "),
        "{line}"
    );
    assert!(
        s.get("/plans/").body.contains("Renamed "),
        "the navigation of other pages shows the new title"
    );

    // The title of a page the navigation does not show: that page, the home page's list of
    // pages, the sitemap (ordered by title) and the search index (results show titles), in each
    // edition (the page is untranslated, so it shows in English too), not the other pages.
    std::fs::create_dir_all(s.path("pages/guides")).unwrap();
    s.change("pages/guides/setup.md", |_| {
        "---\ntitle: Setting up\n---\n\nThe steps.\n".into()
    });
    let line = s.change("pages/guides/setup.md", |t| {
        t.replacen("title: Setting up", "title: Zen of setup", 1)
    });
    let (files, index) = served_and_indexed(&line);
    assert!(
        line.starts_with("pages/guides/setup.md: ok") && files < 2 * 20 && index == index_files(),
        "{line}"
    );
    assert!(s.get("/").body.contains("Zen of setup"));
    assert!(s.get("/guides/setup/").body.contains("Zen of setup"));

    // A static file is read again; a deleted one is gone.
    let line = s.change("static/robots-note.txt", |_| "hello".into());
    assert!(line.ends_with("(1 file)"), "{line}");
    assert_eq!(s.get("/robots-note.txt").body, "hello");
    let n = s.line_count();
    std::fs::remove_file(s.path("static/robots-note.txt")).unwrap();
    let line = rebuild_after(&s, n);
    assert!(line.contains("removed"), "{line}");
    assert_eq!(s.get("/robots-note.txt").status, 404);

    // A template override re-renders without re-checking; a catalogue edit checks everything.
    std::fs::create_dir_all(s.path("templates")).unwrap();
    let base = std::fs::read_to_string("themes/default/templates/page.html").unwrap();
    let line = s.change("templates/page.html", |_| {
        base.replacen("<article", "<!-- overridden --><article", 1)
    });
    assert!(
        line.starts_with("templates: ok") && line.contains("(rendered "),
        "{line}"
    );
    assert!(s.get("/condizioni/").body.contains("<!-- overridden -->"));
    let line = s.change("catalogue/products.yaml", |t| t + "\n");
    assert!(
        line.starts_with("catalogue: ok") && line.contains("(checked and rendered "),
        "{line}"
    );
}

#[test]
fn a_broken_page_shows_the_overlay_and_keeps_the_last_good_page() {
    let s = Served::start();
    let faq = s.path("pages/faq.md");
    let good = std::fs::read_to_string(&faq).unwrap();
    std::fs::write(&faq, good.replacen("title: ", "title: [unclosed\n", 1)).unwrap();
    let r = s.wait_for("/domande-frequenti/", |r| {
        r.body.contains("supportbook-overlay")
    });
    assert!(r.body.contains("faq.md:"), "the overlay names the page");
    std::fs::write(&faq, good.clone() + "\n[broken](/no-such-page/)\n").unwrap();
    let r = s.wait_for("/domande-frequenti/", |r| r.body.contains("broken-link"));
    assert!(r.body.contains("no-such-page"));
    std::fs::write(&faq, good).unwrap();
    s.wait_for("/domande-frequenti/", |r| {
        !r.body.contains("supportbook-overlay")
    });
}

#[test]
fn a_taken_port_is_reported_and_the_next_free_one_used() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let s = Served::start_with(port, &[]);
    assert_ne!(s.port, port);
    assert!(
        s.lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains(&format!("port {port} is taken")))
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn editor_temporary_files_are_ignored_but_extensionless_files_are_not() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let before = s.rebuilds();
    for junk in [
        "pages/.faq.md.swp",
        "pages/faq.md~",
        "pages/#faq.md#",
        "static/.DS_Store",
    ] {
        std::fs::write(s.path(junk), "junk").unwrap();
    }
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(s.rebuilds(), before, "{:?}", s.lines.lock().unwrap());
    std::fs::write(s.path("static/CNAME"), "support.contoso-cloud.example").unwrap();
    let r = s.wait_for("/CNAME", |r| r.status == 200);
    assert_eq!(r.body, "support.contoso-cloud.example");
}

#[test]
fn polling_mode_sees_edits_too() {
    let s = Served::start_with(free_port(), &["--poll"]);
    let terms = s.path("pages/terms.md");
    std::fs::write(
        &terms,
        std::fs::read_to_string(&terms).unwrap() + "\nSeen by polling.\n",
    )
    .unwrap();
    s.wait_for("/condizioni/", |r| r.body.contains("Seen by polling."));
}

#[test]
fn other_bind_addresses_are_warned_about() {
    let s = Served::start_with(free_port(), &["--bind", "0.0.0.0"]);
    assert!(
        s.lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.starts_with("warning: serving on 0.0.0.0"))
    );
}

#[test]
fn an_open_page_reconnects_and_reloads_when_the_server_restarts_in_chromium() {
    let first = Served::start();
    let port = first.port;
    let mut node = Command::new("node")
        .args([
            "tests/browser/serve-restart.mjs",
            &format!("http://127.0.0.1:{port}/contact/"),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(node.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "ready", "the page did not open");
    drop(first);
    let second = Served::start_with(port, &[]);
    assert_eq!(
        second.port, port,
        "the restarted preview gets its port back"
    );
    let status = node.wait().unwrap();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let mut err = String::new();
    node.stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success() && rest.contains("reloaded"), "{rest}{err}");
}

#[test]
fn a_page_with_a_non_ascii_slug_is_served_and_redirected() {
    let s = Served::start();
    s.change("pages/caffè.md", |_| {
        "---\ntitle: Caffè\n---\n\nUn caffè, per favore.\n".into()
    });
    let r = s.wait_for("/caff%C3%A8/", |r| r.status == 200);
    assert!(r.body.contains("Un caffè, per favore."));
    let redirect = s.get("/caff%C3%A8");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location").as_deref(), Some("/caff%C3%A8/"));
    // Not valid HTTP, but what some clients send: decoded like the encoded path.
    let raw = request(s.port, "GET", "/caffè");
    assert_eq!(raw.status, 301, "a raw UTF-8 path");
    assert_eq!(raw.header("location").as_deref(), Some("/caff%C3%A8/"));
    assert_eq!(s.get("/caff%C3%A8/").status, 200, "and the server goes on");
}

#[test]
fn a_site_broken_from_the_start_shows_its_errors_until_it_is_fixed() {
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("content-example"), site.path());
    let routing = site.path().join("catalogue/routing.yaml");
    let good = std::fs::read_to_string(&routing).unwrap();
    std::fs::write(
        &routing,
        good.replacen("  policy: first", "  policy: frist", 1),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_supportbook"))
        .args([
            "serve",
            site.path().to_str().unwrap(),
            "--port",
            &free_port().to_string(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = String::new();
    let port: u16 = loop {
        let mut line = String::new();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "serve ended: {lines}"
        );
        lines.push_str(&line);
        if let Some(url) = line
            .strip_prefix("serving ")
            .and_then(|l| l.split(" at http://127.0.0.1:").nth(1))
        {
            break url.split('/').next().unwrap().parse().unwrap();
        }
    };
    assert!(lines.contains("built: FAILED"), "{lines}");
    let r = request(port, "GET", "/");
    assert_eq!(r.status, 503);
    assert!(
        r.body.contains("supportbook-overlay") && r.body.contains("routing.yaml:"),
        "{}",
        r.body
    );
    std::fs::write(&routing, good).unwrap();
    let start = Instant::now();
    while request(port, "GET", "/").status != 200 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the fixed site was never served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Compares what a running preview serves with a fresh `build` of the same sources.
struct Equivalence<'a> {
    served: &'a Served,
    /// Every output path any build so far wrote: those the latest did not must be gone.
    ever: std::collections::BTreeSet<String>,
    /// The version marked on the pages of the last comparison.
    version: String,
}

impl<'a> Equivalence<'a> {
    fn new(served: &'a Served) -> Self {
        Equivalence {
            served,
            ever: Default::default(),
            version: String::new(),
        }
    }

    /// Builds the site as it is now into a fresh folder, with the preview's base URL and its
    /// drafts, and checks that every file the build wrote is served byte for byte (an HTML page
    /// with exactly the reload script added before its last `</body>`, and nothing else), and
    /// that every file an earlier build wrote but this one did not is not served.
    fn check(&mut self, after: &str) {
        self.served.settle();
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("public");
        let base = format!("http://127.0.0.1:{}/", self.served.port);
        let o = Command::new(env!("CARGO_BIN_EXE_supportbook"))
            .args(["build", self.served.site.path().to_str().unwrap()])
            .args([
                "--output",
                dest.to_str().unwrap(),
                "--base-url",
                &base,
                "--drafts",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{after}: build failed: {o:?}");
        let built = files_of(&dest);
        assert!(built.len() > 20, "{after}: the build wrote {built:?}");
        let mut versions = std::collections::BTreeSet::new();
        for (path, bytes) in &built {
            let url = format!("/{}", encode_path(path));
            let r = request(self.served.port, "GET", &url);
            assert_eq!(r.status, 200, "{after}: {url}");
            if !path.ends_with(".html") {
                assert!(
                    r.bytes == *bytes,
                    "{after}: {path} differs from the build's"
                );
                continue;
            }
            let version = script_version(&r.body)
                .unwrap_or_else(|| panic!("{after}: {path} has no reload script: {}", r.body));
            let script = format!(
                "<script src=\"/__supportbook/live.js\" data-version=\"{version}\"></script>"
            );
            let at = bytes
                .windows(7)
                .rposition(|w| w == b"</body>")
                .unwrap_or(bytes.len());
            let expected = [&bytes[..at], script.as_bytes(), &bytes[at..]].concat();
            if r.bytes != expected {
                let served = r.body;
                let expected = String::from_utf8_lossy(&expected);
                let diff = served
                    .char_indices()
                    .zip(expected.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(served.len().min(expected.len()), |((i, _), _)| i);
                let from = diff.saturating_sub(120);
                panic!(
                    "{after}: {path} differs from the build's at byte {diff}:\nserved: {}\nbuilt:  {}",
                    served
                        .get(from..(diff + 120).min(served.len()))
                        .unwrap_or(""),
                    expected
                        .get(from..(diff + 120).min(expected.len()))
                        .unwrap_or("")
                );
            }
            versions.insert(version);
        }
        assert_eq!(versions.len(), 1, "{after}: pages of several versions");
        let version = versions.pop_first().unwrap();
        assert_ne!(version, self.version, "{after}: the version did not change");
        self.version = version;
        for gone in self.ever.iter().filter(|p| !built.contains_key(*p)) {
            let url = format!("/{}", encode_path(gone));
            assert_eq!(
                request(self.served.port, "GET", &url).status,
                404,
                "{after}: {gone} is still served"
            );
        }
        self.ever.extend(built.into_keys());
    }
}

/// Every file under `dir` but the output marker, by path relative to it.
fn files_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".supportbook-output")
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_str().unwrap().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|s| {
            s.bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn script_version(html: &str) -> Option<String> {
    let start = html.rfind("data-version=\"")? + "data-version=\"".len();
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_string())
}

impl Served {
    /// Waits until serve has printed nothing for a moment: every rebuild an edit started
    /// (a rename may arrive as two batches) is done.
    fn settle(&self) {
        let mut n = self.line_count();
        let start = Instant::now();
        loop {
            std::thread::sleep(Duration::from_millis(400));
            let now = self.line_count();
            // A rebuild whose search index is to follow has not settled yet.
            if now == n && !self.index_follows() {
                return;
            }
            n = now;
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "serve never settled"
            );
        }
    }

    /// Runs `edit` on the site and waits for the rebuild it starts, which must succeed.
    fn edit(&self, edit: impl FnOnce(&Path)) {
        self.edit_expecting(edit, ": ok in ");
    }

    /// Runs `edit` on the site and waits for the rebuild it starts, whose report must say
    /// `outcome`.
    fn edit_expecting(&self, edit: impl FnOnce(&Path), outcome: &str) {
        let n = self.line_count();
        edit(self.site.path());
        let line = rebuild_after(self, n);
        assert!(line.contains(outcome), "{line}");
    }
}

/// An edit of the site that replaces the first `from` in file `rel` by `to` (which must be there).
fn rewrite(rel: &'static str, from: &'static str, to: &'static str) -> impl FnOnce(&Path) {
    move |site: &Path| {
        let path = site.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// The stages of the profiles `serve --timings` printed, from line `from` on.
fn profiled_stages(s: &Served, from: usize) -> Vec<String> {
    s.lines.lock().unwrap()[from..]
        .iter()
        .filter(|l| {
            l.split_whitespace()
                .rev()
                .take(3)
                .all(|n| n.parse::<f64>().is_ok())
        })
        .filter_map(|l| l.trim_start().split("  ").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn serve_timings_profile_each_rebuild_on_its_own() {
    let s = Served::start_with(free_port(), &["--timings"]);
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    s.settle();
    let first = profiled_stages(&s, 0);
    for stage in [
        "check",
        "load",
        "catalogue",
        "render",
        "swap",
        "search index",
    ] {
        assert!(first.iter().any(|n| n == stage), "{stage}: {first:?}");
    }
    // A catalogue edit checks the whole site again; a page's text edit does not.
    let n = s.line_count();
    s.edit(rewrite("catalogue/plans.yaml", "name: ", "name: Renamed "));
    s.settle();
    let catalogue = profiled_stages(&s, n);
    assert!(catalogue.iter().any(|n| n == "check"), "{catalogue:?}");
    assert!(catalogue.iter().any(|n| n == "render"), "{catalogue:?}");
    let n = s.line_count();
    s.edit(rewrite(
        "pages/faq.md",
        "\n---\n",
        "\n---\n\nA new paragraph.\n",
    ));
    s.settle();
    let page = profiled_stages(&s, n);
    assert!(page.iter().any(|n| n == "render"), "{page:?}");
    assert!(!page.iter().any(|n| n == "check"), "{page:?}");
    // Each profile counts its own rebuild: the totals start again, so a page edit allocates
    // less than the first build did (it would count more if they went on adding up).
    let allocated: Vec<f64> = s
        .lines
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.starts_with("whole run"))
        .map(|l| l.split_whitespace().nth(2).unwrap().parse().unwrap())
        .collect();
    let (built, last) = (allocated[0], *allocated.last().unwrap());
    assert!(allocated.len() >= 3 && last < built, "{allocated:?}");
}

#[test]
fn after_every_kind_of_edit_serve_serves_what_a_fresh_build_writes() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let mut same = Equivalence::new(&s);
    same.check("the first build");

    s.edit(rewrite(
        "pages/faq.md",
        "\n---\n",
        "\n---\n\nA new first paragraph.\n",
    ));
    same.check("a page's text edited");
    s.edit(|site| {
        std::fs::create_dir_all(site.join("pages/guides")).unwrap();
        std::fs::write(
            site.join("pages/guides/setup.md"),
            "---\ntitle: Setting up\nweight: 5\n---\n\nThe steps.\n",
        )
        .unwrap();
    });
    same.check("a page added");
    s.edit(rewrite(
        "pages/guides/setup.md",
        "title: Setting up",
        "title: Zen of setup",
    ));
    same.check("the title of a page outside the navigation edited");
    s.edit(rewrite("pages/terms.md", "title: ", "title: Renamed "));
    same.check("the title of a page in the navigation edited");
    s.edit(rewrite("pages/faq.md", "weight: 30", "weight: 1"));
    same.check("a page's weight edited");
    s.edit(rewrite("pages/faq.en.md", "title: ", "title: Renamed "));
    same.check("the title of a translation edited (its slug and weight are its original's)");
    s.edit(rewrite("catalogue/plans.yaml", "name: ", "name: Renamed "));
    same.check("the catalogue edited");
    // The preview uses pages and files of its last render again where what they are made of
    // is the same: every kind of catalogue edit must still reach all it changes.
    s.edit(rewrite(
        "catalogue/products.yaml",
        "name: Dynamics 365",
        "name: Dynamics 365 Renamed",
    ));
    same.check("a product renamed (its page, the lists, the finder's data)");
    s.edit(rewrite(
        "catalogue/routing.yaml",
        "path: [billing, provider-escalation]\n",
        "path: [billing]\n",
    ));
    same.check("a rule's path shortened (the product pages' matrices, routing.json)");
    s.edit(rewrite(
        "translations/en.yaml",
        "    name: Microsoft 365\n",
        "    name: Microsoft 365 (en)\n",
    ));
    same.check("a translation edited (the English pages only)");
    s.edit(rewrite(
        "translations/en.yaml",
        "    name: Microsoft 365 (en)\n",
        "",
    ));
    same.check("a translation's text removed (the Italian shown, marked)");
    s.edit(rewrite(
        "supportbook.yaml",
        "title: Assistenza Contoso Cloud Italia",
        "title: Assistenza Contoso",
    ));
    same.check("the site's title edited (every page)");
    s.edit(|site| {
        let base = std::fs::read_to_string("themes/default/templates/page.html").unwrap();
        std::fs::create_dir_all(site.join("templates")).unwrap();
        let text = base.replacen("<article", "<!-- overridden --><article", 1);
        std::fs::write(site.join("templates/page.html"), text).unwrap();
    });
    same.check("a template overridden");
    s.edit(|site| std::fs::write(site.join("static/note.txt"), "a note").unwrap());
    same.check("a static file added");
    s.edit(|site| std::fs::write(site.join("static/note.txt"), "another note").unwrap());
    same.check("a static file edited");
    s.edit(|site| std::fs::remove_file(site.join("static/note.txt")).unwrap());
    same.check("a static file deleted");
    // The translation first: a translation without its original is an error.
    s.edit(|site| std::fs::remove_file(site.join("pages/copilot-support.en.md")).unwrap());
    same.check("a page's translation deleted");
    s.edit(|site| std::fs::remove_file(site.join("pages/copilot-support.md")).unwrap());
    same.check("a page deleted");
    s.edit(|site| {
        let guides = site.join("pages/guides");
        std::fs::rename(guides.join("setup.md"), guides.join("install.md")).unwrap();
    });
    same.check("a page renamed");
    s.edit(|site| {
        let statics = site.join("static");
        std::fs::rename(statics.join("favicon.svg"), statics.join("icon.svg")).unwrap();
    });
    same.check("a static file renamed (the favicon every page links to)");
    s.edit(|site| std::fs::remove_file(site.join("templates/page.html")).unwrap());
    same.check("a template override deleted");

    // Edits made while the site is broken are kept for when it is fixed, and hide no error.
    let broken = rewrite(
        "catalogue/routing.yaml",
        "  policy: first",
        "  policy: frist",
    );
    s.edit_expecting(broken, ": FAILED in ");
    let text = rewrite("pages/faq.md", "\n---\n", "\n---\n\nEdited while broken.\n");
    // The catalogue is still broken.
    s.edit_expecting(text, ": FAILED in ");
    s.edit(rewrite(
        "catalogue/routing.yaml",
        "  policy: frist",
        "  policy: first",
    ));
    same.check("a page edited while the catalogue was broken, then the fix");
    let link = rewrite(
        "pages/faq.md",
        "\n---\n",
        "\n---\n\n[The form](/form.txt)\n",
    );
    s.edit_expecting(link, ": FAILED in ");
    s.edit(|site| std::fs::write(site.join("static/form.txt"), "the form").unwrap());
    same.check("a broken link healed by a static file");
}

/// The preview keeps each language's compiled theme and translated catalogue from one render
/// to the next: an edit of the theme's words, of its templates or of a translation, each after
/// renders that kept them, and a page edit after each, serve what a fresh build writes in both
/// languages.
#[test]
fn edits_of_the_theme_and_translations_after_kept_renders_serve_what_a_fresh_build_writes() {
    let s = Served::start_on(free_port(), &[], |site| {
        std::fs::create_dir_all(site.join("look/templates")).unwrap();
        std::fs::copy("themes/default/i18n.json", site.join("look/i18n.json")).unwrap();
        let path = site.join("supportbook.yaml");
        let config = std::fs::read_to_string(&path).unwrap();
        std::fs::write(path, format!("{config}\ntheme: look\n")).unwrap();
    });
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let mut same = Equivalence::new(&s);
    same.check("the first build");
    let page_edit = |n: u32| {
        let para = format!("\n---\n\nParagraph {n}.\n");
        move |site: &Path| {
            let path = site.join("pages/faq.md");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen("\n---\n", &para, 1)).unwrap();
        }
    };
    s.edit(page_edit(1));
    same.check("a page edited (the renders keep the theme)");

    // Words of both languages: the navigation (every page), the language switcher's names.
    let words = |site: &Path, f: &dyn Fn(&mut serde_json::Value)| {
        let path = site.join("look/i18n.json");
        let mut table: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        f(&mut table);
        std::fs::write(&path, serde_json::to_string_pretty(&table).unwrap()).unwrap();
    };
    s.edit(|site| {
        words(site, &|t| {
            t["it"]["nav_plans"] = "Piani di assistenza".into();
            t["en"]["nav_plans"] = "Support plans".into();
            t["it"]["language_name"] = "Italiano (Italia)".into();
            t["en"]["language_name"] = "English (international)".into();
        })
    });
    same.check("the theme's words edited after kept renders");
    let plans = request(s.port, "GET", "/en/plans/").body;
    assert!(plans.contains("Support plans"), "{plans}");
    assert!(plans.contains("Italiano (Italia)"), "{plans}");
    s.edit(page_edit(2));
    same.check("a page edited after the theme's words changed");

    s.edit(|site| {
        let base = std::fs::read_to_string("themes/default/templates/base.html").unwrap();
        let text = base.replacen("<body", "<!-- the look's own frame -->\n<body", 1);
        assert_ne!(text, base);
        std::fs::write(site.join("look/templates/base.html"), text).unwrap();
    });
    same.check("a template of the theme folder added after kept renders");
    s.edit(page_edit(3));
    same.check("a page edited after the theme's template changed");

    s.edit(rewrite("translations/en.yaml", "name: ", "name: Renamed "));
    same.check("a translation edited after kept renders");
    s.edit(page_edit(4));
    same.check("a page edited after the translation changed");

    s.edit(|site| std::fs::remove_file(site.join("look/i18n.json")).unwrap());
    same.check("the theme's words deleted (the built-in ones again)");
    s.edit(page_edit(5));
    same.check("a page edited after the theme's words were deleted");
}

/// A broken link is located where `check` locates it after every kind of rebuild, whether its
/// page's links were found again or kept from the check before: the page edited, its front
/// matter grown by a line above the unchanged body, the catalogue edited (every page checked
/// again).
#[test]
fn a_broken_link_is_located_as_check_locates_it_after_every_rebuild() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let located = |text: &str| -> Option<String> {
        let at = text.find("pages/faq.md:")? + "pages/faq.md:".len();
        let end = text[at..]
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .map_or(text.len(), |e| at + e);
        Some(text[at..end].trim_end_matches(':').to_string())
    };
    let agree = |after: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_supportbook"))
            .args(["check", s.site.path().to_str().unwrap()])
            .output()
            .unwrap();
        let checked =
            String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
        let want = located(&checked).unwrap_or_else(|| panic!("{after}: check: {checked}"));
        let page = s.get("/plans/").body;
        let got = located(&page).unwrap_or_else(|| panic!("{after}: no overlay: {page}"));
        assert_eq!(got, want, "{after}: the overlay and check disagree");
        want
    };
    s.edit_expecting(
        rewrite(
            "pages/faq.md",
            "\n---\n\n",
            "\n---\n\nSee [the form](/nowhere/form.txt).\n\n",
        ),
        ": FAILED in ",
    );
    let first = agree("a broken link added");
    s.edit_expecting(
        rewrite("pages/faq.md", "weight: 30\n", "weight: 30\ndraft: false\n"),
        ": FAILED in ",
    );
    let moved = agree("a line added above the unchanged body");
    assert_ne!(first, moved, "the link's line moved with the body");
    s.edit_expecting(
        rewrite("catalogue/plans.yaml", "name: ", "name: Renamed "),
        ": FAILED in ",
    );
    assert_eq!(agree("the catalogue edited"), moved);
    // A catalogue file added before the pages in file order: every page file is numbered anew,
    // and the pages the check before parsed are taken from it again.
    s.edit_expecting(
        |site: &Path| {
            std::fs::write(
                site.join("catalogue/aa-notes.yaml"),
                "# Notes for the team.\n",
            )
            .unwrap()
        },
        ": FAILED in ",
    );
    assert_eq!(agree("a catalogue file added"), moved);
    s.edit_expecting(
        rewrite("catalogue/plans.yaml", "name: Renamed ", "name: "),
        ": FAILED in ",
    );
    assert_eq!(agree("the catalogue edited again"), moved);
}

/// A page whose body did not change is rendered as it was only while its links lead where they
/// did: when the page it links to moves, or the catalogue is edited, every language's version of
/// it is what a fresh build writes.
#[test]
fn a_page_whose_links_lead_elsewhere_after_an_edit_is_rendered_anew() {
    let s = Served::start_on(free_port(), &[], |site| {
        std::fs::write(
            site.join("pages/linker.md"),
            "---\ntitle: Collegamenti\n---\n\nLeggete [le domande](faq.md) e [i piani](/plans/).\n",
        )
        .unwrap();
    });
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let mut same = Equivalence::new(&s);
    same.check("the first build");
    s.edit(rewrite(
        "pages/faq.md",
        "slug: domande-frequenti",
        "slug: domande",
    ));
    same.check("the page a body links to moved");
    let page = s.get("/linker/").body;
    assert!(page.contains("href=\"/domande/\""), "{page}");
    s.edit(rewrite("catalogue/plans.yaml", "name: ", "name: Renamed "));
    same.check("the catalogue edited (every body rendered again or kept)");
    s.edit(rewrite(
        "pages/faq.md",
        "slug: domande",
        "slug: domande-frequenti",
    ));
    same.check("the page moved back");
}

/// A language added, its translations written, edited and deleted: after each, every language's
/// pages are what a fresh build writes (spec section 7: serve rebuilds on edits to translations/).
#[test]
fn edits_to_languages_and_translations_rebuild_every_language() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let mut same = Equivalence::new(&s);
    same.check("the first build");
    s.edit(|site| {
        let path = site.join("supportbook.yaml");
        let config = std::fs::read_to_string(&path).unwrap();
        let config = common::with_language(&config, "de", "{ title: Contoso Support }");
        std::fs::write(path, config).unwrap();
    });
    same.check("a language added");
    assert_eq!(
        request(s.port, "GET", "/de/plans/").status,
        200,
        "the new language's pages are served"
    );
    let premium = |name: &str| format!("plans:\n  premium: {{ name: {name} }}\n");
    s.edit(|site| {
        std::fs::create_dir_all(site.join("translations")).unwrap();
        std::fs::write(site.join("translations/de.yaml"), premium("Premium-Plan")).unwrap();
    });
    same.check("a translation file added");
    assert!(
        request(s.port, "GET", "/de/plans/premium/")
            .body
            .contains("Premium-Plan")
    );
    s.edit(|site| {
        std::fs::write(site.join("translations/de.yaml"), premium("Premium Plus")).unwrap()
    });
    same.check("a translation edited");
    assert!(
        request(s.port, "GET", "/de/plans/premium/")
            .body
            .contains("Premium Plus")
    );
    s.edit_expecting(
        |site| std::fs::write(site.join("translations/de.yaml"), premium("[unclosed")).unwrap(),
        ": FAILED in ",
    );
    s.edit(|site| std::fs::remove_file(site.join("translations/de.yaml")).unwrap());
    same.check("a translation file deleted");
    assert!(
        !request(s.port, "GET", "/de/plans/premium/")
            .body
            .contains("Premium Plus")
    );
}

/// Issue 21.1: links made under `static/` while the preview runs serve nothing from outside
/// the site, whether they name a folder, a file, or the root of the file system.
#[cfg(unix)]
#[test]
fn symlinks_created_while_serving_serve_nothing_outside_the_site() {
    let s = Served::start();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), "root:TOP SECRET").unwrap();
    let n = s.line_count();
    std::os::unix::fs::symlink(outside.path(), s.path("static/etcdir")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwd"), s.path("static/pw.txt")).unwrap();
    std::os::unix::fs::symlink("/", s.path("static/rootdir")).unwrap();
    rebuild_after(&s, n);
    // A real file written afterwards shows that the links' events were taken in.
    std::fs::write(s.path("static/marker.txt"), "here").unwrap();
    s.wait_for("/marker.txt", |r| r.status == 200);
    let root_file = std::fs::read_dir("/")
        .unwrap()
        .flatten()
        .find(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned());
    let mut paths = vec![
        "/etcdir/passwd".to_string(),
        "/pw.txt".into(),
        "/rootdir/etc/passwd".into(),
        "/rootdir/etc/hostname".into(),
    ];
    paths.extend(root_file.map(|f| format!("/rootdir/{f}")));
    for path in &paths {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path} gave {}", r.status);
        assert!(!r.body.contains("TOP SECRET"), "{path} leaked");
        assert!(!r.body.contains("root:"), "{path} leaked");
    }
}

/// Issue 21.21: the trailing-slash redirect keeps the query string (a finder link's case).
#[test]
fn the_trailing_slash_redirect_keeps_the_query() {
    let s = Served::start();
    let r = s.get("/plans?product=azure&issue=outage&severity=A");
    assert_eq!(r.status, 301);
    assert_eq!(
        r.header("location").as_deref(),
        Some("/plans/?product=azure&issue=outage&severity=A")
    );
    let r = s.get("/plans");
    assert_eq!(r.header("location").as_deref(), Some("/plans/"));
}

/// A site with more Markdown pages than the home page lists (it links to the articles list):
/// after pages are added, retitled, reweighted and removed (back to a home page that lists
/// them all), serve serves what a fresh build writes, the articles list included or gone.
#[test]
fn the_articles_list_follows_every_edit_of_pages() {
    let s = Served::start();
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(30));
    let mut same = Equivalence::new(&s);
    same.check("the first build");
    s.edit(|site| {
        std::fs::create_dir_all(site.join("pages/kb")).unwrap();
        for k in 0..25 {
            std::fs::write(
                site.join(format!("pages/kb/note-{k:02}.md")),
                format!(
                    "---\ntitle: Nota {k:02}\nweight: {}\n---\n\nTesto.\n",
                    100 + k
                ),
            )
            .unwrap();
        }
    });
    same.check("25 pages added: the home page links to the articles list");
    assert_eq!(request(s.port, "GET", "/articles/").status, 200);
    s.edit(rewrite(
        "pages/kb/note-24.md",
        "title: Nota 24",
        "title: Ultima nota",
    ));
    same.check("the title of a page only the articles list shows edited");
    s.edit(rewrite("pages/kb/note-24.md", "weight: 124", "weight: 1"));
    same.check("a page's weight brings it onto the home page's list");
    s.edit(|site| {
        for k in 0..25 {
            std::fs::remove_file(site.join(format!("pages/kb/note-{k:02}.md"))).unwrap();
        }
    });
    same.check("the pages removed: the home page lists every page again");
    assert_eq!(request(s.port, "GET", "/articles/").status, 404);
}

/// Words for generated pages: pseudo-random, so that their search index has many terms.
fn made_up_words(seed: u64, n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "za", "pe", "gu", "di", "fo", "be", "ha",
        "ri",
    ];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        let mut word = String::new();
        for _ in 0..3 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            word.push_str(SYLLABLES[(x >> 60) as usize]);
        }
        words.push(word);
    }
    words.join(" ")
}

/// An edit saved while the search index of the edit before is being built is served at once:
/// the index gives way to its rebuild (or is built aside while it runs) and follows it, from the
/// new state; what is served then equals a fresh build, search index included.
#[test]
fn an_edit_never_waits_for_the_search_index() {
    // Enough pages (in both editions: they are untranslated) that the index takes a while.
    let s = Served::start_on(free_port(), &[], |site| {
        std::fs::create_dir_all(site.join("pages/kb")).unwrap();
        for k in 0..1000 {
            let text = made_up_words(k, 250);
            std::fs::write(
                site.join(format!("pages/kb/topic-{k:03}.md")),
                format!(
                    "---\ntitle: Argomento {k:03}\nweight: {}\n---\n\n{text}\n",
                    100 + k
                ),
            )
            .unwrap();
        }
    });
    s.wait_line(|l| l.starts_with("built: ok"), Duration::from_secs(120));
    s.settle();
    let mut same = Equivalence::new(&s);
    same.check("the first build");

    // An edit's page is served; its search index starts right after, and a second edit is
    // saved at once, while it is built. The criterion is the order of the reports, not a race
    // of two times: a preview whose next rebuild waits for the index reports that index
    // (`search index: ok`) after the second edit was saved and before the second edit; one
    // that never waits stops the index for the rebuild, and reports only the index that
    // follows the second edit. (Building the index in `serve::run`'s loop instead of handing
    // it to its thread fails here.) Should the first index be done before the second edit is
    // saved, which a fast machine may manage, the pair says nothing, and another is tried.
    let mut k = 0;
    let verdict = loop {
        assert!(
            k < 10,
            "every search index was done before the next edit was saved"
        );
        let (first, second) = (
            format!("topic-{:03}", 2 * k),
            format!("topic-{:03}", 2 * k + 1),
        );
        k += 1;
        let n = s.line_count();
        s.edit_text(&format!("pages/kb/{first}.md"), "First edit.");
        let reported = |n: usize, page: &str| {
            let start = Instant::now();
            let prefix = format!("pages/kb/{page}.md: ok in ");
            loop {
                let lines = s.lines.lock().unwrap();
                if let Some(i) = lines.iter().skip(n).position(|l| l.starts_with(&prefix)) {
                    return n + i;
                }
                drop(lines);
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "no report of {page}"
                );
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        let first_at = reported(n, &first);
        let saved_at = s.line_count();
        s.edit_text(&format!("pages/kb/{second}.md"), "Second edit.");
        let second_at = reported(saved_at, &second);
        s.wait_for(&format!("/kb/{second}/"), |r| {
            r.body.contains("Second edit.")
        });
        s.settle();
        let lines: Vec<String> = s.lines.lock().unwrap().clone();
        let is_index = |l: &&String| l.starts_with("search index: ");
        if lines[first_at..saved_at].iter().any(|l| is_index(&l)) {
            continue;
        }
        // The edit's own report does not wait for the index either: it says the index follows.
        assert!(
            lines[second_at].ends_with("; search index follows)"),
            "{:?}",
            &lines[n..]
        );
        // The index that followed: one, after the second edit.
        assert!(
            lines[second_at..].iter().any(|l| is_index(&l)),
            "no search index followed the second edit: {:?}",
            &lines[n..]
        );
        break lines[saved_at..second_at]
            .iter()
            .filter(is_index)
            .cloned()
            .collect::<Vec<_>>();
    };
    assert!(
        verdict.is_empty(),
        "the second edit was rebuilt after the first edit's search index was built: it waited \
         for the index ({verdict:?})"
    );
    // The index that followed is the whole index of the last version.
    same.check("two edits, the second while the first's search index was built");
}

impl Served {
    /// Adds a paragraph to the end of a page of the site.
    fn edit_text(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let page = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{page}\n{text}\n")).unwrap();
    }
}
