//! Live reload with Server-Sent Events: the script every served HTML page gets, and the open
//! event streams. Each open page holds one stream; after every rebuild (once the new version
//! is in place) or failed rebuild, every stream gets the new state. The script reloads the
//! page on a new version, shows the diagnostics overlay on errors, and reconnects by itself
//! when the server restarts.

use bytes::Bytes;
use http_body_util::channel::{Channel, Sender};
use hyper::body::Frame;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The URL of the event stream.
pub(crate) const EVENTS: &str = "/__supportbook/events";
/// The URL of [`SCRIPT`].
pub(crate) const SCRIPT_URL: &str = "/__supportbook/live.js";
/// The URL of the current overlay (empty while the site is good).
pub(crate) const OVERLAY: &str = "/__supportbook/overlay";

/// Events a stream may have waiting unsent; a client that falls this far behind (it stopped
/// reading) is dropped rather than buffered for.
const BACKLOG: usize = 16;

/// The body of one event stream.
pub(crate) type EventStream = Channel<Bytes>;

/// The open event streams.
#[derive(Default)]
pub(crate) struct Hub {
    streams: Mutex<Vec<Sender<Bytes>>>,
}

impl Hub {
    /// A new event stream, sent the current state at once. It lives as long as the client
    /// keeps it open.
    pub(crate) fn subscribe(&self, state: &str) -> EventStream {
        let (mut tx, body) = Channel::new(BACKLOG);
        let hello = format!("retry: 200\n{}", event(state));
        if tx.try_send(Frame::data(Bytes::from(hello))).is_ok() {
            self.streams.lock().expect("hub lock").push(tx);
        }
        body
    }

    /// Sends `data` to every stream, dropping the ones that are gone.
    pub(crate) fn broadcast(&self, data: &str) {
        self.send(Bytes::from(event(data)));
    }

    /// A comment line that keeps proxies and browsers from timing out, and finds dead streams.
    fn ping(&self) {
        self.send(Bytes::from_static(b": ping\n\n"));
    }

    fn send(&self, text: Bytes) {
        self.streams
            .lock()
            .expect("hub lock")
            .retain_mut(|tx| tx.try_send(Frame::data(text.clone())).is_ok());
    }

    /// Pings every `every` on a thread of its own.
    pub(crate) fn keep_alive(self: Arc<Self>, every: Duration) {
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(every);
                self.ping();
            }
        });
    }
}

fn event(data: &str) -> String {
    format!("data: {data}\n\n")
}

/// Adds the live-reload script, marked with the version being served, to an HTML page, just
/// before its last `</body>` (at the end when it has none); and before it the overlay, while
/// the site is broken.
pub(crate) fn inject(html: &[u8], version: &str, overlay: Option<&str>) -> Vec<u8> {
    let mut tail = format!("<script src=\"{SCRIPT_URL}\" data-version=\"{version}\"></script>");
    if let Some(errors) = overlay {
        tail = format!("<div id=\"supportbook-overlay\">{errors}</div>{tail}");
    }
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Served at [`SCRIPT_URL`].
pub(crate) const SCRIPT: &str = r#"(() => {
  const me = document.currentScript;
  const loaded = me && me.dataset.version;
  let shown = null;
  function overlay(html) {
    if (shown) shown.remove();
    shown = null;
    if (!html) return;
    const box = document.createElement('div');
    box.id = 'supportbook-overlay';
    box.innerHTML = html;
    document.body.appendChild(box);
    shown = box;
  }
  function connect() {
    const events = new EventSource('/__supportbook/events');
    events.onmessage = (e) => {
      const state = JSON.parse(e.data);
      if (state.errors) {
        fetch('/__supportbook/overlay', { cache: 'no-store' }).then((r) => r.text()).then(overlay);
      } else if (state.version !== loaded) {
        location.reload();
      } else {
        overlay(null);
      }
    };
  }
  connect();
})();
"#;
