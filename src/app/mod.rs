//! The eframe app: owns the state (loaded story, prepared layers, opened layers, layer
//! visibility, selection, map view) and lays out the panels. Drawing lives in `map`, panel
//! pieces in `ui`; the map panel, the side panel and opening files have a file each here.

mod export;
mod files;
mod map_panel;
mod persist;
mod places;
mod side_panel;
mod time;

use std::path::PathBuf;

use egui::{Key, Pos2, Rect, Ui};

use crate::data::article_places::{self, ArticleLink, ArticlePlace};
use crate::data::geography::{EventGeography, Landmarks};
use crate::data::layer_file::DEFAULT_MAX_BYTES;
use crate::data::{DataSource, Event, ReferenceData, Story};
use crate::map::basemap::ReferenceMap;
use crate::map::identify::FeatureRef;
use crate::map::tiles::{Basemap, TileLayer};
use crate::map::user_layers::UserLayers;
use crate::map::vector::union_bounds;
use crate::map::view::MapView;
use crate::map::{LayerList, MarkerGroup, VectorLayer, style};
use crate::ui;
use crate::ui::timeline::Timeline;

pub use crate::map::tiles::{CacheChoice, TileConfig};
pub use persist::SavedState;

/// Everything the command line decides.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    pub data: DataSource,
    pub tiles: TileConfig,
    /// GeoJSON files to open at start, as layers above the story.
    pub files: Vec<PathBuf>,
    /// Files larger than this are refused before reading.
    pub max_file_bytes: u64,
    /// An event to select at start (its id).
    pub select: Option<String>,
    /// A view to start on: latitude, longitude, zoom.
    pub view: Option<(f64, f64, f64)>,
    /// Instead of opening a window, draw the map to this PNG file at this size in pixels.
    pub export: Option<(PathBuf, [u32; 2])>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            data: DataSource::Bundled,
            tiles: TileConfig::default(),
            files: Vec::new(),
            max_file_bytes: DEFAULT_MAX_BYTES,
            select: None,
            view: None,
            export: None,
        }
    }
}

/// The app's whole state. Data flows one way: the story is loaded once, the map and panels read
/// it; a click produces a selection here, and everything else reads that.
pub struct StrikemapApp {
    story: Story,
    countries: VectorLayer,
    /// One layer per province, so each has its own checkbox.
    provinces: Vec<VectorLayer>,
    /// The bundled reference map beneath the tiles.
    reference: ReferenceMap,
    reference_problems: Vec<crate::data::DataError>,
    layers: LayerList,
    tiles: TileLayer,
    view: MapView,
    /// The border and capitals the events' distances are measured to.
    landmarks: Landmarks,
    /// The configuration the app started with (exports start again from it).
    config: AppConfig,
    /// Drawing for an exported image: no buttons on the map.
    exporting: bool,
    /// File → Export PNG… running, and what the last export said.
    export_job: Option<export::ExportJob>,
    export_message: Option<String>,
    /// A problem found at start (a saved state set aside), shown in the layer panel.
    startup_warning: Option<String>,
    /// The places the article names, its mentions of them, and the one hovered or clicked.
    article_places: Vec<ArticlePlace>,
    article_links: Vec<ArticleLink>,
    hovered_place: Option<usize>,
    focused_place: Option<usize>,
    /// Where the article's links were drawn in the last frame.
    article_link_rects: Vec<Rect>,
    /// The dates shown (the time bar under the map).
    timeline: Timeline,
    /// Files the user opened, and those loading.
    user_layers: UserLayers,
    /// A file dialog running on its own thread.
    file_dialog: Option<std::sync::mpsc::Receiver<Vec<PathBuf>>>,
    selection: Option<usize>,
    hovered: Option<usize>,
    /// The feature a click identified (when no event is selected), and the one under the pointer.
    identified: Option<FeatureRef>,
    hovered_feature: Option<FeatureRef>,
    /// Set when the selection changes, so the article scrolls to its passage once.
    scroll_article: bool,
}

impl StrikemapApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        // A light theme: the map is a light reference map, and the panels read like print.
        ctx.set_theme(egui::ThemePreference::Light);
        let story = Story::load(&config.data);
        for problem in &story.problems {
            log::error!("{problem}");
        }
        let countries = VectorLayer::new("Countries", &story.countries, style::COUNTRIES);
        let provinces: Vec<VectorLayer> = story
            .provinces
            .iter()
            .enumerate()
            .map(|(index, feature)| {
                let name = feature
                    .name()
                    .map_or_else(|| format!("Province {}", index + 1), str::to_owned);
                let style = style::province(feature.property_str("iso_3166_2"));
                VectorLayer::new(name, std::slice::from_ref(feature), style)
            })
            .collect();
        let extra_groups: Vec<MarkerGroup> = story
            .events
            .iter()
            .map(MarkerGroup::of)
            .filter(|group| *group == MarkerGroup::OtherStrikes)
            .take(1)
            .collect();
        let province_names: Vec<String> = provinces.iter().map(|p| p.name.clone()).collect();
        let layers = LayerList::new(&province_names, &extra_groups);
        let reference_data = ReferenceData::bundled();
        for problem in &reference_data.problems {
            log::error!("{problem}");
        }
        let story_codes: Vec<&str> = story
            .provinces
            .iter()
            .filter_map(|p| p.property_str("iso_3166_2"))
            .collect();
        let reference = ReferenceMap::new(&reference_data, &story.countries, &story_codes);
        let landmarks = Landmarks::new(&story, &reference_data.towns);
        let timeline = Timeline::new(&story.events);
        let (article_places, article_links) = article_places::link(&story, &reference_data.towns);
        let view = MapView::new(story_bounds(&provinces, &countries));
        let mut app = Self {
            story,
            countries,
            provinces,
            reference,
            reference_problems: reference_data.problems,
            landmarks,
            timeline,
            article_places,
            article_links,
            hovered_place: None,
            focused_place: None,
            article_link_rects: Vec::new(),
            startup_warning: None,
            config: config.clone(),
            exporting: false,
            export_job: None,
            export_message: None,
            layers,
            tiles: TileLayer::new(config.tiles, ctx),
            user_layers: UserLayers::new(config.max_file_bytes),
            file_dialog: None,
            identified: None,
            hovered_feature: None,
            view,
            selection: None,
            hovered: None,
            scroll_article: false,
        };
        for path in config.files {
            app.open_file(path, ctx);
        }
        app.apply_start(config.select.as_deref(), config.view);
        app
    }

    /// `--select` and `--view`: select the event (and centre the map on it, unless a view is
    /// given too), then set the view.
    fn apply_start(&mut self, select: Option<&str>, view: Option<(f64, f64, f64)>) {
        if let Some(id) = select {
            match self.story.event_index(id) {
                Some(index) => {
                    self.select(Some(index));
                    if view.is_none() {
                        let at = self.story.events[index].position;
                        // The story's fit decides the zoom; the event is the centre.
                        self.view.center_after_fit(walkers::lon_lat(at.x(), at.y()));
                    }
                }
                None => log::warn!("--select: no event has the id {id}"),
            }
        }
        if let Some((lat, lon, zoom)) = view {
            self.set_view(lon, lat, zoom);
        }
    }

    pub fn story(&self) -> &Story {
        &self.story
    }

    pub fn layers(&self) -> &LayerList {
        &self.layers
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selection
            .and_then(|index| self.story.events.get(index))
    }

    pub fn hovered_event(&self) -> Option<&Event> {
        self.hovered.and_then(|index| self.story.events.get(index))
    }

    /// Select an event by index (or clear the selection); the article follows. Selecting an
    /// event ends any identified feature's selection.
    pub fn select(&mut self, index: Option<usize>) {
        if index != self.selection {
            self.selection = index;
            self.scroll_article = index.is_some();
        }
        if index.is_some() {
            self.identified = None;
            self.focused_place = None;
        }
    }

    /// The feature a click identified, if any.
    pub fn identified(&self) -> Option<FeatureRef> {
        self.identified
    }

    /// The layers the user opened, and the files loading or refused.
    pub fn user_layers(&self) -> &UserLayers {
        &self.user_layers
    }

    /// The map's zoom level (walkers' scale: 0 shows the whole world in one tile).
    pub fn zoom(&self) -> f64 {
        self.view.memory.zoom()
    }

    /// The basemap shown now.
    pub fn basemap(&self) -> Basemap {
        self.tiles.basemap()
    }

    /// Switch basemaps (the layer panel's choice).
    pub fn set_basemap(&mut self, basemap: Basemap, ctx: &egui::Context) {
        self.tiles.set_basemap(basemap, ctx);
    }

    /// The tiles' state, for the status line; `None` on the offline basemap.
    pub fn tile_status(&mut self) -> Option<crate::map::tiles::TileStatus> {
        self.tiles.status()
    }

    /// Centre the map on a longitude/latitude at a zoom level.
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) {
        self.view.set(walkers::lon_lat(lon, lat), zoom);
    }

    /// The map's screen rectangle in the last frame.
    pub fn map_rect(&self) -> Option<Rect> {
        self.view.rect
    }

    /// An event's computed distances (border, province capital).
    pub fn event_geography(&self, index: usize) -> EventGeography {
        match self.story.events.get(index) {
            Some(event) => {
                let province = self.story.event_province.get(index).copied().flatten();
                self.landmarks.of(event, province)
            }
            None => EventGeography::default(),
        }
    }

    /// Where a longitude/latitude was on screen in the last frame.
    pub fn screen_pos(&self, lon: f64, lat: f64) -> Option<Pos2> {
        self.view.screen_pos(geo::Point::new(lon, lat))
    }

    /// Where the event's marker was drawn in the last frame, through the map's own projection.
    pub fn marker_screen_pos(&self, event_id: &str) -> Option<Pos2> {
        let event = self.story.events.iter().find(|e| e.id == event_id)?;
        self.view.screen_pos(event.position)
    }

    /// The whole window: layer list on the left, details and article on the right, map between.
    pub fn show(&mut self, ui: &mut Ui) {
        if ui.input(|input| input.key_pressed(Key::Escape)) {
            self.select(None);
            self.identified = None;
        }
        self.take_files(ui.ctx());
        self.poll_export();
        self.time_keys(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if let Some(warning) = &self.startup_warning {
                        ui.colored_label(egui::Color32::from_rgb(160, 60, 30), warning);
                        ui.separator();
                    }
                    self.opened_layers(ui);
                    ui::basemap::show(ui, &mut self.tiles);
                    ui.separator();
                    let problems: Vec<_> = self
                        .story
                        .problems
                        .iter()
                        .chain(&self.reference_problems)
                        .cloned()
                        .collect();
                    ui::layers::show(ui, &mut self.layers, &self.provinces, &problems);
                });
            });
        self.drop_hidden_selection();
        egui::Panel::right("story")
            .resizable(true)
            .default_size(430.0)
            .show(ui, |ui| self.side_panel(ui));
        egui::Panel::bottom("timeline").show(ui, |ui| self.time_bar(ui));
        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui));
    }

    /// A selected event whose layer was just hidden is deselected: what is not shown is not selected.
    fn drop_hidden_selection(&mut self) {
        if let Some(index) = self.selection
            && !self.events_visible().get(index).copied().unwrap_or(false)
        {
            self.select(None);
        }
        // Likewise an identified feature whose layer is hidden or gone.
        if let Some(feature) = self.identified
            && !self
                .identifiable()
                .iter()
                .any(|(layer, _)| *layer == feature.layer)
        {
            self.identified = None;
        }
    }
}

/// The provinces' bounds, or the countries' when there are no provinces.
fn story_bounds(provinces: &[VectorLayer], countries: &VectorLayer) -> Option<geo::Rect<f64>> {
    union_bounds(provinces.iter().filter_map(|layer| layer.bounds)).or(countries.bounds)
}

impl eframe::App for StrikemapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(persist::STORAGE_KEY, self.save_state());
    }
}
