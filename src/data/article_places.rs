//! Which places the article names, and where they are: the towns of the bundled gazetteer
//! (GeoNames), the story's provinces and countries (Natural Earth), each with every name the
//! data gives it (`alternate_names`), matched by the gazetteer. Nothing here is a list typed in.

use std::ops::Range;

use geo::Point;
use serde_json::Value;

use super::gazetteer::{Place, find_mentions};
use super::{GeoFeature, Story};

/// Where a place named in the article is on the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlaceTarget {
    Town(Point<f64>),
    /// One of the story's provinces, by index.
    Province(usize),
    /// One of the story's countries, by index.
    Country(usize),
}

/// A place the article names.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticlePlace {
    pub name: String,
    pub target: PlaceTarget,
}

/// One mention in the article text: its byte range and the place (an index into the places).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    pub range: Range<usize>,
    pub place: usize,
}

/// Every name the data gives a feature.
fn names(feature: &GeoFeature) -> Vec<String> {
    let mut names: Vec<String> = ["name_en", "name", "title"]
        .iter()
        .filter_map(|key| feature.property_str(key))
        .map(str::to_owned)
        .collect();
    if let Some(Value::Array(more)) = feature.properties.get("alternate_names") {
        names.extend(more.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    names
}

/// The places of the story's data and the article's mentions of them. Towns come first, so a
/// name shared by a town and a province (Islamabad) goes to the town.
pub fn link(story: &Story, towns: &[GeoFeature]) -> (Vec<ArticlePlace>, Vec<ArticleLink>) {
    let mut places = Vec::new();
    let mut candidates = Vec::new();
    let mut add = |feature: &GeoFeature, target: PlaceTarget| {
        let Some(name) = feature.name() else {
            return;
        };
        candidates.push(Place {
            key: places.len(),
            names: names(feature),
        });
        places.push(ArticlePlace {
            name: name.to_owned(),
            target,
        });
    };
    for town in towns {
        if let geo::Geometry::Point(at) = town.geometry {
            add(town, PlaceTarget::Town(at));
        }
    }
    for (i, province) in story.provinces.iter().enumerate() {
        add(province, PlaceTarget::Province(i));
    }
    for (i, country) in story.countries.iter().enumerate() {
        add(country, PlaceTarget::Country(i));
    }
    let links = match &story.article {
        Some(article) => find_mentions(&article.text, &candidates)
            .into_iter()
            .map(|m| ArticleLink {
                range: m.start..m.end,
                place: m.key,
            })
            .collect(),
        None => Vec::new(),
    };
    (places, links)
}
