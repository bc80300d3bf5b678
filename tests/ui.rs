//! The window as a user meets it, headless through egui_kittest: clicking markers, reading the
//! article (the layer checkboxes: `ui_layers.rs`). Markers are found through the map's own projection.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{click_at, map_text, selected_id};
use egui::{Pos2, Shape, epaint::ClippedShape};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::StrikemapApp;
use strikemap::data::DataSource;

const SARAVAN: &str = "2024-01-18-pakistan-strikes-saravan";
const PANJGUR: &str = "2024-01-16-iran-strikes-panjgur";

fn harness() -> Harness<'static, StrikemapApp> {
    harness_for(DataSource::Bundled)
}

/// The app on `data`, offline (tests never touch the network), in a 1400×900 window.
fn harness_for(data: DataSource) -> Harness<'static, StrikemapApp> {
    harness_sized(data, [1400.0, 900.0])
}

/// The app on `data`, offline, in a window of `size` points. (Identifying a province shows its
/// Persian and Urdu names, which the bundled fonts cannot draw: the harness allows that.)
fn harness_sized(data: DataSource, size: [f32; 2]) -> Harness<'static, StrikemapApp> {
    common::story_harness(data, size)
}

fn marker(harness: &Harness<'_, StrikemapApp>, id: &str) -> Pos2 {
    harness
        .state()
        .marker_screen_pos(id)
        .unwrap_or_else(|| panic!("no marker for {id}"))
}

/// The text of every piece painted with a background colour (the article's highlights).
fn marked_text(harness: &Harness<'_, StrikemapApp>) -> Vec<String> {
    let mut marked = Vec::new();
    for ClippedShape { shape, .. } in &harness.output().shapes {
        if let Shape::Text(text) = shape {
            let job = &text.galley.job;
            for section in &job.sections {
                if section.format.background.a() > 0 {
                    let range = section.byte_range.start.0..section.byte_range.end.0;
                    marked.push(job.text[range].to_owned());
                }
            }
        }
    }
    marked
}

#[test]
fn first_view_shows_both_strike_sites_on_the_map() {
    let harness = harness();
    let map = harness.state().map_rect().expect("map drawn");
    for id in [SARAVAN, PANJGUR] {
        assert!(map.contains(marker(&harness, id)), "{id} is off the map");
    }
}

#[test]
fn clicking_a_marker_selects_it_and_shows_its_details() {
    let mut harness = harness();
    assert_eq!(selected_id(&harness), None);
    let pos = marker(&harness, PANJGUR);
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some(PANJGUR));
    // The details panel names who gave the casualty figure and the computed province.
    let umrani = harness
        .query_all_by_label("— Makran Division Commissioner Saeed Ahmed Umrani")
        .count();
    assert_eq!(umrani, 2, "killed and injured, each with who reported it");
    // Natural Earth's code, and ISO's today beside it.
    harness.get_by_label("Natural Earth's iso_3166_2: PK-BA; ISO 3166-2 today: PK-BA");
}

#[test]
fn hovering_a_marker_highlights_it_and_shows_title_and_date() {
    let mut harness = harness();
    harness.hover_at(marker(&harness, SARAVAN));
    harness.run();
    assert_eq!(
        harness.state().hovered_event().map(|e| e.id.as_str()),
        Some(SARAVAN)
    );
    harness.get_by_label("Pakistani strikes near Saravan, Sistan and Baluchestan");
    harness.get_by_label("18 January 2024");
}

#[test]
fn the_article_is_shown_and_the_selected_events_passage_is_marked() {
    let mut harness = harness();
    harness.get_by_label_contains("Terrorists based along the Iran-Pakistan border areas");
    // Headline and publisher are unknown: said so, not invented.
    assert_eq!(harness.query_all_by_label("unknown").count(), 2);
    assert!(
        marked_text(&harness).is_empty(),
        "nothing is marked before a selection"
    );

    let pos = marker(&harness, SARAVAN);
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some(SARAVAN));
    harness.get_by_label_contains("2 passages about");
    let marked = marked_text(&harness);
    assert!(
        marked
            .iter()
            .any(|m| m.starts_with("At least ten people, children and women")),
        "marked: {marked:?}"
    );
}

#[test]
fn escape_clears_the_selection() {
    let mut harness = harness();
    let pos = marker(&harness, SARAVAN);
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some(SARAVAN));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(selected_id(&harness), None);
    harness.get_by_label(
        "Click a marker on the map to read what happened there, or any other shape to see its properties.",
    );
}

#[test]
fn clicking_empty_map_clears_the_selection() {
    let mut harness = harness();
    let pos = marker(&harness, SARAVAN);
    click_at(&mut harness, pos);
    assert!(selected_id(&harness).is_some());
    // Off the markers, a click identifies the shape beneath instead (here, a province).
    let empty = pos + egui::vec2(0.0, 120.0);
    click_at(&mut harness, empty);
    assert_eq!(selected_id(&harness), None);
    assert!(harness.state().identified().is_some());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().identified(), None);
}

#[test]
fn selecting_an_event_scrolls_its_passage_into_view() {
    // A short window, so the article does not fit its panel.
    let mut harness = harness_sized(DataSource::Bundled, [1400.0, 640.0]);
    let saravan = "At least ten people";
    let opening = "Terrorists based along the Iran-Pakistan border areas";
    // The press conference's first passage is the article's opening.
    let press = harness
        .state()
        .story()
        .event_index("2024-01-29-islamabad-press-conference");
    harness.state_mut().select(press);
    harness.run();
    harness.get_by_label_contains("6 passages about");
    assert!(passage_visible(&harness, opening));
    assert!(
        !passage_visible(&harness, saravan),
        "the Saravan passage is out of view"
    );
    // Selecting the Saravan strike brings its passage, in the middle, into view...
    let pos = marker(&harness, SARAVAN);
    click_at(&mut harness, pos);
    assert!(passage_visible(&harness, saravan), "scrolled down to it");
    assert!(!passage_visible(&harness, opening));
    // ...and going back scrolls back up.
    harness.state_mut().select(press);
    harness.run();
    assert!(passage_visible(&harness, opening), "scrolled back up");
}

/// Whether the start of `passage` is painted inside the visible part of its panel.
fn passage_visible(harness: &Harness<'_, StrikemapApp>, passage: &str) -> bool {
    harness.output().shapes.iter().any(|clipped| {
        let Shape::Text(text) = &clipped.shape else {
            return false;
        };
        let Some(byte) = text.galley.job.text.find(passage) else {
            return false;
        };
        let chars = text.galley.job.text[..byte].chars().count();
        let at = text.galley.pos_from_cursor(egui::text::CCursor::new(chars));
        clipped.clip_rect.contains(text.pos + at.center().to_vec2())
    })
}

#[test]
fn offline_the_bundled_data_is_credited_and_osm_is_not() {
    let harness = harness();
    assert!(
        harness
            .query_by_label("Boundaries: Natural Earth")
            .is_some()
    );
    assert!(harness.query_by_label("Places: GeoNames").is_some());
    assert!(
        harness
            .query_by_label("© OpenStreetMap contributors")
            .is_none(),
        "no OpenStreetMap data is shown offline"
    );
}

#[test]
fn a_hidden_layers_markers_are_not_drawn_and_cannot_be_clicked() {
    let mut harness = harness();
    let pos = marker(&harness, SARAVAN);
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Pakistani strikes")
        .click();
    harness.run();
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness), None);
    // Its label is gone from the map too; the Iranian strike's stays.
    let painted = map_text(&harness);
    assert!(!painted.iter().any(|t| t.contains("18 Jan")), "{painted:?}");
    assert!(painted.iter().any(|t| t.contains("16 Jan")), "{painted:?}");
}

#[test]
fn zoom_buttons_zoom_and_reset_returns_to_the_story() {
    let mut harness = harness();
    let start = harness.state().zoom();
    let saravan = marker(&harness, SARAVAN);
    harness.get_by_label("+").click();
    harness.run();
    assert!((harness.state().zoom() - (start + 1.0)).abs() < 1e-6);
    harness.get_by_label("−").click();
    harness.get_by_label("−").click();
    harness.run();
    assert!((harness.state().zoom() - (start - 1.0)).abs() < 1e-6);
    // Pan away by dragging, then reset: the view fits the provinces again.
    let map = harness.state().map_rect().unwrap();
    let from = map.center() + egui::vec2(0.0, 150.0);
    harness.drag_at(from);
    harness.step();
    for step in 1..=10 {
        harness.hover_at(from + egui::vec2(20.0 * step as f32, 0.0));
        harness.step();
    }
    harness.drop_at(from + egui::vec2(200.0, 0.0));
    harness.run_steps(30); // the map keeps gliding a little after a fling

    assert!(
        marker(&harness, SARAVAN).distance(saravan) > 50.0,
        "the drag panned"
    );
    harness.get_by_label("Reset").click();
    harness.run();
    assert!((harness.state().zoom() - start).abs() < 1e-6);
    assert!(marker(&harness, SARAVAN).distance(saravan) < 1.0);
}

#[test]
fn a_broken_layer_is_reported_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let geodata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    std::fs::copy(
        geodata.join("provinces.geojson"),
        dir.path().join("provinces.geojson"),
    )
    .unwrap();
    std::fs::copy(
        geodata.join("events.geojson"),
        dir.path().join("events.geojson"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("countries.geojson"),
        r#"{"type":"Point","coordinates":[500,0]}"#,
    )
    .unwrap();
    let mut harness = harness_for(DataSource::Dir(dir.path().to_owned()));
    harness.get_by_label("Data problems:");
    harness.get_by_label_contains(
        "countries.geojson: feature #0: has a coordinate out of range: longitude 500",
    );
    // Provinces and events are still there and still work.
    assert!(map_text(&harness).iter().any(|t| t == "Balochistan"));
    let pos = marker(&harness, PANJGUR);
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some(PANJGUR));
}

#[test]
fn the_events_button_brings_every_event_and_its_label_into_view() {
    let mut harness = harness();
    let map = harness.state().map_rect().unwrap();
    let press = "2024-01-29-islamabad-press-conference";
    assert!(
        !map.contains(marker(&harness, press)),
        "Islamabad starts out of view"
    );
    harness.get_by_label("Events").click();
    harness.run();
    for event in harness.state().story().events.clone() {
        assert!(
            map.contains(marker(&harness, &event.id)),
            "{} in view",
            event.id
        );
    }
    // The stacked label at Islamabad is whole: it ends inside the map.
    let label_end = marker(&harness, press).x + 200.0;
    assert!(label_end < map.max.x, "{label_end} vs {}", map.max.x);
}

#[test]
fn clicking_a_stack_of_markers_again_steps_through_them() {
    let mut harness = harness();
    harness.get_by_label("Events").click();
    harness.run();
    let islamabad = marker(&harness, "2024-01-29-islamabad-press-conference");
    let mut seen = Vec::new();
    for _ in 0..4 {
        click_at(&mut harness, islamabad);
        // Far enough apart in time not to be a double-click.
        harness.run_steps(30);
        seen.push(selected_id(&harness).expect("a stacked event is selected"));
    }
    assert_eq!(
        seen,
        [
            "2024-01-19-de-escalation-call",
            "2024-01-22-joint-statement",
            "2024-01-29-islamabad-press-conference",
            "2024-01-19-de-escalation-call",
        ]
    );
}
