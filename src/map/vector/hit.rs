//! What lies under a click, decided on the full-resolution geometry: inside a polygon (and not
//! in one of its holes) by counting crossings, or near a line or point. The R-tree of part
//! bounds finds the candidates, and a long ring's chunk boxes skip the runs that cannot cross
//! or come near, so a click on a 2-million-vertex feature costs microseconds.

use geo::InteriorPoint;

use super::store::{CHUNK, Fixed, FixedRect, GeometryStore, PartKind, Ring, UNITS, from_fixed};
use crate::map::projection::Mercator;

/// The topmost feature (highest index) under `at`, within `tolerance` for lines and points.
/// Features `shown` refuses are passed over (a filter hides them).
pub fn hit(
    store: &GeometryStore,
    at: Mercator,
    tolerance: f64,
    points: bool,
    shown: impl Fn(u32) -> bool,
) -> Option<usize> {
    let min = [at[0] - tolerance, at[1] - tolerance];
    let max = [at[0] + tolerance, at[1] + tolerance];
    let p = [at[0] * UNITS, at[1] * UNITS];
    let reach = tolerance * UNITS;
    let mut best: Option<u32> = None;
    for index in store.parts_in(min, max) {
        let part = &store.parts[index as usize];
        if best.is_some_and(|b| b >= part.feature) || !shown(part.feature) {
            continue;
        }
        let rings = store.rings_of(part);
        let hit = match part.kind {
            PartKind::Polygon => {
                inside_polygon(store, rings, p)
                    || rings.iter().any(|r| near_line(store, r, p, reach))
            }
            PartKind::Line => near_line(store, &rings[0], p, reach),
        };
        if hit {
            best = Some(part.feature);
        }
    }
    // Only asked for when wanted: the first ask builds the points' index.
    if !points {
        return best.map(|f| f as usize);
    }
    for index in store.points_in(min, max) {
        let (point, feature) = store.points[index as usize];
        let [x, y] = from_fixed(point);
        if (x - at[0]).hypot(y - at[1]) <= tolerance
            && best.is_none_or(|b| feature > b)
            && shown(feature)
        {
            best = Some(feature);
        }
    }
    best.map(|f| f as usize)
}

/// Inside the exterior and in none of the holes.
fn inside_polygon(store: &GeometryStore, rings: &[Ring], p: [f64; 2]) -> bool {
    let Some((exterior, holes)) = rings.split_first() else {
        return false;
    };
    crosses_odd(store, exterior, p)
        && !holes
            .iter()
            .any(|hole| contains_point(&hole.bounds, p) && crosses_odd(store, hole, p))
}

fn contains_point(rect: &FixedRect, p: [f64; 2]) -> bool {
    rect.min[0] as f64 <= p[0]
        && p[0] <= rect.max[0] as f64
        && rect.min[1] as f64 <= p[1]
        && p[1] <= rect.max[1] as f64
}

/// The segments of a ring that may matter, by chunk: all of them for a short ring.
fn segments_where<'a>(
    store: &'a GeometryStore,
    ring: &Ring,
    keep: impl Fn(&FixedRect) -> bool + 'a,
) -> impl Iterator<Item = (Fixed, Fixed)> + 'a {
    let coords = &store.coords[ring.range()];
    let chunks = store.chunks_of(ring);
    let ranges: Vec<(usize, usize)> = if chunks.is_empty() {
        vec![(0, coords.len().saturating_sub(1))]
    } else {
        chunks
            .iter()
            .enumerate()
            .filter(|(_, chunk)| keep(chunk))
            .map(|(k, _)| (k * CHUNK, ((k + 1) * CHUNK).min(coords.len() - 1)))
            .collect()
    };
    ranges
        .into_iter()
        .flat_map(move |(start, end)| (start..end).map(move |i| (coords[i], coords[i + 1])))
}

/// Whether a ray from `p` eastwards crosses the ring an odd number of times.
fn crosses_odd(store: &GeometryStore, ring: &Ring, p: [f64; 2]) -> bool {
    if !contains_point(&ring.bounds, p) {
        return false;
    }
    let (px, py) = (p[0], p[1]);
    let relevant = move |chunk: &FixedRect| {
        (chunk.min[1] as f64) <= py && py < chunk.max[1] as f64 && chunk.max[0] as f64 >= px
    };
    let mut inside = false;
    for (a, b) in segments_where(store, ring, relevant) {
        let (ax, ay, bx, by) = (a[0] as f64, a[1] as f64, b[0] as f64, b[1] as f64);
        if (ay > py) != (by > py) {
            let x = ax + (py - ay) / (by - ay) * (bx - ax);
            if px < x {
                inside = !inside;
            }
        }
    }
    inside
}

/// Whether the line (or ring outline) passes within `reach` of `p`.
fn near_line(store: &GeometryStore, ring: &Ring, p: [f64; 2], reach: f64) -> bool {
    let near = move |chunk: &FixedRect| {
        chunk.min[0] as f64 - reach <= p[0]
            && p[0] <= chunk.max[0] as f64 + reach
            && chunk.min[1] as f64 - reach <= p[1]
            && p[1] <= chunk.max[1] as f64 + reach
    };
    if !near(&ring.bounds) {
        return false;
    }
    segments_where(store, ring, near).any(|(a, b)| segment_distance(p, a, b) <= reach)
}

fn segment_distance(p: [f64; 2], a: Fixed, b: Fixed) -> f64 {
    let (ax, ay) = (a[0] as f64, a[1] as f64);
    let (dx, dy) = (b[0] as f64 - ax, b[1] as f64 - ay);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 {
        (((p[0] - ax) * dx + (p[1] - ay) * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p[0] - ax - dx * t).hypot(p[1] - ay - dy * t)
}

/// Where a feature's label goes: an interior point of its largest polygon (by box), else the
/// middle of its first line's box, else its first point.
pub fn label_point(store: &GeometryStore, feature: usize) -> Option<Mercator> {
    let parts = store.feature_parts.get(feature)?.clone();
    let parts = &store.parts[parts.start as usize..parts.end as usize];
    let largest = parts
        .iter()
        .filter(|p| p.kind == PartKind::Polygon)
        .max_by(|a, b| a.bounds.extent().total_cmp(&b.bounds.extent()));
    if let Some(part) = largest {
        let point = store.polygon(part).interior_point()?;
        return Some([point.x(), point.y()]);
    }
    if let Some(part) = parts.first() {
        let [min, max] = part.bounds.to_mercator();
        return Some([(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0]);
    }
    store
        .points
        .iter()
        .find(|(_, f)| *f as usize == feature)
        .map(|(p, _)| from_fixed(*p))
}
