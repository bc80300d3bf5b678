//! One tile of a layer at one zoom band: its outlines (clipped, simplified rings and lines as
//! stroke strips), then its fill (clipped polygons triangulated). Every triangulation is
//! bounded: a polygon piece with more than [`MAX_VERTICES`] vertices or [`MAX_HOLES`] holes is
//! cut into quarters first, so a coast holding 190,000 lakes is never triangulated whole.

use super::clip::{Frame, clip_line, clip_ring};
use super::lod::{min_extent, sq_tolerance};
use super::store::{FixedRect, GeometryStore, Part, PartKind, UNITS, from_fixed};
use super::stroke::{StrokeVertex, add_strip};
use super::triangulate::{Triangulator, triangulate};

/// Most vertices one earcut call is given (unless quartering has gone [`MAX_SPLITS`] deep).
pub const MAX_VERTICES: usize = 4096;
/// Most holes one earcut call is given (likewise).
pub const MAX_HOLES: usize = 64;

/// A tile: zoom and position in the zoom's grid. `x` may lie outside `0..2^z` for shapes
/// unwrapped across the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileKey {
    pub z: u8,
    pub x: i32,
    pub y: i32,
}

impl TileKey {
    /// Fixed-point units per tile side.
    pub fn size(&self) -> i64 {
        1i64 << (30 - self.z as i64)
    }

    /// The tile's box in fixed-point units.
    pub fn rect(&self) -> FixedRect {
        let size = self.size();
        let clamp = |v: i64| v.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
        FixedRect {
            min: [clamp(self.x as i64 * size), clamp(self.y as i64 * size)],
            max: [
                clamp((self.x as i64 + 1) * size),
                clamp((self.y as i64 + 1) * size),
            ],
        }
    }

    /// Tile-local coordinates: the tile is 0..1 on both axes.
    pub fn frame(&self) -> Frame {
        let size = self.size();
        Frame {
            origin: [(self.x as i64 * size) as f64, (self.y as i64 * size) as f64],
            size: size as f64,
        }
    }

    /// The tile one zoom up that holds this one.
    pub fn parent(&self) -> Option<TileKey> {
        (self.z > 0).then(|| TileKey {
            z: self.z - 1,
            x: self.x.div_euclid(2),
            y: self.y.div_euclid(2),
        })
    }
}

/// Consecutive vertices and indices of one feature, so a frame colours each feature its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub feature: u32,
    /// Where the feature's vertices and indices end.
    pub vertices_end: u32,
    pub indices_end: u32,
}

/// Record that what was appended up to now belongs to `feature`.
fn mark(runs: &mut Vec<Run>, feature: u32, vertices: usize, indices: usize) {
    match runs.last_mut() {
        Some(run) if run.feature == feature => {
            run.vertices_end = vertices as u32;
            run.indices_end = indices as u32;
        }
        _ => runs.push(Run {
            feature,
            vertices_end: vertices as u32,
            indices_end: indices as u32,
        }),
    }
}

/// A tile's outlines.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub vertices: Vec<StrokeVertex>,
    pub indices: Vec<u32>,
    pub runs: Vec<Run>,
}

/// A tile's filled polygons.
#[derive(Debug, Clone, Default)]
pub struct Fill {
    pub vertices: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
    pub runs: Vec<Run>,
    /// Triangulations made, and the most vertices and holes any one was given (tests check the
    /// bounds).
    pub calls: usize,
    pub largest_call: (usize, usize),
}

impl Outline {
    pub fn bytes(&self) -> usize {
        self.vertices.capacity() * 16 + self.indices.capacity() * 4 + self.runs.capacity() * 12
    }
}

impl Fill {
    pub fn bytes(&self) -> usize {
        self.vertices.capacity() * 8 + self.indices.capacity() * 4 + self.runs.capacity() * 12
    }
}

/// The parts a tile touches, in drawing order (the file's order).
fn parts_in(store: &GeometryStore, key: &TileKey) -> Vec<u32> {
    let [min, max] = key.rect().to_mercator();
    let mut parts: Vec<u32> = store.parts_in(min, max).collect();
    parts.sort_unstable();
    parts
}

/// The rings of `part` big enough to see at `band`: a polygon's exterior (or nothing, if it is
/// too small) and its holes that are big enough; a line if it is.
fn visible_rings<'a>(
    store: &'a GeometryStore,
    part: &Part,
    band: u8,
) -> impl Iterator<Item = &'a super::store::Ring> {
    let smallest = min_extent(band);
    let rings = store.rings_of(part);
    let shown = rings.first().is_some_and(|r| r.bounds.extent() >= smallest);
    let count = if shown {
        // Holes are sorted largest first.
        1 + rings[1..]
            .iter()
            .take_while(|r| r.bounds.extent() >= smallest)
            .count()
    } else {
        0
    };
    rings[..count].iter()
}

/// Build a tile's outlines.
pub fn build_outline(store: &GeometryStore, key: &TileKey) -> Outline {
    let rect = key.rect();
    let frame = key.frame();
    let tolerance = sq_tolerance(key.z);
    let mut outline = Outline::default();
    for part_index in parts_in(store, key) {
        let part = &store.parts[part_index as usize];
        for ring in visible_rings(store, part, key.z) {
            if !ring.bounds.intersects(&rect) {
                continue;
            }
            let polygon = part.kind == PartKind::Polygon;
            clip_line(store, ring, (tolerance, polygon), &rect, &frame, |piece| {
                add_strip(piece, &mut outline.vertices, &mut outline.indices);
            });
        }
        mark(
            &mut outline.runs,
            part.feature,
            outline.vertices.len(),
            outline.indices.len(),
        );
    }
    outline.runs.retain(|r| r.vertices_end > 0);
    outline
}

/// Build a tile's fill.
pub fn build_fill(store: &GeometryStore, key: &TileKey) -> Fill {
    let rect = key.rect();
    let frame = key.frame();
    let tolerance = sq_tolerance(key.z);
    let mut fill = Fill::default();
    let mut triangulator = Triangulator::default();
    let (mut scratch, mut ring_out) = (Vec::new(), Vec::new());
    for part_index in parts_in(store, key) {
        let part = &store.parts[part_index as usize];
        if part.kind != PartKind::Polygon {
            continue;
        }
        let mut rings: Vec<Vec<[f64; 2]>> = Vec::new();
        for ring in visible_rings(store, part, key.z) {
            if !ring.bounds.intersects(&rect) {
                if rings.is_empty() {
                    break;
                }
                continue;
            }
            clip_ring(
                store,
                ring,
                tolerance,
                &rect,
                &frame,
                &mut scratch,
                &mut ring_out,
            );
            if ring_out.is_empty() {
                if rings.is_empty() {
                    // The exterior leaves nothing here, so neither do its holes.
                    break;
                }
                continue;
            }
            rings.push(ring_out.clone());
        }
        if !rings.is_empty() {
            let square = [[0.0, 0.0], [1.0, 1.0]];
            triangulate(&mut triangulator, &mut fill, rings, square, 0);
            mark(
                &mut fill.runs,
                part.feature,
                fill.vertices.len(),
                fill.indices.len(),
            );
        }
    }
    fill
}

/// The tiles of zoom `z` that cover the box `[min, max]` (normalised Mercator), rows limited to
/// the world.
pub fn tiles_covering(min: [f64; 2], max: [f64; 2], z: u8) -> Vec<TileKey> {
    let n = (1i64 << z) as f64;
    let tx = |x: f64| (x * n).floor().clamp(-2.0 * n, 3.0 * n) as i32;
    let ty = |y: f64| (y * n).floor().clamp(0.0, n - 1.0) as i32;
    let mut keys = Vec::new();
    for y in ty(min[1])..=ty(max[1]) {
        for x in tx(min[0])..=tx(max[0]) {
            keys.push(TileKey { z, x, y });
        }
    }
    keys
}

/// The tile's box in normalised Mercator.
pub fn mercator_bounds(key: &TileKey) -> [[f64; 2]; 2] {
    let rect = key.rect();
    [from_fixed(rect.min), from_fixed(rect.max)]
}

/// Tile-local units to normalised Mercator: origin and size of the tile.
pub fn mercator_frame(key: &TileKey) -> ([f64; 2], f64) {
    let frame = key.frame();
    (
        [frame.origin[0] / UNITS, frame.origin[1] / UNITS],
        frame.size / UNITS,
    )
}
