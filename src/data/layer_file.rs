//! Opening a GeoJSON file a user chose: refused before reading when it is over the size limit,
//! read in chunks with progress, then parsed and validated feature by feature. A bad feature is
//! skipped and reported; the good ones load.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::{DataError, GeoFeature, geojson_file};

/// Files larger than this are refused unless the limit is raised (`--max-file-size`).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// How far a load has got, shared with the UI thread.
#[derive(Debug, Default)]
pub struct Progress {
    pub bytes_total: AtomicU64,
    pub bytes_read: AtomicU64,
    pub features: AtomicUsize,
}

impl Progress {
    pub fn snapshot(&self) -> (u64, u64, usize) {
        (
            self.bytes_read.load(Ordering::Relaxed),
            self.bytes_total.load(Ordering::Relaxed),
            self.features.load(Ordering::Relaxed),
        )
    }
}

/// A file's good features and the refused ones.
#[derive(Debug, Clone)]
pub struct LayerFile {
    pub path: PathBuf,
    /// The file name without extension: the layer's name.
    pub name: String,
    pub features: Vec<GeoFeature>,
    pub skipped: Vec<DataError>,
    pub bytes: u64,
}

/// Read and validate `path`. Fails only for the file as a whole (missing, too large, not
/// UTF-8, not JSON, not GeoJSON, or no usable feature at all).
pub fn read(path: &Path, max_bytes: u64, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let size = std::fs::metadata(path)
        .map_err(|err| refuse(format!("cannot be read: {err}")))?
        .len();
    if size > max_bytes {
        return Err(refuse(format!(
            "is {} MB, over the {} MB limit (raise it with --max-file-size)",
            size.div_ceil(1 << 20),
            max_bytes / (1 << 20)
        )));
    }
    progress.bytes_total.store(size, Ordering::Relaxed);
    let mut file =
        std::fs::File::open(path).map_err(|err| refuse(format!("cannot be read: {err}")))?;
    let mut bytes = Vec::with_capacity(size as usize);
    let mut chunk = vec![0u8; 4 << 20];
    loop {
        let n = file
            .read(&mut chunk)
            .map_err(|err| refuse(format!("cannot be read: {err}")))?;
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress
            .bytes_read
            .store(bytes.len() as u64, Ordering::Relaxed);
        if bytes.len() as u64 > max_bytes {
            return Err(refuse(
                "grew over the size limit while being read".to_owned(),
            ));
        }
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        refuse(format!(
            "is not UTF-8 text (bad byte at offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    let (features, skipped) = geojson_file::parse_lenient(&shown, &text, &|n| {
        progress.features.store(n, Ordering::Relaxed)
    })?;
    if features.is_empty() && !skipped.is_empty() {
        return Err(refuse(format!(
            "has no usable feature: all {} were refused (first: {})",
            skipped.len(),
            skipped[0].problem
        )));
    }
    progress.features.store(features.len(), Ordering::Relaxed);
    let name = path
        .file_stem()
        .map_or_else(|| shown.clone(), |stem| stem.to_string_lossy().into_owned());
    Ok(LayerFile {
        path: path.to_path_buf(),
        name,
        features,
        skipped,
        bytes: size,
    })
}
