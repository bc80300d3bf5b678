//! GPX from GPS devices, phones, fitness apps and field teams, read in one pass with
//! `quick-xml` (see README, "How each format is read", for why not the `gpx` crate): each
//! waypoint a point, each track a multi-line of its segments, each route a line, with what
//! GDAL's GPX driver reads of them (GPX 1.0 and 1.1 fields alike) as properties. Unknown
//! elements and extensions in other namespaces are passed over; misplaced optional ones
//! (a `time` in a track) are read where they stand. A bad part is left out alone, named with
//! its line: a track point without a readable position, a segment of one point; a waypoint
//! without a readable position is refused. A file cut short keeps what was complete before.

use std::borrow::Cow;
use std::path::Path;

use geo::{Coord, Geometry, Point};
use serde_json::{Map, Value, json};

mod fields;
mod track;

use super::Features;
use super::lines::LineIndex;
use super::xml::{self, Element, Handler, local};
use crate::data::DataError;
use crate::data::layer_file::LayerFile;
use fields::{field, position, typed};
use track::TrackRead;

/// Read GPX `bytes` from `path`.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let mut reader = GpxReader::default();
    let document = xml::read_document(bytes, "gpx", "GPX", &mut reader).map_err(refuse)?;
    let mut lines = LineIndex::new(&document.text);
    let mut features = Features::new(&shown);
    features.notes.extend(document.note);
    keep_items(&mut features, reader.items, &mut lines);
    if let Some(cut) = document.cut {
        if features.is_empty() && features.skipped_count() == 0 {
            return Err(refuse(cut));
        }
        features
            .notes
            .push(format!("{cut}: what came before is read, the rest is lost"));
    }
    features.finish(path, "GPX", bytes.len() as u64)
}

/// Hand the items read to `features`, each named by its kind, number and line.
fn keep_items(features: &mut Features, items: Vec<Item>, lines: &mut LineIndex) {
    let shown = features.shown.clone();
    for (order, item) in items.into_iter().enumerate() {
        let (line, column) = lines.position(item.at);
        let name = item
            .properties
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let what = format!("{} {}", item.kind.name(), item.number);
        let label = match &name {
            Some(name) => format!("{what}, \"{name}\""),
            None => what,
        };
        let feature = |problem: &str| DataError::labelled(&shown, order, &label, problem);
        for (at, problem) in &item.dropped {
            let (line, column) = lines.position(*at);
            let error = feature(problem);
            features.drop_part(order, error.at(line, column));
        }
        let named = |problem: String| feature(&problem).at(line, column);
        match item.geometry {
            Err(problem) => features.skip(order, named(problem)),
            Ok(geometry) => {
                let properties = Cow::Owned(Value::Object(item.properties).to_string());
                features.keep(order, &named, None, geometry, properties);
            }
        }
    }
}

/// What a GPX item is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Waypoint,
    Track,
    Route,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Waypoint => "waypoint",
            Self::Track => "track",
            Self::Route => "route",
        }
    }
}

/// A waypoint, track or route as read.
#[derive(Debug)]
struct Item {
    kind: Kind,
    /// Its number among the items of its kind (1-based).
    number: usize,
    at: usize,
    properties: Map<String, Value>,
    /// Its geometry (`None`: no place), or why it is refused.
    geometry: Result<Option<Geometry<f64>>, String>,
    /// Parts left out: where, and why.
    dropped: Vec<(usize, String)>,
}

/// A point (waypoint, route or track point) being read.
#[derive(Debug)]
struct PointRead {
    at: usize,
    position: Result<Coord<f64>, String>,
    fields: Map<String, Value>,
}

/// The pass over a GPX file.
#[derive(Debug, Default)]
struct GpxReader {
    items: Vec<Item>,
    counts: [usize; 3],
    path: Option<TrackRead>,
    point: Option<PointRead>,
}

impl Handler for GpxReader {
    fn start(&mut self, element: &Element, path: &[String]) {
        match element.local() {
            "wpt" | "rtept" | "trkpt" => {
                self.point = Some(PointRead {
                    at: element.at,
                    position: position(element),
                    fields: Map::new(),
                });
                // Track points outside any segment (as some writers leave them) make one.
                if element.local() == "trkpt"
                    && let Some(track) = &mut self.path
                    && track.segment.is_none()
                {
                    track.open_segment(element.at);
                }
            }
            "trk" | "rte" if path.len() == 1 => {
                let kind = if element.local() == "trk" {
                    Kind::Track
                } else {
                    Kind::Route
                };
                self.path = Some(TrackRead::new(kind, element.at));
                if kind == Kind::Route
                    && let Some(route) = &mut self.path
                {
                    route.open_segment(element.at);
                }
            }
            "trkseg" => {
                if let Some(track) = &mut self.path {
                    track.close_segment();
                    track.open_segment(element.at);
                }
            }
            "link" => {
                if let Some(href) = element.attribute("href") {
                    self.field(path, "link", json!(href));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, text: &str, path: &[String], _at: usize) {
        let text = text.trim();
        match local(name) {
            "wpt" if path.len() == 1 => self.end_waypoint(),
            "rtept" | "trkpt" => self.end_point(),
            "trkseg" => {
                if let Some(track) = &mut self.path {
                    track.close_segment();
                }
            }
            "trk" | "rte" if path.len() == 1 => self.end_path(),
            _ if !text.is_empty() => self.leaf(name, text, path),
            _ => {}
        }
    }
}

impl GpxReader {
    /// A field of the point or track being read, if `path` is directly inside it.
    fn field(&mut self, path: &[String], key: &str, value: Value) {
        let parent = path.last().map(|p| local(p)).unwrap_or_default();
        match (parent, &mut self.point, &mut self.path) {
            ("wpt" | "rtept" | "trkpt", Some(point), _) => {
                point.fields.insert(key.to_owned(), value);
            }
            ("trk" | "rte", None, Some(track)) => {
                track.properties.insert(key.to_owned(), value);
            }
            _ => {}
        }
    }

    /// An element holding text: a field of the point or track it is in, or one of their
    /// extensions.
    fn leaf(&mut self, name: &str, text: &str, path: &[String]) {
        let parent = path.last().map(|p| local(p)).unwrap_or_default();
        if parent == "link" && local(name) == "text" {
            let inside = &path[..path.len() - 1];
            self.field(inside, "link_text", json!(text));
            return;
        }
        if let Some((key, value)) = field(local(name), text) {
            self.field(path, key, value);
            return;
        }
        let in_extensions = path.iter().any(|p| local(p) == "extensions");
        if !in_extensions {
            return;
        }
        match (&mut self.point, &mut self.path) {
            (Some(point), _) if point_is_waypoint(path) => {
                point.fields.insert(name.replace(':', "_"), typed(text));
            }
            (None, Some(track)) => track.style(local(name), parent, text),
            _ => {}
        }
    }

    fn end_waypoint(&mut self) {
        let Some(point) = self.point.take() else {
            return;
        };
        self.counts[0] += 1;
        let mut properties = Map::new();
        properties.insert("gpx_type".to_owned(), json!("waypoint"));
        properties.extend(point.fields);
        self.items.push(Item {
            kind: Kind::Waypoint,
            number: self.counts[0],
            at: point.at,
            properties,
            geometry: point.position.map(|c| Some(Geometry::Point(Point(c)))),
            dropped: Vec::new(),
        });
    }

    fn end_point(&mut self) {
        let (Some(point), Some(track)) = (self.point.take(), &mut self.path) else {
            return;
        };
        let time = point.fields.get("time").and_then(Value::as_str);
        if let Some(time) = time {
            if track.first_time.is_none() {
                track.first_time = Some(time.to_owned());
            }
            track.last_time = Some(time.to_owned());
        }
        let Some((number, _, points)) = &mut track.segment else {
            return;
        };
        match point.position {
            Ok(c) => {
                points.push(c);
                track.points += 1;
            }
            Err(problem) => {
                let which = match track.kind {
                    Kind::Route => format!("point {}", points.len() + 1),
                    _ => format!("point {} of segment {number}", points.len() + 1),
                };
                track.dropped.push((
                    point.at,
                    format!("{which} {problem}: that point is left out"),
                ));
            }
        }
    }

    fn end_path(&mut self) {
        let Some(mut track) = self.path.take() else {
            return;
        };
        track.close_segment();
        let k = if track.kind == Kind::Track { 1 } else { 2 };
        self.counts[k] += 1;
        self.items.push(track.into_item(self.counts[k]));
    }
}

/// Whether the element in `path` that holds extensions is a waypoint.
fn point_is_waypoint(path: &[String]) -> bool {
    path.get(1).is_some_and(|p| local(p) == "wpt")
}
