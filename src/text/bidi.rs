//! Right-to-left text in visual order, for egui to draw.
//!
//! egui 0.37 shapes each run of one font with harfrust, which joins Arabic letters and lays a
//! run out right to left, but it places the runs themselves in logical order and has no bidi
//! algorithm: "سلام دنیا" comes out with its words swapped, and a mixed line is garbled. Until
//! egui's own bidi lands (<https://github.com/emilk/egui/pull/8577>), strikemap reorders every
//! string it shows here, with the `unicode-bidi` crate (UAX #9), and this module can then go.
//!
//! How: the line is reordered into visual order (right-to-left runs reversed, their brackets
//! mirrored). harfrust will reverse each run of Arabic-script characters once more when it
//! shapes it, so each such run is put back into logical order here: it then joins and reads
//! right.

use std::borrow::Cow;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Whether a character is drawn by the Arabic-script font: egui shapes a run of these as one
/// right-to-left harfrust buffer (the default fonts have none of them; the test
/// `arabic_script_runs_match_the_fonts` checks it against the font files).
pub fn in_arabic_font(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
        | 0x200C..=0x200F)
}

/// Whether `text` holds anything that the bidi algorithm would move.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
        )
    })
}

/// Whether the paragraph's first strong character is right-to-left (so it is right-aligned).
///
/// ```
/// use strikemap::text::bidi::starts_rtl;
/// assert!(starts_rtl("سراوان Saravan"));
/// assert!(!starts_rtl("18 Saravan سراوان"));
/// ```
pub fn starts_rtl(text: &str) -> bool {
    text.chars()
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(false),
            BidiClass::R | BidiClass::AL => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

/// `text` with each line in the order egui must draw it; unchanged (borrowed) when it has no
/// right-to-left text. Lines are kept apart: a caller that wraps gives one wrapped line at a
/// time (see [`super::paragraph`]).
///
/// ```
/// use strikemap::text::bidi::visual;
/// assert_eq!(visual("Saravan 18 Jan"), "Saravan 18 Jan");
/// // Two Persian words: the first (read first, at the right) is drawn last.
/// assert_eq!(visual("سلام دنیا"), "دنیا سلام");
/// // In a left-to-right line the Persian word keeps its place. A number after it belongs to
/// // its right-to-left run (UAX #9, rule W2), so it is drawn to its left, as browsers do.
/// assert_eq!(visual("Saravan سراوان 18 Jan"), "Saravan 18 سراوان Jan");
/// ```
pub fn visual(text: &str) -> Cow<'_, str> {
    if !has_rtl(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(visual_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// One line (no line break in it) in egui's drawing order.
fn visual_line(line: &str) -> String {
    if !has_rtl(line) {
        return line.to_owned();
    }
    let info = BidiInfo::new(line, None);
    let mut out: Vec<char> = Vec::with_capacity(line.len());
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                out.extend(text.chars().rev().map(mirrored));
            } else {
                out.extend(text.chars());
            }
        }
    }
    // harfrust lays each Arabic-script run out right to left itself: give it logical order.
    let mut i = 0;
    while i < out.len() {
        if in_arabic_font(out[i]) {
            let end = (i..out.len())
                .find(|&j| !in_arabic_font(out[j]))
                .unwrap_or(out.len());
            out[i..end].reverse();
            i = end;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// A bracket as it is drawn in a right-to-left run (Unicode's Bidi_Mirrored pairs in use).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_to_left_line_with_latin_and_digits_keeps_them_left_to_right() {
        // "Saravan" and "18" keep their own order; the Persian words around them swap sides.
        let line = "شهر Saravan در ۱۸ ژانویه";
        let shown = visual(line);
        assert!(shown.contains("Saravan"), "{shown}");
        assert!(shown.starts_with("ژانویه"), "{shown}");
        assert!(shown.ends_with("شهر"), "{shown}");
        // Persian digits are drawn by the Arabic-script font, whose run harfrust reverses: the
        // string holds them backwards so that they show as ۱۸.
        assert!(shown.contains("۸۱"), "{shown}");
    }

    #[test]
    fn brackets_in_a_right_to_left_run_are_mirrored() {
        assert_eq!(visual("(سراوان)"), "(سراوان)");
        assert_eq!(visual("سراوان (سیستان)"), "(سیستان) سراوان");
    }
}
