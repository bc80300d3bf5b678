//! Find the members of a FeatureCollection's `"features"` array without parsing them, so that
//! they can be parsed on all cores.
//!
//! The split jumps with `memchr` between quotes, backslashes and brackets only. Inside valid
//! JSON, brackets nest properly once strings are skipped, and a backslash in a string always
//! escapes the next byte, so that is enough to find where each member ends. The split does not
//! validate: each member is validated by the serde_json parse that follows, and the rest of the
//! file by parsing its outline ([`Split::outline`]). Whatever the split does not understand is
//! an error, and the caller parses the whole text to say what is wrong.

use std::ops::Range;

use memchr::{memchr2, memchr3};

/// Where the features are in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Split {
    /// The byte range of the `"features"` array, brackets included.
    pub(super) array: Range<usize>,
    /// The byte range of each member, in order.
    pub(super) members: Vec<Range<usize>>,
}

impl Split {
    /// The text with the features array emptied (`[]`): every other member of the top level,
    /// small enough to parse on one thread.
    pub(super) fn outline(&self, text: &str) -> String {
        let (before, after) = (&text[..=self.array.start], &text[self.array.end - 1..]);
        [before, after].concat()
    }
}

/// `start` is at an opening quote; the index just after the closing one.
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        let j = i + memchr2(b'"', b'\\', b.get(i..)?)?;
        if b[j] == b'\\' {
            i = j + 2;
        } else {
            return Some(j + 1);
        }
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
    {
        i += 1;
    }
    i
}

/// `start` is at `open` (`{` or `[`); the index just after the `close` that matches it.
/// Brackets of the other kind need not be counted: in valid JSON they nest inside.
fn nested_end(b: &[u8], start: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let j = i + memchr3(b'"', open, close, b.get(i..)?)?;
        if b[j] == b'"' {
            i = string_end(b, j)?;
            continue;
        }
        if b[j] == open {
            depth += 1;
        } else {
            depth = depth.checked_sub(1)?;
        }
        i = j + 1;
        if depth == 0 {
            return Some(i);
        }
    }
}

/// Any JSON value starting at `start`; the index just after it.
fn value_end(b: &[u8], start: usize) -> Option<usize> {
    match b.get(start)? {
        b'{' => nested_end(b, start, b'{', b'}'),
        b'[' => nested_end(b, start, b'[', b']'),
        b'"' => string_end(b, start),
        _ => {
            let rest = b.get(start..)?;
            let length = rest
                .iter()
                .position(|c| matches!(c, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))?;
            Some(start + length)
        }
    }
}

/// The index of the `[` of the top-level object's `"features"` member.
fn features_array(b: &[u8]) -> Option<usize> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut depth = 1usize;
    loop {
        let j = i + memchr3(b'"', b'{', b'}', b.get(i..)?)?;
        match b[j] {
            b'"' => {
                i = string_end(b, j)?;
                // At depth 1, a string followed by ':' is a key of the top-level object.
                let colon = skip_ws(b, i);
                if depth == 1 && &b[j + 1..i - 1] == b"features" && b.get(colon) == Some(&b':') {
                    let value = skip_ws(b, colon + 1);
                    return (b.get(value) == Some(&b'[')).then_some(value);
                }
            }
            b'{' => {
                depth += 1;
                i = j + 1;
            }
            _ => {
                depth = depth.checked_sub(1).filter(|&d| d > 0)?;
                i = j + 1;
            }
        }
    }
}

/// Split `text`, or `None` if it is not a JSON object with a `"features"` array that the split
/// understands (the caller then parses the whole text to find out why).
pub(super) fn split(text: &str) -> Option<Split> {
    let b = text.as_bytes();
    let start = features_array(b)?;
    let mut members = Vec::new();
    let mut i = skip_ws(b, start + 1);
    if b.get(i) == Some(&b']') {
        return Some(Split {
            array: start..i + 1,
            members,
        });
    }
    loop {
        let end = value_end(b, i)?;
        members.push(i..end);
        i = skip_ws(b, end);
        match b.get(i)? {
            b',' => i = skip_ws(b, i + 1),
            b']' => {
                return Some(Split {
                    array: start..i + 1,
                    members,
                });
            }
            _ => return None,
        }
    }
}
