//! Lines as triangle strips built once: a left and a right vertex at every point, mitred at the
//! joins, each storing its offset from the line in half widths, so a frame only moves the points
//! and scales the offsets to the width it wants.

/// One stroke vertex: a point of the line (tile-local) and where the stroke's edge lies from it,
/// in units of half the stroke width (screen points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StrokeVertex {
    pub at: [f32; 2],
    pub offset: [f32; 2],
}

/// Mitre joins longer than this (in half widths) are cut short, so sharp turns do not spike.
const MITRE_LIMIT: f32 = 3.0;

/// Append a strip along `line` (a closed ring is joined where it closes too).
pub fn add_strip(line: &[[f64; 2]], vertices: &mut Vec<StrokeVertex>, indices: &mut Vec<u32>) {
    let mut points: Vec<[f64; 2]> = Vec::with_capacity(line.len());
    for &p in line {
        if p[0].is_finite() && p[1].is_finite() && points.last() != Some(&p) {
            points.push(p);
        }
    }
    if points.len() < 2 {
        return;
    }
    let closed = points.len() > 2 && points.first() == points.last();
    if closed {
        points.pop();
    }
    let n = points.len();
    let normal = |a: [f64; 2], b: [f64; 2]| -> [f32; 2] {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let length = dx.hypot(dy);
        [(-dy / length) as f32, (dx / length) as f32]
    };
    let segments = if closed { n } else { n - 1 };
    let normals: Vec<[f32; 2]> = (0..segments)
        .map(|i| normal(points[i], points[(i + 1) % n]))
        .collect();
    let base = vertices.len() as u32;
    for (i, &at) in points.iter().enumerate() {
        let before = if i > 0 {
            Some(normals[i - 1])
        } else if closed {
            normals.last().copied()
        } else {
            None
        };
        let after = normals.get(i).copied();
        let offset = match (before, after) {
            (Some(a), Some(b)) => mitre(a, b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => [0.0, 0.0],
        };
        for side in [1.0f32, -1.0] {
            vertices.push(StrokeVertex {
                at: [at[0] as f32, at[1] as f32],
                offset: [offset[0] * side, offset[1] * side],
            });
        }
    }
    for i in 0..segments as u32 {
        let (a, b) = (base + 2 * i, base + 2 * ((i + 1) % n as u32));
        indices.extend([a, a + 1, b, a + 1, b + 1, b]);
    }
}

/// The offset of a join between two segments with unit normals `a` and `b`: along the bisector,
/// long enough for both edges to keep their width, cut at [`MITRE_LIMIT`].
fn mitre(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    let sum = [a[0] + b[0], a[1] + b[1]];
    let length = sum[0].hypot(sum[1]);
    if length < 1e-6 {
        return a;
    }
    let m = [sum[0] / length, sum[1] / length];
    let scale = (1.0 / (m[0] * a[0] + m[1] * a[1]).max(1e-6)).min(MITRE_LIMIT);
    [m[0] * scale, m[1] * scale]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_square_is_one_strip_of_four_joins() {
        let (mut vertices, mut indices) = (Vec::new(), Vec::new());
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        add_strip(&square, &mut vertices, &mut indices);
        assert_eq!(vertices.len(), 8);
        assert_eq!(indices.len(), 4 * 6);
        // Corners are mitred: the offset is √2 half-widths long, along the diagonal.
        let corner = vertices[0].offset;
        assert!((corner[0].hypot(corner[1]) - 2f32.sqrt()).abs() < 1e-5);
    }

    #[test]
    fn repeated_points_and_single_points_draw_nothing_broken() {
        let (mut vertices, mut indices) = (Vec::new(), Vec::new());
        add_strip(&[[0.0, 0.0], [0.0, 0.0]], &mut vertices, &mut indices);
        assert!(vertices.is_empty() && indices.is_empty());
        add_strip(
            &[[0.0, 0.0], [0.0, 0.0], [2.0, 0.0]],
            &mut vertices,
            &mut indices,
        );
        assert_eq!(vertices.len(), 4);
        assert!(
            vertices
                .iter()
                .all(|v| v.offset.iter().all(|o| o.is_finite()))
        );
    }
}
