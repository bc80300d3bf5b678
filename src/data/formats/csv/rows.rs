//! A CSV's rows read on all cores: the text cut into chunks at line ends outside quotes, each
//! chunk read by the `csv` crate into kept or refused rows, in file order.

use geo::Geometry;

use super::{Place, locate};
use crate::data::properties::StringBlock;

/// Bytes of CSV read by one task.
pub(super) const CHUNK_BYTES: usize = 8 << 20;

/// What every row is read with.
pub(super) struct Table<'h> {
    pub(super) header: &'h [String],
    /// Which columns become properties (named, and not a repeat).
    pub(super) keep: &'h [bool],
    pub(super) place: Place,
    pub(super) separator: u8,
}

/// What became of one row (its line counted from its chunk's start, 1-based).
pub(super) enum Row {
    /// Its properties are the next row of its chunk's [`StringBlock`].
    /// Its id is in the table's id column, if it has one.
    Kept {
        geometry: Option<Shape>,
        line: usize,
    },
    Skipped {
        line: usize,
        column: usize,
        problem: String,
    },
    /// The CSV itself is broken here: nothing after can be read.
    Stop { line: usize, problem: String },
}

/// A row's place, small while it waits to be kept (a `Geometry` is 56 bytes; most rows are
/// points).
pub(super) enum Shape {
    Point([f64; 2]),
    Other(Box<Geometry<f64>>),
}

impl Shape {
    fn new(geometry: Geometry<f64>) -> Self {
        match geometry {
            Geometry::Point(p) => Self::Point([p.x(), p.y()]),
            other => Self::Other(Box::new(other)),
        }
    }

    pub(super) fn into_geometry(self) -> Geometry<f64> {
        match self {
            Self::Point([x, y]) => Geometry::Point(geo::Point::new(x, y)),
            Self::Other(geometry) => *geometry,
        }
    }
}

/// Read the rows of `chunk` (whole records, no header), the kept rows' properties into a
/// block of the kept columns.
pub(super) fn read_chunk(table: &Table, chunk: &str) -> (Vec<Row>, StringBlock) {
    let columns = table.keep.iter().filter(|k| **k).count();
    let mut block = StringBlock::new(columns);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(table.separator)
        .flexible(true)
        .has_headers(false)
        .from_reader(chunk.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let (line, _) = error_line(&err);
                let problem = format!("cannot be read: {err}");
                rows.push(Row::Stop { line, problem });
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() != table.header.len() {
            let problem = format!(
                "has {} fields where the header has {}",
                record.len(),
                table.header.len()
            );
            rows.push(Row::Skipped {
                line,
                column: 1,
                problem,
            });
            continue;
        }
        rows.push(match locate(&record, table.place, table.header) {
            Ok(geometry) => {
                let kept = record.iter().zip(table.keep).filter(|(_, keep)| **keep);
                block.push_row(kept.map(|(value, _)| value));
                Row::Kept {
                    geometry: geometry.map(Shape::new),
                    line,
                }
            }
            Err((problem, column)) => Row::Skipped {
                line,
                column: column.map_or(1, |c| field_column(chunk, &record, c, table.separator)),
                problem,
            },
        });
    }
    block.shrink_to_fit();
    (rows, block)
}

/// `text[start..]` cut into pieces of about `target` bytes, each ending at a line end outside
/// quotes (a quoted field may hold line ends: quotes are counted from the start).
pub(super) fn chunks(text: &str, start: usize, target: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let (mut from, mut quoted, mut counted) = (start, false, start);
    while from < bytes.len() {
        let mut cut = (from + target).min(bytes.len());
        if cut < bytes.len() {
            // Quotes between where the count stands and the tentative cut.
            quoted ^= memchr::memchr_iter(b'"', &bytes[counted..cut]).count() % 2 == 1;
            // On to the next line end outside quotes.
            let mut end = None;
            for at in memchr::memchr2_iter(b'"', b'\n', &bytes[cut..]) {
                let at = cut + at;
                if bytes[at] == b'"' {
                    quoted = !quoted;
                } else if !quoted {
                    end = Some(at + 1);
                    break;
                }
            }
            // The scan above has counted the quotes up to the line end.
            let end = end.unwrap_or(bytes.len());
            counted = end;
            cut = end;
        }
        ranges.push(from..cut);
        from = cut;
    }
    ranges
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_line_ends_outside_quotes() {
        let text = "a,b\n1,\"x\ny\"\n2,\"p,q\"\n3,\"\"\"\n\"\n4,z\n";
        for target in 1..text.len() + 2 {
            let ranges = chunks(text, 4, target);
            assert_eq!(ranges.first().map(|r| r.start), Some(4));
            assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
            let records: Vec<Vec<String>> = ranges
                .iter()
                .flat_map(|r| {
                    csv::ReaderBuilder::new()
                        .has_headers(false)
                        .from_reader(text[r.clone()].as_bytes())
                        .into_records()
                        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
                        .collect::<Vec<_>>()
                })
                .collect();
            let firsts: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
            assert_eq!(
                firsts,
                ["1", "2", "3", "4"],
                "chunks of {target}: {ranges:?}"
            );
            assert_eq!(records[0][1], "x\ny");
            assert_eq!(records[2][1], "\"\n");
        }
    }
}
