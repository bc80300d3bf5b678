//! Properties built column by column, for readers whose rows share one header (CSV): each
//! value goes straight into its column as the plain text it is. A JSON object per row in
//! between repeated every column's name in every row, which for an ACLED export was more
//! memory than the file itself. An empty field is no value.

use super::{Block, Column, PropertyTable};

/// Rows of string values, one per column of a shared header, in columns.
#[derive(Debug, Default)]
pub struct StringBlock {
    columns: Vec<Column>,
    rows: usize,
}

impl StringBlock {
    /// An empty block of `columns` columns.
    pub fn new(columns: usize) -> Self {
        Self {
            columns: (0..columns).map(|_| Column::default()).collect(),
            rows: 0,
        }
    }

    /// Add a row: its values, one per column in order (missing ones have no value).
    pub fn push_row<'s>(&mut self, values: impl IntoIterator<Item = &'s str>) {
        let mut values = values.into_iter();
        for column in &mut self.columns {
            if let Some(value) = values.next() {
                column.text.push_str(value);
            }
            column.ends.push(column.text.len() as u32);
        }
        self.rows += 1;
    }

    /// Give back what the columns hold beyond their text (they grow by doubling), once the
    /// block is complete: blocks wait, many at once, until the table is made.
    pub fn shrink_to_fit(&mut self) {
        for column in &mut self.columns {
            column.text.shrink_to_fit();
            column.ends.shrink_to_fit();
        }
    }

    /// Rows in the block.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// A block of the rows `rows` (in that order) of this one.
    pub fn select(&self, rows: &[usize]) -> Self {
        let mut out = Self::new(self.columns.len());
        for column in &mut out.columns {
            column.ends.reserve_exact(rows.len());
        }
        for &row in rows {
            for (to, from) in out.columns.iter_mut().zip(&self.columns) {
                to.text.push_str(from.get(row).unwrap_or_default());
                to.ends.push(to.text.len() as u32);
            }
        }
        out.rows = rows.len();
        out
    }
}

impl PropertyTable {
    /// The table of `blocks` (rows in order) whose columns are named `keys`.
    ///
    /// ```
    /// use strikemap::data::properties::{PropertyTable, StringBlock};
    ///
    /// let mut block = StringBlock::new(2);
    /// block.push_row(["Saravan", "9"]);
    /// block.push_row(["a \"quoted\" word", ""]);
    /// let table = PropertyTable::from_string_blocks(vec!["name".into(), "n".into()], vec![block]);
    /// assert_eq!(table.text(1, 0).as_deref(), Some("a \"quoted\" word"));
    /// assert_eq!(table.number(0, 1), Some(9.0));
    /// assert_eq!(table.text(1, 1), None, "an empty field is no value");
    /// assert_eq!(table.raw(1, 0).as_deref(), Some(r#""a \"quoted\" word""#));
    /// ```
    pub fn from_string_blocks(keys: Vec<String>, blocks: Vec<StringBlock>) -> Self {
        let mut table = PropertyTable::default();
        for key in keys {
            table.intern(key);
        }
        for mut block in blocks {
            block.columns.truncate(table.keys.len());
            table.starts.push(table.rows);
            table.rows += block.rows;
            let columns = block
                .columns
                .into_iter()
                .map(|mut column| {
                    column.text.shrink_to_fit();
                    column.ends.shrink_to_fit();
                    Some(column)
                })
                .collect();
            table.blocks.push(Block {
                columns,
                plain: true,
            });
        }
        table
    }
}

/// `text` as a JSON string.
pub fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        out.push_str(text);
        out.push('"');
        return;
    }
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
