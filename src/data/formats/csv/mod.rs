//! CSV with coordinates, as QGIS's delimited-text layer reads it: a latitude and a longitude
//! column found by their usual names, or a WKT geometry column; `,`, `;` or tab between fields.
//! An ACLED export (recognised by its header) is such a file, and its points are events.
//!
//! ```
//! use strikemap::data::formats::csv::read_text;
//!
//! let text = "name;Lat;Lon\nZahedan;29.4963;60.8629\nnowhere;95;10\n";
//! let layer = read_text(std::path::Path::new("towns.csv"), text).unwrap();
//! assert_eq!(layer.geometries.len(), 1);
//! assert_eq!(layer.skipped[0].to_string(), "towns.csv:3:9: row 2: column \"Lat\" (2): latitude 95 is out of range (-90 to 90)");
//! ```

use std::path::Path;

use geo::{Geometry, Point};
use wkt::TryFromWkt;

mod body;
mod keep;
mod rows;
mod stream;

use body::Body;
use rows::{CHUNK_BYTES, Row};
pub use stream::read_file;

use crate::data::DataError;
use crate::data::layer_file::LayerFile;

/// Column names taken for latitude and longitude (compared without case), best first.
const LATITUDE: [&str; 3] = ["latitude", "lat", "y"];
const LONGITUDE: [&str; 5] = ["longitude", "lon", "lng", "long", "x"];
/// Column names taken for WKT geometry (compared without case).
const WKT: [&str; 5] = ["wkt", "wkt_geom", "geometry", "geom", "the_geom"];
/// The columns that make a CSV an ACLED export.
const ACLED: [&str; 5] = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "latitude",
    "longitude",
];
/// Deepest nesting of parentheses read as WKT (the WKT reader recurses).
const WKT_MAX_DEPTH: usize = 32;

/// Where a row's place comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    LatLon { lat: usize, lon: usize },
    Wkt(usize),
}

/// Read CSV `text` (already decoded) from `path`.
pub fn read_text(path: &Path, text: &str) -> Result<LayerFile, DataError> {
    read_in_chunks(path, text, CHUNK_BYTES)
}

/// [`read_text`], its rows read in chunks of about `chunk_bytes` on all cores.
fn read_in_chunks(path: &Path, text: &str, chunk_bytes: usize) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let (mut body, start) = Body::start(&shown, text, chunk_bytes)?;
    let rows = &text[start..];
    body.reserve(memchr::memchr_iter(b'\n', rows.as_bytes()).count() + 1);
    body.feed(rows);
    body.finish(path, text.len() as u64)
}

/// The separator of the header line: whichever of `,` `;` tab it has most of.
pub(super) fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&sep| (first.bytes().filter(|&b| b == sep).count(), sep == b','))
        .unwrap_or(b',')
}

/// The place columns of a header: latitude and longitude by name, else a WKT column.
pub(super) fn place_columns(header: &[String]) -> Option<Place> {
    let find = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
    };
    match (find(&LATITUDE), find(&LONGITUDE)) {
        (Some(lat), Some(lon)) => Some(Place::LatLon { lat, lon }),
        _ => find(&WKT).map(Place::Wkt),
    }
}

/// A row's geometry: `None` when its place is empty (an unlocated row). An error names the
/// problem and the column (0-based) it is in.
pub(super) fn locate(
    record: &csv::StringRecord,
    place: Place,
    header: &[String],
) -> Result<Option<Geometry<f64>>, (String, Option<usize>)> {
    let field = |column: usize| record.get(column).unwrap_or_default().trim();
    let named = |column: usize, problem: String| {
        let name = header.get(column).map_or("", String::as_str);
        (
            format!("column \"{name}\" ({}): {problem}", column + 1),
            Some(column),
        )
    };
    match place {
        Place::LatLon { lat, lon } => {
            if field(lat).is_empty() && field(lon).is_empty() {
                return Ok(None);
            }
            let number = |column: usize, what: &str, limit: f64| {
                let text = field(column);
                if text.is_empty() {
                    return Err(named(column, format!("the {what} is empty")));
                }
                let value = text
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| named(column, format!("\"{text}\" is not a number")))?;
                if value.abs() > limit {
                    let problem = format!("{what} {text} is out of range (-{limit} to {limit})");
                    return Err(named(column, problem));
                }
                Ok(value)
            };
            let y = number(lat, "latitude", 90.0)?;
            let x = number(lon, "longitude", 180.0)?;
            Ok(Some(Geometry::Point(Point::new(x, y))))
        }
        Place::Wkt(column) => {
            let text = field(column);
            if text.is_empty() {
                return Ok(None);
            }
            if nesting(text) > WKT_MAX_DEPTH {
                return Err(named(column, "the WKT is nested too deeply".to_owned()));
            }
            Geometry::<f64>::try_from_wkt_str(text)
                .map(Some)
                .map_err(|err| named(column, format!("is not WKT geometry: {err}")))
        }
    }
}

/// The deepest nesting of parentheses in `text`.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Names in quotes, for a message.
pub(super) fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().take(30).map(|n| format!("\"{n}\"")).collect();
    quoted.join(", ")
}

/// Decode a CSV file's bytes: UTF-8 (a byte order mark dropped); UTF-16 is refused with what to
/// do; anything else is read as Latin-1 (what spreadsheets on Windows write), with a note.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<String>), String> {
    let mut decoder = stream::Decoder::default();
    let text = decoder.decode(&bytes)?.into_owned();
    Ok((text, decoder.note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_keeps_its_own_properties_placed_or_not() {
        // Located and unlocated rows mixed, a refused one among them, over several chunks.
        let mut text = String::from("name,lat,lon\n");
        for i in 0..30_000 {
            match i % 3 {
                0 => text.push_str(&format!("p{i},10,20\n")),
                1 => text.push_str(&format!("u{i},,\n")),
                _ => text.push_str(&format!("r{i},95,20\n")),
            }
        }
        let layer = read_in_chunks(Path::new("mixed.csv"), &text, 4096).unwrap();
        assert_eq!(layer.geometries.len(), 10_000);
        assert_eq!(layer.skipped.len(), 10_000);
        let name = layer.properties.key("name").unwrap();
        let names: Vec<String> = (0..layer.properties.len())
            .map(|row| layer.properties.text(row, name).unwrap().into_owned())
            .collect();
        let located = (0..30_000).step_by(3).map(|i| format!("p{i}"));
        let unlocated = (1..30_000).step_by(3).map(|i| format!("u{i}"));
        assert_eq!(names, located.chain(unlocated).collect::<Vec<_>>());
    }
}
