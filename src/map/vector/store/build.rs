//! Building a layer's store from `geo` geometries: each feature projected, ranked and boxed on
//! its own (on all cores), then joined into the store's flat arrays and indexed.

use geo::{Coord, Geometry, LineString, Polygon};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};

use super::{CHUNK, Fixed, FixedRect, GeometryStore, Part, PartKind, Ring, to_fixed};
use crate::map::projection::to_mercator;
use crate::map::vector::simplify;

/// One feature's shapes, built alone (on any thread) before joining the store.
#[derive(Default)]
struct Piece {
    coords: Vec<Fixed>,
    importance: Vec<f32>,
    rings: Vec<Ring>,
    parts: Vec<Part>,
    chunks: Vec<FixedRect>,
    points: Vec<(Fixed, u32)>,
    bounds: FixedRect,
}

impl GeometryStore {
    /// Project, simplify (importance) and index `geometries` (longitude/latitude), on all cores.
    /// Each geometry is dropped as soon as it is converted.
    pub fn build(geometries: Vec<Geometry<f64>>) -> Self {
        let pieces: Vec<Piece> = geometries
            .into_par_iter()
            .enumerate()
            .map(|(feature, geometry)| {
                let mut piece = Piece {
                    bounds: FixedRect::EMPTY,
                    ..Piece::default()
                };
                piece.add(&geometry, feature as u32);
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
        self.feature_bounds.push(piece.bounds);
        self.feature_parts.push(part_start..self.parts.len() as u32);
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
        let first_ring = self.rings.len() as u32;
        let bounds = self.add_ring(coords);
        self.parts.push(Part {
            kind: PartKind::Line,
            feature,
            first_ring,
            ring_count: 1,
            bounds,
        });
    }

    fn add_polygon(&mut self, polygon: &Polygon<f64>, feature: u32) {
        let first_ring = self.rings.len() as u32;
        let bounds = self.add_ring(&polygon.exterior().0);
        let mut holes: Vec<&LineString<f64>> = polygon.interiors().iter().collect();
        // Largest first, so a tile at low zoom stops at the first hole too small to see.
        let size = |ring: &LineString<f64>| {
            geo::BoundingRect::bounding_rect(ring).map_or(0.0, |r| r.width().max(r.height()))
        };
        holes.sort_by(|a, b| size(b).total_cmp(&size(a)));
        for hole in holes {
            self.add_ring(&hole.0);
        }
        self.parts.push(Part {
            kind: PartKind::Polygon,
            feature,
            first_ring,
            ring_count: self.rings.len() as u32 - first_ring,
            bounds,
        });
    }

    /// Project a ring or line (unwrapped where it crosses the antimeridian, so it continues
    /// past ±180° instead of crossing the world), rank its vertices for simplification, and
    /// box its chunks. Gives its bounds.
    fn add_ring(&mut self, coords: &[Coord<f64>]) -> FixedRect {
        let start = self.coords.len();
        let mut shift = 0.0;
        let mut previous: Option<f64> = None;
        let mut bounds = FixedRect::EMPTY;
        for c in coords {
            if let Some(prev) = previous {
                if c.x - prev > 180.0 {
                    shift -= 360.0;
                } else if prev - c.x > 180.0 {
                    shift += 360.0;
                }
            }
            previous = Some(c.x);
            let p = to_fixed(to_mercator(c.x + shift, c.y));
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
