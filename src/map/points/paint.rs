//! Drawing a clustered point layer: one mesh for every marker in view (a cluster is a ring of
//! its kinds' colours around a white disc with its count; a point a dot of its kind's colour,
//! hollow where its position is only approximate), then the counts as text. The mesh is kept
//! while the view, the filter and the selection stay the same.

use egui::epaint::{Vertex, WHITE_UV};
use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Shape, Stroke, vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::cluster::Item;
use super::{PointHit, PointLayer};
use crate::map::frame_cache::FrameCache;
use crate::map::projection::{ScreenTransform, world_copies};
use crate::map::style::{HALO, SELECTION};
use crate::map::vector::store::{Fixed, from_fixed, to_fixed};

/// Radius of a single point's marker, in points.
pub const POINT_RADIUS: f32 = 5.0;

/// A cluster's marker radius for its count.
pub fn cluster_radius(count: u32) -> f32 {
    (8.0 + 3.5 * (count as f32).log10()).clamp(10.0, 22.0)
}

/// "950", "1.2k", "12k", "1.2M".
pub fn count_text(count: u32) -> String {
    match count {
        0..=999 => count.to_string(),
        1000..=9_999 => format!("{:.1}k", count as f64 / 1e3),
        10_000..=999_999 => format!("{}k", count / 1000),
        _ => format!("{:.1}M", count as f64 / 1e6),
    }
}

/// One marker in view.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub hit: PointHit,
    pub center: Pos2,
    pub radius: f32,
}

/// What the markers of a frame are, with their mesh and where the counts go.
#[derive(Debug, Clone, Default)]
pub struct PointsFrame {
    pub markers: Vec<Marker>,
    mesh: std::sync::Arc<Mesh>,
    labels: Vec<(Pos2, String)>,
}

type FrameKey = (ScreenTransform, Rect, u8, u64, Option<usize>);

/// A point layer's frame cache (kept by whoever owns the layer).
pub type PointsCache = FrameCache<FrameKey, std::sync::Arc<PointsFrame>>;

/// The markers of `layer` in view at `zoom`, with `selected` (a feature) ringed.
pub fn frame(
    layer: &PointLayer,
    transform: &ScreenTransform,
    clip: Rect,
    zoom: f64,
    selected: Option<usize>,
) -> PointsFrame {
    let level = PointLayer::level_of(zoom);
    let margin = 30.0;
    let min = transform.from_screen(clip.min - vec2(margin, margin));
    let max = transform.from_screen(clip.max + vec2(margin, margin));
    let mut out = PointsFrame::default();
    let mut mesh = Mesh::default();
    // Past ±180° the map shows the world again: each copy in view draws its markers.
    for world in world_copies(min[0], max[0]) {
        let shift = world as f64;
        let lo = to_fixed([(min[0] - shift).max(0.0), min[1]]);
        let hi = to_fixed([(max[0] - shift).min(1.0), max[1]]);
        let place = |p: Fixed| {
            let [x, y] = from_fixed(p);
            transform.to_screen([x + shift, y])
        };
        for item in layer.index.items_in(level, lo, hi) {
            layer.add_marker(item, &place, selected, &mut mesh, &mut out);
        }
    }
    out.mesh = std::sync::Arc::new(mesh);
    out
}

impl PointLayer {
    /// One item of the clustering, as a point or cluster marker where `place` puts it.
    fn add_marker(
        &self,
        item: &Item,
        place: &impl Fn(Fixed) -> Pos2,
        selected: Option<usize>,
        mesh: &mut Mesh,
        out: &mut PointsFrame,
    ) {
        let visible = &self.state.visible;
        let count = visible.count(item.start, item.count);
        let Some(centre) = visible.centre(item.start, item.count) else {
            return;
        };
        if count == 0 {
            return;
        }
        let center = place(centre);
        if count == 1 {
            let Some(i) = visible.first(item.start, item.count) else {
                return;
            };
            let i = i as usize;
            let feature = self.leaves.feature[i] as usize;
            let kind = self.state.kind[i];
            let color = self.kind_color(kind);
            let hollow = self.leaves.precision[i] >= 2;
            let radius = match &self.state.sizes {
                Some(sizes) => POINT_RADIUS * sizes.get(kind as usize).copied().unwrap_or(1.0),
                None => point_radius(self.leaves.fatalities[i]),
            };
            point_marker(mesh, center, radius, color, hollow);
            if selected == Some(feature) {
                ring(mesh, center, radius + 4.0, radius + 7.0, SELECTION);
            }
            let hit = PointHit::Point {
                feature,
                at: centre,
            };
            out.markers.push(Marker {
                hit,
                center,
                radius,
            });
        } else {
            let radius = cluster_radius(count);
            let kinds = visible.kinds(item.start, item.count);
            cluster_marker(mesh, center, radius, &kinds, |k| self.kind_color(k));
            out.labels.push((center, count_text(count)));
            let hit = PointHit::Cluster {
                item: *item,
                count,
                at: centre,
            };
            out.markers.push(Marker {
                hit,
                center,
                radius,
            });
        }
    }

    fn kind_color(&self, kind: u8) -> Color32 {
        self.state
            .kinds
            .get(kind as usize)
            .map_or(crate::map::style::LAYER_PALETTE[0], |k| k.color)
    }
}

fn point_marker(mesh: &mut Mesh, center: Pos2, radius: f32, color: Color32, hollow: bool) {
    disc(mesh, center, radius + 1.5, HALO, 18);
    if hollow {
        ring(mesh, center, radius - 2.0, radius, color);
    } else {
        disc(mesh, center, radius, color, 18);
    }
}

/// A single point's radius: larger with the deaths its event caused (ACLED's `fatalities`),
/// by area, as proportional symbols are drawn: 0 gives [`POINT_RADIUS`], 100 or more twice it.
///
/// ```
/// use strikemap::map::points::paint::{point_radius, POINT_RADIUS};
/// assert_eq!(point_radius(0), POINT_RADIUS);
/// assert!(point_radius(9) > point_radius(1));
/// assert_eq!(point_radius(255), 2.0 * POINT_RADIUS);
/// ```
pub fn point_radius(fatalities: u8) -> f32 {
    let scale = 1.0 + (f32::from(fatalities.min(100)) / 100.0).sqrt();
    POINT_RADIUS * scale
}

/// A ring split among the kinds by their counts, around a white disc.
fn cluster_marker(
    mesh: &mut Mesh,
    center: Pos2,
    radius: f32,
    kinds: &[u32],
    color: impl Fn(u8) -> Color32,
) {
    disc(mesh, center, radius + 1.5, HALO, 32);
    let total: u32 = kinds.iter().sum();
    let mut angle = -std::f32::consts::FRAC_PI_2;
    for (kind, &n) in kinds.iter().enumerate() {
        if n == 0 || total == 0 {
            continue;
        }
        let sweep = n as f32 / total as f32 * std::f32::consts::TAU;
        arc(
            mesh,
            center,
            radius * 0.62,
            radius,
            angle,
            angle + sweep,
            color(kind as u8),
        );
        angle += sweep;
    }
    disc(
        mesh,
        center,
        radius * 0.62,
        crate::map::style::CLUSTER_CENTRE,
        32,
    );
}

fn disc(mesh: &mut Mesh, center: Pos2, radius: f32, color: Color32, segments: u32) {
    let base = mesh.vertices.len() as u32;
    mesh.vertices.push(vertex(center, color));
    for i in 0..segments {
        let a = i as f32 / segments as f32 * std::f32::consts::TAU;
        mesh.vertices
            .push(vertex(center + vec2(a.cos(), a.sin()) * radius, color));
    }
    for i in 0..segments {
        mesh.indices
            .extend([base, base + 1 + i, base + 1 + (i + 1) % segments]);
    }
}

fn ring(mesh: &mut Mesh, center: Pos2, inner: f32, outer: f32, color: Color32) {
    arc(
        mesh,
        center,
        inner,
        outer,
        0.0,
        std::f32::consts::TAU,
        color,
    );
}

/// The part of an annulus between two angles.
fn arc(mesh: &mut Mesh, center: Pos2, inner: f32, outer: f32, from: f32, to: f32, color: Color32) {
    let steps = ((to - from) / std::f32::consts::TAU * 40.0).ceil().max(1.0) as u32;
    let base = mesh.vertices.len() as u32;
    for i in 0..=steps {
        let a = from + (to - from) * i as f32 / steps as f32;
        let d = vec2(a.cos(), a.sin());
        mesh.vertices.push(vertex(center + d * inner, color));
        mesh.vertices.push(vertex(center + d * outer, color));
    }
    for i in 0..steps {
        let (a, b) = (base + 2 * i, base + 2 * i + 2);
        mesh.indices.extend([a, a + 1, b, a + 1, b + 1, b]);
    }
}

fn vertex(pos: Pos2, color: Color32) -> Vertex {
    Vertex {
        pos,
        uv: WHITE_UV,
        color,
    }
}

/// What the pointer did to a point layer in one frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PointsView {
    pub hovered: Option<PointHit>,
    /// The marker clicked, if a click landed on one.
    pub clicked: Option<PointHit>,
}

/// Draws a clustered point layer and reports the marker under the pointer and any click.
pub struct PointsPlugin<'a> {
    pub layer: &'a PointLayer,
    pub cache: &'a PointsCache,
    pub selected: Option<usize>,
    pub opacity: f32,
    pub output: &'a mut PointsView,
}

impl Plugin for PointsPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let clip = ui.painter().clip_rect();
        let zoom = memory.zoom();
        if self.layer.heat().is_some() {
            self.layer
                .paint_heat(ui.painter(), &transform, zoom, self.opacity);
            return;
        }
        let key = (
            transform,
            clip,
            PointLayer::level_of(zoom),
            self.layer.generation,
            self.selected,
        );
        let frame = self.cache.get_or(key, || {
            std::sync::Arc::new(frame(self.layer, &transform, clip, zoom, self.selected))
        });
        let painter = ui.painter();
        if self.opacity < 1.0 {
            let mut mesh = (*frame.mesh).clone();
            mesh.vertices
                .iter_mut()
                .for_each(|v| v.color = v.color.gamma_multiply(self.opacity));
            painter.add(Shape::mesh(mesh));
        } else {
            painter.add(Shape::Mesh(frame.mesh.clone()));
        }
        for (pos, text) in &frame.labels {
            painter.text(
                *pos,
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(11.0),
                crate::map::style::COUNT_INK,
            );
        }
        let under = |pointer: Pos2| {
            frame
                .markers
                .iter()
                .filter(|m| m.center.distance(pointer) <= m.radius + 3.0)
                .min_by(|a, b| {
                    a.center
                        .distance(pointer)
                        .total_cmp(&b.center.distance(pointer))
                })
                .map(|m| (m.hit, m.center, m.radius))
        };
        let hovered = response.hover_pos().and_then(under);
        if let Some((_, center, radius)) = hovered {
            painter.circle_stroke(
                center,
                radius + 2.0,
                Stroke::new(2.0, crate::map::style::INK),
            );
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        self.output.hovered = hovered.map(|(hit, _, _)| hit);
        if response.clicked() && !response.double_clicked() {
            self.output.clicked = response
                .interact_pointer_pos()
                .and_then(under)
                .map(|(hit, _, _)| hit);
        }
    }
}
