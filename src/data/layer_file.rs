//! Opening a file a user chose (GeoJSON here; the other formats in `formats/`): refused before reading when it is over the size limit or
//! would not fit in memory, read in chunks with progress, then parsed and validated feature by
//! feature. A bad feature is skipped and reported; the good ones load, their properties into a
//! compact column store.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use geo::Geometry;

use std::borrow::Cow;

use super::formats::Features;
use super::formats::lines::LineIndex;
use super::properties::PropertyTable;
use super::{DataError, geojson_file, memory};

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

    /// Features with no place to draw them.
    pub fn unlocated(&self) -> usize {
        self.properties.len() - self.geometries.len()
    }
}

/// Read and validate a GeoJSON file. Fails only for the file as a whole (missing, too large
/// for the limit or for memory, not UTF-8, not JSON, not GeoJSON, or no usable feature at all).
pub fn read(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let started = std::time::Instant::now();
    let text =
        read_text(path, limits, progress).map_err(|problem| DataError::file(&shown, problem))?;
    log::info!("{shown}: read in {:.2?}", started.elapsed());
    let layer = from_text(path, &text, progress)?;
    log::info!("{shown}: parsed and stored by {:.2?}", started.elapsed());
    Ok(layer)
}

/// A layer from GeoJSON `text` that was read from `path`.
pub fn from_text(path: &Path, text: &str, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
    let parsed = super::parse::parse(text, &|n| progress.features.store(n, Ordering::Relaxed))
        .map_err(|err| geojson_file::parse_error(&shown, err))?;
    let mut features = Features::new(&shown);
    features.notes = parsed.notes;
    let lines = std::cell::RefCell::new(LineIndex::new(text));
    for s in parsed.skipped {
        let (line, column) = lines.borrow_mut().position(s.offset);
        let error = DataError::feature(&shown, s.index, s.id.as_deref(), s.reason);
        features.skip(s.index, error.at(line, column));
    }
    for feature in parsed.features {
        let (index, id) = (feature.index, feature.id);
        let properties = Cow::Borrowed(feature.properties);
        let offset = feature.offset;
        let named = |problem: String| {
            let (line, column) = lines.borrow_mut().position(offset);
            DataError::feature(&shown, index, id.as_deref(), problem).at(line, column)
        };
        for hint in feature.hints {
            features.warn(index, named(hint));
        }
        features.keep(index, &named, id.clone(), feature.geometry, properties);
    }
    progress.stage.store(STAGE_PREPARING, Ordering::Relaxed);
    let layer = features.finish(path, "GeoJSON", text.len() as u64)?;
    progress
        .features
        .store(layer.properties.len(), Ordering::Relaxed);
    Ok(layer)
}

/// The file's text, read in chunks with progress, after checking its size against the limit
/// and the memory opening it needs against what is available.
pub fn read_text(path: &Path, limits: Limits, progress: &Progress) -> Result<String, String> {
    let mut bytes = read_bytes(path, limits, progress)?;
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

/// The file's bytes, read like [`read_text`].
pub fn read_bytes(path: &Path, limits: Limits, progress: &Progress) -> Result<Vec<u8>, String> {
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
    let budget = limits.max_memory_bytes.or_else(memory::available_bytes);
    if let Some(refused) = memory::refusal(size, budget) {
        return Err(refused);
    }
    progress.bytes_total.store(size, Ordering::Relaxed);
    let mut file = std::fs::File::open(path).map_err(|err| format!("cannot be read: {err}"))?;
    let mut bytes = Vec::with_capacity(size as usize);
    let mut chunk = vec![0u8; 4 << 20];
    loop {
        let n = file
            .read(&mut chunk)
            .map_err(|err| format!("cannot be read: {err}"))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress
            .bytes_read
            .store(bytes.len() as u64, Ordering::Relaxed);
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err("grew over the size limit while being read".to_owned());
        }
    }
    Ok(bytes)
}
