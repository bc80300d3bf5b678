//! The selected strike's straight line to the nearest point of the border it crossed, with its
//! length: drawn only while the strike is selected, thin and dashed so it reads as a
//! measurement, not a route.

use egui::{Align2, Color32, Stroke};
use geo::Point;
use walkers::{MapMemory, Plugin, Projector};

use super::draw::halo_text;
use super::projection::{ScreenTransform, to_mercator};

/// Draws one measured line on the map.
pub struct BorderLinePlugin {
    pub from: Point<f64>,
    pub to: Point<f64>,
    /// The distance, as the details panel gives it.
    pub label: String,
}

impl Plugin for BorderLinePlugin {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let a = transform.to_screen(to_mercator(self.from.x(), self.from.y()));
        let b = transform.to_screen(to_mercator(self.to.x(), self.to.y()));
        let painter = ui.painter();
        let color = crate::map::style::INK;
        painter.extend(egui::Shape::dashed_line(
            &[a, b],
            Stroke::new(1.5, color),
            6.0,
            4.0,
        ));
        painter.circle(b, 3.5, Color32::WHITE, Stroke::new(1.5, color));
        let (shapes, _) = halo_text(
            painter,
            a.lerp(b, 0.5) + egui::vec2(0.0, 14.0),
            Align2::CENTER_TOP,
            &self.label,
            12.0,
            color,
        );
        painter.extend(shapes);
    }
}
