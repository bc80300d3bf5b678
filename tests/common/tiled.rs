//! The app with tiled layers (PMTiles, tile URLs, FlatGeobuf, GeoPackage) opened, run until
//! they have settled.

use egui_kittest::Harness;
use strikemap::map::tiled::SourceState;
use strikemap::map::tiles::Basemap;
use strikemap::{AppConfig, CacheChoice, StrikemapApp, TileConfig};

/// The app online with its view at `lon`, `lat`, `zoom`, then `url` opened there as a tiled
/// layer (as File → Open URL… does), run until it has settled; the layer is asserted to be
/// of `kind`.
pub fn opened_at(
    url: &str,
    (lon, lat, zoom): (f64, f64, f64),
    kind: &str,
) -> Harness<'static, StrikemapApp> {
    let mut harness = online(Vec::new());
    harness.state_mut().set_view(lon, lat, zoom);
    harness.run_steps(2);
    let context = harness.ctx.clone();
    harness.state_mut().open_tiled(url, &context);
    harness.run_steps(2);
    settle_tiles(&mut harness);
    let layer = &harness.state().tiled_layers().layers[0];
    assert_eq!(
        layer.info().map(|i| i.kind),
        Some(kind),
        "{:?}",
        layer.state
    );
    harness
}

/// The app online (no basemap tiles, no disk cache), with `urls` opened as tiled layers.
pub fn online(urls: Vec<String>) -> Harness<'static, StrikemapApp> {
    let config = AppConfig {
        tiles: TileConfig {
            basemap: Basemap::Offline,
            cache: CacheChoice::Off,
            ..TileConfig::default()
        },
        layer_urls: urls,
        ..AppConfig::default()
    };
    let mut harness = super::harness_sized(config, [1400.0, 900.0]).0;
    settle_tiles(&mut harness);
    harness
}

/// Run frames until every tiled layer has opened (or failed) and no tile is loading.
pub fn settle_tiles(harness: &mut Harness<'static, StrikemapApp>) {
    for _ in 0..20_000 {
        let busy = harness.state().tiled_layers().layers.iter().any(|l| {
            l.state == SourceState::Opening || (l.info().is_some() && l.counts().pending > 0)
        });
        if !busy {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    harness.run_steps(2);
}

/// The names of the export legend's tiled rows.
pub fn legend_names(harness: &Harness<'static, StrikemapApp>) -> Vec<String> {
    harness
        .state()
        .tiled_legend_rows()
        .into_iter()
        .map(|r| r.name)
        .collect()
}
