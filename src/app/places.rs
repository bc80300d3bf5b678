//! The article's place names on the map: hovering one outlines the place, clicking one flies
//! the map there (or fits the province or country) and keeps it outlined.

use super::StrikemapApp;
use crate::data::article_places::PlaceTarget;
use crate::map::identify::LayerRef;
use crate::map::place_ring::PlaceRingPlugin;
use crate::map::view::Fit;

impl StrikemapApp {
    /// Move the map to the place of article link `link`.
    pub(super) fn go_to_place(&mut self, link: usize, now: f64) {
        let Some(place) = self
            .story
            .links
            .get(link)
            .and_then(|l| self.story.places.get(l.place))
        else {
            return;
        };
        let place_index = self.story.links[link].place;
        match place.target {
            PlaceTarget::Town(at) => self.view.fly_to(walkers::lon_lat(at.x(), at.y()), now),
            PlaceTarget::Province(i) => {
                if let Some(bounds) = self.layers.provinces.get(i).and_then(|p| p.bounds) {
                    self.view.request_fit(Fit::Bounds(bounds));
                }
            }
            PlaceTarget::Country(i) => {
                let bounds = self
                    .story
                    .data
                    .countries
                    .get(i)
                    .and_then(|c| geo::BoundingRect::bounding_rect(&c.geometry));
                if let Some(bounds) = bounds {
                    self.view.request_fit(Fit::Bounds(bounds));
                }
            }
        }
        self.selection.focused_place = Some(place_index);
    }

    /// The place to outline: the hovered name's, else the last clicked.
    pub(super) fn outlined_place(&self) -> Option<PlaceTarget> {
        self.selection
            .hovered_place
            .or(self.selection.focused_place)
            .and_then(|i| self.story.places.get(i))
            .map(|p| p.target)
    }

    /// A ring for the article's place, if it is a town.
    pub(super) fn place_ring(&self) -> Option<PlaceRingPlugin> {
        match self.outlined_place()? {
            PlaceTarget::Town(at) => Some(PlaceRingPlugin { at }),
            _ => None,
        }
    }

    /// Where the article's mention of `name` was drawn in the last frame (its centre).
    pub fn article_link_pos(&self, name: &str) -> Option<egui::Pos2> {
        let text = &self.story.data.article.as_ref()?.text;
        self.story
            .links
            .iter()
            .zip(&self.selection.link_rects)
            .find(|(link, _)| text.get(link.range.clone()) == Some(name))
            .map(|(_, rect)| rect.center())
    }

    /// Where the passage about events starting with `words` began on screen in the last frame
    /// (the middle of its first line).
    pub fn article_passage_pos(&self, words: &str) -> Option<egui::Pos2> {
        let text = &self.story.data.article.as_ref()?.text;
        self.story
            .passages()
            .iter()
            .zip(&self.selection.passage_rects)
            .find(|(passage, _)| {
                text.get(passage.range.clone())
                    .is_some_and(|t| t.starts_with(words))
            })
            .map(|(_, rect)| rect.left_center() + egui::vec2(8.0, 0.0))
    }

    /// The names the article links to map places, in text order.
    pub fn article_link_names(&self) -> Vec<String> {
        let Some(article) = &self.story.data.article else {
            return Vec::new();
        };
        self.story
            .links
            .iter()
            .filter_map(|l| article.text.get(l.range.clone()).map(str::to_owned))
            .collect()
    }
}

/// The feature of a story layer to outline for the article's place, if it is an area there.
pub(super) fn place_highlight(place: Option<PlaceTarget>, layer: LayerRef) -> Option<usize> {
    match (place?, layer) {
        (PlaceTarget::Province(i), LayerRef::Province(j)) if i == j => Some(0),
        (PlaceTarget::Country(i), LayerRef::Countries) => Some(i),
        _ => None,
    }
}
