//! Counts per area, as QGIS's "count points in polygon" and kepler.gl's hexbins make them, and
//! what changed, as ACLED's early-warning view shows it: each point is given an area once (a
//! polygon holding it, or its H3 cell), then the events, their weight (deaths) and the events
//! of a comparison period are counted per area whenever the filters or the time range change,
//! a pass over the points. The result is a table, one row per area.
//!
//! ```
//! use strikemap::data::thematic::areas::{count, Compare, CountInput, NO_AREA};
//! use strikemap::data::thematic::filter::{PASSES_FILTERS, SHOWN};
//!
//! // Four events in two areas on days 10, 11, 3 and 12; the fourth has no area. The third
//! // passes the filters but not the time range.
//! let area_of = [0, 0, 1, NO_AREA];
//! let input = CountInput {
//!     flags: &[SHOWN, SHOWN, PASSES_FILTERS, SHOWN],
//!     days: &[10, 11, 3, 12],
//!     weights: Some(&[2.0, f64::NAN, 5.0, 1.0]),
//!     time: Some((10, 12)),
//!     compare: Compare::Previous,
//! };
//! let counts = count(&area_of, 2, &input);
//! assert_eq!(counts.events, [2, 0]);
//! assert_eq!(counts.weight, [2.0, 0.0]);
//! // The three days before 10 to 12 are 7 to 9: area 1's event on day 3 is not in them.
//! assert_eq!(counts.before, Some(vec![0.0, 0.0]));
//! ```

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::filter::{PASSES_FILTERS, SHOWN};

/// A point in no area.
pub const NO_AREA: u32 = u32::MAX;

/// What the time bar's range is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "compare", rename_all = "snake_case")]
pub enum Compare {
    /// The same number of days just before the range.
    Previous,
    /// A chosen period (days, inclusive), scaled to the range's length.
    Baseline { from: i32, to: i32 },
}

/// What the counts read of the points' layer, per feature.
#[derive(Debug, Clone, Copy)]
pub struct CountInput<'a> {
    /// The filters' flags per feature (empty: every feature shown).
    pub flags: &'a [u8],
    /// Each feature's day (`i32::MIN`: no date).
    pub days: &'a [i32],
    /// Each feature's weight (NaN: unknown, adds nothing).
    pub weights: Option<&'a [f64]>,
    /// The time bar's range (`None`: all dates, nothing to compare).
    pub time: Option<(i32, i32)>,
    pub compare: Compare,
}

/// Per area, what is shown and what the comparison period held.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaCounts {
    /// Events the filters and the time range show.
    pub events: Vec<u32>,
    /// Their summed weight (unknown weights add nothing).
    pub weight: Vec<f64>,
    /// Events of the comparison period that pass the filters, scaled to the range's length
    /// (`None` without a time range).
    pub before: Option<Vec<f64>>,
}

/// The comparison period for a range, and the factor that scales its counts to the range.
///
/// ```
/// use strikemap::data::thematic::areas::{comparison_days, Compare};
/// // Ten days against the ten before them.
/// assert_eq!(comparison_days((20, 29), Compare::Previous), ((10, 19), 1.0));
/// // Against a 40-day baseline: its counts are scaled to ten days.
/// let baseline = Compare::Baseline { from: 100, to: 139 };
/// assert_eq!(comparison_days((20, 29), baseline), ((100, 139), 0.25));
/// ```
pub fn comparison_days(time: (i32, i32), compare: Compare) -> ((i32, i32), f64) {
    let (from, to) = time;
    let len = (to - from + 1).max(1);
    match compare {
        Compare::Previous => ((from - len, from - 1), 1.0),
        Compare::Baseline { from: a, to: b } => {
            let (a, b) = (a.min(b), a.max(b));
            ((a, b), len as f64 / (b - a + 1) as f64)
        }
    }
}

/// Count the points of `area_of` (per feature) into `areas` areas.
pub fn count(area_of: &[u32], areas: usize, input: &CountInput) -> AreaCounts {
    let before_days = input.time.map(|t| comparison_days(t, input.compare));
    let zero = || (vec![0u32; areas], vec![0f64; areas], vec![0f64; areas]);
    let (events, weight, before) = area_of
        .par_iter()
        .enumerate()
        .fold(zero, |(mut events, mut weight, mut before), (f, &area)| {
            let a = area as usize;
            if a >= areas {
                return (events, weight, before);
            }
            let flag = input.flags.get(f).copied().unwrap_or(SHOWN);
            if flag == SHOWN {
                events[a] += 1;
                let w = input.weights.and_then(|w| w.get(f).copied());
                weight[a] += w.filter(|w| w.is_finite()).unwrap_or(0.0);
            }
            let day = input.days.get(f).copied().unwrap_or(i32::MIN);
            if let Some(((from, to), _)) = before_days
                && flag & PASSES_FILTERS != 0
                && (from..=to).contains(&day)
            {
                before[a] += 1.0;
            }
            (events, weight, before)
        })
        .reduce(zero, |a, b| {
            let add = |x: Vec<f64>, y: Vec<f64>| x.iter().zip(&y).map(|(p, q)| p + q).collect();
            let events = a.0.iter().zip(&b.0).map(|(p, q)| p + q).collect();
            (events, add(a.1, b.1), add(a.2, b.2))
        });
    let before = before_days.map(|(_, scale)| before.iter().map(|b| b * scale).collect());
    AreaCounts {
        events,
        weight,
        before,
    }
}

/// The change from `before` to `now`: absolute, and relative in percent when `before` reaches
/// `min_count` (so that 1 → 2 is not "+100 %").
///
/// ```
/// use strikemap::data::thematic::areas::change;
/// assert_eq!(change(30, 20.0, 5), (10.0, Some(50.0)));
/// assert_eq!(change(2, 1.0, 5), (1.0, None));
/// ```
pub fn change(now: u32, before: f64, min_count: u32) -> (f64, Option<f64>) {
    let diff = now as f64 - before;
    let relative = (before >= min_count.max(1) as f64).then(|| diff / before * 100.0);
    (diff, relative)
}

/// The table of an aggregation, one JSON object per area: its name, events, summed weight
/// (named after the weight column), and with a time range the comparison's events, the change
/// and the change in percent (empty when too few to say).
pub fn table_rows(
    names: &[String],
    counts: &AreaCounts,
    weight_name: &str,
    min_count: u32,
) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            // Written by hand to keep the columns in this order (a JSON map sorts them).
            let mut row = format!(
                "{{\"name\":{},\"events\":{},{}:{}",
                serde_json::Value::from(name.as_str()),
                counts.events[i],
                serde_json::Value::from(weight_name),
                number(counts.weight[i])
            );
            if let Some(before) = &counts.before {
                let (diff, pct) = change(counts.events[i], before[i], min_count);
                let pct = pct.map_or(serde_json::Value::Null, number);
                row += &format!(
                    ",\"events_before\":{},\"change\":{},\"change_pct\":{pct}",
                    number(before[i]),
                    number(diff)
                );
            }
            row + "}"
        })
        .collect()
}

/// A figure to one decimal, whole numbers without one.
fn number(v: f64) -> serde_json::Value {
    let v = round(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// H3 cells of points (longitude, latitude) at `resolution`: each point's cell number among
/// the distinct cells, and those cells.
pub fn hexagons(
    points: &[[f64; 2]],
    resolution: h3o::Resolution,
) -> (Vec<u32>, Vec<h3o::CellIndex>) {
    let cells: Vec<Option<h3o::CellIndex>> = points
        .par_iter()
        .map(|&[lon, lat]| Some(h3o::LatLng::new(lat, lon).ok()?.to_cell(resolution)))
        .collect();
    let mut index: std::collections::HashMap<h3o::CellIndex, u32> = Default::default();
    let mut distinct = Vec::new();
    let of = cells
        .iter()
        .map(|cell| match cell {
            Some(cell) => *index.entry(*cell).or_insert_with(|| {
                distinct.push(*cell);
                distinct.len() as u32 - 1
            }),
            None => NO_AREA,
        })
        .collect();
    (of, distinct)
}

/// A hexagon resolution for a zoom: cells a few dozen screen points across.
pub fn resolution_for_zoom(zoom: f64) -> u8 {
    // H3 cells shrink by about 2.65 in width per resolution; resolution 3 is ~60 km across,
    // about 40 points at zoom 6.
    (3.0 + (zoom - 6.0) * 2f64.log(2.65))
        .round()
        .clamp(0.0, 10.0) as u8
}
