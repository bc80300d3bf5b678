//! One feature ready to draw and to hit-test: its geometry projected to Mercator once, its
//! bounds, its label, its own style (simplestyle properties), and its geometry per zoom band,
//! built when first needed.

use std::sync::OnceLock;

use egui::Rect;
use geo::{
    BoundingRect, Coord, Geometry, GeometryCollection, InteriorPoint, LineString, MultiLineString,
    MultiPolygon, Polygon,
};

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
    /// The feature's name (name_en, name or title property), for labels and hover.
    pub name: Option<String>,
    /// Where its label goes: an interior point, so it sits inside concave shapes. Found when
    /// first asked for: only labelled layers need it, and it is costly for large polygons.
    label_point: OnceLock<Option<Mercator>>,
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

        let mut points = Vec::new();
        collect_points(&geometry, &mut points);
        Self {
            vertex_count: geo::CoordsIter::coords_count(&geometry),
            geometry,
            min,
            max,
            name: feature.name().map(str::to_owned),
            label_point: OnceLock::new(),
            style: FeatureStyle::from_properties(&feature.properties),
            points,
            bands: Default::default(),
        }
    }

    /// The name and where to write it, if the feature has a name.
    pub fn label(&self) -> Option<(&str, Mercator)> {
        let name = self.name.as_deref()?;
        let point = self.label_point.get_or_init(|| {
            let point = self.geometry.interior_point()?;
            Some([point.x(), point.y()])
        });
        Some((name, (*point)?))
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

/// Lon/lat to Mercator, in one pass. A line or ring that crosses the antimeridian (a jump of
/// more than 180° between neighbours) is unwrapped to continue past ±180° instead of crossing
/// the whole world.
fn project(geometry: &Geometry<f64>) -> Geometry<f64> {
    match geometry {
        Geometry::Point(p) => Geometry::Point(geo::Point(project_coord(p.0))),
        Geometry::MultiPoint(ps) => {
            Geometry::MultiPoint(ps.iter().map(|p| geo::Point(project_coord(p.0))).collect())
        }
        Geometry::Line(l) => {
            Geometry::LineString(project_line(&LineString::new(vec![l.start, l.end])))
        }
        Geometry::LineString(l) => Geometry::LineString(project_line(l)),
        Geometry::MultiLineString(ls) => {
            Geometry::MultiLineString(MultiLineString::new(ls.iter().map(project_line).collect()))
        }
        Geometry::Polygon(p) => Geometry::Polygon(project_polygon(p)),
        Geometry::MultiPolygon(ps) => {
            Geometry::MultiPolygon(MultiPolygon::new(ps.iter().map(project_polygon).collect()))
        }
        Geometry::Rect(r) => Geometry::Polygon(project_polygon(&r.to_polygon())),
        Geometry::Triangle(t) => Geometry::Polygon(project_polygon(&t.to_polygon())),
        Geometry::GeometryCollection(gs) => Geometry::GeometryCollection(
            GeometryCollection::new_from(gs.iter().map(project).collect()),
        ),
    }
}

fn project_coord(c: Coord<f64>) -> Coord<f64> {
    let [x, y] = to_mercator(c.x, c.y);
    Coord { x, y }
}

fn project_polygon(polygon: &Polygon<f64>) -> Polygon<f64> {
    Polygon::new(
        project_line(polygon.exterior()),
        polygon.interiors().iter().map(project_line).collect(),
    )
}

fn project_line(line: &LineString<f64>) -> LineString<f64> {
    let mut shift = 0.0;
    let mut previous: Option<f64> = None;
    LineString::new(
        line.0
            .iter()
            .map(|c| {
                if let Some(prev) = previous {
                    if c.x - prev > 180.0 {
                        shift -= 360.0;
                    } else if prev - c.x > 180.0 {
                        shift += 360.0;
                    }
                }
                previous = Some(c.x);
                project_coord(Coord {
                    x: c.x + shift,
                    y: c.y,
                })
            })
            .collect(),
    )
}

fn collect_points(geometry: &Geometry<f64>, out: &mut Vec<Mercator>) {
    match geometry {
        Geometry::Point(p) => out.push([p.x(), p.y()]),
        Geometry::MultiPoint(ps) => out.extend(ps.iter().map(|p| [p.x(), p.y()])),
        Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| collect_points(g, out)),
        _ => {}
    }
}
