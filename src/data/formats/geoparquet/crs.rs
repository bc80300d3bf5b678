//! A GeoParquet geometry column's CRS: PROJJSON (as GDAL, geopandas and Overture write it), or
//! no CRS at all, which the specification says is OGC:CRS84, longitude/latitude on WGS 84.
//! A CRS is known by its identifier (`"id": {"authority": "EPSG", "code": 32642}`); the codes
//! [`from_epsg`] knows are reprojected, the others refused by name.

use serde_json::Value;

use crate::data::formats::projection::{Projection, from_epsg};

/// The projection of a column whose metadata's `crs` is `crs`, and a note when the file does
/// not say what its coordinates are.
pub fn projection(crs: Option<&Value>) -> Result<(Projection, Option<String>), String> {
    let Some(crs) = crs else {
        return Ok((Projection::LonLat, None));
    };
    if crs.is_null() {
        let note = "says its CRS is unknown (\"crs\": null): its coordinates are read as \
                    longitude/latitude";
        return Ok((Projection::LonLat, Some(note.to_owned())));
    }
    // Some writers put "EPSG:4326" or "OGC:CRS84" as a string instead of PROJJSON.
    if let Some(text) = crs.as_str() {
        let (authority, code) = text.split_once(':').unwrap_or(("", text));
        return by_id(authority, code, text).map(|p| (p, None));
    }
    let name = crs.get("name").and_then(Value::as_str).unwrap_or("unnamed");
    let id = crs
        .get("id")
        .or_else(|| crs.get("ids").and_then(|ids| ids.get(0)));
    match id {
        Some(id) => {
            let authority = id.get("authority").and_then(Value::as_str).unwrap_or("");
            let code = match id.get("code") {
                Some(Value::String(code)) => code.clone(),
                Some(Value::Number(code)) => code.to_string(),
                _ => String::new(),
            };
            by_id(authority, &code, name).map(|p| (p, None))
        }
        None if name.contains("WGS 84") && !is_projected(crs) => Ok((Projection::LonLat, None)),
        None => Err(format!(
            "is in the coordinate system \"{name}\", which has no EPSG code strikemap knows: \
             reproject it first, e.g. `ogr2ogr -t_srs EPSG:4326 out.parquet in.parquet`"
        )),
    }
}

fn is_projected(crs: &Value) -> bool {
    crs.get("type").and_then(Value::as_str) == Some("ProjectedCRS")
}

fn by_id(authority: &str, code: &str, name: &str) -> Result<Projection, String> {
    let authority = authority.to_ascii_uppercase();
    match (authority.as_str(), code.trim()) {
        ("OGC", "CRS84" | "CRS84h") => Ok(Projection::LonLat),
        ("EPSG", code) => match code.parse::<i32>() {
            Ok(code) => from_epsg(code),
            Err(_) => Err(format!(
                "names the EPSG code {code:?}, which is not a number"
            )),
        },
        _ => Err(format!(
            "is in the coordinate system \"{name}\" ({authority}:{code}), which strikemap cannot \
             reproject: reproject it first, e.g. `ogr2ogr -t_srs EPSG:4326 out.parquet in.parquet`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crs_from_projjson_ids_strings_and_nothing() {
        let lon_lat =
            |v: Option<Value>| matches!(projection(v.as_ref()), Ok((Projection::LonLat, _)));
        assert!(lon_lat(None));
        assert!(lon_lat(Some(serde_json::json!({"name": "WGS 84 (CRS84)",
            "id": {"authority": "OGC", "code": "CRS84"}}))));
        assert!(lon_lat(Some(
            serde_json::json!({"id": {"authority": "EPSG", "code": 4326}})
        )));
        assert!(lon_lat(Some(serde_json::json!("EPSG:4326"))));
        let utm = projection(Some(&serde_json::json!({"type": "ProjectedCRS",
            "id": {"authority": "EPSG", "code": 32642}})));
        assert!(matches!(utm, Ok((Projection::Reproject { .. }, None))));
        let unknown = projection(Some(&serde_json::json!({"type": "ProjectedCRS",
            "name": "Local grid"})));
        assert!(unknown.is_err_and(|e| e.contains("Local grid")));
        let null = projection(Some(&Value::Null));
        assert!(matches!(null, Ok((Projection::LonLat, Some(_)))));
    }
}
