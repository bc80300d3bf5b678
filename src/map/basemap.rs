//! The bundled vector basemap beneath the tiles: sea, land, country and province borders, towns,
//! and their names, styled as a quiet reference map. Tiles cover it once they load; wherever a
//! tile is missing (no network, errors, `--offline`) it shows through, so the map stays a map.

use egui::{Rect, Shape, Ui, layers::ShapeIdx};
use walkers::{MapMemory, Position};

use super::draw::halo_text;
use super::frame_cache::FrameCache;
use super::projection::ScreenTransform;
use super::reference_labels::{
    PlaceKind, PlaceLabel, PlacedLabel, country_label, place_labels, point_label, province_label,
    town_min_zoom,
};
use super::style;
use super::vector::{PaintOptions, VectorLayer};
use crate::data::local_names::LabelLanguage;
use crate::data::{GeoFeature, ReferenceData};
use crate::map::tiled::basemap::VectorBasemap;

/// The reference layers, prepared once, and their labels in the order they claim space.
pub struct ReferenceMap {
    land: VectorLayer,
    admin1: VectorLayer,
    /// Town dots in tiers, each shown from its zoom on.
    towns: Vec<(f64, VectorLayer)>,
    labels: Vec<PlaceLabel>,
    /// The last frame's geometry and label places, reused while the view (and what the labels
    /// avoid) stay the same.
    geometry_cache: FrameCache<(ScreenTransform, Rect, u64, bool), Vec<Shape>>,
    label_cache: FrameCache<(ScreenTransform, Rect, u64, LabelsKey), Vec<PlacedLabel>>,
}

impl ReferenceMap {
    /// `countries` are the story's own countries (their names are labelled here too);
    /// provinces whose ISO code is in `story_provinces` are left to the story layers.
    pub fn new(data: &ReferenceData, countries: &[GeoFeature], story_provinces: &[&str]) -> Self {
        let admin1: Vec<GeoFeature> = data
            .admin1
            .iter()
            .filter(|f| {
                f.property_str("iso_3166_2")
                    .is_none_or(|code| !story_provinces.contains(&code))
            })
            .cloned()
            .collect();
        let town_min_zoom: Vec<f64> = data.towns.iter().map(town_min_zoom).collect();
        let mut countries: Vec<PlaceLabel> = data
            .land
            .iter()
            .chain(countries)
            .filter_map(country_label)
            .collect();
        countries.sort_by(|a, b| a.min_zoom.total_cmp(&b.min_zoom));
        let mut towns: Vec<PlaceLabel> = data
            .towns
            .iter()
            .zip(&town_min_zoom)
            .filter_map(|(town, &min_zoom)| point_label(town, min_zoom, PlaceKind::Town))
            .collect();
        // Capitals and the story's towns claim their place first (a reader of the story needs
        // them), then country names, provinces, and other towns by size (the file's order).
        let (first, others): (Vec<_>, Vec<_>) = towns.drain(..).partition(|t| t.min_zoom <= 4.0);
        let mut labels = first;
        labels.extend(countries);
        labels.extend(admin1.iter().filter_map(province_label));
        labels.extend(others);
        let mut tiers: Vec<f64> = town_min_zoom.clone();
        tiers.sort_by(f64::total_cmp);
        tiers.dedup();
        let towns = tiers
            .into_iter()
            .map(|tier| {
                let members: Vec<GeoFeature> = data
                    .towns
                    .iter()
                    .zip(&town_min_zoom)
                    .filter(|(_, z)| **z == tier)
                    .map(|(town, _)| town.clone())
                    .collect();
                (
                    tier,
                    VectorLayer::new("Towns", &members, style::REFERENCE_TOWNS),
                )
            })
            .collect();
        Self {
            land: VectorLayer::new("Land", &data.land, style::REFERENCE_BORDERS),
            admin1: VectorLayer::new("Provinces", &admin1, style::REFERENCE_PROVINCES),
            towns,
            labels,
            geometry_cache: FrameCache::default(),
            label_cache: FrameCache::default(),
        }
    }

    /// Its land and its provinces (for the SVG export, which draws them itself).
    pub fn land_and_provinces(&self) -> (&VectorLayer, &VectorLayer) {
        (&self.land, &self.admin1)
    }

    /// The town dots shown at `zoom` (for the SVG export).
    pub fn towns_at(&self, zoom: f64) -> impl Iterator<Item = &VectorLayer> {
        self.towns
            .iter()
            .filter(move |(tier, _)| zoom >= *tier)
            .map(|(_, layer)| layer)
    }

    /// The names the map placed last (for the SVG export, which writes what the window shows).
    pub fn placed_labels(&self) -> Vec<PlacedLabel> {
        self.label_cache.last().unwrap_or_default()
    }

    /// Every shape of the reference map for this view, bottom to top.
    fn geometry(
        &self,
        transform: &ScreenTransform,
        clip: Rect,
        zoom: f64,
        with: &BasemapPaint<'_>,
    ) -> Vec<Shape> {
        let region = with.region;
        let mut shapes = vec![Shape::rect_filled(clip, 0.0, style::SEA)];
        shapes.extend(self.land.fill_shapes(transform, clip, zoom, style::LAND));
        shapes.extend(region.fill_shapes(transform, clip, zoom, style::LAND));
        let outlines = |stroke: egui::Stroke| PaintOptions {
            fill: Some(egui::Color32::TRANSPARENT),
            stroke: Some(stroke),
            ..PaintOptions::default()
        };
        let provinces = outlines(style::REFERENCE_PROVINCES.stroke);
        shapes.extend(self.admin1.shapes(transform, clip, zoom, &provinces));
        let borders = outlines(style::REFERENCE_BORDERS.stroke);
        shapes.extend(self.land.shapes(transform, clip, zoom, &borders));
        if !with.region_outlined {
            shapes.extend(region.shapes(transform, clip, zoom, &borders));
        }
        for (min_zoom, towns) in &self.towns {
            if zoom >= *min_zoom {
                shapes.extend(towns.shapes(transform, clip, zoom, &PaintOptions::default()));
            }
        }
        shapes
    }
}

/// A place in the paint order below the tiles, reserved before the map widget paints them.
pub struct BasemapSlot(ShapeIdx);

impl BasemapSlot {
    pub fn reserve(ui: &Ui) -> Self {
        Self(ui.painter().add(Shape::Noop))
    }

    /// Fill the reserved place with the reference map, for the view as it is after this
    /// frame's input.
    pub fn paint(
        self,
        ui: &Ui,
        rect: Rect,
        memory: &MapMemory,
        home: Position,
        with: BasemapPaint<'_>,
    ) {
        let transform = ScreenTransform::for_memory(rect, memory, home);
        let zoom = memory.zoom();
        let reference = with.reference;
        let key = (transform, rect, zoom.to_bits(), with.region_outlined);
        let mut shapes = reference
            .geometry_cache
            .get_or(key, || reference.geometry(&transform, rect, zoom, &with));
        let mut vector = with.vector;
        if let Some(vector) = vector.as_deref_mut() {
            shapes.extend(vector.layer.shapes(&transform, rect, zoom));
        }
        if with.labels {
            let loaded = vector.as_deref().map(|v| v.layer.generation());
            let key = (
                transform,
                rect,
                zoom.to_bits(),
                (with.occupied.to_vec(), with.language, loaded),
            );
            let placed = reference.label_cache.get_or(key, || {
                let avoid = (with.occupied, with.language);
                let labels: std::borrow::Cow<[PlaceLabel]> = match vector.as_deref() {
                    // The basemap's own places instead of the bundled towns.
                    Some(vector) => reference
                        .labels
                        .iter()
                        .filter(|l| l.kind() != PlaceKind::Town)
                        .cloned()
                        .chain(vector.labels())
                        .collect::<Vec<_>>()
                        .into(),
                    None => reference.labels.as_slice().into(),
                };
                place_labels(&labels, ui, &transform, rect, zoom, avoid)
            });
            for label in placed {
                let (text, _) = halo_text(
                    ui.painter(),
                    label.pos,
                    label.align,
                    &label.text,
                    label.size,
                    label.color,
                );
                shapes.extend(text);
            }
        }
        ui.painter()
            .with_clip_rect(rect)
            .set(self.0, Shape::Vec(shapes));
    }
}

/// What the basemap paints this frame.
pub struct BasemapPaint<'a> {
    pub reference: &'a ReferenceMap,
    /// The story's country layer: the region's land at full detail.
    pub region: &'a VectorLayer,
    /// Whether the story's country layer draws the region's borders itself (above the tiles).
    pub region_outlined: bool,
    /// Screen space taken by the story's markers and labels, which reference names avoid.
    pub occupied: &'a [Rect],
    pub labels: bool,
    /// English, local or both names.
    pub language: LabelLanguage,
    /// The vector basemap, when it is the basemap shown: drawn over the bundled one, and its
    /// places named instead of the bundled towns.
    pub vector: Option<&'a mut VectorBasemap>,
}

/// What the names' places depend on besides the view: the space taken, the language, and
/// what the vector basemap has loaded.
type LabelsKey = (Vec<Rect>, LabelLanguage, Option<u64>);
