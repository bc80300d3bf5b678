//! GPX from a phone or a field team, with the `gpx` crate: each waypoint a point, each track a
//! multi-line (one line per segment), each route a line; names, descriptions, times and
//! elevations as properties.

use std::borrow::Cow;
use std::path::Path;

use geo::{Geometry, LineString, MultiLineString};
use serde_json::{Map, Value, json};

use super::Features;
use crate::data::DataError;
use crate::data::layer_file::LayerFile;

/// Read GPX `bytes` from `path`. The `gpx` crate reads all or nothing: a malformed file is
/// refused with its message.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let text = std::str::from_utf8(bytes).map_err(|err| {
        DataError::file(
            &shown,
            format!(
                "is not UTF-8 text (bad byte at offset {})",
                err.valid_up_to()
            ),
        )
    })?;
    super::xml::check(text).map_err(|problem| DataError::file(&shown, problem))?;
    let gpx = gpx::read(bytes)
        .map_err(|err| DataError::file(&shown, format!("is not GPX that can be read: {err}")))?;
    let mut features = Features::new(&shown);
    let mut order = 0;
    let mut keep =
        |features: &mut Features, geometry: Geometry<f64>, properties: Map<String, Value>| {
            let name = properties
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let text = Cow::Owned(Value::Object(properties).to_string());
            if let Err(problem) = features.push_checked(None, Some(geometry), text) {
                let error = DataError::feature(&shown, order, name.as_deref(), problem);
                features.skip(order, error);
            }
            order += 1;
        };
    for waypoint in &gpx.waypoints {
        let mut properties = describe("waypoint", &waypoint.name, &waypoint.description);
        add_point_details(&mut properties, waypoint);
        keep(&mut features, Geometry::Point(waypoint.point()), properties);
    }
    for track in &gpx.tracks {
        let mut properties = describe("track", &track.name, &track.description);
        let points: Vec<&gpx::Waypoint> = track.segments.iter().flat_map(|s| &s.points).collect();
        add_track_details(&mut properties, &points, track.segments.len());
        let lines: Vec<LineString<f64>> = track
            .segments
            .iter()
            .filter(|s| !s.points.is_empty())
            .map(gpx::TrackSegment::linestring)
            .collect();
        keep(
            &mut features,
            Geometry::MultiLineString(MultiLineString(lines)),
            properties,
        );
    }
    for route in &gpx.routes {
        let mut properties = describe("route", &route.name, &route.description);
        let points: Vec<&gpx::Waypoint> = route.points.iter().collect();
        add_track_details(&mut properties, &points, 1);
        keep(
            &mut features,
            Geometry::LineString(route.linestring()),
            properties,
        );
    }
    features.finish(path, "GPX", bytes.len() as u64)
}

/// The properties every GPX feature has: what it is, its name and description.
fn describe(kind: &str, name: &Option<String>, description: &Option<String>) -> Map<String, Value> {
    let mut properties = Map::new();
    properties.insert("gpx_type".to_owned(), json!(kind));
    if let Some(name) = name {
        properties.insert("name".to_owned(), json!(name));
    }
    if let Some(description) = description {
        properties.insert("description".to_owned(), json!(description));
    }
    properties
}

/// A waypoint's time, elevation, comment and symbol, where it has them.
fn add_point_details(properties: &mut Map<String, Value>, point: &gpx::Waypoint) {
    if let Some(time) = point.time.and_then(|t| t.format().ok()) {
        properties.insert("time".to_owned(), json!(time));
    }
    if let Some(elevation) = point.elevation {
        properties.insert("elevation_m".to_owned(), json!(elevation));
    }
    if let Some(comment) = &point.comment {
        properties.insert("comment".to_owned(), json!(comment));
    }
    if let Some(symbol) = &point.symbol {
        properties.insert("symbol".to_owned(), json!(symbol));
    }
}

/// A track's or route's number of points and segments, and its first and last times.
fn add_track_details(
    properties: &mut Map<String, Value>,
    points: &[&gpx::Waypoint],
    segments: usize,
) {
    properties.insert("points".to_owned(), json!(points.len()));
    if segments != 1 {
        properties.insert("segments".to_owned(), json!(segments));
    }
    let times: Vec<String> = points
        .iter()
        .filter_map(|p| p.time.and_then(|t| t.format().ok()))
        .collect();
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        properties.insert("time".to_owned(), json!(first));
        properties.insert("end_time".to_owned(), json!(last));
    }
}
