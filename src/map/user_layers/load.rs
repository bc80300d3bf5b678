//! Reading a file into layers on the loading thread: every step before drawing, the style a
//! layer starts with computed there too, and the command line's filters and style given to
//! each layer that arrives.

use std::path::Path;
use std::sync::Arc;

use egui::Color32;
use geo::Geometry;

use super::{EVENTS_SCHEMA_MAX, Loaded, UserLayer, style_for};
use crate::data::layer_file::geometry_name;
use crate::data::layer_file::{LayerFile, Limits, Progress};
use crate::data::thematic::{LayerSettings, StyleRule};
use crate::data::{DataError, Event, GeoFeature, events, formats};
use crate::map::points::PointLayer;
use crate::map::points::paint::PointsCache;
use crate::map::style;
use crate::map::theme::LayerTheme;
use crate::map::vector::{FeatureStyle, VectorLayer};

/// The command line's filters and style, where the layer has their columns.
pub(super) fn apply_start(layer: &mut UserLayer, start: &LayerSettings) {
    let table = &layer.table;
    let settings = &mut layer.theme.settings;
    settings.filters.extend(
        start
            .filters
            .iter()
            .filter(|f| table.key(&f.column).is_some())
            .cloned(),
    );
    let heat =
        matches!(start.style, StyleRule::Heatmap { weight: None, .. }) && layer.points.is_some();
    let points = layer.points.is_some() || !matches!(start.style, StyleRule::Heatmap { .. });
    if (start.style.column().is_some_and(|c| table.key(c).is_some()) && points) || heat {
        settings.style = start.style.clone();
    }
}

/// Read, validate, project, rank, index and cluster a file: everything before drawing (tiles
/// are built as the map needs them). Most files give one layer; a KML gives one per folder,
/// coloured from the palette onwards from `color`.
pub fn load(
    path: &Path,
    limits: Limits,
    progress: &Progress,
    color: usize,
) -> Result<Vec<Loaded>, DataError> {
    let started = std::time::Instant::now();
    let files = formats::read(path, limits, progress)?;
    log::info!(
        "{}: read and parsed in {:.2?}",
        path.display(),
        started.elapsed()
    );
    let loaded = files
        .into_iter()
        .enumerate()
        .map(|(i, file)| {
            let color = style::LAYER_PALETTE[(color + i) % style::LAYER_PALETTE.len()];
            build(file, color)
        })
        .collect();
    log::info!(
        "{}: layers built by {:.2?}",
        path.display(),
        started.elapsed()
    );
    Ok(loaded)
}

/// A layer from a file's features.
pub(super) fn build(file: LayerFile, color: Color32) -> Loaded {
    let events = strikemap_events(&file.path.display().to_string(), &file);
    let unlocated = file.unlocated();
    let mut geometry_names: Vec<&'static str> = file.geometries.iter().map(geometry_name).collect();
    geometry_names.extend(std::iter::repeat_n("none", unlocated));
    let mut vertex_counts: Vec<u32> = file
        .geometries
        .iter()
        .map(|g| geo::CoordsIter::coords_count(g) as u32)
        .collect();
    vertex_counts.extend(std::iter::repeat_n(0, unlocated));
    let styles = if FeatureStyle::table_has_any(&file.properties) {
        (0..file.geometries.len())
            .map(|row| FeatureStyle::from_table(&file.properties, row))
            .collect()
    } else {
        Vec::new()
    };
    let mut layer = VectorLayer::build(
        file.name,
        file.geometries,
        Vec::new(),
        styles,
        style_for(color),
    );
    layer.draw_points = false;
    let mut points = (!layer.store().points.is_empty())
        .then(|| PointLayer::new(&layer.store().points, &file.properties));
    let table = Arc::new(file.properties);
    let mut theme = LayerTheme::new(table.clone());
    let done = theme.compute_now(None, color, points.as_ref().map(PointLayer::shared));
    theme.apply(done, points.as_mut(), &mut layer);
    Loaded {
        layer: UserLayer {
            id: 0,
            path: file.path,
            format: file.format,
            layer,
            points,
            points_cache: PointsCache::default(),
            table,
            theme,
            ids: file.ids,
            id_column: file.id_column,
            geometry_names,
            vertex_counts,
            visible: true,
            opacity: 1.0,
            skipped: file.skipped,
            notes: file.notes,
            unlocated,
            event_ids: Vec::new(),
            aggregate: None,
        },
        events,
    }
}

/// The file's features as strikemap's own events, if they all are and there are few enough
/// to be a curated events file.
fn strikemap_events(file: &str, layer: &LayerFile) -> Option<Vec<Event>> {
    let count = layer.geometries.len();
    if count == 0 || count > EVENTS_SCHEMA_MAX {
        return None;
    }
    if !layer
        .geometries
        .iter()
        .all(|g| matches!(g, Geometry::Point(_)))
    {
        return None;
    }
    let features: Vec<GeoFeature> = (0..count)
        .map(|i| GeoFeature {
            id: layer.id(i),
            geometry: layer.geometries[i].clone(),
            properties: layer.properties.row_map(i),
        })
        .collect();
    events::from_features(file, &features)
}
