//! A layer's built tiles and the building of the missing ones. A small layer (the story, the
//! bundled basemap) builds what a frame needs in that frame; a large one builds on all cores
//! in the background, nearest the centre of the view first, outlines before fills, and the map
//! draws what has arrived (a coarser tile stands in meanwhile). Built tiles are kept up to a
//! memory budget, the least recently drawn going first; tiles that left the view before their
//! turn are never built.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::store::GeometryStore;
use super::tile::{Fill, Outline, TileKey, build_fill, build_outline};

/// Layers with at most this many vertices build their tiles in the frame that needs them (the
/// bundled layers: 165,000 vertices at most, a few milliseconds a band).
pub const SYNC_VERTICES: usize = 300_000;
/// Memory the built tiles of one layer may keep.
pub const BUDGET_BYTES: usize = 256 << 20;

/// What a frame gets for one tile.
#[derive(Debug, Clone, Default)]
pub struct TileState {
    pub outline: Option<Arc<Outline>>,
    pub fill: Option<Arc<Fill>>,
}

#[derive(Debug, Default)]
struct Slot {
    tile: TileState,
    last_used: u64,
    queued: bool,
}

#[derive(Debug, Default)]
struct State {
    slots: HashMap<TileKey, Slot>,
    /// The tiles the latest frame asked for.
    wanted: HashSet<TileKey>,
    queue: VecDeque<TileKey>,
    workers: usize,
    bytes: usize,
    frame: u64,
}

#[derive(Debug)]
struct Inner {
    store: Arc<GeometryStore>,
    state: Mutex<State>,
    /// Bumped whenever a tile arrives, so a frame cache knows its shapes are stale.
    generation: AtomicU64,
    repaint: Mutex<Option<egui::Context>>,
}

/// The tiles of one layer.
#[derive(Debug, Clone)]
pub struct TileCache {
    inner: Arc<Inner>,
    sync: bool,
}

impl TileCache {
    pub fn new(store: Arc<GeometryStore>) -> Self {
        let sync = store.coords.len() <= SYNC_VERTICES;
        Self {
            inner: Arc::new(Inner {
                store,
                state: Mutex::new(State::default()),
                generation: AtomicU64::new(0),
                repaint: Mutex::new(None),
            }),
            sync,
        }
    }

    /// Whether tiles are built in the frame that needs them.
    pub fn is_sync(&self) -> bool {
        self.sync
    }

    /// Ask for a repaint of `ctx` whenever a tile arrives.
    pub fn repaint_with(&self, ctx: &egui::Context) {
        if let Ok(mut repaint) = self.inner.repaint.lock()
            && repaint.is_none()
        {
            *repaint = Some(ctx.clone());
        }
    }

    /// Changes whenever a tile arrives.
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Relaxed)
    }

    /// Tiles asked for and not yet complete (outline and fill).
    pub fn pending(&self) -> usize {
        let state = self.inner.lock();
        state
            .wanted
            .iter()
            .filter(|k| {
                state
                    .slots
                    .get(*k)
                    .is_none_or(|s| s.tile.outline.is_none() || s.tile.fill.is_none())
            })
            .count()
    }

    /// The tiles `keys` (most wanted first) as they are now, starting the building of the
    /// missing ones; `keep` are tiles to keep too (those standing in for missing ones).
    pub fn request(&self, keys: &[TileKey], keep: &[TileKey]) -> Vec<TileState> {
        if self.sync {
            self.build_missing_now(keys);
        }
        let mut state = self.inner.lock();
        state.frame += 1;
        let frame = state.frame;
        state.wanted = keys.iter().copied().collect();
        let mut missing = Vec::new();
        let tiles = keys
            .iter()
            .map(|key| {
                let slot = state.slots.entry(*key).or_default();
                slot.last_used = frame;
                if slot.tile.outline.is_none() && !slot.queued {
                    slot.queued = true;
                    missing.push(*key);
                }
                slot.tile.clone()
            })
            .collect();
        for key in keep {
            if let Some(slot) = state.slots.get_mut(key) {
                slot.last_used = frame;
            }
        }
        // Newly missing tiles go first: they are the view now.
        for key in missing.into_iter().rev() {
            state.queue.push_front(key);
        }
        state.evict(frame);
        let workers = rayon::current_num_threads().max(1);
        while state.workers < workers && !state.queue.is_empty() {
            state.workers += 1;
            let inner = self.inner.clone();
            rayon::spawn(move || inner.work());
        }
        tiles
    }

    /// Any built tile, whether or not in view (for stand-ins).
    pub fn get(&self, key: &TileKey) -> Option<TileState> {
        self.inner.lock().slots.get(key).map(|s| s.tile.clone())
    }

    fn build_missing_now(&self, keys: &[TileKey]) {
        let missing: Vec<TileKey> = {
            let state = self.inner.lock();
            keys.iter()
                .filter(|k| state.slots.get(*k).is_none_or(|s| s.tile.fill.is_none()))
                .copied()
                .collect()
        };
        for key in missing {
            let outline = Arc::new(guarded(&key, || build_outline(&self.inner.store, &key)));
            let fill = Arc::new(guarded(&key, || build_fill(&self.inner.store, &key)));
            let mut state = self.inner.lock();
            state.bytes += outline.bytes() + fill.bytes();
            let slot = state.slots.entry(key).or_default();
            slot.tile = TileState {
                outline: Some(outline),
                fill: Some(fill),
            };
            slot.queued = false;
        }
    }

    /// Memory the built tiles keep, in bytes.
    pub fn bytes(&self) -> usize {
        self.inner.lock().bytes
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock can only be a bug in building a tile; the state is
        // still consistent (each update is a single assignment), so go on with it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A worker: build queued tiles still wanted, outline then fill, until none is left.
    fn work(&self) {
        loop {
            let key = {
                let mut state = self.lock();
                let next = loop {
                    match state.queue.pop_front() {
                        Some(key) if state.wanted.contains(&key) => break Some(key),
                        Some(key) => {
                            if let Some(slot) = state.slots.get_mut(&key) {
                                slot.queued = false;
                            }
                        }
                        None => break None,
                    }
                };
                if next.is_none() {
                    state.workers -= 1;
                }
                next
            };
            let Some(key) = key else {
                return;
            };
            let outline = Arc::new(build_outline(&self.store, &key));
            self.arrive(
                &key,
                |tile| tile.outline = Some(outline.clone()),
                outline.bytes(),
            );
            let fill = Arc::new(build_fill(&self.store, &key));
            let bytes = fill.bytes();
            self.arrive(&key, |tile| tile.fill = Some(fill), bytes);
            if let Some(slot) = self.lock().slots.get_mut(&key) {
                slot.queued = false;
            }
        }
    }

    fn arrive(&self, key: &TileKey, set: impl FnOnce(&mut TileState), bytes: usize) {
        {
            let mut state = self.lock();
            state.bytes += bytes;
            set(&mut state.slots.entry(*key).or_default().tile);
        }
        self.generation.fetch_add(1, Ordering::Relaxed);
        if let Ok(repaint) = self.repaint.lock()
            && let Some(ctx) = repaint.as_ref()
        {
            ctx.request_repaint();
        }
    }
}

/// Build a tile; a bug that panics while building it leaves the tile empty (and logged)
/// instead of taking the app down with it (a panicking rayon task aborts the process).
fn guarded<T: Default>(key: &TileKey, build: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)) {
        Ok(built) => built,
        Err(_) => {
            log::error!("building tile {key:?} failed; it is left empty");
            T::default()
        }
    }
}

impl State {
    /// Drop the least recently used tiles (not used this frame, not being built) while over
    /// the budget.
    fn evict(&mut self, frame: u64) {
        if self.bytes <= BUDGET_BYTES {
            return;
        }
        let mut old: Vec<(u64, TileKey)> = self
            .slots
            .iter()
            .filter(|(_, s)| s.last_used < frame && !s.queued)
            .map(|(k, s)| (s.last_used, *k))
            .collect();
        old.sort_unstable();
        for (_, key) in old {
            if self.bytes <= BUDGET_BYTES * 3 / 4 {
                break;
            }
            if let Some(slot) = self.slots.remove(&key) {
                let bytes = slot.tile.outline.as_ref().map_or(0, |o| o.bytes())
                    + slot.tile.fill.as_ref().map_or(0, |f| f.bytes());
                self.bytes = self.bytes.saturating_sub(bytes);
            }
        }
    }
}
