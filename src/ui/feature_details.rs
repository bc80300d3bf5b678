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
    /// For a point of an events file: what kind of event, when, how exact, who says so.
    pub event: Option<EventHeader>,
    /// Whether the layer is an ACLED export, whose columns' meanings (after ACLED's codebook)
    /// show on hover; other layers' `country` or `admin1` mean what their files say.
    pub codebook: bool,
}

/// The facts of an event point a reader looks for first, each from its column.
#[derive(Debug, Clone, PartialEq)]
pub struct EventHeader {
    /// The kind (its colour on the map) and the column it comes from.
    pub kind: Option<(String, egui::Color32, String)>,
    pub date: Option<String>,
    /// ACLED's time_precision: 1 the day, 2 the week, 3 the month.
    pub time_precision: Option<u8>,
    /// ACLED's geo_precision: 1 the place, 2 near it, 3 only the region.
    pub geo_precision: Option<u8>,
    pub source: Option<String>,
}

pub fn show(ui: &mut Ui, info: &FeatureInfo<'_>) {
    ui.label(RichText::new(info.layer).small().weak());
    let title = ["name_en", "name", "title", "NAME", "location"]
        .iter()
        .find_map(|key| info.properties.get(*key).and_then(Value::as_str))
        .map_or_else(|| format!("Feature #{}", info.index), str::to_owned);
    ui.heading(title);
    if let Some(event) = &info.event {
        event_header(ui, event);
    }
    ui.small(format!(
        "Feature #{}{} · {} · {}",
        info.index,
        info.id
            .map(|id| format!(" (id \"{id}\")"))
            .unwrap_or_default(),
        info.geometry,
        crate::format::counted(info.vertices, "vertex", "vertices")
    ));
    ui.add_space(4.0);
    if info.properties.is_empty() {
        ui.weak("No properties.");
        return;
    }
    let meaning = |key: &str| {
        info.codebook
            .then(|| crate::data::acled::meaning(key))
            .flatten()
    };
    if info.properties.keys().any(|key| meaning(key).is_some()) {
        ui.small("Hover a column's name for what it holds (after ACLED's codebook).");
    }
    // Long values wrap within the panel instead of widening it.
    let half = (ui.available_width() / 2.0 - 8.0).max(80.0);
    egui::Grid::new("feature-properties")
        .striped(true)
        .num_columns(2)
        .max_col_width(half)
        .show(ui, |ui| {
            for (key, value) in info.properties {
                let name = crate::text::paragraph_rich(ui, key, |t| RichText::new(t).strong());
                if let Some(meaning) = meaning(key) {
                    name.on_hover_text(meaning);
                }
                crate::text::paragraph(ui, &value_text(value));
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

/// The event's kind, date and how exact its date and place are, and its source.
fn event_header(ui: &mut Ui, event: &EventHeader) {
    if let Some((kind, color, column)) = &event.kind {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 6.0, *color);
            ui.strong(kind)
                .on_hover_text(format!("from the column \"{column}\""));
        });
    }
    if let Some(date) = &event.date {
        match event
            .time_precision
            .and_then(|precision| crate::data::acled::date_span(date, precision))
        {
            Some(span) => {
                ui.label(span).on_hover_text(format!(
                    "ACLED codes the middle of the span as the date: {date}"
                ));
            }
            None => {
                ui.label(date);
            }
        }
    }
    let place = match event.geo_precision {
        Some(1) => Some("At the place named."),
        Some(2) => Some("Near the place named: the position is approximate (drawn hollow)."),
        Some(3) => Some("Only the region is known: the position stands in for it (drawn hollow)."),
        _ => None,
    };
    if let Some(place) = place {
        ui.small(place);
    }
    if let Some(source) = &event.source {
        ui.small(format!("Source: {source}"));
    }
    ui.add_space(2.0);
}
