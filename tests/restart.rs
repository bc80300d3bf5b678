//! What a restart keeps: dates chosen on an opened file's span (outside the story's days) come
//! back as they were once the file has opened again, instead of being clamped to the story;
//! and the opened layers come back in their order with their colour, opacity, visibility,
//! filters and style.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use strikemap::AppConfig;
use strikemap::data::thematic::{ColumnFilter, FilterRule};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn dates_on_an_opened_files_span_and_the_layers_looks_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("event_id_cnty,event_date,event_type,latitude,longitude\n");
    for i in 0..400 {
        csv += &format!(
            "E{i},{},Battles,{:.3},{:.3}\n",
            day(2015, 1, 1) + chrono::Days::new(i),
            27.0 + (i % 9) as f64 * 0.1,
            63.0 + (i % 7) as f64 * 0.1
        );
    }
    let path = common::write(dir.path(), "old.csv", &csv);
    let other = common::write(dir.path(), "other.csv", &csv.replace(",27.", ",28."));
    let (mut first, _) = common::harness_with(AppConfig {
        files: vec![path, other],
        ..AppConfig::default()
    });
    first
        .state_mut()
        .timeline_mut()
        .set_range(day(2015, 3, 1), day(2015, 4, 1));
    {
        let layers = first.state_mut().user_layers_mut();
        let top = &mut layers.layers[0];
        top.opacity = 0.4;
        top.set_color(egui::Color32::from_rgb(10, 120, 200));
        top.theme
            .settings
            .filters
            .push(ColumnFilter::new("event_type", FilterRule::only("Battles")));
        layers.layers[1].visible = false;
        layers.move_down(0);
    }
    first.run_steps(2);
    let records = first.state().user_layers().records();
    assert_eq!(records.len(), 2);
    assert!(records[1].path.ends_with("other.csv") || records[1].path.ends_with("old.csv"));
    let saved = first.state().save_state();

    let ctx = egui::Context::default();
    let mut second = common::offline_app(&ctx);
    second.restore_state(&saved, &ctx).unwrap();
    let (mut harness, _) = common::harness_of(second, [1400.0, 900.0]);
    harness.run_steps(3);
    let timeline = harness.state().timeline();
    assert_eq!(
        (timeline.from, timeline.to),
        (day(2015, 3, 1), day(2015, 4, 1))
    );
    assert_eq!(harness.state().user_layers().records(), records);
    assert_eq!(harness.state().save_state(), saved);
}
