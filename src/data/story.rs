//! The story as one loaded unit: the layers, the events and the article, from the bundled data
//! or from a folder laid out like `geodata/`. A broken file is reported, and the rest still loads.

use std::path::{Path, PathBuf};

use super::formats::geojson::features as geojson_file;
use super::{Article, DataError, Event, GeoFeature, events, geography};

/// Where the story's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// The files compiled into the binary from `geodata/` and `assets/`.
    Bundled,
    /// A folder with `provinces.geojson`, `countries.geojson`, `events.geojson` and optionally
    /// `article.json` with its text file.
    Dir(PathBuf),
}

/// The bundled files, embedded so the app needs neither the repository nor the network.
mod bundled {
    pub const PROVINCES: &str = include_str!("../../geodata/provinces.geojson");
    pub const COUNTRIES: &str = include_str!("../../geodata/countries.geojson");
    pub const EVENTS: &str = include_str!("../../geodata/events.geojson");
    pub const ARTICLE_META: &str = include_str!("../../assets/article.json");
    pub const ARTICLE_TEXT: &str = include_str!("../../assets/article.txt");
}

/// Everything the app shows, validated.
#[derive(Debug, Clone, Default)]
pub struct Story {
    /// The story's provinces (Sistan and Baluchestan, Balochistan), one feature each.
    pub provinces: Vec<GeoFeature>,
    /// Country outlines drawn beneath everything.
    pub countries: Vec<GeoFeature>,
    pub events: Vec<Event>,
    pub article: Option<Article>,
    /// For each event, the index of the province it lies in, computed by point-in-polygon.
    pub event_province: Vec<Option<usize>>,
    /// Files that were refused or are inconsistent, with why.
    pub problems: Vec<DataError>,
}

impl Story {
    /// Load every file of `source`; each one that fails is recorded in `problems` and left empty.
    pub fn load(source: &DataSource) -> Self {
        let file = |name: &str| match source {
            DataSource::Bundled => format!("bundled geodata/{name}"),
            DataSource::Dir(dir) => dir.join(name).display().to_string(),
        };
        let text = |name: &str| match source {
            DataSource::Bundled => Ok(match name {
                "provinces.geojson" => bundled::PROVINCES,
                "countries.geojson" => bundled::COUNTRIES,
                _ => bundled::EVENTS,
            }
            .to_owned()),
            DataSource::Dir(dir) => read_text(&dir.join(name)),
        };
        let provinces_file = file("provinces.geojson");
        let provinces = text("provinces.geojson")
            .and_then(|t| geojson_file::parse(&provinces_file, &t))
            .and_then(|f| geojson_file::require_areas(&provinces_file, f));
        let countries = text("countries.geojson")
            .and_then(|t| geojson_file::parse(&file("countries.geojson"), &t));
        let events_file = file("events.geojson");
        let events = text("events.geojson").and_then(|t| events::parse(&events_file, &t));
        let article = match source {
            DataSource::Bundled => {
                Article::parse_meta("bundled assets/article.json", bundled::ARTICLE_META).map(
                    |meta| {
                        Some(Article {
                            meta,
                            text: bundled::ARTICLE_TEXT.to_owned(),
                        })
                    },
                )
            }
            DataSource::Dir(dir) => load_article(dir),
        };

        let mut problems = Vec::new();
        let mut story = Story {
            provinces: take(provinces, &mut problems),
            countries: take(countries, &mut problems),
            events: take(events, &mut problems),
            article: take(article, &mut problems),
            event_province: Vec::new(),
            problems,
        };
        story.event_province = story
            .events
            .iter()
            .map(|event| geography::containing(event.position, &story.provinces))
            .collect();
        story.check_quotes(&events_file);
        story
    }

    /// Add events from an opened file (their provinces computed like the story's own). Events
    /// whose id is already taken are left out. Returns how many were added.
    pub fn add_events(&mut self, events: Vec<Event>) -> usize {
        let mut added = 0;
        for event in events {
            if self.event_index(&event.id).is_some() {
                log::warn!("event {} is already loaded; the copy is left out", event.id);
                continue;
            }
            self.event_province
                .push(geography::containing(event.position, &self.provinces));
            self.events.push(event);
            added += 1;
        }
        added
    }

    /// Remove the events whose ids are in `ids` (an opened file's, when it is removed).
    pub fn remove_events(&mut self, ids: &[String]) {
        let keep: Vec<bool> = self.events.iter().map(|e| !ids.contains(&e.id)).collect();
        let mut flags = keep.iter();
        self.events.retain(|_| *flags.next().unwrap_or(&true));
        let mut flags = keep.iter();
        self.event_province
            .retain(|_| *flags.next().unwrap_or(&true));
    }

    /// The province an event lies in, as computed (not as claimed).
    pub fn province_of(&self, event_index: usize) -> Option<&GeoFeature> {
        self.event_province
            .get(event_index)
            .copied()
            .flatten()
            .and_then(|index| self.provinces.get(index))
    }

    /// The event with this id.
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|event| event.id == id)
    }

    /// Report quotes that the article does not contain word for word: a highlight would be lost.
    fn check_quotes(&mut self, events_file: &str) {
        let Some(article) = &self.article else {
            return;
        };
        for event in &self.events {
            for quote in &event.article_quotes {
                if article.find(quote).is_none() {
                    self.problems.push(DataError {
                        file: events_file.to_owned(),
                        feature: Some(format!("id \"{}\"", event.id)),
                        problem: format!(
                            "quotes a passage the article does not contain: \"{quote}\""
                        ),
                        at: None,
                    });
                }
            }
        }
    }
}

/// The loaded value, or its empty default with the error recorded.
fn take<T: Default>(result: Result<T, DataError>, problems: &mut Vec<DataError>) -> T {
    result.unwrap_or_else(|err| {
        problems.push(err);
        T::default()
    })
}

fn read_text(path: &Path) -> Result<String, DataError> {
    std::fs::read_to_string(path).map_err(|err| {
        DataError::file(
            &path.display().to_string(),
            format!("cannot be read: {err}"),
        )
    })
}

/// A folder's article is optional: without `article.json` the story simply has none.
fn load_article(dir: &Path) -> Result<Option<Article>, DataError> {
    let meta_path = dir.join("article.json");
    if !meta_path.exists() {
        return Ok(None);
    }
    let json = read_text(&meta_path)?;
    let meta = Article::parse_meta(&meta_path.display().to_string(), &json)?;
    let text = read_text(&dir.join(&meta.text_file))?;
    Ok(Some(Article { meta, text }))
}
