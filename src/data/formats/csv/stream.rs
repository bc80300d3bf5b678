//! A CSV file read from disk in pieces of [`PIECE_BYTES`], each ending at a record's end (a
//! line end outside quotes), decoded and fed to the rows' reader: the file's text is never
//! whole in memory, only its properties, so a 2.5-million-row ACLED export peaks below 2.5
//! times its size (BENCHMARKS.md) where reading it whole cost more than three.

use std::borrow::Cow;
use std::path::Path;

use super::CHUNK_BYTES;
use super::body::Body;
use crate::data::DataError;
use crate::data::layer_file::{self, LayerFile, Limits, Progress};
use crate::data::memory::Peak;

/// Bytes read from the file before they are fed.
const PIECE_BYTES: usize = 64 << 20;

/// Read the CSV file at `path`, within `limits`, telling `progress`.
pub fn read_file(path: &Path, limits: Limits, progress: &Progress) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let (mut file, size) =
        layer_file::open_checked(path, limits, Peak::Csv, progress).map_err(refuse)?;
    let mut pending: Vec<u8> = Vec::with_capacity(PIECE_BYTES + (4 << 20));
    let mut body: Option<Body> = None;
    let mut decoder = Decoder::default();
    let mut target = PIECE_BYTES;
    let mut end = false;
    loop {
        while pending.len() < target && !end {
            end = !layer_file::read_some(&mut file, &mut pending, limits, progress)
                .map_err(refuse)?;
        }
        let cut = if end {
            Some(pending.len())
        } else {
            record_end(&pending)
        };
        let Some(cut) = cut else {
            // One record longer than the piece (a quote never closed): read on.
            target = pending.len() * 2;
            continue;
        };
        target = PIECE_BYTES;
        let text = decoder.decode(&pending[..cut]).map_err(refuse)?;
        match body.as_mut() {
            Some(body) => body.feed(&text),
            None => {
                let (mut started, start) = Body::start(&shown, &text, CHUNK_BYTES)?;
                // About as many rows in the whole file as this piece's share of it has.
                let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
                started.reserve((lines as u64 * size / cut.max(1) as u64) as usize * 21 / 20 + 1);
                started.feed(&text[start..]);
                body = Some(started);
            }
        }
        drop(text);
        pending.drain(..cut);
        if (end && pending.is_empty()) || body.as_ref().is_some_and(Body::stopped) {
            break;
        }
    }
    let mut body = body.ok_or_else(|| refuse("is empty: no header and no rows".to_owned()))?;
    if let Some(note) = decoder.note {
        body.note(note);
    }
    body.finish(path, size)
}

/// Where the last whole record of `bytes` ends (after its line end), if one does: `bytes`
/// starts at a record's start, outside quotes.
fn record_end(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    let mut last = None;
    for at in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes[at] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            last = Some(at + 1);
        }
    }
    last
}

/// Decoding the pieces: UTF-8, or Latin-1 from the first piece that is not (what spreadsheets
/// on Windows write), with a note; UTF-16 and binary files are refused.
#[derive(Default)]
pub(super) struct Decoder {
    /// Bytes decoded so far.
    offset: usize,
    latin1: bool,
    pub(super) note: Option<String>,
}

impl Decoder {
    pub(super) fn decode<'b>(&mut self, bytes: &'b [u8]) -> Result<Cow<'b, str>, String> {
        if self.offset == 0
            && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]))
        {
            return Err("is UTF-16 text: save it as UTF-8 CSV".to_owned());
        }
        if memchr::memchr(0, bytes).is_some() {
            return Err("is not text (it holds NUL bytes)".to_owned());
        }
        let at = self.offset;
        self.offset += bytes.len();
        if !self.latin1 {
            match std::str::from_utf8(bytes) {
                Ok(text) => return Ok(Cow::Borrowed(text)),
                Err(err) => {
                    self.latin1 = true;
                    self.note = Some(format!(
                        "is not UTF-8 (first bad byte at offset {}): read as Latin-1; names with \
                         accents may show wrongly if it was written in another encoding",
                        at + err.valid_up_to()
                    ));
                }
            }
        }
        Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_end_at_line_ends_outside_quotes() {
        assert_eq!(record_end(b"a,b\n1,\"x\ny\"\n2,"), Some(12));
        assert_eq!(record_end(b"1,\"x\ny"), None);
        assert_eq!(record_end(b""), None);
    }
}
