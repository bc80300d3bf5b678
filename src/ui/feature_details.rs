//! The identified feature's properties as a table, like QGIS's Identify and geojson.io's
//! properties view: which layer it is in, its geometry, and every property as the file has it.

use egui::{RichText, Ui};
use serde_json::Value;

use crate::data::Properties;

/// What the panel shows about one feature.
pub struct FeatureInfo<'a> {
    pub layer: &'a str,
    pub index: usize,
    pub id: Option<&'a str>,
    pub geometry: &'a str,
    pub vertices: usize,
    pub properties: &'a Properties,
}

pub fn show(ui: &mut Ui, info: &FeatureInfo<'_>) {
    ui.label(RichText::new(info.layer).small().weak());
    let title = ["name_en", "name", "title", "NAME"]
        .iter()
        .find_map(|key| info.properties.get(*key).and_then(Value::as_str))
        .map_or_else(|| format!("Feature #{}", info.index), str::to_owned);
    ui.heading(title);
    ui.small(format!(
        "Feature #{}{} · {} · {} vertices",
        info.index,
        info.id
            .map(|id| format!(" (id \"{id}\")"))
            .unwrap_or_default(),
        info.geometry,
        info.vertices
    ));
    ui.add_space(4.0);
    if info.properties.is_empty() {
        ui.weak("No properties.");
        return;
    }
    // Long values wrap within the panel instead of widening it.
    let half = (ui.available_width() / 2.0 - 8.0).max(80.0);
    egui::Grid::new("feature-properties")
        .striped(true)
        .num_columns(2)
        .max_col_width(half)
        .show(ui, |ui| {
            for (key, value) in info.properties {
                ui.add(egui::Label::new(RichText::new(key).strong()).wrap());
                ui.add(egui::Label::new(value_text(value)).wrap());
                ui.end_row();
            }
        });
}

/// A property value as a reader expects it: strings without quotes, null as "null".
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
