//! What a tile URL template's server says of its tiles: the TileJSON that Martin serves at
//! the template's prefix (`http://host:3000/events` for `…/events/{z}/{x}/{y}`),
//! pg_tileserv at `prefix.json`, and tippecanoe beside its tile directory
//! (`prefix/metadata.json`). Its zooms tell how deep to ask and when to enlarge the deepest
//! tiles instead; without one, zooms 0 to [`super::TEMPLATE_MAX_ZOOM`] are asked for.

use serde_json::Value;

use super::{Http, TileSetInfo, from_metadata};

/// Most bytes read of a TileJSON.
const MAX_BYTES: usize = 4 << 20;

/// The template's TileJSON, where its server gives one; the defaults otherwise.
pub async fn discover(template: &str, http: Option<&Http>) -> TileSetInfo {
    let prefix = template
        .split("/{z}")
        .next()
        .unwrap_or(template)
        .trim_end_matches('/');
    let candidates = [
        prefix.to_owned(),
        format!("{prefix}/metadata.json"),
        format!("{prefix}.json"),
    ];
    for url in candidates {
        let text = match http {
            Some(http) => http
                .get(&url, MAX_BYTES)
                .await
                .ok()
                .flatten()
                .map(|b| b.to_vec()),
            None => std::fs::read(url.strip_prefix("file://").unwrap_or(&url)).ok(),
        };
        if let Some(info) = text.and_then(|t| from_tilejson(&String::from_utf8_lossy(&t))) {
            return info;
        }
    }
    TileSetInfo::default()
}

/// A TileJSON (or tippecanoe's metadata.json, whose numbers are strings) read; `None` when the
/// text is not one (an HTML page, a catalogue).
pub fn from_tilejson(text: &str) -> Option<TileSetInfo> {
    let value: Value = serde_json::from_str(text).ok()?;
    let zoom = |key: &str| -> Option<u8> {
        let v = value.get(key)?;
        let n = v.as_u64().or_else(|| v.as_str()?.trim().parse().ok())?;
        u8::try_from(n.min(30)).ok()
    };
    let (min, max) = (zoom("minzoom"), zoom("maxzoom"));
    if min.is_none() && max.is_none() && value.get("vector_layers").is_none() {
        return None;
    }
    let mut info = from_metadata(text);
    info.min_zoom = min.unwrap_or(0);
    info.max_zoom = max.unwrap_or(super::TEMPLATE_MAX_ZOOM).max(info.min_zoom);
    info.bounds = value.get("bounds").and_then(bounds).or(info.bounds);
    Some(info)
}

/// `[w, s, e, n]` or `"w,s,e,n"`.
fn bounds(value: &Value) -> Option<[f64; 4]> {
    let numbers: Vec<f64> = match value {
        Value::Array(items) => items.iter().filter_map(Value::as_f64).collect(),
        Value::String(text) => text
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
        _ => return None,
    };
    let [w, s, e, n] = numbers.try_into().ok()?;
    (w < e && s < n).then_some([w, s, e, n])
}
