//! KML from Google My Maps or Google Earth, with the `kml` crate: placemarks (points, lines,
//! polygons, multi-geometries) with their names, descriptions (HTML tags dropped) and extended
//! data as properties; each folder becomes a layer of its own, named after the file and the
//! folder, as My Maps' layers are. A placemark without geometry is kept, unlocated.

use std::borrow::Cow;
use std::path::Path;

use geo::Geometry;
use kml::types::{Element, Placemark};
use kml::{Kml, KmlReader};
use serde_json::{Map, Value, json};

use super::Features;
use crate::data::DataError;
use crate::data::layer_file::LayerFile;

/// Read KML `bytes` from `path` (`format` names it: "KML", or "KMZ" for one from a zip).
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    format: &'static str,
) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let text = std::str::from_utf8(bytes).map_err(|err| {
        refuse(format!(
            "is not UTF-8 text (bad byte at offset {})",
            err.valid_up_to()
        ))
    })?;
    super::xml::check(text).map_err(refuse)?;
    let kml: Kml<f64> = KmlReader::<_, f64>::from_string(text)
        .read()
        .map_err(|err| refuse(format!("is not KML that can be read: {err}")))?;
    let mut placemarks = Vec::new();
    collect(kml, &[], &mut placemarks);
    if placemarks.is_empty() {
        return Err(refuse("has no placemarks".to_owned()));
    }
    let mut folders: Vec<&Vec<String>> = Vec::new();
    for (folder, _) in &placemarks {
        if !folders.contains(&folder) {
            folders.push(folder);
        }
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut layers = Vec::new();
    for folder in &folders {
        let mut features = Features::new(&shown);
        for (order, (_, placemark)) in placemarks
            .iter()
            .enumerate()
            .filter(|(_, (f, _))| f == *folder)
        {
            keep(&mut features, order, placemark);
        }
        if features.is_empty() && folders.len() > 1 {
            continue;
        }
        let mut layer = features.finish(path, format, bytes.len() as u64)?;
        if !folder.is_empty() {
            layer.name = format!("{stem} — {}", folder.join(" / "));
        }
        layers.push(layer);
    }
    if layers.is_empty() {
        return Err(refuse("has no usable placemark".to_owned()));
    }
    Ok(layers)
}

/// Keep placemark number `order` of the file, or refuse it with why.
fn keep(features: &mut Features, order: usize, placemark: &Placemark<f64>) {
    let geometry = match placemark.geometry.clone().map(Geometry::<f64>::try_from) {
        None => Ok(None),
        Some(Ok(geometry)) => Ok(Some(geometry)),
        Some(Err(err)) => Err(format!("has a geometry that cannot be read: {err}")),
    };
    let id = placemark.attrs.get("id").cloned();
    let properties = Cow::Owned(Value::Object(properties(placemark)).to_string());
    let kept =
        geometry.and_then(|geometry| features.push_checked(id.clone(), geometry, properties));
    if let Err(problem) = kept {
        let name = placemark.name.as_deref().or(id.as_deref());
        let error = DataError::feature(&features.shown, order, name, problem);
        features.skip(order, error);
    }
}

/// Every placemark under `kml`, with the names of the folders it is in.
fn collect(kml: Kml<f64>, folder: &[String], out: &mut Vec<(Vec<String>, Placemark<f64>)>) {
    match kml {
        Kml::KmlDocument(document) => {
            for element in document.elements {
                collect(element, folder, out);
            }
        }
        Kml::Document { elements, .. } => {
            for element in elements {
                collect(element, folder, out);
            }
        }
        Kml::Folder(inner) => {
            let mut path = folder.to_vec();
            path.push(
                inner
                    .name
                    .clone()
                    .unwrap_or_else(|| "unnamed folder".to_owned()),
            );
            for element in inner.elements {
                collect(element, &path, out);
            }
        }
        Kml::Placemark(placemark) => out.push((folder.to_vec(), placemark)),
        _ => {}
    }
}

/// A placemark's name, description, style and extended data.
fn properties(placemark: &Placemark<f64>) -> Map<String, Value> {
    let mut properties = Map::new();
    if let Some(name) = &placemark.name {
        properties.insert("name".to_owned(), json!(name.trim()));
    }
    if let Some(description) = &placemark.description {
        properties.insert("description".to_owned(), json!(plain_text(description)));
    }
    if let Some(style) = &placemark.style_url {
        properties.insert("styleUrl".to_owned(), json!(style));
    }
    for element in &placemark.children {
        if element.name == "ExtendedData" {
            extended_data(element, &mut properties);
        }
    }
    properties
}

/// `<Data name="…"><value>…</value></Data>` and `<SimpleData name="…">…</SimpleData>`.
fn extended_data(element: &Element, properties: &mut Map<String, Value>) {
    for child in &element.children {
        let Some(name) = child.attrs.get("name") else {
            extended_data(child, properties);
            continue;
        };
        let value = match child.name.as_str() {
            "Data" => child
                .children
                .iter()
                .find(|c| c.name == "value")
                .and_then(|c| c.content.clone()),
            "SimpleData" => child.content.clone(),
            _ => None,
        };
        properties.insert(name.clone(), json!(value.unwrap_or_default().trim()));
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
