//! Opening a GeoJSON file a user chose: refused before reading when it is over the size limit or
//! would not fit in memory, read in chunks with progress, then parsed and validated feature by
//! feature. A bad feature is skipped and reported; the good ones load, their properties into a
//! compact column store.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use geo::Geometry;

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

/// A file's good features and the refused ones. Features are in file order, less the refused.
#[derive(Debug)]
pub struct LayerFile {
    pub path: PathBuf,
    /// The file name without extension: the layer's name.
    pub name: String,
    /// Each feature's `id` member, if it has one.
    pub ids: Vec<Option<String>>,
    /// Each feature's geometry: longitude/latitude, every coordinate finite and in range.
    pub geometries: Vec<Geometry<f64>>,
    /// Each feature's properties.
    pub properties: PropertyTable,
    pub skipped: Vec<DataError>,
    pub bytes: u64,
}

/// Read and validate `path`. Fails only for the file as a whole (missing, too large for the
/// limit or for memory, not UTF-8, not JSON, not GeoJSON, or no usable feature at all).
pub fn read(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let started = std::time::Instant::now();
    let text = read_text(path, limits, progress).map_err(refuse)?;
    log::info!("{shown}: read in {:.2?}", started.elapsed());
    progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
    let parsed = super::parse::parse(&text, &|n| progress.features.store(n, Ordering::Relaxed))
        .map_err(|err| geojson_file::parse_error(&shown, err))?;
    let mut skipped: Vec<(usize, DataError)> = parsed
        .skipped
        .into_iter()
        .map(|s| {
            let error = DataError::feature(&shown, s.index, s.id.as_deref(), s.reason);
            (s.index, error)
        })
        .collect();
    let count = parsed.features.len();
    let (mut ids, mut geometries) = (Vec::with_capacity(count), Vec::with_capacity(count));
    let properties = {
        let mut texts = Vec::with_capacity(count);
        for feature in parsed.features {
            if let Err(problem) = geojson_file::check_rings(&feature.geometry) {
                let id = feature.id.as_deref();
                skipped.push((
                    feature.index,
                    DataError::feature(&shown, feature.index, id, problem),
                ));
                continue;
            }
            ids.push(feature.id);
            geometries.push(feature.geometry);
            texts.push(feature.properties);
        }
        log::info!("{shown}: parsed by {:.2?}", started.elapsed());
        progress.stage.store(STAGE_PREPARING, Ordering::Relaxed);
        PropertyTable::from_json_objects(&texts)
    };
    log::info!("{shown}: properties stored by {:.2?}", started.elapsed());
    drop(text);
    skipped.sort_by_key(|(index, _)| *index);
    let skipped: Vec<DataError> = skipped.into_iter().map(|(_, e)| e).collect();
    if geometries.is_empty() && !skipped.is_empty() {
        return Err(refuse(format!(
            "has no usable feature: all {} were refused (first: {})",
            skipped.len(),
            skipped[0].problem
        )));
    }
    progress.features.store(geometries.len(), Ordering::Relaxed);
    let name = path
        .file_stem()
        .map_or_else(|| shown.clone(), |stem| stem.to_string_lossy().into_owned());
    Ok(LayerFile {
        path: path.to_path_buf(),
        name,
        ids,
        geometries,
        properties,
        skipped,
        bytes: progress.bytes_total.load(Ordering::Relaxed),
    })
}

/// The file's text, read in chunks with progress, after checking its size against the limit
/// and the memory opening it needs against what is available.
fn read_text(path: &Path, limits: Limits, progress: &Progress) -> Result<String, String> {
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
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "is not UTF-8 text (bad byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })
}
