//! The vector pipeline against `geo`: what the tiles fill is the polygon, holes stay holes, what
//! is dropped is too small to see, earcut calls stay bounded, and clicks find real shapes.

use geo::{Area, BoundingRect, Geometry, MapCoords, Polygon, line_string, polygon};

use super::lod::{MAX_BAND, min_extent, sq_tolerance};
use super::store::{GeometryStore, UNITS};
use super::tile::{MAX_HOLES, MAX_VERTICES, TileKey, build_fill, tiles_covering};
use super::*;
use crate::map::projection::to_mercator;

fn feature(geometry: Geometry<f64>) -> GeoFeature {
    GeoFeature {
        id: None,
        geometry,
        properties: Default::default(),
    }
}

/// A polygon projected to normalised Mercator (what the tiles' areas are compared with).
fn mercator(polygon: &Polygon<f64>) -> Polygon<f64> {
    polygon.map_coords(|c| {
        let [x, y] = to_mercator(c.x, c.y);
        geo::coord! { x: x, y: y }
    })
}

/// Area (normalised Mercator) that the fills of all tiles of zoom `z` cover, and the largest
/// earcut call any made.
fn filled_area(store: &GeometryStore, z: u8) -> (f64, (usize, usize)) {
    let bounds = store.feature_bounds[0].to_mercator();
    let mut area = 0.0;
    let mut largest = (0, 0);
    for key in tiles_covering(bounds[0], bounds[1], z) {
        let fill = build_fill(store, &key);
        let size = key.size() as f64 / UNITS;
        for t in fill.indices.chunks(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| fill.vertices[i as usize]);
            let twice = (b[0] - a[0]) as f64 * (c[1] - a[1]) as f64
                - (c[0] - a[0]) as f64 * (b[1] - a[1]) as f64;
            area += twice.abs() / 2.0 * size * size;
        }
        largest = (
            largest.0.max(fill.largest_call.0),
            largest.1.max(fill.largest_call.1),
        );
    }
    (area, largest)
}

/// A wiggly ring of `n` vertices around (`x`, `y`) with radius `r` degrees.
fn ring(x: f64, y: f64, r: f64, n: usize, phase: f64) -> geo::LineString<f64> {
    let mut points: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            let w = 1.0 + 0.1 * (a * 7.0 + phase).sin() + 0.03 * (a * 61.0).sin();
            (x + r * w * a.cos(), y + r * w * a.sin())
        })
        .collect();
    points.push(points[0]);
    points.into()
}

/// A concave "U" must be filled exactly: the triangles cover the shape and nothing else,
/// which a convex fill of its outline would not.
#[test]
fn concave_polygons_are_filled_exactly() {
    let u = polygon![
        (x: 60.0, y: 25.0), (x: 63.0, y: 25.0), (x: 63.0, y: 29.0), (x: 62.0, y: 29.0),
        (x: 62.0, y: 26.0), (x: 61.0, y: 26.0), (x: 61.0, y: 29.0), (x: 60.0, y: 29.0),
    ];
    let store = GeometryStore::build(vec![Geometry::Polygon(u.clone())]);
    let expected = mercator(&u).unsigned_area();
    for z in [4, 9] {
        let (area, _) = filled_area(&store, z);
        assert!(
            (area - expected).abs() < expected * 1e-6,
            "{area} vs {expected}"
        );
    }
    let hull = geo::ConvexHull::convex_hull(&mercator(&u)).unsigned_area();
    assert!(
        filled_area(&store, 6).0 < hull * 0.8,
        "the notch of the U stays empty"
    );
}

/// Level of detail is honest: at every band the tiles fill the polygon's area, less only what
/// simplification (half a point) and the dropped rings (each under a point) explain; a hole
/// big enough to see is never filled.
#[test]
fn tiled_simplified_fills_match_the_area_with_holes_and_islands() {
    // A land with a big lake, 300 small lakes and 200 islets off its coast.
    let mut holes = vec![ring(20.0, 40.0, 1.5, 500, 1.0)];
    for i in 0..300 {
        let a = i as f64 * 0.37;
        let d = 3.0 + (i % 7) as f64 * 0.5;
        holes.push(ring(
            20.0 + d * a.cos(),
            40.0 + d * a.sin(),
            0.002 + 0.0003 * (i % 13) as f64,
            8,
            a,
        ));
    }
    let land = Polygon::new(ring(20.0, 40.0, 8.0, 20_000, 0.0), holes);
    let mut parts = vec![land];
    for i in 0..200 {
        let a = i as f64 * 0.11;
        parts.push(Polygon::new(
            ring(20.0 + 10.0 * a.cos(), 40.0 + 10.0 * a.sin(), 0.004, 7, a),
            vec![],
        ));
    }
    let multi = geo::MultiPolygon::new(parts.clone());
    let store = GeometryStore::build(vec![Geometry::MultiPolygon(multi.clone())]);
    let expected: f64 = parts.iter().map(|p| mercator(p).unsigned_area()).sum();
    for z in [2u8, 4, 6, 8, 10] {
        let (area, largest) = filled_area(&store, z);
        let point = min_extent(z) / UNITS;
        // Every ring dropped at this band is under a point across; what is left differs by at
        // most half a point along each kept edge.
        let mut allowance = 0.0;
        for polygon in &parts {
            for r in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let m = mercator(&Polygon::new(r.clone(), vec![]));
                let rect = m.bounding_rect().unwrap();
                let extent = rect.width().max(rect.height());
                if extent < point {
                    allowance += m.unsigned_area();
                } else {
                    allowance += geo::Length::length(&geo::Euclidean, m.exterior())
                        * (sq_tolerance(z) as f64).sqrt()
                        / UNITS;
                }
            }
        }
        assert!(
            (area - expected).abs() <= allowance,
            "band {z}: {area} vs {expected} (allowed {allowance})"
        );
        assert!(
            largest.0 <= MAX_VERTICES && largest.1 <= MAX_HOLES,
            "band {z}: {largest:?}"
        );
    }
    // The big lake's middle is never filled, at any band.
    let lake = to_mercator(20.0, 40.0);
    for z in [3u8, 7, 12] {
        let n = (1i64 << z) as f64;
        let key = TileKey {
            z,
            x: (lake[0] * n).floor() as i32,
            y: (lake[1] * n).floor() as i32,
        };
        let fill = build_fill(&store, &key);
        let frame = key.frame();
        let local = [
            (lake[0] * UNITS - frame.origin[0]) / frame.size,
            (lake[1] * UNITS - frame.origin[1]) / frame.size,
        ];
        let covered = fill.indices.chunks(3).any(|t| {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| fill.vertices[i as usize]);
            in_triangle(local, a, b, c)
        });
        assert!(!covered, "band {z}: the lake is filled");
    }
}

fn in_triangle(p: [f64; 2], a: [f32; 2], b: [f32; 2], c: [f32; 2]) -> bool {
    let cross = |o: [f32; 2], u: [f32; 2]| {
        (u[0] - o[0]) as f64 * (p[1] - o[1] as f64) - (u[1] - o[1]) as f64 * (p[0] - o[0] as f64)
    };
    let (d1, d2, d3) = (cross(a, b), cross(b, c), cross(c, a));
    let negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(negative && positive)
}

/// A thousand lakes inside one tile still reach earcut a few dozen at a time.
#[test]
fn triangulations_stay_bounded_for_many_holes() {
    let holes: Vec<_> = (0..1000)
        .map(|i| {
            let (gx, gy) = ((i % 40) as f64, (i / 40) as f64);
            ring(10.0 + gx * 0.1, 10.0 + gy * 0.1, 0.03, 6, gx)
        })
        .collect();
    let polygon = Polygon::new(ring(12.0, 11.2, 5.0, 3000, 0.0), holes);
    let store = GeometryStore::build(vec![Geometry::Polygon(polygon.clone())]);
    let (area, largest) = filled_area(&store, 5);
    assert!(
        largest.1 <= MAX_HOLES && largest.0 <= MAX_VERTICES,
        "{largest:?}"
    );
    let expected = mercator(&polygon).unsigned_area();
    assert!(
        (area - expected).abs() < expected * 0.01,
        "{area} vs {expected}"
    );
}

#[test]
fn a_click_hits_the_topmost_feature_by_its_real_shape() {
    // An L-shape and, above it, a line in its notch's bounding box.
    let l = polygon![
        (x: 60.0, y: 25.0), (x: 64.0, y: 25.0), (x: 64.0, y: 26.0), (x: 61.0, y: 26.0),
        (x: 61.0, y: 29.0), (x: 60.0, y: 29.0),
    ];
    let line = line_string![(x: 62.0, y: 28.0), (x: 63.0, y: 28.0)];
    let layer = VectorLayer::new(
        "test",
        &[
            feature(Geometry::Polygon(l)),
            feature(Geometry::LineString(line)),
        ],
        crate::map::style::COUNTRIES,
    );
    let tolerance = 1e-5;
    assert_eq!(layer.hit(to_mercator(60.5, 27.0), tolerance), Some(0));
    assert_eq!(layer.hit(to_mercator(63.0, 27.0), tolerance), None);
    assert_eq!(layer.hit(to_mercator(62.5, 28.0), tolerance), Some(1));
}

#[test]
fn a_click_in_a_hole_of_a_long_ring_is_outside() {
    let polygon = Polygon::new(
        ring(0.0, 0.0, 10.0, 50_000, 0.0),
        vec![ring(0.0, 0.0, 2.0, 2000, 1.0)],
    );
    let layer = VectorLayer::new(
        "t",
        &[feature(Geometry::Polygon(polygon))],
        style::COUNTRIES,
    );
    assert_eq!(layer.hit(to_mercator(0.0, 0.0), 1e-9), None, "in the lake");
    assert_eq!(layer.hit(to_mercator(5.0, 0.0), 1e-9), Some(0), "on land");
    assert_eq!(layer.hit(to_mercator(15.0, 0.0), 1e-9), None, "at sea");
}

#[test]
fn a_line_across_the_antimeridian_stays_short() {
    let line = line_string![(x: 179.0, y: 10.0), (x: -179.0, y: 10.0)];
    let store = GeometryStore::build(vec![Geometry::LineString(line)]);
    assert_eq!(
        store.parts.len(),
        2,
        "cut at the antimeridian, both sides kept"
    );
    for part in &store.parts {
        let [min, max] = part.bounds.to_mercator();
        assert!(
            max[0] - min[0] < 0.01,
            "drawn the short way, not across the world"
        );
    }
}

#[test]
fn polar_coordinates_project_to_finite_points() {
    let line = line_string![(x: 0.0, y: 89.0), (x: 10.0, y: 90.0), (x: 20.0, y: -90.0)];
    let layer = VectorLayer::new(
        "t",
        &[feature(Geometry::LineString(line))],
        style::COUNTRIES,
    );
    let key = TileKey {
        z: MAX_BAND.min(2),
        x: 2,
        y: 0,
    };
    let outline = super::tile::build_outline(layer.store(), &key);
    assert!(
        outline
            .vertices
            .iter()
            .all(|v| v.at.iter().chain(&v.offset).all(|c| c.is_finite()))
    );
}

use crate::map::style;

#[test]
fn a_panic_building_a_tile_marks_the_layer_failed_and_the_app_goes_on() {
    use super::tiles::{SYNC_VERTICES, TileCache};
    for vertices in [1_000, SYNC_VERTICES + 1] {
        let line: geo::LineString<f64> = (0..vertices)
            .map(|i| (i as f64 * 30.0 / vertices as f64 - 15.0, 10.0))
            .collect();
        let mut store = GeometryStore::build(vec![Geometry::LineString(line)]);
        // A bug: a ring claiming more vertices than the store holds, so building panics.
        store.rings[0].len += 1_000;
        let cache = TileCache::new(std::sync::Arc::new(store));
        assert_eq!(cache.is_sync(), vertices < SYNC_VERTICES);
        let key = TileKey { z: 0, x: 0, y: 0 };
        // Frames go on while the background worker fails; stop at a generous bound.
        let mut frames = 0;
        while cache.failed().is_none() && frames < 10_000 {
            cache.request(&[key], &[]);
            std::thread::sleep(std::time::Duration::from_millis(1));
            frames += 1;
        }
        let failed = cache.failed().expect("the layer is marked failed");
        assert!(failed.contains("tile 0/0/0 panicked"), "{failed}");
        assert!(failed.contains("out of range"), "{failed}");
        // Later frames still get an answer, and build nothing more.
        assert_eq!(cache.request(&[key], &[]).len(), 1);
    }
}

/// A stand-in tile kept from another zoom but never built is not "pending": an export waits
/// for the tiles it asked for only (it once waited its whole five-minute bound).
#[test]
fn stand_ins_never_built_do_not_keep_tiles_pending() {
    use super::tiles::TileCache;
    let line: geo::LineString<f64> = (0..100).map(|i| (i as f64 * 0.1, 10.0)).collect();
    let cache = TileCache::new(std::sync::Arc::new(GeometryStore::build(vec![
        Geometry::LineString(line),
    ])));
    let asked = TileKey { z: 1, x: 1, y: 0 };
    let stand_in = TileKey { z: 0, x: 0, y: 0 };
    let mut frames = 0;
    while frames < 10_000 {
        cache.request(&[asked], &[stand_in]);
        if cache.pending() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
        frames += 1;
    }
    assert_eq!(cache.pending(), 0, "after {frames} frames");
    let built = cache.request(&[asked], &[stand_in]);
    assert!(built[0].outline.is_some() && built[0].fill.is_some());
}
