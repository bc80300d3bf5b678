//! What every overlay draws the same way: text with a white halo, readable on any background,
//! and the marker symbols (on the map, in the layer panel, in the legend).

use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, Vec2, vec2};

use super::style::{HALO, Symbol};

/// Paint a marker symbol of `radius` points centred on `center` (also used by the legend).
/// A `hollow` marker (white inside) is a stand-in point for an event with no single place.
pub fn paint_symbol(
    painter: &Painter,
    center: Pos2,
    radius: f32,
    symbol: Symbol,
    color: Color32,
    hollow: bool,
) {
    let (fill, stroke) = if hollow {
        (HALO, Stroke::new(2.0, color))
    } else {
        (color, Stroke::new(1.5, HALO))
    };
    let r = radius;
    let points = |offsets: &[Vec2]| offsets.iter().map(|&o| center + o).collect::<Vec<_>>();
    let shape = match symbol {
        Symbol::Circle => Shape::Circle(egui::epaint::CircleShape {
            center,
            radius: r,
            fill,
            stroke,
        }),
        Symbol::Triangle => Shape::convex_polygon(
            points(&[vec2(0.0, -1.15 * r), vec2(r, 0.75 * r), vec2(-r, 0.75 * r)]),
            fill,
            stroke,
        ),
        Symbol::Diamond => Shape::convex_polygon(
            points(&[
                vec2(0.0, -1.2 * r),
                vec2(r, 0.0),
                vec2(0.0, 1.2 * r),
                vec2(-r, 0.0),
            ]),
            fill,
            stroke,
        ),
        Symbol::Square => Shape::convex_polygon(
            points(&[vec2(-r, -r), vec2(r, -r), vec2(r, r), vec2(-r, r)]),
            fill,
            stroke,
        ),
    };
    painter.add(shape);
}

/// Text readable on any background, drawn over a white outline: its shapes and rectangle, for
/// the caller to paint (or to skip, when the place is taken).
pub fn halo_text(
    painter: &Painter,
    pos: Pos2,
    align: Align2,
    text: &str,
    size: f32,
    color: Color32,
) -> (Vec<egui::Shape>, egui::Rect) {
    let text = crate::text::visual(text).into_owned();
    let galley = painter.layout_no_wrap(text, FontId::proportional(size), color);
    let rect = align.anchor_size(pos, galley.size());
    let mut shapes: Vec<egui::Shape> = [
        vec2(-1.0, 0.0),
        vec2(1.0, 0.0),
        vec2(0.0, -1.0),
        vec2(0.0, 1.0),
    ]
    .into_iter()
    .map(|offset| {
        egui::Shape::galley_with_override_text_color(rect.min + offset * 1.2, galley.clone(), HALO)
    })
    .collect();
    shapes.push(egui::Shape::galley(rect.min, galley, color));
    (shapes, rect)
}
