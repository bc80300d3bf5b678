//! Whether opening a file fits in memory, decided before it is read: a file that would need more
//! than the machine has left is refused with a message, instead of pushing the system into swap
//! or the out-of-memory killer with everything already loaded.

/// Which reader a file goes through, for the memory it needs at its peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peak {
    GeoJson,
    Csv,
    Kml,
    Gpx,
    Shapefile,
    /// A zip archive (zipped Shapefiles or a KMZ): the archive, and each entry unpacked.
    Zip,
    /// FlatGeobuf and GeoPackage read whole (only up to `windowed::WHOLE_FEATURES`).
    Indexed,
    /// GeoParquet read whole: compressed columns, so more memory per byte of file.
    Parquet,
}

impl Peak {
    /// Peak memory per byte of file, in tenths, measured (BENCHMARKS.md, "Peak memory by
    /// reader"): the largest ratio of peak resident memory to file size over the measured
    /// sizes, rounded up, with the app's own memory counted apart.
    fn tenths(self) -> u64 {
        match self {
            // 1.8 (500,000 events, 358 MB) and 2.2 (world land, 264 MB).
            Self::GeoJson => 23,
            // 2.6 (500,000 rows, 171 MB) and 2.4 (2.5 million rows, 855 MB): the text is read
            // in pieces, never whole.
            Self::Csv => 26,
            // 4.5 (500,000 placemarks, 171 MB): every placemark's properties as JSON text.
            Self::Kml => 46,
            // 4.9 (500,000 waypoints with extensions, 577 MB).
            Self::Gpx => 50,
            // 4.5 (500,000 points, .shp and .dbf together 178 MB).
            Self::Shapefile => 46,
            // The archive, then each entry unpacked and read as its format (checked again).
            Self::Zip => 46,
            // Not measured apart: a Shapefile's figure (binary records, the same table of
            // properties); larger files are read by window, not whole.
            Self::Indexed => 46,
            // 19.1 (250,000 events, Snappy, 19.6 MB; 1.5 KB a row, as GeoJSON's): its columns
            // are compressed, each row's properties are not.
            Self::Parquet => 200,
        }
    }
}

/// The app's own memory, which a file's peak comes on top of.
const BASE_BYTES: u64 = 64 << 20;

/// Memory opening a file of `file_bytes` through `peak`'s reader needs at its peak: the file,
/// what it is parsed into and the layer built from it are alive at once for a moment.
pub fn estimate_bytes(peak: Peak, file_bytes: u64) -> u64 {
    (file_bytes / 10)
        .saturating_mul(peak.tenths())
        .saturating_add(BASE_BYTES)
}

/// Memory the system can give without swapping, where the platform says (`MemAvailable` on
/// Linux). `None` elsewhere: then only the file size limit applies.
pub fn available_bytes() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Why a file of `file_bytes` must not be opened through `peak`'s reader with `budget` bytes
/// of memory left, if so.
pub fn refusal(peak: Peak, file_bytes: u64, budget: Option<u64>) -> Option<String> {
    let budget = budget?;
    let needed = estimate_bytes(peak, file_bytes);
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
        assert_eq!(refusal(Peak::GeoJson, 100 * mb, None), None);
        assert_eq!(refusal(Peak::GeoJson, 100 * mb, Some(1000 * mb)), None);
        let refused = refusal(Peak::GeoJson, 400 * mb, Some(900 * mb)).unwrap();
        assert!(refused.contains("984 MB"), "{refused}");
        // A GPX costs more than a GeoJSON of its size, as measured.
        assert_eq!(refusal(Peak::GeoJson, 300 * mb, Some(800 * mb)), None);
        assert!(refusal(Peak::Gpx, 300 * mb, Some(800 * mb)).is_some());
        assert!(refused.contains("only 900 MB"), "{refused}");
    }

    #[test]
    fn this_machine_reports_its_memory() {
        if cfg!(target_os = "linux") {
            assert!(available_bytes().is_some_and(|b| b > 0));
        }
    }
}
