//! The layers a user opened (File → Open…, drag and drop, command-line paths): each file a
//! vector layer for its lines and polygons and a clustered point layer for its points, with its
//! own controls, loaded on a background thread with progress so the window keeps drawing. A
//! refused file leaves everything already loaded as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Color32, Stroke};

use super::points::PointLayer;
use super::points::paint::PointsCache;
use super::style::LayerStyle;
use super::theme::LayerTheme;
use super::vector::VectorLayer;
use crate::data::event_columns::EventColumns;
use crate::data::layer_file::{Limits, Progress};
use crate::data::properties::PropertyTable;
use crate::data::thematic::LayerSettings;
use crate::data::{DataError, Event};

pub mod areas;
pub mod areas_build;
mod load;
pub mod record;

use load::apply_start;
pub use load::load;

/// Files with at most this many features are checked for strikemap's own events schema (the
/// story's curated events); larger ones are data layers.
const EVENTS_SCHEMA_MAX: usize = 10_000;

/// One opened file, ready to draw.
#[derive(Debug)]
pub struct UserLayer {
    /// Stable across reordering, for selections and widget ids.
    pub id: u64,
    pub path: PathBuf,
    /// The format the file was read as ("GeoJSON", "ACLED CSV", "KML"...).
    pub format: &'static str,
    /// Lines and polygons (points are drawn by `points`).
    pub layer: VectorLayer,
    /// The file's points, clustered; `None` when it has none.
    pub points: Option<PointLayer>,
    pub points_cache: PointsCache,
    /// The features' properties, in feature order, for the identify table.
    pub table: Arc<PropertyTable>,
    /// The layer's filters and style, and what they show.
    pub theme: LayerTheme,
    /// Each feature's `id` member, if any.
    pub ids: Vec<Option<String>>,
    /// The property holding each feature's id, where the file has one (a CSV's id column).
    pub id_column: Option<String>,
    /// Each feature's geometry type and vertex count, for the identify table.
    pub geometry_names: Vec<&'static str>,
    pub vertex_counts: Vec<u32>,
    pub visible: bool,
    /// Multiplies the opacity of everything the layer draws.
    pub opacity: f32,
    /// Features that were refused, each with why.
    pub skipped: Vec<DataError>,
    /// What the user should know about the file as a whole (a projection, an encoding).
    pub notes: Vec<String>,
    /// Features without a place (the last rows of `table`): listed, not drawn.
    pub unlocated: usize,
    /// For a file of events (strikemap's events schema): their ids. They are shown as markers
    /// with the story's details panel, not as plain points.
    pub event_ids: Vec<String>,
    /// For a layer of counts per area: its points' layer and each point's area.
    pub aggregate: Option<areas::Aggregate>,
}

impl UserLayer {
    /// The layer's own colour (its outline), which the panel lets the user change.
    pub fn color(&self) -> Color32 {
        self.layer.style.stroke.color
    }

    pub fn set_color(&mut self, color: Color32) {
        self.layer.style = style_for(color);
    }

    /// Number of features.
    pub fn feature_count(&self) -> usize {
        self.table.len()
    }

    /// Features the filters and the time range leave.
    pub fn shown_count(&self) -> usize {
        let flags = &self.theme.result.evaluation.flags;
        if flags.is_empty() {
            self.feature_count()
        } else {
            self.theme.result.evaluation.shown
        }
    }

    /// Whether a feature is shown (its filters and the time range pass).
    pub fn feature_shown(&self, feature: usize) -> bool {
        self.theme.result.evaluation.is_shown(feature)
    }

    /// Follow the settings and the time bar's `time` range: take a finished computation,
    /// start one when they changed.
    pub fn update_theme(&mut self, time: Option<(i32, i32)>, ctx: &egui::Context) {
        let color = self.color();
        let points = &self.points;
        if let Some(done) =
            self.theme
                .poll(time, color, || points.as_ref().map(PointLayer::shared), ctx)
        {
            self.theme
                .apply(done, self.points.as_mut(), &mut self.layer);
        }
    }

    /// Whether a shown heatmap's surface is still being made.
    pub fn heat_is_computing(&self) -> bool {
        self.visible
            && self
                .points
                .as_ref()
                .is_some_and(PointLayer::heat_is_computing)
    }

    /// Longitude/latitude bounds of everything in the file.
    pub fn bounds(&self) -> Option<geo::Rect<f64>> {
        self.layer.bounds
    }

    /// A feature's id: its `id` member, else its `id` property.
    pub fn feature_id(&self, feature: usize) -> Option<String> {
        if let Some(Some(id)) = self.ids.get(feature) {
            return Some(id.clone());
        }
        let key = self.table.key(self.id_column.as_deref().unwrap_or("id"))?;
        Some(self.table.text(feature, key)?.into_owned())
    }

    /// A feature's name for hover and headings (see [`feature_name`]).
    pub fn feature_name(&self, feature: usize) -> Option<String> {
        feature_name(&self.table, feature)
    }
}

/// A feature's name for hover and headings: its `name_en`, `name` or `title` property; for an
/// event without one, its kind, date and place ("Battles · 2014-10-31 · Saravan").
pub fn feature_name(table: &PropertyTable, feature: usize) -> Option<String> {
    let text = |key: &str| table.text(feature, table.key(key)?);
    if let Some(name) = ["name_en", "name", "title", "NAME"]
        .iter()
        .find_map(|k| text(k))
    {
        return Some(name.into_owned());
    }
    let columns = EventColumns::detect(table);
    let parts: Vec<String> = [columns.kind, columns.date]
        .into_iter()
        .flatten()
        .filter_map(|key| Some(table.text(feature, key)?.into_owned()))
        .chain(text("location").map(|l| l.into_owned()))
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A file being read on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    pub progress: Arc<Progress>,
    result: Receiver<Result<Vec<Loaded>, DataError>>,
}

/// What the loading thread hands over: the layer, and the file's events in strikemap's own
/// schema if it is such a file.
pub struct Loaded {
    pub layer: UserLayer,
    pub events: Option<Vec<Event>>,
}

/// All opened layers (topmost first), the files still loading, and the files refused.
#[derive(Default)]
pub struct UserLayers {
    pub layers: Vec<UserLayer>,
    pub jobs: Vec<LoadJob>,
    /// Files that could not be opened, shown until dismissed.
    pub refused: Vec<DataError>,
    /// What a load may use (file size, memory).
    pub limits: Limits,
    /// Filters and a style the command line asked for, given to each layer that arrives
    /// (those whose columns it has).
    pub start: LayerSettings,
    /// Layers remembered from the last run, given back their look as their files open.
    expected: Vec<record::LayerRecord>,
    /// Records whose files were missing when a project or the last run asked for them: kept
    /// (and saved again) until the file is located or the row dismissed.
    missing: Vec<record::LayerRecord>,
    next_id: u64,
}

/// Hexagons made again for a new zoom take the old counts layer's place: its id, colour,
/// visibility, opacity and settings stay.
fn replace_counts(old: &mut UserLayer, mut new: UserLayer) {
    new.id = old.id;
    new.visible = old.visible;
    new.opacity = old.opacity;
    new.layer.style = old.layer.style;
    if let (Some(n), Some(o)) = (new.aggregate.as_mut(), old.aggregate.as_ref()) {
        n.compare = o.compare;
        n.min_count = o.min_count;
    }
    *old = new;
}

/// A layer style from one colour: a light fill, a solid outline, dots in that colour.
pub fn style_for(color: Color32) -> LayerStyle {
    LayerStyle {
        fill: color.gamma_multiply(0.25),
        stroke: Stroke::new(1.5, color),
        label: Color32::from_rgb(color.r() / 2, color.g() / 2, color.b() / 2),
        point_radius: 5.0,
    }
}

impl UserLayers {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// Start loading `path` in the background.
    pub fn open(&mut self, path: PathBuf, ctx: &egui::Context) {
        let color = self.next_id as usize + self.jobs.len();
        let limits = self.limits;
        let thread_path = path.clone();
        self.spawn_job(path, ctx, move |progress| {
            load(&thread_path, limits, progress, color)
        });
    }

    /// Make layers on a loading thread (a file read, a count per area), with progress; they
    /// arrive through [`Self::poll`] as files do.
    pub fn spawn_job(
        &mut self,
        path: PathBuf,
        ctx: &egui::Context,
        work: impl FnOnce(&Progress) -> Result<Vec<Loaded>, DataError> + Send + 'static,
    ) {
        let progress = Arc::new(Progress::default());
        let (send, result) = std::sync::mpsc::channel();
        let (thread_progress, thread_ctx) = (progress.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("strikemap-open".to_owned())
            // The format crates read nested elements recursively (their depth is capped).
            .stack_size(64 << 20)
            .spawn(move || {
                let loaded = work(&thread_progress);
                // The app may have closed meanwhile; then nobody waits for the layer.
                let _ = send.send(loaded);
                thread_ctx.request_repaint();
            });
        match spawned {
            Ok(_) => self.jobs.push(LoadJob {
                path,
                progress,
                result,
            }),
            Err(err) => self.refused.push(DataError::file(
                &path.display().to_string(),
                format!("cannot start loading: {err}"),
            )),
        }
    }

    /// Take the layers that finished loading (new layers go on top). Returns the events of the
    /// files that are events files, for the story to add.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut arrived = Vec::new();
        let mut still_loading = Vec::new();
        for job in self.jobs.drain(..) {
            match job.result.try_recv() {
                Ok(Ok(layers)) => {
                    for mut loaded in layers.into_iter().rev() {
                        apply_start(&mut loaded.layer, &self.start);
                        record::take_record(&self.expected, &mut loaded.layer);
                        loaded.layer.id = self.next_id;
                        self.next_id += 1;
                        // A count per area stands for its points and its polygons: they are
                        // hidden (a tick shows them again).
                        if let Some(a) = &loaded.layer.aggregate {
                            let (source, target) = (a.source, a.target);
                            self.layers
                                .iter_mut()
                                .filter(|l| l.id == source || Some(l.id) == target)
                                .for_each(|l| l.visible = false);
                        }
                        if let Some(old) = loaded.layer.aggregate.as_ref().and_then(|a| a.replaces)
                            && let Some(at) = self.layers.iter().position(|l| l.id == old)
                        {
                            replace_counts(&mut self.layers[at], loaded.layer);
                            continue;
                        }
                        let events = loaded.events.unwrap_or_default();
                        loaded.layer.event_ids = events.iter().map(|e| e.id.clone()).collect();
                        arrived.extend(events);
                        self.layers.insert(0, loaded.layer);
                    }
                }
                Ok(Err(err)) => self.refused.push(err),
                Err(TryRecvError::Empty) => still_loading.push(job),
                Err(TryRecvError::Disconnected) => self.refused.push(DataError::file(
                    &job.path.display().to_string(),
                    "loading stopped unexpectedly",
                )),
            }
        }
        self.jobs = still_loading;
        self.order_by_records();
        arrived
    }

    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.layers.iter().position(|layer| layer.id == id)
    }

    pub fn get(&self, id: u64) -> Option<&UserLayer> {
        self.layers.iter().find(|layer| layer.id == id)
    }

    /// Move a layer one place up (towards the top of the drawing order).
    pub fn move_up(&mut self, index: usize) {
        if index > 0 && index < self.layers.len() {
            self.layers.swap(index, index - 1);
        }
    }

    pub fn move_down(&mut self, index: usize) {
        if index + 1 < self.layers.len() {
            self.layers.swap(index, index + 1);
        }
    }

    pub fn remove(&mut self, index: usize) -> Option<UserLayer> {
        (index < self.layers.len()).then(|| self.layers.remove(index))
    }
}
