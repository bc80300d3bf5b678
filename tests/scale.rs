//! Files of the size users bring, in the window: clustered points whose counts add up at every
//! zoom and follow the time bar, clusters that open up or list their events when clicked,
//! single events with their details, a time bar histogram that counts right, frames that keep
//! coming while a large file loads, and a file too large for memory refused before reading.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::generate::{self, LONE, STACK};
use common::{click_at, harness_with, settle, write};
use egui_kittest::kittest::Queryable;
use strikemap::AppConfig;
use strikemap::data::event_columns::day_number;
use strikemap::map::points::PointLayer;
use strikemap::map::points::cluster::MAX_LEVEL;
use strikemap::ui::timeline::bins;

type Harness = egui_kittest::Harness<'static, strikemap::StrikemapApp>;

/// The harness with `n` generated events opened, and the events.
fn opened(
    n: usize,
) -> (
    egui_kittest::Harness<'static, strikemap::StrikemapApp>,
    Vec<generate::Event>,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let events = generate::events(n);
    let path = write(dir.path(), "acled.geojson", &generate::geojson(&events));
    let (harness, _) = harness_with(AppConfig {
        files: vec![path],
        ..AppConfig::default()
    });
    (harness, events, dir)
}

fn points<'a>(
    harness: &'a egui_kittest::Harness<'static, strikemap::StrikemapApp>,
) -> &'a PointLayer {
    harness.state().user_layers().layers[0]
        .points
        .as_ref()
        .expect("the file's points")
}

#[test]
fn cluster_counts_add_up_to_the_shown_points_at_every_zoom_and_follow_the_dates() {
    let (mut harness, events, _dir) = opened(6000);
    let total = events.len();
    assert!(
        harness
            .query_by_label_contains(&format!("{} points, clustered", "6,006"))
            .is_some()
    );
    for level in 0..=MAX_LEVEL {
        let counts = points(&harness).shown_per_cluster(level);
        assert_eq!(counts.iter().sum::<u32>() as usize, total, "level {level}");
    }
    assert!(
        points(&harness).shown_per_cluster(3).len() < 20,
        "clustered at zoom 3"
    );
    // The time bar's range: only 2013's events, counted from the generated data.
    let (from, to) = (
        NaiveDate::from_ymd_opt(2013, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2013, 12, 31).unwrap(),
    );
    harness.state_mut().timeline_mut().set_range(from, to);
    common::until_applied(&mut harness);
    let in_2013 = events
        .iter()
        .filter(|e| (from..=to).contains(&e.date))
        .count();
    assert!(in_2013 > 300 && in_2013 < 600, "{in_2013}");
    for level in 0..=MAX_LEVEL {
        let counts = points(&harness).shown_per_cluster(level);
        assert_eq!(
            counts.iter().sum::<u32>() as usize,
            in_2013,
            "level {level}"
        );
    }
    assert!(
        harness
            .query_by_label_contains(&format!(": {in_2013} of 6,011 events"))
            .is_some(),
        "the summary counts what is shown (the story's five events are in 2024)"
    );
}

#[test]
fn the_histogram_counts_match_the_events() {
    let (harness, events, _dir) = opened(3000);
    let timeline = harness.state().timeline();
    // The span covers the generated events and the story's (16–29 January 2024).
    let story_last = NaiveDate::from_ymd_opt(2024, 1, 29).unwrap();
    let first = events.iter().map(|e| e.date).min().unwrap();
    let last = events.iter().map(|e| e.date).max().unwrap().max(story_last);
    assert_eq!((timeline.first, timeline.last), (first, last));
    let unit = timeline.unit();
    assert_eq!(
        unit,
        strikemap::ui::timeline::BinUnit::Month,
        "15 years in months"
    );
    let layer = points(&harness);
    for bin in bins(timeline.first, timeline.last, unit) {
        let expected = events
            .iter()
            .filter(|e| (bin.first..=bin.last).contains(&day_number(e.date)))
            .count();
        let counted: usize = layer.count_between(bin.first, bin.last).iter().sum();
        assert_eq!(counted, expected, "bin starting on day {}", bin.first);
    }
}

/// Centre the map on `(lon, lat)` at `zoom`, with everything drawn.
fn look_at(harness: &mut Harness, (lon, lat): (f64, f64), zoom: f64) {
    harness.state_mut().set_view(lon, lat, zoom);
    settle(harness);
}

/// The screen position of the first marker at the current zoom matching `pick`.
fn marker_where(
    harness: &egui_kittest::Harness<'static, strikemap::StrikemapApp>,
    pick: impl Fn(u32, u8) -> bool,
) -> Option<(egui::Pos2, u32, u8)> {
    let level = PointLayer::level_of(harness.state().zoom());
    let rect = harness.state().map_rect()?.shrink(60.0);
    // The story's markers are drawn on top and take the click: keep clear of them.
    let story: Vec<egui::Pos2> = harness
        .state()
        .story()
        .events
        .iter()
        .filter_map(|e| harness.state().marker_screen_pos(&e.id))
        .collect();
    points(harness)
        .markers(level)
        .into_iter()
        .filter(|(_, count, expands)| pick(*count, *expands))
        .filter_map(|([lon, lat], count, expands)| {
            let pos = harness.state().screen_pos(lon, lat)?;
            let clear = story.iter().all(|s| s.distance(pos) > 40.0);
            (rect.contains(pos) && clear).then_some((pos, count, expands))
        })
        .max_by_key(|(_, count, _)| *count)
}

#[test]
fn clicking_a_cluster_zooms_to_where_it_opens_up() {
    let (mut harness, _, _dir) = opened(6000);
    look_at(&mut harness, (61.0, 29.5), 4.0);
    let (pos, count, expands) = marker_where(&harness, |count, expands| {
        count > 100 && expands <= MAX_LEVEL
    })
    .expect("a cluster in view");
    let before = harness.state().zoom();
    click_at(&mut harness, pos);
    harness.run_steps(60);
    let after = harness.state().zoom();
    assert!(
        after >= f64::from(expands) && after > before,
        "{before} → {after} ({count} points)"
    );
    assert!(
        harness.state().identified().is_none(),
        "a cluster is not a feature"
    );
}

#[test]
fn a_stack_that_never_parts_lists_its_events_and_one_opens_its_details() {
    let (mut harness, _, _dir) = opened(300);
    look_at(&mut harness, STACK, 20.0);
    let (pos, count, _) = marker_where(&harness, |count, _| count == 5).expect("the stack");
    assert_eq!(count, 5);
    click_at(&mut harness, pos);
    assert!(
        harness
            .query_by_label_contains("5 events at one place")
            .is_some()
    );
    let links = harness.query_all_by_label_contains("Stackton").count();
    assert_eq!(links, 5, "each listed");
    harness
        .get_all_by_label_contains("Stackton")
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    let identified = harness
        .state()
        .identified()
        .expect("one of them identified");
    assert!(identified.index >= 300 && identified.index < 305);
    assert!(harness.query_all_by_label_contains("2015-06-01").count() >= 1);
}

#[test]
fn a_single_event_opens_its_details_and_the_dates_hide_and_unclick_it() {
    let (mut harness, events, _dir) = opened(300);
    look_at(&mut harness, LONE, 9.0);
    let (pos, count, _) = marker_where(&harness, |count, _| count == 1).expect("the lone event");
    assert_eq!(count, 1);
    click_at(&mut harness, pos);
    let identified = harness.state().identified().expect("identified");
    assert_eq!(identified.index, events.len() - 1);
    // The heading and the location property; the kind in the header and its property.
    assert!(harness.query_all_by_label("Testville").count() >= 2);
    assert!(harness.query_all_by_label("Riots").count() >= 2);
    assert!(
        harness
            .query_by_label_contains("Source: Test Wire")
            .is_some()
    );
    // A range without it hides it and ends its selection.
    harness.state_mut().timeline_mut().set_range(
        NaiveDate::from_ymd_opt(2015, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2015, 12, 31).unwrap(),
    );
    common::until_applied(&mut harness);
    assert!(harness.state().identified().is_none());
    assert!(
        marker_where(&harness, |_, _| true).is_none(),
        "nothing shown there"
    );
}

#[test]
fn frames_keep_coming_while_a_large_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let events = generate::events(150_000);
    let path = write(dir.path(), "large.geojson", &generate::geojson(&events));
    let (harness, frames) = harness_with(AppConfig {
        files: vec![path],
        ..AppConfig::default()
    });
    assert!(frames >= 20, "only {frames} frames while loading");
    assert_eq!(points(&harness).len(), events.len());
}

#[test]
fn a_file_too_large_for_memory_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "events.geojson",
        &generate::geojson(&generate::events(100)),
    );
    let (harness, _) = harness_with(AppConfig {
        files: vec![path],
        max_memory_bytes: Some(32 << 20),
        ..AppConfig::default()
    });
    let state = harness.state().user_layers();
    assert!(state.layers.is_empty());
    let message = state.refused[0].to_string();
    assert!(
        message.contains("would need about 65 MB of memory"),
        "{message}"
    );
    assert!(message.contains("only 32 MB are available"), "{message}");
    assert!(harness.query_by_label_contains("Not opened:").is_some());
}
