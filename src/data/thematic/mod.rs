//! Asking a layer's data: filters on any column ([`filter`]), styles by a column
//! ([`classify`]), both over a layer's columns encoded once ([`columns`]). A layer's
//! [`LayerSettings`] are the one model the map, the legend, the time bar, the table, the export
//! and (later) the project file read; [`compute`] turns them into what is shown, off the UI
//! thread.

pub mod areas;
pub mod args;
mod breaks;
pub mod classify;
pub mod columns;
pub mod filter;

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub use classify::{Class, Classification, Classing, GraduateBy, StyleRule, classify};
pub use columns::{Categories, ColumnCache, ColumnKind, ColumnProfile};
pub use filter::{ColumnFilter, Evaluation, FilterRule, evaluate};

/// What a user chose for one layer: its filters and its style.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LayerSettings {
    pub filters: Vec<ColumnFilter>,
    pub style: StyleRule,
}

impl LayerSettings {
    /// The filters that do something.
    pub fn active_filters(&self) -> impl Iterator<Item = &ColumnFilter> {
        self.filters.iter().filter(|f| !f.rule.is_open())
    }

    /// "event_type: Explosions/Remote violence; fatalities ≥ 1", for a legend.
    pub fn describe_filters(&self) -> Vec<String> {
        self.active_filters().map(describe).collect()
    }

    /// The checklist on `column`, made if there is none.
    pub fn checklist(&mut self, column: &str) -> &mut FilterRule {
        let at = match self
            .filters
            .iter()
            .position(|f| f.column == column && matches!(f.rule, FilterRule::Values { .. }))
        {
            Some(at) => at,
            None => {
                self.filters
                    .push(ColumnFilter::new(column, FilterRule::all_values()));
                self.filters.len() - 1
            }
        };
        &mut self.filters[at].rule
    }
}

/// One filter in words.
fn describe(filter: &ColumnFilter) -> String {
    let column = &filter.column;
    let shown = |v: &String| {
        if v.is_empty() {
            "(no value)".to_owned()
        } else {
            v.clone()
        }
    };
    match &filter.rule {
        FilterRule::Values { values, keep } => {
            let list: Vec<String> = values.iter().take(4).map(shown).collect();
            let more = if values.len() > 4 {
                format!(" and {} more", values.len() - 4)
            } else {
                String::new()
            };
            let verb = if *keep { "" } else { "not " };
            format!("{column}: {verb}{}{more}", list.join(", "))
        }
        FilterRule::Range { min, max } => match (min, max) {
            (Some(a), Some(b)) => format!("{column}: {a} to {b}"),
            (Some(a), None) => format!("{column} ≥ {a}"),
            (None, Some(b)) => format!("{column} ≤ {b}"),
            (None, None) => format!("{column}: any"),
        },
        FilterRule::Contains { text } => format!("{column} contains \"{}\"", text.trim()),
    }
}

/// What a layer's settings show: which rows, the facets' counts, the style's classes and how
/// many of each class are shown.
#[derive(Debug, Clone, Default)]
pub struct ThemeResult {
    pub evaluation: Evaluation,
    pub classes: Option<Arc<Classification>>,
    /// Per class, rows shown.
    pub class_shown: Vec<u32>,
}

/// The last classification made, kept while the style stays the same.
#[derive(Debug, Default)]
pub struct ClassCache(Mutex<Option<(StyleRule, Arc<Classification>)>>);

impl ClassCache {
    fn get(&self, cache: &ColumnCache, rule: &StyleRule) -> Option<Arc<Classification>> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((r, classes)) = kept.as_ref()
            && r == rule
        {
            return Some(classes.clone());
        }
        let classes = Arc::new(classify(cache, rule)?);
        *kept = Some((rule.clone(), classes.clone()));
        Some(classes)
    }
}

/// Apply `settings` and the time bar's day range to a layer (all cores; run it off the UI
/// thread for large layers).
pub fn compute(
    cache: &ColumnCache,
    classes: &ClassCache,
    settings: &LayerSettings,
    time: Option<(i32, i32)>,
) -> ThemeResult {
    let evaluation = evaluate(cache, &settings.filters, time);
    let classes = classes.get(cache, &settings.style);
    let class_shown = classes
        .as_ref()
        .map(|c| c.shown_counts(&evaluation.flags))
        .unwrap_or_default();
    ThemeResult {
        evaluation,
        classes,
        class_shown,
    }
}
