//! Moving through the story in time: the time bar's actions, ←/→ for the previous and next
//! event, and flying the map to the event chosen.

use egui::{Key, Ui};

use super::StrikemapApp;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::points::PointLayer;
use crate::map::user_layers::UserLayers;
use crate::ui::timeline::{self, TimeData, TimelineAction};

impl StrikemapApp {
    pub(super) fn time_bar(&mut self, ui: &mut Ui) {
        let visible = self.layer_visible_events();
        let data = TimeData {
            events: &self.story.data.events,
            visible: &visible,
            layers: dated_point_layers(&self.layers.opened, true),
        };
        let action = timeline::show(ui, &mut self.timeline, &data, self.selection.event);
        let now = ui.input(|i| i.time);
        match action {
            Some(TimelineAction::Previous) => self.step_event(false, now),
            Some(TimelineAction::Next) => self.step_event(true, now),
            Some(TimelineAction::Select(index)) => self.select_and_fly(index, now),
            None => {}
        }
    }

    /// The time bar spans every dated thing loaded (it shrinks back when a file is removed),
    /// and its range, with each layer's own filters, decides what the opened layers show
    /// (computed in the background: the map shows the previous result meanwhile).
    pub(super) fn sync_time(&mut self, ctx: &egui::Context) {
        let all = TimeData {
            events: &self.story.data.events,
            visible: &[],
            layers: dated_point_layers(&self.layers.opened, false),
        };
        if let Some((first, last)) = all.span() {
            self.timeline.set_span(first, last);
        }
        let filter = self.timeline.day_filter();
        for layer in &mut self.layers.opened.layers {
            layer.update_theme(filter, ctx);
        }
        self.after_load(ctx);
        self.layers.opened.update_counts(ctx);
        let zoom = self.zoom();
        self.layers.opened.follow_zoom(zoom, ctx);
    }

    pub(super) fn time_keys(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.key_pressed(Key::ArrowRight)) {
            self.step_event(true, now);
        }
        if ctx.input(|i| i.key_pressed(Key::ArrowLeft)) {
            self.step_event(false, now);
        }
    }

    /// Select the next (or previous) shown event in time order, and fly to it: within the
    /// opened file whose point is selected, else among the story's events.
    pub fn step_event(&mut self, forward: bool, now: f64) {
        if let Some(FeatureRef {
            layer: LayerRef::User(id),
            index,
        }) = self.selection.feature
            && let Some(points) = self.layers.opened.get(id).and_then(|l| l.points.as_ref())
            && points.is_dated()
        {
            if let Some(next) = points.step_by_date(Some(index), forward) {
                self.selection.identify(Some(FeatureRef {
                    layer: LayerRef::User(id),
                    index: next,
                }));
                self.fly_to_feature(id, next, now);
            }
            return;
        }
        let visible = self.events_visible();
        let mut order: Vec<usize> = (0..self.story.data.events.len())
            .filter(|&i| visible.get(i).copied().unwrap_or(false))
            .collect();
        order.sort_by_key(|&i| (self.story.data.events[i].date, i));
        let here = self
            .selection
            .event
            .and_then(|selected| order.iter().position(|&i| i == selected));
        let next = match (here, forward) {
            (Some(p), true) => order.get(p + 1),
            (Some(p), false) => p.checked_sub(1).and_then(|q| order.get(q)),
            (None, true) => order.first(),
            (None, false) => order.last(),
        };
        if let Some(&index) = next {
            self.select_and_fly(index, now);
        }
    }

    /// Select an event and move the map to it (keeping the zoom).
    pub(super) fn select_and_fly(&mut self, index: usize, now: f64) {
        if let Some(event) = self.story.data.events.get(index) {
            let to = walkers::lon_lat(event.position.x(), event.position.y());
            self.select(Some(index));
            self.view.fly_to(to, now);
        }
    }

    /// The time bar's state (dates shown).
    pub fn timeline(&self) -> &crate::ui::timeline::Timeline {
        &self.timeline
    }

    pub fn timeline_mut(&mut self) -> &mut crate::ui::timeline::Timeline {
        &mut self.timeline
    }
}

/// The opened layers' points that have dates (only the visible layers', if `visible`).
fn dated_point_layers(layers: &UserLayers, visible: bool) -> Vec<&PointLayer> {
    layers
        .layers
        .iter()
        .filter(|l| (l.visible || !visible) && l.event_ids.is_empty())
        .filter_map(|l| l.points.as_ref())
        .filter(|p| p.is_dated())
        .collect()
}
