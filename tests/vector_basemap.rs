//! A vector basemap as a user meets it: `--basemap-pmtiles` with a Protomaps-schema archive
//! (tests/fixtures/vector_tiles/basemap.pmtiles, made by `tools/make_tile_fixtures.sh
//! basemap` from the bundled data) drawn offline, its places named in the label language
//! chosen, its credit on the map; and a remote one refused offline without a request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::atomic::Ordering;

use strikemap::bench_support::range_server::RangeServer;
use strikemap::data::local_names::LabelLanguage;
use strikemap::map::tiled::SourceState;
use strikemap::map::tiles::Basemap;
use strikemap::{AppConfig, StrikemapApp, TileConfig};

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vector_tiles/basemap.pmtiles")
        .display()
        .to_string()
}

fn app(vector: String) -> egui_kittest::Harness<'static, StrikemapApp> {
    let config = AppConfig {
        tiles: TileConfig {
            basemap: Basemap::Vector,
            vector: Some(vector),
            ..TileConfig::offline()
        },
        ..AppConfig::default()
    };
    let mut harness = common::harness_sized(config, [1400.0, 900.0]).0;
    settle(&mut harness);
    harness
}

/// Frames until the basemap has opened (or failed) and loaded its view.
fn settle(harness: &mut egui_kittest::Harness<'static, StrikemapApp>) {
    for _ in 0..20_000 {
        let busy = match harness.state().vector_basemap() {
            None => true,
            Some(Err(_)) => false,
            Some(Ok(basemap)) => {
                basemap.layer.state == SourceState::Opening || basemap.layer.counts().pending > 0
            }
        };
        if !busy {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    harness.run_steps(3);
}

#[test]
fn a_protomaps_basemap_draws_offline_and_names_its_places_in_the_chosen_language() {
    let mut harness = app(fixture());
    let basemap = harness.state().vector_basemap().unwrap().as_ref().unwrap();
    let info = basemap.layer.info().expect("the basemap opened");
    assert_eq!(info.layers, ["boundaries", "earth", "places"]);
    assert!(basemap.layer.counts().ready > 0);
    // The tiles' own places are named (Quetta is in its places layer), and their credit shows.
    let english = common::map_text(&harness);
    assert!(english.iter().any(|t| t == "Quetta"), "{english:?}");
    assert!(
        english
            .iter()
            .any(|t| t.contains("Natural Earth; GeoNames")),
        "{english:?}"
    );
    // In local names, Quetta is in Urdu, as in Pakistan.
    harness.state_mut().set_label_language(LabelLanguage::Local);
    harness.run_steps(3);
    let local = common::map_text(&harness);
    let urdu = strikemap::text::visual("کوئٹہ").into_owned();
    assert!(local.contains(&urdu), "{local:?}");
    assert!(!local.iter().any(|t| t == "Quetta"), "{local:?}");
}

#[test]
fn a_remote_basemap_is_refused_offline_without_a_request() {
    let bytes = std::fs::read(fixture()).unwrap();
    let server = RangeServer::start(vec![("basemap.pmtiles", bytes)], fixture().into()).unwrap();
    let harness = app(server.url("good/basemap.pmtiles"));
    let basemap = harness.state().vector_basemap().unwrap().as_ref().unwrap();
    match &basemap.layer.state {
        SourceState::Failed(why) => assert!(why.contains("offline"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests.load(Ordering::SeqCst), 0);
    // The bundled basemap still draws: its towns are named.
    let text = common::map_text(&harness);
    assert!(text.iter().any(|t| t == "Quetta"), "{text:?}");
}
