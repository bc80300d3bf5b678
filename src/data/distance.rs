//! Computed geography for strikemap: the border two country outlines share, and geodesic
//! distances to it.
//!
//! The GeoJSON files hold country polygons, not the Iran–Pakistan border, and the map reports
//! how far each event lies from that border in true ground distance. Everything here works on
//! lon/lat WGS84 coordinates (`x` = longitude, `y` = latitude, in degrees) and returns metres.
//!
//! It is built on geo and rstar rather than on hand-written geometry:
//! - distances and lengths are geo's [`Geodesic`] (Karney's algorithm on the WGS84 ellipsoid);
//! - segments are looked up in an [`rstar::RTree`] of [`geo::Line`]s (geo-types implements
//!   rstar's `RTreeObject` and `PointDistance` for them);
//! - the nearest point of a segment is geo's [`HaversineClosestPoint`](geo::HaversineClosestPoint),
//!   on segments first split by [`Densify`](geo::Densify) so that great-circle pieces follow
//!   the straight lon/lat lines the map draws (see [`SegmentIndex`]).
//!
//! Lines that cross the antimeridian are not handled (nothing in the story comes near it).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod border;
mod nearest;

pub use nearest::{MAX_PIECE_DEG, SegmentIndex};

use geo::{Distance, Geodesic, Length, MultiLineString, MultiPolygon, Point};

/// The line two countries share: the parts of `a`'s boundary that lie on `b`'s boundary
/// (within `tolerance_deg` degrees), as a MultiLineString in lon/lat.
///
/// Exists because country outlines only carry polygons, while the app draws and measures to
/// the border between two of them. A segment of one of `a`'s rings (exterior or interior)
/// belongs to the border when both its end points and its midpoint lie within `tolerance_deg`
/// (plain lon/lat degrees) of a segment of `b`'s rings, so shared vertices need not match
/// exactly; `b`'s segments are found through an rstar R-tree. Consecutive border segments are
/// joined into one LineString, including across the point where a ring starts and ends, and
/// pieces whose ends meet (within the tolerance) are joined too. The vertices are `a`'s, in the
/// order of `a`'s rings.
///
/// A negative or NaN tolerance counts as 0 (exactly shared vertices and edges only).
/// Coordinates that are not finite never take part in the border.
///
/// # Examples
///
/// Two unit squares side by side share the edge x = 1:
///
/// ```
/// use geo::{line_string, polygon, MultiPolygon};
/// use strikemap::data::distance::shared_border;
///
/// let left = MultiPolygon::new(vec![polygon![
///     (x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0),
/// ]]);
/// let right = MultiPolygon::new(vec![polygon![
///     (x: 1.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 1.0), (x: 1.0, y: 1.0),
/// ]]);
/// let border = shared_border(&left, &right, 1e-9);
/// assert_eq!(border.0, vec![line_string![(x: 1.0, y: 0.0), (x: 1.0, y: 1.0)]]);
///
/// // Shapes that do not touch share nothing.
/// let far = MultiPolygon::new(vec![polygon![
///     (x: 5.0, y: 5.0), (x: 6.0, y: 5.0), (x: 6.0, y: 6.0),
/// ]]);
/// assert!(shared_border(&left, &far, 1e-3).0.is_empty());
/// ```
pub fn shared_border(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    tolerance_deg: f64,
) -> MultiLineString<f64> {
    border::shared_border(a, b, tolerance_deg)
}

/// The point of `lines` nearest to `p` and its geodesic distance in metres (WGS84 ellipsoid,
/// geo's [`Geodesic`]), or None for empty lines.
///
/// Exists so the app can say how far an event lies from a border (and where the nearest border
/// point is) in true ground distance, which plain lon/lat geometry gets wrong by the cosine of
/// the latitude and more. Segments run straight in lon/lat between their vertices, as the map
/// draws them. This builds a [`SegmentIndex`] for the one query; build the index once to ask
/// about many points.
///
/// Returns None when `lines` has no finite coordinate or `p` is not finite. A LineString with a
/// single coordinate counts as that point.
///
/// # Examples
///
/// From one degree north of the equator to a stretch of the equator:
///
/// ```
/// use geo::{line_string, MultiLineString, Point};
/// use strikemap::data::distance::{geodesic_m, nearest_point};
///
/// let equator = MultiLineString::new(vec![line_string![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0)]]);
/// let p = Point::new(1.0, 1.0);
/// let (q, d) = nearest_point(&equator, p).unwrap();
/// assert!((q.x() - 1.0).abs() < 1e-6 && q.y().abs() < 1e-9);
/// assert!((d - 110_574.4).abs() < 1.0); // one degree of latitude on WGS84
/// assert_eq!(d, geodesic_m(p, q));
///
/// // Past the line's end, the end is nearest.
/// let (q, _) = nearest_point(&equator, Point::new(3.0, 0.5)).unwrap();
/// assert_eq!(q, Point::new(2.0, 0.0));
///
/// assert_eq!(nearest_point(&MultiLineString::new(vec![]), p), None);
/// ```
pub fn nearest_point(lines: &MultiLineString<f64>, p: Point<f64>) -> Option<(Point<f64>, f64)> {
    SegmentIndex::new(lines).nearest(p)
}

/// Geodesic distance in metres between two lon/lat points (WGS84).
///
/// Exists so the app measures every distance (event to capital, event to border) with one and
/// the same ellipsoidal model. NaN if either point is not finite.
///
/// # Examples
///
/// ```
/// use geo::Point;
/// use strikemap::data::distance::geodesic_m;
///
/// let equator = Point::new(0.0, 0.0);
/// let one_north = Point::new(0.0, 1.0);
/// assert!((geodesic_m(equator, one_north) - 110_574.4).abs() < 0.1);
/// assert_eq!(geodesic_m(equator, equator), 0.0);
/// assert!(geodesic_m(equator, Point::new(f64::NAN, 0.0)).is_nan());
/// ```
pub fn geodesic_m(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b)
}

/// Total geodesic length of lines in metres (WGS84).
///
/// Exists to report the length of a border (or any lon/lat line) on the WGS84 ellipsoid,
/// summing the geodesic lengths of its segments.
///
/// # Examples
///
/// ```
/// use geo::{line_string, MultiLineString, Point};
/// use strikemap::data::distance::{geodesic_m, length_m};
///
/// let lines = MultiLineString::new(vec![
///     line_string![(x: 0.0, y: 0.0), (x: 0.0, y: 1.0)],
///     line_string![(x: 5.0, y: 0.0), (x: 5.0, y: 1.0)],
/// ]);
/// // Two meridian arcs of one degree from the equator: 2 × 110,574.4 m.
/// assert!((length_m(&lines) - 221_148.8).abs() < 0.1);
/// let one = geodesic_m(Point::new(0.0, 0.0), Point::new(0.0, 1.0));
/// assert!((length_m(&lines) - 2.0 * one).abs() < 1e-6);
/// assert_eq!(length_m(&MultiLineString::new(vec![])), 0.0);
/// ```
pub fn length_m(lines: &MultiLineString<f64>) -> f64 {
    Geodesic.length(lines)
}
