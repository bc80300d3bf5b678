//! FlatGeobuf and GeoPackage files as users bring them, written by GDAL
//! (tools/make_indexed_fixtures.sh): read whole when small, with every feature GDAL counts and
//! the damaged ones named; read through their spatial indexes, a tile's window at a time, with
//! the same features a whole read finds there; over HTTP by range requests; and drawn and
//! identified as tiled layers in the app.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use egui_kittest::kittest::Queryable;
use strikemap::bench_support::range_server::RangeServer;
use strikemap::data::formats::flatgeobuf::{FlatGeobuf, Ranges};
use strikemap::data::formats::geopackage::GeoPackage;
use strikemap::data::formats::vector_tiles::TileAddress;
use strikemap::data::formats::windowed::window_of;
use strikemap::data::layer_file::{LayerFile, Limits, Progress};
use strikemap::map::tiled::SourceState;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/indexed")
        .join(name)
}

fn read(path: &Path) -> Vec<LayerFile> {
    strikemap::data::formats::read(path, Limits::default(), &Progress::default())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The located points of a whole read inside `window` (west, south, east, north).
fn points_in(layer: &LayerFile, window: [f64; 4]) -> usize {
    layer
        .geometries
        .iter()
        .filter(|g| match g {
            geo::Geometry::Point(p) => {
                (window[0]..=window[2]).contains(&p.x()) && (window[1]..=window[3]).contains(&p.y())
            }
            _ => false,
        })
        .count()
}

#[test]
fn a_small_flatgeobuf_opens_whole_with_the_features_gdal_counts() {
    let layers = read(&fixture("events.fgb"));
    assert_eq!(layers.len(), 1);
    let layer = &layers[0];
    // `ogrinfo -so -al events.fgb`: Feature Count: 1200.
    assert_eq!(layer.geometries.len(), 1200);
    assert!(layer.is_clean(), "{:?}", layer.skipped);
    let key = layer
        .properties
        .key("fatalities")
        .expect("a fatalities column");
    assert!(
        layer.properties.number(0, key).is_some(),
        "numbers stay numbers"
    );
    assert!(layer.properties.key("event_date").is_some());
}

#[test]
fn a_flatgeobuf_cut_off_keeps_what_came_before_the_cut_and_names_the_cut_feature() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("events.fgb")).unwrap();
    let cut = dir.path().join("events_cut.fgb");
    std::fs::write(&cut, &bytes[..bytes.len() - 300]).unwrap();
    let layers = read(&cut);
    let layer = &layers[0];
    // GDAL reads 1198 features of this file, then "Unexpected I/O failure: reading feature".
    assert_eq!(layer.geometries.len(), 1198);
    assert_eq!(layer.skipped.len(), 1);
    let skipped = layer.skipped[0].to_string();
    assert!(
        skipped.contains("feature 1199") && skipped.contains("cut off"),
        "{skipped}"
    );
    assert!(
        layer
            .notes
            .iter()
            .any(|n| n.contains("1200 features; 1198")),
        "{:?}",
        layer.notes
    );
    // Nothing readable at all is refused whole, with why.
    std::fs::write(&cut, b"fgb\x03fgb\x00garbage").unwrap();
    let refused = strikemap::data::formats::read(&cut, Limits::default(), &Progress::default());
    assert!(refused.is_err());
}

#[test]
fn a_geopackage_opens_every_feature_table_reprojected_and_says_what_it_left_out() {
    let layers = read(&fixture("events.gpkg"));
    let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["events — events", "events — provinces"]);
    let events = &layers[0];
    // ogrinfo: 1200 features; the one with a damaged blob ("Unable to read geometry") is
    // skipped alone and named by its fid.
    assert_eq!(events.geometries.len(), 1199);
    assert_eq!(events.skipped.len(), 1);
    assert!(
        events.skipped[0].to_string().contains("fid 7"),
        "{}",
        events.skipped[0]
    );
    let notes = events.notes.join("\n");
    assert!(
        notes.contains("\"sources\", which has no geometry"),
        "{notes}"
    );
    assert!(notes.contains("scratch"), "{notes}");
    // The provinces are stored in UTM zone 41N and land where Balochistan is.
    let provinces = &layers[1];
    assert_eq!(provinces.geometries.len(), 2);
    assert!(provinces.notes.iter().any(|n| n.contains("UTM zone 41N")));
    let bounds = geo::BoundingRect::bounding_rect(&geo::GeometryCollection::from(
        provinces.geometries.clone(),
    ))
    .unwrap();
    assert!((58.0..59.5).contains(&bounds.min().x), "{bounds:?}");
    assert!((69.5..71.0).contains(&bounds.max().x), "{bounds:?}");
    assert!(provinces.properties.key("name_fa").is_some());
}

#[test]
fn a_window_read_through_the_index_finds_what_a_whole_read_finds_there() {
    let whole = read(&fixture("events.fgb")).remove(0);
    let at = TileAddress::containing(61.0, 29.5, 6);
    let window = window_of(at);
    let expected = points_in(&whole, window);
    assert!(
        expected > 50,
        "the fixture has events near Zahedan: {expected}"
    );

    let path = fixture("events.fgb");
    let mut fgb = FlatGeobuf::open(Ranges::file(path).unwrap(), "events".into()).unwrap();
    fgb.measure_density().unwrap();
    let tile = fgb.window(window, at.z, 100_000).unwrap();
    assert_eq!(tile.features.len(), expected);
    assert_eq!(tile.sampled_from, None);

    let gpkg = {
        let mut g = GeoPackage::open(&fixture("events.gpkg")).unwrap();
        g.measure_density();
        g
    };
    let tile = gpkg.window(window, at.z, 100_000).unwrap();
    let events = tile.features.iter().filter(|f| f.layer == 0).count();
    // The damaged row's R-tree entry is in the window or not; either way it is named, not drawn.
    assert!(
        events == expected || events + 1 == expected,
        "{events} vs {expected}"
    );
    assert!(
        tile.features.iter().any(|f| f.layer == 1),
        "the provinces too"
    );

    // With a budget smaller than the window holds, an even sample is read, and says so.
    let world = TileAddress { z: 0, x: 0, y: 0 };
    let sample = fgb.window(window_of(world), 0, 100).unwrap();
    assert!(
        sample.features.len() <= 100 && sample.features.len() >= 50,
        "{}",
        sample.features.len()
    );
    let about = sample.sampled_from.expect("a sample says it is one");
    assert!((1000..=1400).contains(&about), "about {about} of 1200");
}

use common::tiled::online as app_with;

#[test]
fn a_flatgeobuf_over_http_is_read_by_ranges_and_its_faults_are_named() {
    let bytes = std::fs::read(fixture("events.fgb")).unwrap();
    let size = bytes.len() as u64;
    let server = RangeServer::start(vec![("events.fgb", bytes)], fixture("")).unwrap();
    // Zoomed in near Quetta, only that part of the file is fetched.
    let harness = common::tiled::opened_at(
        &server.url("good/events.fgb"),
        (66.99, 30.18, 9.0),
        "FlatGeobuf",
    );
    let layer = &harness.state().tiled_layers().layers[0];
    let counts = layer.counts();
    assert!(counts.ready > 0 && counts.failed == 0, "{counts:?}");
    assert!(counts.features_in_view > 0, "{counts:?}");
    let (fetched, failures, _) = layer.network().unwrap();
    assert_eq!(failures, 0);
    assert!(
        fetched > 0 && fetched < size / 2,
        "{fetched} of {size}, {} requests, view {:?}, {counts:?}",
        server.requests.load(Ordering::SeqCst),
        harness.state().view_centre()
    );
    assert_eq!(fetched as usize, server.bytes.load(Ordering::SeqCst));

    for (fault, expected) in [("garbage", "not a FlatGeobuf"), ("norange", "range")] {
        let harness = app_with(vec![server.url(&format!("{fault}/events.fgb"))]);
        let layer = &harness.state().tiled_layers().layers[0];
        match &layer.state {
            SourceState::Failed(why) => assert!(why.contains(expected), "{fault}: {why}"),
            other => panic!("{fault}: {other:?}"),
        }
    }
    // Half the file: its header and index open; the features past the cut are each skipped
    // with why, the others drawn, and the layer's row says so. The whole file in view:
    let mut harness = app_with(vec![server.url("truncated/events.fgb")]);
    harness.state_mut().set_view(64.0, 31.0, 4.0);
    harness.run_steps(2);
    common::tiled::settle_tiles(&mut harness);
    let counts = harness.state().tiled_layers().layers[0].counts();
    let why = counts.first_skipped.clone().unwrap_or_default();
    assert!(
        counts.skipped_in_view > 0 && why.contains("truncated"),
        "{counts:?}"
    );
    assert!(counts.features_in_view > 0, "{counts:?}");
    harness.get_by_label_contains("in view could not be read");
}

#[test]
fn a_geopackage_as_a_tiled_layer_lists_its_tables_and_identifies_a_province() {
    let path = fixture("events.gpkg").display().to_string();
    let mut harness = app_with(vec![path]);
    let layer = &harness.state().tiled_layers().layers[0];
    let info = layer.info().expect("the GeoPackage opened");
    assert_eq!(info.layers, ["events", "provinces"]);
    harness.get_by_label_contains("GeoPackage, zoom 0–14 · events, provinces");
    // A click in Balochistan away from the events identifies the province, read from UTM.
    common::click_lon_lat(&mut harness, 66.5, 27.2);
    harness.run_steps(3);
    harness
        .state()
        .tiled_pick()
        .expect("a tiled feature identified");
    harness.get_by_label_contains("· layer \"provinces\"");
    harness.get_by_label_contains("PK-BA");
}
