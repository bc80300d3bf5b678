//! The right-hand panel: the selected event's details (or the identified feature's properties)
//! above the article, whose passages about the selected event are highlighted.

use egui::Ui;

use super::StrikemapApp;
use crate::data::GeoFeature;
use crate::data::event_columns::EventColumns;
use crate::data::layer_file::geometry_name;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::user_layers::UserLayer;
use crate::ui;
use crate::ui::feature_details::{EventHeader, FeatureInfo};

impl StrikemapApp {
    pub(super) fn side_panel(&mut self, ui: &mut Ui) {
        self.measure_panel(ui);
        self.sketch_panel(ui);
        self.details(ui);
        ui.separator();
        self.article(ui);
    }

    /// The top half: a cluster's list, the selected event, the identified feature, or a hint.
    fn details(&mut self, ui: &mut Ui) {
        let details_height = ui.available_height() * 0.5;
        if let Some(list) = self.selection.cluster_list {
            egui::ScrollArea::vertical()
                .id_salt("cluster-list")
                .max_height(details_height)
                .show(ui, |ui| self.cluster_list_panel(ui, list));
        }
        if let Some(events) = self.selection.passage_events.clone() {
            self.passage_choice(ui, &events);
            return;
        }
        match (self.selection.event, self.selection.feature) {
            _ if self.selection.cluster_list.is_some() => {}
            (Some(index), _) => {
                egui::ScrollArea::vertical()
                    .id_salt("event-details")
                    .max_height(details_height)
                    .show(ui, |ui| {
                        let geography = self.event_geography(index);
                        let border = self.story.border();
                        ui::event_details::show(ui, &self.story.data, index, &geography, border);
                    });
            }
            (None, Some(feature)) => {
                let chosen = egui::ScrollArea::vertical()
                    .id_salt("feature-details")
                    .max_height(details_height)
                    .show(ui, |ui| {
                        self.feature_details(ui, feature);
                        self.area_events(ui, feature)
                    })
                    .inner;
                if chosen.is_some() {
                    self.selection.identify(chosen);
                }
            }
            (None, None) if let Some(pick) = self.selection.tiled => {
                egui::ScrollArea::vertical()
                    .id_salt("tiled-details")
                    .max_height(details_height)
                    .show(ui, |ui| self.tiled_details(ui, pick));
            }
            (None, None) => {
                ui.heading("Event");
                ui.weak("Click a marker on the map to read what happened there, or any other shape to see its properties.");
            }
        }
    }

    /// The article, its passages about the selected event highlighted, its places linked.
    fn article(&mut self, ui: &mut Ui) {
        let highlight = self
            .selection
            .event
            .zip(self.selected_event())
            .map(|(index, event)| ui::article::Highlight {
                ranges: self.story.passages_of(index),
                event_title: &event.title,
            });
        let passages: Vec<(std::ops::Range<usize>, Vec<usize>)> = self
            .story
            .passages()
            .iter()
            .map(|p| (p.range.clone(), p.events.clone()))
            .collect();
        let output = ui::article::show(
            ui,
            self.story.data.article.as_ref(),
            &ui::article::ArticleView {
                highlight: highlight.as_ref(),
                scroll_to_highlight: self.selection.scroll_article,
                links: &self.story.links,
                passages: &passages,
            },
        );
        self.selection.scroll_article = false;
        self.selection.hovered_place = output
            .hovered_link
            .and_then(|i| self.story.links.get(i))
            .map(|l| l.place);
        self.selection.link_rects = output.link_rects;
        self.selection.passage_rects = output.passage_rects;
        let now = ui.input(|i| i.time);
        if let Some(link) = output.clicked_link {
            self.go_to_place(link, now);
        } else if let Some(events) = output.clicked_passage {
            match events[..] {
                [event] => self.select_and_fly(event, now),
                // A passage about several events says so and offers each.
                _ => {
                    self.selection.clear();
                    self.selection.passage_events = Some(events);
                }
            }
        }
    }

    /// The events a clicked passage is about, each a link that selects it.
    fn passage_choice(&mut self, ui: &mut Ui, events: &[usize]) {
        ui.heading(format!(
            "This passage is about {} events",
            crate::format::thousands(events.len())
        ));
        ui.weak("Choose one to see its details:");
        let mut chosen = None;
        for &index in events {
            if let Some(event) = self.story.data.events.get(index)
                && ui.link(&event.title).clicked()
            {
                chosen = Some(index);
            }
        }
        if let Some(index) = chosen {
            self.select_and_fly(index, ui.input(|i| i.time));
        }
    }

    fn feature_details(&self, ui: &mut Ui, feature: FeatureRef) {
        let index = feature.index;
        match feature.layer {
            LayerRef::User(id) => {
                let Some(user) = self.layers.opened.get(id) else {
                    return;
                };
                if index >= user.feature_count() {
                    return;
                }
                let properties = user.table.row_map(index);
                let feature_id = user.feature_id(index);
                let info = FeatureInfo {
                    layer: user.layer.name.as_str(),
                    index,
                    id: feature_id.as_deref(),
                    geometry: user.geometry_names.get(index).copied().unwrap_or("?"),
                    vertices: user.vertex_counts.get(index).copied().unwrap_or(0) as usize,
                    codebook: user.format == "ACLED CSV"
                        || properties.contains_key("event_id_cnty"),
                    properties: &properties,
                    event: event_header(user, index),
                };
                ui::feature_details::show(ui, &info);
            }
            LayerRef::Province(i) => {
                if let Some(f) = self.story.data.provinces.get(i) {
                    ui::feature_details::show(ui, &story_info("Story provinces", i, f));
                }
            }
            LayerRef::Countries => {
                if let Some(f) = self.story.data.countries.get(index) {
                    ui::feature_details::show(ui, &story_info("Countries", index, f));
                }
            }
        }
    }

    /// A feature's name for hover and headings: its name or title property, if any.
    pub(super) fn feature_name(&self, feature: FeatureRef) -> Option<String> {
        let (layer, name) = match feature.layer {
            LayerRef::User(id) => {
                let user = self.layers.opened.get(id)?;
                (&user.layer, user.feature_name(feature.index))
            }
            LayerRef::Province(i) => {
                let layer = self.layers.provinces.get(i)?;
                (layer, layer.feature_name(feature.index).map(str::to_owned))
            }
            LayerRef::Countries => (
                &self.layers.countries,
                self.layers
                    .countries
                    .feature_name(feature.index)
                    .map(str::to_owned),
            ),
        };
        if feature.index >= layer.feature_count() {
            return None;
        }
        Some(name.unwrap_or_else(|| format!("{} #{}", layer.name, feature.index)))
    }
}

/// The event facts of a point in an events file (one with a kind or date column).
fn event_header(user: &UserLayer, index: usize) -> Option<EventHeader> {
    let points = user.points.as_ref()?;
    let columns = EventColumns::detect(&user.table);
    if columns.kind.is_none() && columns.date.is_none() {
        return None;
    }
    let text = |key: &str| Some(user.table.text(index, user.table.key(key)?)?.into_owned());
    let kind = points.kind_of_feature(index).map(|k| {
        let column = points.kind_column().unwrap_or_default().to_owned();
        (k.name.clone(), k.color, column)
    });
    let number = |key: &str| user.table.number(index, user.table.key(key)?);
    Some(EventHeader {
        kind: kind.filter(|_| columns.kind.is_some()),
        date: columns
            .date
            .and_then(|key| Some(user.table.text(index, key)?.into_owned())),
        time_precision: number("time_precision").map(|n| n as u8),
        geo_precision: columns.precision(&user.table, index),
        source: text("source"),
    })
}

/// The identify table's view of a story feature.
fn story_info<'a>(layer: &'a str, index: usize, feature: &'a GeoFeature) -> FeatureInfo<'a> {
    FeatureInfo {
        layer,
        index,
        id: feature.id.as_deref(),
        geometry: geometry_name(&feature.geometry),
        vertices: geo::CoordsIter::coords_count(&feature.geometry),
        properties: &feature.properties,
        event: None,
        codebook: false,
    }
}
