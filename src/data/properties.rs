//! Feature properties kept compactly, as a column store: every key is kept once (interned), and
//! each value as its JSON text (or, for a CSV, its plain text) in one long string per column
//! and block of rows, found by an end offset. A 500,000-row ACLED export keeps its 21 columns in about the size of their text,
//! where a `serde_json::Map` per feature took several times that (a heap string per key and
//! per value). Values are read when they are shown or filtered on.
//!
//! ```
//! use strikemap::data::properties::PropertyTable;
//!
//! let table = PropertyTable::from_json_objects(&[
//!     r#"{"name": "Saravan", "fatalities": 9}"#,
//!     "",
//!     r#"{"name": "Panjgur", "note": "a \"quoted\" word"}"#,
//! ]);
//! assert_eq!(table.len(), 3);
//! let name = table.key("name").unwrap();
//! assert_eq!(table.text(0, name).as_deref(), Some("Saravan"));
//! assert_eq!(table.text(1, name), None);
//! assert_eq!(table.number(0, table.key("fatalities").unwrap()), Some(9.0));
//! assert_eq!(table.text(2, table.key("note").unwrap()).as_deref(), Some("a \"quoted\" word"));
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Rows per block: blocks are built in parallel and each keeps only the columns its rows use.
const BLOCK_ROWS: usize = 8192;

/// One column of one block: the JSON text of each row's value, one after another.
#[derive(Debug, Default)]
struct Column {
    /// Where each row's value ends in `text`; a row's value starts where the previous ends.
    /// An empty value means the row has no such property (every JSON value has text).
    ends: Vec<u32>,
    text: String,
}

impl Column {
    fn get(&self, row: usize) -> Option<&str> {
        let end = *self.ends.get(row)? as usize;
        let start = match row {
            0 => 0,
            _ => *self.ends.get(row - 1)? as usize,
        };
        self.text.get(start..end).filter(|value| !value.is_empty())
    }
}

/// A block of rows: its columns by global key number (`None`: no row of the block has it).
#[derive(Debug, Default)]
struct Block {
    columns: Vec<Option<Column>>,
    /// The values are plain text (a CSV's fields), not JSON.
    plain: bool,
}

mod columns;
pub use columns::StringBlock;

/// The properties of every feature of a layer, by row (the feature's position in the layer).
#[derive(Debug, Default)]
pub struct PropertyTable {
    /// Every key, in the order first met.
    keys: Vec<String>,
    key_index: HashMap<String, usize>,
    blocks: Vec<Block>,
    /// The first row of each block (blocks need not be the same size).
    starts: Vec<usize>,
    rows: usize,
    /// Rows whose properties were not a readable JSON object (kept empty).
    unreadable: usize,
}

/// A block's rows read into columns of block-local key numbers.
struct LocalBlock {
    keys: Vec<String>,
    columns: Vec<Column>,
    unreadable: usize,
}

impl PropertyTable {
    /// Read the properties of each row from its JSON object text ("" for none), on all cores.
    pub fn from_json_objects<S: AsRef<str> + Sync>(rows: &[S]) -> Self {
        let locals: Vec<LocalBlock> = rows
            .par_chunks(BLOCK_ROWS)
            .map(|chunk| read_block(chunk))
            .collect();
        let mut table = PropertyTable {
            rows: rows.len(),
            ..Self::default()
        };
        for local in locals {
            table.unreadable += local.unreadable;
            let mut block = Block::default();
            for (key, column) in local.keys.into_iter().zip(local.columns) {
                let id = table.intern(key);
                if block.columns.len() <= id {
                    block.columns.resize_with(id + 1, || None);
                }
                block.columns[id] = Some(column);
            }
            table.starts.push(table.blocks.len() * BLOCK_ROWS);
            table.blocks.push(block);
        }
        table
    }

    fn intern(&mut self, key: String) -> usize {
        if let Some(&id) = self.key_index.get(&key) {
            return id;
        }
        let id = self.keys.len();
        self.key_index.insert(key.clone(), id);
        self.keys.push(key);
        id
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Every key, in the order first met: the layer's columns.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The number of a key, if any row has it.
    pub fn key(&self, name: &str) -> Option<usize> {
        self.key_index.get(name).copied()
    }

    /// Rows whose properties could not be read as a JSON object.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// A value's text as stored, and whether it is plain text rather than JSON.
    fn stored(&self, row: usize, key: usize) -> Option<(&str, bool)> {
        let b = self
            .starts
            .partition_point(|&start| start <= row)
            .checked_sub(1)?;
        let block = self.blocks.get(b)?;
        let value = block
            .columns
            .get(key)?
            .as_ref()?
            .get(row - self.starts[b])?;
        Some((value, block.plain))
    }

    /// A value's JSON text as the file has it (`"Iran"` with its quotes, `12`, `null`…); a
    /// CSV's field as a JSON string.
    pub fn raw(&self, row: usize, key: usize) -> Option<Cow<'_, str>> {
        match self.stored(row, key)? {
            (value, false) => Some(Cow::Borrowed(value)),
            (value, true) => {
                let mut json = String::with_capacity(value.len() + 2);
                columns::push_json_string(&mut json, value);
                Some(Cow::Owned(json))
            }
        }
    }

    /// A value as a reader expects it: a string's contents, any other value as JSON text.
    /// `None` when the row has no such property (a `null` gives `Some("null")`).
    pub fn text(&self, row: usize, key: usize) -> Option<Cow<'_, str>> {
        match self.stored(row, key)? {
            (value, false) => Some(json_text(value)),
            (value, true) => Some(Cow::Borrowed(value)),
        }
    }

    /// A value as a number: a JSON number, or a string holding one (CSV-born exports often
    /// quote their numbers).
    pub fn number(&self, row: usize, key: usize) -> Option<f64> {
        let text = self.text(row, key)?;
        text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
    }

    /// A row's properties in key order, each as text (see [`Self::text`]).
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
        (0..self.keys.len())
            .filter_map(move |key| Some((self.keys[key].as_str(), self.text(row, key)?)))
    }

    /// A row's properties as a JSON map, for code that reads them as such (small layers).
    pub fn row_map(&self, row: usize) -> Map<String, Value> {
        (0..self.keys.len())
            .filter_map(|key| {
                let value = match self.stored(row, key)? {
                    (raw, false) => {
                        serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()))
                    }
                    (text, true) => Value::String(text.to_owned()),
                };
                Some((self.keys[key].clone(), value))
            })
            .collect()
    }

    /// Heap memory the table holds, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let columns: usize = self
            .blocks
            .iter()
            .flat_map(|b| b.columns.iter().flatten())
            .map(|c| c.text.capacity() + c.ends.capacity() * 4)
            .sum();
        columns
            + self
                .keys
                .iter()
                .map(|k| k.capacity() * 2 + 48)
                .sum::<usize>()
    }
}

/// A JSON value's text as a reader expects it: a string unquoted and unescaped (borrowed when
/// it has no escapes), anything else as written.
pub fn json_text(raw: &str) -> Cow<'_, str> {
    match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) if !inner.contains('\\') => Cow::Borrowed(inner),
        Some(_) => serde_json::from_str::<String>(raw)
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(raw)),
        None => Cow::Borrowed(raw),
    }
}

/// Read one block's rows into columns of block-local key numbers.
fn read_block<S: AsRef<str>>(rows: &[S]) -> LocalBlock {
    let mut block = LocalBlock {
        keys: Vec::new(),
        columns: Vec::new(),
        unreadable: 0,
    };
    let mut local: HashMap<String, usize> = HashMap::new();
    for (row, text) in rows.iter().enumerate() {
        let text = text.as_ref();
        if text.is_empty() {
            continue;
        }
        let mut members: Vec<(Cow<'_, str>, &str)> = Vec::new();
        let mut deserializer = serde_json::Deserializer::from_str(text);
        if deserializer
            .deserialize_map(MembersVisitor(&mut members))
            .is_err()
        {
            block.unreadable += 1;
            continue;
        }
        for (key, value) in members {
            let id = match local.get(key.as_ref()) {
                Some(&id) => id,
                None => {
                    let id = block.keys.len();
                    local.insert(key.to_string(), id);
                    block.keys.push(key.into_owned());
                    block.columns.push(Column::default());
                    id
                }
            };
            let column = &mut block.columns[id];
            if column.text.len() + value.len() > u32::MAX as usize {
                // Over 4 GB of one column in one block: beyond any file strikemap opens.
                block.unreadable += 1;
                continue;
            }
            // Rows without this key (before this one) get empty values; a repeated key keeps
            // its last value, as serde_json's maps do.
            if column.ends.len() == row + 1 {
                let start = column.ends.get(row.wrapping_sub(1)).copied().unwrap_or(0);
                column.text.truncate(start as usize);
                column.ends.pop();
            }
            let end = column.text.len() as u32;
            column.ends.resize(row, end);
            column.text.push_str(value);
            column.ends.push(column.text.len() as u32);
        }
    }
    for column in &mut block.columns {
        let end = column.text.len() as u32;
        column.ends.resize(rows.len(), end);
        column.text.shrink_to_fit();
    }
    block
}

/// Collects an object's members as (key, raw value text) without reading the values.
struct MembersVisitor<'v, 'de>(&'v mut Vec<(Cow<'de, str>, &'de str)>);

impl<'de> Visitor<'de> for MembersVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let value: &'de RawValue = map.next_value()?;
            self.0.push((key, value.get()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_repeated_and_escaped_keys_read_back() {
        let rows: Vec<String> = (0..20_000)
            .map(|i| match i % 3 {
                0 => format!(r#"{{"a": {i}, "b": "x{i}"}}"#),
                1 => format!(r#"{{"b": "y{i}", "b": "z{i}", "c\u0041": [1, {{"d": null}}]}}"#),
                _ => String::new(),
            })
            .collect();
        let table = PropertyTable::from_json_objects(&rows);
        let (a, b, c) = (
            table.key("a").unwrap(),
            table.key("b").unwrap(),
            table.key("cA").unwrap(),
        );
        for row in [0, 1, 2, 8191, 8192, 8193, 19_999] {
            match row % 3 {
                0 => {
                    assert_eq!(table.number(row, a), Some(row as f64));
                    assert_eq!(table.text(row, b).unwrap(), format!("x{row}"));
                    assert_eq!(table.raw(row, c).as_deref(), None);
                }
                1 => {
                    assert_eq!(table.raw(row, a).as_deref(), None);
                    assert_eq!(table.text(row, b).unwrap(), format!("z{row}"), "last wins");
                    assert_eq!(table.raw(row, c).as_deref(), Some(r#"[1, {"d": null}]"#));
                }
                _ => assert_eq!(table.row(row).count(), 0),
            }
        }
        assert_eq!(table.len(), 20_000);
        assert_eq!(table.unreadable(), 0);
    }

    #[test]
    fn a_row_that_is_not_an_object_is_counted_and_kept_empty() {
        let table = PropertyTable::from_json_objects(&["[1, 2]", r#"{"k": 1e400}"#]);
        assert_eq!(table.unreadable(), 1);
        assert_eq!(table.row(0).count(), 0);
        // A number too large for an f64 is kept as written.
        assert_eq!(table.raw(1, 0).as_deref(), Some("1e400"));
        assert_eq!(table.number(1, 0), None);
    }
}
