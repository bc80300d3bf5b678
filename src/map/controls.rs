//! Widgets laid over the map: zoom and reset buttons, the tile status, and the attribution that
//! the tiles' and data's licences require to stay visible.

use egui::{Align, Color32, Frame, Layout, Rect, RichText, Ui, UiBuilder, vec2};
use walkers::MapMemory;
use walkers::sources::Attribution;

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

/// The OpenStreetMap credit and where it links, shown with OpenStreetMap-based tiles.
pub const OSM_CREDIT: (&str, &str) = (
    "© OpenStreetMap contributors",
    "https://www.openstreetmap.org/copyright",
);

/// Attribution in the bottom-right corner, with clickable links: the tiles' own (`tiles`, when
/// tiles are shown) and the bundled data's; `status` lines above it.
/// `credits` are the tiled layers' own attributions, as their sources give them.
pub fn attribution(
    ui: &mut Ui,
    map_rect: Rect,
    tiles: Option<&Attribution>,
    credits: &[String],
    status: &[String],
) {
    let area = map_rect.shrink(6.0);
    ui.scope_builder(
        UiBuilder::new()
            .max_rect(area)
            .layout(Layout::bottom_up(Align::Max)),
        |ui| {
            overlay_frame().show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    ui.hyperlink_to(
                        RichText::new("Boundaries: Natural Earth").small(),
                        "https://www.naturalearthdata.com/",
                    );
                    ui.small("|");
                    ui.hyperlink_to(
                        RichText::new("Places: GeoNames").small(),
                        "https://www.geonames.org/",
                    );
                    if let Some(tiles) = tiles {
                        ui.small("|");
                        tile_credit(ui, tiles);
                    }
                    for credit in credits {
                        ui.small("|");
                        ui.small(credit);
                    }
                });
            });
            if !status.is_empty() {
                overlay_frame().show(ui, |ui| {
                    for line in status {
                        ui.small(line);
                    }
                });
            }
        },
    );
}

/// The tile source's credit; OpenStreetMap's always as its own link, as its licence asks.
fn tile_credit(ui: &mut Ui, tiles: &Attribution) {
    let osm = tiles.text.contains("OpenStreetMap contributors");
    if osm && tiles.text.trim_start_matches("© ") == "OpenStreetMap contributors" {
        ui.hyperlink_to(RichText::new(OSM_CREDIT.0).small(), OSM_CREDIT.1);
        return;
    }
    if tiles.url.is_empty() {
        ui.small(tiles.text);
    } else {
        // e.g. OpenTopoMap: "Map data: © OpenStreetMap contributors, SRTM | Map presentation: …"
        ui.hyperlink_to(RichText::new(tiles.text).small(), tiles.url);
    }
    if osm {
        ui.small("|");
        ui.hyperlink_to(RichText::new(OSM_CREDIT.0).small(), OSM_CREDIT.1);
    }
}
