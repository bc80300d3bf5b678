//! A vector basemap: a PMTiles archive (or tile URL) in the Protomaps or OpenMapTiles schema
//! drawn as the map's ground, on disk for full detail offline or by URL. Each of the schema's
//! layers gets a quiet reference-map look (land, water, green, roads, borders, buildings);
//! its places are not drawn as dots but named, in the label language chosen, by the same
//! placement as the bundled reference names, so that no two overlap.

use std::collections::HashSet;

use egui::{Color32, Stroke};

use super::{LoaderSettings, TiledLayer};
use crate::data::formats::vector_tiles::Location;
use crate::map::reference_labels::{PlaceKind, PlaceLabel};
use crate::map::style::{self, LayerStyle};
use crate::map::vector::store::from_fixed;

/// The schema's look of a source layer; `None`: not drawn (places are named instead, and
/// points of interest, labels layers and house numbers are left out).
pub fn style_for(layer: &str) -> Option<LayerStyle> {
    let fill = |fill: Color32| LayerStyle {
        fill,
        stroke: Stroke::new(0.0, Color32::TRANSPARENT),
        label: Color32::TRANSPARENT,
        point_radius: 0.0,
    };
    let line = |width: f32, color: Color32| LayerStyle {
        fill: Color32::TRANSPARENT,
        stroke: Stroke::new(width, color),
        label: Color32::TRANSPARENT,
        point_radius: 0.0,
    };
    match layer {
        // Protomaps: earth, water, landuse, landcover, natural, roads, boundaries, buildings.
        // OpenMapTiles: water, waterway, landcover, landuse, park, transportation, boundary,
        // building.
        "earth" => Some(fill(style::LAND)),
        "water" => Some(fill(style::SEA)),
        "waterway" => Some(line(1.0, style::SEA)),
        "landuse" | "landcover" | "natural" | "park" => {
            Some(fill(Color32::from_rgba_unmultiplied(200, 225, 190, 150)))
        }
        "roads" | "transportation" => Some(line(0.8, Color32::from_rgb(190, 185, 175))),
        "boundaries" | "boundary" => Some(line(0.9, Color32::from_rgb(150, 130, 160))),
        "buildings" | "building" => Some(fill(Color32::from_rgb(225, 220, 212))),
        _ => None,
    }
}

/// The layers whose points are places to name.
const PLACE_LAYERS: [&str; 2] = ["places", "place"];

/// The basemap and where its tiles come from.
pub struct VectorBasemap {
    pub layer: TiledLayer,
}

impl VectorBasemap {
    /// Start reading the basemap at `text` (a `.pmtiles` file or URL, or a tile URL).
    pub fn open(
        text: &str,
        settings: &LoaderSettings,
        repaint: Option<egui::Context>,
    ) -> Result<Self, String> {
        let location = Location::parse(text)?;
        let layer = TiledLayer::open(u64::MAX, location, settings, repaint)?;
        Ok(Self { layer })
    }

    /// Take in what arrived, and give new source layers the schema's look.
    pub fn poll(&mut self) {
        self.layer.poll();
        for sublayer in &mut self.layer.sublayers {
            match style_for(&sublayer.name) {
                Some(look) => sublayer.style = look,
                None => sublayer.visible = false,
            }
        }
    }

    /// The places of the view's tiles, most important first: countries, regions, then by
    /// population rank (Protomaps) or rank (OpenMapTiles).
    pub fn labels(&self) -> Vec<PlaceLabel> {
        let mut found: Vec<(i64, PlaceLabel)> = Vec::new();
        let mut seen = HashSet::new();
        for tile in self.layer.ready_in_view() {
            for &(point, feature) in &tile.store.points {
                let feature = feature as usize;
                if !tile
                    .layer_of(feature)
                    .is_some_and(|l| PLACE_LAYERS.contains(&l))
                {
                    continue;
                }
                let Some(info) = tile.features.get(feature) else {
                    continue;
                };
                let Some((priority, label)) = place(&info.properties, from_fixed(point)) else {
                    continue;
                };
                if seen.insert(label_key(&label)) {
                    found.push((priority, label));
                }
            }
        }
        found.sort_by_key(|(priority, _)| *priority);
        found.into_iter().map(|(_, label)| label).collect()
    }
}

/// What makes two labels the same place (a place in a tile's buffer is in its neighbour too).
fn label_key(label: &PlaceLabel) -> String {
    format!("{:?}", (label.kind(), label.anchor_text()))
}

/// A place's label and priority (lower first) from its properties.
fn place(properties: &[(String, String)], at: [f64; 2]) -> Option<(i64, PlaceLabel)> {
    let get = |key: &str| {
        properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    };
    let english = get("name:en").or(get("name_en")).or(get("name"))?;
    // OSM's `name` is the name in the place's own language (Urdu in Pakistan, Persian in Iran
    // and Afghanistan); a Persian or Urdu name tag stands in where it is Latin.
    let local = get("name")
        .filter(|n| *n != english && !n.is_ascii())
        .or(get("name:fa"))
        .or(get("name:ur"))
        .or(get("name_fa"))
        .or(get("name_ur"));
    let class = get("kind")
        .or(get("class"))
        .or(get("pmap:kind"))
        .unwrap_or("locality");
    let kind = match class {
        "country" => PlaceKind::Country,
        "region" | "state" | "province" => PlaceKind::Province,
        _ => PlaceKind::Town,
    };
    let number = |key: &str| get(key).and_then(|v| v.parse::<f64>().ok());
    let importance = match (
        number("population_rank").or(number("pmap:population_rank")),
        number("rank"),
    ) {
        (Some(rank), _) => -rank,
        (None, Some(rank)) => rank,
        (None, None) => 0.0,
    };
    let tier = match kind {
        PlaceKind::Country => 0,
        PlaceKind::Province => 1,
        PlaceKind::Town => 2,
    };
    let priority = tier * 1_000_000 + (importance * 1000.0) as i64;
    let label = PlaceLabel::at_point(kind, english.to_owned(), local.map(str::to_owned), at);
    Some((priority, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn protomaps_and_openmaptiles_places_are_named_and_ranked() {
        let protomaps = props(&[
            ("name", "زاهدان"),
            ("name:en", "Zahedan"),
            ("name:fa", "زاهدان"),
            ("kind", "locality"),
            ("population_rank", "11"),
        ]);
        let (a, label) = place(&protomaps, [0.5, 0.5]).unwrap();
        assert_eq!(label.anchor_text(), "Zahedan");
        let omt = props(&[("name", "Quetta"), ("class", "city"), ("rank", "4")]);
        let (b, _) = place(&omt, [0.5, 0.5]).unwrap();
        let country = props(&[("name", "Pakistan"), ("kind", "country")]);
        let (c, label) = place(&country, [0.5, 0.5]).unwrap();
        assert_eq!(label.kind(), PlaceKind::Country);
        assert!(c < a && a < b, "{c} {a} {b}");
        assert!(place(&props(&[("kind", "locality")]), [0.0, 0.0]).is_none());
        assert!(style_for("places").is_none() && style_for("earth").is_some());
    }
}
