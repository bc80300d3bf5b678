//! A layer's filters and style, applied in the background: when the settings or the time
//! bar's range change, a thread recomputes what is shown (the rows, the facets' counts, the
//! classes, the points' clusters and the features' colours) while the map keeps drawing the
//! previous result; the new one is swapped in whole. One computation runs per layer at a
//! time, and the latest settings win.

use std::sync::Arc;

use egui::Color32;

use crate::background::Background;

use super::points::heat::HeatSpec;
use super::points::{Kind, PointLayer, PointState, Shared, StateClasses};
use super::vector::FeatureTheme;
use crate::data::properties::PropertyTable;
use crate::data::thematic::classify::default_rule;
use crate::data::thematic::{
    ClassCache, ColumnCache, GraduateBy, LayerSettings, StyleRule, ThemeResult, compute,
};

/// What a result was computed for: the settings, the day range and the layer's colour.
type Asked = (LayerSettings, Option<(i32, i32)>, Color32);

/// What a computation hands back.
#[derive(Debug)]
pub struct Done {
    pub result: ThemeResult,
    pub points: Option<PointState>,
    pub features: FeatureTheme,
}

/// A layer's settings and what they show.
#[derive(Debug)]
pub struct LayerTheme {
    /// What the user chose: the one model the map, legend, table and export read.
    pub settings: LayerSettings,
    pub columns: Arc<ColumnCache>,
    classes: Arc<ClassCache>,
    /// What the settings show now (the latest computation that finished).
    pub result: Arc<ThemeResult>,
    computed: Option<Asked>,
    /// The computation running, and what it was asked.
    job: Option<Background<Asked, Done>>,
    generation: u64,
}

impl LayerTheme {
    /// A layer's theme with its default style (its kind column's values, if it has one).
    pub fn new(table: Arc<PropertyTable>) -> Self {
        let columns = Arc::new(ColumnCache::new(table));
        let settings = LayerSettings {
            filters: Vec::new(),
            style: default_rule(&columns),
        };
        Self {
            settings,
            columns,
            classes: Arc::default(),
            result: Arc::default(),
            computed: None,
            job: None,
            generation: 0,
        }
    }

    /// The checklist on `column`'s counts per value (as of the latest result), if it has been
    /// counted.
    pub fn facet(&self, column: &str) -> Option<&[u32]> {
        let (settings, ..) = self.computed.as_ref()?;
        let at = settings.filters.iter().position(|f| {
            f.column == column && matches!(f.rule, crate::data::thematic::FilterRule::Values { .. })
        })?;
        self.result.evaluation.facets.get(at)?.as_deref()
    }

    /// The time range of the result shown.
    pub fn computed_time(&self) -> Option<(i32, i32)> {
        self.computed.as_ref().and_then(|(_, time, _)| *time)
    }

    /// Read a new table of the same rows (a recount): the settings stay and are computed
    /// again; the map keeps the previous result meanwhile.
    pub fn replace_table(&mut self, table: Arc<PropertyTable>) {
        self.columns = Arc::new(ColumnCache::new(table));
        self.classes = Arc::default();
        self.computed = None;
        self.job = None;
    }

    /// Whether a computation is running or due (the map shows the previous result meanwhile).
    pub fn is_computing(&self) -> bool {
        self.job.is_some() || self.computed.as_ref().map(|c| &c.0) != Some(&self.settings)
    }

    /// Compute the current settings now, on this thread (a layer being loaded).
    pub fn compute_now(
        &mut self,
        time: Option<(i32, i32)>,
        color: Color32,
        shared: Option<Shared>,
    ) -> Done {
        let asked = (self.settings.clone(), time, color);
        let generation = self.next_generation();
        let done = run(&self.columns, &self.classes, &asked, shared, generation);
        self.computed = Some(asked);
        done
    }

    /// Take a finished computation, and start one if the settings changed since the last.
    pub fn poll(
        &mut self,
        time: Option<(i32, i32)>,
        color: Color32,
        shared: impl FnOnce() -> Option<Shared>,
        ctx: &egui::Context,
    ) -> Option<Done> {
        let mut done = None;
        if self.job.is_some() {
            match Background::finished(&mut self.job) {
                Some((asked, result)) => {
                    self.computed = Some(asked);
                    done = result;
                }
                None => return None,
            }
        }
        // Compared in place: the settings are cloned only for a new computation.
        let current = self
            .computed
            .as_ref()
            .is_some_and(|(s, t, c)| *s == self.settings && *t == time && *c == color);
        if !current {
            self.start((self.settings.clone(), time, color), shared(), ctx);
        }
        done
    }

    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    fn start(&mut self, asked: Asked, shared: Option<Shared>, ctx: &egui::Context) {
        let (columns, classes) = (self.columns.clone(), self.classes.clone());
        let generation = self.next_generation();
        let job = asked.clone();
        self.job = Background::spawn("strikemap-filter", asked.clone(), ctx, move || {
            run(&columns, &classes, &job, shared, generation)
        });
        if self.job.is_none() {
            self.computed = Some(asked);
        }
    }

    /// Swap a finished computation in: the points' state, the features' colours, the counts.
    pub fn apply(
        &mut self,
        done: Done,
        points: Option<&mut PointLayer>,
        layer: &mut super::vector::VectorLayer,
    ) {
        if let (Some(points), Some(state)) = (points, done.points) {
            points.apply(state);
        }
        layer.set_theme(Arc::new(done.features));
        self.result = Arc::new(done.result);
    }
}

/// The computation itself: rows, facets and classes, then what the map draws of them.
fn run(
    columns: &ColumnCache,
    classes: &ClassCache,
    (settings, time, color): &Asked,
    shared: Option<Shared>,
    generation: u64,
) -> Done {
    let started = std::time::Instant::now();
    let result = compute(columns, classes, settings, *time);
    let flags = Some(result.evaluation.flags.clone());
    let styled = result.classes.as_ref();
    let kinds: Vec<Kind> = match styled {
        Some(c) => c
            .classes
            .iter()
            .zip(&result.class_shown)
            .map(|(class, &shown)| Kind {
                name: class.label.clone(),
                color: Color32::from_rgb(class.rgb[0], class.rgb[1], class.rgb[2]),
                count: shown as usize,
            })
            .collect(),
        None => vec![Kind {
            name: "All".to_owned(),
            color: *color,
            count: result.evaluation.shown,
        }],
    };
    let sizes = match (&settings.style, styled) {
        (
            StyleRule::Graduated {
                by: GraduateBy::Size,
                ..
            },
            Some(c),
        ) => Some(c.classes.iter().map(|class| class.size).collect()),
        _ => None,
    };
    let heat = heat_spec(columns, &settings.style);
    let points = shared.map(|shared| {
        shared.state(
            flags.clone(),
            StateClasses {
                kinds: kinds.clone(),
                column: styled.map(|c| c.column.clone()),
                of_feature: styled.map(|c| c.of_row.as_slice()),
                sizes,
                heat,
            },
        )
    });
    let features = FeatureTheme {
        flags,
        classes: result.classes.clone(),
        colors: kinds.iter().map(|k| k.color).collect(),
        generation,
    };
    log::debug!("filters and style applied in {:.1?}", started.elapsed());
    Done {
        result,
        points,
        features,
    }
}

/// What a heatmap style asks of the points: the weight column's numbers and the radius.
fn heat_spec(columns: &ColumnCache, style: &StyleRule) -> Option<Arc<HeatSpec>> {
    let StyleRule::Heatmap { weight, radius } = style else {
        return None;
    };
    let weights = weight
        .as_deref()
        .and_then(|w| columns.table().key(w))
        .map(|key| columns.numbers(key));
    Some(Arc::new(HeatSpec {
        weights,
        weight_name: weight.clone(),
        radius: *radius,
    }))
}
