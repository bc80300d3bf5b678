//! The project file: save, open, save gives the same bytes; layer paths are written relative to
//! the project; a project from a newer strikemap, a damaged one, or one naming a missing file
//! is refused or reported by name with everything else kept; the title says which project is
//! open and whether it has unsaved changes.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use strikemap::AppConfig;
use strikemap::data::thematic::StyleRule;

fn events_csv() -> String {
    let mut out =
        String::from("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n");
    for i in 0..300 {
        out += &format!(
            "P{i},2024-01-{:02},{},{:.3},{:.3},{}\n",
            1 + i % 28,
            ["Battles", "Riots", "Protests"][i % 3],
            27.0 + (i % 13) as f64 * 0.05,
            63.0 + (i % 11) as f64 * 0.05,
            i % 5
        );
    }
    out
}

/// A project saved from a window with `events.csv` styled and dated; its path.
fn saved_project(dir: &Path) -> std::path::PathBuf {
    let csv = common::write(dir, "events.csv", &events_csv());
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![csv],
        ..AppConfig::default()
    });
    harness.state_mut().set_view(63.2, 27.3, 8.0);
    harness.state_mut().user_layers_mut().layers[0]
        .theme
        .settings
        .style = StyleRule::Categorized {
        column: "event_type".into(),
    };
    harness.run_steps(3);
    let project = dir.join("saravan.strikemap");
    harness.state_mut().save_project(&project).unwrap();
    assert!(!harness.state().has_unsaved_changes());
    assert_eq!(
        harness.state().window_title(),
        "saravan.strikemap — strikemap"
    );
    // Looking elsewhere is not a change to keep; a layer's look is.
    harness.state_mut().set_view(60.0, 25.0, 5.0);
    harness.run_steps(2);
    assert!(!harness.state().has_unsaved_changes());
    harness.state_mut().user_layers_mut().layers[0].opacity = 0.5;
    harness.run_steps(2);
    assert!(harness.state().has_unsaved_changes());
    assert_eq!(
        harness.state().window_title(),
        "saravan.strikemap • — strikemap"
    );
    project
}

#[test]
fn save_open_save_gives_the_same_bytes_with_paths_relative_to_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = saved_project(dir.path());
    let text = std::fs::read_to_string(&project).unwrap();
    assert!(text.contains("\"strikemap project\""), "{text}");
    assert!(text.contains("\"events.csv\""), "a relative path: {text}");
    assert!(!text.contains(&dir.path().display().to_string()), "{text}");
    assert!(
        text.lines().count() > 20,
        "indented, one value a line, for diffs"
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // Moved elsewhere with its layer, it opens the same.
    let moved = tempfile::tempdir().unwrap();
    for name in ["events.csv", "saravan.strikemap"] {
        std::fs::copy(dir.path().join(name), moved.path().join(name)).unwrap();
    }
    let (mut harness, _) = common::harness_with(AppConfig {
        project: Some(moved.path().join("saravan.strikemap")),
        ..AppConfig::default()
    });
    let layers = harness.state().user_layers();
    assert_eq!(layers.layers.len(), 1);
    assert!(layers.refused.is_empty(), "{:?}", layers.refused);
    assert!(matches!(
        layers.layers[0].theme.settings.style,
        StyleRule::Categorized { .. }
    ));
    assert!(!harness.state().has_unsaved_changes());
    let again = moved.path().join("again.strikemap");
    harness.state_mut().save_project(&again).unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), text.into_bytes());
}

#[test]
fn a_newer_damaged_or_incomplete_project_is_refused_or_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let project = saved_project(dir.path());
    let text = std::fs::read_to_string(&project).unwrap();
    let (mut harness, _) = common::harness_with(AppConfig {
        project: Some(project.clone()),
        ..AppConfig::default()
    });
    let ctx = harness.ctx.clone();
    let before = harness.state().save_state();
    let newer = common::write(
        dir.path(),
        "newer.strikemap",
        &text.replace("\"version\": 1", "\"version\": 7"),
    );
    let err = harness.state_mut().open_project(&newer, &ctx).unwrap_err();
    assert!(
        err.contains("newer strikemap") && err.contains("version 7"),
        "{err}"
    );
    let damaged = common::write(dir.path(), "damaged.strikemap", &text[..text.len() / 2]);
    let err = harness
        .state_mut()
        .open_project(&damaged, &ctx)
        .unwrap_err();
    assert!(err.contains("damaged.strikemap"), "{err}");
    assert_eq!(harness.state().save_state(), before, "nothing changed");
    assert_eq!(harness.state().user_layers().layers.len(), 1);

    // A project naming a file that is gone: it is named, and the rest opens.
    std::fs::remove_file(dir.path().join("events.csv")).unwrap();
    let (harness, _) = common::harness_with(AppConfig {
        project: Some(project),
        ..AppConfig::default()
    });
    let refused: Vec<String> = harness
        .state()
        .user_layers()
        .refused
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        refused.iter().any(|r| r.contains("events.csv")),
        "{refused:?}"
    );
    assert!(
        (harness.state().zoom() - 8.0).abs() < 1e-9,
        "the view is the project's"
    );
}
