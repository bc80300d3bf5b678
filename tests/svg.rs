//! The SVG export: well-formed XML, one path per shape drawn (a filtered-out feature has none),
//! labels as text, and `--export-svg` from the command line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use quick_xml::events::Event;
use strikemap::AppConfig;
use strikemap::data::thematic::args::parse_filter;

/// Five squares near Saravan, one of kind "b", and a line.
fn geojson() -> String {
    let mut features = Vec::new();
    for i in 0..5 {
        let x = 62.0 + i as f64 * 0.3;
        let kind = if i == 2 { "b" } else { "a" };
        features.push(format!(
            "{{\"type\":\"Feature\",\"properties\":{{\"kind\":\"{kind}\"}},\"geometry\":\
             {{\"type\":\"Polygon\",\"coordinates\":[[[{x},27.0],[{},27.0],[{},27.2],[{x},27.2],[{x},27.0]]]}}}}",
            x + 0.2,
            x + 0.2
        ));
    }
    features.push("{\"type\":\"Feature\",\"properties\":{\"kind\":\"a\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[62,27.5],[63,27.6]]}}".to_owned());
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[{}]}}",
        features.join(",")
    )
}

/// Each element's name, with the `id` of the group it is in.
fn elements(svg: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut groups: Vec<String> = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"g" => {
                let id = e.try_get_attribute("id").unwrap().unwrap();
                groups.push(String::from_utf8_lossy(&id.value).into_owned());
            }
            Event::End(e) if e.name().as_ref() == b"g" => {
                groups.pop();
            }
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                out.push((groups.last().cloned().unwrap_or_default(), name));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_svg_has_a_path_per_shape_drawn_and_text_for_labels() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "areas.geojson", &geojson());
    let (mut harness, _) = common::harness_with(AppConfig {
        files: vec![file],
        filters: vec![parse_filter("kind!=b").unwrap()],
        ..AppConfig::default()
    });
    harness.state_mut().set_view(62.8, 27.3, 8.0);
    common::until_applied(&mut harness);
    let (svg, counts) = harness.state().map_svg().unwrap();
    let found = elements(&svg);
    let count = |name: &str| found.iter().filter(|(_, n)| n == name).count();
    assert_eq!(count("path"), counts.paths);
    assert_eq!(count("circle"), counts.circles);
    assert_eq!(count("text"), counts.texts);
    let layer_paths = found
        .iter()
        .filter(|(g, n)| g == "areas" && n == "path")
        .count();
    assert_eq!(
        layer_paths, 5,
        "four squares shown, one filtered out, and the line"
    );
    let texts = found
        .iter()
        .filter(|(g, n)| g == "Events" && n == "text")
        .count();
    assert!(texts >= 1, "the story's labels are text");
    assert!(svg.contains("Boundaries: Natural Earth"));
    assert!(svg.contains("<g id=\"basemap\""));
}

#[test]
fn export_svg_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "areas.geojson", &geojson());
    let out = dir.path().join("map.svg");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args([
            "--offline",
            "--view",
            "27.3,62.8,8",
            "--size",
            "800x600",
            "--export-svg",
        ])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let svg = std::fs::read_to_string(&out).unwrap();
    let layer_paths = elements(&svg)
        .iter()
        .filter(|(g, n)| g == "areas" && n == "path")
        .count();
    assert_eq!(layer_paths, 6);
    // The map's area of the 800-point-wide export (less its frame).
    let width: f32 = svg
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((700.0..=800.0).contains(&width), "{width}");
}

/// Each element of group `id` named `name`, with its attribute `attr` and its text.
fn attributes(svg: &str, id: &str, name: &str, attr: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut groups, mut out, mut open): (Vec<String>, Vec<(String, String)>, bool) =
        (Vec::new(), Vec::new(), false);
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"g" => {
                let value = e.try_get_attribute("id").unwrap().unwrap().value;
                groups.push(String::from_utf8_lossy(&value).into_owned());
            }
            Event::End(e) if e.name().as_ref() == b"g" => {
                groups.pop();
            }
            Event::Start(e) | Event::Empty(e)
                if e.name().as_ref() == name.as_bytes()
                    && groups.last().map(String::as_str) == Some(id) =>
            {
                let value = e.try_get_attribute(attr).unwrap().map(|a| a.value);
                let value = value.map(|v| String::from_utf8_lossy(&v).into_owned());
                out.push((value.unwrap_or_default(), String::new()));
                open = true;
            }
            Event::Text(t) if open => {
                if let Some(last) = out.last_mut() {
                    last.1 = t.decode().unwrap().into_owned();
                }
                open = false;
            }
            Event::Eof => break,
            _ => open = false,
        }
    }
    out
}

#[test]
fn uncertain_events_have_their_ground_scale_circles_and_towns_their_names() {
    let (mut harness, _) = common::harness_with(AppConfig::default());
    harness.state_mut().set_view(63.5, 27.5, 6.4);
    common::until_applied(&mut harness);
    let (svg, _) = harness.state().map_svg().unwrap();
    let radii: Vec<f32> = attributes(&svg, "Events", "circle", "r")
        .iter()
        .map(|(r, _)| r.parse().unwrap())
        .collect();
    // 100 km round the Panjgur strike and 50 km round Saravan's, at zoom 6.4 near 27° N:
    // 256 · 2^6.4 points per 40,075 km, stretched by 1 / cos(latitude).
    let per_km = 256.0 * 2f32.powf(6.4) / 40_075.0 / 27f32.to_radians().cos();
    for km in [100.0, 50.0] {
        let want = km * per_km;
        assert!(
            radii.iter().any(|r| (r - want).abs() < want * 0.05),
            "a {km} km circle of about {want} points: {radii:?}"
        );
    }
    let names: Vec<String> = attributes(&svg, "basemap", "text", "x")
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    for town in ["Zahedan", "Quetta", "Turbat"] {
        assert!(names.iter().any(|n| n == town), "{town} in {names:?}");
    }
}
