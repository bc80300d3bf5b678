//! A layer's built tiles and the building of the missing ones. A small layer (the story, the
//! bundled basemap) builds what a frame needs in that frame; a large one builds on all cores
//! in the background, nearest the centre of the view first, outlines before fills, and the map
//! draws what has arrived (a coarser tile stands in meanwhile). Built tiles are kept up to a
//! memory budget shared by all layers, the least recently drawn going first; tiles that left
//! the view before their turn are never built. A bug that panics while building a tile marks
//! the layer failed, with the message, and the app goes on.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use super::store::GeometryStore;
use super::tile::{Fill, Outline, TileKey, build_fill, build_outline};

/// Layers with at most this many vertices build their tiles in the frame that needs them (the
/// bundled layers: 165,000 vertices at most, a few milliseconds a band).
pub const SYNC_VERTICES: usize = 300_000;
/// Memory the built tiles of all layers together may keep.
pub const BUDGET_BYTES: usize = 512 << 20;

/// Every layer's tiles, for the shared budget.
static CACHES: Mutex<Vec<Weak<Inner>>> = Mutex::new(Vec::new());
/// Memory the built tiles of all layers keep.
static TOTAL_BYTES: AtomicUsize = AtomicUsize::new(0);
/// Counts requests across layers, so that how recently a tile was drawn compares across them.
static CLOCK: AtomicU64 = AtomicU64::new(0);

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
    /// The tiles the latest frame asked for, and those it keeps as stand-ins.
    wanted: HashSet<TileKey>,
    /// The tiles the latest frame asked for (not its stand-ins): what "pending" counts.
    asked: Vec<TileKey>,
    queue: VecDeque<TileKey>,
    workers: usize,
    bytes: usize,
    /// Why no more tiles are built: building one panicked.
    failed: Option<String>,
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
        let inner = Arc::new(Inner {
            store,
            state: Mutex::new(State::default()),
            generation: AtomicU64::new(0),
            repaint: Mutex::new(None),
        });
        let mut caches = CACHES.lock().unwrap_or_else(|e| e.into_inner());
        caches.retain(|c| c.strong_count() > 0);
        caches.push(Arc::downgrade(&inner));
        Self { inner, sync }
    }

    /// Why the layer is no longer drawn, if building one of its tiles failed.
    pub fn failed(&self) -> Option<String> {
        self.inner.lock().failed.clone()
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
            .asked
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
        let tick = CLOCK.fetch_add(1, Ordering::Relaxed);
        let tiles = {
            let mut state = self.inner.lock();
            state.wanted = keys.iter().copied().collect();
            state.asked = keys.to_vec();
            let mut missing = Vec::new();
            let tiles = keys
                .iter()
                .map(|key| {
                    let slot = state.slots.entry(*key).or_default();
                    slot.last_used = tick;
                    if slot.tile.outline.is_none() && !slot.queued {
                        slot.queued = true;
                        missing.push(*key);
                    }
                    slot.tile.clone()
                })
                .collect();
            for key in keep {
                if let Some(slot) = state.slots.get_mut(key) {
                    slot.last_used = tick;
                }
                state.wanted.insert(*key);
            }
            // Newly missing tiles go first: they are the view now.
            for key in missing.into_iter().rev() {
                state.queue.push_front(key);
            }
            if state.failed.is_some() {
                state.queue.clear();
            }
            let workers = rayon::current_num_threads().max(1);
            while state.workers < workers && !state.queue.is_empty() {
                state.workers += 1;
                let inner = self.inner.clone();
                rayon::spawn(move || inner.work());
            }
            tiles
        };
        evict_over_budget();
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
            if self.inner.lock().failed.is_some() {
                return;
            }
            let store = &self.inner.store;
            let (Some(outline), Some(fill)) = (
                self.inner.guarded(&key, || build_outline(store, &key)),
                self.inner.guarded(&key, || build_fill(store, &key)),
            ) else {
                return;
            };
            let (outline, fill) = (Arc::new(outline), Arc::new(fill));
            let mut state = self.inner.lock();
            state.add_bytes(outline.bytes() + fill.bytes());
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
            let Some(outline) = self.guarded(&key, || build_outline(&self.store, &key)) else {
                self.stop();
                return;
            };
            let outline = Arc::new(outline);
            let bytes = outline.bytes();
            self.arrive(&key, |tile| tile.outline = Some(outline), bytes);
            let Some(fill) = self.guarded(&key, || build_fill(&self.store, &key)) else {
                self.stop();
                return;
            };
            let fill = Arc::new(fill);
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
            state.add_bytes(bytes);
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

impl Inner {
    /// Build a tile. A bug that panics while building it marks the layer failed with the
    /// message (and logs it), instead of taking the app down: a panicking rayon task aborts
    /// the process.
    fn guarded<T>(&self, key: &TileKey, build: impl FnOnce() -> T) -> Option<T> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(build)) {
            Ok(built) => Some(built),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|m| (*m).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "no message".to_owned());
                let failed = format!(
                    "drawing it failed (a bug: building tile {}/{}/{} panicked: {message}); \
                     it is no longer drawn, and the rest of the app goes on",
                    key.z, key.x, key.y
                );
                log::error!("{failed}");
                self.lock().failed.get_or_insert(failed);
                self.generation.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// A worker gives up after a failure: nothing more is built.
    fn stop(&self) {
        let mut state = self.lock();
        state.queue.clear();
        state.workers -= 1;
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let bytes = self.lock().bytes;
        TOTAL_BYTES.fetch_sub(bytes, Ordering::Relaxed);
    }
}

impl State {
    fn add_bytes(&mut self, bytes: usize) {
        self.bytes += bytes;
        TOTAL_BYTES.fetch_add(bytes, Ordering::Relaxed);
    }

    fn remove(&mut self, key: &TileKey) {
        if let Some(slot) = self.slots.remove(key) {
            let bytes = slot.tile.outline.as_ref().map_or(0, |o| o.bytes())
                + slot.tile.fill.as_ref().map_or(0, |f| f.bytes());
            self.bytes = self.bytes.saturating_sub(bytes);
            TOTAL_BYTES.fetch_sub(bytes, Ordering::Relaxed);
        }
    }
}

/// Memory the built tiles of all layers keep, in bytes.
pub fn total_bytes() -> usize {
    TOTAL_BYTES.load(Ordering::Relaxed)
}

/// While all layers' tiles keep more than the budget, drop the least recently drawn (not in
/// any layer's latest view, not being built), whichever layer they are in, down to three
/// quarters of it.
fn evict_over_budget() {
    if total_bytes() <= BUDGET_BYTES {
        return;
    }
    let caches: Vec<Arc<Inner>> = CACHES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter_map(Weak::upgrade)
        .collect();
    let mut old: Vec<(u64, usize, TileKey)> = Vec::new();
    for (i, cache) in caches.iter().enumerate() {
        let state = cache.lock();
        old.extend(
            state
                .slots
                .iter()
                .filter(|(k, s)| !s.queued && !state.wanted.contains(k))
                .map(|(k, s)| (s.last_used, i, *k)),
        );
    }
    old.sort_unstable_by_key(|(used, _, _)| *used);
    for (_, i, key) in old {
        if total_bytes() <= BUDGET_BYTES * 3 / 4 {
            break;
        }
        caches[i].lock().remove(&key);
    }
}
