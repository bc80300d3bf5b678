//! Helpers shared by the UI tests: the app in a headless harness with files opened, clicks at
//! screen and map positions, and generated files of the shapes users bring.

#![allow(dead_code)]

pub mod generate;
pub mod layers;
pub mod tile_server;
pub mod tiled;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use strikemap::{AppConfig, StrikemapApp, TileConfig};

/// A file of the repository's test data: `tests/data/{dir}/{name}`.
pub fn test_data(dir: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(dir)
        .join(name)
}

/// The app with the bundled story and `files` opened and loaded.
pub fn harness_opening(files: Vec<PathBuf>) -> Harness<'static, StrikemapApp> {
    let config = AppConfig {
        data: strikemap::data::DataSource::Bundled,
        files,
        ..AppConfig::default()
    };
    harness_with(config).0
}

/// Write `text` to `dir/name`.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

/// The app, offline (tests never touch the network), at 1400×900, with `config`'s files
/// opened and loaded. Each frame while they load is counted: the count is returned with the
/// harness.
pub fn harness_with(config: AppConfig) -> (Harness<'static, StrikemapApp>, usize) {
    harness_sized(
        AppConfig {
            tiles: TileConfig::offline(),
            ..config
        },
        [1400.0, 900.0],
    )
}

/// The app on `data` (the bundled story, or a directory of its files), offline, in a window of
/// `size` points.
pub fn story_harness(
    data: strikemap::data::DataSource,
    size: [f32; 2],
) -> Harness<'static, StrikemapApp> {
    harness_sized(
        AppConfig {
            data,
            tiles: TileConfig::offline(),
            ..AppConfig::default()
        },
        size,
    )
    .0
}

/// The app with `config` as it is (its tiles too), in a window of `size` points, files loaded.
pub fn harness_sized(config: AppConfig, size: [f32; 2]) -> (Harness<'static, StrikemapApp>, usize) {
    let ctx = egui::Context::default();
    harness_of(StrikemapApp::new(&ctx, config), size)
}

/// An offline app with the bundled story and nothing opened, not yet in a harness (to
/// restore a saved state into).
pub fn offline_app(ctx: &egui::Context) -> StrikemapApp {
    StrikemapApp::new(
        ctx,
        AppConfig {
            tiles: TileConfig::offline(),
            ..AppConfig::default()
        },
    )
}

/// `app` in a harness of `size` points, run until the files it is opening are loaded; the
/// frames that took are counted.
pub fn harness_of(app: StrikemapApp, size: [f32; 2]) -> (Harness<'static, StrikemapApp>, usize) {
    // No allowance for missing glyphs: a frame that draws a character no bundled font has
    // (an empty box) fails the test that drew it.
    let mut harness = Harness::builder()
        .with_size(size)
        .with_context_setup(strikemap::text::fonts::install)
        .build_ui_state(|ui, app: &mut StrikemapApp| app.show(ui), app);
    let mut frames = 0;
    // Loading happens on another thread; frames go on meanwhile. A load that never ends is a
    // bug the frame count would show; stop counting at a generous bound.
    while !harness.state().user_layers().jobs.is_empty() && frames < 1_000_000 {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    settle(&mut harness);
    (harness, frames)
}

/// Run frames until every opened layer's filters, style and time range are applied (computed
/// on other threads while frames go on); the frames run are counted, the one that takes a
/// click or a change first.
#[allow(dead_code)]
pub fn until_applied(harness: &mut Harness<'static, StrikemapApp>) -> usize {
    harness.step();
    let mut frames = 1;
    while harness
        .state()
        .user_layers()
        .layers
        .iter()
        .any(|l| l.theme.is_computing())
        && frames < 100_000
    {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    harness.run_steps(2);
    frames
}

/// Run frames until every tile in view is drawn.
pub fn settle(harness: &mut Harness<'static, StrikemapApp>) {
    harness.run_steps(3);
    let mut frames = 0;
    while harness.state().pending_tiles() > 0 && frames < 100_000 {
        std::thread::sleep(std::time::Duration::from_millis(1));
        harness.step();
        frames += 1;
    }
    harness.run_steps(2);
}

/// A click (press and release without moving) at a screen position.
pub fn click_at(harness: &mut Harness<'_, StrikemapApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.run_steps(2);
    harness.drag_at(pos);
    harness.run_steps(1);
    harness.drop_at(pos);
    harness.run_steps(3);
}

/// A click at a longitude/latitude, through the map's own projection.
pub fn click_lon_lat(harness: &mut Harness<'_, StrikemapApp>, lon: f64, lat: f64) {
    let pos = harness.state().screen_pos(lon, lat).expect("map drawn");
    click_at(harness, pos);
}

/// The selected story event's id.
pub fn selected_id(harness: &Harness<'_, StrikemapApp>) -> Option<String> {
    harness.state().selected_event().map(|e| e.id.clone())
}

/// Every piece of text painted on the map this frame, nested shapes included (the basemap is
/// one).
pub fn map_text(harness: &Harness<'_, StrikemapApp>) -> Vec<String> {
    fn texts(shape: &egui::Shape, map: egui::Rect, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) if map.contains(text.pos) => {
                out.push(text.galley.job.text.clone())
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| texts(s, map, out)),
            _ => {}
        }
    }
    let map = harness.state().map_rect().expect("map drawn");
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        texts(&clipped.shape, map, &mut out);
    }
    out
}
