//! Reading any GeoJSON text into plain, validated features. Every layer (bundled or opened by a
//! user) goes through here, so validation is the same everywhere.

use geo::{CoordsIter, Geometry};
use serde_json::{Map, Value};

use super::DataError;

/// A feature's properties, as they were in the file.
pub type Properties = Map<String, Value>;

/// One GeoJSON feature whose geometry has been checked and converted to `geo` types.
#[derive(Debug, Clone)]
pub struct GeoFeature {
    /// The feature's `id` member, or its `id` property.
    pub id: Option<String>,
    /// Longitude/latitude (WGS 84) geometry, all coordinates finite and in range.
    pub geometry: Geometry<f64>,
    /// All properties, kept for display and for type-specific parsing (events).
    pub properties: Properties,
}

impl GeoFeature {
    /// A string property, if present and a string.
    pub fn property_str(&self, key: &str) -> Option<&str> {
        self.properties.get(key).and_then(Value::as_str)
    }

    /// The name a reader would use for this feature.
    pub fn name(&self) -> Option<&str> {
        ["name_en", "name", "title"]
            .iter()
            .find_map(|key| self.property_str(key))
    }
}

/// Parse GeoJSON text (a FeatureCollection, a Feature or a bare Geometry) into features.
/// `file` names the source in error messages; a bad feature is named by its index and id.
pub fn parse(file: &str, text: &str) -> Result<Vec<GeoFeature>, DataError> {
    // JSON first, so a syntax error reports its line and column; then GeoJSON feature by
    // feature, so a structural error names the feature it is in.
    let json: Value = serde_json::from_str(text)
        .map_err(|err| DataError::file(file, format!("is not valid JSON: {err}")))?;
    let not_geojson = |problem: &str| DataError::file(file, format!("is not GeoJSON: {problem}"));
    let members = match json.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match json.get("features") {
            Some(Value::Array(features)) => features.clone(),
            _ => {
                return Err(not_geojson(
                    "a FeatureCollection needs a \"features\" array",
                ));
            }
        },
        Some("Feature") => vec![json],
        Some(_) => vec![serde_json::json!({"type": "Feature", "geometry": json, "properties": {}})],
        None => return Err(not_geojson("the top level has no \"type\"")),
    };
    members
        .into_iter()
        .enumerate()
        .map(|(index, member)| {
            let id = member_id(&member);
            let feature: geojson::Feature = serde_json::from_value(member).map_err(|err| {
                DataError::feature(
                    file,
                    index,
                    id.as_deref(),
                    format!("is not a valid GeoJSON feature: {err}"),
                )
            })?;
            convert(file, index, id, feature)
        })
        .collect()
}

/// Parse like [`parse`], but keep going past bad features: the good ones, and the refused ones
/// with why. Only a file-level problem (not JSON, not GeoJSON) fails.
pub fn parse_lenient(
    file: &str,
    text: &str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Vec<GeoFeature>, Vec<DataError>), DataError> {
    let json: Value = serde_json::from_str(text)
        .map_err(|err| DataError::file(file, format!("is not valid JSON: {err}")))?;
    let not_geojson = |problem: &str| DataError::file(file, format!("is not GeoJSON: {problem}"));
    let members = match json.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match json.get("features") {
            Some(Value::Array(features)) => features.clone(),
            _ => {
                return Err(not_geojson(
                    "a FeatureCollection needs a \"features\" array",
                ));
            }
        },
        Some("Feature") => vec![json],
        Some(_) => vec![serde_json::json!({"type": "Feature", "geometry": json, "properties": {}})],
        None => return Err(not_geojson("the top level has no \"type\"")),
    };
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (index, member) in members.into_iter().enumerate() {
        let id = member_id(&member);
        let converted = serde_json::from_value::<geojson::Feature>(member)
            .map_err(|err| {
                DataError::feature(
                    file,
                    index,
                    id.as_deref(),
                    format!("is not a valid GeoJSON feature: {err}"),
                )
            })
            .and_then(|feature| convert(file, index, id, feature));
        match converted {
            Ok(feature) => good.push(feature),
            Err(err) => bad.push(err),
        }
        if index % 256 == 0 {
            progress(index);
        }
    }
    Ok((good, bad))
}

/// A feature's id before it is parsed, for naming it when parsing fails.
fn member_id(member: &Value) -> Option<String> {
    let id = member
        .get("id")
        .or_else(|| member.get("properties").and_then(|p| p.get("id")))?;
    match id {
        Value::String(id) => Some(id.clone()),
        Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}

/// Read and parse a GeoJSON file from disk.
pub fn read(path: &std::path::Path) -> Result<Vec<GeoFeature>, DataError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|err| DataError::file(&file, format!("cannot be read: {err}")))?;
    parse(&file, &text)
}

fn convert(
    file: &str,
    index: usize,
    id: Option<String>,
    feature: geojson::Feature,
) -> Result<GeoFeature, DataError> {
    let properties = feature.properties.unwrap_or_default();
    let fail = |problem: String| DataError::feature(file, index, id.as_deref(), problem);
    let geometry = feature
        .geometry
        .ok_or_else(|| fail("has no geometry".to_owned()))?;
    let geometry = Geometry::<f64>::try_from(&geometry)
        .map_err(|err| fail(format!("has an unreadable geometry: {err}")))?;
    check_geometry(&geometry).map_err(fail)?;
    Ok(GeoFeature {
        id,
        geometry,
        properties,
    })
}

/// Refuse coordinates a map cannot place and rings that do not enclose an area. (JSON cannot
/// carry NaN, and serde_json refuses numbers that overflow, so non-finite values are caught
/// here only when geometry comes from elsewhere.)
fn check_geometry(geometry: &Geometry<f64>) -> Result<(), String> {
    for coord in geometry.coords_iter() {
        let (lon, lat) = (coord.x, coord.y);
        if !lon.is_finite() || !lat.is_finite() {
            return Err(format!("coordinate ({lon}, {lat}) is not a finite number"));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!("longitude {lon} is out of range (-180 to 180)"));
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!("latitude {lat} is out of range (-90 to 90)"));
        }
    }
    let short_ring = |polygon: &geo::Polygon<f64>| {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .any(|ring| ring.0.len() < 4)
    };
    let bad = match geometry {
        Geometry::Polygon(polygon) => short_ring(polygon),
        Geometry::MultiPolygon(polygons) => polygons.iter().any(short_ring),
        _ => false,
    };
    if bad {
        return Err("has a polygon ring with fewer than 3 distinct positions".to_owned());
    }
    Ok(())
}

/// Keep a layer only if every feature has an area (Polygon or MultiPolygon): the provinces are
/// used for point-in-polygon, where a line or point would silently match nothing.
pub fn require_areas(file: &str, features: Vec<GeoFeature>) -> Result<Vec<GeoFeature>, DataError> {
    for (index, feature) in features.iter().enumerate() {
        if !matches!(
            feature.geometry,
            Geometry::Polygon(_) | Geometry::MultiPolygon(_)
        ) {
            return Err(DataError::feature(
                file,
                index,
                feature.id.as_deref(),
                format!(
                    "has a {} geometry; a province must be a Polygon or MultiPolygon",
                    super::events::geometry_name(&feature.geometry)
                ),
            ));
        }
    }
    Ok(features)
}
