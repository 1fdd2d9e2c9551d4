//! The stage-by-stage profile of `check --timings` and `build --timings`: for each stage of the
//! pipeline (load, catalogue, route, render, search, write…), its wall time, the bytes it
//! allocated and the most memory live while it ran. Off unless asked for: then a stage costs
//! nothing but one flag read, and the allocator one relaxed load per allocation.
//!
//! The counts come from [`Counting`], the binary's global allocator; a process that installs
//! another allocator (the test harness) gets wall times and zeros.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static ALLOCATED: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);
static STAGES: Mutex<Vec<Record>> = Mutex::new(Vec::new());
static DEPTH: AtomicU64 = AtomicU64::new(0);

/// The system allocator, counting bytes while the profile is on.
pub struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if ENABLED.load(Relaxed) && !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if ENABLED.load(Relaxed) {
            LIVE.fetch_sub(layout.size() as i64, Relaxed);
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if ENABLED.load(Relaxed) && !p.is_null() {
            LIVE.fetch_sub(layout.size() as i64, Relaxed);
            grew(new_size);
        }
        p
    }
}

fn grew(size: usize) {
    ALLOCATED.fetch_add(size as u64, Relaxed);
    let live = LIVE.fetch_add(size as i64, Relaxed) + size as i64;
    PEAK.fetch_max(live, Relaxed);
}

/// Turns the profile on (for the rest of the process).
pub fn enable() {
    ENABLED.store(true, Relaxed);
}

struct Record {
    name: &'static str,
    depth: u64,
    wall: Duration,
    allocated: u64,
    peak: i64,
}

/// A stage being timed; it is recorded when dropped. Stages nest (a language's render holds
/// its search index) and are started on the pipeline's own thread.
pub(crate) struct Stage {
    name: &'static str,
    start: Instant,
    allocated: u64,
    /// The peak before this stage began, restored (with this stage's) when it ends.
    outer_peak: i64,
    depth: u64,
}

/// Starts timing stage `name`; `None` when the profile is off.
pub(crate) fn stage(name: &'static str) -> Option<Stage> {
    if !ENABLED.load(Relaxed) {
        return None;
    }
    let outer_peak = PEAK.swap(LIVE.load(Relaxed), Relaxed);
    Some(Stage {
        name,
        start: Instant::now(),
        allocated: ALLOCATED.load(Relaxed),
        outer_peak,
        depth: DEPTH.fetch_add(1, Relaxed),
    })
}

impl Drop for Stage {
    fn drop(&mut self) {
        DEPTH.fetch_sub(1, Relaxed);
        let peak = PEAK.fetch_max(self.outer_peak, Relaxed);
        let record = Record {
            name: self.name,
            depth: self.depth,
            wall: self.start.elapsed(),
            allocated: ALLOCATED.load(Relaxed) - self.allocated,
            peak,
        };
        if let Ok(mut stages) = STAGES.lock() {
            stages.push(record);
        }
    }
}

/// The profile as a table, stages in the order they started; empty when it is off.
pub fn report() -> String {
    let Ok(mut stages) = STAGES.lock() else {
        return String::new();
    };
    if !ENABLED.load(Relaxed) || stages.is_empty() {
        return String::new();
    }
    // Recorded when they end: an outer stage after its inner ones. Started order is
    // end order reversed within each nesting, which sorting by start time restores.
    let mb = |b: f64| b / 1_048_576.0;
    let mut lines = vec![format!(
        "{:<28} {:>10} {:>14} {:>14}",
        "stage", "wall (ms)", "allocated (MB)", "peak live (MB)"
    )];
    let order = start_order(&stages);
    for i in order {
        let r = &stages[i];
        let name = format!("{}{}", "  ".repeat(r.depth as usize), r.name);
        lines.push(format!(
            "{name:<28} {:>10.1} {:>14.1} {:>14.1}",
            r.wall.as_secs_f64() * 1000.0,
            mb(r.allocated as f64),
            mb(r.peak.max(0) as f64),
        ));
    }
    lines.push(format!(
        "{:<28} {:>10} {:>14.1} {:>14.1}",
        "whole run",
        "",
        mb(ALLOCATED.load(Relaxed) as f64),
        mb(PEAK.load(Relaxed).max(0) as f64)
    ));
    stages.clear();
    lines.join("\n") + "\n"
}

/// Indices of `stages` (recorded as they ended) in the order they started: a stage starts
/// before every deeper stage recorded just before it.
fn start_order(stages: &[Record]) -> Vec<usize> {
    let mut order = Vec::with_capacity(stages.len());
    let mut pending: Vec<Vec<usize>> = Vec::new();
    for (i, r) in stages.iter().enumerate() {
        let depth = r.depth as usize;
        if pending.len() <= depth + 1 {
            pending.resize_with(depth + 2, Vec::new);
        }
        let inner = std::mem::take(&mut pending[depth + 1]);
        let mut mine = vec![i];
        mine.extend(inner);
        if depth == 0 {
            order.extend(mine);
        } else {
            pending[depth].extend(mine);
        }
    }
    order
}
