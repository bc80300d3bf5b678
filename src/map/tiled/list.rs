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

    /// Take in what every layer's thread sent; whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        for layer in &mut self.layers {
            changed |= layer.poll();
        }
        changed
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
}
