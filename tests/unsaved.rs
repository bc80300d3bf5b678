//! A project's changes are not lost by surprise: closing the window with unsaved changes asks
//! first, File → New does too, and a layer file that went missing is kept in the project until
//! it is located, when it opens with the look the project gave it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::{AppConfig, StrikemapApp};

const CSV: &str = "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n\
                   A1,2024-01-16,Battles,27.1,63.1,1\n\
                   A2,2024-01-17,Riots,27.3,63.3,0\n";

/// A window with `events.csv` (opacity 0.4) saved as `map.strikemap` in `dir`.
fn saved(dir: &std::path::Path) -> Harness<'static, StrikemapApp> {
    let csv = common::write(dir, "events.csv", CSV);
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![csv],
        ..AppConfig::default()
    });
    harness.state_mut().user_layers_mut().layers[0].opacity = 0.4;
    harness
        .state_mut()
        .save_project(&dir.join("map.strikemap"))
        .unwrap();
    harness
}

fn commands(harness: &Harness<'_, StrikemapApp>) -> Vec<ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

fn request_close(harness: &mut Harness<'_, StrikemapApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
}

#[test]
fn closing_with_unsaved_changes_asks_and_saving_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = saved(dir.path());
    // Nothing changed: the window closes without a question.
    request_close(&mut harness);
    assert!(!harness.state().asks_to_save());
    assert!(!commands(&harness).contains(&ViewportCommand::CancelClose));

    harness.state_mut().user_layers_mut().layers[0].visible = false;
    request_close(&mut harness);
    assert!(commands(&harness).contains(&ViewportCommand::CancelClose));
    harness.run_steps(2);
    assert!(harness.state().asks_to_save());
    harness.get_by_label("Save").click();
    harness.run_steps(1);
    assert!(commands(&harness).contains(&ViewportCommand::Close));
    assert!(!harness.state().has_unsaved_changes());
    let text = std::fs::read_to_string(dir.path().join("map.strikemap")).unwrap();
    assert!(text.contains("\"visible\": false"), "{text}");
}

#[test]
fn new_project_asks_then_starts_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = saved(dir.path());
    harness.state_mut().user_layers_mut().layers[0].opacity = 0.9;
    harness.state_mut().new_project();
    harness.run_steps(2);
    assert!(harness.state().asks_to_save());
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().user_layers().layers.len(),
        1,
        "cancel keeps all"
    );
    harness.state_mut().new_project();
    harness.run_steps(2);
    harness.get_by_label("Don't save").click();
    harness.run_steps(2);
    assert!(harness.state().user_layers().layers.is_empty());
    assert_eq!(harness.state().project_path(), None);
    let text = std::fs::read_to_string(dir.path().join("map.strikemap")).unwrap();
    assert!(
        text.contains("\"opacity\": 0.4"),
        "the file is as saved: {text}"
    );
}

#[test]
fn a_missing_layer_is_kept_and_opens_with_its_look_once_located() {
    let dir = tempfile::tempdir().unwrap();
    drop(saved(dir.path()));
    let moved = dir.path().join("moved.csv");
    std::fs::rename(dir.path().join("events.csv"), &moved).unwrap();
    let (mut harness, _) = common::harness_with(AppConfig {
        project: Some(dir.path().join("map.strikemap")),
        ..AppConfig::default()
    });
    let layers = harness.state().user_layers();
    assert!(layers.layers.is_empty());
    assert_eq!(layers.refused.len(), 1);
    assert!(
        layers.refused[0].file.ends_with("events.csv"),
        "{}",
        layers.refused[0]
    );
    assert!(layers.is_missing(&layers.refused[0]));
    // Saved again, the project still names it.
    assert!(!harness.state().has_unsaved_changes());
    harness.get_by_label("Locate…");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .user_layers_mut()
        .locate(0, moved.clone(), &ctx);
    for _ in 0..100_000 {
        if harness.state().user_layers().jobs.is_empty() {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    harness.run_steps(2);
    let layers = harness.state().user_layers();
    assert_eq!(layers.layers.len(), 1);
    assert!(layers.refused.is_empty());
    assert_eq!(layers.layers[0].path, moved);
    assert_eq!(layers.layers[0].opacity, 0.4, "the project's look");
    assert!(
        harness.state().has_unsaved_changes(),
        "the new place is to be saved"
    );
}
