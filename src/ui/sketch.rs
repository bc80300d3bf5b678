//! Sketch pieces: the sketch layers' rows in the layer panel, and the editor of a mark's title,
//! description, source, date, position certainty and look. The editor works on a copy and
//! names the field changed, so the app can make the change one undoable edit.

use egui::{Color32, Ui};

use crate::data::sketch::style::{PALETTE, SYMBOLS, parse_hex};
use crate::data::sketch::{Certainty, Mark, Sketch};
use crate::format::counted;

/// What the user asked of the sketch layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SketchLayerAction {
    /// Make this layer the one new marks go to.
    Activate(usize),
    Remove(usize),
    New,
}

/// The sketch layers, each with its checkbox, its count of marks and whether it is active.
pub fn layer_rows(ui: &mut Ui, layers: &mut [Sketch], active: usize) -> Option<SketchLayerAction> {
    let mut action = None;
    ui.heading("Sketch layers");
    for (i, sketch) in layers.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let shown = sketch.visible;
            ui.checkbox(&mut sketch.visible, "")
                .on_hover_text("Show this layer")
                .widget_info(|| {
                    let name = format!("Show {}", sketch.name);
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, name)
                });
            let name = format!(
                "{} ({})",
                sketch.name,
                counted(sketch.marks.len(), "mark", "marks")
            );
            if ui
                .selectable_label(i == active, name)
                .on_hover_text("New marks go to the layer chosen here")
                .clicked()
            {
                action = Some(SketchLayerAction::Activate(i));
            }
            if sketch.marks.is_empty() {
                if ui.small_button("Remove").clicked() {
                    action = Some(SketchLayerAction::Remove(i));
                }
            } else {
                // Removing a layer cannot be undone: its marks are named first.
                ui.menu_button("Remove", |ui| {
                    let marks = counted(sketch.marks.len(), "mark", "marks");
                    if ui
                        .button(format!("Remove {} and its {marks}", sketch.name))
                        .clicked()
                    {
                        action = Some(SketchLayerAction::Remove(i));
                    }
                });
            }
        });
    }
    if ui.small_button("New sketch layer").clicked() {
        action = Some(SketchLayerAction::New);
    }
    ui.separator();
    action
}

/// The mark's fields; gives the name of the field changed this frame, if any.
pub fn mark_editor(ui: &mut Ui, mark: &mut Mark) -> Option<&'static str> {
    let mut changed = None;
    let mut note = |c: bool, what: &'static str| {
        if c {
            changed = Some(what);
        }
    };
    egui::Grid::new("mark-fields")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Title").id;
            let title = ui.text_edit_singleline(&mut mark.title).labelled_by(label);
            note(title.changed(), "title");
            ui.end_row();
            let label = ui.label("Description").id;
            let description = egui::TextEdit::multiline(&mut mark.description).desired_rows(2);
            note(
                ui.add(description).labelled_by(label).changed(),
                "description",
            );
            ui.end_row();
            let label = ui.label("Source").id;
            let source = egui::TextEdit::singleline(&mut mark.source).hint_text("https://…");
            note(ui.add(source).labelled_by(label).changed(), "source");
            ui.end_row();
            let label = ui.label("Date").id;
            let date = egui::TextEdit::singleline(&mut mark.date).hint_text("2024-01-18");
            note(ui.add(date).labelled_by(label).changed(), "date");
            ui.end_row();
        });
    if mark.source.starts_with("http://") || mark.source.starts_with("https://") {
        ui.hyperlink_to("Open the source", mark.source.clone());
    }
    note(certainty_row(ui, &mut mark.certainty), "certainty");
    note(style_rows(ui, mark), "style");
    changed
}

/// How sure the position is: exact, approximate within a radius, or a stand-in.
fn certainty_row(ui: &mut Ui, certainty: &mut Certainty) -> bool {
    let before = *certainty;
    ui.horizontal(|ui| {
        ui.label("Position");
        ui.selectable_value(certainty, Certainty::Exact, "exact");
        let approximate = matches!(certainty, Certainty::Approximate { .. });
        if ui.selectable_label(approximate, "approximate").clicked() && !approximate {
            *certainty = Certainty::Approximate { radius_m: 5_000.0 };
        }
        ui.selectable_value(certainty, Certainty::Standin, "stand-in");
    });
    if let Certainty::Approximate { radius_m } = certainty {
        let mut km = *radius_m / 1000.0;
        ui.horizontal(|ui| {
            ui.label("within");
            if ui
                .add(
                    egui::DragValue::new(&mut km)
                        .range(0.01..=1000.0)
                        .speed(0.1),
                )
                .changed()
            {
                *radius_m = km * 1000.0;
            }
            ui.label("km");
        });
    }
    *certainty != before
}

/// Colour, width, opacities and symbol.
fn style_rows(ui: &mut Ui, mark: &mut Mark) -> bool {
    let before = mark.style.clone();
    let style = &mut mark.style;
    ui.horizontal(|ui| {
        ui.label("Colour");
        for hex in PALETTE {
            let [r, g, b] = parse_hex(hex).unwrap_or([0, 0, 0]);
            let chosen = style.color.eq_ignore_ascii_case(hex);
            let edge = if chosen {
                egui::Stroke::new(2.5, Color32::BLACK)
            } else {
                egui::Stroke::new(1.0, Color32::GRAY)
            };
            let swatch = egui::Button::new("")
                .fill(Color32::from_rgb(r, g, b))
                .stroke(edge)
                .min_size(egui::vec2(18.0, 18.0));
            if ui.add(swatch).on_hover_text(hex).clicked() {
                style.color = hex.to_owned();
            }
        }
    });
    if !mark.kind.is_single() {
        ui.add(egui::Slider::new(&mut style.width, 0.5..=12.0).text("width"));
    }
    ui.add(egui::Slider::new(&mut style.opacity, 0.0..=1.0).text("opacity"));
    if mark.kind == crate::data::sketch::MarkKind::Polygon {
        ui.add(egui::Slider::new(&mut style.fill_opacity, 0.0..=1.0).text("fill opacity"));
    }
    if mark.kind == crate::data::sketch::MarkKind::Point {
        egui::ComboBox::from_label("symbol")
            .selected_text(symbol_name(&style.symbol))
            .show_ui(ui, |ui| {
                for symbol in SYMBOLS {
                    ui.selectable_value(&mut style.symbol, symbol.to_owned(), symbol_name(symbol));
                }
            });
    }
    mark.style != before
}

fn symbol_name(symbol: &str) -> &str {
    if symbol.is_empty() { "none" } else { symbol }
}
