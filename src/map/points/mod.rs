//! The points of an opened file, clustered: at low zoom nearby points become one marker with a
//! count and a ring of its kinds' colours; zoomed in, single markers. A date filter changes the
//! counts, kinds and centres of the clusters at once ([`visible`]), never the clustering, which is
//! built once in the background ([`cluster`]).

pub mod cluster;
pub mod heat;
pub mod heat_grid;
pub mod paint;
pub mod state;
mod steps;
pub mod visible;

use std::sync::Arc;

use egui::Color32;
use rayon::prelude::*;

use crate::data::event_columns::EventColumns;
use crate::data::properties::PropertyTable;
use crate::data::thematic::filter::{PASSES_FILTERS, SHOWN};
use crate::map::vector::store::Fixed;
use cluster::{ClusterIndex, Item};
pub use state::{PointState, Shared, StateClasses};

pub use paint::{PointsPlugin, PointsView};

/// Day number of a point without a readable date.
pub const UNDATED: i32 = i32::MIN;

/// One kind of point: a class of the layer's style, its colour and how many points it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Kind {
    pub name: String,
    pub color: Color32,
    pub count: usize,
}

/// The points' attributes, in the clusters' depth-first order.
#[derive(Debug, Default)]
struct Leaves {
    pos: Vec<Fixed>,
    feature: Vec<u32>,
    day: Vec<i32>,
    /// 0 unknown, else ACLED's geo_precision (2 and 3 are drawn hollow).
    precision: Vec<u8>,
    /// Deaths (ACLED's `fatalities`), at most 255; 0 when unknown. Sizes single markers.
    fatalities: Vec<u8>,
}

/// A clustered point layer.
#[derive(Debug)]
pub struct PointLayer {
    index: ClusterIndex,
    leaves: Arc<Leaves>,
    /// What the filters and the style leave (swapped whole when they change).
    state: PointState,
    /// Bumped whenever what is shown changes.
    pub generation: u64,
    /// Per feature, the depth-first index of its first point (`u32::MAX`: no point).
    first_point: Vec<u32>,
    /// The points in date order, for Previous/Next and the time bar (built when first needed).
    date_order: Arc<steps::DateOrder>,
    /// The heatmap's surface on screen, when the style is one.
    heat_view: heat::HeatView,
}

/// What is under the pointer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointHit {
    /// A single point: its feature.
    Point { feature: usize, at: Fixed },
    /// A cluster of `count` shown points.
    Cluster { item: Item, count: u32, at: Fixed },
}

impl PointLayer {
    /// Cluster `points` (each with its feature), with kinds, dates and precision from the
    /// feature's properties where the table has such columns.
    pub fn new(points: &[(Fixed, u32)], table: &PropertyTable) -> Self {
        let started = std::time::Instant::now();
        let columns = EventColumns::detect(table);
        let positions: Vec<Fixed> = points.iter().map(|(p, _)| *p).collect();
        let index = ClusterIndex::build(&positions);
        drop(positions);
        log::info!("clusters in {:.2?}", started.elapsed());
        let mut leaves = Leaves::default();
        let n = index.order.len();
        leaves.pos.reserve_exact(n);
        leaves.feature.reserve_exact(n);
        leaves.day.reserve_exact(n);
        leaves.precision.reserve_exact(n);
        leaves.fatalities.reserve_exact(n);
        // Each point's day and precision, read on all cores in file order.
        let attributes: Vec<(i32, u8, u8)> = points
            .par_iter()
            .map(|&(_, feature)| {
                let row = feature as usize;
                (
                    columns.day(table, row).unwrap_or(UNDATED),
                    columns.precision(table, row).unwrap_or(0),
                    columns.fatalities(table, row).unwrap_or(0),
                )
            })
            .collect();
        for &i in &index.order {
            let (pos, feature) = points[i as usize];
            let (day, precision, fatalities) = attributes[i as usize];
            leaves.pos.push(pos);
            leaves.feature.push(feature);
            leaves.day.push(day);
            leaves.precision.push(precision);
            leaves.fatalities.push(fatalities);
        }
        drop(attributes);
        log::info!("attributes by {:.2?}", started.elapsed());
        let features = points
            .iter()
            .map(|(_, f)| *f as usize + 1)
            .max()
            .unwrap_or(0);
        let mut first_point = vec![u32::MAX; features];
        for (i, &feature) in leaves.feature.iter().enumerate() {
            let slot = &mut first_point[feature as usize];
            *slot = (*slot).min(i as u32);
        }
        let mut layer = Self {
            index,
            leaves: Arc::new(leaves),
            state: PointState::default(),
            generation: 0,
            first_point,
            date_order: Arc::default(),
            heat_view: heat::HeatView::default(),
        };
        let all = Kind {
            name: "All".to_owned(),
            color: crate::map::style::LAYER_PALETTE[0],
            count: layer.len(),
        };
        let state = layer.shared().state(
            None,
            StateClasses {
                kinds: vec![all],
                ..StateClasses::default()
            },
        );
        layer.apply(state);
        layer
    }

    /// What a background job needs to compute a new state.
    pub fn shared(&self) -> Shared {
        Shared {
            leaves: self.leaves.clone(),
            order: self.date_order.clone(),
        }
    }

    /// Show a state computed for this layer.
    pub fn apply(&mut self, state: PointState) {
        self.state = state;
        self.generation += 1;
    }

    /// The kinds (the style's classes) and how many points of each are shown.
    pub fn kinds(&self) -> &[Kind] {
        &self.state.kinds
    }

    /// The column the kinds come from, if any.
    pub fn kind_column(&self) -> Option<&str> {
        self.state.column.as_deref()
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.leaves.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.leaves.pos.is_empty()
    }

    /// Whether any point has a date.
    pub fn is_dated(&self) -> bool {
        self.leaves.day.iter().any(|&d| d != UNDATED)
    }

    /// First and last day of the dated points.
    pub fn day_span(&self) -> Option<(i32, i32)> {
        let dated = self.leaves.day.iter().filter(|&&d| d != UNDATED);
        let first = dated.clone().min()?;
        let last = dated.max()?;
        Some((*first, *last))
    }

    /// Per kind, how many dated points the column filters leave in `from..=to`.
    pub fn count_between(&self, from: i32, to: i32) -> Vec<usize> {
        self.state
            .days_by_kind
            .iter()
            .map(|days| {
                let a = days.partition_point(|&d| d < from);
                let b = days.partition_point(|&d| d <= to);
                b.saturating_sub(a)
            })
            .collect()
    }

    /// Show only the points dated within `from..=to` (`None`: all points), keeping the kinds:
    /// in the frame, for small layers and tests (the app computes states in the background).
    pub fn set_filter(&mut self, filter: Option<(i32, i32)>) {
        let flags = filter.map(|(from, to)| {
            let mut flags = vec![SHOWN; self.first_point.len()];
            for (feature, &first) in self.first_point.iter().enumerate() {
                if first != u32::MAX && !(from..=to).contains(&self.leaves.day[first as usize]) {
                    flags[feature] = PASSES_FILTERS;
                }
            }
            Arc::new(flags)
        });
        let classes = StateClasses {
            kinds: self.state.kinds.clone(),
            column: self.state.column.clone(),
            of_feature: None,
            sizes: self.state.sizes.clone(),
            heat: self.state.heat.clone(),
        };
        let state = self
            .shared()
            .state_with(flags, self.state.kind.clone(), classes);
        self.apply(state);
    }

    /// Points the filter shows.
    pub fn shown(&self) -> u32 {
        self.state.visible.count(0, self.len() as u32)
    }

    /// Whether a feature is shown (its flags pass); a feature without points is not this
    /// layer's to hide.
    pub fn feature_shown(&self, feature: usize) -> bool {
        self.state
            .flags
            .as_ref()
            .and_then(|f| f.get(feature))
            .is_none_or(|&f| f == SHOWN)
    }

    /// Whether a feature passes the column filters, whatever its date.
    pub fn feature_passes_filters(&self, feature: usize) -> bool {
        self.state
            .flags
            .as_ref()
            .and_then(|f| f.get(feature))
            .is_none_or(|&f| f & PASSES_FILTERS != 0)
    }

    /// The shown points of a cluster, in order: their features.
    pub fn members(&self, item: &Item, limit: usize) -> Vec<usize> {
        let shown = self.state.visible.count(item.start, item.count);
        (0..shown.min(limit as u32))
            .filter_map(|n| self.state.visible.nth(item.start, item.count, n))
            .map(|i| self.leaves.feature[i as usize] as usize)
            .collect()
    }

    /// Shown points per kind in a cluster.
    pub fn kind_counts(&self, item: &Item) -> Vec<u32> {
        self.state.visible.kinds(item.start, item.count)
    }

    /// The cluster level drawn at `zoom`.
    pub fn level_of(zoom: f64) -> u8 {
        zoom.floor().clamp(0.0, cluster::MAX_LEVEL as f64) as u8
    }

    /// Counts per level of the clusters shown (tests: they add up to the shown points).
    pub fn shown_per_cluster(&self, level: u8) -> Vec<u32> {
        self.index
            .items(level)
            .iter()
            .map(|item| self.state.visible.count(item.start, item.count))
            .filter(|&c| c > 0)
            .collect()
    }

    /// The markers shown at `level`: where (longitude, latitude), how many points each holds
    /// (one: a single point), and the level where it parts.
    pub fn markers(&self, level: u8) -> Vec<([f64; 2], u32, u8)> {
        self.index
            .items(level)
            .iter()
            .filter_map(|item| {
                let count = self.state.visible.count(item.start, item.count);
                let centre = self.state.visible.centre(item.start, item.count)?;
                let at = crate::map::projection::from_mercator(
                    crate::map::vector::store::from_fixed(centre),
                );
                Some(([at.x(), at.y()], count, item.expands_at))
            })
            .collect()
    }

    /// The kind of a feature's point, as the layer colours it.
    pub fn kind_of_feature(&self, feature: usize) -> Option<&Kind> {
        let i = self.point_of(feature)?;
        self.state.kinds.get(self.state.kind[i] as usize)
    }

    /// The depth-first index of a feature's first point.
    fn point_of(&self, feature: usize) -> Option<usize> {
        let i = *self.first_point.get(feature)?;
        (i != u32::MAX).then_some(i as usize)
    }

    /// Where a feature's first point is.
    pub fn position_of(&self, feature: usize) -> Option<Fixed> {
        Some(self.leaves.pos[self.point_of(feature)?])
    }
}
