//! Computed geography for strikemap.
//!
//! The map shows how far each event lies from the Iran–Pakistan border, so it needs two things
//! that the GeoJSON files do not hold: the border itself (the line two country outlines share)
//! and geodesic distances from points to that line. Everything here works on lon/lat WGS84
//! coordinates (`x` = longitude, `y` = latitude, in degrees) and returns metres.
//!
//! Line segments are taken to run straight in lon/lat between their vertices, as geo's planar
//! algorithms and the map itself draw them; distances *to* those segments are measured as
//! geodesics on the WGS84 ellipsoid (geo's [`Geodesic`], i.e. Karney's algorithm). Lines that
//! cross the antimeridian are not handled (nothing in the story comes near it).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use geo::{
    Coord, Distance, Geodesic, Length, Line, LineString, MultiLineString, MultiPolygon, Point,
};

/// The line two countries share: the parts of `a`'s boundary that lie on `b`'s boundary
/// (within `tolerance_deg` degrees), as a MultiLineString in lon/lat.
///
/// Exists because country outlines only carry polygons, while the app draws and measures to
/// the border between two of them. A segment of one of `a`'s rings (exterior or interior)
/// belongs to the border when both its end points and its midpoint lie within `tolerance_deg`
/// (plain lon/lat degrees) of a segment of `b`'s rings, so shared vertices need not match
/// exactly. Consecutive border segments are joined into one LineString, including across the
/// point where a ring starts and ends, and pieces whose ends meet (within the tolerance) are
/// joined too. The vertices are `a`'s, in the order of `a`'s rings.
///
/// A negative or NaN tolerance counts as 0 (exactly shared vertices and edges only).
/// Coordinates that are not finite never take part in the border.
pub fn shared_border(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    tolerance_deg: f64,
) -> MultiLineString<f64> {
    // `f64::max` ignores a NaN operand, so NaN becomes 0 here.
    let tolerance = tolerance_deg.max(0.0);
    let grid = SegmentGrid::new(rings(b).flat_map(LineString::lines).collect());
    if grid.is_empty() {
        return MultiLineString::new(Vec::new());
    }
    let mut pieces = Vec::new();
    for ring in rings(a) {
        border_runs(ring, &grid, tolerance, &mut pieces);
    }
    MultiLineString::new(join_pieces(pieces, tolerance))
}

/// The point of `lines` nearest to `p` and its geodesic distance in metres (WGS84 ellipsoid,
/// geo's `Geodesic`), or None for empty lines.
///
/// Exists so the app can say how far an event lies from a border (and where the nearest border
/// point is) in true ground distance, which plain lon/lat geometry gets wrong by the cosine of
/// the latitude and more.
///
/// How: every segment (split into pieces of at most [`MAX_PIECE_DEG`] degrees) gets a cheap
/// estimate of its distance from `p` in a spherical azimuthal-equidistant frame centred on `p`,
/// which keeps distances from `p` exact on the sphere. Pieces are then refined in order of
/// that estimate, by sampling and a golden-section search of the geodesic distance along the
/// piece, until the estimate of the next piece, less a margin that covers the sphere/ellipsoid
/// difference ([`ESTIMATE_LOWER_FACTOR`], [`ESTIMATE_SLACK_M`]), exceeds the best distance found.
///
/// Returns None when `lines` has no finite coordinate or `p` is not finite. A LineString with a
/// single coordinate counts as that point.
pub fn nearest_point(lines: &MultiLineString<f64>, p: Point<f64>) -> Option<(Point<f64>, f64)> {
    if !is_finite(p.0) {
        return None;
    }
    let frame = LocalFrame::new(p.0);
    let mut pieces: Vec<Piece> = Vec::new();
    for line_string in lines {
        collect_pieces(line_string, &frame, &mut pieces);
    }
    pieces.sort_by(|x, y| x.estimate_m.total_cmp(&y.estimate_m));

    let mut best: Option<(Coord<f64>, f64)> = None;
    for piece in &pieces {
        if let Some((_, best_m)) = best
            && piece.estimate_m * ESTIMATE_LOWER_FACTOR - ESTIMATE_SLACK_M > best_m
        {
            break;
        }
        let (c, d) = refine_piece(piece, p);
        if best.is_none_or(|(_, best_m)| d < best_m) {
            best = Some((c, d));
        }
    }
    best.map(|(c, d)| (Point(c), d))
}

/// Geodesic distance in metres between two lon/lat points (WGS84).
///
/// Exists so the app measures every distance (event to capital, event to border) with one and
/// the same ellipsoidal model. NaN if either point is not finite.
pub fn geodesic_m(a: Point<f64>, b: Point<f64>) -> f64 {
    Geodesic.distance(a, b)
}

/// Total geodesic length of lines in metres.
///
/// Exists to report the length of a border (or any lon/lat line) on the WGS84 ellipsoid,
/// summing the geodesic lengths of its segments.
pub fn length_m(lines: &MultiLineString<f64>) -> f64 {
    Geodesic.length(lines)
}

/// Longest lon/lat extent, in degrees, of one piece that [`nearest_point`] estimates at once.
///
/// Exists because the estimate treats a piece as straight in a frame centred on the query
/// point; long segments are split so that their curvature in that frame stays negligible
/// (a 0.25° piece bends by metres, far inside the margin).
pub const MAX_PIECE_DEG: f64 = 0.25;

/// Factor by which a piece's spherical estimate may overstate its true geodesic distance.
///
/// Exists to make [`nearest_point`]'s early stop safe: a sphere of mean radius differs from the
/// WGS84 ellipsoid by well under 1 % in distance, in either direction, so `0.99 × estimate` is
/// a lower bound on the ellipsoidal distance (with [`ESTIMATE_SLACK_M`] on top).
pub const ESTIMATE_LOWER_FACTOR: f64 = 0.99;

/// Absolute margin in metres subtracted from a piece's estimate before the early stop.
///
/// Exists to cover what the relative factor does not: the bend of a piece in the estimating
/// frame and rounding near zero distance.
pub const ESTIMATE_SLACK_M: f64 = 100.0;

/// Mean Earth radius (IUGG R1) in metres, for the spherical estimate only.
///
/// Exists because the estimate must be cheap; the answers themselves use the ellipsoid.
const MEAN_EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Number of equal steps the refinement samples along a piece before narrowing in.
///
/// Exists to keep the golden-section search from settling in a shallow local minimum: the
/// distance along a lon/lat segment is unimodal in practice, but sampling first costs little
/// and guards the odd long or oddly placed piece.
const REFINE_SAMPLES: usize = 8;

/// Width in metres below which the golden-section search stops.
///
/// Exists to bound the work per piece while keeping the answer to about a millimetre.
const REFINE_TOLERANCE_M: f64 = 1e-3;

/// Hard cap on golden-section iterations per piece.
///
/// Exists so that odd input (e.g. a segment whose length is not finite) can never loop long.
const REFINE_MAX_ITERATIONS: usize = 100;

/// Whether both parts of a coordinate are finite numbers.
///
/// Exists because NaN and infinite coordinates must be skipped rather than poison the
/// spatial index or the distance minimisation.
fn is_finite(c: Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite()
}

/// All rings of a MultiPolygon: each polygon's exterior, then its interiors.
///
/// Exists because a border can run along any ring (an enclave's border is a hole's ring).
fn rings(mp: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    mp.iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
}

/// Squared planar distance (in squared degrees) from `p` to the segment `line`.
///
/// Exists for the tolerance test of [`shared_border`], which is defined in plain degrees.
fn point_segment_dist2(p: Coord<f64>, line: &Line<f64>) -> f64 {
    let d = line.end - line.start;
    let len2 = d.x * d.x + d.y * d.y;
    let t = if len2 > 0.0 {
        (((p.x - line.start.x) * d.x + (p.y - line.start.y) * d.y) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = line.start + d * t;
    let e = p - q;
    e.x * e.x + e.y * e.y
}

/// A uniform grid over the segments of one MultiPolygon's rings.
///
/// Exists so that [`shared_border`] asks "is this point near `b`'s boundary?" by looking at a
/// handful of nearby segments instead of all of them (geo 0.33 does not re-export rstar, and
/// the crate may depend on geo alone).
struct SegmentGrid {
    /// The indexed segments (finite end points only).
    segments: Vec<Line<f64>>,
    /// Lower-left corner of the grid, in degrees.
    origin: Coord<f64>,
    /// Side of one square cell, in degrees (always positive and finite).
    cell: f64,
    /// Number of columns.
    nx: usize,
    /// Number of rows.
    ny: usize,
    /// For each cell (row-major), the indices of the segments whose bounding box touches it.
    cells: Vec<Vec<usize>>,
}

/// Largest number of columns or rows of a [`SegmentGrid`].
///
/// Exists to bound the grid's memory whatever the input.
const GRID_MAX_SIDE: usize = 4096;

impl SegmentGrid {
    /// Builds the grid, with about one cell per segment over the segments' bounding box.
    ///
    /// Exists as the one place where the cell size is chosen; segments with a non-finite end
    /// point are dropped.
    fn new(segments: Vec<Line<f64>>) -> Self {
        let segments: Vec<Line<f64>> = segments
            .into_iter()
            .filter(|l| is_finite(l.start) && is_finite(l.end))
            .collect();
        let mut min = Coord {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Coord {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for l in &segments {
            for c in [l.start, l.end] {
                min.x = min.x.min(c.x);
                min.y = min.y.min(c.y);
                max.x = max.x.max(c.x);
                max.y = max.y.max(c.y);
            }
        }
        if segments.is_empty() {
            return Self {
                segments,
                origin: Coord { x: 0.0, y: 0.0 },
                cell: 1.0,
                nx: 0,
                ny: 0,
                cells: Vec::new(),
            };
        }
        let (w, h) = (max.x - min.x, max.y - min.y);
        let n = segments.len() as f64;
        let mut cell = (w * h / n).sqrt().max(w.max(h) / n);
        if !(cell.is_finite() && cell > 0.0) {
            cell = 1.0;
        }
        // Float-to-int `as` saturates (and maps NaN to 0), so these cannot overflow.
        let nx = ((w / cell).floor() as usize)
            .saturating_add(1)
            .min(GRID_MAX_SIDE);
        let ny = ((h / cell).floor() as usize)
            .saturating_add(1)
            .min(GRID_MAX_SIDE);
        let mut grid = Self {
            segments,
            origin: min,
            cell,
            nx,
            ny,
            cells: vec![Vec::new(); nx * ny],
        };
        for (i, l) in grid.segments.iter().enumerate() {
            let lo = Coord {
                x: l.start.x.min(l.end.x),
                y: l.start.y.min(l.end.y),
            };
            let hi = Coord {
                x: l.start.x.max(l.end.x),
                y: l.start.y.max(l.end.y),
            };
            let (x0, x1, y0, y1) = grid.cell_range(lo, hi);
            for iy in y0..=y1 {
                for ix in x0..=x1 {
                    if let Some(bucket) = grid.cells.get_mut(iy * nx + ix) {
                        bucket.push(i);
                    }
                }
            }
        }
        grid
    }

    /// Whether the grid holds no segment at all.
    ///
    /// Exists so that [`shared_border`] can return early for an empty `b`.
    fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The column or row holding `v`, clamped into `0..n`.
    ///
    /// Exists so that points outside the grid (or infinite query boxes) map to edge cells
    /// instead of panicking.
    fn axis_index(v: f64, origin: f64, cell: f64, n: usize) -> usize {
        // NaN.max(0.0) is 0.0; `as usize` saturates at usize::MAX for +inf.
        let f = ((v - origin) / cell).floor().max(0.0);
        (f as usize).min(n.saturating_sub(1))
    }

    /// Inclusive column and row ranges `(x0, x1, y0, y1)` covering the box `lo..hi`.
    ///
    /// Exists to share the cell arithmetic between building and querying.
    fn cell_range(&self, lo: Coord<f64>, hi: Coord<f64>) -> (usize, usize, usize, usize) {
        (
            Self::axis_index(lo.x, self.origin.x, self.cell, self.nx),
            Self::axis_index(hi.x, self.origin.x, self.cell, self.nx),
            Self::axis_index(lo.y, self.origin.y, self.cell, self.ny),
            Self::axis_index(hi.y, self.origin.y, self.cell, self.ny),
        )
    }

    /// Whether `p` lies within `tolerance` degrees (planar) of any indexed segment.
    ///
    /// Exists as the membership test of [`shared_border`]. False for a non-finite `p`.
    fn within(&self, p: Coord<f64>, tolerance: f64) -> bool {
        if self.is_empty() || !is_finite(p) {
            return false;
        }
        let lo = Coord {
            x: p.x - tolerance,
            y: p.y - tolerance,
        };
        let hi = Coord {
            x: p.x + tolerance,
            y: p.y + tolerance,
        };
        let tolerance2 = tolerance * tolerance;
        let (x0, x1, y0, y1) = self.cell_range(lo, hi);
        for iy in y0..=y1 {
            for ix in x0..=x1 {
                let Some(bucket) = self.cells.get(iy * self.nx + ix) else {
                    continue;
                };
                for l in bucket.iter().filter_map(|&i| self.segments.get(i)) {
                    let outside_box = p.x < l.start.x.min(l.end.x) - tolerance
                        || p.x > l.start.x.max(l.end.x) + tolerance
                        || p.y < l.start.y.min(l.end.y) - tolerance
                        || p.y > l.start.y.max(l.end.y) + tolerance;
                    if !outside_box && point_segment_dist2(p, l) <= tolerance2 {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// Appends to `out` the runs of consecutive segments of `ring` that lie on the grid's boundary.
///
/// Exists to turn per-segment membership into LineStrings. For a closed ring the walk starts
/// just after a segment that is off the border, so a run passing through the ring's first
/// vertex comes out whole; a closed ring entirely on the border comes out as itself.
fn border_runs(
    ring: &LineString<f64>,
    grid: &SegmentGrid,
    tolerance: f64,
    out: &mut Vec<LineString<f64>>,
) {
    let coords = &ring.0;
    let near: Vec<bool> = coords.iter().map(|&c| grid.within(c, tolerance)).collect();
    let on_border: Vec<bool> = coords
        .iter()
        .zip(coords.iter().skip(1))
        .zip(near.iter().zip(near.iter().skip(1)))
        .map(|((&s, &e), (&ns, &ne))| {
            ns && ne
                && grid.within(
                    Coord {
                        x: (s.x + e.x) / 2.0,
                        y: (s.y + e.y) / 2.0,
                    },
                    tolerance,
                )
        })
        .collect();
    let n = on_border.len();
    if n == 0 {
        return;
    }
    let closed = ring.is_closed();
    let start = if closed {
        match on_border.iter().position(|&on| !on) {
            // Begin with the segment after the first one that is off the border.
            Some(off) => off + 1,
            None => {
                out.push(ring.clone());
                return;
            }
        }
    } else {
        0
    };
    let mut run: Vec<Coord<f64>> = Vec::new();
    for k in 0..n {
        let i = (start + k) % n;
        let on = on_border.get(i).copied().unwrap_or(false);
        match (on, coords.get(i), coords.get(i + 1)) {
            (true, Some(&s), Some(&e)) => {
                if run.is_empty() {
                    run.push(s);
                }
                run.push(e);
            }
            _ => flush_run(&mut run, out),
        }
    }
    flush_run(&mut run, out);
}

/// Moves a finished run into `out` as a LineString (if it has a segment) and clears it.
///
/// Exists so that [`border_runs`] ends a run the same way mid-walk and at the end.
fn flush_run(run: &mut Vec<Coord<f64>>, out: &mut Vec<LineString<f64>>) {
    if run.len() >= 2 {
        out.push(LineString::new(std::mem::take(run)));
    } else {
        run.clear();
    }
}

/// Whether two coordinates are within `tolerance` degrees of each other (planar).
///
/// Exists to decide when two border pieces meet and should become one LineString.
fn meets(a: Coord<f64>, b: Coord<f64>, tolerance: f64) -> bool {
    let d = a - b;
    d.x * d.x + d.y * d.y <= tolerance * tolerance
}

/// Joins pieces whose end points meet (within `tolerance`) into longer LineStrings.
///
/// Exists because one border can come out of [`border_runs`] in several pieces when it crosses
/// from one of `a`'s rings to another at a shared point. Pieces are reversed when needed; each
/// chain is grown at both ends until nothing more attaches (quadratic in the number of pieces,
/// which is small).
fn join_pieces(pieces: Vec<LineString<f64>>, tolerance: f64) -> Vec<LineString<f64>> {
    let mut rest: Vec<Vec<Coord<f64>>> = pieces.into_iter().map(|l| l.0).collect();
    let mut done = Vec::new();
    while let Some(mut chain) = rest.pop() {
        while let (Some(&first), Some(&last)) = (chain.first(), chain.last()) {
            if chain.len() > 2 && meets(first, last, 0.0) {
                break; // a closed ring: nothing can attach
            }
            let found = rest.iter().enumerate().find_map(|(i, piece)| {
                let (&s, &e) = (piece.first()?, piece.last()?);
                if meets(last, s, tolerance) {
                    Some((i, false, false))
                } else if meets(last, e, tolerance) {
                    Some((i, false, true))
                } else if meets(first, e, tolerance) {
                    Some((i, true, false))
                } else if meets(first, s, tolerance) {
                    Some((i, true, true))
                } else {
                    None
                }
            });
            let Some((i, at_front, reverse)) = found else {
                break;
            };
            let mut piece = rest.swap_remove(i);
            if reverse {
                piece.reverse();
            }
            if at_front {
                // piece ends where the chain starts: drop the chain's duplicate first vertex.
                piece.extend(chain.into_iter().skip(1));
                chain = piece;
            } else {
                chain.extend(piece.into_iter().skip(1));
            }
        }
        done.push(LineString::new(chain));
    }
    done.reverse();
    done
}

/// A spherical azimuthal-equidistant frame centred on a query point, in metres.
///
/// Exists to give [`nearest_point`] a cheap distance estimate that is exact (on the sphere)
/// for distances from the centre in every direction, unlike lon/lat scaled by one cosine.
struct LocalFrame {
    /// Longitude of the centre, radians.
    lon0: f64,
    /// Sine of the centre's latitude.
    sin_lat0: f64,
    /// Cosine of the centre's latitude.
    cos_lat0: f64,
    /// Latitude of the centre, radians.
    lat0: f64,
}

impl LocalFrame {
    /// The frame centred on `c` (lon/lat degrees).
    ///
    /// Exists to precompute the centre's trigonometry once per query.
    fn new(c: Coord<f64>) -> Self {
        let lat0 = c.y.to_radians();
        Self {
            lon0: c.x.to_radians(),
            sin_lat0: lat0.sin(),
            cos_lat0: lat0.cos(),
            lat0,
        }
    }

    /// `c` in the frame: east and north of the centre in metres, along the great circle.
    ///
    /// Exists as the projection used for the estimate (haversine distance and initial bearing).
    fn project(&self, c: Coord<f64>) -> Coord<f64> {
        let lat = c.y.to_radians();
        let dlon = c.x.to_radians() - self.lon0;
        let (sin_lat, cos_lat) = lat.sin_cos();
        let h = ((lat - self.lat0) / 2.0).sin().powi(2)
            + self.cos_lat0 * cos_lat * (dlon / 2.0).sin().powi(2);
        let angle = 2.0 * h.clamp(0.0, 1.0).sqrt().asin();
        let bearing = (dlon.sin() * cos_lat)
            .atan2(self.cos_lat0 * sin_lat - self.sin_lat0 * cos_lat * dlon.cos());
        let r = MEAN_EARTH_RADIUS_M * angle;
        Coord {
            x: r * bearing.sin(),
            y: r * bearing.cos(),
        }
    }
}

/// A stretch of one segment that [`nearest_point`] estimates and refines as a unit.
///
/// Exists so that long segments can be split (see [`MAX_PIECE_DEG`]) without copying lines.
struct Piece {
    /// Start of the stretch, lon/lat.
    start: Coord<f64>,
    /// End of the stretch, lon/lat (equal to `start` for a lone point).
    end: Coord<f64>,
    /// Estimated distance from the query point, metres.
    estimate_m: f64,
}

/// Appends the pieces of `line_string` (finite segments, split to [`MAX_PIECE_DEG`]) to `out`.
///
/// Exists to keep the candidate gathering of [`nearest_point`] in one place; a LineString with
/// one finite coordinate becomes a single zero-length piece.
fn collect_pieces(line_string: &LineString<f64>, frame: &LocalFrame, out: &mut Vec<Piece>) {
    let origin = Coord { x: 0.0, y: 0.0 };
    let mut push = |start: Coord<f64>, end: Coord<f64>| {
        let (s, e) = (frame.project(start), frame.project(end));
        let estimate_m = point_segment_dist2(origin, &Line::new(s, e)).sqrt();
        if estimate_m.is_finite() {
            out.push(Piece {
                start,
                end,
                estimate_m,
            });
        }
    };
    if let [only] = line_string.0.as_slice() {
        if is_finite(*only) {
            push(*only, *only);
        }
        return;
    }
    for line in line_string.lines() {
        if !(is_finite(line.start) && is_finite(line.end)) {
            continue;
        }
        let d = line.delta();
        let span = d.x.abs().max(d.y.abs());
        // `span` is finite here, so the count is small and exact.
        let parts = ((span / MAX_PIECE_DEG).ceil() as usize).max(1);
        let step = 1.0 / parts as f64;
        for k in 0..parts {
            let t0 = k as f64 * step;
            let t1 = if k + 1 == parts {
                1.0
            } else {
                (k + 1) as f64 * step
            };
            push(
                lerp(line.start, line.end, t0),
                lerp(line.start, line.end, t1),
            );
        }
    }
}

/// The point a fraction `t` of the way from `a` to `b`, straight in lon/lat.
///
/// Exists because segments are modelled as straight in lon/lat (see the crate docs).
fn lerp(a: Coord<f64>, b: Coord<f64>, t: f64) -> Coord<f64> {
    if t >= 1.0 { b } else { a + (b - a) * t }
}

/// The point of `piece` nearest to `p` by geodesic distance, and that distance in metres.
///
/// Exists as the exact step of [`nearest_point`]: sample the piece at [`REFINE_SAMPLES`] steps,
/// then golden-section search the bracket around the best sample until it is narrower than
/// [`REFINE_TOLERANCE_M`].
fn refine_piece(piece: &Piece, p: Point<f64>) -> (Coord<f64>, f64) {
    let eval = |t: f64| {
        let c = lerp(piece.start, piece.end, t);
        (c, Geodesic.distance(p, Point(c)))
    };
    let mut best = eval(0.0);
    if piece.start == piece.end {
        return best;
    }
    let step = 1.0 / REFINE_SAMPLES as f64;
    let mut best_k = 0usize;
    for k in 1..=REFINE_SAMPLES {
        let candidate = eval(k as f64 * step);
        if candidate.1 < best.1 {
            best = candidate;
            best_k = k;
        }
    }
    let length_m = Geodesic.distance(Point(piece.start), Point(piece.end));
    let mut lo = (best_k as f64 - 1.0).max(0.0) * step;
    let mut hi = ((best_k + 1) as f64 * step).min(1.0);
    let inv_phi = (5.0_f64.sqrt() - 1.0) / 2.0;
    let mut t1 = hi - inv_phi * (hi - lo);
    let mut t2 = lo + inv_phi * (hi - lo);
    let mut f1 = eval(t1);
    let mut f2 = eval(t2);
    for _ in 0..REFINE_MAX_ITERATIONS {
        if (hi - lo) * length_m <= REFINE_TOLERANCE_M {
            break;
        }
        if f1.1 <= f2.1 {
            hi = t2;
            t2 = t1;
            f2 = f1;
            t1 = hi - inv_phi * (hi - lo);
            f1 = eval(t1);
        } else {
            lo = t1;
            t1 = t2;
            f1 = f2;
            t2 = lo + inv_phi * (hi - lo);
            f2 = eval(t2);
        }
    }
    for candidate in [f1, f2] {
        if candidate.1 < best.1 {
            best = candidate;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    //! Unit tests of the private helpers; the public API is tested in `tests/`.

    use super::*;
    use geo::{LineString, coord};

    /// The grid finds a segment near a point and rejects a far one, even for points outside
    /// the grid's box and for an infinite tolerance.
    #[test]
    fn grid_within() {
        let segs = vec![
            Line::new(coord! {x: 0.0, y: 0.0}, coord! {x: 10.0, y: 0.0}),
            Line::new(coord! {x: 10.0, y: 0.0}, coord! {x: 10.0, y: 10.0}),
        ];
        let g = SegmentGrid::new(segs);
        assert!(g.within(coord! {x: 5.0, y: 0.0}, 0.0));
        assert!(g.within(coord! {x: 5.0, y: 0.4}, 0.5));
        assert!(!g.within(coord! {x: 5.0, y: 0.6}, 0.5));
        assert!(g.within(coord! {x: 10.5, y: 12.0}, 2.1));
        assert!(!g.within(coord! {x: -50.0, y: 50.0}, 1.0));
        assert!(g.within(coord! {x: -50.0, y: 50.0}, f64::INFINITY));
        assert!(!g.within(coord! {x: f64::NAN, y: 0.0}, 1.0));
    }

    /// A grid of degenerate input (one repeated point, or nothing) still answers.
    #[test]
    fn grid_degenerate() {
        let p = coord! {x: 3.0, y: 4.0};
        let g = SegmentGrid::new(vec![Line::new(p, p)]);
        assert!(g.within(p, 0.0));
        assert!(!g.within(coord! {x: 3.0, y: 4.1}, 0.05));
        let empty = SegmentGrid::new(Vec::new());
        assert!(empty.is_empty());
        assert!(!empty.within(p, 1.0));
        let nan = SegmentGrid::new(vec![Line::new(coord! {x: f64::NAN, y: 0.0}, p)]);
        assert!(nan.is_empty());
    }

    /// Pieces that meet end to start, or only after reversing one, become one chain.
    #[test]
    fn join_pieces_chains_and_reverses() {
        let a = LineString::from(vec![(0.0, 0.0), (1.0, 0.0)]);
        let b = LineString::from(vec![(1.0, 0.0), (2.0, 0.0)]);
        let c = LineString::from(vec![(3.0, 0.0), (2.0, 0.0)]); // reversed
        let far = LineString::from(vec![(10.0, 10.0), (11.0, 10.0)]);
        let joined = join_pieces(vec![b, far.clone(), c, a], 1e-9);
        assert_eq!(joined.len(), 2);
        let long = joined.iter().find(|l| l.0.len() == 4).unwrap();
        let xs: Vec<f64> = long.0.iter().map(|c| c.x).collect();
        assert!(
            xs == vec![0.0, 1.0, 2.0, 3.0] || xs == vec![3.0, 2.0, 1.0, 0.0],
            "{xs:?}"
        );
        assert!(joined.contains(&far));
    }

    /// The local frame keeps distances from its centre (haversine) and puts north up, east right.
    #[test]
    fn local_frame_axes() {
        let f = LocalFrame::new(coord! {x: 60.0, y: 28.0});
        let north = f.project(coord! {x: 60.0, y: 29.0});
        assert!(
            north.x.abs() < 1e-6 && (north.y - 111_195.08).abs() < 1.0,
            "{north:?}"
        );
        let east = f.project(coord! {x: 61.0, y: 28.0});
        assert!(
            east.x > 98_000.0 && east.x < 98_200.0 && east.y > 0.0,
            "{east:?}"
        );
        let centre = f.project(coord! {x: 60.0, y: 28.0});
        assert!(centre.x.abs() < 1e-9 && centre.y.abs() < 1e-9);
    }

    /// Refinement finds an interior minimum of a long segment to a millimetre.
    #[test]
    fn refine_finds_interior_minimum() {
        let piece = Piece {
            start: coord! {x: 60.0, y: 27.0},
            end: coord! {x: 60.2, y: 27.0},
            estimate_m: 0.0,
        };
        let p = Point::new(60.1, 27.0);
        let (c, d) = refine_piece(&piece, p);
        assert!(d < 1e-2, "{d}");
        assert!((c.x - 60.1).abs() < 1e-7);
    }
}
