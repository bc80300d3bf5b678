//! Which tiles a tiled layer holds, is loading, found empty or failed, kept within a memory
//! budget: when the held tiles pass it, the least recently drawn are dropped. A tile not yet
//! loaded is stood in for by the nearest loaded tile above it, else by its loaded children.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::built::BuiltTile;
use super::loader::Loader;
use crate::data::formats::vector_tiles::TileAddress;
use crate::map::projection::Mercator;
use crate::map::vector::tile::TileKey;

/// Memory one layer's tiles may hold.
pub const BUDGET_BYTES: usize = 192 << 20;
/// A failed tile is asked for again after this long, if it is still in view.
pub const RETRY_AFTER: Duration = Duration::from_secs(30);

/// The address of the tile a (possibly wrapped) key shows.
pub fn address_of(key: &TileKey) -> TileAddress {
    let n = 1i64 << key.z;
    TileAddress {
        z: key.z,
        x: (key.x as i64).rem_euclid(n) as u32,
        y: (key.y as i64).clamp(0, n - 1) as u32,
    }
}

#[derive(Debug)]
enum State {
    Pending,
    Ready(Arc<BuiltTile>),
    Empty,
    Failed(Instant),
}

#[derive(Debug)]
struct Slot {
    state: State,
    /// The frame it was last wanted or drawn in.
    used: u64,
}

/// A layer's tiles.
#[derive(Debug, Default)]
pub struct Slots {
    map: HashMap<TileAddress, Slot>,
    /// The frame count.
    tick: u64,
    /// Bumped whenever what can be drawn changes.
    generation: u64,
    bytes: usize,
    wanted: HashSet<TileAddress>,
    last_error: Option<String>,
}

/// What a layer holds, for its row in the layer panel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TileCounts {
    pub ready: usize,
    pub pending: usize,
    pub empty: usize,
    pub failed: usize,
    pub bytes: usize,
    pub last_error: Option<String>,
    /// Features in the view's loaded tiles.
    pub features_in_view: usize,
    /// The view's tiles that hold only an even sample of their area (an indexed file at a
    /// low zoom), and about how many features those tiles' areas hold.
    pub sampled_tiles: usize,
    pub sampled_from: u64,
    /// Features drawn in those tiles.
    pub sampled_features: usize,
    /// Parts the view's tiles could not read (layers of a tile, features of an indexed
    /// file), and the first one's why.
    pub skipped_in_view: usize,
    pub first_skipped: Option<String>,
}

impl Slots {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The view shows `view`: ask for what is missing, keep what stands in, drop what is over
    /// budget.
    pub fn want(&mut self, view: &[TileKey], loader: &Loader) {
        self.tick += 1;
        let tick = self.tick;
        let wanted: HashSet<TileAddress> = view.iter().map(address_of).collect();
        for &at in &wanted {
            let slot = self.map.entry(at).or_insert_with(|| {
                loader.request(at);
                Slot {
                    state: State::Pending,
                    used: tick,
                }
            });
            slot.used = tick;
            if matches!(&slot.state, State::Failed(when) if when.elapsed() > RETRY_AFTER) {
                slot.state = State::Pending;
                loader.request(at);
            }
        }
        for key in view {
            if self.ready(address_of(key)).is_none() {
                for stand_in in self.stand_ins(key) {
                    if let Some(slot) = self.map.get_mut(&address_of(&stand_in)) {
                        slot.used = tick;
                    }
                }
            }
        }
        if wanted != self.wanted {
            loader.set_wanted(wanted.clone());
            self.wanted = wanted;
        }
        self.evict();
    }

    /// A tile arrived.
    pub fn arrived(&mut self, at: TileAddress, result: Result<Option<Arc<BuiltTile>>, String>) {
        let state = match result {
            Ok(Some(tile)) => {
                self.bytes += tile.bytes();
                State::Ready(tile)
            }
            Ok(None) => State::Empty,
            Err(err) => {
                log::warn!(
                    "vector tile {}: {err}",
                    crate::data::formats::vector_tiles::key(at)
                );
                self.last_error = Some(err);
                State::Failed(Instant::now())
            }
        };
        let used = self.tick;
        if let Some(old) = self.map.insert(at, Slot { state, used }) {
            self.forget(&old.state);
        }
        self.generation += 1;
    }

    /// A tile was not fetched: the view had left it.
    pub fn dropped(&mut self, at: TileAddress) {
        if self
            .map
            .get(&at)
            .is_some_and(|s| matches!(s.state, State::Pending))
        {
            self.map.remove(&at);
        }
    }

    pub fn ready(&self, at: TileAddress) -> Option<Arc<BuiltTile>> {
        match &self.map.get(&at)?.state {
            State::Ready(tile) => Some(tile.clone()),
            _ => None,
        }
    }

    /// Whether the source's answer for `at` is in (a tile, or none there).
    fn settled(&self, at: TileAddress) -> bool {
        self.map
            .get(&at)
            .is_some_and(|s| matches!(s.state, State::Ready(_) | State::Empty))
    }

    /// What to draw for `view`: each tile that is loaded, and for each that is not, its
    /// stand-ins. Coarser tiles come first, so finer ones are drawn over them.
    pub fn drawable(&self, view: &[TileKey]) -> Vec<(TileKey, Arc<BuiltTile>)> {
        let mut keys: Vec<TileKey> = Vec::new();
        for key in view {
            if self.settled(address_of(key)) {
                keys.push(*key);
            } else {
                keys.extend(self.stand_ins(key));
            }
        }
        keys.sort_by_key(|k| (k.z, k.x, k.y));
        keys.dedup();
        keys.into_iter()
            .filter_map(|key| Some((key, self.ready(address_of(&key))?)))
            .collect()
    }

    /// The nearest loaded ancestor of `key`, else its loaded children.
    fn stand_ins(&self, key: &TileKey) -> Vec<TileKey> {
        let mut up = key.parent();
        while let Some(parent) = up {
            if self.settled(address_of(&parent)) {
                return vec![parent];
            }
            up = parent.parent();
        }
        if key.z >= 30 {
            return Vec::new();
        }
        let (z, x, y) = (key.z + 1, key.x * 2, key.y * 2);
        [(0, 0), (1, 0), (0, 1), (1, 1)]
            .into_iter()
            .map(|(dx, dy)| TileKey {
                z,
                x: x + dx,
                y: y + dy,
            })
            .filter(|child| self.settled(address_of(child)))
            .collect()
    }

    /// The tile drawn at `at` (normalised Mercator) for a view of tiles of zoom `z`: its own
    /// once settled (`None` if the source has none there), else the ancestor standing in.
    pub fn drawn_at(&self, at: Mercator, z: u8) -> Option<Arc<BuiltTile>> {
        let n = (1u64 << z) as f64;
        let mut key = Some(TileKey {
            z,
            x: (at[0] * n).floor() as i32,
            y: (at[1] * n).floor() as i32,
        });
        while let Some(k) = key {
            if self.settled(address_of(&k)) {
                return self.ready(address_of(&k));
            }
            key = k.parent();
        }
        None
    }

    /// The view's tiles that are loaded.
    pub fn ready_in_view(&self) -> Vec<Arc<BuiltTile>> {
        self.wanted
            .iter()
            .filter_map(|at| match &self.map.get(at)?.state {
                State::Ready(tile) => Some(tile.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn counts(&self) -> TileCounts {
        let mut counts = TileCounts {
            bytes: self.bytes,
            last_error: self.last_error.clone(),
            ..TileCounts::default()
        };
        for at in &self.wanted {
            if let Some(Slot {
                state: State::Ready(tile),
                ..
            }) = self.map.get(at)
            {
                counts.features_in_view += tile.features.len();
                counts.skipped_in_view += tile.skipped.len();
                if counts.first_skipped.is_none() {
                    counts.first_skipped = tile.skipped.first().cloned();
                }
                if let Some(of) = tile.sampled_from {
                    counts.sampled_tiles += 1;
                    counts.sampled_from += of;
                    counts.sampled_features += tile.features.len();
                }
            }
        }
        for slot in self.map.values() {
            match slot.state {
                State::Pending => counts.pending += 1,
                State::Ready(_) => counts.ready += 1,
                State::Empty => counts.empty += 1,
                State::Failed(_) => counts.failed += 1,
            }
        }
        counts
    }

    fn forget(&mut self, state: &State) {
        if let State::Ready(tile) = state {
            self.bytes = self.bytes.saturating_sub(tile.bytes());
        }
    }

    /// Drop the least recently used tiles not used this frame until the rest fit in 80% of
    /// the budget.
    fn evict(&mut self) {
        if self.bytes <= BUDGET_BYTES {
            return;
        }
        let mut old: Vec<(u64, TileAddress)> = self
            .map
            .iter()
            .filter(|(_, s)| s.used < self.tick && !matches!(s.state, State::Pending))
            .map(|(at, s)| (s.used, *at))
            .collect();
        old.sort_unstable();
        for (_, at) in old {
            if self.bytes <= BUDGET_BYTES / 5 * 4 {
                break;
            }
            if let Some(slot) = self.map.remove(&at) {
                self.forget(&slot.state);
            }
        }
        self.generation += 1;
    }
}
