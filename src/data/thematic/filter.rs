//! Filters on a layer's columns, and what they leave: each row checked against every filter
//! and the time bar's range, and, for every checklist, how many rows each value would have if
//! that checklist alone were cleared, as facets count (so a checklist answers to the other
//! filters but not to itself). One pass over the encoded columns, on all cores.
//!
//! ```
//! use std::sync::Arc;
//! use strikemap::data::properties::PropertyTable;
//! use strikemap::data::thematic::{ColumnCache, ColumnFilter, FilterRule, evaluate};
//!
//! let table = PropertyTable::from_json_objects(&[
//!     r#"{"event_type": "Protests", "fatalities": 0}"#,
//!     r#"{"event_type": "Battles", "fatalities": 3}"#,
//!     r#"{"event_type": "Protests", "fatalities": 1}"#,
//! ]);
//! let cache = ColumnCache::new(Arc::new(table));
//! let filters = vec![
//!     ColumnFilter::new("event_type", FilterRule::only("Protests")),
//!     ColumnFilter::new("fatalities", FilterRule::Range { min: Some(1.0), max: None }),
//! ];
//! let result = evaluate(&cache, &filters, None);
//! assert_eq!(result.shown_rows(), vec![2]);
//! // The checklist counts what the range leaves: one protest, one battle.
//! assert_eq!(result.facets[0].as_deref(), Some(&[1, 1][..]));
//! ```

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::columns::{Categories, ColumnCache, NO_VALUE};
use crate::data::gazetteer::{contains_folded, fold};

/// At most this many filters on one layer (their pass/fail is a bit mask).
pub const MAX_FILTERS: usize = 32;
/// `flags` bit: the row passes every column filter.
pub const PASSES_FILTERS: u8 = 1;
/// `flags` bit: the row's date is in the time bar's range (or no range is set).
pub const IN_TIME: u8 = 2;
/// Both: the row is shown.
pub const SHOWN: u8 = PASSES_FILTERS | IN_TIME;

/// One filter: a column and what it keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnFilter {
    pub column: String,
    pub rule: FilterRule,
}

impl ColumnFilter {
    pub fn new(column: impl Into<String>, rule: FilterRule) -> Self {
        Self {
            column: column.into(),
            rule,
        }
    }
}

/// What a filter keeps. A row without the column's value is kept only by an empty filter
/// (and by a checklist that keeps "(no value)", the empty string).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum FilterRule {
    /// `keep`: only these values; else every value but these.
    Values {
        values: BTreeSet<String>,
        keep: bool,
    },
    /// Numbers within the bounds (each optional, inclusive).
    Range { min: Option<f64>, max: Option<f64> },
    /// Text containing this (case and accents ignored).
    Contains { text: String },
}

impl FilterRule {
    /// Keep only `value`.
    pub fn only(value: &str) -> Self {
        Self::Values {
            values: BTreeSet::from([value.to_owned()]),
            keep: true,
        }
    }

    /// A checklist that keeps everything.
    pub fn all_values() -> Self {
        Self::Values {
            values: BTreeSet::new(),
            keep: false,
        }
    }

    /// Whether the filter keeps every row that has a value (it does nothing yet).
    pub fn is_open(&self) -> bool {
        match self {
            Self::Values { values, keep } => !keep && values.is_empty(),
            Self::Range { min, max } => min.is_none() && max.is_none(),
            Self::Contains { text } => text.trim().is_empty(),
        }
    }

    /// Whether a checklist keeps `value`.
    pub fn keeps_value(&self, value: &str) -> bool {
        match self {
            Self::Values { values, keep } => values.contains(value) == *keep,
            _ => true,
        }
    }

    /// Tick or untick `value` in a checklist.
    pub fn set_value(&mut self, value: &str, kept: bool) {
        if let Self::Values { values, keep } = self {
            if kept == *keep {
                values.insert(value.to_owned());
            } else {
                values.remove(value);
            }
        }
    }
}

/// What the filters leave of a layer.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Per row: [`PASSES_FILTERS`] and [`IN_TIME`] bits.
    pub flags: Arc<Vec<u8>>,
    /// Rows shown (both bits).
    pub shown: usize,
    /// Per filter, for a checklist: rows per value code that the other filters and the time
    /// range leave; `None` for other kinds of filter.
    pub facets: Vec<Option<Vec<u32>>>,
}

impl Evaluation {
    /// The rows shown, in order.
    pub fn shown_rows(&self) -> Vec<usize> {
        (0..self.flags.len())
            .filter(|&r| self.flags[r] == SHOWN)
            .collect()
    }

    /// Whether a row is shown (rows past the table's, if any, are).
    pub fn is_shown(&self, row: usize) -> bool {
        self.flags.get(row).is_none_or(|&f| f == SHOWN)
    }
}

/// Per filter, a checklist's counts per value code.
type Facets = Vec<Option<Vec<u32>>>;

/// One filter made ready to check rows quickly.
enum Check {
    /// Per code, whether the value is kept; and whether a row without one is.
    Codes(Arc<Categories>, Vec<bool>, bool),
    Range(Arc<Vec<f64>>, f64, f64),
    Contains(usize, String),
    /// A column the layer does not have: the filter keeps nothing that has no value.
    Missing,
    /// A filter that does nothing yet (an empty range or text).
    All,
}

/// Check every row against `filters` and the day range `time` (rows without a date are
/// outside any range).
pub fn evaluate(
    cache: &ColumnCache,
    filters: &[ColumnFilter],
    time: Option<(i32, i32)>,
) -> Evaluation {
    let filters = &filters[..filters.len().min(MAX_FILTERS)];
    let checks: Vec<Check> = filters.iter().map(|f| prepare(cache, f)).collect();
    // A layer without dates is not the time bar's to filter.
    let time = time.filter(|_| cache.is_dated());
    let days = time.map(|_| cache.days());
    let rows = cache.rows();
    let table = cache.table();
    let facet_sizes: Vec<Option<usize>> = checks
        .iter()
        .map(|c| match c {
            Check::Codes(cats, ..) => Some(cats.values.len()),
            _ => None,
        })
        .collect();
    let empty_facets = || -> Facets {
        facet_sizes
            .iter()
            .map(|s| s.map(|n| vec![0u32; n]))
            .collect()
    };
    const CHUNK: usize = 16_384;
    let parts: Vec<(Vec<u8>, usize, Facets)> = (0..rows.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let range = c * CHUNK..((c + 1) * CHUNK).min(rows);
            let mut facets = empty_facets();
            let mut flags = Vec::with_capacity(range.len());
            let mut shown = 0;
            for row in range {
                let in_time = match (time, &days) {
                    (Some((from, to)), Some(days)) => (from..=to).contains(&days[row]),
                    _ => true,
                };
                let mut fails = 0u32;
                for (i, check) in checks.iter().enumerate() {
                    if !passes(check, table, row) {
                        fails |= 1 << i;
                    }
                }
                if in_time {
                    count_facets(&checks, &mut facets, row, fails);
                }
                let flag = u8::from(fails == 0) * PASSES_FILTERS + u8::from(in_time) * IN_TIME;
                shown += usize::from(flag == SHOWN);
                flags.push(flag);
            }
            (flags, shown, facets)
        })
        .collect();
    let mut all_flags = Vec::with_capacity(rows);
    let mut out = Evaluation {
        flags: Arc::default(),
        shown: 0,
        facets: empty_facets(),
    };
    for (flags, shown, facets) in parts {
        all_flags.extend(flags);
        out.shown += shown;
        for (total, part) in out.facets.iter_mut().zip(facets) {
            if let (Some(total), Some(part)) = (total, part) {
                total.iter_mut().zip(part).for_each(|(t, p)| *t += p);
            }
        }
    }
    out.flags = Arc::new(all_flags);
    out
}

/// A row that fails no filter counts in every checklist; one that fails only one checklist
/// counts in that one (clearing it would show the row).
fn count_facets(checks: &[Check], facets: &mut [Option<Vec<u32>>], row: usize, fails: u32) {
    let only = (fails.count_ones() == 1).then(|| fails.trailing_zeros() as usize);
    if fails != 0 && only.is_none() {
        return;
    }
    for (i, (check, facet)) in checks.iter().zip(facets.iter_mut()).enumerate() {
        if only.is_some_and(|only| only != i) {
            continue;
        }
        if let (Check::Codes(cats, ..), Some(facet)) = (check, facet) {
            let code = cats.codes.get(row).copied().unwrap_or(NO_VALUE);
            if let Some(slot) = facet.get_mut(code as usize) {
                *slot += 1;
            }
        }
    }
}

fn prepare(cache: &ColumnCache, filter: &ColumnFilter) -> Check {
    if filter.rule.is_open() {
        return Check::All;
    }
    let Some(key) = cache.table().key(&filter.column) else {
        return Check::Missing;
    };
    match &filter.rule {
        FilterRule::Values { .. } => {
            let cats = cache.categories(key);
            let kept = cats
                .values
                .iter()
                .map(|v| filter.rule.keeps_value(v))
                .collect();
            let missing = filter.rule.keeps_value("");
            Check::Codes(cats, kept, missing)
        }
        FilterRule::Range { min, max } => Check::Range(
            cache.numbers(key),
            min.unwrap_or(f64::NEG_INFINITY),
            max.unwrap_or(f64::INFINITY),
        ),
        FilterRule::Contains { text } => Check::Contains(key, fold(text.trim())),
    }
}

fn passes(check: &Check, table: &crate::data::properties::PropertyTable, row: usize) -> bool {
    match check {
        Check::Codes(cats, kept, missing) => match cats.codes.get(row) {
            Some(&NO_VALUE) | None => *missing,
            Some(&code) => kept.get(code as usize).copied().unwrap_or(false),
        },
        Check::Range(numbers, min, max) => numbers
            .get(row)
            .is_some_and(|n| !n.is_nan() && (*min..=*max).contains(n)),
        Check::Contains(key, needle) => {
            needle.is_empty()
                || table
                    .text(row, *key)
                    .is_some_and(|text| contains_folded(&text, needle))
        }
        Check::Missing => false,
        Check::All => true,
    }
}
