//! Sketch layers on the map: each mark in its own style (an uncertain position drawn dashed,
//! with its radius at ground scale; a stand-in hollow), the selected mark's vertex handles and
//! the midpoints a click turns into new vertices, and the mark being drawn with a line to the
//! pointer. Hit tests on screen positions live here too, beside the drawing they match.

use egui::epaint::{Mesh, PathStroke};
use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, Vec2};
use walkers::{MapMemory, Plugin, Projector};

use crate::data::sketch::{Certainty, Mark, MarkKind, Sketch};
use crate::map::projection::{ScreenTransform, to_mercator};

/// How near (screen points) a click must be to a handle or a line to hit it.
pub const HIT: f32 = 7.0;

/// A handle of the selected mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handle {
    /// Its vertex `i`.
    Vertex(usize),
    /// The middle of the edge after vertex `i` (a new vertex goes there).
    Midpoint(usize),
}

/// Draws the sketch layers, the selection's handles and the mark being drawn.
pub struct SketchPlugin<'a> {
    pub sketches: &'a [Sketch],
    /// The selected mark: sketch, mark.
    pub selected: Option<(usize, usize)>,
    pub drawing: Option<Drawing<'a>>,
}

/// A mark being drawn: its kind, its points so far, and where the pointer is (the next point).
pub struct Drawing<'a> {
    pub kind: MarkKind,
    pub points: &'a [[f64; 2]],
    pub pointer: Option<Pos2>,
}

/// A mark's points on screen.
pub fn screen_points(mark: &Mark, transform: &ScreenTransform) -> Vec<Pos2> {
    mark.points
        .iter()
        .map(|&[lon, lat]| transform.to_screen_near(to_mercator(lon, lat)))
        .collect()
}

fn color(mark: &Mark, opacity: f32) -> Color32 {
    let [r, g, b] = mark.style.rgb();
    Color32::from_rgb(r, g, b).gamma_multiply(opacity.clamp(0.0, 1.0))
}

/// The glyph drawn on a point for a Maki symbol name.
fn symbol_glyph(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "danger" => "!",
        "fire-station" => "F",
        "town" => "T",
        "embassy" => "E",
        "cross" => "+",
        _ => return None,
    })
}

/// Paint one mark.
pub fn paint_mark(painter: &Painter, mark: &Mark, transform: &ScreenTransform) {
    let pts = screen_points(mark, transform);
    let Some(&first) = pts.first() else {
        return;
    };
    let ink = color(mark, mark.style.opacity);
    let stroke = Stroke::new(mark.style.width, ink);
    let dashed = mark.certainty != Certainty::Exact;
    // A point's uncertainty is a radius at ground scale; a path's or an area's, its dashes.
    if let (Certainty::Approximate { radius_m }, true) = (mark.certainty, mark.kind.is_single()) {
        let lat = mark.points[0][1];
        let radius = radius_m as f32 * transform.points_per_metre(lat);
        painter.circle(
            first,
            radius,
            ink.gamma_multiply(0.10),
            Stroke::new(1.0, ink),
        );
    }
    match mark.kind {
        MarkKind::Point => {
            let fill = if mark.certainty == Certainty::Standin {
                Color32::WHITE
            } else {
                ink
            };
            painter.circle(first, 7.0, fill, Stroke::new(2.0, Color32::WHITE));
            painter.circle_stroke(first, 8.0, Stroke::new(1.5, ink));
            if let Some(glyph) = symbol_glyph(&mark.style.symbol) {
                let text = if fill == ink { Color32::WHITE } else { ink };
                painter.text(
                    first,
                    Align2::CENTER_CENTER,
                    glyph,
                    FontId::monospace(10.0),
                    text,
                );
            }
        }
        MarkKind::Label => paint_label(painter, first, &mark.label(), ink),
        MarkKind::Line | MarkKind::Arrow => {
            path(painter, pts.clone(), stroke, dashed);
            if mark.kind == MarkKind::Arrow && pts.len() >= 2 {
                arrowhead(
                    painter,
                    pts[pts.len() - 2],
                    pts[pts.len() - 1],
                    ink,
                    mark.style.width,
                );
            }
        }
        MarkKind::Polygon => {
            fill_polygon(painter, &pts, color(mark, mark.style.fill_opacity));
            let mut ring = pts;
            ring.push(first);
            path(painter, ring, stroke, dashed);
        }
    }
}

fn path(painter: &Painter, pts: Vec<Pos2>, stroke: Stroke, dashed: bool) {
    if dashed {
        painter.extend(Shape::dashed_line(&pts, stroke, 10.0, 6.0));
    } else {
        painter.add(Shape::line(pts, PathStroke::from(stroke)));
    }
}

/// Text with a white halo, so it reads on any basemap.
fn paint_label(painter: &Painter, at: Pos2, text: &str, ink: Color32) {
    let text = crate::text::visual(text);
    let font = FontId::proportional(15.0);
    for offset in [
        Vec2::new(-1.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, -1.0),
        Vec2::new(0.0, 1.0),
    ] {
        painter.text(
            at + offset,
            Align2::CENTER_CENTER,
            &text,
            font.clone(),
            Color32::WHITE,
        );
    }
    painter.text(at, Align2::CENTER_CENTER, &text, font, ink);
}

/// A filled triangle at `tip`, pointing away from `from`.
fn arrowhead(painter: &Painter, from: Pos2, tip: Pos2, ink: Color32, width: f32) {
    let direction = (tip - from).normalized();
    if !direction.x.is_finite() {
        return;
    }
    let size = 10.0 + width * 2.0;
    let back = tip - direction * size;
    let side = direction.rot90() * size * 0.5;
    painter.add(Shape::convex_polygon(
        vec![tip, back + side, back - side],
        ink,
        Stroke::NONE,
    ));
}

/// A polygon's fill, triangulated (it may be concave).
fn fill_polygon(painter: &Painter, pts: &[Pos2], fill: Color32) {
    let mut triangles: Vec<u32> = Vec::new();
    earcut::Earcut::new().earcut(pts.iter().map(|p| [p.x, p.y]), &[], &mut triangles);
    let mut mesh = Mesh::default();
    for &p in pts {
        mesh.colored_vertex(p, fill);
    }
    mesh.indices = triangles;
    painter.add(Shape::mesh(mesh));
}

/// The selected mark's handles: squares at vertices, small circles at edge middles.
fn paint_handles(painter: &Painter, mark: &Mark, transform: &ScreenTransform) {
    let ink = Color32::from_rgb(30, 30, 30);
    for (i, p) in handle_positions(mark, transform) {
        match i {
            Handle::Vertex(_) => {
                let rect = egui::Rect::from_center_size(p, Vec2::splat(9.0));
                painter.rect(
                    rect,
                    1.0,
                    Color32::WHITE,
                    Stroke::new(1.5, ink),
                    egui::StrokeKind::Middle,
                );
            }
            Handle::Midpoint(_) => {
                painter.circle(
                    p,
                    4.0,
                    Color32::from_white_alpha(180),
                    Stroke::new(1.0, ink),
                );
            }
        }
    }
}

/// Where a mark's handles are on screen: each vertex, then each edge's middle (lines and
/// polygons).
pub fn handle_positions(mark: &Mark, transform: &ScreenTransform) -> Vec<(Handle, Pos2)> {
    let pts = screen_points(mark, transform);
    let mut out: Vec<(Handle, Pos2)> = pts
        .iter()
        .enumerate()
        .map(|(i, &p)| (Handle::Vertex(i), p))
        .collect();
    if !mark.kind.is_single() {
        let edges = if mark.is_closed() {
            pts.len()
        } else {
            pts.len().saturating_sub(1)
        };
        for i in 0..edges {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            out.push((Handle::Midpoint(i), a + (b - a) * 0.5));
        }
    }
    out
}

/// The handle of `mark` under `pos`, vertices first.
pub fn hit_handle(mark: &Mark, transform: &ScreenTransform, pos: Pos2) -> Option<Handle> {
    handle_positions(mark, transform)
        .into_iter()
        .find(|(_, p)| p.distance(pos) <= HIT)
        .map(|(h, _)| h)
}

/// The topmost mark of `sketch` under `pos`.
pub fn hit_mark(sketch: &Sketch, transform: &ScreenTransform, pos: Pos2) -> Option<usize> {
    sketch.marks.iter().enumerate().rev().find_map(|(i, mark)| {
        let pts = screen_points(mark, transform);
        let near_path = |closed: bool| {
            let n = pts.len();
            let edges = if closed { n } else { n.saturating_sub(1) };
            (0..edges).any(|k| {
                let seg = [pts[k], pts[(k + 1) % n]];
                distance_to_segment(pos, seg) <= HIT + mark.style.width / 2.0
            })
        };
        let hit = match mark.kind {
            MarkKind::Point => pts.first().is_some_and(|p| p.distance(pos) <= 10.0),
            MarkKind::Label => pts.first().is_some_and(|p| p.distance(pos) <= 14.0),
            MarkKind::Line | MarkKind::Arrow => near_path(false),
            MarkKind::Polygon => near_path(true) || inside(&pts, pos),
        };
        hit.then_some(i)
    })
}

fn distance_to_segment(p: Pos2, [a, b]: [Pos2; 2]) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() > 0.0 {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    p.distance(a + ab * t)
}

/// Even-odd point in polygon, on screen.
fn inside(ring: &[Pos2], p: Pos2) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
    }
    inside
}

impl Plugin for SketchPlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let painter = ui.painter();
        for sketch in self.sketches.iter().filter(|s| s.visible) {
            for mark in &sketch.marks {
                paint_mark(painter, mark, &transform);
            }
        }
        if let Some((s, m)) = self.selected
            && let Some(mark) = self.sketches.get(s).and_then(|s| s.marks.get(m))
        {
            paint_handles(painter, mark, &transform);
        }
        if let Some(Drawing {
            kind,
            points,
            pointer,
        }) = self.drawing
        {
            let mut preview = crate::data::sketch::Mark::new(kind, points.to_vec());
            if let Some(p) = pointer {
                let at = crate::map::projection::from_mercator(transform.from_screen(p));
                preview.points.push([at.x(), at.y()]);
            }
            if kind == MarkKind::Polygon && preview.points.len() < 3 {
                preview.kind = MarkKind::Line;
            }
            paint_mark(painter, &preview, &transform);
            for p in screen_points(&preview, &transform) {
                painter.circle(p, 3.5, Color32::WHITE, Stroke::new(1.5, Color32::BLACK));
            }
        }
    }
}
