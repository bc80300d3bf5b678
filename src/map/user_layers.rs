//! The layers a user opened (File → Open…, drag and drop, command-line paths): each file a
//! generic vector layer with its own controls, loaded on a background thread with progress so
//! the window keeps drawing. A refused file leaves everything already loaded as it was.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Color32, Stroke};

use super::style::LayerStyle;
use super::vector::{PreparedFeature, VectorLayer, lod};
use crate::data::layer_file::{self, LayerFile, Progress};
use crate::data::{DataError, GeoFeature};

/// One opened file, ready to draw.
#[derive(Debug)]
pub struct UserLayer {
    /// Stable across reordering, for selections and widget ids.
    pub id: u64,
    pub path: PathBuf,
    pub layer: VectorLayer,
    /// The features' properties, in feature order, for the identify table.
    pub features: Vec<GeoFeature>,
    pub visible: bool,
    /// Multiplies the opacity of everything the layer draws.
    pub opacity: f32,
    /// Features that were refused, each with why.
    pub skipped: Vec<DataError>,
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

/// A file being read on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    pub progress: Arc<Progress>,
    result: Receiver<Result<Loaded, DataError>>,
}

/// What the loading thread hands over.
struct Loaded {
    file: LayerFile,
    layer: VectorLayer,
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

    /// Take the layers that finished loading (new layers go on top). Returns how many arrived.
    pub fn poll(&mut self) -> usize {
        let mut arrived = 0;
        let mut still_loading = Vec::new();
        for job in self.jobs.drain(..) {
            match job.result.try_recv() {
                Ok(Ok(loaded)) => {
                    let id = self.next_id;
                    self.next_id += 1;
                    let features = loaded.file.features;
                    self.layers.insert(
                        0,
                        UserLayer {
                            id,
                            path: job.path,
                            layer: loaded.layer,
                            features,
                            visible: true,
                            opacity: 1.0,
                            skipped: loaded.file.skipped,
                        },
                    );
                    arrived += 1;
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
    let layer = prepare_layer(&file, style_for(color));
    layer.prepare_band(lod::band_of(zoom), layer.features.iter());
    Ok(Loaded { file, layer })
}

/// Project the features on both cores and index them.
pub fn prepare_layer(file: &LayerFile, style: LayerStyle) -> VectorLayer {
    let half = file.features.len() / 2;
    let (first, second) = file.features.split_at(half);
    let (mut prepared, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| second.iter().map(PreparedFeature::new).collect::<Vec<_>>());
        let mine: Vec<PreparedFeature> = first.iter().map(PreparedFeature::new).collect();
        (mine, other.join())
    });
    match rest {
        Ok(rest) => prepared.extend(rest),
        // A panic on the other thread would be a bug; prepare its half here instead.
        Err(_) => prepared.extend(second.iter().map(PreparedFeature::new)),
    }
    let bounds = super::vector::union_bounds(
        file.features
            .iter()
            .filter_map(|f| geo::BoundingRect::bounding_rect(&f.geometry)),
    );
    VectorLayer::from_prepared(file.name.clone(), prepared, bounds, style)
}
