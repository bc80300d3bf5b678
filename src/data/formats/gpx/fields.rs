//! What GPX's elements mean as properties: the fields GDAL's GPX driver reads of points,
//! tracks and routes (GPX 1.0 and 1.1), positions from `lat`/`lon`, and line colours.

use geo::Coord;
use serde_json::{Value, json};

use crate::data::formats::xml::Element;

/// A point's position from its `lat` and `lon` attributes, or why it has none.
pub(super) fn position(element: &Element) -> Result<Coord<f64>, String> {
    let number = |name: &str| -> Result<f64, String> {
        let text = element
            .attribute(name)
            .ok_or_else(|| format!("has no \"{name}\" attribute"))?;
        text.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("has {name}=\"{text}\", which is not a number"))
    };
    Ok(Coord {
        x: number("lon")?,
        y: number("lat")?,
    })
}

/// A field GPX defines for points, tracks and routes (1.0 and 1.1), as a property: its key
/// and value (numbers as numbers).
pub(super) fn field(name: &str, text: &str) -> Option<(&'static str, Value)> {
    let number = |text: &str| {
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|n| json!(n))
    };
    Some(match name {
        "name" => ("name", json!(text)),
        "desc" => ("description", json!(text)),
        "cmt" => ("comment", json!(text)),
        "src" => ("source", json!(text)),
        "sym" => ("symbol", json!(text)),
        "type" => ("type", json!(text)),
        "time" => ("time", json!(text)),
        "url" => ("link", json!(text)),
        "urlname" => ("link_text", json!(text)),
        "fix" => ("fix", json!(text)),
        "ele" => ("elevation_m", number(text)?),
        "number" => ("number", number(text)?),
        "magvar" => ("magvar", number(text)?),
        "geoidheight" => ("geoidheight", number(text)?),
        "sat" => ("sat", number(text)?),
        "hdop" => ("hdop", number(text)?),
        "vdop" => ("vdop", number(text)?),
        "pdop" => ("pdop", number(text)?),
        "ageofdgpsdata" => ("ageofdgpsdata", number(text)?),
        "dgpsid" => ("dgpsid", number(text)?),
        "course" => ("course", number(text)?),
        "speed" => ("speed", number(text)?),
        _ => return None,
    })
}

/// Text as a property value: a number when it reads as one.
pub(super) fn typed(text: &str) -> Value {
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() => json!(n),
        _ => json!(text),
    }
}

/// `FF0000` or `#ff0000` as `#ff0000`.
pub(super) fn hex_color(text: &str) -> Option<String> {
    let hex = text.trim().trim_start_matches('#');
    (hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| format!("#{}", hex.to_ascii_lowercase()))
}

/// Garmin's named display colours (gpxx:DisplayColor).
pub(super) fn garmin_color(name: &str) -> Option<String> {
    let hex = match name.trim() {
        "Black" => "000000",
        "DarkRed" => "8b0000",
        "DarkGreen" => "006400",
        "DarkYellow" => "b5b820",
        "DarkBlue" => "00008b",
        "DarkMagenta" => "8b008b",
        "DarkCyan" => "008b8b",
        "LightGray" => "d3d3d3",
        "DarkGray" => "a9a9a9",
        "Red" => "ff0000",
        "Green" => "00ff00",
        "Yellow" => "ffff00",
        "Blue" => "0000ff",
        "Magenta" => "ff00ff",
        "Cyan" => "00ffff",
        "White" => "ffffff",
        _ => return None,
    };
    Some(format!("#{hex}"))
}
