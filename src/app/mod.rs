//! The eframe app: owns the state (loaded story, prepared layers, opened layers, layer
//! visibility, selection, map view) and lays out the panels. Drawing lives in `map`, panel
//! pieces in `ui`; the map panel, the side panel and opening files have a file each here.

mod export;
mod files;
mod map_panel;
mod persist;
mod places;
mod points;
mod side_panel;
mod time;
mod view;

use std::path::PathBuf;

use egui::{Key, Rect, Ui};

use crate::data::article_places::{self, ArticleLink, ArticlePlace};
use crate::data::geography::{EventGeography, Landmarks};
use crate::data::layer_file::{DEFAULT_MAX_BYTES, Limits};
use crate::data::{DataSource, Event, ReferenceData, Story};
use crate::map::basemap::ReferenceMap;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::tiles::TileLayer;
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
    /// Files whose opening would need more memory than this are refused before reading
    /// (`None`: what the system has available).
    pub max_memory_bytes: Option<u64>,
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
            max_memory_bytes: None,
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
    /// A cluster of points that share one place, listed in the side panel.
    cluster_list: Option<points::ClusterList>,
}

impl StrikemapApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        // A light theme: the map is a light reference map, and the panels read like print.
        ctx.set_theme(egui::ThemePreference::Light);
        let story = Story::load(&config.data);
        for problem in &story.problems {
            log::error!("{problem}");
        }
        let (countries, provinces, layers) = story_layers(&story);
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
            user_layers: UserLayers::new(Limits {
                max_file_bytes: config.max_file_bytes,
                max_memory_bytes: config.max_memory_bytes,
            }),
            file_dialog: None,
            identified: None,
            hovered_feature: None,
            view,
            selection: None,
            hovered: None,
            scroll_article: false,
            cluster_list: None,
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

    /// The whole window: layer list on the left, details and article on the right, map between.
    pub fn show(&mut self, ui: &mut Ui) {
        if ui.input(|input| input.key_pressed(Key::Escape)) {
            self.select(None);
            self.identified = None;
        }
        self.take_files(ui.ctx());
        self.sync_time();
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
        // Likewise an identified feature whose layer is hidden or gone, or a point the time
        // bar's range now hides.
        if let Some(feature) = self.identified
            && !self
                .identifiable()
                .iter()
                .any(|(layer, _)| *layer == feature.layer)
        {
            self.identified = None;
        }
        if let Some(FeatureRef {
            layer: LayerRef::User(id),
            index,
        }) = self.identified
            && let Some(points) = self.user_layers.get(id).and_then(|l| l.points.as_ref())
            && !points.feature_shown(index)
        {
            self.identified = None;
        }
        if let Some(list) = self.cluster_list
            && self.user_layers.get(list.layer).is_none_or(|l| !l.visible)
        {
            self.cluster_list = None;
        }
    }
}

/// The story's countries and provinces as layers (one per province, so each has its own
/// checkbox), and the layer list with their checkboxes and the markers'.
fn story_layers(story: &Story) -> (VectorLayer, Vec<VectorLayer>, LayerList) {
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
    (countries, provinces, layers)
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
