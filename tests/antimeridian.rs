//! Shapes across the antimeridian, as a user meets them in the window: a polygon drawn across
//! ±180° (with a hole across it too) is found by a click on either side, and on the copy of
//! the world past 180° that the map shows as web maps do; the pointer there reads a west
//! longitude.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::vec2;
use strikemap::AppConfig;
use strikemap::map::identify::{FeatureRef, LayerRef};

const ZOOM: f64 = 4.0;

/// The app with the antimeridian sample opened, centred on `lon` at 67° N.
fn harness_at(lon: f64) -> egui_kittest::Harness<'static, strikemap::StrikemapApp> {
    let config = AppConfig {
        files: vec![common::test_data("real", "geojson_antimeridian.geojson")],
        view: Some((67.0, lon, ZOOM)),
        ..AppConfig::default()
    };
    common::harness_with(config).0
}

/// The feature of the opened layer at `lon`/`lat` (through the map's own projection).
fn opened_at(
    harness: &egui_kittest::Harness<'_, strikemap::StrikemapApp>,
    lon: f64,
    lat: f64,
) -> Option<usize> {
    let pos = harness.state().screen_pos(lon, lat).expect("map drawn");
    match harness.state().feature_at(pos) {
        Some(FeatureRef {
            layer: LayerRef::User(_),
            index,
        }) => Some(index),
        _ => None,
    }
}

#[test]
fn a_polygon_across_the_antimeridian_is_found_on_both_sides() {
    // Centred west of 180°: the part east of the line (at 172° W) was drawn off the map's
    // edge before, a world away, and a click there missed.
    let west = harness_at(-175.0);
    assert_eq!(opened_at(&west, -172.0, 65.0), Some(0), "east of 180°");
    assert_eq!(opened_at(&west, -178.0, 69.0), Some(0), "just east of 180°");
    assert_ne!(
        opened_at(&west, -177.0, 67.0),
        Some(0),
        "in the hole, east of 180°"
    );
    let east = harness_at(175.0);
    assert_eq!(opened_at(&east, 172.0, 65.0), Some(0), "west of 180°");
    assert_ne!(
        opened_at(&east, 177.0, 67.0),
        Some(0),
        "in the hole, west of 180°"
    );
}

#[test]
fn the_world_repeats_past_180_and_clicks_there_find_what_it_repeats() {
    // Centred on 179° E: 172° W lies on the copy of the world east of the line.
    let mut harness = harness_at(179.0);
    let world = 256.0 * 2f64.powf(ZOOM);
    let west_of_line = harness.state().screen_pos(178.0, 65.0).expect("map drawn");
    // 172° W is 10° east of 178° E, on the copy.
    let past = west_of_line + vec2((world * 10.0 / 360.0) as f32, 0.0);
    let found = harness.state().feature_at(past);
    assert!(
        matches!(
            found,
            Some(FeatureRef {
                layer: LayerRef::User(_),
                index: 0
            })
        ),
        "{found:?}"
    );
    harness.hover_at(past);
    harness.run_steps(2);
    let texts = common::map_text(&harness);
    let pointer = texts
        .iter()
        .find(|t| t.contains("° N, "))
        .expect("the pointer's position is shown");
    let lon: f64 = pointer
        .split(", ")
        .nth(1)
        .and_then(|t| t.strip_suffix("° W"))
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| panic!("a west longitude, not past 180°: {pointer}"));
    assert!((lon - 172.0).abs() < 0.1, "{pointer}");
}
