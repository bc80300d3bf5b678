//! `strikemap bundle PROJECT OUT.zip`, run as a user runs it: the zip holds the project and its
//! layer files (a Shapefile with its parts), and unpacked elsewhere it opens with every layer;
//! a project whose layer file is missing is refused, naming it, and nothing is written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use strikemap::AppConfig;

const CSV: &str = "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n\
                   A1,2024-01-16,Battles,27.1,63.1,1\n";

fn bundle(project: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .arg("bundle")
        .arg(project)
        .arg(out)
        .output()
        .unwrap()
}

/// A project in `dir/work` using `events.csv` beside it and a Shapefile in `dir/shapes`.
fn project(dir: &Path) -> std::path::PathBuf {
    let work = dir.join("work");
    let shapes = dir.join("shapes");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::create_dir_all(&shapes).unwrap();
    let csv = common::write(&work, "events.csv", CSV);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats");
    for ext in ["shp", "shx", "dbf", "prj"] {
        let name = format!("points_mercator.{ext}");
        std::fs::copy(data.join(&name), shapes.join(&name)).unwrap();
    }
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![csv, shapes.join("points_mercator.shp")],
        ..AppConfig::default()
    });
    assert_eq!(harness.state().user_layers().layers.len(), 2);
    for layer in &mut harness.state_mut().user_layers_mut().layers {
        if layer.format.contains("Shapefile") {
            layer.opacity = 0.3;
        }
    }
    let path = work.join("map.strikemap");
    harness.state_mut().save_project(&path).unwrap();
    path
}

#[test]
fn a_bundle_opens_elsewhere_with_every_layer() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let zip_path = dir.path().join("handoff.zip");
    let output = bundle(&project, &zip_path);
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("5 layer files"),
        "{output:?}"
    );
    // Unpacked on "another machine": the original files are gone.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    archive.extract(elsewhere.path()).unwrap();
    std::fs::remove_dir_all(dir.path().join("shapes")).unwrap();
    std::fs::remove_file(dir.path().join("work/events.csv")).unwrap();
    for name in [
        "map.strikemap",
        "data/events.csv",
        "data/points_mercator.dbf",
    ] {
        assert!(elsewhere.path().join(name).is_file(), "{name} in the zip");
    }
    let (harness, _) = common::harness_with(AppConfig {
        project: Some(elsewhere.path().join("map.strikemap")),
        ..AppConfig::default()
    });
    let layers = harness.state().user_layers();
    assert!(layers.refused.is_empty(), "{:?}", layers.refused);
    assert_eq!(layers.layers.len(), 2);
    let shapefile = layers
        .layers
        .iter()
        .find(|l| l.format.contains("Shapefile"));
    assert_eq!(
        shapefile.map(|l| l.opacity),
        Some(0.3),
        "the look travels too"
    );
}

#[test]
fn a_project_with_a_missing_layer_is_not_bundled() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    std::fs::remove_file(dir.path().join("work/events.csv")).unwrap();
    let zip_path = dir.path().join("handoff.zip");
    let output = bundle(&project, &zip_path);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("events.csv is missing"), "{stderr}");
    assert!(!zip_path.exists());
    let usage = bundle(&project, Path::new(""));
    assert!(usage.status.code() != Some(0));
}
