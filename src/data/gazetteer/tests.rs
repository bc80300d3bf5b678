//! Unit tests of the matcher on small texts.

use super::*;

/// Places from `(key, names)` pairs.
fn places(list: &[(usize, &[&str])]) -> Vec<Place> {
    list.iter()
        .map(|&(key, names)| Place {
            key,
            names: names.iter().map(|n| n.to_string()).collect(),
        })
        .collect()
}

/// The mentions of `places` in `text`, as (matched text, key).
fn found<'t>(text: &'t str, places: &[Place]) -> Vec<(&'t str, usize)> {
    find_mentions(text, places)
        .iter()
        .map(|m| (&text[m.start..m.end], m.key))
        .collect()
}

#[test]
fn whole_words_only_but_possessives_count() {
    let p = places(&[(1, &["Iran"]), (2, &["Pakistan"])]);
    assert_eq!(
        found(
            "Iranian and Pakistani forces; Pakistan's army, Iran’s envoy; IRAN, pakistan.",
            &p
        ),
        [("Pakistan", 2), ("Iran", 1), ("IRAN", 1), ("pakistan", 2)]
    );
    assert_eq!(found("Iran2 xIran Iranx", &p), []);
}

#[test]
fn diacritics_and_case_are_ignored_both_ways() {
    let p = places(&[
        (1, &["Sarāvān"]),
        (2, &["Zabol"]),
        (3, &["Qanḏahāṟ"]),
        (4, &["Straße"]),
    ]);
    assert_eq!(
        found("SARAVAN, Zābol, Qandahar, STRASSE, strasse", &p),
        [
            ("SARAVAN", 1),
            ("Zābol", 2),
            ("Qandahar", 3),
            ("STRASSE", 4),
            ("strasse", 4)
        ]
    );
}

#[test]
fn decomposed_text_matches_and_keeps_its_marks() {
    let p = places(&[(1, &["Saravan"])]);
    let text = "in Sara\u{0304}va\u{0304}n.";
    assert_eq!(found(text, &p), [("Sara\u{0304}va\u{0304}n", 1)]);
}

#[test]
fn hyphens_dashes_and_spaces_are_alike() {
    let p = places(&[(1, &["Sistan Baluchestan"]), (2, &["Mazar-i-Sharif"])]);
    assert_eq!(
        found(
            "Sistan-Baluchestan, Sistan – Baluchestan, Sistan\nBaluchestan, Mazar i Sharif",
            &p
        ),
        [
            ("Sistan-Baluchestan", 1),
            ("Sistan – Baluchestan", 1),
            ("Sistan\nBaluchestan", 1),
            ("Mazar i Sharif", 2)
        ]
    );
    // Other punctuation does not join words.
    assert_eq!(found("Sistan, Baluchestan; Mazar (i) Sharif", &p), []);
}

#[test]
fn longest_match_wins_then_leftmost_then_first_place() {
    let p = places(&[
        (1, &["Baluchestan"]),
        (2, &["Sistan and Baluchestan"]),
        (3, &["Sistan"]),
        (4, &["Islamabad"]),
        (5, &["Islamabad", "Islamabad Capital Territory"]),
    ]);
    assert_eq!(
        found(
            "Sistan and Baluchestan; Baluchestan; Sistan; Islamabad Capital Territory; Islamabad",
            &p
        ),
        [
            ("Sistan and Baluchestan", 2),
            ("Baluchestan", 1),
            ("Sistan", 3),
            ("Islamabad Capital Territory", 5),
            ("Islamabad", 4)
        ]
    );
    // Overlapping names of equal length: the leftmost wins.
    let q = places(&[(1, &["b c"]), (2, &["a b"])]);
    assert_eq!(found("a b c", &q), [("a b", 2)]);
}

#[test]
fn apostrophes_inside_names() {
    let p = places(&[(1, &["Qā’em Shahr"]), (2, &["Khairpur Mir’s"])]);
    assert_eq!(
        found("Qa'em Shahr, Qaem Shahr, Qa em Shahr, Khairpur Mir's", &p),
        [("Qa'em Shahr", 1), ("Qaem Shahr", 1), ("Khairpur Mir's", 2)]
    );
}

#[test]
fn abbreviations_with_full_stops() {
    let p = places(&[(1, &["N.W.F.P."])]);
    assert_eq!(
        found("the N.W.F.P. and the N. W. F. P. but not N W F P", &p),
        [("N.W.F.P", 1), ("N. W. F. P", 1)]
    );
}

#[test]
fn ranges_are_char_boundaries_around_typographic_quotes() {
    let p = places(&[(1, &["militant hideouts"]), (2, &["Iran"])]);
    let text = "attacks on “militant hideouts”. «Iran»";
    let m = find_mentions(text, &p);
    for x in &m {
        assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
    }
    assert_eq!(found(text, &p), [("militant hideouts", 1), ("Iran", 2)]);
}

#[test]
fn empty_names_and_texts() {
    let p = places(&[(1, &["", " - ", "’"]), (2, &["Iran"])]);
    assert_eq!(found("", &p), []);
    assert_eq!(found(" - ’ ", &p), []);
    assert_eq!(found("Iran", &p), [("Iran", 2)]);
    assert_eq!(found("Iran", &[]), []);
}

#[test]
fn latin_letters_fold_to_ascii_decomposed_or_by_the_short_table() {
    let fold = |text: &str| {
        let mut s = String::new();
        text.chars().for_each(|c| fold_into(&mut s, c));
        s
    };
    assert_eq!(fold("ÀÁÂÃÄÅàáâãäåāăąĀĂĄ"), "a".repeat(18));
    assert_eq!(fold("Sarāvān Ḩāmūn Zābol"), "saravan hamun zabol");
    // Decomposed text (NFD) folds alike.
    assert_eq!(fold("Sara\u{0304}va\u{0304}n"), "saravan");
    // The letters no decomposition reaches, in both cases.
    assert_eq!(
        fold("ßẞæÆœŒøØđĐłŁıþÞðÐəƏħĦ"),
        "ssssaeaeoeoeooddlliththddeehh"
    );
    // Compatibility forms too: the ligature ﬁ, the superscript ².
    assert_eq!(fold("ﬁ²"), "fi2");
}

#[test]
fn arabic_script_folds_the_way_searchers_need() {
    use super::fold;
    // Yeh and kaf: Arabic, Persian (and Urdu yeh barree) are one letter.
    assert_eq!(fold("ي"), fold("ی"));
    assert_eq!(fold("ى"), fold("ی"));
    assert_eq!(fold("ك"), fold("ک"));
    // Heh forms.
    for heh in ["ه", "ہ", "ھ", "ة"] {
        assert_eq!(fold(heh), fold("ه"), "{heh}");
    }
    // Hamza carriers, harakat, tatweel.
    assert_eq!(fold("أ"), fold("ا"));
    assert_eq!(fold("إ"), fold("ا"));
    assert_eq!(fold("آ"), fold("ا"));
    assert_eq!(fold("ؤ"), fold("و"));
    assert_eq!(fold("ئ"), fold("ی"));
    assert_eq!(fold("سَراوان"), fold("سراوان"));
    assert_eq!(fold("ســراوان"), fold("سراوان"));
    // Presentation forms, as some PDFs and old exports write them.
    assert_eq!(fold("\u{FEB3}\u{FEAE}"), fold("سر"));
    // Digits.
    assert_eq!(fold("٠١٢٣٤٥٦٧٨٩"), "0123456789");
    assert_eq!(fold("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
}
