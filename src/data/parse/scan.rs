//! A fast scanner for the outline of a FeatureCollection: it walks the top-level object and
//! hands each member of the `"features"` array to a caller, which finds where the member ends
//! (by [`object_end`], to parse it on another thread, or by parsing it at once).
//!
//! The scanner's skipping functions only find boundaries: they match braces and skip strings
//! (escapes included) without checking the JSON in between, because every member is then
//! parsed in full, which checks it. The text around the members (the top-level object, its
//! other members, the commas) is checked here or by serde_json. Whenever the text is not the
//! plain case this scanner knows (`{"type": "FeatureCollection", "features": [{...}, ...]}`
//! with any other members, in any order), it gives up and the caller parses with the serde
//! visitors instead.

use serde::de::IgnoredAny;

/// Walk `text` as a FeatureCollection, calling `member(index, start)` for each member of its
/// `"features"` array (`start` is the byte index of its `{`); `member` gives the index just
/// past the member, or `None` to give up. Gives the number of members, or `None` if the text
/// is not a FeatureCollection of the plain shape described in the module documentation
/// (members handed out before that was noticed must then be forgotten).
pub(crate) fn walk_collection(
    text: &str,
    mut member: impl FnMut(usize, usize) -> Option<usize>,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_whitespace(bytes, at + 1);
    let mut is_collection = false;
    let mut count = None;
    // Other members are checked at the end, once the text is known to be a FeatureCollection:
    // a large single Feature or Geometry whose "type" comes last is not checked for nothing.
    let mut others = Vec::new();
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(bytes, at)?;
        let key: String = serde_json::from_str(text.get(at..key_end)?).ok()?;
        at = skip_whitespace(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
        if key == "features" {
            if count.is_some() {
                return None;
            }
            let (end, members) = features(bytes, at, &mut member)?;
            count = Some(members);
            at = end;
        } else {
            let end = skip_value(bytes, at)?;
            let value = text.get(at..end)?;
            if key == "type" {
                let kind: String = serde_json::from_str(value).ok()?;
                if is_collection || kind != "FeatureCollection" {
                    return None;
                }
                is_collection = true;
            } else {
                others.push(value);
            }
            at = end;
        }
        at = skip_whitespace(bytes, at);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b'}') => break,
            _ => return None,
        }
    }
    if !is_collection || skip_whitespace(bytes, at + 1) != bytes.len() {
        return None;
    }
    for value in others {
        serde_json::from_str::<IgnoredAny>(value).ok()?;
    }
    count
}

/// Walk the `"features"` array starting at `at`, calling `member` for each member. Gives the
/// index just past the array and the number of members.
fn features(
    bytes: &[u8],
    at: usize,
    member: &mut impl FnMut(usize, usize) -> Option<usize>,
) -> Option<(usize, usize)> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_whitespace(bytes, at + 1);
    if bytes.get(at) == Some(&b']') {
        return Some((at + 1, 0));
    }
    let mut index = 0;
    loop {
        if bytes.get(at) != Some(&b'{') {
            return None;
        }
        let end = member(index, at)?;
        if end <= at {
            return None;
        }
        index += 1;
        at = skip_whitespace(bytes, end);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b']') => return Some((at + 1, index)),
            _ => return None,
        }
    }
}

/// The index of the first byte at or after `at` that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(at) {
        at += 1;
    }
    at
}

/// The index just past the object whose `{` is at `at`, if its end can be found.
pub(crate) fn object_end(bytes: &[u8], at: usize) -> Option<usize> {
    skip_nested(bytes, at, b'{', b'}')
}

/// The index just past the value starting at `at`, if its end can be found.
pub(crate) fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'{' => skip_nested(bytes, at, b'{', b'}'),
        b'[' => skip_nested(bytes, at, b'[', b']'),
        b'"' => skip_string(bytes, at),
        _ => {
            let mut end = at;
            while let Some(byte) = bytes.get(end) {
                if matches!(byte, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    break;
                }
                end += 1;
            }
            Some(end)
        }
    }
}

/// The index just past the object or array opened by the `open` byte at `at`: the matching
/// `close`, counting only `open` and `close` and skipping strings. (The other kind of bracket
/// cannot change where a valid value ends, and the value is checked by serde_json later.)
fn skip_nested(bytes: &[u8], mut at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        at += find_any(bytes.get(at..)?, [open, close, b'"'])?;
        match bytes.get(at)? {
            b'"' => at = skip_string(bytes, at)?,
            byte if *byte == open => {
                depth += 1;
                at += 1;
            }
            _ => {
                depth = depth.checked_sub(1)?;
                at += 1;
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
}

/// The index just past the string whose opening quote is at `at`.
pub(crate) fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        at += find_any(bytes.get(at..)?, [b'"', b'\\', b'\\'])?;
        match bytes.get(at)? {
            b'"' => return Some(at + 1),
            // A backslash and the character it escapes (the four hex digits of `\u` are
            // ordinary characters).
            _ => at += 2,
        }
    }
}

/// Every byte of a `u64` set to `byte`.
const fn splat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// A mask whose lowest set bit is in the first zero byte of `word` (little-endian), if any.
/// (Bits above that may be set spuriously, which is why only the lowest one is used.)
const fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(splat(1)) & !word & splat(0x80)
}

/// How many bytes [`find_any`] looks at one by one before it looks at eight at a time: most
/// searches end within a few bytes (the quotes and commas of properties), where setting up the
/// wide search costs more than it saves.
const NARROW: usize = 16;

/// The position in `haystack` of the first byte equal to one of `needles` (the scanner's inner
/// loop: it runs over every byte of the file). Past the first few bytes, it looks at eight
/// bytes at a time, which skips long coordinate arrays quickly.
#[inline]
fn find_any(haystack: &[u8], needles: [u8; 3]) -> Option<usize> {
    let [x, y, z] = needles;
    let narrow = haystack.get(..NARROW).unwrap_or(haystack);
    if let Some(position) = narrow.iter().position(|&b| b == x || b == y || b == z) {
        return Some(position);
    }
    let rest = haystack.get(narrow.len()..)?;
    let [a, b, c] = needles.map(splat);
    let mut chunks = rest.chunks_exact(8);
    let mut offset = narrow.len();
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let mask = zero_bytes(word ^ a) | zero_bytes(word ^ b) | zero_bytes(word ^ c);
        if mask != 0 {
            return Some(offset + (mask.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|byte| needles.contains(byte))
        .map(|position| offset + position)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The member texts the scanner finds in `text`, or `None` if it gives up.
    fn members(text: &str) -> Option<Vec<&str>> {
        let mut found = Vec::new();
        let count = walk_collection(text, |index, start| {
            assert_eq!(index, found.len());
            let end = object_end(text.as_bytes(), start)?;
            found.push(&text[start..end]);
            Some(end)
        })?;
        assert_eq!(count, found.len());
        Some(found)
    }

    #[test]
    fn finds_members_around_strings_and_escapes() {
        let text = r#" { "bbox": [1, 2, 3, 4], "features" : [ {"a": "}{\"\\"} ,{"b":{"c":[{}]}} ],
            "type": "FeatureCollection", "crs": {"x": null} } "#;
        assert_eq!(
            members(text),
            Some(vec![r#"{"a": "}{\"\\"}"#, r#"{"b":{"c":[{}]}}"#])
        );
        assert_eq!(
            members(r#"{"type":"FeatureCollection","features":[]}"#),
            Some(vec![])
        );
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        for text in [
            "",
            "[]",
            r#"{"type":"Feature","features":[]}"#,
            r#"{"features":[{}]}"#,
            r#"{"type":"FeatureCollection","features":[1]}"#,
            r#"{"type":"FeatureCollection","features":[{},]}"#,
            r#"{"type":"FeatureCollection","features":[{}] x}"#,
            r#"{"type":"FeatureCollection","features":[{}]} x"#,
            r#"{"type":"FeatureCollection","features":[{}],"bbox":[1,}"#,
            r#"{"type":"FeatureCollection","features":[{}],"features":[]}"#,
            r#"{"type":"FeatureCollection","features":[{"a":"}"#,
            r#"{"type":"FeatureCollection","features":[{"a":"\"#,
        ] {
            assert_eq!(members(text), None, "{text}");
        }
    }

    #[test]
    fn find_any_finds_the_first_match() {
        let text = b"0123456789abcdef0123456789abcdef0123456789\"ghij{";
        for start in 0..text.len() {
            let expected = text[start..].iter().position(|b| b"\"{}".contains(b));
            assert_eq!(find_any(&text[start..], [b'"', b'{', b'}']), expected);
        }
    }
}
