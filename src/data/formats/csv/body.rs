//! A CSV's rows after its header, fed piece by piece (each piece ending at a record's end):
//! each piece cut into chunks read on all cores, a few chunks at a time, and kept in file
//! order, so that only the rows of those chunks wait to be kept.

use std::path::Path;

use rayon::prelude::*;

use super::keep::Keeper;
use super::rows::{Row, Table, chunks, read_chunk};
use super::{ACLED, LATITUDE, LONGITUDE, Place, WKT, place_columns, quoted_list, separator};
use crate::data::DataError;
use crate::data::formats::Features;
use crate::data::layer_file::LayerFile;
use crate::data::properties::StringBlock;

/// What the rows are read with, and what has been kept of them.
pub(super) struct Body {
    header: Vec<String>,
    /// Which columns become properties (named, and not a repeat).
    keep: Vec<bool>,
    place: Place,
    separator: u8,
    acled: bool,
    keeper: Keeper<'static>,
    chunk_bytes: usize,
    /// Quotes met, to tell whether one was never closed.
    quotes: usize,
    /// The CSV is broken where it was stopped: nothing after is read.
    stopped: bool,
}

impl Body {
    /// The header at the start of `text` (the file's first piece, decoded; a byte order mark
    /// is passed over): the body that reads the rows, and where they start in `text`.
    pub(super) fn start(
        shown: &str,
        text: &str,
        chunk_bytes: usize,
    ) -> Result<(Self, usize), DataError> {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let text = &text[bom..];
        let separator = separator(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|err| DataError::file(shown, format!("has no readable header: {err}")))?
            .iter()
            .map(|name| name.trim().to_owned())
            .collect();
        if header.iter().all(String::is_empty) {
            return Err(DataError::file(shown, "is empty: no header and no rows"));
        }
        let place = place_columns(&header).ok_or_else(|| no_place(shown, &header))?;
        let data_start = (reader.position().byte() as usize).min(text.len());
        let header_lines = memchr::memchr_iter(b'\n', &text.as_bytes()[..data_start]).count();
        let id_column = header
            .iter()
            .position(|h| h == "event_id_cnty" || h == "id");
        let mut features = Features::new(shown);
        features.id_column = id_column.map(|c| header[c].clone());
        let body = Self {
            acled: ACLED.iter().all(|name| header.iter().any(|h| h == name)),
            keep: (0..header.len())
                .map(|i| !header[i].is_empty() && !header[..i].contains(&header[i]))
                .collect(),
            header,
            place,
            separator,
            keeper: Keeper::new(features, header_lines),
            chunk_bytes,
            quotes: memchr::memchr_iter(b'"', &text.as_bytes()[..data_start]).count(),
            stopped: false,
        };
        Ok((body, bom + data_start))
    }

    /// Make room for about `rows` rows at once.
    pub(super) fn reserve(&mut self, rows: usize) {
        self.keeper.features.reserve(rows);
    }

    /// A note on the file as a whole.
    pub(super) fn note(&mut self, note: String) {
        self.keeper.features.notes.push(note);
    }

    /// Whether the CSV was found broken: what follows cannot be read.
    pub(super) fn stopped(&self) -> bool {
        self.stopped
    }

    /// Read and keep the rows of `text`, whole records following the last piece's.
    pub(super) fn feed(&mut self, text: &str) {
        if self.stopped {
            return;
        }
        self.quotes += memchr::memchr_iter(b'"', text.as_bytes()).count();
        let table = Table {
            header: &self.header,
            keep: &self.keep,
            place: self.place,
            separator: self.separator,
        };
        let window = rayon::current_num_threads().max(1) * 2;
        for group in chunks(text, 0, self.chunk_bytes).chunks(window) {
            let read: Vec<(usize, (Vec<Row>, StringBlock))> = group
                .par_iter()
                .map(|range| {
                    let chunk = &text[range.clone()];
                    let newlines = memchr::memchr_iter(b'\n', chunk.as_bytes()).count();
                    (newlines, read_chunk(&table, chunk))
                })
                .collect();
            if self.keeper.keep(read).is_break() {
                self.stopped = true;
                return;
            }
        }
    }

    /// The layer read from `path` (`bytes` long).
    pub(super) fn finish(self, path: &Path, bytes: u64) -> Result<LayerFile, DataError> {
        let keys = (0..self.header.len())
            .filter(|&i| self.keep[i])
            .map(|i| self.header[i].clone())
            .collect();
        let mut features = self.keeper.finish(keys);
        if self.quotes % 2 == 1 {
            features.notes.push(
                "has a quote (\") that is never closed: from it to the end, the file is read as one field"
                    .to_owned(),
            );
        }
        let format = if self.acled { "ACLED CSV" } else { "CSV" };
        features.finish(path, format, bytes)
    }
}

/// Why a CSV without coordinate columns is refused.
fn no_place(shown: &str, header: &[String]) -> DataError {
    DataError::file(
        shown,
        format!(
            "has no coordinate columns: looked for a latitude ({}) and a longitude ({}) \
             column, or a WKT column ({}); its columns are {}",
            LATITUDE.join(", "),
            LONGITUDE.join(", "),
            WKT.join(", "),
            quoted_list(header)
        ),
    )
}
