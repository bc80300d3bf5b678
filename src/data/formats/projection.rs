//! A file's coordinate system (a Shapefile's `.prj`, a GeoPackage's or FlatGeobuf's WKT or
//! EPSG code) read, and its coordinates brought to WGS 84 longitude/latitude: `proj4wkt` turns the WKT into a PROJ string, and
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
    reproject(source, name)
}

fn reproject(source: Proj, name: String) -> Result<Projection, String> {
    let target = Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
        .map_err(|err| format!("cannot set up WGS 84 ({err})"))?;
    Ok(Projection::Reproject {
        source: Box::new(source),
        target: Box::new(target),
        name,
    })
}

/// The coordinate system of an EPSG code, for files that give a code and no WKT: WGS 84,
/// Web Mercator and the WGS 84 UTM zones, which need no database.
pub fn from_epsg(code: i32) -> Result<Projection, String> {
    let proj = match code {
        0 | 4326 | 4979 | 4030 => return Ok(Projection::LonLat),
        3857 | 900913 => "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 \
                          +k=1 +units=m +nadgrids=@null +no_defs"
            .to_owned(),
        32601..=32660 => format!(
            "+proj=utm +zone={} +datum=WGS84 +units=m +no_defs",
            code - 32600
        ),
        32701..=32760 => format!(
            "+proj=utm +zone={} +south +datum=WGS84 +units=m +no_defs",
            code - 32700
        ),
        other => {
            return Err(format!(
                "is in EPSG:{other} and gives no WKT for it, which strikemap cannot reproject: \
                 reproject it first, e.g. `ogr2ogr -t_srs EPSG:4326 out.gpkg in.gpkg`"
            ));
        }
    };
    let source = Proj::from_proj_string(&proj)
        .map_err(|err| format!("cannot set up EPSG:{code} ({err})"))?;
    reproject(source, format!("EPSG:{code}"))
}

/// The box in the file's own coordinates that holds the longitude/latitude box `window`
/// (west, south, east, north), to ask a spatial index in those coordinates. Found from points
/// along the box's edges and across it, so a projection's curved edges stay inside.
pub fn native_window(window: [f64; 4], projection: &Projection) -> [f64; 4] {
    let Projection::Reproject { source, target, .. } = projection else {
        return window;
    };
    let mut out = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    const STEPS: usize = 8;
    for i in 0..=STEPS {
        for j in 0..=STEPS {
            let lon = window[0] + (window[2] - window[0]) * i as f64 / STEPS as f64;
            let lat = window[1] + (window[3] - window[1]) * j as f64 / STEPS as f64;
            let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
            if proj4rs::transform::transform(target, source, &mut point).is_err() {
                continue;
            }
            let (x, y) = if source.is_latlong() {
                (point.0.to_degrees(), point.1.to_degrees())
            } else {
                (point.0, point.1)
            };
            if x.is_finite() && y.is_finite() {
                out = [out[0].min(x), out[1].min(y), out[2].max(x), out[3].max(y)];
            }
        }
    }
    if out[0] > out[2] {
        // Nothing of the window lies where the projection is defined.
        return [0.0, 0.0, -1.0, -1.0];
    }
    // A margin for the curvature between the points.
    let (dx, dy) = ((out[2] - out[0]) * 0.02, (out[3] - out[1]) * 0.02);
    [out[0] - dx, out[1] - dy, out[2] + dx, out[3] + dy]
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

/// A box (west, south, east, north) in `projection`'s coordinates, in longitude/latitude:
/// the box of its corners brought over (the whole world if they cannot be).
pub fn box_to_lon_lat(projection: &Projection, b: [f64; 4]) -> [f64; 4] {
    let mut corners = Geometry::MultiPoint(geo::MultiPoint::from(vec![(b[0], b[1]), (b[2], b[3])]));
    if to_lon_lat(&mut corners, projection).is_err() {
        return [-180.0, -85.0, 180.0, 85.0];
    }
    geo::BoundingRect::bounding_rect(&corners)
        .map_or(b, |r| [r.min().x, r.min().y, r.max().x, r.max().y])
}
