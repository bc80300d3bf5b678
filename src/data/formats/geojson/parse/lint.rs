//! What GeoJSON linters (geojsonhint, RFC 7946's "should"s) flag in a file that still draws:
//! rings against the right-hand rule, a `bbox` of the wrong length, an `id` that is neither a
//! string nor a number, members that would change what an object is. Each is a hint, worded
//! to follow the feature's name, reported as a warning with the feature's line and column.

use geo::{Geometry, Polygon};
use serde_json::value::RawValue;

/// Members that make an object something else (RFC 7946, 7.1): a Feature must not have a
/// Geometry's or a FeatureCollection's, a Geometry must not have a Feature's or a
/// FeatureCollection's.
const FEATURE_FORBIDS: [&str; 3] = ["coordinates", "geometries", "features"];
const GEOMETRY_FORBIDS: [&str; 3] = ["properties", "geometry", "features"];

/// A ring against the right-hand rule (RFC 7946, 3.1.6): outer rings counter-clockwise,
/// holes clockwise. Said once per geometry.
pub(super) fn winding(geometry: &Geometry<f64>) -> Option<String> {
    let against = |polygon: &Polygon<f64>| {
        let area = |ring: &geo::LineString<f64>| {
            ring.0
                .windows(2)
                .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
                .sum::<f64>()
        };
        area(polygon.exterior()) < 0.0 || polygon.interiors().iter().any(|h| area(h) > 0.0)
    };
    let wrong = match geometry {
        Geometry::Polygon(p) => against(p),
        Geometry::MultiPolygon(ps) => ps.iter().any(against),
        Geometry::GeometryCollection(gs) => return gs.iter().find_map(winding),
        _ => false,
    };
    wrong.then(|| {
        "has a polygon ring wound against RFC 7946's right-hand rule (outer rings \
         counter-clockwise, holes clockwise); it is drawn all the same"
            .to_owned()
    })
}

/// A `bbox` member's problem, if it has one: RFC 7946 wants 2 × the dimensions numbers.
pub(super) fn bbox(bbox: Option<&RawValue>, hints: &mut Vec<String>, whose: &str) {
    let Some(raw) = bbox else {
        return;
    };
    match serde_json::from_str::<Vec<f64>>(raw.get()) {
        Ok(numbers) if numbers.len() == 4 || numbers.len() == 6 => {}
        Ok(numbers) => hints.push(format!(
            "has a {whose}bbox of {} numbers (RFC 7946 wants 4, or 6 with altitudes): it is ignored",
            numbers.len()
        )),
        Err(_) => hints.push(format!("has a {whose}bbox that is not an array of numbers: it is ignored")),
    }
}

/// An `id` that is neither a string nor a number (RFC 7946, 3.2).
pub(super) fn id(id: Option<&RawValue>, hints: &mut Vec<String>) {
    if let Some(raw) = id
        && !matches!(
            raw.get().as_bytes().first(),
            Some(b'"' | b'-' | b'0'..=b'9')
        )
    {
        hints.push(format!(
            "has an id {} that is neither a string nor a number (RFC 7946): it is not used",
            short(raw.get())
        ));
    }
}

/// A Feature's members that belong to another kind of object.
pub(super) fn feature_members(present: &[(&str, bool)], hints: &mut Vec<String>) {
    for (name, _) in present
        .iter()
        .filter(|(name, here)| *here && FEATURE_FORBIDS.contains(name))
    {
        hints.push(format!(
            "is a Feature with a \"{name}\" member, which would make it another kind of object (RFC 7946, 7.1): it is ignored"
        ));
    }
}

/// A Geometry's members that belong to another kind of object, and its bbox.
pub(super) fn geometry_members(
    geometry: &geojson::Geometry,
    _depth: usize,
    hints: &mut Vec<String>,
) {
    if let Some(members) = &geometry.foreign_members {
        for name in GEOMETRY_FORBIDS
            .iter()
            .filter(|n| members.contains_key(**n))
        {
            hints.push(format!(
                "has a geometry with a \"{name}\" member, which would make it another kind of object (RFC 7946, 7.1): it is ignored"
            ));
        }
    }
    if let Some(b) = &geometry.bbox
        && b.len() != 4
        && b.len() != 6
    {
        hints.push(format!(
            "has a geometry bbox of {} numbers (RFC 7946 wants 4, or 6 with altitudes): it is ignored",
            b.len()
        ));
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
