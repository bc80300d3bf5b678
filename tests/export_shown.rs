//! "Export shown…": a filtered, dated layer's shown features written as GeoJSON and CSV, with
//! the coordinates as the file gave them, each passing `strikemap check --strict`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use strikemap::AppConfig;
use strikemap::data::thematic::args::parse_filter;

/// An ACLED-style export: a BOM, six events, two of them protests, one in 2023.
const CSV: &str = "\u{feff}event_id_cnty,event_date,event_type,latitude,longitude,fatalities,notes\n\
    E1,2024-01-16,Battles,27.123456789,63.1,1,\"a note, with a comma\"\n\
    E2,2024-01-17,Protests,27.2,63.2,0,\n\
    E3,2024-01-18,Riots,27.3,63.3,2,\n\
    E4,2024-01-19,Protests,27.4,63.4,0,\n\
    E5,2024-01-20,Battles,27.5,63.5,3,\n\
    E6,2023-06-01,Battles,27.6,63.6,1,\n";

fn run_check(path: &std::path::Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args(["check", "--strict"])
        .arg(path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{report}");
    report
}

#[test]
fn the_shown_features_are_written_as_geojson_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = common::write(dir.path(), "events.csv", CSV);
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![csv],
        filters: vec![parse_filter("event_type!=Protests").unwrap()],
        dates: Some(("2024-01-01".parse().unwrap(), "2024-01-31".parse().unwrap())),
        ..AppConfig::default()
    });
    common::until_applied(&mut harness);
    let id = harness.state().user_layers().layers[0].id;
    for name in ["shown.geojson", "shown.csv"] {
        let out = dir.path().join(name);
        harness.state_mut().export_shown(id, out.clone());
        for _ in 0..100_000 {
            harness.step();
            if !harness.state().is_exporting_shown() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(out.exists(), "{name} written");
        let report = run_check(&out);
        assert!(report.contains(" 3 read (3 located"), "{report}");
    }
    let text = std::fs::read_to_string(dir.path().join("shown.geojson")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<&str> = value["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["event_id_cnty"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["E1", "E3", "E5"], "no protests, nothing from 2023");
    let first = &value["features"][0]["geometry"]["coordinates"];
    assert_eq!(
        first[1].as_f64(),
        Some(27.123456789),
        "coordinates as written"
    );
    let csv_out = std::fs::read_to_string(dir.path().join("shown.csv")).unwrap();
    let mut lines = csv_out.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("longitude,latitude,event_id_cnty")
    );
    assert_eq!(
        lines.next(),
        Some("63.1,27.123456789,E1,2024-01-16,Battles,1,\"a note, with a comma\"")
    );
    assert_eq!(csv_out.lines().count(), 4);
}
