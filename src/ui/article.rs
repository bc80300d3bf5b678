//! The article panel: what is known about the article ("unknown" where nothing is), its full
//! text, the passages about the selected event highlighted and scrolled into view, and the
//! places it names as links: hovering one outlines it on the map, clicking one flies there.
//! Clicking a passage about an event selects that event (a passage about several offers each).

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Ui};

use crate::data::Article;
use crate::data::article_places::ArticleLink;
use crate::map::style::SELECTION;

/// Colour of place names that are links.
const LINK: Color32 = crate::map::style::ARTICLE_LINK;

/// What the panel shows besides the article itself.
pub struct ArticleView<'a> {
    pub highlight: Option<&'a Highlight<'a>>,
    /// Bring the first highlighted passage into view this frame.
    pub scroll_to_highlight: bool,
    /// Place names to show as links.
    pub links: &'a [ArticleLink],
    /// Passages that belong to events: byte range and the events' indices.
    pub passages: &'a [(Range<usize>, Vec<usize>)],
}

/// What the user did in the article this frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleOutput {
    /// The link (index into `links`) under the pointer, and the one clicked.
    pub hovered_link: Option<usize>,
    pub clicked_link: Option<usize>,
    /// The events whose passage was clicked (off the links): one, or several when the
    /// passage is about several.
    pub clicked_passage: Option<Vec<usize>>,
    /// Where each link was drawn (its first line), for tests and tooltips.
    pub link_rects: Vec<egui::Rect>,
    /// Where each passage about events starts (its first line), likewise.
    pub passage_rects: Vec<egui::Rect>,
}

/// What the panel should mark: the passages and whose they are.
pub struct Highlight<'a> {
    /// Byte ranges into the article text.
    pub ranges: Vec<Range<usize>>,
    pub event_title: &'a str,
}

/// Show the article.
pub fn show(ui: &mut Ui, article: Option<&Article>, view: &ArticleView<'_>) -> ArticleOutput {
    let mut output = ArticleOutput::default();
    ui.heading("Article");
    let Some(article) = article else {
        ui.weak("No article was loaded with this data.");
        return output;
    };
    meta(ui, article);
    highlight_note(ui, view.highlight);
    ui.separator();
    text(ui, article, view, &mut output);
    output
}

/// What is known about the article, "unknown" where nothing is.
fn meta(ui: &mut Ui, article: &Article) {
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
}

/// Which event's passages are highlighted, or how to get them highlighted.
fn highlight_note(ui: &mut Ui, highlight: Option<&Highlight<'_>>) {
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
            ui.weak("Select a marker to highlight what the article says about it. Place names are links to the map.");
        }
    }
}

/// The text with its marks and links, and what the pointer did to it.
fn text(ui: &mut Ui, article: &Article, view: &ArticleView<'_>, output: &mut ArticleOutput) {
    let ranges = view
        .highlight
        .map(|h| h.ranges.as_slice())
        .unwrap_or_default();
    ScrollArea::vertical()
        .id_salt("article-text")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if crate::text::bidi::has_rtl(&article.text) {
                // Right-to-left text has no marks or links yet: each paragraph in visual order.
                for part in article.text.split("\n\n") {
                    crate::text::paragraph(ui, part);
                    ui.add_space(6.0);
                }
                return;
            }
            let laid = layout(ui, &article.text, ranges, view.links);
            let galley = ui.painter().layout_job(laid.job.clone());
            let response = ui.add(egui::Label::new(galley.clone()).sense(egui::Sense::click()));
            let origin = response.rect.min.to_vec2();
            if view.scroll_to_highlight
                && let Some(char_index) = laid.first_mark
            {
                let rect = galley
                    .pos_from_cursor(CCursor::new(char_index))
                    .translate(origin);
                ui.scroll_to_rect(rect.expand(40.0), Some(Align::Center));
            }
            let byte_at = |pos: egui::Pos2| {
                let cursor = galley.cursor_from_pos(pos - response.rect.min);
                laid.byte_of_char.get(cursor.index.0).copied()
            };
            let link_at = |byte: usize| {
                view.links
                    .iter()
                    .position(|l| l.range.start <= byte && byte < l.range.end)
            };
            // A range's first line on screen.
            let range_rect = |range: &Range<usize>| {
                let start = galley.pos_from_cursor(CCursor::new(laid.char_of_byte(range.start)));
                let end = galley.pos_from_cursor(CCursor::new(laid.char_of_byte(range.end)));
                let right = if (end.min.y - start.min.y).abs() < 1.0 {
                    end.min.x
                } else {
                    galley.rect.right()
                };
                egui::Rect::from_min_max(start.min, egui::pos2(right, start.max.y))
                    .translate(origin)
            };
            output.link_rects = view.links.iter().map(|l| range_rect(&l.range)).collect();
            output.passage_rects = view.passages.iter().map(|(r, _)| range_rect(r)).collect();
            if let Some(byte) = response.hover_pos().and_then(byte_at) {
                output.hovered_link = link_at(byte);
                if output.hovered_link.is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
            }
            if response.clicked()
                && let Some(byte) = response.interact_pointer_pos().and_then(byte_at)
            {
                output.clicked_link = link_at(byte);
                if output.clicked_link.is_none() {
                    output.clicked_passage = view
                        .passages
                        .iter()
                        .find(|(range, _)| range.start <= byte && byte < range.end)
                        .map(|(_, events)| events.clone());
                }
            }
        });
}

/// The laid-out text and how its characters map back to the article's bytes.
struct Laid {
    job: LayoutJob,
    /// Character index (in the layout) where the first mark starts.
    first_mark: Option<usize>,
    /// For each character of the layout, the byte offset in the article it stands for.
    byte_of_char: Vec<usize>,
}

impl Laid {
    /// The layout's character index of an article byte offset.
    fn char_of_byte(&self, byte: usize) -> usize {
        self.byte_of_char.partition_point(|&b| b < byte)
    }
}

/// The text as one wrapped layout, highlighted ranges marked and links underlined, with a
/// blank line between paragraphs.
fn layout(ui: &Ui, text: &str, ranges: &[Range<usize>], links: &[ArticleLink]) -> Laid {
    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let valid = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let marks: Vec<Range<usize>> = ranges.iter().filter(|r| valid(r)).cloned().collect();
    let link_ranges: Vec<Range<usize>> = links
        .iter()
        .map(|l| l.range.clone())
        .filter(|r| valid(r))
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in marks.iter().chain(&link_ranges) {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: ui.available_width(),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut byte_of_char = Vec::with_capacity(text.len());
    let mut first_mark = None;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let inside = |rs: &[Range<usize>]| rs.iter().any(|r| r.start <= start && end <= r.end);
        let marked = inside(&marks);
        let linked = inside(&link_ranges);
        let mut format = plain.clone();
        if marked {
            format.background = SELECTION.gamma_multiply(0.6);
            format.color = Color32::BLACK;
            first_mark.get_or_insert(byte_of_char.len());
        }
        if linked {
            format.color = LINK;
            format.underline = egui::Stroke::new(1.0, LINK);
        }
        let mut shown = String::new();
        for (offset, c) in text[start..end].char_indices() {
            shown.push(c);
            byte_of_char.push(start + offset);
            if c == '\n' {
                // A blank line between paragraphs.
                shown.push('\n');
                byte_of_char.push(start + offset);
            }
        }
        job.append(&shown, 0.0, format);
    }
    byte_of_char.push(text.len());
    Laid {
        job,
        first_mark,
        byte_of_char,
    }
}
