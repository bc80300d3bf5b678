//! Making a feature's geometry drawable part by part: float noise past ±180°/±90° clamped onto
//! the edge, a bad hole dropped from its polygon, a bad polygon or line from its
//! multi-geometry, a bad member from its collection. The geometry is refused only when nothing
//! of it can be drawn; what was dropped is said, for the reader to report with the feature.

use geo::{CoordsIter, Geometry, MapCoordsInPlace};

use super::features::Repairs;

/// How far past ±180° or ±90° a coordinate may be and still be taken as on the edge: float
/// noise (Natural Earth's Russia reaches 180.00000000000006), not a wrong position.
pub const NOISE_DEGREES: f64 = 1e-9;

/// Make `geometry` drawable, or say why it cannot be: every coordinate finite and a
/// longitude/latitude in range (float noise past the edge clamped onto it), lines of two
/// positions or more, polygon rings of four or more with three distinct positions. A bad hole
/// is dropped from its polygon, a bad polygon or line from its multi-geometry, a bad member
/// from its collection; the geometry is refused only when no part of it is left.
pub fn repair(geometry: &mut Geometry<f64>) -> Result<Repairs, String> {
    let mut repairs = Repairs {
        clamped: clamp_noise(geometry)?,
        ..Repairs::default()
    };
    drop_bad_parts(geometry, &mut repairs.dropped)?;
    Ok(repairs)
}

/// Clamp coordinates within [`NOISE_DEGREES`] past the edge onto it; refuse any other out of
/// range or not finite. Gives how many were clamped.
fn clamp_noise(geometry: &mut Geometry<f64>) -> Result<usize, String> {
    let in_range = |v: f64, limit: f64| v.is_finite() && v.abs() <= limit + NOISE_DEGREES;
    if let Some(c) = geometry
        .coords_iter()
        .find(|c| !(in_range(c.x, 180.0) && in_range(c.y, 90.0)))
    {
        return Err(format!(
            "has a coordinate out of range: longitude {}, latitude {}",
            c.x, c.y
        ));
    }
    let clamped = geometry
        .coords_iter()
        .filter(|c| c.x.abs() > 180.0 || c.y.abs() > 90.0)
        .count();
    if clamped > 0 {
        geometry.map_coords_in_place(|c| {
            geo::coord! {
                x: c.x.clamp(-180.0, 180.0),
                y: c.y.clamp(-90.0, 90.0),
            }
        });
    }
    Ok(clamped)
}

/// Why a ring cannot be a polygon ring, if it cannot.
fn bad_ring(ring: &geo::LineString<f64>) -> Option<&'static str> {
    if ring.0.len() < 4 {
        return Some("has fewer than 4 positions");
    }
    let mut distinct: Vec<(f64, f64)> = Vec::with_capacity(3);
    for c in &ring.0 {
        if !distinct.contains(&(c.x, c.y)) {
            distinct.push((c.x, c.y));
            if distinct.len() >= 3 {
                return None;
            }
        }
    }
    Some("has fewer than 3 distinct positions")
}

/// Polygon number `k`'s bad holes dropped (named in `dropped`); `Err` if its exterior is bad.
fn polygon_parts(
    polygon: &mut geo::Polygon<f64>,
    k: usize,
    dropped: &mut Vec<String>,
) -> Result<(), String> {
    if let Some(why) = bad_ring(polygon.exterior()) {
        return Err(format!(
            "has a polygon ring that {why} (the outer ring of polygon {})",
            k + 1
        ));
    }
    if polygon.interiors().iter().any(|h| bad_ring(h).is_some()) {
        let empty = geo::Polygon::new(geo::LineString(Vec::new()), Vec::new());
        let (exterior, holes) = std::mem::replace(polygon, empty).into_inner();
        let mut kept = Vec::with_capacity(holes.len());
        for (number, hole) in holes.into_iter().enumerate() {
            match bad_ring(&hole) {
                Some(why) => {
                    dropped.push(format!("hole {} of polygon {} {why}", number + 1, k + 1))
                }
                None => kept.push(hole),
            }
        }
        *polygon = geo::Polygon::new(exterior, kept);
    }
    Ok(())
}

/// Drop the unusable parts of `geometry`, naming each in `dropped`; `Err` when nothing is left.
fn drop_bad_parts(geometry: &mut Geometry<f64>, dropped: &mut Vec<String>) -> Result<(), String> {
    const SHORT_LINE: &str = "has a line with fewer than 2 positions";
    match geometry {
        Geometry::LineString(line) if line.0.len() < 2 => Err(SHORT_LINE.to_owned()),
        Geometry::MultiLineString(lines) => {
            let before = lines.0.len();
            let mut number = 0;
            lines.0.retain(|l| {
                number += 1;
                let keep = l.0.len() >= 2;
                if !keep && before > 1 {
                    dropped.push(format!("line {number} has fewer than 2 positions"));
                }
                keep
            });
            if lines.0.is_empty() && before > 0 {
                dropped.clear();
                return Err(SHORT_LINE.to_owned());
            }
            Ok(())
        }
        Geometry::Polygon(polygon) => polygon_parts(polygon, 0, dropped),
        Geometry::MultiPolygon(polygons) => {
            let before = polygons.0.len();
            let mut kept = Vec::with_capacity(before);
            let mut first_refusal = None;
            for (k, mut polygon) in std::mem::take(&mut polygons.0).into_iter().enumerate() {
                match polygon_parts(&mut polygon, k, dropped) {
                    Ok(()) => kept.push(polygon),
                    Err(why) => {
                        dropped.push(format!(
                            "polygon {} {}",
                            k + 1,
                            why.trim_start_matches("has a polygon ring that ")
                        ));
                        first_refusal.get_or_insert(why);
                    }
                }
            }
            polygons.0 = kept;
            match first_refusal {
                Some(why) if polygons.0.is_empty() => {
                    dropped.clear();
                    Err(why)
                }
                _ => Ok(()),
            }
        }
        Geometry::GeometryCollection(parts) => {
            let before = parts.0.len();
            let mut first_refusal = None;
            let mut kept = Vec::with_capacity(before);
            for (k, mut part) in std::mem::take(&mut parts.0).into_iter().enumerate() {
                let mut inner = Vec::new();
                match drop_bad_parts(&mut part, &mut inner) {
                    Ok(()) => {
                        dropped.extend(inner.into_iter().map(|d| format!("member {}: {d}", k + 1)));
                        kept.push(part);
                    }
                    Err(why) => {
                        dropped.push(format!("member {} {why}", k + 1));
                        first_refusal.get_or_insert(why);
                    }
                }
            }
            parts.0 = kept;
            match first_refusal {
                Some(why) if parts.0.is_empty() => {
                    dropped.clear();
                    Err(why)
                }
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, MultiPolygon, Polygon, polygon};

    #[test]
    fn float_noise_past_the_antimeridian_is_clamped_and_a_real_overshoot_refused() {
        let mut russia = Geometry::Polygon(polygon![
            (x: 170.0, y: 65.0), (x: 180.00000000000006, y: 65.0),
            (x: 180.00000000000006, y: 70.0), (x: 170.0, y: 65.0)
        ]);
        let repairs = repair(&mut russia).unwrap();
        assert_eq!(repairs.clamped, 2);
        assert!(russia.coords_iter().all(|c| c.x <= 180.0));
        let mut wrong = Geometry::Point(geo::point!(x: 180.001, y: 10.0));
        assert!(repair(&mut wrong).unwrap_err().contains("out of range"));
    }

    #[test]
    fn a_degenerate_hole_is_dropped_alone() {
        let outer: LineString<f64> = vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]
        .into();
        let good: LineString<f64> = vec![(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 1.0)].into();
        let flat: LineString<f64> = vec![(5.0, 5.0), (6.0, 6.0), (5.0, 5.0), (5.0, 5.0)].into();
        let country = Polygon::new(outer.clone(), vec![good, flat]);
        let sliver = Polygon::new(
            vec![(20.0, 0.0), (21.0, 0.0), (20.0, 0.0), (20.0, 0.0)].into(),
            vec![],
        );
        let mut geometry = Geometry::MultiPolygon(MultiPolygon(vec![country, sliver]));
        let repairs = repair(&mut geometry).unwrap();
        assert_eq!(
            repairs.dropped,
            [
                "hole 2 of polygon 1 has fewer than 3 distinct positions",
                "polygon 2 has fewer than 3 distinct positions (the outer ring of polygon 2)"
            ]
        );
        let Geometry::MultiPolygon(kept) = geometry else {
            panic!()
        };
        assert_eq!(kept.0.len(), 1);
        assert_eq!(kept.0[0].interiors().len(), 1);
        // Nothing left: refused.
        let mut only_sliver = Geometry::Polygon(Polygon::new(
            vec![(0.0, 0.0), (1.0, 1.0), (0.0, 0.0), (0.0, 0.0)].into(),
            vec![],
        ));
        assert!(repair(&mut only_sliver).is_err());
    }
}
