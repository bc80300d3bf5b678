//! What a layer's filters, time range and style leave of its points: each point's class (its
//! colour), the prefix sums every cluster's counts come from, and the dated points per class
//! for the time bar. Computed on a background thread from what the layer shares ([`Shared`]),
//! then swapped in whole, so the map keeps drawing the previous state until the new one is
//! ready.

use std::sync::Arc;

use super::visible::Visible;
use super::{Kind, Leaves, UNDATED, steps::DateOrder};
use crate::data::thematic::filter::{PASSES_FILTERS, SHOWN};

/// What the map reads of the points' current filter and style.
#[derive(Debug, Clone, Default)]
pub struct PointState {
    pub kinds: Vec<Kind>,
    /// The column the kinds come from, if any.
    pub column: Option<String>,
    /// Per point (depth-first), its kind.
    pub(super) kind: Vec<u8>,
    pub(super) visible: Visible,
    /// Per kind, the days of its dated points that pass the column filters, sorted.
    pub(super) days_by_kind: Vec<Vec<i32>>,
    /// Per feature, its [`crate::data::thematic::Evaluation`] flags (`None`: all shown).
    pub(super) flags: Option<Arc<Vec<u8>>>,
    /// Per kind, a marker radius multiple (a graduated size style), else deaths size markers.
    pub(super) sizes: Option<Vec<f32>>,
    /// The heatmap the style asks for, if it is one.
    pub(super) heat: Option<Arc<super::heat::HeatSpec>>,
}

/// What a background job needs of a point layer to compute a state.
#[derive(Debug, Clone)]
pub struct Shared {
    pub(super) leaves: Arc<Leaves>,
    pub(super) order: Arc<DateOrder>,
}

/// A state's classes: the kinds, which kind each feature has, and optional sizes.
#[derive(Debug, Clone, Default)]
pub struct StateClasses<'a> {
    pub kinds: Vec<Kind>,
    pub column: Option<String>,
    /// Per feature, its kind (`None`: all kind 0).
    pub of_feature: Option<&'a [u8]>,
    pub sizes: Option<Vec<f32>>,
    pub heat: Option<Arc<super::heat::HeatSpec>>,
}

impl Shared {
    /// The state for `flags` (per feature) and `classes`.
    pub fn state(&self, flags: Option<Arc<Vec<u8>>>, classes: StateClasses<'_>) -> PointState {
        let features = &self.leaves.feature;
        let kind: Vec<u8> = match classes.of_feature {
            Some(of) => features
                .iter()
                .map(|&f| of.get(f as usize).copied().unwrap_or(0))
                .collect(),
            None => vec![0; features.len()],
        };
        self.state_with(flags, kind, classes)
    }

    /// The state for `flags` with each point's kind given.
    pub(super) fn state_with(
        &self,
        flags: Option<Arc<Vec<u8>>>,
        kind: Vec<u8>,
        classes: StateClasses<'_>,
    ) -> PointState {
        let leaves = &self.leaves;
        let kind_count = classes.kinds.len().max(1);
        let flag = |feature: u32| {
            flags
                .as_ref()
                .map_or(SHOWN, |f| f.get(feature as usize).copied().unwrap_or(SHOWN))
        };
        let visible = Visible::compute(&leaves.pos, &kind, kind_count, |i| {
            flag(leaves.feature[i]) == SHOWN
        });
        let mut days_by_kind = vec![Vec::new(); kind_count];
        for &i in self.order.get_or_init(|| super::steps::date_order(leaves)) {
            let i = i as usize;
            if flag(leaves.feature[i]) & PASSES_FILTERS != 0
                && let Some(days) = days_by_kind.get_mut(kind[i] as usize)
            {
                days.push(leaves.day[i]);
            }
        }
        debug_assert!(days_by_kind.iter().flatten().all(|&d| d != UNDATED));
        PointState {
            kinds: classes.kinds,
            column: classes.column,
            kind,
            visible,
            days_by_kind,
            flags,
            sizes: classes.sizes,
            heat: classes.heat,
        }
    }
}
