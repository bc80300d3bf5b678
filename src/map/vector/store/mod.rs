//! A layer's geometry in one compact store: every vertex projected to Web Mercator once and kept
//! as fixed-point `i32` (8 bytes a vertex instead of 16, a quarter of a pixel at zoom 20, the
//! deepest the map goes), with its simplification importance, grouped into rings, polygon and
//! line parts and features. Long rings carry the bounds of each run of [`CHUNK`] vertices, so
//! clipping a 150,000-vertex coast to a small tile, or testing a click against it, skips the
//! runs that are nowhere near.

mod build;
mod wrap;

use geo::{Coord, LineString, Polygon};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use crate::map::projection::Mercator;

/// Fixed-point units per world width (normalised Mercator 1.0).
pub const UNITS: f64 = (1u64 << 30) as f64;
/// Vertices per chunk of a long ring (chunks share their last vertex with the next).
pub const CHUNK: usize = 64;

/// A vertex in fixed-point normalised Mercator.
pub type Fixed = [i32; 2];

/// Fixed-point from normalised Mercator. Shapes are cut into the world (`x` from 0 to 1)
/// before they are stored; the range holds two worlds each way.
pub fn to_fixed(m: Mercator) -> Fixed {
    let clamp = |v: f64| (v * UNITS).round().clamp(i32::MIN as f64, i32::MAX as f64) as i32;
    [clamp(m[0]), clamp(m[1])]
}

/// Normalised Mercator from fixed-point.
pub fn from_fixed(p: Fixed) -> Mercator {
    [p[0] as f64 / UNITS, p[1] as f64 / UNITS]
}

/// An axis-aligned box in fixed-point units (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedRect {
    pub min: Fixed,
    pub max: Fixed,
}

impl Default for FixedRect {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl FixedRect {
    /// The empty box, which grows to hold what is added.
    pub const EMPTY: Self = Self {
        min: [i32::MAX, i32::MAX],
        max: [i32::MIN, i32::MIN],
    };

    pub fn add(&mut self, p: Fixed) {
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
    }

    pub fn union(mut self, other: Self) -> Self {
        if other.min[0] <= other.max[0] {
            self.add(other.min);
            self.add(other.max);
        }
        self
    }

    pub fn intersects(&self, other: &Self) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    /// Whether `other` lies wholly inside this box.
    pub fn contains_rect(&self, other: &Self) -> bool {
        self.min[0] <= other.min[0]
            && self.min[1] <= other.min[1]
            && other.max[0] <= self.max[0]
            && other.max[1] <= self.max[1]
    }

    /// The larger side, in fixed-point units: how big the shape is at any zoom.
    pub fn extent(&self) -> f64 {
        let w = self.max[0] as f64 - self.min[0] as f64;
        let h = self.max[1] as f64 - self.min[1] as f64;
        w.max(h)
    }

    /// The box in normalised Mercator, as `[min, max]`.
    pub fn to_mercator(&self) -> [Mercator; 2] {
        [from_fixed(self.min), from_fixed(self.max)]
    }
}

/// A run of vertices: a polygon ring (closed: its last vertex repeats its first) or a line.
#[derive(Debug, Clone, Copy)]
pub struct Ring {
    /// Index of its first vertex in [`GeometryStore::coords`].
    pub start: u32,
    pub len: u32,
    pub bounds: FixedRect,
    /// Index of its first chunk box in [`GeometryStore::chunks`]; rings of [`CHUNK`]
    /// vertices or fewer have none.
    pub first_chunk: u32,
}

impl Ring {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }

    pub fn chunk_count(&self) -> usize {
        if (self.len as usize) <= CHUNK {
            0
        } else {
            (self.len as usize - 1).div_ceil(CHUNK)
        }
    }
}

/// What a part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// An exterior ring and its holes, largest hole first.
    Polygon,
    Line,
}

/// One polygon or line of a feature.
#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub kind: PartKind,
    pub feature: u32,
    pub first_ring: u32,
    pub ring_count: u32,
    pub bounds: FixedRect,
}

/// The parts' bounds in normalised Mercator, for finding the parts a tile or click touches.
type Indexed = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// Every shape of a layer.
#[derive(Debug, Default)]
pub struct GeometryStore {
    pub coords: Vec<Fixed>,
    /// Per vertex: the squared distance (fixed-point units) at which simplification drops it
    /// ([`simplify::importance`]); a vertex is kept at tolerance `t` if this is over `t²`.
    pub importance: Vec<f32>,
    pub rings: Vec<Ring>,
    pub parts: Vec<Part>,
    /// Bounds of each chunk of each long ring (see [`Ring::first_chunk`]).
    pub chunks: Vec<FixedRect>,
    /// Point geometries, each with its feature.
    pub points: Vec<(Fixed, u32)>,
    /// Per feature: its bounds (empty for a feature with nothing drawable).
    pub feature_bounds: Vec<FixedRect>,
    /// Per feature: the range of its parts in [`Self::parts`].
    pub feature_parts: Vec<std::ops::Range<u32>>,
    index: RTree<Indexed>,
    /// Built when first asked for: an opened file's points are clustered elsewhere and never
    /// looked up here.
    point_index: std::sync::OnceLock<RTree<GeomWithData<[f64; 2], u32>>>,
}

impl GeometryStore {
    pub fn feature_count(&self) -> usize {
        self.feature_bounds.len()
    }

    /// The parts whose bounds meet the box `[min, max]` (normalised Mercator).
    pub fn parts_in(&self, min: Mercator, max: Mercator) -> impl Iterator<Item = u32> + '_ {
        let envelope = rstar::AABB::from_corners(min, max);
        self.index
            .locate_in_envelope_intersecting(&envelope)
            .map(|item| item.data)
    }

    /// The points inside the box `[min, max]` (normalised Mercator), by index in `points`.
    pub fn points_in(&self, min: Mercator, max: Mercator) -> impl Iterator<Item = u32> + '_ {
        let envelope = rstar::AABB::from_corners(min, max);
        let index = self.point_index.get_or_init(|| {
            RTree::bulk_load(
                self.points
                    .iter()
                    .enumerate()
                    .map(|(i, (p, _))| GeomWithData::new(from_fixed(*p), i as u32))
                    .collect(),
            )
        });
        index.locate_in_envelope(&envelope).map(|item| item.data)
    }

    /// A part's rings: for a polygon its exterior, then its holes.
    pub fn rings_of(&self, part: &Part) -> &[Ring] {
        let first = part.first_ring as usize;
        &self.rings[first..first + part.ring_count as usize]
    }

    /// The boxes of a ring's chunks (empty for a short ring).
    pub fn chunks_of(&self, ring: &Ring) -> &[FixedRect] {
        if ring.first_chunk == u32::MAX {
            return &[];
        }
        let first = ring.first_chunk as usize;
        &self.chunks[first..first + ring.chunk_count()]
    }

    /// Heap memory of the store, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.coords.capacity() * 8
            + self.importance.capacity() * 4
            + self.rings.capacity() * std::mem::size_of::<Ring>()
            + self.parts.capacity() * std::mem::size_of::<Part>()
            + self.chunks.capacity() * std::mem::size_of::<FixedRect>()
            + self.points.capacity() * 12
            + self.feature_bounds.capacity() * std::mem::size_of::<FixedRect>()
            + self.feature_parts.capacity() * 8
            + self.parts.len() * (std::mem::size_of::<Indexed>() + 8)
    }

    /// A polygon part as a `geo` polygon in normalised Mercator (labels, tests).
    pub fn polygon(&self, part: &Part) -> Polygon<f64> {
        let line = |ring: &Ring| -> LineString<f64> {
            self.coords[ring.range()]
                .iter()
                .map(|&p| {
                    let [x, y] = from_fixed(p);
                    Coord { x, y }
                })
                .collect()
        };
        let rings = self.rings_of(part);
        Polygon::new(line(&rings[0]), rings[1..].iter().map(line).collect())
    }
}
