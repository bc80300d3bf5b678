//! Vector tile layers as a user meets them: a PMTiles archive opened from disk or over HTTP
//! range requests, an MVT tile URL, identify on their features, and every way a host can fail
//! (no range support, a truncated archive, garbage, a busy server, offline). The archive is a
//! small committed fixture made by tippecanoe (tools/make_tile_fixtures.sh); a loopback server
//! started here serves it. No test needs the internet.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::Ordering;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::bench_support::range_server::RangeServer;
use strikemap::map::tiled::{LoaderSettings, SourceState, TiledLayer};
use strikemap::{AppConfig, StrikemapApp};

/// One loopback scenario at a time, so their servers and frames do not mix.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vector_tiles")
}

fn archive() -> PathBuf {
    fixtures().join("events.pmtiles")
}

fn server() -> RangeServer {
    let bytes = std::fs::read(archive()).expect("the committed fixture");
    RangeServer::start(vec![("events.pmtiles", bytes)], fixtures().join("tiles"))
        .expect("a loopback port")
}

use common::tiled::{online, settle_tiles};

fn only_layer<'a>(harness: &'a Harness<'static, StrikemapApp>) -> &'a TiledLayer {
    let layers = &harness.state().tiled_layers().layers;
    assert_eq!(layers.len(), 1, "one tiled layer");
    &layers[0]
}

fn failure(harness: &Harness<'static, StrikemapApp>) -> String {
    match &only_layer(harness).state {
        SourceState::Failed(why) => why.clone(),
        other => panic!("the source should have failed, not be {other:?}"),
    }
}

#[test]
fn a_local_archive_draws_its_tiles_lists_its_layers_and_identifies_a_feature() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![archive()],
        ..AppConfig::default()
    });
    settle_tiles(&mut harness);
    let layer = only_layer(&harness);
    let info = layer.info().expect("the archive opened");
    assert_eq!(info.kind, "PMTiles archive");
    for name in ["events", "provinces", "countries"] {
        assert!(
            info.layers.iter().any(|l| l == name),
            "{name} in {:?}",
            info.layers
        );
    }
    let counts = layer.counts();
    assert!(counts.ready > 0 && counts.failed == 0, "{counts:?}");
    assert!(layer.network().is_none(), "a local file makes no request");
    // An exported image's legend lists its source layers.
    let legend = common::tiled::legend_names(&harness);
    assert!(
        legend.contains(&"strikemap test events · provinces (tiled)".to_owned()),
        "{legend:?}"
    );
    // The layer panel lists it with the archive's zooms, and the credit is on the map.
    harness.get_by_label_contains("PMTiles archive, zoom 0–8");
    harness.get_by_label_contains("Synthetic events; Natural Earth");
    // A click in the middle of Balochistan identifies a tiled feature; its layer and tile
    // head the side panel.
    common::click_lon_lat(&mut harness, 65.3, 28.4);
    harness.run_steps(3);
    let pick = harness
        .state()
        .tiled_pick()
        .expect("a tiled feature identified");
    assert!(harness.query_by_label_contains(" · layer \"").is_some());
    assert!(
        harness
            .query_by_label_contains(&format!("tile {}/", pick.pick.tile.z))
            .is_some()
    );
}

#[test]
fn an_archive_over_http_is_read_by_ranges_not_downloaded_whole() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = server();
    let harness = online(vec![server.url("good/events.pmtiles")]);
    let layer = only_layer(&harness);
    assert!(layer.info().is_some(), "{:?}", layer.state);
    let counts = layer.counts();
    assert!(counts.ready > 0 && counts.failed == 0, "{counts:?}");
    let (fetched, failures, _) = layer.network().expect("a remote source counts its bytes");
    let size = std::fs::metadata(archive()).unwrap().len();
    assert_eq!(failures, 0);
    assert!(
        fetched > 0 && fetched < size,
        "{fetched} of {size} bytes fetched"
    );
    assert_eq!(fetched as usize, server.bytes.load(Ordering::SeqCst));
    harness.get_by_label_contains("MB fetched");
}

#[test]
fn offline_makes_no_request_and_says_why_the_layer_is_empty() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = server();
    let (mut harness, _) = common::harness_with(AppConfig {
        layer_urls: vec![server.url("good/events.pmtiles")],
        ..AppConfig::default()
    });
    settle_tiles(&mut harness);
    assert!(failure(&harness).contains("offline"));
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
    harness.get_by_label_contains("offline, so no request is made");
}

#[test]
fn a_host_without_range_requests_a_truncated_archive_and_garbage_are_each_reported() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = server();
    let cases = [
        ("norange", "ignores range requests"),
        ("garbage", "not a PMTiles archive"),
    ];
    for (fault, expected) in cases {
        let harness = online(vec![server.url(&format!("{fault}/events.pmtiles"))]);
        let why = failure(&harness);
        assert!(why.contains(expected), "{fault}: {why}");
    }
    // Half an archive opens (its header and root directory are at the start) but the tiles
    // past the cut fail, each counted, and the layer says why.
    let mut harness = online(vec![server.url("truncated/events.pmtiles")]);
    // The deepest tiles lie at the end of the archive, past the cut: zoom in near Zahedan.
    harness.state_mut().set_view(60.9, 29.5, 9.5);
    settle_tiles(&mut harness);
    let layer = only_layer(&harness);
    match &layer.state {
        SourceState::Failed(why) => assert!(
            why.contains("truncated") || why.contains("ends early"),
            "{why}"
        ),
        _ => {
            let counts = layer.counts();
            assert!(counts.failed > 0, "{counts:?}");
            let why = counts.last_error.unwrap_or_default();
            assert!(
                why.contains("truncated") || why.contains("ends early"),
                "{why}"
            );
        }
    }
}

#[test]
fn a_busy_server_is_asked_again_and_the_archive_opens() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = server();
    let harness = online(vec![server.url("flaky/events.pmtiles")]);
    let layer = only_layer(&harness);
    assert!(layer.info().is_some(), "{:?}", layer.state);
    assert!(layer.counts().ready > 0);
}

#[test]
fn an_mvt_url_template_draws_and_a_missing_tile_is_empty_not_failed() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = server();
    let harness = online(vec![server.url("tiles/{z}/{x}/{y}.pbf")]);
    let layer = only_layer(&harness);
    assert_eq!(layer.info().map(|i| i.kind), Some("MVT tiles"));
    let counts = layer.counts();
    assert!(counts.ready > 0 && counts.failed == 0, "{counts:?}");
}

#[test]
fn zooming_in_keeps_the_coarser_tiles_on_screen_until_the_finer_ones_arrive() {
    let settings = LoaderSettings::default();
    let location = strikemap::data::formats::vector_tiles::Location::File(archive());
    let mut layer = TiledLayer::open(0, location, &settings, None).unwrap();
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    let at = |zoom: f64| {
        strikemap::map::projection::ScreenTransform::new(rect, walkers::lon_lat(65.0, 28.0), zoom)
    };
    let mut frames = 0;
    while layer.counts().ready == 0 || layer.counts().pending > 0 {
        layer.poll();
        layer.shapes(&at(5.0), rect, 5.0);
        std::thread::sleep(std::time::Duration::from_millis(2));
        frames += 1;
        assert!(frames < 5_000, "tiles never arrived: {:?}", layer.state);
    }
    assert!(!layer.shapes(&at(5.0), rect, 5.0).is_empty());
    // The first frame at zoom 8 has asked for its tiles and has none yet: their ancestors
    // stand in.
    let first = layer.shapes(&at(8.0), rect, 8.0);
    assert!(layer.counts().pending > 0, "zoom 8 needs tiles of its own");
    assert!(!first.is_empty(), "the coarser tiles stay on screen");
}

#[test]
fn a_project_keeps_a_tiled_layer_with_its_source_layers_looks() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![archive()],
        ..AppConfig::default()
    });
    settle_tiles(&mut harness);
    {
        let layer = &mut harness.state_mut().tiled_layers_mut().layers[0];
        layer.opacity = 0.5;
        let countries = layer
            .sublayers
            .iter_mut()
            .find(|s| s.name == "countries")
            .unwrap();
        countries.visible = false;
    }
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("tiled.strikemap");
    harness.state_mut().save_project(&project).unwrap();
    let text = std::fs::read_to_string(&project).unwrap();
    assert!(
        text.contains("\"tiled\"") && text.contains("events.pmtiles"),
        "{text}"
    );
    let ctx = egui::Context::default();
    let mut app = common::offline_app(&ctx);
    app.open_project(&project, &ctx).unwrap();
    let (mut reopened, _) = common::harness_of(app, [1400.0, 900.0]);
    settle_tiles(&mut reopened);
    let layer = only_layer(&reopened);
    assert!(layer.info().is_some(), "{:?}", layer.state);
    assert_eq!(layer.opacity, 0.5);
    let shown: Vec<(&str, bool)> = layer
        .sublayers
        .iter()
        .map(|s| (s.name.as_str(), s.visible))
        .collect();
    assert!(
        shown.contains(&("countries", false)) && shown.contains(&("events", true)),
        "{shown:?}"
    );
}
