//! What the `geojson` crate reads but does not check: that a geometry can be placed on a map.
//!
//! The crate accepts any numbers of any count where GeoJSON wants positions, and its conversion
//! to `geo` indexes the first two numbers of every position (so a one-number position would
//! panic there) and closes unclosed rings silently. [`to_geo`] checks first, with a reason a
//! user can act on, and only then converts.

use geojson::{GeometryValue, Position};

/// A refused geometry's reason, worded to follow the feature's name ("has no geometry").
pub(super) type Reason = String;

/// Check `geometry` and convert it to `geo` (longitude/latitude), or say what is wrong. What a
/// GeoJSON linter would flag but does not stop drawing goes to `hints`.
pub(super) fn to_geo(
    geometry: &geojson::Geometry,
    hints: &mut Vec<String>,
) -> Result<geo::Geometry<f64>, Reason> {
    check(geometry, hints, 0)?;
    let converted = geo::Geometry::<f64>::try_from(&geometry.value)
        .map_err(|err| format!("has a geometry that cannot be converted: {err}"))?;
    hints.extend(super::lint::winding(&converted));
    Ok(converted)
}

/// Every check of one geometry, GeometryCollections included (`depth` of them around it).
fn check(
    geometry: &geojson::Geometry,
    hints: &mut Vec<String>,
    depth: usize,
) -> Result<(), Reason> {
    super::lint::geometry_members(geometry, depth, hints);
    let value = &geometry.value;
    fn long<'p>(mut positions: impl Iterator<Item = &'p Position>, hints: &mut Vec<String>) {
        if let Some(p) = positions.find(|p| p.len() > 3) {
            hints.push(format!(
                "has a position of {} numbers (RFC 7946 allows longitude, latitude and an altitude): the rest are ignored",
                p.len()
            ));
        }
    }
    match value {
        GeometryValue::Point { coordinates } => {
            long(std::iter::once(coordinates), hints);
            position(coordinates)
        }
        GeometryValue::MultiPoint { coordinates } => {
            long(coordinates.iter(), hints);
            coordinates.iter().try_for_each(position)
        }
        GeometryValue::LineString { coordinates } => {
            long(coordinates.iter(), hints);
            line(coordinates)
        }
        GeometryValue::MultiLineString { coordinates } => {
            long(coordinates.iter().flatten(), hints);
            coordinates.iter().try_for_each(|l| line(l))
        }
        GeometryValue::Polygon { coordinates } => {
            long(coordinates.iter().flatten(), hints);
            polygon(coordinates, 0, hints)
        }
        GeometryValue::MultiPolygon { coordinates } => {
            long(coordinates.iter().flatten().flatten(), hints);
            coordinates
                .iter()
                .enumerate()
                .try_for_each(|(k, rings)| polygon(rings, k, hints))
        }
        GeometryValue::GeometryCollection { geometries } => {
            if depth > 0 {
                hints.push(
                    "has a GeometryCollection inside a GeometryCollection (RFC 7946 advises against nesting them)"
                        .to_owned(),
                );
            }
            geometries
                .iter()
                .try_for_each(|g| check(g, hints, depth + 1))
        }
    }
}

/// A position: at least longitude and latitude (an altitude and beyond are dropped), finite
/// and in range.
fn position(position: &Position) -> Result<(), Reason> {
    let &[lon, lat, ..] = position.as_slice() else {
        return Err("has a position with fewer than 2 numbers".to_owned());
    };
    if !(lon.is_finite() && lat.is_finite()) {
        return Err("has a non-finite coordinate".to_owned());
    }
    // Float noise past the edge (Natural Earth's 180.00000000000006) is clamped later.
    let noise = crate::data::formats::NOISE_DEGREES;
    if !(lon.abs() <= 180.0 + noise && lat.abs() <= 90.0 + noise) {
        return Err(format!(
            "has a coordinate out of range: longitude {lon}, latitude {lat}"
        ));
    }
    Ok(())
}

/// A LineString: two positions or more.
fn line(positions: &[Position]) -> Result<(), Reason> {
    positions.iter().try_for_each(position)?;
    if positions.len() < 2 {
        return Err("has a LineString with fewer than 2 positions".to_owned());
    }
    Ok(())
}

/// Polygon number `k` (0-based) of its geometry: at least one ring, each closed and of four
/// positions or more.
fn polygon(rings: &[Vec<Position>], k: usize, hints: &mut Vec<String>) -> Result<(), Reason> {
    if rings.is_empty() {
        return Err(format!("has a polygon with no rings (polygon {})", k + 1));
    }
    for (r, ring) in rings.iter().enumerate() {
        ring.iter().try_for_each(position)?;
        if r > 0 {
            // A bad hole is dropped alone after conversion, which closes an unclosed one.
            let (first, last) = (ring.first(), ring.last());
            if let (Some(first), Some(last)) = (first, last)
                && ring.len() >= 3
                && first.as_slice()[..2] != last.as_slice()[..2]
            {
                hints.push(format!(
                    "has an unclosed hole (ring {} of polygon {}): it is closed",
                    r + 1,
                    k + 1
                ));
            }
            continue;
        }
        let place = || format!("(ring {} of polygon {})", r + 1, k + 1);
        if ring.len() < 4 {
            return Err(format!(
                "has a polygon ring with fewer than 4 positions {}",
                place()
            ));
        }
        let ends = (ring.first(), ring.last());
        if let (Some(first), Some(last)) = ends
            && first.as_slice()[..2] != last.as_slice()[..2]
        {
            return Err(format!("has an unclosed polygon ring {}", place()));
        }
    }
    Ok(())
}
