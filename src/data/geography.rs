//! Geographic facts computed from the data with `geo`, never typed in by hand: which province
//! an event lies in, how far it is from the Iran–Pakistan border (the line the two country
//! outlines share) and from its province's capital.

use geo::{Geometry, Intersects, MultiPolygon, Point};

use super::distance::{geodesic_m, length_m, nearest_point, shared_border};
use super::reference::property_f64;
use super::{Event, GeoFeature, Story};

/// The index of the first feature whose area contains `point` (its boundary included).
pub fn containing(point: Point<f64>, features: &[GeoFeature]) -> Option<usize> {
    features
        .iter()
        .position(|feature| feature.geometry.intersects(&point))
}

/// Where an event stands relative to the border and its province's capital.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventGeography {
    /// The nearest point of the Iran–Pakistan border and the geodesic distance to it (m).
    pub border: Option<(Point<f64>, f64)>,
    /// The capital of the province the event lies in (computed), and the distance to it (m).
    pub capital: Option<(String, f64)>,
}

/// What the border line the distances are measured to is, for saying so beside them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BorderFacts {
    /// Its geodesic length, metres.
    pub length_m: f64,
    pub vertices: usize,
}

impl BorderFacts {
    /// The mean distance between its vertices, metres.
    pub fn spacing_m(&self) -> f64 {
        self.length_m / self.vertices.saturating_sub(1).max(1) as f64
    }
}

/// What every event's figures are measured against.
#[derive(Debug, Clone)]
pub struct Landmarks {
    /// The Iran–Pakistan border, from the two country outlines (empty if either is missing).
    pub border: geo::MultiLineString<f64>,
    /// Per story province: its capital's name and position, found by the province's
    /// `capital_geonameid` among the towns.
    pub capitals: Vec<Option<(String, Point<f64>)>>,
}

impl Landmarks {
    pub fn new(story: &Story, towns: &[GeoFeature]) -> Self {
        let country = |code: &str| -> Option<MultiPolygon<f64>> {
            let feature = story
                .countries
                .iter()
                .find(|c| c.property_str("country_a3") == Some(code))?;
            match &feature.geometry {
                Geometry::Polygon(p) => Some(MultiPolygon::new(vec![p.clone()])),
                Geometry::MultiPolygon(mp) => Some(mp.clone()),
                _ => None,
            }
        };
        // Natural Earth neighbours share their border vertices exactly.
        let border = match (country("IRN"), country("PAK")) {
            (Some(iran), Some(pakistan)) => shared_border(&iran, &pakistan, 1e-6),
            _ => geo::MultiLineString::new(Vec::new()),
        };
        let capitals = story
            .provinces
            .iter()
            .map(|province| {
                let id = property_f64(province, "capital_geonameid")?;
                let town = towns
                    .iter()
                    .find(|t| property_f64(t, "geonameid") == Some(id))?;
                let Geometry::Point(at) = town.geometry else {
                    return None;
                };
                Some((town.name()?.to_owned(), at))
            })
            .collect();
        Self { border, capitals }
    }

    /// The border's length and vertices, if the two outlines share one.
    pub fn border_facts(&self) -> Option<BorderFacts> {
        let vertices = geo::CoordsIter::coords_count(&self.border);
        (vertices > 1).then(|| BorderFacts {
            length_m: length_m(&self.border),
            vertices,
        })
    }

    /// The figures for one event; `province` is the story province it lies in, if any.
    pub fn of(&self, event: &Event, province: Option<usize>) -> EventGeography {
        EventGeography {
            border: nearest_point(&self.border, event.position),
            capital: province
                .and_then(|i| self.capitals.get(i)?.clone())
                .map(|(name, at)| {
                    let metres = geodesic_m(event.position, at);
                    (name, metres)
                }),
        }
    }
}

/// The figures for every event of the story, in event order.
pub fn of_events(story: &Story, landmarks: &Landmarks) -> Vec<EventGeography> {
    story
        .events
        .iter()
        .zip(&story.event_province)
        .map(|(event, province)| landmarks.of(event, *province))
        .collect()
}
