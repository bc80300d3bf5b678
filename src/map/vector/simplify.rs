//! Douglas–Peucker simplification for every zoom at once, as geojson-vt does it: one pass ranks
//! each vertex by the tolerance at which the algorithm would drop it, so simplifying a ring for
//! any zoom is a filter (`importance > tolerance²`) instead of a new Douglas–Peucker run, and
//! neighbouring tiles keep exactly the same vertices, so their edges meet.
//!
//! Unlike geojson-vt, a vertex never ranks above the split that contains it, so the vertices
//! kept at a tolerance are exactly those Douglas–Peucker keeps at that tolerance.
//!
//! ```
//! use strikemap::map::vector::simplify::importance;
//! // A line with one bump: the bump's tip outranks the nearly straight points beside it.
//! let line = [[0, 0], [10, 1], [20, 50], [30, 1], [40, 0]];
//! let rank = importance(&line);
//! assert!(rank[0].is_infinite() && rank[4].is_infinite());
//! assert!(rank[2] > rank[1] && rank[2] > rank[3]);
//! assert_eq!(rank[2], 2500.0);
//! ```

use super::store::Fixed;

/// Below this squared distance (fixed-point units) a vertex is not ranked at all: it is off the
/// simplified line by less than a tenth of a point at the deepest zoom.
const FINEST: f64 = 0.04;

/// Per vertex of `line` (a ring or line in fixed-point units): the squared distance from the
/// simplified line at which Douglas–Peucker would keep it. The ends rank infinite (always kept).
pub fn importance(line: &[Fixed]) -> Vec<f32> {
    let n = line.len();
    let mut rank = vec![0.0f32; n];
    if n == 0 {
        return rank;
    }
    rank[0] = f32::INFINITY;
    rank[n - 1] = f32::INFINITY;
    // Ranges still to split, each with the rank of the split that made it (its ceiling).
    let mut stack: Vec<(usize, usize, f64)> = vec![(0, n - 1, f64::INFINITY)];
    while let Some((first, last, ceiling)) = stack.pop() {
        if last <= first + 1 {
            continue;
        }
        let (a, b) = (line[first], line[last]);
        let mut best = (0.0f64, first);
        for (i, &p) in line.iter().enumerate().take(last).skip(first + 1) {
            let d = segment_distance_sq(p, a, b);
            if d > best.0 {
                best = (d, i);
            }
        }
        let (distance, index) = best;
        if distance <= FINEST {
            continue;
        }
        let value = distance.min(ceiling);
        rank[index] = value as f32;
        stack.push((first, index, value));
        stack.push((index, last, value));
    }
    rank
}

/// Squared distance from `p` to the segment `a`–`b` (to `a` when the segment is a point, as for
/// a closed ring's first split).
fn segment_distance_sq(p: Fixed, a: Fixed, b: Fixed) -> f64 {
    let (px, py) = (p[0] as f64, p[1] as f64);
    let (mut x, mut y) = (a[0] as f64, a[1] as f64);
    let (dx, dy) = (b[0] as f64 - x, b[1] as f64 - y);
    if dx != 0.0 || dy != 0.0 {
        let t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
        if t > 1.0 {
            x = b[0] as f64;
            y = b[1] as f64;
        } else if t > 0.0 {
            x += dx * t;
            y += dy * t;
        }
    }
    let (ex, ey) = (px - x, py - y);
    ex * ex + ey * ey
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, Simplify};

    /// Filtering by rank keeps the same vertices as geo's Douglas–Peucker at any tolerance.
    #[test]
    fn filtering_by_rank_is_douglas_peucker() {
        let line: Vec<Fixed> = (0..2000)
            .map(|i| {
                let t = i as f64 / 10.0;
                [
                    (t * 1000.0) as i32,
                    (3000.0 * (t * 0.7).sin() + 400.0 * (t * 5.3).cos()) as i32,
                ]
            })
            .collect();
        let rank = importance(&line);
        let geo_line: LineString<f64> = line
            .iter()
            .map(|p| geo::coord! { x: p[0] as f64, y: p[1] as f64 })
            .collect();
        for tolerance in [1.0f64, 10.0, 100.0, 1000.0] {
            let ours: Vec<Fixed> = line
                .iter()
                .zip(&rank)
                .filter(|(_, r)| **r as f64 > tolerance * tolerance)
                .map(|(p, _)| *p)
                .collect();
            let theirs: Vec<Fixed> = geo_line
                .simplify(tolerance)
                .0
                .iter()
                .map(|c| [c.x as i32, c.y as i32])
                .collect();
            assert_eq!(ours, theirs, "tolerance {tolerance}");
        }
    }
}
