//! `strikemap-bench FILE`: what strikemap costs on any file it opens (GeoJSON, CSV, KML...),
//! in a release build, on the path a user takes (the whole app, headless, 1400×900, with FILE
//! opened from its command line), as medians, one `name value` line each (more lines may follow):
//!
//! ```text
//! load_ms N          read, parse, validate, project, rank, index and cluster the file
//! open_ms N          app start with FILE on the command line until it is drawn at the start
//!                    view, fills included
//! frame_ms_zoom3 N   one full-window frame with the file shown, world zoom 3, map at rest
//! frame_ms_zoom7 N   the same at region zoom 7 (over the story's provinces)
//! frame_ms_story N   the same with only the bundled story (no file)
//! pan_ms_zoom3 N     one frame while panning east at 60 frames a second onto ground not seen
//!                    yet (tiles built in the background meanwhile), zoom 3
//! pan_ms_zoom7 N     the same at zoom 7
//! zoom_step_ms N     the longest frame while zooming from 3 to 8 in steps of 0.5
//! hit_test_us N      one click tested against a layer of 100,000 points
//! filter_ms N        (files with points) filtering them to a date range, as a time bar drag
//! facet_filter_ms N  one value of a column's checklist toggled, a second checklist on: rows,
//!                    facet counts, classes and the points' clusters all redone
//! style_change_ms N  the style switched between categorized and graduated, all redone
//! table_filter_ms N  the feature table filtered by a word (any column, accents ignored)
//! table_sort_ms N    the feature table sorted by its last column
//! peak_rss_mb N      peak resident memory of a fresh process with the file opened and drawn
//! heat_pan_ms_zoom3 N  pan_ms_zoom3 with the points drawn as a heatmap (`--style heatmap`)
//! heat_pan_ms_zoom7 N  the same at zoom 7
//! heat_surface_ms N  (files with points) one heatmap surface for a 1400×900 view and its
//!                    margin, at zoom 3: the scale, the grid, the blur and the colours, off
//!                    the UI thread
//! ```
//!
//! aggregate_ms_admin1 N  (files with points) every point into Natural Earth's 4,596 admin-1
//!                    polygons (point in polygon on the full geometry), then counted per area
//! aggregate_ms_h3 N  every point into its H3 cell at resolution 5, then counted per cell
//!
//! `strikemap-bench ARCHIVE.pmtiles` measures a tiled layer instead (`bench_support::tiled`):
//! first features drawn and start view complete, from disk and over loopback HTTP, frames
//! at rest and panning at zoom 3 and 7, bytes fetched per view, peak memory.
//!
//! `strikemap-bench FILE heat` prints only the heatmap's lines, `strikemap-bench FILE
//! aggregate [ADMIN1.geojson]` only the counts per area (by default the admin-1 file in
//! `../shared/data`).
//!
//! A frame is everything strikemap does on the UI thread before the GPU: layout, culling,
//! level-of-detail choice, placing the tiles, hit testing of the hovered point, and egui's
//! tessellation. Then, if GDAL's `ogr2ogr` is installed, the same file read and written by
//! `ogr2ogr -f GeoJSON`, for comparison with `load_ms`. Nothing gives up on a slow file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use strikemap::bench_support::{
    CLICK_TOLERANCE, FRAME_INTERVAL, FRAMES, FrameRig, aggregate_times, clicks, frames,
    frames_styled, heat_surface_time, load_layer, median, points_layer, theme_times,
};
use strikemap::data::thematic::StyleRule;
use strikemap::data::thematic::args::HEAT_RADIUS;

const LOAD_RUNS: usize = 3;

/// The flag for the child process that measures peak memory alone.
const PEAK_RSS_ONLY: &str = "--peak-rss-only";

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == PEAK_RSS_ONLY) {
        return match args.get(1).map(PathBuf::from) {
            Some(path) => peak_rss_child(&path),
            None => ExitCode::from(2),
        };
    }
    let Some(path) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: strikemap-bench FILE.geojson\n\
             e.g. cargo run --release --bin strikemap-bench -- \
             ../shared/data/ne_10m_admin_1_states_provinces.geojson"
        );
        return ExitCode::from(2);
    };
    let admin = args.get(2).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/ne_10m_admin_1_states_provinces.geojson")
    });
    let tiled = path.extension().is_some_and(|e| {
        ["pmtiles", "fgb", "gpkg", "parquet"]
            .iter()
            .any(|t| e.eq_ignore_ascii_case(t))
    });
    let result = match args.get(1).and_then(|a| a.to_str()) {
        _ if tiled => strikemap::bench_support::tiled::lines(&path)
            .and_then(|()| peak_rss_of_app(&path))
            .map(|mb| println!("peak_rss_mb {mb}")),
        Some("heat") => heat_lines(&path),
        Some("aggregate") => aggregate_lines(&path, &admin),
        _ => run(&path)
            .and_then(|()| heat_lines(&path))
            .and_then(|()| aggregate_lines(&path, &admin)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("strikemap-bench: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &Path) -> Result<(), String> {
    let mut loads = Vec::new();
    let mut features = 0;
    let mut layer = None;
    for _ in 0..LOAD_RUNS {
        drop(layer.take());
        let start = Instant::now();
        let loaded = load_layer(path)?;
        loads.push(start.elapsed());
        features = loaded.feature_count();
        layer = Some(loaded);
    }
    println!("load_ms {:.1}", millis(median(&mut loads)));
    if let Some(layer) = &mut layer {
        layer_lines(layer);
    }
    drop(layer);
    let mut opens = Vec::new();
    for _ in 0..LOAD_RUNS {
        let start = Instant::now();
        let rig = FrameRig::open(Some(path))?;
        opens.push(start.elapsed());
        if rig.pending_tiles() > 0 {
            println!(
                "open_incomplete {} tiles still pending",
                rig.pending_tiles()
            );
        }
    }
    println!("open_ms {:.1}", millis(median(&mut opens)));
    let zoom3 = frames(Some(path), (60.0, 30.0, 3.0))?;
    let zoom7 = frames(Some(path), (64.0, 28.0, 7.0))?;
    let story = frames(None, (64.0, 28.0, 5.5))?;
    println!("frame_ms_zoom3 {:.2}", millis(zoom3.at_rest));
    println!("frame_ms_zoom7 {:.2}", millis(zoom7.at_rest));
    println!("frame_ms_story {:.2}", millis(story.at_rest));
    println!("pan_ms_zoom3 {:.2}", millis(zoom3.pan));
    println!("pan_ms_zoom7 {:.2}", millis(zoom7.pan));
    let (longest, settle) = zoom_steps(path, None)?;
    println!("zoom_step_ms {:.1}", millis(longest));
    let busiest = FrameRig::open(Some(path))?.busiest_place();
    println!("hit_test_us {:.2}", hit_test().as_secs_f64() * 1e6);
    println!("peak_rss_mb {}", peak_rss_of_app(path)?);
    println!("features {features}");
    println!(
        "panning_frame_ms_zoom3 {:.2}\npanning_frame_ms_zoom7 {:.2}\npanning_frame_ms_story {:.2}",
        millis(zoom3.panning_same_ground),
        millis(zoom7.panning_same_ground),
        millis(story.panning_same_ground)
    );
    println!(
        "pan_frames_with_tiles_pending_zoom3 {} of {FRAMES}\npan_frames_with_tiles_pending_zoom7 {} of {FRAMES}",
        zoom3.pan_incomplete, zoom7.pan_incomplete
    );
    println!("zoom_step_settle_ms {:.1}", millis(settle));
    // The same where the file is busiest (its biggest shape or cluster), not where it suits.
    if let Some((lon, lat)) = busiest {
        let busy = frames(Some(path), (lon, lat, 7.0))?;
        let (longest, settle) = zoom_steps(path, Some((lon, lat)))?;
        println!("busiest_place {lon:.3},{lat:.3}");
        println!(
            "frame_ms_busiest7 {:.2}\npan_ms_busiest7 {:.2}\nzoom_step_busiest_ms {:.1}\nzoom_step_busiest_settle_ms {:.1}",
            millis(busy.at_rest),
            millis(busy.pan),
            millis(longest),
            millis(settle)
        );
    }
    println!("runs: load and open {LOAD_RUNS}, frames {FRAMES} per view, clicks 2000; medians");
    match ogr2ogr(path) {
        Some(time) => println!("gdal_ogr2ogr_ms {:.1}", millis(time)),
        None => println!("gdal_ogr2ogr_ms unavailable (install gdal-bin for ogr2ogr)"),
    }
    Ok(())
}

/// The heatmap's lines: frames while panning with the points drawn as a heatmap, and what one
/// surface costs its thread.
fn heat_lines(path: &Path) -> Result<(), String> {
    let heat = StyleRule::Heatmap {
        weight: None,
        radius: HEAT_RADIUS,
    };
    let zoom3 = frames_styled(Some(path), (60.0, 30.0, 3.0), Some(heat.clone()))?;
    let zoom7 = frames_styled(Some(path), (64.0, 28.0, 7.0), Some(heat.clone()))?;
    println!("heat_frame_ms_zoom3 {:.2}", millis(zoom3.at_rest));
    println!("heat_pan_ms_zoom3 {:.2}", millis(zoom3.pan));
    println!("heat_pan_ms_zoom7 {:.2}", millis(zoom7.pan));
    let mut layer = load_layer(path)?;
    if let Some(surface) = heat_surface_time(&mut layer, heat) {
        println!("heat_surface_ms {:.1}", millis(surface));
    }
    Ok(())
}

/// Counts per area: into the admin-1 polygons (when the file is there) and into hexagons.
fn aggregate_lines(path: &Path, admin: &Path) -> Result<(), String> {
    let points = load_layer(path)?;
    if points.points.is_none() {
        return Ok(());
    }
    let admin = load_layer(admin).ok();
    let (polygons, hex) = aggregate_times(&points, admin.as_ref(), 5);
    match (polygons, &admin) {
        (Some(t), Some(a)) => println!(
            "aggregate_ms_admin1 {:.1} ({} polygons)",
            millis(t),
            a.feature_count()
        ),
        _ => println!("aggregate_ms_admin1 unavailable (no admin-1 file)"),
    }
    println!("aggregate_ms_h3 {:.1}", millis(hex));
    Ok(())
}

/// The longest frame while zooming from 3 to 8 in steps of 0.5 at `at` (by default the start
/// view's centre), frames coming at 60 Hz until each step is drawn; and the median time a step
/// took to be drawn completely.
fn zoom_steps(path: &Path, at: Option<(f64, f64)>) -> Result<(Duration, Duration), String> {
    let mut rig = FrameRig::open(Some(path))?;
    let (lon, lat) = at.unwrap_or_else(|| {
        let (lon, lat, _) = rig.app().view_centre();
        (lon, lat)
    });
    rig.set_view((lon, lat, 3.0));
    rig.take_longest();
    let mut settles = Vec::new();
    for step in 1..=10 {
        let zoom = 3.0 + step as f64 * 0.5;
        let started = Instant::now();
        rig.zoom_to_centre(lon, lat, zoom);
        while rig.pending_tiles() > 0 {
            std::thread::sleep(FRAME_INTERVAL);
            rig.frame();
        }
        settles.push(started.elapsed());
    }
    Ok((rig.take_longest(), median(&mut settles)))
}

/// What working with a loaded layer costs: the time bar's filter, a checklist, a style change,
/// the feature table.
fn layer_lines(layer: &mut strikemap::map::user_layers::UserLayer) {
    if let Some(points) = layer.points.as_mut() {
        println!("filter_ms {:.2}", millis(filter_time(points)));
    }
    if let Some((facet, style)) = theme_times(layer, 9) {
        println!("facet_filter_ms {:.1}", millis(facet));
        println!("style_change_ms {:.1}", millis(style));
    }
    let (filter, sort) = table_times(&layer.table);
    println!("table_filter_ms {:.1}", millis(filter));
    println!("table_sort_ms {:.1}", millis(sort));
}

/// Median time to filter a point layer to a date range (a year, then all, in turn): what a
/// drag on the time bar costs each frame.
fn filter_time(points: &mut strikemap::map::points::PointLayer) -> Duration {
    let Some((first, last)) = points.day_span() else {
        return Duration::ZERO;
    };
    let mut times: Vec<Duration> = (0..FRAMES)
        .map(|i| {
            let from = first + (i as i32 * 61) % (last - first + 1).max(1);
            let filter = i.is_multiple_of(2).then_some((from, from + 365));
            let started = Instant::now();
            points.set_filter(filter);
            started.elapsed()
        })
        .collect();
    median(&mut times)
}

/// The feature table's work when its filter or sort changes (median of 3 each): a word that
/// some rows hold, and the last column.
fn table_times(table: &strikemap::data::properties::PropertyTable) -> (Duration, Duration) {
    use strikemap::ui::feature_table::filtered_sorted;
    let time = |filter: &str, sort: Option<(usize, bool)>| {
        let mut times: Vec<Duration> = (0..LOAD_RUNS)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(filtered_sorted(table, filter, sort, &[]));
                started.elapsed()
            })
            .collect();
        median(&mut times)
    };
    let last = table.keys().len().checked_sub(1).map(|key| (key, true));
    (time("battle", None), time("", last))
}

/// Median time of one click tested against 100,000 points.
fn hit_test() -> Duration {
    let layer = points_layer(100_000);
    let mut hits = 0;
    let mut times: Vec<Duration> = clicks(2000)
        .into_iter()
        .map(|at| {
            let started = Instant::now();
            let hit = std::hint::black_box(layer.hit(at, CLICK_TOLERANCE));
            let time = started.elapsed();
            hits += usize::from(hit.is_some());
            time
        })
        .collect();
    println!("hit_test_hits {hits} of 2000");
    median(&mut times)
}

/// The child process: open the file in the app, draw it at the start view, zoom 3 and zoom 7,
/// and print the peak resident memory.
fn peak_rss_child(path: &Path) -> ExitCode {
    match FrameRig::new(Some(path), (60.0, 30.0, 3.0)) {
        Ok(mut rig) => {
            (0..10).for_each(|_| rig.frame());
            rig.set_view((64.0, 28.0, 7.0));
            (0..10).for_each(|_| rig.frame());
            println!("{:.0}", peak_rss_mb().unwrap_or(f64::NAN));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("strikemap-bench: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Peak memory of a fresh process that opens the file in the app and draws it at zoom 3 and 7
/// (this process has loaded it several times over by now, which would inflate its own peak).
fn peak_rss_of_app(path: &Path) -> Result<String, String> {
    let me = std::env::current_exe().map_err(|err| err.to_string())?;
    let output = std::process::Command::new(me)
        .arg(PEAK_RSS_ONLY)
        .arg(path)
        .output()
        .map_err(|err| err.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Peak resident memory (VmHWM) in MB, on Linux.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// GDAL reading and writing the same file, median of three, if `ogr2ogr` is installed.
fn ogr2ogr(path: &Path) -> Option<Duration> {
    let out = std::env::temp_dir().join(format!("strikemap-bench-{}.geojson", std::process::id()));
    let mut times = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_file(&out);
        let started = Instant::now();
        let status = std::process::Command::new("ogr2ogr")
            // GDAL refuses features over 200 MB by default (the stress file's giants).
            .env("OGR_GEOJSON_MAX_OBJ_SIZE", "0")
            .args(["-f", "GeoJSON"])
            .arg(&out)
            .arg(path)
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        times.push(started.elapsed());
    }
    let _ = std::fs::remove_file(&out);
    Some(median(&mut times))
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
