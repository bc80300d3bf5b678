//! Identify: which feature of which visible layer lies under a screen point, topmost first, as
//! QGIS's Identify tool answers it. Each layer's R-tree narrows the search; the real geometry
//! (inside a polygon, or near a line or point) decides.

use super::projection::ScreenTransform;
use super::vector::VectorLayer;
use egui::Pos2;

/// How close, in screen points, a click must be to a line or point to hit it.
pub const TOLERANCE_POINTS: f64 = 6.0;

/// Which layer a feature is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LayerRef {
    /// A layer the user opened, by its id.
    User(u64),
    /// One of the story's provinces.
    Province(usize),
    Countries,
}

/// One feature of one layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FeatureRef {
    pub layer: LayerRef,
    pub index: usize,
}

/// The topmost feature under `pos` among `layers` (given topmost first).
pub fn identify<'a>(
    layers: impl IntoIterator<Item = (LayerRef, &'a VectorLayer)>,
    transform: &ScreenTransform,
    pos: Pos2,
) -> Option<FeatureRef> {
    let at = transform.from_screen(pos);
    let tolerance = TOLERANCE_POINTS * transform.units_per_point();
    layers.into_iter().find_map(|(layer, vector)| {
        vector
            .hit(at, tolerance)
            .map(|index| FeatureRef { layer, index })
    })
}
