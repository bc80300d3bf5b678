//! The eframe app: its state in owned parts (the story and what is computed from it, the map's
//! layers, the selection, the view, the time bar, background jobs), each in a file of its own
//! here, and the panels laid out over them. Drawing lives in `map`, panel pieces in `ui`.

mod area_layers;
mod areas;
mod capture;
mod dialogs;
mod export;
mod export_shown;
mod files;
mod jobs;
mod layers;
mod map_panel;
mod measure;
mod persist;
mod places;
mod points;
mod project;
mod project_menu;
mod search;
mod selection;
mod side_panel;
mod sketch;
mod sketch_panel;
mod story;
mod svg_export;
mod table;
mod tiled;
mod time;
mod unsaved;
mod view;

use std::path::PathBuf;

use egui::{Key, Ui};

use crate::data::layer_file::{DEFAULT_MAX_BYTES, Limits};
use crate::data::thematic::{ColumnFilter, StyleRule};
use crate::data::{DataSource, Event, ReferenceData, Story};
use crate::map::LayerList;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::tiles::TileLayer;
use crate::map::user_layers::UserLayers;
use crate::map::view::MapView;
use crate::ui;
use crate::ui::timeline::Timeline;

pub use crate::map::tiles::{CacheChoice, TileConfig};
pub use export::{ExportRequest, export_png};
pub use persist::SavedState;
pub use project::is_project;
pub use sketch::Tool as SketchTool;
pub use sketch_panel::SketchFormat;
pub use svg_export::SvgCounts;

use crate::ui::feature_table::FeatureTable;
use crate::ui::file_dialog::FileDialog;
use crate::ui::search::Search;
use jobs::Jobs;

/// The panels that come and go.
#[derive(Default)]
struct Panels {
    /// A layer's features as a table.
    table: FeatureTable,
    /// The search box (Ctrl+F).
    search: Search,
    /// A file dialog drawn in egui (where the platform has none), and what it is for.
    dialog: Option<(FileDialog, dialogs::DialogFor)>,
    /// The measure mode's measurement (`None`: not measuring).
    measure: Option<crate::data::measure::Measurement>,
    /// File → Open URL…'s text, while its window is open.
    open_url: Option<String>,
}
use layers::MapLayers;
use selection::Selection;
use story::StoryState;

/// Everything the command line decides.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    pub data: DataSource,
    pub tiles: TileConfig,
    /// GeoJSON files to open at start, as layers above the story.
    pub files: Vec<PathBuf>,
    /// Vector tile sources (PMTiles URLs, MVT tile URLs) to open at start.
    pub layer_urls: Vec<String>,
    /// A project file (`.strikemap`) to open at start.
    pub project: Option<PathBuf>,
    /// Filters every opened layer with the columns they name starts with.
    pub filters: Vec<ColumnFilter>,
    /// A style the opened layers with its column start with.
    pub style: Option<StyleRule>,
    /// Dates the time bar shows once the files are open.
    pub dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Count the first point layer's events per area once it is open.
    pub count_in: Option<crate::data::thematic::args::CountIn>,
    /// Files larger than this are refused before reading.
    pub max_file_bytes: u64,
    /// Files whose opening would need more memory than this are refused before reading
    /// (`None`: what the system has available).
    pub max_memory_bytes: Option<u64>,
    /// An event to select at start (its id).
    pub select: Option<String>,
    /// A view to start on: latitude, longitude, zoom.
    pub view: Option<(f64, f64, f64)>,
    /// Instead of opening a window, draw the map to this PNG file.
    pub export: Option<crate::export::ExportTarget>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            data: DataSource::Bundled,
            tiles: TileConfig::default(),
            files: Vec::new(),
            layer_urls: Vec::new(),
            project: None,
            filters: Vec::new(),
            style: None,
            dates: None,
            count_in: None,
            max_file_bytes: DEFAULT_MAX_BYTES,
            max_memory_bytes: None,
            select: None,
            view: None,
            export: None,
        }
    }
}

/// The app's whole state. Data flows one way: the story is loaded once, the map and panels read
/// it; a click changes the selection, and everything else reads that.
pub struct StrikemapApp {
    story: StoryState,
    layers: MapLayers,
    selection: Selection,
    view: MapView,
    /// The dates shown (the time bar under the map).
    timeline: Timeline,
    jobs: Jobs,
    /// The panels that come and go: the feature table, the search box.
    panels: Panels,
    /// Drawing for an exported image: no buttons on the map.
    exporting: bool,
    /// What the command line asked for once the files are open.
    after_load: areas::AfterLoad,
    /// The project file open, and its state as last opened or saved.
    project: Option<OpenProject>,
    /// The sketch layers and the tool drawing on them.
    sketch: sketch::SketchState,
}

/// A project file open in the window.
#[derive(Debug)]
struct OpenProject {
    path: PathBuf,
    saved: persist::SavedState,
}

impl StrikemapApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> Self {
        // A light theme: the map is a light reference map, and the panels read like print.
        ctx.set_theme(egui::ThemePreference::Light);
        crate::text::fonts::install(ctx);
        let reference = ReferenceData::bundled();
        let story = StoryState::load(&config.data, &reference.towns);
        let mut opened = UserLayers::new(Limits {
            max_file_bytes: config.max_file_bytes,
            max_memory_bytes: config.max_memory_bytes,
        });
        opened.start = crate::data::thematic::LayerSettings {
            filters: config.filters.clone(),
            style: config.style.clone().unwrap_or_default(),
        };
        let layers = MapLayers::new(
            &story.data,
            &reference,
            TileLayer::new(config.tiles.clone(), ctx),
            opened,
        );
        let search = Search::new(&reference, &story.data);
        let mut app = Self {
            timeline: Timeline::new(&story.data.events),
            view: MapView::new(layers.story_bounds()),
            story,
            layers,
            selection: Selection::default(),
            jobs: Jobs::default(),
            panels: Panels {
                search,
                ..Panels::default()
            },
            exporting: false,
            after_load: areas::AfterLoad {
                dates: config.dates,
                count_in: config.count_in.clone(),
            },
            project: None,
            sketch: sketch::SketchState::default(),
        };
        for path in config.files {
            app.open_file(path, ctx);
        }
        for url in &config.layer_urls {
            app.open_tiled(url, ctx);
        }
        if let Some(project) = &config.project
            && let Err(why) = app.open_project(project, ctx)
        {
            let shown = project.display().to_string();
            app.layers
                .opened
                .refused
                .push(crate::data::DataError::file(&shown, why));
        }
        app.apply_start(config.select.as_deref(), config.view);
        app
    }

    /// `--select` and `--view`: select the event (and centre the map on it, unless a view is
    /// given too), then set the view.
    fn apply_start(&mut self, select: Option<&str>, view: Option<(f64, f64, f64)>) {
        if let Some(id) = select {
            match self.story.data.event_index(id) {
                Some(index) => {
                    self.select(Some(index));
                    if view.is_none() {
                        let at = self.story.data.events[index].position;
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
        &self.story.data
    }

    pub fn layers(&self) -> &LayerList {
        &self.layers.list
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selection
            .event
            .and_then(|index| self.story.data.events.get(index))
    }

    pub fn hovered_event(&self) -> Option<&Event> {
        self.selection
            .hovered_event
            .and_then(|index| self.story.data.events.get(index))
    }

    /// Select an event by index (or clear the selection); the article follows. Selecting an
    /// event ends any identified feature's selection.
    pub fn select(&mut self, index: Option<usize>) {
        self.selection.select_event(index);
    }

    /// The feature a click identified, if any.
    pub fn identified(&self) -> Option<FeatureRef> {
        self.selection.feature
    }

    /// The layers the user opened, and the files loading or refused.
    pub fn user_layers(&self) -> &UserLayers {
        &self.layers.opened
    }

    /// The opened layers, to change their settings (tests, scripts).
    pub fn user_layers_mut(&mut self) -> &mut UserLayers {
        &mut self.layers.opened
    }

    /// An event's computed distances (border, province capital).
    pub fn event_geography(&self, index: usize) -> crate::data::geography::EventGeography {
        self.story.geography(index)
    }

    /// The whole window: layer list on the left, details and article on the right, map between.
    pub fn show(&mut self, ui: &mut Ui) {
        if ui.input(|input| input.key_pressed(Key::Escape)) {
            self.selection.clear();
        }
        self.take_files(ui.ctx());
        self.sync_time(ui.ctx());
        self.poll_export(ui.ctx());
        self.time_keys(ui.ctx());
        self.measure_keys(ui.ctx());
        self.sketch_keys(ui.ctx());
        self.project_frame(ui.ctx());
        self.unsaved_frame(ui.ctx());
        self.search_box(ui.ctx());
        self.egui_dialog(ui.ctx());
        self.open_url_window(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.layer_panel(ui));
            });
        self.drop_hidden_selection();
        egui::Panel::right("story")
            .resizable(true)
            .default_size(430.0)
            .show(ui, |ui| self.side_panel(ui));
        egui::Panel::bottom("timeline").show(ui, |ui| self.time_bar(ui));
        if self.panels.table.layer.is_some() {
            egui::Panel::bottom("feature-table")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| self.feature_table(ui));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui));
    }

    /// The left panel: a start-up warning, the opened files, the basemap, the story's layers.
    fn layer_panel(&mut self, ui: &mut Ui) {
        if let Some(warning) = &self.jobs.startup_warning {
            ui.colored_label(crate::map::style::WARNING, warning);
            ui.separator();
        }
        self.opened_layers(ui);
        self.tiled_panel(ui);
        self.sketch_layers(ui);
        let layers = &mut self.layers;
        ui::basemap::show(ui, &mut layers.tiles, layers.vector_basemap.as_ref());
        ui.separator();
        let problems: Vec<_> = self
            .story
            .data
            .problems
            .iter()
            .chain(&self.layers.reference_problems)
            .cloned()
            .collect();
        ui::layers::show(ui, &mut self.layers.list, &self.layers.provinces, &problems);
    }

    /// What is no longer shown is no longer selected: an event whose layer was hidden, a
    /// feature whose layer is hidden or gone, a point the time bar's range hides, a cluster
    /// list whose layer went.
    fn drop_hidden_selection(&mut self) {
        if let Some(index) = self.selection.event
            && !self.events_visible().get(index).copied().unwrap_or(false)
        {
            self.select(None);
        }
        if let Some(feature) = self.selection.feature
            && !self
                .identifiable()
                .iter()
                .any(|(layer, _)| *layer == feature.layer)
        {
            self.selection.feature = None;
        }
        if let Some(FeatureRef {
            layer: LayerRef::User(id),
            index,
        }) = self.selection.feature
            && let Some(layer) = self.layers.opened.get(id)
            && !layer.feature_shown(index)
        {
            self.selection.feature = None;
        }
        if let Some(list) = self.selection.cluster_list
            && self
                .layers
                .opened
                .get(list.layer)
                .is_none_or(|l| !l.visible)
        {
            self.selection.cluster_list = None;
        }
    }
}

impl eframe::App for StrikemapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(persist::STORAGE_KEY, self.save_state());
    }
}
