//! The feature table and the search box, used as a user uses them: open the table from a
//! layer's row, click a row to select and fly to its feature; Ctrl+F, type, pick a result.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use strikemap::StrikemapApp;
use strikemap::data::properties::PropertyTable;
use strikemap::map::identify::LayerRef;
use strikemap::ui::feature_table::filtered_sorted;
use strikemap::ui::search::Target;

fn sample(name: &str) -> PathBuf {
    common::test_data("formats", name)
}

fn harness(files: Vec<PathBuf>) -> egui_kittest::Harness<'static, StrikemapApp> {
    common::harness_opening(files)
}

#[test]
fn the_table_filters_without_accents_and_sorts_numbers_as_numbers() {
    let table = PropertyTable::from_json_objects(&[
        r#"{"name": "Sarāvān", "deaths": "9"}"#,
        r#"{"name": "Quetta", "deaths": "10"}"#,
        r#"{"name": "Zahedan", "deaths": 2}"#,
        r#"{"name": "Panjgur"}"#,
    ]);
    assert_eq!(filtered_sorted(&table, "SARAVAN", None, &[]), [0]);
    assert_eq!(
        filtered_sorted(&table, "", Some((1, true)), &[]),
        [2, 0, 1, 3]
    );
    assert_eq!(
        filtered_sorted(&table, "", Some((1, false)), &[]),
        [1, 0, 2, 3]
    );
    assert_eq!(
        filtered_sorted(&table, "AN", Some((0, true)), &[]),
        [3, 0, 2]
    );
}

#[test]
fn a_click_on_a_table_row_selects_its_feature_and_flies_to_it() {
    let mut harness = harness(vec![sample("acled_sample.csv")]);
    let zoom_before = harness.state().zoom();
    harness.get_by_label("Table").click();
    // The rows are computed on another thread: frames go on until they come.
    for _ in 0..5000 {
        if harness.query_by_label("12 of 12 rows").is_some() {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(harness.query_by_label("12 of 12 rows").is_some());
    harness.run();
    // The sixth row's id, as the file has it.
    let text = std::fs::read_to_string(sample("acled_sample.csv")).unwrap();
    let id = text
        .lines()
        .nth(6)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_owned();
    harness.get_by_label(&id).click();
    for _ in 0..60 {
        harness.step();
    }
    let identified = harness.state().identified().expect("a feature selected");
    assert!(matches!(identified.layer, LayerRef::User(_)));
    assert_eq!(identified.index, 5);
    assert!(
        harness.state().zoom() >= 10.0 - 1e-6,
        "flown in from {zoom_before}"
    );

    // → steps to the file's next event in time (ties in file order), as for the story's.
    let mut dated: Vec<(String, usize)> = text
        .lines()
        .skip(1)
        .enumerate()
        .map(|(row, line)| (line.split(',').nth(1).unwrap().to_owned(), row))
        .collect();
    dated.sort();
    let after = dated.iter().position(|(_, row)| *row == 5).unwrap() + 1;
    harness.key_press(Key::ArrowRight);
    harness.step();
    assert_eq!(
        harness.state().identified().map(|f| f.index),
        dated.get(after).map(|(_, row)| *row)
    );
}

#[test]
fn search_finds_events_places_and_features_without_accents() {
    let harness = harness(vec![sample("mymaps.kml")]);
    let app = harness.state();
    let hits = app.search_hits("saravan");
    assert!(
        hits.iter().any(|h| matches!(h.target, Target::Event(_))),
        "{hits:?}"
    );
    assert!(
        hits.iter()
            .any(|h| matches!(h.target, Target::Place(_)) && h.label.contains("Sar")),
        "{hits:?}"
    );
    let zahedan = app.search_hits("ZĀHEDĀN");
    assert!(
        zahedan.iter().any(|h| h.detail.starts_with("town")),
        "{zahedan:?}"
    );
    assert!(app.search_hits("no such place anywhere").is_empty());
}

#[test]
fn ctrl_f_opens_the_box_and_choosing_a_result_flies_there() {
    let mut harness = harness(vec![]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_role(Role::TextInput).type_text("Quetta");
    // The layers are searched on another thread: frames go on until the results come.
    for _ in 0..5000 {
        if harness.query_by_label_contains("Quetta  ·  town").is_some() {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let result = harness.get_by_label_contains("Quetta  ·  town");
    result.click();
    for _ in 0..60 {
        harness.step();
    }
    assert!(harness.state().zoom() >= 9.0 - 1e-6);
    assert!(
        harness.query_by_role(Role::TextInput).is_none(),
        "the box closes"
    );
}
