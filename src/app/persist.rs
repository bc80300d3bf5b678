//! What the app remembers between runs (eframe persistence): the view, which layers are shown,
//! the basemap, the selection, the dates, and the files opened with their colour, opacity,
//! visibility, order, filters and style. Saved as versioned JSON; a
//! saved state that is corrupt or from another version is set aside with a warning, and the
//! app starts as if new.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::StrikemapApp;
use crate::map::tiles::Basemap;
use crate::map::user_layers::record::LayerRecord;

/// The key under which the state is stored.
pub const STORAGE_KEY: &str = "strikemap-state";
/// Bumped whenever the saved fields change meaning.
pub(super) const VERSION: u32 = 1;

/// The remembered state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedState {
    pub version: u32,
    /// Latitude, longitude, zoom.
    pub view: (f64, f64, f64),
    /// Layer panel rows by name, and whether each is shown.
    pub layers: Vec<(String, bool)>,
    pub basemap: Basemap,
    /// The selected event's id.
    pub selected: Option<String>,
    /// The time bar's range.
    pub dates: (NaiveDate, NaiveDate),
    /// Files opened as layers (opened again at start; a missing one is reported).
    pub files: Vec<PathBuf>,
    /// The opened layers' colour, opacity, visibility, filters and style, top first (absent
    /// from states saved before they were kept).
    #[serde(default)]
    pub opened: Vec<LayerRecord>,
    /// The sketch layers, embedded whole (absent from states saved before there were any).
    #[serde(default)]
    pub sketches: Vec<crate::data::sketch::Sketch>,
    /// The panels that come and go.
    #[serde(default)]
    pub panels: PanelState,
    /// Which names map labels show (English when absent, as before there was a choice).
    #[serde(default)]
    pub label_language: crate::data::local_names::LabelLanguage,
    /// The tiled layers (PMTiles, tile servers), top first.
    #[serde(default)]
    pub tiled: Vec<crate::map::tiled::TiledRecord>,
}

/// The panels' state kept with the rest: the measurement being made, the mark selected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PanelState {
    pub measure: Option<crate::data::measure::Measurement>,
    /// Sketch layer, mark.
    pub selected_mark: Option<(usize, usize)>,
}

impl StrikemapApp {
    /// The state to remember, as JSON.
    pub fn save_state(&self) -> String {
        serde_json::to_string(&self.state_model()).unwrap_or_default()
    }

    /// What is remembered between runs and written to a project file: one model for both.
    pub(super) fn state_model(&self) -> SavedState {
        let center = self.view.memory.detached().unwrap_or(self.view.home);
        SavedState {
            version: VERSION,
            view: (center.y(), center.x(), self.view.memory.zoom()),
            layers: self
                .layers
                .list
                .entries
                .iter()
                .map(|e| (e.name.clone(), e.visible))
                .collect(),
            basemap: self.layers.tiles.basemap(),
            selected: self.selected_event().map(|e| e.id.clone()),
            dates: (self.timeline.from, self.timeline.to),
            files: self
                .layers
                .opened
                .layers
                .iter()
                .rev()
                .filter(|l| l.aggregate.is_none())
                .map(|l| l.path.clone())
                .chain(self.layers.opened.missing().map(PathBuf::from))
                .collect(),
            opened: self.layers.opened.records(),
            sketches: self.sketch.layers.clone(),
            panels: PanelState {
                measure: self.panels.measure.clone(),
                selected_mark: self.selected_mark(),
            },
            label_language: self.layers.list.language,
            tiled: self.layers.tiled.records(),
        }
    }

    /// Restore a remembered state. A corrupt or other-version one changes nothing and says why.
    pub fn restore_state(&mut self, json: &str, ctx: &egui::Context) -> Result<(), String> {
        let state: SavedState = serde_json::from_str(json)
            .map_err(|err| format!("the saved state is unreadable ({err}); starting afresh"))?;
        if state.version != VERSION {
            return Err(format!(
                "the saved state is from another version ({}); starting afresh",
                state.version
            ));
        }
        self.restore_model(state, ctx);
        Ok(())
    }

    /// Apply a remembered state or an opened project: the view, the layers and their looks,
    /// the basemap, the dates, the selection; the files are opened again.
    pub(super) fn restore_model(&mut self, state: SavedState, ctx: &egui::Context) {
        let (lat, lon, zoom) = state.view;
        if lat.is_finite() && lon.is_finite() && zoom.is_finite() {
            self.set_view(lon, lat, zoom);
        }
        for (name, visible) in state.layers {
            if let Some(entry) = self.layers.list.entries.iter_mut().find(|e| e.name == name) {
                entry.visible = visible;
            }
        }
        self.layers.list.language = state.label_language;
        if self.layers.tiles.choices().contains(&state.basemap) {
            self.layers.tiles.set_basemap(state.basemap, ctx);
        }
        self.timeline.set_range(state.dates.0, state.dates.1);
        if let Some(index) = state
            .selected
            .and_then(|id| self.story.data.event_index(&id))
        {
            self.select(Some(index));
        }
        self.layers.opened.expect(state.opened);
        self.layers.tiled.restore(state.tiled, Some(ctx.clone()));
        self.restore_sketches(state.sketches, state.panels);
        for path in state.files {
            let open = self.layers.opened.layers.iter().any(|l| l.path == path)
                || self.layers.opened.jobs.iter().any(|j| j.path == path);
            if !open {
                self.open_file(path, ctx);
            }
        }
        // Dates from an opened file lie outside the story's span until it has loaded: set
        // them again then, or they would be clamped to the story's days.
        if !self.layers.opened.jobs.is_empty() {
            self.after_load.dates = Some(state.dates);
        }
    }

    /// Restore from eframe's storage at start, unless the command line chose a view or an
    /// event; a problem is logged and shown in the layer panel.
    pub fn restore_from(&mut self, storage: Option<&dyn eframe::Storage>, ctx: &egui::Context) {
        let Some(json) = storage.and_then(|s| s.get_string(STORAGE_KEY)) else {
            return;
        };
        if let Err(warning) = self.restore_state(&json, ctx) {
            log::warn!("{warning}");
            self.jobs.startup_warning = Some(warning);
        }
    }
}
