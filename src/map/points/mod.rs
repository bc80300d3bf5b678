//! The points of an opened file, clustered: at low zoom nearby points become one marker with a
//! count and a ring of its kinds' colours; zoomed in, single markers. A date filter changes the
//! counts, kinds and centres of the clusters at once ([`visible`]), never the clustering, which is
//! built once in the background ([`cluster`]).

pub mod cluster;
pub mod paint;
mod steps;
pub mod visible;

use egui::Color32;
use rayon::prelude::*;

use crate::data::event_columns::EventColumns;
use crate::data::properties::PropertyTable;
use crate::map::style;
use crate::map::vector::store::Fixed;
use cluster::{ClusterIndex, Item};
use visible::Visible;

pub use paint::{PointsPlugin, PointsView};

/// Most kinds coloured apart; the rarer ones share the last colour as "Other".
pub const MAX_KINDS: usize = style::KIND_COLORS.len();

/// Day number of a point without a readable date.
pub const UNDATED: i32 = i32::MIN;

/// One kind of point: a value of the kind column, its colour and how many points have it.
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
    kind: Vec<u8>,
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
    leaves: Leaves,
    pub kinds: Vec<Kind>,
    /// The column the kinds come from, if any.
    pub kind_column: Option<String>,
    /// Per kind, the days of its dated points, sorted (for the time bar's histogram).
    days_by_kind: Vec<Vec<i32>>,
    /// The date range shown (`None`: all, undated points included).
    filter: Option<(i32, i32)>,
    visible: Visible,
    /// Bumped whenever the filter changes what is shown.
    pub generation: u64,
    /// Per feature, the depth-first index of its first point (`u32::MAX`: no point).
    first_point: Vec<u32>,
    /// The points in date order, for Previous/Next (built when first asked for).
    date_order: steps::DateOrder,
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
        let (kinds, kind_of_feature) = kinds_of(points, table, &columns);
        let kinded = started.elapsed();
        let positions: Vec<Fixed> = points.iter().map(|(p, _)| *p).collect();
        let index = ClusterIndex::build(&positions);
        drop(positions);
        log::info!(
            "kinds in {kinded:.2?}, clusters by {:.2?}",
            started.elapsed()
        );
        let mut leaves = Leaves::default();
        let n = index.order.len();
        leaves.pos.reserve_exact(n);
        leaves.feature.reserve_exact(n);
        leaves.kind.reserve_exact(n);
        leaves.day.reserve_exact(n);
        leaves.precision.reserve_exact(n);
        leaves.fatalities.reserve_exact(n);
        // Each point's kind, day and precision, read on all cores in file order.
        let attributes: Vec<(u8, i32, u8, u8)> = points
            .par_iter()
            .map(|&(_, feature)| {
                let row = feature as usize;
                (
                    kind_of_feature(row),
                    columns.day(table, row).unwrap_or(UNDATED),
                    columns.precision(table, row).unwrap_or(0),
                    columns.fatalities(table, row).unwrap_or(0),
                )
            })
            .collect();
        let mut days_by_kind = vec![Vec::new(); kinds.len().max(1)];
        for &i in &index.order {
            let (pos, feature) = points[i as usize];
            let (kind, day, precision, fatalities) = attributes[i as usize];
            leaves.pos.push(pos);
            leaves.feature.push(feature);
            leaves.kind.push(kind);
            leaves.day.push(day);
            leaves.precision.push(precision);
            leaves.fatalities.push(fatalities);
            if day != UNDATED
                && let Some(days) = days_by_kind.get_mut(kind as usize)
            {
                days.push(day);
            }
        }
        drop(attributes);
        days_by_kind.iter_mut().for_each(|d| d.sort_unstable());
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
        let kind_column = columns.kind_name(table).map(str::to_owned);
        let mut layer = Self {
            index,
            leaves,
            kinds,
            kind_column,
            days_by_kind,
            filter: None,
            visible: Visible::default(),
            generation: 0,
            first_point,
            date_order: steps::DateOrder::new(),
        };
        layer.recompute();
        layer
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
        self.days_by_kind.iter().any(|d| !d.is_empty())
    }

    /// First and last day of the dated points.
    pub fn day_span(&self) -> Option<(i32, i32)> {
        let first = self.days_by_kind.iter().filter_map(|d| d.first()).min()?;
        let last = self.days_by_kind.iter().filter_map(|d| d.last()).max()?;
        Some((*first, *last))
    }

    /// Per kind, how many dated points fall in `from..=to`.
    pub fn count_between(&self, from: i32, to: i32) -> Vec<usize> {
        self.days_by_kind
            .iter()
            .map(|days| {
                let a = days.partition_point(|&d| d < from);
                let b = days.partition_point(|&d| d <= to);
                b.saturating_sub(a)
            })
            .collect()
    }

    /// Show only the points dated within `from..=to` (`None`: all points).
    pub fn set_filter(&mut self, filter: Option<(i32, i32)>) {
        if self.filter != filter {
            self.filter = filter;
            self.recompute();
        }
    }

    pub fn filter(&self) -> Option<(i32, i32)> {
        self.filter
    }

    fn recompute(&mut self) {
        let days = &self.leaves.day;
        let filter = self.filter;
        self.visible = Visible::compute(
            &self.leaves.pos,
            &self.leaves.kind,
            self.kinds.len().max(1),
            |i| filter.is_none_or(|(from, to)| (from..=to).contains(&days[i])),
        );
        self.generation += 1;
    }

    /// Points the filter shows.
    pub fn shown(&self) -> u32 {
        self.visible.count(0, self.len() as u32)
    }

    /// Whether a feature's points are shown (its date passes the filter).
    pub fn feature_shown(&self, feature: usize) -> bool {
        let Some(filter) = self.filter else {
            return true;
        };
        // The feature's first point decides (a MultiPoint shares one date); a feature without
        // points is not this layer's to hide.
        self.point_of(feature)
            .is_none_or(|i| (filter.0..=filter.1).contains(&self.leaves.day[i]))
    }

    /// The shown points of a cluster, in order: their features.
    pub fn members(&self, item: &Item, limit: usize) -> Vec<usize> {
        let shown = self.visible.count(item.start, item.count);
        (0..shown.min(limit as u32))
            .filter_map(|n| self.visible.nth(item.start, item.count, n))
            .map(|i| self.leaves.feature[i as usize] as usize)
            .collect()
    }

    /// Shown points per kind in a cluster.
    pub fn kind_counts(&self, item: &Item) -> Vec<u32> {
        self.visible.kinds(item.start, item.count)
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
            .map(|item| self.visible.count(item.start, item.count))
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
                let count = self.visible.count(item.start, item.count);
                let centre = self.visible.centre(item.start, item.count)?;
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
        self.kinds.get(self.leaves.kind[i] as usize)
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

/// The kinds of the points (most frequent first, the rarest grouped as "Other"), and a lookup
/// from a feature row to its kind's number.
fn kinds_of<'a>(
    points: &[(Fixed, u32)],
    table: &'a PropertyTable,
    columns: &EventColumns,
) -> (Vec<Kind>, impl Fn(usize) -> u8 + Sync + 'a) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    if let Some(key) = columns.kind {
        for &(_, feature) in points {
            let name = table.text(feature as usize, key).unwrap_or_default();
            match counts.get_mut(name.as_ref()) {
                Some(count) => *count += 1,
                None => {
                    counts.insert(name.into_owned(), 1);
                }
            }
        }
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut kinds: Vec<Kind> = Vec::new();
    for (i, (name, count)) in sorted.into_iter().enumerate() {
        if i < MAX_KINDS - 1 {
            let name = if name.is_empty() {
                "(none)".to_owned()
            } else {
                name
            };
            kinds.push(Kind {
                name,
                color: style::KIND_COLORS[i],
                count,
            });
        } else if i == MAX_KINDS - 1 {
            kinds.push(Kind {
                name: "Other".to_owned(),
                color: style::KIND_COLORS[MAX_KINDS - 1],
                count,
            });
        } else if let Some(other) = kinds.last_mut() {
            other.count += count;
        }
    }
    let names: std::collections::HashMap<String, u8> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (k.name.clone(), i as u8))
        .collect();
    let key = columns.kind;
    let other = kinds.len().saturating_sub(1) as u8;
    let lookup = move |row: usize| -> u8 {
        let Some(key) = key else { return 0 };
        let name = table.text(row, key).unwrap_or_default();
        let name = if name.is_empty() {
            "(none)"
        } else {
            name.as_ref()
        };
        names.get(name).copied().unwrap_or(other)
    };
    (kinds, lookup)
}
