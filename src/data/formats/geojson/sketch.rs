//! A sketch layer as GeoJSON (RFC 7946) and back: each mark a Feature whose properties hold
//! its title, description, source, date and position certainty, its look as simplestyle-spec
//! properties, and `sketch-mark` for the kinds GeoJSON has no geometry for (labels, arrows).
//! Any GeoJSON file of points, lines and polygons reads back as marks, so a marked-up file
//! from geojson.io or uMap can be edited here; features it cannot take are counted and named.

use serde_json::{Map, Value, json};

use crate::data::sketch::{Certainty, Mark, MarkKind, MarkStyle, Sketch};

/// The property that says which kind of mark a feature is.
const KIND: &str = "sketch-mark";

/// The sketch as a GeoJSON FeatureCollection, indented.
pub fn write(sketch: &Sketch) -> String {
    let features: Vec<Value> = sketch
        .marks
        .iter()
        .filter(|m| m.is_complete())
        .map(feature)
        .collect();
    let collection = json!({
        "type": "FeatureCollection",
        "name": sketch.name,
        "features": features,
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

fn feature(mark: &Mark) -> Value {
    let mut properties = Map::new();
    let mut put = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            properties.insert(key.to_owned(), json!(value));
        }
    };
    put("title", &mark.title);
    put("description", &mark.description);
    put("source", &mark.source);
    put("date", &mark.date);
    properties.insert(KIND.into(), json!(mark.kind.name()));
    properties.insert("position".into(), json!(mark.certainty.name()));
    if let Certainty::Approximate { radius_m } = mark.certainty {
        properties.insert("position_radius_m".into(), json!(radius_m));
    }
    properties.extend(mark.style.properties(mark.kind));
    json!({
        "type": "Feature",
        "geometry": geometry(mark),
        "properties": properties,
    })
}

fn geometry(mark: &Mark) -> Value {
    let coords = |points: &[[f64; 2]]| -> Vec<Value> {
        points.iter().map(|&[x, y]| json!([x, y])).collect()
    };
    match mark.kind {
        MarkKind::Point | MarkKind::Label => {
            let [x, y] = mark.points[0];
            json!({"type": "Point", "coordinates": [x, y]})
        }
        MarkKind::Line | MarkKind::Arrow => {
            json!({"type": "LineString", "coordinates": coords(&mark.points)})
        }
        MarkKind::Polygon => {
            // RFC 7946: the exterior ring closed and counterclockwise.
            let mut ring = mark.points.clone();
            if signed_area(&ring) < 0.0 {
                ring.reverse();
            }
            ring.push(ring[0]);
            json!({"type": "Polygon", "coordinates": [coords(&ring)]})
        }
    }
}

/// Twice the signed area of a ring in degrees (positive counterclockwise).
fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// What reading a file as a sketch gave: the marks, and the features left out with why.
#[derive(Debug, Default)]
pub struct ReadSketch {
    pub marks: Vec<Mark>,
    pub skipped: Vec<String>,
}

/// Marks from GeoJSON text: a FeatureCollection, a Feature or a bare geometry.
pub fn read(text: &str) -> Result<ReadSketch, String> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value =
        serde_json::from_str(text).map_err(|err| format!("not readable as JSON ({err})"))?;
    let features: Vec<Value> = match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => value
            .get("features")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        Some("Feature") => vec![value],
        Some(_) => vec![json!({"type": "Feature", "geometry": value})],
        None => return Err("not GeoJSON (no \"type\")".to_owned()),
    };
    let mut out = ReadSketch::default();
    for (i, f) in features.iter().enumerate() {
        match mark_of(f) {
            Ok(mark) => out.marks.push(mark),
            Err(why) => out.skipped.push(format!("feature {}: {why}", i + 1)),
        }
    }
    if out.marks.is_empty() && !out.skipped.is_empty() {
        return Err(format!("no feature could be read ({})", out.skipped[0]));
    }
    Ok(out)
}

fn mark_of(feature: &Value) -> Result<Mark, String> {
    let empty = Map::new();
    let properties = feature
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let geometry = feature.get("geometry").ok_or("no geometry")?;
    let kind_name = properties.get(KIND).and_then(Value::as_str);
    let (kind, points) = points_of(geometry, kind_name)?;
    let text = |key: &str| match properties.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let title = [text("title"), text("name")]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    let radius = properties.get("position_radius_m").and_then(Value::as_f64);
    let certainty = match (text("position").as_str(), radius) {
        ("approximate", Some(radius_m)) if radius_m > 0.0 => Certainty::Approximate { radius_m },
        ("stand-in", _) => Certainty::Standin,
        _ => Certainty::Exact,
    };
    Ok(Mark {
        kind,
        points,
        title,
        description: text("description"),
        source: text("source"),
        date: text("date"),
        certainty,
        style: MarkStyle::from_properties(kind, properties),
    })
}

/// A geometry's kind of mark and points (a polygon's outer ring, without its closing point).
fn points_of(
    geometry: &Value,
    kind_name: Option<&str>,
) -> Result<(MarkKind, Vec<[f64; 2]>), String> {
    let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = geometry.get("coordinates").ok_or("no coordinates")?;
    let position = |v: &Value| -> Result<[f64; 2], String> {
        let x = v.get(0).and_then(Value::as_f64);
        let y = v.get(1).and_then(Value::as_f64);
        match (x, y) {
            (Some(x), Some(y)) if x.is_finite() && (-90.0..=90.0).contains(&y) => Ok([x, y]),
            _ => Err(format!("a position that is not longitude, latitude ({v})")),
        }
    };
    let path = |v: &Value| -> Result<Vec<[f64; 2]>, String> {
        v.as_array()
            .ok_or("coordinates not a list")?
            .iter()
            .map(position)
            .collect()
    };
    let (kind, points) = match kind {
        "Point" if kind_name == Some("label") => (MarkKind::Label, vec![position(coords)?]),
        "Point" => (MarkKind::Point, vec![position(coords)?]),
        "LineString" if kind_name == Some("arrow") => (MarkKind::Arrow, path(coords)?),
        "LineString" => (MarkKind::Line, path(coords)?),
        "Polygon" => {
            let mut ring = path(coords.get(0).ok_or("a polygon without rings")?)?;
            if ring.len() > 1 && ring.first() == ring.last() {
                ring.pop();
            }
            (MarkKind::Polygon, ring)
        }
        other => {
            return Err(format!(
                "a {other} geometry (a sketch holds points, lines and polygons)"
            ));
        }
    };
    if points.len() < kind.min_points() {
        return Err(format!("a {} with {} points", kind.name(), points.len()));
    }
    Ok((kind, points))
}
