//! A track or route as its points arrive: segments of two points or more kept as lines, the
//! others left out and said, the first and last times, and its line style.

use geo::{Coord, Geometry, LineString, MultiLineString};
use serde_json::{Map, Value, json};

use super::fields::{garmin_color, hex_color};
use super::{Item, Kind};

/// A track or route being read.
#[derive(Debug)]
pub(super) struct TrackRead {
    pub(super) kind: Kind,
    pub(super) at: usize,
    pub(super) properties: Map<String, Value>,
    pub(super) lines: Vec<LineString<f64>>,
    /// The segment being read: its number, where it starts, its points.
    pub(super) segment: Option<(usize, usize, Vec<Coord<f64>>)>,
    pub(super) segments: usize,
    pub(super) points: usize,
    pub(super) first_time: Option<String>,
    pub(super) last_time: Option<String>,
    pub(super) dropped: Vec<(usize, String)>,
}

impl TrackRead {
    pub(super) fn new(kind: Kind, at: usize) -> Self {
        let mut properties = Map::new();
        properties.insert("gpx_type".to_owned(), json!(kind.name()));
        Self {
            kind,
            at,
            properties,
            lines: Vec::new(),
            segment: None,
            segments: 0,
            points: 0,
            first_time: None,
            last_time: None,
            dropped: Vec::new(),
        }
    }

    pub(super) fn open_segment(&mut self, at: usize) {
        self.segments += 1;
        self.segment = Some((self.segments, at, Vec::new()));
    }

    /// The segment being read ends: kept as a line when it has two points or more.
    pub(super) fn close_segment(&mut self) {
        let Some((number, at, points)) = self.segment.take() else {
            return;
        };
        let which = match self.kind {
            Kind::Route => "the route".to_owned(),
            _ => format!("segment {number}"),
        };
        match points.len() {
            0 if self.kind == Kind::Route => {}
            0 => self.dropped.push((at, format!("{which} has no points"))),
            1 => self.dropped.push((
                at,
                format!("{which} has a single point, and a line needs two: it is left out"),
            )),
            _ => self.lines.push(LineString(points)),
        }
    }

    /// A line style of the track: GPX's own style extension, or Garmin's display colour.
    pub(super) fn style(&mut self, name: &str, parent: &str, text: &str) {
        let property = match (parent, name) {
            ("line", "color") => hex_color(text).map(|c| ("stroke", json!(c))),
            ("line", "opacity") => text
                .parse::<f64>()
                .ok()
                .map(|o| ("stroke-opacity", json!(o))),
            ("line", "width") => text.parse::<f64>().ok().map(|w| ("stroke-width", json!(w))),
            (_, "DisplayColor") => garmin_color(text).map(|c| ("stroke", json!(c))),
            _ => None,
        };
        if let Some((key, value)) = property {
            self.properties.insert(key.to_owned(), value);
        }
    }

    pub(super) fn into_item(mut self, number: usize) -> Item {
        self.properties
            .insert("points".to_owned(), json!(self.points));
        if self.kind == Kind::Track && self.segments != 1 {
            self.properties
                .insert("segments".to_owned(), json!(self.segments));
        }
        if let (Some(first), Some(last)) = (self.first_time, self.last_time) {
            self.properties.entry("time").or_insert(json!(first));
            self.properties.insert("end_time".to_owned(), json!(last));
        }
        let geometry = match (self.kind, self.lines.len()) {
            (_, 0) => None,
            (Kind::Route, _) => self.lines.pop().map(Geometry::LineString),
            _ => Some(Geometry::MultiLineString(MultiLineString(self.lines))),
        };
        Item {
            kind: self.kind,
            number,
            at: self.at,
            properties: self.properties,
            geometry: Ok(geometry),
            dropped: self.dropped,
        }
    }
}
