//! A placemark's geometry as its elements arrive: a frame per open geometry element
//! (`Point`, `LineString`, `LinearRing`, `Polygon`, `MultiGeometry`, `gx:Track`,
//! `gx:MultiTrack`, `Model`), each turned into a `geo` geometry when it ends and handed to the
//! frame it is in. A part that cannot be read is dropped from its MultiGeometry alone, with
//! why; a geometry element with no coordinates at all leaves the placemark without a place.

use geo::{Coord, Geometry, LineString, MultiLineString, Point, Polygon};

/// One open geometry element.
#[derive(Debug)]
pub(super) enum Frame {
    Point(Vec<Coord<f64>>),
    Line(Vec<Coord<f64>>),
    Ring(Vec<Coord<f64>>),
    Polygon {
        outer: Option<Vec<Coord<f64>>>,
        inner: Vec<Vec<Coord<f64>>>,
    },
    Multi(Vec<Geometry<f64>>),
    Track {
        coords: Vec<Coord<f64>>,
        when: Vec<String>,
    },
    MultiTrack(Vec<LineString<f64>>),
    Model {
        lon: Option<f64>,
        lat: Option<f64>,
    },
}

/// The frame for a geometry element's (local) name, if it is one.
pub(super) fn frame_for(name: &str) -> Option<Frame> {
    Some(match name {
        "Point" => Frame::Point(Vec::new()),
        "LineString" => Frame::Line(Vec::new()),
        "LinearRing" => Frame::Ring(Vec::new()),
        "Polygon" => Frame::Polygon {
            outer: None,
            inner: Vec::new(),
        },
        "MultiGeometry" => Frame::Multi(Vec::new()),
        "Track" => Frame::Track {
            coords: Vec::new(),
            when: Vec::new(),
        },
        "MultiTrack" => Frame::MultiTrack(Vec::new()),
        "Model" => Frame::Model {
            lon: None,
            lat: None,
        },
        _ => return None,
    })
}

/// What a frame became when it ended.
#[derive(Debug)]
pub(super) enum Ended {
    Geometry(Geometry<f64>),
    /// A ring, for the Polygon it is in.
    Ring(Vec<Coord<f64>>),
    /// No coordinates at all: nothing to draw.
    Empty(&'static str),
    Bad(String),
}

impl Frame {
    /// The geometry the frame ended as.
    pub(super) fn end(self) -> Ended {
        match self {
            Frame::Point(coords) => match coords.first() {
                Some(c) => Ended::Geometry(Geometry::Point(Point(*c))),
                None => Ended::Empty("Point"),
            },
            Frame::Line(coords) => line(coords, "LineString"),
            Frame::Ring(coords) => Ended::Ring(coords),
            Frame::Polygon { outer, inner } => match outer {
                Some(outer) if outer.is_empty() => Ended::Empty("Polygon"),
                Some(outer) => Ended::Geometry(Geometry::Polygon(Polygon::new(
                    LineString(outer),
                    inner.into_iter().map(LineString).collect(),
                ))),
                None => Ended::Bad("has a Polygon without an outerBoundaryIs ring".to_owned()),
            },
            Frame::Multi(parts) if parts.is_empty() => Ended::Empty("MultiGeometry"),
            Frame::Multi(parts) => {
                Ended::Geometry(Geometry::GeometryCollection(geo::GeometryCollection(parts)))
            }
            Frame::Track { coords, .. } => line(coords, "gx:Track"),
            Frame::MultiTrack(lines) if lines.is_empty() => Ended::Empty("gx:MultiTrack"),
            Frame::MultiTrack(lines) => {
                Ended::Geometry(Geometry::MultiLineString(MultiLineString(lines)))
            }
            Frame::Model { lon, lat } => match (lon, lat) {
                (Some(x), Some(y)) => Ended::Geometry(Geometry::Point(Point::new(x, y))),
                _ => Ended::Empty("Model"),
            },
        }
    }

    /// Take in what a frame inside this one ended as; gives what could not be taken in
    /// (a dropped part's reason).
    pub(super) fn take(
        &mut self,
        inner: Ended,
        inner_name: &str,
        boundary: Boundary,
    ) -> Option<String> {
        match (self, inner) {
            (
                Frame::Polygon {
                    outer,
                    inner: holes,
                },
                Ended::Ring(ring),
            ) => {
                match boundary {
                    Boundary::Outer => *outer = Some(ring),
                    Boundary::Inner if !ring.is_empty() => holes.push(ring),
                    Boundary::Inner => {}
                    Boundary::None => {
                        return Some(
                            "has a LinearRing outside outerBoundaryIs and innerBoundaryIs"
                                .to_owned(),
                        );
                    }
                }
                None
            }
            (Frame::Multi(parts), Ended::Geometry(geometry)) => {
                parts.push(geometry);
                None
            }
            (Frame::Multi(parts), Ended::Ring(ring)) => {
                if ring.len() >= 2 {
                    parts.push(Geometry::LineString(LineString(ring)));
                }
                None
            }
            (Frame::Multi(parts), Ended::Bad(why)) => Some(format!(
                "part {} of its MultiGeometry {why}",
                parts.len() + 1
            )),
            (Frame::Multi(parts), Ended::Empty(what)) => Some(format!(
                "part {} of its MultiGeometry, a {what}, has no coordinates",
                parts.len() + 1
            )),
            (Frame::MultiTrack(lines), Ended::Geometry(Geometry::LineString(line))) => {
                lines.push(line);
                None
            }
            (Frame::MultiTrack(lines), other) => Some(format!(
                "track {} of its gx:MultiTrack {}",
                lines.len() + 1,
                describe(&other, inner_name)
            )),
            (_, other) => Some(format!(
                "has a {inner_name} where it cannot be ({})",
                describe(&other, inner_name)
            )),
        }
    }

    /// Coordinates read from a `coordinates` element inside this frame.
    pub(super) fn coordinates(&mut self, coords: Vec<Coord<f64>>) {
        match self {
            Frame::Point(c) | Frame::Line(c) | Frame::Ring(c) => *c = coords,
            _ => {}
        }
    }
}

/// Which boundary of a Polygon a LinearRing is in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Boundary {
    Outer,
    Inner,
    None,
}

fn describe(ended: &Ended, name: &str) -> String {
    match ended {
        Ended::Bad(why) => why.clone(),
        Ended::Empty(what) => format!("(a {what}) has no coordinates"),
        _ => format!("is a {name}, which is not a track"),
    }
}

/// A line of `coords`, or why not.
fn line(coords: Vec<Coord<f64>>, what: &'static str) -> Ended {
    match coords.len() {
        0 => Ended::Empty(what),
        1 => Ended::Bad(format!(
            "has a {what} of a single position (a line needs two)"
        )),
        _ => Ended::Geometry(Geometry::LineString(LineString(coords))),
    }
}

/// The tuples of a `coordinates` element: `lon,lat[,alt]` separated by white space (white
/// space beside the commas, as hand-written files have it, is allowed), or the first tuple
/// that is not two numbers.
pub(super) fn tuples(text: &str) -> Result<Vec<Coord<f64>>, String> {
    let spaced = text.contains(", ") || text.contains(" ,") || text.contains(",\t");
    let normalized: std::borrow::Cow<str> = if spaced {
        let mut out = String::with_capacity(text.len());
        for piece in text.split(',') {
            if !out.is_empty() {
                while out.ends_with(char::is_whitespace) {
                    out.pop();
                }
                out.push(',');
                out.push_str(piece.trim_start());
            } else {
                out.push_str(piece);
            }
        }
        out.into()
    } else {
        text.into()
    };
    normalized
        .split_ascii_whitespace()
        .map(|tuple| {
            let mut numbers = tuple
                .split(',')
                .map(|n| n.parse::<f64>().ok().filter(|v| v.is_finite()));
            match (numbers.next().flatten(), numbers.next().flatten()) {
                (Some(x), Some(y)) => Ok(Coord { x, y }),
                _ => Err(format!(
                    "has coordinates \"{tuple}\" that are not a longitude and a latitude"
                )),
            }
        })
        .collect()
}

/// A gx:coord: `lon lat [alt]` separated by white space.
pub(super) fn gx_coord(text: &str) -> Result<Coord<f64>, String> {
    let mut numbers = text
        .split_ascii_whitespace()
        .map(|n| n.parse::<f64>().ok().filter(|v| v.is_finite()));
    match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(x), Some(y)) => Ok(Coord { x, y }),
        _ => Err(format!(
            "has a gx:coord \"{text}\" that is not a longitude and a latitude"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuples_allow_spaces_beside_commas_and_refuse_what_is_not_a_position() {
        let coords = tuples(" 60.1,29.2,0\n 61, 30 ,5\t62,31 ").unwrap();
        assert_eq!(coords.len(), 3);
        assert_eq!(coords[1], Coord { x: 61.0, y: 30.0 });
        assert!(tuples("E62.3,N27.3,0").unwrap_err().contains("E62.3"));
        assert!(tuples("60.8629").is_err());
        assert_eq!(tuples("   ").unwrap(), vec![]);
        assert_eq!(
            gx_coord("63.47 25.69 1227.7").unwrap(),
            Coord { x: 63.47, y: 25.69 }
        );
    }
}
