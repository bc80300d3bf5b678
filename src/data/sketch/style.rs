//! A mark's look in simplestyle-spec terms (the properties geojson.io, uMap and GitHub read and
//! write), so that what is drawn here looks the same wherever the exported file goes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::MarkKind;

/// Colours offered for marks: Okabe and Ito's colour-blind-safe set, red first.
pub const PALETTE: [&str; 7] = [
    "#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000",
];

/// Maki marker symbols offered (simplestyle's `marker-symbol`); empty for a plain dot.
pub const SYMBOLS: [&str; 6] = ["", "danger", "fire-station", "town", "embassy", "cross"];

/// How a mark looks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarkStyle {
    /// Stroke and marker colour, `#rrggbb`.
    pub color: String,
    /// Line width in screen points.
    pub width: f32,
    /// The stroke's and marker's opacity, 0 to 1.
    pub opacity: f32,
    /// A polygon's fill opacity, 0 to 1 (the fill is the stroke's colour).
    pub fill_opacity: f32,
    /// A Maki symbol name, or empty.
    pub symbol: String,
}

impl Default for MarkStyle {
    fn default() -> Self {
        Self {
            color: PALETTE[0].to_owned(),
            width: 3.0,
            opacity: 1.0,
            fill_opacity: 0.25,
            symbol: String::new(),
        }
    }
}

impl MarkStyle {
    /// The default look of a new mark of `kind`: labels in black, the rest in the palette's
    /// red.
    pub fn for_kind(kind: MarkKind) -> Self {
        match kind {
            MarkKind::Label => Self {
                color: "#000000".to_owned(),
                ..Self::default()
            },
            _ => Self::default(),
        }
    }

    /// The colour as red, green, blue (the palette's red where it cannot be read).
    pub fn rgb(&self) -> [u8; 3] {
        parse_hex(&self.color).unwrap_or([0xd5, 0x5e, 0x00])
    }

    /// The simplestyle properties for a mark of `kind`.
    pub fn properties(&self, kind: MarkKind) -> Map<String, Value> {
        let mut out = Map::new();
        let opacity = |v: f32| json!((v as f64 * 100.0).round() / 100.0);
        if kind.is_single() {
            out.insert("marker-color".into(), json!(self.color));
            out.insert("marker-size".into(), json!("medium"));
            if !self.symbol.is_empty() {
                out.insert("marker-symbol".into(), json!(self.symbol));
            }
        } else {
            out.insert("stroke".into(), json!(self.color));
            out.insert("stroke-width".into(), json!(self.width));
            out.insert("stroke-opacity".into(), opacity(self.opacity));
        }
        if kind == MarkKind::Polygon {
            out.insert("fill".into(), json!(self.color));
            out.insert("fill-opacity".into(), opacity(self.fill_opacity));
        }
        out
    }

    /// Read back from simplestyle properties; what is absent or unreadable keeps the default
    /// for `kind`.
    pub fn from_properties(kind: MarkKind, properties: &Map<String, Value>) -> Self {
        let mut style = Self::for_kind(kind);
        let text = |key: &str| properties.get(key).and_then(Value::as_str);
        let number = |key: &str| {
            let value = properties.get(key)?;
            value
                .as_f64()
                .or_else(|| value.as_str()?.trim().parse().ok())
                .filter(|v: &f64| v.is_finite())
        };
        let color_key = if kind.is_single() {
            "marker-color"
        } else {
            "stroke"
        };
        if let Some(color) = text(color_key).filter(|c| parse_hex(c).is_some()) {
            style.color = color.to_owned();
        }
        if let Some(width) = number("stroke-width") {
            style.width = width.clamp(0.5, 20.0) as f32;
        }
        if let Some(opacity) = number("stroke-opacity") {
            style.opacity = opacity.clamp(0.0, 1.0) as f32;
        }
        if let Some(opacity) = number("fill-opacity") {
            style.fill_opacity = opacity.clamp(0.0, 1.0) as f32;
        }
        if let Some(symbol) = text("marker-symbol") {
            style.symbol = symbol.to_owned();
        }
        style
    }
}

/// `#rrggbb` or `#rgb` (with or without the `#`) as red, green, blue.
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().trim_start_matches('#');
    let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
    match hex.len() {
        6 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_survives_its_properties() {
        let style = MarkStyle {
            color: "#0072b2".into(),
            width: 5.0,
            opacity: 0.8,
            fill_opacity: 0.4,
            symbol: String::new(),
        };
        let back =
            MarkStyle::from_properties(MarkKind::Polygon, &style.properties(MarkKind::Polygon));
        assert_eq!(back, style);
        assert_eq!(parse_hex("#abc"), Some([0xaa, 0xbb, 0xcc]));
        assert_eq!(parse_hex("red"), None);
    }
}
