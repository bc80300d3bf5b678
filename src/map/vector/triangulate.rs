//! Triangulating a tile's polygon pieces, each bounded: a piece with more than
//! [`MAX_VERTICES`] vertices or [`MAX_HOLES`] holes is cut into quarters first.
//!
//! Fills are triangulated by lyon's sweep-line tessellator with the even-odd rule, which stays
//! right on what real files contain (lakes that overlap, rings that touch, the slivers clipping
//! leaves along tile edges), where earcut drew stray wedges across the map; earcut remains the
//! fallback for the rare piece lyon declines.

use super::tile::{Fill, MAX_HOLES, MAX_VERTICES};

/// How many times a piece may be quartered.
const MAX_SPLITS: u32 = 6;

/// Triangulate an exterior and its holes (tile-local, inside the box `area`), quartering the
/// box while the piece is over the bounds.
pub(super) fn triangulate(
    triangulator: &mut Triangulator,
    fill: &mut Fill,
    rings: Vec<Vec<[f64; 2]>>,
    area: [[f64; 2]; 2],
    depth: u32,
) {
    let vertices: usize = rings.iter().map(Vec::len).sum();
    let holes = rings.len() - 1;
    if (vertices > MAX_VERTICES || holes > MAX_HOLES) && depth < MAX_SPLITS {
        let [min, max] = area;
        let mid = [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0];
        for (x0, x1) in [(min[0], mid[0]), (mid[0], max[0])] {
            for (y0, y1) in [(min[1], mid[1]), (mid[1], max[1])] {
                let quarter = [[x0, y0], [x1, y1]];
                let pieces = quarter_of(&rings, quarter);
                if !pieces.is_empty() {
                    triangulate(triangulator, fill, pieces, quarter, depth + 1);
                }
            }
        }
        return;
    }
    fill.calls += 1;
    fill.largest_call = (
        fill.largest_call.0.max(vertices),
        fill.largest_call.1.max(holes),
    );
    let base = fill.vertices.len() as u32;
    let (points, triangles) = triangulator.run(&rings);
    fill.vertices.extend(points);
    fill.indices.extend(triangles.iter().map(|&i| base + i));
}

/// Tile-local units are scaled up for lyon, whose tolerances are absolute.
const LYON_SCALE: f64 = 4096.0;

/// The tessellators, kept between calls (they reuse their buffers).
#[derive(Default)]
pub(super) struct Triangulator {
    lyon: lyon_tessellation::FillTessellator,
    earcut: earcut::Earcut<f64>,
}

impl Triangulator {
    /// Triangles covering `rings` (an exterior and its holes) by the even-odd rule.
    fn run(&mut self, rings: &[Vec<[f64; 2]>]) -> (Vec<[f32; 2]>, Vec<u32>) {
        use lyon_tessellation::math::{Point, point};
        use lyon_tessellation::path::PathEvent;
        use lyon_tessellation::{BuffersBuilder, FillOptions, FillVertex, VertexBuffers};
        let at = |p: &[f64; 2]| -> Point {
            point((p[0] * LYON_SCALE) as f32, (p[1] * LYON_SCALE) as f32)
        };
        let events = rings.iter().filter(|r| r.len() >= 3).flat_map(|ring| {
            let first = at(&ring[0]);
            let last = at(&ring[ring.len() - 1]);
            std::iter::once(PathEvent::Begin { at: first })
                .chain(ring.windows(2).map(move |w| PathEvent::Line {
                    from: at(&w[0]),
                    to: at(&w[1]),
                }))
                .chain(std::iter::once(PathEvent::End {
                    last,
                    first,
                    close: true,
                }))
        });
        let mut buffers: VertexBuffers<[f32; 2], u32> = VertexBuffers::new();
        let result = self.lyon.tessellate(
            events,
            &FillOptions::even_odd(),
            &mut BuffersBuilder::new(&mut buffers, |v: FillVertex| {
                let p = v.position();
                [
                    (p.x as f64 / LYON_SCALE) as f32,
                    (p.y as f64 / LYON_SCALE) as f32,
                ]
            }),
        );
        if result.is_ok() {
            return (buffers.vertices, buffers.indices);
        }
        let mut hole_starts: Vec<u32> = Vec::new();
        let mut flat: Vec<[f64; 2]> = Vec::new();
        for (i, ring) in rings.iter().enumerate() {
            if i > 0 {
                hole_starts.push(flat.len() as u32);
            }
            flat.extend_from_slice(ring);
        }
        let mut triangles: Vec<u32> = Vec::new();
        self.earcut
            .earcut(flat.iter().copied(), &hole_starts, &mut triangles);
        let points = flat.iter().map(|p| [p[0] as f32, p[1] as f32]).collect();
        (points, triangles)
    }
}

/// The rings clipped to a quarter box; empty when the exterior leaves nothing there.
fn quarter_of(rings: &[Vec<[f64; 2]>], quarter: [[f64; 2]; 2]) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    for (i, ring) in rings.iter().enumerate() {
        let clipped = clip_to_box(ring, quarter);
        if clipped.len() < 3 {
            if i == 0 {
                return Vec::new();
            }
            continue;
        }
        out.push(clipped);
    }
    out
}

/// Sutherland–Hodgman of an in-memory ring against a box.
fn clip_to_box(ring: &[[f64; 2]], [min, max]: [[f64; 2]; 2]) -> Vec<[f64; 2]> {
    let outside = ring.iter().all(|p| p[0] < min[0])
        || ring.iter().all(|p| p[0] > max[0])
        || ring.iter().all(|p| p[1] < min[1])
        || ring.iter().all(|p| p[1] > max[1]);
    if outside {
        return Vec::new();
    }
    let mut current = ring.to_vec();
    for (axis, bound, keep_above) in [
        (0, min[0], true),
        (0, max[0], false),
        (1, min[1], true),
        (1, max[1], false),
    ] {
        current = super::clip::clip_polygon_side(&current, axis, bound, keep_above);
        if current.len() < 3 {
            return Vec::new();
        }
    }
    current
}
