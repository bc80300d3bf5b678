//! Measurement fixtures shared by the criterion benchmarks (`benches/layer.rs`) and the
//! `strikemap-bench` binary, so both measure exactly the same work.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, RawInput, Rect, pos2, vec2};

use crate::data::GeoFeature;
use crate::data::layer_file::{self, DEFAULT_MAX_BYTES, Progress};
use crate::map::projection::{Mercator, to_mercator};
use crate::map::user_layers::{prepare_layer, style_for};
use crate::map::vector::{VectorLayer, lod};
use crate::{AppConfig, StrikemapApp, TileConfig};

/// Where the benchmarks look for their input when none is given.
pub const FILE_VARIABLE: &str = "STRIKEMAP_BENCH_FILE";

/// Read, parse, validate, project, index and triangulate (for world zoom 3) a file: what
/// opening it costs before its first frame.
pub fn load_layer(path: &Path) -> Result<VectorLayer, String> {
    let file = layer_file::read(path, DEFAULT_MAX_BYTES, &Progress::default())
        .map_err(|err| err.to_string())?;
    let (layer, _records) = prepare_layer(file.name, file.features, style_for(egui::Color32::BLUE));
    layer.prepare_band(lod::band_of(3.0), layer.features.iter());
    Ok(layer)
}

/// The whole window, headless, with an optional file opened and a fixed view.
pub struct FrameRig {
    ctx: egui::Context,
    app: StrikemapApp,
    frame: usize,
    view: (f64, f64, f64),
}

impl FrameRig {
    /// The app (offline) with `path` loaded, looking at `(lon, lat, zoom)`, settled.
    pub fn new(path: Option<&Path>, (lon, lat, zoom): (f64, f64, f64)) -> Result<Self, String> {
        let ctx = egui::Context::default();
        let config = AppConfig {
            tiles: TileConfig::offline(),
            files: path.map(Path::to_path_buf).into_iter().collect(),
            ..AppConfig::default()
        };
        let app = StrikemapApp::new(&ctx, config);
        let mut rig = Self {
            ctx,
            app,
            frame: 0,
            view: (lon, lat, zoom),
        };
        let start = Instant::now();
        while !rig.app.user_layers().jobs.is_empty() {
            rig.run(Vec::new());
            std::thread::sleep(Duration::from_millis(5));
            if start.elapsed() > Duration::from_secs(120) {
                return Err("the file took over two minutes to load".to_owned());
            }
        }
        if let Some(refused) = rig.app.user_layers().refused.first() {
            return Err(refused.to_string());
        }
        rig.app.set_view(lon, lat, zoom);
        for _ in 0..5 {
            rig.run(Vec::new());
        }
        Ok(rig)
    }

    /// Move the view (and settle at it).
    pub fn set_view(&mut self, (lon, lat, zoom): (f64, f64, f64)) {
        self.view = (lon, lat, zoom);
        self.app.set_view(lon, lat, zoom);
        for _ in 0..5 {
            self.run(Vec::new());
        }
    }

    /// One frame on the CPU, with the pointer moved over the map so the hovered point is hit
    /// tested: layout, culling, level of detail, projection, meshes, and egui's tessellation.
    pub fn frame(&mut self) {
        let i = self.frame;
        self.frame += 1;
        let pointer = pos2(
            400.0 + (i % 20) as f32 * 15.0,
            300.0 + (i % 7) as f32 * 20.0,
        );
        self.run(vec![Event::PointerMoved(pointer)]);
    }

    /// One frame while panning: the view moves 3 points every frame, 30 frames east then 30
    /// west (so it stays over the same ground however many frames are run); nothing drawn can
    /// be reused from the frame before, but nothing is simplified or triangulated again.
    pub fn frame_panning(&mut self) {
        let (lon, lat, zoom) = self.view;
        let degrees_per_point = 360.0 / (256.0 * 2f64.powf(zoom));
        let east = (self.frame / 30).is_multiple_of(2);
        let step = if east { 3.0 } else { -3.0 };
        self.view = (lon + step * degrees_per_point, lat, zoom);
        self.app.set_view(self.view.0, lat, zoom);
        self.frame();
    }

    fn run(&mut self, events: Vec<Event>) {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0))),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let _ = self.ctx.tessellate(output.shapes, output.pixels_per_point);
    }
}

/// A deterministic stream of numbers in [0, 1).
pub fn random(seed: u64) -> impl FnMut() -> f64 {
    let mut state = seed | 1;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A layer of `n` points spread over the story's region.
pub fn points_layer(n: usize) -> VectorLayer {
    let mut next = random(0x2545_f491_4f6c_dd1d);
    let points: Vec<GeoFeature> = (0..n)
        .map(|_| GeoFeature {
            id: None,
            geometry: geo::Geometry::Point(geo::Point::new(
                55.0 + next() * 20.0,
                23.0 + next() * 15.0,
            )),
            properties: Default::default(),
        })
        .collect();
    VectorLayer::new("points", &points, style_for(egui::Color32::RED))
}

/// Click positions over the same region.
pub fn clicks(n: usize) -> Vec<Mercator> {
    let mut next = random(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|_| to_mercator(55.0 + next() * 20.0, 23.0 + next() * 15.0))
        .collect()
}

/// A click's tolerance: six screen points at zoom 7.
pub const CLICK_TOLERANCE: f64 = 6.0 / (256.0 * 128.0);
