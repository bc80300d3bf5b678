//! Drawing the time bar and reading the pointer on it: the buttons, then the track with the
//! chosen range, the histogram of events per bar (stacked by kind) and the story's ticks.

use chrono::{Days, NaiveDate};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::{Bin, TimeData, Timeline, TimelineAction, bins};
use crate::data::event_columns::{date_of, day_number};
use crate::map::MarkerGroup;
use crate::map::style::SELECTION;

/// Previous, Play/Pause, Next, All dates, and the summary.
pub(super) fn buttons(
    ui: &mut Ui,
    timeline: &mut Timeline,
    data: &TimeData<'_>,
    now: f64,
) -> Option<TimelineAction> {
    let mut action = None;
    let (shown, total) = data.shown_of_total(timeline);
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
        let unit = timeline.unit().name();
        if ui
            .button(play)
            .on_hover_text(format!("Step through the dates a {unit} at a time"))
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
            .add_enabled(!timeline.shows_all(), egui::Button::new("All dates"))
            .clicked()
        {
            timeline.pause();
            timeline.show_all();
        }
        ui.label(timeline.summary(shown, total))
            .on_hover_text(format!(
                "Drag on the bar to choose dates; click a bar for its {unit}."
            ));
    });
    action
}

/// Events per bin: per story marker group, then per kind of each layer, with their colours.
struct Histogram {
    bins: Vec<Bin>,
    /// Per bin, the stacked counts with their colours.
    stacks: Vec<Vec<(usize, Color32)>>,
    max: usize,
}

fn histogram(timeline: &Timeline, data: &TimeData<'_>) -> Histogram {
    let bins = bins(timeline.first, timeline.last, timeline.unit());
    let mut stacks: Vec<Vec<(usize, Color32)>> = vec![Vec::new(); bins.len()];
    for (bin, stack) in bins.iter().zip(&mut stacks) {
        for layer in &data.layers {
            for (kind, count) in layer
                .count_between(bin.first, bin.last)
                .into_iter()
                .enumerate()
            {
                let color = layer.kinds().get(kind).map_or(Color32::GRAY, |k| k.color);
                if count > 0 {
                    stack.push((count, color));
                }
            }
        }
    }
    for (event, _) in data
        .events
        .iter()
        .zip(data.visible)
        .filter(|(_, shown)| **shown)
    {
        let day = day_number(event.date);
        let at = bins.partition_point(|b| b.last < day);
        if let Some(stack) = stacks.get_mut(at) {
            stack.push((1, MarkerGroup::of(event).color()));
        }
    }
    let max = stacks
        .iter()
        .map(|s| s.iter().map(|(n, _)| n).sum())
        .max()
        .unwrap_or(0);
    Histogram { bins, stacks, max }
}

/// Where days are on the bar.
struct Track {
    rect: Rect,
    first: i32,
    days: f32,
    day_width: f32,
}

impl Track {
    fn new(rect: Rect, timeline: &Timeline) -> Self {
        let days = (timeline.last - timeline.first).num_days() as f32 + 1.0;
        let rect = rect.shrink2(vec2(14.0, 6.0));
        Self {
            rect,
            first: day_number(timeline.first),
            days,
            day_width: rect.width() / days,
        }
    }

    /// The left edge of a day.
    fn x_of(&self, day: i32) -> f32 {
        self.rect.left() + (day - self.first) as f32 * self.day_width
    }

    /// The day under `x`.
    fn day_at(&self, x: f32) -> NaiveDate {
        let offset = ((x - self.rect.left()) / self.day_width)
            .floor()
            .clamp(0.0, self.days - 1.0);
        let first = date_of(self.first);
        first
            .checked_add_days(Days::new(offset as u64))
            .unwrap_or(first)
    }
}

/// The track: range dragging, clicking a tick or a bar, the histogram and the ticks.
pub(super) fn bar(
    ui: &mut Ui,
    timeline: &mut Timeline,
    data: &TimeData<'_>,
    selected: Option<usize>,
) -> Option<TimelineAction> {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), 52.0), Sense::click_and_drag());
    let track = Track::new(rect, timeline);
    let ticks = tick_positions(data, &|d| track.x_of(d), track.day_width);
    let histogram = histogram(timeline, data);
    let action = interact(&response, timeline, &track, &ticks, &histogram, data);
    let painter = ui.painter_at(rect);
    painter.rect_filled(track.rect, 2.0, crate::map::style::TRACK);
    let band = Rect::from_x_y_ranges(
        track.x_of(day_number(timeline.from))
            ..=track.x_of(day_number(timeline.to)) + track.day_width,
        track.rect.y_range(),
    );
    painter.rect_filled(band, 2.0, crate::map::style::TRACK_RANGE);
    let x_of = |d| track.x_of(d);
    paint_histogram(
        &painter,
        track.rect,
        timeline,
        &histogram,
        &x_of,
        track.day_width,
    );
    paint_axis(&painter, track.rect, timeline, &x_of, track.day_width);
    for &(i, x) in &ticks {
        let color = if timeline.contains(data.events[i].date) {
            MarkerGroup::of(&data.events[i]).color()
        } else {
            crate::map::style::OUT_OF_RANGE
        };
        let top = pos2(x, track.rect.top() + 2.0);
        if Some(i) == selected {
            painter.circle_filled(top + vec2(0.0, 6.0), 7.0, SELECTION);
        }
        painter.line_segment([top, top + vec2(0.0, 14.0)], Stroke::new(3.0, color));
    }
    if let Some(pointer) = response.hover_pos() {
        hover_bin(
            ui,
            &response,
            &histogram,
            day_number(track.day_at(pointer.x)),
            timeline,
        );
    }
    action
}

/// A drag chooses a range; a click picks the nearest story tick, or shows just the bar under
/// it.
fn interact(
    response: &egui::Response,
    timeline: &mut Timeline,
    track: &Track,
    ticks: &[(usize, f32)],
    histogram: &Histogram,
    data: &TimeData<'_>,
) -> Option<TimelineAction> {
    if let Some(pointer) = response.interact_pointer_pos() {
        if response.drag_started() {
            timeline.pause();
            timeline.drag_start = Some(track.day_at(pointer.x));
        }
        if response.dragged()
            && let Some(start) = timeline.drag_start
        {
            let here = track.day_at(pointer.x);
            timeline.set_range(start.min(here), start.max(here));
        }
    }
    if response.drag_stopped() {
        timeline.drag_start = None;
    }
    let pointer = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())?;
    let nearest = ticks
        .iter()
        .filter(|(i, _)| timeline.contains(data.events[*i].date))
        .map(|&(i, x)| (i, (x - pointer.x).abs()))
        .filter(|(_, d)| *d < 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((index, _)) = nearest {
        return Some(TimelineAction::Select(index));
    }
    let day = day_number(track.day_at(pointer.x));
    if let Some(bin) = histogram
        .bins
        .iter()
        .find(|b| b.first <= day && day <= b.last)
    {
        timeline.pause();
        timeline.set_range(date_of(bin.first), date_of(bin.last));
    }
    None
}

/// Each shown story event's tick position; events on one day side by side (sorted once, not
/// compared pairwise).
fn tick_positions(
    data: &TimeData<'_>,
    x_of: &impl Fn(i32) -> f32,
    day_width: f32,
) -> Vec<(usize, f32)> {
    let mut order: Vec<usize> = (0..data.events.len())
        .filter(|&i| data.visible.get(i).copied().unwrap_or(false))
        .collect();
    order.sort_by_key(|&i| (data.events[i].date, i));
    let mut out = Vec::with_capacity(order.len());
    let mut same_day = 0;
    for (n, &i) in order.iter().enumerate() {
        let date = data.events[i].date;
        same_day = if n > 0 && data.events[order[n - 1]].date == date {
            same_day + 1
        } else {
            0
        };
        let x = x_of(day_number(date)) + (day_width / 2.0).min(8.0) + same_day as f32 * 5.0;
        out.push((i, x));
    }
    out
}

fn paint_histogram(
    painter: &egui::Painter,
    track: Rect,
    timeline: &Timeline,
    histogram: &Histogram,
    x_of: &impl Fn(i32) -> f32,
    day_width: f32,
) {
    if histogram.max == 0 {
        return;
    }
    let scale_label = histogram.max > 1;
    let (from, to) = (day_number(timeline.from), day_number(timeline.to));
    let height = track.height() - 14.0;
    for (bin, stack) in histogram.bins.iter().zip(&histogram.stacks) {
        let left = x_of(bin.first).max(track.left());
        let right = (x_of(bin.last) + day_width).min(track.right());
        let inside = bin.last >= from && bin.first <= to;
        let mut bottom = track.bottom() - 12.0;
        for &(count, color) in stack {
            let h = (count as f32 / histogram.max as f32 * height).max(1.0);
            // Light, so the story's ticks stand out on them.
            let color = if inside {
                color.gamma_multiply(0.5)
            } else {
                crate::map::style::OUT_OF_RANGE_BAR
            };
            let bar = Rect::from_min_max(
                pos2(left + 0.5, bottom - h),
                pos2((right - 0.5).max(left + 1.0), bottom),
            );
            painter.rect_filled(bar, 0.0, color);
            bottom -= h;
        }
    }
    if !scale_label {
        return;
    }
    painter.text(
        pos2(track.left() + 2.0, track.top() + 1.0),
        Align2::LEFT_TOP,
        format!(
            "{} a {}",
            crate::format::thousands(histogram.max),
            timeline.unit().name()
        ),
        FontId::proportional(9.0),
        crate::map::style::SCALE_TEXT,
    );
}

/// Date labels along the bottom: days, months or years as the span allows.
fn paint_axis(
    painter: &egui::Painter,
    track: Rect,
    timeline: &Timeline,
    x_of: &impl Fn(i32) -> f32,
    day_width: f32,
) {
    let unit = timeline.unit();
    let label_bins = bins(timeline.first, timeline.last, unit);
    let bin_width = track.width() / label_bins.len().max(1) as f32;
    let every = ((46.0 / bin_width).ceil() as usize).max(1);
    for (n, bin) in label_bins.iter().enumerate().step_by(every) {
        let x = x_of(bin.first).max(track.left());
        painter.line_segment(
            [pos2(x, track.bottom() - 4.0), pos2(x, track.bottom())],
            Stroke::new(1.0, crate::map::style::AXIS_TICK),
        );
        let date: NaiveDate = date_of(bin.first);
        let text = match unit {
            super::BinUnit::Day if n == 0 => date.format("%-d %b").to_string(),
            super::BinUnit::Day => date.format("%-d").to_string(),
            super::BinUnit::Week => date.format("%-d %b %y").to_string(),
            super::BinUnit::Month => date.format("%b %Y").to_string(),
            super::BinUnit::Year => date.format("%Y").to_string(),
        };
        painter.text(
            pos2(
                x + (day_width / 2.0).min(bin_width / 2.0),
                track.bottom() + 1.0,
            ),
            Align2::LEFT_BOTTOM,
            text,
            FontId::proportional(9.5),
            crate::map::style::MUTED_TEXT,
        );
    }
}

/// The bar under the pointer: its dates and counts.
fn hover_bin(
    ui: &Ui,
    response: &egui::Response,
    histogram: &Histogram,
    day: i32,
    timeline: &Timeline,
) {
    let Some(at) = histogram
        .bins
        .iter()
        .position(|b| b.first <= day && day <= b.last)
    else {
        return;
    };
    let total: usize = histogram.stacks[at].iter().map(|(n, _)| n).sum();
    let label = timeline.unit().label(date_of(histogram.bins[at].first));
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        response.layer_id,
        response.id.with("bin-tooltip"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| {
        ui.strong(label);
        ui.label(format!("{} events", crate::format::thousands(total)));
        ui.weak("Click to show just these dates; drag to choose a range");
    });
}
