//! Styles by a column, as QGIS's categorized and graduated renderers draw them: a colour per
//! value (Tableau 10, made to stay distinguishable under the common colour-vision deficiencies,
//! the rarer values sharing grey as "Other"), or classes of a number column by quantile or
//! equal interval on a sequential ramp (ColorBrewer's YlOrRd), as colours or marker sizes.
//! Classes are found over the whole layer, so colours stay put while filters change; counts
//! follow the filters.
//!
//! ```
//! use std::sync::Arc;
//! use strikemap::data::properties::PropertyTable;
//! use strikemap::data::thematic::{classify, Classing, ColumnCache, GraduateBy, StyleRule};
//!
//! let rows: Vec<String> = (0..100).map(|i| format!(r#"{{"fatalities": {i}}}"#)).collect();
//! let cache = ColumnCache::new(Arc::new(PropertyTable::from_json_objects(&rows)));
//! let rule = StyleRule::Graduated {
//!     column: "fatalities".into(),
//!     method: Classing::Quantile,
//!     classes: 4,
//!     by: GraduateBy::Colour,
//! };
//! let classes = classify(&cache, &rule).unwrap();
//! assert_eq!(classes.breaks, [0.0, 25.0, 50.0, 75.0, 99.0]);
//! // Each class holds the values above its lower break up to its upper one (the first its
//! // lower one too), as QGIS's graduated classes do.
//! assert_eq!(classes.classes.iter().map(|c| c.total).collect::<Vec<_>>(), [26, 25, 25, 24]);
//! assert_eq!(classes.of_row[30], 1);
//! ```

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use super::breaks::{breaks, diverging_breaks};
use super::columns::{ColumnCache, ColumnKind, NO_VALUE};
use super::filter::SHOWN;

/// Most classes a style has (the categorical palette's size).
pub const MAX_CLASSES: usize = 10;
/// The class of rows without a value.
pub const NO_VALUE_LABEL: &str = "(no value)";
/// The colour of "Other" and of rows without a value.
pub const GREY: [u8; 3] = [186, 176, 171];

/// How a layer's features are coloured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "style", rename_all = "snake_case")]
pub enum StyleRule {
    /// The layer's one colour.
    #[default]
    Single,
    /// A colour per value of a column.
    Categorized { column: String },
    /// Classes of a number column.
    Graduated {
        column: String,
        method: Classing,
        classes: usize,
        by: GraduateBy,
    },
    /// A density surface of the points, counted or weighted by a number column.
    Heatmap { weight: Option<String>, radius: f32 },
}

impl StyleRule {
    /// The column the style reads, if any.
    pub fn column(&self) -> Option<&str> {
        match self {
            Self::Categorized { column } | Self::Graduated { column, .. } => Some(column),
            Self::Heatmap { weight, .. } => weight.as_deref(),
            Self::Single => None,
        }
    }
}

/// How class breaks are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classing {
    /// The same number of features in each class.
    Quantile,
    /// Classes of the same width from the smallest value to the largest.
    EqualInterval,
}

/// What a graduated style varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraduateBy {
    Colour,
    Size,
}

/// One class of a style: its legend label, colour, marker size and the rows it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub label: String,
    pub rgb: [u8; 3],
    /// Marker radius, as a multiple of the usual.
    pub size: f32,
    /// For a categorized style, the values the class stands for ("Other" stands for many).
    pub values: Vec<String>,
    /// Rows of the whole layer in the class.
    pub total: u32,
}

/// A style's classes and each row's class.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Classification {
    pub column: String,
    pub classes: Vec<Class>,
    /// Per row, its class.
    pub of_row: Vec<u8>,
    /// A graduated style's class limits (classes + 1 of them), lowest first.
    pub breaks: Vec<f64>,
}

impl Classification {
    /// Rows of each class that are shown (`flags` from [`super::evaluate`]).
    pub fn shown_counts(&self, flags: &[u8]) -> Vec<u32> {
        let mut counts = vec![0u32; self.classes.len()];
        for (row, &class) in self.of_row.iter().enumerate() {
            if flags.get(row).is_none_or(|&f| f == SHOWN)
                && let Some(c) = counts.get_mut(class as usize)
            {
                *c += 1;
            }
        }
        counts
    }
}

/// The classes of `rule` over the layer; `None` for a style without classes, or a column the
/// layer lacks.
pub fn classify(cache: &ColumnCache, rule: &StyleRule) -> Option<Classification> {
    match rule {
        StyleRule::Categorized { column } => categorized(cache, column),
        StyleRule::Graduated {
            column,
            method,
            classes,
            by,
        } => graduated(
            cache,
            column,
            *method,
            (*classes).clamp(2, MAX_CLASSES - 1),
            *by,
        ),
        StyleRule::Single | StyleRule::Heatmap { .. } => None,
    }
}

/// A colour per value, the most frequent first; values past the palette share "Other".
fn categorized(cache: &ColumnCache, column: &str) -> Option<Classification> {
    let key = cache.table().key(column)?;
    let cats = cache.categories(key);
    let palette = colorous::TABLEAU10;
    let own = if cats.values.len() + usize::from(cats.missing > 0) <= MAX_CLASSES {
        cats.values.len()
    } else {
        MAX_CLASSES - 1
    };
    // Tableau's grey is kept for "Other" and "(no value)".
    let colour = |i: usize| if i < 9 { palette[i].as_array() } else { GREY };
    let mut classes: Vec<Class> = (0..own)
        .map(|i| Class {
            label: cats.values[i].clone(),
            rgb: colour(i),
            size: 1.0,
            values: vec![cats.values[i].clone()],
            total: cats.counts[i],
        })
        .collect();
    let rest = own..cats.values.len();
    if cats.missing > 0 || !rest.is_empty() {
        classes.push(Class {
            label: if rest.is_empty() {
                "(no value)"
            } else {
                "Other"
            }
            .to_owned(),
            rgb: GREY,
            size: 1.0,
            values: cats.values[rest.clone()]
                .iter()
                .cloned()
                .chain((cats.missing > 0).then(String::new))
                .collect(),
            total: cats.counts[rest].iter().sum::<u32>() + cats.missing,
        });
    }
    let other = own as u8;
    let of_row = cats
        .codes
        .par_iter()
        .map(|&c| {
            if c == NO_VALUE || c as usize >= own {
                other
            } else {
                c as u8
            }
        })
        .collect();
    Some(Classification {
        column: column.to_owned(),
        classes,
        of_row,
        breaks: Vec::new(),
    })
}

/// Classes of a number column on the YlOrRd ramp, by quantile or equal interval.
fn graduated(
    cache: &ColumnCache,
    column: &str,
    method: Classing,
    count: usize,
    by: GraduateBy,
) -> Option<Classification> {
    let key = cache.table().key(column)?;
    let numbers = cache.numbers(key);
    let mut sorted: Vec<f64> = numbers
        .par_iter()
        .copied()
        .filter(|n| !n.is_nan())
        .collect();
    sorted.par_sort_unstable_by(f64::total_cmp);
    let diverging =
        sorted.first().is_some_and(|&lo| lo < 0.0) && sorted.last().is_some_and(|&hi| hi > 0.0);
    let breaks = if diverging {
        diverging_breaks(&sorted, method, count)
    } else {
        breaks(&sorted, method, count)
    };
    let classes_n = breaks.len().saturating_sub(1).max(1);
    let class_of = |n: f64| -> u8 {
        if n.is_nan() {
            return classes_n as u8;
        }
        // Each class holds values above its lower break, up to and including its upper one;
        // the first also holds the lowest value.
        let above = breaks[1..].partition_point(|&b| b < n);
        above.min(classes_n - 1) as u8
    };
    let of_row: Vec<u8> = numbers.par_iter().map(|&n| class_of(n)).collect();
    let mut totals = vec![0u32; classes_n + 1];
    for &c in &of_row {
        totals[c as usize] += 1;
    }
    let mut classes: Vec<Class> = (0..classes_n)
        .map(|i| {
            let t = if classes_n == 1 {
                1.0
            } else {
                i as f64 / (classes_n - 1) as f64
            };
            let (rgb, size) = class_look(by, diverging, t);
            let (lo, hi) = (
                breaks.get(i).copied().unwrap_or(0.0),
                breaks.get(i + 1).copied().unwrap_or(0.0),
            );
            Class {
                label: format!("{} – {}", number_text(lo), number_text(hi)),
                rgb,
                size,
                values: Vec::new(),
                total: totals[i],
            }
        })
        .collect();
    if totals[classes_n] > 0 {
        classes.push(Class {
            label: NO_VALUE_LABEL.to_owned(),
            rgb: GREY,
            size: 0.7,
            values: Vec::new(),
            total: totals[classes_n],
        });
    }
    Some(Classification {
        column: column.to_owned(),
        classes,
        of_row,
        breaks,
    })
}

/// A graduated class's colour and marker size at `t` (0 the lowest class, 1 the highest).
fn class_look(by: GraduateBy, diverging: bool, t: f64) -> ([u8; 3], f32) {
    match by {
        // A rise red, a fall blue, no change pale (ColorBrewer's RdBu).
        GraduateBy::Colour if diverging => (
            colorous::RED_BLUE
                .eval_continuous(0.95 - 0.9 * t)
                .as_array(),
            1.0,
        ),
        GraduateBy::Colour => (
            colorous::YELLOW_ORANGE_RED
                .eval_continuous(0.2 + 0.8 * t)
                .as_array(),
            1.0,
        ),
        GraduateBy::Size => (
            colorous::YELLOW_ORANGE_RED.eval_continuous(0.85).as_array(),
            0.7 + 1.6 * t as f32,
        ),
    }
}

/// A class limit as a legend writes it: whole numbers without decimals.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = crate::format::thousands(n.abs() as usize);
        if n < 0.0 {
            format!("−{digits}")
        } else {
            digits
        }
    } else if n < 0.0 {
        format!("−{:.1}", -n)
    } else {
        format!("{n:.1}")
    }
}

/// The style a layer starts with: its kind column's values, where it has one (ACLED's
/// `event_type`, a GPX or KML `type`, a KML placemark's style), else one colour.
pub fn default_rule(cache: &ColumnCache) -> StyleRule {
    let kind = crate::data::event_columns::EventColumns::detect(cache.table());
    let named = kind
        .kind_name(cache.table())
        .map(str::to_owned)
        .into_iter()
        .chain(["styleUrl".to_owned()]);
    for column in named {
        if cache
            .profile(&column)
            .is_some_and(|p| p.kind == ColumnKind::Categories)
        {
            return StyleRule::Categorized { column };
        }
    }
    StyleRule::Single
}
