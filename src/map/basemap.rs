//! The bundled vector basemap beneath the tiles: sea, land, country and province borders, towns,
//! and their names, styled as a quiet reference map. Tiles cover it once they load; wherever a
//! tile is missing (no network, errors, `--offline`) it shows through, so the map stays a map.

use egui::{Align2, Rect, Shape, Ui, layers::ShapeIdx};
use walkers::{MapMemory, Position};

use super::draw::halo_text;
use super::frame_cache::FrameCache;
use super::projection::{Mercator, ScreenTransform, to_mercator};
use super::style;
use super::vector::{PaintOptions, VectorLayer};
use crate::data::{GeoFeature, ReferenceData, reference::property_f64};

/// What a reference label names; decides its size and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceKind {
    Country,
    Province,
    Town,
}

/// A name on the reference map, and the zoom from which it is shown.
#[derive(Debug, Clone)]
struct PlaceLabel {
    text: String,
    at: Mercator,
    min_zoom: f64,
    kind: PlaceKind,
    /// For countries, their largest part in Mercator (simplified) and its bounds: when `at` is
    /// off screen, the name moves to a point of the part that is on screen.
    area: Option<(geo::Polygon<f64>, geo::Rect<f64>)>,
}

impl PlaceLabel {
    /// Where to put the label in this view, if anywhere.
    fn anchor(&self, transform: &ScreenTransform, clip: Rect) -> Option<egui::Pos2> {
        let at = transform.to_screen(self.at);
        // A country's own point must leave room for its long name; other points just be shown.
        let margin = if self.area.is_some() { 40.0 } else { 0.0 };
        if clip.shrink(margin).contains(at) {
            return Some(at);
        }
        let (area, bounds) = self.area.as_ref()?;
        let shown = transform
            .rect_to_screen(
                [bounds.min().x, bounds.min().y],
                [bounds.max().x, bounds.max().y],
            )
            .intersect(clip.shrink(60.0));
        if !shown.is_positive() {
            return None;
        }
        // The middle of the visible part first, then a coarse grid around it.
        let offsets = [
            (0.5, 0.5),
            (0.3, 0.5),
            (0.7, 0.5),
            (0.5, 0.3),
            (0.5, 0.7),
            (0.3, 0.3),
            (0.7, 0.3),
            (0.3, 0.7),
            (0.7, 0.7),
        ];
        offsets.into_iter().find_map(|(fx, fy)| {
            let pos = shown.min + egui::vec2(shown.width() * fx, shown.height() * fy);
            let [x, y] = transform.from_screen(pos);
            geo::Contains::contains(area, &geo::point!(x: x, y: y)).then_some(pos)
        })
    }
}

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
    label_cache: FrameCache<(ScreenTransform, Rect, u64, Vec<Rect>), Vec<PlacedLabel>>,
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

    /// Names, in priority order; each avoids `occupied` (the story's labels and markers) and
    /// the names already placed. Only where they go: the text is laid out afresh every frame
    /// (a remembered layout would outlive a rebuilt font atlas).
    fn place_labels(
        &self,
        ui: &Ui,
        transform: &ScreenTransform,
        clip: Rect,
        zoom: f64,
        occupied: &[Rect],
    ) -> Vec<PlacedLabel> {
        let painter = ui.painter();
        let mut taken: Vec<Rect> = occupied.to_vec();
        let mut placed = Vec::new();
        for label in self.labels.iter().filter(|l| zoom >= l.min_zoom) {
            let Some(anchor) = label.anchor(transform, clip) else {
                continue;
            };
            let (pos, align, size, color) = match label.kind {
                PlaceKind::Country => (
                    anchor,
                    Align2::CENTER_CENTER,
                    15.0,
                    style::REFERENCE_BORDERS.label,
                ),
                PlaceKind::Province => (
                    anchor,
                    Align2::CENTER_CENTER,
                    11.0,
                    style::REFERENCE_PROVINCES.label,
                ),
                PlaceKind::Town => (
                    anchor + egui::vec2(5.0, 0.0),
                    Align2::LEFT_CENTER,
                    12.0,
                    style::REFERENCE_TOWNS.label,
                ),
            };
            let text = if label.kind == PlaceKind::Country {
                label.text.to_uppercase()
            } else {
                label.text.clone()
            };
            let size_on_screen = painter
                .layout_no_wrap(text.clone(), egui::FontId::proportional(size), color)
                .size();
            let room = align.anchor_size(pos, size_on_screen).expand(2.0);
            if !clip.contains_rect(room) || taken.iter().any(|r| r.intersects(room)) {
                continue;
            }
            taken.push(room);
            placed.push(PlacedLabel {
                text,
                pos,
                align,
                size,
                color,
            });
        }
        placed
    }
}

/// A name placed on the map this view.
#[derive(Debug, Clone, PartialEq)]
struct PlacedLabel {
    text: String,
    pos: egui::Pos2,
    align: Align2,
    size: f32,
    color: egui::Color32,
}

/// Countries at an interior point of their largest part, shown from a zoom that falls with
/// their size (Iran from about 3, Bahrain from 7). Natural Earth's label points are not in the
/// bundled country data.
fn country_label(feature: &GeoFeature) -> Option<PlaceLabel> {
    use geo::{Area, InteriorPoint};
    let largest = match &feature.geometry {
        geo::Geometry::Polygon(polygon) => polygon.clone(),
        geo::Geometry::MultiPolygon(parts) => parts
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?
            .clone(),
        _ => return None,
    };
    let point = largest.interior_point()?;
    let square_degrees = feature.geometry.unsigned_area().max(1e-6);
    Some(PlaceLabel {
        text: feature.name()?.to_owned(),
        at: to_mercator(point.x(), point.y()),
        min_zoom: (6.0 - 1.5 * square_degrees.log10()).clamp(2.0, 7.0),
        kind: PlaceKind::Country,
        area: {
            use geo::{BoundingRect, MapCoords, Simplify};
            let mercator = largest.map_coords(|c| {
                let [x, y] = to_mercator(c.x, c.y);
                geo::coord! { x: x, y: y }
            });
            // A tenth of a point at zoom 8 is finer than any label placement needs.
            let simplified = mercator.simplify(0.1 / (256.0 * 256.0));
            simplified
                .bounding_rect()
                .map(|bounds| (simplified, bounds))
        },
    })
}

/// Provinces at Natural Earth's label point, from region zoom.
fn province_label(feature: &GeoFeature) -> Option<PlaceLabel> {
    let lon = property_f64(feature, "longitude")?;
    let lat = property_f64(feature, "latitude")?;
    Some(PlaceLabel {
        text: feature.name()?.to_owned(),
        at: to_mercator(lon, lat),
        min_zoom: 5.5,
        kind: PlaceKind::Province,
        area: None,
    })
}

fn point_label(feature: &GeoFeature, min_zoom: f64, kind: PlaceKind) -> Option<PlaceLabel> {
    let geo::Geometry::Point(point) = &feature.geometry else {
        return None;
    };
    Some(PlaceLabel {
        text: feature.name()?.to_owned(),
        at: to_mercator(point.x(), point.y()),
        min_zoom,
        kind,
        area: None,
    })
}

/// Capitals and the story's towns from zoom 4; other towns by size.
fn town_min_zoom(town: &GeoFeature) -> f64 {
    let rank = property_f64(town, "rank").unwrap_or(3.0);
    let population = property_f64(town, "population").unwrap_or(0.0);
    match () {
        _ if rank <= 2.0 => 4.0,
        _ if population >= 1_000_000.0 => 4.5,
        _ if population >= 300_000.0 => 5.5,
        _ => 6.5,
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
        if with.labels {
            let key = (transform, rect, zoom.to_bits(), with.occupied.to_vec());
            let placed = reference.label_cache.get_or(key, || {
                reference.place_labels(ui, &transform, rect, zoom, with.occupied)
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
}
