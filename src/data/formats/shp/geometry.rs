//! A Shapefile's shapes as `geo` geometries, read as GDAL reads them: polygon rings in any
//! winding order (rings are nested by what contains what when their winding does not say it),
//! and MultiPatch shapes (3-D buildings and terrain) as the polygons they cover seen from
//! above.

use geo::{Area, BoundingRect, Contains, Coord, Geometry, LineString, MultiPolygon, Polygon};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};
use shapefile::{Patch, Shape};

/// What a shape became: its geometry (`None` for a null shape), and how many MultiPatch faces
/// were left out as vertical (walls have no area seen from above).
pub(super) struct Converted {
    pub geometry: Option<Geometry<f64>>,
    pub vertical_faces: usize,
}

/// Convert a shape.
pub(super) fn convert(shape: Shape) -> Result<Converted, String> {
    let rings = |rings: Vec<Vec<Coord<f64>>>| Some(polygons(rings));
    let geometry = match shape {
        Shape::NullShape => None,
        Shape::Polygon(p) => rings(
            p.into_inner()
                .into_iter()
                .map(|r| xy(r.into_inner(), |p| (p.x, p.y)))
                .collect(),
        ),
        Shape::PolygonM(p) => rings(
            p.into_inner()
                .into_iter()
                .map(|r| xy(r.into_inner(), |p| (p.x, p.y)))
                .collect(),
        ),
        Shape::PolygonZ(p) => rings(
            p.into_inner()
                .into_iter()
                .map(|r| xy(r.into_inner(), |p| (p.x, p.y)))
                .collect(),
        ),
        Shape::Multipatch(patch) => {
            let (geometry, vertical_faces) = multipatch(patch.into_inner());
            return Ok(Converted {
                geometry,
                vertical_faces,
            });
        }
        other => Some(
            Geometry::<f64>::try_from(other)
                .map_err(|err| format!("has a shape that cannot be read: {err}"))?,
        ),
    };
    Ok(Converted {
        geometry,
        vertical_faces: 0,
    })
}

fn xy<P>(points: Vec<P>, f: impl Fn(&P) -> (f64, f64)) -> Vec<Coord<f64>> {
    points
        .iter()
        .map(|p| {
            let (x, y) = f(p);
            Coord { x, y }
        })
        .collect()
}

/// A polygon shape's rings as polygons. The format wants outer rings clockwise and holes
/// counter-clockwise; where the rings say so consistently (every hole inside an outer ring)
/// that is taken, else the rings are nested by containment, whatever their winding.
pub(super) fn polygons(rings: Vec<Vec<Coord<f64>>>) -> Geometry<f64> {
    let rings: Vec<LineString<f64>> = rings.into_iter().map(LineString).collect();
    let clockwise = |r: &LineString<f64>| Polygon::new(r.clone(), vec![]).signed_area() < 0.0;
    let (outers, inners): (Vec<LineString<f64>>, Vec<LineString<f64>>) =
        rings.iter().cloned().partition(clockwise);
    let polygons = by_winding(outers, inners).unwrap_or_else(|| nested(rings));
    match polygons.len() {
        1 => polygons.into_iter().next().map_or_else(
            || Geometry::MultiPolygon(MultiPolygon(vec![])),
            Geometry::Polygon,
        ),
        _ => Geometry::MultiPolygon(MultiPolygon(polygons)),
    }
}

/// Polygons from rings whose winding says which are outer (`None` when a hole lies in no
/// outer ring: the winding is not to be trusted).
fn by_winding(
    outers: Vec<LineString<f64>>,
    inners: Vec<LineString<f64>>,
) -> Option<Vec<Polygon<f64>>> {
    if outers.is_empty() {
        return None;
    }
    let shells: Vec<Polygon<f64>> = outers
        .into_iter()
        .map(|r| Polygon::new(r, vec![]))
        .collect();
    // The outer rings' boxes in an R-tree: a coast with thousands of islands holding
    // 190,000 lakes asks it once per lake instead of scanning every island's box.
    let boxes: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>> = RTree::bulk_load(
        shells
            .iter()
            .enumerate()
            .filter_map(|(k, shell)| {
                let b = shell.bounding_rect()?;
                let rect = Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]);
                Some(GeomWithData::new(rect, k))
            })
            .collect(),
    );
    let areas: Vec<f64> = shells.iter().map(|s| s.unsigned_area()).collect();
    let mut holes: Vec<Vec<LineString<f64>>> = vec![Vec::new(); shells.len()];
    for inner in inners {
        let first = *inner.0.first()?;
        let mut candidates: Vec<usize> = boxes
            .locate_all_at_point(&[first.x, first.y])
            .map(|b| b.data)
            .collect();
        // The smallest outer ring holding the hole is its own. Smaller candidates are tested
        // first; the largest is taken untested when none of them holds it, as the winding
        // says it is a hole: a world-land coast of 150,000 vertices holding 190,000 lakes is
        // not tested 190,000 times.
        candidates.sort_by(|&a, &b| areas[a].total_cmp(&areas[b]));
        let chosen = candidates.split_last().map(|(&largest, smaller)| {
            smaller
                .iter()
                .copied()
                .find(|&k| shells[k].contains(&first) || shells[k].exterior().0.contains(&first))
                .unwrap_or(largest)
        });
        holes[chosen?].push(inner);
    }
    Some(
        shells
            .into_iter()
            .zip(holes)
            .map(|(shell, holes)| Polygon::new(shell.into_inner().0, holes))
            .collect(),
    )
}

/// Rings nested by containment, largest first: a ring in no other is an outer ring; a ring
/// whose smallest container is an outer ring is its hole; one inside a hole is an island,
/// an outer ring again.
fn nested(rings: Vec<LineString<f64>>) -> Vec<Polygon<f64>> {
    let mut order: Vec<(f64, LineString<f64>)> = rings
        .into_iter()
        .map(|r| (Polygon::new(r.clone(), vec![]).unsigned_area(), r))
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Placed rings: the ring as a polygon, and the polygon it is the outer ring of, if it is.
    let mut placed: Vec<(Polygon<f64>, f64, Option<usize>)> = Vec::new();
    let mut shells: Vec<(LineString<f64>, Vec<LineString<f64>>)> = Vec::new();
    for (area, ring) in order {
        let Some(&first) = ring.0.first() else {
            continue;
        };
        let container = placed
            .iter()
            .filter(|(p, _, _)| p.contains(&first))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        match container.map(|(_, _, shell)| *shell) {
            Some(Some(shell)) => {
                shells[shell].1.push(ring.clone());
                placed.push((Polygon::new(ring, vec![]), area, None));
            }
            _ => {
                shells.push((ring.clone(), Vec::new()));
                placed.push((Polygon::new(ring, vec![]), area, Some(shells.len() - 1)));
            }
        }
    }
    shells
        .into_iter()
        .map(|(shell, holes)| Polygon::new(shell, holes))
        .collect()
}

/// A MultiPatch's faces seen from above: triangle strips and fans as their triangles, rings
/// as polygons (outer rings with the inner rings after them; a first ring with the rings
/// after it, nested). Faces with no area from above (walls) are left out and counted.
fn multipatch(patches: Vec<Patch>) -> (Option<Geometry<f64>>, usize) {
    let mut polygons: Vec<Polygon<f64>> = Vec::new();
    let mut vertical = 0;
    let mut group: Vec<Vec<Coord<f64>>> = Vec::new();
    let flush = |group: &mut Vec<Vec<Coord<f64>>>, polygons: &mut Vec<Polygon<f64>>| {
        if !group.is_empty() {
            match polygons_of(std::mem::take(group)) {
                Geometry::Polygon(p) => polygons.push(p),
                Geometry::MultiPolygon(m) => polygons.extend(m.0),
                _ => {}
            }
        }
    };
    let mut triangle =
        |a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, polygons: &mut Vec<Polygon<f64>>| {
            let t = Polygon::new(LineString(vec![a, b, c, a]), vec![]);
            if t.unsigned_area() > 0.0 {
                polygons.push(t);
            } else {
                vertical += 1;
            }
        };
    for patch in patches {
        let coords = |points: &[shapefile::PointZ]| -> Vec<Coord<f64>> {
            points.iter().map(|p| Coord { x: p.x, y: p.y }).collect()
        };
        match patch {
            Patch::TriangleStrip(points) => {
                flush(&mut group, &mut polygons);
                let c = coords(&points);
                for w in c.windows(3) {
                    triangle(w[0], w[1], w[2], &mut polygons);
                }
            }
            Patch::TriangleFan(points) => {
                flush(&mut group, &mut polygons);
                let c = coords(&points);
                for w in c.get(1..).unwrap_or_default().windows(2) {
                    triangle(c[0], w[0], w[1], &mut polygons);
                }
            }
            Patch::OuterRing(points) | Patch::FirstRing(points) => {
                flush(&mut group, &mut polygons);
                group.push(coords(&points));
            }
            Patch::InnerRing(points) | Patch::Ring(points) => group.push(coords(&points)),
        }
    }
    flush(&mut group, &mut polygons);
    let polygons: Vec<Polygon<f64>> = polygons
        .into_iter()
        .filter(|p| {
            let flat = p.unsigned_area() == 0.0;
            if flat {
                vertical += 1;
            }
            !flat
        })
        .collect();
    let geometry = match polygons.len() {
        0 => None,
        _ => Some(Geometry::MultiPolygon(MultiPolygon(polygons))),
    };
    (geometry, vertical)
}

/// Rings of one MultiPatch group, as [`polygons`] reads a polygon shape's.
fn polygons_of(rings: Vec<Vec<Coord<f64>>>) -> Geometry<f64> {
    polygons(rings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn rings_wound_the_wrong_way_still_make_a_polygon_with_its_hole() {
        // Outer ring counter-clockwise, hole clockwise: the GeoJSON way, backwards for a
        // Shapefile.
        let outer = ring(&[
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]);
        let hole = ring(&[(2.0, 2.0), (2.0, 4.0), (4.0, 4.0), (4.0, 2.0), (2.0, 2.0)]);
        let Geometry::Polygon(p) = polygons(vec![outer.clone(), hole.clone()]) else {
            panic!("one polygon");
        };
        assert_eq!(p.interiors().len(), 1);
        assert!((p.unsigned_area() - 96.0).abs() < 1e-9);
        // The hole listed first: still its hole.
        let Geometry::Polygon(p) = polygons(vec![hole, outer]) else {
            panic!("one polygon");
        };
        assert!((p.unsigned_area() - 96.0).abs() < 1e-9);
    }
}
