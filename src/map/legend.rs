//! The map's own legend, drawn in its top-right corner on exported images (where the layer
//! panel is not): each shown layer's symbol or swatch and name, and the dates shown.

use egui::{Align2, Color32, FontId, Rect, Stroke, Ui, pos2, vec2};

use super::draw::paint_symbol;
use super::style::{self, Symbol};

/// How one legend row is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    Symbol(Symbol, Color32),
    Area {
        fill: Color32,
        stroke: Stroke,
    },
    /// A line of text without a swatch (a heading, a filter).
    None,
}

/// One row: a swatch and a name.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendRow {
    pub swatch: Swatch,
    pub name: String,
}

/// Paint the legend: `title` (e.g. the dates shown) above the rows.
pub fn show(ui: &Ui, map: Rect, title: &str, rows: &[LegendRow]) {
    let painter = ui.painter().with_clip_rect(map);
    let font = FontId::proportional(12.0);
    let text = style::LEGEND_INK;
    let width = rows
        .iter()
        .map(|r| {
            painter
                .layout_no_wrap(
                    crate::text::visual(&r.name).into_owned(),
                    font.clone(),
                    text,
                )
                .size()
                .x
        })
        .chain(std::iter::once(
            painter
                .layout_no_wrap(title.to_owned(), font.clone(), text)
                .size()
                .x
                - 24.0,
        ))
        .fold(0.0f32, f32::max)
        + 40.0;
    let height = 24.0 + rows.len() as f32 * 18.0;
    let frame = Rect::from_min_size(
        pos2(map.right() - width - 10.0, map.top() + 10.0),
        vec2(width, height),
    );
    painter.rect_filled(frame, 4.0, Color32::from_white_alpha(230));
    painter.text(
        frame.min + vec2(8.0, 6.0),
        Align2::LEFT_TOP,
        title,
        font.clone(),
        text,
    );
    for (i, row) in rows.iter().enumerate() {
        let y = frame.top() + 30.0 + i as f32 * 18.0;
        let center = pos2(frame.left() + 16.0, y);
        match &row.swatch {
            Swatch::Symbol(symbol, color) => {
                paint_symbol(&painter, center, 6.0, *symbol, *color, false);
            }
            Swatch::Area { fill, stroke } => {
                let r = Rect::from_center_size(center, vec2(16.0, 11.0));
                painter.rect(r, 2.0, *fill, *stroke, egui::StrokeKind::Inside);
            }
            Swatch::None => {}
        }
        painter.text(
            pos2(frame.left() + 30.0, y),
            Align2::LEFT_CENTER,
            crate::text::visual(&row.name),
            font.clone(),
            text,
        );
    }
}
