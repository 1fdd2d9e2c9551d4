//! The preview's HTTP side, on hyper: GET and HEAD only, paths that cannot leave the served
//! folder, redirects built from the normalised path (never to another host), correct content
//! types, `Cache-Control: no-cache`, the theme's 404 page, the live-reload event stream and
//! script, and the script injected into every served HTML page (never into `build` output).
//!
//! Any web page the user visits can send requests to the preview, so it must survive them.
//! Every connection is a task of its own on a one-thread runtime: a stalled client holds
//! nothing but its task, and a new connection is answered whatever the others do. Request
//! heads are bounded in size ([`MAX_HEAD`]) and in time ([`HEAD_TIMEOUT`]); request bodies
//! are never read (hyper reads at most a small buffer of one, whatever length it declares,
//! and closes the connection rather than drain it). The listening socket has no timeout, and
//! the accept loop has no way out: a failed accept (out of file descriptors, a connection
//! reset before it was taken) is retried after a pause, so the preview answers for as long as
//! it runs.

use super::live::{self, EventStream, Hub};
use super::preview::Preview;
use crate::paths;
use bytes::Bytes;
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use socket2::{Domain, Protocol, Socket, Type};
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

/// How long a client may take to send a request head, from the moment the server is ready
/// to read one (so also how long an idle kept-alive connection stays open).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head (request line and headers) read; a larger one gets 431.
const MAX_HEAD: usize = 64 * 1024;
/// How long to wait before accepting again after a failed accept.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);
/// How many ports from the one asked for are tried.
const PORTS_TRIED: u16 = 20;

/// Why the preview could not listen.
#[derive(Debug)]
pub(crate) enum BindError {
    NotAnAddress(String),
    NoFreePort {
        from: u16,
        to: u16,
        last: std::io::Error,
    },
}

impl std::fmt::Display for BindError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BindError::NotAnAddress(a) => write!(f, "--bind {a} is not an IP address"),
            BindError::NoFreePort { from, to, last } => {
                write!(f, "no free port from {from} to {to}: {last}")
            }
        }
    }
}

impl std::error::Error for BindError {}

/// Listens on `bind:port`, or on the next free port when it is taken. Returns the port.
pub(crate) fn bind(bind: &str, port: u16) -> Result<(TcpListener, u16), BindError> {
    let ip: IpAddr = match bind {
        "localhost" => Ipv4Addr::LOCALHOST.into(),
        other => other
            .parse()
            .map_err(|_| BindError::NotAnAddress(other.to_string()))?,
    };
    let last_port = port.saturating_add(PORTS_TRIED - 1);
    let mut last = None;
    for p in port..=last_port {
        match listener(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok((l, p)),
            Err(e) => {
                if p == port {
                    eprintln!("port {p} is taken ({e}); trying the next one");
                }
                last = Some(e);
            }
        }
    }
    Err(BindError::NoFreePort {
        from: port,
        to: last_port,
        last: last.unwrap_or_else(|| std::io::ErrorKind::AddrInUse.into()),
    })
}

fn listener(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    // A restarted preview gets its port back although old connections linger in TIME_WAIT.
    socket.set_reuse_address(true)?;
    socket.bind(&addr.into())?;
    socket.listen(1024)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

/// What every request is answered from.
struct Served {
    preview: Arc<Preview>,
    hub: Arc<Hub>,
}

/// Answers requests on `listener` for as long as the process runs; returns only if the
/// runtime cannot be started.
pub(crate) fn serve(
    listener: TcpListener,
    preview: Arc<Preview>,
    hub: Arc<Hub>,
) -> std::io::Result<Infallible> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let served = Arc::new(Served { preview, hub });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            match listener.accept().await {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, served.clone()));
                }
                Err(_) => tokio::time::sleep(ACCEPT_PAUSE).await,
            }
        }
    })
}

async fn connection(stream: tokio::net::TcpStream, served: Arc<Served>) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| {
        let response = answer(&request, &served);
        async move { Ok::<_, Infallible>(response) }
    });
    // An error here is the client's (a malformed or too slow request, a closed socket); hyper
    // has answered it where HTTP says to, and the connection is closed either way.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

type Body = Either<Full<Bytes>, EventStream>;

fn answer(request: &Request<Incoming>, served: &Served) -> Response<Body> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = request.uri().path();
    match path {
        live::EVENTS => {
            let stream = served.hub.subscribe(&served.preview.state_event());
            return respond(Either::Right(stream), "text/event-stream", StatusCode::OK);
        }
        live::SCRIPT_URL => {
            let script = Bytes::from_static(live::SCRIPT.as_bytes());
            return full(script, "text/javascript; charset=utf-8", StatusCode::OK);
        }
        live::OVERLAY => {
            let overlay = Bytes::from(served.preview.overlay());
            return full(overlay, "text/html; charset=utf-8", StatusCode::OK);
        }
        _ => {}
    }
    let Some(segments) = safe_path(path) else {
        return plain(StatusCode::BAD_REQUEST, "bad path");
    };
    match locate(&served.preview, &segments, path.ends_with('/')) {
        Found::File(file) => serve_file(&served.preview, &file, StatusCode::OK),
        Found::Folder => {
            // Percent-encoded, so always a valid header value; the query is kept (a finder
            // link names its case there).
            let mut url = folder_url(&segments);
            if let Some(q) = request.uri().query() {
                url.push('?');
                url.push_str(q);
            }
            let Ok(location) = HeaderValue::try_from(url) else {
                return plain(StatusCode::BAD_REQUEST, "bad path");
            };
            let mut r = plain(StatusCode::MOVED_PERMANENTLY, "moved");
            r.headers_mut().insert(header::LOCATION, location);
            r
        }
        Found::Missing => serve_file(&served.preview, paths::NOT_FOUND, StatusCode::NOT_FOUND),
    }
}

/// The decoded path segments of a URL path, or `None` if any could leave the folder: `..`,
/// `.`, encoded slashes or backslashes, NUL, a drive letter's colon, or a bad percent escape.
/// Empty segments (`//`) are dropped.
pub(crate) fn safe_path(path: &str) -> Option<Vec<String>> {
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

/// What is percent-encoded in a path segment: everything but unreserved and harmless
/// characters (non-ASCII always is).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The URL of the folder named by normalised path segments: always one leading slash, so a
/// redirect stays on this host whatever the request's path looked like (`//evil.example`).
fn folder_url(segments: &[String]) -> String {
    let mut url = String::from("/");
    for s in segments {
        url.extend(utf8_percent_encode(s, SEGMENT));
        url.push('/');
    }
    url
}

enum Found {
    File(String),
    /// A folder named without its trailing slash: redirected to it.
    Folder,
    Missing,
}

/// The output path a request names: the file itself, or a folder's index file.
fn locate(preview: &Preview, segments: &[String], trailing_slash: bool) -> Found {
    let rel = segments.join("/");
    if !rel.is_empty() && !trailing_slash && preview.has(&rel) {
        return Found::File(rel);
    }
    let index = paths::index_file(&segments.iter().map(|s| format!("{s}/")).collect::<String>());
    if !preview.has(&index) {
        return Found::Missing;
    }
    if trailing_slash || rel.is_empty() {
        Found::File(index)
    } else {
        Found::Folder
    }
}

/// The page served before the site has ever built: empty but for the overlay with the errors
/// and the reload script, so it turns into the site once the errors are fixed.
const NOT_BUILT: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>supportbook preview</title></head><body></body></html>";

fn serve_file(preview: &Preview, rel: &str, status: StatusCode) -> Response<Body> {
    let file = preview.file(rel);
    let Some(bytes) = file.bytes else {
        let page = live::inject(NOT_BUILT.as_bytes(), &file.version, file.overlay.as_deref());
        return full(
            page.into(),
            "text/html; charset=utf-8",
            StatusCode::SERVICE_UNAVAILABLE,
        );
    };
    let mime = mime_guess::from_path(rel).first_or_octet_stream();
    let essence = mime.essence_str();
    let content_type = if mime.type_() == mime_guess::mime::TEXT
        || essence == "application/json"
        || essence == "application/javascript"
    {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    };
    let bytes = if essence == "text/html" {
        live::inject(&bytes, &file.version, file.overlay.as_deref()).into()
    } else {
        bytes
    };
    full(bytes, &content_type, status)
}

fn full(bytes: Bytes, content_type: &str, status: StatusCode) -> Response<Body> {
    respond(Either::Left(Full::new(bytes)), content_type, status)
}

fn respond(body: Body, content_type: &str, status: StatusCode) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    let content_type = HeaderValue::try_from(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// A short text answer that also closes the connection (whatever the client sent after the
/// head, a body included, is never read).
fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = full(
        Bytes::from_static(text.as_bytes()),
        "text/plain; charset=utf-8",
        status,
    );
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}
