//! A tiled source layer's style: one colour, or categorized or graduated by a column of its
//! features, with the same menus as a file layer's style and the classes' legend. The classes
//! are found over the tiles in view (a tiled layer is never read whole) and kept until the
//! style changes or "Refresh classes" is pressed.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::theme::{column_choice, graduated_choice, style_menu};
use crate::data::thematic::StyleRule;
use crate::format::thousands;
use crate::map::tiled::{BuiltTile, SourceLayer};

/// The style controls of `sublayer`, whose view's tiles are `tiles`.
pub fn show(ui: &mut Ui, sublayer: &mut SourceLayer, tiles: &[Arc<BuiltTile>]) {
    let (columns, numbers) = crate::map::tiled::theme::columns(tiles, &sublayer.name);
    let before = sublayer.rule.clone();
    ui.push_id(("tiled-style", sublayer.name.as_str()), |ui| {
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            style_menu(ui, &mut sublayer.rule, &columns, &numbers, false);
        });
        match &mut sublayer.rule {
            StyleRule::Categorized { column } => column_choice(ui, "column", column, &columns),
            StyleRule::Graduated {
                column,
                method,
                classes,
                ..
            } => graduated_choice(ui, (column, method, classes), &numbers),
            StyleRule::Single | StyleRule::Heatmap { .. } => {}
        }
    });
    if sublayer.rule != before {
        sublayer.classify(tiles);
    }
    legend(ui, sublayer, tiles);
}

/// The classes, each a swatch and its label, and what they were found over.
fn legend(ui: &mut Ui, sublayer: &mut SourceLayer, tiles: &[Arc<BuiltTile>]) {
    let Some(classes) = sublayer.classes.clone() else {
        if sublayer.rule.column().is_some() {
            ui.weak("Classes are found once tiles are in view.");
        }
        return;
    };
    for class in &classes.classification.classes {
        ui.horizontal(|ui| {
            ui.add_space(12.0);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            let color = egui::Color32::from_rgb(class.rgb[0], class.rgb[1], class.rgb[2]);
            ui.painter().circle_filled(rect.center(), 5.0, color);
            ui.label(RichText::new(crate::text::visual(&class.label)).small());
        });
    }
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        ui.small(format!(
            "classes from the {} features in view when found",
            thousands(classes.sampled)
        ));
        if ui.small_button("Refresh classes").clicked() {
            sublayer.classify(tiles);
        }
    });
}
