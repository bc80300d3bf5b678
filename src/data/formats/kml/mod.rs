//! KML and KMZ from Google My Maps, Google Earth and GIS exports, read in one pass with
//! `quick-xml` (see README, "How each format is read", for why not the `kml` crate):
//! placemarks with points, lines, polygons with holes, multi-geometries, Google Earth's
//! `gx:Track` and `gx:MultiTrack` (lines, with their first and last times) and models (at
//! their location); names, descriptions (HTML tags dropped), times, `styleUrl`, extended and
//! schema data as properties, and styles as simplestyle colours. Each folder becomes a layer
//! of its own, named after the file and the folder, as My Maps' layers are; a folder whose
//! placemarks were all refused is still listed with its refusals. A placemark without
//! geometry, or whose geometry has no coordinates, is kept without a place. Ground overlays,
//! screen and photo overlays and network links are named in the layer's notes.

mod geometry;
mod read;
mod style;
pub mod write;

use std::borrow::Cow;
use std::path::Path;

use serde_json::Value;

use super::Features;
use super::lines::LineIndex;
use super::xml;
use crate::data::DataError;
use crate::data::layer_file::LayerFile;
use read::{KmlReader, Placemark};

/// Read KML `bytes` from `path` (`format` names it: "KML", or "KMZ" for one from a zip).
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    format: &'static str,
) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let mut reader = KmlReader::default();
    let document = xml::read_document(bytes, "kml", "KML", &mut reader).map_err(refuse)?;
    let mut lines = LineIndex::new(&document.text);
    let cut = document.cut;
    let mut notes: Vec<String> = document.note.into_iter().collect();
    notes.append(&mut reader.notes);
    if let Some(cut) = &cut {
        if reader.placemarks.is_empty() {
            return Err(refuse(cut.clone()));
        }
        notes.push(format!("{cut}: what came before is read, the rest is lost"));
    }
    if reader.placemarks.is_empty() {
        return match notes.is_empty() {
            true => Err(refuse(
                "has no placemarks: there is nothing to show".to_owned(),
            )),
            // Only overlays or links: an empty layer that says what the file holds.
            false => {
                let mut features = Features::new(&shown);
                features.notes = notes;
                Ok(vec![features.into_layer(path, format, bytes.len() as u64)])
            }
        };
    }
    let layers = layers(
        path,
        &mut reader,
        &mut lines,
        notes,
        format,
        bytes.len() as u64,
    );
    Ok(layers)
}

/// One layer per folder holding placemarks (the file's own placemarks in the first), in the
/// order the folders are met.
fn layers(
    path: &Path,
    reader: &mut KmlReader,
    lines: &mut LineIndex,
    notes: Vec<String>,
    format: &'static str,
    bytes: u64,
) -> Vec<LayerFile> {
    let shown = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder_path = |folder: Option<usize>| -> Vec<String> {
        let mut names = Vec::new();
        let mut at = folder;
        while let Some(index) = at {
            let Some(f) = reader.folders.get(index) else {
                break;
            };
            names.push(
                f.name
                    .clone()
                    .unwrap_or_else(|| "unnamed folder".to_owned()),
            );
            at = f.parent;
        }
        names.reverse();
        names
    };
    let mut groups: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for (order, placemark) in reader.placemarks.iter().enumerate() {
        let folder = folder_path(placemark.folder);
        match groups.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, members)) => members.push(order),
            None => groups.push((folder, vec![order])),
        }
    }
    let mut placemarks: Vec<Option<Placemark>> = std::mem::take(&mut reader.placemarks)
        .into_iter()
        .map(Some)
        .collect();
    let mut layers = Vec::with_capacity(groups.len());
    for (folder, members) in groups {
        let mut features = Features::new(&shown);
        if layers.is_empty() {
            features.notes = notes.clone();
        }
        for order in members {
            if let Some(placemark) = placemarks[order].take() {
                keep(&mut features, order, placemark, reader, lines);
            }
        }
        let mut layer = features.into_layer(path, format, bytes);
        if !folder.is_empty() {
            layer.name = format!("{stem} — {}", folder.join(" / "));
        }
        layers.push(layer);
    }
    layers
}

/// Keep placemark number `order` of the file, or refuse it with why.
fn keep(
    features: &mut Features,
    order: usize,
    mut placemark: Placemark,
    reader: &KmlReader,
    lines: &mut LineIndex,
) {
    let shown = features.shown.clone();
    let style = placemark.style.as_ref().or_else(|| {
        let url = placemark.properties.get("styleUrl")?.as_str()?;
        reader.styles.resolve(url)
    });
    if let Some(style) = style {
        style.apply(&mut placemark.properties);
    }
    let name = placemark
        .properties
        .get("name")
        .and_then(Value::as_str)
        .or(placemark.id.as_deref());
    let label = match name {
        Some(name) => format!("placemark \"{name}\""),
        None => "placemark".to_owned(),
    };
    let mut at = |offset: usize, problem: String| {
        let (line, column) = lines.position(offset);
        DataError::labelled(&shown, order, &label, problem).at(line, column)
    };
    for (offset, problem) in placemark.dropped {
        let error = at(offset, problem);
        features.drop_part(order, error);
    }
    for (offset, problem) in placemark.warnings {
        let error = at(offset, problem);
        features.warn(order, error);
    }
    let error = at(placemark.at, String::new());
    let named = |problem: String| DataError {
        problem,
        ..error.clone()
    };
    match placemark.geometry {
        Err(problem) => features.skip(order, named(problem)),
        Ok(geometry) => {
            let properties = Cow::Owned(Value::Object(placemark.properties).to_string());
            features.keep(order, &named, placemark.id, geometry, properties);
        }
    }
}

/// HTML as plain text: tags dropped (line breaks kept), the common entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if tag.starts_with("br") || tag.starts_with('p') || tag.starts_with("div") {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.trim().to_owned()
}
