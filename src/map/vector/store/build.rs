//! Building a layer's store from `geo` geometries: each feature projected, ranked and boxed on
//! its own (on all cores), then joined into the store's flat arrays and indexed.

use geo::{Coord, Geometry, Polygon};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use super::wrap::{self, Xy};
use super::{CHUNK, Fixed, FixedRect, GeometryStore, Part, PartKind, Ring, to_fixed};
use crate::map::projection::to_mercator;
use crate::map::vector::simplify;

/// Features converted together, on one thread.
const BATCH: usize = 1024;

/// A batch of features' shapes, built alone (on any thread) before joining the store.
#[derive(Default)]
struct Piece {
    coords: Vec<Fixed>,
    importance: Vec<f32>,
    rings: Vec<Ring>,
    parts: Vec<Part>,
    chunks: Vec<FixedRect>,
    points: Vec<(Fixed, u32)>,
    /// The feature being added's bounds.
    bounds: FixedRect,
    /// Each feature's bounds, and the end of its parts in `parts`.
    features: Vec<(FixedRect, u32)>,
}

impl GeometryStore {
    /// Project, simplify (importance) and index `geometries` (longitude/latitude), on all cores.
    /// Each geometry is dropped as soon as it is converted.
    pub fn build(geometries: Vec<Geometry<f64>>) -> Self {
        let pieces: Vec<Piece> = geometries
            .into_par_iter()
            .chunks(BATCH)
            .enumerate()
            .map(|(batch, geometries)| {
                let mut piece = Piece::default();
                for (i, geometry) in geometries.into_iter().enumerate() {
                    piece.bounds = FixedRect::EMPTY;
                    piece.add(&geometry, (batch * BATCH + i) as u32);
                    piece
                        .features
                        .push((piece.bounds, piece.parts.len() as u32));
                }
                piece
            })
            .collect();
        let mut store = Self::default();
        let (vertices, rings, parts) = pieces.iter().fold((0, 0, 0), |(v, r, p), piece| {
            (
                v + piece.coords.len(),
                r + piece.rings.len(),
                p + piece.parts.len(),
            )
        });
        store.coords.reserve_exact(vertices);
        store.importance.reserve_exact(vertices);
        store.rings.reserve_exact(rings);
        store.parts.reserve_exact(parts);
        for piece in pieces {
            store.append(piece);
        }
        store.index = RTree::bulk_load(
            store
                .parts
                .iter()
                .enumerate()
                .map(|(i, part)| {
                    let [min, max] = part.bounds.to_mercator();
                    GeomWithData::new(Rectangle::from_corners(min, max), i as u32)
                })
                .collect(),
        );
        store
    }

    fn append(&mut self, piece: Piece) {
        let (vertex_base, ring_base, chunk_base) = (
            self.coords.len() as u32,
            self.rings.len() as u32,
            self.chunks.len() as u32,
        );
        let part_start = self.parts.len() as u32;
        self.coords.extend(piece.coords);
        self.importance.extend(piece.importance);
        self.chunks.extend(piece.chunks);
        self.rings.extend(piece.rings.into_iter().map(|mut ring| {
            ring.start += vertex_base;
            if ring.first_chunk != u32::MAX {
                ring.first_chunk += chunk_base;
            }
            ring
        }));
        self.parts.extend(piece.parts.into_iter().map(|mut part| {
            part.first_ring += ring_base;
            part
        }));
        self.points.extend(piece.points);
        let mut start = part_start;
        for (bounds, end) in piece.features {
            self.feature_bounds.push(bounds);
            self.feature_parts.push(start..part_start + end);
            start = part_start + end;
        }
    }
}

impl Piece {
    fn add(&mut self, geometry: &Geometry<f64>, feature: u32) {
        match geometry {
            Geometry::Point(p) => self.add_point(p.0, feature),
            Geometry::MultiPoint(ps) => ps.iter().for_each(|p| self.add_point(p.0, feature)),
            Geometry::Line(l) => self.add_line(&[l.start, l.end], feature),
            Geometry::LineString(l) => self.add_line(&l.0, feature),
            Geometry::MultiLineString(ls) => ls.iter().for_each(|l| self.add_line(&l.0, feature)),
            Geometry::Polygon(p) => self.add_polygon(p, feature),
            Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| self.add_polygon(p, feature)),
            Geometry::Rect(r) => self.add_polygon(&r.to_polygon(), feature),
            Geometry::Triangle(t) => self.add_polygon(&t.to_polygon(), feature),
            Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| self.add(g, feature)),
        }
    }

    fn add_point(&mut self, c: Coord<f64>, feature: u32) {
        let p = to_fixed(to_mercator(c.x, c.y));
        self.bounds.add(p);
        self.points.push((p, feature));
    }

    fn add_line(&mut self, coords: &[Coord<f64>], feature: u32) {
        if coords.len() < 2 {
            return;
        }
        for piece in wrap::line_in_worlds(projected(coords)) {
            let first_ring = self.rings.len() as u32;
            let bounds = self.add_ring(&piece);
            self.parts.push(Part {
                kind: PartKind::Line,
                feature,
                first_ring,
                ring_count: 1,
                bounds,
            });
        }
    }

    /// A polygon, its holes kept with it, as one part in each world it reaches (a polygon
    /// across the antimeridian is cut there, and both sides are drawn where they belong).
    fn add_polygon(&mut self, polygon: &Polygon<f64>, feature: u32) {
        let mut exterior = projected(&polygon.exterior().0);
        wrap::close_round_pole(&mut exterior);
        let (lo, hi) = exterior
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[0]), hi.max(p[0]))
            });
        let mut rings = vec![exterior];
        for hole in polygon.interiors() {
            let mut hole = projected(&hole.0);
            wrap::shift_near(&mut hole, (lo + hi) / 2.0);
            rings.push(hole);
        }
        for mut part in wrap::polygon_in_worlds(rings) {
            // Largest hole first, so a tile at low zoom stops at the first one too small to see.
            part[1..].sort_by(|a, b| extent(b).total_cmp(&extent(a)));
            let first_ring = self.rings.len() as u32;
            let bounds = self.add_ring(&part[0]);
            part[1..].iter().for_each(|hole| {
                self.add_ring(hole);
            });
            self.parts.push(Part {
                kind: PartKind::Polygon,
                feature,
                first_ring,
                ring_count: self.rings.len() as u32 - first_ring,
                bounds,
            });
        }
    }

    /// Add a ring or line (normalised Mercator, within the world), rank its vertices for
    /// simplification, and box its chunks. Gives its bounds.
    fn add_ring(&mut self, points: &[Xy]) -> FixedRect {
        let start = self.coords.len();
        let mut bounds = FixedRect::EMPTY;
        for &p in points {
            let p = to_fixed(p);
            bounds.add(p);
            self.coords.push(p);
        }
        let ring = &self.coords[start..];
        self.importance.extend(simplify::importance(ring));
        let first_chunk = if ring.len() > CHUNK {
            let first = self.chunks.len() as u32;
            let mut at = 0;
            while at + 1 < ring.len() {
                let end = (at + CHUNK).min(ring.len() - 1);
                let mut chunk = FixedRect::EMPTY;
                ring[at..=end].iter().for_each(|&p| chunk.add(p));
                self.chunks.push(chunk);
                at = end;
            }
            first
        } else {
            u32::MAX
        };
        self.rings.push(Ring {
            start: start as u32,
            len: ring.len() as u32,
            bounds,
            first_chunk,
        });
        self.bounds = self.bounds.union(bounds);
        bounds
    }
}

/// `coords` (longitude/latitude) in normalised Mercator, unwrapped where they cross the
/// antimeridian so that they go the short way round.
fn projected(coords: &[Coord<f64>]) -> Vec<Xy> {
    let mut points: Vec<Xy> = coords.iter().map(|c| to_mercator(c.x, c.y)).collect();
    wrap::unwrap(&mut points);
    points
}

/// A ring's larger side, in normalised Mercator.
fn extent(ring: &[Xy]) -> f64 {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in ring {
        for axis in 0..2 {
            lo[axis] = lo[axis].min(p[axis]);
            hi[axis] = hi[axis].max(p[axis]);
        }
    }
    (hi[0] - lo[0]).max(hi[1] - lo[1])
}
