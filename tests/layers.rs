//! Opening the user's own GeoJSON files: from a path, toggled, identified by a click, removed;
//! a bad file is refused with a message that says why, and nothing loaded is lost.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::{click_at, click_lon_lat, write};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::data::DataSource;
use strikemap::map::identify::LayerRef;
use strikemap::{AppConfig, StrikemapApp};

/// A square inside Balochistan (in the first view), a line, a point, and one feature whose
/// longitude is out of range, which is skipped.
const LAYER: &str = r##"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"name": "Test square", "population": 1234, "fill": "#00aa00"},
   "geometry": {"type": "Polygon", "coordinates": [[[65.5, 28.5], [66.5, 28.5], [66.5, 29.5], [65.5, 29.5], [65.5, 28.5]]]}},
  {"type": "Feature", "properties": {"name": "Test road"},
   "geometry": {"type": "LineString", "coordinates": [[63.0, 30.5], [66.0, 30.5]]}},
  {"type": "Feature", "id": "far", "properties": {"name": "Nowhere"},
   "geometry": {"type": "Point", "coordinates": [200.0, 10.0]}}
]}"##;

fn harness_with(files: Vec<PathBuf>, max_file_bytes: u64) -> Harness<'static, StrikemapApp> {
    let config = AppConfig {
        data: DataSource::Bundled,
        files,
        max_file_bytes,
        ..AppConfig::default()
    };
    common::harness_with(config).0
}

#[test]
fn a_file_from_the_command_line_becomes_a_layer_and_reports_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "squares.geojson", LAYER);
    let harness = harness_with(vec![path], 1 << 30);
    let layers = &harness.state().user_layers().layers;
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].layer.name, "squares");
    assert_eq!(layers[0].feature_count(), 2);
    assert_eq!(layers[0].skipped.len(), 1);
    assert!(layers[0].skipped[0].to_string().contains("#2 (id \"far\")"));
    harness.get_by_label("squares");
    assert!(
        harness
            .query_by_label("GeoJSON: 2 features, 1 skipped")
            .is_some()
    );
}

#[test]
fn clicking_a_shape_identifies_it_and_shows_its_properties() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "squares.geojson", LAYER);
    let mut harness = harness_with(vec![path], 1 << 30);
    click_lon_lat(&mut harness, 66.0, 29.0);
    let identified = harness.state().identified().expect("a feature identified");
    assert!(matches!(identified.layer, LayerRef::User(_)));
    assert_eq!(identified.index, 0);
    assert!(
        harness.query_all_by_label("Test square").count() >= 2,
        "heading and property"
    );
    assert!(harness.query_by_label("population").is_some());
    assert!(harness.query_by_label("1234").is_some());
    // Near the line (not on a shape's bounding box alone) identifies the line.
    click_lon_lat(&mut harness, 64.0, 30.5);
    assert_eq!(harness.state().identified().map(|f| f.index), Some(1));
}

#[test]
fn a_hidden_layer_cannot_be_identified_and_a_removed_one_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "squares.geojson", LAYER);
    let mut harness = harness_with(vec![path], 1 << 30);
    harness.get_by_label("squares").click();
    harness.run_steps(2);
    assert!(!harness.state().user_layers().layers[0].visible);
    click_lon_lat(&mut harness, 66.0, 29.0);
    // The click now reaches the province beneath.
    assert_eq!(
        harness.state().identified().map(|f| f.layer),
        Some(LayerRef::Province(1))
    );
    harness.get_by_label("squares").click();
    harness.run_steps(2);
    harness.get_by_label("Remove").click();
    harness.run_steps(2);
    assert!(harness.state().user_layers().layers.is_empty());
    assert!(harness.query_by_label("squares").is_none());
}

#[test]
fn a_bad_file_is_refused_with_why_and_the_good_one_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "squares.geojson", LAYER);
    let broken = write(
        dir.path(),
        "broken.geojson",
        "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"geometry\": null}]}",
    );
    let harness = harness_with(vec![good, broken], 1 << 30);
    let state = harness.state().user_layers();
    assert_eq!(state.layers.len(), 1, "the good file loaded");
    assert_eq!(state.refused.len(), 1);
    let message = state.refused[0].to_string();
    assert!(message.contains("broken.geojson"), "{message}");
    assert!(message.contains("line 3"), "{message}");
    assert!(harness.query_by_label_contains("Not opened:").is_some());
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "squares.geojson", LAYER);
    let harness = harness_with(vec![path], 100);
    let state = harness.state().user_layers();
    assert!(state.layers.is_empty());
    let message = state.refused[0].to_string();
    assert!(message.contains("limit"), "{message}");
}

#[test]
fn a_file_of_events_gets_the_storys_markers_and_details() {
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/events.geojson"),
    )
    .unwrap();
    let mut collection: serde_json::Value = serde_json::from_str(&bundled).unwrap();
    let features = collection["features"].as_array_mut().unwrap();
    features.truncate(1);
    features[0]["properties"]["id"] = "user-strike".into();
    features[0]["properties"]["title"] = "A strike from my own file".into();
    features[0]["geometry"]["coordinates"] = serde_json::json!([65.5, 29.5]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "my-events.geojson", &collection.to_string());
    let mut harness = harness_with(vec![path], 1 << 30);
    let layer = &harness.state().user_layers().layers[0];
    assert_eq!(layer.event_ids, ["user-strike"]);
    assert!(
        harness
            .query_by_label("1 event, shown as markers")
            .is_some()
    );
    let pos = harness
        .state()
        .marker_screen_pos("user-strike")
        .expect("a marker");
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().selected_event().map(|e| e.id.as_str()),
        Some("user-strike")
    );
    assert!(
        harness
            .query_by_label("A strike from my own file")
            .is_some()
    );
    // Removing the file removes its events.
    harness.get_by_label("Remove").click();
    harness.run_steps(2);
    assert!(harness.state().marker_screen_pos("user-strike").is_none());
    assert!(harness.state().selected_event().is_none());
}

/// An events file (strikemap's schema) of one strike by `actor` at `lon, lat` on `date`.
fn one_event_file(dir: &Path, actor: &str, (lon, lat): (f64, f64), date: &str) -> PathBuf {
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/events.geojson"),
    )
    .unwrap();
    let mut collection: serde_json::Value = serde_json::from_str(&bundled).unwrap();
    let features = collection["features"].as_array_mut().unwrap();
    features.truncate(1);
    let properties = &mut features[0]["properties"];
    properties["id"] = "elsewhere".into();
    properties["title"] = "A strike elsewhere".into();
    properties["actor"] = actor.into();
    properties["date"] = date.into();
    features[0]["geometry"]["coordinates"] = serde_json::json!([lon, lat]);
    write(dir, "elsewhere.geojson", &collection.to_string())
}

#[test]
fn events_of_another_actor_are_drawn_and_can_be_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let path = one_event_file(dir.path(), "Afghanistan", (65.5, 29.5), "2024-01-20");
    let mut harness = harness_with(vec![path], 1 << 30);
    assert!(
        harness
            .state()
            .layers()
            .entries
            .iter()
            .any(|e| e.name == "Other strikes" && e.visible),
        "the group has its row"
    );
    let pos = harness
        .state()
        .marker_screen_pos("elsewhere")
        .expect("a marker");
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().selected_event().map(|e| e.id.as_str()),
        Some("elsewhere")
    );
}

#[test]
fn positions_name_their_hemispheres() {
    let dir = tempfile::tempdir().unwrap();
    let path = one_event_file(dir.path(), "Iran", (-70.67, -33.45), "2024-01-20");
    let mut harness = harness_with(vec![path], 1 << 30);
    let index = harness
        .state()
        .story()
        .events
        .iter()
        .position(|e| e.id == "elsewhere")
        .expect("the event is loaded");
    harness.state_mut().select(Some(index));
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("33.4500° S, 70.6700° W")
            .is_some()
    );
}

#[test]
fn the_time_bar_shrinks_back_when_an_events_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = one_event_file(dir.path(), "Iran", (65.5, 29.5), "2024-03-01");
    let mut harness = harness_with(vec![path], 1 << 30);
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    assert_eq!(harness.state().timeline().last, date(3, 1));
    harness.get_by_label("Remove").click();
    harness.run_steps(3);
    assert_eq!(harness.state().timeline().last, date(1, 29));
}
