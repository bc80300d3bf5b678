//! Clustering points for every zoom at once, by Mapbox's supercluster algorithm: from the
//! deepest zoom up, each point (or cluster) takes in the unclaimed ones within a fixed screen
//! radius into a cluster at their weighted centre. The clusters form a tree, and the points are
//! kept in the tree's depth-first order, so every cluster's points are one contiguous range:
//! how many of them a date filter leaves, where their centre is and what kinds they are, are
//! differences of prefix sums ([`super::visible`]), whatever the filter.
//!
//! The `supercluster` crate implements the same algorithm, but its 3.x line takes and gives
//! geojson Features (hundreds of bytes and two allocations a point) and cannot count a filtered
//! subset without a rebuild; its 4.0 alpha keeps points in this order but needs a newer Rust
//! than the project's. BENCHMARKS.md compares the build times.

use rayon::slice::ParallelSliceMut;

use crate::map::vector::lod::{MAX_BAND, units_per_point};
use crate::map::vector::store::Fixed;

/// Cluster radius, in screen points at the cluster level's zoom.
pub const RADIUS_POINTS: f64 = 45.0;
/// Levels 0..=MAX_LEVEL have clusters; the map never zooms deeper.
pub const MAX_LEVEL: u8 = MAX_BAND;
/// An expansion zoom meaning "never splits": its points share (nearly) one place.
pub const NEVER: u8 = u8::MAX;

/// A cluster (or lone point) at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    /// Weighted centre of all its points.
    pub pos: Fixed,
    /// Its points: `start..start + count` in depth-first order.
    pub start: u32,
    pub count: u32,
    /// The level at which it splits into more than one item ([`NEVER`] if it does not).
    pub expands_at: u8,
}

/// One level's items, sorted by grid cell for finding those in a box.
#[derive(Debug, Default)]
struct Level {
    items: Vec<Item>,
    /// Per occupied cell (row-major key), the index of its first item.
    cells: Vec<(u64, u32)>,
    cell_size: i64,
}

/// The clusters of every level, and the points in depth-first order.
#[derive(Debug, Default)]
pub struct ClusterIndex {
    levels: Vec<Level>,
    /// For each depth-first position, the point's index in the input.
    pub order: Vec<u32>,
}

fn cell_size(level: u8) -> i64 {
    (RADIUS_POINTS * units_per_point(level)).ceil().max(1.0) as i64
}

fn key(p: Fixed, size: i64) -> u64 {
    let cx = (p[0] as i64 - i32::MIN as i64) / size;
    let cy = (p[1] as i64 - i32::MIN as i64) / size;
    ((cy as u64) << 32) | cx as u64
}

/// Items of one level while the tree is being built: position, weight, parent at the level above.
struct Building {
    pos: Vec<Fixed>,
    count: Vec<u32>,
    parent: Vec<u32>,
}

impl ClusterIndex {
    /// Cluster `points` for levels 0..=[`MAX_LEVEL`].
    pub fn build(points: &[Fixed]) -> Self {
        let mut levels: Vec<Building> = Vec::with_capacity(MAX_LEVEL as usize + 2);
        levels.push(Building {
            pos: points.to_vec(),
            count: vec![1; points.len()],
            parent: Vec::new(),
        });
        for level in (0..=MAX_LEVEL).rev() {
            let below = levels.last_mut().map(|b| cluster_level(b, level));
            if let Some(next) = below {
                levels.push(next);
            }
        }
        // `levels` runs from the points (deepest) to level 0; lay the tree out depth first.
        levels.reverse();
        Self::lay_out(levels)
    }

    /// Give each item its range of points, children in order inside their parent's range.
    fn lay_out(levels: Vec<Building>) -> Self {
        let mut starts: Vec<Vec<u32>> = Vec::with_capacity(levels.len());
        let mut top_start = 0u32;
        starts.push(
            levels[0]
                .count
                .iter()
                .map(|&c| {
                    let s = top_start;
                    top_start += c;
                    s
                })
                .collect(),
        );
        for depth in 1..levels.len() {
            let parent_starts = &starts[depth - 1];
            let mut cursor: Vec<u32> = parent_starts.clone();
            let level = &levels[depth];
            let mine: Vec<u32> = level
                .parent
                .iter()
                .zip(&level.count)
                .map(|(&p, &c)| {
                    let s = cursor[p as usize];
                    cursor[p as usize] += c;
                    s
                })
                .collect();
            starts.push(mine);
        }
        let points = levels.len() - 1;
        let mut order = vec![0u32; levels[points].pos.len()];
        for (i, &s) in starts[points].iter().enumerate() {
            order[s as usize] = i as u32;
        }
        // Expansion levels, from the deepest cluster level up: an item with a single child
        // splits where that child does.
        let mut expands: Vec<Vec<u8>> = vec![Vec::new(); levels.len()];
        expands[points] = vec![NEVER; levels[points].pos.len()];
        for depth in (0..points).rev() {
            let mut children = vec![0u32; levels[depth].pos.len()];
            let mut only_child = vec![u32::MAX; levels[depth].pos.len()];
            for (child, &p) in levels[depth + 1].parent.iter().enumerate() {
                children[p as usize] += 1;
                only_child[p as usize] = child as u32;
            }
            expands[depth] = (0..levels[depth].pos.len())
                .map(|i| match children[i] {
                    1 if depth + 1 < points => expands[depth + 1][only_child[i] as usize],
                    // Points within the radius at the deepest zoom never split on this map.
                    _ if depth + 1 > MAX_LEVEL as usize => NEVER,
                    1 => NEVER,
                    _ => (depth + 1) as u8,
                })
                .collect();
        }
        // Each level's building is given back as soon as its items are made, so that not
        // every level is held twice at once.
        let levels = levels
            .into_iter()
            .take(points)
            .enumerate()
            .map(|(depth, b)| {
                let (starts, expands) = (
                    std::mem::take(&mut starts[depth]),
                    std::mem::take(&mut expands[depth]),
                );
                let items = (0..b.pos.len())
                    .map(|i| Item {
                        pos: b.pos[i],
                        start: starts[i],
                        count: b.count[i],
                        expands_at: expands[i],
                    })
                    .collect();
                Level::new(items, cell_size(depth as u8))
            })
            .collect();
        Self { levels, order }
    }

    /// The items of `level` whose centres lie in the box `[min, max]`.
    pub fn items_in(&self, level: u8, min: Fixed, max: Fixed) -> Vec<&Item> {
        let Some(level) = self.levels.get(level as usize) else {
            return Vec::new();
        };
        level.items_in(min, max)
    }

    /// Number of levels with clusters.
    pub fn level_count(&self) -> usize {
        self.levels.len()
    }

    /// Items at each level (memory and tests).
    pub fn items_per_level(&self) -> Vec<usize> {
        self.levels.iter().map(|l| l.items.len()).collect()
    }

    /// All items of a level.
    pub fn items(&self, level: u8) -> &[Item] {
        self.levels
            .get(level as usize)
            .map_or(&[], |l| l.items.as_slice())
    }
}

impl Level {
    fn new(mut items: Vec<Item>, cell_size: i64) -> Self {
        items.par_sort_unstable_by_key(|item| key(item.pos, cell_size));
        let mut cells: Vec<(u64, u32)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let k = key(item.pos, cell_size);
            if cells.last().is_none_or(|(last, _)| *last != k) {
                cells.push((k, i as u32));
            }
        }
        Self {
            items,
            cells,
            cell_size,
        }
    }

    fn items_in(&self, min: Fixed, max: Fixed) -> Vec<&Item> {
        let (lo, hi) = (key(min, self.cell_size), key(max, self.cell_size));
        let (x0, x1) = (lo & 0xffff_ffff, hi & 0xffff_ffff);
        let mut out = Vec::new();
        for row in (lo >> 32)..=(hi >> 32) {
            let first = (row << 32) | x0;
            let last = (row << 32) | x1;
            let from = self.cells.partition_point(|(k, _)| *k < first);
            let to = self.cells.partition_point(|(k, _)| *k <= last);
            let (Some(start), end) = (
                self.cells.get(from).map(|c| c.1 as usize),
                self.cells
                    .get(to)
                    .map_or(self.items.len(), |c| c.1 as usize),
            ) else {
                continue;
            };
            out.extend(self.items[start..end].iter().filter(|item| {
                (min[0]..=max[0]).contains(&item.pos[0]) && (min[1]..=max[1]).contains(&item.pos[1])
            }));
        }
        out
    }
}

/// Cluster the items of the level below into `level`: each unclaimed item, in grid order,
/// claims the unclaimed items within the level's radius (itself included) into one cluster.
/// Neighbours are found in the 3×3 grid cells around the item, the cells being the radius
/// wide: the items sorted by cell, a row's three cells are one run of that order.
fn cluster_level(below: &mut Building, level: u8) -> Building {
    let n = below.pos.len();
    let size = cell_size(level);
    let radius_sq = (RADIUS_POINTS * units_per_point(level)).powi(2);
    let mut sorted: Vec<(u64, u32)> = below
        .pos
        .iter()
        .enumerate()
        .map(|(i, &p)| (key(p, size), i as u32))
        .collect();
    sorted.par_sort_unstable();
    let mut claimed = vec![false; n];
    let mut parent = vec![0u32; n];
    let mut next = Building {
        pos: Vec::with_capacity(n / 2),
        count: Vec::with_capacity(n / 2),
        parent: Vec::new(),
    };
    let mut members: Vec<u32> = Vec::new();
    for &(k, i) in &sorted {
        let i = i as usize;
        if claimed[i] {
            continue;
        }
        let p = below.pos[i];
        members.clear();
        let (cx, cy) = (k & 0xffff_ffff, k >> 32);
        for row in cy.saturating_sub(1)..=cy + 1 {
            let lo = (row << 32) | cx.saturating_sub(1);
            let hi = (row << 32) | (cx + 1);
            let from = sorted.partition_point(|(key, _)| *key < lo);
            for &(key, j) in &sorted[from..] {
                if key > hi {
                    break;
                }
                let q = below.pos[j as usize];
                let (dx, dy) = (q[0] as f64 - p[0] as f64, q[1] as f64 - p[1] as f64);
                if !claimed[j as usize] && dx * dx + dy * dy <= radius_sq {
                    members.push(j);
                }
            }
        }
        let index = next.pos.len() as u32;
        let (mut wx, mut wy, mut total) = (0.0f64, 0.0f64, 0u32);
        for &j in &members {
            let (q, c) = (below.pos[j as usize], below.count[j as usize]);
            wx += q[0] as f64 * c as f64;
            wy += q[1] as f64 * c as f64;
            total += c;
            claimed[j as usize] = true;
            parent[j as usize] = index;
        }
        let centre = if members.len() == 1 {
            p
        } else {
            [
                (wx / total as f64).round() as i32,
                (wy / total as f64).round() as i32,
            ]
        };
        next.pos.push(centre);
        next.count.push(total);
    }
    below.parent = parent;
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::projection::to_mercator;
    use crate::map::vector::store::to_fixed;

    fn points() -> Vec<Fixed> {
        let mut next = crate::bench_support::random(7);
        (0..5000)
            .map(|i| {
                // Three towns, and some points stacked exactly on one place.
                let (lon, lat, spread) = match i % 4 {
                    0 => (60.86, 29.49, 0.5),
                    1 => (66.97, 30.18, 0.05),
                    2 => (64.09, 26.97, 2.0),
                    _ => (62.33, 27.37, 0.0),
                };
                to_fixed(to_mercator(
                    lon + (next() - 0.5) * spread,
                    lat + (next() - 0.5) * spread,
                ))
            })
            .collect()
    }

    #[test]
    fn every_level_holds_every_point_once_in_contiguous_ranges() {
        let points = points();
        let index = ClusterIndex::build(&points);
        assert_eq!(index.level_count(), MAX_LEVEL as usize + 1);
        let mut order = index.order.clone();
        order.sort_unstable();
        assert_eq!(order, (0..points.len() as u32).collect::<Vec<_>>());
        for level in 0..=MAX_LEVEL {
            let mut ranges: Vec<(u32, u32)> = index
                .items(level)
                .iter()
                .map(|i| (i.start, i.count))
                .collect();
            ranges.sort_unstable();
            let mut next = 0;
            for (start, count) in ranges {
                assert_eq!(start, next, "level {level}: ranges tile the points");
                next = start + count;
            }
            assert_eq!(next as usize, points.len());
        }
        // Zooming in never merges: deeper levels have at least as many items.
        let per_level = index.items_per_level();
        assert!(per_level.windows(2).all(|w| w[0] <= w[1]), "{per_level:?}");
        assert!(
            per_level[0] < 10 && per_level[MAX_LEVEL as usize] > 1000,
            "{per_level:?}"
        );
    }

    #[test]
    fn a_cluster_is_where_its_points_are_and_says_when_it_splits() {
        let points = points();
        let index = ClusterIndex::build(&points);
        for level in [3u8, 8, 14] {
            for item in index.items(level) {
                let range = item.start as usize..(item.start + item.count) as usize;
                let (sx, sy) = index.order[range.clone()]
                    .iter()
                    .fold((0.0, 0.0), |(x, y), &i| {
                        (
                            x + points[i as usize][0] as f64,
                            y + points[i as usize][1] as f64,
                        )
                    });
                let n = item.count as f64;
                assert!((sx / n - item.pos[0] as f64).abs() < 2.0);
                assert!((sy / n - item.pos[1] as f64).abs() < 2.0);
                assert!(item.expands_at > level);
            }
        }
        // The points stacked on one place never split.
        let stacked = index.items(MAX_LEVEL).iter().find(|i| i.count > 1).unwrap();
        assert_eq!(stacked.expands_at, NEVER);
    }
}
