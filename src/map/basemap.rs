//! The bundled basemap beneath the tiles: sea, and land from the country layer. Tiles cover it
//! once they load; until then, or without network, the map is still readable.

use egui::{Rect, Shape, Ui, layers::ShapeIdx};
use walkers::{MapMemory, Position};

use super::projection::ScreenTransform;
use super::style;
use super::vector_layer::VectorLayer;

/// A place in the paint order below the tiles, reserved before the map widget paints them.
pub struct BasemapSlot(ShapeIdx);

impl BasemapSlot {
    pub fn reserve(ui: &Ui) -> Self {
        Self(ui.painter().add(Shape::Noop))
    }

    /// Fill the reserved place with sea and land, for the view as it is after this frame's input.
    pub fn paint(
        self,
        ui: &Ui,
        rect: Rect,
        memory: &MapMemory,
        home: Position,
        land: Option<&VectorLayer>,
    ) {
        let transform = ScreenTransform::for_memory(rect, memory, home);
        let mut shapes = Vec::new();
        match land {
            Some(countries) => {
                shapes.push(Shape::rect_filled(rect, 0.0, style::SEA));
                shapes.extend(countries.fill_shapes(&transform, rect, style::LAND));
            }
            None => shapes.push(Shape::rect_filled(rect, 0.0, style::NEUTRAL)),
        }
        ui.painter()
            .with_clip_rect(rect)
            .set(self.0, Shape::Vec(shapes));
    }
}
