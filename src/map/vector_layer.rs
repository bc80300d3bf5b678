//! The one generic GeoJSON layer: any features (points, lines, polygons with holes) prepared once
//! (projected to Mercator, polygons triangulated with earcut) and then painted every frame
//! with a cheap affine transform. Countries and provinces are instances of it.

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape, epaint::Vertex};
use geo::{BoundingRect, Geometry, InteriorPoint, MapCoords, Polygon, TriangulateEarcut};
use walkers::{MapMemory, Plugin, Projector};

use super::projection::{Mercator, ScreenTransform, to_mercator};
use super::style::LayerStyle;
use crate::data::GeoFeature;

/// One feature ready to paint.
#[derive(Debug, Clone, Default)]
pub struct PreparedFeature {
    /// Triangulated fill: vertices in Mercator and triangle indices into them.
    fill_vertices: Vec<Mercator>,
    fill_indices: Vec<u32>,
    /// Polygon rings (closed) and lines (open) to stroke.
    rings: Vec<Vec<Mercator>>,
    lines: Vec<Vec<Mercator>>,
    points: Vec<Mercator>,
    /// Mercator bounding box, for culling.
    min: Mercator,
    max: Mercator,
    /// Name and where to put it (an interior point, so it sits inside concave shapes).
    pub label: Option<(String, Mercator)>,
}

impl PreparedFeature {
    /// Project and triangulate a feature. Done once, when a layer is loaded.
    pub fn new(feature: &GeoFeature) -> Self {
        let mut prepared = PreparedFeature {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
            ..Default::default()
        };
        let merc = feature.geometry.map_coords(|c| {
            let [x, y] = to_mercator(c.x, c.y);
            geo::coord! { x: x, y: y }
        });
        prepared.add(&merc);
        if let Some(rect) = merc.bounding_rect() {
            prepared.min = [rect.min().x, rect.min().y];
            prepared.max = [rect.max().x, rect.max().y];
        }
        prepared.label = feature.name().and_then(|name| {
            let point = merc.interior_point()?;
            Some((name.to_owned(), [point.x(), point.y()]))
        });
        prepared
    }

    fn add(&mut self, geometry: &Geometry<f64>) {
        let coords = |line: &geo::LineString<f64>| -> Vec<Mercator> {
            line.coords().map(|c| [c.x, c.y]).collect()
        };
        match geometry {
            Geometry::Point(p) => self.points.push([p.x(), p.y()]),
            Geometry::MultiPoint(ps) => self.points.extend(ps.iter().map(|p| [p.x(), p.y()])),
            Geometry::Line(l) => self
                .lines
                .push(vec![[l.start.x, l.start.y], [l.end.x, l.end.y]]),
            Geometry::LineString(l) => self.lines.push(coords(l)),
            Geometry::MultiLineString(ls) => self.lines.extend(ls.iter().map(coords)),
            Geometry::Polygon(p) => self.add_polygon(p),
            Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| self.add_polygon(p)),
            Geometry::Rect(r) => self.add_polygon(&r.to_polygon()),
            Geometry::Triangle(t) => self.add_polygon(&t.to_polygon()),
            Geometry::GeometryCollection(gs) => gs.iter().for_each(|g| self.add(g)),
        }
    }

    fn add_polygon(&mut self, polygon: &Polygon<f64>) {
        let raw = polygon.earcut_triangles_raw();
        let base = self.fill_vertices.len() as u32;
        self.fill_vertices.extend(raw.vertices);
        self.fill_indices
            .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            self.rings.push(ring.coords().map(|c| [c.x, c.y]).collect());
        }
    }

    /// Number of triangles in the fill (tests check that concave shapes are fully covered).
    pub fn triangle_count(&self) -> usize {
        self.fill_indices.len() / 3
    }

    /// Whether any of the feature is inside `clip` (a screen rectangle).
    fn on_screen(&self, transform: &ScreenTransform, clip: Rect) -> bool {
        transform
            .rect_to_screen(self.min, self.max)
            .intersects(clip)
    }

    /// The triangulated fill as one mesh of `color`, if the feature has an area.
    pub fn fill_shape(&self, transform: &ScreenTransform, color: Color32) -> Option<Shape> {
        if color.a() == 0 || self.fill_indices.is_empty() {
            return None;
        }
        Some(Shape::mesh(Mesh {
            vertices: self
                .fill_vertices
                .iter()
                .map(|&p| Vertex {
                    pos: transform.to_screen(p),
                    uv: egui::epaint::WHITE_UV,
                    color,
                })
                .collect(),
            indices: self.fill_indices.clone(),
            ..Default::default()
        }))
    }

    /// Paint fill, outlines and points; skipped when off screen.
    pub fn paint(&self, painter: &Painter, transform: &ScreenTransform, style: &LayerStyle) {
        let mut shapes = Vec::new();
        self.shapes(transform, painter.clip_rect(), style, &mut shapes);
        painter.extend(shapes);
    }

    /// The shapes [`Self::paint`] paints, for a caller that places them itself (the basemap).
    pub fn shapes(
        &self,
        transform: &ScreenTransform,
        clip: Rect,
        style: &LayerStyle,
        out: &mut Vec<Shape>,
    ) {
        if !self.on_screen(transform, clip) {
            return;
        }
        out.extend(self.fill_shape(transform, style.fill));
        let to_screen = |line: &Vec<Mercator>| -> Vec<Pos2> {
            line.iter().map(|&p| transform.to_screen(p)).collect()
        };
        if style.stroke.width > 0.0 {
            for ring in &self.rings {
                out.push(Shape::closed_line(to_screen(ring), style.stroke));
            }
            for line in &self.lines {
                out.push(Shape::line(to_screen(line), style.stroke));
            }
        }
        for &point in &self.points {
            out.push(Shape::circle_filled(
                transform.to_screen(point),
                style.point_radius + 1.0,
                Color32::WHITE,
            ));
            out.push(Shape::circle_filled(
                transform.to_screen(point),
                style.point_radius,
                style.stroke.color,
            ));
        }
    }

    /// Screen rectangle of the feature, for placing its label.
    pub fn screen_bounds(&self, transform: &ScreenTransform) -> Rect {
        transform.rect_to_screen(self.min, self.max)
    }
}

/// A named, styled set of features drawn together.
#[derive(Debug, Clone)]
pub struct VectorLayer {
    pub name: String,
    pub style: LayerStyle,
    pub features: Vec<PreparedFeature>,
    /// Longitude/latitude bounds, for fitting the view.
    pub bounds: Option<geo::Rect<f64>>,
}

impl VectorLayer {
    pub fn new(name: impl Into<String>, features: &[GeoFeature], style: LayerStyle) -> Self {
        let bounds = union_bounds(features.iter().filter_map(|f| f.geometry.bounding_rect()));
        Self {
            name: name.into(),
            style,
            features: features.iter().map(PreparedFeature::new).collect(),
            bounds,
        }
    }

    /// The fills of all features on screen in one colour (the land of the basemap).
    pub fn fill_shapes(
        &self,
        transform: &ScreenTransform,
        clip: Rect,
        color: Color32,
    ) -> Vec<Shape> {
        self.features
            .iter()
            .filter(|feature| feature.on_screen(transform, clip))
            .filter_map(|feature| feature.fill_shape(transform, color))
            .collect()
    }
}

/// Draws a [`VectorLayer`] on the walkers map.
pub struct VectorLayerPlugin<'a> {
    pub layer: &'a VectorLayer,
}

impl Plugin for VectorLayerPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        for feature in &self.layer.features {
            feature.paint(ui.painter(), &transform, &self.layer.style);
        }
    }
}

/// The smallest rectangle holding all of `rects`.
pub fn union_bounds(rects: impl IntoIterator<Item = geo::Rect<f64>>) -> Option<geo::Rect<f64>> {
    rects.into_iter().reduce(|a, b| {
        geo::Rect::new(
            geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
            geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, polygon};

    /// A concave "U" must be filled exactly: the triangles cover the shape and nothing else,
    /// which a convex fill of its outline would not.
    #[test]
    fn concave_polygons_are_filled_exactly() {
        let u = polygon![
            (x: 60.0, y: 25.0), (x: 63.0, y: 25.0), (x: 63.0, y: 29.0), (x: 62.0, y: 29.0),
            (x: 62.0, y: 26.0), (x: 61.0, y: 26.0), (x: 61.0, y: 29.0), (x: 60.0, y: 29.0),
        ];
        let feature = GeoFeature {
            id: None,
            geometry: Geometry::Polygon(u.clone()),
            properties: Default::default(),
        };
        let prepared = PreparedFeature::new(&feature);
        assert_eq!(prepared.triangle_count(), 6);
        let triangles: f64 = prepared
            .fill_indices
            .chunks(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| prepared.fill_vertices[i as usize]);
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum();
        let outline = u.map_coords(|c| {
            let [x, y] = to_mercator(c.x, c.y);
            geo::coord! { x: x, y: y }
        });
        let expected = outline.unsigned_area();
        assert!(
            (triangles - expected).abs() < expected * 1e-9,
            "{triangles} vs {expected}"
        );
        let hull = geo::ConvexHull::convex_hull(&outline).unsigned_area();
        assert!(triangles < hull * 0.8, "the notch of the U must stay empty");
    }
}
