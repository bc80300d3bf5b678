//! A point layer's "Count per area" section (into the story's provinces, an opened polygon
//! layer, or H3 hexagons), and a counts layer's "What changed" section: what the time bar's
//! range is compared with, the fewest events for a change in percent, and one click to colour
//! the areas by their change.

use egui::{RichText, Ui};

use crate::data::thematic::areas::{Compare, resolution_for_zoom};
use crate::data::thematic::{Classing, GraduateBy, StyleRule};
use crate::map::user_layers::UserLayer;
use crate::map::user_layers::areas::AreaTarget;

/// What the section asks for: count this layer into a target.
pub type CountAsk = Option<AreaTarget>;

/// The target chosen, kept per layer between frames.
#[derive(Clone)]
struct Choice {
    target: AreaTarget,
}

/// "Count per area" for a point layer: `polygons` are the opened polygon layers (id, name).
pub fn count_section(
    ui: &mut Ui,
    layer: &UserLayer,
    polygons: &[(u64, String)],
    zoom: f64,
) -> CountAsk {
    // Only a layer of points is counted.
    layer.points.as_ref()?;
    let id = ui.scope_id().with(("count-choice", layer.id));
    let mut choice = ui.data_mut(|d| {
        d.get_temp::<Choice>(id).unwrap_or(Choice {
            target: AreaTarget::Provinces,
        })
    });
    let mut asked = None;
    egui::CollapsingHeader::new("Count per area")
        .id_salt(("count", layer.id))
        .show(ui, |ui| {
            let name = |t: &AreaTarget| match t {
                AreaTarget::Provinces => "the story's provinces".to_owned(),
                AreaTarget::Hexagons { .. } => "H3 hexagons".to_owned(),
                AreaTarget::Layer(id) => polygons
                    .iter()
                    .find(|(i, _)| i == id)
                    .map_or_else(|| "a layer".to_owned(), |(_, n)| n.clone()),
            };
            egui::ComboBox::new(("count-into", layer.id), "into")
                .selected_text(name(&choice.target))
                .show_ui(ui, |ui| {
                    let mut pick = |ui: &mut Ui, t: AreaTarget| {
                        let text = name(&t);
                        ui.selectable_value(&mut choice.target, t, text);
                    };
                    pick(ui, AreaTarget::Provinces);
                    for (id, _) in polygons.iter().filter(|(id, _)| *id != layer.id) {
                        pick(ui, AreaTarget::Layer(*id));
                    }
                    pick(
                        ui,
                        AreaTarget::Hexagons {
                            resolution: resolution_for_zoom(zoom),
                            follow_zoom: true,
                        },
                    );
                });
            if let AreaTarget::Hexagons {
                resolution: res,
                follow_zoom,
            } = &mut choice.target
            {
                ui.checkbox(follow_zoom, "resolution from the zoom");
                if *follow_zoom {
                    *res = resolution_for_zoom(zoom);
                    ui.label(RichText::new(format!("resolution {res}")).small());
                } else {
                    ui.add(egui::Slider::new(res, 0..=10).text("resolution"));
                }
            }
            if ui
                .button("Count")
                .on_hover_text("A new layer of the areas with their events, deaths and change")
                .clicked()
            {
                asked = Some(choice.target);
            }
        });
    ui.data_mut(|d| d.insert_temp(id, choice));
    asked
}

/// "What changed" for a counts layer: the comparison, the minimum count, and a button that
/// colours the areas by their change.
pub fn change_section(ui: &mut Ui, layer: &mut UserLayer) {
    let Some(aggregate) = layer.aggregate.as_mut() else {
        return;
    };
    egui::CollapsingHeader::new("What changed")
        .id_salt(("change", layer.id))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new("The time bar's range against the same length of time before it, or a baseline.")
                    .small()
                    .weak(),
            );
            let previous = matches!(aggregate.compare, Compare::Previous);
            ui.horizontal(|ui| {
                if ui.selectable_label(previous, "Previous period").clicked() {
                    aggregate.compare = Compare::Previous;
                }
                if ui.selectable_label(!previous, "Baseline").clicked() && previous {
                    aggregate.compare = Compare::Baseline {
                        from: 0,
                        to: 0,
                    };
                }
            });
            if let Compare::Baseline { from, to } = &mut aggregate.compare {
                day_field(ui, "from", from);
                day_field(ui, "to", to);
            }
            if let Some(words) = aggregate.describe_compare() {
                ui.label(RichText::new(words).small());
            }
            ui.add(
                egui::Slider::new(&mut aggregate.min_count, 1..=100)
                    .text("fewest events before for a %"),
            );
            ui.horizontal(|ui| {
                for (column, label) in [("change_pct", "Colour by change %"), ("change", "by change")] {
                    if ui.small_button(label).clicked() {
                        layer.theme.settings.style = StyleRule::Graduated {
                            column: column.to_owned(),
                            method: Classing::Quantile,
                            classes: 5,
                            by: GraduateBy::Colour,
                        };
                    }
                }
                if ui.small_button("by events").clicked() {
                    layer.theme.settings.style = StyleRule::Graduated {
                        column: "events".to_owned(),
                        method: Classing::Quantile,
                        classes: 5,
                        by: GraduateBy::Colour,
                    };
                }
            });
        });
}

/// A day as "YYYY-MM-DD", edited as text.
fn day_field(ui: &mut Ui, label: &str, day: &mut i32) {
    let id = ui.scope_id().with(("baseline", label));
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| {
            crate::data::event_columns::date_of(*day)
                .format("%Y-%m-%d")
                .to_string()
        });
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).small());
        if ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
            .changed()
            && let Some(parsed) = crate::data::event_columns::parse_day(&text)
        {
            *day = parsed;
        }
    });
    ui.data_mut(|d| d.insert_temp(id, text));
}
