//! Tests of `strikemap::data::distance` on small made-up shapes: empty and odd input, borders
//! whose vertices do not match, borders crossing a ring's start, points on or near lines, and
//! lines far from the story (long, high-latitude).

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Polygon, coord};
use std::f64::consts::PI;
use strikemap::data::distance::{geodesic_m, length_m, nearest_point, shared_border};

/// An axis-aligned square polygon (counter-clockwise) with extra vertices on its edges.
///
/// Exists to build neighbours whose shared edge is split differently on each side.
fn square(x0: f64, y0: f64, side: f64, splits: usize) -> MultiPolygon<f64> {
    let corners = [
        (x0, y0),
        (x0 + side, y0),
        (x0 + side, y0 + side),
        (x0, y0 + side),
    ];
    let mut ring = Vec::new();
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        for s in 0..=splits {
            let t = s as f64 / (splits + 1) as f64;
            ring.push(coord! {x: a.0 + (b.0 - a.0) * t, y: a.1 + (b.1 - a.1) * t});
        }
    }
    MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
}

/// A MultiPolygon with one polygon whose exterior ring is `coords` (closed by geo).
///
/// Exists for hand-made outlines.
fn polygon(coords: &[(f64, f64)]) -> MultiPolygon<f64> {
    MultiPolygon::new(vec![Polygon::new(
        LineString::from(coords.to_vec()),
        vec![],
    )])
}

/// Sorted x (or y) values of every vertex of `lines`.
///
/// Exists to compare borders without caring about orientation.
fn sorted_coords(lines: &MultiLineString<f64>) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.0.iter().map(|c| (c.x, c.y)))
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v
}

/// Empty polygons give an empty border, in either argument.
#[test]
fn shared_border_empty_inputs() {
    let empty = MultiPolygon::<f64>::new(vec![]);
    let sq = square(0.0, 0.0, 1.0, 0);
    assert!(shared_border(&empty, &sq, 1e-6).0.is_empty());
    assert!(shared_border(&sq, &empty, 1e-6).0.is_empty());
    assert!(shared_border(&empty, &empty, 1e-6).0.is_empty());
    let hollow = MultiPolygon::new(vec![Polygon::new(LineString::new(vec![]), vec![])]);
    assert!(shared_border(&hollow, &sq, 1e-6).0.is_empty());
    assert!(shared_border(&sq, &hollow, 1e-6).0.is_empty());
}

/// `nearest_point` is None for no lines, empty lines, and a non-finite query point.
#[test]
fn nearest_point_empty_inputs() {
    let p = Point::new(60.0, 27.0);
    assert_eq!(nearest_point(&MultiLineString::new(vec![]), p), None);
    assert_eq!(
        nearest_point(&MultiLineString::new(vec![LineString::new(vec![])]), p),
        None
    );
    let nan_only = MultiLineString::new(vec![LineString::from(vec![
        (f64::NAN, 1.0),
        (2.0, f64::NAN),
    ])]);
    assert_eq!(nearest_point(&nan_only, p), None);
    let line = MultiLineString::new(vec![LineString::from(vec![(60.0, 26.0), (61.0, 26.0)])]);
    assert_eq!(nearest_point(&line, Point::new(f64::NAN, 27.0)), None);
    assert_eq!(nearest_point(&line, Point::new(60.0, f64::INFINITY)), None);
    assert_eq!(length_m(&MultiLineString::new(vec![])), 0.0);
}

/// Two squares sharing the edge x = 1: the border is that edge, one LineString, also when one
/// side splits the edge into more vertices than the other (vertices not shared exactly).
#[test]
fn shared_edge_with_unmatched_vertices() {
    let left = square(0.0, 0.0, 1.0, 0);
    let right = square(1.0, 0.0, 1.0, 4); // its left edge has 4 extra vertices
    let border = shared_border(&left, &right, 1e-9);
    assert_eq!(sorted_coords(&border), vec![(1.0, 0.0), (1.0, 1.0)]);
    let border = shared_border(&right, &left, 1e-9);
    assert_eq!(border.0.len(), 1);
    assert_eq!(border.0[0].0.len(), 6);
    assert!(border.0[0].0.iter().all(|c| c.x == 1.0));
    let km = length_m(&border) / 1000.0;
    assert!((km - 110.57).abs() < 0.1, "{km}"); // one degree of latitude at the equator
}

/// Vertices a little off the other outline count within the tolerance and not below it.
#[test]
fn tolerance_decides() {
    let left = square(0.0, 0.0, 1.0, 3);
    let right = polygon(&[
        (1.0005, 0.0),
        (2.0, 0.0),
        (2.0, 1.0),
        (1.0005, 1.0),
        (1.0005, 0.0),
    ]);
    assert!(shared_border(&left, &right, 1e-4).0.is_empty());
    let border = shared_border(&left, &right, 1e-3);
    assert_eq!(border.0.len(), 1);
    assert_eq!(border.0[0].0.len(), 5);
    // Negative and NaN tolerances mean exact only: nothing here.
    assert!(shared_border(&left, &right, -1.0).0.is_empty());
    assert!(shared_border(&left, &right, f64::NAN).0.is_empty());
}

/// A segment whose two ends touch `b` but whose middle does not (a chord across a bay of `b`)
/// is not border.
#[test]
fn chord_is_not_border() {
    // b is a U shape opening upwards; a's bottom edge spans the U's two arms at y = 1.
    let b = polygon(&[
        (0.0, 0.0),
        (3.0, 0.0),
        (3.0, 1.0),
        (2.0, 1.0),
        (2.0, 0.5),
        (1.0, 0.5),
        (1.0, 1.0),
        (0.0, 1.0),
        (0.0, 0.0),
    ]);
    let a = polygon(&[(0.5, 1.0), (2.5, 1.0), (2.5, 2.0), (0.5, 2.0), (0.5, 1.0)]);
    let border = shared_border(&a, &b, 1e-9);
    assert!(border.0.is_empty(), "{border:?}");
    // With a vertex at each arm's inner corner the two touching stretches are found.
    let a = polygon(&[
        (0.5, 1.0),
        (1.0, 1.0),
        (2.0, 1.0),
        (2.5, 1.0),
        (2.5, 2.0),
        (0.5, 2.0),
        (0.5, 1.0),
    ]);
    let border = shared_border(&a, &b, 1e-9);
    assert_eq!(border.0.len(), 2, "{border:?}");
    assert_eq!(
        sorted_coords(&border),
        vec![(0.5, 1.0), (1.0, 1.0), (2.0, 1.0), (2.5, 1.0)]
    );
}

/// A border run through the first vertex of `a`'s ring comes out as one LineString.
#[test]
fn run_across_ring_start() {
    // a's ring starts in the middle of the shared edge x = 1.
    let a = polygon(&[
        (1.0, 0.5),
        (1.0, 1.0),
        (0.0, 1.0),
        (0.0, 0.0),
        (1.0, 0.0),
        (1.0, 0.5),
    ]);
    let b = square(1.0, 0.0, 1.0, 0);
    let border = shared_border(&a, &b, 1e-9);
    assert_eq!(border.0.len(), 1, "{border:?}");
    assert_eq!(
        border.0[0],
        LineString::from(vec![(1.0, 0.0), (1.0, 0.5), (1.0, 1.0)])
    );
}

/// An enclave: the hole of `a` is all of `b`'s outline, and comes back as a closed ring.
#[test]
fn enclave_border_is_closed_ring() {
    let outer = LineString::from(vec![
        (0.0, 0.0),
        (3.0, 0.0),
        (3.0, 3.0),
        (0.0, 3.0),
        (0.0, 0.0),
    ]);
    let hole = LineString::from(vec![
        (1.0, 1.0),
        (1.0, 2.0),
        (2.0, 2.0),
        (2.0, 1.0),
        (1.0, 1.0),
    ]);
    let a = MultiPolygon::new(vec![Polygon::new(outer, vec![hole.clone()])]);
    let b = square(1.0, 1.0, 1.0, 0);
    let border = shared_border(&a, &b, 1e-9);
    assert_eq!(border.0, vec![hole]);
    assert!(border.0[0].is_closed());
}

/// Two polygons of `a` whose border pieces meet at a point are joined into one LineString.
#[test]
fn pieces_from_two_polygons_join() {
    // a: two squares touching at (1, 1); b: the strip to their right... shaped so that a's
    // border with b runs along x = 1 for y in 0..1 (first square) and y in 1..2 (second).
    let a1 = polygon(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]);
    let a2 = polygon(&[(0.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0), (0.0, 1.0)]);
    let a = MultiPolygon::new(a1.0.into_iter().chain(a2.0).collect());
    let b = polygon(&[(1.0, 0.0), (2.0, 0.0), (2.0, 2.0), (1.0, 2.0), (1.0, 0.0)]);
    let border = shared_border(&a, &b, 1e-9);
    assert_eq!(border.0.len(), 1, "{border:?}");
    assert_eq!(
        sorted_coords(&border),
        vec![(1.0, 0.0), (1.0, 1.0), (1.0, 2.0)]
    );
}

/// NaN coordinates in either outline are skipped rather than poisoning the result.
#[test]
fn nan_coordinates_are_skipped() {
    let left = square(0.0, 0.0, 1.0, 0);
    let mut right = square(1.0, 0.0, 1.0, 0);
    right.0[0].exterior_mut(|r| r.0.insert(2, coord! {x: f64::NAN, y: f64::NAN}));
    let border = shared_border(&left, &right, 1e-9);
    assert_eq!(sorted_coords(&border), vec![(1.0, 0.0), (1.0, 1.0)]);
    let lines = MultiLineString::new(vec![LineString::new(vec![
        coord! {x: 60.0, y: 27.0},
        coord! {x: f64::NAN, y: 27.0},
        coord! {x: 61.0, y: 27.0},
        coord! {x: 62.0, y: 27.0},
    ])]);
    let (q, _) = nearest_point(&lines, Point::new(61.5, 27.5)).unwrap();
    assert!(q.x() > 61.0 && q.x() < 62.0, "{q:?}");
}

/// A point on a line is ~0 m from it: a vertex exactly, and a point inside a segment (straight
/// in lon/lat) within the 0.3 m by which the great-circle pieces measured part from it.
#[test]
fn point_on_line_is_zero() {
    let lines = MultiLineString::new(vec![LineString::from(vec![
        (60.0, 27.0),
        (61.0, 28.0),
        (62.0, 28.0),
    ])]);
    let (q, d) = nearest_point(&lines, Point::new(61.0, 28.0)).unwrap();
    assert_eq!((q, d), (Point::new(61.0, 28.0), 0.0));
    let (q, d) = nearest_point(&lines, Point::new(60.5, 27.5)).unwrap();
    assert!(d < 0.31, "{d}");
    assert_eq!(geodesic_m(q, Point::new(60.5, 27.5)), d);
}

/// A lone-point LineString counts as that point.
#[test]
fn single_point_line() {
    let lines = MultiLineString::new(vec![LineString::from(vec![(60.0, 27.0)])]);
    let p = Point::new(60.0, 28.0);
    let (q, d) = nearest_point(&lines, p).unwrap();
    assert_eq!(q, Point::new(60.0, 27.0));
    assert_eq!(d, geodesic_m(p, q));
}

/// Geodesic, not planar: from a point at 60° N, a line 1° of longitude east is nearer than a
/// line 1° of latitude north, although in plain degrees they are equally far.
#[test]
fn geodesic_not_planar() {
    let north = LineString::from(vec![(9.0, 61.0), (11.0, 61.0)]);
    let east = LineString::from(vec![(11.0, 59.0), (11.0, 60.5)]);
    let lines = MultiLineString::new(vec![north, east]);
    let p = Point::new(10.0, 60.0);
    let (q, d) = nearest_point(&lines, p).unwrap();
    assert!((q.x() - 11.0).abs() < 1e-9, "{q:?}");
    // The nearest point on a meridian is not at the same latitude but a little north of it,
    // where the meridian is closest along the ellipsoid; the distance is near 55.8 km.
    assert!(
        (d - geodesic_m(p, Point::new(11.0, 60.0))).abs() < 100.0,
        "{d}"
    );
    assert!(d <= geodesic_m(p, Point::new(11.0, 60.0)));
}

/// Minimum geodesic distance from `p` to `samples + 1` points evenly spaced along the straight
/// lon/lat segment `a`–`b`.
///
/// Exists as the brute force the long and high-latitude cases are checked against.
fn brute(p: Point<f64>, a: Coord<f64>, b: Coord<f64>, samples: u32) -> f64 {
    (0..=samples)
        .map(|k| geodesic_m(p, Point(a + (b - a) * (f64::from(k) / f64::from(samples)))))
        .fold(f64::INFINITY, f64::min)
}

/// A long segment (split into pieces internally) still yields its interior nearest point,
/// within 10 m of a fine sampling of the lon/lat line 672 km away.
#[test]
fn long_segment() {
    let (a, b) = (Coord { x: 40.0, y: 20.0 }, Coord { x: 70.0, y: 35.0 });
    let lines = MultiLineString::new(vec![LineString::new(vec![a, b])]);
    let p = Point::new(52.0, 33.0);
    let (q, d) = nearest_point(&lines, p).unwrap();
    let brute = brute(p, a, b, 300_000);
    assert!((d - brute).abs() < 10.0, "{d} vs {brute}");
    assert!(q.x() > 40.0 && q.x() < 70.0);
}

/// Near the pole the candidate search spans every longitude: from 89° N the nearest point of
/// a parallel at 80° N lies straight south, and of two meridian stretches the one across the
/// pole (in longitude, 170° away) is nearer than one 10° of longitude away but lower.
#[test]
fn high_latitude() {
    let (a, b) = (Coord { x: -170.0, y: 80.0 }, Coord { x: 170.0, y: 80.0 });
    let parallel = MultiLineString::new(vec![LineString::new(vec![a, b])]);
    let p = Point::new(10.0, 89.0);
    let (q, d) = nearest_point(&parallel, p).unwrap();
    assert!((q.x() - 10.0).abs() < 1e-6, "{q:?}");
    let brute = brute(p, a, b, 340_000);
    assert!((d - brute).abs() < 10.0, "{d} vs {brute}");
    let far_side = LineString::from(vec![(-170.0, 87.0), (-170.0, 88.0)]);
    let near_side = LineString::from(vec![(20.0, 80.0), (20.0, 85.0)]);
    let lines = MultiLineString::new(vec![near_side, far_side]);
    let (q, d) = nearest_point(&lines, p).unwrap();
    assert_eq!(q, Point::new(-170.0, 88.0));
    assert_eq!(d, geodesic_m(p, q));
}

/// WGS84's meridian arc from the equator to latitude `phi_deg`, in metres, by Helmert's series.
///
/// Exists as a value of the geodesic computed independently of geo (accurate to well under a
/// millimetre at these latitudes).
fn meridian_arc_m(phi_deg: f64) -> f64 {
    let (a, f) = (6_378_137.0, 1.0 / 298.257_223_563);
    let n: f64 = f / (2.0 - f);
    let phi = phi_deg * PI / 180.0;
    a / (1.0 + n)
        * ((1.0 + n.powi(2) / 4.0 + n.powi(4) / 64.0) * phi
            - 1.5 * (n - n.powi(3) / 8.0) * (2.0 * phi).sin()
            + 15.0 / 16.0 * (n.powi(2) - n.powi(4) / 4.0) * (4.0 * phi).sin()
            - 35.0 / 48.0 * n.powi(3) * (6.0 * phi).sin()
            + 315.0 / 512.0 * n.powi(4) * (8.0 * phi).sin())
}

/// `geodesic_m` and `length_m` give WGS84's meridian arcs (from Helmert's series, not from
/// geo) and its equator (a·Δλ) to a millimetre, and `length_m` sums per segment.
#[test]
fn geodesic_and_length_basics() {
    let (m1, m2) = (meridian_arc_m(1.0), meridian_arc_m(2.0));
    assert!((m1 - 110_574.389).abs() < 1e-3, "{m1}"); // the published figure
    let (a, b) = (Point::new(0.0, 0.0), Point::new(0.0, 1.0));
    assert!((geodesic_m(a, b) - m1).abs() < 1e-3, "{}", geodesic_m(a, b));
    let equator = 6_378_137.0 * PI / 180.0;
    assert!((geodesic_m(a, Point::new(1.0, 0.0)) - equator).abs() < 1e-3);
    assert_eq!(geodesic_m(a, a), 0.0);
    let lines = MultiLineString::new(vec![
        LineString::from(vec![(0.0, 0.0), (0.0, 1.0), (0.0, 2.0)]),
        LineString::from(vec![(5.0, 0.0), (5.0, 1.0)]),
        LineString::from(vec![(9.0, 0.0)]),
    ]);
    let length = length_m(&lines);
    assert!((length - (m2 + m1)).abs() < 1e-3, "{length} vs {}", m2 + m1);
}
