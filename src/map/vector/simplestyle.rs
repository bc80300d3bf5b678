//! Per-feature styling from the simplestyle-spec properties that geojson.io, uMap and GitHub
//! write (`fill`, `fill-opacity`, `stroke`, `stroke-width`, `stroke-opacity`, `marker-color`,
//! `marker-size`); anything absent falls back to the layer's style.

use std::borrow::Cow;

use egui::Color32;
use serde_json::Value;

use crate::data::Properties;
use crate::data::properties::PropertyTable;

/// The simplestyle keys read.
const KEYS: [&str; 7] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "marker-color",
    "marker-size",
];

/// What a feature's own properties ask for. `None` means "the layer's".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FeatureStyle {
    pub fill: Option<Color32>,
    pub fill_opacity: Option<f32>,
    pub stroke: Option<Color32>,
    pub stroke_width: Option<f32>,
    pub stroke_opacity: Option<f32>,
    pub marker_color: Option<Color32>,
    /// Radius in screen points (small 4, medium 6, large 8).
    pub marker_radius: Option<f32>,
}

impl FeatureStyle {
    pub fn from_properties(properties: &Properties) -> Self {
        Self::from_lookup(|key| match properties.get(key)? {
            Value::String(text) => Some(Cow::Borrowed(text.as_str())),
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        })
    }

    /// From a layer's column store: the keys are looked up once, so a layer without simplestyle
    /// columns costs nothing per feature.
    pub fn from_table(table: &PropertyTable, row: usize) -> Self {
        Self::from_lookup(|key| table.text(row, table.key(key)?))
    }

    /// Whether a table has any simplestyle column at all.
    pub fn table_has_any(table: &PropertyTable) -> bool {
        KEYS.iter().any(|key| table.key(key).is_some())
    }

    /// From a lookup of a property's text (a string's contents, a number as written).
    fn from_lookup<'a>(get: impl Fn(&str) -> Option<Cow<'a, str>>) -> Self {
        let color = |key: &str| get(key).and_then(|text| parse_color(&text));
        let number = |key: &str| {
            get(key)
                .and_then(|text| text.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite())
                .map(|n| n as f32)
        };
        let opacity = |key: &str| number(key).map(|n| n.clamp(0.0, 1.0));
        Self {
            fill: color("fill"),
            fill_opacity: opacity("fill-opacity"),
            stroke: color("stroke"),
            stroke_width: number("stroke-width").map(|w| w.clamp(0.0, 20.0)),
            stroke_opacity: opacity("stroke-opacity"),
            marker_color: color("marker-color"),
            marker_radius: get("marker-size").and_then(|size| match size.as_ref() {
                "small" => Some(4.0),
                "medium" => Some(6.0),
                "large" => Some(8.0),
                _ => None,
            }),
        }
    }

    /// Whether the feature sets any style of its own.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// `#rrggbb` or `#rgb` (the `#` optional, as simplestyle allows).
pub fn parse_color(text: &str) -> Option<Color32> {
    let hex = text.trim().trim_start_matches('#');
    let channel = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        6 => Some(Color32::from_rgb(
            channel(0, 2)?,
            channel(2, 2)?,
            channel(4, 2)?,
        )),
        3 => {
            let [r, g, b] = [channel(0, 1)?, channel(1, 1)?, channel(2, 1)?];
            Some(Color32::from_rgb(r * 17, g * 17, b * 17))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplestyle_properties_are_read_and_bad_values_ignored() {
        let properties: Properties = serde_json::from_str(
            r##"{"fill": "#ff0000", "fill-opacity": 0.3, "stroke": "0a0", "stroke-width": "3",
                "marker-size": "large", "marker-color": "not a colour", "stroke-opacity": 7}"##,
        )
        .unwrap();
        let style = FeatureStyle::from_properties(&properties);
        assert_eq!(style.fill, Some(Color32::from_rgb(255, 0, 0)));
        assert_eq!(style.fill_opacity, Some(0.3));
        assert_eq!(style.stroke, Some(Color32::from_rgb(0, 170, 0)));
        assert_eq!(style.stroke_width, Some(3.0));
        assert_eq!(style.stroke_opacity, Some(1.0));
        assert_eq!(style.marker_color, None);
        assert_eq!(style.marker_radius, Some(8.0));
    }
}
