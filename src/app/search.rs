//! The search box's results, from every source the app holds, and what choosing one does.

use std::sync::Arc;

use egui::Ui;
use rayon::prelude::*;

use super::StrikemapApp;
use crate::background::Background;
use crate::data::gazetteer::fold;
use crate::data::properties::PropertyTable;
use crate::data::thematic::filter::SHOWN;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::user_layers::feature_name;
use crate::map::view::Fit;
use crate::ui::search::{Hit, MAX_HITS, Target, matches};

/// The columns a feature's name is looked for in.
const NAME_COLUMNS: [&str; 6] = [
    "name_en",
    "name",
    "title",
    "NAME",
    "location",
    "event_id_cnty",
];

impl StrikemapApp {
    /// The search box, when open (Ctrl+F), in a window under the menu. The opened layers are
    /// searched on a background thread; the previous results stay until the new ones come.
    pub(super) fn search_box(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
            self.panels.search.toggle();
        }
        if !self.panels.search.open {
            return;
        }
        self.update_hits(ctx);
        let hits = std::mem::take(&mut self.panels.search.hits);
        let mut open = true;
        let mut chosen = None;
        egui::Window::new("Search")
            .open(&mut open)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 30.0))
            .default_width(420.0)
            .collapsible(false)
            .show(ctx, |ui: &mut Ui| {
                chosen = self.panels.search.show(ui, &hits)
            });
        self.panels.search.hits = hits;
        self.panels.search.open &= open;
        if let Some(target) = chosen {
            self.go_to_target(target, ctx.input(|i| i.time));
        }
    }

    /// Take finished results; start a search when the query or what the layers show changed.
    fn update_hits(&mut self, ctx: &egui::Context) {
        let search = &mut self.panels.search;
        if let Some((asked, hits)) = Background::finished(&mut search.job) {
            if let Some(hits) = hits {
                search.hits = hits;
            }
            search.searched = Some(asked);
        }
        let key = (
            self.panels.search.query.clone(),
            self.layers
                .opened
                .layers
                .iter()
                .map(|l| (l.id, std::sync::Arc::as_ptr(&l.theme.result) as usize))
                .collect(),
        );
        let search = &self.panels.search;
        if search.searched.as_ref() == Some(&key) || search.job.is_some() {
            return;
        }
        let folded = fold(key.0.trim());
        let local = self.local_hits(&folded);
        let layers = self.layer_snapshots();
        self.panels.search.job = Background::spawn("strikemap-search", key, ctx, move || {
            let mut hits = local;
            let room = MAX_HITS.saturating_sub(hits.len());
            hits.extend(layer_hits(&layers, &folded, room));
            hits.truncate(MAX_HITS);
            hits
        });
    }

    /// Every match for `query`: story events, then bundled places, then opened layers'
    /// features the layers' filters show, at most [`MAX_HITS`] (here, on this thread).
    pub fn search_hits(&self, query: &str) -> Vec<Hit> {
        let folded = fold(query.trim());
        let mut hits = self.local_hits(&folded);
        let room = MAX_HITS.saturating_sub(hits.len());
        hits.extend(layer_hits(&self.layer_snapshots(), &folded, room));
        hits.truncate(MAX_HITS);
        hits
    }

    /// The story's events and the bundled places matching a folded query.
    fn local_hits(&self, folded: &str) -> Vec<Hit> {
        if folded.is_empty() {
            return Vec::new();
        }
        let search = &self.panels.search;
        let mut places = search.place_hits(folded);
        // A query in Arabic script: the places it names (or, failing that, sounds like) lead
        // to the events that name them in English.
        let mut names: Vec<String> = Vec::new();
        if crate::text::bidi::has_rtl(folded) {
            if places.is_empty() {
                places = search.sound_hits(folded);
            }
            names = places
                .iter()
                .filter(|hit| !hit.detail.starts_with("country"))
                .map(|hit| fold(&hit.label))
                .collect();
        }
        let names_it = |text: &str| names.iter().any(|name| matches(text, name));
        let mut hits: Vec<Hit> = self
            .story
            .data
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                matches(&e.title, folded)
                    || matches(&e.location, folded)
                    || names_it(&e.location)
                    || names_it(&e.title)
            })
            .map(|(index, event)| Hit {
                label: event.title.clone(),
                detail: format!("story event, {}", event.date.format("%-d %B %Y")),
                target: Target::Event(index),
            })
            .collect();
        hits.extend(places);
        hits
    }

    /// What a search needs of each opened layer, shared with its thread.
    fn layer_snapshots(&self) -> Vec<LayerSnapshot> {
        self.layers
            .opened
            .layers
            .iter()
            .map(|l| LayerSnapshot {
                id: l.id,
                name: l.layer.name.clone(),
                table: l.table.clone(),
                shown: l.theme.result.evaluation.flags.clone(),
            })
            .collect()
    }

    /// Fly to and select what a search result leads to.
    pub fn go_to_target(&mut self, target: Target, now: f64) {
        match target {
            Target::Event(index) => self.select_and_fly(index, now),
            Target::Feature { layer, index } => {
                self.selection.identify(Some(FeatureRef {
                    layer: LayerRef::User(layer),
                    index,
                }));
                self.fly_to_feature(layer, index, now);
            }
            Target::Place(index) => {
                let Some(place) = self.panels.search.places.get(index) else {
                    return;
                };
                let bounds = place.bounds;
                if bounds.width() < 0.01 && bounds.height() < 0.01 {
                    let at = walkers::lon_lat(bounds.center().x, bounds.center().y);
                    self.view.fly_to_zoom(at, self.zoom().max(9.0), now);
                } else {
                    self.view.request_fit(Fit::Bounds(bounds));
                }
            }
        }
    }
}

/// One opened layer as a search reads it.
struct LayerSnapshot {
    id: u64,
    name: String,
    table: Arc<PropertyTable>,
    /// Its evaluation flags (empty: all shown).
    shown: Arc<Vec<u8>>,
}

/// The shown features of `layers` whose name columns match, at most `room` of them.
fn layer_hits(layers: &[LayerSnapshot], folded: &str, room: usize) -> Vec<Hit> {
    let mut hits = Vec::new();
    if folded.is_empty() {
        return hits;
    }
    for layer in layers {
        if hits.len() >= room {
            break;
        }
        let table = &layer.table;
        let keys: Vec<usize> = NAME_COLUMNS.iter().filter_map(|k| table.key(k)).collect();
        let mut found: Vec<usize> = (0..table.len())
            .into_par_iter()
            .filter(|&row| layer.shown.get(row).is_none_or(|&f| f == SHOWN))
            .filter(|&row| {
                keys.iter()
                    .any(|&key| table.text(row, key).is_some_and(|t| matches(&t, folded)))
            })
            .take_any(room)
            .collect();
        found.sort_unstable();
        hits.extend(found.into_iter().map(|index| Hit {
            label: feature_name(table, index).unwrap_or_else(|| format!("feature #{index}")),
            detail: format!("in {}", layer.name),
            target: Target::Feature {
                layer: layer.id,
                index,
            },
        }));
    }
    hits.truncate(room);
    hits
}
