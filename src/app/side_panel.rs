//! The right-hand panel: the selected event's details (or the identified feature's properties)
//! above the article, whose passages about the selected event are highlighted.

use egui::Ui;

use super::StrikemapApp;
use crate::data::GeoFeature;
use crate::data::events::geometry_name;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::ui;
use crate::ui::feature_details::FeatureInfo;

impl StrikemapApp {
    pub(super) fn side_panel(&mut self, ui: &mut Ui) {
        let details_height = ui.available_height() * 0.5;
        match (self.selection, self.identified) {
            (Some(index), _) => {
                egui::ScrollArea::vertical()
                    .id_salt("event-details")
                    .max_height(details_height)
                    .show(ui, |ui| {
                        let geography = self.event_geography(index);
                        ui::event_details::show(ui, &self.story, index, &geography);
                    });
            }
            (None, Some(feature)) => {
                egui::ScrollArea::vertical()
                    .id_salt("feature-details")
                    .max_height(details_height)
                    .show(ui, |ui| self.feature_details(ui, feature));
            }
            (None, None) => {
                ui.heading("Event");
                ui.weak("Click a marker on the map to read what happened there, or any other shape to see its properties.");
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
        let passages: Vec<(std::ops::Range<usize>, usize)> = match &self.story.article {
            Some(article) => self
                .story
                .events
                .iter()
                .enumerate()
                .flat_map(|(i, event)| {
                    event
                        .article_quotes
                        .iter()
                        .filter_map(|quote| article.find(quote))
                        .map(move |range| (range, i))
                })
                .collect(),
            None => Vec::new(),
        };
        let output = ui::article::show(
            ui,
            self.story.article.as_ref(),
            &ui::article::ArticleView {
                highlight: highlight.as_ref(),
                scroll_to_highlight: self.scroll_article,
                links: &self.article_links,
                passages: &passages,
            },
        );
        self.scroll_article = false;
        self.hovered_place = output
            .hovered_link
            .and_then(|i| self.article_links.get(i))
            .map(|l| l.place);
        self.article_link_rects = output.link_rects;
        let now = ui.input(|i| i.time);
        if let Some(link) = output.clicked_link {
            self.go_to_place(link, now);
        } else if let Some(event) = output.clicked_passage {
            self.select_and_fly(event, now);
        }
    }

    fn feature_details(&self, ui: &mut Ui, feature: FeatureRef) {
        let user = match feature.layer {
            LayerRef::User(id) => self
                .user_layers
                .get(id)
                .and_then(|user| Some((user, user.features.get(feature.index)?))),
            _ => None,
        };
        let user_properties = user
            .map(|(_, record)| record.properties())
            .unwrap_or_default();
        let info = match feature.layer {
            LayerRef::User(_) => user.map(|(user, record)| FeatureInfo {
                layer: user.layer.name.as_str(),
                index: feature.index,
                id: record.id.as_deref(),
                geometry: record.geometry,
                vertices: record.vertices,
                properties: &user_properties,
            }),
            LayerRef::Province(i) => self
                .story
                .provinces
                .get(i)
                .map(|f| story_info("Story provinces", i, f)),
            LayerRef::Countries => self
                .story
                .countries
                .get(feature.index)
                .map(|f| story_info("Countries", feature.index, f)),
        };
        if let Some(info) = info {
            ui::feature_details::show(ui, &info);
        }
    }

    /// A feature's name for hover and headings: its name or title property, if any.
    pub(super) fn feature_name(&self, feature: FeatureRef) -> Option<String> {
        let layer = match feature.layer {
            LayerRef::User(id) => &self.user_layers.get(id)?.layer,
            LayerRef::Province(i) => self.provinces.get(i)?,
            LayerRef::Countries => &self.countries,
        };
        let prepared = layer.features.get(feature.index)?;
        Some(
            prepared
                .name
                .clone()
                .unwrap_or_else(|| format!("{} #{}", layer.name, feature.index)),
        )
    }
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
    }
}
