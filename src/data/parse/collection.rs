//! Parsing a FeatureCollection member by member, on one thread or several.
//!
//! The outline of the collection is walked with [`super::scan`], and each member is read
//! alone, with the fast reader ([`super::fast`]) or, where it gives up, the serde visitors; so
//! the outcome is exactly what the serde visitors would give for the whole text.
//!
//! Anything unexpected (the scanner gives up, a member is not valid JSON, a thread dies) makes
//! them answer `None`, and the caller parses the whole text with the serde visitors: that parse
//! gives the error, with its position in the whole file, or the result.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::thread;

use serde::de::DeserializeSeed;

use super::seeds::{FeatureSeed, Outcome, PROGRESS_EVERY};
use super::{fast, scan};

/// One member handed to a helper thread: its index in the features array and its bytes.
type Job = (usize, Range<usize>);

/// How many members may wait for each helper thread: enough that a helper never waits for
/// work, few enough that the calling thread parses most members itself (reading a member where
/// it starts finds its end on the way; a member handed out costs a scan for its end).
const WAITING_PER_HELPER: usize = 2;

/// Parse the features of the FeatureCollection `text` on `threads` threads (the calling one
/// included; 0 or 1 means the calling thread alone). `None` means "parse with the serde
/// visitors instead" (see the module documentation).
///
/// The calling thread walks the collection. It reads each member where it starts (the reader
/// finds where the member ends), except when helper threads are short of work: then it scans
/// for the member's end and hands the member to them. Once the walk is done, it helps with the
/// members still waiting. Outcomes are put back in file order at the end.
pub(crate) fn parse<'a>(
    text: &'a str,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Option<Vec<Outcome<'a>>> {
    let helpers = threads.saturating_sub(1);
    let (sender, receiver) = mpsc::channel::<Job>();
    let shared = Shared {
        text,
        jobs: Mutex::new(receiver),
        waiting: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        failed: AtomicBool::new(false),
        progress,
    };
    thread::scope(|scope| {
        let helpers: Vec<_> = (0..helpers)
            .map(|_| scope.spawn(|| shared.work()))
            .collect();
        let most_waiting = WAITING_PER_HELPER * helpers.len();
        let mut parsed = Vec::new();
        let count = scan::walk_collection(text, |index, start| {
            if shared.waiting.load(Ordering::Relaxed) < most_waiting {
                let end = scan::object_end(text.as_bytes(), start)?;
                shared.waiting.fetch_add(1, Ordering::Relaxed);
                // Sending fails only once every receiver is gone, which cannot happen while
                // this thread holds one; a lost job would be noticed by `in_order` anyway.
                let _ = sender.send((index, start..end));
                return Some(end);
            }
            let (outcome, end) = read_at(text, start, index)?;
            parsed.push((index, outcome));
            shared.one_done();
            Some(end)
        });
        drop(sender);
        if count.is_none() {
            // Let the helpers drain what was sent without parsing it.
            shared.failed.store(true, Ordering::Relaxed);
        }
        // Members still waiting are parsed by whichever thread is free first (a helper may be
        // off the CPU when another program is busy).
        parsed.extend(shared.work());
        let mut helpers_ok = true;
        for helper in helpers {
            match helper.join() {
                Ok(outcomes) => parsed.extend(outcomes),
                Err(_) => helpers_ok = false,
            }
        }
        if !helpers_ok || shared.failed.load(Ordering::Relaxed) {
            return None;
        }
        in_order(parsed, count?)
    })
}

/// What the threads share.
struct Shared<'a, 'p> {
    /// The whole text.
    text: &'a str,
    /// Members handed to the helpers, in file order.
    jobs: Mutex<mpsc::Receiver<Job>>,
    /// How many handed-out members no helper has taken yet.
    waiting: AtomicUsize,
    /// How many members have been parsed, for progress.
    done: AtomicUsize,
    /// Set when the parallel parse cannot give the answer (see the module documentation).
    failed: AtomicBool,
    /// Told how many features have been parsed so far.
    progress: &'p (dyn Fn(usize) + Sync),
}

impl<'a> Shared<'a, '_> {
    /// Parse handed-out members until there are no more (a helper thread's work, and the
    /// calling thread's once it has walked the whole collection); gives each outcome with its
    /// index.
    fn work(&self) -> Vec<(usize, Outcome<'a>)> {
        let mut outcomes = Vec::new();
        loop {
            let job = match self.jobs.lock() {
                Ok(jobs) => jobs.recv(),
                Err(_) => {
                    self.failed.store(true, Ordering::Relaxed);
                    break;
                }
            };
            let Ok((index, range)) = job else {
                break;
            };
            self.waiting.fetch_sub(1, Ordering::Relaxed);
            if self.failed.load(Ordering::Relaxed) {
                continue;
            }
            match self
                .text
                .get(range)
                .and_then(|member| parse_member(member, index))
            {
                Some(outcome) => outcomes.push((index, outcome)),
                None => self.failed.store(true, Ordering::Relaxed),
            }
            self.one_done();
        }
        outcomes
    }

    /// Count one more parsed member, and tell `progress` now and then.
    fn one_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(done);
        }
    }
}

/// Parse the member whose `{` is at byte `start` of `text`, giving its outcome and the index
/// just past it: by the fast reader if it can (which finds the end on the way), else by the
/// serde visitors. `None` if it is not valid JSON.
fn read_at(text: &str, start: usize, index: usize) -> Option<(Outcome<'_>, usize)> {
    if let Some((outcome, length)) = fast::feature(text.get(start..)?, index) {
        return Some((outcome, start + length));
    }
    let end = scan::object_end(text.as_bytes(), start)?;
    Some((serde_member(text.get(start..end)?, index)?, end))
}

/// Parse one member of the features array, alone: by the fast reader if it can, else by the
/// serde visitors. `None` if it is not valid JSON.
fn parse_member(member: &str, index: usize) -> Option<Outcome<'_>> {
    match fast::feature(member, index) {
        Some((outcome, length)) if length == member.len() => Some(outcome),
        _ => serde_member(member, index),
    }
}

/// Parse one member of the features array, alone, by the serde visitors. `None` if it is not
/// valid JSON.
fn serde_member(member: &str, index: usize) -> Option<Outcome<'_>> {
    let mut deserializer = serde_json::Deserializer::from_str(member);
    let outcome = FeatureSeed { index }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(outcome)
}

/// Put the outcomes back in file order, checking that each of the `count` members has exactly
/// one.
fn in_order(parsed: Vec<(usize, Outcome<'_>)>, count: usize) -> Option<Vec<Outcome<'_>>> {
    if parsed.len() != count {
        return None;
    }
    let mut slots: Vec<Option<Outcome<'_>>> = (0..count).map(|_| None).collect();
    for (index, outcome) in parsed {
        let slot = slots.get_mut(index)?;
        if slot.is_some() {
            return None;
        }
        *slot = Some(outcome);
    }
    slots.into_iter().collect()
}
