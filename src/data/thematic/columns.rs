//! A layer's columns read once for filtering and styling: what kind each column is (a few
//! values to tick, numbers for a range, free text to search), and, for the columns a filter or
//! a style uses, their values encoded per row (a code into the column's distinct values, or a
//! number), so that a filter change re-reads codes, not text. Encoded on the background thread
//! that first needs a column, and kept.
//!
//! ```
//! use std::sync::Arc;
//! use strikemap::data::properties::PropertyTable;
//! use strikemap::data::thematic::{ColumnCache, ColumnKind};
//!
//! let table = PropertyTable::from_json_objects(&[
//!     r#"{"event_type": "Protests", "fatalities": 0}"#,
//!     r#"{"event_type": "Battles", "fatalities": 3}"#,
//!     r#"{"event_type": "Protests", "fatalities": 1}"#,
//! ]);
//! let cache = ColumnCache::new(Arc::new(table));
//! let kinds: Vec<_> = cache.profiles().iter().map(|p| (p.name.as_str(), p.kind)).collect();
//! assert_eq!(kinds, [("event_type", ColumnKind::Categories), ("fatalities", ColumnKind::Number)]);
//! let types = cache.categories(0);
//! assert_eq!(types.values, ["Protests", "Battles"], "most frequent first");
//! assert_eq!(types.codes, [0, 1, 0]);
//! assert_eq!(cache.numbers(1)[1], 3.0);
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::data::event_columns::EventColumns;
use crate::data::properties::PropertyTable;

/// Rows sampled to tell a column's kind.
const SAMPLE_ROWS: usize = 4000;
/// A text column with at most this many distinct values (in the sample) is ticked by value.
pub const MAX_CATEGORIES: usize = 400;
/// A column of at most this many distinct values is ticked by value even when they rarely
/// repeat (a small file's names).
const FEW_VALUES: usize = 20;
/// The code of a row without a value.
pub const NO_VALUE: u32 = u32::MAX;

/// How a column is filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Few distinct values: a checklist with counts.
    Categories,
    /// Numbers: a range.
    Number,
    /// Many distinct values: "contains".
    Text,
}

/// What a column is, from a sample of its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnProfile {
    pub name: String,
    /// Its key in the layer's table.
    pub key: usize,
    pub kind: ColumnKind,
}

/// A column's distinct values, most frequent first, and each row's code into them.
#[derive(Debug, Default)]
pub struct Categories {
    pub values: Vec<String>,
    /// Rows holding each value, over the whole layer.
    pub counts: Vec<u32>,
    /// Per row, its value's index ([`NO_VALUE`]: none).
    pub codes: Vec<u32>,
    /// Rows without a value.
    pub missing: u32,
}

impl Categories {
    /// The code of a value, if any row has it.
    pub fn code_of(&self, value: &str) -> Option<u32> {
        self.values
            .iter()
            .position(|v| v == value)
            .map(|c| c as u32)
    }
}

/// Encoded columns of one layer, shared by the panel and the background jobs.
#[derive(Debug)]
pub struct ColumnCache {
    table: Arc<PropertyTable>,
    profiles: OnceLock<Vec<ColumnProfile>>,
    categories: Mutex<HashMap<usize, Arc<Categories>>>,
    numbers: Mutex<HashMap<usize, Arc<Vec<f64>>>>,
    days: OnceLock<Arc<Vec<i32>>>,
}

impl ColumnCache {
    pub fn new(table: Arc<PropertyTable>) -> Self {
        Self {
            table,
            profiles: OnceLock::new(),
            categories: Mutex::default(),
            numbers: Mutex::default(),
            days: OnceLock::new(),
        }
    }

    pub fn table(&self) -> &Arc<PropertyTable> {
        &self.table
    }

    /// Rows in the layer.
    pub fn rows(&self) -> usize {
        self.table.len()
    }

    /// Every column's kind (sampled once: a few milliseconds).
    pub fn profiles(&self) -> &[ColumnProfile] {
        self.profiles.get_or_init(|| profile(&self.table))
    }

    /// The profile of the column named `name`.
    pub fn profile(&self, name: &str) -> Option<&ColumnProfile> {
        self.profiles().iter().find(|p| p.name == name)
    }

    /// A column's values encoded (built on all cores the first time).
    pub fn categories(&self, key: usize) -> Arc<Categories> {
        if let Some(done) = lock(&self.categories).get(&key) {
            return done.clone();
        }
        let built = Arc::new(encode(&self.table, key));
        lock(&self.categories).insert(key, built.clone());
        built
    }

    /// A column's values already encoded, without building them (for the panel).
    pub fn categories_if_built(&self, key: usize) -> Option<Arc<Categories>> {
        lock(&self.categories).get(&key).cloned()
    }

    /// A column's values as numbers (NaN: none, or not a number).
    pub fn numbers(&self, key: usize) -> Arc<Vec<f64>> {
        if let Some(done) = lock(&self.numbers).get(&key) {
            return done.clone();
        }
        let table = &self.table;
        let built: Arc<Vec<f64>> = Arc::new(
            (0..table.len())
                .into_par_iter()
                .map(|row| table.number(row, key).unwrap_or(f64::NAN))
                .collect(),
        );
        lock(&self.numbers).insert(key, built.clone());
        built
    }

    /// Whether any row has a date.
    pub fn is_dated(&self) -> bool {
        self.days().iter().any(|&d| d != i32::MIN)
    }

    /// Each row's day (the event date), [`crate::map::points::UNDATED`]-like `i32::MIN` where
    /// it has none.
    pub fn days(&self) -> Arc<Vec<i32>> {
        self.days
            .get_or_init(|| {
                let table = &self.table;
                let columns = EventColumns::detect(table);
                Arc::new(
                    (0..table.len())
                        .into_par_iter()
                        .map(|row| columns.day(table, row).unwrap_or(i32::MIN))
                        .collect(),
                )
            })
            .clone()
    }
}

/// A row's value as text, a JSON `null` being no value.
fn value_text(table: &PropertyTable, row: usize, key: usize) -> Option<std::borrow::Cow<'_, str>> {
    let text = table.text(row, key)?;
    if text == "null" && table.raw(row, key).as_deref() == Some("null") {
        return None;
    }
    Some(text)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Each column's kind from evenly spaced rows: numbers where every value read is one, a
/// checklist where values repeat, else free text.
fn profile(table: &PropertyTable) -> Vec<ColumnProfile> {
    let step = (table.len() / SAMPLE_ROWS).max(1);
    let sample: Vec<usize> = (0..table.len()).step_by(step).take(SAMPLE_ROWS).collect();
    (0..table.keys().len())
        .map(|key| {
            let mut distinct = std::collections::HashSet::new();
            let (mut present, mut numbers) = (0usize, 0usize);
            for &row in &sample {
                let Some(text) = value_text(table, row, key) else {
                    continue;
                };
                present += 1;
                if text.trim().parse::<f64>().is_ok_and(f64::is_finite) {
                    numbers += 1;
                }
                if distinct.len() <= MAX_CATEGORIES {
                    distinct.insert(text.into_owned());
                }
            }
            let kind = if present > 0 && numbers == present {
                ColumnKind::Number
            } else if distinct.len() <= MAX_CATEGORIES
                && (distinct.len() * 2 <= present || distinct.len() <= FEW_VALUES)
            {
                ColumnKind::Categories
            } else {
                ColumnKind::Text
            };
            ColumnProfile {
                name: table.keys()[key].clone(),
                key,
                kind,
            }
        })
        .collect()
}

/// A column's distinct values and each row's code, in blocks on all cores.
fn encode(table: &PropertyTable, key: usize) -> Categories {
    const BLOCK: usize = 16_384;
    let blocks: Vec<(Vec<String>, Vec<u32>)> = (0..table.len().div_ceil(BLOCK))
        .into_par_iter()
        .map(|b| {
            let mut local: HashMap<String, u32> = HashMap::new();
            let mut values = Vec::new();
            let rows = b * BLOCK..((b + 1) * BLOCK).min(table.len());
            let codes = rows
                .map(|row| {
                    let Some(text) = value_text(table, row, key) else {
                        return NO_VALUE;
                    };
                    if let Some(&code) = local.get(text.as_ref()) {
                        return code;
                    }
                    let code = values.len() as u32;
                    local.insert(text.to_string(), code);
                    values.push(text.into_owned());
                    code
                })
                .collect();
            (values, codes)
        })
        .collect();
    let mut global: HashMap<String, u32> = HashMap::new();
    let mut values: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut codes = Vec::with_capacity(table.len());
    let mut missing = 0;
    for (local_values, local_codes) in blocks {
        let map: Vec<u32> = local_values
            .into_iter()
            .map(|value| {
                *global.entry(value).or_insert_with_key(|value| {
                    values.push(value.clone());
                    counts.push(0);
                    values.len() as u32 - 1
                })
            })
            .collect();
        for code in local_codes {
            let global = map.get(code as usize).copied().unwrap_or(NO_VALUE);
            match counts.get_mut(global as usize) {
                Some(count) => *count += 1,
                None => missing += 1,
            }
            codes.push(global);
        }
    }
    sort_by_count(values, counts, codes, missing)
}

/// Renumber the values most frequent first (ties by value).
fn sort_by_count(
    values: Vec<String>,
    counts: Vec<u32>,
    codes: Vec<u32>,
    missing: u32,
) -> Categories {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| {
        counts[b]
            .cmp(&counts[a])
            .then_with(|| values[a].cmp(&values[b]))
    });
    let mut renumber = vec![0u32; values.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new as u32;
    }
    let codes = codes
        .into_par_iter()
        .map(|c| renumber.get(c as usize).copied().unwrap_or(NO_VALUE))
        .collect();
    Categories {
        counts: order.iter().map(|&i| counts[i]).collect(),
        values: order.iter().map(|&i| values[i].clone()).collect(),
        codes,
        missing,
    }
}
