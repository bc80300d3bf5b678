//! Cutting a ring or line, simplified for a zoom, to a tile's box. A run of vertices whose box
//! lies wholly outside the tile is passed as its first and last kept vertex only: every
//! segment between them lies outside the same side of the box, so the cut shape is the same,
//! and a 150,000-vertex coast costs a tile only the runs that reach it.
//!
//! Polygons are clipped by Sutherland–Hodgman against each side in turn (the outside parts of a
//! ring become runs along the box's edges, which fill nothing); lines are cut into the pieces
//! inside the box.

use super::store::{CHUNK, Fixed, FixedRect, GeometryStore, Ring, UNITS};

/// Where the clipped coordinates go: tile-local units (the tile's box is 0..1 on both axes).
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub origin: [f64; 2],
    /// Fixed-point units per tile-local unit.
    pub size: f64,
}

impl Frame {
    fn local(&self, p: Fixed) -> [f64; 2] {
        [
            (p[0] as f64 - self.origin[0]) / self.size,
            (p[1] as f64 - self.origin[1]) / self.size,
        ]
    }
}

/// The vertices of `ring` kept at squared tolerance `sq_tolerance`, with every run that lies
/// wholly outside `rect` passed as its first and last kept vertex. Calls `out` with each.
pub fn kept_vertices(
    store: &GeometryStore,
    ring: &Ring,
    sq_tolerance: f32,
    rect: &FixedRect,
    mut out: impl FnMut(Fixed),
) {
    let coords = &store.coords[ring.range()];
    let rank = &store.importance[ring.range()];
    let chunks = store.chunks_of(ring);
    if chunks.is_empty() || rect.contains_rect(&ring.bounds) {
        for (p, r) in coords.iter().zip(rank) {
            if *r > sq_tolerance {
                out(*p);
            }
        }
        return;
    }
    for (k, chunk) in chunks.iter().enumerate() {
        let start = k * CHUNK;
        // Each chunk's box covers its last vertex, which is the next chunk's first; passing
        // vertices [start, start + CHUNK) of each leaves the ring's last for the end.
        let end = (start + CHUNK).min(coords.len() - 1);
        let kept = (start..end).filter(|&i| rank[i] > sq_tolerance);
        if chunk.intersects(rect) {
            kept.for_each(|i| out(coords[i]));
        } else {
            let mut first_last: Option<(usize, usize)> = None;
            for i in kept {
                first_last = Some(first_last.map_or((i, i), |(f, _)| (f, i)));
            }
            if let Some((first, last)) = first_last {
                out(coords[first]);
                if last != first {
                    out(coords[last]);
                }
            }
        }
    }
    if let Some(last) = coords.last() {
        out(*last);
    }
}

/// Clip a ring (simplified at `sq_tolerance`) to `rect`, into tile-local coordinates. Gives
/// nothing when no area is left. `scratch` is reused between calls.
pub fn clip_ring(
    store: &GeometryStore,
    ring: &Ring,
    sq_tolerance: f32,
    rect: &FixedRect,
    frame: &Frame,
    scratch: &mut Vec<[f64; 2]>,
    out: &mut Vec<[f64; 2]>,
) {
    out.clear();
    let inside = rect.contains_rect(&ring.bounds);
    kept_vertices(store, ring, sq_tolerance, rect, |p| {
        out.push(frame.local(p))
    });
    // A closed ring repeats its first vertex; the clipped polygon is implicitly closed.
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if out.len() < 3 {
        out.clear();
        return;
    }
    if inside {
        return;
    }
    let [min, max] = [frame.local(rect.min), frame.local(rect.max)];
    for (axis, bound, keep_above) in [
        (0, min[0], true),
        (0, max[0], false),
        (1, min[1], true),
        (1, max[1], false),
    ] {
        std::mem::swap(out, scratch);
        out.clear();
        clip_side(scratch, axis, bound, keep_above, out);
        if out.len() < 3 {
            out.clear();
            return;
        }
    }
}

/// One Sutherland–Hodgman step into a new polygon (see [`clip_side`]).
pub fn clip_polygon_side(
    polygon: &[[f64; 2]],
    axis: usize,
    bound: f64,
    keep_above: bool,
) -> Vec<[f64; 2]> {
    let mut out = Vec::with_capacity(polygon.len() + 4);
    clip_side(polygon, axis, bound, keep_above, &mut out);
    out
}

/// One Sutherland–Hodgman step: the part of `polygon` on the kept side of the line
/// `coordinate[axis] = bound`.
fn clip_side(
    polygon: &[[f64; 2]],
    axis: usize,
    bound: f64,
    keep_above: bool,
    out: &mut Vec<[f64; 2]>,
) {
    let inside = |p: &[f64; 2]| {
        if keep_above {
            p[axis] >= bound
        } else {
            p[axis] <= bound
        }
    };
    let Some(mut previous) = polygon.last().copied() else {
        return;
    };
    for &current in polygon {
        match (inside(&previous), inside(&current)) {
            (true, true) => out.push(current),
            (true, false) => out.push(crossing(previous, current, axis, bound)),
            (false, true) => {
                out.push(crossing(previous, current, axis, bound));
                out.push(current);
            }
            (false, false) => {}
        }
        previous = current;
    }
}

/// Where the segment `a`–`b` crosses `coordinate[axis] = bound`.
fn crossing(a: [f64; 2], b: [f64; 2], axis: usize, bound: f64) -> [f64; 2] {
    let t = (bound - a[axis]) / (b[axis] - a[axis]);
    let mut p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    p[axis] = bound;
    p
}

/// Clip a line or ring outline (simplified at `sq_tolerance`) to `rect`: the pieces inside,
/// each at least two points, in tile-local coordinates, given to `piece`. A polygon's ring
/// (`polygon`) draws no outline along the world's edge, where the antimeridian cut it.
pub fn clip_line(
    store: &GeometryStore,
    ring: &Ring,
    (sq_tolerance, polygon): (f32, bool),
    rect: &FixedRect,
    frame: &Frame,
    mut piece: impl FnMut(&[[f64; 2]]),
) {
    let [min, max] = [frame.local(rect.min), frame.local(rect.max)];
    let mut current: Vec<[f64; 2]> = Vec::new();
    let mut previous: Option<([f64; 2], Fixed)> = None;
    let edge = |a: Fixed, b: Fixed| polygon && a[0] == b[0] && (a[0] == 0 || a[0] == UNITS as i32);
    kept_vertices(store, ring, sq_tolerance, rect, |fixed| {
        let p = frame.local(fixed);
        if let Some((a, a_fixed)) = previous {
            let cut = if edge(a_fixed, fixed) {
                None
            } else {
                cut_segment(a, p, min, max)
            };
            match cut {
                Some((from, to, leaves)) => {
                    if current.last() != Some(&from) {
                        flush(&mut current, &mut piece);
                        current.push(from);
                    }
                    current.push(to);
                    if leaves {
                        flush(&mut current, &mut piece);
                    }
                }
                None => flush(&mut current, &mut piece),
            }
        }
        previous = Some((p, fixed));
    });
    flush(&mut current, &mut piece);
}

fn flush(current: &mut Vec<[f64; 2]>, piece: &mut impl FnMut(&[[f64; 2]])) {
    if current.len() >= 2 {
        piece(current);
    }
    current.clear();
}

/// The part of segment `a`–`b` inside the box (Liang–Barsky), and whether it leaves the box
/// before `b`.
fn cut_segment(
    a: [f64; 2],
    b: [f64; 2],
    min: [f64; 2],
    max: [f64; 2],
) -> Option<([f64; 2], [f64; 2], bool)> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for axis in 0..2 {
        for (p, q) in [
            (-d[axis], a[axis] - min[axis]),
            (d[axis], max[axis] - a[axis]),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| [a[0] + d[0] * t, a[1] + d[1] * t];
    let from = if t0 > 0.0 { at(t0) } else { a };
    let to = if t1 < 1.0 { at(t1) } else { b };
    Some((from, to, t1 < 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Geometry, line_string};

    fn store_of(polygon: geo::Polygon<f64>) -> GeometryStore {
        GeometryStore::build(vec![Geometry::Polygon(polygon)])
    }

    /// A ring cut into four quarters has the ring's area, whether or not runs are skipped.
    #[test]
    fn quarters_of_a_clipped_ring_add_up_to_the_ring() {
        // A wiggly ring of 1,000 vertices (many chunks) around (10°, 10°).
        let ring: Vec<(f64, f64)> = (0..1000)
            .map(|i| {
                let a = i as f64 / 1000.0 * std::f64::consts::TAU;
                let r = 2.0 + 0.3 * (a * 17.0).sin();
                (10.0 + r * a.cos(), 10.0 + r * a.sin())
            })
            .collect();
        let store = store_of(geo::Polygon::new(ring.into(), vec![]));
        let ring = &store.rings[0];
        let whole = store.polygon(&store.parts[0]).unsigned_area()
            * super::super::store::UNITS
            * super::super::store::UNITS;
        let center = to_fixed_center(&ring.bounds);
        let big = 1 << 29;
        let mut total = 0.0;
        let (mut scratch, mut out) = (Vec::new(), Vec::new());
        for (x0, x1) in [(center[0] - big, center[0]), (center[0], center[0] + big)] {
            for (y0, y1) in [(center[1] - big, center[1]), (center[1], center[1] + big)] {
                let rect = FixedRect {
                    min: [x0, y0],
                    max: [x1, y1],
                };
                let frame = Frame {
                    origin: [x0 as f64, y0 as f64],
                    size: 1.0,
                };
                clip_ring(&store, ring, 0.0, &rect, &frame, &mut scratch, &mut out);
                let polygon = geo::Polygon::new(
                    out.iter()
                        .map(|p| geo::coord! { x: p[0], y: p[1] })
                        .collect(),
                    vec![],
                );
                total += polygon.unsigned_area();
            }
        }
        assert!((total - whole).abs() < whole * 1e-9, "{total} vs {whole}");
    }

    fn to_fixed_center(rect: &FixedRect) -> Fixed {
        [
            ((rect.min[0] as i64 + rect.max[0] as i64) / 2) as i32,
            ((rect.min[1] as i64 + rect.max[1] as i64) / 2) as i32,
        ]
    }

    #[test]
    fn a_line_is_cut_into_the_pieces_inside() {
        // A zigzag in and out of a box: three pieces inside.
        let store = GeometryStore::build(vec![Geometry::LineString(line_string![
            (x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 5.0), (x: 0.0, y: 5.0),
            (x: 0.0, y: 10.0), (x: 10.0, y: 10.0)
        ])]);
        let ring = &store.rings[0];
        let b = ring.bounds;
        // The box covers the middle of the x range and all of y.
        let width = b.max[0] - b.min[0];
        let rect = FixedRect {
            min: [b.min[0] + width / 4, b.min[1] - 10],
            max: [b.max[0] - width / 4, b.max[1] + 10],
        };
        let frame = Frame {
            origin: [0.0, 0.0],
            size: 1.0,
        };
        let mut pieces = 0;
        clip_line(&store, ring, (0.0, false), &rect, &frame, |piece| {
            pieces += 1;
            assert!(piece.iter().all(|p| p[0] >= rect.min[0] as f64 - 1e-6
                && p[0] <= rect.max[0] as f64 + 1e-6));
        });
        assert_eq!(pieces, 3);
    }
}
