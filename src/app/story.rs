//! The story and what is computed from it once, when it loads and when events are added or
//! removed: each event's geography (its province, the border and capital distances), the
//! article's passages about each event, and the places the article names. Frames read these;
//! they never compute them.

use std::ops::Range;

use crate::data::article_places::{self, ArticleLink, ArticlePlace};
use crate::data::geography::{self, BorderFacts, EventGeography, Landmarks};
use crate::data::{DataSource, Event, GeoFeature, Story};

/// A passage of the article and the events it is about (one passage may be about several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub range: Range<usize>,
    pub events: Vec<usize>,
}

/// The story with its computed geography and article passages.
pub struct StoryState {
    pub data: Story,
    /// The border and capitals the events' distances are measured to.
    landmarks: Landmarks,
    /// Per event, its distances.
    geography: Vec<EventGeography>,
    /// The passages about events, in the article's order.
    passages: Vec<Passage>,
    /// The places the article names, and its mentions of them.
    pub places: Vec<ArticlePlace>,
    pub links: Vec<ArticleLink>,
}

impl StoryState {
    /// Load the story from `source`; `towns` locate the province capitals and article places.
    pub fn load(source: &DataSource, towns: &[GeoFeature]) -> Self {
        let data = Story::load(source);
        for problem in &data.problems {
            log::error!("{problem}");
        }
        let landmarks = Landmarks::new(&data, towns);
        let (places, links) = article_places::link(&data, towns);
        let mut state = Self {
            data,
            landmarks,
            geography: Vec::new(),
            passages: Vec::new(),
            places,
            links,
        };
        state.compute();
        state
    }

    /// Each event's geography and passages, again.
    fn compute(&mut self) {
        self.geography = geography::of_events(&self.data, &self.landmarks);
        self.passages = passages(&self.data);
    }

    /// Add events (an opened events file); gives how many were added.
    pub fn add_events(&mut self, events: Vec<Event>) -> usize {
        let added = self.data.add_events(events);
        self.compute();
        added
    }

    /// Remove the events with these ids (their file was removed).
    pub fn remove_events(&mut self, ids: &[String]) {
        self.data.remove_events(ids);
        self.compute();
    }

    /// An event's distances (border, province capital).
    pub fn geography(&self, index: usize) -> EventGeography {
        self.geography.get(index).cloned().unwrap_or_default()
    }

    /// What the border the distances are measured to is: its length and vertices.
    pub fn border(&self) -> Option<BorderFacts> {
        self.landmarks.border_facts()
    }

    /// The passages about events.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    /// The passages about one event.
    pub fn passages_of(&self, event: usize) -> Vec<Range<usize>> {
        self.passages
            .iter()
            .filter(|p| p.events.contains(&event))
            .map(|p| p.range.clone())
            .collect()
    }
}

/// Where each event's quotes are in the article; a passage quoted by several events is one
/// passage about all of them.
fn passages(story: &Story) -> Vec<Passage> {
    let Some(article) = &story.article else {
        return Vec::new();
    };
    let mut found: Vec<Passage> = Vec::new();
    for (index, event) in story.events.iter().enumerate() {
        for range in event.article_quotes.iter().filter_map(|q| article.find(q)) {
            match found.iter_mut().find(|p| p.range == range) {
                Some(passage) => passage.events.push(index),
                None => found.push(Passage {
                    range,
                    events: vec![index],
                }),
            }
        }
    }
    found.sort_by_key(|p| p.range.start);
    found
}
