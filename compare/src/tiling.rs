//! geojson-vt-rs (a port of geojson-vt-cpp, the usual way to slice GeoJSON into tiles) against
//! strikemap's geometry store and tile builder, for the tiles of one zoom-3 view.

use std::hint::black_box;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use geo::Geometry;
use geojson_vt_rs::{GeoJSONVT, Options};
use strikemap::map::projection::to_mercator;
use strikemap::map::vector::GeometryStore;
use strikemap::map::vector::tile::{TileKey, build_fill, build_outline, tiles_covering};

use crate::measure::{median_ms, panic_message, print_failed, print_ms, print_value, timed};
use crate::walkers_view::WINDOW;

/// Builds timed for each side; the median is reported.
const RUNS: usize = 3;
/// One geojson-vt-rs run (index and tiles) longer than this is reported as failed.
const VT_TIMEOUT: Duration = Duration::from_secs(120);
/// After a geojson-vt-rs run this long, it is not repeated (the run stays within minutes).
const VT_REPEAT_LIMIT: Duration = Duration::from_secs(30);

/// The tiles covering the 1400x900 window centred on lon 60, lat 30 at zoom 3.
pub fn zoom3_tiles() -> Vec<TileKey> {
    let centre = to_mercator(60.0, 30.0);
    let world = 256.0 * 8.0;
    let half = [
        f64::from(WINDOW[0]) / 2.0 / world,
        f64::from(WINDOW[1]) / 2.0 / world,
    ];
    tiles_covering(
        [centre[0] - half[0], centre[1] - half[1]],
        [centre[0] + half[0], centre[1] + half[1]],
        3,
    )
}

/// strikemap's side: the store from the file's geometries, then outlines and fills of `keys`.
pub fn strikemap(geometries: &[Geometry<f64>], keys: &[TileKey]) {
    let mut times = Vec::new();
    let mut store = None;
    for _ in 0..RUNS {
        drop(store.take());
        let input = geometries.to_vec();
        let (built, elapsed) = timed(|| GeometryStore::build(input));
        times.push(elapsed);
        store = Some(built);
    }
    let store = store.expect("RUNS > 0");
    print_ms("strikemap_store_ms", median_ms(&times));

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let (bytes, elapsed) = timed(|| {
            keys.iter()
                .map(|key| build_outline(&store, key).bytes() + build_fill(&store, key).bytes())
                .sum::<usize>()
        });
        black_box(bytes);
        times.push(elapsed);
    }
    print_ms("strikemap_tiles_zoom3_ms", median_ms(&times));
}

/// The file as geojson 0.24, which geojson-vt-rs takes.
fn parse_geojson024(path: &Path) -> Result<geojson024::GeoJson, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    text.parse().map_err(|e| format!("{e}"))
}

/// One geojson-vt-rs run: index the file, then get every tile of `keys` from it. Returns the
/// two times; the index is dropped before returning so the next run starts clean.
fn vt_run(geojson: &geojson024::GeoJson, keys: &[TileKey]) -> (Duration, Duration) {
    let (mut index, index_time) = timed(|| GeoJSONVT::from_geojson(geojson, &Options::default()));
    let (features, tiles_time) = timed(|| {
        keys.iter()
            .map(|key| {
                let x = key.x.rem_euclid(1 << key.z) as u32;
                index
                    .get_tile(key.z, x, key.y as u32)
                    .features
                    .features
                    .len()
            })
            .sum::<usize>()
    });
    black_box(features);
    drop(index);
    (index_time, tiles_time)
}

/// One run on its own thread, so that a panic or a run over [`VT_TIMEOUT`] becomes an error
/// (a run past the timeout is left behind; this is the last measurement before exit).
fn vt_run_guarded(
    geojson: &Arc<geojson024::GeoJson>,
    keys: &[TileKey],
) -> Result<(Duration, Duration), String> {
    let (tx, rx) = mpsc::channel();
    let (geojson, keys) = (Arc::clone(geojson), keys.to_vec());
    std::thread::spawn(move || {
        let result = catch_unwind(AssertUnwindSafe(|| vt_run(&geojson, &keys)))
            .map_err(|payload| format!("panicked: {}", panic_message(&*payload)));
        let _ = tx.send(result);
    });
    match rx.recv_timeout(VT_TIMEOUT) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("took over {} s", VT_TIMEOUT.as_secs()))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err("thread ended without a result".into()),
    }
}

/// geojson-vt-rs's side: parse as geojson 0.24, then index and tile, median of up to
/// [`RUNS`] runs (one, if a run is over [`VT_REPEAT_LIMIT`]).
pub fn geojsonvt(path: &Path, keys: &[TileKey]) {
    let (parsed, elapsed) = timed(|| parse_geojson024(path));
    let geojson = match parsed {
        Ok(geojson) => Arc::new(geojson),
        Err(reason) => return print_failed("geojsonvt_index_ms", reason),
    };
    print_ms("geojson024_parse_ms", elapsed.as_secs_f64() * 1000.0);
    let (mut index_times, mut tile_times) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        match vt_run_guarded(&geojson, keys) {
            Ok((index, tiles)) => {
                index_times.push(index);
                tile_times.push(tiles);
                if index + tiles > VT_REPEAT_LIMIT {
                    break;
                }
            }
            Err(reason) => {
                print_failed("geojsonvt_index_ms", reason);
                return;
            }
        }
    }
    print_ms("geojsonvt_index_ms", median_ms(&index_times));
    print_ms("geojsonvt_tiles_zoom3_ms", median_ms(&tile_times));
    print_value("geojsonvt_runs", index_times.len());
}
