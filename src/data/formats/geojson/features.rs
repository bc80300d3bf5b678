//! Reading any GeoJSON text into plain, validated features. Every layer (bundled or opened by a
//! user) goes through here, so validation is the same everywhere.

use geo::Geometry;

use super::parse::ParseError;
pub use crate::data::layer_file::geometry_name;
use serde_json::{Map, Value};

use crate::data::DataError;

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

/// Parse GeoJSON text (a FeatureCollection, a Feature or a bare Geometry) into features, all or
/// nothing: the first bad feature refuses the file (the story's own files are curated).
/// `file` names the source in error messages; a bad feature is named by its index and id.
pub fn parse(file: &str, text: &str) -> Result<Vec<GeoFeature>, DataError> {
    let (features, skipped) = parse_lenient(file, text, &|_| {})?;
    match skipped.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(features),
    }
}

/// Parse like [`parse`], but keep going past bad features: the good ones, and the refused ones
/// with why. Only a file-level problem (not JSON, not GeoJSON) fails. `progress` hears the
/// number of features read now and then, from any thread.
pub fn parse_lenient(
    file: &str,
    text: &str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<(Vec<GeoFeature>, Vec<DataError>), DataError> {
    let layer = super::parse::parse(text, progress).map_err(|err| parse_error(file, err))?;
    let mut skipped: Vec<(usize, DataError)> = layer
        .skipped
        .into_iter()
        .map(|s| {
            (
                s.index,
                DataError::feature(file, s.index, s.id.as_deref(), s.reason),
            )
        })
        .collect();
    let mut features = Vec::with_capacity(layer.features.len());
    for parsed in layer.features {
        let properties = parsed.properties_map();
        // Like the events file, an id may also be given as a property.
        let id = parsed.id.or_else(|| match properties.get("id") {
            Some(Value::String(id)) => Some(id.clone()),
            Some(Value::Number(id)) => Some(id.to_string()),
            _ => None,
        });
        // The story's own files are curated: a feature there must have a place.
        let checked = parsed
            .geometry
            .ok_or_else(|| "has a null geometry (no place to draw it)".to_owned())
            .and_then(|geometry| check_rings(&geometry).map(|()| geometry));
        match checked {
            Ok(geometry) => features.push(GeoFeature {
                id,
                geometry,
                properties,
            }),
            Err(problem) => {
                let refused = DataError::feature(file, parsed.index, id.as_deref(), problem);
                skipped.push((parsed.index, refused));
            }
        }
    }
    skipped.sort_by_key(|(index, _)| *index);
    Ok((features, skipped.into_iter().map(|(_, e)| e).collect()))
}

/// A text that could not be read at all, as the error a user sees.
pub(crate) fn parse_error(file: &str, err: ParseError) -> DataError {
    match err {
        ParseError::Json {
            line,
            column,
            message,
        } => DataError::file(
            file,
            format!("is not valid JSON: {message} (line {line}, column {column})"),
        ),
        ParseError::NotGeoJson(problem) => {
            DataError::file(file, format!("is not GeoJSON: {problem}"))
        }
    }
}

/// Read and parse a GeoJSON file from disk.
pub fn read(path: &std::path::Path) -> Result<Vec<GeoFeature>, DataError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|err| DataError::file(&file, format!("cannot be read: {err}")))?;
    parse(&file, &text)
}

/// Refuse rings that enclose no area: closed, four positions or more (the parser's checks), but
/// fewer than three distinct positions.
pub(crate) fn check_rings(geometry: &Geometry<f64>) -> Result<(), String> {
    let degenerate = |ring: &geo::LineString<f64>| {
        let mut distinct: Vec<(f64, f64)> = Vec::with_capacity(3);
        for c in &ring.0 {
            if !distinct.contains(&(c.x, c.y)) {
                distinct.push((c.x, c.y));
                if distinct.len() >= 3 {
                    return false;
                }
            }
        }
        true
    };
    let bad_polygon = |polygon: &geo::Polygon<f64>| {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .any(degenerate)
    };
    let bad = match geometry {
        Geometry::Polygon(polygon) => bad_polygon(polygon),
        Geometry::MultiPolygon(polygons) => polygons.iter().any(bad_polygon),
        Geometry::GeometryCollection(geometries) => {
            return geometries.iter().try_for_each(check_rings);
        }
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
                    geometry_name(&feature.geometry)
                ),
            ));
        }
    }
    Ok(features)
}
