//! One feature, read with serde_json and the `geojson` crate's geometry deserializer.
//!
//! The common case takes one pass: [`Member`] keeps the id and properties as raw JSON text and
//! reads the geometry with `geojson::Geometry`'s own deserializer. Only when that fails is the
//! member read again, slowly, to tell a JSON error (which fails the whole file, like any reader
//! would) from a feature that is JSON but cannot be placed (refused with a reason).

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::check::{Reason, to_geo};
use super::lint;
use super::{ParsedFeature, Skipped, message};

/// What became of one member of the features list.
#[derive(Debug)]
pub(super) enum Outcome<'a> {
    /// Accepted.
    Feature(ParsedFeature<'a>),
    /// Refused, with why.
    Skipped(Skipped),
}

/// A feature as the one-pass read sees it (unknown members are skipped by serde).
#[derive(Deserialize)]
struct Member<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    /// `None` when the member is missing, `Some(None)` when it is `null` (an unlocated feature).
    #[serde(default, deserialize_with = "present")]
    geometry: Option<Option<geojson::Geometry>>,
    #[serde(borrow, default)]
    properties: Option<&'a RawValue>,
    #[serde(borrow, default)]
    bbox: Option<&'a RawValue>,
    /// Members a Feature must not have (RFC 7946, 7.1), kept only to say so.
    #[serde(borrow, default)]
    coordinates: Option<&'a RawValue>,
    #[serde(borrow, default)]
    geometries: Option<&'a RawValue>,
    #[serde(borrow, default)]
    features: Option<&'a RawValue>,
}

/// The same feature with its geometry kept as text, to find out why [`Member`] failed.
#[derive(Deserialize)]
struct Lenient<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    geometry: Option<&'a RawValue>,
    #[serde(borrow, default)]
    properties: Option<&'a RawValue>,
}

/// Read the feature whose JSON text is `text`, number `index` in its file. An error is a JSON
/// error, its position relative to `text`.
pub(super) fn read(text: &str, index: usize) -> Result<Outcome<'_>, serde_json::Error> {
    // (serde would also read a struct from an array: only objects take the one pass.)
    let member = match serde_json::from_str::<Member>(text) {
        Ok(member) if text.starts_with('{') => member,
        _ => return diagnose(text, index),
    };
    let id = member.id.and_then(id_text);
    let mut hints = Vec::new();
    lint::id(member.id, &mut hints);
    lint::bbox(member.bbox, &mut hints, "");
    lint::feature_members(
        &[
            ("coordinates", member.coordinates.is_some()),
            ("geometries", member.geometries.is_some()),
            ("features", member.features.is_some()),
        ],
        &mut hints,
    );
    let checked = feature_reason(member.kind)
        .map_or_else(|| properties_text(member.properties), Err)
        .and_then(|properties| match member.geometry.ok_or(NO_GEOMETRY)? {
            Some(geometry) => Ok((Some(to_geo(&geometry, &mut hints)?), properties)),
            None => Ok((None, properties)),
        });
    Ok(outcome(index, id, checked, hints))
}

/// Why [`Member`] could not read `text`: a JSON error, or the reason to refuse the feature.
fn diagnose(text: &str, index: usize) -> Result<Outcome<'_>, serde_json::Error> {
    serde_json::from_str::<IgnoredAny>(text)?;
    if !text.starts_with('{') {
        return Ok(outcome(
            index,
            None,
            Err("is not a JSON object".into()),
            Vec::new(),
        ));
    }
    let lenient = match serde_json::from_str::<Lenient>(text) {
        Ok(lenient) => lenient,
        Err(err) => {
            let reason = format!("cannot be read as a Feature: {}", message(&err));
            return Ok(outcome(index, None, Err(reason), Vec::new()));
        }
    };
    let id = lenient.id.and_then(id_text);
    let checked = feature_reason(lenient.kind)
        .map_or_else(|| properties_text(lenient.properties), Err)
        .and_then(|properties| {
            let raw = lenient.geometry.ok_or(NO_GEOMETRY)?;
            if raw.get() == "null" {
                return Ok((None, properties));
            }
            let geometry = serde_json::from_str::<geojson::Geometry>(raw.get())
                .map_err(|err| geometry_reason(raw.get(), &err))?;
            Ok((Some(to_geo(&geometry, &mut Vec::new())?), properties))
        });
    Ok(outcome(index, id, checked, Vec::new()))
}

/// Why a feature without a `"geometry"` member is refused (RFC 7946 requires the member; a
/// `null` one is an unlocated feature and is kept).
const NO_GEOMETRY: &str = "has no \"geometry\" member";

/// A member that is present, even as `null` (serde's default gives `None` when it is missing).
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<geojson::Geometry>>, D::Error> {
    Option::<geojson::Geometry>::deserialize(deserializer).map(Some)
}

/// A bare geometry at the top level of a file: feature 0, without id or properties.
pub(super) fn read_geometry(text: &str) -> Result<Outcome<'_>, serde_json::Error> {
    let mut hints = Vec::new();
    let checked = match serde_json::from_str::<geojson::Geometry>(text) {
        Ok(geometry) => to_geo(&geometry, &mut hints).map(|geometry| (Some(geometry), "")),
        Err(err) => {
            serde_json::from_str::<IgnoredAny>(text)?;
            Err(geometry_reason(text, &err))
        }
    };
    Ok(outcome(0, None, checked, hints))
}

/// The outcome of a feature, from its checked geometry and properties or the reason why not.
fn outcome<'a>(
    index: usize,
    id: Option<String>,
    checked: Result<(Option<geo::Geometry<f64>>, &'a str), Reason>,
    hints: Vec<String>,
) -> Outcome<'a> {
    match checked {
        Ok((geometry, properties)) => Outcome::Feature(ParsedFeature {
            index,
            id,
            geometry,
            properties,
            offset: 0,
            hints,
        }),
        Err(reason) => Outcome::Skipped(Skipped {
            index,
            id,
            reason,
            offset: 0,
        }),
    }
}

/// Why a member whose `"type"` is `kind` is not a Feature, if it is not.
fn feature_reason(kind: Option<&RawValue>) -> Option<Reason> {
    let Some(kind) = kind else {
        return Some("is not a Feature (it has no \"type\")".to_owned());
    };
    let is_feature = kind.get() == "\"Feature\""
        || serde_json::from_str::<String>(kind.get()).is_ok_and(|kind| kind == "Feature");
    (!is_feature).then(|| format!("is not a Feature (its \"type\" is {})", kind.get()))
}

/// The properties' JSON text, empty for `null` or none.
fn properties_text(properties: Option<&RawValue>) -> Result<&str, Reason> {
    match properties {
        None => Ok(""),
        Some(raw) if raw.get().starts_with('{') => Ok(raw.get()),
        Some(_) => Err("has \"properties\" that are neither an object nor null".to_owned()),
    }
}

/// An id as text: a string's contents, or a number as written; nothing for other values.
fn id_text(raw: &RawValue) -> Option<String> {
    let text = raw.get();
    match text.as_bytes().first()? {
        b'"' => serde_json::from_str(text).ok(),
        b'-' | b'0'..=b'9' => Some(text.to_owned()),
        _ => None,
    }
}

/// Why the geometry `text` (JSON) is not GeoJSON, in words that follow the feature's name:
/// the common cases in plain words, the rest in the `geojson` crate's.
fn geometry_reason(text: &str, err: &serde_json::Error) -> Reason {
    /// Just the type of a geometry.
    #[derive(Deserialize)]
    struct Head<'a> {
        #[serde(rename = "type", borrow, default)]
        kind: Option<&'a RawValue>,
    }
    if !text.starts_with('{') {
        return "has a geometry that is not a JSON object".to_owned();
    }
    let message = message(err);
    let Ok(head) = serde_json::from_str::<Head>(text) else {
        return format!("has a geometry that is not valid GeoJSON: {message}");
    };
    match head
        .kind
        .map(|kind| serde_json::from_str::<String>(kind.get()))
    {
        None => "has a geometry without a \"type\"".to_owned(),
        Some(Err(_)) => "has a geometry whose \"type\" is not a string".to_owned(),
        Some(Ok(kind)) if !super::GEOMETRY_TYPES.contains(&kind.as_str()) => {
            format!("has an unknown geometry type {kind:?}")
        }
        Some(Ok(_)) if message.starts_with("number out of range") => {
            "has a coordinate too large to read (beyond 1.8e308)".to_owned()
        }
        Some(Ok(kind)) => format!("has a {kind} geometry that is not valid GeoJSON: {message}"),
    }
}
