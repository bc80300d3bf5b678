//! Exploring the story: the time bar filters markers, ←/→ walk through the events in time,
//! computed distances show in the details, the view can be given on the command line.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{click_at, selected_id};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use strikemap::{AppConfig, StrikemapApp, TileConfig};

fn harness_with(config: AppConfig) -> Harness<'static, StrikemapApp> {
    common::harness_sized(config, [1400.0, 900.0]).0
}

fn harness() -> Harness<'static, StrikemapApp> {
    harness_with(AppConfig {
        tiles: TileConfig::offline(),
        ..AppConfig::default()
    })
}

fn selected(harness: &Harness<'_, StrikemapApp>) -> Option<String> {
    selected_id(harness)
}

fn date(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
}

const SARAVAN: &str = "2024-01-18-pakistan-strikes-saravan";
const PANJGUR: &str = "2024-01-16-iran-strikes-panjgur";

#[test]
fn the_time_bar_spans_the_story_and_its_range_hides_later_markers() {
    let mut harness = harness();
    let timeline = harness.state().timeline();
    assert_eq!((timeline.first, timeline.last), (date(16), date(29)));
    assert!(harness.query_by_label_contains("5 of 5 events").is_some());
    let saravan = harness.state().marker_screen_pos(SARAVAN).unwrap();
    harness
        .state_mut()
        .timeline_mut()
        .set_range(date(16), date(17));
    harness.run();
    assert!(harness.query_by_label_contains("1 of 5 events").is_some());
    // Out of range: not clickable (and not drawn: the click goes to the province beneath).
    click_at(&mut harness, saravan);
    assert_eq!(selected(&harness), None);
    let panjgur = harness.state().marker_screen_pos(PANJGUR).unwrap();
    click_at(&mut harness, panjgur);
    assert_eq!(selected(&harness).as_deref(), Some(PANJGUR));
    harness.get_by_label("All dates").click();
    harness.run();
    click_at(&mut harness, saravan);
    assert_eq!(selected(&harness).as_deref(), Some(SARAVAN));
}

#[test]
fn arrow_keys_walk_through_the_events_in_date_order() {
    let mut harness = harness();
    let mut expected: Vec<(chrono::NaiveDate, String)> = harness
        .state()
        .story()
        .events
        .iter()
        .map(|e| (e.date, e.id.clone()))
        .collect();
    expected.sort();
    let mut seen = Vec::new();
    for _ in 0..expected.len() {
        harness.key_press(egui::Key::ArrowRight);
        harness.run();
        seen.push(selected(&harness).unwrap());
    }
    let expected_ids: Vec<String> = expected.into_iter().map(|(_, id)| id).collect();
    assert_eq!(seen, expected_ids);
    // At the end, Next stays; Previous goes back one.
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(
        selected(&harness).as_ref(),
        expected_ids.iter().rev().nth(1)
    );
    harness.get_by_label("Previous").click();
    harness.run();
    assert_eq!(
        selected(&harness).as_ref(),
        expected_ids.iter().rev().nth(2)
    );
}

#[test]
fn next_moves_the_map_to_the_event() {
    let mut harness = harness();
    harness.get_by_label("Next").click();
    // The flight takes a moment of animation time.
    for _ in 0..60 {
        harness.step();
    }
    harness.run();
    let map = harness.state().map_rect().unwrap();
    let marker = harness.state().marker_screen_pos(PANJGUR).unwrap();
    assert!(
        marker.distance(map.center()) < 3.0,
        "{marker:?} vs {:?}",
        map.center()
    );
}

#[test]
fn the_details_give_the_computed_distances() {
    let mut harness = harness();
    let pos = harness.state().marker_screen_pos(PANJGUR).unwrap();
    click_at(&mut harness, pos);
    assert!(
        harness
            .query_by_label_contains("km ± 100 km from the Iran–Pakistan border")
            .is_some()
    );
    assert!(harness.query_by_label_contains("to Quetta").is_some());
    assert!(harness.query_by_label("About these numbers").is_some());
}

#[test]
fn the_saved_state_round_trips_and_a_corrupt_one_is_survived() {
    let mut first = harness();
    let saravan = first.state().marker_screen_pos(SARAVAN).unwrap();
    click_at(&mut first, saravan);
    first
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Countries")
        .click();
    first.run();
    first.state_mut().set_view(63.0, 27.0, 7.25);
    first
        .state_mut()
        .timeline_mut()
        .set_range(date(17), date(22));
    first.run();
    let saved = first.state().save_state();

    let ctx = egui::Context::default();
    let mut second = common::offline_app(&ctx);
    second.restore_state(&saved, &ctx).unwrap();
    assert_eq!(second.save_state(), saved, "everything saved is restored");
    assert_eq!(
        second.selected_event().map(|e| e.id.as_str()),
        Some(SARAVAN)
    );
    assert!((second.zoom() - 7.25).abs() < 1e-9);
    assert!(
        !second
            .layers()
            .is_visible(strikemap::map::LayerId::Countries)
    );

    // Corrupt, or from another version: nothing changes, and the reason is given.
    let mut third = common::offline_app(&ctx);
    let fresh = third.save_state();
    let err = third
        .restore_state("{\"version\": 1, \"view\": [", &ctx)
        .unwrap_err();
    assert!(err.contains("unreadable"), "{err}");
    let other = saved.replace("\"version\":1", "\"version\":99");
    let err = third.restore_state(&other, &ctx).unwrap_err();
    assert!(err.contains("another version"), "{err}");
    assert_eq!(third.save_state(), fresh);
}

#[test]
fn select_and_view_from_the_command_line_open_there() {
    let harness = harness_with(AppConfig {
        tiles: TileConfig::offline(),
        select: Some(SARAVAN.to_owned()),
        view: Some((27.37, 62.33, 8.0)),
        ..AppConfig::default()
    });
    assert_eq!(selected(&harness).as_deref(), Some(SARAVAN));
    assert!((harness.state().zoom() - 8.0).abs() < 1e-9);
    let map = harness.state().map_rect().unwrap();
    let marker = harness.state().marker_screen_pos(SARAVAN).unwrap();
    assert!(marker.distance(map.center()) < 3.0);
}

#[test]
fn the_articles_place_names_come_from_the_data() {
    let harness = harness();
    let names = harness.state().article_link_names();
    for name in [
        "Islamabad",
        "Saravan",
        "Sistan and Baluchestan",
        "Balochistan",
        "Iran",
        "Pakistan",
        "Tehran",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} not linked in {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n == "Iranian" || n == "Pakistani"),
        "{names:?}"
    );
}

#[test]
fn clicking_a_place_name_in_the_article_moves_the_map_there() {
    let mut harness = harness();
    let link = harness
        .state()
        .article_link_pos("Saravan")
        .expect("Saravan is shown");
    click_at(&mut harness, link);
    for _ in 0..60 {
        harness.step();
    }
    harness.run();
    let map = harness.state().map_rect().unwrap();
    // Saravan town, as GeoNames places it.
    let town = harness.state().screen_pos(62.33096, 27.37089).unwrap();
    assert!(
        town.distance(map.center()) < 3.0,
        "{town:?} vs {:?}",
        map.center()
    );
    // And a province name fits the province: from far away, the whole of Balochistan comes
    // into view and fills most of it.
    harness.state_mut().set_view(0.0, 0.0, 9.0);
    harness.run();
    let link = harness.state().article_link_pos("Balochistan").unwrap();
    click_at(&mut harness, link);
    harness.run();
    let bounds = geo::BoundingRect::bounding_rect(&harness.state().story().provinces[1].geometry)
        .expect("Balochistan has bounds");
    let corners =
        [bounds.min(), bounds.max()].map(|c| harness.state().screen_pos(c.x, c.y).expect("drawn"));
    assert!(
        corners.iter().all(|c| map.contains(*c)),
        "{corners:?} in {map:?}"
    );
    let (width, height) = (
        (corners[1].x - corners[0].x).abs(),
        (corners[1].y - corners[0].y).abs(),
    );
    assert!(
        width > map.width() * 0.5 || height > map.height() * 0.5,
        "fitted, not just in view: {width}×{height} of {map:?}"
    );
}

#[test]
fn clicking_a_passage_about_an_event_selects_it() {
    let mut harness = harness();
    assert_eq!(selected(&harness), None);
    // " county" right after "Saravan" in the passage about the Pakistani strikes.
    let link = harness.state().article_link_pos("Saravan").unwrap();
    let rect_right = link.x + 30.0;
    click_at(&mut harness, egui::pos2(rect_right, link.y));
    assert_eq!(selected(&harness).as_deref(), Some(SARAVAN));
}

#[test]
fn a_passage_about_both_strikes_says_so_and_offers_both() {
    let mut harness = harness();
    let passage = harness
        .state()
        .article_passage_pos("An unprecedented turn of events")
        .expect("the passage is shown");
    click_at(&mut harness, passage);
    assert_eq!(selected(&harness), None, "neither is chosen for the reader");
    assert!(
        harness
            .query_by_label_contains("This passage is about 2 events")
            .is_some()
    );
    let saravan_title = harness.state().story().events[1].title.clone();
    assert_eq!(harness.state().story().events[1].id, SARAVAN);
    harness.get_by_label(&saravan_title).click();
    harness.run();
    assert_eq!(selected(&harness).as_deref(), Some(SARAVAN));
}

/// "About these numbers" gives the border line the data has, never a typed-in length.
fn about_numbers(config: AppConfig) -> String {
    let mut harness = harness_with(config);
    harness.state_mut().select(Some(0));
    harness.run();
    // The header is below the details' first screenful: open it as a screen reader would.
    harness
        .get_by_label("About these numbers")
        .click_accesskit();
    harness.run_steps(10);
    // A wrapped label's text is its accessibility value.
    harness
        .query_all(egui_kittest::kittest::By::new())
        .filter_map(|n| n.accesskit_node().value())
        .find(|text| text.starts_with("Province, border and capital") && text.contains("geodesic"))
        .expect("the note is shown")
}

#[test]
fn the_border_figures_in_the_details_come_from_the_data() {
    let bundled = about_numbers(AppConfig {
        tiles: TileConfig::offline(),
        ..AppConfig::default()
    });
    let story = strikemap::data::Story::load(&strikemap::data::DataSource::Bundled);
    let towns = strikemap::data::ReferenceData::bundled().towns;
    let border = strikemap::data::geography::Landmarks::new(&story, &towns)
        .border_facts()
        .expect("Iran and Pakistan share a border");
    let length = strikemap::format::km(border.length_m);
    assert!(
        bundled.contains(&format!("{length} long here")),
        "{bundled}"
    );
    assert!(
        !bundled.contains("909"),
        "no figure the data does not have: {bundled}"
    );
    // Other data, whose Iran and Pakistan share no line: the note says so.
    let dir = tempfile::tempdir().unwrap();
    let geodata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for file in ["provinces.geojson", "events.geojson"] {
        std::fs::copy(geodata.join(file), dir.path().join(file)).unwrap();
    }
    let countries: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(geodata.join("countries.geojson")).unwrap())
            .unwrap();
    let mut countries = countries;
    countries["features"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["properties"]["country_a3"] != "PAK");
    std::fs::write(dir.path().join("countries.geojson"), countries.to_string()).unwrap();
    let other = about_numbers(AppConfig {
        tiles: TileConfig::offline(),
        data: strikemap::data::DataSource::Dir(dir.path().to_path_buf()),
        ..AppConfig::default()
    });
    assert!(other.contains("share no border"), "{other}");
}
