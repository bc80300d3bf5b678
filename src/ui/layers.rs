//! The layer panel: a checkbox and legend swatch per layer, and the files that failed to load.

use egui::{Sense, Stroke, Ui, vec2};

use crate::data::DataError;
use crate::data::local_names::LabelLanguage;
use crate::map::draw::paint_symbol;
use crate::map::{LayerId, LayerList, VectorLayer, style};

/// Show the layer list; toggling a checkbox changes `layers` directly.
pub fn show(
    ui: &mut Ui,
    layers: &mut LayerList,
    provinces: &[VectorLayer],
    problems: &[DataError],
) {
    ui.heading("Layers");
    for entry in &mut layers.entries {
        ui.horizontal(|ui| {
            swatch(ui, entry.id, provinces);
            ui.checkbox(&mut entry.visible, crate::text::visual(&entry.name));
        });
    }
    language_choice(ui, &mut layers.language);
    ui.add_space(6.0);
    legend_notes(ui);
    if !problems.is_empty() {
        ui.add_space(8.0);
        ui.colored_label(crate::map::style::ERROR, "Data problems:");
        for problem in problems {
            ui.label(egui::RichText::new(problem.to_string()).small());
        }
    }
}

/// Which names the map's labels show: English, the local name, or both.
fn language_choice(ui: &mut Ui, language: &mut LabelLanguage) {
    ui.horizontal(|ui| {
        let label = ui.small("Label names").id;
        egui::ComboBox::from_id_salt("label-language")
            .selected_text(language.name())
            .show_ui(ui, |ui| {
                for choice in LabelLanguage::ALL {
                    ui.selectable_value(language, choice, choice.name());
                }
            })
            .response
            .labelled_by(label)
            .on_hover_text(
                "Persian in Iran and Afghanistan, Urdu in Pakistan, where the data gives them",
            );
    });
}

/// How to read the markers: what the circles and hollow symbols mean.
fn legend_notes(ui: &mut Ui) {
    let color = crate::map::style::MUTED_TEXT;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(20.0, 16.0), Sense::hover());
        ui.painter().circle(
            rect.center(),
            7.0,
            color.gamma_multiply(0.12),
            Stroke::new(1.5, color),
        );
        ui.small("area the event may lie in");
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(20.0, 16.0), Sense::hover());
        paint_symbol(
            ui.painter(),
            rect.center(),
            6.0,
            style::Symbol::Circle,
            color,
            true,
        );
        ui.small("stand-in point: no single place");
    });
}

/// A small picture of how the layer looks on the map.
fn swatch(ui: &mut Ui, id: LayerId, provinces: &[VectorLayer]) {
    let (rect, _) = ui.allocate_exact_size(vec2(20.0, 16.0), Sense::hover());
    let painter = ui.painter();
    match id {
        LayerId::Markers(group) => {
            paint_symbol(
                painter,
                rect.center(),
                6.0,
                group.symbol(),
                group.color(),
                false,
            );
        }
        LayerId::Province(index) => {
            if let Some(layer) = provinces.get(index) {
                painter.rect(
                    rect.shrink(2.0),
                    2.0,
                    layer.style.fill,
                    layer.style.stroke,
                    egui::StrokeKind::Inside,
                );
            }
        }
        LayerId::Countries => {
            painter.rect(
                rect.shrink(2.0),
                0.0,
                style::LAND,
                style::COUNTRIES.stroke,
                egui::StrokeKind::Inside,
            );
        }
        LayerId::Labels => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Aa",
                egui::FontId::proportional(12.0),
                ui.visuals().text_color(),
            );
        }
    }
}
