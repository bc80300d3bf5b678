//! Tiled vector layers: PMTiles archives and MVT tile servers, drawn a tile at a time for what
//! is in view, never read whole. Tiles come from a [`loader::Loader`] on its own thread, are
//! built by the same pipeline as a file's tiles ([`built`]), and are kept within a memory
//! budget, least recently drawn dropped first. While a tile loads, the nearest loaded tile
//! above or below it stands in, so the previous picture stays until the new one is ready.

pub mod basemap;
pub mod built;
pub mod list;
pub mod loader;
mod paint;
mod slots;
pub mod theme;

use std::sync::Arc;

use egui::{Color32, Rect, Shape};

use crate::data::formats::vector_tiles::{Location, TileAddress, TileSetInfo};
use crate::data::thematic::StyleRule;
use crate::map::frame_cache::FrameCache;
use crate::map::projection::{Mercator, ScreenTransform};
use crate::map::style::LayerStyle;
use theme::TiledClasses;

pub use built::BuiltTile;
pub use list::{SublayerRecord, TiledLayers, TiledRecord};
pub use loader::{Event, Loader, LoaderSettings};
pub use slots::{Slots, TileCounts};

/// What is remembered of one frame's shapes.
type ShapesKey = (
    ScreenTransform,
    Rect,
    u8,
    Vec<SourceLayer>,
    u32,
    u64,
    Option<Pick>,
);

/// One layer inside the tiles ("events", "water", "roads"…), with its own checkbox and style,
/// as QGIS lists a vector tile layer's styles.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLayer {
    pub name: String,
    pub visible: bool,
    pub style: LayerStyle,
    /// One colour, or a colour per value or class of a column.
    pub rule: StyleRule,
    /// The rule's classes, once found over the tiles in view ([`Self::classify`]).
    pub classes: Option<Arc<TiledClasses>>,
}

impl SourceLayer {
    /// The `index`th source layer, in the palette's next colour: a light fill, a thin outline
    /// and small dots, since a tiled layer may hold millions of features.
    fn new(name: String, index: usize) -> Self {
        let palette = crate::map::style::LAYER_PALETTE;
        let color = palette[index % palette.len()];
        Self {
            name,
            visible: true,
            style: style_of(color),
            rule: StyleRule::Single,
            classes: None,
        }
    }

    /// Find the rule's classes over `tiles` (the view's), replacing any found before.
    pub fn classify(&mut self, tiles: &[Arc<BuiltTile>]) {
        self.classes = TiledClasses::find(tiles, &self.name, &self.rule).map(Arc::new);
    }
}

/// A source layer's style in `color`.
pub fn style_of(color: Color32) -> LayerStyle {
    LayerStyle {
        fill: color.gamma_multiply(0.15),
        stroke: egui::Stroke::new(1.2, color),
        label: color,
        point_radius: 3.0,
    }
}

/// A feature of a tiled layer: the tile it was found in and its index there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub tile: TileAddress,
    pub feature: usize,
}

/// Whether the source opened.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceState {
    Opening,
    Open(TileSetInfo),
    Failed(String),
}

/// One tiled layer.
pub struct TiledLayer {
    pub id: u64,
    pub name: String,
    pub location: Location,
    /// The layers in its tiles, each styled on its own.
    pub sublayers: Vec<SourceLayer>,
    /// Source layers' looks from a project, given to them as they appear.
    pub saved_sublayers: Vec<SublayerRecord>,
    pub visible: bool,
    /// Multiplies the opacity of everything the layer draws, 0 to 1.
    pub opacity: f32,
    pub state: SourceState,
    loader: Loader,
    slots: Slots,
    cache: FrameCache<ShapesKey, Vec<Shape>>,
}

impl TiledLayer {
    /// A layer reading `location`; tiles start loading once it is first drawn.
    pub fn open(
        id: u64,
        location: Location,
        settings: &LoaderSettings,
        repaint: Option<egui::Context>,
    ) -> Result<Self, String> {
        let loader = Loader::start(location.clone(), settings, repaint)?;
        Ok(Self {
            id,
            name: location.short_name(),
            location,
            sublayers: Vec::new(),
            saved_sublayers: Vec::new(),
            visible: true,
            opacity: 1.0,
            state: SourceState::Opening,
            loader,
            slots: Slots::default(),
            cache: FrameCache::default(),
        })
    }

    /// Take in what the IO thread sent (every frame, shown or not, so that a hidden layer's
    /// row still says whether its source opened).
    pub fn poll(&mut self) {
        let mut built = false;
        for event in self.loader.poll() {
            match event {
                Event::Opened(info) => {
                    if let Some(name) = info.name.clone().filter(|n| !n.is_empty()) {
                        self.name = name;
                    }
                    for name in &info.layers {
                        self.add_sublayer(name);
                    }
                    self.state = SourceState::Open(info);
                }
                Event::OpenFailed(err) => {
                    log::error!("{err}");
                    self.state = SourceState::Failed(err);
                }
                Event::Tile(at, result) => {
                    if let Ok(Some(tile)) = &result {
                        tile.layers.iter().for_each(|name| self.add_sublayer(name));
                        built = true;
                    }
                    self.slots.arrived(at, result);
                }
                Event::Dropped(at) => self.slots.dropped(at),
            }
        }
        // Only when tiles arrive: a column no tile in view has is not looked for every frame.
        if built {
            self.classify_waiting();
        }
    }

    /// Find the classes of styles chosen before any tile of theirs was in view (a restored
    /// project's), once the view has some.
    fn classify_waiting(&mut self) {
        let waiting = |s: &SourceLayer| s.classes.is_none() && s.rule.column().is_some();
        if !self.sublayers.iter().any(waiting) {
            return;
        }
        let tiles = self.slots.ready_in_view();
        if tiles.is_empty() {
            return;
        }
        for sublayer in self.sublayers.iter_mut().filter(|s| waiting(s)) {
            sublayer.classify(&tiles);
        }
    }

    /// A source layer the list lacks (a tile server without metadata names its layers only
    /// in its tiles).
    fn add_sublayer(&mut self, name: &str) {
        if !self.sublayers.iter().any(|s| s.name == name) {
            let index = self.sublayers.len();
            let mut sublayer = SourceLayer::new(name.to_owned(), index);
            if let Some(saved) = self.saved_sublayers.iter().find(|s| s.name == name) {
                sublayer.visible = saved.visible;
                let [r, g, b, a] = saved.color;
                sublayer.style = style_of(Color32::from_rgba_unmultiplied(r, g, b, a));
                sublayer.rule = saved.rule.clone();
            }
            self.sublayers.push(sublayer);
        }
    }

    /// The source's own description, once it has opened.
    pub fn info(&self) -> Option<&TileSetInfo> {
        match &self.state {
            SourceState::Open(info) => Some(info),
            _ => None,
        }
    }

    /// The tiles' zoom for a view at `zoom`: one below it (a tile is drawn 256 to 512 points
    /// wide, as MapLibre draws them), within the source's zooms; past its deepest zoom the
    /// deepest tiles are enlarged (overzoom).
    pub fn tile_zoom(&self, zoom: f64) -> Option<u8> {
        let info = self.info()?;
        let z = (zoom - 1.0).floor().clamp(0.0, 30.0) as u8;
        Some(z.clamp(info.min_zoom, info.max_zoom))
    }

    /// Everything the layer draws in this view, asking for the tiles it lacks.
    pub fn shapes(&mut self, transform: &ScreenTransform, clip: Rect, zoom: f64) -> Vec<Shape> {
        self.shapes_with(transform, clip, zoom, None)
    }

    /// As [`Self::shapes`], with `highlight` outlined as selected.
    pub fn shapes_with(
        &mut self,
        transform: &ScreenTransform,
        clip: Rect,
        zoom: f64,
        highlight: Option<Pick>,
    ) -> Vec<Shape> {
        let Some(z) = self.tile_zoom(zoom).filter(|_| self.visible) else {
            return Vec::new();
        };
        let view = paint::view_tiles(transform, clip, z);
        self.slots.want(&view, &self.loader);
        let opacity = (self.opacity.clamp(0.0, 1.0) * 255.0).round() as u32;
        let key = (
            *transform,
            clip,
            z,
            self.sublayers.clone(),
            opacity,
            self.slots.generation(),
            highlight,
        );
        let (slots, sublayers) = (&self.slots, &self.sublayers);
        self.cache.get_or(key, || {
            let tiles = slots.drawable(&view);
            let palette: paint::Palette = sublayers
                .iter()
                .filter(|s| s.visible)
                .map(|s| {
                    let opacity = opacity as f32 / 255.0;
                    let paint = paint::LayerPaint {
                        colors: paint::Colors::of(&s.style, opacity),
                        classes: s.classes.clone(),
                        opacity,
                    };
                    (s.name.clone(), paint)
                })
                .collect();
            paint::shapes(&tiles, transform, &palette, highlight)
        })
    }

    /// The topmost feature under `at` (Mercator) within `tolerance` (Mercator units), in the
    /// tiles drawn at `zoom`.
    pub fn hit(&self, at: Mercator, tolerance: f64, zoom: f64) -> Option<Pick> {
        let z = self.tile_zoom(zoom).filter(|_| self.visible)?;
        let at = [at[0].rem_euclid(1.0), at[1]];
        let tile = self.slots.drawn_at(at, z)?;
        let shown = |f: u32| {
            let name = tile.layer_of(f as usize);
            self.sublayers
                .iter()
                .any(|s| s.visible && Some(s.name.as_str()) == name)
        };
        let feature = crate::map::vector::hit::hit(&tile.store, at, tolerance, true, shown)?;
        Some(Pick {
            tile: tile.at,
            feature,
        })
    }

    /// The tile a pick was made in, if it is still held.
    pub fn tile(&self, at: TileAddress) -> Option<Arc<BuiltTile>> {
        self.slots.ready(at)
    }

    /// The view's loaded tiles (as of the last frame drawn).
    pub fn ready_in_view(&self) -> Vec<Arc<BuiltTile>> {
        self.slots.ready_in_view()
    }

    /// Bumped whenever what the layer can draw changes.
    pub fn generation(&self) -> u64 {
        self.slots.generation()
    }

    /// How many tiles are loaded, loading, empty and failed, and the memory they hold.
    pub fn counts(&self) -> TileCounts {
        self.slots.counts()
    }

    /// Bytes fetched over the network, requests that failed for good, and the last error.
    pub fn network(&self) -> Option<(u64, u64, Option<String>)> {
        let stats = self.loader.stats()?;
        Some((stats.bytes(), stats.failures(), stats.last_error()))
    }
}

/// Draws a [`TiledLayer`] on the walkers map.
pub struct TiledLayerPlugin<'a> {
    pub layer: &'a mut TiledLayer,
    pub highlight: Option<Pick>,
}

impl walkers::Plugin for TiledLayerPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &walkers::Projector,
        memory: &walkers::MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let clip = ui.painter().clip_rect();
        let shapes = self
            .layer
            .shapes_with(&transform, clip, memory.zoom(), self.highlight);
        ui.painter().extend(shapes);
    }
}
