//! The map's view: walkers' memory (centre and zoom) plus what is needed to fit it to the story
//! and to place things on screen outside the map widget (tests, hit positions).

use egui::{Pos2, Rect};
use walkers::{MapMemory, Position, lon_lat};

use super::projection::{self, Mercator, ScreenTransform};
use super::vector::lod::MAX_ZOOM;
use super::vector::union_bounds;

/// What a view fit should show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// Both provinces: the first view and "reset view".
    Story,
    /// The provinces and every visible event marker.
    AllEvents,
    /// A longitude/latitude box (a layer's "zoom to layer").
    Bounds(geo::Rect<f64>),
}

/// The map's view state, kept between frames.
pub struct MapView {
    pub memory: MapMemory,
    /// Centre of the story, where the map starts before its first fit.
    pub home: Position,
    /// The map's screen rectangle in the last frame.
    pub rect: Option<Rect>,
    /// A fit to do on the next frame, when the map's size is known.
    pending_fit: Option<Fit>,
    /// Where to centre the map once the first fit has chosen its zoom.
    center_after_fit: Option<Position>,
    /// A flight in progress: from, to, start time and duration (seconds).
    flight: Option<(Position, Position, f64, f64)>,
    /// The zoom a flight goes from and to, if it zooms.
    zoom_flight: Option<(f64, f64)>,
}

impl MapView {
    /// A view centred on `story` (the provinces' bounds) that fits it on the first frame.
    pub fn new(story: Option<geo::Rect<f64>>) -> Self {
        let home = story
            .map(|b| lon_lat((b.min().x + b.max().x) / 2.0, (b.min().y + b.max().y) / 2.0))
            .unwrap_or(lon_lat(65.0, 28.0));
        let mut memory = MapMemory::default();
        memory.center_at(home);
        Self {
            memory,
            home,
            rect: None,
            pending_fit: Some(Fit::Story),
            center_after_fit: None,
            flight: None,
            zoom_flight: None,
        }
    }

    /// Centre the map on `center` at `zoom` (clamped to walkers' range), dropping any pending fit.
    pub fn set(&mut self, center: Position, zoom: f64) {
        self.pending_fit = None;
        self.memory.center_at(center);
        let _ = self.memory.set_zoom(zoom.clamp(0.0, MAX_ZOOM));
    }

    /// Keep the zoom within what strikemap draws (walkers would go to 26).
    pub fn limit_zoom(&mut self) {
        if self.memory.zoom() > MAX_ZOOM {
            let _ = self.memory.set_zoom(MAX_ZOOM);
        }
    }

    /// Centre on `at` after the pending fit (which picks the zoom).
    pub fn center_after_fit(&mut self, at: Position) {
        self.center_after_fit = Some(at);
    }

    /// Move the map's centre smoothly to `to`, keeping the zoom.
    pub fn fly_to(&mut self, to: Position, now: f64) {
        let from = self.memory.detached().unwrap_or(self.home);
        self.flight = Some((from, to, now, 0.6));
    }

    /// Move the map's centre smoothly to `to` and zoom in to `zoom` (a cluster opening up).
    pub fn fly_to_zoom(&mut self, to: Position, zoom: f64, now: f64) {
        self.fly_to(to, now);
        self.zoom_flight = Some((self.memory.zoom(), zoom.clamp(0.0, MAX_ZOOM)));
    }

    /// Advance a flight to `now`; whether one is still under way (to keep repainting).
    pub fn animate(&mut self, now: f64) -> bool {
        let Some((from, to, start, duration)) = self.flight else {
            return false;
        };
        let t = ((now - start) / duration).clamp(0.0, 1.0);
        // Ease in and out.
        let eased = t * t * (3.0 - 2.0 * t);
        let lerp = |a: f64, b: f64| a + (b - a) * eased;
        self.memory
            .center_at(lon_lat(lerp(from.x(), to.x()), lerp(from.y(), to.y())));
        if let Some((from_zoom, to_zoom)) = self.zoom_flight {
            let _ = self.memory.set_zoom(lerp(from_zoom, to_zoom));
        }
        if t >= 1.0 {
            self.flight = None;
            self.zoom_flight = None;
        }
        self.flight.is_some()
    }

    pub fn request_fit(&mut self, fit: Fit) {
        self.pending_fit = Some(fit);
    }

    /// Do a requested fit for a map in `rect`: `story` is the provinces' bounds, `points` the
    /// visible events.
    pub fn apply_fit(
        &mut self,
        rect: Rect,
        story: Option<geo::Rect<f64>>,
        points: impl Iterator<Item = geo::Point<f64>>,
    ) {
        let Some(fit) = self.pending_fit.take() else {
            return;
        };
        let (bounds, target) = match fit {
            Fit::Story => (story, rect.shrink(30.0)),
            // Room for marker labels, which run to the right of their markers.
            Fit::AllEvents => {
                let points = points.map(|p| geo::Rect::new(p.0, p.0));
                let mut target = rect.shrink(40.0);
                target.max.x -= 200.0;
                (union_bounds(story.into_iter().chain(points)), target)
            }
            Fit::Bounds(bounds) => (Some(bounds), rect.shrink(30.0)),
        };
        if let Some(bounds) = bounds {
            let (center, zoom) = projection::fit_into(bounds, rect, target);
            self.memory.center_at(center);
            // `fit_into` clamps the zoom to walkers' valid range.
            let _ = self.memory.set_zoom(zoom);
        }
        if let Some(at) = self.center_after_fit.take() {
            self.memory.center_at(at);
        }
    }

    /// The transform of the last frame, as the map widget used it.
    pub fn transform(&self) -> Option<ScreenTransform> {
        let rect = self.rect?;
        Some(ScreenTransform::for_memory(rect, &self.memory, self.home))
    }

    /// Where a longitude/latitude was on screen in the last frame.
    pub fn screen_pos(&self, point: geo::Point<f64>) -> Option<Pos2> {
        let at: Mercator = projection::to_mercator(point.x(), point.y());
        Some(self.transform()?.to_screen(at))
    }
}
