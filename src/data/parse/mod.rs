//! A fast, validating GeoJSON parser.
//!
//! [`parse`] reads a FeatureCollection, a single Feature or a bare Geometry into `geo`
//! geometries (longitude/latitude) with their properties. A feature that cannot be placed on a
//! map (no geometry, an unknown type, coordinates of the wrong shape, out of range or too large,
//! an unclosed or too short polygon ring, a LineString of one position...) is refused with its
//! index, id and a reason, and the rest still load; only text that is not JSON, or JSON that is
//! not GeoJSON at all, fails the whole parse.
//!
//! Why it is fast: geometry never goes through `serde_json::Value`. A FeatureCollection's
//! outline is walked by a small scanner, and each feature is read by a hand-written reader that
//! turns `"coordinates"` text straight into `geo` coordinates (properties go to serde_json);
//! features are shared out between all cores. Wherever the fast path is unsure (anything that is
//! not valid JSON, unusual shapes), the text is parsed again by serde visitors, which are the
//! reference: the fast path gives exactly their result, and their errors carry serde_json's
//! message and position.
//!
//! Modules: `scan` walks the outline, `fast` reads features, `coords` reads coordinates,
//! `collection` shares features between threads, `seeds` holds the serde visitors.
//!
//! ```
//! let text = r#"{"type": "FeatureCollection", "features": [
//!     {"type": "Feature", "id": 7, "properties": {"name": "A"},
//!      "geometry": {"type": "Point", "coordinates": [10.5, 20, 300]}},
//!     {"type": "Feature", "properties": null, "geometry": null}
//! ]}"#;
//! let layer = strikemap::data::parse::parse(text, &|_| {}).unwrap();
//! assert_eq!(layer.features.len(), 1);
//! assert_eq!(layer.features[0].id.as_deref(), Some("7"));
//! assert_eq!(layer.skipped[0].index, 1);
//! assert_eq!(layer.skipped[0].reason, "has no geometry");
//! ```

#![forbid(unsafe_code)]

mod collection;
mod coords;
mod fast;
mod scan;
mod seeds;

use std::fmt;

use serde::de::DeserializeSeed;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use coords::CoordKind;
use seeds::{FeatureMembers, GeometriesSeed, GeometrySeed, Outcome, TopSeed};

/// Everything read from one GeoJSON text: the features that passed the checks and the ones
/// that were refused, so that a caller can load the first and report the second.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedLayer<'a> {
    /// The accepted features, in file order.
    pub features: Vec<ParsedFeature<'a>>,
    /// The refused features, in file order.
    pub skipped: Vec<Skipped>,
}

/// One accepted feature: its geometry, checked and converted, and its properties as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeature<'a> {
    /// Position in the file's feature list (0-based), to name the feature in messages.
    pub index: usize,
    /// The Feature's `"id"` member: a string's contents, or a number as written in the file.
    /// `None` if there is none (or it is neither a string nor a number).
    pub id: Option<String>,
    /// The geometry, in longitude/latitude; every coordinate finite and in range.
    pub geometry: geo::Geometry<f64>,
    /// The JSON text of the feature's properties object, as it is in the file (borrowed from
    /// the parsed text); empty if they were `null` or missing. Reading them is left to the
    /// caller: a large file keeps them compactly ([`crate::data::properties`]), a small one as
    /// a map ([`ParsedFeature::properties_map`]).
    pub properties: &'a str,
}

impl ParsedFeature<'_> {
    /// The properties as a JSON map (empty when there are none).
    pub fn properties_map(&self) -> Map<String, Value> {
        if self.properties.is_empty() {
            return Map::new();
        }
        serde_json::from_str(self.properties).unwrap_or_default()
    }
}

/// A refused feature, named so that a user can find it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Position in the file's feature list (0-based).
    pub index: usize,
    /// The feature's `"id"`, if it has one (see [`ParsedFeature::id`]).
    pub id: Option<String>,
    /// What is wrong, worded to follow the feature's name: "has no geometry".
    pub reason: String,
}

/// Why a text could not be read at all (as opposed to a feature being refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON: serde_json's message, and where in the text (1-based line and column,
    /// the column counted in bytes as serde_json does).
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error, in bytes.
        column: usize,
        /// serde_json's description, without the position.
        message: String,
    },
    /// JSON, but not GeoJSON (no `"type"`, an unknown top-level type, a FeatureCollection
    /// without a `"features"` array...).
    NotGeoJson(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json {
                line,
                column,
                message,
            } => write!(f, "invalid JSON at line {line}, column {column}: {message}"),
            Self::NotGeoJson(problem) => write!(f, "not GeoJSON: {problem}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// The most threads [`parse`] uses: beyond this, a file is not split further.
const MAX_THREADS: usize = 8;

/// Parse GeoJSON text: a FeatureCollection, a single Feature, or a bare Geometry (which becomes
/// feature 0, without id or properties). Uses every core (up to 8) for FeatureCollections.
///
/// `progress` is told, now and then and from any thread, how many features have been parsed
/// so far, and once at the end with the total. (If the fast path gives up on a text, which
/// happens for text that is not valid JSON, the count starts again from 0.)
pub fn parse<'a>(
    text: &'a str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ParsedLayer<'a>, ParseError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_THREADS);
    parse_with_threads(text, threads, progress)
}

/// [`parse`] on at most `threads` threads (the calling one included; 0 and 1 both mean "only
/// the calling thread"). The result never depends on the number of threads; this exists for
/// callers that must leave cores free, and for measuring.
pub fn parse_with_threads<'a>(
    text: &'a str,
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ParsedLayer<'a>, ParseError> {
    let outcomes = match collection::parse(text, threads, progress) {
        Some(outcomes) => outcomes,
        None => parse_sequentially(text, progress)?,
    };
    progress(outcomes.len());
    Ok(layer(outcomes))
}

/// Sort outcomes (already in file order) into accepted and refused features.
fn layer(outcomes: Vec<Outcome<'_>>) -> ParsedLayer<'_> {
    let mut layer = ParsedLayer::default();
    for outcome in outcomes {
        match outcome {
            Outcome::Feature(feature) => layer.features.push(feature),
            Outcome::Skipped(skipped) => layer.skipped.push(skipped),
        }
    }
    layer
}

/// Parse the whole text with the serde visitors, on the calling thread. This is the reference
/// behaviour: [`collection::parse`] gives the same outcomes (the tests check it on many texts),
/// and this runs whenever it gives up, and for single Features and bare Geometries.
fn parse_sequentially<'a>(
    text: &'a str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Outcome<'a>>, ParseError> {
    let not_geojson = |problem: &str| Err(ParseError::NotGeoJson(problem.to_owned()));
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let top = TopSeed { progress }
        .deserialize(&mut deserializer)
        .and_then(|top| deserializer.end().map(|()| top))
        .map_err(|err| json_error(text, 0, &err))?;
    let Some(top) = top else {
        return not_geojson("the top level is not a JSON object");
    };
    let kind = match top.kind {
        Some(Some(kind)) => kind,
        Some(None) => return not_geojson("the top-level \"type\" is not a string"),
        None => return not_geojson("the top level has no \"type\""),
    };
    if kind == "FeatureCollection" {
        return match top.features {
            Some(Some(outcomes)) => Ok(outcomes),
            _ => not_geojson("a FeatureCollection needs a \"features\" array"),
        };
    }
    if kind == "Feature" {
        let geometry = top
            .geometry
            .map(|raw| read_raw(text, raw, GeometrySeed { depth: 0 }))
            .transpose()?;
        let members = FeatureMembers {
            kind: Some(Some(kind)),
            id: top.id.and_then(|raw| seeds::id_text(raw.get())),
            properties: top.properties.map(|raw| seeds::properties(raw.get())),
            geometry,
        };
        return Ok(vec![members.finish(0)]);
    }
    if kind != "GeometryCollection" && CoordKind::from_name(&kind).is_none() {
        return Err(ParseError::NotGeoJson(format!(
            "the top-level \"type\" {kind:?} is not a GeoJSON type"
        )));
    }
    let geometries = top
        .geometries
        .map(|raw| read_raw(text, raw, GeometriesSeed { depth: 1 }))
        .transpose()?;
    let outcome = match seeds::build_geometry(
        Some(Some(kind)),
        top.coordinates.map(RawValue::get),
        geometries,
    ) {
        Ok(geometry) => Outcome::Feature(ParsedFeature {
            index: 0,
            id: None,
            geometry,
            properties: "",
        }),
        Err(reason) => Outcome::Skipped(Skipped {
            index: 0,
            id: None,
            reason,
        }),
    };
    Ok(vec![outcome])
}

/// Read a raw member of the top-level object (a slice of `text`) with `seed`.
fn read_raw<'de, S: DeserializeSeed<'de>>(
    text: &str,
    raw: &'de RawValue,
    seed: S,
) -> Result<S::Value, ParseError> {
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    seed.deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|err| {
            let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
            json_error(text, offset, &err)
        })
}

/// A serde_json error met while parsing the part of `text` that starts at byte `offset`, with
/// its position made relative to the whole text.
fn json_error(text: &str, offset: usize, err: &serde_json::Error) -> ParseError {
    let (mut line, mut column) = (err.line(), err.column());
    if offset > 0 {
        let before = text.as_bytes().get(..offset).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let lines_before = before.iter().filter(|&&byte| byte == b'\n').count();
        if line <= 1 {
            column += offset - line_start;
        }
        line += lines_before;
    }
    ParseError::Json {
        line,
        column,
        message: seeds::message(err),
    }
}

#[cfg(test)]
mod tests;
