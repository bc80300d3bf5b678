//! Folding text for matching: each letter to its plain lowercase form, and which characters
//! join, separate or vanish inside words.

use unicode_normalization::UnicodeNormalization;

/// Lowercase letters that no Unicode decomposition turns into ASCII, and what they fold to.
const UNDECOMPOSED: [(char, &str); 18] = [
    ('ß', "ss"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('ø', "o"),
    ('đ', "d"),
    ('ł', "l"),
    ('ı', "i"),
    ('þ', "th"),
    ('ð', "d"),
    ('ə', "e"),
    ('ħ', "h"),
    ('ĸ', "k"),
    ('ŋ', "n"),
    ('ŧ', "t"),
    ('ɔ', "o"),
    ('ɛ', "e"),
    ('ƒ', "f"),
    ('ɨ', "i"),
];

/// Appends the folded form of the letter or digit `c` to `out`: decomposed (NFKD), its
/// combining marks dropped, lowercased; the few letters that do not decompose by
/// [`UNDECOMPOSED`].
pub(super) fn fold_into(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let letters = std::iter::once(c)
        .nfkd()
        .filter(|&d| !unicode_normalization::char::is_combining_mark(d))
        .flat_map(char::to_lowercase);
    for l in letters {
        match UNDECOMPOSED.iter().find(|(from, _)| *from == l) {
            Some((_, to)) => out.push_str(to),
            None => {
                if let Some(folded) = arabic_letter(l) {
                    out.push(folded);
                }
            }
        }
    }
}

/// An Arabic-script letter as searchers treat it: Arabic and Persian yeh one letter (Urdu's
/// yeh barree too), Arabic and Persian kaf one, the heh forms one, alef wasla an alef,
/// Arabic-Indic and Persian digits as digits, and tatweel gone. (Hamza carriers and harakat
/// are already plain letters here: NFKD splits off the hamza, a combining mark, which is
/// dropped with the harakat.) Any other character is itself.
///
/// ```
/// use strikemap::data::gazetteer::fold;
/// assert_eq!(fold("كرمان"), fold("کرمان"));
/// assert_eq!(fold("ايرانشهر"), fold("ایرانشهر"));
/// assert_eq!(fold("چابہار"), fold("چابهار"));
/// assert_eq!(fold("۱۸ ٢٠٢٤"), "18 2024");
/// ```
fn arabic_letter(c: char) -> Option<char> {
    Some(match c {
        '\u{064A}' | '\u{0649}' | '\u{06CC}' | '\u{06D2}' => '\u{06CC}',
        '\u{0643}' | '\u{06A9}' => '\u{06A9}',
        '\u{0647}' | '\u{06C1}' | '\u{06BE}' | '\u{0629}' | '\u{06D5}' | '\u{06C0}' => '\u{0647}',
        '\u{0671}' => '\u{0627}',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0640}' => return None,
        _ => c,
    })
}

/// Whether `c` is an apostrophe (or a character used as one in transliterations).
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '\u{02BB}'
            | '\u{02BF}'
            | '\u{02BE}'
            | '\u{2032}'
            | '`'
            | '\u{00B4}'
    )
}

/// Whether `c` is a hyphen, dash or minus sign.
pub(super) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2014}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Whether `c` is part of the word it stands in without being a letter: a combining mark
/// (text in decomposed form), a soft hyphen, a zero-width joiner or non-joiner, a word joiner.
pub(super) fn is_transparent(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{00AD}'
            | '\u{0640}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
    )
}

/// `text` folded for matching: every letter to its plain lowercase form (accents dropped,
/// "ß" to "ss"...), anything else as it is.
///
/// ```
/// use strikemap::data::gazetteer::fold;
/// assert_eq!(fold("Sarāvān Øst"), "saravan ost");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_into(&mut out, c);
    }
    out
}

/// Whether `text`, folded, contains `folded` (a folded needle). Plain ASCII text is compared
/// in place, without folding it into a new string (a table filter meets millions of values).
///
/// ```
/// use strikemap::data::gazetteer::{contains_folded, fold};
/// assert!(contains_folded("Sistan and Baluchestan", &fold("BALUCH")));
/// assert!(contains_folded("Sarāvān", &fold("saravan")));
/// assert!(!contains_folded("Quetta", "zahedan"));
/// ```
pub fn contains_folded(text: &str, folded: &str) -> bool {
    if folded.is_empty() {
        return true;
    }
    if text.is_ascii() && folded.is_ascii() {
        let (text, needle) = (text.as_bytes(), folded.as_bytes());
        return text
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle));
    }
    fold(text).contains(folded)
}
