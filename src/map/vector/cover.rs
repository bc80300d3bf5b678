//! Which tiles a frame draws: those of the zoom band that cover the view, nearest the centre
//! first. A tile not built yet is stood in for by its finer tiles when zooming out, or by a
//! coarser one when none of the tiles it holds is ready (so nothing is drawn twice).

use egui::Rect;

use super::VectorLayer;
use super::tile::{TileKey, mercator_bounds, mercator_frame, tiles_covering};
use super::tiles::TileState;
use crate::map::projection::ScreenTransform;

/// How deep a coarser tile is looked for to stand in for a missing one.
const STAND_IN_LEVELS: u8 = 4;

/// What a frame draws of one tile position.
pub(super) struct Drawn {
    pub key: TileKey,
    pub tile: TileState,
}

/// The tiles of `band` covering the view, nearest the centre first, with stand-ins for the
/// missing ones. Past ±180° the map shows the world again, as web maps do: a view key's `x`
/// may lie outside the world, and it is drawn there with the tile of the world it repeats
/// ([`wrapped`]), so every layer repeats with no copy of its geometry.
pub(super) fn tiles_to_draw(
    layer: &VectorLayer,
    transform: &ScreenTransform,
    clip: Rect,
    band: u8,
) -> Vec<Drawn> {
    let store = layer.store();
    let (min, max) = (
        transform.from_screen(clip.min),
        transform.from_screen(clip.max),
    );
    let center = transform.from_screen(clip.center());
    let mut keys: Vec<TileKey> = tiles_covering(min, max, band)
        .into_iter()
        .filter(|key| {
            let [lo, hi] = mercator_bounds(&wrapped(key));
            store.parts_in(lo, hi).next().is_some()
        })
        .collect();
    let distance = |key: &TileKey| {
        let (origin, size) = mercator_frame(key);
        let (dx, dy) = (
            origin[0] + size / 2.0 - center[0],
            origin[1] + size / 2.0 - center[1],
        );
        dx * dx + dy * dy
    };
    keys.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    let mut sources: Vec<TileKey> = Vec::with_capacity(keys.len());
    for key in &keys {
        let source = wrapped(key);
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    let stand_ins = stand_in_keys(layer, &sources);
    let states = layer.tiles.request(&sources, &stand_ins);
    let state_of = |key: &TileKey| {
        let source = wrapped(key);
        sources
            .iter()
            .position(|s| *s == source)
            .and_then(|i| states.get(i).cloned())
    };
    let mut drawn: Vec<Drawn> = Vec::with_capacity(keys.len());
    let mut missing: Vec<TileKey> = Vec::new();
    for key in &keys {
        if let Some(tile) = state_of(key).filter(|t| t.outline.is_some()) {
            drawn.push(Drawn { key: *key, tile });
            continue;
        }
        // Zooming out: the finer tiles of the band below may be built already.
        let ready: Vec<Drawn> = children_of(key)
            .iter()
            .filter_map(|child| {
                let tile = layer.tiles.get(&wrapped(child))?;
                tile.outline
                    .is_some()
                    .then_some(Drawn { key: *child, tile })
            })
            .collect();
        if ready.is_empty() {
            missing.push(*key);
        } else {
            drawn.extend(ready);
        }
    }
    coarser_stand_ins(layer, missing, &mut drawn);
    drawn
}

/// The tile of the world that `key` (which may lie in a copy of the world past ±180°)
/// repeats.
pub(super) fn wrapped(key: &TileKey) -> TileKey {
    let n = 1i32 << key.z;
    TileKey {
        x: key.x.rem_euclid(n),
        ..*key
    }
}

/// Zooming in: a coarser tile stands in for missing ones where none of the tiles it holds is
/// drawn already (and it is not within a coarser one drawn), so nothing is drawn twice.
fn coarser_stand_ins(layer: &VectorLayer, missing: Vec<TileKey>, drawn: &mut Vec<Drawn>) {
    for key in missing {
        let ancestor = (1..=STAND_IN_LEVELS)
            .scan(key, |k, _| {
                *k = k.parent()?;
                Some(*k)
            })
            .find_map(|a| {
                let tile = layer.tiles.get(&wrapped(&a)).filter(|t| t.fill.is_some())?;
                Some((a, tile))
            });
        let Some((ancestor, tile)) = ancestor else {
            continue;
        };
        let overlaps = drawn
            .iter()
            .any(|d| is_within(&d.key, &ancestor) || is_within(&ancestor, &d.key));
        if !overlaps {
            drawn.push(Drawn {
                key: ancestor,
                tile,
            });
        }
    }
}

/// The ancestors and children that may stand in for `keys`, kept from eviction.
fn stand_in_keys(layer: &VectorLayer, keys: &[TileKey]) -> Vec<TileKey> {
    if layer.tiles.is_sync() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for key in keys {
        let mut k = *key;
        for _ in 0..STAND_IN_LEVELS {
            match k.parent() {
                Some(parent) => {
                    k = parent;
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
                None => break,
            }
        }
        out.extend(children_of(key));
    }
    out
}

fn children_of(key: &TileKey) -> Vec<TileKey> {
    if key.z >= super::lod::MAX_BAND {
        return Vec::new();
    }
    let (z, x, y) = (key.z + 1, key.x * 2, key.y * 2);
    vec![
        TileKey { z, x, y },
        TileKey { z, x: x + 1, y },
        TileKey { z, x, y: y + 1 },
        TileKey {
            z,
            x: x + 1,
            y: y + 1,
        },
    ]
}

/// Whether `key` is `ancestor` or lies within it.
fn is_within(key: &TileKey, ancestor: &TileKey) -> bool {
    if key.z < ancestor.z {
        return false;
    }
    let shift = key.z - ancestor.z;
    key.x >> shift == ancestor.x && key.y >> shift == ancestor.y
}
