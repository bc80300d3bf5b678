//! `strikemap check`, run as a user runs it: the report, the JSON, and the exit codes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn check(args: &[&str]) -> Output {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .arg("check")
        .args(args)
        .current_dir(data)
        .output()
        .expect("run strikemap check")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_usable_file_is_reported_with_its_refusals_and_exits_0() {
    let output = check(&["formats/bad_rows.csv"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("formats/bad_rows.csv: CSV, 4 read"), "{text}");
    assert!(text.contains("2 skipped"), "{text}");
    assert!(
        text.contains("row 3 (line 4, column 9): column \"lat\" (2): \"abc\" is not a number"),
        "{text}"
    );
    assert!(
        text.contains("bounds 60.86290, 27.37090 to 66.99900, 30.18410"),
        "{text}"
    );
}

#[test]
fn any_unusable_file_makes_it_exit_1_and_every_file_is_still_reported() {
    let output = check(&[
        "bad/kml_not_closed.kml",
        "formats/field.gpx",
        "bad/prj_unknown.shp",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "kml_not_closed.kml: NOT USABLE: is cut short: <Placemark> is never closed (line 5)"
        ),
        "{text}"
    );
    assert!(text.contains("field.gpx: GPX, 5 read"), "{text}");
    assert!(
        text.contains(
            "prj_unknown.shp: NOT USABLE: is in the coordinate system \"Bogus_Banana_Grid_1999\""
        ),
        "{text}"
    );
}

#[test]
fn json_gives_one_object_per_file() {
    let output = check(&["--json", "formats/mymaps.kmz", "bad/csv_empty.csv"]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["usable"], true);
    assert_eq!(lines[0]["format"], "KMZ");
    assert_eq!(lines[0]["layers"].as_array().map(Vec::len), Some(3));
    assert_eq!(lines[1]["usable"], false);
    assert!(lines[1]["error"].as_str().unwrap().contains("empty"));
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(check(&[]).status.code(), Some(2));
    assert_eq!(
        check(&["--no-such-option", "x.geojson"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_pmtiles_archive_is_checked_by_its_header_and_a_decoded_tile() {
    let output = check(&["../fixtures/vector_tiles/events.pmtiles"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("PMTiles archive \"strikemap test events\", zoom 0–8, 285 tiles"),
        "{text}"
    );
    assert!(
        text.contains("layers countries, events, provinces"),
        "{text}"
    );
    assert!(
        text.contains("zoom 0: 1 tiles decoded, 0 empty; features countries 16, events"),
        "{text}"
    );
    // A file that only claims to be an archive is refused, and the exit code says so.
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.pmtiles");
    std::fs::write(&fake, "<html>404</html>").unwrap();
    let output = check(&[fake.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("NOT USABLE: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn flatgeobuf_and_geopackage_are_checked_with_the_counts_gdal_gives() {
    let output = check(&[
        "../fixtures/indexed/events.fgb",
        "../fixtures/indexed/events.gpkg",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    // ogrinfo -so -al: 1200 events in each; the GeoPackage's damaged blob is named.
    assert!(text.contains("events.fgb: FlatGeobuf, 1200 read"), "{text}");
    assert!(
        text.contains("GeoPackage layer \"events — events\", 1199 read"),
        "{text}"
    );
    assert!(text.contains("1 skipped"), "{text}");
    assert!(
        text.contains("(fid 7): has a geometry that cannot be read"),
        "{text}"
    );
    assert!(
        text.contains("GeoPackage layer \"events — provinces\", 2 read"),
        "{text}"
    );
    assert!(text.contains("UTM zone 41N"), "{text}");
}
