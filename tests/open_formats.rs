//! Every format opens in the window through the same path as GeoJSON (here the command line),
//! lands in the layer list with the same controls, and can be identified; a bad file is
//! refused with why and nothing already loaded is lost.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use strikemap::StrikemapApp;
use strikemap::map::identify::LayerRef;

use common::click_lon_lat;
use egui_kittest::kittest::Queryable;

fn sample(dir: &str, name: &str) -> PathBuf {
    common::test_data(dir, name)
}

fn harness(files: Vec<PathBuf>) -> egui_kittest::Harness<'static, StrikemapApp> {
    common::harness_opening(files)
}

#[test]
fn csv_kml_gpx_and_shapefiles_open_as_layers_beside_a_refused_file() {
    let harness = harness(vec![
        sample("formats", "acled_sample.csv"),
        sample("formats", "mymaps.kmz"),
        sample("bad", "kml_not_closed.kml"),
        sample("formats", "field.gpx"),
        sample("formats", "provinces_wgs84.zip"),
        sample("formats", "unlocated.geojson"),
    ]);
    let opened = harness.state().user_layers();
    let mut names: Vec<&str> = opened
        .layers
        .iter()
        .map(|l| l.layer.name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "acled_sample",
            "field",
            "mymaps",
            "mymaps — Border",
            "mymaps — Strikes",
            "provinces_wgs84",
            "unlocated"
        ]
    );
    assert_eq!(opened.refused.len(), 1);
    assert!(
        opened.refused[0]
            .to_string()
            .contains("is cut short: <Placemark> is never closed (line 5)")
    );
    assert!(harness.query_by_label_contains("Not opened:").is_some());
    assert!(
        harness
            .query_by_label("ACLED CSV: 12 points, clustered")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Shapefile: 2 features")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains(
                "GeoJSON: 3 features without a place (null geometry): nothing to draw"
            )
            .is_some()
    );
}

#[test]
fn a_shapefile_polygon_is_identified_by_a_click_inside_it() {
    let mut harness = harness(vec![sample("formats", "provinces_wgs84.shp")]);
    let layer = &harness.state().user_layers().layers[0];
    let bounds = layer.bounds().expect("bounds");
    let (lon, lat) = (bounds.center().x, bounds.center().y);
    // Somewhere inside a province (not in its hole): try a few points near the middle.
    let mut found = None;
    for (dx, dy) in [
        (0.0, 0.0),
        (1.0, 0.5),
        (-1.0, -0.5),
        (1.5, -1.0),
        (-1.5, 1.0),
    ] {
        click_lon_lat(&mut harness, lon + dx, lat + dy);
        if let Some(feature) = harness.state().identified() {
            found = Some(feature);
            break;
        }
    }
    let feature = found.expect("a province identified");
    assert!(matches!(feature.layer, LayerRef::User(_)));
    assert!(
        harness.query_by_label("NAME").is_some(),
        "its .dbf attributes shown"
    );
}

#[test]
fn only_an_acled_layer_says_its_columns_follow_acleds_codebook() {
    let mut harness = harness(Vec::new());
    // Inside Sistan and Baluchestan, away from the story's markers.
    common::click_lon_lat(&mut harness, 60.3, 27.2);
    let feature = harness
        .state()
        .identified()
        .expect("the province identified");
    assert!(
        matches!(feature.layer, LayerRef::Province(_)),
        "{feature:?}"
    );
    assert!(harness.query_all_by_label_contains("Sistan").count() >= 1);
    assert!(
        harness
            .query_by_label_contains("ACLED's codebook")
            .is_none(),
        "a province's columns are not ACLED's"
    );
}
