//! The opened layers at the top of the layer panel: a row per file with its checkbox, colour,
//! opacity, order, zoom-to and remove controls and, for a file of events, its kinds with their
//! colours and counts; files still loading with their progress; files refused with why.

use egui::{RichText, Ui};

use crate::data::layer_file::{STAGE_PARSING, STAGE_PREPARING};
use crate::format::{counted, thousands};
use crate::map::user_layers::areas::AreaTarget;
use crate::map::user_layers::{LoadJob, UserLayer, UserLayers};
use crate::map::vector::store::PartKind;

/// What the user asked of the opened layers this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerAction {
    ZoomTo(u64),
    Remove(u64),
    /// Show or hide the layer's features as a table.
    Table(u64),
    MoveUp(usize),
    MoveDown(usize),
    /// Write the layer's shown features to a file.
    ExportShown(u64),
    /// Find a missing file (refusal number).
    Locate(usize),
    /// Count a point layer's events per area.
    Count {
        source: u64,
        target: AreaTarget,
    },
}

/// The opened layers; `zoom` chooses a hexagon resolution.
pub fn show(ui: &mut Ui, layers: &mut UserLayers, zoom: f64) -> Option<LayerAction> {
    if layers.layers.is_empty() && layers.jobs.is_empty() && layers.refused.is_empty() {
        return None;
    }
    ui.heading("Opened layers");
    let mut action = None;
    let count = layers.layers.len();
    let polygons: Vec<(u64, String)> = layers
        .layers
        .iter()
        .filter(|l| {
            l.layer
                .store()
                .parts
                .iter()
                .any(|p| p.kind == PartKind::Polygon)
        })
        .map(|l| (l.id, l.layer.name.clone()))
        .collect();
    let places = Places {
        polygons: &polygons,
        zoom,
    };
    for (index, layer) in layers.layers.iter_mut().enumerate() {
        if let Some(asked) = ui
            .push_id(layer.id, |ui| layer_row(ui, layer, index, count, &places))
            .inner
        {
            action = Some(asked);
        }
    }
    match action {
        Some(LayerAction::MoveUp(index)) => layers.move_up(index),
        Some(LayerAction::MoveDown(index)) => layers.move_down(index),
        _ => {}
    }
    for job in &layers.jobs {
        job_row(ui, job);
    }
    if let Some(asked) = refused_rows(ui, layers) {
        action = Some(asked);
    }
    ui.separator();
    action
}

/// What a layer's "Count per area" offers: the polygon layers and the zoom.
struct Places<'a> {
    polygons: &'a [(u64, String)],
    zoom: f64,
}

/// One opened layer's controls and summary.
fn layer_row(
    ui: &mut Ui,
    layer: &mut UserLayer,
    index: usize,
    count: usize,
    places: &Places<'_>,
) -> Option<LayerAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let mut color = layer.color();
        if ui.color_edit_button_srgba(&mut color).changed() {
            layer.set_color(color);
        }
        ui.checkbox(&mut layer.visible, crate::text::visual(&layer.layer.name))
            .on_hover_text(layer.path.display().to_string());
    });
    ui.horizontal(|ui| {
        ui.add(
            egui::Slider::new(&mut layer.opacity, 0.0..=1.0)
                .show_value(false)
                .text("opacity"),
        );
        let up = ui.add_enabled(index > 0, egui::Button::new("Up").small());
        if up.on_hover_text("Move up").clicked() {
            action = Some(LayerAction::MoveUp(index));
        }
        let down = ui.add_enabled(index + 1 < count, egui::Button::new("Down").small());
        if down.on_hover_text("Move down").clicked() {
            action = Some(LayerAction::MoveDown(index));
        }
    });
    ui.horizontal(|ui| {
        if ui.small_button("Zoom to layer").clicked() {
            action = Some(LayerAction::ZoomTo(layer.id));
        }
        if ui
            .small_button("Table")
            .on_hover_text("The features as a table")
            .clicked()
        {
            action = Some(LayerAction::Table(layer.id));
        }
        if ui.small_button("Remove").clicked() {
            action = Some(LayerAction::Remove(layer.id));
        }
    });
    if layer.aggregate.is_none()
        && ui
            .small_button("Export shown…")
            .on_hover_text("The features the filters and the dates show, as GeoJSON or CSV")
            .clicked()
    {
        action = Some(LayerAction::ExportShown(layer.id));
    }
    summary(ui, layer);
    super::theme::shown_line(ui, layer);
    notes(ui, layer);
    let has_points = layer.points.is_some();
    let heat = layer.points.as_ref().and_then(|p| p.heat_legend());
    super::theme::style_section(ui, &mut layer.theme, has_points, heat);
    super::theme::filters_section(ui, &mut layer.theme);
    super::theme::areas::change_section(ui, layer);
    if let Some(target) =
        super::theme::areas::count_section(ui, layer, places.polygons, places.zoom)
    {
        action = Some(LayerAction::Count {
            source: layer.id,
            target,
        });
    }
    precision_note(ui, layer);
    ui.add_space(4.0);
    action
}

/// How many features (or events), and how many were skipped, with why on hover.
fn summary(ui: &mut Ui, layer: &UserLayer) {
    let summary = if layer.event_ids.is_empty() {
        features_summary(layer)
    } else {
        counted(layer.event_ids.len(), "event", "events") + ", shown as markers"
    };
    if layer.skipped.is_empty() {
        ui.small(summary);
        return;
    }
    ui.label(
        RichText::new(format!(
            "{summary}, {} skipped",
            thousands(layer.skipped.len())
        ))
        .small()
        .color(crate::map::style::WARNING),
    )
    .on_hover_ui(|ui| {
        for skipped in layer.skipped.iter().take(20) {
            ui.small(skipped.to_string());
        }
        if layer.skipped.len() > 20 {
            ui.small(format!("… and {} more", layer.skipped.len() - 20));
        }
    });
}

/// What a point layer's markers mean beyond their colour.
fn precision_note(ui: &mut Ui, layer: &UserLayer) {
    // A heatmap draws no markers.
    if layer.points.as_ref().is_none_or(|p| p.heat().is_some()) {
        return;
    }
    ui.small("A cluster's ring shows its classes; a hollow dot is an approximate position.")
        .on_hover_text("ACLED geo_precision 2 (near the place named) or 3 (only the region).");
}

/// A file being loaded: what it is doing and how far it has got.
fn job_row(ui: &mut Ui, job: &LoadJob) {
    let (read, total, features) = job.progress.snapshot();
    let name = job.path.file_name().map_or_else(
        || job.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let doing = match job.progress.stage() {
        STAGE_PARSING => "Reading features of",
        STAGE_PREPARING => "Preparing the map of",
        _ => "Loading",
    };
    ui.horizontal(|ui| {
        ui.spinner();
        ui.small(format!("{doing} {name}"));
    });
    let fraction = if total > 0 {
        read as f32 / total as f32
    } else {
        0.0
    };
    ui.add(egui::ProgressBar::new(fraction).text(format!(
        "{:.1} / {:.1} MB read, {} features",
        read as f64 / 1e6,
        total as f64 / 1e6,
        thousands(features)
    )));
}

/// Files that could not be opened, each until dismissed.
/// A missing file that a project or the last run asked for has "Locate…".
fn refused_rows(ui: &mut Ui, layers: &mut UserLayers) -> Option<LayerAction> {
    let mut dismissed = None;
    let mut action = None;
    for (index, refused) in layers.refused.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Not opened: {refused}"))
                    .small()
                    .color(crate::map::style::ERROR),
            );
            if layers.is_missing(refused)
                && ui
                    .small_button("Locate…")
                    .on_hover_text("Find the file where it is now; it opens with its look")
                    .clicked()
            {
                action = Some(LayerAction::Locate(index));
            }
            if ui.small_button("Dismiss").clicked() {
                dismissed = Some(index);
            }
        });
    }
    if let Some(index) = dismissed {
        let refused = layers.refused.remove(index);
        layers.forget_missing(&refused);
    }
    action
}

/// "GeoJSON: 4,596 features", or for a file of points "ACLED CSV: 500,000 points,
/// clustered"; features without a place counted apart.
fn features_summary(layer: &UserLayer) -> String {
    let count = layer.feature_count();
    let located = count - layer.unlocated;
    let what = match &layer.points {
        Some(points) if points.len() == located => {
            let drawn = if points.heat().is_some() {
                ", as a heatmap"
            } else {
                ", clustered"
            };
            counted(located, "point", "points") + drawn
        }
        _ => counted(located, "feature", "features"),
    };
    match layer.unlocated {
        0 => format!("{}: {what}", layer.format),
        n if n == count => format!(
            "{}: {} without a place (null geometry): nothing to draw; their properties are in \
             the feature list",
            layer.format,
            counted(n, "feature", "features")
        ),
        n => format!(
            "{}: {what}, and {} without a place",
            layer.format,
            thousands(n)
        ),
    }
}

/// What the user should know about the file as a whole (a coordinate system, an encoding).
fn notes(ui: &mut Ui, layer: &UserLayer) {
    if let Some(failed) = layer.layer.tiles().failed() {
        ui.label(
            RichText::new(format!("The layer failed: {failed}"))
                .small()
                .color(ui.visuals().error_fg_color),
        );
    }
    for note in &layer.notes {
        ui.label(
            RichText::new(format!("Note: the file {note}"))
                .small()
                .color(crate::map::style::WARNING),
        );
    }
}
