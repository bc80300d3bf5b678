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
use rayon::prelude::*;
use wkt::TryFromWkt;

mod rows;

use rows::{CHUNK_BYTES, Row, Table, chunks, read_chunk};

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
pub(super) enum Place {
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
    let table = Table {
        id_column: header
            .iter()
            .position(|h| h == "event_id_cnty" || h == "id"),
        keep: (0..header.len())
            .map(|i| !header[i].is_empty() && !header[..i].contains(&header[i]))
            .collect(),
        header: &header,
        place,
        separator,
    };
    let data_start = (reader.position().byte() as usize).min(text.len());
    // Rows are read in chunks on all cores, then kept in file order.
    let chunks = chunks(text, data_start, CHUNK_BYTES);
    let read: Vec<(usize, Vec<Row>)> = chunks
        .par_iter()
        .map(|range| {
            let chunk = &text[range.clone()];
            let newlines = memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
            (newlines, read_chunk(&table, chunk))
        })
        .collect();
    let mut features = Features::new(&shown);
    let header_lines = memchr::memchr_iter(b'\n', &text.as_bytes()[..data_start]).count();
    keep_rows(&mut features, header_lines, read);
    if memchr::memchr_iter(b'"', text.as_bytes()).count() % 2 == 1 {
        features.notes.push(
            "has a quote (\") that is never closed: from it to the end, the file is read as one field"
                .to_owned(),
        );
    }
    let format = if acled { "ACLED CSV" } else { "CSV" };
    features.finish(path, format, text.len() as u64)
}

/// Keep the rows read, chunk by chunk in file order, each numbered (from 1, the header not
/// counted) and placed at its line; `header_lines` is the number of lines before the rows.
fn keep_rows(features: &mut Features, header_lines: usize, read: Vec<(usize, Vec<Row>)>) {
    let shown = features.shown.clone();
    let mut lines_before = header_lines;
    let mut row = 0;
    'chunks: for (newlines, rows) in read {
        let chunk_lines = lines_before;
        lines_before += newlines;
        let lines_before = chunk_lines;
        for outcome in rows {
            row += 1;
            match outcome {
                Row::Kept {
                    id,
                    geometry,
                    properties,
                    line,
                } => {
                    let named = |problem: String| {
                        DataError::row(&shown, row, problem).at(lines_before + line, 1)
                    };
                    features.keep(row, &named, id, geometry, Cow::Owned(properties));
                }
                Row::Skipped {
                    line,
                    column,
                    problem,
                } => {
                    let error = DataError::row(&shown, row, problem);
                    features.skip(row, error.at(lines_before + line, column));
                }
                Row::Stop { line, problem } => {
                    let error = DataError::row(&shown, row, problem);
                    features.skip(row, error.at(lines_before + line, 1));
                    break 'chunks;
                }
            }
        }
    }
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
