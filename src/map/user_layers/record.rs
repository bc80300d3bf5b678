//! An opened layer as a record to keep: its file, colour, opacity, visibility and settings
//! (filters and style), in the layer list's order. What the app remembers between runs is
//! made of these, and a layer that opens again takes its record's look back, in its place.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{UserLayer, UserLayers};
use crate::data::thematic::LayerSettings;

/// What is kept of one opened layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayerRecord {
    pub path: PathBuf,
    /// The layer's colour, RGBA.
    pub color: [u8; 4],
    pub opacity: f32,
    pub visible: bool,
    pub settings: LayerSettings,
}

impl LayerRecord {
    pub fn of(layer: &UserLayer) -> Self {
        Self {
            path: layer.path.clone(),
            color: layer.color().to_array(),
            opacity: layer.opacity,
            visible: layer.visible,
            settings: layer.theme.settings.clone(),
        }
    }

    /// Give `layer` this record's look and settings.
    pub fn apply(&self, layer: &mut UserLayer) {
        let [r, g, b, a] = self.color;
        layer.set_color(egui::Color32::from_rgba_premultiplied(r, g, b, a));
        layer.opacity = self.opacity.clamp(0.0, 1.0);
        layer.visible = self.visible;
        layer.theme.settings = self.settings.clone();
    }
}

impl UserLayers {
    /// The opened files' records, top of the list first (counts per area are made again, not
    /// kept).
    pub fn records(&self) -> Vec<LayerRecord> {
        self.layers
            .iter()
            .filter(|l| l.aggregate.is_none())
            .map(LayerRecord::of)
            .chain(self.missing.iter().cloned())
            .collect()
    }

    /// Records to give back to layers as their files open again, in this order; those whose
    /// files are missing are kept apart until located or dismissed.
    pub fn expect(&mut self, records: Vec<LayerRecord>) {
        self.missing = records
            .iter()
            .filter(|r| !r.path.exists())
            .cloned()
            .collect();
        self.expected = records;
    }

    /// The files asked for and missing.
    pub fn missing(&self) -> impl Iterator<Item = &std::path::Path> {
        self.missing.iter().map(|r| r.path.as_path())
    }

    /// Whether a refusal is of a file that was asked for and is missing, so it can be located.
    pub fn is_missing(&self, refused: &crate::data::DataError) -> bool {
        self.missing
            .iter()
            .any(|r| r.path.display().to_string() == refused.file)
    }

    /// Forget a missing file (its refusal was dismissed).
    pub fn forget_missing(&mut self, refused: &crate::data::DataError) {
        self.missing
            .retain(|r| r.path.display().to_string() != refused.file);
    }

    /// The missing file of refusal `index` is at `path`: open it there, with its record's
    /// look and place.
    pub fn locate(&mut self, index: usize, path: PathBuf, ctx: &egui::Context) {
        let Some(refused) = self.refused.get(index).cloned() else {
            return;
        };
        let shown = refused.file.clone();
        let Some(at) = self
            .missing
            .iter()
            .position(|r| r.path.display().to_string() == shown)
        else {
            return;
        };
        let mut record = self.missing.remove(at);
        record.path = path.clone();
        self.refused.remove(index);
        self.expected
            .retain(|r| r.path.display().to_string() != shown);
        self.expected.push(record);
        self.open(path, ctx);
    }

    /// Put the recorded layers in their recorded order (layers without a record stay on
    /// top).
    pub(super) fn order_by_records(&mut self) {
        if self.expected.is_empty() {
            return;
        }
        let rank = |l: &UserLayer| {
            self.expected
                .iter()
                .position(|r| r.path == l.path)
                .map_or(0, |i| i + 1)
        };
        let mut ranked: Vec<(usize, UserLayer)> =
            self.layers.drain(..).map(|l| (rank(&l), l)).collect();
        ranked.sort_by_key(|(r, _)| *r);
        self.layers = ranked.into_iter().map(|(_, l)| l).collect();
        if self.jobs.is_empty() {
            self.expected.clear();
        }
    }
}

/// A layer that arrived takes its record's look, if it has one.
pub(super) fn take_record(expected: &[LayerRecord], layer: &mut UserLayer) {
    if let Some(record) = expected.iter().find(|r| r.path == layer.path) {
        record.apply(layer);
    }
}
