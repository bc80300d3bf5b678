//! Making a counts-per-area layer, on a loading thread: the areas' shapes (an opened polygon
//! layer's, the story's provinces, or the H3 hexagons the points fall in), a layer of them, and
//! each point's area, found with the new layer's own full-resolution point-in-polygon test (an
//! R-tree of the parts' boxes, then crossings counted over the ring's chunks) on all cores.

use std::path::PathBuf;
use std::sync::Arc;

use geo::{Coord, Geometry, LineString, MapCoords, MultiPolygon, Polygon};
use rayon::prelude::*;

use super::areas::{Aggregate, Source};
use super::{Loaded, load};
use crate::data::layer_file::LayerFile;
use crate::data::properties::PropertyTable;
use crate::data::thematic::areas::{NO_AREA, hexagons};
use crate::data::thematic::{Classing, GraduateBy, LayerSettings, StyleRule};
use crate::data::{DataError, GeoFeature};
use crate::map::projection::from_mercator;
use crate::map::vector::VectorLayer;
use crate::map::vector::store::{Fixed, GeometryStore, PartKind, from_fixed};

/// The shapes to count into, read from where they are.
pub enum Areas {
    /// An opened layer's polygons (its store) and its features' names.
    Layer {
        store: Arc<GeometryStore>,
        names: Vec<String>,
    },
    Provinces(Vec<GeoFeature>),
    Hexagons(u8),
}

/// Minimum events of the comparison period for a change in percent.
pub const MIN_COUNT: u32 = 5;

/// The counts layer: the areas as polygons with a table of their counts, styled by events.
pub fn build_counts(source: Source, areas: Areas, label: String) -> Result<Loaded, DataError> {
    let started = std::time::Instant::now();
    let (geometries, names, hex_of) = match areas {
        Areas::Layer { store, names } => {
            let (g, n) = polygons_of(&store, &names);
            (g, n, None)
        }
        Areas::Provinces(features) => {
            let names = features
                .iter()
                .enumerate()
                .map(|(i, f)| f.name().map_or_else(|| format!("#{i}"), str::to_owned))
                .collect();
            (
                features.into_iter().map(|f| f.geometry).collect(),
                names,
                None,
            )
        }
        Areas::Hexagons(res) => {
            let resolution = h3o::Resolution::try_from(res)
                .map_err(|e| DataError::file(&label, format!("H3 resolution {res}: {e}")))?;
            let lon_lat: Vec<[f64; 2]> = source.points.iter().map(|(p, _)| lon_lat(*p)).collect();
            let (of, cells) = hexagons(&lon_lat, resolution);
            let names = cells.iter().map(|c| c.to_string()).collect();
            let shapes = cells.iter().map(|&c| hexagon(c)).collect();
            (shapes, names, Some(of))
        }
    };
    if geometries.is_empty() {
        return Err(DataError::file(&label, "there are no areas to count into"));
    }
    let areas = names.len();
    let rows = vec!["{}"; areas];
    let file = LayerFile {
        path: PathBuf::from(&label),
        name: label.clone(),
        format: "Counts per area",
        ids: Vec::new(),
        id_column: None,
        geometries,
        properties: PropertyTable::from_json_objects(&rows),
        skipped: Vec::new(),
        dropped: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
        bytes: 0,
    };
    let mut loaded = load::build(file, source.color);
    let area_of = match hex_of {
        Some(of) => per_feature(&source.points, of, source.features),
        None => assign_points(&source.points, source.features, &loaded.layer.layer),
    };
    log::info!(
        "{label}: {areas} areas counted in {:.2?}",
        started.elapsed()
    );
    let layer = &mut loaded.layer;
    let mut aggregate = Aggregate::new(&source, area_of, names);
    // Counted before it arrives, so that it never shows uncounted areas.
    let table = Arc::new(aggregate.count_now(&source.snapshot));
    layer.aggregate = Some(aggregate);
    layer.table = table.clone();
    layer.theme.replace_table(table);
    layer.theme.settings = source.settings.clone().unwrap_or_else(|| LayerSettings {
        filters: Vec::new(),
        style: StyleRule::Graduated {
            column: "events".to_owned(),
            method: Classing::Quantile,
            classes: 5,
            by: GraduateBy::Colour,
        },
    });
    let shared = layer.points.as_ref().map(|p| p.shared());
    let done = layer.theme.compute_now(None, source.color, shared);
    layer
        .theme
        .apply(done, layer.points.as_mut(), &mut layer.layer);
    Ok(loaded)
}

/// Per feature of the points' layer, the polygon of `areas` that holds its point: decided on
/// the full-resolution geometry (an R-tree of the parts' boxes, then crossings counted), on all
/// cores.
pub fn assign_points(points: &[(Fixed, u32)], features: usize, areas: &VectorLayer) -> Vec<u32> {
    let per_point: Vec<u32> = points
        .par_iter()
        .map(|(p, _)| areas.hit(from_fixed(*p), 0.0).map_or(NO_AREA, |f| f as u32))
        .collect();
    per_feature(points, per_point, features)
}

/// From each point's area to each feature's (its first point's).
pub fn per_feature(points: &[(Fixed, u32)], per_point: Vec<u32>, features: usize) -> Vec<u32> {
    let mut area_of = vec![NO_AREA; features];
    for ((_, feature), area) in points.iter().zip(per_point) {
        if let Some(slot) = area_of.get_mut(*feature as usize)
            && *slot == NO_AREA
        {
            *slot = area;
        }
    }
    area_of
}

/// Where a fixed point is, in longitude and latitude.
pub fn lon_lat(p: Fixed) -> [f64; 2] {
    let at = from_mercator(from_fixed(p));
    [at.x(), at.y()]
}

/// Each feature's polygon parts as one multipolygon in longitude and latitude, with its name;
/// features without polygons are left out.
fn polygons_of(store: &GeometryStore, names: &[String]) -> (Vec<Geometry>, Vec<String>) {
    let mut geometries = Vec::new();
    let mut kept = Vec::new();
    for (feature, parts) in store.feature_parts.iter().enumerate() {
        let polygons: Vec<Polygon> = store.parts[parts.start as usize..parts.end as usize]
            .iter()
            .filter(|p| p.kind == PartKind::Polygon)
            .map(|p| {
                store.polygon(p).map_coords(|c| {
                    let at = from_mercator([c.x, c.y]);
                    Coord {
                        x: at.x(),
                        y: at.y(),
                    }
                })
            })
            .collect();
        if polygons.is_empty() {
            continue;
        }
        geometries.push(Geometry::MultiPolygon(MultiPolygon(polygons)));
        kept.push(
            names
                .get(feature)
                .cloned()
                .unwrap_or_else(|| format!("#{feature}")),
        );
    }
    (geometries, kept)
}

/// An H3 cell's outline as a polygon.
fn hexagon(cell: h3o::CellIndex) -> Geometry {
    let ring: Vec<Coord> = cell
        .boundary()
        .iter()
        .map(|ll| Coord {
            x: ll.lng(),
            y: ll.lat(),
        })
        .collect();
    Geometry::Polygon(Polygon::new(LineString::new(ring), Vec::new()))
}
