//! Level of detail: which zoom band a map zoom draws, and what that band keeps. A band's
//! geometry is simplified to half a screen point at the band's zoom (so a line is never more
//! than a point off anywhere in the band), and rings and lines smaller than a point at that zoom
//! are dropped, islands and holes alike.

use super::store::UNITS;

/// The deepest zoom the map shows: fixed-point geometry keeps a quarter of a point here.
pub const MAX_ZOOM: f64 = 20.0;
/// Bands 0..=MAX_BAND; band `b` is drawn at zooms in `[b, b + 1)`, from tiles of zoom `b`.
pub const MAX_BAND: u8 = 20;

/// The band for a map zoom.
pub fn band_of(zoom: f64) -> u8 {
    zoom.floor().clamp(0.0, MAX_BAND as f64) as u8
}

/// Fixed-point units per screen point at the band's zoom.
pub fn units_per_point(band: u8) -> f64 {
    UNITS / (256.0 * 2f64.powi(band as i32))
}

/// Simplification tolerance (fixed-point units), squared: half a point at the band's zoom.
pub fn sq_tolerance(band: u8) -> f32 {
    let tolerance = 0.5 * units_per_point(band);
    (tolerance * tolerance) as f32
}

/// Rings and lines whose larger side is under this (fixed-point units) are not drawn at the
/// band: smaller than a point.
pub fn min_extent(band: u8) -> f64 {
    units_per_point(band)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_band_keeps_what_a_point_can_show() {
        assert_eq!(band_of(3.7), 3);
        assert_eq!(band_of(-1.0), 0);
        assert_eq!(band_of(25.0), MAX_BAND);
        // At zoom 0 the world is 256 points wide.
        assert_eq!(min_extent(0), UNITS / 256.0);
        assert_eq!(min_extent(1), UNITS / 512.0);
        assert_eq!(sq_tolerance(0) as f64, (UNITS / 512.0).powi(2));
    }
}
