//! Counts per area: points into polygons agree with a brute-force point-in-polygon test over
//! every polygon; points into hexagons agree with h3o's own cell of each point; and the change
//! figures of a hand-made file, counted into the story's provinces for a range of January 2024
//! against the days before it, are the ones worked out by hand.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::write;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geo::{Contains, MapCoords};
use strikemap::bench_support::load_layer;
use strikemap::data::thematic::areas::{NO_AREA, hexagons};
use strikemap::data::thematic::args::CountIn;
use strikemap::map::projection::to_mercator;
use strikemap::map::user_layers::areas_build::assign_points;
use strikemap::{AppConfig, StrikemapApp};

/// Three areas as a government file might have them: a square with a hole, a two-part
/// multipolygon, and a triangle touching the square; a GeoJSON `Feature` with a BOM-less
/// but CRLF-ended text and a property-less member.
const AREAS: &str = "{\"type\":\"FeatureCollection\",\"features\":[\r\n\
{\"type\":\"Feature\",\"properties\":{\"name\":\"Square\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[60,25],[64,25],[64,29],[60,29],[60,25]],[[61,26],[62,26],[62,27],[61,27],[61,26]]]}},\r\n\
{\"type\":\"Feature\",\"properties\":{\"name\":\"Islands\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[65,25],[66,25],[66,26],[65,26],[65,25]]],[[[65,27],[67.5,27],[66,29.5],[65,27]]]]}},\r\n\
{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[64,25],[68,29],[64,29],[64,25]]]}}\r\n\
]}\r\n";

/// A deterministic scatter of `n` points over the areas and around them.
fn scatter(n: usize) -> Vec<[f64; 2]> {
    let mut random = strikemap::bench_support::random(7);
    (0..n)
        .map(|_| [59.5 + random() * 9.0, 24.5 + random() * 5.5])
        .collect()
}

fn points_csv(points: &[[f64; 2]]) -> String {
    let mut out = String::from("id,event_date,latitude,longitude,fatalities\n");
    for (i, [lon, lat]) in points.iter().enumerate() {
        out += &format!(
            "E{i},2024-01-{:02},{lat:.6},{lon:.6},{}\n",
            1 + i % 28,
            i % 4
        );
    }
    out
}

#[test]
fn points_into_polygons_agree_with_a_brute_force_point_in_polygon_count() {
    let dir = tempfile::tempdir().unwrap();
    let points = scatter(4_000);
    let events = load_layer(&write(dir.path(), "events.csv", &points_csv(&points))).unwrap();
    let areas = load_layer(&write(dir.path(), "areas.geojson", AREAS)).unwrap();
    let area_of = assign_points(
        &events.layer.store().points,
        events.feature_count(),
        &areas.layer,
    );
    // Brute force: every point against every polygon, in the map's projection, no index.
    let file: geojson::FeatureCollection = AREAS.parse().unwrap();
    let shapes: Vec<geo::Geometry> = file
        .features
        .iter()
        .map(|f| {
            let g: geo::Geometry = f.geometry.clone().unwrap().try_into().unwrap();
            g.map_coords(|c| {
                let [x, y] = to_mercator(c.x, c.y);
                geo::Coord { x, y }
            })
        })
        .collect();
    let mut expected = [0usize; 4];
    let mut got = [0usize; 4];
    for (i, [lon, lat]) in points.iter().enumerate() {
        let [x, y] = to_mercator(*lon, *lat);
        let p = geo::Point::new(x, y);
        // The last area drawn wins where two touch, as a click does.
        let inside = (0..shapes.len()).rev().find(|&a| shapes[a].contains(&p));
        expected[inside.unwrap_or(3)] += 1;
        let a = area_of[i];
        got[if a == NO_AREA { 3 } else { a as usize }] += 1;
    }
    assert!(expected[..3].iter().all(|&n| n > 100), "{expected:?}");
    assert_eq!(got, expected, "per area, then outside");
}

#[test]
fn points_into_hexagons_agree_with_h3o_own_cell_of_each_point() {
    let points = scatter(3_000);
    let resolution = h3o::Resolution::Four;
    let (of, cells) = hexagons(&points, resolution);
    assert!(cells.len() > 10 && cells.len() < points.len());
    for (i, [lon, lat]) in points.iter().enumerate() {
        let own = h3o::LatLng::new(*lat, *lon).unwrap().to_cell(resolution);
        assert_eq!(cells[of[i] as usize], own, "point {i}");
    }
    // Every cell is listed once.
    let distinct: std::collections::HashSet<_> = cells.iter().collect();
    assert_eq!(distinct.len(), cells.len());
}

/// Events in Sistan and Baluchestan (Saravan) and Balochistan (Panjgur), and one in Karachi
/// (in neither): (lat, lon, date, deaths).
fn story_events() -> String {
    let mut rows: Vec<(f64, f64, String, u32)> = Vec::new();
    // Saravan: 6 events from 1 to 15 January, 9 from 16 to 31 January, 2 deaths each.
    for d in [2, 4, 6, 8, 10, 12] {
        rows.push((27.37, 62.33, format!("2024-01-{d:02}"), 2));
    }
    for d in 16..25 {
        rows.push((27.37, 62.33, format!("2024-01-{d:02}"), 2));
    }
    // Panjgur: 2 before, 4 during (too few before for a percentage).
    for d in [
        "2024-01-03",
        "2024-01-09",
        "2024-01-17",
        "2024-01-20",
        "2024-01-22",
        "2024-01-30",
    ] {
        rows.push((26.96, 64.09, d.to_owned(), 1));
    }
    // Karachi, and a month earlier outside both periods.
    rows.push((24.86, 67.0, "2024-01-20".to_owned(), 5));
    rows.push((27.37, 62.33, "2023-11-20".to_owned(), 9));
    let mut out =
        String::from("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n");
    for (i, (lat, lon, date, deaths)) in rows.iter().enumerate() {
        out += &format!("X{i},{date},Battles,{lat},{lon},{deaths}\n");
    }
    out
}

fn until_counted(harness: &mut Harness<'static, StrikemapApp>) -> usize {
    let mut frames = 0;
    let busy = |h: &Harness<'static, StrikemapApp>| {
        let layers = h.state().user_layers();
        !layers.jobs.is_empty()
            || layers.layers.iter().any(|l| {
                l.theme.is_computing() || l.aggregate.as_ref().is_some_and(|a| a.is_computing())
            })
    };
    while busy(harness) && frames < 100_000 {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    harness.run_steps(2);
    frames
}

#[test]
fn the_change_per_province_in_late_january_is_worked_out_against_the_days_before() {
    let dir = tempfile::tempdir().unwrap();
    let config = AppConfig {
        files: vec![write(dir.path(), "events.csv", &story_events())],
        dates: Some((
            chrono::NaiveDate::from_ymd_opt(2024, 1, 16).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(),
        )),
        count_in: Some(CountIn::Provinces),
        ..AppConfig::default()
    };
    let (mut harness, _) = common::harness_with(config);
    until_counted(&mut harness);
    let layers = harness.state().user_layers();
    let counts = layers
        .layers
        .iter()
        .find(|l| l.aggregate.is_some())
        .expect("a counts layer");
    assert_eq!(counts.layer.name, "events per story province");
    let points = layers
        .layers
        .iter()
        .find(|l| l.aggregate.is_none())
        .unwrap();
    assert!(!points.visible, "the points are hidden under their counts");
    let table = &counts.table;
    let value = |row: usize, column: &str| table.text(row, table.key(column).unwrap());
    let row_of = |name: &str| {
        (0..table.len())
            .find(|&r| value(r, "name").as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no row {name}"))
    };
    let sistan = row_of("Sistan and Baluchestan");
    assert_eq!(value(sistan, "events").as_deref(), Some("9"));
    assert_eq!(value(sistan, "fatalities").as_deref(), Some("18"));
    assert_eq!(value(sistan, "events_before").as_deref(), Some("6"));
    assert_eq!(value(sistan, "change").as_deref(), Some("3"));
    assert_eq!(value(sistan, "change_pct").as_deref(), Some("50"));
    let balochistan = row_of("Balochistan");
    assert_eq!(value(balochistan, "events").as_deref(), Some("4"));
    assert_eq!(value(balochistan, "change").as_deref(), Some("2"));
    // 2 before is under the minimum of 5: no percentage (not "+100 %").
    let pct = table.key("change_pct").unwrap();
    assert_eq!(table.number(balochistan, pct), None);
    assert_eq!(table.number(sistan, pct), Some(50.0));
    // A click on Saravan's province (away from the story's markers) lists its events of the
    // range.
    common::click_lon_lat(&mut harness, 60.2, 28.6);
    harness.run_steps(2);
    let identified = harness.state().identified();
    assert!(identified.is_some(), "the province is identified");
    assert!(
        harness
            .query_by_label_contains("9 events of events here")
            .is_some()
    );
    recount_follows_the_time_bar(&mut harness);
}

#[test]
fn a_count_into_a_layer_that_is_not_open_exits_non_zero_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let events = write(dir.path(), "events.csv", &story_events());
    let png = dir.path().join("counts.png");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args(["--offline", "--count-in", "no-such-layer", "--export-png"])
        .arg(&png)
        .args(["--size", "320x200"])
        .arg(&events)
        .output()
        .expect("the binary runs");
    assert!(!output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no-such-layer"), "{stderr}");
    assert!(!png.exists());
    // A bad resolution is refused before anything opens.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args(["--offline", "--count-in", "h3:99"])
        .arg(&events)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
}

/// A new range is recounted while frames go on, the previous counts shown meanwhile.
fn recount_follows_the_time_bar(harness: &mut Harness<'static, StrikemapApp>) {
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    harness
        .state_mut()
        .timeline_mut()
        .set_range(day(20), day(30));
    harness.step();
    let events_of = |h: &Harness<'static, StrikemapApp>| {
        let counts = h
            .state()
            .user_layers()
            .layers
            .iter()
            .find(|l| l.aggregate.is_some())
            .unwrap();
        let t = &counts.table;
        let name = t.key("name").unwrap();
        let row = (0..t.len())
            .find(|&r| t.text(r, name).as_deref() == Some("Sistan and Baluchestan"))
            .unwrap();
        (
            t.number(row, t.key("events").unwrap()),
            t.number(row, t.key("change_pct").unwrap()),
        )
    };
    assert_eq!(
        events_of(harness),
        (Some(9.0), Some(50.0)),
        "the previous counts stay"
    );
    let frames = until_counted(harness);
    assert!(frames >= 1, "the recount ran across frames");
    // 20 to 30 January: 5 events; the 11 days before (9 to 19 January): 6; −16.7 %.
    assert_eq!(events_of(harness), (Some(5.0), Some(-16.7)));
}

#[test]
fn hexagons_that_follow_the_zoom_are_made_again_in_place_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = AppConfig {
        files: vec![write(dir.path(), "events.csv", &story_events())],
        count_in: Some(CountIn::Hexagons(None)),
        ..AppConfig::default()
    };
    let (mut harness, _) = common::harness_with(config);
    harness.state_mut().set_view(63.0, 27.0, 5.0);
    until_counted(&mut harness);
    let counts = |h: &Harness<'static, StrikemapApp>| {
        let layers = h.state().user_layers();
        let l = layers
            .layers
            .iter()
            .find(|l| l.aggregate.is_some())
            .unwrap();
        let events = l.table.key("events").unwrap();
        let total: f64 = (0..l.table.len())
            .filter_map(|r| l.table.number(r, events))
            .sum();
        (l.id, l.layer.name.clone(), l.feature_count(), total)
    };
    let (id, name, cells, total) = counts(&harness);
    assert_eq!(total, 23.0, "every event has a cell: {name}");
    harness.state_mut().set_view(63.0, 27.0, 9.0);
    until_counted(&mut harness);
    let (new_id, new_name, new_cells, new_total) = counts(&harness);
    assert_eq!(new_id, id, "the layer keeps its place");
    assert_ne!(new_name, name, "a finer resolution: {new_name}");
    assert!(new_cells >= cells);
    assert_eq!(new_total, total);
    assert_eq!(harness.state().user_layers().layers.len(), 2);
}
