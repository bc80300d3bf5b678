//! Widgets laid over the map: zoom and reset buttons, the tile status, and the attribution that
//! OpenStreetMap's licence requires to stay visible.

use egui::{Align, Color32, Frame, Layout, Rect, RichText, Ui, UiBuilder, vec2};
use walkers::MapMemory;

/// What the user asked for with the overlay buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ControlsOutput {
    pub reset_view: bool,
    pub show_all_events: bool,
}

fn overlay_frame() -> Frame {
    Frame::new()
        .fill(Color32::from_white_alpha(225))
        .corner_radius(4.0)
        .inner_margin(4.0)
}

/// Zoom in/out and reset-view buttons in the top-left corner of the map.
pub fn zoom_buttons(ui: &mut Ui, map_rect: Rect, memory: &mut MapMemory) -> ControlsOutput {
    let mut output = ControlsOutput::default();
    let area = Rect::from_min_size(map_rect.min + vec2(10.0, 10.0), vec2(120.0, 160.0));
    ui.scope_builder(UiBuilder::new().max_rect(area), |ui| {
        overlay_frame().show(ui, |ui| {
            ui.spacing_mut().item_spacing = vec2(4.0, 4.0);
            let big = vec2(44.0, 28.0);
            let small = vec2(44.0, 22.0);
            if button(ui, big, RichText::new("+").size(18.0), "Zoom in") {
                // At the maximum zoom the button simply does nothing more.
                let _ = memory.zoom_in();
            }
            if button(ui, big, RichText::new("−").size(18.0), "Zoom out") {
                let _ = memory.zoom_out();
            }
            output.reset_view = button(
                ui,
                small,
                RichText::new("Reset").small(),
                "Reset view: fit both provinces",
            );
            output.show_all_events = button(
                ui,
                small,
                RichText::new("Events").small(),
                "Show every event on the map",
            );
        });
    });
    output
}

/// One overlay button; whether it was clicked.
fn button(ui: &mut Ui, size: egui::Vec2, text: RichText, hover: &str) -> bool {
    ui.add_sized(size, egui::Button::new(text))
        .on_hover_text(hover)
        .clicked()
}

/// The OpenStreetMap credit, shown whatever the tiles: the boundaries and places are drawn
/// over OpenStreetMap-based maps, and the licence asks for the credit to stay visible.
pub const OSM_CREDIT: (&str, &str) = (
    "© OpenStreetMap contributors",
    "https://www.openstreetmap.org/copyright",
);

/// Attribution in the bottom-right corner, with clickable links; `tiles_note` for a tile server
/// other than OpenStreetMap, `status` (if any) above it.
pub fn attribution(ui: &mut Ui, map_rect: Rect, tiles_note: Option<&str>, status: Option<&str>) {
    let area = map_rect.shrink(6.0);
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(area)
            .layout(Layout::bottom_up(Align::Max)),
        |ui| {
            overlay_frame().show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    if let Some(note) = tiles_note {
                        ui.small(note);
                        ui.small("|");
                    }
                    ui.hyperlink_to(
                        RichText::new("Boundaries: Natural Earth").small(),
                        "https://www.naturalearthdata.com/",
                    );
                    ui.small("|");
                    ui.hyperlink_to(
                        RichText::new("Places: GeoNames").small(),
                        "https://www.geonames.org/",
                    );
                    ui.small("|");
                    ui.hyperlink_to(RichText::new(OSM_CREDIT.0).small(), OSM_CREDIT.1);
                });
            });
            if let Some(status) = status {
                overlay_frame().show(ui, |ui| {
                    ui.small(status);
                });
            }
        },
    );
}
