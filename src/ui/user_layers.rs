//! The opened layers at the top of the layer panel: a row per file with its checkbox, colour,
//! opacity, order, zoom-to and remove controls; files still loading with their progress; files
//! refused with why.

use egui::{Color32, RichText, Ui};

use crate::map::user_layers::UserLayers;

/// What the user asked of the opened layers this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerAction {
    ZoomTo(u64),
    Remove(u64),
}

pub fn show(ui: &mut Ui, layers: &mut UserLayers) -> Option<LayerAction> {
    let mut action = None;
    if layers.layers.is_empty() && layers.jobs.is_empty() && layers.refused.is_empty() {
        return None;
    }
    ui.heading("Opened layers");
    let mut move_up = None;
    let mut move_down = None;
    let count = layers.layers.len();
    for (index, layer) in layers.layers.iter_mut().enumerate() {
        ui.push_id(layer.id, |ui| {
            ui.horizontal(|ui| {
                let mut color = layer.color();
                if ui.color_edit_button_srgba(&mut color).changed() {
                    layer.set_color(color);
                }
                ui.checkbox(&mut layer.visible, &layer.layer.name)
                    .on_hover_text(layer.path.display().to_string());
            });
            ui.horizontal(|ui| {
                ui.add(
                    egui::Slider::new(&mut layer.opacity, 0.0..=1.0)
                        .show_value(false)
                        .text("opacity"),
                );
                if ui
                    .add_enabled(index > 0, egui::Button::new("Up").small())
                    .on_hover_text("Move up")
                    .clicked()
                {
                    move_up = Some(index);
                }
                if ui
                    .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                    .on_hover_text("Move down")
                    .clicked()
                {
                    move_down = Some(index);
                }
            });
            ui.horizontal(|ui| {
                if ui.small_button("Zoom to layer").clicked() {
                    action = Some(LayerAction::ZoomTo(layer.id));
                }
                if ui.small_button("Remove").clicked() {
                    action = Some(LayerAction::Remove(layer.id));
                }
            });
            let summary = if layer.event_ids.is_empty() {
                format!("{} features", layer.features.len())
            } else {
                format!("{} events, shown as markers", layer.event_ids.len())
            };
            if layer.skipped.is_empty() {
                ui.small(summary);
            } else {
                ui.label(
                    RichText::new(format!("{summary}, {} skipped", layer.skipped.len()))
                        .small()
                        .color(Color32::from_rgb(160, 60, 30)),
                )
                .on_hover_ui(|ui| {
                    for skipped in layer.skipped.iter().take(20) {
                        ui.small(skipped.to_string());
                    }
                    if layer.skipped.len() > 20 {
                        ui.small(format!("… and {} more", layer.skipped.len() - 20));
                    }
                });
            }
            ui.add_space(4.0);
        });
    }
    if let Some(index) = move_up {
        layers.move_up(index);
    }
    if let Some(index) = move_down {
        layers.move_down(index);
    }
    for job in &layers.jobs {
        let (read, total, features) = job.progress.snapshot();
        let name = job.path.file_name().map_or_else(
            || job.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ui.horizontal(|ui| {
            ui.spinner();
            ui.small(format!("Loading {name}"));
        });
        let fraction = if total > 0 {
            read as f32 / total as f32
        } else {
            0.0
        };
        ui.add(egui::ProgressBar::new(fraction).text(format!(
            "{:.1} / {:.1} MB read, {features} features",
            read as f64 / 1e6,
            total as f64 / 1e6
        )));
    }
    let mut dismissed = None;
    for (index, refused) in layers.refused.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Not opened: {refused}"))
                    .small()
                    .color(Color32::from_rgb(180, 40, 30)),
            );
            if ui.small_button("Dismiss").clicked() {
                dismissed = Some(index);
            }
        });
    }
    if let Some(index) = dismissed {
        layers.refused.remove(index);
    }
    ui.separator();
    action
}
