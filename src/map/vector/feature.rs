//! One feature ready to draw and to hit-test: its geometry projected to Mercator once, its
//! bounds, its label, its own style (simplestyle properties), and its geometry per zoom band,
//! built when first needed.

use std::sync::OnceLock;

use egui::Rect;
use geo::{BoundingRect, Coord, Geometry, InteriorPoint, MapCoords};

use super::lod::{BANDS, Band};
use super::simplestyle::FeatureStyle;
use crate::data::GeoFeature;
use crate::map::projection::{Mercator, ScreenTransform, to_mercator};

/// A feature prepared for drawing.
#[derive(Debug)]
pub struct PreparedFeature {
    /// Geometry in normalised Web Mercator: what is drawn, and what clicks are tested against.
    pub geometry: Geometry<f64>,
    pub min: Mercator,
    pub max: Mercator,
    /// Name and where to put it (an interior point, so it sits inside concave shapes).
    pub label: Option<(String, Mercator)>,
    /// Colours and sizes the feature's own properties ask for.
    pub style: FeatureStyle,
    /// Points of the geometry (drawn as symbols, not meshes).
    pub points: Vec<Mercator>,
    /// Vertices of the full-resolution geometry.
    pub vertex_count: usize,
    bands: [OnceLock<Band>; BANDS],
}

impl PreparedFeature {
    /// Project a feature. Cheap: simplification and triangulation wait for [`Self::band`].
    pub fn new(feature: &GeoFeature) -> Self {
        let geometry = project(&feature.geometry);
        let (min, max) = match geometry.bounding_rect() {
            Some(rect) => ([rect.min().x, rect.min().y], [rect.max().x, rect.max().y]),
            None => ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]),
        };
        let label = feature.name().and_then(|name| {
            let point = geometry.interior_point()?;
            Some((name.to_owned(), [point.x(), point.y()]))
        });
        let mut points = Vec::new();
        collect_points(&geometry, &mut points);
        Self {
            vertex_count: geo::CoordsIter::coords_count(&geometry),
            geometry,
            min,
            max,
            label,
            style: FeatureStyle::from_properties(&feature.properties),
            points,
            bands: Default::default(),
        }
    }

    /// The drawable geometry for `band`, built on first use.
    pub fn band(&self, band: usize) -> &Band {
        self.bands[band.min(BANDS - 1)].get_or_init(|| Band::build(&self.geometry, band))
    }

    /// The band if it is built already.
    pub fn band_if_ready(&self, band: usize) -> Option<&Band> {
        self.bands.get(band)?.get()
    }

    /// Whether any of the feature is inside `clip` (a screen rectangle).
    pub fn on_screen(&self, transform: &ScreenTransform, clip: Rect) -> bool {
        self.screen_bounds(transform).intersects(clip)
    }

    /// Screen rectangle of the feature, for culling and placing its label.
    pub fn screen_bounds(&self, transform: &ScreenTransform) -> Rect {
        transform.rect_to_screen(self.min, self.max)
    }
}

/// Lon/lat to Mercator. A line or ring that crosses the antimeridian (a jump of more than 180°
/// between neighbours) is unwrapped to continue past ±180° instead of crossing the whole world.
fn project(geometry: &Geometry<f64>) -> Geometry<f64> {
    let unwrapped = unwrap_antimeridian(geometry);
    unwrapped.map_coords(|c| {
        let [x, y] = to_mercator(c.x, c.y);
        Coord { x, y }
    })
}

fn unwrap_antimeridian(geometry: &Geometry<f64>) -> Geometry<f64> {
    let mut geometry = geometry.clone();
    let fix = |line: &mut geo::LineString<f64>| {
        let mut shift = 0.0;
        let mut previous: Option<f64> = None;
        for coord in line.0.iter_mut() {
            let lon = coord.x;
            if let Some(prev) = previous {
                if lon - prev > 180.0 {
                    shift -= 360.0;
                } else if prev - lon > 180.0 {
                    shift += 360.0;
                }
            }
            previous = Some(lon);
            coord.x = lon + shift;
        }
    };
    fn each_line(geometry: &mut Geometry<f64>, fix: &impl Fn(&mut geo::LineString<f64>)) {
        match geometry {
            Geometry::LineString(l) => fix(l),
            Geometry::MultiLineString(ls) => ls.0.iter_mut().for_each(fix),
            Geometry::Polygon(p) => p.interiors_mut(|rings| rings.iter_mut().for_each(fix)),
            Geometry::MultiPolygon(ps) => ps.0.iter_mut().for_each(|p| {
                p.exterior_mut(fix);
                p.interiors_mut(|rings| rings.iter_mut().for_each(fix));
            }),
            Geometry::GeometryCollection(gs) => gs.0.iter_mut().for_each(|g| each_line(g, fix)),
            _ => {}
        }
        if let Geometry::Polygon(p) = geometry {
            p.exterior_mut(fix);
        }
    }
    each_line(&mut geometry, &fix);
    geometry
}

fn collect_points(geometry: &Geometry<f64>, out: &mut Vec<Mercator>) {
    match geometry {
        Geometry::Point(p) => out.push([p.x(), p.y()]),
        Geometry::MultiPoint(ps) => out.extend(ps.iter().map(|p| [p.x(), p.y()])),
        Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| collect_points(g, out)),
        _ => {}
    }
}
