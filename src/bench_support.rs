//! Measurement fixtures shared by the criterion benchmarks (`benches/layer.rs`) and the
//! `strikemap-bench` binary, so both measure exactly the same work: the whole app, headless,
//! with a file opened as a user opens it.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, RawInput, Rect, pos2, vec2};

use crate::data::GeoFeature;
use crate::data::layer_file::{Limits, Progress};
use crate::map::projection::{Mercator, to_mercator};
use crate::map::user_layers::{UserLayer, load, style_for};
use crate::map::vector::VectorLayer;
use crate::{AppConfig, StrikemapApp, TileConfig};

mod gdal;
pub mod range_server;
pub mod tiled;
mod views;
pub use views::{
    FRAME_INTERVAL, FRAMES, Frames, aggregate_times, frames, frames_styled, heat_surface_time,
};

/// Where the benchmarks look for their input when none is given.
pub const FILE_VARIABLE: &str = "STRIKEMAP_BENCH_FILE";
/// The window size every measurement uses.
pub const WINDOW: [f32; 2] = [1400.0, 900.0];

/// Read, parse, validate, project, rank, index and cluster a file: what opening it costs
/// before the first tile is built.
pub fn load_layer(path: &Path) -> Result<UserLayer, String> {
    let loaded =
        load(path, Limits::default(), &Progress::default(), 0).map_err(|err| err.to_string())?;
    loaded
        .into_iter()
        .next()
        .map(|loaded| loaded.layer)
        .ok_or_else(|| format!("{}: no layer", path.display()))
}

/// The whole window, headless, with an optional file opened.
pub struct FrameRig {
    ctx: egui::Context,
    app: StrikemapApp,
    frame: usize,
    view: (f64, f64, f64),
    /// The longest frame run since [`Self::take_longest`] was last called.
    longest: Duration,
}

impl FrameRig {
    /// The app (offline) with `path` on its command line, at its start view, once the file
    /// has loaded (however long that takes) and the layer is drawn, fills included.
    pub fn open(path: Option<&Path>) -> Result<Self, String> {
        Self::open_styled(path, None)
    }

    /// [`Self::open`] with `--style` given (a heatmap, say).
    pub fn open_styled(
        path: Option<&Path>,
        style: Option<crate::data::thematic::StyleRule>,
    ) -> Result<Self, String> {
        let config = AppConfig {
            tiles: TileConfig::offline(),
            files: path.map(Path::to_path_buf).into_iter().collect(),
            style,
            ..AppConfig::default()
        };
        let mut rig = Self::start(config);
        while !rig.app.user_layers().jobs.is_empty() {
            rig.run(Vec::new());
            std::thread::sleep(Duration::from_millis(2));
        }
        if let Some(refused) = rig.app.user_layers().refused.first() {
            return Err(refused.to_string());
        }
        rig.settle();
        Ok(rig)
    }

    /// The app with `config`, before any frame: nothing waited for.
    pub fn start(config: AppConfig) -> Self {
        let ctx = egui::Context::default();
        let app = StrikemapApp::new(&ctx, config);
        Self {
            ctx,
            app,
            frame: 0,
            view: (0.0, 0.0, 0.0),
            longest: Duration::ZERO,
        }
    }

    /// Run frames (one every 2 ms) until `done` says so or `limit` has passed; how long it took.
    pub fn until(&mut self, limit: Duration, done: impl Fn(&StrikemapApp) -> bool) -> Duration {
        let start = Instant::now();
        while !done(&self.app) && start.elapsed() < limit {
            self.frame();
            std::thread::sleep(Duration::from_millis(2));
        }
        start.elapsed()
    }

    /// [`Self::open`], then looking at `(lon, lat, zoom)` with everything drawn.
    pub fn new(path: Option<&Path>, view: (f64, f64, f64)) -> Result<Self, String> {
        Self::new_styled(path, view, None)
    }

    /// [`Self::new`] with `--style` given.
    pub fn new_styled(
        path: Option<&Path>,
        view: (f64, f64, f64),
        style: Option<crate::data::thematic::StyleRule>,
    ) -> Result<Self, String> {
        let mut rig = Self::open_styled(path, style)?;
        rig.set_view(view);
        Ok(rig)
    }

    /// Run frames until every tile in view is drawn (a frame every 2 ms, as a window asked to
    /// repaint would); gives how long that took.
    pub fn settle(&mut self) -> Duration {
        let start = Instant::now();
        for _ in 0..3 {
            self.run(Vec::new());
        }
        // Only a bug could keep tiles pending for ten minutes; the caller sees them pending.
        while self.app.pending_tiles() > 0 && start.elapsed() < Duration::from_secs(600) {
            std::thread::sleep(Duration::from_millis(2));
            self.run(Vec::new());
        }
        start.elapsed()
    }

    /// Move the view and settle at it.
    pub fn set_view(&mut self, (lon, lat, zoom): (f64, f64, f64)) {
        self.view = (lon, lat, zoom);
        self.app.set_view(lon, lat, zoom);
        self.settle();
    }

    /// The view's centre and zoom.
    pub fn view(&self) -> (f64, f64, f64) {
        self.view
    }

    /// Tiles asked for and not drawn yet.
    pub fn pending_tiles(&self) -> usize {
        self.app.pending_tiles()
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
    /// be reused from the frame before.
    pub fn frame_panning(&mut self) {
        let (lon, lat, zoom) = self.view;
        let degrees_per_point = 360.0 / (256.0 * 2f64.powf(zoom));
        let east = (self.frame / 30).is_multiple_of(2);
        let step = if east { 3.0 } else { -3.0 };
        self.view = (lon + step * degrees_per_point, lat, zoom);
        self.app.set_view(self.view.0, lat, zoom);
        self.frame();
    }

    /// Move the view in one step (a drag, a wheel notch) and run one frame, without waiting
    /// for what it needs to be built.
    pub fn zoom_to_centre(&mut self, lon: f64, lat: f64, zoom: f64) {
        self.view = (lon, lat, zoom);
        self.app.set_view(lon, lat, zoom);
        self.frame();
    }

    /// The longest frame since the last call.
    pub fn take_longest(&mut self) -> Duration {
        std::mem::take(&mut self.longest)
    }

    /// Where the opened file is busiest: its largest cluster at zoom 7, or the middle of its
    /// polygon or line with the most vertices. Views there measure the worst a user meets.
    pub fn busiest_place(&self) -> Option<(f64, f64)> {
        let layer = self.app.user_layers().layers.first()?;
        if let Some(points) = &layer.points {
            let ([lon, lat], _, _) = points.markers(7).into_iter().max_by_key(|m| m.1)?;
            return Some((lon, lat));
        }
        let store = layer.layer.store();
        let part = store.parts.iter().max_by_key(|part| {
            store
                .rings_of(part)
                .iter()
                .map(|r| r.len as usize)
                .sum::<usize>()
        })?;
        let [min, max] = part.bounds.to_mercator();
        let centre = crate::map::projection::from_mercator([
            (min[0] + max[0]) / 2.0,
            (min[1] + max[1]) / 2.0,
        ]);
        Some((centre.x(), centre.y()))
    }

    /// The app, for measurements that need its state.
    pub fn app(&self) -> &StrikemapApp {
        &self.app
    }

    fn run(&mut self, events: Vec<Event>) {
        let started = Instant::now();
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                pos2(0.0, 0.0),
                vec2(WINDOW[0], WINDOW[1]),
            )),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.show(ui));
        let _ = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        self.longest = self.longest.max(started.elapsed());
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

/// What changing a layer's settings costs, everything the background computation does (the
/// rows, the facets, the classes, the points' clusters and colours), medians of `runs`:
/// `facet_filter_ms`, one value of a checklist toggled with a second checklist on (every count
/// redone); and `style_change_ms`, the style switched between categorized and graduated.
/// `None` for a layer without a column of few values.
pub fn theme_times(layer: &mut UserLayer, runs: usize) -> Option<(Duration, Duration)> {
    use crate::data::thematic::{ColumnKind, FilterRule, GraduateBy, StyleRule};
    let profiles = layer.theme.columns.profiles().to_vec();
    let categories: Vec<&str> = profiles
        .iter()
        .filter(|p| p.kind == ColumnKind::Categories)
        .map(|p| p.name.as_str())
        .collect();
    let number = profiles.iter().find(|p| p.kind == ColumnKind::Number)?;
    let first = (*categories.first()?).to_owned();
    let key = layer.table.key(&first)?;
    let value = layer.theme.columns.categories(key).values.first()?.clone();
    let color = layer.color();
    let time = |layer: &mut UserLayer| {
        let started = Instant::now();
        let shared = layer
            .points
            .as_ref()
            .map(crate::map::points::PointLayer::shared);
        let done = layer.theme.compute_now(None, color, shared);
        layer
            .theme
            .apply(done, layer.points.as_mut(), &mut layer.layer);
        started.elapsed()
    };
    if let Some(second) = categories.get(1) {
        layer.theme.settings.checklist(second);
    }
    let mut facets: Vec<Duration> = (0..runs)
        .map(|i| {
            layer
                .theme
                .settings
                .checklist(&first)
                .set_value(&value, i % 2 == 1);
            time(layer)
        })
        .collect();
    layer.theme.settings.filters.clear();
    *layer.theme.settings.checklist(&first) = FilterRule::all_values();
    let mut styles: Vec<Duration> = (0..runs)
        .map(|i| {
            layer.theme.settings.style = if i % 2 == 0 {
                StyleRule::Graduated {
                    column: number.name.clone(),
                    method: crate::data::thematic::Classing::Quantile,
                    classes: 5,
                    by: GraduateBy::Colour,
                }
            } else {
                StyleRule::Categorized {
                    column: first.clone(),
                }
            };
            time(layer)
        })
        .collect();
    Some((median(&mut facets), median(&mut styles)))
}

/// The middle of `times` (sorted here).
pub fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
