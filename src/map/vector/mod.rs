//! The one generic vector layer: any features (points, lines, polygons with holes) drawn by the
//! same pipeline whatever their size. Geometry is projected once into a compact store
//! ([`store`]), ranked for simplification once ([`simplify`]); each frame draws the tiles of its
//! zoom band that are in view ([`tile`], [`tiles`]), each built once: cut to the tile, rings too
//! small to see dropped, simplified, outlined and triangulated in bounded pieces. The cost of a
//! frame follows what is on screen, not the size of the file. Countries, provinces, the bundled
//! basemap and every file a user opens are instances of it.

mod clip;
mod cover;
pub(crate) mod hit;
pub mod lod;
pub(crate) mod paint;
pub mod simplestyle;
pub mod simplify;
pub mod store;
pub mod stroke;
pub mod theme;
pub mod tile;
pub mod tiles;
mod triangulate;

use std::sync::{Arc, OnceLock};

use crate::data::local_names::LabelLanguage;

use egui::{Color32, Rect, Shape};
use geo::Geometry;
use walkers::{MapMemory, Plugin, Projector};

pub use paint::PaintOptions;
pub use simplestyle::FeatureStyle;
pub use store::GeometryStore;
pub use theme::FeatureTheme;

use super::frame_cache::FrameCache;
use super::projection::{Mercator, ScreenTransform};
use super::style::LayerStyle;
use crate::data::GeoFeature;
use tiles::TileCache;

/// What is remembered of one frame's shapes: the view, the options, and the tiles' generation.
type ShapesKey = (ScreenTransform, Rect, u8, PaintOptions, u64, u64);

/// A named, styled set of features drawn together.
#[derive(Debug)]
pub struct VectorLayer {
    pub name: String,
    pub style: LayerStyle,
    /// Longitude/latitude bounds, for fitting the view.
    pub bounds: Option<geo::Rect<f64>>,
    /// Vertices of the full-resolution geometry, all features.
    pub vertex_count: usize,
    store: Arc<GeometryStore>,
    tiles: TileCache,
    /// Per feature, its own style (empty when no feature has one).
    styles: Vec<FeatureStyle>,
    /// Per feature, its name (empty when the layer's features are not named here).
    names: Vec<Option<String>>,
    /// Per feature, its local name (Persian or Urdu), for labels in the reader's language
    /// (empty but for the bundled layers).
    local_names: Vec<Option<String>>,
    /// Per named feature, where its label goes, found when first asked for.
    label_points: Vec<OnceLock<Option<Mercator>>>,
    /// Whether point features are drawn (and hit) here as dots; an opened file's points are
    /// clustered by a point layer instead.
    pub draw_points: bool,
    /// What the layer's filters and style make of its features.
    theme: Arc<FeatureTheme>,
    cache: FrameCache<ShapesKey, Vec<Shape>>,
}

impl VectorLayer {
    /// A layer of small, named features (the story's and the bundled basemap's).
    pub fn new(name: impl Into<String>, features: &[GeoFeature], style: LayerStyle) -> Self {
        let geometries = features.iter().map(|f| f.geometry.clone()).collect();
        let names = features
            .iter()
            .map(|f| f.name().map(str::to_owned))
            .collect();
        let styles = features
            .iter()
            .map(|f| FeatureStyle::from_properties(&f.properties))
            .collect();
        let mut layer = Self::build(name.into(), geometries, names, styles, style);
        layer.local_names = features
            .iter()
            .map(crate::data::local_names::local_name)
            .collect();
        layer
    }

    /// A layer from geometries (longitude/latitude), with per-feature names and styles (either
    /// may be empty: none named, none styled). Built on all cores.
    pub fn build(
        name: String,
        geometries: Vec<Geometry<f64>>,
        names: Vec<Option<String>>,
        styles: Vec<FeatureStyle>,
        style: LayerStyle,
    ) -> Self {
        let bounds = union_bounds(
            geometries
                .iter()
                .filter_map(geo::BoundingRect::bounding_rect),
        );
        let store = Arc::new(GeometryStore::build(geometries));
        let styles = if styles.iter().all(FeatureStyle::is_empty) {
            Vec::new()
        } else {
            styles
        };
        let label_points = names.iter().map(|_| OnceLock::new()).collect();
        Self {
            name,
            style,
            bounds,
            vertex_count: store.coords.len(),
            tiles: TileCache::new(store.clone()),
            store,
            styles,
            names,
            local_names: Vec::new(),
            label_points,
            draw_points: true,
            theme: Arc::default(),
            cache: FrameCache::default(),
        }
    }

    /// Number of features.
    pub fn feature_count(&self) -> usize {
        self.store.feature_count()
    }

    /// The geometry store (hit testing, tests, measurements).
    /// The store, shared (a thread counting points into this layer's polygons).
    pub fn store_arc(&self) -> Arc<GeometryStore> {
        self.store.clone()
    }

    pub fn store(&self) -> &GeometryStore {
        &self.store
    }

    /// The layer's tiles (how many are pending, their memory).
    pub fn tiles(&self) -> &TileCache {
        &self.tiles
    }

    /// Ask for a repaint when a tile built in the background arrives.
    pub fn repaint_with(&self, ctx: &egui::Context) {
        self.tiles.repaint_with(ctx);
    }

    /// A feature's own style.
    pub fn feature_style(&self, feature: usize) -> FeatureStyle {
        self.styles.get(feature).copied().unwrap_or_default()
    }

    /// Show features as `theme` says.
    pub fn set_theme(&mut self, theme: Arc<FeatureTheme>) {
        self.theme = theme;
    }

    pub fn theme(&self) -> &FeatureTheme {
        &self.theme
    }

    /// A feature's name, if the layer names its features.
    pub fn feature_name(&self, feature: usize) -> Option<&str> {
        self.names.get(feature)?.as_deref()
    }

    /// The name of a feature and where to write it (an interior point of its largest polygon,
    /// or its first point), if it has a name.
    pub fn label(&self, feature: usize) -> Option<(&str, Mercator)> {
        let name = self.feature_name(feature)?;
        let point = self
            .label_points
            .get(feature)?
            .get_or_init(|| hit::label_point(&self.store, feature));
        Some((name, (*point)?))
    }

    /// A feature's label in `language`, and where it goes.
    pub fn label_in(&self, feature: usize, language: LabelLanguage) -> Option<(String, Mercator)> {
        let (name, at) = self.label(feature)?;
        let local = self.local_names.get(feature).and_then(Option::as_deref);
        Some((language.text(name, local), at))
    }

    /// Screen rectangle of a feature, for culling and placing its label.
    pub fn screen_bounds(&self, feature: usize, transform: &ScreenTransform) -> Option<Rect> {
        let bounds = self.store.feature_bounds.get(feature)?;
        if bounds.min[0] > bounds.max[0] {
            return None;
        }
        let [min, max] = bounds.to_mercator();
        Some(transform.rect_to_screen(min, max))
    }

    /// The topmost feature (drawn last) under `at` (Mercator): inside a polygon, or within
    /// `tolerance` (Mercator units) of a line or point. Bounds narrow the search (an R-tree),
    /// the real, full-resolution geometry decides.
    /// A click on a copy of the world past ±180° asks the world it repeats.
    pub fn hit(&self, at: Mercator, tolerance: f64) -> Option<usize> {
        let at = [at[0].rem_euclid(1.0), at[1]];
        let theme = &self.theme;
        hit::hit(&self.store, at, tolerance, self.draw_points, |f| {
            theme.shown(f as usize)
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
        let band = lod::band_of(zoom);
        // The generation is read before the tiles are asked for: a tile arriving meanwhile
        // makes the next frame build again.
        let key = (
            *transform,
            clip,
            band,
            *options,
            self.tiles.generation(),
            self.theme.generation,
        );
        self.cache.get_or(key, || {
            paint::layer_shapes(self, transform, clip, zoom, options)
        })
    }
}

impl Drop for VectorLayer {
    fn drop(&mut self) {
        // Tiles still queued for a removed layer are not built.
        self.tiles.request(&[], &[]);
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
        self.layer.repaint_with(ui.ctx());
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
mod tests;
