//! A GeoParquet (or plain Parquet) file read whole into a layer: every row in file order, a
//! row whose geometry cannot be read skipped alone and named by its number; a page that cannot
//! be decoded ends the read, keeping the rows before it.

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::Ordering;

use super::GeoParquet;
use crate::data::DataError;
use crate::data::formats::Features;
use crate::data::formats::projection::Projection;
use crate::data::formats::windowed::WHOLE_FEATURES;
use crate::data::layer_file::{LayerFile, Limits, Progress, STAGE_PARSING, open_checked};
use crate::data::memory::Peak;

/// Read a GeoParquet file whole, into a layer.
pub fn read_path(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let (_, bytes) = open_checked(path, limits, Peak::Parquet, progress).map_err(refuse)?;
    let file = GeoParquet::open(path).map_err(|err| refuse(unprefixed(&err, &shown)))?;
    read_all(path, &file, bytes, progress)
}

/// [`read_path`] for a file's bytes already in memory.
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let size = bytes.len() as u64;
    let file = GeoParquet::from_bytes(path, bytes)
        .map_err(|err| DataError::file(&shown, unprefixed(&err, &shown)))?;
    read_all(path, &file, size, &Progress::default())
}

fn unprefixed(err: &str, shown: &str) -> String {
    err.strip_prefix(&format!("{shown}: "))
        .unwrap_or(err)
        .to_owned()
}

/// Every row of `file`, in file order.
fn read_all(
    path: &Path,
    file: &GeoParquet,
    bytes: u64,
    progress: &Progress,
) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
    let mut features = Features::new(&shown);
    features.id_column = None;
    features.notes.extend(file.notes.iter().cloned());
    if let Projection::Reproject { name, .. } = &file.projection {
        features.notes.push(format!(
            "is in {name}: reprojected to longitude/latitude (WGS 84)"
        ));
    }
    if file.rows > WHOLE_FEATURES && file.groups.is_none() {
        features.notes.push(format!(
            "has {} rows but no bounding-box covering, so it is read whole: write it with \
             `to_parquet(write_covering_bbox=True)` or GDAL to read only what is in view",
            file.rows
        ));
    }
    // Room for the rows, but never more than the file's bytes could hold (a byte a row).
    features.reserve(file.rows.min(WHOLE_FEATURES * 8).min(bytes) as usize);
    let mut order = 0usize;
    let mut visit = |batch: &arrow_array::RecordBatch| {
        let places = file.places(batch)?;
        let properties = file.properties(batch);
        for row in 0..batch.num_rows() {
            let label = format!("row {}", order + 1);
            let named = |problem: String| DataError::labelled(&shown, order, &label, problem);
            match file.located(&places, row) {
                Ok(place) => {
                    let text = Cow::Owned(properties.json(row));
                    features.keep(order, &named, None, place, text);
                }
                Err(problem) => features.skip(order, named(problem)),
            }
            order += 1;
        }
        progress.features.store(order, Ordering::Relaxed);
        Ok(())
    };
    let read = file.batches(None, &|builder| Ok(builder), &mut visit);
    if let Err(problem) = read {
        if features.is_empty() {
            return Err(DataError::file(&shown, unprefixed(&problem, &shown)));
        }
        // A damaged page ends the read; what came before it is kept.
        features.notes.push(format!(
            "could not be read past row {order} ({}): the rows before are kept",
            unprefixed(&problem, &shown)
        ));
    }
    let mut layer = features.finish(path, "GeoParquet", bytes)?;
    layer.name = file.name.clone();
    Ok(layer)
}
