//! A large GeoParquet file read a tile at a time through its bounding-box covering: the row
//! groups whose statistics meet the tile, then, of those, the rows whose own boxes do (a row
//! filter that decodes only the four box columns), at the same even share for every tile of a
//! zoom ([`Density`]). The box columns are found and read here rather than through the
//! `geoparquet` crate's filter, which unwraps on covering columns outside a struct.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Float64Type};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch};
use arrow_schema::{ArrowError, DataType};
use geoparquet::metadata::{GeoParquetColumnEncoding, GeoParquetColumnMetadata};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::{
    ArrowPredicateFn, ArrowReaderMetadata, RowFilter, RowSelection, RowSelector,
};
use parquet::file::statistics::Statistics;

use super::GeoParquet;
use crate::data::formats::projection;
use crate::data::formats::vector_tiles::{DecodedTile, TileFeature};
use crate::data::formats::windowed::{Density, drawable, value_text};

/// The four columns (leaves of the Parquet schema) that hold each row's box: xmin, ymin, xmax,
/// ymax, as paths ("bbox", "xmin"); for native points, x and y twice.
#[derive(Debug, Clone)]
pub struct Covering {
    leaves: [usize; 4],
    paths: Arc<[Vec<String>; 4]>,
}

impl Covering {
    /// The covering the metadata names, or a native point column's own coordinates.
    pub fn find(
        meta: &ArrowReaderMetadata,
        column: &str,
        column_meta: &GeoParquetColumnMetadata,
    ) -> Option<Self> {
        let paths: [Vec<String>; 4] = match (&column_meta.covering, column_meta.encoding) {
            (Some(c), _) => [
                c.bbox.xmin.clone(),
                c.bbox.ymin.clone(),
                c.bbox.xmax.clone(),
                c.bbox.ymax.clone(),
            ],
            (None, GeoParquetColumnEncoding::Point) => {
                let x = vec![column.to_owned(), "x".to_owned()];
                let y = vec![column.to_owned(), "y".to_owned()];
                [x.clone(), y.clone(), x, y]
            }
            _ => return None,
        };
        let schema = meta.metadata().file_metadata().schema_descr();
        let leaf = |path: &Vec<String>| {
            (0..schema.num_columns()).find(|&i| schema.column(i).path().parts() == path.as_slice())
        };
        let leaves = [
            leaf(&paths[0])?,
            leaf(&paths[1])?,
            leaf(&paths[2])?,
            leaf(&paths[3])?,
        ];
        Some(Self {
            leaves,
            paths: Arc::new(paths),
        })
    }

    /// Each row group's box from its column statistics; `None` if any group has none.
    pub fn group_bounds(&self, meta: &ArrowReaderMetadata) -> Option<Vec<[f64; 4]>> {
        let stat =
            |group: &parquet::file::metadata::RowGroupMetaData, leaf: usize, low: bool| match group
                .column(leaf)
                .statistics()?
            {
                Statistics::Double(s) if low => s.min_opt().copied(),
                Statistics::Double(s) => s.max_opt().copied(),
                Statistics::Float(s) if low => s.min_opt().map(|v| *v as f64),
                Statistics::Float(s) => s.max_opt().map(|v| *v as f64),
                _ => None,
            };
        meta.metadata()
            .row_groups()
            .iter()
            .map(|g| {
                Some([
                    stat(g, self.leaves[0], true)?,
                    stat(g, self.leaves[1], true)?,
                    stat(g, self.leaves[2], false)?,
                    stat(g, self.leaves[3], false)?,
                ])
            })
            .collect()
    }

    fn mask(&self, meta: &ArrowReaderMetadata) -> ProjectionMask {
        ProjectionMask::leaves(meta.parquet_schema(), self.leaves)
    }

    /// The four box columns of a batch read through [`Self::mask`], as numbers.
    fn boxes(paths: &[Vec<String>; 4], batch: &RecordBatch) -> Result<[Vec<f64>; 4], ArrowError> {
        let column = |path: &Vec<String>| -> Result<Vec<f64>, ArrowError> {
            let missing = || ArrowError::SchemaError(format!("no box column {}", path.join(".")));
            let (first, rest) = path.split_first().ok_or_else(missing)?;
            let mut array: ArrayRef = batch.column_by_name(first).ok_or_else(missing)?.clone();
            for part in rest {
                let child = array
                    .as_struct_opt()
                    .and_then(|s| s.column_by_name(part))
                    .ok_or_else(missing)?;
                array = child.clone();
            }
            let nan = f64::NAN;
            match array.data_type() {
                DataType::Float64 => Ok(array
                    .as_primitive::<Float64Type>()
                    .iter()
                    .map(|v| v.unwrap_or(nan))
                    .collect()),
                DataType::Float32 => Ok(array
                    .as_primitive::<Float32Type>()
                    .iter()
                    .map(|v| v.map_or(nan, f64::from))
                    .collect()),
                other => Err(ArrowError::SchemaError(format!(
                    "the box column {} holds {other}, not numbers",
                    path.join(".")
                ))),
            }
        };
        Ok([
            column(&paths[0])?,
            column(&paths[1])?,
            column(&paths[2])?,
            column(&paths[3])?,
        ])
    }

    /// A row filter keeping the rows whose boxes meet `window` (the file's coordinates).
    fn filter(&self, meta: &ArrowReaderMetadata, window: [f64; 4]) -> RowFilter {
        let paths = Arc::clone(&self.paths);
        let predicate = ArrowPredicateFn::new(self.mask(meta), move |batch: RecordBatch| {
            let [x0, y0, x1, y1] = Self::boxes(&paths, &batch)?;
            let kept: BooleanArray = (0..batch.num_rows())
                .map(|i| {
                    Some(
                        x0[i] <= window[2]
                            && x1[i] >= window[0]
                            && y0[i] <= window[3]
                            && y1[i] >= window[1],
                    )
                })
                .collect();
            Ok(kept)
        });
        RowFilter::new(vec![Box::new(predicate)])
    }
}

/// Rows of a row group whose box positions are read to learn the density: every `DENSITY_STEP`th.
const DENSITY_STEP: usize = 16;

/// Most rows one selection picks, whatever a footer claims: bounds the selection's memory.
const MOST_SELECTED: usize = 1 << 20;

/// `step`, raised so that one row in it over `rows` rows is at most [`MOST_SELECTED`].
fn bounded_step(step: usize, rows: usize) -> usize {
    step.max(rows.div_ceil(MOST_SELECTED)).max(1)
}

/// Select one row in `step` (at least [`bounded_step`]) over `rows` rows.
fn every(step: usize, rows: usize) -> RowSelection {
    let step = bounded_step(step, rows);
    let mut selectors = Vec::new();
    let mut left = rows;
    while left > 0 {
        selectors.push(RowSelector::select(1));
        let skip = (step - 1).min(left - 1);
        if skip > 0 {
            selectors.push(RowSelector::skip(skip));
        }
        left -= 1 + skip;
    }
    RowSelection::from(selectors)
}

impl GeoParquet {
    /// Learn how densely the rows lie from every 16th row's box. Blocking (reads the box
    /// columns of the whole file).
    pub fn measure_density(&mut self) -> Result<(), String> {
        let Some(covering) = self.covering.clone() else {
            return Ok(());
        };
        if self.is_remote() {
            // The box columns of a whole file cost too much to fetch: spread each row group's
            // rows evenly over its box instead.
            self.density = Density::from_points(self.group_points());
            return Ok(());
        }
        let mut points = Vec::new();
        let rows = self.rows as usize;
        let step = bounded_step(DENSITY_STEP, rows);
        let mask = covering.mask(&self.meta);
        let paths = Arc::clone(&covering.paths);
        let configure = |builder: super::Builder| {
            Ok(builder
                .with_projection(mask.clone())
                .with_row_selection(every(step, rows)))
        };
        self.plain_batches(&configure, &mut |batch| {
            let [x0, y0, x1, y1] = Covering::boxes(&paths, batch).map_err(|e| e.to_string())?;
            for i in 0..batch.num_rows() {
                points.push(((x0[i] + x1[i]) / 2.0, (y0[i] + y1[i]) / 2.0));
            }
            Ok(())
        })?;
        let projection = &self.projection;
        let points = points.into_iter().filter_map(|(x, y)| {
            let mut point = geo::Geometry::Point(geo::Point::new(x, y));
            projection::to_lon_lat(&mut point, projection).ok()?;
            let geo::Geometry::Point(p) = point else {
                return None;
            };
            Some((p.x(), p.y(), step as u64))
        });
        self.density = Density::from_points(points);
        Ok(())
    }

    /// Each row group's rows spread over a grid of its box, in longitude/latitude.
    fn group_points(&self) -> Vec<(f64, f64, u64)> {
        const GRID: usize = 8;
        let groups = self.groups.as_deref().unwrap_or_default();
        let row_groups = self.meta.metadata().row_groups();
        let mut points = Vec::new();
        for (b, group) in groups.iter().zip(row_groups) {
            let [w, s, e, n] = projection::box_to_lon_lat(&self.projection, *b);
            let weight = (group.num_rows().max(0) as u64).div_ceil((GRID * GRID) as u64);
            for i in 0..GRID {
                for j in 0..GRID {
                    let at = |lo: f64, hi: f64, k: usize| {
                        lo + (hi - lo) * (k as f64 + 0.5) / GRID as f64
                    };
                    points.push((at(w, e, i), at(s, n, j), weight));
                }
            }
        }
        points
    }

    /// The rows in `window` (longitude/latitude) for a tile of zoom `z`: the same share as
    /// every tile of that zoom reads, and at most about `budget`.
    pub fn window(&self, window: [f64; 4], z: u8, budget: usize) -> Result<DecodedTile, String> {
        let (Some(covering), Some(groups)) = (&self.covering, &self.groups) else {
            return Err(format!(
                "{}: has no bounding-box covering, so it cannot be read a window at a time",
                self.shown
            ));
        };
        let native = projection::native_window(window, &self.projection);
        let meets = |b: &[f64; 4]| {
            b[0] <= native[2] && b[2] >= native[0] && b[1] <= native[3] && b[3] >= native[1]
        };
        let chosen: Vec<usize> = (0..groups.len()).filter(|&i| meets(&groups[i])).collect();
        let mut tile = DecodedTile {
            layers: vec![self.name.clone()],
            ..DecodedTile::default()
        };
        if chosen.is_empty() {
            return Ok(tile);
        }
        let row_groups = self.meta.metadata().row_groups();
        let rows: usize = chosen
            .iter()
            .map(|&i| row_groups[i].num_rows().max(0) as usize)
            .sum();
        let fraction = self.density.fraction(z, budget);
        let step = bounded_step((1.0 / fraction).round().max(1.0) as usize, rows);
        let configure = |builder: super::Builder| {
            let builder = builder.with_row_filter(covering.filter(&self.meta, native));
            Ok(if step > 1 {
                builder.with_row_selection(every(step, rows))
            } else {
                builder
            })
        };
        let mut matched = 0u64;
        self.batches(Some(chosen), &configure, &mut |batch| {
            let places = self.places(batch)?;
            let properties = self.properties(batch);
            for row in 0..batch.num_rows() {
                matched += 1;
                match self.located(&places, row) {
                    Ok(Some(geometry)) if drawable(&geometry) => tile.features.push(TileFeature {
                        layer: 0,
                        geometry,
                        id: None,
                        properties: properties
                            .row(row)
                            .map(|(k, v)| (k.to_owned(), value_text(v)))
                            .collect(),
                    }),
                    Ok(_) => {}
                    Err(why) => tile.skipped.push(format!("{} a row {why}", self.name)),
                }
            }
            Ok(())
        })?;
        thin(&mut tile, budget);
        if step > 1 || tile.sampled_from.is_some() {
            tile.sampled_from = Some(matched.saturating_mul(step as u64));
        }
        Ok(tile)
    }
}

/// Keep an even `budget` of a tile's features when it read more.
fn thin(tile: &mut DecodedTile, budget: usize) {
    let n = tile.features.len();
    if n <= budget {
        return;
    }
    let step = n as f64 / budget as f64;
    let mut index = 0;
    let mut next = 0.0;
    tile.features.retain(|_| {
        let keep = index as f64 >= next;
        if keep {
            next += step;
        }
        index += 1;
        keep
    });
    tile.sampled_from = Some(n as u64);
}
