//! Shapefiles: the `.shp` with the `.shx`, `.dbf` (attributes), `.prj` (projection) and
//! `.cpg` (code page) beside it, or all of them in a `.zip`. Each record is read on its own
//! (found through the `.shx`, or by walking the `.shp` when the index is missing or does not
//! match), so one unreadable record is skipped alone, named by its number; shapes are
//! converted as GDAL converts them ([`geometry`]: rings in any winding order, MultiPatch), the
//! attributes decoded in their code page ([`attributes`]), and coordinates reprojected to WGS
//! 84 from whatever the `.prj` says ([`projection`]).

mod attributes;
mod geometry;

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use shapefile::{ReadableShape, Shape, ShapeReader};

use super::Features;
use super::projection::{self, Projection};
use crate::data::DataError;
use crate::data::layer_file::{self, LayerFile, Limits, Progress};
use crate::data::memory::Peak;

/// A Shapefile's parts, as bytes.
#[derive(Debug, Default)]
pub struct Parts {
    pub shp: Vec<u8>,
    pub shx: Option<Vec<u8>>,
    pub dbf: Option<Vec<u8>>,
    pub prj: Option<String>,
    pub cpg: Option<String>,
}

/// Read the Shapefile at `path` (its `.shp`) and the parts beside it.
pub fn read_path(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let part = |extension: &str| -> Option<std::path::PathBuf> {
        [extension.to_owned(), extension.to_ascii_uppercase()]
            .iter()
            .map(|ext| path.with_extension(ext))
            .find(|p| p.is_file())
    };
    // The attributes cost memory too: the parts together are checked before any is read.
    let parts_bytes: u64 = ["dbf", "shx"]
        .iter()
        .filter_map(|ext| part(ext).and_then(|p| std::fs::metadata(p).ok()))
        .map(|m| m.len())
        .sum();
    let shp_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    layer_file::check_memory(limits, Peak::Shapefile, shp_bytes + parts_bytes)
        .map_err(|p| DataError::file(&shown, p))?;
    let shp = layer_file::read_bytes(path, limits, Peak::Shapefile, progress)
        .map_err(|p| DataError::file(&shown, p))?;
    let beside = |extension: &str| part(extension).and_then(|p| std::fs::read(p).ok());
    let text = |bytes: Vec<u8>| {
        Some(String::from_utf8_lossy(&bytes).into_owned()).filter(|t| !t.trim().is_empty())
    };
    let parts = Parts {
        shp,
        shx: beside("shx"),
        dbf: beside("dbf"),
        prj: beside("prj").and_then(text),
        cpg: beside("cpg").and_then(text),
    };
    read_parts(path, parts)
}

/// Read a Shapefile from its parts; `path` names it.
pub fn read_parts(path: &Path, parts: Parts) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let mut notes = Vec::new();
    if parts.shp.len() < 100 {
        return Err(refuse(format!(
            "is too short to be a Shapefile: {} bytes, where its header alone is 100",
            parts.shp.len()
        )));
    }
    let reader = ShapeReader::new(Cursor::new(&parts.shp[..]))
        .map_err(|err| refuse(format!("is not a Shapefile that can be read: {err}")))?;
    let projection = shape_projection(&parts, reader.header().bbox, &mut notes).map_err(refuse)?;
    let (offsets, index_note) = record_offsets(&parts.shp, parts.shx.as_deref());
    notes.extend(index_note);
    let mut records = dbf_records(&parts, offsets.len(), &mut notes);
    records.resize_with(offsets.len(), || None);
    let mut features = Features::new(&shown);
    let mut vertical = 0;
    for (order, (offset, record)) in offsets.into_iter().zip(records).enumerate() {
        vertical += keep(
            &mut features,
            order,
            &parts.shp,
            offset,
            record,
            &projection,
        );
    }
    if vertical > 0 {
        notes.push(format!("has {vertical} MultiPatch faces that are vertical (walls): seen from above they have no area, and are not drawn"));
    }
    features.notes = notes;
    features.finish(path, "Shapefile", parts.shp.len() as u64)
}

/// The projection the shapes are in: from the `.prj`, else longitude/latitude when the bounds
/// allow it (with a note); the problem when it cannot be known or reprojected.
fn shape_projection(
    parts: &Parts,
    bbox: shapefile::record::GenericBBox<shapefile::PointZ>,
    notes: &mut Vec<String>,
) -> Result<Projection, String> {
    let projection = match &parts.prj {
        Some(prj) => projection::projection(prj)?,
        None if bbox.min.x >= -180.0
            && bbox.max.x <= 180.0
            && bbox.min.y >= -90.0
            && bbox.max.y <= 90.0 =>
        {
            notes.push("has no .prj beside it: read as longitude/latitude (WGS 84), which its bounds allow".to_owned());
            Projection::LonLat
        }
        None => {
            return Err(format!(
                "has no .prj beside it and its coordinates are not longitude/latitude (bounds {:.0}, {:.0} to {:.0}, {:.0}): its projection is unknown",
                bbox.min.x, bbox.min.y, bbox.max.x, bbox.max.y
            ));
        }
    };
    if let Projection::Reproject { name, .. } = &projection {
        notes.push(format!(
            "is in \"{name}\" (its .prj): reprojected to WGS 84 longitude/latitude"
        ));
    }
    Ok(projection)
}

/// The `.dbf`'s records, one per shape where it has them, with notes on what does not match.
fn dbf_records(
    parts: &Parts,
    shapes: usize,
    notes: &mut Vec<String>,
) -> Vec<Option<Result<attributes::Attributes, String>>> {
    match &parts.dbf {
        Some(dbf) => {
            let (records, note) =
                attributes::records(dbf, parts.cpg.as_deref()).unwrap_or_else(|problem| {
                    (
                        Vec::new(),
                        Some(format!("{problem}: shapes loaded without attributes")),
                    )
                });
            notes.extend(note);
            if !records.is_empty() && records.len() != shapes {
                notes.push(format!(
                    "has {} records in its .dbf for {} shapes: {}",
                    records.len(),
                    shapes,
                    if records.len() < shapes {
                        "the shapes without a record have no attributes"
                    } else {
                        "the records without a shape are not shown"
                    }
                ));
            }
            records.into_iter().map(Some).collect()
        }
        None => {
            notes.push("has no .dbf beside it: shapes loaded without attributes".to_owned());
            Vec::new()
        }
    }
}

/// Where each record starts in the `.shp`: from the `.shx` when it agrees with the `.shp`,
/// else by walking the records' own lengths; a note when the index was not used.
fn record_offsets(shp: &[u8], shx: Option<&[u8]>) -> (Vec<usize>, Option<String>) {
    let word = |bytes: &[u8], at: usize| -> Option<usize> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        usize::try_from(i32::from_be_bytes(b)).ok()
    };
    if let Some(shx) = shx {
        let entries = shx.len().saturating_sub(100) / 8;
        let offsets: Option<Vec<usize>> = (0..entries)
            .map(|i| {
                let offset = word(shx, 100 + i * 8)?.checked_mul(2)?;
                let length = word(shx, 104 + i * 8)?;
                // The record header there must say the same length, and be the record's number.
                (offset >= 100
                    && word(shp, offset + 4) == Some(length)
                    && word(shp, offset) == Some(i + 1))
                .then_some(offset)
            })
            .collect();
        match offsets {
            Some(offsets) if !offsets.is_empty() || shp.len() <= 100 => return (offsets, None),
            _ => {
                let (walked, _) = record_offsets(shp, None);
                let note = "has a .shx index that does not match its .shp: the records were found by reading the .shp in turn".to_owned();
                return (walked, Some(note));
            }
        }
    }
    let mut offsets = Vec::new();
    let mut at = 100;
    while at + 8 <= shp.len() {
        offsets.push(at);
        let Some(length) = word(shp, at + 4).and_then(|w| w.checked_mul(2)) else {
            break;
        };
        at += 8 + length;
    }
    (offsets, None)
}

/// Keep the record at `offset` (number `order`), or skip it alone with why. Gives the number
/// of vertical MultiPatch faces it had.
fn keep(
    features: &mut Features,
    order: usize,
    shp: &[u8],
    offset: usize,
    record: Option<Result<attributes::Attributes, String>>,
    projection: &Projection,
) -> usize {
    let shown = features.shown.clone();
    let named = |problem: String| {
        DataError::labelled(&shown, order, &format!("record {}", order + 1), problem)
    };
    let mut properties = serde_json::Map::new();
    match record {
        Some(Ok(record)) => {
            properties = record.fields;
            for problem in record.unreadable {
                features.warn(
                    order,
                    named(format!(
                        "has a .dbf field that cannot be read ({problem}): it is left empty"
                    )),
                );
            }
        }
        Some(Err(problem)) => features.warn(
            order,
            named(format!(
                "has a .dbf record that cannot be read ({problem}): its shape has no attributes"
            )),
        ),
        None => {}
    }
    let text = Cow::Owned(serde_json::Value::Object(properties).to_string());
    let converted = shape_at(shp, offset).and_then(geometry::convert);
    let mut converted = match converted {
        Ok(converted) => converted,
        Err(problem) => {
            features.skip(order, named(problem));
            return 0;
        }
    };
    if let Some(geometry) = &mut converted.geometry
        && let Err(problem) = projection::to_lon_lat(geometry, projection)
    {
        features.skip(order, named(problem));
        return 0;
    }
    if converted.geometry.is_none() && converted.vertical_faces > 0 {
        features.warn(
            order,
            named("has only vertical MultiPatch faces: kept without a place".to_owned()),
        );
    }
    features.keep(order, &named, None, converted.geometry, text);
    converted.vertical_faces
}

/// The shape of the record at `offset`, read from its own bytes only.
fn shape_at(shp: &[u8], offset: usize) -> Result<Shape, String> {
    let header = shp
        .get(offset..offset + 8)
        .ok_or("is cut short: the file ends in its header")?;
    let words = i32::from_be_bytes([header[4], header[5], header[6], header[7]]);
    let length = usize::try_from(words)
        .ok()
        .and_then(|w| w.checked_mul(2))
        .ok_or("has a negative length")?;
    let body = shp.get(offset + 8..offset + 8 + length).ok_or_else(|| {
        format!("says it is {length} bytes long, past the end of the file: it cannot be read")
    })?;
    let size = i32::try_from(length).map_err(|_| "is too long".to_owned())?;
    Shape::read_from(&mut Cursor::new(body), size).map_err(|err| format!("cannot be read: {err}"))
}
