//! Categorized and graduated styles for a tiled layer's source layers, by the same
//! classification as a file layer's ([`classify`]). A tiled layer is never read whole, so the
//! classes are found over the features of the tiles in view when the style is chosen (or when
//! "Refresh classes" is pressed), and then kept while the view moves, so that colours stay
//! put; the legend says how many features they were found over.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Color32;

use super::built::BuiltTile;
use crate::data::properties::PropertyTable;
use crate::data::thematic::classify::{Classification, GREY, classify};
use crate::data::thematic::{ColumnCache, StyleRule};

/// Columns that name what kind of thing a feature is, offered first for a categorized style.
const KIND_COLUMNS: [&str; 6] = [
    "event_type",
    "type",
    "kind",
    "class",
    "category",
    "sub_event_type",
];

/// Features read at most to find a style's classes: classing runs on the UI thread, once when
/// a style is chosen, so it is kept to a bounded sample of the view.
const MAX_SAMPLE: usize = 50_000;

/// A source layer's classes, and how a feature finds its own.
#[derive(Debug, Clone, PartialEq)]
pub struct TiledClasses {
    pub classification: Classification,
    /// Features the classes were found over.
    pub sampled: usize,
    /// A categorized style's class of each value.
    by_value: HashMap<String, usize>,
}

impl TiledClasses {
    /// Classes of `rule` over the features of source layer `layer` in `tiles`; `None` when the
    /// rule has no classes or no feature has the column.
    pub fn find(tiles: &[Arc<BuiltTile>], layer: &str, rule: &StyleRule) -> Option<Self> {
        let column = rule.column()?;
        let rows: Vec<String> = features_of(tiles, layer)
            .take(MAX_SAMPLE)
            .map(json_row)
            .collect();
        let cache = ColumnCache::new(Arc::new(PropertyTable::from_json_objects(&rows)));
        cache.table().key(column)?;
        let mut classification = classify(&cache, rule)?;
        // Each sampled row's class is not needed: features find theirs as they are drawn.
        classification.of_row = Vec::new();
        let by_value = classification
            .classes
            .iter()
            .enumerate()
            .flat_map(|(i, class)| class.values.iter().map(move |v| (v.clone(), i)))
            .collect();
        Some(Self {
            classification,
            sampled: rows.len(),
            by_value,
        })
    }

    /// The class of a feature whose column holds `value`; `None`: a value the classes were
    /// not found over, drawn grey.
    pub fn class_of(&self, value: Option<&str>) -> Option<usize> {
        let classes = &self.classification.classes;
        let breaks = &self.classification.breaks;
        if breaks.is_empty() {
            return self.by_value.get(value.unwrap_or_default()).copied();
        }
        let number = value.and_then(|v| v.trim().parse::<f64>().ok());
        let graded = breaks.len().saturating_sub(1).max(1);
        match number {
            Some(n) if n.is_finite() => {
                Some(breaks[1..].partition_point(|&b| b < n).min(graded - 1))
            }
            _ => (classes.len() > graded).then_some(graded),
        }
    }

    /// The colour of a feature whose column holds `value`.
    pub fn color_of(&self, value: Option<&str>) -> Color32 {
        let rgb = self
            .class_of(value)
            .and_then(|c| self.classification.classes.get(c))
            .map_or(GREY, |c| c.rgb);
        Color32::from_rgb(rgb[0], rgb[1], rgb[2])
    }
}

/// The properties of every feature of source layer `layer` in `tiles`.
fn features_of<'a>(
    tiles: &'a [Arc<BuiltTile>],
    layer: &'a str,
) -> impl Iterator<Item = &'a [(String, String)]> + 'a {
    tiles.iter().flat_map(move |tile| {
        let index = tile.layers.iter().position(|l| l == layer);
        tile.features
            .iter()
            .filter(move |f| Some(f.layer as usize) == index)
            .map(|f| f.properties.as_slice())
    })
}

/// The columns the features of source layer `layer` in `tiles` have, in first-seen order,
/// and those of them whose values are all numbers (the ones a graduated style can use).
pub fn columns(tiles: &[Arc<BuiltTile>], layer: &str) -> (Vec<String>, Vec<String>) {
    let mut all: Vec<String> = Vec::new();
    let mut not_numbers: Vec<String> = Vec::new();
    for properties in features_of(tiles, layer).take(2_000) {
        for (key, value) in properties {
            if !all.contains(key) {
                all.push(key.clone());
            }
            let number = value.trim().is_empty() || value.trim().parse::<f64>().is_ok();
            if !number && !not_numbers.contains(key) {
                not_numbers.push(key.clone());
            }
        }
    }
    let numbers = all
        .iter()
        .filter(|k| !not_numbers.contains(k))
        .cloned()
        .collect();
    // A kind column first, as a categorized style starts on the first (ACLED's event_type).
    let kind = |k: &String| !KIND_COLUMNS.contains(&k.to_ascii_lowercase().as_str());
    all.sort_by_key(kind);
    (all, numbers)
}

/// A feature's properties as a JSON object; values that read as numbers become numbers, as
/// the tile stored them (MVT keeps numbers apart from text; strikemap's tiles hold text).
fn json_row(properties: &[(String, String)]) -> String {
    let object: serde_json::Map<String, serde_json::Value> = properties
        .iter()
        .map(|(k, v)| {
            let value = v
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(
                    || serde_json::Value::String(v.clone()),
                    serde_json::Value::Number,
                );
            (k.clone(), value)
        })
        .collect();
    serde_json::Value::Object(object).to_string()
}
