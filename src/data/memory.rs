//! Whether opening a file fits in memory, decided before it is read: a file that would need more
//! than the machine has left is refused with a message, instead of pushing the system into swap
//! or the out-of-memory killer with everything already loaded.

/// Memory opening a file of `file_bytes` needs at its peak, measured: the text, the parsed
/// features and the layer built from them are all alive at once for a moment. Measured peaks
/// (BENCHMARKS.md): about 2.2× the file for 500,000 events and 2.5× for 264 MB of polygons;
/// three times the file, plus the app's own, leaves room.
pub fn estimate_bytes(file_bytes: u64) -> u64 {
    file_bytes.saturating_mul(3).saturating_add(64 << 20)
}

/// Memory the system can give without swapping, where the platform says (`MemAvailable` on
/// Linux). `None` elsewhere: then only the file size limit applies.
pub fn available_bytes() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Why a file of `file_bytes` must not be opened with `budget` bytes of memory left, if so.
pub fn refusal(file_bytes: u64, budget: Option<u64>) -> Option<String> {
    let budget = budget?;
    let needed = estimate_bytes(file_bytes);
    (needed > budget).then(|| {
        format!(
            "would need about {} MB of memory to open, and only {} MB are available \
             (close other layers or programs, or raise the limit with --max-memory)",
            needed.div_ceil(1 << 20),
            budget / (1 << 20)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_refused_only_when_its_estimate_exceeds_the_budget() {
        let mb = 1u64 << 20;
        assert_eq!(refusal(100 * mb, None), None);
        assert_eq!(refusal(100 * mb, Some(1000 * mb)), None);
        let refused = refusal(400 * mb, Some(1000 * mb)).unwrap();
        assert!(refused.contains("1264 MB"), "{refused}");
        assert!(refused.contains("only 1000 MB"), "{refused}");
    }

    #[test]
    fn this_machine_reports_its_memory() {
        if cfg!(target_os = "linux") {
            assert!(available_bytes().is_some_and(|b| b > 0));
        }
    }
}
