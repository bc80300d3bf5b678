//! File → Open… and File → Export PNG… where the platform has no file dialog (no desktop
//! portal, no zenity): the dialog drawn in egui opens instead, headless here. The environment
//! variable forces it, as on such a desktop; this binary holds this one test, so the variable
//! reaches no other.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use strikemap::AppConfig;
use strikemap::data::DataSource;

#[test]
fn without_a_platform_dialog_files_are_picked_in_a_dialog_drawn_in_egui() {
    // SAFETY: set before any thread of this test binary reads the environment.
    unsafe { std::env::set_var("STRIKEMAP_FILE_DIALOG", "egui") };
    // Integration tests run in the package's folder: the dialog starts there.
    let config = AppConfig {
        data: DataSource::Bundled,
        ..AppConfig::default()
    };
    let mut harness = common::harness_with(config).0;
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    assert!(
        harness.query_by_label("Open layers").is_some(),
        "the egui dialog is shown"
    );
    for folder in ["tests/", "data/", "formats/"] {
        harness.get_by_label(folder).click();
        harness.run();
    }
    // Only the formats strikemap reads are listed (the folder's README is not).
    assert!(harness.query_by_label("README.md").is_none());
    harness.get_by_label("field.gpx").click();
    harness.get_by_label("mymaps.kml").click();
    harness.run();
    assert!(harness.query_by_label("2 picked").is_some());
    harness.get_by_label("Open").click();
    harness.step();
    // The files load in the background: frames go on until they are in.
    let mut frames = 0;
    while (harness.state().user_layers().layers.is_empty()
        || !harness.state().user_layers().jobs.is_empty())
        && frames < 10_000
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
        harness.step();
        frames += 1;
    }
    common::settle(&mut harness);
    let mut names: Vec<String> = harness
        .state()
        .user_layers()
        .layers
        .iter()
        .map(|l| l.layer.name.clone())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["field", "mymaps", "mymaps — Border", "mymaps — Strikes"]
    );
    assert!(
        harness.query_by_label("Open layers").is_none(),
        "the dialog closed"
    );

    // Export PNG… asks where in the same kind of dialog; cancelling says so.
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export PNG…").click();
    harness.run();
    assert!(harness.query_by_label("Export the map as PNG").is_some());
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("export cancelled").is_some());
}
