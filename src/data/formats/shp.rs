//! Shapefiles, with the `shapefile` crate: the `.shp` with its `.shx`, `.dbf` (attributes) and
//! `.prj` (projection) beside it, or all of them in a `.zip`. Positions are taken as they are
//! when the `.prj` says WGS 84 longitude/latitude, and brought back from Web Mercator metres when
//! it says Web Mercator; any other projection is refused with its name, never drawn in the wrong
//! place.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use geo::{Geometry, MapCoords};
use shapefile::dbase::{self, FieldValue};
use shapefile::{Shape, ShapeReader};

use super::Features;
use crate::data::DataError;
use crate::data::layer_file::{self, LayerFile, Limits, Progress};

/// A Shapefile's parts, as bytes.
#[derive(Debug, Default)]
pub struct Parts {
    pub shp: Vec<u8>,
    pub shx: Option<Vec<u8>>,
    pub dbf: Option<Vec<u8>>,
    pub prj: Option<String>,
}

/// How a Shapefile's coordinates become longitude/latitude.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Projection {
    LonLat,
    WebMercator,
}

/// Read the Shapefile at `path` (its `.shp`) and the parts beside it.
pub fn read_path(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let shp =
        layer_file::read_bytes(path, limits, progress).map_err(|p| DataError::file(&shown, p))?;
    let beside = |extension: &str| -> Option<Vec<u8>> {
        [extension.to_owned(), extension.to_ascii_uppercase()]
            .iter()
            .find_map(|ext| std::fs::read(path.with_extension(ext)).ok())
    };
    let parts = Parts {
        shp,
        shx: beside("shx"),
        dbf: beside("dbf"),
        prj: beside("prj")
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .filter(|prj| !prj.trim().is_empty()),
    };
    read_parts(path, parts)
}

/// Read a Shapefile from its parts; `path` names it.
pub fn read_parts(path: &Path, parts: Parts) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let mut notes = Vec::new();
    let reader = ShapeReader::new(Cursor::new(&parts.shp[..]))
        .map_err(|err| refuse(format!("is not a Shapefile that can be read: {err}")))?;
    let bbox = reader.header().bbox;
    let projection = match &parts.prj {
        Some(prj) => projection(prj).map_err(refuse)?,
        None if bbox.min.x >= -180.0
            && bbox.max.x <= 180.0
            && bbox.min.y >= -90.0
            && bbox.max.y <= 90.0 =>
        {
            notes.push("has no .prj beside it: read as longitude/latitude (WGS 84), which its bounds allow".to_owned());
            Projection::LonLat
        }
        None => {
            return Err(refuse(format!(
                "has no .prj beside it and its coordinates are not longitude/latitude (bounds {:.0}, {:.0} to {:.0}, {:.0}): its projection is unknown",
                bbox.min.x, bbox.min.y, bbox.max.x, bbox.max.y
            )));
        }
    };
    let mut features = Features::new(&shown);
    match &parts.dbf {
        Some(dbf) => with_records(&mut features, reader, dbf, projection)?,
        None => {
            notes.push("has no .dbf beside it: shapes loaded without attributes".to_owned());
            shapes_only(&mut features, reader, projection);
        }
    }
    features.notes = notes;
    features.finish(path, "Shapefile", parts.shp.len() as u64)
}

/// Shapes and their attribute records, side by side.
fn with_records(
    features: &mut Features,
    shapes: ShapeReader<Cursor<&[u8]>>,
    dbf: &[u8],
    projection: Projection,
) -> Result<(), DataError> {
    let records = dbase::Reader::new(Cursor::new(dbf)).map_err(|err| {
        DataError::file(
            &features.shown,
            format!("has a .dbf that cannot be read: {err}"),
        )
    })?;
    let names: Vec<String> = records
        .fields()
        .iter()
        .map(|f| f.name().to_owned())
        .collect();
    let mut reader = shapefile::Reader::new(shapes, records);
    for (order, item) in reader.iter_shapes_and_records().enumerate() {
        match item {
            Ok((shape, mut record)) => {
                let mut properties = serde_json::Map::new();
                for name in &names {
                    if let Some(value) = record.remove(name) {
                        properties.insert(name.clone(), field_json(value));
                    }
                }
                let text = Cow::Owned(serde_json::Value::Object(properties).to_string());
                keep(features, order, shape, text, projection);
            }
            Err(err) => {
                stop_at(features, order, &err);
                break;
            }
        }
    }
    Ok(())
}

/// Record `order` could not be read, so neither can any after it (records are read in turn).
fn stop_at(features: &mut Features, order: usize, err: &shapefile::Error) {
    let problem = format!("cannot be read, nor any after it: {err}");
    let error = DataError::feature(&features.shown, order, None, problem);
    features.skip(order, error);
}

/// Shapes alone (no `.dbf`).
fn shapes_only(
    features: &mut Features,
    mut shapes: ShapeReader<Cursor<&[u8]>>,
    projection: Projection,
) {
    for (order, item) in shapes.iter_shapes().enumerate() {
        match item {
            Ok(shape) => keep(features, order, shape, Cow::Borrowed(""), projection),
            Err(err) => {
                stop_at(features, order, &err);
                break;
            }
        }
    }
}

/// Keep shape number `order`, or refuse it with why.
fn keep(
    features: &mut Features,
    order: usize,
    shape: Shape,
    properties: Cow<'static, str>,
    projection: Projection,
) {
    let geometry = match shape {
        Shape::NullShape => Ok(None),
        shape => Geometry::<f64>::try_from(shape)
            .map(|g| Some(unproject(g, projection)))
            .map_err(|err| format!("has a shape that cannot be read: {err}")),
    };
    let kept = geometry.and_then(|geometry| features.push_checked(None, geometry, properties));
    if let Err(problem) = kept {
        let error = DataError::feature(&features.shown.clone(), order, None, problem);
        features.skip(order, error);
    }
}

/// Longitude/latitude from the file's coordinates.
fn unproject(geometry: Geometry<f64>, projection: Projection) -> Geometry<f64> {
    match projection {
        Projection::LonLat => geometry,
        Projection::WebMercator => geometry.map_coords(|c| {
            const R: f64 = 6_378_137.0;
            let lon = (c.x / R).to_degrees();
            let lat = (2.0 * (c.y / R).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
            geo::coord! { x: lon, y: lat }
        }),
    }
}

/// What a `.prj` (ESRI WKT) says, or why it is refused.
fn projection(prj: &str) -> Result<Projection, String> {
    let upper = prj.to_ascii_uppercase();
    let name = |keyword: &str| -> Option<String> {
        let start = upper.find(&format!("{keyword}[\""))? + keyword.len() + 2;
        let end = prj[start..].find('"')? + start;
        Some(prj[start..end].to_owned())
    };
    let mercator = [
        "MERCATOR_AUXILIARY_SPHERE",
        "PSEUDO_MERCATOR",
        "PSEUDO-MERCATOR",
        "WEB_MERCATOR",
        "3857",
        "900913",
    ];
    if upper.contains("PROJCS[") || upper.contains("PROJCRS[") {
        if mercator.iter().any(|m| upper.contains(m)) && wgs84_datum(&upper) {
            return Ok(Projection::WebMercator);
        }
        let projected = name("PROJCS")
            .or_else(|| name("PROJCRS"))
            .unwrap_or_else(|| "unnamed".to_owned());
        return Err(format!(
            "is in the projection \"{projected}\" (its .prj), which strikemap does not reproject \
             (it reads WGS 84 longitude/latitude and Web Mercator): reproject it first, e.g. \
             `ogr2ogr -t_srs EPSG:4326 out.shp in.shp`"
        ));
    }
    if (upper.contains("GEOGCS[") || upper.contains("GEOGCRS[")) && wgs84_datum(&upper) {
        return Ok(Projection::LonLat);
    }
    let named = name("GEOGCS")
        .or_else(|| name("GEOGCRS"))
        .unwrap_or_else(|| prj.trim().chars().take(60).collect());
    Err(format!(
        "is in the coordinate system \"{named}\" (its .prj), which strikemap does not read (it \
         reads WGS 84 longitude/latitude and Web Mercator): reproject it first, e.g. \
         `ogr2ogr -t_srs EPSG:4326 out.shp in.shp`"
    ))
}

/// Whether ESRI WKT names the WGS 84 datum.
fn wgs84_datum(upper: &str) -> bool {
    ["WGS_1984", "WGS 84", "WGS84", "WORLD GEODETIC SYSTEM 1984"]
        .iter()
        .any(|d| upper.contains(d))
}

/// A dBase value as JSON: text trimmed, numbers as numbers, dates as YYYY-MM-DD; empty as null.
fn field_json(value: FieldValue) -> serde_json::Value {
    use serde_json::{Value, json};
    let number = |n: f64| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number);
    match value {
        FieldValue::Character(Some(text)) if !text.trim().is_empty() => json!(text.trim()),
        FieldValue::Character(_) => Value::Null,
        FieldValue::Memo(text) => json!(text),
        FieldValue::Numeric(n) => n.map_or(Value::Null, number),
        FieldValue::Float(n) => n.map_or(Value::Null, |n| number(f64::from(n))),
        FieldValue::Logical(b) => b.map_or(Value::Null, Value::Bool),
        FieldValue::Date(d) => d.map_or(Value::Null, |d| {
            json!(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }),
        FieldValue::Integer(n) => json!(n),
        FieldValue::Double(n) | FieldValue::Currency(n) => number(n),
        FieldValue::DateTime(t) => {
            let d = t.date();
            json!(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }
    }
}
