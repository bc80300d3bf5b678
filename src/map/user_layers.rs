//! The layers a user opened (File → Open…, drag and drop, command-line paths): each file a
//! generic vector layer with its own controls, loaded on a background thread with progress so
//! the window keeps drawing. A refused file leaves everything already loaded as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Color32, Stroke};

use super::style::LayerStyle;
use super::vector::{PreparedFeature, VectorLayer, lod};
use crate::data::events::{self, geometry_name};
use crate::data::layer_file::{self, Progress};
use crate::data::{DataError, Event, GeoFeature, Properties};

/// One opened file, ready to draw.
#[derive(Debug)]
pub struct UserLayer {
    /// Stable across reordering, for selections and widget ids.
    pub id: u64,
    pub path: PathBuf,
    pub layer: VectorLayer,
    /// The features' properties, in feature order, for the identify table.
    pub features: Vec<FeatureRecord>,
    pub visible: bool,
    /// Multiplies the opacity of everything the layer draws.
    pub opacity: f32,
    /// Features that were refused, each with why.
    pub skipped: Vec<DataError>,
    /// For a file of events (strikemap's events schema): their ids. They are shown as markers
    /// with the story's details panel, not as plain points.
    pub event_ids: Vec<String>,
}

impl UserLayer {
    /// The layer's own colour (its outline), which the panel lets the user change.
    pub fn color(&self) -> Color32 {
        self.layer.style.stroke.color
    }

    pub fn set_color(&mut self, color: Color32) {
        self.layer.style = style_for(color);
    }
}

/// What the identify table shows of a feature; the geometry itself lives (projected) in the
/// layer, so it is not kept twice, and the properties are kept as compact JSON text (a quarter
/// of the memory of parsed values), read again when a feature is identified.
#[derive(Debug, Clone)]
pub struct FeatureRecord {
    pub id: Option<String>,
    properties: String,
    /// "Polygon", "MultiLineString", …
    pub geometry: &'static str,
    pub vertices: usize,
}

impl FeatureRecord {
    fn of(feature: GeoFeature) -> Self {
        Self {
            geometry: geometry_name(&feature.geometry),
            vertices: geo::CoordsIter::coords_count(&feature.geometry),
            id: feature.id,
            properties: serde_json::to_string(&feature.properties).unwrap_or_default(),
        }
    }

    /// The properties as the file has them.
    pub fn properties(&self) -> Properties {
        serde_json::from_str(&self.properties).unwrap_or_default()
    }
}

/// A file being read on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    pub progress: Arc<Progress>,
    result: Receiver<Result<Loaded, DataError>>,
}

/// What the loading thread hands over.
struct Loaded {
    features: Vec<FeatureRecord>,
    skipped: Vec<DataError>,
    layer: VectorLayer,
    events: Option<Vec<Event>>,
}

/// All opened layers (topmost first), the files still loading, and the files refused.
#[derive(Default)]
pub struct UserLayers {
    pub layers: Vec<UserLayer>,
    pub jobs: Vec<LoadJob>,
    /// Files that could not be opened, shown until dismissed.
    pub refused: Vec<DataError>,
    /// Files larger than this are refused before reading.
    pub max_bytes: u64,
    next_id: u64,
}

/// Colours given to opened layers in turn, distinct from the story's.
const PALETTE: [Color32; 6] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(188, 189, 34),
];

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
    pub fn new(max_bytes: u64) -> Self {
        Self {
            max_bytes,
            ..Self::default()
        }
    }

    /// Start loading `path` in the background; its geometry for zoom `zoom` is prepared there
    /// too, so the first frame that shows it has nothing left to compute.
    pub fn open(&mut self, path: PathBuf, zoom: f64, ctx: &egui::Context) {
        let progress = Arc::new(Progress::default());
        let (send, result) = std::sync::mpsc::channel();
        let color = PALETTE[(self.next_id as usize + self.jobs.len()) % PALETTE.len()];
        let (thread_path, thread_progress, thread_ctx) =
            (path.clone(), progress.clone(), ctx.clone());
        let max_bytes = self.max_bytes;
        let spawned = std::thread::Builder::new()
            .name("strikemap-open".to_owned())
            .spawn(move || {
                let loaded = load(&thread_path, max_bytes, &thread_progress, color, zoom);
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
                Ok(Ok(loaded)) => {
                    let id = self.next_id;
                    self.next_id += 1;
                    let features = loaded.features;
                    let events = loaded.events.unwrap_or_default();
                    let event_ids = events.iter().map(|e| e.id.clone()).collect();
                    arrived.extend(events);
                    self.layers.insert(
                        0,
                        UserLayer {
                            id,
                            path: job.path,
                            layer: loaded.layer,
                            features,
                            visible: true,
                            opacity: 1.0,
                            skipped: loaded.skipped,
                            event_ids,
                        },
                    );
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

/// Read, validate, project, index, and prepare the band of `zoom`: everything before drawing.
fn load(
    path: &std::path::Path,
    max_bytes: u64,
    progress: &Progress,
    color: Color32,
    zoom: f64,
) -> Result<Loaded, DataError> {
    let file = layer_file::read(path, max_bytes, progress)?;
    let events = events::from_features(&path.display().to_string(), &file.features);
    let skipped = file.skipped;
    let (layer, features) = prepare_layer(file.name, file.features, style_for(color));
    layer.prepare_band(lod::band_of(zoom), layer.features.iter());
    Ok(Loaded {
        features,
        skipped,
        layer,
        events,
    })
}

/// Project the features on both cores and index them, keeping of each source feature only
/// what the identify table shows (its geometry is dropped as soon as it is projected).
pub fn prepare_layer(
    name: String,
    features: Vec<GeoFeature>,
    style: LayerStyle,
) -> (VectorLayer, Vec<FeatureRecord>) {
    let bounds = super::vector::union_bounds(
        features
            .iter()
            .filter_map(|f| geo::BoundingRect::bounding_rect(&f.geometry)),
    );
    let prepare = |features: Vec<GeoFeature>| -> Vec<(PreparedFeature, FeatureRecord)> {
        features
            .into_iter()
            .map(|f| (PreparedFeature::new(&f), FeatureRecord::of(f)))
            .collect()
    };
    let mut first = features;
    let second = first.split_off(first.len() / 2);
    let (mut done, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| prepare(second));
        (prepare(first), other.join())
    });
    match rest {
        Ok(rest) => done.extend(rest),
        // Only a bug could panic there; its half is lost, and the layer says so by its count.
        Err(_) => log::error!("preparing half of layer {name} failed"),
    }
    let (prepared, records): (Vec<_>, Vec<_>) = done.into_iter().unzip();
    (
        VectorLayer::from_prepared(name, prepared, bounds, style),
        records,
    )
}
