//! The article panel: what is known about the article ("unknown" where nothing is), its full
//! text, and the passages about the selected event highlighted and scrolled into view.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Ui};

use crate::data::Article;
use crate::map::style::SELECTION;

/// What the panel should mark: the passages and whose they are.
pub struct Highlight<'a> {
    /// Byte ranges into the article text.
    pub ranges: Vec<Range<usize>>,
    pub event_title: &'a str,
}

/// Show the article. With `scroll_to_highlight` the first highlighted passage is brought into view.
pub fn show(
    ui: &mut Ui,
    article: Option<&Article>,
    highlight: Option<&Highlight>,
    scroll_to_highlight: bool,
) {
    ui.heading("Article");
    let Some(article) = article else {
        ui.weak("No article was loaded with this data.");
        return;
    };
    let unknown = || "unknown".to_owned();
    let meta = &article.meta;
    egui::Grid::new("article-meta")
        .num_columns(2)
        .show(ui, |ui| {
            ui.strong("Headline");
            ui.label(meta.headline.clone().unwrap_or_else(unknown));
            ui.end_row();
            ui.strong("Publisher");
            ui.label(meta.publisher.clone().unwrap_or_else(unknown));
            ui.end_row();
            ui.strong("Date");
            ui.label(
                meta.date
                    .map(|date| date.format("%A %-d %B %Y").to_string())
                    .unwrap_or_else(unknown),
            )
            .on_hover_text(meta.date_basis.clone().unwrap_or_default());
            ui.end_row();
            ui.strong("Place");
            ui.label(meta.place.clone().unwrap_or_else(unknown));
            ui.end_row();
        });
    match highlight {
        Some(h) if !h.ranges.is_empty() => {
            let count = h.ranges.len();
            let noun = if count == 1 { "passage" } else { "passages" };
            ui.label(
                RichText::new(format!(
                    "{count} {noun} about “{}” highlighted",
                    h.event_title
                ))
                .background_color(SELECTION.gamma_multiply(0.5)),
            );
        }
        Some(h) => {
            ui.weak(format!("The article does not mention “{}”.", h.event_title));
        }
        None => {
            ui.weak("Select a marker to highlight what the article says about it.");
        }
    }
    ui.separator();
    let ranges = highlight.map(|h| h.ranges.as_slice()).unwrap_or_default();
    ScrollArea::vertical()
        .id_salt("article-text")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let (job, first_mark) = layout(ui, &article.text, ranges);
            let galley = ui.painter().layout_job(job);
            let response = ui.label(galley.clone());
            if scroll_to_highlight && let Some(char_index) = first_mark {
                let rect = galley
                    .pos_from_cursor(CCursor::new(char_index))
                    .translate(response.rect.min.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(Align::Center));
            }
        });
}

/// The text as one wrapped layout, highlighted ranges marked, with a blank line between
/// paragraphs. Returns the character index (in the layout) where the first mark starts.
fn layout(ui: &Ui, text: &str, ranges: &[Range<usize>]) -> (LayoutJob, Option<usize>) {
    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let marked = TextFormat {
        background: SELECTION.gamma_multiply(0.6),
        color: Color32::BLACK,
        ..plain.clone()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: ui.available_width(),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut sorted: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| {
            r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    sorted.sort_by_key(|r| r.start);
    let mut first_mark = None;
    let mut chars = 0;
    let mut at = 0;
    let push = |job: &mut LayoutJob, piece: &str, format: &TextFormat, chars: &mut usize| {
        let shown = piece.replace('\n', "\n\n");
        *chars += shown.chars().count();
        job.append(&shown, 0.0, format.clone());
    };
    for range in sorted {
        if range.start < at {
            continue; // overlapping quotes: the earlier one already covers this text
        }
        push(&mut job, &text[at..range.start], &plain, &mut chars);
        first_mark.get_or_insert(chars);
        push(&mut job, &text[range.clone()], &marked, &mut chars);
        at = range.end;
    }
    push(&mut job, &text[at..], &plain, &mut chars);
    (job, first_mark)
}
