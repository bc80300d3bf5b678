//! What every reader hands over: features gathered one by one (located, unlocated or refused),
//! checked the same way whatever the format, and kept as a [`LayerFile`]. A bad part of a
//! feature (a degenerate hole, an unusable polygon part) is dropped alone and reported; the
//! feature is refused only when nothing of it can be drawn.

use std::borrow::Cow;
use std::path::Path;

use geo::Geometry;

pub use super::repair::NOISE_DEGREES;
use super::repair::repair;
use crate::data::DataError;
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
    /// Refused features, dropped parts and warnings with their position in the file, to
    /// report them in file order.
    skipped: Vec<(usize, DataError)>,
    dropped: Vec<(usize, DataError)>,
    warnings: Vec<(usize, DataError)>,
    /// What a user should know about the file as a whole.
    pub notes: Vec<String>,
    /// The properties, when the reader built them itself (located rows first, then
    /// unlocated, as kept); else they are read from the rows' JSON text.
    pub table: Option<PropertyTable>,
    /// The reader builds the table itself: the rows' properties are not kept here.
    own_table: bool,
    /// The column of the table that holds each feature's id, when the reader says so: then
    /// the ids are not kept apart.
    pub id_column: Option<String>,
    /// Features kept without a place.
    unlocated: usize,
}

/// What [`Features::keep`] did with a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    Located,
    Unlocated,
    Refused,
}

/// What [`Features::push`] did with a feature's geometry besides keeping it.
#[derive(Debug, Default, PartialEq)]
pub struct Repairs {
    /// Parts left out, each with why ("hole 2 of polygon 1 has fewer than 3 distinct
    /// positions").
    pub dropped: Vec<String>,
    /// Coordinates brought back onto ±180°/±90° from float noise past them.
    pub clamped: usize,
}

impl<'a> Features<'a> {
    pub fn new(shown: &str) -> Self {
        Self {
            shown: shown.to_owned(),
            ..Self::default()
        }
    }

    /// Keep a feature: its id, its geometry (`None`: it has no place), and its properties as
    /// the text of a JSON object ("" for none). A geometry that cannot be drawn at all is
    /// refused with why, and the caller names the feature; its unusable parts are dropped and
    /// said in the result, for the caller to report with the feature's name.
    pub fn push(
        &mut self,
        id: Option<String>,
        geometry: Option<Geometry<f64>>,
        properties: Cow<'a, str>,
    ) -> Result<Repairs, String> {
        let mut repairs = Repairs::default();
        match geometry {
            Some(mut geometry) => {
                repairs = repair(&mut geometry)?;
                if self.id_column.is_none() {
                    self.ids.push(id);
                }
                self.geometries.push(geometry);
                if !self.own_table {
                    self.rows.push(properties);
                }
            }
            None => {
                self.unlocated += 1;
                if self.id_column.is_none() {
                    self.unlocated_ids.push(id);
                }
                if !self.own_table {
                    self.unlocated_rows.push(properties);
                }
            }
        }
        Ok(repairs)
    }

    /// [`Self::push`], with the feature at `order` (its position in the file) named `feature`
    /// in what is reported: refused whole, or its dropped parts and clamped coordinates.
    pub fn keep(
        &mut self,
        order: usize,
        feature: &dyn Fn(String) -> DataError,
        id: Option<String>,
        geometry: Option<Geometry<f64>>,
        properties: Cow<'a, str>,
    ) -> Kept {
        // An empty geometry (no position at all) is a feature without a place, as GDAL's EMPTY.
        let geometry = geometry.filter(|g| {
            let empty = geo::CoordsIter::coords_count(g) == 0;
            if empty {
                self.warn(
                    order,
                    feature("has an empty geometry: kept without a place".to_owned()),
                );
            }
            !empty
        });
        let located = geometry.is_some();
        match self.push(id, geometry, properties) {
            Err(problem) => {
                self.skip(order, feature(problem));
                Kept::Refused
            }
            Ok(repairs) => {
                for part in repairs.dropped {
                    self.drop_part(order, feature(format!("{part}: that part is left out")));
                }
                if repairs.clamped > 0 {
                    let problem = format!(
                        "has {} coordinate(s) past ±180° or ±90° by float noise (under \
                         {NOISE_DEGREES}°): taken as on the edge",
                        repairs.clamped
                    );
                    self.warn(order, feature(problem));
                }
                if located {
                    Kept::Located
                } else {
                    Kept::Unlocated
                }
            }
        }
    }

    /// The reader builds the properties' table itself (and sets [`Self::table`]): the
    /// properties given with each feature are not kept.
    pub fn own_table(&mut self) {
        self.own_table = true;
    }

    /// Make room for `features` more features at once, where the reader knows about how many
    /// (a growing list overshoots by up to twice).
    pub fn reserve(&mut self, features: usize) {
        self.ids.reserve_exact(features);
        self.geometries.reserve_exact(features);
    }

    /// Refuse the feature at `order` (its position in the file) for `error`.
    pub fn skip(&mut self, order: usize, error: DataError) {
        self.skipped.push((order, error));
    }

    /// A part of the feature at `order` was left out (a hole, a segment, a record's shape).
    pub fn drop_part(&mut self, order: usize, error: DataError) {
        self.dropped.push((order, error));
    }

    /// Something about the feature at `order` that does not stop it being drawn.
    pub fn warn(&mut self, order: usize, error: DataError) {
        self.warnings.push((order, error));
    }

    /// Features kept so far, located or not.
    pub fn len(&self) -> usize {
        self.geometries.len() + self.unlocated
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Features refused so far.
    pub fn skipped_count(&self) -> usize {
        self.skipped.len()
    }

    /// The layer: located features first (their rows are the geometries' numbers), then the
    /// unlocated ones. Fails when every feature was refused.
    pub fn finish(
        self,
        path: &Path,
        format: &'static str,
        bytes: u64,
    ) -> Result<LayerFile, DataError> {
        let shown = self.shown.clone();
        let layer = self.into_layer(path, format, bytes);
        if layer.properties.is_empty()
            && let Some(first) = layer.skipped.first()
        {
            return Err(DataError::file(
                &shown,
                format!(
                    "has no usable feature: all {} were refused (first: {}{})",
                    layer.skipped.len(),
                    first
                        .feature
                        .as_deref()
                        .map(|f| format!("{f} "))
                        .unwrap_or_default(),
                    first.problem
                ),
            ));
        }
        Ok(layer)
    }

    /// The layer, whatever was refused (a KML folder whose placemarks were all refused is
    /// still listed, with its refusals).
    pub fn into_layer(mut self, path: &Path, format: &'static str, bytes: u64) -> LayerFile {
        let ordered = |mut list: Vec<(usize, DataError)>| -> Vec<DataError> {
            list.sort_by_key(|(order, _)| *order);
            list.into_iter().map(|(_, e)| e).collect()
        };
        self.ids.append(&mut self.unlocated_ids);
        self.rows.append(&mut self.unlocated_rows);
        let properties = match self.table.take() {
            Some(table) => table,
            None => PropertyTable::from_json_objects(&self.rows),
        };
        let name = path.file_stem().map_or_else(
            || self.shown.clone(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        LayerFile {
            path: path.to_path_buf(),
            name,
            format,
            ids: self.ids,
            id_column: self.id_column,
            geometries: self.geometries,
            properties,
            skipped: ordered(self.skipped),
            dropped: ordered(self.dropped),
            warnings: ordered(self.warnings),
            notes: self.notes,
            bytes,
        }
    }
}
