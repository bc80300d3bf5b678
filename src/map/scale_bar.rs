//! Orientation over the map's bottom-left corner: a scale bar true for the latitude at the map's
//! centre (Web Mercator's scale changes with latitude), and the pointer's latitude/longitude.
//! North is always up: the map never rotates.

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::projection::{ScreenTransform, from_mercator};
use super::style;
use crate::format::{distance_text, lat_lon_text};

/// The longest the bar may be, in screen points.
const MAX_BAR: f32 = 140.0;

/// A round ground distance (1, 2 or 5 × 10ⁿ metres) that fits in `max_points` at this scale, and
/// its length in points.
pub fn nice_length(points_per_metre: f32, max_points: f32) -> Option<(f64, f32)> {
    if !(points_per_metre.is_finite() && points_per_metre > 0.0) {
        return None;
    }
    let max_metres = f64::from(max_points / points_per_metre);
    let magnitude = 10f64.powf(max_metres.log10().floor());
    let metres = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|&m| m <= max_metres)?;
    Some((metres, metres as f32 * points_per_metre))
}

/// Paint the scale bar and, when the pointer is over the map, its position.
pub fn show(ui: &Ui, map: Rect, transform: &ScreenTransform, pointer: Option<Pos2>) {
    let painter = ui.painter().with_clip_rect(map);
    let center = from_mercator(transform.from_screen(map.center()));
    let origin = pos2(map.left() + 12.0, map.bottom() - 14.0);
    let dark = style::INK;
    if let Some((metres, length)) = nice_length(transform.points_per_metre(center.y()), MAX_BAR) {
        let back = Rect::from_min_max(origin - vec2(6.0, 20.0), origin + vec2(length + 6.0, 6.0));
        painter.rect_filled(back, 3.0, Color32::from_white_alpha(200));
        let stroke = Stroke::new(2.0, dark);
        painter.line_segment([origin, origin + vec2(length, 0.0)], stroke);
        for x in [0.0, length] {
            painter.line_segment([origin + vec2(x, -5.0), origin + vec2(x, 0.0)], stroke);
        }
        painter.text(
            origin + vec2(length / 2.0, -3.0),
            Align2::CENTER_BOTTOM,
            distance_text(metres),
            FontId::proportional(11.0),
            dark,
        );
    }
    if let Some(pointer) = pointer.filter(|p| map.contains(*p)) {
        let at = from_mercator(transform.from_screen(pointer));
        let text = lat_lon_text(at.y(), at.x(), 4);
        let pos = origin + vec2(0.0, -26.0);
        let galley = painter.layout_no_wrap(text, FontId::monospace(11.0), dark);
        let rect = Align2::LEFT_BOTTOM
            .anchor_size(pos, galley.size())
            .expand(3.0);
        painter.rect_filled(rect, 3.0, Color32::from_white_alpha(200));
        painter.galley(rect.min + vec2(3.0, 3.0), galley, dark);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_is_a_round_distance_that_fits() {
        // 0.01 points per metre: 140 points are 14 km, so the bar shows 10 km in 100 points.
        let (metres, length) = nice_length(0.01, 140.0).unwrap();
        assert_eq!(metres, 10_000.0);
        assert!((length - 100.0).abs() < 1e-3);
        assert_eq!(distance_text(metres), "10 km");
        assert_eq!(distance_text(500.0), "500 m");
        assert_eq!(nice_length(0.0, 140.0), None);
    }

    #[test]
    fn positions_read_as_degrees_with_hemispheres() {
        assert_eq!(
            lat_lon_text(26.97186, 64.09459, 4),
            "26.9719° N, 64.0946° E"
        );
        assert_eq!(lat_lon_text(-33.5, -70.25, 4), "33.5000° S, 70.2500° W");
        // The pointer over the copy of the world east of 180° reads west longitudes.
        assert_eq!(lat_lon_text(64.0, 186.207, 4), "64.0000° N, 173.7930° W");
    }
}
