//! What the `geojson` crate reads but does not check: that a geometry can be placed on a map.
//!
//! The crate accepts any numbers of any count where GeoJSON wants positions, and its conversion
//! to `geo` indexes the first two numbers of every position (so a one-number position would
//! panic there) and closes unclosed rings silently. [`to_geo`] checks first, with a reason a
//! user can act on, and only then converts.

use geojson::{GeometryValue, Position};

/// A refused geometry's reason, worded to follow the feature's name ("has no geometry").
pub(super) type Reason = String;

/// Check `geometry` and convert it to `geo` (longitude/latitude), or say what is wrong.
pub(super) fn to_geo(geometry: &geojson::Geometry) -> Result<geo::Geometry<f64>, Reason> {
    check(&geometry.value)?;
    geo::Geometry::<f64>::try_from(&geometry.value)
        .map_err(|err| format!("has a geometry that cannot be converted: {err}"))
}

/// Every check of one geometry, GeometryCollections included.
fn check(value: &GeometryValue) -> Result<(), Reason> {
    match value {
        GeometryValue::Point { coordinates } => position(coordinates),
        GeometryValue::MultiPoint { coordinates } => coordinates.iter().try_for_each(position),
        GeometryValue::LineString { coordinates } => line(coordinates),
        GeometryValue::MultiLineString { coordinates } => {
            coordinates.iter().try_for_each(|l| line(l))
        }
        GeometryValue::Polygon { coordinates } => polygon(coordinates, 0),
        GeometryValue::MultiPolygon { coordinates } => coordinates
            .iter()
            .enumerate()
            .try_for_each(|(k, rings)| polygon(rings, k)),
        GeometryValue::GeometryCollection { geometries } => {
            geometries.iter().try_for_each(|g| check(&g.value))
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
    if !((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)) {
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
fn polygon(rings: &[Vec<Position>], k: usize) -> Result<(), Reason> {
    if rings.is_empty() {
        return Err(format!("has a polygon with no rings (polygon {})", k + 1));
    }
    for (r, ring) in rings.iter().enumerate() {
        ring.iter().try_for_each(position)?;
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
