//! GeoJSON, the first format: a file a user opens is parsed in parallel ([`parse`]), each
//! feature validated and converted to `geo` ([`features`] for the bundled story's curated
//! files, all or nothing), and kept through [`Features`] like every other format's.

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::Ordering;

pub mod features;
pub mod parse;
pub mod sketch;

use super::Features;
use super::lines::LineIndex;
use crate::data::DataError;
use crate::data::layer_file::{
    LayerFile, Limits, Progress, STAGE_PARSING, STAGE_PREPARING, read_text,
};
use crate::data::memory::Peak;

/// Read and validate a GeoJSON file. Fails only for the file as a whole (missing, too large
/// for the limit or for memory, not UTF-8, not JSON, not GeoJSON, or no usable feature at all).
pub fn read(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let started = std::time::Instant::now();
    let text = read_text(path, limits, Peak::GeoJson, progress)
        .map_err(|problem| DataError::file(&shown, problem))?;
    log::info!("{shown}: read in {:.2?}", started.elapsed());
    let layer = from_text(path, &text, progress)?;
    log::info!("{shown}: parsed and stored by {:.2?}", started.elapsed());
    Ok(layer)
}

/// A layer from GeoJSON `text` that was read from `path`.
pub fn from_text(path: &Path, text: &str, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
    let parsed = parse::parse(text, &|n| progress.features.store(n, Ordering::Relaxed))
        .map_err(|err| features::parse_error(&shown, err))?;
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
