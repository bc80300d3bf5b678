//! The tiled layers the user opened, in drawing order (the first is drawn on top, as the
//! layer panel lists them), and the sources that could not be opened.

use super::{LoaderSettings, TiledLayer};
use crate::data::formats::vector_tiles::Location;

/// Every tiled layer.
#[derive(Default)]
pub struct TiledLayers {
    pub layers: Vec<TiledLayer>,
    /// How sources are read: offline, the cache, the client's manners.
    pub settings: LoaderSettings,
    /// What could not even start, with why.
    pub refused: Vec<String>,
    next_id: u64,
}

impl TiledLayers {
    pub fn new(settings: LoaderSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    /// Open what the user typed or chose (a PMTiles file or URL, or a tile URL template) as a
    /// layer on top. A source that cannot be read is reported by its layer once its thread
    /// has tried.
    pub fn open(&mut self, text: &str, repaint: Option<egui::Context>) -> Option<u64> {
        let location = match Location::parse(text) {
            Ok(location) => location,
            Err(err) => {
                log::error!("{err}");
                self.refused.push(err);
                return None;
            }
        };
        let id = self.next_id;
        match TiledLayer::open(id, location, &self.settings, repaint) {
            Ok(layer) => {
                self.next_id += 1;
                self.layers.insert(0, layer);
                Some(id)
            }
            Err(err) => {
                self.refused.push(err);
                None
            }
        }
    }

    pub fn get(&self, id: u64) -> Option<&TiledLayer> {
        self.layers.iter().find(|l| l.id == id)
    }

    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.layers.iter().position(|l| l.id == id)
    }

    /// Take in what every layer's thread sent.
    pub fn poll(&mut self) {
        self.layers.iter_mut().for_each(TiledLayer::poll);
    }

    /// Tiles loading, and sources still opening (one each), in the visible layers.
    pub fn pending(&self) -> usize {
        self.layers
            .iter()
            .filter(|l| l.visible)
            .map(|l| match l.state {
                super::SourceState::Opening => 1,
                _ => l.counts().pending,
            })
            .sum()
    }

    /// What the project file and the remembered state keep of each layer, top first.
    pub fn records(&self) -> Vec<TiledRecord> {
        let record = |l: &TiledLayer| TiledRecord {
            location: l.location.text(),
            visible: l.visible,
            opacity: l.opacity,
            sublayers: l
                .sublayers
                .iter()
                .map(|s| SublayerRecord {
                    name: s.name.clone(),
                    visible: s.visible,
                    color: s.style.stroke.color.to_array(),
                    rule: s.rule.clone(),
                })
                .collect(),
        };
        self.layers.iter().map(record).collect()
    }

    /// Open the layers `records` keep (top first) that are not open yet, with their looks;
    /// source layers get theirs once the source lists them.
    pub fn restore(&mut self, records: Vec<TiledRecord>, repaint: Option<egui::Context>) {
        for record in records.into_iter().rev() {
            let open = self
                .layers
                .iter()
                .any(|l| l.location.text() == record.location);
            if open || self.open(&record.location, repaint.clone()).is_none() {
                continue;
            }
            if let Some(layer) = self.layers.first_mut() {
                layer.visible = record.visible;
                layer.opacity = record.opacity.clamp(0.0, 1.0);
                layer.saved_sublayers = record.sublayers;
            }
        }
    }
}

/// A tiled layer as a project file keeps it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TiledRecord {
    /// The file, URL or template, as it was opened.
    pub location: String,
    pub visible: bool,
    pub opacity: f32,
    #[serde(default)]
    pub sublayers: Vec<SublayerRecord>,
}

/// A source layer's checkbox and colour.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SublayerRecord {
    pub name: String,
    pub visible: bool,
    /// sRGBA, unmultiplied.
    pub color: [u8; 4],
    /// One colour, categorized or graduated by a column.
    #[serde(default)]
    pub rule: crate::data::thematic::StyleRule,
}
