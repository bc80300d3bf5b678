//! Shapes across the antimeridian, brought into the one world the store keeps (normalised
//! Mercator `x` from 0 to 1). A ring or line is unwrapped first, so it goes the short way across
//! ±180° instead of across the map; a hole is moved by whole worlds to lie with its outer ring;
//! a ring that goes round a pole is closed along the map's edge at that pole. What then lies past
//! the world's edge is cut off at it and moved back a world, so both parts are drawn, hit and
//! tiled where they belong; the map repeats the world beyond ±180° when drawing.

/// A vertex in normalised Mercator (`x` east, `y` south; the world is `0..1` in `x`).
pub type Xy = [f64; 2];

/// `points` (normalised Mercator, each `x` within the world) unwrapped: wherever a step
/// jumps more than half the world, it is taken to cross the antimeridian instead.
pub fn unwrap(points: &mut [Xy]) {
    let mut shift = 0.0;
    let mut previous: Option<f64> = None;
    for p in points.iter_mut() {
        if let Some(prev) = previous {
            if p[0] - prev > 0.5 {
                shift -= 1.0;
            } else if prev - p[0] > 0.5 {
                shift += 1.0;
            }
        }
        previous = Some(p[0]);
        p[0] += shift;
    }
}

/// A closed ring that, unwrapped, ends a whole world from where it starts goes round a pole:
/// close it along the map's edge at the pole it encircles (the one nearer its vertices).
pub fn close_round_pole(ring: &mut Vec<Xy>) {
    let (Some(&first), Some(&last)) = (ring.first(), ring.last()) else {
        return;
    };
    if (last[0] - first[0]).abs() < 0.5 {
        return;
    }
    let mean_y = ring.iter().map(|p| p[1]).sum::<f64>() / ring.len() as f64;
    let pole = if mean_y < 0.5 { 0.0 } else { 1.0 };
    ring.push([last[0], pole]);
    ring.push([first[0], pole]);
    ring.push(first);
}

/// Move `ring` by whole worlds so that its middle lies nearest `x`.
pub fn shift_near(ring: &mut [Xy], x: f64) {
    let middle = middle_x(ring);
    let worlds = (x - middle).round();
    if worlds != 0.0 {
        ring.iter_mut().for_each(|p| p[0] += worlds);
    }
}

fn middle_x(points: &[Xy]) -> f64 {
    let (lo, hi) = x_range(points);
    (lo + hi) / 2.0
}

fn x_range(points: &[Xy]) -> (f64, f64) {
    points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p[0]), hi.max(p[0]))
        })
}

/// The worlds (`k`: `x` from `k` to `k + 1`) that `lo..hi` reaches.
fn worlds(lo: f64, hi: f64) -> std::ops::RangeInclusive<i64> {
    let first = lo.floor() as i64;
    let last = (hi.ceil() as i64 - 1).max(first);
    first..=last
}

/// A polygon's rings (exterior first) in each world it reaches, each moved into the world:
/// one polygon when it lies in one world, else the parts cut at the worlds' edges.
pub fn polygon_in_worlds(rings: Vec<Vec<Xy>>) -> Vec<Vec<Vec<Xy>>> {
    let Some(exterior) = rings.first() else {
        return Vec::new();
    };
    let (lo, hi) = x_range(exterior);
    let worlds = worlds(lo, hi);
    if worlds.start() == worlds.end() {
        let k = *worlds.start() as f64;
        let mut rings = rings;
        if k != 0.0 {
            rings.iter_mut().flatten().for_each(|p| p[0] -= k);
        }
        return vec![rings];
    }
    let mut parts = Vec::new();
    for k in worlds {
        let (left, right) = (k as f64, k as f64 + 1.0);
        let cut: Vec<Vec<Xy>> = rings.iter().map(|ring| clip_x(ring, left, right)).collect();
        if cut[0].len() < 4 {
            continue;
        }
        let moved: Vec<Vec<Xy>> = cut
            .into_iter()
            .filter(|ring| ring.len() >= 4)
            .map(|ring| ring.into_iter().map(|p| [p[0] - left, p[1]]).collect())
            .collect();
        parts.push(moved);
    }
    parts
}

/// The part of closed `ring` between `x = left` and `x = right` (Sutherland–Hodgman on both
/// sides), closed again.
fn clip_x(ring: &[Xy], left: f64, right: f64) -> Vec<Xy> {
    let mut out = side(ring, left, true);
    out = side(&out, right, false);
    if let (Some(&first), Some(&last)) = (out.first(), out.last())
        && first != last
    {
        out.push(first);
    }
    out
}

/// One Sutherland–Hodgman step: the part of `ring` on the kept side of `x = bound`.
fn side(ring: &[Xy], bound: f64, keep_above: bool) -> Vec<Xy> {
    let inside = |p: &Xy| {
        if keep_above {
            p[0] >= bound
        } else {
            p[0] <= bound
        }
    };
    let mut out = Vec::with_capacity(ring.len() + 4);
    let Some(mut previous) = ring.last().copied() else {
        return out;
    };
    for &current in ring {
        match (inside(&previous), inside(&current)) {
            (true, true) => out.push(current),
            (true, false) => out.push(crossing(previous, current, bound)),
            (false, true) => {
                out.push(crossing(previous, current, bound));
                out.push(current);
            }
            (false, false) => {}
        }
        previous = current;
    }
    out
}

/// Where segment `a`–`b` crosses `x = bound`.
fn crossing(a: Xy, b: Xy, bound: f64) -> Xy {
    let t = (bound - a[0]) / (b[0] - a[0]);
    [bound, a[1] + (b[1] - a[1]) * t]
}

/// An unwrapped line cut where it crosses a world's edge, each piece moved into the world
/// (a track round the globe becomes one piece per world it passes through).
pub fn line_in_worlds(line: Vec<Xy>) -> Vec<Vec<Xy>> {
    let (lo, hi) = x_range(&line);
    let range = worlds(lo, hi);
    if range.start() == range.end() {
        let k = *range.start() as f64;
        let mut line = line;
        if k != 0.0 {
            line.iter_mut().for_each(|p| p[0] -= k);
        }
        return vec![line];
    }
    // Each segment is cut at every world edge it crosses; a piece ends where the world its
    // next bit lies in changes (also at a vertex lying on an edge).
    let mut pieces: Vec<(i64, Vec<Xy>)> = Vec::new();
    for w in line.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (from, to) = (a[0].min(b[0]), a[0].max(b[0]));
        let mut stops: Vec<Xy> = ((from.floor() as i64 + 1)..=(to.ceil() as i64 - 1))
            .map(|e| e as f64)
            .filter(|&e| e > from && e < to)
            .map(|e| crossing(a, b, e))
            .collect();
        if b[0] < a[0] {
            stops.reverse();
        }
        stops.push(b);
        let mut p = a;
        for q in stops {
            let world = ((p[0] + q[0]) / 2.0).floor() as i64;
            match pieces.last_mut() {
                Some((k, piece)) if *k == world => piece.push(q),
                _ => pieces.push((world, vec![p, q])),
            }
            p = q;
        }
    }
    pieces
        .into_iter()
        .map(|(k, piece)| piece.into_iter().map(|p| [p[0] - k as f64, p[1]]).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_polygon_across_the_antimeridian_is_cut_in_two_with_its_hole() {
        // 170 E to 170 W (unwrapped: x from 0.972 to 1.028), a hole across it too.
        let x = |lon: f64| (lon + 180.0) / 360.0;
        let mut outer = vec![
            [x(170.0), 0.2],
            [x(-170.0), 0.2],
            [x(-170.0), 0.3],
            [x(170.0), 0.3],
            [x(170.0), 0.2],
        ];
        let mut hole = vec![
            [x(176.0), 0.24],
            [x(176.0), 0.26],
            [x(-176.0), 0.26],
            [x(-176.0), 0.24],
            [x(176.0), 0.24],
        ];
        unwrap(&mut outer);
        unwrap(&mut hole);
        shift_near(&mut hole, middle_x(&outer));
        let parts = polygon_in_worlds(vec![outer, hole]);
        assert_eq!(parts.len(), 2);
        for part in &parts {
            assert_eq!(part.len(), 2, "each part keeps its piece of the hole");
            assert!(part.iter().flatten().all(|p| (0.0..=1.0).contains(&p[0])));
        }
    }

    #[test]
    fn a_track_round_the_globe_is_a_piece_per_world() {
        let mut line: Vec<Xy> = (0..=13)
            .map(|i| [((60.0 + 30.0 * i as f64 + 180.0) % 360.0) / 360.0, 0.3])
            .collect();
        unwrap(&mut line);
        let pieces = line_in_worlds(line);
        assert!(pieces.len() >= 2);
        assert!(pieces.iter().flatten().all(|p| (0.0..=1.0).contains(&p[0])));
        let total: f64 = pieces
            .iter()
            .map(|p| (p[p.len() - 1][0] - p[0][0]).abs())
            .sum();
        assert!((total - 390.0 / 360.0).abs() < 1e-9, "{total}");
    }

    #[test]
    fn a_ring_round_the_pole_is_closed_along_the_map_edge() {
        let mut ring: Vec<Xy> = (0..=12)
            .map(|i| [((i as f64 * 30.0) % 360.0) / 360.0, 0.9])
            .collect();
        ring.push(ring[0]);
        unwrap(&mut ring);
        close_round_pole(&mut ring);
        assert_eq!(ring.last(), ring.first());
        assert!(
            ring.iter().any(|p| p[1] == 1.0),
            "closed along the south edge"
        );
    }
}
