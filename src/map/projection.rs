//! Screen placement shared by everything drawn on the map, in `f64`, using walkers' own Web
//! Mercator so that vector layers line up with the tiles at every zoom.

use egui::{Pos2, Rect, pos2};
use walkers::{MapMemory, MercatorProjection, Position, Projection, Projector, lon_lat};

/// Normalised Web Mercator: the world is the unit square, x east, y south.
pub type Mercator = [f64; 2];

/// Web Mercator's latitude limit: the poles themselves are infinitely far.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Project longitude/latitude to normalised Web Mercator (latitudes beyond the limit are drawn
/// at the limit).
pub fn to_mercator(lon: f64, lat: f64) -> Mercator {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE);
    let pixels = MercatorProjection.project(lon_lat(lon, lat), 0.0);
    [pixels.x() / 256.0, pixels.y() / 256.0]
}

/// The copies of the world (`k`: Mercator `x` from `k` to `k + 1`) that `min_x..max_x`
/// reaches: past ±180° the map shows the world again, as web maps do.
///
/// ```
/// use strikemap::map::projection::world_copies;
/// assert_eq!(world_copies(0.2, 0.8), 0..=0);
/// assert_eq!(world_copies(0.9, 1.1), 0..=1);
/// assert_eq!(world_copies(-0.1, 0.5), -1..=0);
/// ```
pub fn world_copies(min_x: f64, max_x: f64) -> std::ops::RangeInclusive<i64> {
    // No more than a few copies: a zoomed-out view of a wide window shows three or four.
    let first = min_x.floor().max(-4.0) as i64;
    let last = (max_x.floor().min(4.0) as i64).max(first);
    first..=last
}

/// A longitude in the copy of the world it lies in, brought back into −180…180 for showing
/// and copying.
///
/// ```
/// use strikemap::map::projection::wrap_longitude;
/// assert!((wrap_longitude(186.207) - -173.793).abs() < 1e-9);
/// assert_eq!(wrap_longitude(180.0), 180.0);
/// assert_eq!(wrap_longitude(-180.0), -180.0);
/// ```
pub fn wrap_longitude(lon: f64) -> f64 {
    if (-180.0..=180.0).contains(&lon) {
        return lon;
    }
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

/// Back from normalised Web Mercator to a walkers position.
pub fn from_mercator(point: Mercator) -> Position {
    MercatorProjection.unproject(
        walkers::Pixels::new(point[0] * 256.0, point[1] * 256.0),
        0.0,
    )
}

/// The affine map from normalised Mercator to screen points for one frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenTransform {
    /// Screen position of Mercator (0, 0).
    origin: [f64; 2],
    /// Screen points per unit of normalised Mercator (the world's width in points).
    scale: f64,
    /// Mercator `x` of the view's centre, which may lie in a copy of the world past ±180°.
    centre_x: f64,
}

impl ScreenTransform {
    /// The transform walkers uses for this frame.
    pub fn from_projector(projector: &Projector) -> Self {
        let rect = projector.clip_rect();
        let center = projector.unproject(rect.center().to_vec2());
        Self::new(rect, center, projector.zoom())
    }

    /// The transform for a map of `rect` centred on `center` at `zoom`.
    pub fn new(rect: Rect, center: Position, zoom: f64) -> Self {
        let scale = 256.0 * 2f64.powf(zoom);
        let c = to_mercator(center.x(), center.y());
        let mid = rect.center();
        Self {
            origin: [mid.x as f64 - c[0] * scale, mid.y as f64 - c[1] * scale],
            scale,
            centre_x: c[0],
        }
    }

    /// The transform the map widget will use for `memory` in `rect`.
    pub fn for_memory(rect: Rect, memory: &MapMemory, fallback_center: Position) -> Self {
        Self::from_projector(&Projector::new(
            rect,
            &MercatorProjection,
            memory,
            fallback_center,
        ))
    }

    pub fn to_screen(&self, point: Mercator) -> Pos2 {
        pos2(
            (self.origin[0] + point[0] * self.scale) as f32,
            (self.origin[1] + point[1] * self.scale) as f32,
        )
    }

    /// Where `point` is drawn in the copy of the world nearest the view's centre, for things
    /// drawn once (the story's markers and labels) that should follow the view past ±180°.
    pub fn to_screen_near(&self, point: Mercator) -> Pos2 {
        let worlds = (self.centre_x - point[0]).round();
        self.to_screen([point[0] + worlds, point[1]])
    }

    /// Normalised Mercator units per screen point (for tolerances given in points).
    pub fn units_per_point(&self) -> f64 {
        1.0 / self.scale
    }

    /// Back from a screen point to normalised Mercator.
    pub fn from_screen(&self, pos: Pos2) -> Mercator {
        [
            (pos.x as f64 - self.origin[0]) / self.scale,
            (pos.y as f64 - self.origin[1]) / self.scale,
        ]
    }

    /// Screen rectangle of a Mercator bounding box.
    pub fn rect_to_screen(&self, min: Mercator, max: Mercator) -> Rect {
        Rect::from_two_pos(self.to_screen(min), self.to_screen(max))
    }

    /// Screen points per metre on the ground at `lat` (Mercator stretches away from the equator).
    pub fn points_per_metre(&self, lat: f64) -> f32 {
        const EARTH_CIRCUMFERENCE_M: f64 = 40_075_016.686;
        (self.scale / EARTH_CIRCUMFERENCE_M / lat.to_radians().cos()) as f32
    }
}

/// Centre and zoom that fit a lon/lat bounding box into `rect`, with a margin in points.
pub fn fit(bounds: geo::Rect<f64>, rect: Rect, margin: f32) -> (Position, f64) {
    fit_into(bounds, rect, rect.shrink(margin))
}

/// Centre and zoom for a map in `map` that shows `bounds` inside `target`, a part of the map
/// (e.g. leaving room on the right for labels).
pub fn fit_into(bounds: geo::Rect<f64>, map: Rect, target: Rect) -> (Position, f64) {
    let min = to_mercator(bounds.min().x, bounds.max().y);
    let max = to_mercator(bounds.max().x, bounds.min().y);
    let width = (max[0] - min[0]).max(1e-9) * 256.0;
    let height = (max[1] - min[1]).max(1e-9) * 256.0;
    let avail_w = target.width().max(64.0) as f64;
    let avail_h = target.height().max(64.0) as f64;
    let zoom = (avail_w / width)
        .min(avail_h / height)
        .log2()
        .clamp(1.0, 17.0);
    // Put the middle of the bounds on the target's centre, then find the map's centre from it.
    let scale = 256.0 * 2f64.powf(zoom);
    let offset = map.center() - target.center();
    let center = from_mercator([
        (min[0] + max[0]) / 2.0 + offset.x as f64 / scale,
        (min[1] + max[1]) / 2.0 + offset.y as f64 / scale,
    ]);
    (center, zoom)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    /// Vector layers and markers must land exactly where walkers puts the tiles.
    #[test]
    fn screen_transform_agrees_with_walkers() {
        let rect = Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0));
        let mut memory = MapMemory::default();
        memory.center_at(lon_lat(63.0, 27.5));
        memory.set_zoom(6.3).unwrap();
        let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(0.0, 0.0));
        let transform = ScreenTransform::from_projector(&projector);
        for (lon, lat) in [
            (62.33096, 27.37089),
            (64.09459, 26.97186),
            (73.04329, 33.72148),
        ] {
            let ours = transform.to_screen(to_mercator(lon, lat));
            let theirs = projector.project(lon_lat(lon, lat)).to_pos2();
            assert!(ours.distance(theirs) < 0.01, "{ours:?} vs {theirs:?}");
        }
        // Ground scale for the uncertainty circles: walkers' metres-to-points at that latitude.
        let lat = 27.37;
        let expected = projector.scale_pixel_per_meter(lon_lat(62.3, lat));
        let ours = transform.points_per_metre(lat);
        assert!(
            (ours - expected).abs() / expected < 1e-4,
            "{ours} vs {expected}"
        );
    }

    #[test]
    fn fit_puts_the_bounds_inside_the_rect() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(700.0, 800.0));
        let bounds = geo::Rect::new(
            geo::coord! { x: 58.8, y: 24.8 },
            geo::coord! { x: 70.3, y: 32.1 },
        );
        let (center, zoom) = fit(bounds, rect, 30.0);
        let transform = ScreenTransform::new(rect, center, zoom);
        for (lon, lat) in [(58.8, 24.8), (70.3, 32.1)] {
            assert!(rect.contains(transform.to_screen(to_mercator(lon, lat))));
        }
        // Not a loose fit: the wider side nearly fills the rect.
        let a = transform.to_screen(to_mercator(58.8, 24.8));
        let b = transform.to_screen(to_mercator(70.3, 32.1));
        assert!((b.x - a.x).abs() > 600.0 || (b.y - a.y).abs() > 700.0);
    }
}
