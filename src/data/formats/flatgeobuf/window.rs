//! A tile's window of a FlatGeobuf file: the index searched, then the features read, those
//! close together in one read. Each feature's length comes from the index (the next
//! feature's offset), so a read asks for exactly the bytes wanted; over HTTP a block cache
//! would fetch 64 KB for every feature of a sample spread through a large file.

use super::{FlatGeobuf, feature, index, projection, windowed};
use crate::data::formats::vector_tiles::{DecodedTile, TileFeature};

/// Features less than this apart are read at once (the bytes between are thrown away).
const GAP: u64 = 16 << 10;
/// One read covers at most this much.
const MAX_SPAN: u64 = 4 << 20;

/// Features read together: (offset, length) each, from the features section's start.
type Span = Vec<(u64, u64)>;

impl FlatGeobuf {
    /// The features in `window` (longitude/latitude) for a tile of zoom `z`, at most about
    /// `budget`, as one tile's layer. Features that cannot be read are skipped and named.
    pub fn window(&self, window: [f64; 4], z: u8, budget: usize) -> Result<DecodedTile, String> {
        let native = projection::native_window(window, &self.projection);
        let take = index::Take {
            fraction: self.density.fraction(z, budget),
            budget,
            spread: if self.ranges.is_remote() { 1 } else { 4 },
        };
        let found = index::search(&self.ranges, self.tree(), native, take)?;
        let mut tile = DecodedTile {
            layers: vec![self.name.clone()],
            sampled_from: found.sampled_from,
            ..DecodedTile::default()
        };
        let (spans, unknown) = spans(&found.offsets);
        for span in spans {
            let (start, end) = (span[0].0, span[span.len() - 1].0 + span[span.len() - 1].1);
            let bytes = self
                .ranges
                .read_direct(self.features_offset + start, (end - start) as usize);
            for &(offset, length) in &span {
                let at = self.features_offset + offset;
                let decoded = bytes.as_ref().map_err(Clone::clone).and_then(|bytes| {
                    let from = (offset - start) as usize;
                    let part = bytes.get(from..from + length as usize).unwrap_or_default();
                    self.decode(part)
                });
                keep(&mut tile, at, decoded);
            }
        }
        for offset in unknown {
            let at = self.features_offset + offset;
            keep(&mut tile, at, self.feature_at(at));
        }
        Ok(tile)
    }

    /// The feature at byte `at`, when its length is not known: its size, then its bytes.
    pub(super) fn feature_at(&self, at: u64) -> Result<feature::Decoded, String> {
        let size = self.ranges.read(at, 4)?;
        let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
        let mut bytes = (size as u32).to_le_bytes().to_vec();
        bytes.extend(self.ranges.read(at + 4, size)?);
        self.decode(&bytes)
    }

    /// One size-prefixed feature, in longitude/latitude.
    fn decode(&self, bytes: &[u8]) -> Result<feature::Decoded, String> {
        let (mut geometry, properties) = feature::decode(bytes, self.kind, &self.columns)?;
        if let Some(geometry) = &mut geometry {
            projection::to_lon_lat(geometry, &self.projection)?;
        }
        Ok((geometry, properties))
    }
}

/// Add a read feature to `tile`, or say why it was not.
fn keep(tile: &mut DecodedTile, at: u64, decoded: Result<feature::Decoded, String>) {
    match decoded {
        Ok((Some(geometry), properties)) if windowed::drawable(&geometry) => {
            tile.features.push(TileFeature {
                layer: 0,
                geometry,
                id: None,
                properties: properties
                    .into_iter()
                    .map(|(k, v)| (k, windowed::value_text(v)))
                    .collect(),
            });
        }
        Ok(_) => {}
        Err(problem) => tile
            .skipped
            .push(format!("the feature at byte {at} {problem}")),
    }
}

/// The features of known length grouped into reads, and those whose length is not known.
fn spans(found: &[(u64, Option<u64>)]) -> (Vec<Span>, Vec<u64>) {
    let mut spans: Vec<Span> = Vec::new();
    let mut unknown = Vec::new();
    for &(offset, length) in found {
        let Some(length) = length else {
            unknown.push(offset);
            continue;
        };
        let joins = spans.last().is_some_and(|span| {
            let (first, (last, last_length)) = (span[0].0, span[span.len() - 1]);
            let end = last + last_length;
            offset >= end && offset - end <= GAP && offset + length - first <= MAX_SPAN
        });
        match spans.last_mut() {
            Some(span) if joins => span.push((offset, length)),
            _ => spans.push(vec![(offset, length)]),
        }
    }
    (spans, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_features_are_read_together_and_far_ones_apart() {
        let found = [
            (0, Some(100)),
            (100, Some(50)),
            (20_000, Some(10)),
            (90_000, None),
        ];
        let (spans, unknown) = spans(&found);
        assert_eq!(spans, vec![vec![(0, 100), (100, 50)], vec![(20_000, 10)]]);
        assert_eq!(unknown, vec![90_000]);
    }
}
