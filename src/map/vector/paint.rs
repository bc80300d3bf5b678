//! Building a layer's frame: cull features to the screen, pick the zoom band, and move the
//! band's vertices onto the screen into one fill mesh and one stroke mesh for the whole layer.

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Color32, Mesh, Rect, Shape, Stroke, vec2};

use super::VectorLayer;
use super::feature::PreparedFeature;
use super::lod::{Band, band_of};
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

/// The layer's shapes: fills, then outlines, then points, then the highlighted outline.
pub fn layer_shapes(
    layer: &VectorLayer,
    transform: &ScreenTransform,
    clip: Rect,
    zoom: f64,
    options: &PaintOptions,
) -> Vec<Shape> {
    let band = band_of(zoom);
    let visible: Vec<&PreparedFeature> = layer
        .features
        .iter()
        .filter(|f| {
            let bounds = f.screen_bounds(transform);
            bounds.intersects(clip)
                && (!f.points.is_empty() || bounds.width() >= 1.0 || bounds.height() >= 1.0)
        })
        .collect();
    layer.prepare_band(band, visible.iter().copied());
    let (mut fill_len, mut stroke_len) = ((0, 0), (0, 0));
    for feature in &visible {
        let geometry = feature.band(band);
        fill_len.0 += geometry.fill_vertices.len();
        fill_len.1 += geometry.fill_indices.len();
        stroke_len.0 += geometry.stroke_vertices.len();
        stroke_len.1 += geometry.stroke_indices.len();
    }
    let mut fills = Mesh::default();
    fills.vertices.reserve(fill_len.0);
    fills.indices.reserve(fill_len.1);
    let mut strokes = Mesh::default();
    strokes.vertices.reserve(stroke_len.0);
    strokes.indices.reserve(stroke_len.1);
    let mut points = Vec::new();
    for feature in &visible {
        let geometry = feature.band(band);
        let fill = options
            .fill
            .unwrap_or_else(|| fill_color(&layer.style, feature))
            .gamma_multiply(options.opacity);
        if fill.a() > 0 {
            add_fill(&mut fills, geometry, transform, fill);
        }
        let (stroke, width) = options
            .stroke
            .map_or_else(|| stroke_of(&layer.style, feature), |s| (s.color, s.width));
        // A shape a few points across reads as its fill; its outline would only smudge it.
        let size = feature.screen_bounds(transform).size().max_elem();
        if width > 0.0 && (size >= 6.0 || fill.a() == 0) {
            add_stroke(
                &mut strokes,
                geometry,
                transform,
                stroke.gamma_multiply(options.opacity),
                width,
            );
        }
        let color = feature
            .style
            .marker_color
            .unwrap_or(stroke)
            .gamma_multiply(options.opacity);
        let radius = feature
            .style
            .marker_radius
            .unwrap_or(layer.style.point_radius);
        for &point in &feature.points {
            let center = transform.to_screen(point);
            if clip.expand(radius).contains(center) {
                points.push(Shape::circle_filled(center, radius + 1.0, Color32::WHITE));
                points.push(Shape::circle_filled(center, radius, color));
            }
        }
    }
    let mut shapes = vec![Shape::mesh(fills), Shape::mesh(strokes)];
    shapes.extend(points);
    if let Some(feature) = options.highlight.and_then(|i| layer.features.get(i)) {
        let mut outline = Mesh::default();
        add_stroke(&mut outline, feature.band(band), transform, SELECTION, 4.0);
        shapes.push(Shape::mesh(outline));
        for &point in &feature.points {
            shapes.push(Shape::circle_stroke(
                transform.to_screen(point),
                9.0,
                Stroke::new(3.0, SELECTION),
            ));
        }
    }
    shapes
}

/// The feature's fill: its simplestyle `fill` (at its `fill-opacity`, 0.6 by default as the spec
/// says), else the layer's.
fn fill_color(style: &LayerStyle, feature: &PreparedFeature) -> Color32 {
    let own = feature.style;
    match (own.fill, own.fill_opacity) {
        (Some(color), opacity) => color.gamma_multiply(opacity.unwrap_or(0.6)),
        (None, Some(opacity)) => style.fill.to_opaque().gamma_multiply(opacity),
        (None, None) => style.fill,
    }
}

/// The feature's outline colour and width: its simplestyle `stroke`, `stroke-opacity` and
/// `stroke-width`, else the layer's.
fn stroke_of(style: &LayerStyle, feature: &PreparedFeature) -> (Color32, f32) {
    let own = feature.style;
    let color = own.stroke.unwrap_or(style.stroke.color);
    let color = own
        .stroke_opacity
        .map_or(color, |o| color.to_opaque().gamma_multiply(o));
    (color, own.stroke_width.unwrap_or(style.stroke.width))
}

fn add_fill(mesh: &mut Mesh, band: &Band, transform: &ScreenTransform, color: Color32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices
        .extend(band.fill_vertices.iter().map(|&p| Vertex {
            pos: transform.to_screen(p),
            uv: WHITE_UV,
            color,
        }));
    mesh.indices
        .extend(band.fill_indices.iter().map(|&i| base + i));
}

/// The band's stroke strips, widened to `width` screen points.
fn add_stroke(
    mesh: &mut Mesh,
    band: &Band,
    transform: &ScreenTransform,
    color: Color32,
    width: f32,
) {
    let half = width / 2.0;
    let base = mesh.vertices.len() as u32;
    mesh.vertices
        .extend(band.stroke_vertices.iter().map(|v| Vertex {
            pos: transform.to_screen(v.at) + vec2(v.offset[0], v.offset[1]) * half,
            uv: WHITE_UV,
            color,
        }));
    mesh.indices
        .extend(band.stroke_indices.iter().map(|&i| base + i));
}
