//! The basemap choice at the top of the layer panel, with what the tiles are doing: loading,
//! failing (the bundled basemap shows instead), and whether they are cached on disk.

use egui::{RichText, Ui};

use crate::map::tiles::{Basemap, TileLayer};

/// Radio buttons for the basemaps; choosing one switches at once.
pub fn show(ui: &mut Ui, tiles: &mut TileLayer) {
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
