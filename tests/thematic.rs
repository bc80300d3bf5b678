//! Filters and styles by column, checked against direct counts over the rows: facet counts,
//! what is shown, class breaks and class counts, on a table made to have missing values,
//! numbers written as text, and values past the palette.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use strikemap::data::event_columns::parse_day;
use strikemap::data::properties::PropertyTable;
use strikemap::data::thematic::filter::{PASSES_FILTERS, SHOWN};
use strikemap::data::thematic::{
    ColumnCache, ColumnFilter, ColumnKind, FilterRule, StyleRule, classify, evaluate,
};

const TYPES: [&str; 5] = [
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Strategic developments",
];

/// A row's type, actor, deaths and date, from its number (a fixed mix, no randomness).
fn row(i: usize) -> String {
    let kind = TYPES[(i * 7 + i / 3) % 5];
    let actor = format!("Actor {}", (i * 13) % 17);
    let deaths = if i.is_multiple_of(11) {
        "null".to_owned()
    } else {
        format!("\"{}\"", (i * 31) % 23)
    };
    let day = 1 + i % 28;
    let actor = if i.is_multiple_of(19) {
        String::new()
    } else {
        format!(r#", "actor1": "{actor}""#)
    };
    format!(
        r#"{{"event_type": "{kind}", "fatalities": {deaths}, "event_date": "2024-01-{day:02}"{actor}}}"#
    )
}

fn cache(n: usize) -> ColumnCache {
    let rows: Vec<String> = (0..n).map(row).collect();
    ColumnCache::new(Arc::new(PropertyTable::from_json_objects(&rows)))
}

/// Whether row `r` passes `filter`, read straight from the table's text.
fn passes(cache: &ColumnCache, r: usize, filter: &ColumnFilter) -> bool {
    let table = cache.table();
    let key = table.key(&filter.column).unwrap();
    let text = table.text(r, key).map(|t| t.into_owned());
    match &filter.rule {
        FilterRule::Values { .. } => filter.rule.keeps_value(text.as_deref().unwrap_or("")),
        FilterRule::Range { min, max } => table
            .number(r, key)
            .is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
        FilterRule::Contains { text: needle } => {
            text.is_some_and(|t| t.to_lowercase().contains(&needle.to_lowercase()))
        }
    }
}

#[test]
fn facet_counts_and_shown_rows_equal_a_direct_count_over_the_rows() {
    let n = 40_000;
    let cache = cache(n);
    let mut types = FilterRule::all_values();
    types.set_value("Riots", false);
    types.set_value("Protests", false);
    let mut actors = FilterRule::all_values();
    actors.set_value("Actor 3", false);
    actors.set_value("", false); // rows without an actor
    let filters = vec![
        ColumnFilter::new("event_type", types),
        ColumnFilter::new("actor1", actors),
        ColumnFilter::new(
            "fatalities",
            FilterRule::Range {
                min: Some(2.0),
                max: Some(20.0),
            },
        ),
    ];
    let time = Some((
        parse_day("2024-01-05").unwrap(),
        parse_day("2024-01-20").unwrap(),
    ));
    let result = evaluate(&cache, &filters, time);
    let in_time = |r: usize| (5..=20).contains(&(1 + r % 28));
    let direct: Vec<usize> = (0..n)
        .filter(|&r| in_time(r) && filters.iter().all(|f| passes(&cache, r, f)))
        .collect();
    assert!(
        !direct.is_empty() && direct.len() < n / 3,
        "the filters narrow: {}",
        direct.len()
    );
    assert_eq!(result.shown_rows(), direct);
    assert_eq!(result.shown, direct.len());
    for r in 0..n {
        let filtered = filters.iter().all(|f| passes(&cache, r, f));
        assert_eq!(result.flags[r] & PASSES_FILTERS != 0, filtered, "row {r}");
    }
    // Each checklist counts what the other filters and the time range leave, per value.
    for (i, filter) in filters.iter().enumerate().take(2) {
        let key = cache.table().key(&filter.column).unwrap();
        let values = cache.categories(key);
        let facet = result.facets[i].as_ref().unwrap();
        for (code, value) in values.values.iter().enumerate() {
            let expected = (0..n)
                .filter(|&r| in_time(r))
                .filter(|&r| cache.table().text(r, key).as_deref() == Some(value.as_str()))
                .filter(|&r| {
                    filters
                        .iter()
                        .enumerate()
                        .all(|(j, f)| j == i || passes(&cache, r, f))
                })
                .count();
            assert_eq!(facet[code] as usize, expected, "{}: {value}", filter.column);
        }
    }
    assert!(result.facets[2].is_none(), "a range has no facet");
    assert_eq!(
        result.flags.iter().filter(|&&f| f == SHOWN).count(),
        direct.len()
    );
}

#[test]
fn columns_are_told_apart_and_missing_columns_hide_everything() {
    let cache = cache(5000);
    let kind = |name: &str| cache.profile(name).unwrap().kind;
    assert_eq!(kind("event_type"), ColumnKind::Categories);
    assert_eq!(kind("actor1"), ColumnKind::Categories);
    assert_eq!(
        kind("fatalities"),
        ColumnKind::Number,
        "numbers written as text, nulls among them"
    );
    let filters = [ColumnFilter::new("no such column", FilterRule::only("x"))];
    assert_eq!(evaluate(&cache, &filters, None).shown, 0);
    // An open filter keeps everything, rows without a value included.
    let open = [ColumnFilter::new(
        "fatalities",
        FilterRule::Range {
            min: None,
            max: None,
        },
    )];
    assert_eq!(evaluate(&cache, &open, None).shown, 5000);
    let contains = [ColumnFilter::new(
        "actor1",
        FilterRule::Contains {
            text: "ACTOR 1".into(),
        },
    )];
    let direct = (0..5000)
        .filter(|&r| passes(&cache, r, &contains[0]))
        .count();
    assert_eq!(evaluate(&cache, &contains, None).shown, direct);
}

#[test]
fn categorized_classes_count_every_row_once_and_group_the_rarest_as_other() {
    let n = 10_000;
    let cache = cache(n);
    let by_actor = classify(
        &cache,
        &StyleRule::Categorized {
            column: "actor1".into(),
        },
    )
    .unwrap();
    // 17 actors and rows without one: nine colours, then grey "Other" for the rest.
    assert_eq!(by_actor.classes.len(), 10);
    assert_eq!(by_actor.classes[9].label, "Other");
    assert!(
        by_actor.classes[9].values.contains(&String::new()),
        "no value is Other"
    );
    let total: u32 = by_actor.classes.iter().map(|c| c.total).sum();
    assert_eq!(total as usize, n);
    let key = cache.table().key("actor1").unwrap();
    for r in (0..n).step_by(97) {
        let class = &by_actor.classes[by_actor.of_row[r] as usize];
        let value = cache
            .table()
            .text(r, key)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        assert!(
            class.values.contains(&value),
            "row {r} ({value}) in {}",
            class.label
        );
    }
    let colours: std::collections::HashSet<_> =
        by_actor.classes[..9].iter().map(|c| c.rgb).collect();
    assert_eq!(colours.len(), 9, "each value its own colour");
    // Counts shown follow a filter; the classes stay.
    let filters = [ColumnFilter::new("event_type", FilterRule::only("Battles"))];
    let result = evaluate(&cache, &filters, None);
    let shown = by_actor.shown_counts(&result.flags);
    assert_eq!(shown.iter().sum::<u32>() as usize, result.shown);
}

#[test]
fn graduated_classes_hold_the_values_between_their_breaks() {
    use strikemap::data::thematic::{Classing, GraduateBy};
    let n = 10_000;
    let cache = cache(n);
    for method in [Classing::Quantile, Classing::EqualInterval] {
        let rule = StyleRule::Graduated {
            column: "fatalities".into(),
            method,
            classes: 4,
            by: GraduateBy::Colour,
        };
        let classes = classify(&cache, &rule).unwrap();
        let breaks = &classes.breaks;
        assert_eq!(
            (breaks[0], *breaks.last().unwrap()),
            (0.0, 22.0),
            "{method:?}"
        );
        let key = cache.table().key("fatalities").unwrap();
        for r in 0..n {
            let class = classes.of_row[r] as usize;
            match cache.table().number(r, key) {
                None => assert_eq!(classes.classes[class].label, "(no value)"),
                Some(v) => {
                    assert!(v <= breaks[class + 1], "{v} in class {class} of {breaks:?}");
                    assert!(
                        class == 0 || v > breaks[class],
                        "{v} in class {class} of {breaks:?}"
                    );
                }
            }
        }
        let total: u32 = classes.classes.iter().map(|c| c.total).sum();
        assert_eq!(total as usize, n);
    }
}
