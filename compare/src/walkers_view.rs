//! walkers_extras' `GeoJsonLayer`: what a walkers user would add to show a GeoJSON file. Timed
//! loading and drawn in headless egui frames, for comparison with strikemap's own layer.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, RawInput, Rect, epaint::Primitive, pos2, vec2};
use walkers::{
    Color, Float, Layout, Map, MapMemory, Paint, SourceLayer, Style, StyleLayer, json, lon_lat,
};
use walkers_extras::GeoJsonLayer;

use crate::measure::{median_ms, timed};

/// The window every frame is drawn into, as in strikemap's own benchmark.
pub const WINDOW: [f32; 2] = [1400.0, 900.0];
/// Frames drawn and thrown away first (fonts, caches).
const WARM_UP: usize = 5;
/// Frames whose median is reported.
const FRAMES: usize = 30;
/// A frame longer than this ends the view's measurement after it (the brief's limit).
const FRAME_LIMIT: Duration = Duration::from_secs(60);
/// All frames of one view together may take this long; then the median of those drawn so far
/// is reported with a note, to keep a run on a huge file within minutes.
const VIEW_BUDGET: Duration = Duration::from_secs(240);

/// What drawing one view measured.
pub struct Frames {
    /// Median frame time in ms, or the single frame's time when it hit [`FRAME_LIMIT`].
    pub median_ms: f64,
    /// Why fewer frames than asked were drawn, if they were.
    pub note: Option<String>,
    /// Paint callbacks in the last frame's tessellated output: work left for walkers' wgpu
    /// renderer, which a headless context never runs.
    pub callbacks: usize,
    /// Meshes egui tessellated in the last frame (text, mostly).
    pub meshes: usize,
}

/// A MapLibre-style style that a user would write for an overlay: translucent polygon fills,
/// thin lines and a dot (as a text symbol; walkers has no circle layer) on every point.
pub fn style() -> Style {
    let all = || SourceLayer::One(String::new());
    Style {
        layers: vec![
            StyleLayer::Fill {
                source_layer: all(),
                filter: None,
                paint: Paint {
                    fill_color: Some(Color(json!("#3366cc"))),
                    fill_opacity: Some(Float(json!(0.4))),
                    ..Default::default()
                },
            },
            StyleLayer::Line {
                source_layer: all(),
                filter: None,
                paint: Paint {
                    line_color: Some(Color(json!("#1a3366"))),
                    line_width: Some(Float(json!(1.0))),
                    ..Default::default()
                },
            },
            StyleLayer::Symbol {
                source_layer: all(),
                minzoom: None,
                filter: None,
                layout: Layout {
                    text_field: Some(json!("•")),
                    text_size: Some(Float(json!(12.0))),
                    text_padding: None,
                },
                paint: None,
            },
        ],
    }
}

/// Read and parse the file with the `geojson` crate and build the layer: everything a
/// walkers_extras user does before the first frame.
pub fn load(path: &Path) -> Result<(GeoJsonLayer, Duration), String> {
    let (layer, elapsed) = timed(|| -> Result<GeoJsonLayer, String> {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let geojson: geojson::GeoJson = text.parse().map_err(|e| format!("{e}"))?;
        drop(text);
        Ok(GeoJsonLayer::new(geojson, style()))
    });
    Ok((layer?, elapsed))
}

/// Median load time of `runs` loads (each layer dropped before the next), and the last layer.
pub fn load_median(path: &Path, runs: usize) -> Result<(GeoJsonLayer, f64), String> {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let (layer, elapsed) = load(path)?;
        times.push(elapsed);
        last = Some(layer);
    }
    let layer = last.ok_or("no run")?;
    Ok((layer, median_ms(&times)))
}

/// Draw the view `WARM_UP + FRAMES` times in a fresh headless context and take the median.
pub fn frames(layer: &GeoJsonLayer, lon: f64, lat: f64, zoom: f64) -> Frames {
    let ctx = egui::Context::default();
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(lon, lat));
    memory.set_zoom(zoom).expect("zoom within walkers' range");
    let started = Instant::now();
    let mut times = Vec::new();
    let mut result = Frames {
        median_ms: f64::NAN,
        note: None,
        callbacks: 0,
        meshes: 0,
    };
    for i in 0..WARM_UP + FRAMES {
        let (elapsed, callbacks, meshes) = frame(&ctx, layer, &mut memory, (lon, lat), i);
        (result.callbacks, result.meshes) = (callbacks, meshes);
        times.push(elapsed);
        if elapsed > FRAME_LIMIT {
            result.median_ms = elapsed.as_secs_f64() * 1000.0;
            result.note = Some(format!(
                "frame {} took {:.1} s (over 60 s): stopped after that one frame",
                i + 1,
                elapsed.as_secs_f64()
            ));
            return result;
        }
        if started.elapsed() > VIEW_BUDGET && i + 1 < WARM_UP + FRAMES {
            result.note = Some(format!(
                "only {} frames drawn ({} after warm-up): the view's {} s budget ran out",
                i + 1,
                (i + 1).saturating_sub(WARM_UP),
                VIEW_BUDGET.as_secs()
            ));
            break;
        }
    }
    let measured = if times.len() > WARM_UP {
        &times[WARM_UP..]
    } else {
        &times[..]
    };
    result.median_ms = median_ms(measured);
    result
}

/// One frame with the pointer moved over the map: layout, `Map::show` (layers drawn onto the
/// canvas) and egui's tessellation. Returns its time, and the paint callbacks and meshes made.
fn frame(
    ctx: &egui::Context,
    layer: &GeoJsonLayer,
    memory: &mut MapMemory,
    (lon, lat): (f64, f64),
    i: usize,
) -> (Duration, usize, usize) {
    let pointer = pos2(
        400.0 + (i % 20) as f32 * 15.0,
        300.0 + (i % 7) as f32 * 20.0,
    );
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(
            pos2(0.0, 0.0),
            vec2(WINDOW[0], WINDOW[1]),
        )),
        events: vec![Event::PointerMoved(pointer)],
        ..Default::default()
    };
    let started = Instant::now();
    let output = ctx.run_ui(input, |ui| {
        ui.add(Map::new(None, memory, lon_lat(lon, lat)).with_layer(layer, 1.0));
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let callbacks = primitives
        .iter()
        .filter(|p| matches!(p.primitive, Primitive::Callback(_)))
        .count();
    let meshes = primitives.len() - callbacks;
    drop(primitives);
    (started.elapsed(), callbacks, meshes)
}

/// The child process's whole job for the peak-memory figure: load, draw one zoom-3 frame,
/// and report VmHWM.
pub fn peak_rss_child(path: &Path) -> Result<f64, String> {
    let (layer, _) = load(path)?;
    let ctx = egui::Context::default();
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(60.0, 30.0));
    memory.set_zoom(3.0).map_err(|e| format!("{e:?}"))?;
    let _ = frame(&ctx, &layer, &mut memory, (60.0, 30.0), 0);
    crate::measure::peak_rss_mb().ok_or_else(|| "no VmHWM in /proc/self/status".to_owned())
}
