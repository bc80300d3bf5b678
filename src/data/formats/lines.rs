//! Lines and columns of byte offsets in a text, found only for what is reported (refused
//! features, dropped parts, warnings), and counted once: offsets asked in increasing order
//! cost a single pass over the text however many are asked, so a reader stays linear in the
//! file's size.

/// Line and column of byte offsets in a text.
///
/// ```
/// use strikemap::data::formats::lines::LineIndex;
///
/// let mut lines = LineIndex::new("ab\ncd\né f");
/// assert_eq!(lines.position(0), (1, 1));
/// assert_eq!(lines.position(4), (2, 2));
/// assert_eq!(lines.position(9), (3, 3)); // columns count characters, not bytes
/// assert_eq!(lines.position(1), (1, 2)); // an earlier offset counts again from the start
/// ```
pub struct LineIndex<'a> {
    text: &'a str,
    /// The offset counted up to, its line, and where that line starts.
    counted: usize,
    line: usize,
    line_start: usize,
    /// Characters from the line's start to `counted`.
    column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            counted: 0,
            line: 1,
            line_start: 0,
            column: 0,
        }
    }

    /// 1-based line and column (in characters) of `offset`.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.counted {
            *self = Self::new(self.text);
        }
        let bytes = &self.text.as_bytes()[self.counted..offset];
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.line_start = self.counted + last + 1;
                self.column = self.text[self.line_start..offset].chars().count();
            }
            None => self.column += self.text[self.counted..offset].chars().count(),
        }
        self.counted = offset;
        let column = self.column;
        (self.line, column + 1)
    }

    /// The 1-based line of `offset`.
    pub fn line(&mut self, offset: usize) -> usize {
        self.position(offset).0
    }
}
