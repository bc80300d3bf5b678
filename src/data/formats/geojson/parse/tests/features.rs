//! Features: ids, properties, top-level kinds, partly bad files, progress.

use geo::{Coord, CoordsIter, Geometry, Polygon, line_string, point};
use serde_json::json;

use super::*;

#[test]
fn bare_geometry_at_top_level() {
    let layer = layer_of(
        r#"{"type": "LineString", "coordinates": [[1, 2], [3, 4, 5]], "bbox": [1, 2, 3, 4]}"#,
    );
    assert_eq!(layer.skipped, vec![]);
    assert_eq!(
        layer.features,
        vec![ParsedFeature {
            index: 0,
            id: None,
            geometry: Some(Geometry::LineString(
                line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)]
            )),
            properties: "",
            offset: 0,
            hints: Vec::new(),
        }]
    );
    let collection = layer_of(
        r#"{"geometries": [{"type": "Point", "coordinates": [1, 2]}], "type": "GeometryCollection"}"#,
    );
    assert_eq!(
        collection.features[0]
            .geometry
            .as_ref()
            .map(|g| g.coords_count()),
        Some(1)
    );
    let refused =
        layer_of(r#"{"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [5, 6], [7, 8]]]}"#);
    assert_eq!(refused.features, vec![]);
    assert_eq!(
        refused.skipped,
        vec![Skipped {
            index: 0,
            id: None,
            reason: "has an unclosed polygon ring (ring 1 of polygon 1)".to_owned(),
            offset: 0,
        }]
    );
}

#[test]
fn single_feature_at_top_level() {
    let layer = layer_of(
        r#"{"properties": {"name": "Here"}, "id": "f1",
            "geometry": {"type": "Point", "coordinates": [1, 2]}, "type": "Feature"}"#,
    );
    assert_eq!(layer.skipped, vec![]);
    assert_eq!(layer.features.len(), 1);
    let feature = &layer.features[0];
    assert_eq!(feature.index, 0);
    assert_eq!(feature.id.as_deref(), Some("f1"));
    assert_eq!(feature.properties_map().get("name"), Some(&json!("Here")));
    assert_eq!(
        feature.geometry,
        Some(Geometry::Point(point! {x: 1.0, y: 2.0}))
    );

    // RFC 7946: a null geometry is an unlocated feature, kept; a missing member is refused.
    let unlocated =
        layer_of(r#"{"type": "Feature", "id": 3, "geometry": null, "properties": {"a": 1}}"#);
    assert_eq!(unlocated.skipped, vec![]);
    assert_eq!(unlocated.features[0].geometry, None);
    assert_eq!(unlocated.features[0].properties, r#"{"a": 1}"#);
    let refused = layer_of(r#"{"type": "Feature", "id": 3, "properties": null}"#);
    assert_eq!(
        refused.skipped,
        vec![Skipped {
            index: 0,
            id: Some("3".to_owned()),
            reason: "has no \"geometry\" member".to_owned(),
            offset: 0,
        }]
    );
}

#[test]
fn member_order_does_not_matter() {
    let geometry = geometry_of(json!({"coordinates": [square(0.0, 0.0, 1.0)], "type": "Polygon"}));
    assert_eq!(
        geometry,
        Geometry::Polygon(Polygon::new(square_ring(0.0, 0.0, 1.0), vec![]))
    );
    let text = r#"{"features": [{"geometry": {"coordinates": [3, 4], "type": "Point"},
        "properties": {"a": 1}, "type": "Feature", "id": 9}], "type": "FeatureCollection"}"#;
    let layer = layer_of(text);
    assert_eq!(
        layer.features[0].geometry,
        Some(Geometry::Point(point! {x: 3.0, y: 4.0}))
    );
    assert_eq!(layer.features[0].id.as_deref(), Some("9"));
}

#[test]
fn partly_bad_file_keeps_its_good_features() {
    let good = |lon: f64| feature(json!({"type": "Point", "coordinates": [lon, 0]}));
    let text = collection(&[
        good(1.0),
        json!({"type": "Feature", "id": "no-geom", "properties": {}}),
        good(2.0),
        json!({"type": "Polygon", "coordinates": [square(0.0, 0.0, 1.0)]}),
        json!([1, 2]),
        json!({"type": "Feature", "id": 17, "geometry": {"type": "Point", "coordinates": [500, 0]}}),
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 1]}, "properties": 5}),
        good(3.0),
    ]);
    let layer = layer_of(&text);
    let kept: Vec<_> = layer.features.iter().map(|f| f.index).collect();
    assert_eq!(kept, vec![0, 2, 7]);
    let skipped: Vec<_> = layer
        .skipped
        .iter()
        .map(|s| (s.index, s.id.as_deref(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            (1, Some("no-geom"), "has no \"geometry\" member"),
            (3, None, "is not a Feature (its \"type\" is \"Polygon\")"),
            (4, None, "is not a JSON object"),
            (
                5,
                Some("17"),
                "has a coordinate out of range: longitude 500, latitude 0"
            ),
            (
                6,
                None,
                "has \"properties\" that are neither an object nor null"
            ),
        ]
    );
}

#[test]
fn feature_without_type_is_skipped() {
    let text = collection(&[json!({"geometry": {"type": "Point", "coordinates": [1, 2]}})]);
    assert_eq!(
        layer_of(&text).skipped[0].reason,
        "is not a Feature (it has no \"type\")"
    );
}

#[test]
fn ids() {
    let point = json!({"type": "Point", "coordinates": [1, 2]});
    let with_id = |id: serde_json::Value| json!({"type": "Feature", "id": id, "geometry": point});
    let text = collection(&[
        with_id(json!("abc")),
        with_id(json!(42)),
        with_id(json!(-1.5)),
        with_id(json!("esc\"aped\u{e9}")),
        with_id(json!(null)),
        with_id(json!({"not": "an id"})),
        json!({"type": "Feature", "geometry": point}),
    ]);
    let ids: Vec<_> = layer_of(&text).features.into_iter().map(|f| f.id).collect();
    let expected = ["abc", "42", "-1.5", "esc\"aped\u{e9}"];
    let mut expected: Vec<_> = expected.iter().map(|id| Some((*id).to_owned())).collect();
    expected.extend([None, None, None]);
    assert_eq!(ids, expected);
    // A number keeps the text it had in the file.
    let text = r#"{"type":"Feature","id":1.50,"geometry":{"type":"Point","coordinates":[1,2]}}"#;
    assert_eq!(layer_of(text).features[0].id.as_deref(), Some("1.50"));
}

#[test]
fn properties_are_kept() {
    let properties = json!({
        "name": "Entre Ríos", "population": 1_235_994, "area": 78_781.5, "capital": null,
        "tags": ["a", {"b": [1, 2, null]}], "nested": {"deeper": {"deepest": true}},
        "escaped": "quote \" backslash \\ tab \t unicode \u{263a}", "": "empty key"
    });
    let text = collection(&[json!({"type": "Feature", "properties": properties,
        "geometry": {"type": "Point", "coordinates": [1, 2]}})]);
    let layer = layer_of(&text);
    assert_eq!(
        serde_json::Value::Object(layer.features[0].properties_map()),
        properties
    );
    let null_properties = collection(&[
        json!({"type": "Feature", "properties": null, "geometry": {"type": "Point", "coordinates": [1, 2]}}),
        json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}}),
    ]);
    for feature in layer_of(&null_properties).features {
        assert!(feature.properties.is_empty());
    }
}

#[test]
fn empty_collection() {
    assert_eq!(
        layer_of(r#"{"type": "FeatureCollection", "features": []}"#),
        ParsedLayer::default()
    );
}

#[test]
fn progress_reaches_the_total() {
    let point = feature(json!({"type": "Point", "coordinates": [1, 2]}));
    let text = collection(&vec![point; 10_000]);
    let seen = std::sync::Mutex::new(Vec::new());
    let layer = parse(&text, &|n| seen.lock().unwrap().push(n)).unwrap();
    assert_eq!(layer.features.len(), 10_000);
    let seen = seen.into_inner().unwrap();
    assert!(seen.len() >= 2, "{seen:?}");
    assert_eq!(seen.last(), Some(&10_000));
}

#[test]
fn repeated_members_refuse_their_feature() {
    let texts = [
        // JSON leaves repeated names undefined (RFC 8259 §4); they are refused, not guessed.
        r#"{"type":"Feature","geometry":{"coordinates":[1,2],"type":"Point","coordinates":[3,4]}}"#,
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"type":"LineString"}}"#,
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"geometry":null}"#,
        r#"{"type":"Feature","properties":{"a":1},"properties":{"b":2},"geometry":null}"#,
        r#"{"type":"Feature","properties":{"a":1e400},"properties":{"b":2},"geometry":null}"#,
        r#"{"type":"Feature","id":1,"id":"x","geometry":{"type":"Point","coordinates":[1,2]}}"#,
        r#"{"type":"Polygon","type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#,
    ];
    for member in texts {
        let text = format!(r#"{{"type":"FeatureCollection","features":[{member},{member}]}}"#);
        let layer = layer_of(&text);
        assert_eq!(layer.features, vec![], "{member}");
        for skipped in layer.skipped {
            assert!(
                skipped.reason.contains("duplicate field"),
                "{member}: {skipped:?}"
            );
        }
    }
}

#[test]
fn coordinates_of_every_kind_in_odd_spacing() {
    let text = "{ \"type\" : \"Feature\" , \"geometry\" : { \"type\" : \"MultiPolygon\" , \"coordinates\" :\n\
        [ [ [ [ 0 , 0 ] , [ 1 , 0 ] , [ 1 , 1 ] , [ 0 , 0 ] ] ] ] } , \"properties\" : { } }";
    let layer = layer_of(text);
    let geometry = layer.features[0].geometry.as_ref().unwrap();
    assert_eq!(geometry.coords_count(), 4);
    assert_eq!(
        geometry.coords_iter().nth(1),
        Some(Coord { x: 1.0, y: 0.0 })
    );
}
