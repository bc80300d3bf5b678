//! Moving through the story in time: the time bar's actions, ←/→ for the previous and next
//! event, and flying the map to the event chosen.

use egui::{Key, Ui};

use super::StrikemapApp;
use crate::ui::timeline::{self, TimelineAction};

impl StrikemapApp {
    pub(super) fn time_bar(&mut self, ui: &mut Ui) {
        let visible = self.layer_visible_events();
        let action = timeline::show(
            ui,
            &mut self.timeline,
            &self.story.events,
            &visible,
            self.selection,
        );
        let now = ui.input(|i| i.time);
        match action {
            Some(TimelineAction::Previous) => self.step_event(false, now),
            Some(TimelineAction::Next) => self.step_event(true, now),
            Some(TimelineAction::Select(index)) => self.select_and_fly(index, now),
            None => {}
        }
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

    /// Select the next (or previous) shown event in time order, and fly to it.
    pub fn step_event(&mut self, forward: bool, now: f64) {
        let visible = self.events_visible();
        let mut order: Vec<usize> = (0..self.story.events.len())
            .filter(|&i| visible.get(i).copied().unwrap_or(false))
            .collect();
        order.sort_by_key(|&i| (self.story.events[i].date, i));
        let here = self
            .selection
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
        if let Some(event) = self.story.events.get(index) {
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
