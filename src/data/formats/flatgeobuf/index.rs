//! A window's features found through a FlatGeobuf file's packed Hilbert R-tree, reading only
//! the index nodes the window touches. The crate's own `stream_search` returns every leaf in
//! the window, so a view of the whole world would read the whole index (100 MB for 2.5M
//! features) and every feature; here the search stops one level above the leaves, and when
//! more leaves lie below than a window may draw, an even sample of those groups is read. In
//! Hilbert order neighbouring groups are neighbouring places, so the sample covers the window.

use std::ops::Range;

use super::ranges::Ranges;

/// Bytes of one index node: its box (four f64) and an offset (u64).
const NODE_BYTES: usize = 40;

/// A node's box and offset: the first child's node number, or for a leaf the feature's byte
/// offset in the features section.
#[derive(Debug, Clone, Copy)]
struct Node {
    bounds: [f64; 4],
    offset: u64,
}

/// What the search found.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    /// Byte offsets of the features to read, in file order, each with its length where the
    /// index tells it (the next feature's offset; not for the file's last feature).
    pub offsets: Vec<(u64, Option<u64>)>,
    /// About how many features the window holds, when only a sample was taken.
    pub sampled_from: Option<u64>,
}

/// The tree's node ranges, leaves first and the root last (as the FlatGeobuf spec lays them
/// out top-down in the file).
pub fn level_bounds(items: u64, node_size: u16) -> Vec<Range<u64>> {
    let fan = node_size.max(2) as u64;
    let mut sizes = vec![items];
    let mut n = items;
    loop {
        n = n.div_ceil(fan);
        sizes.push(n);
        if n <= 1 {
            break;
        }
    }
    let total: u64 = sizes.iter().sum();
    let mut end = total;
    sizes
        .iter()
        .map(|&size| {
            let start = end - size;
            end = start;
            start..start + size
        })
        .collect()
}

/// The index's size in bytes.
pub fn index_bytes(items: u64, node_size: u16) -> u64 {
    let nodes: u64 = level_bounds(items, node_size)
        .iter()
        .map(|r| r.end - r.start)
        .sum();
    nodes * NODE_BYTES as u64
}

/// How much of a window to read: a share of its features (the same for every tile of a
/// zoom, from the file's [`Density`](crate::data::formats::windowed::Density)), and at most
/// `budget` of them whatever the share.
#[derive(Debug, Clone, Copy)]
pub struct Take {
    pub fraction: f64,
    pub budget: usize,
    /// When sampling, leaf groups read per group's worth of features kept: with 4 the leaves
    /// of four times as many groups are read and every fourth is kept, so the sample lies in
    /// clumps of about four neighbours rather than sixteen (1.3 MB of index per tile of 8192
    /// features). Over HTTP 1, as every clump costs a request.
    pub spread: usize,
}

/// The tree as the search walks it: where it starts in the file, its size and fan-out.
#[derive(Debug, Clone, Copy)]
pub struct Tree {
    pub base: u64,
    pub items: u64,
    pub node_size: u16,
}

/// Search the tree for features in `window` (west, south, east, north), reading about
/// `take.fraction` of them and at most about `take.budget`.
pub fn search(ranges: &Ranges, tree: Tree, window: [f64; 4], take: Take) -> Result<Found, String> {
    if tree.items == 0 {
        return Ok(Found::default());
    }
    let levels = level_bounds(tree.items, tree.node_size);
    let fan = tree.node_size.max(2) as u64;
    let mut groups: Vec<u64> = vec![levels[levels.len() - 1].start];
    let mut leaves: Vec<(u64, Option<u64>)> = Vec::new();
    // Leaf groups in the window, and how many of them were read, when only a sample was.
    let mut sampled: Option<(usize, usize)> = None;
    for level in (0..levels.len()).rev() {
        if level == 0 {
            let all = groups.len();
            let wanted = ((all as u64 * fan) as f64 * take.fraction).min(take.budget as f64);
            let kept = ((wanted * take.spread.max(1) as f64) / fan as f64)
                .ceil()
                .max(1.0) as usize;
            if kept < all {
                groups = even_sample(&groups, kept);
            }
            sampled = Some((all, groups.len()));
        }
        let bounds = &levels[level];
        let mut next = Vec::new();
        for run in runs(&groups, fan, bounds.end) {
            // A leaf's length is the next leaf's offset less its own: read one node more.
            let extra = u64::from(level == 0 && run.end < bounds.end);
            let nodes = read_nodes(ranges, tree.base, run.start..run.end + extra)?;
            let count = (run.end - run.start) as usize;
            for (i, node) in nodes.iter().enumerate().take(count) {
                if intersects(&node.bounds, &window) {
                    let length = nodes
                        .get(i + 1)
                        .map(|n| n.offset.saturating_sub(node.offset));
                    next.push((node.offset, length));
                }
            }
        }
        if level == 0 {
            leaves = next;
        } else {
            groups = next.into_iter().map(|(offset, _)| offset).collect();
        }
    }
    let mut groups = leaves;
    groups.sort_unstable();
    // The window holds about as many features per group as the groups read did.
    let (all, read) = sampled.unwrap_or((1, 1));
    let total = (groups.len() as f64 * all as f64 / read.max(1) as f64).round() as u64;
    let wanted = ((total as f64 * take.fraction).ceil() as usize).min(take.budget);
    let mut sampled_from = None;
    if wanted < total as usize {
        sampled_from = Some(total.max(groups.len() as u64));
        if groups.len() > wanted {
            groups = even_sample(&groups, wanted.max(1));
        }
    }
    Ok(Found {
        offsets: groups,
        sampled_from,
    })
}

/// Positions standing for the tree's features, each with how many it stands for: the boxes'
/// centres of the lowest level above the leaves whose nodes take at most `max_bytes`, in the
/// file's coordinates.
pub fn coarse_points(
    ranges: &Ranges,
    tree: Tree,
    max_bytes: u64,
) -> Result<Vec<(f64, f64, u64)>, String> {
    let levels = level_bounds(tree.items, tree.node_size);
    let fan = tree.node_size.max(2) as u64;
    let Some((level, range)) = levels
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, r)| (r.end - r.start) * NODE_BYTES as u64 <= max_bytes)
    else {
        return Ok(Vec::new());
    };
    let weight = fan.pow(level as u32);
    let nodes = read_nodes(ranges, tree.base, range.clone())?;
    Ok(nodes
        .iter()
        .map(|n| {
            (
                (n.bounds[0] + n.bounds[2]) / 2.0,
                (n.bounds[1] + n.bounds[3]) / 2.0,
                weight,
            )
        })
        .collect())
}

/// Every `n`th of `groups`, spread over all of them, `count` in all.
fn even_sample<T: Copy>(groups: &[T], count: usize) -> Vec<T> {
    let step = groups.len() as f64 / count as f64;
    (0..count)
        .filter_map(|i| groups.get((i as f64 * step) as usize).copied())
        .collect()
}

/// The node ranges to read for groups starting at `groups` (each up to `fan` nodes, none past
/// `level_end`), neighbouring groups merged into one read.
fn runs(groups: &[u64], fan: u64, level_end: u64) -> Vec<Range<u64>> {
    let mut sorted = groups.to_vec();
    sorted.sort_unstable();
    let mut runs: Vec<Range<u64>> = Vec::new();
    for start in sorted {
        let end = (start + fan).min(level_end);
        match runs.last_mut() {
            Some(last) if last.end >= start => last.end = last.end.max(end),
            _ => runs.push(start..end),
        }
    }
    runs
}

fn read_nodes(ranges: &Ranges, base: u64, run: Range<u64>) -> Result<Vec<Node>, String> {
    let count = (run.end - run.start) as usize;
    let bytes = ranges.read(base + run.start * NODE_BYTES as u64, count * NODE_BYTES)?;
    Ok(bytes
        .chunks_exact(NODE_BYTES)
        .map(|chunk| {
            let f = |i: usize| {
                let mut b = [0u8; 8];
                b.copy_from_slice(&chunk[i * 8..i * 8 + 8]);
                b
            };
            Node {
                bounds: [0, 1, 2, 3].map(|i| f64::from_le_bytes(f(i))),
                offset: u64::from_le_bytes(f(4)),
            }
        })
        .collect())
}

fn intersects(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_match_the_flatgeobuf_layout() {
        // 2.5M features in nodes of 16: 7 levels, the root first in the file.
        let levels = level_bounds(2_500_000, 16);
        assert_eq!(levels.len(), 7);
        assert_eq!(levels[6], 0..1);
        assert_eq!(levels[0].end - levels[0].start, 2_500_000);
        assert_eq!(
            levels[0].end,
            levels.iter().map(|r| r.end - r.start).sum::<u64>()
        );
        assert_eq!(level_bounds(1, 16), vec![1..2, 0..1]);
    }

    #[test]
    fn neighbouring_groups_are_read_at_once() {
        assert_eq!(runs(&[32, 0, 16, 64], 16, 70), vec![0..48, 64..70]);
        assert_eq!(even_sample(&[1, 2, 3, 4, 5, 6], 3), vec![1, 3, 5]);
    }
}
