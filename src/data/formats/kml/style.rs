//! KML styles as the simplestyle properties strikemap draws with, as togeojson maps them:
//! `IconStyle` colour to `marker-color`, `LineStyle` colour and width to `stroke`,
//! `stroke-opacity` and `stroke-width`, `PolyStyle` colour to `fill` and `fill-opacity`
//! (`<fill>0</fill>` an empty fill, `<outline>0</outline>` no outline). A placemark's own
//! style wins over the one its `styleUrl` names; a `StyleMap` is read through its `normal`
//! pair.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

/// What a `Style` element sets.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Style {
    pub icon: Option<String>,
    pub line: Option<String>,
    pub width: Option<f64>,
    pub poly: Option<String>,
    pub fill: Option<bool>,
    pub outline: Option<bool>,
}

impl Style {
    /// Read a leaf element `name` (inside `parent`) of a Style.
    pub(super) fn set(&mut self, parent: &str, name: &str, text: &str) {
        let flag = || text.trim() != "0";
        match (parent, name) {
            ("IconStyle", "color") => self.icon = Some(text.trim().to_owned()),
            ("LineStyle", "color") => self.line = Some(text.trim().to_owned()),
            ("LineStyle", "width") => self.width = text.trim().parse().ok(),
            ("PolyStyle", "color") => self.poly = Some(text.trim().to_owned()),
            ("PolyStyle", "fill") => self.fill = Some(flag()),
            ("PolyStyle", "outline") => self.outline = Some(flag()),
            _ => {}
        }
    }

    /// The simplestyle properties, added where the placemark has none of its own.
    pub(super) fn apply(&self, properties: &mut Map<String, Value>) {
        let mut put = |key: &str, value: Value| {
            properties.entry(key.to_owned()).or_insert(value);
        };
        if let Some((color, _)) = self.icon.as_deref().and_then(kml_color) {
            put("marker-color", json!(color));
        }
        if let Some((color, opacity)) = self.line.as_deref().and_then(kml_color) {
            put("stroke", json!(color));
            put("stroke-opacity", json!(opacity));
        }
        if let Some(width) = self.width {
            put("stroke-width", json!(width));
        }
        if self.outline == Some(false) {
            put("stroke-opacity", json!(0.0));
        }
        if let Some((color, opacity)) = self.poly.as_deref().and_then(kml_color) {
            put("fill", json!(color));
            put("fill-opacity", json!(opacity));
        }
        if self.fill == Some(false) {
            put("fill-opacity", json!(0.0));
        }
    }
}

/// A document's styles by id, and its style maps (id to the `normal` style's url).
#[derive(Debug, Default)]
pub(super) struct Styles {
    pub styles: HashMap<String, Style>,
    pub maps: HashMap<String, String>,
}

impl Styles {
    /// The style a `styleUrl` names (`#id`, or a URL ending in `#id`), through a style map.
    pub(super) fn resolve(&self, url: &str) -> Option<&Style> {
        let id = url.rsplit('#').next()?;
        self.styles.get(id).or_else(|| {
            let normal = self.maps.get(id)?;
            self.styles.get(normal.rsplit('#').next()?)
        })
    }
}

/// KML's `aabbggrr` as `#rrggbb` and an opacity.
///
/// ```ignore
/// assert_eq!(kml_color("ff3644db"), Some(("#db4436".to_owned(), 1.0)));
/// ```
fn kml_color(text: &str) -> Option<(String, f64)> {
    let hex = text.trim().trim_start_matches('#');
    if hex.len() != 8 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    let (a, b, g, r) = (byte(0)?, byte(2)?, byte(4)?, byte(6)?);
    let opacity = (f64::from(a) / 255.0 * 1000.0).round() / 1000.0;
    Some((format!("#{r:02x}{g:02x}{b:02x}"), opacity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_turn_from_kml_order_to_css() {
        assert_eq!(kml_color("ff3644db"), Some(("#db4436".to_owned(), 1.0)));
        assert_eq!(kml_color("7f00ff00"), Some(("#00ff00".to_owned(), 0.498)));
        assert_eq!(kml_color("red"), None);
    }
}
