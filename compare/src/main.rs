//! `strikemap-compare FILE`: strikemap's pipeline side by side with what a user would pick
//! instead (walkers_extras' GeoJsonLayer, supercluster, geojson-vt-rs), measured on one GeoJSON
//! file in one run; or walkers' own PMTiles renderer against strikemap's tiled layers, on a
//! `.pmtiles` archive. Prints `name value` lines (medians, milliseconds unless the name says
//! otherwise) or `name failed: reason`.

mod clusters;
mod measure;
mod tiling;
mod vector_tiles;
mod walkers_view;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use measure::{print_failed, print_ms, print_value, timed};

/// The flag that makes the binary the child process measuring walkers_extras' peak memory.
const PEAK_RSS_CHILD: &str = "--walkers-extras-peak-rss";

/// Loads of the walkers_extras layer timed; the median is reported.
const LOAD_RUNS: usize = 3;

/// The two views drawn: report name, longitude, latitude, zoom.
const VIEWS: [(&str, f64, f64, f64); 2] = [
    ("walkers_extras_frame_ms_zoom3", 60.0, 30.0, 3.0),
    ("walkers_extras_frame_ms_zoom7", 64.0, 28.0, 7.0),
];

/// What headless timing of walkers_extras does and does not include (from walkers 0.65's
/// source), printed with the figures so they are not misread.
const GPU_NOTE: &str = "headless frames include GeoJsonLayer::render (R-tree query, property \
    clones, projection, lyon fill tessellation, line point lists, text placement) run inside \
    Map::show, plus egui tessellation; NOT included: walkers' wgpu prepare callback, which \
    expands lines into triangles (gpu.rs line_vertices) and uploads every new Drawable to the \
    GPU each frame; headless egui never calls it";

/// Read the command line and run either the comparison or the peak-memory child.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, file] if flag == PEAK_RSS_CHILD => peak_rss_child(Path::new(file)),
        [file] if file.ends_with(".pmtiles") => {
            vector_tiles::compare(Path::new(file));
            ExitCode::SUCCESS
        }
        [file] if !file.starts_with('-') => {
            compare(Path::new(file));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: strikemap-compare FILE");
            ExitCode::from(2)
        }
    }
}

/// The child process: load the layer, draw one frame, print the peak memory in MB.
fn peak_rss_child(path: &Path) -> ExitCode {
    match walkers_view::peak_rss_child(path) {
        Ok(mb) => {
            println!("{mb:.1}");
            ExitCode::SUCCESS
        }
        Err(reason) => {
            eprintln!("{reason}");
            ExitCode::FAILURE
        }
    }
}

/// Every comparison on `path`, in an order that leaves the one that may hang for last.
fn compare(path: &Path) {
    println!("# strikemap-compare {}", path.display());
    let (file, elapsed) = timed(|| {
        strikemap::data::formats::read(path, Default::default(), &Default::default())
            .map(|mut layers| layers.swap_remove(0))
    });
    let keys = tiling::zoom3_tiles();
    match file {
        Ok(file) => {
            print_ms("strikemap_read_ms", elapsed.as_secs_f64() * 1000.0);
            print_value("features", file.geometries.len());
            clusters::compare(&clusters::points_of(&file.geometries));
            print_value("tiles_zoom3", keys.len());
            tiling::strikemap(&file.geometries, &keys);
        }
        Err(err) => print_failed("strikemap_read_ms", err),
    }
    walkers_extras(path);
    walkers_extras_peak_rss(path);
    tiling::geojsonvt(path, &keys);
}

/// walkers_extras' load time and frame times at both views, with the note on what they cover.
fn walkers_extras(path: &Path) {
    let layer = match walkers_view::load_median(path, LOAD_RUNS) {
        Ok((layer, ms)) => {
            print_ms("walkers_extras_load_ms", ms);
            layer
        }
        Err(reason) => return print_failed("walkers_extras_load_ms", reason),
    };
    for (name, lon, lat, zoom) in VIEWS {
        let frames = walkers_view::frames(&layer, lon, lat, zoom);
        print_ms(name, frames.median_ms);
        let suffix = name.rsplit('_').next().unwrap_or_default();
        print_value(
            &format!("walkers_extras_gpu_callbacks_{suffix}"),
            frames.callbacks,
        );
        print_value(
            &format!("walkers_extras_egui_meshes_{suffix}"),
            frames.meshes,
        );
        if let Some(note) = frames.note {
            print_value(&format!("{name}_note"), note);
        }
    }
    print_value("walkers_extras_gpu_note", GPU_NOTE);
}

/// Peak memory of a fresh process that loads the walkers_extras layer and draws one frame.
fn walkers_extras_peak_rss(path: &Path) {
    const NAME: &str = "walkers_extras_peak_rss_mb";
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(err) => return print_failed(NAME, err),
    };
    let output = std::process::Command::new(exe)
        .arg(PEAK_RSS_CHILD)
        .arg(PathBuf::from(path))
        .output();
    match output {
        Ok(out) if out.status.success() => {
            print_value(NAME, String::from_utf8_lossy(&out.stdout).trim());
        }
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let last = stderr.lines().last().unwrap_or("no message");
            print_failed(NAME, format!("{} ({last})", out.status));
        }
        Err(err) => print_failed(NAME, err),
    }
}
