//! The stage-by-stage profile of `check --timings` and `build --timings`: for each stage of the
//! pipeline (load, catalogue, route, render, search, write…), its wall time, the bytes it
//! allocated and the most memory live while it ran. Off unless asked for: then a stage costs
//! nothing but one flag read, and the allocator one relaxed load per allocation.
//!
//! The counts come from [`Counting`], the binary's global allocator; a process that installs
//! another allocator (the test harness) gets wall times and zeros.
//!
//! Stages nest: a stage's parent is the stage open on its thread, or one named with
//! [`stage_in`] (a language's render, run on a pool thread beside the other languages). Stages
//! may run side by side: each reports the most memory live in the whole process while it ran,
//! and the bytes the whole process allocated meanwhile.

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static ALLOCATED: AtomicU64 = AtomicU64::new(0);
static LIVE: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);
static STAGES: Mutex<Vec<Record>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// How many stages can be open at once with a peak of their own (a stage beyond them reports
/// the whole run's peak so far).
const SLOTS: usize = 32;
/// Slots taken by a stage (bit `i`: slot `i`).
static TAKEN: AtomicU32 = AtomicU32::new(0);
/// Slots whose stage is open: each allocation raises their peaks.
static OPEN: AtomicU32 = AtomicU32::new(0);
/// The most bytes live since the stage holding the slot began.
static SLOT_PEAK: [AtomicI64; SLOTS] = [const { AtomicI64::new(0) }; SLOTS];

thread_local! {
    /// The stage open on this thread: the parent of the next one started here.
    static CURRENT: Cell<Option<u64>> = const { Cell::new(None) };
}

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
    raise(&PEAK, live);
    let mut open = OPEN.load(Relaxed);
    while open != 0 {
        raise(&SLOT_PEAK[open.trailing_zeros() as usize], live);
        open &= open - 1;
    }
}

/// Raises `peak` to `live`, written only when it grows (most allocations do not raise a peak,
/// and a read leaves the cache line shared between the threads).
fn raise(peak: &AtomicI64, live: i64) {
    if peak.load(Relaxed) < live {
        peak.fetch_max(live, Relaxed);
    }
}

/// Turns the profile on (for the rest of the process).
pub fn enable() {
    ENABLED.store(true, Relaxed);
}

struct Record {
    id: u64,
    parent: Option<u64>,
    name: Cow<'static, str>,
    start: Instant,
    wall: Duration,
    allocated: u64,
    peak: i64,
}

/// The stage a new stage belongs to, to start it on another thread with [`stage_in`].
#[derive(Clone, Copy)]
pub(crate) struct Parent(Option<u64>);

/// The stage open on this thread.
pub(crate) fn current() -> Parent {
    Parent(CURRENT.get())
}

/// A stage being timed; it is recorded when dropped, on the thread that started it (it cannot
/// be sent to another: its end reopens the stage that was open on its thread).
pub(crate) struct Stage {
    id: u64,
    parent: Option<u64>,
    /// The stage open on this thread before this one, open again when this one ends.
    outer: Option<u64>,
    name: Cow<'static, str>,
    start: Instant,
    allocated: u64,
    slot: Option<usize>,
    on_this_thread: PhantomData<*const ()>,
}

/// Starts timing stage `name` inside the stage open on this thread; `None` when the profile
/// is off.
pub(crate) fn stage(name: &'static str) -> Option<Stage> {
    stage_in(current(), || name.into())
}

/// Starts timing a stage inside `parent`, named by `name` (asked only when the profile is on).
pub(crate) fn stage_in(parent: Parent, name: impl FnOnce() -> Cow<'static, str>) -> Option<Stage> {
    if !ENABLED.load(Relaxed) {
        return None;
    }
    let id = NEXT_ID.fetch_add(1, Relaxed);
    let outer = CURRENT.replace(Some(id));
    Some(Stage {
        id,
        parent: parent.0,
        outer,
        name: name(),
        start: Instant::now(),
        allocated: ALLOCATED.load(Relaxed),
        slot: take_slot(),
        on_this_thread: PhantomData,
    })
}

/// A free peak slot, its peak started at the bytes live now.
fn take_slot() -> Option<usize> {
    let mut taken = TAKEN.load(Relaxed);
    loop {
        let i = (!taken).trailing_zeros() as usize;
        if i >= SLOTS {
            return None;
        }
        match TAKEN.compare_exchange_weak(taken, taken | 1 << i, Relaxed, Relaxed) {
            Ok(_) => {
                SLOT_PEAK[i].store(LIVE.load(Relaxed), Relaxed);
                OPEN.fetch_or(1 << i, Relaxed);
                return Some(i);
            }
            Err(now) => taken = now,
        }
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        CURRENT.set(self.outer);
        let peak = match self.slot {
            Some(i) => {
                OPEN.fetch_and(!(1 << i), Relaxed);
                let peak = SLOT_PEAK[i].load(Relaxed);
                TAKEN.fetch_and(!(1 << i), Relaxed);
                peak
            }
            None => PEAK.load(Relaxed),
        };
        let record = Record {
            id: self.id,
            parent: self.parent,
            name: std::mem::take(&mut self.name),
            start: self.start,
            wall: self.start.elapsed(),
            // A report while the stage ran starts the count again (`serve`).
            allocated: ALLOCATED.load(Relaxed).saturating_sub(self.allocated),
            peak,
        };
        if let Ok(mut stages) = STAGES.lock() {
            stages.push(record);
        }
    }
}

/// The profile as a table, each stage under the one it belongs to, stages in the order they
/// started; empty when it is off. The stages reported are forgotten, and the last line's
/// totals start again: `serve` reports each rebuild on its own ("whole run" is then the
/// rebuild, with what ran beside it, such as the last edit's search index).
pub fn report() -> String {
    let Ok(mut stages) = STAGES.lock() else {
        return String::new();
    };
    if !ENABLED.load(Relaxed) || stages.is_empty() {
        return String::new();
    }
    let mb = |b: f64| b / 1_048_576.0;
    let mut lines = vec![format!(
        "{:<28} {:>10} {:>14} {:>14}",
        "stage", "wall (ms)", "allocated (MB)", "peak live (MB)"
    )];
    for (i, depth) in tree_order(&stages) {
        let r = &stages[i];
        let name = format!("{}{}", "  ".repeat(depth), r.name);
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
    ALLOCATED.store(0, Relaxed);
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    lines.join("\n") + "\n"
}

/// Indices of `stages`, each with its depth: every stage before the stages inside it,
/// stages of one parent in the order they started. A stage whose parent was not recorded
/// (still open) is shown at the top.
fn tree_order(stages: &[Record]) -> Vec<(usize, usize)> {
    let known: std::collections::HashSet<u64> = stages.iter().map(|r| r.id).collect();
    let mut children: std::collections::HashMap<Option<u64>, Vec<usize>> = Default::default();
    for (i, r) in stages.iter().enumerate() {
        let parent = r.parent.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(i);
    }
    for list in children.values_mut() {
        list.sort_by_key(|&i| (stages[i].start, stages[i].id));
    }
    let mut order = Vec::with_capacity(stages.len());
    let mut todo: Vec<(usize, usize)> = children.get(&None).map_or_else(Vec::new, |roots| {
        roots.iter().rev().map(|&i| (i, 0)).collect()
    });
    while let Some((i, depth)) = todo.pop() {
        order.push((i, depth));
        if let Some(inner) = children.get(&Some(stages[i].id)) {
            todo.extend(inner.iter().rev().map(|&c| (c, depth + 1)));
        }
    }
    order
}
