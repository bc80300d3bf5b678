//! The map as an image for `--export-png`: drawn offscreen by a fresh app, the map alone with
//! its legend (File → Export PNG… captures the window's own map instead: `capture.rs`).

use std::path::PathBuf;

use egui::Ui;

use super::{AppConfig, StrikemapApp};
use crate::export::{Offscreen, SETTLE, render_offscreen, render_png};
use crate::format::thousands;
use crate::map::legend::{self, LegendRow, Swatch};
use crate::map::style::Symbol;
use crate::map::user_layers::UserLayer;
use crate::map::{LayerId, MarkerGroup};

/// One image to make.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub config: AppConfig,
    /// A saved state (`StrikemapApp::save_state`) to restore first, if any.
    pub state: Option<String>,
    /// Width and height in points.
    pub size: [u32; 2],
    /// Pixels per point (2 for print).
    pub scale: f32,
    pub renderer: crate::export::RendererChoice,
    /// Write SVG instead of PNG (`--export-svg`).
    pub svg: bool,
    pub path: PathBuf,
}

/// Draw the map offscreen as `--export-png` and File → Export PNG… ask, and save it; the
/// error is a sentence for the user.
pub fn export_png(request: ExportRequest) -> Result<String, String> {
    let mut config = Some(request.config);
    let state = request.state;
    let ui = move |ui: &mut Ui, app: &mut Option<StrikemapApp>| {
        let app = app.get_or_insert_with(|| {
            let mut made = StrikemapApp::new(ui.ctx(), config.take().unwrap_or_default());
            if let Some(state) = &state
                && let Err(err) = made.restore_state(state, ui.ctx())
            {
                log::warn!("export: {err}");
            }
            made
        });
        app.show_export(ui);
    };
    let ready = |app: &mut Option<StrikemapApp>| {
        app.as_mut().is_some_and(|app| {
            app.user_layers().jobs.is_empty()
                && app.user_layers().layers.iter().all(|l| {
                    !l.theme.is_computing()
                        && !l.heat_is_computing()
                        && l.aggregate.as_ref().is_none_or(|a| !a.is_computing())
                })
                && app.pending_tiles() == 0
                && app.tile_status().is_none_or(|s| s.loading == 0)
        })
    };
    let check = |app: &Option<StrikemapApp>| app.as_ref().map_or(Ok(()), every_layer_loaded);
    let svg = request.svg;
    let offscreen = Offscreen {
        size: request.size,
        scale: request.scale,
        // An SVG is written from the state; the frames need no GPU.
        renderer: match svg {
            true => crate::export::RendererChoice::Cpu,
            false => request.renderer,
        },
        state: None,
        ui,
        ready,
        check,
    };
    if !svg {
        return render_png(offscreen, &request.path);
    }
    let path = request.path;
    render_offscreen(offscreen, |harness| {
        let app = harness.state().as_ref().ok_or("the map was not made")?;
        let counts = app.export_svg(&path)?;
        log::info!("export: {counts:?}");
        Ok(())
    })
    .map(|_| "strikemap's SVG writer".to_owned())
}

/// An image that cannot show a layer the user asked for is not made: every file must have
/// loaded.
fn every_layer_loaded(app: &StrikemapApp) -> Result<(), String> {
    let opened = app.user_layers();
    if let Some(job) = opened.jobs.first() {
        return Err(format!(
            "{} was still loading after {} s; nothing written",
            job.path.display(),
            SETTLE.as_secs()
        ));
    }
    let start = &opened.start;
    for filter in &start.filters {
        if !opened
            .layers
            .iter()
            .any(|l| l.table.key(&filter.column).is_some())
        {
            return Err(format!(
                "no opened layer has a column named \"{}\" to filter on; nothing written",
                filter.column
            ));
        }
    }
    if let Some(column) = start.style.column()
        && !opened.layers.iter().any(|l| l.table.key(column).is_some())
    {
        return Err(format!(
            "no opened layer has a column named \"{column}\" to style by; nothing written"
        ));
    }
    if !opened.refused.is_empty() {
        let why: Vec<String> = opened.refused.iter().map(ToString::to_string).collect();
        return Err(format!(
            "cannot include every layer asked for, so nothing was written: {}",
            why.join("; ")
        ));
    }
    Ok(())
}

impl StrikemapApp {
    /// The map alone, filling the window, with the legend: what an exported image shows.
    pub fn show_export(&mut self, ui: &mut Ui) {
        self.exporting = true;
        self.take_files(ui.ctx());
        self.sync_time(ui.ctx());
        egui::CentralPanel::no_frame().show(ui, |ui| self.map(ui));
    }

    /// The legend over the map, when drawing for an image.
    pub(super) fn export_legend(&self, ui: &Ui) {
        if let Some(rect) = self.view.rect {
            // The PNG draws the tiled layers (the SVG does not yet), so only its legend lists
            // them, on top as they are drawn above the files' areas.
            let mut rows = self.tiled_legend_rows();
            rows.extend(self.legend_rows());
            legend::show(ui, rect, &self.legend_title(), &rows);
        }
    }

    pub(super) fn legend_title(&self) -> String {
        let shown = self.events_visible().iter().filter(|v| **v).count();
        self.timeline.summary(shown, self.story.data.events.len())
    }

    /// The shown layers, in the layer panel's order.
    pub(super) fn legend_rows(&self) -> Vec<LegendRow> {
        let shown_events = self.events_visible();
        let mut rows: Vec<LegendRow> = self
            .layers
            .opened
            .layers
            .iter()
            .filter(|l| l.visible)
            .flat_map(opened_legend_rows)
            .collect();
        for entry in self.layers.list.entries.iter().filter(|e| e.visible) {
            let row = match entry.id {
                LayerId::Markers(group) => {
                    let any = self
                        .story
                        .data
                        .events
                        .iter()
                        .zip(&shown_events)
                        .any(|(e, shown)| *shown && MarkerGroup::of(e) == group);
                    any.then(|| Swatch::Symbol(group.symbol(), group.color()))
                }
                LayerId::Province(i) => self.layers.provinces.get(i).map(|p| Swatch::Area {
                    fill: p.style.fill,
                    stroke: p.style.stroke,
                }),
                LayerId::Countries => Some(Swatch::Area {
                    fill: crate::map::style::LAND,
                    stroke: crate::map::style::COUNTRIES.stroke,
                }),
                LayerId::Labels => None,
            };
            if let Some(swatch) = row {
                rows.push(LegendRow {
                    swatch,
                    name: entry.name.clone(),
                });
            }
        }
        rows.extend(self.sketch_legend_rows());
        rows
    }

    /// A row per shown sketch layer with marks, in its first mark's colour, with how many.
    fn sketch_legend_rows(&self) -> impl Iterator<Item = LegendRow> + '_ {
        self.sketch
            .layers
            .iter()
            .filter(|s| s.visible)
            .filter_map(|sketch| {
                let first = sketch.marks.first()?;
                let [r, g, b] = first.style.rgb();
                let ink = egui::Color32::from_rgb(r, g, b);
                let marks = sketch.marks.len();
                Some(LegendRow {
                    swatch: Swatch::Area {
                        fill: ink.gamma_multiply(first.style.fill_opacity),
                        stroke: egui::Stroke::new(first.style.width.min(3.0), ink),
                    },
                    name: format!(
                        "{} (sketch, {marks} mark{})",
                        sketch.name,
                        if marks == 1 { "" } else { "s" }
                    ),
                })
            })
    }
}

/// An opened layer in the legend: its name and how many of its features are shown, its
/// style's classes with their counts, and the filters that are on.
fn opened_legend_rows(layer: &UserLayer) -> Vec<LegendRow> {
    let theme = &layer.theme;
    let filters = theme.settings.describe_filters();
    let mut name = layer.layer.name.clone();
    if !filters.is_empty() || layer.shown_count() < layer.feature_count() {
        name += &format!(
            ": {} of {} shown",
            thousands(layer.shown_count()),
            thousands(layer.feature_count())
        );
    }
    let classes = theme.result.classes.as_ref();
    let swatch = if !layer.event_ids.is_empty() || layer.points.is_some() {
        Swatch::Symbol(Symbol::Circle, layer.color())
    } else {
        Swatch::Area {
            fill: layer.layer.style.fill,
            stroke: layer.layer.style.stroke,
        }
    };
    let mut rows = vec![LegendRow { swatch, name }];
    if let Some(classes) = classes {
        rows.push(LegendRow {
            swatch: Swatch::None,
            name: format!("by {}:", classes.column),
        });
        for (class, shown) in classes.classes.iter().zip(&theme.result.class_shown) {
            let color = egui::Color32::from_rgb(class.rgb[0], class.rgb[1], class.rgb[2]);
            let swatch = if layer.points.is_some() {
                Swatch::Symbol(Symbol::Circle, color)
            } else {
                Swatch::Area {
                    fill: color,
                    stroke: egui::Stroke::new(1.0, color),
                }
            };
            rows.push(LegendRow {
                swatch,
                name: format!("{} ({})", class.label, thousands(*shown as usize)),
            });
        }
    }
    let by_change = theme
        .settings
        .style
        .column()
        .is_some_and(|c| c.starts_with("change"));
    if let Some(compare) = layer.aggregate.as_ref().and_then(|a| a.describe_compare())
        && by_change
    {
        rows.push(LegendRow {
            swatch: Swatch::None,
            name: compare,
        });
    }
    if let Some(heat) = layer.points.as_ref().and_then(|p| p.heat_legend()) {
        rows.push(LegendRow {
            swatch: Swatch::None,
            name: heat.heading(),
        });
        rows.extend(heat.steps().into_iter().map(|(color, name)| LegendRow {
            swatch: Swatch::Area {
                fill: color,
                stroke: egui::Stroke::NONE,
            },
            name,
        }));
    }
    rows.extend(filters.into_iter().map(|f| LegendRow {
        swatch: Swatch::None,
        name: format!("Filter: {f}"),
    }));
    rows
}
