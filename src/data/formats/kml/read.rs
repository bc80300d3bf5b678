//! The pass over a KML document: folders, placemarks with their properties and geometry,
//! styles, and the overlays and network links strikemap names but does not draw.

use geo::Geometry;
use serde_json::{Map, Value, json};

use super::geometry::{Boundary, Ended, Frame, frame_for, gx_coord, tuples};
use super::plain_text;
use super::style::{Style, Styles};
use crate::data::formats::xml::{Element, Handler, local};

/// A folder: its name (once read) and the folder it is in.
#[derive(Debug)]
pub(super) struct Folder {
    pub name: Option<String>,
    pub parent: Option<usize>,
}

/// A placemark as read.
#[derive(Debug)]
pub(super) struct Placemark {
    pub at: usize,
    pub folder: Option<usize>,
    pub id: Option<String>,
    pub properties: Map<String, Value>,
    /// Its own `Style`, which wins over the one its `styleUrl` names.
    pub style: Option<Style>,
    /// Its geometry (`None`: no place), or why it is refused.
    pub geometry: Result<Option<Geometry<f64>>, String>,
    /// Parts left out, and what does not stop it being drawn: where, and what.
    pub dropped: Vec<(usize, String)>,
    pub warnings: Vec<(usize, String)>,
}

/// An overlay or network link being read: its element, name and link.
#[derive(Debug)]
struct Overlay {
    kind: String,
    name: Option<String>,
    href: Option<String>,
}

/// The pass over a KML file.
#[derive(Debug, Default)]
pub(super) struct KmlReader {
    pub folders: Vec<Folder>,
    open_folders: Vec<usize>,
    pub placemarks: Vec<Placemark>,
    current: Option<Placemark>,
    /// The open geometry elements of the current placemark: the frame, where it starts,
    /// and why it cannot be read, if it cannot.
    frames: Vec<(Frame, usize, Option<String>)>,
    pub styles: Styles,
    style: Option<(Option<String>, Style)>,
    style_map: Option<(String, Option<String>, Option<String>)>,
    overlay: Option<Overlay>,
    /// The `name` attribute of the `Data` or `SimpleData` being read.
    data_name: Option<String>,
    pub notes: Vec<String>,
}

impl Handler for KmlReader {
    fn start(&mut self, element: &Element, _path: &[String]) {
        let name = element.local();
        if self.current.is_some()
            && let Some(frame) = frame_for(name)
        {
            self.frames.push((frame, element.at, None));
            return;
        }
        match name {
            "Folder" => {
                self.folders.push(Folder {
                    name: None,
                    parent: self.open_folders.last().copied(),
                });
                self.open_folders.push(self.folders.len() - 1);
            }
            "Placemark" => {
                self.current = Some(Placemark {
                    at: element.at,
                    folder: self.open_folders.last().copied(),
                    id: element.attribute("id"),
                    properties: Map::new(),
                    style: None,
                    geometry: Ok(None),
                    dropped: Vec::new(),
                    warnings: Vec::new(),
                });
                self.frames.clear();
            }
            "Style" => self.style = Some((element.attribute("id"), Style::default())),
            "StyleMap" => {
                self.style_map = element.attribute("id").map(|id| (id, None, None));
            }
            "GroundOverlay" | "ScreenOverlay" | "PhotoOverlay" | "NetworkLink" => {
                self.overlay = Some(Overlay {
                    kind: name.to_owned(),
                    name: None,
                    href: None,
                });
            }
            "Data" | "SimpleData" => self.data_name = element.attribute("name"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str, text: &str, path: &[String], at: usize) {
        let name = local(name);
        let parent = path.last().map(|p| local(p)).unwrap_or_default();
        if frame_for(name).is_some() && !self.frames.is_empty() {
            self.end_frame(name, parent);
            return;
        }
        match name {
            "Folder" => {
                self.open_folders.pop();
            }
            "Placemark" => {
                if let Some(placemark) = self.current.take() {
                    self.placemarks.push(placemark);
                }
            }
            "Style" => self.end_style(),
            "StyleMap" => self.style_map = None,
            "Pair" => {
                if let Some((id, key, url)) = &mut self.style_map {
                    if key.as_deref() == Some("normal")
                        && let Some(url) = url.take()
                    {
                        self.styles.maps.insert(id.clone(), url);
                    }
                    *key = None;
                }
            }
            "GroundOverlay" | "ScreenOverlay" | "PhotoOverlay" | "NetworkLink" => {
                self.end_overlay()
            }
            _ => self.leaf(name, parent, text.trim(), at),
        }
    }
}

impl KmlReader {
    /// An element holding text: a field of whatever is being read.
    fn leaf(&mut self, name: &str, parent: &str, text: &str, at: usize) {
        if let Some((_, style)) = &mut self.style {
            style.set(parent, name, text);
            return;
        }
        if let Some((frame, _, bad)) = self.frames.last_mut() {
            match (name, &mut *frame) {
                ("coordinates", _) => match tuples(text) {
                    Ok(coords) => frame.coordinates(coords),
                    Err(why) => *bad = Some(why),
                },
                ("coord", Frame::Track { coords, .. }) => match gx_coord(text) {
                    Ok(c) => coords.push(c),
                    Err(why) => *bad = Some(why),
                },
                ("when", Frame::Track { when, .. }) => when.push(text.to_owned()),
                ("longitude", Frame::Model { lon, .. }) => *lon = text.parse().ok(),
                ("latitude", Frame::Model { lat, .. }) => *lat = text.parse().ok(),
                _ => {}
            }
            return;
        }
        if let Some(overlay) = &mut self.overlay {
            match name {
                "name" if parent == overlay.kind => overlay.name = Some(text.to_owned()),
                "href" => overlay.href = Some(text.to_owned()),
                _ => {}
            }
            return;
        }
        if let Some((_, key, url)) = &mut self.style_map {
            match name {
                "key" => *key = Some(text.to_owned()),
                "styleUrl" => *url = Some(text.to_owned()),
                _ => {}
            }
            return;
        }
        if name == "name" && parent == "Folder" {
            if let Some(&folder) = self.open_folders.last() {
                self.folders[folder].name = Some(text.to_owned());
            }
            return;
        }
        let data_name = self.data_name.clone();
        let Some(placemark) = &mut self.current else {
            return;
        };
        let key = match (parent, name) {
            ("Placemark", "name") => "name",
            ("Placemark", "description") => {
                placemark
                    .properties
                    .insert("description".to_owned(), json!(plain_text(text)));
                return;
            }
            ("Placemark", "styleUrl") => "styleUrl",
            ("Placemark", "address") => "address",
            ("Placemark", "Snippet") => "snippet",
            ("TimeStamp", "when") => "time",
            ("TimeSpan", "begin") => "begin",
            ("TimeSpan", "end") => "end",
            ("Data", "value") | ("SchemaData", "SimpleData") => {
                if let Some(data) = data_name {
                    placemark.properties.insert(data, json!(text));
                }
                return;
            }
            _ => return,
        };
        let _ = at;
        placemark.properties.insert(key.to_owned(), json!(text));
    }

    /// A geometry element ends: into the frame it is in, or the placemark's geometry.
    fn end_frame(&mut self, name: &str, parent: &str) {
        let Some((frame, at, bad)) = self.frames.pop() else {
            return;
        };
        let Some(placemark) = &mut self.current else {
            return;
        };
        if let Frame::Track { when, .. } = &frame
            && let (Some(first), Some(last)) = (when.first(), when.last())
        {
            placemark.properties.entry("time").or_insert(json!(first));
            placemark
                .properties
                .insert("end_time".to_owned(), json!(last));
        }
        let ended = match bad {
            Some(why) => Ended::Bad(why),
            None => frame.end(),
        };
        let shown = if name == "Track" || name == "MultiTrack" {
            format!("gx:{name}")
        } else {
            name.to_owned()
        };
        if let Some((outer, _, outer_bad)) = self.frames.last_mut() {
            let boundary = match parent {
                "outerBoundaryIs" => Boundary::Outer,
                "innerBoundaryIs" => Boundary::Inner,
                _ => Boundary::None,
            };
            if let (Ended::Bad(why), Frame::Polygon { .. }) = (&ended, &*outer) {
                match boundary {
                    Boundary::Inner => placemark.dropped.push((
                        at,
                        format!(
                            "has a hole that {}: it is left out",
                            why.trim_start_matches("has ")
                        ),
                    )),
                    _ => *outer_bad = Some(why.clone()),
                }
                return;
            }
            if let Some(why) = outer.take(ended, &shown, boundary) {
                placemark
                    .dropped
                    .push((at, format!("{why}: that part is left out")));
            }
            return;
        }
        if !matches!(placemark.geometry, Ok(None)) {
            placemark.dropped.push((
                at,
                format!(
                    "has a second geometry, a {shown}, which KML does not allow: it is left out"
                ),
            ));
            return;
        }
        placemark.geometry = match ended {
            Ended::Geometry(geometry) => Ok(Some(simplified(geometry))),
            Ended::Ring(ring) if ring.len() >= 2 => {
                Ok(Some(Geometry::LineString(geo::LineString(ring))))
            }
            Ended::Ring(_) | Ended::Empty(_) => {
                placemark.warnings.push((
                    at,
                    format!("has a {shown} with no coordinates: kept without a place"),
                ));
                Ok(None)
            }
            Ended::Bad(why) => Err(why),
        };
    }

    fn end_style(&mut self) {
        let Some((id, style)) = self.style.take() else {
            return;
        };
        match (id, &mut self.current) {
            (_, Some(placemark)) => placemark.style = Some(style),
            (Some(id), None) => {
                self.styles.styles.insert(id, style);
            }
            (None, None) => {}
        }
    }

    fn end_overlay(&mut self) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        let named = overlay
            .name
            .map(|n| format!(" \"{n}\""))
            .unwrap_or_default();
        let href = overlay.href.map(|h| format!(" ({h})")).unwrap_or_default();
        self.notes.push(match overlay.kind.as_str() {
            "NetworkLink" => format!(
                "holds the NetworkLink{named}{href}, which strikemap does not follow: open the file it links to instead"
            ),
            kind => format!(
                "holds the {kind}{named}{href}, an image laid over the map, which strikemap does not draw"
            ),
        });
    }
}

/// A MultiGeometry as the simplest geometry that holds it: its one part, or a multi-point,
/// multi-line or multi-polygon when its parts are all of one kind.
fn simplified(geometry: Geometry<f64>) -> Geometry<f64> {
    let Geometry::GeometryCollection(collection) = geometry else {
        return geometry;
    };
    let mut parts = collection.0;
    if parts.len() == 1 {
        return simplified(parts.remove(0));
    }
    let all = |f: fn(&Geometry<f64>) -> bool, parts: &[Geometry<f64>]| parts.iter().all(f);
    if all(|g| matches!(g, Geometry::Point(_)), &parts) {
        let points = parts
            .into_iter()
            .filter_map(|g| geo::Point::try_from(g).ok())
            .collect();
        return Geometry::MultiPoint(geo::MultiPoint(points));
    }
    if all(|g| matches!(g, Geometry::LineString(_)), &parts) {
        let lines = parts
            .into_iter()
            .filter_map(|g| geo::LineString::try_from(g).ok())
            .collect();
        return Geometry::MultiLineString(geo::MultiLineString(lines));
    }
    if all(|g| matches!(g, Geometry::Polygon(_)), &parts) {
        let polygons = parts
            .into_iter()
            .filter_map(|g| geo::Polygon::try_from(g).ok())
            .collect();
        return Geometry::MultiPolygon(geo::MultiPolygon(polygons));
    }
    Geometry::GeometryCollection(geo::GeometryCollection(parts))
}
