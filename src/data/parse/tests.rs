//! Behaviour tests. Every text is parsed three ways (the serde-only reference parse, the fast
//! reader on one thread, and on two threads), which must agree, so each test also checks that
//! the fast paths give exactly the reference's answer.

use geo::{
    Coord, CoordsIter, Geometry, GeometryCollection, LineString, MultiLineString, MultiPoint,
    MultiPolygon, Point, Polygon, coord, line_string, point, polygon,
};
use serde_json::json;

use super::*;

/// Parse `text` every way there is, check that all agree, and give the answer.
fn parse_all_ways(text: &str) -> Result<ParsedLayer<'_>, ParseError> {
    let reference = parse_sequentially(text, &|_| {}).map(layer);
    for threads in [1, 2, 3] {
        let result = parse_with_threads(text, threads, &|_| {});
        let start: String = text.chars().take(2000).collect();
        assert_eq!(
            result, reference,
            "{threads} thread(s) disagree on:\n{start}"
        );
    }
    reference
}

/// Parse `text`, which must succeed.
fn layer_of(text: &str) -> ParsedLayer<'_> {
    match parse_all_ways(text) {
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
    layer.features.remove(0).geometry
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
        {"type": "Nonsense"},
    ]}));
    assert_eq!(
        member_problem,
        "has a coordinate out of range: longitude 1, latitude 200"
    );
    assert_eq!(
        reason_for(json!({"type": "GeometryCollection", "geometries": [null]})),
        "has a null geometry inside a GeometryCollection"
    );
    assert_eq!(
        reason_for(json!({"type": "GeometryCollection"})),
        "has a GeometryCollection without \"geometries\""
    );
    assert_eq!(
        reason_for(json!({"type": "GeometryCollection", "geometries": {}})),
        "has \"geometries\" that are not an array"
    );
    let mut deep = json!({"type": "Point", "coordinates": [1, 2]});
    for _ in 0..=seeds::MAX_COLLECTION_DEPTH {
        deep = json!({"type": "GeometryCollection", "geometries": [deep]});
    }
    assert_eq!(
        reason_for(deep.clone()),
        "has GeometryCollections nested more than 16 deep"
    );
    // One level less is fine.
    if let Some(inner) = deep.get("geometries").and_then(|g| g.get(0)) {
        assert_eq!(geometry_of(inner.clone()).coords_count(), 1);
    }
}

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
            geometry: Geometry::LineString(line_string![(x: 1.0, y: 2.0), (x: 3.0, y: 4.0)]),
            properties: "",
        }]
    );
    let collection = layer_of(
        r#"{"geometries": [{"type": "Point", "coordinates": [1, 2]}], "type": "GeometryCollection"}"#,
    );
    assert_eq!(collection.features[0].geometry.coords_count(), 1);
    let refused =
        layer_of(r#"{"type": "Polygon", "coordinates": [[[1, 2], [3, 4], [5, 6], [7, 8]]]}"#);
    assert_eq!(refused.features, vec![]);
    assert_eq!(
        refused.skipped,
        vec![Skipped {
            index: 0,
            id: None,
            reason: "has an unclosed polygon ring (ring 1 of polygon 1)".to_owned()
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
    assert_eq!(feature.geometry, Geometry::Point(point! {x: 1.0, y: 2.0}));

    let refused = layer_of(r#"{"type": "Feature", "id": 3, "geometry": null, "properties": null}"#);
    assert_eq!(
        refused.skipped,
        vec![Skipped {
            index: 0,
            id: Some("3".to_owned()),
            reason: "has no geometry".to_owned()
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
        Geometry::Point(point! {x: 3.0, y: 4.0})
    );
    assert_eq!(layer.features[0].id.as_deref(), Some("9"));
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
        Geometry::Point(point! {x: 1.0, y: 2.0})
    );
}

#[test]
fn skip_reasons() {
    let cases = [
        (json!(null), "has no geometry"),
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
            "has a Point geometry without \"coordinates\"",
        ),
        (json!("Point"), "has a geometry that is not a JSON object"),
        (
            json!({"type": "Point", "coordinates": [[1, 2]]}),
            "has Point coordinates nested wrongly (a Point has 1 level of arrays)",
        ),
        (
            json!({"type": "Polygon", "coordinates": [[1, 2], [3, 4]]}),
            "has Polygon coordinates nested wrongly (a Polygon has 3 levels of arrays)",
        ),
        (
            json!({"type": "LineString", "coordinates": [[[1, 2]], [[3, 4]]]}),
            "has LineString coordinates nested wrongly (a LineString has 2 levels of arrays)",
        ),
        (
            json!({"type": "Point", "coordinates": null}),
            "has \"coordinates\" that are not an array",
        ),
        (
            json!({"type": "Point", "coordinates": [1]}),
            "has a position with fewer than 2 numbers",
        ),
        (
            json!({"type": "Point", "coordinates": [1, "2"]}),
            "has a non-numeric coordinate",
        ),
        (
            json!({"type": "Point", "coordinates": [1, null]}),
            "has a non-numeric coordinate",
        ),
        (
            json!({"type": "MultiPoint", "coordinates": [[1, 2], {"x": 1}]}),
            "has a non-numeric coordinate",
        ),
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
            json!({"type": "Polygon", "coordinates": [square(0.0, 0.0, 5.0), [[1, 1], [2, 1], [2, 2], [1, 2]]]}),
            "has an unclosed polygon ring (ring 2 of polygon 1)",
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
    assert_eq!(
        reasons,
        vec![
            (0, "has a non-finite coordinate"),
            (1, "has a non-finite coordinate"),
        ]
    );
    // A dropped altitude does not matter; an id and a property are kept as written.
    let kept: Vec<_> = layer
        .features
        .iter()
        .map(|f| (f.index, f.id.as_deref()))
        .collect();
    assert_eq!(kept, vec![(2, None), (3, None), (4, Some("1e400"))]);
    assert_eq!(layer.features[1].properties, r#"{"big": 1e400}"#);
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
            (1, Some("no-geom"), "has no geometry"),
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
fn invalid_json_reports_line_and_column() {
    let text = "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"geometry\": null}\n]}";
    let expected = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
    let err = parse_all_ways(text).unwrap_err();
    assert_eq!(
        err,
        ParseError::Json {
            line: 3,
            column: expected.column(),
            message: "expected `,` or `}`".to_owned()
        }
    );
    assert_eq!(expected.line(), 3);
    assert_eq!(
        err.to_string(),
        format!(
            "invalid JSON at line 3, column {}: expected `,` or `}}`",
            expected.column()
        )
    );
}

#[test]
fn invalid_json_deep_in_a_large_collection() {
    // Errors in members parsed on other threads, in many forms, must give the position in the
    // whole file exactly as serde_json does.
    let good = feature(json!({"type": "Polygon", "coordinates": [square(0.0, 0.0, 1.0)]}));
    let mut features = vec![good; 400];
    features.push(json!({"type": "Feature", "geometry": null, "properties": {"x": "MARK"}}));
    features.extend(vec![
        feature(json!({"type": "Point", "coordinates": [1, 2]}));
        200
    ]);
    features.push(feature(
        json!({"type": "Point", "coordinates": [12.345, 2]}),
    ));
    features.extend(vec![
        feature(json!({"type": "Point", "coordinates": [1, 2]}));
        200
    ]);
    let valid =
        serde_json::to_string_pretty(&json!({"type": "FeatureCollection", "features": features}))
            .unwrap();
    for broken in [
        "\"MARK\"}",
        "\"MARK\" 1",
        "\"MARK\", \"y\": tru",
        "\"MARK\", \"y\": 01",
        "\"MARK\", \"y\": 1.",
        "\"MARK\", \"y\": \"\\x\"",
        "\"MARK\", \"y\": [1,]",
        "\"MARK\", 5: 1",
        "\"MARK\", \"y\": -",
    ] {
        let text = valid.replacen("\"MARK\"", broken, 1);
        let expected = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
        match parse_all_ways(&text) {
            Err(ParseError::Json { line, column, .. }) => {
                assert_eq!(
                    (line, column),
                    (expected.line(), expected.column()),
                    "{broken}"
                );
            }
            other => panic!("{broken}: {other:?}"),
        }
    }
    // A control character in a string: serde_json places it one column earlier when it skips
    // a value than when it reads one, and properties are skipped before they are read.
    let text = valid.replacen("\"MARK\"", "\"MARK\", \"y\": \"\u{1}\"", 1);
    let expected = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
    match parse_all_ways(&text) {
        Err(ParseError::Json {
            line,
            column,
            message,
        }) => {
            assert_eq!((line, column + 1), (expected.line(), expected.column()));
            assert_eq!(
                message,
                "control character (\\u0000-\\u001F) found while parsing a string"
            );
        }
        other => panic!("{other:?}"),
    }
    // A broken coordinate, in a member parsed by the fast reader.
    let text = valid.replacen("12.345", "12.345 6", 1);
    assert_ne!(text.len(), valid.len());
    let expected = serde_json::from_str::<serde_json::Value>(&text).unwrap_err();
    match parse_all_ways(&text) {
        Err(ParseError::Json { line, column, .. }) => {
            assert_eq!((line, column), (expected.line(), expected.column()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_geojson() {
    let cases = [
        ("[1, 2]", "the top level is not a JSON object"),
        ("{\"features\": []}", "the top level has no \"type\""),
        ("{\"type\": 7}", "the top-level \"type\" is not a string"),
        (
            "{\"type\": \"Thing\"}",
            "the top-level \"type\" \"Thing\" is not a GeoJSON type",
        ),
        (
            "{\"type\": \"FeatureCollection\"}",
            "a FeatureCollection needs a \"features\" array",
        ),
        (
            "{\"type\": \"FeatureCollection\", \"features\": {}}",
            "a FeatureCollection needs a \"features\" array",
        ),
    ];
    for (text, problem) in cases {
        assert_eq!(
            parse_all_ways(text),
            Err(ParseError::NotGeoJson(problem.to_owned())),
            "{text}"
        );
    }
    assert_eq!(
        ParseError::NotGeoJson("x".to_owned()).to_string(),
        "not GeoJSON: x"
    );
    assert!(matches!(
        parse_all_ways(""),
        Err(ParseError::Json {
            line: 1,
            column: 0,
            ..
        })
    ));
    assert!(matches!(
        parse_all_ways("{} x"),
        Err(ParseError::Json {
            line: 1,
            column: 4,
            ..
        })
    ));
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
    let text = collection(&vec![point; 1000]);
    for threads in [1, 2] {
        let seen = std::sync::Mutex::new(Vec::new());
        let layer = parse_with_threads(&text, threads, &|n| seen.lock().unwrap().push(n)).unwrap();
        assert_eq!(layer.features.len(), 1000);
        let seen = seen.into_inner().unwrap();
        assert!(seen.len() >= 2, "{seen:?}");
        assert_eq!(seen.last(), Some(&1000));
    }
}

/// A tiny deterministic pseudo-random generator (xorshift), so that the mutation test needs no
/// crate and always tests the same texts.
struct Random(u64);

impl Random {
    /// A number below `bound`.
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

#[test]
fn mutated_texts_never_panic_and_all_ways_agree() {
    let collection = r#"{"type":"FeatureCollection","bbox":[0,0,1,1],"features":[
{"type":"Feature","id":"a\"b","properties":{"n":1,"s":"x}{","a":[1,{"b":null}]},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.3,0.2],[0.3,0.3],[0.2,0.2]]]}},
{"type":"Feature","id":7,"properties":null,"geometry":{"coordinates":[[1,2,3],[4,5]],"type":"LineString"}},
{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1e2,-2.5E-1]},{"type":"MultiPoint","coordinates":[]}]},"properties":{}},
{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"properties":{"k":[]}},
{"type":"Feature","geometry":null,"properties":{}}
],"crs":{"type":"name"}}"#;
    let reordered = r#"{"features":[{"geometry":{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],
"type":"Polygon"},"\u0074ype":"Feature","id":-0.5e1},{"properties":{"\"":"\u00e9"},"type":"Feature",
"geometry":{"geometries":[{"geometries":[],"type":"GeometryCollection"},{"type":"MultiLineString",
"coordinates":[[[1,2],[3,4]]]}],"type":"GeometryCollection"}}],"type":"FeatureCollection"}"#;
    let single = r#"{"type":"Feature","id":"f","properties":{"a":[1,2]},"geometry":{"type":"Point","coordinates":[1,2]}}"#;
    for (base, seed) in [
        (collection, 0x2545_f491_4f6c_dd1d),
        (reordered, 7),
        (single, 11),
    ] {
        mutate(base, seed);
    }
}

/// Parse many random mutations of `base` every way, which must agree (and not panic).
fn mutate(base: &str, seed: u64) {
    let alphabet: &[u8] = b"{}[]\",:\\ 0123456789.-eE+ntfa\n";
    let mut random = Random(seed);
    assert!(parse_all_ways(base).is_ok());
    // More with FASTGEO_MUTATIONS=n, for a longer search.
    let mutations = std::env::var("FASTGEO_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8_000);
    for _ in 0..mutations {
        let mut bytes = base.as_bytes().to_vec();
        for _ in 0..=random.below(3) {
            let at = random.below(bytes.len());
            let byte = alphabet[random.below(alphabet.len())];
            match random.below(4) {
                0 => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, byte),
                2 => bytes[at] = byte,
                _ => {
                    // Copy a piece of the text elsewhere (repeats members, nests values).
                    let length = random.below(40).min(bytes.len() - at);
                    let piece = bytes[at..at + length].to_vec();
                    let to = random.below(bytes.len());
                    bytes.splice(to..to, piece);
                }
            }
        }
        if let Ok(text) = String::from_utf8(bytes) {
            // `parse_all_ways` checks that every way gives the same answer.
            let _ = parse_all_ways(&text);
        }
    }
}

#[test]
fn repeated_members_are_read_as_serde_reads_them() {
    let texts = [
        // The last of repeated members wins; the earlier ones must still be JSON.
        r#"{"type":"Feature","geometry":{"coordinates":[1,2],"type":"Point","coordinates":[3,4]}}"#,
        r#"{"type":"Feature","geometry":{"coordinates":[1,2,],"type":"Point","coordinates":[3,4]}}"#,
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2],"type":"LineString"}}"#,
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"geometry":null}"#,
        r#"{"type":"Feature","properties":{"a":1},"properties":{"b":2},"geometry":null}"#,
        r#"{"type":"Feature","properties":{"a":1e400},"properties":{"b":2},"geometry":null}"#,
        r#"{"type":"Feature","id":1,"id":"x","geometry":{"type":"Point","coordinates":[1,2]}}"#,
        r#"{"type":"Polygon","type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#,
    ];
    for member in texts {
        let _ = parse_all_ways(&format!(
            r#"{{"type":"FeatureCollection","features":[{member},{member}]}}"#
        ));
    }
    let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"coordinates":[1,2],"type":"Point","coordinates":[3,4]}}]}"#;
    assert_eq!(
        layer_of(text).features[0].geometry,
        Geometry::Point(point! {x: 3.0, y: 4.0})
    );
}

#[test]
fn coordinates_of_every_kind_in_odd_spacing() {
    let text = "{ \"type\" : \"Feature\" , \"geometry\" : { \"type\" : \"MultiPolygon\" , \"coordinates\" :\n\
        [ [ [ [ 0 , 0 ] , [ 1 , 0 ] , [ 1 , 1 ] , [ 0 , 0 ] ] ] ] } , \"properties\" : { } }";
    let layer = layer_of(text);
    assert_eq!(layer.features[0].geometry.coords_count(), 4);
    assert_eq!(
        layer.features[0].geometry.coords_iter().nth(1),
        Some(Coord { x: 1.0, y: 0.0 })
    );
}
