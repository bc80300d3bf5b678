//! Texts that are not JSON or not GeoJSON, and random mutations of good ones.

use geo::Geometry;
use serde_json::json;

use super::*;

#[test]
fn invalid_json_reports_line_and_column() {
    let text = "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"geometry\": null}\n]}";
    let expected = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
    let err = parse_checked(text).unwrap_err();
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
        match parse_checked(&text) {
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
    match parse_checked(&text) {
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
    match parse_checked(&text) {
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
            parse_checked(text),
            Err(ParseError::NotGeoJson(problem.to_owned())),
            "{text}"
        );
    }
    assert_eq!(
        ParseError::NotGeoJson("x".to_owned()).to_string(),
        "not GeoJSON: x"
    );
    assert!(matches!(
        parse_checked(""),
        Err(ParseError::Json {
            line: 1,
            column: 0,
            ..
        })
    ));
    assert!(matches!(
        parse_checked("{} x"),
        Err(ParseError::Json {
            line: 1,
            column: 4,
            ..
        })
    ));
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
fn mutated_texts_never_panic_and_fail_where_serde_json_does() {
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

/// Parse many random mutations of `base`: none may panic, JSON errors must be serde_json's,
/// and every feature accepted must have the geometry the `geojson` crate reads.
fn mutate(base: &str, seed: u64) {
    let alphabet: &[u8] = b"{}[]\",:\\ 0123456789.-eE+ntfa\n";
    let mut random = Random(seed);
    assert!(parse_checked(base).is_ok());
    for _ in 0..8_000 {
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
        if let Ok(text) = String::from_utf8(bytes)
            && let Ok(layer) = parse_checked(&text)
        {
            agrees_with_the_crate(&text, &layer);
        }
    }
}

/// Where the `geojson` crate reads `text` as a whole, each feature accepted has its geometry.
fn agrees_with_the_crate(text: &str, layer: &ParsedLayer<'_>) {
    let features = match text.parse::<geojson::GeoJson>() {
        Ok(geojson::GeoJson::FeatureCollection(collection)) => collection.features,
        Ok(geojson::GeoJson::Feature(feature)) => vec![feature],
        _ => return,
    };
    for accepted in &layer.features {
        let geometry = features[accepted.index].geometry.as_ref().map(|g| &g.value);
        let expected = geometry.and_then(|g| Geometry::<f64>::try_from(g).ok());
        assert_eq!(accepted.geometry.as_ref(), expected.as_ref(), "{text}");
    }
}

#[test]
fn members_are_found_past_brackets_in_strings() {
    let text = r#" { "type": "FeatureCollection", "bbox": [1, 2, 3, 4], "name": "features", "crs": {"features": [{"x": 1}]},
      "features" : [
        {"type":"Feature","properties":{"a":"}]{[\"","b":"\\","c":"\\\"}{"},"geometry":{"type":"Point","coordinates":[1,2]}} ,
        {"type":"Feature","properties":{"k}":"x{","esc":"\u007d\"\\\\"},"geometry":null},
        [1, [2]], "a string", 3,
        {"type":"Feature","properties":{"nested":{"deep":[{"a":[]}]}},"geometry":{"type":"Point","coordinates":[3,4]}}
      ], "after": "]" } "#;
    let Some(found) = split::split(text) else {
        panic!("not split");
    };
    let all: serde_json::Value = serde_json::from_str(text).unwrap();
    let members: Vec<serde_json::Value> = found
        .members
        .iter()
        .map(|range| serde_json::from_str(&text[range.clone()]).unwrap())
        .collect();
    assert_eq!(Some(&members), all["features"].as_array());
    let outline: serde_json::Value = serde_json::from_str(&found.outline(text)).unwrap();
    assert_eq!(outline["features"], json!([]));
    assert_eq!(outline["after"], "]");
    let layer = layer_of(text);
    // The member with a null geometry is kept, unlocated.
    assert_eq!(layer.features.len(), 3);
    assert_eq!(layer.features[1].geometry, None);
    let reasons: Vec<_> = layer.skipped.iter().map(|s| s.reason.as_str()).collect();
    let not_object = "is not a JSON object";
    assert_eq!(reasons, [not_object, not_object, not_object]);
}
