//! `strikemap check` for vector tile sources: open the archive (or tile URL) as the app would,
//! say what its header and metadata give (zooms, bounds, layers, compression, tile count),
//! and decode the tiles of its first zoom that cover its bounds, counting features per layer,
//! so a broken archive, a server that ignores range requests or a bad tile is found before a
//! map is made from it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use super::{Http, HttpSettings, Location, TileAddress, VectorTileSource, key};

/// Most tiles decoded for the report.
const SAMPLE_TILES: usize = 4;

/// What a check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub text: String,
    pub json: Value,
    /// Opened, and its sample tiles decoded.
    pub usable: bool,
}

/// Check the source at `text` (a `.pmtiles` path, a PMTiles URL or a tile URL template).
pub fn check(text: &str, user_agent: &str) -> Report {
    let refused = |why: String| Report {
        text: format!("{text}: NOT USABLE: {why}\n"),
        json: json!({"file": text, "usable": false, "error": why}),
        usable: false,
    };
    let location = match Location::parse(text) {
        Ok(location) => location,
        Err(why) => return refused(why),
    };
    let http = match Http::new(HttpSettings::new(user_agent)) {
        Ok(http) => Arc::new(http),
        Err(why) => return refused(why),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return refused(err.to_string()),
    };
    runtime.block_on(async {
        match VectorTileSource::open(&location, Some(http)).await {
            Ok(source) => report(text, &source).await,
            Err(why) => refused(why),
        }
    })
}

async fn report(text: &str, source: &VectorTileSource) -> Report {
    let info = source.info();
    let z = info.min_zoom;
    let mut per_layer: BTreeMap<String, usize> = BTreeMap::new();
    let (mut decoded, mut empty, mut problems) = (0, 0, Vec::new());
    let mut sampled_from = 0;
    for at in sample(info.bounds, z) {
        match source.decoded(at).await {
            Ok(Some(tile)) => {
                decoded += 1;
                for feature in &tile.features {
                    let name = tile.layers.get(feature.layer as usize).cloned();
                    *per_layer.entry(name.unwrap_or_default()).or_default() += 1;
                }
                sampled_from += tile.sampled_from.unwrap_or(0);
                problems.extend(
                    tile.skipped
                        .iter()
                        .map(|s| format!("tile {}: {s}", key(at))),
                );
            }
            Ok(None) => empty += 1,
            Err(why) => problems.push(format!("tile {}: {why}", key(at))),
        }
    }
    let usable = decoded + empty > 0 && problems.is_empty();
    let counts: Vec<String> = per_layer.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let mut out = format!(
        "{text}: {}{}, zoom {}–{}{}{}; layers {}\n",
        info.kind,
        info.name
            .as_ref()
            .map(|n| format!(" \"{n}\""))
            .unwrap_or_default(),
        info.min_zoom,
        info.max_zoom,
        info.tile_entries
            .map(|n| format!(", {n} {}", info.entries_unit()))
            .unwrap_or_default(),
        info.bounds.map_or(String::new(), |[w, s, e, n]| format!(
            "; bounds {w:.5}, {s:.5} to {e:.5}, {n:.5} (lon, lat)"
        )),
        if info.layers.is_empty() {
            "not listed".to_owned()
        } else {
            info.layers.join(", ")
        },
    );
    out.push_str(&format!(
        "  zoom {z}: {decoded} tiles decoded, {empty} empty; features {}{}\n",
        if counts.is_empty() {
            "none".to_owned()
        } else {
            counts.join(", ")
        },
        if sampled_from > 0 {
            format!(" (an even sample of about {sampled_from}, read through the index)")
        } else {
            String::new()
        }
    ));
    if let Some(attribution) = &info.attribution {
        out.push_str(&format!("  attribution: {attribution}\n"));
    }
    for problem in &problems {
        out.push_str(&format!("  problem: {problem}\n"));
    }
    let json = json!({
        "file": text, "usable": usable, "format": info.kind, "name": info.name,
        "min_zoom": info.min_zoom, "max_zoom": info.max_zoom, "bounds": info.bounds,
        "layers": info.layers, "tiles": info.tile_entries, "compression": info.tile_compression,
        "sample_zoom": z, "sample_features": per_layer, "problems": problems,
    });
    Report {
        text: out,
        json,
        usable,
    }
}

/// Up to [`SAMPLE_TILES`] tiles of zoom `z` over `bounds` (the whole world if unknown).
fn sample(bounds: Option<[f64; 4]>, z: u8) -> Vec<TileAddress> {
    let [west, south, east, north] = bounds.unwrap_or([-180.0, -85.0, 180.0, 85.0]);
    let nw = TileAddress::containing(west, north, z);
    let se = TileAddress::containing(east, south, z);
    let mut tiles = Vec::new();
    for y in nw.y..=se.y {
        for x in nw.x..=se.x {
            if tiles.len() < SAMPLE_TILES {
                tiles.push(TileAddress { z, x, y });
            }
        }
    }
    tiles
}
