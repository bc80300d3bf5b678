//! The basemap choice at the top of the layer panel, with what the tiles are doing: loading,
//! failing (the bundled basemap shows instead), and whether they are cached on disk.

use egui::{RichText, Ui};

use crate::map::tiled::SourceState;
use crate::map::tiled::basemap::VectorBasemap;
use crate::map::tiles::{Basemap, TileLayer};

/// Radio buttons for the basemaps; choosing one switches at once.
pub fn show(ui: &mut Ui, tiles: &mut TileLayer, vector: Option<&Result<VectorBasemap, String>>) {
    ui.heading("Basemap");
    let mut chosen = tiles.basemap();
    for basemap in tiles.choices() {
        ui.radio_value(&mut chosen, basemap, basemap.name());
    }
    if chosen != tiles.basemap() {
        tiles.set_basemap(chosen, ui.ctx());
    }
    if chosen == Basemap::Offline {
        ui.small("Bundled Natural Earth boundaries and GeoNames towns; no tile requests.");
        return;
    }
    if chosen == Basemap::Vector {
        vector_status(ui, tiles.vector_location().unwrap_or_default(), vector);
        return;
    }
    let Some(status) = tiles.status() else {
        return;
    };
    ui.small(format!(
        "{} loaded, {} loading, {} failed",
        status.loaded_total, status.loading, status.failed
    ));
    if let Some(err) = &status.last_error
        && status.failed > 0
    {
        ui.label(
            RichText::new(format!("Last failure: {err}"))
                .small()
                .color(crate::map::style::WARNING),
        );
    }
    match (&status.cache_warning, tiles.cache_dir()) {
        (Some(warning), _) => {
            ui.label(
                RichText::new(warning)
                    .small()
                    .color(crate::map::style::WARNING),
            );
        }
        (None, Some(dir)) => {
            ui.small(format!("Cached in {}", dir.display()));
        }
        (None, None) => {
            ui.small("Not cached on disk");
        }
    }
}

/// Where the vector basemap comes from and what it is doing.
fn vector_status(ui: &mut Ui, location: &str, vector: Option<&Result<VectorBasemap, String>>) {
    ui.small(location);
    let warn = |ui: &mut Ui, text: String| {
        ui.label(
            RichText::new(text)
                .small()
                .color(crate::map::style::WARNING),
        );
    };
    let layer = match vector {
        None => return,
        Some(Err(err)) => return warn(ui, err.clone()),
        Some(Ok(basemap)) => &basemap.layer,
    };
    match &layer.state {
        SourceState::Opening => {
            ui.weak("Opening…");
        }
        SourceState::Failed(err) => warn(ui, format!("{err}; the bundled basemap shows instead")),
        SourceState::Open(info) => {
            let counts = layer.counts();
            ui.small(format!(
                "{}, zoom {}–{} · {} tiles loaded, {} loading, {} failed",
                info.kind,
                info.min_zoom,
                info.max_zoom,
                counts.ready,
                counts.pending,
                counts.failed
            ));
            if let Some(err) = counts.last_error.filter(|_| counts.failed > 0) {
                warn(ui, format!("Last failure: {err}"));
            }
        }
    }
}
