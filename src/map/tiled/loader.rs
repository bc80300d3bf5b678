//! A tiled layer's IO thread: opens the source, then fetches the tiles the UI asks for, a few
//! at a time, through the on-disk cache for remote sources; each tile is decoded and built on
//! the worker pool and sent back. A tile the view has left before its turn is not fetched.
//! Every outcome reaches the UI thread, failures included, so the layer can say what is wrong.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::data::formats::vector_tiles::{
    DecodedTile, DiskCache, Http, HttpSettings, Location, NetStats, TileAddress, TileSetInfo,
    VectorTileSource, decode,
};

use super::built::BuiltTile;

/// What the IO thread reports.
#[derive(Debug)]
pub enum Event {
    Opened(TileSetInfo),
    OpenFailed(String),
    /// A tile built (`None`: the source has no tile there), or why it failed.
    Tile(TileAddress, Result<Option<Arc<BuiltTile>>, String>),
    /// A tile no longer wanted, so not fetched.
    Dropped(TileAddress),
}

/// How a source is read.
#[derive(Debug, Clone, Default)]
pub struct LoaderSettings {
    /// `None` offline: a remote source is refused without a request.
    pub http: Option<HttpSettings>,
    /// Root of the on-disk cache for remote tiles; `None` for none.
    pub cache_root: Option<PathBuf>,
    /// Tiles fetched at once.
    pub max_parallel: usize,
}

/// The UI side of the IO thread.
pub struct Loader {
    requests: tokio::sync::mpsc::UnboundedSender<TileAddress>,
    events: std::sync::mpsc::Receiver<Event>,
    /// The tiles the view still wants; the thread skips the others.
    wanted: Arc<Mutex<HashSet<TileAddress>>>,
    http: Option<Arc<Http>>,
}

/// What the fetch tasks share.
struct Worker {
    source: VectorTileSource,
    cache: Option<DiskCache>,
    wanted: Arc<Mutex<HashSet<TileAddress>>>,
    events: std::sync::mpsc::Sender<Event>,
    repaint: Option<egui::Context>,
}

impl Loader {
    /// Start reading `location`. `repaint` is asked for a frame whenever something arrives.
    pub fn start(
        location: Location,
        settings: &LoaderSettings,
        repaint: Option<egui::Context>,
    ) -> Result<Self, String> {
        let http = settings
            .http
            .clone()
            .map(Http::new)
            .transpose()?
            .map(Arc::new);
        let (requests, receive_requests) = tokio::sync::mpsc::unbounded_channel();
        let (send_events, events) = std::sync::mpsc::channel();
        let wanted = Arc::new(Mutex::new(HashSet::new()));
        let thread = Thread {
            location,
            http: http.clone(),
            cache_root: settings.cache_root.clone(),
            max_parallel: settings.max_parallel.max(1),
            wanted: wanted.clone(),
            events: send_events,
            repaint,
        };
        std::thread::Builder::new()
            .name("strikemap-vector-tiles".to_owned())
            .spawn(move || thread.run(receive_requests))
            .map_err(|err| format!("cannot start the vector tile reader: {err}"))?;
        Ok(Self {
            requests,
            events,
            wanted,
            http,
        })
    }

    /// Ask for a tile.
    pub fn request(&self, at: TileAddress) {
        // A closed channel means the thread has stopped; its last event said why.
        let _ = self.requests.send(at);
    }

    /// The tiles the view wants now; queued requests for others are skipped.
    pub fn set_wanted(&self, wanted: HashSet<TileAddress>) {
        if let Ok(mut shared) = self.wanted.lock() {
            *shared = wanted;
        }
    }

    /// Everything that arrived since the last call.
    pub fn poll(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// What the network has cost, for a remote source.
    pub fn stats(&self) -> Option<&NetStats> {
        self.http.as_deref().map(|http| &http.stats)
    }
}

/// The IO thread's own state.
struct Thread {
    location: Location,
    http: Option<Arc<Http>>,
    cache_root: Option<PathBuf>,
    max_parallel: usize,
    wanted: Arc<Mutex<HashSet<TileAddress>>>,
    events: std::sync::mpsc::Sender<Event>,
    repaint: Option<egui::Context>,
}

impl Thread {
    fn run(self, requests: tokio::sync::mpsc::UnboundedReceiver<TileAddress>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        match runtime {
            Ok(runtime) => runtime.block_on(self.serve(requests)),
            Err(err) => {
                let _ = self.events.send(Event::OpenFailed(format!(
                    "cannot start the vector tile reader: {err}"
                )));
            }
        }
    }

    async fn serve(self, mut requests: tokio::sync::mpsc::UnboundedReceiver<TileAddress>) {
        let source = match VectorTileSource::open(&self.location, self.http.clone()).await {
            Ok(source) => source,
            Err(err) => {
                let _ = self.events.send(Event::OpenFailed(err));
                repaint(self.repaint.as_ref());
                return;
            }
        };
        let info = source.info().clone();
        let identity = format!("{:?}/{:?}", info.tile_entries, info.tile_compression);
        let cache = self
            .cache_root
            .as_ref()
            .filter(|_| self.location.is_remote())
            .map(|root| DiskCache::new(root, &self.location.text(), &identity));
        let _ = self.events.send(Event::Opened(info));
        repaint(self.repaint.as_ref());
        let worker = Arc::new(Worker {
            source,
            cache,
            wanted: self.wanted,
            events: self.events,
            repaint: self.repaint,
        });
        let permits = Arc::new(tokio::sync::Semaphore::new(self.max_parallel));
        while let Some(at) = requests.recv().await {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            let worker = worker.clone();
            tokio::spawn(async move {
                worker.fetch(at).await;
                drop(permit);
            });
        }
    }
}

impl Worker {
    /// Fetch, decode and build one tile, unless the view no longer wants it.
    async fn fetch(&self, at: TileAddress) {
        let wanted = self.wanted.lock().map_or(true, |w| w.contains(&at));
        if !wanted {
            self.send(Event::Dropped(at));
            return;
        }
        if matches!(self.source, VectorTileSource::Indexed { .. }) {
            match self.source.decoded(at).await {
                Ok(Some(tile)) => self.build(at, move || Ok(tile)),
                Ok(None) => self.send(Event::Tile(at, Ok(None))),
                Err(err) => self.send(Event::Tile(at, Err(err))),
            }
            return;
        }
        let bytes = match self.cache.as_ref().and_then(|c| c.get(at)) {
            Some(cached) => Ok(Some(cached).filter(|b| !b.is_empty())),
            None => {
                let fetched = self.source.tile(at).await;
                if let (Some(cache), Ok(bytes)) = (&self.cache, &fetched) {
                    cache.put(at, bytes.as_deref().unwrap_or_default());
                }
                fetched
            }
        };
        match bytes {
            Ok(Some(bytes)) => self.build(at, move || decode(bytes, at)),
            Ok(None) => self.send(Event::Tile(at, Ok(None))),
            Err(err) => self.send(Event::Tile(at, Err(err))),
        }
    }

    /// Decode (for tile bytes) and build a tile on the worker pool, and send it.
    fn build(
        &self,
        at: TileAddress,
        decode: impl FnOnce() -> Result<DecodedTile, String> + Send + 'static,
    ) {
        let events = self.events.clone();
        let repaint_with = self.repaint.clone();
        rayon::spawn(move || {
            let built = decode().map(|tile| Some(Arc::new(BuiltTile::build(at, tile))));
            let _ = events.send(Event::Tile(at, built));
            repaint(repaint_with.as_ref());
        });
    }

    fn send(&self, event: Event) {
        let _ = self.events.send(event);
        repaint(self.repaint.as_ref());
    }
}

fn repaint(ctx: Option<&egui::Context>) {
    if let Some(ctx) = ctx {
        ctx.request_repaint();
    }
}
