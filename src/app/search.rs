//! The search box's results, from every source the app holds, and what choosing one does.

use egui::Ui;
use rayon::prelude::*;

use super::StrikemapApp;
use crate::data::gazetteer::fold;
use crate::map::identify::{FeatureRef, LayerRef};
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
    /// The search box, when open (Ctrl+F), in a window under the menu.
    pub(super) fn search_box(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
            self.panels.search.toggle();
        }
        if !self.panels.search.open {
            return;
        }
        let key = (
            self.panels.search.query.clone(),
            self.layers.opened.layers.iter().map(|l| l.id).collect(),
        );
        if self.panels.search.searched.as_ref() != Some(&key) {
            self.panels.search.hits = self.search_hits(&key.0);
            self.panels.search.searched = Some(key);
        }
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

    /// Every match for `query`: story events, then bundled places, then opened layers'
    /// features, at most [`MAX_HITS`].
    pub fn search_hits(&self, query: &str) -> Vec<Hit> {
        let folded = fold(query.trim());
        if folded.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .story
            .data
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches(&e.title, &folded) || matches(&e.location, &folded))
            .map(|(index, event)| Hit {
                label: event.title.clone(),
                detail: format!("story event, {}", event.date.format("%-d %B %Y")),
                target: Target::Event(index),
            })
            .collect();
        hits.extend(self.panels.search.place_hits(&folded));
        for layer in &self.layers.opened.layers {
            if hits.len() >= MAX_HITS {
                break;
            }
            let keys: Vec<usize> = NAME_COLUMNS
                .iter()
                .filter_map(|k| layer.table.key(k))
                .collect();
            let found: Vec<usize> = (0..layer.table.len())
                .into_par_iter()
                .filter(|&row| {
                    keys.iter().any(|&key| {
                        layer
                            .table
                            .text(row, key)
                            .is_some_and(|t| matches(&t, &folded))
                    })
                })
                .take_any(MAX_HITS)
                .collect();
            let mut found = found;
            found.sort_unstable();
            hits.extend(found.into_iter().map(|index| {
                Hit {
                    label: layer
                        .feature_name(index)
                        .unwrap_or_else(|| format!("feature #{index}")),
                    detail: format!("in {}", layer.layer.name),
                    target: Target::Feature {
                        layer: layer.id,
                        index,
                    },
                }
            }));
        }
        hits.truncate(MAX_HITS);
        hits
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
