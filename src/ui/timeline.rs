//! The time bar under the map: the days the events span, a tick per event coloured by its kind,
//! a range the user drags to show only the events inside it, Previous/Next, and Play, which
//! steps through the days and flies the map to each day's event.

use chrono::{Days, NaiveDate};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::data::Event;
use crate::map::MarkerGroup;
use crate::map::style::SELECTION;

/// Seconds each day is shown while playing.
const PLAY_STEP: f64 = 1.2;

/// The dates shown, and the playing state.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The events' first and last day.
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The range shown (inclusive).
    pub from: NaiveDate,
    pub to: NaiveDate,
    drag_start: Option<NaiveDate>,
    /// When playing: the time the next day is due.
    next_step: Option<f64>,
}

/// What the user asked of the time bar this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineAction {
    Previous,
    Next,
    /// Select this event (its tick was clicked, or Play reached its day).
    Select(usize),
}

impl Timeline {
    /// Spanning `events` (one day, 1 January 1970, when there are no events at all).
    pub fn new(events: &[Event]) -> Self {
        let first = events.iter().map(|e| e.date).min();
        let last = events.iter().map(|e| e.date).max();
        let (first, last) = match (first, last) {
            (Some(first), Some(last)) => (first, last),
            _ => (NaiveDate::default(), NaiveDate::default()),
        };
        Self {
            first,
            last,
            from: first,
            to: last,
            drag_start: None,
            next_step: None,
        }
    }

    /// Widen the span to new events (an opened events file), keeping a narrowed range.
    pub fn include(&mut self, events: &[Event]) {
        let all = self.from == self.first && self.to == self.last;
        for event in events {
            self.first = self.first.min(event.date);
            self.last = self.last.max(event.date);
        }
        if all {
            self.show_all();
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    pub fn set_range(&mut self, from: NaiveDate, to: NaiveDate) {
        self.from = from.max(self.first).min(to);
        self.to = to.min(self.last).max(self.from);
    }

    pub fn show_all(&mut self) {
        self.from = self.first;
        self.to = self.last;
    }

    pub fn is_playing(&self) -> bool {
        self.next_step.is_some()
    }

    /// Start from the first day, one more day every [`PLAY_STEP`] seconds.
    pub fn play(&mut self, now: f64) {
        self.from = self.first;
        self.to = self.first;
        self.next_step = Some(now + PLAY_STEP);
    }

    pub fn pause(&mut self) {
        self.next_step = None;
    }

    /// Advance the playing range if its step is due; the day shown, when it changed.
    pub fn tick(&mut self, now: f64) -> Option<NaiveDate> {
        let due = self.next_step?;
        if now < due {
            return None;
        }
        if self.to >= self.last {
            self.next_step = None;
            return None;
        }
        self.to = self.to.checked_add_days(Days::new(1))?;
        self.next_step = Some(now + PLAY_STEP);
        Some(self.to)
    }

    /// Seconds until the next step, while playing (to schedule a repaint).
    pub fn until_next_step(&self, now: f64) -> Option<f64> {
        self.next_step.map(|due| (due - now).max(0.0))
    }

    /// The text above the bar: "16–18 January 2024: 3 of 5 events".
    pub fn summary(&self, shown: usize, total: usize) -> String {
        let range = if self.from == self.to {
            self.from.format("%-d %B %Y").to_string()
        } else {
            format!(
                "{} – {}",
                self.from.format("%-d %b"),
                self.to.format("%-d %b %Y")
            )
        };
        format!("{range}: {shown} of {total} events")
    }
}

/// The bar: buttons, the range, the ticks. `visible` says which events pass the layer
/// checkboxes (a hidden group has no ticks).
pub fn show(
    ui: &mut Ui,
    timeline: &mut Timeline,
    events: &[Event],
    visible: &[bool],
    selected: Option<usize>,
) -> Option<TimelineAction> {
    let mut action = None;
    let now = ui.input(|i| i.time);
    let shown = events
        .iter()
        .zip(visible)
        .filter(|(e, v)| **v && timeline.contains(e.date))
        .count();
    ui.horizontal(|ui| {
        if ui
            .button("Previous")
            .on_hover_text("The event before, in time (←)")
            .clicked()
        {
            action = Some(TimelineAction::Previous);
        }
        let play = if timeline.is_playing() {
            "Pause"
        } else {
            "Play"
        };
        if ui
            .button(play)
            .on_hover_text("Step through the days, flying to each day's event")
            .clicked()
        {
            if timeline.is_playing() {
                timeline.pause();
            } else {
                timeline.play(now);
            }
        }
        if ui
            .button("Next")
            .on_hover_text("The event after, in time (→)")
            .clicked()
        {
            action = Some(TimelineAction::Next);
        }
        if ui
            .add_enabled(
                timeline.from != timeline.first || timeline.to != timeline.last,
                egui::Button::new("All dates"),
            )
            .clicked()
        {
            timeline.pause();
            timeline.show_all();
        }
        ui.label(timeline.summary(shown, events.len()));
        ui.weak("Drag on the bar to choose dates.");
    });
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), 44.0), Sense::click_and_drag());
    let first = timeline.first;
    let days = (timeline.last - first).num_days() as f32 + 1.0;
    let track = rect.shrink2(vec2(14.0, 6.0));
    let day_width = track.width() / days;
    let x_of = |date: NaiveDate| track.left() + (date - first).num_days() as f32 * day_width;
    let day_at = |x: f32| {
        let offset = ((x - track.left()) / day_width)
            .floor()
            .clamp(0.0, days - 1.0);
        first
            .checked_add_days(Days::new(offset as u64))
            .unwrap_or(first)
    };
    // Interaction: a drag chooses a range, a click picks the nearest tick.
    if let Some(pointer) = response.interact_pointer_pos() {
        if response.drag_started() {
            timeline.pause();
            timeline.drag_start = Some(day_at(pointer.x));
        }
        if response.dragged()
            && let Some(start) = timeline.drag_start
        {
            let here = day_at(pointer.x);
            timeline.set_range(start.min(here), start.max(here));
        }
    }
    if response.drag_stopped() {
        timeline.drag_start = None;
    }
    let tick_x = |i: usize, event: &Event| {
        let same_day = events[..i].iter().filter(|e| e.date == event.date).count();
        x_of(event.date) + day_width / 2.0 + same_day as f32 * 5.0
    };
    if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let nearest = events
            .iter()
            .enumerate()
            .filter(|(i, e)| visible.get(*i).copied().unwrap_or(false) && timeline.contains(e.date))
            .map(|(i, e)| (i, (tick_x(i, e) - pointer.x).abs()))
            .filter(|(_, d)| *d < 8.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((index, _)) = nearest {
            action = Some(TimelineAction::Select(index));
        }
    }
    if let Some(day) = timeline.tick(now) {
        let on_day = events
            .iter()
            .enumerate()
            .find(|(i, e)| e.date == day && visible.get(*i).copied().unwrap_or(false));
        if let Some((index, _)) = on_day {
            action = Some(TimelineAction::Select(index));
        }
    }
    if let Some(wait) = timeline.until_next_step(now) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }

    let painter = ui.painter_at(rect);
    painter.rect_filled(track, 2.0, Color32::from_gray(235));
    let band = Rect::from_x_y_ranges(
        x_of(timeline.from)..=x_of(timeline.to) + day_width,
        track.y_range(),
    );
    painter.rect_filled(band, 2.0, Color32::from_rgb(205, 222, 240));
    for offset in 0..days as u64 {
        let Some(date) = first.checked_add_days(Days::new(offset)) else {
            continue;
        };
        let x = x_of(date);
        painter.line_segment(
            [pos2(x, track.bottom() - 4.0), pos2(x, track.bottom())],
            Stroke::new(1.0, Color32::from_gray(160)),
        );
        if day_width >= 18.0 || offset == 0 {
            painter.text(
                pos2(x + day_width / 2.0, track.bottom() - 5.0),
                Align2::CENTER_BOTTOM,
                date.format(if offset == 0 { "%-d %b" } else { "%-d" })
                    .to_string(),
                FontId::proportional(10.0),
                Color32::from_gray(90),
            );
        }
    }
    for (i, event) in events.iter().enumerate() {
        if !visible.get(i).copied().unwrap_or(false) {
            continue;
        }
        let x = tick_x(i, event);
        let color = if timeline.contains(event.date) {
            MarkerGroup::of(event).color()
        } else {
            Color32::from_gray(180)
        };
        let top = pos2(x, track.top() + 3.0);
        if Some(i) == selected {
            painter.circle_filled(top + vec2(0.0, 6.0), 7.0, SELECTION);
        }
        painter.line_segment([top, top + vec2(0.0, 14.0)], Stroke::new(3.0, color));
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, d).unwrap()
    }

    #[test]
    fn playing_adds_a_day_per_step_and_stops_at_the_last() {
        let mut timeline = Timeline {
            first: day(16),
            last: day(18),
            from: day(16),
            to: day(18),
            drag_start: None,
            next_step: None,
        };
        timeline.play(0.0);
        assert_eq!((timeline.from, timeline.to), (day(16), day(16)));
        assert_eq!(timeline.tick(0.5), None, "not due yet");
        assert_eq!(timeline.tick(1.3), Some(day(17)));
        assert_eq!(timeline.tick(2.6), Some(day(18)));
        assert_eq!(timeline.tick(4.0), None);
        assert!(!timeline.is_playing());
    }

    #[test]
    fn a_range_stays_within_the_span() {
        let mut timeline = Timeline {
            first: day(16),
            last: day(29),
            from: day(16),
            to: day(29),
            drag_start: None,
            next_step: None,
        };
        timeline.set_range(day(10), day(18));
        assert_eq!((timeline.from, timeline.to), (day(16), day(18)));
        assert!(timeline.contains(day(17)));
        assert!(!timeline.contains(day(19)));
        assert_eq!(
            timeline.summary(2, 5),
            "16 Jan – 18 Jan 2024: 2 of 5 events"
        );
    }
}
