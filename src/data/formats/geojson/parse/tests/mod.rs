//! Behaviour tests. Every text is also checked against serde_json: a text that is not JSON
//! must fail exactly where serde_json says, and one that is JSON must not fail as "not JSON".

use geo::{Geometry, LineString, coord};
use serde_json::json;

use super::*;

mod errors;
mod features;
mod geometries;

/// Parse `text`, checking that its JSON errors are serde_json's, and give the answer.
fn parse_checked(text: &str) -> Result<ParsedLayer<'_>, ParseError> {
    let result = parse(text, &|_| {});
    let start: String = text.chars().take(2000).collect();
    match (serde_json::from_str::<IgnoredAny>(text), &result) {
        (Ok(_), Err(ParseError::Json { .. })) => panic!("{result:?} for JSON:\n{start}"),
        (Err(expected), Err(ParseError::Json { line, column, .. })) => assert_eq!(
            (*line, *column),
            (expected.line(), expected.column()),
            "{start}"
        ),
        (Err(expected), _) => panic!("{result:?} instead of {expected} for:\n{start}"),
        (Ok(_), _) => {}
    }
    result
}

/// Parse `text`, which must succeed.
fn layer_of(text: &str) -> ParsedLayer<'_> {
    match parse_checked(text) {
        Ok(layer) => layer,
        Err(err) => panic!("{err}\n{}", text.chars().take(2000).collect::<String>()),
    }
}

/// A FeatureCollection of the given features.
fn collection(features: &[serde_json::Value]) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

/// A Feature with the given geometry and no properties.
fn feature(geometry: serde_json::Value) -> serde_json::Value {
    json!({"type": "Feature", "properties": {}, "geometry": geometry})
}

/// The geometry of the only feature of a FeatureCollection made of `geometry`.
fn geometry_of(geometry: serde_json::Value) -> Geometry<f64> {
    let text = collection(&[feature(geometry)]);
    let mut layer = layer_of(&text);
    assert_eq!(layer.skipped, vec![], "unexpectedly skipped");
    assert_eq!(layer.features.len(), 1);
    let Some(geometry) = layer.features.remove(0).geometry else {
        panic!("no geometry");
    };
    geometry
}

/// The reason the only feature of a FeatureCollection made of `geometry` is skipped.
fn reason_for(geometry: serde_json::Value) -> String {
    let text = collection(&[feature(geometry)]);
    let layer = layer_of(&text);
    assert_eq!(layer.features, vec![], "unexpectedly accepted");
    assert_eq!(layer.skipped.len(), 1);
    layer.skipped[0].reason.clone()
}

/// A closed square ring with its lower-left corner at (x, y).
fn square(x: f64, y: f64, size: f64) -> Vec<[f64; 2]> {
    vec![
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
    ]
}

/// The same ring as a `geo` LineString.
fn square_ring(x: f64, y: f64, size: f64) -> LineString<f64> {
    LineString(
        square(x, y, size)
            .into_iter()
            .map(|[x, y]| coord! {x: x, y: y})
            .collect(),
    )
}
