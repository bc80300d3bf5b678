//! A counts-per-area layer that follows its points: each area's events, deaths and change are
//! recounted on a thread of their own when the points' filters or the time range change (the
//! areas each point falls in were found once, when the layer was made), and the new table is
//! swapped in whole, its style and filters kept.

use std::sync::Arc;

use super::areas_build::{Areas, MIN_COUNT, build_counts};
use super::{UserLayer, UserLayers};
use crate::background::Background;
use crate::data::GeoFeature;
use crate::data::properties::PropertyTable;
use crate::data::thematic::LayerSettings;
use crate::data::thematic::areas::{Compare, CountInput, count, table_rows};
use crate::map::vector::store::Fixed;

/// What to count a point layer into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaTarget {
    /// The story's provinces.
    Provinces,
    /// An opened layer's polygons.
    Layer(u64),
    /// H3 hexagons of a resolution (0–15), made again at the zoom's resolution as the map
    /// zooms when `follow_zoom`.
    Hexagons { resolution: u8, follow_zoom: bool },
}

impl AreaTarget {
    /// "province", "hexagon (H3 5)", or the layer's name (filled in by the caller).
    pub fn describe(&self) -> String {
        match self {
            Self::Provinces => "story province".to_owned(),
            Self::Layer(_) => "area".to_owned(),
            Self::Hexagons { resolution, .. } => format!("H3 hexagon (resolution {resolution})"),
        }
    }
}

/// The columns of a counts table a style may name.
const COUNT_COLUMNS: [&str; 5] = [
    "events",
    "events_before",
    "change",
    "change_pct",
    "fatalities",
];

/// What a count reads of the points' layer.
pub struct Source {
    pub id: u64,
    pub name: String,
    /// Every point (Mercator, fixed) with its feature.
    pub points: Vec<(Fixed, u32)>,
    pub features: usize,
    pub weight_name: String,
    pub color: egui::Color32,
    /// The opened layer whose polygons are counted into, if it is one.
    pub target: Option<u64>,
    /// What was counted into (a hexagon count that follows the zoom is made again).
    pub area_target: AreaTarget,
    /// The counts layer this one replaces (hexagons made again for a new zoom).
    pub replaces: Option<u64>,
    /// The points' filters and time range when the count was asked for: the new layer
    /// arrives counted.
    pub snapshot: Snapshot,
    /// The settings the new layer starts with (else graduated by events).
    pub settings: Option<LayerSettings>,
}

/// What a recount was made for: the points' flags (by address), the time range, the comparison
/// and the minimum count.
type CountKey = (usize, Option<(i32, i32)>, Compare, u32);

/// A counts layer's link to its points.
#[derive(Debug)]
pub struct Aggregate {
    /// The points' layer.
    pub source: u64,
    /// The opened polygon layer counted into, if any.
    pub target: Option<u64>,
    /// What was counted into.
    pub area_target: AreaTarget,
    /// The counts layer this one replaces once it arrives.
    pub replaces: Option<u64>,
    /// A new count for the zoom is being made.
    pub remaking: bool,
    /// Per feature of the points' layer, its area (`NO_AREA`: none).
    pub area_of: Arc<Vec<u32>>,
    pub names: Arc<Vec<String>>,
    /// The column summed beside the events ("fatalities").
    pub weight_name: String,
    pub compare: Compare,
    /// Fewest events before for a change in percent.
    pub min_count: u32,
    counted: Option<CountKey>,
    job: Option<Background<CountKey, PropertyTable>>,
}

impl Aggregate {
    pub fn new(source: &Source, area_of: Vec<u32>, names: Vec<String>) -> Self {
        Self {
            source: source.id,
            target: source.target,
            area_target: source.area_target,
            replaces: source.replaces,
            remaking: false,
            area_of: Arc::new(area_of),
            names: Arc::new(names),
            weight_name: source.weight_name.clone(),
            compare: Compare::Previous,
            min_count: MIN_COUNT,
            counted: None,
            job: None,
        }
    }

    /// What the change figures compare, in words ("16 Jan – 15 Feb 2024 against the 31 days
    /// before; % where 5 or more before"), once counted with a time range.
    pub fn describe_compare(&self) -> Option<String> {
        let (_, time, compare, min) = self.counted?;
        let (from, to) = time?;
        let date = |d: i32| crate::data::event_columns::date_of(d).format("%-d %b %Y");
        let against = match compare {
            Compare::Previous => format!("the {} days before", to - from + 1),
            Compare::Baseline { from: a, to: b } => {
                format!("{} – {}, scaled to its length", date(a), date(b))
            }
        };
        Some(format!(
            "{} – {} against {against}; % where {min} or more before",
            date(from),
            date(to)
        ))
    }

    /// What a count for `snap` is made for.
    fn key(&self, snap: &Snapshot) -> CountKey {
        (
            Arc::as_ptr(&snap.flags) as usize,
            snap.time,
            self.compare,
            self.min_count,
        )
    }

    /// Count now, on this thread (a new counts layer being made), and note what for.
    pub fn count_now(&mut self, snap: &Snapshot) -> PropertyTable {
        self.counted = Some(self.key(snap));
        let how = (self.weight_name.as_str(), self.compare, self.min_count);
        counts_table(&self.area_of, &self.names, snap, how)
    }

    /// Whether a recount is running or due.
    pub fn is_computing(&self) -> bool {
        self.job.is_some() || self.counted.is_none()
    }
}

/// What a recount reads of the points' layer as it is now.
pub struct Snapshot {
    flags: Arc<Vec<u8>>,
    days: Arc<Vec<i32>>,
    weights: Option<Arc<Vec<f64>>>,
    time: Option<(i32, i32)>,
}

fn snapshot(source: &UserLayer, weight_name: &str) -> Snapshot {
    let columns = &source.theme.columns;
    Snapshot {
        flags: source.theme.result.evaluation.flags.clone(),
        days: columns.days(),
        weights: columns.table().key(weight_name).map(|k| columns.numbers(k)),
        time: source.theme.computed_time(),
    }
}

impl UserLayers {
    /// Start counting the points of layer `source` into `target`; the new layer arrives as a
    /// loaded file does.
    pub fn count_per_area(
        &mut self,
        source: u64,
        target: AreaTarget,
        provinces: &[GeoFeature],
        ctx: &egui::Context,
    ) {
        self.count_replacing(source, target, None, provinces, ctx);
    }

    /// Hexagon counts that follow the zoom, made again when `zoom` asks for another
    /// resolution; the new layer takes the old one's place, settings and look.
    pub fn follow_zoom(&mut self, zoom: f64, ctx: &egui::Context) {
        let wanted = crate::data::thematic::areas::resolution_for_zoom(zoom);
        let remake: Vec<(u64, u64)> = self
            .layers
            .iter_mut()
            .filter_map(|l| {
                let a = l.aggregate.as_mut()?;
                let AreaTarget::Hexagons {
                    resolution,
                    follow_zoom: true,
                } = a.area_target
                else {
                    return None;
                };
                if resolution == wanted || a.remaking {
                    return None;
                }
                a.remaking = true;
                Some((l.id, a.source))
            })
            .collect();
        let target = AreaTarget::Hexagons {
            resolution: wanted,
            follow_zoom: true,
        };
        for (id, source) in remake {
            self.count_replacing(source, target, Some(id), &[], ctx);
        }
    }

    fn count_replacing(
        &mut self,
        source: u64,
        target: AreaTarget,
        replaces: Option<u64>,
        provinces: &[GeoFeature],
        ctx: &egui::Context,
    ) {
        let Some(points) = self.get(source) else {
            return;
        };
        let weight_name = ["fatalities", "deaths", "killed"]
            .into_iter()
            .find(|c| points.table.key(c).is_some())
            .unwrap_or("fatalities")
            .to_owned();
        let snapshot = snapshot(points, &weight_name);
        let mut input = Source {
            id: source,
            name: points.layer.name.clone(),
            points: points.layer.store().points.clone(),
            features: points.feature_count(),
            weight_name,
            color: crate::map::style::LAYER_PALETTE
                [self.layers.len() % crate::map::style::LAYER_PALETTE.len()],
            target: match target {
                AreaTarget::Layer(id) => Some(id),
                _ => None,
            },
            area_target: target,
            replaces,
            snapshot,
            settings: None,
        };
        let areas = match target {
            AreaTarget::Layer(id) if id == source => return,
            AreaTarget::Provinces => Areas::Provinces(provinces.to_vec()),
            AreaTarget::Hexagons { resolution, .. } => Areas::Hexagons(resolution),
            AreaTarget::Layer(id) => {
                let Some(layer) = self.get(id) else {
                    return;
                };
                let names = (0..layer.feature_count())
                    .map(|f| layer.feature_name(f).unwrap_or_else(|| format!("#{f}")))
                    .collect();
                Areas::Layer {
                    store: layer.layer.store_arc(),
                    names,
                }
            }
        };
        let per = match target {
            AreaTarget::Layer(id) => self.get(id).map(|l| l.layer.name.clone()),
            _ => None,
        };
        let label = format!(
            "{} per {}",
            input.name,
            per.unwrap_or_else(|| target.describe())
        );
        // The replaced layer's settings; else the command line's style, when it names a
        // count's column.
        let start = Some(&self.start)
            .filter(|s| s.style.column().is_some_and(|c| COUNT_COLUMNS.contains(&c)))
            .map(|s| LayerSettings {
                filters: Vec::new(),
                style: s.style.clone(),
            });
        input.settings = replaces
            .and_then(|id| self.get(id))
            .map(|l| l.theme.settings.clone())
            .or(start);
        self.spawn_job(label.clone().into(), ctx, move |_| {
            build_counts(input, areas, label).map(|l| vec![l])
        });
    }

    /// Recount every counts layer whose points changed; take finished recounts.
    pub fn update_counts(&mut self, ctx: &egui::Context) {
        let wanted: Vec<Option<Snapshot>> = self
            .layers
            .iter()
            .map(|layer| {
                let aggregate = layer.aggregate.as_ref()?;
                Some(snapshot(
                    self.get(aggregate.source)?,
                    &aggregate.weight_name,
                ))
            })
            .collect();
        for (layer, snap) in self.layers.iter_mut().zip(wanted) {
            let Some(aggregate) = layer.aggregate.as_mut() else {
                continue;
            };
            if let Some((key, Some(table))) = Background::finished(&mut aggregate.job) {
                aggregate.counted = Some(key);
                let table = Arc::new(table);
                layer.table = table.clone();
                layer.theme.replace_table(table);
            }
            let Some(aggregate) = layer.aggregate.as_mut() else {
                continue;
            };
            let Some(snap) = snap else { continue };
            let key = aggregate.key(&snap);
            if aggregate.counted == Some(key) || aggregate.job.is_some() {
                continue;
            }
            let (area_of, names) = (aggregate.area_of.clone(), aggregate.names.clone());
            let (weight_name, compare, min) = (
                aggregate.weight_name.clone(),
                aggregate.compare,
                aggregate.min_count,
            );
            aggregate.job = Background::spawn("strikemap-count", key, ctx, move || {
                counts_table(&area_of, &names, &snap, (&weight_name, compare, min))
            });
        }
    }
}

/// The table of counts for `snap`: `how` is the weight column, the comparison and the minimum
/// count.
fn counts_table(
    area_of: &[u32],
    names: &[String],
    snap: &Snapshot,
    (weight_name, compare, min): (&str, Compare, u32),
) -> PropertyTable {
    let input = CountInput {
        flags: &snap.flags,
        days: &snap.days,
        weights: snap.weights.as_deref().map(Vec::as_slice),
        time: snap.time,
        compare,
    };
    let counts = count(area_of, names.len(), &input);
    PropertyTable::from_json_objects(&table_rows(names, &counts, weight_name, min))
}
