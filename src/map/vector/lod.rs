//! Level of detail: a feature's geometry simplified for one zoom band, its fill triangulated and
//! its outline turned into a stroke mesh, once. Each frame then only moves vertices, so panning
//! never simplifies or triangulates again, and zooming does so once per band.

use geo::{Geometry, LineString, Polygon, Simplify, TriangulateEarcut};

use crate::map::projection::Mercator;

/// Bands 0..=MAX_BAND; band `b` is drawn at zooms in `[b, b + 1)`.
pub const MAX_BAND: usize = 20;
/// Number of bands.
pub const BANDS: usize = MAX_BAND + 1;

/// The band for a map zoom.
pub fn band_of(zoom: f64) -> usize {
    zoom.floor().clamp(0.0, MAX_BAND as f64) as usize
}

/// Simplification tolerance in normalised Mercator: half a screen point at the band's own zoom,
/// so a simplified line is never more than a point off anywhere in the band.
pub fn tolerance(band: usize) -> f64 {
    0.5 / (256.0 * 2f64.powi(band as i32))
}

/// One stroke vertex: a point of the line and where the stroke's edge lies from it, in units of
/// half the stroke width (screen points), so the width can change without rebuilding. Lines are
/// strips: two vertices per point (left and right edge), mitred at the joins.
#[derive(Debug, Clone, Copy)]
pub struct StrokeVertex {
    pub at: Mercator,
    pub offset: [f32; 2],
}

/// Mitre joins longer than this (in half widths) are cut short, so sharp turns do not spike.
const MITRE_LIMIT: f32 = 3.0;

/// A feature's drawable geometry for one band.
#[derive(Debug, Clone, Default)]
pub struct Band {
    pub fill_vertices: Vec<Mercator>,
    pub fill_indices: Vec<u32>,
    pub stroke_vertices: Vec<StrokeVertex>,
    pub stroke_indices: Vec<u32>,
}

impl Band {
    /// Simplify, triangulate and build the stroke of `geometry` (in Mercator) for `band`.
    pub fn build(geometry: &Geometry<f64>, band: usize) -> Self {
        let mut built = Band::default();
        built.add(geometry, tolerance(band));
        built
    }

    fn add(&mut self, geometry: &Geometry<f64>, tolerance: f64) {
        match geometry {
            Geometry::Polygon(p) => self.add_polygon(p, tolerance),
            Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| self.add_polygon(p, tolerance)),
            Geometry::Rect(r) => self.add_polygon(&r.to_polygon(), tolerance),
            Geometry::Triangle(t) => self.add_polygon(&t.to_polygon(), tolerance),
            Geometry::LineString(l) => self.add_line(&l.simplify(tolerance)),
            Geometry::MultiLineString(ls) => ls
                .iter()
                .for_each(|l| self.add_line(&l.simplify(tolerance))),
            Geometry::Line(l) => self.add_line(&LineString::from(vec![l.start, l.end])),
            Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| self.add(g, tolerance)),
            // Points are drawn as symbols, not meshes.
            Geometry::Point(_) | Geometry::MultiPoint(_) => {}
        }
    }

    /// A polygon whose outer ring simplifies away is smaller than a point here: not drawn.
    fn add_polygon(&mut self, polygon: &Polygon<f64>, tolerance: f64) {
        let exterior = polygon.exterior().simplify(tolerance);
        if exterior.0.len() < 4 {
            return;
        }
        let holes: Vec<LineString<f64>> = polygon
            .interiors()
            .iter()
            .map(|ring| ring.simplify(tolerance))
            .filter(|ring| ring.0.len() >= 4)
            .collect();
        let simplified = Polygon::new(exterior, holes);
        let raw = simplified.earcut_triangles_raw();
        let base = self.fill_vertices.len() as u32;
        self.fill_vertices.extend(raw.vertices);
        self.fill_indices
            .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        self.add_line(simplified.exterior());
        simplified
            .interiors()
            .iter()
            .for_each(|ring| self.add_line(ring));
    }

    /// A strip along the line: a left and a right vertex at every point, mitred at the joins
    /// (a closed ring is joined where it closes too).
    fn add_line(&mut self, line: &LineString<f64>) {
        let mut points: Vec<[f64; 2]> = Vec::with_capacity(line.0.len());
        for c in &line.0 {
            if c.x.is_finite() && c.y.is_finite() && points.last() != Some(&[c.x, c.y]) {
                points.push([c.x, c.y]);
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
        let base = self.stroke_vertices.len() as u32;
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
                self.stroke_vertices.push(StrokeVertex {
                    at,
                    offset: [offset[0] * side, offset[1] * side],
                });
            }
        }
        for i in 0..segments as u32 {
            let (a, b) = (base + 2 * i, base + 2 * ((i + 1) % n as u32));
            self.stroke_indices.extend([a, a + 1, b, a + 1, b + 1, b]);
        }
    }

    /// Triangles in the fill (tests check that concave shapes are covered exactly).
    pub fn triangle_count(&self) -> usize {
        self.fill_indices.len() / 3
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
