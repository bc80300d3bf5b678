//! Names of the story's polygon layers (the provinces), placed inside their shapes and never on
//! top of one another. Drawn after all fills so no layer hides them.

use egui::{Align2, Rect};
use walkers::{MapMemory, Plugin, Projector};

use super::draw::halo_text;
use super::projection::ScreenTransform;
use super::vector::VectorLayer;
use crate::data::local_names::LabelLanguage;

/// Draws the labels of the given layers, first layers first; a label that would overlap one
/// already placed is skipped.
pub struct LabelsPlugin<'a> {
    pub layers: Vec<&'a VectorLayer>,
    /// Where the labels went, so the reference map's names can avoid them.
    pub placed: &'a mut Vec<Rect>,
    /// English, local or both names.
    pub language: LabelLanguage,
}

impl Plugin for LabelsPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let painter = ui.painter();
        let clip = painter.clip_rect();
        let placed = self.placed;
        for layer in self.layers {
            for feature in 0..layer.feature_count() {
                let Some((name, at)) = layer.label_in(feature, self.language) else {
                    continue;
                };
                // Only label features big enough on screen to hold their name.
                let bounds = layer.screen_bounds(feature, &transform);
                if bounds.is_none_or(|b| b.width() < 60.0) {
                    continue;
                }
                let pos = transform.to_screen_near(at);
                let (shapes, rect) = halo_text(
                    painter,
                    pos,
                    Align2::CENTER_CENTER,
                    &name,
                    15.0,
                    layer.style.label,
                );
                let room = rect.expand(3.0);
                if !clip.contains_rect(room) || placed.iter().any(|r| r.intersects(room)) {
                    continue;
                }
                placed.push(room);
                painter.extend(shapes);
            }
        }
    }
}
