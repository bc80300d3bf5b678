//! The tiles the map draws: a walkers [`Tiles`] that keeps every tile's state (loading, ready,
//! failed), so the app can say how many failed, and retries failed tiles after a pause, so tiles
//! that come back cover the bundled basemap again. Nothing here waits on the network.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use lru::LruCache;
use walkers::sources::Attribution;
use walkers::{Stats, Tile, TileId, TilePiece, Tiles};

use super::fetch::{self, FetchSettings, Outcome, Shared};

/// How long a failed tile waits before it is asked for again.
pub const RETRY_AFTER: Duration = Duration::from_secs(20);
/// Tiles kept in memory (as walkers does).
const KEPT_TILES: usize = 256;

enum Slot {
    Loading,
    /// The decoded tile and the bytes it came from.
    Ready(Tile, Arc<[u8]>),
    Failed(Instant),
}

/// What the status line and the layer panel say about the tiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TileStatus {
    /// Requested and not yet answered.
    pub loading: usize,
    /// Tiles kept in memory that failed and wait for a retry.
    pub failed: usize,
    /// Since the loader started.
    pub loaded_total: usize,
    pub failed_total: usize,
    /// The latest failure, e.g. "server answered 404 Not Found".
    pub last_error: Option<String>,
    /// Why the on-disk cache is off, if it is.
    pub cache_warning: Option<String>,
}

/// Tiles of one basemap, fetched on a background thread.
pub struct TileLoader {
    requests: tokio::sync::mpsc::Sender<TileId>,
    outcomes: std::sync::mpsc::Receiver<Outcome>,
    slots: LruCache<TileId, Slot>,
    shared: Arc<Shared>,
    attribution: Attribution,
    tile_size: u32,
    max_zoom: u8,
    retry_after: Duration,
    status: TileStatus,
}

impl TileLoader {
    /// Start loading tiles from `source`. The error is a sentence for the user (the map then
    /// shows the bundled basemap).
    pub fn start(
        source: Box<dyn walkers::sources::TileSource + Send + Sync>,
        settings: &FetchSettings,
        ctx: &egui::Context,
    ) -> Result<Self, String> {
        let attribution = source.attribution();
        let tile_size = source.tile_size();
        let max_zoom = source.max_zoom();
        let shared = Arc::new(Shared::default());
        // A short queue, as in walkers: newer requests win when the view moves on.
        let (request_tx, request_rx) = tokio::sync::mpsc::channel(settings.max_parallel.max(1));
        let (outcome_tx, outcome_rx) = std::sync::mpsc::channel();
        let started = fetch::spawn(
            source,
            settings,
            ctx.clone(),
            shared.clone(),
            request_rx,
            outcome_tx,
        );
        started.map(|()| Self {
            requests: request_tx,
            outcomes: outcome_rx,
            slots: LruCache::new(
                std::num::NonZeroUsize::new(KEPT_TILES).unwrap_or(std::num::NonZeroUsize::MIN),
            ),
            shared,
            attribution,
            tile_size,
            max_zoom,
            retry_after: RETRY_AFTER,
            status: TileStatus::default(),
        })
    }

    /// Shorten the retry pause (tests).
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// The tiles' state now.
    pub fn status(&mut self) -> TileStatus {
        self.receive();
        let mut status = self.status.clone();
        status.loading = self.count(|slot| matches!(slot, Slot::Loading));
        status.failed = self.count(|slot| matches!(slot, Slot::Failed(_)));
        status.cache_warning = self
            .shared
            .cache_warning
            .lock()
            .ok()
            .and_then(|warning| warning.clone());
        status
    }

    /// Whether the on-disk cache is in use.
    pub fn cache_on(&self) -> bool {
        self.shared.cache_on.load(Ordering::SeqCst)
    }

    fn count(&self, which: impl Fn(&Slot) -> bool) -> usize {
        self.slots.iter().filter(|(_, slot)| which(slot)).count()
    }

    /// Take every outcome the IO thread has sent.
    fn receive(&mut self) {
        while let Ok((tile_id, outcome)) = self.outcomes.try_recv() {
            let slot = match outcome {
                Ok((tile, bytes)) => {
                    self.status.loaded_total += 1;
                    Slot::Ready(tile, bytes)
                }
                Err(err) => {
                    self.status.failed_total += 1;
                    self.status.last_error = Some(err);
                    Slot::Failed(Instant::now())
                }
            };
            self.slots.put(tile_id, slot);
        }
    }

    /// Ask for a tile unless it is loading, loaded, or failed too recently. A full queue is
    /// not an error: the tile is asked for again next frame.
    fn request(&mut self, tile_id: TileId) {
        let wanted = match self.slots.get(&tile_id) {
            None => true,
            Some(Slot::Failed(at)) => at.elapsed() >= self.retry_after,
            Some(Slot::Loading | Slot::Ready(..)) => false,
        };
        if wanted && self.requests.try_send(tile_id).is_ok() {
            self.slots.put(tile_id, Slot::Loading);
        }
    }

    /// The loaded tile nearest `tile_id` at its zoom or below (past the source's maximum zoom,
    /// from there), with the bytes it came from: what the map shows for `tile_id`.
    pub fn image(&self, tile_id: TileId) -> Option<(TileId, Arc<[u8]>)> {
        let top = tile_id.zoom.min(self.max_zoom);
        (0..=top).rev().find_map(|zoom| {
            let donor = ancestor(tile_id, zoom).0;
            match self.slots.peek(&donor) {
                Some(Slot::Ready(_, bytes)) => Some((donor, bytes.clone())),
                _ => None,
            }
        })
    }

    /// The tile, or the part of the nearest loaded tile at a lower zoom that covers it.
    fn best_available(&mut self, tile_id: TileId) -> Option<TilePiece> {
        (0..=tile_id.zoom).rev().find_map(|zoom| {
            let (donor, uv) = ancestor(tile_id, zoom);
            match self.slots.get(&donor) {
                Some(Slot::Ready(tile, _)) => Some(TilePiece::new(tile.clone(), uv)),
                _ => None,
            }
        })
    }
}

impl Tiles for TileLoader {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.receive();
        let count = 1u64 << tile_id.zoom.min(31);
        if u64::from(tile_id.x) >= count || u64::from(tile_id.y) >= count {
            return None;
        }
        let fetched = if tile_id.zoom > self.max_zoom {
            ancestor(tile_id, self.max_zoom).0
        } else {
            tile_id
        };
        self.request(fetched);
        self.best_available(tile_id)
    }

    fn attribution(&self) -> Attribution {
        self.attribution.clone()
    }

    fn tile_size(&self) -> u32 {
        self.tile_size
    }

    fn stats(&self) -> Stats {
        Stats {
            in_progress: self.count(|slot| matches!(slot, Slot::Loading)),
        }
    }
}

/// The tile at `zoom` (not above the tile's own) covering `tile_id`, and which part of it does.
fn ancestor(tile_id: TileId, zoom: u8) -> (TileId, egui::Rect) {
    let levels = tile_id.zoom.saturating_sub(zoom).min(31);
    let parts = (1u32 << levels) as f32;
    let donor = TileId {
        x: tile_id.x >> levels,
        y: tile_id.y >> levels,
        zoom: tile_id.zoom - levels,
    };
    let min = egui::pos2(
        (tile_id.x % (1 << levels)) as f32 / parts,
        (tile_id.y % (1 << levels)) as f32 / parts,
    );
    (
        donor,
        egui::Rect::from_min_size(min, egui::Vec2::splat(1.0 / parts)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_is_covered_by_the_right_quarter_of_its_parent() {
        let tile = TileId {
            x: 45,
            y: 26,
            zoom: 6,
        };
        let (donor, uv) = ancestor(tile, 5);
        assert_eq!(
            donor,
            TileId {
                x: 22,
                y: 13,
                zoom: 5
            }
        );
        assert_eq!(uv.min, egui::pos2(0.5, 0.0));
        assert_eq!(uv.size(), egui::vec2(0.5, 0.5));
        assert_eq!(
            ancestor(tile, 6),
            (
                tile,
                egui::Rect::from_min_size(egui::Pos2::ZERO, egui::Vec2::splat(1.0))
            )
        );
    }
}
