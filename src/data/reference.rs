//! The bundled reference map: world land, the provinces of Iran, Pakistan and Afghanistan, and
//! the main towns, so the map orients a reader with no tiles at all. Built by
//! `tools/extract_geodata.py` from Natural Earth and GeoNames (see `geodata/SOURCES.md`).

use super::formats::geojson::features as geojson_file;
use super::{DataError, GeoFeature};

mod bundled {
    pub const LAND: &str = include_str!("../../geodata/basemap/land.geojson");
    pub const ADMIN1: &str = include_str!("../../geodata/basemap/admin1.geojson");
    pub const TOWNS: &str = include_str!("../../geodata/basemap/towns.geojson");
}

/// The reference layers, validated like any other GeoJSON.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    /// Countries outside the story's region (those are in the story's own country file),
    /// simplified: land and names at low zoom.
    pub land: Vec<GeoFeature>,
    /// First-level divisions of Iran, Pakistan and Afghanistan.
    pub admin1: Vec<GeoFeature>,
    /// Town points with `name`, `population` and `rank` (1 capital, 2 named in the story, 3 other).
    pub towns: Vec<GeoFeature>,
    /// Files that failed to load (a broken build, never user input), reported in the panel.
    pub problems: Vec<DataError>,
}

impl ReferenceData {
    pub fn bundled() -> Self {
        let mut problems = Vec::new();
        let mut load = |name: &str, text: &str| {
            geojson_file::parse(&format!("bundled geodata/basemap/{name}"), text).unwrap_or_else(
                |err| {
                    problems.push(err);
                    Vec::new()
                },
            )
        };
        let land = load("land.geojson", bundled::LAND);
        let admin1 = load("admin1.geojson", bundled::ADMIN1);
        let towns = load("towns.geojson", bundled::TOWNS);
        Self {
            land,
            admin1,
            towns,
            problems,
        }
    }
}

/// A number property (Natural Earth label points and ranks, GeoNames populations).
pub fn property_f64(feature: &GeoFeature, key: &str) -> Option<f64> {
    feature
        .properties
        .get(key)
        .and_then(serde_json::Value::as_f64)
}
