//! The map's view as the rest of the app (and tests, and benchmarks) asks about it: zoom,
//! centre, where things were drawn, and the tiles still being built.

use egui::{Pos2, Rect};

use super::StrikemapApp;
use crate::map::projection::{ScreenTransform, from_mercator};
use crate::map::tiles::{Basemap, TileStatus};

impl StrikemapApp {
    /// Tiles of the visible opened layers that the last frame asked for and could not draw
    /// yet (they are being built in the background).
    pub fn pending_tiles(&self) -> usize {
        self.layers
            .opened
            .layers
            .iter()
            .filter(|l| l.visible)
            .map(|l| l.layer.tiles().pending())
            .sum::<usize>()
            + self.layers.tiled.pending()
    }

    /// The map's zoom level (walkers' scale: 0 shows the whole world in one tile).
    pub fn zoom(&self) -> f64 {
        self.view.memory.zoom()
    }

    /// The basemap shown now.
    pub fn basemap(&self) -> Basemap {
        self.layers.tiles.basemap()
    }

    /// Switch basemaps (the layer panel's choice).
    pub fn set_basemap(&mut self, basemap: Basemap, ctx: &egui::Context) {
        self.layers.tiles.set_basemap(basemap, ctx);
    }

    /// The tiles' state, for the status line; `None` on the offline basemap.
    pub fn tile_status(&mut self) -> Option<TileStatus> {
        self.layers.tiles.status()
    }

    /// Centre the map on a longitude/latitude at a zoom level.
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) {
        self.view.set(walkers::lon_lat(lon, lat), zoom);
    }

    /// What the map showed when last drawn: west, south, east, north in longitude/latitude.
    pub fn view_bounds(&self) -> Option<[f64; 4]> {
        let rect = self.view.rect?;
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let nw = from_mercator(transform.from_screen(rect.left_top()));
        let se = from_mercator(transform.from_screen(rect.right_bottom()));
        Some([nw.x(), se.y(), se.x(), nw.y()])
    }

    /// The centre of the map (longitude, latitude) and its zoom, as last drawn.
    pub fn view_centre(&self) -> (f64, f64, f64) {
        let zoom = self.zoom();
        let Some(rect) = self.view.rect else {
            return (self.view.home.x(), self.view.home.y(), zoom);
        };
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let centre = from_mercator(transform.from_screen(rect.center()));
        let lon = crate::map::projection::wrap_longitude(centre.x());
        (lon, centre.y(), zoom)
    }

    /// The map's screen rectangle in the last frame.
    pub fn map_rect(&self) -> Option<Rect> {
        self.view.rect
    }

    /// Where a longitude/latitude was on screen in the last frame.
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<Pos2> {
        self.view.screen_pos(geo::Point::new(lon, lat))
    }

    /// Where the event's marker was drawn in the last frame, through the map's own projection.
    pub fn marker_screen_pos(&self, event_id: &str) -> Option<Pos2> {
        let event = self.story.data.events.iter().find(|e| e.id == event_id)?;
        self.view.screen_pos(event.position)
    }
}
