//! A layer's "Style" and "Filters" sections in the layer panel: the style (one colour,
//! categorized, graduated) with its legend of counts, where a click on a value hides or
//! shows it; and a filter per column, a checklist with counts for columns of few values, a
//! range for numbers, "contains" for free text. Everything edits the layer's one
//! [`LayerSettings`]; the map follows when the background computation is done.

pub mod areas;
mod filters;

use egui::{RichText, Ui};

use crate::data::thematic::{Classing, ColumnKind, GraduateBy, LayerSettings, StyleRule};
use crate::format::thousands;
use crate::map::points::heat::HeatLegend;
use crate::map::theme::LayerTheme;
use crate::map::user_layers::UserLayer;

pub use filters::filters_section;

/// "12,408 of 500,000 shown", with a button that clears every filter, when any is on.
pub fn shown_line(ui: &mut Ui, layer: &mut UserLayer) {
    let total = layer.feature_count();
    let shown = layer.shown_count();
    let active = layer.theme.settings.active_filters().count();
    if active == 0 && shown == total {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let text = format!("{} of {} shown", thousands(shown), thousands(total));
        ui.label(RichText::new(text).small().strong());
        if layer.theme.is_computing() {
            ui.spinner();
        }
        if active > 0
            && ui
                .small_button("Clear filters")
                .on_hover_text(layer.theme.settings.describe_filters().join("\n"))
                .clicked()
        {
            layer.theme.settings.filters.clear();
        }
    });
}

/// The style chooser and its legend.
pub fn style_section(
    ui: &mut Ui,
    theme: &mut LayerTheme,
    has_points: bool,
    heat: Option<HeatLegend>,
) {
    egui::CollapsingHeader::new("Style")
        .default_open(true)
        .show(ui, |ui| {
            style_choice(ui, theme, has_points);
            legend(ui, theme);
            if let Some(heat) = heat {
                heat_legend(ui, &heat);
            }
        });
}

/// A heatmap's ramp: each step's colour and the density it stands for.
fn heat_legend(ui: &mut Ui, heat: &HeatLegend) {
    ui.label(RichText::new(heat.heading()).small());
    for (color, label) in heat.steps() {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(16.0, 11.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.label(RichText::new(label).small());
        });
    }
    ui.label(
        RichText::new("The scale is fixed for the zoom: the densest square of the radius's width")
            .small()
            .weak(),
    );
}

/// The kind of style, and its column and classes.
fn style_choice(ui: &mut Ui, theme: &mut LayerTheme, has_points: bool) {
    let columns = theme.columns.clone();
    let profiles = columns.profiles();
    let of_kind = |kind: ColumnKind| -> Vec<String> {
        profiles
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.name.clone())
            .collect()
    };
    let (categories, numbers) = (of_kind(ColumnKind::Categories), of_kind(ColumnKind::Number));
    let style = &mut theme.settings.style;
    style_menu(ui, style, &categories, &numbers, has_points);
    match style {
        StyleRule::Categorized { column } => {
            column_choice(ui, "column", column, &categories);
        }
        StyleRule::Graduated {
            column,
            method,
            classes,
            by,
        } => {
            graduated_choice(ui, (column, method, classes), &numbers);
            if has_points {
                ui.horizontal(|ui| {
                    ui.selectable_value(by, GraduateBy::Colour, "Colour");
                    ui.selectable_value(by, GraduateBy::Size, "Size");
                });
            }
        }
        StyleRule::Heatmap { weight, radius } => {
            heat_choice(ui, weight, radius, &numbers);
        }
        StyleRule::Single => {}
    }
}

/// The kinds of style a layer can have (a categorized one needs a column of few values, a
/// graduated one a number column).
pub(crate) fn style_menu(
    ui: &mut Ui,
    style: &mut StyleRule,
    categories: &[String],
    numbers: &[String],
    has_points: bool,
) {
    let name = match style {
        StyleRule::Single => "One colour",
        StyleRule::Categorized { .. } => "Categorized",
        StyleRule::Graduated { .. } => "Graduated",
        StyleRule::Heatmap { .. } => "Heatmap",
    };
    egui::ComboBox::new("style", "style")
        .selected_text(name)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(matches!(style, StyleRule::Single), "One colour")
                .clicked()
            {
                *style = StyleRule::Single;
            }
            if let Some(first) = categories.first()
                && ui
                    .selectable_label(
                        matches!(style, StyleRule::Categorized { .. }),
                        "Categorized",
                    )
                    .clicked()
            {
                *style = StyleRule::Categorized {
                    column: first.clone(),
                };
            }
            if let Some(first) = numbers.first()
                && ui
                    .selectable_label(matches!(style, StyleRule::Graduated { .. }), "Graduated")
                    .clicked()
            {
                *style = StyleRule::Graduated {
                    column: first.clone(),
                    method: Classing::Quantile,
                    classes: 5,
                    by: GraduateBy::Colour,
                };
            }
            if has_points
                && ui
                    .selectable_label(matches!(style, StyleRule::Heatmap { .. }), "Heatmap")
                    .clicked()
            {
                *style = StyleRule::Heatmap {
                    weight: None,
                    radius: crate::data::thematic::args::HEAT_RADIUS,
                };
            }
        });
}

/// A heatmap's weight column ("count" when none) and radius.
fn heat_choice(ui: &mut Ui, weight: &mut Option<String>, radius: &mut f32, numbers: &[String]) {
    egui::ComboBox::new("heat-weight", "weight")
        .selected_text(
            weight
                .as_deref()
                .map_or("count".to_owned(), |w| format!("weighted by {w}")),
        )
        .show_ui(ui, |ui| {
            ui.selectable_value(weight, None, "count");
            for n in numbers {
                ui.selectable_value(weight, Some(n.clone()), format!("weighted by {n}"));
            }
        });
    ui.add(egui::Slider::new(radius, 5.0..=60.0).text("radius (points)"));
}

/// A graduated style's number column, classing method and number of classes.
pub(crate) fn graduated_choice(
    ui: &mut Ui,
    (column, method, classes): (&mut String, &mut Classing, &mut usize),
    numbers: &[String],
) {
    column_choice(ui, "column", column, numbers);
    ui.horizontal(|ui| {
        ui.selectable_value(method, Classing::Quantile, "Quantile");
        ui.selectable_value(method, Classing::EqualInterval, "Equal interval");
    });
    ui.add(egui::Slider::new(classes, 2..=9).text("classes"));
}

/// A column picker among `columns`.
pub(crate) fn column_choice(ui: &mut Ui, label: &str, column: &mut String, columns: &[String]) {
    egui::ComboBox::new(("column", label), label)
        .selected_text(column.as_str())
        .show_ui(ui, |ui| {
            for c in columns {
                ui.selectable_value(column, c.clone(), c);
            }
        });
}

/// The style's classes: a swatch, the label and how many are shown (of how many); for a
/// categorized style, a click hides or shows the value.
fn legend(ui: &mut Ui, theme: &mut LayerTheme) {
    let result = theme.result.clone();
    let Some(classes) = &result.classes else {
        return;
    };
    let categorized = matches!(theme.settings.style, StyleRule::Categorized { .. });
    for (i, class) in classes.classes.iter().enumerate() {
        let shown = result.class_shown.get(i).copied().unwrap_or(0);
        let hidden = categorized
            && !class
                .values
                .iter()
                .any(|v| kept(&theme.settings, &classes.column, v));
        let color = egui::Color32::from_rgb(class.rgb[0], class.rgb[1], class.rgb[2]);
        let response = ui
            .horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                let color = if hidden {
                    color.gamma_multiply(0.25)
                } else {
                    color
                };
                ui.painter()
                    .circle_filled(rect.center(), 5.0 * class.size.clamp(0.6, 1.2), color);
                let text = format!(
                    "{} ({} of {})",
                    class.label,
                    thousands(shown as usize),
                    thousands(class.total as usize)
                );
                let text = if hidden {
                    RichText::new(text).small().strikethrough().weak()
                } else {
                    RichText::new(text).small()
                };
                ui.add(egui::Label::new(text).sense(egui::Sense::click()))
            })
            .inner;
        if categorized && response.on_hover_text("Click to hide or show").clicked() {
            let rule = theme.settings.checklist(&classes.column);
            for value in &class.values {
                rule.set_value(value, hidden);
            }
        }
    }
}

/// Whether the layer's checklist on `column` (if any) keeps `value`.
fn kept(settings: &LayerSettings, column: &str, value: &str) -> bool {
    settings
        .filters
        .iter()
        .filter(|f| f.column == column)
        .all(|f| f.rule.keeps_value(value))
}
