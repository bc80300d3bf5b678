//! What every reader hands over: features gathered one by one (located, unlocated or refused),
//! then checked the same way whatever the format and kept as a [`LayerFile`].

use std::borrow::Cow;
use std::path::Path;

use geo::{CoordsIter, Geometry};

use crate::data::DataError;
use crate::data::geojson_file::check_rings;
use crate::data::layer_file::LayerFile;
use crate::data::properties::PropertyTable;

/// A file's features as a reader finds them. `'a` is the text properties may be borrowed from.
#[derive(Debug, Default)]
pub struct Features<'a> {
    /// The file as the user names it, for messages.
    pub shown: String,
    ids: Vec<Option<String>>,
    geometries: Vec<Geometry<f64>>,
    rows: Vec<Cow<'a, str>>,
    unlocated_ids: Vec<Option<String>>,
    unlocated_rows: Vec<Cow<'a, str>>,
    /// Refused features with their position in the file, to report them in file order.
    skipped: Vec<(usize, DataError)>,
    /// What a user should know about the file as a whole.
    pub notes: Vec<String>,
}

impl<'a> Features<'a> {
    pub fn new(shown: &str) -> Self {
        Self {
            shown: shown.to_owned(),
            ..Self::default()
        }
    }

    /// Keep a feature: its id, its geometry (`None`: it has no place), and its properties as
    /// the text of a JSON object ("" for none). A geometry that cannot be drawn is refused with
    /// why, and the caller names the feature.
    pub fn push(
        &mut self,
        id: Option<String>,
        geometry: Option<Geometry<f64>>,
        properties: Cow<'a, str>,
    ) -> Result<(), String> {
        match geometry {
            Some(geometry) => {
                check_rings(&geometry)?;
                self.ids.push(id);
                self.geometries.push(geometry);
                self.rows.push(properties);
            }
            None => {
                self.unlocated_ids.push(id);
                self.unlocated_rows.push(properties);
            }
        }
        Ok(())
    }

    /// Like [`Self::push`], for formats whose readers do not check positions themselves: every
    /// coordinate finite and a longitude/latitude in range, lines of two positions or more.
    pub fn push_checked(
        &mut self,
        id: Option<String>,
        geometry: Option<Geometry<f64>>,
        properties: Cow<'a, str>,
    ) -> Result<(), String> {
        if let Some(geometry) = &geometry {
            check_positions(geometry)?;
        }
        self.push(id, geometry, properties)
    }

    /// Refuse the feature at `order` (its position in the file) for `error`.
    pub fn skip(&mut self, order: usize, error: DataError) {
        self.skipped.push((order, error));
    }

    /// Features kept so far, located or not.
    pub fn len(&self) -> usize {
        self.geometries.len() + self.unlocated_rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The layer: located features first (their rows are the geometries' numbers), then the
    /// unlocated ones. Fails when every feature was refused.
    pub fn finish(
        mut self,
        path: &Path,
        format: &'static str,
        bytes: u64,
    ) -> Result<LayerFile, DataError> {
        self.skipped.sort_by_key(|(order, _)| *order);
        let skipped: Vec<DataError> = self.skipped.into_iter().map(|(_, e)| e).collect();
        let kept = self.geometries.len() + self.unlocated_rows.len();
        if kept == 0
            && let Some(first) = skipped.first()
        {
            return Err(DataError::file(
                &self.shown,
                format!(
                    "has no usable feature: all {} were refused (first: {}{})",
                    skipped.len(),
                    first
                        .feature
                        .as_deref()
                        .map(|f| format!("{f} "))
                        .unwrap_or_default(),
                    first.problem
                ),
            ));
        }
        self.ids.append(&mut self.unlocated_ids);
        self.rows.append(&mut self.unlocated_rows);
        let properties = PropertyTable::from_json_objects(&self.rows);
        let name = path.file_stem().map_or_else(
            || self.shown.clone(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        Ok(LayerFile {
            path: path.to_path_buf(),
            name,
            format,
            ids: self.ids,
            geometries: self.geometries,
            properties,
            skipped,
            notes: self.notes,
            bytes,
        })
    }
}

/// Every coordinate finite and in longitude/latitude range; lines of two positions or more;
/// polygon rings of four or more.
pub fn check_positions(geometry: &Geometry<f64>) -> Result<(), String> {
    if let Some(c) = geometry
        .coords_iter()
        .find(|c| !(c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0))
    {
        return Err(format!(
            "has a coordinate out of range: longitude {}, latitude {}",
            c.x, c.y
        ));
    }
    match geometry {
        Geometry::LineString(line) if line.0.len() < 2 => {
            Err("has a line with fewer than 2 positions".to_owned())
        }
        Geometry::MultiLineString(lines) if lines.0.iter().any(|l| l.0.len() < 2) => {
            Err("has a line with fewer than 2 positions".to_owned())
        }
        Geometry::Polygon(p) if p.exterior().0.len() < 4 => {
            Err("has a polygon ring with fewer than 4 positions".to_owned())
        }
        Geometry::MultiPolygon(ps) if ps.0.iter().any(|p| p.exterior().0.len() < 4) => {
            Err("has a polygon ring with fewer than 4 positions".to_owned())
        }
        Geometry::GeometryCollection(parts) => parts.iter().try_for_each(check_positions),
        _ => Ok(()),
    }
}
