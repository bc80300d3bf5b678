//! Bad event, province and country files are refused with a message that names the file, the
//! feature and the problem, and a broken file leaves the other layers loaded.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use strikemap::data::formats::geojson::features as geojson_file;
use strikemap::data::{DataSource, Story, events};

const GOOD_EVENT: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
 "geometry":{"type":"Point","coordinates":[62.33,27.37]},
 "properties":{"id":"e1","date":"2024-01-18","time_precision":1,"title":"T","kind":"strike",
  "actor":"Pakistan","target":null,"location":"Saravan","admin1":"IR-13","geo_precision":2,
  "uncertainty_m":1000,"fatalities":[{"reported":"at least ten","by":"article","source":"article"}],
  "summary":"S","sources":["https://example.org"],"article_quotes":[]}}]}"#;

/// The good event file with its geometry replaced by `geometry` (GeoJSON text).
fn with_geometry(geometry: &str) -> String {
    GOOD_EVENT.replace(r#"{"type":"Point","coordinates":[62.33,27.37]}"#, geometry)
}

fn refusal(text: &str) -> String {
    events::parse("events.geojson", text)
        .expect_err("the file must be refused")
        .to_string()
}

#[test]
fn a_good_event_file_is_accepted() {
    let events = events::parse("events.geojson", GOOD_EVENT).expect("valid");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fatalities[0].reported.to_string(), "at least ten");
}

#[test]
fn invalid_json_is_refused_with_file_and_line() {
    let message = refusal("{\"type\": \"FeatureCollection\",\n \"features\": [,]}");
    assert!(
        message.starts_with("events.geojson: is not valid JSON"),
        "{message}"
    );
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn wrong_geometry_type_is_refused_naming_the_feature() {
    let message = refusal(&with_geometry(
        r#"{"type":"LineString","coordinates":[[62.33,27.37],[63,28]]}"#,
    ));
    assert!(message.contains("feature #0 (id \"e1\")"), "{message}");
    assert!(
        message.contains("LineString geometry; an event must be a Point"),
        "{message}"
    );
}

#[test]
fn out_of_range_coordinates_are_refused() {
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[262.33,27.37]"));
    assert!(message.contains("feature #0"), "{message}");
    assert!(
        message.contains("out of range: longitude 262.33"),
        "{message}"
    );
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[62.33,97.37]"));
    assert!(message.contains("latitude 97.37"), "{message}");
}

#[test]
fn non_finite_coordinates_are_refused() {
    // JSON has no NaN or Infinity; an overflowing number is how a non-finite value arrives,
    // and it refuses its feature.
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[1e999,27.37]"));
    assert!(message.contains("events.geojson: feature #0"), "{message}");
    assert!(
        message.contains("coordinate too large to read"),
        "{message}"
    );
}

#[test]
fn missing_required_property_is_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""date":"2024-01-18","#, ""));
    assert!(message.contains("feature #0 (id \"e1\")"), "{message}");
    assert!(message.contains("missing field `date`"), "{message}");
}

#[test]
fn unknown_event_kind_is_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""kind":"strike""#, r#""kind":"airstrike""#));
    assert!(message.contains("unknown variant `airstrike`"), "{message}");
}

#[test]
fn bad_precision_and_repeated_ids_are_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""geo_precision":2"#, r#""geo_precision":7"#));
    assert!(message.contains("geo_precision is 7"), "{message}");
    let feature =
        &GOOD_EVENT[GOOD_EVENT.find("{\"type\":\"Feature\"").unwrap()..GOOD_EVENT.len() - 2];
    let twice = format!("{{\"type\":\"FeatureCollection\",\"features\":[{feature},{feature}]}}");
    let message = refusal(&twice);
    assert!(message.contains("feature #1 (id \"e1\")"), "{message}");
}

#[test]
fn a_polygon_ring_too_short_is_refused() {
    let text = r#"{"type":"Polygon","coordinates":[[[60,27],[61,27],[60,27]]]}"#;
    let message = geojson_file::parse("area.geojson", text)
        .unwrap_err()
        .to_string();
    assert!(message.contains("area.geojson: feature #0"), "{message}");
    assert!(message.contains("fewer than 4 positions"), "{message}");
    // Four positions, closed, but only two distinct: no area either.
    let text = r#"{"type":"Polygon","coordinates":[[[60,27],[61,27],[60,27],[60,27]]]}"#;
    let message = geojson_file::parse("area.geojson", text)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("fewer than 3 distinct positions"),
        "{message}"
    );
}

#[test]
fn a_broken_events_file_leaves_the_other_layers_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let geodata = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for name in ["provinces.geojson", "countries.geojson"] {
        std::fs::copy(geodata.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("events.geojson"), "{ not json").unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    assert_eq!(story.provinces.len(), 2);
    assert_eq!(story.countries.len(), 16);
    assert!(story.events.is_empty());
    assert_eq!(story.problems.len(), 1, "{:?}", story.problems);
    let message = story.problems[0].to_string();
    assert!(
        message.contains("events.geojson: is not valid JSON"),
        "{message}"
    );
}

#[test]
fn a_structurally_bad_feature_is_named_by_index_and_id() {
    let message = refusal(&with_geometry(
        r#"{"type":"Point","coordinates":[[62.33,27.37]]}"#,
    ));
    assert!(message.contains("feature #0"), "{message}");
    assert!(
        message.contains("Point` with unexpected coordinates dimensions"),
        "{message}"
    );
}

#[test]
fn a_missing_file_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    let messages: Vec<String> = story.problems.iter().map(ToString::to_string).collect();
    for name in ["provinces.geojson", "countries.geojson", "events.geojson"] {
        let path = dir.path().join(name).display().to_string();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with(&format!("{path}: cannot be read"))),
            "{messages:?}"
        );
    }
}

#[test]
fn provinces_must_be_areas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("provinces.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"p1","properties":{},
            "geometry":{"type":"LineString","coordinates":[[60,27],[61,28]]}}]}"#,
    )
    .unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    assert!(story.provinces.is_empty());
    let message = story.problems[0].to_string();
    assert!(
        message.contains("provinces.geojson: feature #0 (id \"p1\")"),
        "{message}"
    );
    assert!(
        message.contains("a province must be a Polygon or MultiPolygon"),
        "{message}"
    );
}
