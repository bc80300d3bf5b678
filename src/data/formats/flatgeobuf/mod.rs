//! FlatGeobuf (`.fgb`, GDAL's and QGIS's streaming format): a header with the schema, a packed
//! Hilbert R-tree, then the features in the tree's order. A file of up to
//! [`WHOLE_FEATURES`](super::windowed::WHOLE_FEATURES) features, or one without an index, is
//! read whole into a layer ([`read_path`]); a larger one, on disk or by URL, is opened as a
//! tiled layer whose tiles are read through the index ([`FlatGeobuf::window`]), so a file
//! larger than memory can be browsed. A feature that cannot be read is skipped alone, named by
//! its number, and counted.

mod feature;
pub mod index;
pub mod ranges;
mod window;

use std::borrow::Cow;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::Ordering;

use flatgeobuf::{GeometryType, size_prefixed_root_as_header};

use super::Features;
use super::projection::{self, Projection};
use super::vector_tiles::TileSetInfo;
use super::windowed;
use crate::data::DataError;
use crate::data::layer_file::{LayerFile, Limits, Progress, STAGE_PARSING, open_checked};
use crate::data::memory::Peak;
use feature::Column;
pub use ranges::Ranges;

/// The first bytes of every FlatGeobuf file (the fourth is the major version).
pub fn is_flatgeobuf(head: &[u8]) -> bool {
    head.len() >= 8 && &head[0..3] == b"fgb" && &head[4..7] == b"fgb"
}

/// Headers larger than this are refused (the crate's own limit).
const MAX_HEADER: usize = 10 << 20;

/// An open FlatGeobuf file: its header read, its index and features read on demand.
pub struct FlatGeobuf {
    ranges: Ranges,
    pub name: String,
    pub features: u64,
    /// 0: the file has no index.
    pub node_size: u16,
    kind: GeometryType,
    columns: Vec<Column>,
    /// West, south, east, north, in longitude/latitude, if the header says.
    pub bounds: Option<[f64; 4]>,
    projection: Projection,
    index_offset: u64,
    features_offset: u64,
    density: windowed::Density,
}

/// Index bytes read at most to learn the features' density.
const DENSITY_BYTES: u64 = 8 << 20;

impl FlatGeobuf {
    /// Read the header. Fails if this is not FlatGeobuf or its coordinates cannot be placed.
    pub fn open(ranges: Ranges, name: String) -> Result<Self, String> {
        let shown = ranges.shown();
        let head = ranges.read(0, 12)?;
        if !is_flatgeobuf(&head) {
            return Err(format!(
                "{shown}: not a FlatGeobuf file (its first bytes are not \"fgb\")"
            ));
        }
        let size = u32::from_le_bytes([head[8], head[9], head[10], head[11]]) as usize;
        if !(8..=MAX_HEADER).contains(&size) {
            return Err(format!(
                "{shown}: its header size ({size} bytes) is impossible"
            ));
        }
        let mut bytes = head[8..12].to_vec();
        bytes.extend(ranges.read(12, size)?);
        let header = size_prefixed_root_as_header(&bytes)
            .map_err(|err| format!("{shown}: its header cannot be read ({err})"))?;
        let projection = match header.crs() {
            Some(crs) if crs.wkt().is_some_and(|w| !w.trim().is_empty()) => {
                projection::projection(crs.wkt().unwrap_or_default())
            }
            Some(crs) => projection::from_epsg(crs.code()),
            None => Ok(Projection::LonLat),
        }
        .map_err(|err| format!("{shown} {err}"))?;
        let columns = header
            .columns()
            .map(|columns| {
                columns
                    .iter()
                    .map(|c| Column {
                        name: c.name().to_owned(),
                        kind: c.type_(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let features = header.features_count();
        let node_size = header.index_node_size();
        let index_offset = 12 + size as u64;
        let index = if node_size > 0 && features > 0 {
            index::index_bytes(features, node_size)
        } else {
            0
        };
        let bounds = header
            .envelope()
            .filter(|e| e.len() >= 4)
            .map(|e| [e.get(0), e.get(1), e.get(2), e.get(3)])
            .map(|b| lon_lat_bounds(b, &projection));
        Ok(Self {
            name: header.name().map(str::to_owned).unwrap_or(name),
            ranges,
            features,
            node_size,
            kind: header.geometry_type(),
            columns,
            bounds,
            projection,
            index_offset,
            features_offset: index_offset + index,
            density: windowed::Density::default(),
        })
    }

    fn tree(&self) -> index::Tree {
        index::Tree {
            base: self.index_offset,
            items: self.features,
            node_size: self.node_size,
        }
    }

    /// Learn how densely the features lie from the index's upper level (6 MB for 2.5M
    /// features), so that every tile of a zoom is sampled alike. Blocking.
    pub fn measure_density(&mut self) -> Result<(), String> {
        if !self.has_index() {
            return Ok(());
        }
        let points = index::coarse_points(&self.ranges, self.tree(), DENSITY_BYTES)?;
        let points = points.into_iter().filter_map(|(x, y, w)| {
            let mut point = geo::Geometry::Point(geo::Point::new(x, y));
            projection::to_lon_lat(&mut point, &self.projection).ok()?;
            let geo::Geometry::Point(p) = point else {
                return None;
            };
            Some((p.x(), p.y(), w))
        });
        self.density = windowed::Density::from_points(points);
        Ok(())
    }

    /// Whether the file has a spatial index, so that it can be read a window at a time.
    pub fn has_index(&self) -> bool {
        self.node_size > 0 && self.features > 0
    }

    /// What the tiled layer shows of it.
    pub fn info(&self) -> TileSetInfo {
        let layers = vec![self.name.clone()];
        TileSetInfo {
            name: Some(self.name.clone()),
            ..windowed::info("FlatGeobuf", self.bounds, layers, self.features)
        }
    }
}

/// The header's envelope in longitude/latitude.
fn lon_lat_bounds(b: [f64; 4], projection: &Projection) -> [f64; 4] {
    let mut corners = geo::Geometry::MultiPoint(geo::MultiPoint::from(vec![
        (b[0], b[1]),
        (b[2], b[3]),
        (b[0], b[3]),
        (b[2], b[1]),
    ]));
    if projection::to_lon_lat(&mut corners, projection).is_err() {
        return [-180.0, -85.0, 180.0, 85.0];
    }
    let rect = geo::BoundingRect::bounding_rect(&corners);
    rect.map_or([-180.0, -85.0, 180.0, 85.0], |r| {
        [r.min().x, r.min().y, r.max().x, r.max().y]
    })
}

/// Read a whole FlatGeobuf file into a layer, in file order.
pub fn read_path(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let (handle, bytes) = open_checked(path, limits, Peak::Indexed, progress).map_err(refuse)?;
    let ranges = Ranges::file(path.to_path_buf()).map_err(refuse)?;
    read_all(path, ranges, BufReader::new(handle), bytes, progress)
}

/// [`read_path`] for a file's bytes already in memory.
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<LayerFile, DataError> {
    let bytes: std::sync::Arc<[u8]> = bytes.into();
    let reader = std::io::Cursor::new(bytes.clone());
    let size = bytes.len() as u64;
    read_all(
        path,
        Ranges::Bytes(bytes),
        reader,
        size,
        &Progress::default(),
    )
}

/// Every feature of the file `ranges` reads, streamed from `reader` (the same bytes).
fn read_all(
    path: &Path,
    ranges: Ranges,
    mut reader: impl Read,
    bytes: u64,
    progress: &Progress,
) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let file = FlatGeobuf::open(ranges, name).map_err(|err| {
        refuse(
            err.strip_prefix(&format!("{shown}: "))
                .unwrap_or(&err)
                .to_owned(),
        )
    })?;
    std::io::copy(
        &mut (&mut reader).take(file.features_offset),
        &mut std::io::sink(),
    )
    .map_err(|err| refuse(format!("ends inside its header or index ({err})")))?;
    progress.bytes_total.store(bytes, Ordering::Relaxed);
    progress.stage.store(STAGE_PARSING, Ordering::Relaxed);
    let mut features = Features::new(&shown);
    features.notes.extend(file.note());
    let mut order = 0usize;
    let mut at = file.features_offset;
    loop {
        let mut size = [0u8; 4];
        match reader.read_exact(&mut size) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(err) => return Err(refuse(err.to_string())),
        }
        let length = u32::from_le_bytes(size) as usize;
        let named = |problem: String| {
            DataError::labelled(&shown, order, &format!("feature {}", order + 1), problem)
        };
        let mut bytes = size.to_vec();
        let body = (&mut reader).take(length as u64).read_to_end(&mut bytes);
        if body.is_err() || bytes.len() != 4 + length {
            features.skip(
                order,
                named(format!("is cut off: the file ends at byte {at}")),
            );
            break;
        }
        keep(&file, &mut features, order, &bytes, &named);
        at += bytes.len() as u64;
        progress.bytes_read.store(at, Ordering::Relaxed);
        progress.features.store(order + 1, Ordering::Relaxed);
        order += 1;
    }
    if file.features > 0 && order as u64 != file.features {
        features.notes.push(format!(
            "says in its header that it has {} features; {order} are in the file",
            file.features
        ));
    }
    features.finish(path, "FlatGeobuf", bytes)
}

/// Keep one feature of a whole read, or skip it with why.
fn keep(
    file: &FlatGeobuf,
    features: &mut Features,
    order: usize,
    bytes: &[u8],
    named: &dyn Fn(String) -> DataError,
) {
    let decoded = feature::decode(bytes, file.kind, &file.columns).and_then(|(geometry, p)| {
        let mut geometry = geometry;
        if let Some(g) = &mut geometry {
            projection::to_lon_lat(g, &file.projection)?;
        }
        Ok((geometry, p))
    });
    match decoded {
        Ok((geometry, properties)) => {
            let object: serde_json::Map<String, serde_json::Value> =
                properties.into_iter().collect();
            let text = Cow::Owned(serde_json::Value::Object(object).to_string());
            features.keep(order, named, None, geometry, text);
        }
        Err(problem) => features.skip(order, named(problem)),
    }
}

impl FlatGeobuf {
    /// What a user should know about the file as a whole.
    fn note(&self) -> Option<String> {
        match &self.projection {
            Projection::LonLat => None,
            Projection::Reproject { name, .. } => Some(format!(
                "is in {name}: reprojected to longitude/latitude (WGS 84)"
            )),
        }
    }
}
