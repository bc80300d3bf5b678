//! Reading the text of a `"coordinates"` member straight into `geo` types, checking it on the way.
//!
//! serde_json has already checked that the text is valid JSON (it was borrowed as a raw value),
//! so this parser only needs to know arrays, numbers and commas: anything else is a problem with
//! the feature, not with the file. It converts numbers itself so that a number too large for an
//! f64 (`1e400`) refuses its feature instead of failing the whole file as serde_json would.

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon};

/// The geometry types that carry `"coordinates"` (every type but GeometryCollection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CoordKind {
    /// One position.
    Point,
    /// A list of positions.
    MultiPoint,
    /// A list of at least two positions.
    LineString,
    /// A list of LineStrings.
    MultiLineString,
    /// A list of closed rings: the exterior, then holes.
    Polygon,
    /// A list of Polygons.
    MultiPolygon,
}

impl CoordKind {
    /// The kind named by a GeoJSON `"type"`, if it is one that has coordinates.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "Point" => Self::Point,
            "MultiPoint" => Self::MultiPoint,
            "LineString" => Self::LineString,
            "MultiLineString" => Self::MultiLineString,
            "Polygon" => Self::Polygon,
            "MultiPolygon" => Self::MultiPolygon,
            _ => return None,
        })
    }

    /// The GeoJSON name, for messages.
    fn name(self) -> &'static str {
        match self {
            Self::Point => "Point",
            Self::MultiPoint => "MultiPoint",
            Self::LineString => "LineString",
            Self::MultiLineString => "MultiLineString",
            Self::Polygon => "Polygon",
            Self::MultiPolygon => "MultiPolygon",
        }
    }

    /// How many levels of arrays the coordinates of this kind have, for messages.
    fn depth(self) -> usize {
        match self {
            Self::Point => 1,
            Self::MultiPoint | Self::LineString => 2,
            Self::MultiLineString | Self::Polygon => 3,
            Self::MultiPolygon => 4,
        }
    }
}

/// What went wrong inside a coordinates array, before it is worded for the geometry's type.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Problem {
    /// An array where a number belongs, or a number where an array belongs.
    Nesting,
    /// A string, object, boolean or null where a number or an array belongs.
    NotNumber,
    /// A position with fewer than two numbers.
    ShortPosition,
    /// A longitude or latitude too large for an f64.
    NonFinite,
    /// A longitude outside [-180, 180] or a latitude outside [-90, 90].
    OutOfRange {
        /// The position's longitude.
        lon: f64,
        /// The position's latitude.
        lat: f64,
    },
    /// Text that is not JSON. serde_json checked the text before, so this is only a guard that
    /// keeps this parser from ever panicking or guessing.
    Syntax,
}

/// Convert the raw text of `"coordinates"` into a geometry of `kind`, or say why the feature
/// must be refused (the reason reads after the feature's name, e.g. "has a non-finite
/// coordinate").
pub(crate) fn build(kind: CoordKind, text: &str) -> Result<Geometry<f64>, String> {
    let (geometry, length) = read_prefix(kind, text)?;
    let mut rest = Cursor::new(text.get(length..).unwrap_or_default());
    match rest.peek() {
        None => Ok(geometry),
        Some(_) => Err(describe(kind, Problem::Syntax.into())),
    }
}

/// Read the coordinates of `kind` from the start of `text` (which may go on after them), giving
/// the geometry and the length of its text. A problem gives the same reason as [`build`] on
/// the coordinates' text alone.
pub(crate) fn read_prefix(kind: CoordKind, text: &str) -> Result<(Geometry<f64>, usize), String> {
    let mut cursor = Cursor::new(text);
    match cursor.peek() {
        Some(b'[') => {}
        Some(b'-' | b'0'..=b'9') => return Err(nesting(kind)),
        _ => return Err("has \"coordinates\" that are not an array".to_owned()),
    }
    let geometry = read(kind, &mut cursor).map_err(|problem| describe(kind, problem))?;
    Ok((geometry, cursor.at))
}

/// Read (and check) the coordinates of `kind` from `cursor`.
fn read(kind: CoordKind, cursor: &mut Cursor<'_>) -> Result<Geometry<f64>, ShapeOrProblem> {
    Ok(match kind {
        CoordKind::Point => Geometry::Point(Point(cursor.position()?)),
        CoordKind::MultiPoint => {
            let points = cursor.list(Cursor::position)?;
            Geometry::MultiPoint(MultiPoint(points.into_iter().map(Point).collect()))
        }
        CoordKind::LineString => Geometry::LineString(line(cursor.list(Cursor::position)?)?),
        CoordKind::MultiLineString => {
            let lines = cursor.list(|c| c.list(Cursor::position))?;
            Geometry::MultiLineString(MultiLineString(
                lines.into_iter().map(line).collect::<Result<_, _>>()?,
            ))
        }
        CoordKind::Polygon => {
            let rings = cursor.list(|c| c.list(Cursor::position))?;
            Geometry::Polygon(polygon(rings, 1)?)
        }
        CoordKind::MultiPolygon => {
            let polygons = cursor.list(|c| c.list(|c| c.list(Cursor::position)))?;
            Geometry::MultiPolygon(MultiPolygon(
                polygons
                    .into_iter()
                    .enumerate()
                    .map(|(index, rings)| polygon(rings, index + 1))
                    .collect::<Result<_, _>>()?,
            ))
        }
    })
}

/// Why coordinates were refused: a problem met while reading the arrays, or a wrong shape.
#[derive(Debug)]
enum ShapeOrProblem {
    /// A problem found while reading the arrays.
    Problem(Problem),
    /// A geometry whose arrays read fine but whose shape is wrong (already worded).
    Shape(String),
}

impl From<Problem> for ShapeOrProblem {
    fn from(problem: Problem) -> Self {
        Self::Problem(problem)
    }
}

/// Word a problem for a feature whose geometry is of `kind`.
fn describe(kind: CoordKind, problem: ShapeOrProblem) -> String {
    match problem {
        ShapeOrProblem::Shape(reason) => reason,
        ShapeOrProblem::Problem(problem) => match problem {
            Problem::Nesting => nesting(kind),
            Problem::NotNumber => "has a non-numeric coordinate".to_owned(),
            Problem::ShortPosition => "has a position with fewer than 2 numbers".to_owned(),
            Problem::NonFinite => "has a non-finite coordinate".to_owned(),
            Problem::OutOfRange { lon, lat } => {
                format!("has a coordinate out of range: longitude {lon}, latitude {lat}")
            }
            Problem::Syntax => format!("has unreadable {} coordinates", kind.name()),
        },
    }
}

/// The reason for coordinates with the wrong number of array levels for `kind`.
fn nesting(kind: CoordKind) -> String {
    let name = kind.name();
    let depth = kind.depth();
    let levels = if depth == 1 { "level" } else { "levels" };
    format!("has {name} coordinates nested wrongly (a {name} has {depth} {levels} of arrays)")
}

/// A LineString (alone or in a MultiLineString) needs at least two positions.
fn line(positions: Vec<Coord<f64>>) -> Result<LineString<f64>, ShapeOrProblem> {
    if positions.len() < 2 {
        return Err(ShapeOrProblem::Shape(
            "has a LineString with fewer than 2 positions".to_owned(),
        ));
    }
    Ok(LineString(positions))
}

/// Check the rings of the `number`th polygon (1-based) of a geometry (the first ring is the
/// exterior, the rest are holes) and build it.
fn polygon(rings: Vec<Vec<Coord<f64>>>, number: usize) -> Result<Polygon<f64>, ShapeOrProblem> {
    for (index, ring) in rings.iter().enumerate() {
        let ring_number = index + 1;
        if ring.len() < 4 {
            return Err(ShapeOrProblem::Shape(format!(
                "has a polygon ring with fewer than 4 positions \
                 (ring {ring_number} of polygon {number})"
            )));
        }
        if ring.first() != ring.last() {
            return Err(ShapeOrProblem::Shape(format!(
                "has an unclosed polygon ring (ring {ring_number} of polygon {number})"
            )));
        }
    }
    let mut rings = rings.into_iter().map(LineString);
    let Some(exterior) = rings.next() else {
        return Err(ShapeOrProblem::Shape(format!(
            "has a polygon with no rings (polygon {number})"
        )));
    };
    Ok(Polygon::new(exterior, rings.collect()))
}

/// A position in the raw text of a coordinates array.
struct Cursor<'a> {
    /// The text, as bytes.
    bytes: &'a [u8],
    /// Index of the next unread byte.
    at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
        }
    }

    /// Skip JSON whitespace and return the next byte without consuming it.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        while let Some(&byte) = self.bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    /// Consume the `[` that must come next.
    #[inline]
    fn open(&mut self) -> Result<(), Problem> {
        match self.peek() {
            Some(b'[') => {
                self.at += 1;
                Ok(())
            }
            Some(b'-' | b'0'..=b'9') => Err(Problem::Nesting),
            Some(_) => Err(Problem::NotNumber),
            None => Err(Problem::Syntax),
        }
    }

    /// After a list item: consume a `,` (true: another item follows) or the closing `]`.
    #[inline]
    fn next_item(&mut self) -> Result<bool, Problem> {
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(b']') => {
                self.at += 1;
                Ok(false)
            }
            _ => Err(Problem::Syntax),
        }
    }

    /// Consume the closing `]` of an empty list, if that is what comes next.
    #[inline]
    fn empty_list(&mut self) -> bool {
        if self.peek() == Some(b']') {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// Read an array whose items are each read by `item`.
    fn list<T, E: From<Problem>>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<T, E>,
    ) -> Result<Vec<T>, E> {
        self.open()?;
        let mut items = Vec::new();
        if self.empty_list() {
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            if !self.next_item()? {
                return Ok(items);
            }
        }
    }

    /// Read a position: at least two numbers, of which the first two (longitude, latitude)
    /// are kept and checked; more numbers (altitude and beyond) are allowed and dropped.
    fn position(&mut self) -> Result<Coord<f64>, Problem> {
        self.open()?;
        if self.empty_list() {
            return Err(Problem::ShortPosition);
        }
        let (mut lon, mut lat) = (0.0, 0.0);
        let mut count = 0usize;
        loop {
            match self.peek() {
                Some(b'-' | b'0'..=b'9') => {
                    let value = self.number()?;
                    match count {
                        0 => lon = value,
                        1 => lat = value,
                        _ => {}
                    }
                    count += 1;
                }
                Some(b'[') => return Err(Problem::Nesting),
                Some(_) => return Err(Problem::NotNumber),
                None => return Err(Problem::Syntax),
            }
            if !self.next_item()? {
                break;
            }
        }
        if count < 2 {
            return Err(Problem::ShortPosition);
        }
        if !lon.is_finite() || !lat.is_finite() {
            return Err(Problem::NonFinite);
        }
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(Problem::OutOfRange { lon, lat });
        }
        Ok(Coord { x: lon, y: lat })
    }

    /// Read a JSON number (the cursor is on its first byte), refusing anything outside JSON's
    /// number grammar, so that a successful read of a whole coordinates array proves that it
    /// was valid JSON (the fast parse relies on it; see [`super::fast`]).
    #[inline]
    fn number(&mut self) -> Result<f64, Problem> {
        let start = self.at;
        let bytes = self.bytes;
        let mut at = start;
        let negative = bytes.get(at) == Some(&b'-');
        if negative {
            at += 1;
        }
        // Digits, accumulated for the fast path while they fit.
        let mut mantissa: u64 = 0;
        let mut digits = 0usize;
        let mut fraction_digits = 0usize;
        match bytes.get(at) {
            Some(b'0') => at += 1,
            Some(b'1'..=b'9') => {
                while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                    if digits < 19 {
                        mantissa = mantissa * 10 + u64::from(digit - b'0');
                    }
                    digits += 1;
                    at += 1;
                }
            }
            _ => return Err(Problem::Syntax),
        }
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let first = at;
            while let Some(&digit @ b'0'..=b'9') = bytes.get(at) {
                if digits < 19 {
                    mantissa = mantissa * 10 + u64::from(digit - b'0');
                }
                digits += 1;
                fraction_digits += 1;
                at += 1;
            }
            if at == first {
                return Err(Problem::Syntax);
            }
        }
        let mut exponent = false;
        if let Some(b'e' | b'E') = bytes.get(at) {
            exponent = true;
            at += 1;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            let first = at;
            while let Some(b'0'..=b'9') = bytes.get(at) {
                at += 1;
            }
            if at == first {
                return Err(Problem::Syntax);
            }
        }
        self.at = at;
        // Clinger's fast path: an integer of at most 53 bits divided by an exact power of ten
        // is correctly rounded by one IEEE division. Most coordinates (`-58.20012`) take it.
        if !exponent
            && digits <= 19
            && mantissa <= 1 << 53
            && let Some(&scale) = POW10.get(fraction_digits)
        {
            let value = mantissa as f64 / scale;
            return Ok(if negative { -value } else { value });
        }
        // Everything else goes to the standard library's correctly rounded parser, which
        // gives an infinity for a number too large (refused by the caller).
        bytes
            .get(start..at)
            .and_then(|token| std::str::from_utf8(token).ok())
            .and_then(|token| token.parse().ok())
            .ok_or(Problem::Syntax)
    }
}

/// Exact powers of ten up to the largest one an f64 holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The number in `text` read by a cursor, and whether the whole text was read.
    fn number(text: &str) -> Option<(f64, bool)> {
        let mut cursor = Cursor::new(text);
        let value = cursor.number().ok()?;
        Some((value, cursor.at == text.len()))
    }

    #[test]
    fn numbers_match_the_standard_library() {
        for text in [
            "0",
            "-0",
            "1",
            "-58.20012",
            "179.99999999999997",
            "0.1",
            "0.30000000000000004",
            "123456789012345678",
            "1234567890123456789012",
            "1e5",
            "-2.5E-3",
            "1E+2",
            "1e400",
            "0.000000000000000000000001",
            "9007199254740993",
            "90.000000000000000001",
            "-0.0e-0",
            "12345678901234567890.5",
            "0.00001234567890123456789",
        ] {
            let std: f64 = text.parse().unwrap();
            assert_eq!(
                number(text).map(|(value, all)| (value.to_bits(), all)),
                Some((std.to_bits(), true)),
                "{text}"
            );
        }
        assert_eq!(number("1e400"), Some((f64::INFINITY, true)));
    }

    #[test]
    fn numbers_follow_json_grammar() {
        for text in ["-", "", ".5", "-.5", "+1", "1.", "1.e5", "1e", "1e+", "-a"] {
            assert_eq!(number(text), None, "{text}");
        }
        // A JSON number ends where its grammar ends; what follows is the caller's business.
        assert_eq!(number("01"), Some((0.0, false)));
        assert_eq!(number("1.5.2"), Some((1.5, false)));
    }

    #[test]
    fn shapes_and_problems() {
        assert!(
            build(CoordKind::Point, "[01, 2]")
                .unwrap_err()
                .contains("unreadable")
        );
        let point = build(CoordKind::Point, " [ 1 , 2 , 3 , 4 ] ").unwrap();
        assert_eq!(point, Geometry::Point(Point::new(1.0, 2.0)));
        let err = |kind, text| build(kind, text).unwrap_err();
        assert!(err(CoordKind::Point, "[[1,2]]").contains("nested wrongly"));
        assert!(err(CoordKind::Polygon, "[[1,2]]").contains("nested wrongly"));
        assert!(err(CoordKind::Point, "5").contains("nested wrongly"));
        assert!(err(CoordKind::Point, "null").contains("not an array"));
        assert!(err(CoordKind::Point, "[1,\"2\"]").contains("non-numeric"));
        assert!(err(CoordKind::Point, "[1]").contains("fewer than 2 numbers"));
        assert!(err(CoordKind::Point, "[]").contains("fewer than 2 numbers"));
        assert!(err(CoordKind::Point, "[1,2] x").contains("unreadable"));
        assert!(err(CoordKind::Point, "[1,2").contains("unreadable"));
        assert!(err(CoordKind::Polygon, "[]").contains("no rings"));
        assert!(err(CoordKind::LineString, "[[1,2]]").contains("fewer than 2 positions"));
    }
}
