//! A wrapped paragraph that may hold right-to-left text: wrapped in logical order (as a reader
//! breaks lines), then each line put in visual order, and the whole right-aligned when it
//! starts right to left. Text with nothing right-to-left is an ordinary label.

use egui::{Align, Layout, Response, RichText, TextStyle, Ui, WidgetText};

use super::bidi::{has_rtl, starts_rtl, visual};

/// A paragraph of plain text.
pub fn paragraph(ui: &mut Ui, text: &str) -> Response {
    paragraph_rich(ui, text, RichText::new)
}

/// A paragraph styled by `style` (strong, small, coloured), laid out as in [`paragraph`].
pub fn paragraph_rich(ui: &mut Ui, text: &str, style: impl Fn(String) -> RichText) -> Response {
    if !has_rtl(text) {
        return ui.label(style(text.to_owned()));
    }
    let lines = wrapped_lines(ui, style(text.to_owned()), text);
    let align = if starts_rtl(text) {
        Align::Max
    } else {
        Align::Min
    };
    ui.with_layout(Layout::top_down(align), |ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        for line in &lines {
            let shown = style(visual(line).into_owned());
            ui.add(egui::Label::new(shown).extend());
        }
    })
    .response
}

/// The lines egui breaks `logical` into at the width available, in logical order.
fn wrapped_lines(ui: &Ui, styled: RichText, logical: &str) -> Vec<String> {
    let width = ui.available_width().max(20.0);
    let galley = WidgetText::from(styled).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        width,
        TextStyle::Body,
    );
    let chars: Vec<char> = logical.chars().collect();
    let mut start = 0;
    let mut lines = Vec::with_capacity(galley.rows.len());
    for row in &galley.rows {
        let count = row.row.char_count_excluding_newline().0;
        let end = (start + count).min(chars.len());
        lines.push(chars[start..end].iter().collect::<String>());
        start = end + usize::from(row.ends_with_newline);
    }
    lines
}
