//! What opening a file gives, whatever its format: a [`LayerFile`] of good features and what
//! was refused, left out or warned about. And the reading of a file's bytes that every reader
//! shares: refused before reading when it is over the size limit or would not fit in memory
//! (by its format's measured peak), read in chunks with progress. The formats themselves are
//! in `formats/`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use geo::Geometry;

use super::DataError;
use super::memory::{self, Peak};
use super::properties::PropertyTable;

/// Files larger than this are refused unless the limit is raised (`--max-file-size`).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// How far a load has got, shared with the UI thread.
#[derive(Debug, Default)]
pub struct Progress {
    pub bytes_total: AtomicU64,
    pub bytes_read: AtomicU64,
    pub features: AtomicUsize,
    /// What the load is doing now (0 reading, 1 parsing, 2 preparing the layer), for the
    /// progress line.
    pub stage: AtomicUsize,
}

/// Stages of a load, for [`Progress::stage`].
pub const STAGE_READING: usize = 0;
pub const STAGE_PARSING: usize = 1;
pub const STAGE_PREPARING: usize = 2;

impl Progress {
    pub fn snapshot(&self) -> (u64, u64, usize) {
        (
            self.bytes_read.load(Ordering::Relaxed),
            self.bytes_total.load(Ordering::Relaxed),
            self.features.load(Ordering::Relaxed),
        )
    }

    pub fn stage(&self) -> usize {
        self.stage.load(Ordering::Relaxed)
    }
}

/// What a load may use: the file size limit, and the memory it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    /// Memory the load may take at its peak; `None` asks the system what is available.
    pub max_memory_bytes: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_BYTES,
            max_memory_bytes: None,
        }
    }
}

/// A file's good features and the refused ones. Features are in file order, less the refused,
/// except that features without a place (a GeoJSON `null` geometry, a CSV row with empty
/// coordinates) come after the located ones.
#[derive(Debug)]
pub struct LayerFile {
    pub path: PathBuf,
    /// The file name without extension: the layer's name.
    pub name: String,
    /// The format it was read as ("GeoJSON", "CSV", "KML"...).
    pub format: &'static str,
    /// Each feature's `id` member, if it has one (located features first, then unlocated).
    pub ids: Vec<Option<String>>,
    /// The property that holds each feature's id, when the reader found one (a CSV's
    /// `event_id_cnty` or `id` column): then `ids` is empty, and [`Self::id`] reads it.
    pub id_column: Option<String>,
    /// Each located feature's geometry: longitude/latitude, every coordinate finite and in
    /// range. Feature `i` of the layer has geometry `i` when `i < geometries.len()`; the
    /// features past the end have no place.
    pub geometries: Vec<Geometry>,
    /// Each feature's properties (one row per feature, located or not).
    pub properties: PropertyTable,
    pub skipped: Vec<DataError>,
    /// Parts of kept features that were left out (a degenerate hole, a one-point segment, an
    /// unreadable point of a track), each named with its feature and why.
    pub dropped: Vec<DataError>,
    /// What does not stop a feature being drawn but a careful user should know (positions
    /// clamped from float noise, what a GeoJSON linter flags), each with its line and column.
    pub warnings: Vec<DataError>,
    /// What a user should know about the file as a whole (an old-style `crs`, a projection).
    pub notes: Vec<String>,
    pub bytes: u64,
}

impl LayerFile {
    /// Nothing refused, left out or warned about.
    pub fn is_clean(&self) -> bool {
        self.skipped.is_empty() && self.dropped.is_empty() && self.warnings.is_empty()
    }

    /// Feature `i`'s id: its `id` member, or its value in the id column.
    pub fn id(&self, i: usize) -> Option<String> {
        if let Some(Some(id)) = self.ids.get(i) {
            return Some(id.clone());
        }
        let key = self.properties.key(self.id_column.as_deref()?)?;
        Some(self.properties.text(i, key)?.into_owned())
    }

    /// Features with no place to draw them.
    pub fn unlocated(&self) -> usize {
        self.properties.len() - self.geometries.len()
    }
}

/// The file's text, read in chunks with progress, after checking its size against the limit
/// and the memory opening it needs against what is available.
pub fn read_text(
    path: &Path,
    limits: Limits,
    peak: Peak,
    progress: &Progress,
) -> Result<String, String> {
    let mut bytes = read_bytes(path, limits, peak, progress)?;
    // A UTF-8 byte order mark, as Windows tools write: JSON readers may ignore it (RFC 8259).
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "is not UTF-8 text (bad byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })
}

/// The file's bytes, read like [`read_text`]; `peak` says which reader they go to, for the
/// memory check.
pub fn read_bytes(
    path: &Path,
    limits: Limits,
    peak: Peak,
    progress: &Progress,
) -> Result<Vec<u8>, String> {
    let (mut file, size) = open_checked(path, limits, peak, progress)?;
    let mut bytes = Vec::with_capacity(size as usize);
    while read_some(&mut file, &mut bytes, limits, progress)? {}
    Ok(bytes)
}

/// The file opened, after checking its size against the limit and the memory its reader
/// (`peak`) needs against what is available; with its size.
pub fn open_checked(
    path: &Path,
    limits: Limits,
    peak: Peak,
    progress: &Progress,
) -> Result<(std::fs::File, u64), String> {
    let size = std::fs::metadata(path)
        .map_err(|err| format!("cannot be read: {err}"))?
        .len();
    if size > limits.max_file_bytes {
        return Err(format!(
            "is {} MB, over the {} MB limit (raise it with --max-file-size)",
            size.div_ceil(1 << 20),
            limits.max_file_bytes / (1 << 20)
        ));
    }
    check_memory(limits, peak, size)?;
    progress.bytes_total.store(size, Ordering::Relaxed);
    let file = std::fs::File::open(path).map_err(|err| format!("cannot be read: {err}"))?;
    Ok((file, size))
}

/// Whether reading `bytes` of files through `peak`'s reader fits the memory `limits` allow
/// (or the system has available); why not, if not.
pub fn check_memory(limits: Limits, peak: Peak, bytes: u64) -> Result<(), String> {
    let budget = limits.max_memory_bytes.or_else(memory::available_bytes);
    match memory::refusal(peak, bytes, budget) {
        Some(refused) => Err(refused),
        None => Ok(()),
    }
}

/// Read up to 4 MB more of `file` onto `bytes`, with progress (`bytes_read` counts what
/// `bytes` has held in all); `false` at the end of the file.
pub fn read_some(
    file: &mut std::fs::File,
    bytes: &mut Vec<u8>,
    limits: Limits,
    progress: &Progress,
) -> Result<bool, String> {
    const STEP: u64 = 4 << 20;
    // `read_to_end` fills the room `bytes` has before it grows it (a read into a full
    // vector probes first), so a vector made the file's size is never doubled.
    let n = file
        .by_ref()
        .take(STEP)
        .read_to_end(bytes)
        .map_err(|err| format!("cannot be read: {err}"))?;
    let total = progress.bytes_read.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
    if total > limits.max_file_bytes {
        return Err("grew over the size limit while being read".to_owned());
    }
    Ok(n > 0)
}

/// The GeoJSON name of a geometry's type, for messages and the identify table.
pub fn geometry_name(geometry: &Geometry<f64>) -> &'static str {
    match geometry {
        Geometry::Point(_) => "Point",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::LineString(_) | Geometry::Line(_) => "LineString",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}
