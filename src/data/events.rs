//! Events (strikes and diplomatic moments) read from an ACLED-style GeoJSON file. The property
//! names are the file format documented in `geodata/SOURCES.md`; every fact keeps its source.

use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use geo::{Geometry, Point};
use serde::Deserialize;
use serde_json::Value;

use super::formats::geojson::features::{self as geojson_file, geometry_name};
use super::{DataError, GeoFeature};

/// What happened: the two kinds the story distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Strike,
    Diplomacy,
}

/// A figure as a source gave it: a number, or words such as "at least ten".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    Count(u64),
    Words(String),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Count(count) => write!(f, "{count}"),
            Figure::Words(words) => f.write_str(words),
        }
    }
}

/// One source's report of a figure (killed, injured). Disagreeing reports are all kept.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Report {
    pub reported: Figure,
    /// Who gave the figure (an official, a newspaper, "the article").
    pub by: String,
    /// A URL, or `article` for the bundled article.
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One event, validated. Optional properties are `None` when the sources do not say.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: NaiveDate,
    /// ACLED code: 1 = day known, 2 = week, 3 = month.
    pub time_precision: u8,
    #[serde(default)]
    pub time_note: Option<String>,
    #[serde(default)]
    pub date_source: Option<String>,
    pub title: String,
    pub kind: EventKind,
    /// Who acted: `Iran`, `Pakistan`, `Iran and Pakistan`, ...
    pub actor: String,
    #[serde(default)]
    pub actor_detail: Option<String>,
    pub target: Option<String>,
    /// The place name the reports give.
    pub location: String,
    /// Natural Earth's `iso_3166_2` code of the province the data claims (Sistan and
    /// Baluchestan's is IR-13 there; ISO 3166-2 gives IR-11 today).
    pub admin1: String,
    #[serde(default)]
    pub country: Option<String>,
    /// ACLED code: 1 = exact place, 2 = near the named place, 3 = only the province known.
    pub geo_precision: u8,
    /// Radius of the area the event may lie in, in metres.
    pub uncertainty_m: f64,
    #[serde(default)]
    pub location_source: Option<String>,
    #[serde(default)]
    pub location_note: Option<String>,
    pub fatalities: Vec<Report>,
    #[serde(default)]
    pub injured: Vec<Report>,
    pub summary: String,
    pub sources: Vec<String>,
    /// Passages of the article about this event, quoted exactly.
    pub article_quotes: Vec<String>,
    /// Where the marker goes (longitude, latitude); from the feature's geometry.
    #[serde(skip, default = "origin")]
    pub position: Point<f64>,
}

fn origin() -> Point<f64> {
    Point::new(0.0, 0.0)
}

impl Event {
    /// Whether the position is known only approximately (drawn with a radius).
    pub fn is_uncertain(&self) -> bool {
        self.geo_precision > 1
    }
}

/// Parse an events file: every feature must be a Point with all required properties.
pub fn parse(file: &str, text: &str) -> Result<Vec<Event>, DataError> {
    let features = geojson_file::parse(file, text)?;
    let mut seen = HashSet::new();
    features
        .into_iter()
        .enumerate()
        .map(|(index, feature)| {
            let event = convert(file, index, feature)?;
            if !seen.insert(event.id.clone()) {
                return Err(DataError::feature(
                    file,
                    index,
                    Some(&event.id),
                    "repeats an id used by an earlier event",
                ));
            }
            Ok(event)
        })
        .collect()
}

/// The features of an opened file as events, if they all are: Points with the properties of
/// strikemap's own events file (ACLED-style: kind, date, actors, sources…). `None` otherwise,
/// and the file is an ordinary layer.
pub fn from_features(file: &str, features: &[GeoFeature]) -> Option<Vec<Event>> {
    if features.is_empty() {
        return None;
    }
    features
        .iter()
        .enumerate()
        .map(|(index, feature)| convert(file, index, feature.clone()).ok())
        .collect()
}

fn convert(file: &str, index: usize, feature: GeoFeature) -> Result<Event, DataError> {
    let fail = |problem: String| DataError::feature(file, index, feature.id.as_deref(), problem);
    let Geometry::Point(position) = feature.geometry else {
        return Err(fail(format!(
            "has a {} geometry; an event must be a Point",
            geometry_name(&feature.geometry)
        )));
    };
    let mut event: Event = serde_json::from_value(Value::Object(feature.properties.clone()))
        .map_err(|err| fail(format!("has bad properties: {err}")))?;
    event.position = position;
    if event.id.trim().is_empty() {
        return Err(fail("has an empty id".to_owned()));
    }
    if !(1..=3).contains(&event.geo_precision) {
        return Err(fail(format!(
            "geo_precision is {}; it must be 1, 2 or 3",
            event.geo_precision
        )));
    }
    if !(1..=3).contains(&event.time_precision) {
        return Err(fail(format!(
            "time_precision is {}; it must be 1, 2 or 3",
            event.time_precision
        )));
    }
    if !event.uncertainty_m.is_finite() || event.uncertainty_m < 0.0 {
        return Err(fail(format!(
            "uncertainty_m is {}; it must be a distance in metres, 0 or more",
            event.uncertainty_m
        )));
    }
    Ok(event)
}
