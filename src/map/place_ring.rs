//! A ring around a place the article names (while its name is hovered or after it was clicked),
//! so the reader sees where the text points.

use egui::Stroke;
use geo::Point;
use walkers::{MapMemory, Plugin, Projector};

use super::projection::{ScreenTransform, to_mercator};
use super::style::SELECTION;

/// Draws the ring.
pub struct PlaceRingPlugin {
    pub at: Point<f64>,
}

impl Plugin for PlaceRingPlugin {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let center = transform.to_screen(to_mercator(self.at.x(), self.at.y()));
        ui.painter()
            .circle_stroke(center, 12.0, Stroke::new(3.0, SELECTION));
    }
}
