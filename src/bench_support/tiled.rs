//! What a tiled layer costs on the user's path: the app started with a PMTiles archive on its
//! command line (from disk, or by URL from a loopback server), until its first features are
//! drawn and until the start view is complete; and the bytes each view fetches over HTTP.

use std::path::Path;
use std::time::Duration;

use super::FrameRig;
use super::range_server::RangeServer;
use crate::map::tiled::SourceState;
use crate::map::tiles::Basemap;
use crate::{AppConfig, CacheChoice, StrikemapApp, TileConfig};

/// Longest wait for a view; only a bug takes this long.
const LIMIT: Duration = Duration::from_secs(120);

/// The first tiled features drawn, and the start view complete.
#[derive(Debug, Clone, Copy)]
pub struct FirstDraw {
    pub first: Duration,
    pub complete: Duration,
}

/// A loopback server with the archive at `good/NAME`, and the URL to it.
pub fn serve(archive: &Path) -> Result<(RangeServer, String), String> {
    let bytes = std::fs::read(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let name = archive.file_name().map_or_else(
        || "archive.pmtiles".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let server = RangeServer::start(vec![(&name, bytes)], archive.to_path_buf())
        .map_err(|e| format!("cannot serve on loopback: {e}"))?;
    let url = server.url(&format!("good/{name}"));
    Ok((server, url))
}

/// The app with the archive opened from disk (`url: None`, offline) or by `url` (online, no
/// basemap tiles, no disk cache).
pub fn config(archive: &Path, url: Option<&str>) -> AppConfig {
    match url {
        None => AppConfig {
            tiles: TileConfig::offline(),
            files: vec![archive.to_path_buf()],
            ..AppConfig::default()
        },
        Some(url) => AppConfig {
            tiles: TileConfig {
                basemap: Basemap::Offline,
                cache: CacheChoice::Off,
                ..TileConfig::default()
            },
            layer_urls: vec![url.to_owned()],
            ..AppConfig::default()
        },
    }
}

/// Whether the first tiled layer has drawn something (or failed, which ends the wait).
fn drawn(app: &StrikemapApp) -> bool {
    app.tiled_layers()
        .layers
        .first()
        .is_none_or(|l| matches!(l.state, SourceState::Failed(_)) || l.counts().ready > 0)
}

/// Start the app with `config` and time its first tiled features and its complete start view.
pub fn first_draw(config: AppConfig) -> Result<(FirstDraw, FrameRig), String> {
    let mut rig = FrameRig::start(config);
    let first = rig.until(LIMIT, drawn);
    let rest = rig.until(LIMIT, |app| app.pending_tiles() == 0);
    if let Some(SourceState::Failed(why)) =
        rig.app().tiled_layers().layers.first().map(|l| &l.state)
    {
        return Err(why.clone());
    }
    Ok((
        FirstDraw {
            first,
            complete: first + rest,
        },
        rig,
    ))
}

/// Bytes the first tiled layer has fetched so far.
pub fn fetched(app: &StrikemapApp) -> u64 {
    let layer = app.tiled_layers().layers.first();
    layer
        .and_then(|l| l.network())
        .map_or(0, |(bytes, _, _)| bytes)
}

/// Bytes fetched to show each of `views` in turn (each complete before the next).
pub fn bytes_per_view(rig: &mut FrameRig, views: &[(f64, f64, f64)]) -> Vec<u64> {
    views
        .iter()
        .map(|&view| {
            let before = fetched(rig.app());
            rig.set_view(view);
            fetched(rig.app()).saturating_sub(before)
        })
        .collect()
}

/// Runs of each first-draw measurement.
const RUNS: usize = 3;

/// The tiled benchmark's lines for `archive`: first draw and complete start view, from disk
/// and over loopback HTTP; frames at rest and panning at zoom 3 and 7; bytes per view.
pub fn lines(archive: &Path) -> Result<(), String> {
    // A GeoPackage is SQLite: it cannot be read by range requests, so it is not served.
    let local_only = archive
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gpkg"));
    let served = if local_only {
        None
    } else {
        Some(serve(archive)?)
    };
    let url = served.as_ref().map(|(_, url)| url.as_str());
    let sources = [("local", None), ("http", url)];
    for (name, url) in sources {
        if name == "http" && url.is_none() {
            continue;
        }
        let mut firsts = Vec::new();
        let mut completes = Vec::new();
        for _ in 0..RUNS {
            let (times, _) = first_draw(config(archive, url))?;
            firsts.push(times.first);
            completes.push(times.complete);
        }
        println!(
            "first_draw_ms_{name} {:.1}",
            millis(super::median(&mut firsts))
        );
        println!(
            "start_view_ms_{name} {:.1}",
            millis(super::median(&mut completes))
        );
    }
    let (_, rig) = first_draw(config(archive, None))?;
    if let Some(bounds) = rig.app().view_bounds() {
        if archive.extension().is_some_and(|e| e == "parquet") {
            super::gdal::geopandas_start_view_lines(archive, bounds);
        } else {
            super::gdal::start_view_lines(archive, bounds);
        }
        let shown: usize = tiles_drawn(rig.app());
        println!("start_view_features_drawn {shown}");
    }
    drop(rig);
    let Some((server, url)) = served else {
        return frame_lines(archive);
    };
    let (_, mut rig) = first_draw(config(archive, Some(&url)))?;
    let start = fetched(rig.app());
    let views = [
        (60.0, 30.0, 3.0),
        (64.0, 28.0, 7.0),
        (64.5, 28.0, 7.0),
        (61.0, 29.5, 10.0),
    ];
    let bytes = bytes_per_view(&mut rig, &views);
    println!("bytes_start_view {start}");
    for ((lon, lat, zoom), bytes) in views.iter().zip(bytes) {
        println!("bytes_view_{lon}_{lat}_z{zoom} {bytes}");
    }
    println!(
        "bytes_served_total {}",
        server.bytes.load(std::sync::atomic::Ordering::SeqCst)
    );
    frame_lines(archive)
}

/// Features in the first tiled layer's tiles held now.
fn tiles_drawn(app: &StrikemapApp) -> usize {
    app.tiled_layers()
        .layers
        .first()
        .map_or(0, |l| l.counts().features_in_view)
}

/// Frames at rest and panning at zoom 3 and 7.
fn frame_lines(archive: &Path) -> Result<(), String> {
    for (name, view) in [("zoom3", (60.0, 30.0, 3.0)), ("zoom7", (64.0, 28.0, 7.0))] {
        let frames = super::frames(Some(archive), view)?;
        println!("frame_ms_{name} {:.2}", millis(frames.at_rest));
        println!("pan_ms_{name} {:.2}", millis(frames.pan));
        println!(
            "pan_frames_with_tiles_pending_{name} {} of {}",
            frames.pan_incomplete,
            super::FRAMES
        );
    }
    Ok(())
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
