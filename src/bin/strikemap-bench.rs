//! `strikemap-bench FILE`: what strikemap costs on any GeoJSON file, in a release build, as
//! medians, one `name value` line each (more lines may follow):
//!
//! ```text
//! load_ms N          read, parse, validate, project, index and triangulate (zoom 3) the file
//! frame_ms_zoom3 N   one full-window frame on the CPU with the file shown, world zoom 3
//! frame_ms_zoom7 N   the same at region zoom 7 (over the story's provinces)
//! frame_ms_story N   the same with only the bundled story (no file)
//! hit_test_us N      one click tested against a layer of 100,000 points
//! peak_rss_mb N      peak resident memory of a fresh process with the file loaded and drawn
//! ```
//!
//! A frame is everything strikemap does before the GPU: layout, culling, level-of-detail
//! choice, projection, mesh building, hit testing of the hovered point, and egui's
//! tessellation. Then, if GDAL's `ogr2ogr` is installed, the same file read and written by
//! `ogr2ogr -f GeoJSON`, for comparison with `load_ms`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use strikemap::bench_support::{CLICK_TOLERANCE, FrameRig, clicks, load_layer, points_layer};

const LOAD_RUNS: usize = 5;
const FRAMES: usize = 60;

/// The flag for the child process that measures peak memory alone.
const PEAK_RSS_ONLY: &str = "--peak-rss-only";

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == PEAK_RSS_ONLY) {
        return match args.get(1).map(PathBuf::from) {
            Some(path) => match FrameRig::new(Some(&path), (60.0, 30.0, 3.0)) {
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
            },
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
    match run(&path) {
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
    for _ in 0..LOAD_RUNS {
        let start = Instant::now();
        let layer = load_layer(path)?;
        loads.push(start.elapsed());
        features = layer.features.len();
    }
    println!("load_ms {:.1}", millis(median(&mut loads)));
    let zoom3 = frames(Some(path), (60.0, 30.0, 3.0))?;
    let zoom7 = frames(Some(path), (64.0, 28.0, 7.0))?;
    let story = frames(None, (64.0, 28.0, 5.5))?;
    println!("frame_ms_zoom3 {:.2}", millis(zoom3.0));
    println!("frame_ms_zoom7 {:.2}", millis(zoom7.0));
    println!("frame_ms_story {:.2}", millis(story.0));
    println!("hit_test_us {:.2}", hit_test().as_secs_f64() * 1e6);
    println!("peak_rss_mb {}", peak_rss_of_app(path)?);
    println!("features {features}");
    println!(
        "panning_frame_ms_zoom3 {:.2}\npanning_frame_ms_zoom7 {:.2}\npanning_frame_ms_story {:.2}",
        millis(zoom3.1),
        millis(zoom7.1),
        millis(story.1)
    );
    println!("runs: load {LOAD_RUNS}, frames {FRAMES} per view, clicks 2000; medians");
    match ogr2ogr(path) {
        Some(time) => println!("gdal_ogr2ogr_ms {:.1}", millis(time)),
        None => println!("gdal_ogr2ogr_ms unavailable (install gdal-bin for ogr2ogr)"),
    }
    Ok(())
}

/// Median frame time of the whole window at a view, with the map at rest (the pointer moving
/// over it), then while panning.
fn frames(path: Option<&Path>, view: (f64, f64, f64)) -> Result<(Duration, Duration), String> {
    let mut rig = FrameRig::new(path, view)?;
    let mut time = |frame: &mut dyn FnMut(&mut FrameRig)| -> Duration {
        let mut times: Vec<Duration> = (0..FRAMES)
            .map(|_| {
                let started = Instant::now();
                frame(&mut rig);
                started.elapsed()
            })
            .collect();
        median(&mut times)
    };
    let at_rest = time(&mut FrameRig::frame);
    let panning = time(&mut FrameRig::frame_panning);
    Ok((at_rest, panning))
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

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
