//! Filters and styles in the window: a filter change is computed off the UI thread while frames
//! go on and the previous picture stays; the layer list says how many are shown, the legend's
//! counts follow, a click on a legend entry hides its value, and the table, search and
//! Previous/Next keep to what is shown.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::write;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::data::thematic::{ColumnFilter, FilterRule, StyleRule};
use strikemap::{AppConfig, StrikemapApp};

const TYPES: [&str; 3] = ["Battles", "Protests", "Riots"];

/// An ACLED-style CSV of `n` events in Balochistan.
fn csv(n: usize) -> String {
    let mut out = String::from(
        "event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,fatalities\n",
    );
    for i in 0..n {
        out += &format!(
            "PAK{i},2024-01-{:02},{},Actor {},Place{i},{:.4},{:.4},{}\n",
            1 + i % 28,
            TYPES[i % 3],
            i % 4,
            27.0 + (i % 97) as f64 * 0.02,
            63.0 + (i % 89) as f64 * 0.03,
            i % 7
        );
    }
    out
}

fn open(n: usize) -> (tempfile::TempDir, Harness<'static, StrikemapApp>) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "events.csv", &csv(n));
    let config = AppConfig {
        files: vec![path],
        ..AppConfig::default()
    };
    (dir, common::harness_with(config).0)
}

#[test]
fn a_filter_is_computed_while_frames_go_on_and_everything_follows_it() {
    let n = 60_000;
    let (_dir, mut harness) = open(n);
    let layer = &harness.state().user_layers().layers[0];
    assert_eq!(layer.shown_count(), n);
    assert_eq!(
        layer.theme.settings.style,
        StyleRule::Categorized {
            column: "event_type".into()
        },
        "an ACLED file starts coloured by event type"
    );
    assert!(
        harness
            .query_by_label_contains("Battles (20,000 of 20,000)")
            .is_some()
    );
    harness.state_mut().user_layers_mut().layers[0]
        .theme
        .settings
        .filters
        .push(ColumnFilter::new("event_type", FilterRule::only("Battles")));
    harness.step();
    // The frame that asked for the change still shows the previous result.
    assert_eq!(harness.state().user_layers().layers[0].shown_count(), n);
    assert!(harness.state().user_layers().layers[0].theme.is_computing());
    let frames = common::until_applied(&mut harness);
    assert!(frames >= 1, "the computation ran across frames");
    let layer = &harness.state().user_layers().layers[0];
    assert_eq!(layer.shown_count(), n / 3);
    assert!(harness.query_by_label("20,000 of 60,000 shown").is_some());
    assert!(
        harness
            .query_by_label_contains("Protests (0 of 20,000)")
            .is_some()
    );
    // Points of a hidden type are neither searched nor stepped to.
    let hits = harness.state().search_hits("Place1");
    assert!(!hits.is_empty());
    for hit in &hits {
        if let strikemap::ui::search::Target::Feature { index, .. } = hit.target {
            assert_eq!(index % 3, 0, "feature {index} is a battle");
        }
    }
    let points = layer.points.as_ref().unwrap();
    let mut at = None;
    for _ in 0..50 {
        at = points.step_by_date(at, true);
        assert_eq!(at.unwrap() % 3, 0, "Next goes to battles only");
    }
    // "Clear filters" is one click.
    harness.get_by_label("Clear filters").click();
    common::until_applied(&mut harness);
    assert_eq!(harness.state().user_layers().layers[0].shown_count(), n);
}

#[test]
fn a_click_on_a_legend_entry_hides_its_value_and_the_table_follows() {
    let (_dir, mut harness) = open(3000);
    harness
        .get_by_label_contains("Riots (1,000 of 1,000)")
        .click();
    common::until_applied(&mut harness);
    let layer = &harness.state().user_layers().layers[0];
    assert_eq!(layer.shown_count(), 2000);
    assert!(!layer.theme.settings.filters[0].rule.keeps_value("Riots"));
    assert!(harness.query_by_label("2,000 of 3,000 shown").is_some());
    harness.get_by_label("Table").click();
    harness.run_steps(2);
    let mut frames = 0;
    while harness
        .query_by_label_contains("2,000 of 3,000 rows")
        .is_none()
        && frames < 10_000
    {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(
        harness
            .query_by_label_contains("2,000 of 3,000 rows")
            .is_some(),
        "the table shows the rows shown"
    );
    // Clicked again, the value comes back.
    harness.get_by_label_contains("Riots (0 of 1,000)").click();
    common::until_applied(&mut harness);
    assert_eq!(harness.state().user_layers().layers[0].shown_count(), 3000);
}
