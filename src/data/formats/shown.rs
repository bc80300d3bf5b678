//! A layer's shown features (what its filters and the time bar's range leave) written out as
//! GeoJSON (RFC 7946, each feature's properties as read) or as CSV (longitude and latitude
//! columns for points, a WKT column for other shapes, then every property column). The
//! geometry is read again from the layer's file: the map keeps only a projected, fixed-point
//! copy, and an export must give the coordinates as they were written.

use std::fmt::Write as _;
use std::path::Path;

use geo::Geometry;
use serde_json::{Map, Value};

use crate::data::DataError;
use crate::data::layer_file::{LayerFile, Limits, Progress};

/// What an export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownFormat {
    GeoJson,
    Csv,
}

impl ShownFormat {
    /// By a file's extension: `.csv` is CSV, anything else GeoJSON.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => Self::Csv,
            _ => Self::GeoJson,
        }
    }
}

/// Read `source` again, take its layer `name` (or its only one) and write the features `shown`
/// keeps to `out`; gives how many were written.
pub fn export(source: &Path, name: &str, shown: &[bool], out: &Path) -> Result<usize, String> {
    let layers = super::read(source, Limits::default(), &Progress::default())
        .map_err(|err: DataError| err.to_string())?;
    let count = layers.len();
    let layer = layers
        .into_iter()
        .find(|l| l.name == name || count == 1)
        .ok_or_else(|| format!("{} no longer holds the layer {name}", source.display()))?;
    if layer.properties.len() != shown.len() {
        return Err(format!(
            "{} changed since it was opened ({} features, {} then): open it again",
            source.display(),
            layer.properties.len(),
            shown.len()
        ));
    }
    let keep = |i: usize| shown.get(i).copied().unwrap_or(false);
    let text = match ShownFormat::of(out) {
        ShownFormat::GeoJson => geojson_text(&layer, keep),
        ShownFormat::Csv => csv_text(&layer, keep)?,
    };
    crate::data::atomic::write_atomically(out, text.as_bytes())
        .map_err(|err| format!("cannot write {}: {err}", out.display()))?;
    Ok((0..shown.len()).filter(|&i| keep(i)).count())
}

/// A FeatureCollection of the kept features, one a line.
fn geojson_text(layer: &LayerFile, keep: impl Fn(usize) -> bool) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    let mut first = true;
    for row in (0..layer.properties.len()).filter(|&i| keep(i)) {
        let geometry = layer.geometries.get(row).map_or(Value::Null, geojson_value);
        let mut feature = Map::new();
        feature.insert("type".into(), "Feature".into());
        if let Some(Some(id)) = layer.ids.get(row) {
            feature.insert("id".into(), id.clone().into());
        }
        feature.insert("geometry".into(), geometry);
        feature.insert("properties".into(), layer.properties.row_map(row).into());
        if !first {
            out.push_str(",\n");
        }
        first = false;
        let _ = write!(out, "{}", Value::Object(feature));
    }
    out + "\n]}\n"
}

fn geojson_value(geometry: &Geometry) -> Value {
    let value = geojson::GeometryValue::from(geometry);
    serde_json::to_value(geojson::Geometry::new(value)).unwrap_or(Value::Null)
}

/// The kept features as CSV: longitude and latitude for a layer of points, else WKT.
fn csv_text(layer: &LayerFile, keep: impl Fn(usize) -> bool) -> Result<String, String> {
    let points = layer
        .geometries
        .iter()
        .all(|g| matches!(g, Geometry::Point(_)));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let keys = layer.properties.keys();
    let place: Vec<&str> = if points {
        vec!["longitude", "latitude"]
    } else {
        vec!["wkt"]
    };
    let taken: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|k| !place.contains(k))
        .collect();
    let header = place.iter().copied().chain(taken.iter().copied());
    writer.write_record(header).map_err(|e| e.to_string())?;
    for row in (0..layer.properties.len()).filter(|&i| keep(i)) {
        let geometry = layer.geometries.get(row);
        let mut record: Vec<String> = match (geometry, points) {
            (Some(Geometry::Point(p)), true) => vec![p.x().to_string(), p.y().to_string()],
            (Some(g), false) => vec![wkt::ToWkt::wkt_string(g)],
            _ => place.iter().map(|_| String::new()).collect(),
        };
        let map = layer.properties.row_map(row);
        record.extend(taken.iter().map(|k| match map.get(*k) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }));
        writer.write_record(&record).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
