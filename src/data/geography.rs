//! Geographic facts computed from the data with `geo`, never typed in by hand.

use geo::{Intersects, Point};

use super::GeoFeature;

/// The index of the first feature whose area contains `point` (its boundary included).
pub fn containing(point: Point<f64>, features: &[GeoFeature]) -> Option<usize> {
    features
        .iter()
        .position(|feature| feature.geometry.intersects(&point))
}
