//! The tiled layers' rows in the layer panel: checkbox, colour, opacity, order, zoom-to and
//! remove, then what the source says of itself and how its tiles are doing (loaded, loading,
//! failed, bytes fetched), so a slow or broken server is visible, not a blank map.

use egui::{RichText, Ui};

use crate::format::{counted, thousands};
use crate::map::style::WARNING;
use crate::map::tiled::{SourceState, TiledLayer, TiledLayers, style_of};

/// What the user asked of the tiled layers this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TiledAction {
    ZoomTo(u64),
    Remove(u64),
}

/// The tiled layers, if any.
pub fn show(ui: &mut Ui, tiled: &mut TiledLayers) -> Option<TiledAction> {
    if tiled.layers.is_empty() && tiled.refused.is_empty() {
        return None;
    }
    ui.heading("Tiled layers");
    let mut action = None;
    let mut swap = None;
    let count = tiled.layers.len();
    for (index, layer) in tiled.layers.iter_mut().enumerate() {
        let (asked, moved) = ui
            .push_id(("tiled", layer.id), |ui| row(ui, layer, index, count))
            .inner;
        action = action.or(asked);
        swap = swap.or(moved);
    }
    if let Some((a, b)) = swap {
        tiled.layers.swap(a, b);
    }
    for refusal in &tiled.refused {
        ui.colored_label(WARNING, refusal);
    }
    ui.separator();
    action
}

/// One layer's controls; the action asked for, and a pair of rows to swap.
fn row(
    ui: &mut Ui,
    layer: &mut TiledLayer,
    index: usize,
    count: usize,
) -> (Option<TiledAction>, Option<(usize, usize)>) {
    let (mut action, mut swap) = (None, None);
    ui.checkbox(&mut layer.visible, crate::text::visual(&layer.name))
        .on_hover_text(layer.location.text());
    ui.horizontal(|ui| {
        ui.add(
            egui::Slider::new(&mut layer.opacity, 0.0..=1.0)
                .show_value(false)
                .text("opacity"),
        );
        if ui
            .add_enabled(index > 0, egui::Button::new("Up").small())
            .clicked()
        {
            swap = Some((index - 1, index));
        }
        let down = ui.add_enabled(index + 1 < count, egui::Button::new("Down").small());
        if down.clicked() {
            swap = Some((index, index + 1));
        }
    });
    ui.horizontal(|ui| {
        let bounded = layer.info().is_some_and(|i| i.bounds.is_some());
        if ui
            .add_enabled(bounded, egui::Button::new("Zoom to layer").small())
            .clicked()
        {
            action = Some(TiledAction::ZoomTo(layer.id));
        }
        if ui.small_button("Remove").clicked() {
            action = Some(TiledAction::Remove(layer.id));
        }
    });
    let tiles = layer.ready_in_view();
    for sublayer in &mut layer.sublayers {
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            let mut color = sublayer.style.stroke.color;
            if ui.color_edit_button_srgba(&mut color).changed() {
                sublayer.style = style_of(color);
            }
            ui.checkbox(&mut sublayer.visible, crate::text::visual(&sublayer.name));
        });
        if sublayer.visible {
            super::tiled_style::show(ui, sublayer, &tiles);
        }
    }
    status(ui, layer);
    (action, swap)
}

/// The source's description and its tiles' state.
fn status(ui: &mut Ui, layer: &TiledLayer) {
    let info = match &layer.state {
        SourceState::Opening => {
            ui.weak("Opening…");
            return;
        }
        SourceState::Failed(err) => {
            ui.colored_label(WARNING, err);
            return;
        }
        SourceState::Open(info) => info,
    };
    let mut about = format!("{}, zoom {}–{}", info.kind, info.min_zoom, info.max_zoom);
    if !info.layers.is_empty() {
        about.push_str(&format!(" · {}", info.layers.join(", ")));
    }
    ui.small(about);
    let counts = layer.counts();
    let mut line = format!(
        "{} in memory ({:.1} MB)",
        counted(counts.ready, "tile", "tiles"),
        counts.bytes as f64 / 1e6
    );
    if counts.pending > 0 {
        line.push_str(&format!(" · loading {}", thousands(counts.pending)));
    }
    if counts.empty > 0 {
        line.push_str(&format!(" · {} empty", thousands(counts.empty)));
    }
    ui.small(line);
    if counts.sampled_tiles > 0 {
        // An indexed file at a low zoom: say plainly that not every feature is drawn.
        let kept = counts.sampled_features as u64;
        let ratio = crate::data::formats::windowed::sample_text(kept, counts.sampled_from);
        ui.colored_label(
            WARNING,
            RichText::new(format!(
                "{} in view: an even sample, {ratio} features of about {} (zoom in for all)",
                counted(counts.sampled_tiles, "tile", "tiles"),
                thousands(counts.sampled_from as usize)
            ))
            .small(),
        );
    }
    if let Some(first) = &counts.first_skipped {
        ui.colored_label(
            WARNING,
            RichText::new(format!(
                "{} in view could not be read, e.g. {first}",
                counted(counts.skipped_in_view, "part", "parts")
            ))
            .small(),
        );
    }
    if let Some((bytes, _, _)) = layer.network() {
        ui.small(format!("{:.2} MB fetched", bytes as f64 / 1e6));
    }
    if counts.failed > 0 {
        let why = counts.last_error.as_deref().unwrap_or("unknown");
        ui.colored_label(
            WARNING,
            RichText::new(format!(
                "{} failed: {why}",
                counted(counts.failed, "tile", "tiles")
            ))
            .small(),
        );
    }
}
