//! What the benchmark measures of whole views and of working with a layer: frame times at a
//! view (at rest, panning over new ground and over the same), a heatmap's surface, and counts
//! per area.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{FrameRig, median};
use crate::data::thematic::StyleRule;
use crate::map::user_layers::UserLayer;

/// Frames measured per view.
pub const FRAMES: usize = 60;
/// A 60 Hz display's frame interval: a panning user gets a frame this often.
pub const FRAME_INTERVAL: Duration = Duration::from_micros(16_667);

/// Frame times at one view.
pub struct Frames {
    pub at_rest: Duration,
    pub pan: Duration,
    /// Frames of the pan during which some tile in view was still being built.
    pub pan_incomplete: usize,
    pub panning_same_ground: Duration,
}

/// Median frame time of the whole window at a view with the map at rest (the pointer moving
/// over it), while panning onto new ground at 60 Hz, and while panning over the same ground.
pub fn frames(path: Option<&Path>, view: (f64, f64, f64)) -> Result<Frames, String> {
    frames_styled(path, view, None)
}

/// [`frames`] with `--style` given.
pub fn frames_styled(
    path: Option<&Path>,
    view: (f64, f64, f64),
    style: Option<StyleRule>,
) -> Result<Frames, String> {
    let mut rig = FrameRig::new_styled(path, view, style)?;
    let time = |rig: &mut FrameRig, frame: &mut dyn FnMut(&mut FrameRig)| -> Duration {
        let mut times: Vec<Duration> = (0..FRAMES)
            .map(|_| {
                let started = Instant::now();
                frame(rig);
                started.elapsed()
            })
            .collect();
        median(&mut times)
    };
    let at_rest = time(&mut rig, &mut FrameRig::frame);
    let panning_same_ground = time(&mut rig, &mut FrameRig::frame_panning);
    rig.set_view(view);
    let mut incomplete = 0;
    let (lon, lat, zoom) = view;
    let degrees_per_point = 360.0 / (256.0 * 2f64.powf(zoom));
    let mut times = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        let started = Instant::now();
        rig.zoom_to_centre(lon + (i as f64 + 1.0) * 12.0 * degrees_per_point, lat, zoom);
        let took = started.elapsed();
        times.push(took);
        incomplete += usize::from(rig.pending_tiles() > 0);
        std::thread::sleep(FRAME_INTERVAL.saturating_sub(took));
    }
    Ok(Frames {
        at_rest,
        pan: median(&mut times),
        pan_incomplete: incomplete,
        panning_same_ground,
    })
}

/// Median time of one heatmap surface (scale, grid, blur, colours) for a 1400×900 view and
/// its margin at zoom 3, as the heatmap's thread makes it.
pub fn heat_surface_time(
    layer: &mut UserLayer,
    heat: crate::data::thematic::StyleRule,
) -> Option<Duration> {
    use crate::map::points::heat_grid::{CELL_POINTS, GridSpec};
    layer.theme.settings.style = heat;
    let color = layer.color();
    let done = layer
        .theme
        .compute_now(None, color, layer.points.as_ref().map(|p| p.shared()));
    layer
        .theme
        .apply(done, layer.points.as_mut(), &mut layer.layer);
    let points = layer.points.as_ref()?;
    let world = 256.0 * 8.0;
    let cell = CELL_POINTS / world;
    let grid = GridSpec {
        origin: [0.6, 0.35],
        cell,
        width: (1400.0 * 2.0 / CELL_POINTS) as usize,
        height: (900.0 * 2.0 / CELL_POINTS) as usize,
        radius: (crate::data::thematic::args::HEAT_RADIUS as f64 / CELL_POINTS) as f32,
    };
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let started = Instant::now();
            let scale = points
                .heat_peak(crate::data::thematic::args::HEAT_RADIUS as f64 * 2.0 / 3.0 / world);
            let surface = points.heat_grid(grid);
            std::hint::black_box(surface.map(|s| s.colours(scale.unwrap_or(1.0))));
            started.elapsed()
        })
        .collect();
    Some(median(&mut times))
}

/// What counting a point layer per area costs (median of 3 each): its points into `admin`'s
/// polygons (point in polygon on the full geometry), then the counts per area; and into H3
/// hexagons at `resolution`, then the counts.
pub fn aggregate_times(
    points: &UserLayer,
    admin: Option<&UserLayer>,
    resolution: u8,
) -> (Option<Duration>, Duration) {
    use crate::data::thematic::areas::{Compare, CountInput, count, hexagons};
    use crate::map::user_layers::areas_build::{assign_points, lon_lat, per_feature};
    let store_points = &points.layer.store().points;
    let features = points.feature_count();
    let days = points.theme.columns.days();
    let input = CountInput {
        flags: &points.theme.result.evaluation.flags,
        days: &days,
        weights: None,
        time: None,
        compare: Compare::Previous,
    };
    let time = |work: &mut dyn FnMut()| {
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed()
            })
            .collect();
        median(&mut times)
    };
    let polygons = admin.map(|admin| {
        time(&mut || {
            let area_of = assign_points(store_points, features, &admin.layer);
            std::hint::black_box(count(&area_of, admin.feature_count(), &input));
        })
    });
    let Ok(res) = h3o::Resolution::try_from(resolution) else {
        return (polygons, Duration::ZERO);
    };
    let hex = time(&mut || {
        let at: Vec<[f64; 2]> = store_points.iter().map(|(p, _)| lon_lat(*p)).collect();
        let (of, cells) = hexagons(&at, res);
        let of = per_feature(store_points, of, features);
        std::hint::black_box(count(&of, cells.len(), &input));
    });
    (polygons, hex)
}
