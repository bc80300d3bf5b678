//! A GeoPackage feature table read whole into a layer: every row in table order, a row whose
//! geometry cannot be read skipped alone and named by its key.

use std::borrow::Cow;
use std::path::Path;
use std::sync::atomic::Ordering;

use rusqlite::Connection;
use serde_json::Value;

use super::table::Table;
use crate::data::DataError;
use crate::data::formats::Features;
use crate::data::formats::projection::Projection;
use crate::data::layer_file::{LayerFile, Progress, STAGE_PARSING};

impl Table {
    /// Every row, as a layer.
    pub fn read_all(
        &self,
        db: &Connection,
        path: &Path,
        progress: &Progress,
    ) -> Result<LayerFile, DataError> {
        let shown = format!("{} ({})", path.display(), self.name);
        let refuse = |err: rusqlite::Error| DataError::file(&shown, err.to_string());
        progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
        let mut statement = db.prepare(&self.select()).map_err(refuse)?;
        let mut rows = statement.query([]).map_err(refuse)?;
        let mut features = Features::new(&shown);
        features.id_column = None;
        if let Projection::Reproject { name, .. } = &self.projection {
            features.notes.push(format!(
                "is in {name}: reprojected to longitude/latitude (WGS 84)"
            ));
        }
        let mut order = 0usize;
        while let Some(row) = rows.next().map_err(refuse)? {
            let read = self.row(row);
            let label = match row.get::<_, i64>(0) {
                Ok(id) => format!("{} {id}", self.key),
                Err(_) => format!("row {}", order + 1),
            };
            let named = |problem: String| DataError::labelled(&shown, order, &label, problem);
            match read {
                Ok((id, geometry, properties)) => {
                    let object: serde_json::Map<String, Value> = properties.into_iter().collect();
                    let text = Cow::Owned(Value::Object(object).to_string());
                    features.keep(order, &named, Some(id.to_string()), geometry, text);
                }
                Err(problem) => features.skip(order, named(problem)),
            }
            order += 1;
            progress.features.store(order, Ordering::Relaxed);
        }
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let mut layer = features.finish(path, "GeoPackage", bytes)?;
        layer.name = name;
        Ok(layer)
    }
}
