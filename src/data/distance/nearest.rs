//! [`SegmentIndex`]: the nearest point of a set of lon/lat lines by geodesic distance, from an
//! rstar R-tree of their segments and geo's great-circle closest point.

use super::border::is_finite;
use geo::{
    Closest, Densify, Distance, Euclidean, Geodesic, Haversine, HaversineClosestPoint, Line,
    LineString, MultiLineString, Point,
};
use rstar::{AABB, RTree};

/// Longest lon/lat piece, in degrees, that [`SegmentIndex`] treats as one great-circle arc.
///
/// Exists because geo's closest-point algorithm works on great circles while the map draws
/// segments straight in lon/lat. Over a piece spanning Δλ radians of longitude the two part by
/// at most R·Δλ²/16 (R the Earth's radius), 0.3 m for 0.05°; longer segments are split with
/// geo's [`Densify`] in lon/lat ([`Euclidean`]) first. Natural Earth's Iran–Pakistan border
/// (222 segments, 3.7 km apart on average, the longest 16.8 km) becomes 288 pieces.
pub const MAX_PIECE_DEG: f64 = 0.05;

/// Fewest metres in a degree of latitude on WGS84 (110,574 m at the equator), rounded down.
///
/// Exists to bound the latitudes a geodesic of a given length can reach.
const MIN_M_PER_DEG_LAT: f64 = 110_500.0;

/// Fewest metres in a degree of longitude on the WGS84 equator (111,319 m), rounded down; at
/// latitude φ a degree of longitude is at least this times cos φ.
///
/// Exists to bound the longitudes a geodesic of a given length can reach.
const MIN_M_PER_DEG_LON: f64 = 111_000.0;

/// Factor by which a [`Haversine`] distance (mean radius) may overstate the WGS84 geodesic.
///
/// Exists to stop measuring candidates early, safely: the ellipsoid's radii of curvature lie
/// within 0.6 % of the mean radius (110,574 m against 111,195 m for a degree north at the
/// equator), so `0.99 ×` the spherical distance is below the ellipsoidal one.
const SPHERE_LOWER_FACTOR: f64 = 0.99;

/// Metres subtracted from the lower bound on top of [`SPHERE_LOWER_FACTOR`].
///
/// Exists to cover rounding and the great-circle bulge of a piece near zero distance.
const SPHERE_SLACK_M: f64 = 1.0;

/// Padding of the candidate search box, in degrees (about 10 m).
///
/// Exists to cover what the box of a piece's end points misses: the great-circle bulge of the
/// piece (see [`MAX_PIECE_DEG`]) and rounding.
const SEARCH_PAD_DEG: f64 = 1e-4;

/// The segments of lon/lat lines in an R-tree, for nearest-point queries by geodesic distance.
///
/// Exists so that many points can be measured against one border without indexing it again;
/// [`nearest_point`](super::nearest_point) builds one for a single query.
///
/// How: segments are split into pieces of at most [`MAX_PIECE_DEG`] (geo's [`Densify`] in
/// lon/lat) and bulk-loaded into an [`rstar::RTree`] of [`geo::Line`]s. A query takes the
/// piece nearest in plain degrees (rstar's `nearest_neighbor`) and its geodesic distance `d`;
/// every point within `d` of the query lies in a lon/lat box that follows from the WGS84
/// ellipsoid's smallest degree lengths, so only the pieces meeting that box
/// (`locate_in_envelope_intersecting`) are looked at: each gets its nearest point on the
/// sphere (geo's [`HaversineClosestPoint`]), and these are measured with [`Geodesic`] in
/// order of their spherical distance until that distance, less the sphere/ellipsoid margin
/// ([`SPHERE_LOWER_FACTOR`]), exceeds the best found. The point returned is thus the nearest
/// on the sphere of its piece; the ellipsoid's own nearest point can lie up to about 0.3 % of
/// the distance further along the line, which makes the distance longer by a few parts in a
/// million (4.1 m at 308 km was the most over a quarter-degree grid round the border).
///
/// # Examples
///
/// ```
/// use geo::{line_string, MultiLineString, Point};
/// use strikemap::data::distance::SegmentIndex;
///
/// let lines = MultiLineString::new(vec![
///     line_string![(x: 60.0, y: 27.0), (x: 61.0, y: 28.0)],
///     line_string![(x: 63.0, y: 26.0)], // a lone point counts as that point
/// ]);
/// let index = SegmentIndex::new(&lines);
/// let (q, d) = index.nearest(Point::new(63.1, 26.0)).unwrap();
/// assert_eq!(q, Point::new(63.0, 26.0));
/// assert!((d - 10_011.0).abs() < 1.0); // 0.1° of longitude at 26° N
/// let (_, d) = index.nearest(Point::new(60.5, 27.5)).unwrap();
/// assert!(d < 0.5, "{d}"); // on the first line
/// assert_eq!(index.nearest(Point::new(f64::NAN, 0.0)), None);
/// ```
pub struct SegmentIndex {
    /// The pieces of every segment with finite end points.
    tree: RTree<Line<f64>>,
}

impl SegmentIndex {
    /// Indexes `lines`: segments with a non-finite end are skipped, a LineString with a single
    /// finite coordinate becomes a zero-length segment.
    ///
    /// ```
    /// use geo::{line_string, MultiLineString, Point};
    /// use strikemap::data::distance::SegmentIndex;
    ///
    /// let empty = SegmentIndex::new(&MultiLineString::new(vec![]));
    /// assert_eq!(empty.nearest(Point::new(0.0, 0.0)), None);
    /// let nan = MultiLineString::new(vec![line_string![(x: f64::NAN, y: 0.0), (x: 1.0, y: 0.0)]]);
    /// assert_eq!(SegmentIndex::new(&nan).nearest(Point::new(0.0, 0.0)), None);
    /// ```
    pub fn new(lines: &MultiLineString<f64>) -> Self {
        let mut pieces = Vec::new();
        for line_string in lines {
            if let [only] = line_string.0.as_slice() {
                if is_finite(*only) {
                    pieces.push(Line::new(*only, *only));
                }
                continue;
            }
            for line in line_string.lines() {
                if is_finite(line.start) && is_finite(line.end) {
                    let dense: LineString<f64> = Euclidean.densify(&line, MAX_PIECE_DEG);
                    pieces.extend(dense.lines());
                }
            }
        }
        Self {
            tree: RTree::bulk_load(pieces),
        }
    }

    /// The point of the indexed lines nearest to `p` and its geodesic distance in metres, or
    /// None if nothing is indexed or `p` is not finite (see [`super::nearest_point`]).
    ///
    /// ```
    /// use geo::{line_string, MultiLineString, Point};
    /// use strikemap::data::distance::{SegmentIndex, geodesic_m};
    ///
    /// // At 60° N, a meridian 1° east is nearer than a parallel 1° north.
    /// let index = SegmentIndex::new(&MultiLineString::new(vec![
    ///     line_string![(x: 9.0, y: 61.0), (x: 11.0, y: 61.0)],
    ///     line_string![(x: 11.0, y: 59.0), (x: 11.0, y: 60.5)],
    /// ]));
    /// let p = Point::new(10.0, 60.0);
    /// let (q, d) = index.nearest(p).unwrap();
    /// assert_eq!(q.x(), 11.0);
    /// assert!(d < 56_000.0 && d < geodesic_m(p, Point::new(10.0, 61.0)));
    /// ```
    pub fn nearest(&self, p: Point<f64>) -> Option<(Point<f64>, f64)> {
        if !is_finite(p.0) {
            return None;
        }
        let (q, _) = closest_on(self.tree.nearest_neighbor(&p)?, p);
        let mut best = (q, Geodesic.distance(p, q));
        let mut candidates: Vec<(Point<f64>, f64)> = self
            .tree
            .locate_in_envelope_intersecting(&search_box(p, best.1))
            .map(|piece| closest_on(piece, p))
            .collect();
        candidates.sort_by(|a, b| a.1.total_cmp(&b.1));
        for (q, sphere_m) in candidates {
            if sphere_m * SPHERE_LOWER_FACTOR - SPHERE_SLACK_M > best.1 {
                break;
            }
            let d = Geodesic.distance(p, q);
            if d < best.1 {
                best = (q, d);
            }
        }
        Some(best)
    }
}

/// The point of `piece` nearest to `p` on the sphere (geo's [`HaversineClosestPoint`]) and
/// its [`Haversine`] distance in metres.
///
/// Exists as the cheap per-piece step of [`SegmentIndex::nearest`]. Falls back to the nearer
/// end if geo returns no finite point (it takes an `acos` that rounding can push out of range).
fn closest_on(piece: &Line<f64>, p: Point<f64>) -> (Point<f64>, f64) {
    match piece.haversine_closest_point(&p) {
        Closest::Intersection(q) | Closest::SinglePoint(q) if is_finite(q.0) => {
            (q, Haversine.distance(p, q))
        }
        _ => {
            let (s, e) = (piece.start_point(), piece.end_point());
            let (ds, de) = (Haversine.distance(p, s), Haversine.distance(p, e));
            if de < ds { (e, de) } else { (s, ds) }
        }
    }
}

/// A lon/lat box holding every point within geodesic distance `d_m` of `p` (WGS84).
///
/// Exists to pick the candidate pieces of [`SegmentIndex::nearest`]: along any path, a degree
/// of latitude takes at least [`MIN_M_PER_DEG_LAT`] and a degree of longitude at least
/// [`MIN_M_PER_DEG_LON`] × cos(latitude), and no point of the path is farther from the
/// equator than `|p.y| + Δlat`. Near a pole the box spans every longitude.
fn search_box(p: Point<f64>, d_m: f64) -> AABB<Point<f64>> {
    let dlat = d_m / MIN_M_PER_DEG_LAT + SEARCH_PAD_DEG;
    let lat_max = p.y().abs() + dlat;
    let dlon = if lat_max < 90.0 {
        d_m / (MIN_M_PER_DEG_LON * lat_max.to_radians().cos()) + SEARCH_PAD_DEG
    } else {
        f64::INFINITY
    };
    AABB::from_corners(
        Point::new(p.x() - dlon, p.y() - dlat),
        Point::new(p.x() + dlon, p.y() + dlat),
    )
}

#[cfg(test)]
mod tests {
    //! Unit tests of the private helpers; the public API is tested in `tests/` and its docs.

    use super::*;
    use geo::coord;

    /// The search box holds every point of the geodesic circle around its centre, and spans
    /// all longitudes once the circle may reach a pole.
    #[test]
    fn search_box_holds_the_circle() {
        for (lon, lat, d_m) in [(60.0, 27.0, 100_000.0), (10.0, -70.0, 500_000.0)] {
            let p = Point::new(lon, lat);
            let bbox = search_box(p, d_m);
            for bearing in (0..360).step_by(5) {
                let q = geo::Destination::destination(&Geodesic, p, f64::from(bearing), d_m);
                let inside = (bbox.lower().x()..=bbox.upper().x()).contains(&q.x())
                    && (bbox.lower().y()..=bbox.upper().y()).contains(&q.y());
                assert!(inside, "{q:?} outside {bbox:?}");
            }
        }
        let polar = search_box(Point::new(0.0, 89.0), 200_000.0);
        assert_eq!(polar.lower().x(), f64::NEG_INFINITY);
        assert_eq!(polar.upper().x(), f64::INFINITY);
    }

    /// The closest point of a piece is its end past the end, the foot of the perpendicular
    /// inside, and the point itself on it; a zero-length piece is its point.
    #[test]
    fn closest_on_a_piece() {
        let piece = Line::new(coord! {x: 60.0, y: 0.0}, coord! {x: 60.04, y: 0.0});
        let (q, _) = closest_on(&piece, Point::new(61.0, 0.5));
        assert_eq!(q, Point::new(60.04, 0.0));
        let (q, h) = closest_on(&piece, Point::new(60.02, 0.01));
        assert!((q.x() - 60.02).abs() < 1e-9 && q.y().abs() < 1e-9, "{q:?}");
        assert!((h - 1_111.95).abs() < 0.01, "{h}"); // 0.01° on the mean sphere
        let (q, h) = closest_on(&piece, Point::new(60.0, 0.0));
        assert_eq!((q, h), (Point::new(60.0, 0.0), 0.0));
        let dot = Line::new(coord! {x: 1.0, y: 2.0}, coord! {x: 1.0, y: 2.0});
        assert_eq!(
            closest_on(&dot, Point::new(1.0, 3.0)).0,
            Point::new(1.0, 2.0)
        );
    }

    /// Long segments are indexed as pieces of at most [`MAX_PIECE_DEG`]; non-finite segments
    /// are left out.
    #[test]
    fn index_splits_and_skips() {
        let lines = MultiLineString::new(vec![LineString::from(vec![
            (60.0, 27.0),
            (61.0, 27.0),
            (f64::NAN, 27.0),
            (62.0, 27.0),
        ])]);
        let index = SegmentIndex::new(&lines);
        assert_eq!(index.tree.size(), 20);
        assert!(index.tree.iter().all(|l| l.dx() <= MAX_PIECE_DEG + 1e-12));
    }
}
