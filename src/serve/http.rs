//! The preview's HTTP side: one thread per request (an idle or slow client holds only its own
//! thread), GET and HEAD only, paths that cannot leave the served folder, correct content
//! types, `Cache-Control: no-cache`, the theme's 404 page, and the live-reload script
//! injected into every served HTML page (never into `build` output).
//!
//! tiny_http hands each connection to a pool thread for the connection's whole life, and a
//! burst of connections can queue behind long-lived ones. So every response but an event
//! stream closes its connection, stalled sockets time out, and event streams are renewed.

use super::live::{self, Hub};
use super::preview::Preview;
use socket2::{Domain, Protocol, Socket, Type};
use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

pub const EVENTS: &str = "/__supportbook/events";
pub const SCRIPT: &str = "/__supportbook/live.js";
pub const OVERLAY: &str = "/__supportbook/overlay";

/// How long a client may stall mid-request, or leave a response unread, before its
/// connection is closed. tiny_http sets no timeouts of its own; sockets accepted from the
/// listener inherit these.
const SOCKET_TIMEOUT: Duration = Duration::from_secs(10);

/// Binds `bind:port`, or the next free port (up to 20 tries) when it is taken.
pub fn bind(bind: &str, port: u16) -> Result<(Server, u16), String> {
    let ip: std::net::IpAddr = match bind {
        "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
        other => other
            .parse()
            .map_err(|_| format!("--bind {other} is not an IP address"))?,
    };
    let mut last = String::new();
    for p in port..port.saturating_add(20) {
        match listener(SocketAddr::new(ip, p)) {
            Ok(l) => {
                let server = Server::from_listener(l, None).map_err(|e| e.to_string())?;
                return Ok((server, p));
            }
            Err(e) => {
                if p == port {
                    eprintln!("port {p} is taken ({e}); trying the next one");
                }
                last = e.to_string();
            }
        }
    }
    Err(format!(
        "no free port from {port} to {}: {last}",
        port.saturating_add(19)
    ))
}

fn listener(addr: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    socket.set_read_timeout(Some(SOCKET_TIMEOUT))?;
    socket.set_write_timeout(Some(SOCKET_TIMEOUT))?;
    // A restarted preview gets its port back although old connections linger in TIME_WAIT.
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

/// Accepts requests until the server is unblocked, handling each on its own thread.
pub fn serve(server: Arc<Server>, preview: Arc<Preview>, hub: Arc<Hub>) {
    for request in server.incoming_requests() {
        let (preview, hub) = (preview.clone(), hub.clone());
        std::thread::spawn(move || handle(request, &preview, &hub));
    }
}

fn handle(request: Request, preview: &Preview, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let allow = header("Allow", "GET, HEAD");
        let _ = request.respond(text(405, "method not allowed").with_header(allow));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    match path.as_str() {
        EVENTS => return hub.subscribe(request, preview.state_event()),
        SCRIPT => {
            return respond(
                request,
                live::SCRIPT.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
                200,
            );
        }
        OVERLAY => {
            return respond(
                request,
                preview.overlay().into_bytes(),
                "text/html; charset=utf-8",
                200,
            );
        }
        _ => {}
    }
    let Some(rel) = safe_path(&path) else {
        let _ = request.respond(text(400, "bad path"));
        return;
    };
    match locate(preview, &rel, path.ends_with('/')) {
        Found::File(file) => serve_file(request, preview, &file, 200),
        Found::Redirect => {
            // Header values are ASCII: a page slug may not be.
            let encoded = percent_encoding::utf8_percent_encode(&path, percent_encoding::CONTROLS);
            let location = header("Location", &format!("{encoded}/"));
            let _ = request.respond(text(301, "moved").with_header(location));
        }
        Found::Missing => serve_file(request, preview, "404.html", 404),
    }
}

/// The decoded path segments of a URL path, or `None` if any could leave the folder: `..`,
/// `.`, encoded slashes or backslashes, NUL, or a bad percent escape.
pub fn safe_path(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let mut out = Vec::new();
    for raw in rest.split('/').filter(|s| !s.is_empty()) {
        if raw.contains('\\') {
            return None;
        }
        let seg = percent_encoding::percent_decode_str(raw)
            .decode_utf8()
            .ok()?;
        let bad_escape = raw.match_indices('%').any(|(i, _)| {
            raw.get(i + 1..i + 3)
                .is_none_or(|h| !h.chars().all(|c| c.is_ascii_hexdigit()))
        });
        if bad_escape
            || seg == "."
            || seg == ".."
            || seg.contains(['/', '\\', '\0'])
            || seg.contains(':')
        {
            return None;
        }
        out.push(seg.into_owned());
    }
    Some(out)
}

enum Found {
    File(String),
    Redirect,
    Missing,
}

/// The output path a request names: the file itself, or a folder's `index.html`.
fn locate(preview: &Preview, segments: &[String], trailing_slash: bool) -> Found {
    let rel = segments.join("/");
    if !rel.is_empty() && !trailing_slash && preview.has(&rel) {
        return Found::File(rel);
    }
    let index = if rel.is_empty() {
        "index.html".to_string()
    } else {
        format!("{rel}/index.html")
    };
    if !preview.has(&index) {
        return Found::Missing;
    }
    if trailing_slash || rel.is_empty() {
        Found::File(index)
    } else {
        Found::Redirect
    }
}

/// The page served before the site has ever built: empty but for the overlay with the errors
/// and the reload script, so it turns into the site once the errors are fixed.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>supportbook preview</title></head><body></body></html>";

fn serve_file(request: Request, preview: &Preview, rel: &str, status: u16) {
    let Some(bytes) = preview.file(rel) else {
        let page = preview.inject(NOT_BUILT.as_bytes().to_vec());
        respond(request, page, "text/html; charset=utf-8", 503);
        return;
    };
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/json"
            || mime.essence_str() == "application/javascript" =>
        {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        _ => mime.essence_str().to_string(),
    };
    let bytes = if is_html {
        preview.inject(bytes)
    } else {
        bytes
    };
    respond(request, bytes, &content_type, status);
}

fn respond(request: Request, bytes: Vec<u8>, content_type: &str, status: u16) {
    let len = bytes.len();
    let response = Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-cache"),
        ],
        Cursor::new(bytes),
        Some(len),
        None,
    );
    let _ = request.respond(response);
}

fn text(status: u16, body: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("Connection", "close"))
}

pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}
