//! The one generic GeoJSON layer: any features (points, lines, polygons with holes), projected
//! once, simplified and triangulated once per zoom band, and painted every frame by moving
//! vertices. Countries, provinces, the bundled basemap and every file a user opens are
//! instances of it.

mod feature;
pub mod lod;
mod paint;
pub mod simplestyle;

use egui::{Color32, Rect, Shape};
use geo::BoundingRect;
use rstar::RTree;
use rstar::primitives::{GeomWithData, Rectangle};
use walkers::{MapMemory, Plugin, Projector};

pub use feature::PreparedFeature;
pub use paint::PaintOptions;

use super::frame_cache::FrameCache;
use super::projection::{Mercator, ScreenTransform};
use super::style::LayerStyle;
use crate::data::GeoFeature;

/// Feature bounds in Mercator, for finding what lies under a click.
type Indexed = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// A named, styled set of features drawn together.
#[derive(Debug)]
pub struct VectorLayer {
    pub name: String,
    pub style: LayerStyle,
    pub features: Vec<PreparedFeature>,
    /// Longitude/latitude bounds, for fitting the view.
    pub bounds: Option<geo::Rect<f64>>,
    /// Vertices of the full-resolution geometry, all features.
    pub vertex_count: usize,
    index: RTree<Indexed>,
    /// The last frame's shapes, reused while the view and options stay the same.
    cache: FrameCache<(ScreenTransform, Rect, usize, PaintOptions), Vec<Shape>>,
}

impl VectorLayer {
    pub fn new(name: impl Into<String>, features: &[GeoFeature], style: LayerStyle) -> Self {
        let bounds = union_bounds(features.iter().filter_map(|f| f.geometry.bounding_rect()));
        let prepared: Vec<PreparedFeature> = features.iter().map(PreparedFeature::new).collect();
        Self::from_prepared(name.into(), prepared, bounds, style)
    }

    /// A layer from features prepared elsewhere (e.g. on a loading thread).
    pub fn from_prepared(
        name: String,
        features: Vec<PreparedFeature>,
        bounds: Option<geo::Rect<f64>>,
        style: LayerStyle,
    ) -> Self {
        let index = RTree::bulk_load(
            features
                .iter()
                .enumerate()
                .filter(|(_, f)| f.min[0] <= f.max[0])
                .map(|(i, f)| GeomWithData::new(Rectangle::from_corners(f.min, f.max), i))
                .collect(),
        );
        Self {
            name,
            style,
            vertex_count: features.iter().map(|f| f.vertex_count).sum(),
            features,
            bounds,
            index,
            cache: FrameCache::default(),
        }
    }

    /// Build the geometry of `band` for the given features, on both cores when there is much
    /// to do. Already built bands are kept.
    pub fn prepare_band<'a>(
        &'a self,
        band: usize,
        features: impl Iterator<Item = &'a PreparedFeature>,
    ) {
        let missing: Vec<&PreparedFeature> = features
            .filter(|f| f.band_if_ready(band).is_none())
            .collect();
        let work: usize = missing.iter().map(|f| f.vertex_count).sum();
        if work < 20_000 {
            missing.iter().for_each(|f| {
                f.band(band);
            });
            return;
        }
        let half = missing.len() / 2;
        let (first, second) = missing.split_at(half);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                first.iter().for_each(|f| {
                    f.band(band);
                })
            });
            second.iter().for_each(|f| {
                f.band(band);
            });
        });
    }

    /// The topmost feature (drawn last) under `at` (Mercator): inside a polygon, or within
    /// `tolerance` (Mercator units) of a line or point. Bounds narrow the search (an R-tree),
    /// the real geometry decides.
    pub fn hit(&self, at: Mercator, tolerance: f64) -> Option<usize> {
        use geo::{Contains, Distance, Euclidean};
        let query = rstar::AABB::from_corners(
            [at[0] - tolerance, at[1] - tolerance],
            [at[0] + tolerance, at[1] + tolerance],
        );
        let point = geo::Point::new(at[0], at[1]);
        let mut candidates: Vec<usize> = self
            .index
            .locate_in_envelope_intersecting(&query)
            .map(|item| item.data)
            .collect();
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        candidates.into_iter().find(|&i| {
            let geometry = &self.features[i].geometry;
            geometry.contains(&point) || Euclidean.distance(geometry, &point) <= tolerance
        })
    }

    /// The fills of all features on screen in one colour (the land of the basemap).
    pub fn fill_shapes(
        &self,
        transform: &ScreenTransform,
        clip: Rect,
        zoom: f64,
        color: Color32,
    ) -> Vec<Shape> {
        let options = PaintOptions {
            fill: Some(color),
            stroke: Some(egui::Stroke::NONE),
            ..PaintOptions::default()
        };
        self.shapes(transform, clip, zoom, &options)
    }

    /// Everything this layer draws in this view, as a few large meshes.
    pub fn shapes(
        &self,
        transform: &ScreenTransform,
        clip: Rect,
        zoom: f64,
        options: &PaintOptions,
    ) -> Vec<Shape> {
        let key = (*transform, clip, lod::band_of(zoom), *options);
        self.cache.get_or(key, || {
            paint::layer_shapes(self, transform, clip, zoom, options)
        })
    }
}

/// Draws a [`VectorLayer`] on the walkers map.
pub struct VectorLayerPlugin<'a> {
    pub layer: &'a VectorLayer,
    pub options: PaintOptions,
}

impl Plugin for VectorLayerPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let clip = ui.painter().clip_rect();
        let shapes = self
            .layer
            .shapes(&transform, clip, memory.zoom(), &self.options);
        ui.painter().extend(shapes);
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
    use crate::map::projection::to_mercator;
    use geo::{Area, Geometry, MapCoords, line_string, polygon};

    fn feature(geometry: Geometry<f64>) -> GeoFeature {
        GeoFeature {
            id: None,
            geometry,
            properties: Default::default(),
        }
    }

    /// A concave "U" must be filled exactly: the triangles cover the shape and nothing else,
    /// which a convex fill of its outline would not.
    #[test]
    fn concave_polygons_are_filled_exactly() {
        let u = polygon![
            (x: 60.0, y: 25.0), (x: 63.0, y: 25.0), (x: 63.0, y: 29.0), (x: 62.0, y: 29.0),
            (x: 62.0, y: 26.0), (x: 61.0, y: 26.0), (x: 61.0, y: 29.0), (x: 60.0, y: 29.0),
        ];
        let prepared = PreparedFeature::new(&feature(Geometry::Polygon(u.clone())));
        let band = prepared.band(lod::MAX_BAND);
        assert_eq!(band.triangle_count(), 6);
        let triangles: f64 = band
            .fill_indices
            .chunks(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| band.fill_vertices[i as usize]);
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

    #[test]
    fn coarser_bands_have_fewer_vertices_and_a_tiny_shape_vanishes() {
        // A wiggly 1°-wide ring of 400 vertices.
        let ring: Vec<(f64, f64)> = (0..400)
            .map(|i| {
                let a = i as f64 / 400.0 * std::f64::consts::TAU;
                let r = 0.5 + 0.01 * (a * 40.0).sin();
                (60.0 + r * a.cos(), 28.0 + r * a.sin())
            })
            .collect();
        let prepared = PreparedFeature::new(&feature(Geometry::Polygon(geo::Polygon::new(
            ring.into(),
            vec![],
        ))));
        let fine = prepared.band(12).fill_vertices.len();
        let coarse = prepared.band(5).fill_vertices.len();
        assert!(coarse < fine / 4, "{coarse} vs {fine}");
        let tiny = polygon![
            (x: 60.0, y: 28.0), (x: 60.001, y: 28.0), (x: 60.001, y: 28.001), (x: 60.0, y: 28.001),
        ];
        let tiny = PreparedFeature::new(&feature(Geometry::Polygon(tiny)));
        assert!(
            tiny.band(0).fill_vertices.is_empty(),
            "smaller than a point at zoom 0"
        );
        assert!(
            !tiny.band(18).fill_vertices.is_empty(),
            "drawn when zoomed in"
        );
    }

    #[test]
    fn a_click_hits_the_topmost_feature_by_its_real_shape() {
        // An L-shape and, above it, a small square in its notch's bounding box.
        let l = polygon![
            (x: 60.0, y: 25.0), (x: 64.0, y: 25.0), (x: 64.0, y: 26.0), (x: 61.0, y: 26.0),
            (x: 61.0, y: 29.0), (x: 60.0, y: 29.0),
        ];
        let line = line_string![(x: 62.0, y: 28.0), (x: 63.0, y: 28.0)];
        let layer = VectorLayer::new(
            "test",
            &[
                feature(Geometry::Polygon(l)),
                feature(Geometry::LineString(line)),
            ],
            crate::map::style::COUNTRIES,
        );
        let tolerance = 1e-5;
        // Inside the L.
        assert_eq!(layer.hit(to_mercator(60.5, 27.0), tolerance), Some(0));
        // In the L's bounding box but outside its shape.
        assert_eq!(layer.hit(to_mercator(63.0, 27.0), tolerance), None);
        // On the line.
        assert_eq!(layer.hit(to_mercator(62.5, 28.0), tolerance), Some(1));
    }

    #[test]
    fn a_line_across_the_antimeridian_stays_short() {
        let line = line_string![(x: 179.0, y: 10.0), (x: -179.0, y: 10.0)];
        let prepared = PreparedFeature::new(&feature(Geometry::LineString(line)));
        let width = prepared.max[0] - prepared.min[0];
        assert!(
            width < 0.01,
            "drawn the short way, not across the world: {width}"
        );
    }

    #[test]
    fn polar_coordinates_project_to_finite_points() {
        let line = line_string![(x: 0.0, y: 89.0), (x: 10.0, y: 90.0), (x: 20.0, y: -90.0)];
        let prepared = PreparedFeature::new(&feature(Geometry::LineString(line)));
        assert!(
            prepared
                .min
                .iter()
                .chain(&prepared.max)
                .all(|v| v.is_finite())
        );
        let band = prepared.band(3);
        assert!(
            band.stroke_vertices
                .iter()
                .all(|v| v.at.iter().all(|c| c.is_finite()))
        );
    }
}
