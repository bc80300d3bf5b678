//! A tiled layer's frame: the tiles in view moved onto the screen into one fill mesh, one
//! stroke mesh and one mesh of dots, by the same pieces that draw a file's tiles.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Color32, Mesh, Rect, Shape};

use super::Pick;
use super::built::BuiltTile;
use super::slots::address_of;
use super::theme::TiledClasses;
use crate::map::projection::ScreenTransform;
use crate::map::style::{LayerStyle, SELECTION};
use crate::map::vector::paint::{TilePlace, add_fill, add_strokes};
use crate::map::vector::tile::{TileKey, tiles_covering};

/// The tiles of zoom `z` the view shows, world copies included.
pub fn view_tiles(transform: &ScreenTransform, clip: Rect, z: u8) -> Vec<TileKey> {
    let min = transform.from_screen(clip.min);
    let max = transform.from_screen(clip.max);
    tiles_covering(
        [min[0].min(max[0]), min[1].min(max[1]).max(0.0)],
        [min[0].max(max[0]), min[1].max(max[1]).min(1.0)],
        z,
    )
}

/// A source layer's colours this frame, its opacity applied.
#[derive(Debug, Clone, Copy)]
pub struct Colors {
    fill: Color32,
    stroke: (Color32, f32),
    dot: Color32,
    radius: f32,
}

impl Colors {
    pub fn of(style: &LayerStyle, opacity: f32) -> Self {
        Self {
            fill: style.fill.gamma_multiply(opacity),
            stroke: (
                style.stroke.color.gamma_multiply(opacity),
                style.stroke.width,
            ),
            dot: style.stroke.color.gamma_multiply(opacity),
            radius: style.point_radius.max(1.0),
        }
    }
}

impl Colors {
    /// These colours with a categorized or graduated class's `color` in place of the
    /// layer's own.
    fn classed(self, color: Color32, opacity: f32) -> Self {
        Self {
            fill: color.gamma_multiply(0.45 * opacity),
            stroke: (color.gamma_multiply(opacity), self.stroke.1),
            dot: color.gamma_multiply(opacity),
            radius: self.radius,
        }
    }
}

/// How one shown source layer is painted: its colours, and its classes by a column when it
/// has a categorized or graduated style.
#[derive(Debug, Clone)]
pub struct LayerPaint {
    pub colors: Colors,
    pub classes: Option<Arc<TiledClasses>>,
    pub opacity: f32,
}

impl LayerPaint {
    /// The colours of a feature with `properties`.
    fn of(&self, properties: &[(String, String)]) -> Colors {
        let Some(classes) = &self.classes else {
            return self.colors;
        };
        let column = &classes.classification.column;
        let value = properties
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.as_str());
        self.colors.classed(classes.color_of(value), self.opacity)
    }
}

/// Each shown source layer's paint, by name; a layer not here is hidden.
pub type Palette = HashMap<String, LayerPaint>;

/// Fills, then outlines, then dots with a white rim (a selected dot in a ring of the
/// selection colour), then the selected outline.
pub fn shapes(
    tiles: &[(TileKey, Arc<BuiltTile>)],
    transform: &ScreenTransform,
    palette: &Palette,
    highlight: Option<Pick>,
) -> Vec<Shape> {
    let [
        mut fills,
        mut strokes,
        mut halo,
        mut rims,
        mut dots,
        mut selected,
    ] = std::array::from_fn(|_| Mesh::default());
    for (key, tile) in tiles {
        let place = TilePlace::new(transform, key);
        // Per layer of this tile, its colours (`None`: hidden).
        let by_layer: Vec<Option<&LayerPaint>> =
            tile.layers.iter().map(|l| palette.get(l)).collect();
        let colors = |f: usize| {
            let feature = tile.features.get(f)?;
            let paint = by_layer.get(feature.layer as usize).copied().flatten()?;
            Some(paint.of(&feature.properties))
        };
        add_fill(&mut fills, &tile.fill, &place, |f| {
            colors(f).map_or(Color32::TRANSPARENT, |c| c.fill)
        });
        add_strokes(&mut strokes, &tile.outline, &place, |f| {
            colors(f).map(|c| c.stroke).filter(|s| s.1 > 0.0)
        });
        add_strokes(&mut rims, &tile.dots, &place, |f| {
            let c = colors(f)?;
            let rim = Color32::WHITE.gamma_multiply(c.dot.a() as f32 / 255.0);
            Some((rim, c.radius * 2.0 + 2.0))
        });
        add_strokes(&mut dots, &tile.dots, &place, |f| {
            colors(f).map(|c| (c.dot, c.radius * 2.0))
        });
        if let Some(pick) = highlight.filter(|p| p.tile == address_of(key)) {
            let chosen = |f: usize| (f == pick.feature).then_some((SELECTION, 4.0));
            add_strokes(&mut selected, &tile.outline, &place, chosen);
            let ring = |f: usize| {
                let c = colors(f).filter(|_| f == pick.feature)?;
                Some((SELECTION, c.radius * 2.0 + 8.0))
            };
            add_strokes(&mut halo, &tile.dots, &place, ring);
        }
    }
    [fills, strokes, halo, rims, dots, selected]
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(Shape::mesh)
        .collect()
}
