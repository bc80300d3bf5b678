//! Exploring the story: the time bar filters markers, ←/→ walk through the events in time,
//! computed distances show in the details, the view can be given on the command line.

use egui::Pos2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::{AppConfig, StrikemapApp, TileConfig};

fn harness_with(config: AppConfig) -> Harness<'static, StrikemapApp> {
    let app = StrikemapApp::new(&egui::Context::default(), config);
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut StrikemapApp| app.show(ui), app);
    harness.run();
    harness
}

fn harness() -> Harness<'static, StrikemapApp> {
    harness_with(AppConfig {
        tiles: TileConfig::offline(),
        ..AppConfig::default()
    })
}

fn click_at(harness: &mut Harness<'_, StrikemapApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    harness.drag_at(pos);
    harness.run();
    harness.drop_at(pos);
    harness.run();
}

fn selected(harness: &Harness<'_, StrikemapApp>) -> Option<String> {
    harness.state().selected_event().map(|e| e.id.clone())
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
