//! A layer's features as a table, as QGIS's attribute table shows them: the layer's columns,
//! sortable by a click on a heading, a text filter, and a click on a row to select the feature
//! and fly to it. Only the rows in view are laid out (egui_extras' virtual rows). The rows are
//! those the layer's filters and the time range show; the table's own text filter and sort
//! are computed on a background thread when they change (on all cores), and the previous rows
//! stay until the new ones are ready, so typing never waits on 500,000 rows.

use std::cmp::Ordering;
use std::sync::Arc;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use rayon::prelude::*;

use crate::background::Background;
use crate::data::gazetteer::{contains_folded, fold};
use crate::data::properties::PropertyTable;
use crate::data::thematic::filter::SHOWN;

/// Most columns shown (a file may have hundreds; the first ones are shown).
const MAX_COLUMNS: usize = 40;

/// What a computed row order is for: layer, filter, sort, row count, and the layer's shown
/// rows (their flags' address).
type Computed = (u64, String, Option<(usize, bool)>, usize, usize);

/// A row's sort key: its value as a number, and as text.
type SortKey = (Option<f64>, Option<String>);

/// The table's state: which layer, the filter, the sort, and the rows they give.
#[derive(Debug, Default)]
pub struct FeatureTable {
    /// The layer shown (its id), `None` when the table is closed.
    pub layer: Option<u64>,
    pub filter: String,
    /// Sorted by this column (an index into the layer's keys), ascending or not.
    pub sort: Option<(usize, bool)>,
    /// The rows shown, in order.
    rows: Vec<u32>,
    /// What `rows` was computed for.
    computed: Option<Computed>,
    /// The computation running, and what for.
    job: Option<Background<Computed, Vec<u32>>>,
}

/// What the user did in the table this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableAction {
    /// A row was clicked: select this feature and fly to it.
    Select(usize),
    Close,
}

impl FeatureTable {
    /// Show `layer`'s table (or close it when it is already shown).
    pub fn toggle(&mut self, layer: u64) {
        if self.layer == Some(layer) {
            self.layer = None;
        } else {
            *self = Self {
                layer: Some(layer),
                ..Self::default()
            };
        }
    }

    /// The rows shown, filtered and sorted: the latest computed (a new computation starts in
    /// the background when something changed). `shown` is the layer's evaluation flags.
    pub fn rows(
        &mut self,
        layer: u64,
        table: &Arc<PropertyTable>,
        shown: &Arc<Vec<u8>>,
        ctx: &egui::Context,
    ) -> &[u32] {
        if let Some((asked, rows)) = Background::finished(&mut self.job) {
            self.rows = rows.unwrap_or(std::mem::take(&mut self.rows));
            self.computed = Some(asked);
        }
        let key = (
            layer,
            self.filter.clone(),
            self.sort,
            table.len(),
            Arc::as_ptr(shown) as usize,
        );
        if self.computed.as_ref() != Some(&key) && self.job.is_none() {
            let (table, shown) = (table.clone(), shown.clone());
            let (filter, sort) = (self.filter.clone(), self.sort);
            self.job = Background::spawn("strikemap-table", key, ctx, move || {
                filtered_sorted(&table, &filter, sort, &shown)
            });
        }
        &self.rows
    }

    /// Whether the rows shown are being recomputed.
    pub fn is_computing(&self) -> bool {
        self.job.is_some()
    }

    /// The table of `table` (the layer named `name`), `selected` its selected feature.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        layer: u64,
        name: &str,
        table: &Arc<PropertyTable>,
        shown: &Arc<Vec<u8>>,
        selected: Option<usize>,
    ) -> Option<TableAction> {
        let mut action = None;
        // The panel keeps the height of its first frame, drawn before the rows arrive.
        ui.set_min_height(200.0);
        ui.horizontal(|ui| {
            ui.strong(format!("Features of {name}"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter (any column, accents ignored)")
                    .desired_width(220.0),
            );
            if ui.small_button("Close").clicked() {
                action = Some(TableAction::Close);
            }
            if self.is_computing() {
                ui.spinner();
            }
        });
        let keys: Vec<String> = table.keys().iter().take(MAX_COLUMNS).cloned().collect();
        self.rows(layer, table, shown, ui.ctx());
        // Taken out for the frame (not copied), put back below.
        let rows = std::mem::take(&mut self.rows);
        ui.small(format!(
            "{} of {} rows{}",
            crate::format::thousands(rows.len()),
            crate::format::thousands(table.len()),
            if table.keys().len() > MAX_COLUMNS {
                format!(
                    " · the first {MAX_COLUMNS} of {} columns",
                    table.keys().len()
                )
            } else {
                String::new()
            }
        ));
        // Wider than the panel, the table scrolls sideways; its rows scroll themselves.
        let clicked = egui::ScrollArea::horizontal()
            .show(ui, |ui| {
                grid(ui, &keys, &rows, table, selected, &mut self.sort)
            })
            .inner;
        self.rows = rows;
        if let Some(feature) = clicked {
            action = Some(TableAction::Select(feature));
        }
        action
    }
}

/// The table itself: a heading per column (a click sorts by it), a row per feature shown; the
/// feature whose row was clicked, if any.
fn grid(
    ui: &mut Ui,
    keys: &[String],
    rows: &[u32],
    table: &PropertyTable,
    selected: Option<usize>,
    sort: &mut Option<(usize, bool)>,
) -> Option<usize> {
    let mut clicked = None;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(48.0))
        .columns(
            Column::auto().at_least(60.0).clip(true).resizable(true),
            keys.len(),
        )
        .min_scrolled_height(0.0)
        .header(20.0, |mut header| {
            header.col(|ui| {
                ui.strong("#");
            });
            for (i, key) in keys.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match *sort {
                        Some((c, true)) if c == i => " ↑",
                        Some((c, false)) if c == i => " ↓",
                        _ => "",
                    };
                    if ui
                        .button(
                            RichText::new(crate::text::visual(&format!("{key}{arrow}"))).strong(),
                        )
                        .clicked()
                    {
                        *sort = match *sort {
                            Some((c, true)) if c == i => Some((i, false)),
                            _ => Some((i, true)),
                        };
                    }
                });
            }
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let feature = rows[row.index()] as usize;
                row.set_selected(selected == Some(feature));
                // Cells do not take the click (selectable text would): the row does.
                row.col(|ui| {
                    ui.add(egui::Label::new(feature.to_string()).selectable(false));
                });
                for key in 0..keys.len() {
                    row.col(|ui| {
                        let text = table.text(feature, key).unwrap_or_default();
                        let text = crate::text::visual(text.as_ref()).into_owned();
                        ui.add(egui::Label::new(text).selectable(false).truncate());
                    });
                }
                if row.response().clicked() {
                    clicked = Some(feature);
                }
            });
        });
    clicked
}

/// The rows of `table` the layer shows (`shown`: its evaluation flags, empty for all) whose
/// text contains `filter` (case and accents ignored), sorted by a column: numerically where
/// both values are numbers, else as text; rows without the value last.
pub fn filtered_sorted(
    table: &PropertyTable,
    filter: &str,
    sort: Option<(usize, bool)>,
    shown: &[u8],
) -> Vec<u32> {
    let needle = fold(filter.trim());
    let keys = table.keys().len();
    let mut rows: Vec<u32> = (0..table.len() as u32)
        .into_par_iter()
        .filter(|&row| shown.get(row as usize).is_none_or(|&f| f == SHOWN))
        .filter(|&row| {
            needle.is_empty()
                || (0..keys).any(|key| {
                    table
                        .text(row as usize, key)
                        .is_some_and(|text| contains_folded(&text, &needle))
                })
        })
        .collect();
    if let Some((key, ascending)) = sort {
        let value = |row: u32| -> SortKey {
            let text = table.text(row as usize, key);
            (
                table.number(row as usize, key),
                text.map(|t| t.to_lowercase()),
            )
        };
        let mut keyed: Vec<(SortKey, u32)> =
            rows.par_iter().map(|&row| (value(row), row)).collect();
        keyed.par_sort_by(|(a, ra), (b, rb)| {
            // Rows without the value stay last whichever way the rest go.
            let missing = |k: &SortKey| k.0.is_none() && k.1.is_none();
            let order = compare(a, b);
            let order = if ascending { order } else { order.reverse() };
            missing(a).cmp(&missing(b)).then(order).then(ra.cmp(rb))
        });
        rows = keyed.into_iter().map(|(_, row)| row).collect();
    }
    rows
}

/// Numbers before text, numbers by value, text by letters; missing values after both.
fn compare(a: &SortKey, b: &SortKey) -> Ordering {
    match (a, b) {
        ((Some(x), _), (Some(y), _)) => x.total_cmp(y),
        ((Some(_), _), _) => Ordering::Less,
        (_, (Some(_), _)) => Ordering::Greater,
        ((_, Some(x)), (_, Some(y))) => x.cmp(y),
        ((_, Some(_)), _) => Ordering::Less,
        (_, (_, Some(_))) => Ordering::Greater,
        _ => Ordering::Equal,
    }
}
