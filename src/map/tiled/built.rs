//! One decoded vector tile made ready to draw by strikemap's own tile pipeline: its features
//! projected into a [`GeometryStore`], then outlined and triangulated for its own zoom exactly
//! as a file's tiles are ([`build_outline`], [`build_fill`]), and its points made into dots.
//! Each piece is in tile-local units, so a frame only moves it onto the screen, at any zoom
//! the tile stands in for (overzoom).

use std::sync::Arc;

use crate::data::formats::vector_tiles::{DecodedTile, TileAddress};
use crate::map::vector::GeometryStore;
use crate::map::vector::stroke::StrokeVertex;
use crate::map::vector::tile::{Fill, Outline, Run, TileKey, build_fill, build_outline};

/// Rim vertices of a dot.
const DOT_SIDES: usize = 8;

/// One feature's source layer and properties, for identify.
#[derive(Debug, Clone)]
pub struct FeatureInfo {
    /// Index into [`BuiltTile::layers`].
    pub layer: u16,
    pub id: Option<u64>,
    pub properties: Vec<(String, String)>,
}

/// A tile ready to draw and to hit.
#[derive(Debug)]
pub struct BuiltTile {
    pub at: TileAddress,
    pub store: GeometryStore,
    pub outline: Arc<Outline>,
    pub fill: Arc<Fill>,
    /// Point features as unit discs: offsets scaled by the wanted radius each frame.
    pub dots: Arc<Outline>,
    pub features: Vec<FeatureInfo>,
    /// The tile's layer names.
    pub layers: Vec<String>,
    /// Layers (or features, for an indexed file) that could not be read.
    pub skipped: Vec<String>,
    /// About how many features the tile's area holds, when it drew only an even sample.
    pub sampled_from: Option<u64>,
}

impl BuiltTile {
    /// Build `tile`, decoded from the tile at `at`. Runs off the UI thread.
    pub fn build(at: TileAddress, tile: DecodedTile) -> Self {
        let mut geometries = Vec::with_capacity(tile.features.len());
        let mut features = Vec::with_capacity(tile.features.len());
        let sampled_from = tile.sampled_from;
        for feature in tile.features {
            geometries.push(feature.geometry);
            features.push(FeatureInfo {
                layer: feature.layer,
                id: feature.id,
                properties: feature.properties,
            });
        }
        let store = GeometryStore::build(geometries);
        let key = key_of(at);
        Self {
            at,
            outline: Arc::new(build_outline(&store, &key)),
            fill: Arc::new(build_fill(&store, &key)),
            dots: Arc::new(build_dots(&store, &key)),
            store,
            features,
            layers: tile.layers,
            skipped: tile.skipped,
            sampled_from,
        }
    }

    /// Memory held, roughly.
    pub fn bytes(&self) -> usize {
        let properties: usize = self
            .features
            .iter()
            .flat_map(|f| &f.properties)
            .map(|(k, v)| k.len() + v.len() + 48)
            .sum();
        self.store.heap_bytes()
            + self.outline.bytes()
            + self.fill.bytes()
            + self.dots.bytes()
            + properties
            + self.features.len() * 40
    }

    /// The layer a feature came from.
    pub fn layer_of(&self, feature: usize) -> Option<&str> {
        let info = self.features.get(feature)?;
        self.layers.get(info.layer as usize).map(String::as_str)
    }
}

/// The pipeline's key of an archive's tile.
pub fn key_of(at: TileAddress) -> TileKey {
    TileKey {
        z: at.z,
        x: at.x as i32,
        y: at.y as i32,
    }
}

/// The points whose centre lies in the tile (not its buffer, which the next tile draws) as
/// discs of radius 1 around their tile-local centre.
fn build_dots(store: &GeometryStore, key: &TileKey) -> Outline {
    let rect = key.rect();
    let frame = key.frame();
    let mut dots = Outline::default();
    let rim: Vec<[f32; 2]> = (0..DOT_SIDES)
        .map(|i| {
            let angle = i as f32 * std::f32::consts::TAU / DOT_SIDES as f32;
            [angle.cos(), angle.sin()]
        })
        .collect();
    for &(point, feature) in &store.points {
        let inside = (rect.min[0]..rect.max[0]).contains(&point[0])
            && (rect.min[1]..rect.max[1]).contains(&point[1]);
        if !inside {
            continue;
        }
        let at = [
            ((point[0] as f64 - frame.origin[0]) / frame.size) as f32,
            ((point[1] as f64 - frame.origin[1]) / frame.size) as f32,
        ];
        let centre = dots.vertices.len() as u32;
        dots.vertices.push(StrokeVertex {
            at,
            offset: [0.0, 0.0],
        });
        dots.vertices
            .extend(rim.iter().map(|&offset| StrokeVertex { at, offset }));
        for i in 0..DOT_SIDES as u32 {
            let next = (i + 1) % DOT_SIDES as u32;
            dots.indices
                .extend([centre, centre + 1 + i, centre + 1 + next]);
        }
        let run = Run {
            feature,
            vertices_end: dots.vertices.len() as u32,
            indices_end: dots.indices.len() as u32,
        };
        match dots.runs.last_mut() {
            Some(last) if last.feature == feature => *last = run,
            _ => dots.runs.push(run),
        }
    }
    dots
}
