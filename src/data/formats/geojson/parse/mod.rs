//! GeoJSON text into checked `geo` geometries, through the `geojson` crate, on every core.
//!
//! [`parse`] reads a FeatureCollection, a single Feature or a bare Geometry. A feature that
//! cannot be placed on a map (no `"geometry"` member, an unknown type, coordinates of the wrong shape, out
//! of range, an unclosed or too short polygon ring, a LineString of one position...) is refused
//! with its index, id and a reason, and the rest still load (a `null` geometry is valid: the
//! feature is kept, unlocated); only text that is not JSON, or
//! JSON that is not GeoJSON at all, fails the whole parse.
//!
//! How: `split` finds the members of the `"features"` array with `memchr` (without parsing
//! them), `rayon` shares them between the cores, and each is read by serde_json with the
//! `geojson` crate's geometry deserializer (`member`); `check` does what the crate does not
//! (ranges, ring closure, position counts) before its conversion to `geo`. Measured against
//! the hand-written parser this replaces, in README ("Reading GeoJSON").
//!
//! ```
//! let text = r#"{"type": "FeatureCollection", "features": [
//!     {"type": "Feature", "id": 7, "properties": {"name": "A"},
//!      "geometry": {"type": "Point", "coordinates": [10.5, 20, 300]}},
//!     {"type": "Feature", "properties": null, "geometry": null}
//! ]}"#;
//! let layer = strikemap::data::formats::geojson::parse::parse(text, &|_| {}).unwrap();
//! assert_eq!(layer.features.len(), 2);
//! assert_eq!(layer.features[0].id.as_deref(), Some("7"));
//! // A null geometry is an unlocated feature: kept, with nothing to draw.
//! assert!(layer.features[1].geometry.is_none());
//! ```

#![forbid(unsafe_code)]

mod check;
mod lint;
mod member;
mod split;

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use member::Outcome;

/// Everything read from one GeoJSON text: the features that passed the checks and the ones
/// that were refused, so that a caller can load the first and report the second.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedLayer<'a> {
    /// The accepted features, in file order.
    pub features: Vec<ParsedFeature<'a>>,
    /// The refused features, in file order.
    pub skipped: Vec<Skipped>,
    /// What a user should know about the file as a whole (an old-style `"crs"` member that is
    /// not WGS 84, for instance).
    pub notes: Vec<String>,
}

/// One accepted feature: its geometry, checked and converted, and its properties as they were.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeature<'a> {
    /// Position in the file's feature list (0-based), to name the feature in messages.
    pub index: usize,
    /// The Feature's `"id"` member: a string's contents, or a number as written in the file.
    /// `None` if there is none (or it is neither a string nor a number).
    pub id: Option<String>,
    /// The geometry, in longitude/latitude; every coordinate finite and in range. `None` for a
    /// feature whose geometry is `null`: valid GeoJSON (RFC 7946, 3.2), a feature without a
    /// place, kept for its properties.
    pub geometry: Option<geo::Geometry<f64>>,
    /// The JSON text of the feature's properties object, as it is in the file (borrowed from
    /// the parsed text); empty if they were `null` or missing. Reading them is left to the
    /// caller: a large file keeps them compactly ([`crate::data::properties`]), a small one as
    /// a map ([`ParsedFeature::properties_map`]).
    pub properties: &'a str,
    /// Where the feature starts in the text (a byte offset), to give its line and column.
    pub offset: usize,
    /// What a GeoJSON linter would flag in it that does not stop it being drawn, worded to
    /// follow the feature's name.
    pub hints: Vec<String>,
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
    /// What is wrong, worded to follow the feature's name: "has no \"geometry\" member".
    pub reason: String,
    /// Where the feature starts in the text (a byte offset), to give its line and column.
    pub offset: usize,
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

/// How often (in features) [`parse`] reports progress.
const PROGRESS_EVERY: usize = 4096;

/// The top level of a GeoJSON text, as far as telling its kind needs.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a RawValue>,
    /// GeoJSON of 2008 named its coordinate system here; RFC 7946 removed it (always WGS 84).
    #[serde(borrow, default)]
    crs: Option<&'a RawValue>,
}

/// The geometry types GeoJSON has.
const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
];

/// Parse GeoJSON text: a FeatureCollection (its features read on all cores), a single Feature,
/// or a bare Geometry (which becomes feature 0, without id or properties).
///
/// `progress` is told, now and then and from any thread, how many features have been read so
/// far, and once at the end with the total.
pub fn parse<'a>(
    text: &'a str,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ParsedLayer<'a>, ParseError> {
    let (outline, members) = match split::split(text) {
        Some(split) => (
            std::borrow::Cow::Owned(split.outline(text)),
            Some(split.members),
        ),
        None => (std::borrow::Cow::Borrowed(text), None),
    };
    let top = top_kind(&outline).map_err(|err| top_error(text, err))?;
    let outcomes = match (top.kind.as_str(), members) {
        ("FeatureCollection", Some(members)) => collection(text, &members, progress)?,
        ("FeatureCollection", None) => {
            return Err(not_geojson(
                "a FeatureCollection needs a \"features\" array",
            ));
        }
        (kind, _) => single(text, kind)?,
    };
    progress(outcomes.len());
    let mut layer = layer(outcomes);
    layer.notes.extend(top.crs_note);
    Ok(layer)
}

/// What the top level of a text says: its `"type"`, and a note when it names a coordinate
/// system other than WGS 84.
struct TopLevel {
    kind: String,
    crs_note: Option<String>,
}

/// The top level of `text`, after checking that all of it is JSON.
fn top_kind(text: &str) -> Result<TopLevel, TopError> {
    serde_json::from_str::<IgnoredAny>(text)?;
    if !text.trim_start().starts_with('{') {
        return Err(TopError::Not(
            "the top level is not a JSON object".to_owned(),
        ));
    }
    let top = serde_json::from_str::<Top>(text)
        .map_err(|err| TopError::Not(format!("the top level cannot be read: {}", message(&err))))?;
    let kind = top
        .kind
        .ok_or_else(|| TopError::Not("the top level has no \"type\"".to_owned()))?;
    let kind = serde_json::from_str::<String>(kind.get())
        .map_err(|_| TopError::Not("the top-level \"type\" is not a string".to_owned()))?;
    Ok(TopLevel {
        kind,
        crs_note: top.crs.and_then(crs_note),
    })
}

/// A note for an old-style `"crs"` member (GeoJSON 2008) that names anything but WGS 84
/// longitude/latitude: the file may have been written in other units, and strikemap draws its
/// coordinates as longitude and latitude all the same (RFC 7946 removed the member).
fn crs_note(crs: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct Named {
        #[serde(default)]
        properties: Option<Map<String, Value>>,
    }
    let name = serde_json::from_str::<Named>(crs.get())
        .ok()
        .and_then(|named| named.properties)
        .and_then(|properties| properties.get("name")?.as_str().map(str::to_owned));
    let wgs84 = |name: &str| {
        let name = name.to_ascii_uppercase();
        name.ends_with("CRS84") || name.ends_with("EPSG::4326") || name.ends_with("EPSG:4326")
    };
    match name {
        Some(name) if wgs84(&name) => None,
        Some(name) => Some(format!(
            "names the coordinate system \"{name}\" (an old-style \"crs\" member); GeoJSON is \
             longitude/latitude in WGS 84 and is drawn as such, so positions may be wrong"
        )),
        None if crs.get() == "null" => None,
        None => Some(
            "has an old-style \"crs\" member that names no coordinate system strikemap knows; \
             positions are drawn as longitude/latitude in WGS 84"
                .to_owned(),
        ),
    }
}

/// Read every member of a FeatureCollection on all cores, in file order.
fn collection<'a>(
    text: &'a str,
    members: &[std::ops::Range<usize>],
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Outcome<'a>>, ParseError> {
    let done = AtomicUsize::new(0);
    let results: Vec<_> = members
        .par_iter()
        .enumerate()
        .map(|(index, range)| {
            let read = done.fetch_add(1, Ordering::Relaxed) + 1;
            if read.is_multiple_of(PROGRESS_EVERY) {
                progress(read);
            }
            member::read(&text[range.clone()], index).map(|outcome| match outcome {
                Outcome::Skipped(skipped) => Outcome::Skipped(Skipped {
                    offset: range.start,
                    ..skipped
                }),
                Outcome::Feature(feature) => Outcome::Feature(ParsedFeature {
                    offset: range.start,
                    ..feature
                }),
            })
        })
        .collect();
    results
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|_| first_json_error(text))
}

/// A text whose top level is a single Feature or a bare Geometry of type `kind`.
fn single<'a>(text: &'a str, kind: &str) -> Result<Vec<Outcome<'a>>, ParseError> {
    let outcome = if kind == "Feature" {
        member::read(text.trim(), 0)
    } else if GEOMETRY_TYPES.contains(&kind) {
        member::read_geometry(text)
    } else {
        // Still, a JSON error anywhere comes first.
        let problem = format!("the top-level \"type\" {kind:?} is not a GeoJSON type");
        return Err(top_error(text, TopError::Not(problem)));
    };
    outcome
        .map(|outcome| vec![outcome])
        .map_err(|_| first_json_error(text))
}

/// Sort outcomes (in file order) into accepted and refused features.
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

/// Why the top level is not what [`parse`] needs.
enum TopError {
    /// It is not JSON.
    Json(serde_json::Error),
    /// It is JSON, but not GeoJSON.
    Not(String),
}

impl From<serde_json::Error> for TopError {
    fn from(err: serde_json::Error) -> Self {
        Self::Json(err)
    }
}

/// The error to report for `text` when its top level is not what [`parse`] needs: the first
/// JSON error anywhere in it (an outline's error may come after a member's), else `err`.
fn top_error(text: &str, err: TopError) -> ParseError {
    match (serde_json::from_str::<IgnoredAny>(text), err) {
        (Err(err), _) => json_error(&err),
        (Ok(_), TopError::Not(problem)) => ParseError::NotGeoJson(problem),
        (Ok(_), TopError::Json(err)) => not_geojson(&message(&err)),
    }
}

/// The first JSON error in `text`, where a part of it was found not to be JSON. Parts are
/// read on their own, so serde_json is asked again about the whole text: the position it gives
/// is then exactly the one any JSON reader reports (this only runs for broken files).
fn first_json_error(text: &str) -> ParseError {
    match serde_json::from_str::<IgnoredAny>(text) {
        Err(err) => json_error(&err),
        Ok(_) => not_geojson("a part of the text is not JSON, though all of it is"),
    }
}

/// serde_json's error as the user is told it.
fn json_error(err: &serde_json::Error) -> ParseError {
    ParseError::Json {
        line: err.line(),
        column: err.column(),
        message: message(err),
    }
}

fn not_geojson(problem: &str) -> ParseError {
    ParseError::NotGeoJson(problem.to_owned())
}

/// serde_json's message without the position it appends.
pub(super) fn message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
