//! Stepping through a file's events in time (Previous/Next, ← and →): the shown, dated point
//! just before or after the selected one, in date order, ties in file order.

use std::sync::OnceLock;

use rayon::prelude::*;

use super::{Leaves, PointLayer, UNDATED};

/// The points' depth-first indices in date order, built when first asked for.
pub type DateOrder = OnceLock<Vec<u32>>;

/// The dated points' depth-first indices by date, ties in feature order.
pub(super) fn date_order(leaves: &Leaves) -> Vec<u32> {
    let (day, features) = (&leaves.day, &leaves.feature);
    let mut order: Vec<u32> = (0..day.len() as u32)
        .filter(|&i| day[i as usize] != UNDATED)
        .collect();
    order.par_sort_unstable_by_key(|&i| (day[i as usize], features[i as usize]));
    order
}

impl PointLayer {
    /// The feature of the shown, dated point after (`forward`) or before `feature`'s in time;
    /// the first or last such point when `feature` is `None` or has no dated point here.
    pub fn step_by_date(&self, feature: Option<usize>, forward: bool) -> Option<usize> {
        let (day, features) = (&self.leaves.day, &self.leaves.feature);
        let order = self.date_order.get_or_init(|| date_order(&self.leaves));
        let key = |i: u32| (day[i as usize], features[i as usize]);
        let shown = |i: &&u32| self.feature_shown(features[**i as usize] as usize);
        let current = feature
            .and_then(|f| self.point_of(f))
            .filter(|&i| day[i] != UNDATED)
            .map(|i| key(i as u32));
        let next = match (current, forward) {
            (Some(here), true) => {
                let after = order.partition_point(|&i| key(i) <= here);
                order[after..].iter().find(shown)
            }
            (Some(here), false) => {
                let before = order.partition_point(|&i| key(i) < here);
                order[..before].iter().rev().find(shown)
            }
            (None, true) => order.iter().find(shown),
            (None, false) => order.iter().rev().find(shown),
        };
        next.map(|&i| features[i as usize] as usize)
    }
}

#[cfg(test)]
mod tests {
    use crate::data::properties::PropertyTable;
    use crate::map::points::PointLayer;
    use crate::map::projection::to_mercator;
    use crate::map::vector::store::to_fixed;

    #[test]
    fn steps_go_by_date_and_skip_what_the_filter_hides() {
        let table = PropertyTable::from_json_objects(&[
            r#"{"date": "2024-01-03"}"#,
            r#"{"date": "2024-01-01"}"#,
            r#"{}"#,
            r#"{"date": "2024-01-02"}"#,
            r#"{"date": "2024-01-02"}"#,
        ]);
        let points: Vec<_> = (0..5u32)
            .map(|f| (to_fixed(to_mercator(60.0 + f as f64, 29.0)), f))
            .collect();
        let mut layer = PointLayer::new(&points, &table);
        assert_eq!(layer.step_by_date(None, true), Some(1));
        assert_eq!(layer.step_by_date(Some(1), true), Some(3));
        assert_eq!(layer.step_by_date(Some(3), true), Some(4));
        assert_eq!(layer.step_by_date(Some(4), true), Some(0));
        assert_eq!(layer.step_by_date(Some(0), true), None);
        assert_eq!(layer.step_by_date(Some(0), false), Some(4));
        assert_eq!(layer.step_by_date(None, false), Some(0));
        let day = crate::data::event_columns::parse_day("2024-01-02").unwrap();
        layer.set_filter(Some((day, day)));
        assert_eq!(layer.step_by_date(Some(1), true), Some(3));
        assert_eq!(layer.step_by_date(Some(4), true), None);
    }
}
