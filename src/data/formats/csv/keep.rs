//! Keeping a CSV's rows as they are read, a few chunks at a time and in file order: each row
//! numbered (from 1, the header not counted) and placed at its line, kept or refused through
//! [`Features`], its properties gathered into the layer's table (located rows first, then
//! unlocated, as [`Features`] keeps them).

use std::borrow::Cow;
use std::ops::ControlFlow;

use super::Row;
use crate::data::DataError;
use crate::data::formats::Features;
use crate::data::formats::features::Kept;
use crate::data::properties::{PropertyTable, StringBlock};

/// The rows kept so far.
pub(super) struct Keeper<'a> {
    pub(super) features: Features<'a>,
    located: Vec<StringBlock>,
    unlocated: Vec<StringBlock>,
    /// Lines before the next chunk.
    lines_before: usize,
    /// Rows met so far.
    row: usize,
}

impl<'a> Keeper<'a> {
    /// Keeping rows into `features`, the first after `header_lines` lines.
    pub(super) fn new(mut features: Features<'a>, header_lines: usize) -> Self {
        features.own_table();
        Self {
            features,
            located: Vec::new(),
            unlocated: Vec::new(),
            lines_before: header_lines,
            row: 0,
        }
    }

    /// Keep the rows of the next chunks, each with its number of newlines; breaks where the
    /// CSV itself is broken and nothing after can be read.
    pub(super) fn keep(&mut self, read: Vec<(usize, (Vec<Row>, StringBlock))>) -> ControlFlow<()> {
        for (newlines, (rows, block)) in read {
            let lines_before = self.lines_before;
            self.lines_before += newlines;
            let stop = self.keep_chunk(lines_before, rows, block);
            if stop.is_break() {
                return stop;
            }
        }
        ControlFlow::Continue(())
    }

    fn keep_chunk(
        &mut self,
        lines_before: usize,
        rows: Vec<Row>,
        block: StringBlock,
    ) -> ControlFlow<()> {
        let shown = self.features.shown.clone();
        let (mut here, mut elsewhere) = (Vec::new(), Vec::new());
        let mut stop = ControlFlow::Continue(());
        let mut kept = 0;
        for outcome in rows {
            self.row += 1;
            let row = self.row;
            match outcome {
                Row::Kept { geometry, line } => {
                    let named = |problem: String| {
                        DataError::row(&shown, row, problem).at(lines_before + line, 1)
                    };
                    let geometry = geometry.map(|g| g.into_geometry());
                    match self
                        .features
                        .keep(row, &named, None, geometry, Cow::Borrowed(""))
                    {
                        Kept::Located => here.push(kept),
                        Kept::Unlocated => elsewhere.push(kept),
                        Kept::Refused => {}
                    }
                    kept += 1;
                }
                Row::Skipped {
                    line,
                    column,
                    problem,
                } => {
                    let error = DataError::row(&shown, row, problem);
                    self.features
                        .skip(row, error.at(lines_before + line, column));
                }
                Row::Stop { line, problem } => {
                    let error = DataError::row(&shown, row, problem);
                    self.features.skip(row, error.at(lines_before + line, 1));
                    stop = ControlFlow::Break(());
                    break;
                }
            }
        }
        // Most often every row of a chunk has its place: its block is taken as it is.
        if here.len() == block.len() {
            self.located.push(block);
        } else {
            self.located.push(block.select(&here));
            self.unlocated.push(block.select(&elsewhere));
        }
        stop
    }

    /// The features, with their table of properties whose columns are `keys`.
    pub(super) fn finish(mut self, keys: Vec<String>) -> Features<'a> {
        self.located.append(&mut self.unlocated);
        self.features.table = Some(PropertyTable::from_string_blocks(keys, self.located));
        self.features
    }
}
