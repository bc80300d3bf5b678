//! The time bar under the map: the days all events span, a histogram of how many events fall in
//! each day, week, month or year (whichever keeps the bars readable) coloured by kind, a tick
//! per story event, a range the user drags to show only the events inside it, Previous/Next,
//! and Play, which steps through the span a bar at a time and flies the map to each step's
//! story event.

mod bins;
mod draw;

use chrono::{Datelike, NaiveDate};
use egui::Ui;

pub use bins::{Bin, BinUnit, bins};

use crate::data::Event;
use crate::data::event_columns::{date_of, day_number};
use crate::map::points::PointLayer;

/// Seconds each step is shown while playing.
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
    /// When playing: the time the next step is due.
    next_step: Option<f64>,
}

/// What the user asked of the time bar this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineAction {
    Previous,
    Next,
    /// Select this story event (its tick was clicked, or Play reached its day).
    Select(usize),
}

/// Everything with a date: the story's events (with whether their layers show them) and the
/// dated point layers shown.
pub struct TimeData<'a> {
    pub events: &'a [Event],
    pub visible: &'a [bool],
    pub layers: Vec<&'a PointLayer>,
}

impl TimeData<'_> {
    /// The first and last day of everything dated.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let story = self.events.iter().map(|e| (e.date, e.date));
        let layers = self
            .layers
            .iter()
            .filter_map(|l| l.day_span())
            .map(|(a, b)| (date_of(a), date_of(b)));
        story
            .chain(layers)
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// Events shown (story markers whose layers allow them, and points the filter leaves) out
    /// of all.
    pub fn shown_of_total(&self, timeline: &Timeline) -> (usize, usize) {
        let story_shown = self
            .events
            .iter()
            .zip(self.visible)
            .filter(|(e, v)| **v && timeline.contains(e.date))
            .count();
        let layers_shown: usize = self.layers.iter().map(|l| l.shown() as usize).sum();
        let layers_total: usize = self.layers.iter().map(|l| l.len()).sum();
        (story_shown + layers_shown, self.events.len() + layers_total)
    }
}

impl Timeline {
    /// Spanning `events` (one day, 1 January 1970, when there are no events at all).
    pub fn new(events: &[Event]) -> Self {
        let first = events.iter().map(|e| e.date).min().unwrap_or_default();
        let last = events.iter().map(|e| e.date).max().unwrap_or_default();
        Self::spanning(first, last)
    }

    /// Spanning `first..=last`, all shown.
    pub fn spanning(first: NaiveDate, last: NaiveDate) -> Self {
        Self {
            first,
            last,
            from: first,
            to: last,
            drag_start: None,
            next_step: None,
        }
    }

    /// Make the span `first..=last` (events were added or removed), keeping a narrowed range
    /// inside it, or showing all if all was shown.
    pub fn set_span(&mut self, first: NaiveDate, last: NaiveDate) {
        if (first, last) == (self.first, self.last) {
            return;
        }
        let all = self.shows_all();
        self.first = first;
        self.last = last;
        if all {
            self.show_all();
        } else {
            self.set_range(self.from, self.to);
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether the whole span is shown (undated points are shown only then).
    pub fn shows_all(&self) -> bool {
        self.from == self.first && self.to == self.last
    }

    /// The range as day numbers, or `None` when all is shown: the point layers' filter.
    pub fn day_filter(&self) -> Option<(i32, i32)> {
        (!self.shows_all()).then(|| (day_number(self.from), day_number(self.to)))
    }

    pub fn set_range(&mut self, from: NaiveDate, to: NaiveDate) {
        self.from = from.max(self.first).min(self.last);
        self.to = to.min(self.last).max(self.from);
    }

    pub fn show_all(&mut self) {
        self.from = self.first;
        self.to = self.last;
    }

    /// The bars' length for the span.
    pub fn unit(&self) -> BinUnit {
        BinUnit::for_span((self.last - self.first).num_days() + 1)
    }

    pub fn is_playing(&self) -> bool {
        self.next_step.is_some()
    }

    /// Start from the first bar, one more bar every [`PLAY_STEP`] seconds.
    pub fn play(&mut self, now: f64) {
        let unit = self.unit();
        self.from = self.first;
        self.to = unit
            .next(unit.start_of(self.first))
            .pred_opt()
            .unwrap_or(self.first);
        self.to = self.to.min(self.last);
        self.next_step = Some(now + PLAY_STEP);
    }

    pub fn pause(&mut self) {
        self.next_step = None;
    }

    /// Advance the playing range if its step is due; the day the range now ends on, when it
    /// changed.
    pub fn tick(&mut self, now: f64) -> Option<NaiveDate> {
        let due = self.next_step?;
        if now < due {
            return None;
        }
        if self.to >= self.last {
            self.next_step = None;
            return None;
        }
        let unit = self.unit();
        let next_end = unit.next(unit.next(unit.start_of(self.to))).pred_opt()?;
        let previous = self.to;
        self.to = next_end.min(self.last);
        self.next_step = Some(now + PLAY_STEP);
        // A step of more than a day reports its first new day.
        previous.succ_opt()
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
            let from = if self.from.year() == self.to.year() {
                self.from.format("%-d %b")
            } else {
                self.from.format("%-d %b %Y")
            };
            format!("{from} – {}", self.to.format("%-d %b %Y"))
        };
        format!(
            "{range}: {} of {} events",
            crate::format::thousands(shown),
            crate::format::thousands(total)
        )
    }
}

/// The bar: buttons, the range, the histogram and the story's ticks.
pub fn show(
    ui: &mut Ui,
    timeline: &mut Timeline,
    data: &TimeData<'_>,
    selected: Option<usize>,
) -> Option<TimelineAction> {
    let now = ui.input(|i| i.time);
    let mut action = draw::buttons(ui, timeline, data, now);
    let day_action = draw::bar(ui, timeline, data, selected);
    action = action.or(day_action);
    if let Some(day) = timeline.tick(now) {
        let on_day = data.events.iter().enumerate().find(|(i, e)| {
            e.date >= day && e.date <= timeline.to && data.visible.get(*i).copied().unwrap_or(false)
        });
        if let Some((index, _)) = on_day {
            action = Some(TimelineAction::Select(index));
        }
    }
    if let Some(wait) = timeline.until_next_step(now) {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }
    action
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, d).unwrap()
    }

    fn span(first: NaiveDate, last: NaiveDate) -> Timeline {
        Timeline::spanning(first, last)
    }

    #[test]
    fn playing_adds_a_day_per_step_and_stops_at_the_last() {
        let mut timeline = span(day(16), day(18));
        timeline.play(0.0);
        assert_eq!((timeline.from, timeline.to), (day(16), day(16)));
        assert_eq!(timeline.tick(0.5), None, "not due yet");
        assert_eq!(timeline.tick(1.3), Some(day(17)));
        assert_eq!(timeline.to, day(17));
        assert_eq!(timeline.tick(2.6), Some(day(18)));
        assert_eq!(timeline.tick(4.0), None);
        assert!(!timeline.is_playing());
    }

    #[test]
    fn playing_fifteen_years_steps_a_month_at_a_time() {
        let first = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let mut timeline = span(first, last);
        timeline.play(0.0);
        assert_eq!(timeline.to, NaiveDate::from_ymd_opt(2010, 1, 31).unwrap());
        timeline.tick(2.0);
        assert_eq!(timeline.to, NaiveDate::from_ymd_opt(2010, 2, 28).unwrap());
    }

    #[test]
    fn a_range_stays_within_the_span() {
        let mut timeline = span(day(16), day(29));
        timeline.set_range(day(10), day(18));
        assert_eq!((timeline.from, timeline.to), (day(16), day(18)));
        assert!(timeline.contains(day(17)));
        assert!(!timeline.contains(day(19)));
        assert_eq!(
            timeline.summary(2, 5),
            "16 Jan – 18 Jan 2024: 2 of 5 events"
        );
        // The span shrinks back when the events that widened it go.
        timeline.set_span(day(16), day(17));
        assert_eq!((timeline.from, timeline.to), (day(16), day(17)));
    }
}
