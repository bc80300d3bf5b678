//! The tile IO thread: downloads with a timeout and at most N at once, through the on-disk HTTP
//! cache, decodes, and sends every outcome back to the UI thread, failures included (walkers'
//! own loader only logs them, so the app could not say that tiles are missing).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_cache_reqwest::{CACacheManager, Cache, CacheMode, HttpCache, HttpCacheOptions};
use reqwest_middleware::ClientWithMiddleware;
use walkers::sources::TileSource;
use walkers::{Style, Tile, TileId};

/// What became of one requested tile: the decoded tile and the bytes the server sent (kept for
/// the SVG export, which embeds them as they are).
pub type Outcome = (TileId, Result<(Tile, Arc<[u8]>), String>);

/// How tiles are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchSettings {
    /// On-disk HTTP cache; `None` to fetch uncached.
    pub cache: Option<PathBuf>,
    /// A tile that takes longer than this, connection included, has failed.
    pub timeout: Duration,
    /// Downloads at once; tile.openstreetmap.org allows 2 per client.
    pub max_parallel: usize,
}

/// State the IO thread shares with the UI thread.
#[derive(Debug, Default)]
pub struct Shared {
    /// Cleared when the cache turns out to be unusable (unwritable, corrupt).
    pub cache_on: AtomicBool,
    /// Why the cache was turned off, for the layer panel.
    pub cache_warning: Mutex<Option<String>>,
}

impl Shared {
    fn turn_cache_off(&self, reason: String) {
        if self.cache_on.swap(false, Ordering::SeqCst) {
            log::warn!("{reason}");
            if let Ok(mut warning) = self.cache_warning.lock() {
                *warning = Some(reason);
            }
        }
    }
}

type Source = Box<dyn TileSource + Send + Sync>;

/// Everything one download needs, shared by the download tasks.
struct Fetcher {
    source: Source,
    bare: reqwest::Client,
    cached: Option<ClientWithMiddleware>,
    ctx: egui::Context,
    shared: Arc<Shared>,
}

/// Start the IO thread. Requests arrive on `requests`; outcomes leave on `outcomes`. The thread
/// ends by itself once `requests` is dropped and no download is left.
pub fn spawn(
    source: Source,
    settings: &FetchSettings,
    ctx: egui::Context,
    shared: Arc<Shared>,
    requests: tokio::sync::mpsc::Receiver<TileId>,
    outcomes: std::sync::mpsc::Sender<Outcome>,
) -> Result<(), String> {
    let bare = reqwest::Client::builder()
        .user_agent(super::user_agent())
        .connect_timeout(settings.timeout)
        .timeout(settings.timeout)
        .build()
        .map_err(|err| format!("cannot start the tile downloader: {}", describe(&err)))?;
    let cached = settings.cache.as_ref().map(|path| {
        reqwest_middleware::ClientBuilder::new(bare.clone())
            .with(Cache(HttpCache {
                mode: CacheMode::Default,
                manager: CACacheManager::new(path.clone(), true),
                options: HttpCacheOptions::default(),
            }))
            .build()
    });
    shared.cache_on.store(cached.is_some(), Ordering::SeqCst);
    let fetcher = Arc::new(Fetcher {
        source,
        bare,
        cached,
        ctx,
        shared,
    });
    let max_parallel = settings.max_parallel.max(1);
    std::thread::Builder::new()
        .name("strikemap-tiles".to_owned())
        .spawn(move || {
            match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime.block_on(serve(fetcher, max_parallel, requests, outcomes)),
                Err(err) => log::error!("tile downloader stopped: {err}"),
            }
        })
        .map(drop)
        .map_err(|err| format!("cannot start the tile downloader: {err}"))
}

/// Take requests while fewer than `max_parallel` downloads run.
async fn serve(
    fetcher: Arc<Fetcher>,
    max_parallel: usize,
    mut requests: tokio::sync::mpsc::Receiver<TileId>,
    outcomes: std::sync::mpsc::Sender<Outcome>,
) {
    let permits = Arc::new(tokio::sync::Semaphore::new(max_parallel));
    loop {
        let Ok(permit) = permits.clone().acquire_owned().await else {
            break;
        };
        let Some(tile_id) = requests.recv().await else {
            break;
        };
        let fetcher = fetcher.clone();
        let outcomes = outcomes.clone();
        tokio::spawn(async move {
            let outcome = fetcher.load(tile_id).await;
            if let Err(err) = &outcome {
                log::warn!("tile {}/{}/{}: {err}", tile_id.zoom, tile_id.x, tile_id.y);
            }
            // The UI may be gone already; then nobody needs the tile.
            let _ = outcomes.send((tile_id, outcome));
            fetcher.ctx.request_repaint();
            drop(permit);
        });
    }
}

/// Why a download failed: the server's answer, or the transport (including the cache).
enum Failure {
    Status(String),
    Transport(String),
}

impl Fetcher {
    async fn load(&self, tile_id: TileId) -> Result<(Tile, Arc<[u8]>), String> {
        let url = self.source.tile_url(tile_id);
        let bytes = self.download(&url).await?;
        // `Style` is a unit struct in walkers without its `vector` feature, and a full style
        // with it (as when `compare/` builds strikemap beside walkers_extras): `default()`
        // fits both.
        #[allow(clippy::default_constructed_unit_structs)]
        Tile::new(
            &bytes,
            &Style::default(),
            tile_id.zoom,
            self.source.tile_size(),
            &self.ctx,
        )
        .map(|tile| (tile, Arc::from(bytes)))
        .map_err(|err| format!("not a usable image ({err})"))
    }

    /// Through the cache while it works. A failure there that is not the network's is the
    /// cache's (unwritable, corrupt): the tile is fetched again uncached and the cache is
    /// turned off for the session.
    async fn download(&self, url: &str) -> Result<Vec<u8>, String> {
        if let Some(cached) = &self.cached
            && self.shared.cache_on.load(Ordering::SeqCst)
        {
            let sent = cached.get(url).send().await;
            let network = matches!(&sent, Err(err) if is_network(err));
            match body(sent.map_err(|err| describe(&err))).await {
                Ok(bytes) => return Ok(bytes),
                Err(Failure::Status(message)) => return Err(message),
                Err(Failure::Transport(message)) if network => return Err(message),
                Err(Failure::Transport(message)) => {
                    let retried = self.download_uncached(url).await;
                    if retried.is_ok() {
                        self.shared
                            .turn_cache_off(format!("tile cache off: it failed ({message})"));
                    }
                    return retried;
                }
            }
        }
        self.download_uncached(url).await
    }

    async fn download_uncached(&self, url: &str) -> Result<Vec<u8>, String> {
        let sent = self.bare.get(url).send().await;
        body(sent.map_err(|err| describe(&err)))
            .await
            .map_err(|failure| match failure {
                Failure::Status(message) | Failure::Transport(message) => message,
            })
    }
}

/// The body of a successful response.
async fn body(sent: Result<reqwest::Response, String>) -> Result<Vec<u8>, Failure> {
    let response = sent.map_err(Failure::Transport)?;
    let status = response.status();
    if !status.is_success() {
        return Err(Failure::Status(format!("server answered {status}")));
    }
    match response.bytes().await {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(err) => Err(Failure::Transport(describe(&err))),
    }
}

/// Whether a failure through the cache came from the network rather than the cache itself.
fn is_network(err: &reqwest_middleware::Error) -> bool {
    match err {
        reqwest_middleware::Error::Reqwest(_) => true,
        reqwest_middleware::Error::Middleware(err) => err
            .chain()
            .any(|cause| cause.downcast_ref::<reqwest::Error>().is_some()),
    }
}

/// An error with its causes, e.g. "error sending request: connection refused".
fn describe(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        cause = inner.source();
    }
    text
}
