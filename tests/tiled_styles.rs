//! Categorized and graduated styles on a tiled layer's source layer, as in the layer panel:
//! classes found over the tiles in view by the same classification as a file layer's, kept
//! in the project, listed in the export legend, each feature drawn in its class's colour.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use egui_kittest::kittest::Queryable;
use strikemap::AppConfig;
use strikemap::data::thematic::{Classing, GraduateBy, StyleRule};

fn archive() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vector_tiles/events.pmtiles")
}

#[test]
fn a_tiled_layer_is_categorized_and_graduated_by_its_features_columns() {
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![archive()],
        ..AppConfig::default()
    });
    common::tiled::settle_tiles(&mut harness);
    let layer = &mut harness.state_mut().tiled_layers_mut().layers[0];
    let tiles = layer.ready_in_view();
    let events = layer
        .sublayers
        .iter_mut()
        .find(|s| s.name == "events")
        .expect("the events source layer");
    events.rule = StyleRule::Categorized {
        column: "event_type".into(),
    };
    events.classify(&tiles);
    let classes = events.classes.clone().expect("classes over the view");
    // The classes are the event types the tiles hold, each with its own colour.
    let values: Vec<String> = tiles
        .iter()
        .flat_map(|t| t.features.iter())
        .flat_map(|f| f.properties.iter())
        .filter(|(k, _)| k == "event_type")
        .map(|(_, v)| v.clone())
        .collect();
    assert!(classes.sampled > 10, "{}", classes.sampled);
    let labels: Vec<&str> = classes
        .classification
        .classes
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert!(labels.len() >= 3, "{labels:?}");
    assert!(
        labels
            .iter()
            .all(|l| values.iter().any(|v| v == l) || *l == "Other")
    );
    let first = &classes.classification.classes[0];
    let drawn = classes.color_of(Some(&first.label));
    assert_eq!(
        drawn,
        egui::Color32::from_rgb(first.rgb[0], first.rgb[1], first.rgb[2])
    );
    assert_ne!(classes.color_of(Some(labels[1])), drawn);
    harness.run_steps(3);
    // The panel lists the classes; the export legend has a row per class.
    harness.get_by_label("Refresh classes");
    harness.get_by_label_contains(labels[0]);
    let legend = common::tiled::legend_names(&harness);
    let row = format!("events (tiled) · event_type: {}", labels[0]);
    assert!(legend.iter().any(|n| n.ends_with(&row)), "{legend:?}");
    // The project keeps the style.
    let records = harness.state().tiled_layers().records();
    let kept = records[0]
        .sublayers
        .iter()
        .find(|s| s.name == "events")
        .unwrap();
    assert!(matches!(&kept.rule, StyleRule::Categorized { column } if column == "event_type"));
    graduated_by_fatalities(&mut harness, &tiles);
}

/// Graduated by fatalities: ascending breaks over the numbers in view.
fn graduated_by_fatalities(
    harness: &mut egui_kittest::Harness<'_, strikemap::StrikemapApp>,
    tiles: &[std::sync::Arc<strikemap::map::tiled::built::BuiltTile>],
) {
    let layer = &mut harness.state_mut().tiled_layers_mut().layers[0];
    let events = layer
        .sublayers
        .iter_mut()
        .find(|s| s.name == "events")
        .unwrap();
    events.rule = StyleRule::Graduated {
        column: "fatalities".into(),
        method: Classing::Quantile,
        classes: 4,
        by: GraduateBy::Colour,
    };
    events.classify(tiles);
    let graded = events.classes.clone().expect("graduated classes");
    let breaks = &graded.classification.breaks;
    assert!(
        breaks.len() >= 3 && breaks.windows(2).all(|w| w[0] <= w[1]),
        "{breaks:?}"
    );
    let low = graded.class_of(Some(&breaks[0].to_string()));
    let high = graded.class_of(Some(&breaks[breaks.len() - 1].to_string()));
    assert_eq!(low, Some(0));
    assert_eq!(high, Some(breaks.len() - 2));
}
