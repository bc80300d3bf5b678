//! Building a layer's frame from its tiles ([`super::cover`] says which): each moved onto the
//! screen into one fill mesh and one stroke mesh for the whole layer, every feature in its own
//! colour.

use std::sync::Arc;

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::VectorLayer;
use super::cover::{Drawn, tiles_to_draw};
use super::lod::band_of;
use super::store::from_fixed;
use super::tile::{Fill, Outline, Run, TileKey, mercator_frame};
use crate::map::projection::ScreenTransform;
use crate::map::style::{LayerStyle, SELECTION};

/// How to paint a layer this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PaintOptions {
    /// Fill every feature with this colour instead of its style (the basemap's land).
    pub fill: Option<Color32>,
    /// Outline every feature with this instead of its style; a zero width draws no outlines.
    pub stroke: Option<Stroke>,
    /// Multiplies the opacity of everything the layer draws (the layer's opacity control).
    pub opacity: f32,
    /// A feature to outline as selected.
    pub highlight: Option<usize>,
}

impl Default for PaintOptions {
    fn default() -> Self {
        Self {
            fill: None,
            stroke: None,
            opacity: 1.0,
            highlight: None,
        }
    }
}

/// How opaque a choropleth's fills are (the basemap shows through a little).
const CHOROPLETH_OPACITY: f32 = 0.8;

/// The layer's shapes: fills, then outlines, then points, then the highlighted outline.
pub fn layer_shapes(
    layer: &VectorLayer,
    transform: &ScreenTransform,
    clip: Rect,
    zoom: f64,
    options: &PaintOptions,
) -> Vec<Shape> {
    let band = band_of(zoom);
    let drawn = tiles_to_draw(layer, transform, clip, band);
    let mut fills = Mesh::default();
    let mut strokes = Mesh::default();
    let mut highlight = Mesh::default();
    let fill_color = |feature: usize| {
        options
            .fill
            .unwrap_or_else(|| fill_color(&layer.style, layer, feature))
            .gamma_multiply(options.opacity)
    };
    let stroke_of = |feature: usize| {
        let (color, width) = options.stroke.map_or_else(
            || stroke_of(&layer.style, layer, feature),
            |s| (s.color, s.width),
        );
        (color.gamma_multiply(options.opacity), width)
    };
    for Drawn { key, tile } in &drawn {
        let place = TilePlace::new(transform, key);
        if let Some(fill) = &tile.fill {
            add_fill(&mut fills, fill, &place, fill_color);
        }
        if let Some(outline) = &tile.outline {
            add_strokes(&mut strokes, outline, &place, |feature| {
                let (color, width) = stroke_of(feature);
                // A shape a few points across reads as its fill; an outline would smudge it.
                let small = feature_size(layer, feature, transform) < 6.0;
                (width > 0.0 && !(small && fill_color(feature).a() > 0)).then_some((color, width))
            });
            if let Some(selected) = options.highlight {
                add_strokes(&mut highlight, outline, &place, |feature| {
                    (feature == selected).then_some((SELECTION, 4.0))
                });
            }
        }
    }
    let mut shapes = vec![Shape::mesh(fills), Shape::mesh(strokes)];
    shapes.extend(point_shapes(layer, transform, clip, options, stroke_of));
    shapes.push(Shape::mesh(highlight));
    shapes
}

/// A feature's larger side on screen, in points.
fn feature_size(layer: &VectorLayer, feature: usize, transform: &ScreenTransform) -> f64 {
    layer.store().feature_bounds.get(feature).map_or(0.0, |b| {
        b.extent() / super::store::UNITS / transform.units_per_point()
    })
}

/// Where a tile's local coordinates land on screen this frame.
pub(crate) struct TilePlace {
    origin: Pos2,
    size: f32,
}

impl TilePlace {
    pub(crate) fn new(transform: &ScreenTransform, key: &TileKey) -> Self {
        let (origin, size) = mercator_frame(key);
        let origin = transform.to_screen(origin);
        Self {
            origin,
            size: (size / transform.units_per_point()) as f32,
        }
    }

    fn place(&self, local: [f32; 2]) -> Pos2 {
        pos2(
            self.origin.x + local[0] * self.size,
            self.origin.y + local[1] * self.size,
        )
    }
}

/// The fill of the features `color` gives a visible colour for.
pub(crate) fn add_fill(
    mesh: &mut Mesh,
    fill: &Arc<Fill>,
    place: &TilePlace,
    color: impl Fn(usize) -> Color32,
) {
    let style = |feature: usize| Some(color(feature)).filter(|c| c.a() > 0);
    add_runs(
        mesh,
        &fill.vertices,
        &fill.indices,
        &fill.runs,
        style,
        |&p, &color| Vertex {
            pos: place.place(p),
            uv: WHITE_UV,
            color,
        },
    );
}

/// The outline's strips of the features `style` gives a colour and width for.
pub(crate) fn add_strokes(
    mesh: &mut Mesh,
    outline: &Arc<Outline>,
    place: &TilePlace,
    style: impl Fn(usize) -> Option<(Color32, f32)>,
) {
    let style = |feature: usize| style(feature).filter(|(color, _)| color.a() > 0);
    let vertices = &outline.vertices;
    add_runs(
        mesh,
        vertices,
        &outline.indices,
        &outline.runs,
        style,
        |v, &(color, width)| Vertex {
            pos: place.place(v.at) + vec2(v.offset[0], v.offset[1]) * (width / 2.0),
            uv: WHITE_UV,
            color,
        },
    );
}

/// Append a tile's runs (one feature's vertices and indices each) that `style` draws, each
/// vertex made by `vertex` with its feature's style.
fn add_runs<V, S>(
    mesh: &mut Mesh,
    vertices: &[V],
    indices: &[u32],
    runs: &[Run],
    style: impl Fn(usize) -> Option<S>,
    vertex: impl Fn(&V, &S) -> Vertex,
) {
    let (mut vertex_start, mut index_start) = (0usize, 0usize);
    for run in runs {
        let (vertex_end, index_end) = (run.vertices_end as usize, run.indices_end as usize);
        if let Some(style) = style(run.feature as usize) {
            let vertex_base = mesh.vertices.len() as u32;
            mesh.vertices.extend(
                vertices[vertex_start..vertex_end]
                    .iter()
                    .map(|v| vertex(v, &style)),
            );
            // A run's indices point at its own vertices, now moved to `vertex_base`.
            let start = vertex_start as u32;
            mesh.indices.extend(
                indices[index_start..index_end]
                    .iter()
                    .map(|&i| i - start + vertex_base),
            );
        }
        (vertex_start, index_start) = (vertex_end, index_end);
    }
}

/// Point features as dots (the bundled towns; files' points are clustered elsewhere).
fn point_shapes(
    layer: &VectorLayer,
    transform: &ScreenTransform,
    clip: Rect,
    options: &PaintOptions,
    stroke_of: impl Fn(usize) -> (Color32, f32),
) -> Vec<Shape> {
    let store = layer.store();
    if store.points.is_empty() || !layer.draw_points {
        return Vec::new();
    }
    let (min, max) = (
        transform.from_screen(clip.min),
        transform.from_screen(clip.max),
    );
    let mut indices: Vec<u32> = store.points_in(min, max).collect();
    indices.sort_unstable();
    let mut shapes = Vec::new();
    for index in indices {
        let (point, feature) = store.points[index as usize];
        let feature = feature as usize;
        if !layer.theme().shown(feature) {
            continue;
        }
        let own = layer.feature_style(feature);
        let color = own
            .marker_color
            .unwrap_or(stroke_of(feature).0)
            .gamma_multiply(options.opacity);
        let radius = own.marker_radius.unwrap_or(layer.style.point_radius);
        let center = transform.to_screen(from_fixed(point));
        shapes.push(Shape::circle_filled(center, radius + 1.0, Color32::WHITE));
        shapes.push(Shape::circle_filled(center, radius, color));
        if options.highlight == Some(feature) {
            shapes.push(Shape::circle_stroke(
                center,
                9.0,
                Stroke::new(3.0, SELECTION),
            ));
        }
    }
    shapes
}

/// The feature's fill: its simplestyle `fill` (at its `fill-opacity`, 0.6 by default as the spec
/// says), else the layer's.
/// A feature its filters hide has none; a style's class colour (a choropleth) comes first.
fn fill_color(style: &LayerStyle, layer: &VectorLayer, feature: usize) -> Color32 {
    let theme = layer.theme();
    if !theme.shown(feature) {
        return Color32::TRANSPARENT;
    }
    if let Some(color) = theme.class_color(feature) {
        let opacity = if theme.class_unknown(feature) {
            CHOROPLETH_OPACITY * 0.3
        } else {
            CHOROPLETH_OPACITY
        };
        return color.gamma_multiply(opacity);
    }
    let own = layer.feature_style(feature);
    match (own.fill, own.fill_opacity) {
        (Some(color), opacity) => color.gamma_multiply(opacity.unwrap_or(0.6)),
        (None, Some(opacity)) => style.fill.to_opaque().gamma_multiply(opacity),
        (None, None) => style.fill,
    }
}

/// The feature's outline colour and width: its simplestyle `stroke`, `stroke-opacity` and
/// `stroke-width`, else the layer's.
fn stroke_of(style: &LayerStyle, layer: &VectorLayer, feature: usize) -> (Color32, f32) {
    let theme = layer.theme();
    if !theme.shown(feature) {
        return (Color32::TRANSPARENT, 0.0);
    }
    if let Some(color) = theme.class_color(feature) {
        // A line in its class colour; an area's outline too, over its slightly lighter fill.
        return (color, style.stroke.width.min(1.5));
    }
    let own = layer.feature_style(feature);
    let color = own.stroke.unwrap_or(style.stroke.color);
    let color = own
        .stroke_opacity
        .map_or(color, |o| color.to_opaque().gamma_multiply(o));
    (color, own.stroke_width.unwrap_or(style.stroke.width))
}
