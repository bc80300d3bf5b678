//! The names on the reference map: countries, provinces and towns, each shown from its own
//! zoom, and placed each view in priority order so that none overlaps another or the story's
//! markers.

use egui::{Align2, Rect, Ui};

use super::projection::{Mercator, ScreenTransform, to_mercator};
use super::style;
use crate::data::local_names::{LabelLanguage, local_name};
use crate::data::{GeoFeature, reference::property_f64};

/// What a reference label names; decides its size and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Province,
    Town,
}

/// A name on the reference map, and the zoom from which it is shown.
#[derive(Debug, Clone)]
pub struct PlaceLabel {
    text: String,
    /// The name in Persian or Urdu, where the data gives it.
    local: Option<String>,
    at: Mercator,
    pub min_zoom: f64,
    kind: PlaceKind,
    /// For countries, their largest part in Mercator (simplified) and its bounds: when `at` is
    /// off screen, the name moves to a point of the part that is on screen.
    area: Option<(geo::Polygon<f64>, geo::Rect<f64>)>,
}

impl PlaceLabel {
    /// A name at a point (a vector basemap's place), shown whenever its tile is.
    pub fn at_point(kind: PlaceKind, text: String, local: Option<String>, at: Mercator) -> Self {
        Self {
            text,
            local,
            at,
            min_zoom: 0.0,
            kind,
            area: None,
        }
    }

    /// What the label names.
    pub fn kind(&self) -> PlaceKind {
        self.kind
    }

    /// Its English name.
    pub fn anchor_text(&self) -> &str {
        &self.text
    }

    /// Where to put the label in this view, if anywhere.
    pub(super) fn anchor(&self, transform: &ScreenTransform, clip: Rect) -> Option<egui::Pos2> {
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

/// A name placed on the map this view.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    pub text: String,
    pub pos: egui::Pos2,
    pub align: Align2,
    pub size: f32,
    pub color: egui::Color32,
}

/// Countries at an interior point of their largest part, shown from a zoom that falls with
/// their size (Iran from about 3, Bahrain from 7). Natural Earth's label points are not in the
/// bundled country data.
pub fn country_label(feature: &GeoFeature) -> Option<PlaceLabel> {
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
        local: None,
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
pub fn province_label(feature: &GeoFeature) -> Option<PlaceLabel> {
    let lon = property_f64(feature, "longitude")?;
    let lat = property_f64(feature, "latitude")?;
    Some(PlaceLabel {
        text: feature.name()?.to_owned(),
        local: local_name(feature),
        at: to_mercator(lon, lat),
        min_zoom: 5.5,
        kind: PlaceKind::Province,
        area: None,
    })
}

pub fn point_label(feature: &GeoFeature, min_zoom: f64, kind: PlaceKind) -> Option<PlaceLabel> {
    let geo::Geometry::Point(point) = &feature.geometry else {
        return None;
    };
    Some(PlaceLabel {
        text: feature.name()?.to_owned(),
        local: local_name(feature),
        at: to_mercator(point.x(), point.y()),
        min_zoom,
        kind,
        area: None,
    })
}

/// Capitals and the story's towns from zoom 4; other towns by size.
pub fn town_min_zoom(town: &GeoFeature) -> f64 {
    let rank = property_f64(town, "rank").unwrap_or(3.0);
    let population = property_f64(town, "population").unwrap_or(0.0);
    match () {
        _ if rank <= 2.0 => 4.0,
        _ if population >= 1_000_000.0 => 4.5,
        _ if population >= 300_000.0 => 5.5,
        _ => 6.5,
    }
}

/// Names, in priority order; each avoids `occupied` (the story's labels and markers) and
/// the names already placed. Only where they go: the text is laid out afresh every frame
/// (a remembered layout would outlive a rebuilt font atlas).
pub fn place_labels(
    labels: &[PlaceLabel],
    ui: &Ui,
    transform: &ScreenTransform,
    clip: Rect,
    zoom: f64,
    (occupied, language): (&[Rect], LabelLanguage),
) -> Vec<PlacedLabel> {
    let painter = ui.painter();
    let mut taken: Vec<Rect> = occupied.to_vec();
    let mut placed = Vec::new();
    for label in labels.iter().filter(|l| zoom >= l.min_zoom) {
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
        let english = if label.kind == PlaceKind::Country {
            label.text.to_uppercase()
        } else {
            label.text.clone()
        };
        let text = language.text(&english, label.local.as_deref());
        let size_on_screen = painter
            .layout_no_wrap(
                crate::text::visual(&text).into_owned(),
                egui::FontId::proportional(size),
                color,
            )
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
