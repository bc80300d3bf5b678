//! The eframe app: owns the state (loaded story, prepared layers, layer visibility, selection,
//! map view) and lays out the panels. Drawing lives in `map`, panel pieces in `ui`.

use egui::{Key, Pos2, Rect, Ui};
use walkers::Map;

use crate::data::{DataSource, Event, ReferenceData, Story};
use crate::map::basemap::{BasemapPaint, BasemapSlot, ReferenceMap};
use crate::map::labels::LabelsPlugin;
use crate::map::markers::MarkersPlugin;
use crate::map::tiles::{Basemap, TileLayer};
use crate::map::vector_layer::{VectorLayerPlugin, union_bounds};
use crate::map::view::{Fit, MapView};
use crate::map::{LayerId, LayerList, MarkerGroup, MarkerInput, VectorLayer, controls, style};
use crate::ui;

pub use crate::map::tiles::{CacheChoice, TileConfig};

/// Everything the command line decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    pub data: DataSource,
    pub tiles: TileConfig,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            data: DataSource::Bundled,
            tiles: TileConfig::default(),
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
    selection: Option<usize>,
    hovered: Option<usize>,
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
        let view = MapView::new(story_bounds(&provinces, &countries));
        Self {
            story,
            countries,
            provinces,
            reference,
            reference_problems: reference_data.problems,
            layers,
            tiles: TileLayer::new(config.tiles, ctx),
            view,
            selection: None,
            hovered: None,
            scroll_article: false,
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

    /// Select an event by index (or clear the selection); the article follows.
    pub fn select(&mut self, index: Option<usize>) {
        if index != self.selection {
            self.selection = index;
            self.scroll_article = index.is_some();
        }
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

    /// The map's screen rectangle in the last frame.
    pub fn map_rect(&self) -> Option<Rect> {
        self.view.rect
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
        }
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
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
        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui));
    }

    fn side_panel(&mut self, ui: &mut Ui) {
        match self.selection {
            Some(index) => {
                egui::ScrollArea::vertical()
                    .id_salt("event-details")
                    .max_height(ui.available_height() * 0.5)
                    .show(ui, |ui| ui::event_details::show(ui, &self.story, index));
            }
            None => {
                ui.heading("Event");
                ui.weak("Click a marker on the map to read what happened there.");
            }
        }
        ui.separator();
        let selected = self.selected_event();
        let highlight = selected
            .zip(self.story.article.as_ref())
            .map(|(event, article)| ui::article::Highlight {
                ranges: event
                    .article_quotes
                    .iter()
                    .filter_map(|quote| article.find(quote))
                    .collect(),
                event_title: &event.title,
            });
        ui::article::show(
            ui,
            self.story.article.as_ref(),
            highlight.as_ref(),
            self.scroll_article,
        );
        self.scroll_article = false;
    }

    /// A selected event whose layer was just hidden is deselected: what is not shown is not selected.
    fn drop_hidden_selection(&mut self) {
        if let Some(event) = self.selected_event()
            && !self
                .layers
                .is_visible(LayerId::Markers(MarkerGroup::of(event)))
        {
            self.select(None);
        }
    }

    fn map(&mut self, ui: &mut Ui) {
        let rect = ui.available_rect_before_wrap();
        self.view.rect = Some(rect);
        let visible: Vec<bool> = self
            .story
            .events
            .iter()
            .map(|event| {
                self.layers
                    .is_visible(LayerId::Markers(MarkerGroup::of(event)))
            })
            .collect();
        let shown_points = self.story.events.iter().zip(&visible);
        self.view.apply_fit(
            rect,
            story_bounds(&self.provinces, &self.countries),
            shown_points
                .filter(|(_, shown)| **shown)
                .map(|(event, _)| event.position),
        );
        let basemap = BasemapSlot::reserve(ui);
        let mut input = MarkerInput::default();
        let mut occupied = Vec::new();
        let mut map = Map::new(self.tiles.tiles(), &mut self.view.memory, self.view.home)
            .zoom_with_ctrl(false)
            .double_click_to_zoom(true);
        if self.layers.is_visible(LayerId::Countries) {
            map = map.with_plugin(VectorLayerPlugin {
                layer: &self.countries,
            });
        }
        let mut labelled = Vec::new();
        for (index, province) in self.provinces.iter().enumerate() {
            if self.layers.is_visible(LayerId::Province(index)) {
                map = map.with_plugin(VectorLayerPlugin { layer: province });
                labelled.push(province);
            }
        }
        let show_labels = self.layers.is_visible(LayerId::Labels);
        if show_labels {
            map = map.with_plugin(LabelsPlugin {
                layers: labelled,
                placed: &mut occupied,
            });
        }
        map = map.with_plugin(MarkersPlugin {
            events: &self.story.events,
            visible: &visible,
            selected: self.selection,
            show_labels,
            input: &mut input,
        });
        ui.add(map);
        occupied.extend(input.occupied.iter().copied());
        basemap.paint(
            ui,
            rect,
            &self.view.memory,
            self.view.home,
            BasemapPaint {
                reference: &self.reference,
                region: &self.countries,
                occupied: &occupied,
                labels: show_labels,
            },
        );

        let buttons = controls::zoom_buttons(ui, rect, &mut self.view.memory);
        if buttons.reset_view {
            self.view.request_fit(Fit::Story);
        } else if buttons.show_all_events {
            self.view.request_fit(Fit::AllEvents);
        }
        let attribution = self.tiles.attribution();
        let status = self.tiles.status_lines();
        controls::attribution(ui, rect, attribution.as_ref(), &status);

        self.hovered = input.hovered;
        if let Some(clicked) = input.clicked {
            self.select(clicked);
            ui.ctx().request_repaint();
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
}
