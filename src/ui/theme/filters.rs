//! A layer's filters: one block per filter, and a picker to add one on any column. A checklist
//! lists the column's values with how many rows each would show (answering to the other
//! filters), a search box to narrow a long list, and "only" to keep one value in one click.

use egui::{RichText, Ui};

use crate::data::thematic::{ColumnFilter, ColumnKind, FilterRule};
use crate::format::thousands;
use crate::map::theme::LayerTheme;

/// Most values a checklist lists at once (a search narrows the rest).
const MAX_LISTED: usize = 150;

/// The filters section of a layer.
pub fn filters_section(ui: &mut Ui, theme: &mut LayerTheme) {
    let active = theme.settings.active_filters().count();
    let title = match active {
        0 => "Filters".to_owned(),
        n => format!("Filters ({n} on)"),
    };
    egui::CollapsingHeader::new(title)
        .id_salt("filters")
        .default_open(false)
        .show(ui, |ui| {
            let mut removed = None;
            for index in 0..theme.settings.filters.len() {
                ui.push_id(index, |ui| {
                    if filter_block(ui, theme, index) {
                        removed = Some(index);
                    }
                });
            }
            if let Some(index) = removed {
                theme.settings.filters.remove(index);
            }
            add_filter(ui, theme);
        });
}

/// The picker that adds a filter on a column, of the kind the column needs.
fn add_filter(ui: &mut Ui, theme: &mut LayerTheme) {
    let mut chosen = None;
    egui::ComboBox::new("add-filter", "add a filter")
        .selected_text("column…")
        .show_ui(ui, |ui| {
            for profile in theme.columns.profiles() {
                let hint = match profile.kind {
                    ColumnKind::Categories => "values",
                    ColumnKind::Number => "range",
                    ColumnKind::Text => "contains",
                };
                if ui
                    .selectable_label(false, format!("{}  ({hint})", profile.name))
                    .clicked()
                {
                    chosen = Some(profile.clone());
                }
            }
        });
    if let Some(profile) = chosen {
        let rule = match profile.kind {
            ColumnKind::Categories => FilterRule::all_values(),
            ColumnKind::Number => FilterRule::Range {
                min: None,
                max: None,
            },
            ColumnKind::Text => FilterRule::Contains {
                text: String::new(),
            },
        };
        theme
            .settings
            .filters
            .push(ColumnFilter::new(profile.name, rule));
    }
}

/// One filter; gives whether it was removed.
fn filter_block(ui: &mut Ui, theme: &mut LayerTheme, index: usize) -> bool {
    let mut removed = false;
    let column = theme.settings.filters[index].column.clone();
    ui.horizontal(|ui| {
        ui.label(RichText::new(&column).small().strong());
        if ui
            .small_button("remove")
            .on_hover_text("Remove this filter")
            .clicked()
        {
            removed = true;
        }
    });
    let facet = theme.facet(&column).map(<[u32]>::to_vec);
    let key = theme.columns.table().key(&column);
    let values = key.and_then(|k| theme.columns.categories_if_built(k));
    let rule = &mut theme.settings.filters[index].rule;
    match rule {
        FilterRule::Values { .. } => match (values, facet) {
            (Some(values), Some(facet)) => checklist(ui, rule, &values.values, &facet),
            _ => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.small("Counting the values…");
                });
            }
        },
        FilterRule::Range { min, max } => {
            bound(ui, "at least", min);
            bound(ui, "at most", max);
        }
        FilterRule::Contains { text } => {
            ui.add(egui::TextEdit::singleline(text).hint_text("contains (accents ignored)"));
        }
    }
    ui.add_space(4.0);
    removed
}

/// One end of a range: off, or a number.
fn bound(ui: &mut Ui, label: &str, value: &mut Option<f64>) {
    ui.horizontal(|ui| {
        let mut on = value.is_some();
        if ui.checkbox(&mut on, label).changed() {
            *value = on.then_some(0.0);
        }
        if let Some(v) = value {
            ui.add(egui::DragValue::new(v).speed(1.0));
        }
    });
}

/// A checklist: a search box when the list is long, "All" and "None", and each value with its
/// count, a tick and "only".
fn checklist(ui: &mut Ui, rule: &mut FilterRule, values: &[String], facet: &[u32]) {
    let search_id = ui.scope_id().with("search");
    let mut search: String = ui.data_mut(|d| d.get_temp(search_id).unwrap_or_default());
    ui.horizontal(|ui| {
        if values.len() > 8 {
            ui.add(
                egui::TextEdit::singleline(&mut search)
                    .hint_text("search values")
                    .desired_width(110.0),
            );
        }
        if ui.small_button("All").clicked() {
            *rule = FilterRule::all_values();
        }
        if ui.small_button("None").clicked() {
            *rule = FilterRule::Values {
                values: Default::default(),
                keep: true,
            };
        }
    });
    ui.data_mut(|d| d.insert_temp(search_id, search.clone()));
    let needle = crate::data::gazetteer::fold(search.trim());
    let matching: Vec<usize> = (0..values.len())
        .filter(|&i| {
            needle.is_empty() || crate::data::gazetteer::contains_folded(&values[i], &needle)
        })
        .collect();
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .id_salt("values")
        .show(ui, |ui| {
            for &i in matching.iter().take(MAX_LISTED) {
                let value = &values[i];
                let count = facet.get(i).copied().unwrap_or(0);
                ui.horizontal(|ui| {
                    let mut kept = rule.keeps_value(value);
                    let label = format!(
                        "{} ({})",
                        if value.is_empty() {
                            "(no value)"
                        } else {
                            value
                        },
                        thousands(count as usize)
                    );
                    let label = if count == 0 {
                        RichText::new(label).small().weak()
                    } else {
                        RichText::new(label).small()
                    };
                    if ui.checkbox(&mut kept, label).changed() {
                        rule.set_value(value, kept);
                    }
                    if ui
                        .small_button("only")
                        .on_hover_text("Show only this value")
                        .clicked()
                    {
                        *rule = FilterRule::only(value);
                    }
                });
            }
        });
    if matching.len() > MAX_LISTED {
        ui.small(format!(
            "… {} more: search to narrow",
            thousands(matching.len() - MAX_LISTED)
        ));
    }
}
