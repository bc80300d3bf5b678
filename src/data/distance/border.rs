//! [`shared_border`](super::shared_border): the segments of one outline that lie on another,
//! found through an rstar R-tree of the other outline's segments and joined into LineStrings.

use geo::{Coord, Line, LineString, MultiLineString, MultiPolygon, Point};
use rstar::{AABB, RTree};

/// See [`super::shared_border`].
pub(super) fn shared_border(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    tolerance_deg: f64,
) -> MultiLineString<f64> {
    // `f64::max` ignores a NaN operand, so NaN becomes 0 here.
    let tolerance = tolerance_deg.max(0.0);
    let outline = Outline::new(b);
    if outline.tree.size() == 0 {
        return MultiLineString::new(Vec::new());
    }
    let mut pieces = Vec::new();
    for ring in rings(a) {
        border_runs(ring, &outline, tolerance, &mut pieces);
    }
    MultiLineString::new(join_pieces(pieces, tolerance))
}

/// Whether both parts of a coordinate are finite numbers.
///
/// Exists because NaN and infinite coordinates must be skipped rather than poison the R-tree.
pub(super) fn is_finite(c: Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite()
}

/// All rings of a MultiPolygon: each polygon's exterior, then its interiors.
///
/// Exists because a border can run along any ring (an enclave's border is a hole's ring).
fn rings(mp: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    mp.iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
}

/// The segments of one MultiPolygon's rings in an R-tree, for "is this point on it?".
///
/// Exists so that [`shared_border`] looks at the few segments near a point, not all of them.
struct Outline {
    /// Every ring segment with finite end points.
    tree: RTree<Line<f64>>,
}

impl Outline {
    /// Indexes the rings of `mp`, dropping segments with a non-finite end point.
    fn new(mp: &MultiPolygon<f64>) -> Self {
        let segments = rings(mp)
            .flat_map(LineString::lines)
            .filter(|l| is_finite(l.start) && is_finite(l.end))
            .collect();
        Self {
            tree: RTree::bulk_load(segments),
        }
    }

    /// Whether `c` lies within `tolerance` degrees (planar) of a segment; false if not finite.
    ///
    /// The R-tree gives the segments whose boxes come within `tolerance`; the distance test is
    /// [`segment_dist2`], exact for points on a segment, so a zero tolerance works.
    fn within(&self, c: Coord<f64>, tolerance: f64) -> bool {
        if !is_finite(c) {
            return false;
        }
        let pad = Coord {
            x: tolerance,
            y: tolerance,
        };
        let search = AABB::from_corners(Point(c - pad), Point(c + pad));
        self.tree
            .locate_in_envelope_intersecting(&search)
            .any(|line| segment_dist2(c, line) <= tolerance * tolerance)
    }
}

/// Squared planar distance (in squared degrees) from `c` to the segment `line`.
///
/// Exists for the tolerance test of [`shared_border`], which is defined in plain degrees:
/// it measures to the projected point itself, so a point on the segment (a shared vertex,
/// or the midpoint of a shared edge) is at exactly 0, unlike geo's cross-product form.
fn segment_dist2(c: Coord<f64>, line: &Line<f64>) -> f64 {
    let d = line.delta();
    let len2 = d.x * d.x + d.y * d.y;
    let t = if len2 > 0.0 {
        (((c.x - line.start.x) * d.x + (c.y - line.start.y) * d.y) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let e = c - (line.start + d * t);
    e.x * e.x + e.y * e.y
}

/// Appends to `out` the runs of consecutive segments of `ring` that lie on `outline`.
///
/// Exists to turn per-segment membership into LineStrings. For a closed ring the walk starts
/// just after a segment that is off the border, so a run passing through the ring's first
/// vertex comes out whole; a closed ring entirely on the border comes out as itself.
fn border_runs(
    ring: &LineString<f64>,
    outline: &Outline,
    tolerance: f64,
    out: &mut Vec<LineString<f64>>,
) {
    let coords = &ring.0;
    let near: Vec<bool> = coords
        .iter()
        .map(|&c| outline.within(c, tolerance))
        .collect();
    let on_border: Vec<bool> = ring
        .lines()
        .zip(near.iter().zip(near.iter().skip(1)))
        .map(|(line, (&ns, &ne))| ns && ne && outline.within(line_midpoint(line), tolerance))
        .collect();
    let n = on_border.len();
    if n == 0 {
        return;
    }
    let start = if ring.is_closed() {
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

/// The midpoint of a segment in lon/lat.
///
/// Exists for the chord test of [`border_runs`]: a segment whose ends touch the other outline
/// but whose middle does not is not border.
fn line_midpoint(line: Line<f64>) -> Coord<f64> {
    Coord {
        x: (line.start.x + line.end.x) / 2.0,
        y: (line.start.y + line.end.y) / 2.0,
    }
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

#[cfg(test)]
mod tests {
    //! Unit tests of the private helpers; the public API is tested in `tests/` and its docs.

    use super::*;
    use geo::{Polygon, coord};

    /// The outline's R-tree finds a segment near a point and rejects a far one, also for an
    /// infinite tolerance, a NaN point, and degenerate or non-finite segments.
    #[test]
    fn outline_within() {
        let ring = LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]);
        let o = Outline::new(&MultiPolygon::new(vec![Polygon::new(ring, vec![])]));
        assert!(o.within(coord! {x: 5.0, y: 0.0}, 0.0));
        assert!(o.within(coord! {x: 5.0, y: 0.4}, 0.5));
        assert!(!o.within(coord! {x: 5.0, y: 0.6}, 0.5));
        assert!(!o.within(coord! {x: -50.0, y: 50.0}, 1.0));
        assert!(o.within(coord! {x: -50.0, y: 50.0}, f64::INFINITY));
        assert!(!o.within(coord! {x: f64::NAN, y: 0.0}, 1.0));
        let nan = LineString::from(vec![(f64::NAN, 0.0), (3.0, 4.0), (3.0, 4.0)]);
        let o = Outline::new(&MultiPolygon::new(vec![Polygon::new(nan, vec![])]));
        assert_eq!(o.tree.size(), 1, "the NaN segments are dropped");
        assert!(o.within(coord! {x: 3.0, y: 4.0}, 0.0));
        assert!(!o.within(coord! {x: 3.0, y: 4.1}, 0.05));
    }

    /// With a zero tolerance, the ends and the midpoint of a segment still count (here the
    /// first segment of the Iran–Pakistan border, whose midpoint geo's cross-product distance
    /// puts 3e-15° off it), and a point a hair off it does not.
    #[test]
    fn zero_tolerance_is_exact() {
        let (s, e) = (
            coord! {x: 61.58823, y: 25.20209},
            coord! {x: 61.62004, y: 25.28549},
        );
        let ring = LineString::new(vec![s, e, coord! {x: 61.0, y: 25.0}]);
        let o = Outline::new(&MultiPolygon::new(vec![Polygon::new(ring, vec![])]));
        for c in [s, e, line_midpoint(Line::new(s, e))] {
            assert!(o.within(c, 0.0), "{c:?}");
        }
        let off = line_midpoint(Line::new(s, e)) + coord! {x: 0.0, y: 1e-9};
        assert!(!o.within(off, 0.0));
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
}
