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

use std::borrow::Cow;
use std::path::Path;

use geo::{Geometry, Point};
use wkt::TryFromWkt;

use super::Features;
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
enum Place {
    LatLon { lat: usize, lon: usize },
    Wkt(usize),
}

/// Read CSV `text` (already decoded) from `path`.
pub fn read_text(path: &Path, text: &str) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|err| DataError::file(&shown, format!("has no readable header: {err}")))?
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(DataError::file(&shown, "is empty: no header and no rows"));
    }
    let place = place_columns(&header).ok_or_else(|| {
        DataError::file(
            &shown,
            format!(
                "has no coordinate columns: looked for a latitude ({}) and a longitude ({}) \
                 column, or a WKT column ({}); its columns are {}",
                LATITUDE.join(", "),
                LONGITUDE.join(", "),
                WKT.join(", "),
                quoted_list(&header)
            ),
        )
    })?;
    let acled = ACLED.iter().all(|name| header.iter().any(|h| h == name));
    let id_column = header
        .iter()
        .position(|h| h == "event_id_cnty" || h == "id");
    let keep: Vec<bool> = (0..header.len())
        .map(|i| !header[i].is_empty() && !header[..i].contains(&header[i]))
        .collect();
    let mut features = Features::new(&shown);
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let (line, _) = error_line(&err);
                let error = DataError::row(&shown, row + 1, format!("cannot be read: {err}"));
                features.skip(row, error.at(line, 1));
                break;
            }
        }
        row += 1;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() != header.len() {
            let problem = format!(
                "has {} fields where the header has {}",
                record.len(),
                header.len()
            );
            features.skip(row, DataError::row(&shown, row, problem).at(line, 1));
            continue;
        }
        let located = locate(&record, place, &header).and_then(|geometry| {
            let id = id_column.and_then(|c| record.get(c)).map(str::to_owned);
            let properties = Cow::Owned(properties_json(&header, &keep, &record));
            features
                .push_checked(id, geometry, properties)
                .map_err(|p| (p, None))
        });
        if let Err((problem, column)) = located {
            let column_at = column.map_or(1, |c| field_column(text, &record, c, separator));
            features.skip(
                row,
                DataError::row(&shown, row, problem).at(line, column_at),
            );
        }
    }
    let format = if acled { "ACLED CSV" } else { "CSV" };
    features.finish(path, format, text.len() as u64)
}

/// The separator of the header line: whichever of `,` `;` tab it has most of.
fn separator(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&sep| (first.bytes().filter(|&b| b == sep).count(), sep == b','))
        .unwrap_or(b',')
}

/// The place columns of a header: latitude and longitude by name, else a WKT column.
fn place_columns(header: &[String]) -> Option<Place> {
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
fn locate(
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

/// A row's fields as the text of a JSON object, every value a string as the file has it.
/// `keep` says which columns to keep (named, and not a repeat of an earlier name).
fn properties_json(header: &[String], keep: &[bool], record: &csv::StringRecord) -> String {
    let mut out = String::with_capacity(record.as_slice().len() + header.len() * 24);
    out.push('{');
    for ((name, value), _) in header
        .iter()
        .zip(record.iter())
        .zip(keep)
        .filter(|(_, keep)| **keep)
    {
        if out.len() > 1 {
            out.push(',');
        }
        push_json_string(&mut out, name);
        out.push(':');
        push_json_string(&mut out, value);
    }
    out.push('}');
    out
}

/// `text` as a JSON string.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The 1-based character column where field `column` of `record` starts on its line.
fn field_column(text: &str, record: &csv::StringRecord, column: usize, separator: u8) -> usize {
    let Some(start) = record.position().map(|p| p.byte() as usize) else {
        return 1;
    };
    let line = text.get(start..).unwrap_or_default();
    let (mut quoted, mut field) = (false, 0);
    for (chars, c) in line.chars().enumerate() {
        if field == column {
            return chars + 1;
        }
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            c if !quoted && c == char::from(separator) => field += 1,
            _ => {}
        }
    }
    1
}

/// The line of a CSV error, when it has one.
fn error_line(err: &csv::Error) -> (usize, usize) {
    match err.position() {
        Some(position) => (position.line() as usize, 1),
        None => (0, 1),
    }
}

/// Names in quotes, for a message.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().take(30).map(|n| format!("\"{n}\"")).collect();
    quoted.join(", ")
}

/// Decode a CSV file's bytes: UTF-8 (a byte order mark dropped); UTF-16 is refused with what to
/// do; anything else is read as Latin-1 (what spreadsheets on Windows write), with a note.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<String>), String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("is UTF-16 text: save it as UTF-8 CSV".to_owned());
    }
    if bytes.contains(&0) {
        return Err("is not text (it holds NUL bytes)".to_owned());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let text: String = err.into_bytes().iter().map(|&b| char::from(b)).collect();
            let note = format!(
                "is not UTF-8 (first bad byte at offset {at}): read as Latin-1; names with \
                 accents may show wrongly if it was written in another encoding"
            );
            Ok((text, Some(note)))
        }
    }
}
