//! A Shapefile's `.prj` (ESRI or OGC WKT) read as a coordinate system, and its coordinates
//! brought to WGS 84 longitude/latitude: `proj4wkt` turns the WKT into a PROJ string, and
//! `proj4rs` (pure Rust) reprojects, so UTM zones, national grids, Lambert and the rest open
//! as QGIS opens them. What cannot be reprojected is refused by name, never drawn in the
//! wrong place.

use geo::{Geometry, MapCoordsInPlace};
use proj4rs::Proj;

/// How a Shapefile's coordinates become longitude/latitude.
pub enum Projection {
    /// Already longitude/latitude on WGS 84 (or a datum within a few metres of it).
    LonLat,
    /// Anything else: reprojected from `source`, named `name` for notes.
    Reproject {
        source: Box<Proj>,
        target: Box<Proj>,
        name: String,
    },
}

impl std::fmt::Debug for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::LonLat => write!(f, "LonLat"),
            Self::Reproject { name, .. } => write!(f, "Reproject({name})"),
        }
    }
}

/// What a `.prj` says, or why it cannot be used.
pub fn projection(prj: &str) -> Result<Projection, String> {
    let prj = prj.trim().trim_start_matches('\u{feff}');
    let upper = prj.to_ascii_uppercase();
    let projected = upper.starts_with("PROJCS[") || upper.starts_with("PROJCRS[");
    let name = first_name(prj).unwrap_or_else(|| prj.chars().take(60).collect());
    if !projected && is_wgs84(&upper) {
        return Ok(Projection::LonLat);
    }
    let proj_string = proj4wkt::wkt_to_projstring(prj).map_err(|err| {
        format!(
            "is in the coordinate system \"{name}\" (its .prj), which strikemap cannot reproject \
             ({err}): reproject it first, e.g. `ogr2ogr -t_srs EPSG:4326 out.shp in.shp`"
        )
    })?;
    let source = Proj::from_proj_string(&proj_string).map_err(|err| {
        format!(
            "is in the coordinate system \"{name}\" (its .prj, PROJ \"{proj_string}\"), which \
             strikemap cannot reproject ({err}): reproject it first, e.g. `ogr2ogr -t_srs \
             EPSG:4326 out.shp in.shp`"
        )
    })?;
    let target = Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
        .map_err(|err| format!("cannot set up WGS 84 ({err})"))?;
    Ok(Projection::Reproject {
        source: Box::new(source),
        target: Box::new(target),
        name,
    })
}

/// Bring `geometry` to longitude/latitude; `Err` names a coordinate that cannot be.
pub fn to_lon_lat(geometry: &mut Geometry<f64>, projection: &Projection) -> Result<(), String> {
    let Projection::Reproject { source, target, .. } = projection else {
        return Ok(());
    };
    let source_degrees = source.is_latlong();
    let failed: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
    let failed_at = &failed;
    // (geo's fallible `try_map_coords_in_place` does not build for `Geometry`: it recurses.)
    geometry.map_coords_in_place(|c| {
        let (x, y) = if source_degrees {
            (c.x.to_radians(), c.y.to_radians())
        } else {
            (c.x, c.y)
        };
        let mut point = (x, y, 0.0);
        let moved = proj4rs::transform::transform(source, target, &mut point);
        let (lon, lat) = (point.0.to_degrees(), point.1.to_degrees());
        if moved.is_err() || !(lon.is_finite() && lat.is_finite()) {
            failed_at.borrow_mut().get_or_insert_with(|| {
                format!(
                    "has a position ({}, {}) that cannot be reprojected",
                    c.x, c.y
                )
            });
            return c;
        }
        geo::coord! { x: lon, y: lat }
    });
    failed.into_inner().map_or(Ok(()), Err)
}

/// Whether WKT names WGS 84 (its datum or its usual names).
fn is_wgs84(upper: &str) -> bool {
    ["WGS_1984", "WGS 84", "WGS84", "WORLD GEODETIC SYSTEM 1984"]
        .iter()
        .any(|d| upper.contains(d))
}

/// The name of the outermost WKT element (`PROJCS["WGS_1984_UTM_Zone_41N", ...` gives
/// `WGS_1984_UTM_Zone_41N`).
fn first_name(wkt: &str) -> Option<String> {
    let start = wkt.find("[\"")? + 2;
    let end = wkt[start..].find('"')? + start;
    Some(wkt[start..end].to_owned())
}
