//! Tile trouble never hurts the app. A small HTTP server on 127.0.0.1 (`common/tile_server.rs`)
//! plays each fault (404, 500, garbage, a truncated PNG, a 10-second stall, a dropped
//! connection) and serves valid tiles; the app, headless through egui_kittest, must keep drawing, report the failed tiles and
//! show the bundled basemap. No test here needs the internet.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

mod common;

use common::tile_server::{TileServer, png_tile};
use egui::Shape;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::data::DataSource;
use strikemap::map::tiles::{Basemap, TemplateSource, TileStatus};
use strikemap::{AppConfig, CacheChoice, StrikemapApp, TileConfig};

/// One loopback scenario at a time, so their servers and frames do not mix.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Tiles from `template`, failing fast (2 s timeout instead of 15 s) so a stall fails in time.
fn tile_config(basemap: Basemap, template: TemplateSource, cache: CacheChoice) -> TileConfig {
    TileConfig {
        basemap,
        custom: Some(template),
        cache,
        timeout: Duration::from_secs(2),
        ..TileConfig::default()
    }
}

fn harness_with(tiles: TileConfig) -> Harness<'static, StrikemapApp> {
    let config = AppConfig {
        data: DataSource::Bundled,
        tiles,
        ..AppConfig::default()
    };
    common::harness_sized(config, [1400.0, 900.0]).0
}

/// Pause between frames, as a display's refresh would.
const FRAME_GAP: Duration = Duration::from_millis(4);

/// How the frames went while tiles played out: counted, not timed.
#[derive(Debug)]
struct Frames {
    count: usize,
    /// Frames drawn while some tile request was in flight.
    while_loading: usize,
}

impl Frames {
    /// The UI never waited on the network: frames kept coming while requests were in flight
    /// (a UI that waited on a stalled request would draw none until its 2 s timeout).
    fn assert_smooth(&self, what: &str, in_flight_at_least: usize) {
        assert!(self.count >= 10, "{what}: too few frames: {self:?}");
        assert!(
            self.while_loading >= in_flight_at_least,
            "{what}: too few frames while tiles were loading: {self:?}"
        );
    }
}

/// Run frames for at least `min` until `done` says so, or until `limit`.
fn play(
    harness: &mut Harness<'_, StrikemapApp>,
    min: Duration,
    limit: Duration,
    done: impl Fn(&TileStatus) -> bool,
) -> Frames {
    let start = Instant::now();
    let (mut count, mut while_loading) = (0, 0);
    while start.elapsed() < limit {
        harness.step();
        count += 1;
        let status = harness.state_mut().tile_status().unwrap_or_default();
        if status.loading > 0 {
            while_loading += 1;
        }
        if start.elapsed() >= min && done(&status) {
            break;
        }
        std::thread::sleep(FRAME_GAP);
    }
    harness.step();
    Frames {
        count,
        while_loading,
    }
}

/// Every piece of text painted on the map this frame.
fn painted_text(harness: &Harness<'_, StrikemapApp>) -> String {
    common::map_text(harness).join("\n")
}

/// Meshes painted with a texture: tiles (everything else is untextured).
fn tile_meshes(harness: &Harness<'_, StrikemapApp>) -> usize {
    harness
        .output()
        .shapes
        .iter()
        .filter(|clipped| {
            matches!(&clipped.shape, Shape::Mesh(mesh)
                if mesh.texture_id != egui::TextureId::default())
        })
        .count()
}

#[test]
fn every_tile_fault_is_reported_and_the_bundled_basemap_shows() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    for fault in ["404", "500", "garbage", "truncated", "stall", "drop"] {
        let config = tile_config(Basemap::Custom, server.template(fault), CacheChoice::Off);
        let mut harness = harness_with(config);
        // The stall outlasts the 2 s timeout; every other fault is answered at once.
        let frames = play(
            &mut harness,
            Duration::from_secs(1),
            Duration::from_secs(8),
            |s| s.failed > 0 && s.loading == 0,
        );
        let status = harness.state_mut().tile_status().expect("tiles are on");
        assert!(status.failed > 0, "{fault}: failures counted: {status:?}");
        assert_eq!(status.loaded_total, 0, "{fault}: nothing loaded");
        // The stall keeps a request in flight for the 2 s timeout: frames must go on meanwhile.
        frames.assert_smooth(fault, if fault == "stall" { 20 } else { 0 });
        let text = painted_text(&harness);
        let line = format!(
            "tiles unavailable: {} failed — showing bundled basemap",
            status.failed
        );
        assert!(text.contains(&line), "{fault}: status line shown: {text}");
        for town in ["Zahedan", "Quetta"] {
            assert!(
                text.contains(town),
                "{fault}: basemap town {town} shown: {text}"
            );
        }
        assert_eq!(tile_meshes(&harness), 0, "{fault}: no tile drawn");
        eprintln!("{fault}: {} failed, {frames:?}", status.failed);
    }
}

#[test]
fn valid_tiles_load_and_cover_the_basemap() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let config = tile_config(Basemap::Custom, server.template("ok"), CacheChoice::Off);
    let mut harness = harness_with(config);
    let frames = play(
        &mut harness,
        Duration::from_secs(1),
        Duration::from_secs(8),
        |s| s.loaded_total > 0 && s.loading == 0,
    );
    let status = harness.state_mut().tile_status().expect("tiles are on");
    assert!(status.loaded_total > 0, "{status:?}");
    assert_eq!(status.failed, 0, "{status:?}");
    frames.assert_smooth("valid tiles", 0);
    assert!(tile_meshes(&harness) > 0, "tiles are drawn");
    assert!(!painted_text(&harness).contains("tiles unavailable"));
    the_svg_embeds_the_tiles_as_served(&harness);
}

/// The SVG export carries the tiles shown as images, each the server's own PNG bytes, placed
/// at the view's zoom, above the reference map and beneath the layers.
fn the_svg_embeds_the_tiles_as_served(harness: &Harness<'_, StrikemapApp>) {
    use base64::Engine as _;
    let (svg, counts) = harness.state().map_svg().unwrap();
    let images: Vec<&str> = svg.lines().filter(|l| l.starts_with("<image ")).collect();
    assert_eq!(images.len(), counts.images);
    assert!(
        counts.images >= 4,
        "the view spans several tiles: {counts:?}"
    );
    let png = png_tile();
    for line in &images {
        let data = line
            .split("base64,")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_eq!(bytes, png, "the tile as served");
        let width: f32 = line
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (200.0..=520.0).contains(&width),
            "a tile at the view's zoom: {width}"
        );
    }
    let (basemap, tiles, events) = (
        svg.find("<g id=\"basemap\"").unwrap(),
        svg.find("<g id=\"tiles\"").unwrap(),
        svg.find("<g id=\"Events\"").unwrap(),
    );
    assert!(
        basemap < tiles && tiles < events,
        "drawn in the window's order"
    );
}

#[test]
fn tiles_that_come_back_cover_the_basemap_again() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let config = TileConfig {
        retry_after: Duration::from_millis(300),
        ..tile_config(Basemap::Custom, server.template("flaky"), CacheChoice::Off)
    };
    let mut harness = harness_with(config);
    play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
        s.failed > 0
    });
    assert!(painted_text(&harness).contains("tiles unavailable"));
    server.flaky_down.store(false, Ordering::SeqCst);
    play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
        s.failed == 0 && s.loading == 0 && s.loaded_total > 0
    });
    let status = harness.state_mut().tile_status().expect("tiles are on");
    assert_eq!(status.failed, 0, "{status:?}");
    assert!(tile_meshes(&harness) > 0, "tiles are drawn again");
    assert!(!painted_text(&harness).contains("tiles unavailable"));
}

#[test]
fn offline_makes_no_request_at_all() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let config = tile_config(Basemap::Offline, server.template("ok"), CacheChoice::Off);
    let mut harness = harness_with(config);
    play(
        &mut harness,
        Duration::ZERO,
        Duration::from_millis(500),
        |_| false,
    );
    assert!(painted_text(&harness).contains("Zahedan"), "basemap shown");
    harness.get_by_label("+").click();
    play(
        &mut harness,
        Duration::ZERO,
        Duration::from_millis(500),
        |_| false,
    );
    assert_eq!(server.requests(), 0, "offline asked the server for tiles");
    // The same server is used as soon as a tile basemap is chosen: the count is real.
    harness.get_by_label("Tiles from --tile-url").click();
    play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
        s.loaded_total > 0
    });
    assert!(server.requests() > 0);
    assert_eq!(harness.state().basemap(), Basemap::Custom);
}

#[test]
fn an_unusable_cache_directory_costs_the_cache_not_the_tiles() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("a-file-not-a-dir");
    std::fs::write(&file, b"x").expect("write");
    let config = tile_config(
        Basemap::Custom,
        server.template("ok"),
        CacheChoice::Dir(file),
    );
    let mut harness = harness_with(config);
    play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
        s.loaded_total > 0
    });
    let status = harness.state_mut().tile_status().expect("tiles are on");
    assert!(status.loaded_total > 0, "{status:?}");
    let warning = status.cache_warning.expect("a warning");
    assert!(warning.contains("tile cache off"), "{warning}");
    assert!(harness.query_by_label_contains("tile cache off").is_some());
}

#[test]
fn a_corrupt_cache_is_survived_and_tiles_still_load() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let tmp = tempfile::tempdir().expect("temp dir");
    let cache = tmp.path().join("tiles");
    let config = || {
        tile_config(
            Basemap::Custom,
            server.template("ok"),
            CacheChoice::Dir(cache.clone()),
        )
    };
    {
        let mut harness = harness_with(config());
        play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
            s.loaded_total > 0 && s.loading == 0
        });
    }
    // Overwrite every file the cache wrote with garbage.
    let mut corrupted = 0;
    let mut dirs = vec![cache.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read cache dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                std::fs::write(&path, b"\x00garbage{{{").expect("corrupt");
                corrupted += 1;
            }
        }
    }
    assert!(corrupted > 0, "the first run cached tiles");
    let mut harness = harness_with(config());
    play(&mut harness, Duration::ZERO, Duration::from_secs(8), |s| {
        s.loaded_total > 0 && s.loading == 0
    });
    let status = harness.state_mut().tile_status().expect("tiles are on");
    assert!(status.loaded_total > 0, "{status:?}");
    assert_eq!(status.failed, 0, "{status:?}");
}

#[test]
fn osm_tiles_carry_the_openstreetmap_credit_which_opens_the_copyright_page() {
    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server = TileServer::start();
    let config = TileConfig {
        mirror: Some(server.template("ok")),
        ..tile_config(
            Basemap::OpenStreetMap,
            server.template("ok"),
            CacheChoice::Off,
        )
    };
    let mut harness = harness_with(config);
    play(
        &mut harness,
        Duration::ZERO,
        Duration::from_millis(300),
        |_| false,
    );
    harness.get_by_label("© OpenStreetMap contributors").click();
    harness.step();
    let opened: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opened, ["https://www.openstreetmap.org/copyright"]);
    // OpenTopoMap names itself as well as OpenStreetMap.
    harness.get_by_label("OpenTopoMap").click();
    play(
        &mut harness,
        Duration::ZERO,
        Duration::from_millis(300),
        |_| false,
    );
    assert!(
        harness
            .query_by_label_contains("OpenTopoMap (CC-BY-SA)")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("© OpenStreetMap contributors")
            .is_some()
    );
}
