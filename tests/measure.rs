//! Measuring: lengths, bearings, areas and range rings agree with GeographicLib's own figures
//! (computed with its Python implementation, `geographiclib` 2.0, for the same points), and in
//! the window a path is measured by clicks, with the results in the side panel and Escape
//! ending the mode.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::Key;
use egui_kittest::kittest::Queryable;
use geo::{Distance, Geodesic, Point};
use strikemap::AppConfig;
use strikemap::data::measure::{MeasureMode, Measurement, Unit};

const SARAVAN: [f64; 2] = [62.3341, 27.3709];
const ZAHEDAN: [f64; 2] = [60.8629, 29.4963];

#[test]
fn saravan_to_zahedan_is_the_geodesic_distance_geographiclib_gives() {
    let mut m = Measurement::new(MeasureMode::Distance);
    m.points = vec![SARAVAN, ZAHEDAN];
    // GeographicLib: s12 = 276137.459 m, azi1 = −31.1138°.
    assert!((m.total_m() - 276_137.459).abs() < 0.01, "{}", m.total_m());
    assert!((m.bearing_deg().unwrap() - (360.0 - 31.113_76)).abs() < 1e-4);
    assert_eq!(Unit::Km.format(m.total_m()), "276.14 km");
    assert_eq!(Unit::Mi.format(m.total_m()), "171.58 mi");
    assert_eq!(Unit::Nm.format(m.total_m()), "149.10 nmi");
    // A path's total is its segments' sum.
    m.points.push([63.0, 26.0]);
    let segments = m.segments_m();
    assert_eq!(segments.len(), 2);
    assert!((segments.iter().sum::<f64>() - m.total_m()).abs() < 1e-6);
}

#[test]
fn a_square_degree_has_geographiclibs_area_and_perimeter() {
    let mut m = Measurement::new(MeasureMode::Area);
    m.points = vec![[62.0, 27.0], [63.0, 27.0], [63.0, 28.0], [62.0, 28.0]];
    let (area, perimeter) = m.area_perimeter().unwrap();
    // GeographicLib's Polygon: perimeter 419239.129 m, area 10949477827.2 m².
    assert!((perimeter - 419_239.129).abs() < 0.01, "{perimeter}");
    assert!((area - 10_949_477_827.2).abs() / area < 1e-9, "{area}");
    assert_eq!(Unit::Km.format_area(area), "10,949.48 km²");
    let report = m.report();
    assert!(
        report.iter().any(|l| l == "Area: 10,949.48 km²"),
        "{report:?}"
    );
}

#[test]
fn a_range_ring_is_true_at_its_radius_all_round() {
    let ring = Measurement::ring(SARAVAN, 50_000.0, 64);
    assert_eq!(ring.len(), 65);
    assert_eq!(ring.first(), ring.last(), "closed");
    for p in ring {
        let d = Geodesic.distance(Point::new(SARAVAN[0], SARAVAN[1]), Point::new(p[0], p[1]));
        assert!((d - 50_000.0).abs() < 1e-3, "{d}");
    }
}

#[test]
fn a_path_is_measured_by_clicks_and_escape_ends_the_mode() {
    let (mut harness, _) = common::harness_with(AppConfig::default());
    harness.state_mut().set_view(61.6, 28.4, 7.0);
    common::settle(&mut harness);
    harness.get_by_label_contains("Measure").click();
    harness.run_steps(2);
    assert!(harness.state().is_measuring());
    // Away from the story's markers: clicks add points, they select nothing.
    common::click_lon_lat(&mut harness, 61.2, 27.6);
    common::click_lon_lat(&mut harness, 61.0, 29.0);
    let m = harness.state().measurement().unwrap().clone();
    assert_eq!(m.points.len(), 2);
    assert!((m.points[0][0] - 61.2).abs() < 0.01 && (m.points[0][1] - 27.6).abs() < 0.01);
    assert!(harness.state().selected_event().is_none());
    assert!(harness.state().identified().is_none());
    let total = Unit::Km.format(m.total_m());
    assert!(
        harness.query_by_label(&format!("Total: {total}")).is_some(),
        "the side panel shows {total}"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_measuring());
}
