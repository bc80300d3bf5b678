//! serde visitors that read GeoJSON objects as they stream past, without building
//! `serde_json::Value` for anything but properties. They are the reference parse: the fast
//! reader ([`super::fast`]) gives exactly what they give, and hands them what it is unsure of.
//!
//! The rule that keeps one bad feature from failing a file: a visitor here never returns an
//! error for a GeoJSON problem. It accepts any JSON value, records what is wrong as a reason,
//! and lets the parse go on; the only errors are serde_json's, for text that is not JSON.
//! `"coordinates"`, `"properties"` and `"id"` are borrowed as raw text and converted on their
//! own (coordinates by [`super::coords`] once the object's `"type"` is known, as members come
//! in any order), so that a number too large for an f64 in them refuses the feature rather
//! than failing the file as serde_json would. (Elsewhere, such a number is a JSON error.)

use std::fmt;

use geo::{Geometry, GeometryCollection};
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::coords::{self, CoordKind};
use super::{ParsedFeature, Skipped};

/// How deeply GeometryCollections may nest. Deeper ones refuse their feature; the limit also
/// keeps the parse far below serde_json's recursion limit (128), so that limit is never what
/// fails a file, whether a feature is read alone (in parallel) or as part of the whole text.
pub(crate) const MAX_COLLECTION_DEPTH: usize = 16;

/// How often (in features) a parse reports progress.
pub(crate) const PROGRESS_EVERY: usize = 256;

/// What became of one member of the file's feature list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome<'a> {
    /// The feature was read and passed every check.
    Feature(ParsedFeature<'a>),
    /// The feature was refused.
    Skipped(Skipped),
}

/// The result of reading a geometry object: `Ok(None)` for JSON `null`, `Err` with a reason for
/// a geometry that must be refused.
pub(crate) type GeometryOutcome = Result<Option<Geometry<f64>>, String>;

/// Implements `Visitor` methods for the JSON values a visitor has no use for, each answering
/// `self.other()`. Arrays and objects are drained so that the parse can go on after them.
macro_rules! other_values {
    ($($kind:ident),* $(,)?) => { $(other_values!(@ $kind);)* };
    (@ scalars) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(self.other())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(self.other())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(self.other())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(self.other())
        }
    };
    (@ str) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(self.other())
        }
    };
    (@ unit) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.other())
        }
    };
    (@ seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(self.other())
        }
    };
    (@ map) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(self.other())
        }
    };
}

/// The object members this crate reads; every other member is skipped unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// `"type"`.
    Type,
    /// `"id"` (of a Feature).
    Id,
    /// `"properties"` (of a Feature).
    Properties,
    /// `"geometry"` (of a Feature).
    Geometry,
    /// `"coordinates"` (of a geometry).
    Coordinates,
    /// `"geometries"` (of a GeometryCollection).
    Geometries,
    /// `"features"` (of a FeatureCollection).
    Features,
    /// Anything else: foreign members, `"bbox"`, `"crs"`...
    Other,
}

impl Key {
    /// The member a name (its unescaped bytes) stands for.
    pub(crate) fn from_name(name: &[u8]) -> Self {
        match name {
            b"type" => Self::Type,
            b"id" => Self::Id,
            b"properties" => Self::Properties,
            b"geometry" => Self::Geometry,
            b"coordinates" => Self::Coordinates,
            b"geometries" => Self::Geometries,
            b"features" => Self::Features,
            _ => Self::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Recognises member names without allocating.
struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(Key::from_name(name.as_bytes()))
    }
}

/// The value of a `"type"` member: `Some(name)` if it is a string, `None` otherwise.
pub(crate) struct TypeName(pub(crate) Option<String>);

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TypeNameVisitor)
    }
}

/// Accepts any value as a `"type"`, keeping it only if it is a string.
struct TypeNameVisitor;

impl TypeNameVisitor {
    /// The answer for any value that is not a string.
    fn other(self) -> TypeName {
        TypeName(None)
    }
}

impl<'de> Visitor<'de> for TypeNameVisitor {
    type Value = TypeName;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON type name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<TypeName, E> {
        Ok(TypeName(Some(name.to_owned())))
    }

    other_values!(scalars, unit, seq, map);
}

/// Reads one member of a FeatureCollection's `"features"` array: a Feature, or anything else,
/// which is then refused with a reason.
#[derive(Clone, Copy)]
pub(crate) struct FeatureSeed {
    /// The member's position in the features array.
    pub(crate) index: usize,
}

impl FeatureSeed {
    /// The answer for a member that is not a JSON object.
    fn other<'a>(self) -> Outcome<'a> {
        skipped(self.index, None, "is not a JSON object")
    }
}

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = Outcome<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Outcome<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = Outcome<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome<'de>, A::Error> {
        let mut members = FeatureMembers::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => members.kind = Some(map.next_value::<TypeName>()?.0),
                Key::Id => members.id = id_text(map.next_value::<&RawValue>()?.get()),
                Key::Properties => {
                    members.properties = Some(properties(map.next_value::<&'de RawValue>()?.get()));
                }
                Key::Geometry => {
                    members.geometry = Some(map.next_value_seed(GeometrySeed { depth: 0 })?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(members.finish(self.index))
    }

    other_values!(scalars, str, unit, seq);
}

/// The members of a Feature object, gathered (and each read) in whatever order they come.
#[derive(Default)]
pub(crate) struct FeatureMembers<'a> {
    /// `"type"`: absent, not a string (`Some(None)`), or a name.
    pub(crate) kind: Option<Option<String>>,
    /// `"id"`, as text (see [`id_text`]).
    pub(crate) id: Option<String>,
    /// `"properties"`, checked (see [`properties`]).
    pub(crate) properties: Option<Result<&'a str, String>>,
    /// `"geometry"`, read.
    pub(crate) geometry: Option<GeometryOutcome>,
}

impl<'a> FeatureMembers<'a> {
    /// Check the gathered members and make the feature, or the reason it is refused.
    pub(crate) fn finish(self, index: usize) -> Outcome<'a> {
        let id = self.id;
        match self.kind {
            Some(Some(kind)) if kind == "Feature" => {}
            Some(Some(kind)) => {
                return skipped(
                    index,
                    id,
                    format!("is not a Feature (its \"type\" is {kind:?})"),
                );
            }
            Some(None) => return skipped(index, id, "has a \"type\" that is not a string"),
            None => return skipped(index, id, "is not a Feature (it has no \"type\")"),
        }
        let geometry = match self.geometry {
            Some(Ok(Some(geometry))) => geometry,
            Some(Ok(None)) | None => return skipped(index, id, "has no geometry"),
            Some(Err(reason)) => return skipped(index, id, reason),
        };
        match self.properties.unwrap_or(Ok("")) {
            Ok(properties) => Outcome::Feature(ParsedFeature {
                index,
                id,
                geometry,
                properties,
            }),
            Err(reason) => skipped(index, id, reason),
        }
    }
}

/// A refused feature.
fn skipped<'a>(index: usize, id: Option<String>, reason: impl Into<String>) -> Outcome<'a> {
    Outcome::Skipped(Skipped {
        index,
        id,
        reason: reason.into(),
    })
}

/// A feature's id as text (given the id's JSON text): a string's contents, or a number as
/// written in the file. Any other JSON value is not an id.
pub(crate) fn id_text(text: &str) -> Option<String> {
    match text.as_bytes().first()? {
        b'"' => serde_json::from_str(text).ok(),
        b'-' | b'0'..=b'9' => Some(text.to_owned()),
        _ => None,
    }
}

/// A feature's properties (given their JSON text, known to be valid JSON): the object's text,
/// kept as it is in the file (values are read when shown, so a number too large for an f64 is
/// kept as written), or "" for `null`.
pub(crate) fn properties(text: &str) -> Result<&str, String> {
    match text.as_bytes().first() {
        Some(b'{') => Ok(text),
        Some(b'n') => Ok(""),
        _ => Err("has \"properties\" that are neither an object nor null".to_owned()),
    }
}

/// serde_json's message for `err` without its position (which is relative to a fragment).
pub(crate) fn message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// Reads a geometry object (or `null`) at a given GeometryCollection nesting depth.
#[derive(Clone, Copy)]
pub(crate) struct GeometrySeed {
    /// How many GeometryCollections enclose this geometry.
    pub(crate) depth: usize,
}

impl GeometrySeed {
    /// The answer for a geometry that is neither an object nor `null`.
    fn other(self) -> GeometryOutcome {
        Err("has a geometry that is not a JSON object".to_owned())
    }
}

impl<'de> DeserializeSeed<'de> for GeometrySeed {
    type Value = GeometryOutcome;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometrySeed {
    type Value = GeometryOutcome;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON geometry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind = None;
        let mut coordinates = None;
        let mut geometries = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => kind = Some(map.next_value::<TypeName>()?.0),
                Key::Coordinates => coordinates = Some(map.next_value::<&RawValue>()?.get()),
                Key::Geometries => {
                    geometries = Some(map.next_value_seed(GeometriesSeed {
                        depth: self.depth + 1,
                    })?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(build_geometry(kind, coordinates, geometries).map(Some))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok(None))
    }

    other_values!(scalars, str, seq);
}

/// Reads the `"geometries"` array of a GeometryCollection whose members are at `depth`.
/// The first refused member refuses the collection; the rest are then skipped unread.
#[derive(Clone, Copy)]
pub(crate) struct GeometriesSeed {
    /// The nesting depth of the members.
    pub(crate) depth: usize,
}

impl GeometriesSeed {
    /// The answer for `"geometries"` that is not an array.
    fn other(self) -> Result<Vec<Geometry<f64>>, String> {
        Err("has \"geometries\" that are not an array".to_owned())
    }
}

impl<'de> DeserializeSeed<'de> for GeometriesSeed {
    type Value = Result<Vec<Geometry<f64>>, String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        if self.depth > MAX_COLLECTION_DEPTH {
            deserializer.deserialize_ignored_any(IgnoredAny)?;
            return Ok(Err(format!(
                "has GeometryCollections nested more than {MAX_COLLECTION_DEPTH} deep"
            )));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GeometriesSeed {
    type Value = Result<Vec<Geometry<f64>>, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of GeoJSON geometries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        let member = GeometrySeed { depth: self.depth };
        while let Some(outcome) = seq.next_element_seed(member)? {
            let reason = match outcome {
                Ok(Some(geometry)) => {
                    members.push(geometry);
                    continue;
                }
                Ok(None) => "has a null geometry inside a GeometryCollection".to_owned(),
                Err(reason) => reason,
            };
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Err(reason));
        }
        Ok(Ok(members))
    }

    other_values!(scalars, str, unit, map);
}

/// Make a geometry from the members of a geometry object, once all of them have been read
/// (`coordinates` as JSON text).
pub(crate) fn build_geometry(
    kind: Option<Option<String>>,
    coordinates: Option<&str>,
    geometries: Option<Result<Vec<Geometry<f64>>, String>>,
) -> Result<Geometry<f64>, String> {
    let name = match kind {
        Some(Some(name)) => name,
        Some(None) => return Err("has a geometry whose \"type\" is not a string".to_owned()),
        None => return Err("has a geometry without a \"type\"".to_owned()),
    };
    if name == "GeometryCollection" {
        return match geometries {
            Some(members) => {
                members.map(|members| Geometry::GeometryCollection(GeometryCollection(members)))
            }
            None => Err("has a GeometryCollection without \"geometries\"".to_owned()),
        };
    }
    let Some(kind) = CoordKind::from_name(&name) else {
        return Err(format!("has an unknown geometry type {name:?}"));
    };
    match coordinates {
        Some(text) => coords::build(kind, text),
        None => Err(format!("has a {name} geometry without \"coordinates\"")),
    }
}

/// Reads a FeatureCollection's `"features"` array, reporting progress now and then. Gives
/// `None` if the value is not an array.
pub(crate) struct FeaturesSeed<'p> {
    /// Told how many features have been read so far.
    pub(crate) progress: &'p (dyn Fn(usize) + Sync),
}

impl FeaturesSeed<'_> {
    /// The answer for `"features"` that is not an array.
    fn other<'a>(self) -> Option<Vec<Outcome<'a>>> {
        None
    }
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Option<Vec<Outcome<'de>>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Option<Vec<Outcome<'de>>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of GeoJSON features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut outcomes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(outcome) = seq.next_element_seed(FeatureSeed {
            index: outcomes.len(),
        })? {
            outcomes.push(outcome);
            if outcomes.len().is_multiple_of(PROGRESS_EVERY) {
                (self.progress)(outcomes.len());
            }
        }
        Ok(Some(outcomes))
    }

    other_values!(scalars, str, unit, map);
}

/// The members of the top-level object, whatever its type turns out to be. Only `"features"`
/// is read as it streams (it is most of a FeatureCollection); the members of a single Feature
/// or Geometry are kept raw and read once the `"type"` is known.
#[derive(Default)]
pub(crate) struct TopMembers<'de> {
    /// `"type"`: absent, not a string (`Some(None)`), or a name.
    pub(crate) kind: Option<Option<String>>,
    /// `"features"`: absent, not an array (`Some(None)`), or its members.
    pub(crate) features: Option<Option<Vec<Outcome<'de>>>>,
    /// `"geometry"` (of a Feature), raw.
    pub(crate) geometry: Option<&'de RawValue>,
    /// `"properties"` (of a Feature), raw.
    pub(crate) properties: Option<&'de RawValue>,
    /// `"id"` (of a Feature), raw.
    pub(crate) id: Option<&'de RawValue>,
    /// `"coordinates"` (of a Geometry), raw.
    pub(crate) coordinates: Option<&'de RawValue>,
    /// `"geometries"` (of a GeometryCollection), raw.
    pub(crate) geometries: Option<&'de RawValue>,
}

/// Reads the whole text's top-level value. Gives `None` if it is not an object.
pub(crate) struct TopSeed<'p> {
    /// Told how many features have been read so far.
    pub(crate) progress: &'p (dyn Fn(usize) + Sync),
}

impl TopSeed<'_> {
    /// The answer for a top-level value that is not an object.
    fn other<'de>(self) -> Option<TopMembers<'de>> {
        None
    }
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Option<TopMembers<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Option<TopMembers<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = TopMembers::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Type => members.kind = Some(map.next_value::<TypeName>()?.0),
                Key::Features => {
                    let progress = self.progress;
                    members.features = Some(map.next_value_seed(FeaturesSeed { progress })?);
                }
                Key::Geometry => members.geometry = Some(map.next_value()?),
                Key::Properties => members.properties = Some(map.next_value()?),
                Key::Id => members.id = Some(map.next_value()?),
                Key::Coordinates => members.coordinates = Some(map.next_value()?),
                Key::Geometries => members.geometries = Some(map.next_value()?),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(members))
    }

    other_values!(scalars, str, unit, seq);
}
