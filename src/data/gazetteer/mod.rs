//! Find the places that a text names.
//!
//! [`find_mentions`] looks for every name of every [`Place`] in a text and returns the
//! [`Mention`]s: byte ranges of the original text, each with the key of the place it names.
//!
//! Matching works on words. The text and each name are cut into words (runs of letters and
//! digits) and folded: lowercased, and Latin letters with diacritics turned into ASCII
//! (`"Sarāvān"` → `"saravan"`, `"Ḩ"` → `"h"`, `"ß"` → `"ss"`, `"ə"` → `"e"`: Unicode's NFKD
//! decomposition with the marks dropped, and a short table for the letters that do not
//! decompose); combining marks, soft hyphens and zero-width joiners inside a
//! word are ignored, so text in decomposed form (NFD) matches too. A name matches where its
//! words are the text's words, one for one, and what separates them is alike: any run of
//! spaces and hyphens or dashes matches any other (`"Sistan-Baluchestan"` ~
//! `"Sistan Baluchestan"`), a single apostrophe only an apostrophe (any of `'` `’` `‘` `ʼ` `ʻ`
//! `ʿ` `ʾ`), a full stop (then maybe spaces) only a full stop, and nothing else joins words. A
//! name with an apostrophe inside also matches with the apostrophe left out (`"Qa'em Shahr"`
//! finds `"Qaem Shahr"`).
//!
//! As the apostrophe separates words, a name followed by a possessive `'s` or `’s` is found
//! (`"Pakistan's"`), while a name is never found inside a longer word (`"Iranian"` is not
//! `"Iran"`).
//!
//! Overlapping matches are settled longest first (by the length of the matched text), then
//! leftmost, then by the order of `places`: a name shared by two places goes to the one listed
//! first.
//!
//! ```
//! use strikemap::data::gazetteer::{find_mentions, Mention, Place};
//!
//! let places = [
//!     Place { key: 1, names: vec!["Iran".into()] },
//!     Place { key: 2, names: vec!["Sarāvān".into(), "Saravan".into()] },
//!     Place { key: 3, names: vec!["Sistan and Baluchestan".into()] },
//!     Place { key: 4, names: vec!["Baluchestan".into()] },
//! ];
//! let text = "Iranian officials in SARAVAN, Sistan and Baluchestan (Iran’s south-east)";
//! let found = find_mentions(text, &places);
//! let words: Vec<(&str, usize)> = found.iter().map(|m| (&text[m.start..m.end], m.key)).collect();
//! assert_eq!(words, [("SARAVAN", 2), ("Sistan and Baluchestan", 3), ("Iran", 1)]);
//! ```

mod fold;
pub mod sound;

use std::collections::HashMap;

pub use fold::{contains_folded, fold};
use fold::{fold_into, is_apostrophe, is_dash, is_transparent};

/// A place the text may name: an id the caller understands, and the names it goes by.
pub struct Place {
    /// The caller's id for the place, returned in each [`Mention`] of it.
    pub key: usize,
    /// Every name the place goes by, in any spelling; a name without letters or digits is
    /// ignored.
    pub names: Vec<String>,
}

/// One mention found in the text: byte range in the original text, and the place's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the mention's first character in the text.
    pub start: usize,
    /// Byte offset just past the mention's last character (combining marks included).
    pub end: usize,
    /// The [`Place::key`] of the place named.
    pub key: usize,
}

/// All mentions of any place in `text`, non-overlapping, longest match first (so
/// "Sistan and Baluchestan" wins over "Baluchestan" inside it), whole words only (a name must
/// not match inside a longer word: "Iran" must not match in "Iranian" — but DO match a name
/// followed by possessive "'s" or "’s", e.g. "Pakistan's"), case-insensitive, diacritics-
/// insensitive ("Saravan" matches the name "Sarāvān"), and tolerant of hyphen vs space
/// ("Sistan-Baluchestan" matches "Sistan Baluchestan"). Sorted by start.
///
/// Each range is on character boundaries of `text`. Where matches overlap, the longest (in
/// bytes of `text`) is kept, then the leftmost, then the one whose place comes first in
/// `places`. The text is scanned once; each name is then looked up by its first word.
#[must_use]
pub fn find_mentions(text: &str, places: &[Place]) -> Vec<Mention> {
    let mut doc = Words::default();
    doc.scan(text);
    let mut index: HashMap<&str, Vec<usize>> = HashMap::with_capacity(doc.words.len());
    for (i, word) in doc.words.iter().enumerate() {
        index
            .entry(&doc.folded[word.folded.clone()])
            .or_default()
            .push(i);
    }

    let mut found = Vec::new();
    let mut name = Words::default();
    let mut merged = Words::default();
    for (order, place) in places.iter().enumerate() {
        for text_of_name in &place.names {
            name.scan(text_of_name);
            if name.words.is_empty() {
                continue;
            }
            let here = Origin {
                order,
                key: place.key,
            };
            collect(&doc, &index, &name, here, &mut found);
            if name.gaps.contains(&Gap::Apostrophe) {
                name.merge_apostrophes(&mut merged);
                collect(&doc, &index, &merged, here, &mut found);
            }
        }
    }

    found.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(a.origin.order.cmp(&b.origin.order))
    });
    let mut taken = vec![false; doc.words.len()];
    let mut mentions = Vec::new();
    for c in found {
        let words = &mut taken[c.first..=c.last];
        if words.iter().any(|&t| t) {
            continue;
        }
        words.fill(true);
        mentions.push(Mention {
            start: c.start,
            end: c.end,
            key: c.origin.key,
        });
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Where a candidate match comes from.
#[derive(Clone, Copy)]
struct Origin {
    /// Index of the place in the `places` slice (the last tie-break).
    order: usize,
    /// The place's key.
    key: usize,
}

/// One place of the text where a name matches, before overlaps are settled.
struct Candidate {
    /// Index of the first text word matched.
    first: usize,
    /// Index of the last text word matched.
    last: usize,
    /// Byte offset of the match in the text.
    start: usize,
    /// Byte offset just past the match in the text.
    end: usize,
    /// The place matched.
    origin: Origin,
}

/// Adds to `found` every place in `doc` where the words of `name` are found.
fn collect(
    doc: &Words,
    index: &HashMap<&str, Vec<usize>>,
    name: &Words,
    origin: Origin,
    found: &mut Vec<Candidate>,
) {
    let Some(starts) = index.get(name.word(0)) else {
        return;
    };
    let n = name.words.len();
    'start: for &first in starts {
        let last = first + n - 1;
        if last >= doc.words.len() {
            continue;
        }
        for k in 1..n {
            let gap = name.gaps[k - 1];
            if gap == Gap::Other || doc.gaps[first + k - 1] != gap {
                continue 'start;
            }
            if doc.word(first + k) != name.word(k) {
                continue 'start;
            }
        }
        found.push(Candidate {
            first,
            last,
            start: doc.words[first].start,
            end: doc.words[last].end,
            origin,
        });
    }
}

/// What separates two words; two words of a name match two words of the text only if the
/// separators are of the same kind (and not [`Gap::Other`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gap {
    /// Spaces, hyphens and dashes, in any number and mix.
    Space,
    /// One apostrophe.
    Apostrophe,
    /// A full stop, then maybe spaces (abbreviations: "N.W.F.P.").
    Dot,
    /// Anything else (commas, brackets, quotes, line ends after a full stop ...).
    Other,
}

impl Gap {
    /// The kind of separator `c` starts, if it is the first of a gap.
    fn of(c: char) -> Gap {
        if is_apostrophe(c) {
            Gap::Apostrophe
        } else if c.is_whitespace() || is_dash(c) {
            Gap::Space
        } else if c == '.' {
            Gap::Dot
        } else {
            Gap::Other
        }
    }

    /// The kind of a gap `self` once it is followed by `c`.
    fn then(self, c: char) -> Gap {
        match (self, Gap::of(c)) {
            (Gap::Space, Gap::Space) => Gap::Space,
            (Gap::Dot, Gap::Space) => Gap::Dot,
            _ => Gap::Other,
        }
    }
}

/// One word of a text: where its folded form is and where it is in the original.
#[derive(Clone)]
struct Word {
    /// Byte range of the folded word in [`Words::folded`].
    folded: std::ops::Range<usize>,
    /// Byte offset of the word's first character in the original.
    start: usize,
    /// Byte offset just past the word's last character (or combining mark) in the original.
    end: usize,
}

/// A text cut into folded words and the separators between them.
#[derive(Default)]
struct Words {
    /// The folded letters and digits of all the words, run together.
    folded: String,
    /// The words, in order.
    words: Vec<Word>,
    /// `gaps[i]` is what separates `words[i]` and `words[i + 1]`.
    gaps: Vec<Gap>,
}

impl Words {
    /// The folded form of word `i`.
    fn word(&self, i: usize) -> &str {
        &self.folded[self.words[i].folded.clone()]
    }

    /// Replaces the contents with the words of `text`.
    fn scan(&mut self, text: &str) {
        self.folded.clear();
        self.words.clear();
        self.gaps.clear();
        let mut in_word = false;
        let mut gap: Option<Gap> = None;
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            if is_transparent(c) {
                if in_word && let Some(word) = self.words.last_mut() {
                    word.end = end;
                }
                continue;
            }
            if is_apostrophe(c) || !c.is_alphanumeric() {
                in_word = false;
                if !self.words.is_empty() {
                    gap = Some(gap.map_or_else(|| Gap::of(c), |g| g.then(c)));
                }
                continue;
            }
            if !in_word {
                if !self.words.is_empty() {
                    self.gaps.push(gap.take().unwrap_or(Gap::Other));
                }
                let here = self.folded.len();
                self.words.push(Word {
                    folded: here..here,
                    start: at,
                    end,
                });
                in_word = true;
            }
            fold_into(&mut self.folded, c);
            if let Some(word) = self.words.last_mut() {
                word.folded.end = self.folded.len();
                word.end = end;
            }
        }
    }

    /// Writes into `out` these words with every apostrophe left out ("qa'em" → "qaem").
    fn merge_apostrophes(&self, out: &mut Words) {
        out.folded.clear();
        out.folded.push_str(&self.folded);
        out.words.clear();
        out.gaps.clear();
        for (i, word) in self.words.iter().enumerate() {
            let joined = i > 0 && self.gaps[i - 1] == Gap::Apostrophe;
            match out.words.last_mut() {
                Some(last) if joined => {
                    last.folded.end = word.folded.end;
                    last.end = word.end;
                }
                _ => {
                    if i > 0 {
                        out.gaps.push(self.gaps[i - 1]);
                    }
                    out.words.push(word.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
