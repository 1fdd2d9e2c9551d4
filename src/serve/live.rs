//! Live reload with Server-Sent Events: each open page holds one event stream; after every
//! rebuild (once the new version is in place) or failed rebuild, every stream gets the new
//! state. The script reloads the page on a new version, shows the diagnostics overlay on
//! errors, and reconnects by itself when the server restarts.

use super::http::header;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tiny_http::{Request, Response};

/// How long one event stream lives before the server closes it; the browser reconnects at
/// once and is sent the current state, so nothing is missed. Short-lived streams keep
/// tiny_http's connection threads free.
const STREAM_LIFE: Duration = Duration::from_secs(20);

struct Stream {
    io: Box<dyn tiny_http::ReadWrite + Send>,
    opened: Instant,
}

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    streams: Mutex<Vec<Stream>>,
}

impl Hub {
    /// Turns the request into an event stream and sends it the current state at once.
    pub fn subscribe(&self, request: Request, state: String) {
        let response = Response::empty(200)
            .with_header(header("Content-Type", "text/event-stream"))
            .with_header(header("Cache-Control", "no-cache"));
        let mut io = request.upgrade("sse", response);
        let hello = format!("retry: 200\n{}", event(&state));
        if io
            .write_all(hello.as_bytes())
            .and_then(|_| io.flush())
            .is_ok()
        {
            self.streams.lock().expect("hub lock").push(Stream {
                io,
                opened: Instant::now(),
            });
        }
    }

    /// Sends `data` to every stream, dropping the ones that are gone.
    pub fn broadcast(&self, data: &str) {
        self.send(&event(data));
    }

    /// A comment line that keeps proxies and browsers from timing out, and finds dead streams.
    pub fn ping(&self) {
        self.send(": ping\n\n");
    }

    fn send(&self, text: &str) {
        let mut streams = self.streams.lock().expect("hub lock");
        streams.retain_mut(|s| {
            s.io.write_all(text.as_bytes())
                .and_then(|_| s.io.flush())
                .is_ok()
        });
    }

    /// Closes the streams older than [`STREAM_LIFE`].
    fn renew(&self) {
        self.streams
            .lock()
            .expect("hub lock")
            .retain(|s| s.opened.elapsed() < STREAM_LIFE);
    }

    /// Pings every `every`, and closes old streams, on a thread of its own.
    pub fn keep_alive(self: std::sync::Arc<Self>, every: Duration) {
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(every);
                self.renew();
                self.ping();
            }
        });
    }
}

fn event(data: &str) -> String {
    format!("data: {data}\n\n")
}

/// Served at `/__supportbook/live.js`.
pub const SCRIPT: &str = r#"(() => {
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
