//! Geometries of every kind, and the reasons a geometry is refused.

use geo::{
    CoordsIter, Geometry, GeometryCollection, MultiLineString, MultiPoint, MultiPolygon, Point,
    Polygon, line_string, point, polygon,
};
use serde_json::json;

use super::*;

#[test]
fn point() {
    assert_eq!(
        geometry_of(json!({"type": "Point", "coordinates": [1.5, -2]})),
        Geometry::Point(point! {x: 1.5, y: -2.0})
    );
}

#[test]
fn multi_point() {
    assert_eq!(
        geometry_of(json!({"type": "MultiPoint", "coordinates": [[1, 2], [3, 4]]})),
        Geometry::MultiPoint(MultiPoint(vec![Point::new(1.0, 2.0), Point::new(3.0, 4.0)]))
    );
    assert_eq!(
        geometry_of(json!({"type": "MultiPoint", "coordinates": []})),
        Geometry::MultiPoint(MultiPoint(vec![]))
    );
}

#[test]
fn line_string() {
    assert_eq!(
        geometry_of(json!({"type": "LineString", "coordinates": [[1, 2], [3, 4]]})),
        Geometry::LineString(line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)])
    );
}

#[test]
fn multi_line_string() {
    assert_eq!(
        geometry_of(json!({"type": "MultiLineString",
            "coordinates": [[[1, 2], [3, 4]], [[5, 6], [7, 8], [9, 10]]]})),
        Geometry::MultiLineString(MultiLineString(vec![
            line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)],
            line_string![(x: 5.0, y: 6.0), (x: 7.0, y: 8.0), (x: 9.0, y: 10.0)],
        ]))
    );
}

#[test]
fn polygon_with_hole() {
    let geometry = geometry_of(json!({"type": "Polygon",
        "coordinates": [square(0.0, 0.0, 10.0), square(2.0, 2.0, 1.0), square(5.0, 5.0, 1.0)]}));
    assert_eq!(
        geometry,
        Geometry::Polygon(Polygon::new(
            square_ring(0.0, 0.0, 10.0),
            vec![square_ring(2.0, 2.0, 1.0), square_ring(5.0, 5.0, 1.0)],
        ))
    );
}

#[test]
fn multi_polygon() {
    let geometry = geometry_of(json!({"type": "MultiPolygon", "coordinates": [
        [square(0.0, 0.0, 10.0), square(2.0, 2.0, 1.0)],
        [square(20.0, 20.0, 1.0)],
    ]}));
    assert_eq!(
        geometry,
        Geometry::MultiPolygon(MultiPolygon(vec![
            Polygon::new(
                square_ring(0.0, 0.0, 10.0),
                vec![square_ring(2.0, 2.0, 1.0)]
            ),
            polygon![(x: 20.0, y: 20.0), (x: 21.0, y: 20.0), (x: 21.0, y: 21.0), (x: 20.0, y: 21.0)],
        ]))
    );
}

#[test]
fn nested_geometry_collection() {
    let geometry = geometry_of(json!({"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [1, 2]},
        {"type": "GeometryCollection", "geometries": [
            {"coordinates": [[1, 2], [3, 4]], "type": "LineString"},
            {"type": "GeometryCollection", "geometries": []},
        ]},
    ]}));
    assert_eq!(
        geometry,
        Geometry::GeometryCollection(GeometryCollection(vec![
            Geometry::Point(point! {x: 1.0, y: 2.0}),
            Geometry::GeometryCollection(GeometryCollection(vec![
                Geometry::LineString(line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)]),
                Geometry::GeometryCollection(GeometryCollection(vec![])),
            ])),
        ]))
    );
}

#[test]
fn geometry_collection_problems() {
    let member_problem = reason_for(json!({"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": [1, 2]},
        {"type": "Point", "coordinates": [1, 200]},
    ]}));
    assert_eq!(
        member_problem,
        "has a coordinate out of range: longitude 1, latitude 200"
    );
    for geometry in [
        json!({"type": "GeometryCollection", "geometries": [{"type": "Nonsense"}]}),
        json!({"type": "GeometryCollection", "geometries": [null]}),
        json!({"type": "GeometryCollection"}),
        json!({"type": "GeometryCollection", "geometries": {}}),
    ] {
        let reason = reason_for(geometry.clone());
        let expected = "has a GeometryCollection geometry that is not valid GeoJSON: ";
        assert!(reason.starts_with(expected), "{reason}");
    }
    // Nesting beyond serde_json's limit refuses the feature, not the file.
    let nested = |depth: usize| {
        let mut deep = json!({"type": "Point", "coordinates": [1, 2]});
        for _ in 0..depth {
            deep = json!({"type": "GeometryCollection", "geometries": [deep]});
        }
        deep
    };
    assert_eq!(geometry_of(nested(20)).coords_count(), 1);
    let reason = reason_for(nested(200));
    assert!(reason.contains("recursion limit exceeded"), "{reason}");
}

#[test]
fn altitude_and_beyond_are_dropped() {
    assert_eq!(
        geometry_of(json!({"type": "LineString", "coordinates": [[1, 2, 3], [4, 5, 6, 7]]})),
        Geometry::LineString(line_string![(x: 1.0, y: 2.0), (x: 4.0, y: 5.0)])
    );
}

#[test]
fn foreign_members_are_ignored() {
    let text = r#"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "x"}},
        "bbox": [-180, -90, 180, 90], "name": "layer", "features": [
        {"type": "Feature", "bbox": [1, 2, 1, 2], "title": {"nested": ["a", {"b": null}]},
         "geometry": {"type": "Point", "coordinates": [1, 2], "bbox": [1, 2, 1, 2], "x": "y"},
         "properties": {}}]}"#;
    let layer = layer_of(text);
    assert_eq!(layer.skipped, vec![]);
    assert_eq!(
        layer.features[0].geometry,
        Some(Geometry::Point(point! {x: 1.0, y: 2.0}))
    );
}

#[test]
fn skip_reasons_for_geometry_objects() {
    let cases = [
        (
            json!({"type": "Foo", "coordinates": [1, 2]}),
            "has an unknown geometry type \"Foo\"",
        ),
        (
            json!({"coordinates": [1, 2]}),
            "has a geometry without a \"type\"",
        ),
        (
            json!({"type": 5, "coordinates": [1, 2]}),
            "has a geometry whose \"type\" is not a string",
        ),
        (
            json!({"type": "Point"}),
            "has a Point geometry that is not valid GeoJSON: Encountered geometry type: `Point` with no `coordinates` key",
        ),
        (json!("Point"), "has a geometry that is not a JSON object"),
        (
            json!({"type": "Point", "coordinates": [[1, 2]]}),
            "has a Point geometry that is not valid GeoJSON: Encountered geometry type: `Point` with unexpected coordinates dimensions: 1",
        ),
        (
            json!({"type": "Polygon", "coordinates": [[1, 2], [3, 4]]}),
            "has a Polygon geometry that is not valid GeoJSON: Encountered geometry type: `Polygon` with unexpected coordinates dimensions: 1",
        ),
        (
            json!({"type": "LineString", "coordinates": [[[1, 2]], [[3, 4]]]}),
            "has a LineString geometry that is not valid GeoJSON: Encountered geometry type: `LineString` with unexpected coordinates dimensions: 2",
        ),
        (
            json!({"type": "Point", "coordinates": null}),
            "has a Point geometry that is not valid GeoJSON: Encountered geometry type: `Point` with no `coordinates` key",
        ),
        (
            json!({"type": "Point", "coordinates": [1]}),
            "has a Point geometry that is not valid GeoJSON: A position must contain two or more elements, but got `1`",
        ),
        (
            json!({"type": "Point", "coordinates": [1, "2"]}),
            "has a Point geometry that is not valid GeoJSON: invalid type: string \"2\", expected f64",
        ),
        (
            json!({"type": "Point", "coordinates": [1, null]}),
            "has a Point geometry that is not valid GeoJSON: invalid type: null, expected f64",
        ),
        (
            json!({"type": "MultiPoint", "coordinates": [[1, 2], {"x": 1}]}),
            "has a MultiPoint geometry that is not valid GeoJSON: invalid type: map, expected a sequence",
        ),
    ];
    assert_reasons(cases);
}

#[test]
fn skip_reasons_for_positions_and_rings() {
    let cases = [
        (
            json!({"type": "Point", "coordinates": [200.5, 10]}),
            "has a coordinate out of range: longitude 200.5, latitude 10",
        ),
        (
            json!({"type": "Point", "coordinates": [10, -90.5]}),
            "has a coordinate out of range: longitude 10, latitude -90.5",
        ),
        (
            json!({"type": "LineString", "coordinates": [[1, 2]]}),
            "has a LineString with fewer than 2 positions",
        ),
        (
            json!({"type": "MultiLineString", "coordinates": [[[1, 2], [3, 4]], []]}),
            "has a LineString with fewer than 2 positions",
        ),
        (
            json!({"type": "Polygon", "coordinates": [[[0, 0], [5, 0], [5, 5], [0, 5]]]}),
            "has an unclosed polygon ring (ring 1 of polygon 1)",
        ),
        (
            json!({"type": "MultiPolygon", "coordinates": [[square(0.0, 0.0, 5.0)], [[[1, 1], [2, 1], [1, 1]]]]}),
            "has a polygon ring with fewer than 4 positions (ring 1 of polygon 2)",
        ),
        (
            json!({"type": "Polygon", "coordinates": []}),
            "has a polygon with no rings (polygon 1)",
        ),
    ];
    assert_reasons(cases);
}

/// A hole that is not closed is closed, as GDAL does, and said as a hint; the polygon keeps
/// it (a degenerate hole is dropped later, alone: `formats::repair`).
#[test]
fn an_unclosed_hole_is_closed_with_a_hint() {
    let text = json!({"type": "Polygon", "coordinates": [square(0.0, 0.0, 5.0), [[1, 1], [1, 2], [2, 2], [2, 1]]]}).to_string();
    let layer = super::super::parse(&text, &|_| {}).unwrap();
    let feature = &layer.features[0];
    assert_eq!(
        feature.hints,
        ["has an unclosed hole (ring 2 of polygon 1): it is closed"]
    );
    let Some(geo::Geometry::Polygon(p)) = &feature.geometry else {
        panic!()
    };
    assert_eq!(p.interiors()[0].0.len(), 5);
}

/// Each geometry is refused for the reason given with it.
fn assert_reasons<const N: usize>(cases: [(serde_json::Value, &str); N]) {
    for (geometry, reason) in cases {
        assert_eq!(reason_for(geometry.clone()), reason, "{geometry}");
    }
}

#[test]
fn coordinates_too_large_for_f64_refuse_their_feature() {
    let text = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1e400, 2]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, -1E999]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2, 1e400]}},
        {"type": "Feature", "properties": {"big": 1e400}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
        {"type": "Feature", "id": 1e400, "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}
    ]}"#;
    let layer = layer_of(text);
    let reasons: Vec<_> = layer
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.as_str()))
        .collect();
    // serde_json cannot hold such numbers; the geojson crate reads every number of a
    // position, an altitude included. Ids and properties are kept as written.
    let too_large = "has a coordinate too large to read (beyond 1.8e308)";
    assert_eq!(
        reasons,
        vec![(0, too_large), (1, too_large), (2, too_large)]
    );
    let kept: Vec<_> = layer
        .features
        .iter()
        .map(|f| (f.index, f.id.as_deref()))
        .collect();
    assert_eq!(kept, vec![(3, None), (4, Some("1e400"))]);
    assert_eq!(layer.features[0].properties, r#"{"big": 1e400}"#);
}
