//! Event markers: one symbol and colour per side, an uncertainty circle at ground scale, labels,
//! hover tooltips and hit testing. Drawn above every polygon layer.

use egui::{Align2, Color32, Painter, Pos2, Stroke, pos2};
use walkers::{MapMemory, Plugin, Projector};

use super::draw::{halo_text, paint_symbol};
use super::projection::{ScreenTransform, to_mercator};
use super::style::{self, SELECTION, Symbol};
use crate::data::{Event, EventKind};

/// Which marker layer an event belongs to; each has its own checkbox and symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerGroup {
    IranianStrikes,
    PakistaniStrikes,
    OtherStrikes,
    Diplomacy,
}

impl MarkerGroup {
    pub fn of(event: &Event) -> Self {
        match (event.kind, event.actor.as_str()) {
            (EventKind::Diplomacy, _) => Self::Diplomacy,
            (EventKind::Strike, "Iran") => Self::IranianStrikes,
            (EventKind::Strike, "Pakistan") => Self::PakistaniStrikes,
            (EventKind::Strike, _) => Self::OtherStrikes,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::IranianStrikes => "Iranian strikes",
            Self::PakistaniStrikes => "Pakistani strikes",
            Self::OtherStrikes => "Other strikes",
            Self::Diplomacy => "Diplomatic events",
        }
    }

    pub fn color(self) -> Color32 {
        match self {
            Self::IranianStrikes => style::IRANIAN_STRIKES,
            Self::PakistaniStrikes => style::PAKISTANI_STRIKES,
            Self::OtherStrikes => style::OTHER_STRIKES,
            Self::Diplomacy => style::DIPLOMACY,
        }
    }

    pub fn symbol(self) -> Symbol {
        match self {
            Self::IranianStrikes => Symbol::Triangle,
            Self::PakistaniStrikes => Symbol::Diamond,
            Self::OtherStrikes => Symbol::Square,
            Self::Diplomacy => Symbol::Circle,
        }
    }
}

/// Marker radius in points.
pub const MARKER_RADIUS: f32 = 8.0;
/// How far from a marker's centre a click still hits it, in points.
pub const HIT_RADIUS: f32 = 12.0;

/// The screen position of an event's marker.
pub fn screen_pos(event: &Event, transform: &ScreenTransform) -> Pos2 {
    transform.to_screen_near(to_mercator(event.position.x(), event.position.y()))
}

/// The marker under `pointer`: the nearest visible one within [`HIT_RADIUS`]. Where markers are
/// stacked on one place, clicking again moves on from `selected` to the next one there.
pub fn hit_test(
    events: &[Event],
    visible: &[bool],
    transform: &ScreenTransform,
    pointer: Pos2,
    selected: Option<usize>,
) -> Option<usize> {
    let mut hits: Vec<(f32, usize)> = events
        .iter()
        .enumerate()
        .filter(|(index, _)| visible.get(*index).copied().unwrap_or(false))
        .map(|(index, event)| (screen_pos(event, transform).distance(pointer), index))
        .filter(|(distance, _)| *distance <= HIT_RADIUS)
        .collect();
    hits.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let nearest = hits.first()?.0;
    let stack: Vec<usize> = hits
        .iter()
        .filter(|(distance, _)| (*distance - nearest).abs() < 0.5)
        .map(|&(_, index)| index)
        .collect();
    match selected.and_then(|s| stack.iter().position(|&i| i == s)) {
        Some(at) => Some(stack[(at + 1) % stack.len()]),
        None => Some(stack[0]),
    }
}

/// What the pointer did to the markers in one frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MarkerInput {
    pub hovered: Option<usize>,
    /// `Some(hit)` when the map was clicked: the marker hit, or `None` for empty map.
    pub clicked: Option<Option<usize>>,
    /// Screen space the markers and their labels took, which reference-map names avoid.
    pub occupied: Vec<egui::Rect>,
    /// Where the pointer is over the map, and where the map was clicked (for identify).
    pub pointer: Option<Pos2>,
    pub click_pos: Option<Pos2>,
}

/// Draws the event markers and reports hover and clicks.
pub struct MarkersPlugin<'a> {
    pub events: &'a [Event],
    /// Per event: whether its marker layer is shown.
    pub visible: &'a [bool],
    pub selected: Option<usize>,
    pub show_labels: bool,
    pub input: &'a mut MarkerInput,
}

impl Plugin for MarkersPlugin<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let hovered = response
            .hover_pos()
            .and_then(|pointer| hit_test(self.events, self.visible, &transform, pointer, None));
        self.paint_circles(ui.painter(), &transform);
        self.paint_markers(ui.painter(), &transform, hovered);
        if let Some(index) = hovered {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            self.tooltip(ui, response, index);
        }
        self.input.hovered = hovered;
        self.input.pointer = response.hover_pos();
        // The second click of a double-click zooms; it must not also move the selection on.
        if response.clicked() && !response.double_clicked() {
            self.input.click_pos = response.interact_pointer_pos();
            self.input.clicked = Some(response.interact_pointer_pos().and_then(|pointer| {
                hit_test(
                    self.events,
                    self.visible,
                    &transform,
                    pointer,
                    self.selected,
                )
            }));
        }
    }
}

impl MarkersPlugin<'_> {
    fn shown(&self, index: usize) -> bool {
        self.visible.get(index).copied().unwrap_or(false)
    }

    /// The area each uncertain event may lie in, at ground scale, beneath all markers.
    fn paint_circles(&self, painter: &Painter, transform: &ScreenTransform) {
        for (_, event) in self
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| self.shown(*i))
        {
            if event.is_uncertain() && event.uncertainty_m > 0.0 {
                let color = MarkerGroup::of(event).color();
                let radius =
                    event.uncertainty_m as f32 * transform.points_per_metre(event.position.y());
                painter.circle(
                    screen_pos(event, transform),
                    radius,
                    color.gamma_multiply(0.12),
                    Stroke::new(1.5, color.gamma_multiply(0.7)),
                );
            }
        }
    }

    /// The symbols and their labels. The hovered and then the selected marker are drawn last,
    /// so that on a stack of markers at one place the one the user is looking at is on top.
    fn paint_markers(
        &mut self,
        painter: &Painter,
        transform: &ScreenTransform,
        hovered: Option<usize>,
    ) {
        let mut labelled: Vec<Pos2> = Vec::new();
        let on_top = |i: usize| Some(i) == hovered || Some(i) == self.selected;
        let order: Vec<usize> = (0..self.events.len())
            .filter(|&i| !on_top(i))
            .chain(hovered.filter(|&i| Some(i) != self.selected))
            .chain(self.selected)
            .filter(|&i| self.shown(i))
            .collect();
        for index in order {
            let Some(event) = self.events.get(index) else {
                continue;
            };
            let group = MarkerGroup::of(event);
            let center = screen_pos(event, transform);
            let emphasised = Some(index) == self.selected || Some(index) == hovered;
            if Some(index) == self.selected {
                painter.circle_stroke(center, MARKER_RADIUS + 5.0, Stroke::new(3.0, SELECTION));
            }
            let radius = if emphasised {
                MARKER_RADIUS * 1.3
            } else {
                MARKER_RADIUS
            };
            let hollow = event.geo_precision >= 3;
            paint_symbol(
                painter,
                center,
                radius,
                group.symbol(),
                group.color(),
                hollow,
            );
            self.input.occupied.push(egui::Rect::from_center_size(
                center,
                egui::Vec2::splat(radius * 2.0 + 4.0),
            ));
            if self.show_labels && !labelled.iter().any(|p| p.distance(center) < 1.0) {
                labelled.push(center);
                let text = stack_label(self.events, self.visible, index);
                let rect = paint_label(painter, center, &text);
                self.input.occupied.push(rect);
            }
        }
    }

    /// The titles and dates of the events stacked where the pointer is.
    fn tooltip(&self, ui: &egui::Ui, response: &egui::Response, index: usize) {
        let here = self.events[index].position;
        let stacked: Vec<&Event> = self
            .events
            .iter()
            .enumerate()
            .filter(|(i, e)| self.shown(*i) && e.position == here)
            .map(|(_, e)| e)
            .collect();
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            response.layer_id,
            response.id.with("marker-tooltip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            for event in stacked {
                ui.strong(&event.title);
                ui.label(event.date.format("%-d %B %Y").to_string());
            }
            ui.weak("Click for details");
        });
    }
}

/// "Place · 16 Jan", or for several events at one place "Place · 19, 22, 29 Jan".
fn stack_label(events: &[Event], visible: &[bool], index: usize) -> String {
    let here = events[index].position;
    let days: Vec<String> = events
        .iter()
        .enumerate()
        .filter(|(i, e)| visible.get(*i).copied().unwrap_or(false) && e.position == here)
        .map(|(_, e)| e.date.format("%-d %b").to_string())
        .collect();
    format!(
        "{} · {}",
        short_place(&events[index].location),
        days.join(", ")
    )
}

/// A place name short enough for a map label: notes in parentheses dropped, then the last
/// comma-separated part ("Sabz Koh (Koh-i-Sabz), Panjgur district" gives "Panjgur district").
fn short_place(location: &str) -> String {
    let mut depth = 0usize;
    let plain: String = location
        .chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect();
    let last = plain.rsplit(',').next().unwrap_or_default().trim();
    if last.is_empty() {
        location.to_owned()
    } else {
        last.to_owned()
    }
}

/// Text with a white halo, to the right of a marker.
pub fn paint_label(painter: &Painter, anchor: Pos2, text: &str) -> egui::Rect {
    let pos = pos2(anchor.x + MARKER_RADIUS + 10.0, anchor.y);
    let (shapes, rect) = halo_text(
        painter,
        pos,
        Align2::LEFT_CENTER,
        text,
        13.0,
        style::LABEL_INK,
    );
    painter.extend(shapes);
    rect
}

#[cfg(test)]
mod tests {
    use super::short_place;

    #[test]
    fn labels_use_the_short_place_name() {
        assert_eq!(
            short_place("Sabz Koh (Koh-i-Sabz), Panjgur district"),
            "Panjgur district"
        );
        assert_eq!(
            short_place("Islamabad (stand-in: a phone call has no single place)"),
            "Islamabad"
        );
        assert_eq!(
            short_place("a border village near Saravan"),
            "a border village near Saravan"
        );
    }
}
