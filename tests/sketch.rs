//! Sketch layers as a user makes them: marks drawn by clicks in the window, reshaped by
//! dragging, undone and redone to the exact geometry; exported as GeoJSON that passes
//! `strikemap check --strict` and as KML that opens as an ordinary layer; a marked-up GeoJSON
//! file read back for editing, its unreadable feature named; sketches kept in the project.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use strikemap::app::{AppConfig, SketchTool};
use strikemap::data::formats::geojson::sketch;
use strikemap::data::sketch::{Certainty, Mark, MarkKind, Sketch};

/// A sketch with one mark of each kind, sourced, one approximate.
fn sample() -> Sketch {
    let mut polygon = Mark::new(
        MarkKind::Polygon,
        vec![[62.1, 27.2], [62.6, 27.2], [62.6, 27.6], [62.1, 27.6]],
    );
    polygon.title = "Area the report names".into();
    polygon.source = "https://example.org/report".into();
    polygon.date = "2024-01-18".into();
    polygon.certainty = Certainty::Approximate { radius_m: 5000.0 };
    let mut arrow = Mark::new(MarkKind::Arrow, vec![[63.0, 26.5], [62.4, 27.3]]);
    arrow.title = "Direction of the strike".into();
    let mut label = Mark::new(MarkKind::Label, vec![[62.3, 27.0]]);
    label.title = "Saravan سراوان".into();
    let mut point = Mark::new(MarkKind::Point, vec![[62.33, 27.37]]);
    point.style.symbol = "danger".into();
    point.certainty = Certainty::Standin;
    let line = Mark::new(
        MarkKind::Line,
        vec![[61.0, 28.0], [61.5, 28.2], [62.0, 28.1]],
    );
    Sketch::with_marks("Notes", vec![polygon, arrow, label, point, line])
}

/// An offline app whose sketch layer holds [`sample`]'s marks, the last one selected.
fn app_with_sample(ctx: &egui::Context) -> strikemap::StrikemapApp {
    let mut app = common::offline_app(ctx);
    for mark in sample().marks {
        app.add_mark(mark);
    }
    app
}

/// One edit of a sketch's marks.
type Edit = dyn Fn(&mut Vec<Mark>);

#[test]
fn undo_and_redo_restore_the_exact_geometry_of_every_edit() {
    let mut s = Sketch::new("Edits");
    let mut states = vec![s.marks.clone()];
    let edits: Vec<Box<Edit>> = vec![
        Box::new(|m| m.push(Mark::new(MarkKind::Line, vec![[61.0, 28.0], [61.7, 28.3]]))),
        Box::new(|m| m[0].points.insert(1, [61.33333333333, 28.41234567891])),
        Box::new(|m| m[0].points[2] = [61.9, 28.05]),
        Box::new(|m| m[0].translate([0.123456789, -0.0456])),
        Box::new(|m| m.push(Mark::new(MarkKind::Point, vec![[62.0, 27.0]]))),
        Box::new(|m| {
            m[0].points.remove(0);
        }),
        Box::new(|m| {
            m.remove(1);
        }),
    ];
    for edit in &edits {
        s.edit(|m| edit(m));
        states.push(s.marks.clone());
    }
    // Typing a title is one edit, however many keystrokes.
    for title in ["S", "Sa", "Sar"] {
        s.edit_merging("0:title", |m| m[0].title = title.into());
    }
    states.push(s.marks.clone());
    for expected in states.iter().rev().skip(1) {
        assert!(s.undo());
        assert_eq!(&s.marks, expected);
    }
    assert!(!s.undo(), "nothing left to undo");
    for expected in states.iter().skip(1) {
        assert!(s.redo());
        assert_eq!(&s.marks, expected);
    }
    assert!(!s.redo());
}

#[test]
fn geojson_export_reads_back_as_the_same_marks() {
    let original = sample();
    let text = sketch::write(&original);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let polygon = &value["features"][0];
    assert_eq!(polygon["geometry"]["type"], "Polygon");
    let ring = polygon["geometry"]["coordinates"][0].as_array().unwrap();
    assert_eq!(ring.first(), ring.last(), "RFC 7946: the ring is closed");
    assert_eq!(polygon["properties"]["fill"], "#d55e00");
    assert_eq!(
        polygon["properties"]["source"],
        "https://example.org/report"
    );
    assert_eq!(polygon["properties"]["position"], "approximate");
    assert_eq!(value["features"][1]["properties"]["sketch-mark"], "arrow");
    let back = sketch::read(&text).unwrap();
    assert!(back.skipped.is_empty());
    assert_eq!(back.marks, original.marks);
}

#[test]
fn a_marked_up_file_from_elsewhere_opens_for_editing_and_its_bad_feature_is_named() {
    // As geojson.io writes it: a BOM, simplestyle, a `name` instead of a title, a clockwise
    // ring, and one feature whose geometry a sketch cannot hold.
    let text = "\u{feff}{\"type\":\"FeatureCollection\",\"features\":[\
        {\"type\":\"Feature\",\"properties\":{\"name\":\"Camp\",\"marker-color\":\"#0072b2\"},\
         \"geometry\":{\"type\":\"Point\",\"coordinates\":[62.1,27.5]}},\
        {\"type\":\"Feature\",\"properties\":{\"stroke\":\"#009e73\",\"stroke-width\":\"5\"},\
         \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[62,27],[62,28],[63,28],[62,27]]]}},\
        {\"type\":\"Feature\",\"properties\":{},\
         \"geometry\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}]}";
    let read = sketch::read(text).unwrap();
    assert_eq!(read.marks.len(), 2);
    assert_eq!(read.marks[0].title, "Camp");
    assert_eq!(read.marks[0].style.color, "#0072b2");
    assert_eq!(read.marks[1].kind, MarkKind::Polygon);
    assert_eq!(
        read.marks[1].points.len(),
        3,
        "the closing point is dropped"
    );
    assert_eq!(read.marks[1].style.width, 5.0);
    assert_eq!(read.skipped.len(), 1);
    assert!(
        read.skipped[0].starts_with("feature 3:"),
        "{:?}",
        read.skipped
    );
    assert!(sketch::read("{\"type\":\"FeatureCollection\",\"features\":[{}]}").is_err());
}

#[test]
fn exports_pass_strict_check_and_open_as_ordinary_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ctx = egui::Context::default();
    let mut app = app_with_sample(&ctx);
    for name in ["notes.geojson", "notes.kml"] {
        let path = dir.join(name);
        app.export_sketch(0, &path).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_strikemap"))
            .args(["check", "--strict"])
            .arg(&path)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{name}: {report}");
        assert!(report.contains("5 read"), "{name}: {report}");
    }
    assert!(!dir.join(".notes.kml.saving").exists());
    let index = app.open_sketch(&dir.join("notes.geojson")).unwrap();
    assert_eq!(app.sketches()[index].marks, app.sketches()[0].marks);
}

#[test]
fn a_line_and_a_polygon_are_drawn_by_clicks_and_reshaped_by_dragging() {
    let (mut harness, _) = common::harness_with(AppConfig::default());
    harness.state_mut().set_view(61.6, 28.4, 7.0);
    common::settle(&mut harness);
    harness.get_by_label_contains("Sketch").click();
    harness.run_steps(2);
    assert_eq!(harness.state().sketch_tool(), Some(SketchTool::Select));
    harness.get_by_label("line").click();
    harness.run_steps(2);
    common::click_lon_lat(&mut harness, 61.0, 28.0);
    common::click_lon_lat(&mut harness, 61.4, 28.6);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.get_by_label("polygon").click();
    harness.run_steps(2);
    for (lon, lat) in [(61.8, 27.8), (62.2, 27.8), (62.0, 28.2)] {
        common::click_lon_lat(&mut harness, lon, lat);
    }
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let marks = harness.state().sketches()[0].marks.clone();
    assert_eq!(marks.len(), 2);
    assert_eq!((marks[0].kind, marks[0].points.len()), (MarkKind::Line, 2));
    assert_eq!(
        (marks[1].kind, marks[1].points.len()),
        (MarkKind::Polygon, 3)
    );
    let near = |p: [f64; 2], q: [f64; 2]| (p[0] - q[0]).abs() < 0.01 && (p[1] - q[1]).abs() < 0.01;
    assert!(
        near(marks[0].points[1], [61.4, 28.6]),
        "{:?}",
        marks[0].points
    );
    assert!(
        near(marks[1].points[2], [62.0, 28.2]),
        "{:?}",
        marks[1].points
    );
    assert_eq!(harness.state().selected_mark(), Some((0, 1)));
    // Select, then drag the polygon's last vertex; the map does not pan.
    harness.get_by_label("Select").click();
    harness.run_steps(2);
    let zoom = harness.state().zoom();
    let from = harness.state().screen_pos(62.0, 28.2).unwrap();
    let to = harness.state().screen_pos(62.3, 28.4).unwrap();
    harness.drag_at(from);
    harness.run_steps(2);
    harness.hover_at(from + (to - from) * 0.5);
    harness.run_steps(2);
    harness.hover_at(to);
    harness.run_steps(2);
    harness.drop_at(to);
    harness.run_steps(3);
    let moved = harness.state().sketches()[0].marks[1].points[2];
    assert!(near(moved, [62.3, 28.4]), "{moved:?}");
    assert_eq!(
        harness.state().screen_pos(62.0, 28.2),
        Some(from),
        "the map panned"
    );
    assert_eq!(harness.state().zoom(), zoom);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().sketches()[0].marks,
        marks,
        "one undo takes the drag back"
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().sketches()[0].marks[1].points[2], moved);
}

#[test]
fn sketches_and_the_panels_survive_a_project_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let ctx = egui::Context::default();
    let mut app = app_with_sample(&ctx);
    app.toggle_measure();
    let path = dir.join("map.strikemap");
    app.save_project(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"Direction of the strike\""), "{text}");
    let mut reopened = common::offline_app(&ctx);
    reopened.open_project(&path, &ctx).unwrap();
    assert_eq!(reopened.sketches(), app.sketches());
    assert_eq!(reopened.selected_mark(), Some((0, 4)));
    assert!(reopened.is_measuring());
    assert!(!reopened.has_unsaved_changes());
    reopened.add_mark(Mark::new(MarkKind::Point, vec![[60.0, 29.0]]));
    assert!(reopened.has_unsaved_changes());
    reopened.undo_sketch();
    assert!(
        !reopened.has_unsaved_changes(),
        "undone back to the saved marks"
    );
}

#[test]
fn the_svg_shows_marks_as_sure_as_they_are_and_the_legend_lists_the_sketch() {
    let (mut harness, _) =
        common::harness_of(app_with_sample(&egui::Context::default()), [1200.0, 800.0]);
    harness.state_mut().set_view(62.3, 27.3, 8.0);
    common::settle(&mut harness);
    let (svg, _) = harness.state().map_svg().unwrap();
    let name = harness.state().sketches()[0].name.clone();
    let group = svg
        .split(&format!("<g id=\"{name}\""))
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .unwrap();
    let dashed = group
        .lines()
        .filter(|l| l.contains("stroke-dasharray"))
        .count();
    assert_eq!(
        dashed, 1,
        "only the approximate polygon is dashed:\n{group}"
    );
    assert!(
        group.contains("<circle") && group.contains("fill=\"#ffffff\""),
        "the stand-in point is hollow:\n{group}"
    );
    assert!(group.contains(">Saravan سراوان</text>"));
    assert!(
        svg.contains(&format!(">{name} (sketch, 5 marks)</text>")),
        "the legend lists the sketch"
    );
}
