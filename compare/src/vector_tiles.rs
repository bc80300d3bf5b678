//! walkers' own PMTiles renderer (features `pmtiles` and `mvt`: `walkers::PmTiles`, which
//! decodes each MVT tile and tessellates it with lyon on its IO thread, for drawing through
//! egui-wgpu) against strikemap's tiled-layer loader (`map::tiled::Loader`: the pmtiles crate,
//! mvt-reader, then strikemap's tile pipeline on the worker pool), on the same archive and the
//! same tiles: those of the story's start view. Times from asking until the first tile and
//! every tile are ready to draw; drawing itself is not timed (walkers' needs a GPU).

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, Instant};

use strikemap::data::formats::vector_tiles::{Location, TileAddress};
use strikemap::map::tiled::{Event, Loader, LoaderSettings};
use walkers::{TileId, Tiles};

use crate::measure::{median_ms, print_failed, print_ms, print_value};

/// Runs of each side; the median is reported.
const RUNS: usize = 3;
/// Longest wait for a view.
const LIMIT: Duration = Duration::from_secs(120);

/// The tiles of zoom `z` over the story's start view (58.2–70.8°E, 22.1–34.6°N).
fn start_view(z: u8) -> Vec<TileAddress> {
    let nw = TileAddress::containing(58.24, 34.57, z);
    let se = TileAddress::containing(70.79, 22.14, z);
    (nw.y..=se.y)
        .flat_map(|y| (nw.x..=se.x).map(move |x| TileAddress { z, x, y }))
        .collect()
}

/// First tile and every tile ready, through walkers' PmTiles.
fn walkers_run(archive: &Path, tiles: &[TileAddress]) -> Result<(Duration, Duration), String> {
    let ctx = egui::Context::default();
    // Every layer of the archive drawn, as strikemap draws it: walkers' default style is
    // empty and would only decode the tiles.
    let all = || walkers::SourceLayer::One(String::new());
    let style = walkers::Style {
        layers: vec![
            walkers::StyleLayer::Fill {
                source_layer: all(),
                filter: None,
                paint: walkers::Paint {
                    fill_color: Some(walkers::Color(walkers::json!("#c8b89a"))),
                    ..walkers::Paint::default()
                },
            },
            walkers::StyleLayer::Line {
                source_layer: all(),
                filter: None,
                paint: walkers::Paint {
                    line_color: Some(walkers::Color(walkers::json!("#8a7a5a"))),
                    line_width: Some(walkers::Float(walkers::json!(1.2))),
                    ..walkers::Paint::default()
                },
            },
            // walkers 0.65 reads Circle layers but does not draw them (mvt.rs): point
            // layers cost it only their decoding.
            walkers::StyleLayer::Circle {
                source_layer: all(),
                filter: None,
            },
        ],
    };
    let mut source = walkers::PmTiles::with_style(archive, style, ctx);
    let ids: Vec<TileId> = tiles
        .iter()
        .map(|t| TileId {
            x: t.x,
            y: t.y,
            zoom: t.z,
        })
        .collect();
    let started = Instant::now();
    let mut first = None;
    while started.elapsed() < LIMIT {
        let ready = ids.iter().filter(|id| source.at(**id).is_some()).count();
        if ready > 0 && first.is_none() {
            first = Some(started.elapsed());
        }
        if ready == ids.len() {
            return Ok((first.unwrap_or_default(), started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Err("walkers did not load every tile within the limit".to_owned())
}

/// First tile and every tile built, through strikemap's loader.
fn strikemap_run(archive: &Path, tiles: &[TileAddress]) -> Result<(Duration, Duration), String> {
    let settings = LoaderSettings {
        // As the app reads a tiled layer (`TileLayer::vector_settings`).
        max_parallel: 6,
        ..LoaderSettings::default()
    };
    let started = Instant::now();
    let loader = Loader::start(Location::File(archive.to_path_buf()), &settings, None)?;
    loader.set_wanted(tiles.iter().copied().collect::<HashSet<_>>());
    tiles.iter().for_each(|t| loader.request(*t));
    let (mut first, mut done) = (None, 0);
    while started.elapsed() < LIMIT {
        for event in loader.poll() {
            match event {
                Event::Tile(..) | Event::Dropped(_) => {
                    first.get_or_insert(started.elapsed());
                    done += 1;
                }
                Event::OpenFailed(why) => return Err(why),
                Event::Opened(_) => {}
            }
        }
        if done == tiles.len() {
            return Ok((first.unwrap_or_default(), started.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Err("strikemap did not load every tile within the limit".to_owned())
}

/// Both sides on `archive`, at the start view's tile zooms (strikemap draws zoom 6 tiles there;
/// walkers, with 512-point tiles, zoom 6 too).
pub fn compare(archive: &Path) {
    println!("# strikemap-compare {} (vector tiles)", archive.display());
    for z in [6u8, 8] {
        let tiles = start_view(z);
        print_value(&format!("tiles_start_view_z{z}"), tiles.len());
        type Run = fn(&Path, &[TileAddress]) -> Result<(Duration, Duration), String>;
        let sides: [(&str, Run); 2] = [
            ("walkers_pmtiles", walkers_run),
            ("strikemap_tiled", strikemap_run),
        ];
        for (name, run) in sides {
            let results: Result<Vec<_>, String> = (0..RUNS).map(|_| run(archive, &tiles)).collect();
            match results {
                Ok(times) => {
                    let firsts: Vec<Duration> = times.iter().map(|t| t.0).collect();
                    let alls: Vec<Duration> = times.iter().map(|t| t.1).collect();
                    print_ms(&format!("{name}_first_tile_ms_z{z}"), median_ms(&firsts));
                    print_ms(&format!("{name}_all_tiles_ms_z{z}"), median_ms(&alls));
                }
                Err(why) => print_failed(&format!("{name}_z{z}"), why),
            }
        }
    }
}
