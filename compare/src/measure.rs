//! Timing and reporting helpers shared by every comparison, so that all of them time, take
//! medians and print `name value` lines the same way.

use std::time::{Duration, Instant};

/// Run `f` once and return its result with the wall time it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// The median of `times` in milliseconds (the upper one of an even count), so one slow outlier
/// on this shared machine does not move the figure.
pub fn median_ms(times: &[Duration]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted
        .get(sorted.len() / 2)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

/// Print one `name value` line of the report, with milliseconds to three decimals.
pub fn print_ms(name: &str, ms: f64) {
    println!("{name} {ms:.3}");
}

/// Print one `name value` line with any displayable value (counts, notes).
pub fn print_value(name: &str, value: impl std::fmt::Display) {
    println!("{name} {value}");
}

/// Print a `name failed: reason` line, for a measurement that could not be made.
pub fn print_failed(name: &str, reason: impl std::fmt::Display) {
    println!("{name} failed: {reason}");
}

/// Peak resident memory (VmHWM) of this process in MB, on Linux.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// A panic payload as text, for a `failed:` line.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panicked".to_owned()
    }
}
