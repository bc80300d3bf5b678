//! A hand-written reader for one member of a FeatureCollection's features array: the fast path
//! of the parse.
//!
//! The serde visitors in [`super::seeds`] must have serde_json skip over each `"coordinates"`
//! array once (to borrow it raw) before [`super::coords`] reads it; here the coordinate parser
//! reads the file's text directly, which saves that pass. The reader walks only the structure
//! of Feature and geometry objects; every other value is found by the scanner's skipping
//! functions and checked or read by serde_json, and the coordinate parser accepts nothing but
//! JSON. So a member this reader accepts is valid JSON, and its outcome is the one the serde
//! visitors would give.
//!
//! Whenever something is not plainly right (text that is not valid JSON, a `"type"` that is not
//! a string, a `"geometry"` that is neither an object nor null...), the reader gives up (`None`)
//! and the member is parsed by the serde visitors, which decide.

use geo::Geometry;
use serde::de::IgnoredAny;

use super::coords::{self, CoordKind};
use super::scan;
use super::seeds::{self, FeatureMembers, GeometryOutcome, Key, MAX_COLLECTION_DEPTH, Outcome};

/// Read the object at the start of `text` (which may go on after it) as feature number
/// `index`, giving its outcome and the length of its text. `None` means "let serde decide"
/// (see the module documentation).
pub(crate) fn feature(text: &str, index: usize) -> Option<(Outcome<'_>, usize)> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut members = FeatureMembers::default();
    reader.object(|reader, key| {
        match key {
            Key::Type => members.kind = Some(Some(reader.string()?)),
            Key::Id => members.id = seeds::id_text(reader.checked_value()?),
            Key::Properties => members.properties = Some(reader.properties()?),
            Key::Geometry => members.geometry = Some(reader.geometry(0)?),
            _ => {
                reader.checked_value()?;
            }
        }
        Some(())
    })?;
    Some((members.finish(index), reader.at))
}

/// A position in the text of one member.
struct Reader<'a> {
    /// The member's text.
    text: &'a str,
    /// The same, as bytes.
    bytes: &'a [u8],
    /// Index of the next unread byte.
    at: usize,
}

impl<'a> Reader<'a> {
    /// Skip JSON whitespace.
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte, not consumed.
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Read an object (the reader is on its `{`), calling `member` for each member with the
    /// reader on the member's value, which `member` must consume.
    fn object(&mut self, mut member: impl FnMut(&mut Self, Key) -> Option<()>) -> Option<()> {
        if self.peek() != Some(b'{') {
            return None;
        }
        self.at += 1;
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(());
        }
        loop {
            let name = self.string_bytes()?;
            let key = Key::from_name(&name);
            self.whitespace();
            if self.peek() != Some(b':') {
                return None;
            }
            self.at += 1;
            self.whitespace();
            member(self, key)?;
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                }
                Some(b'}') => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Read a string (the reader is on its opening quote) and give its contents, unescaped.
    fn string(&mut self) -> Option<String> {
        String::from_utf8(self.string_bytes()?.into_owned()).ok()
    }

    /// Read a string and give its contents as bytes: borrowed from the text in the common case
    /// (no escapes, no control characters), unescaped and checked by serde_json otherwise.
    fn string_bytes(&mut self) -> Option<std::borrow::Cow<'a, [u8]>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let end = scan::skip_string(self.bytes, self.at)?;
        let contents = self.bytes.get(self.at + 1..end.saturating_sub(1))?;
        let quoted = self.text.get(self.at..end)?;
        self.at = end;
        if contents.iter().all(|&byte| byte >= 0x20 && byte != b'\\') {
            Some(contents.into())
        } else {
            let unescaped: String = serde_json::from_str(quoted).ok()?;
            Some(unescaped.into_bytes().into())
        }
    }

    /// Find the end of the value the reader is on, and the value's text, without checking it.
    fn value(&mut self) -> Option<&'a str> {
        let end = scan::skip_value(self.bytes, self.at)?;
        let value = self.text.get(self.at..end)?;
        self.at = end;
        Some(value)
    }

    /// Read any value, checked by serde_json, and give its text.
    fn checked_value(&mut self) -> Option<&'a str> {
        let value = self.value()?;
        check(value)?;
        Some(value)
    }

    /// Read a feature's `"properties"`: found and checked as JSON, kept as text (see
    /// [`seeds::properties`]).
    fn properties(&mut self) -> Option<Result<&'a str, String>> {
        let value = self.checked_value()?;
        Some(seeds::properties(value))
    }

    /// Read a geometry object, or `null`, at GeometryCollection nesting `depth`.
    fn geometry(&mut self, depth: usize) -> Option<GeometryOutcome> {
        if self.peek() == Some(b'n') {
            return match self.checked_value()? {
                "null" => Some(Ok(None)),
                _ => None,
            };
        }
        let mut kind: Option<Option<String>> = None;
        let mut coordinates = None;
        let mut geometries = None;
        self.object(|reader, key| {
            match key {
                Key::Type => kind = Some(Some(reader.string()?)),
                Key::Coordinates => {
                    // A repeated member replaces the earlier one, which must still be JSON.
                    if let Some(Coordinates::Text(earlier)) = coordinates {
                        check(earlier)?;
                    }
                    let known = kind.as_ref().and_then(|kind| kind.as_deref());
                    coordinates = Some(match known.and_then(CoordKind::from_name) {
                        Some(kind) => Coordinates::Read(kind, reader.coordinates(kind)?),
                        None => Coordinates::Text(reader.value()?),
                    });
                }
                Key::Geometries => geometries = Some(reader.geometries(depth + 1)?),
                _ => {
                    reader.checked_value()?;
                }
            }
            Some(())
        })?;
        let geometry = match coordinates {
            Some(Coordinates::Read(read_as, geometry)) => {
                // The usual case: "type" came first, and the coordinates were read as they came.
                // That is what serde would give, unless another "type" came after them.
                let name = kind.as_ref().and_then(|kind| kind.as_deref());
                if name.and_then(CoordKind::from_name) != Some(read_as) {
                    return None;
                }
                geometry
            }
            Some(Coordinates::Text(text)) => {
                let geometry = seeds::build_geometry(kind, Some(text), geometries);
                // The coordinates were read in full, and so proven to be JSON, only if they made
                // a geometry of their own; otherwise serde_json checks them.
                if !matches!(&geometry, Ok(g) if !matches!(g, Geometry::GeometryCollection(_))) {
                    check(text)?;
                }
                geometry
            }
            None => seeds::build_geometry(kind, None, geometries),
        };
        Some(geometry.map(Some))
    }

    /// Read `"coordinates"` as `kind` straight from the text. A refused geometry's coordinates
    /// are checked to be JSON: the parser stopped at the first problem.
    fn coordinates(&mut self, kind: CoordKind) -> Option<Result<Geometry<f64>, String>> {
        match coords::read_prefix(kind, self.text.get(self.at..)?) {
            Ok((geometry, length)) => {
                self.at += length;
                Some(Ok(geometry))
            }
            Err(reason) => {
                self.checked_value()?;
                Some(Err(reason))
            }
        }
    }

    /// Read the `"geometries"` of a GeometryCollection whose members are at `depth`, as
    /// [`seeds::GeometriesSeed`] does.
    fn geometries(&mut self, depth: usize) -> Option<Result<Vec<Geometry<f64>>, String>> {
        if depth > MAX_COLLECTION_DEPTH {
            self.checked_value()?;
            return Some(Err(format!(
                "has GeometryCollections nested more than {MAX_COLLECTION_DEPTH} deep"
            )));
        }
        if self.peek() != Some(b'[') {
            return None;
        }
        self.at += 1;
        self.whitespace();
        let mut members = Vec::new();
        let mut problem = None;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(Ok(members));
        }
        loop {
            if problem.is_some() {
                self.checked_value()?;
            } else {
                match self.geometry(depth)? {
                    Ok(Some(geometry)) => members.push(geometry),
                    Ok(None) => {
                        problem =
                            Some("has a null geometry inside a GeometryCollection".to_owned());
                    }
                    Err(reason) => problem = Some(reason),
                }
            }
            self.whitespace();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.whitespace();
                }
                Some(b']') => {
                    self.at += 1;
                    return Some(match problem {
                        Some(reason) => Err(reason),
                        None => Ok(members),
                    });
                }
                _ => return None,
            }
        }
    }
}

/// The `"coordinates"` of a geometry object, as far as they could be read when they came.
enum Coordinates<'a> {
    /// Read as the kind named by the `"type"` that came before them.
    Read(CoordKind, Result<Geometry<f64>, String>),
    /// Not read yet (no `"type"` before them), and not checked.
    Text(&'a str),
}

/// Whether `value` is one valid JSON value, as serde_json sees it.
fn check(value: &str) -> Option<()> {
    serde_json::from_str::<IgnoredAny>(value).ok().map(drop)
}
