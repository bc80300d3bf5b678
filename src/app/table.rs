//! The feature table under the map (a layer's "Table" button): a click on a row selects the
//! feature, as a click on the map would, and flies the map to it.

use egui::Ui;

use super::StrikemapApp;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::projection::from_mercator;
use crate::map::view::Fit;
use crate::ui::feature_table::TableAction;

/// Features smaller than this (normalised Mercator, about 600 m) are flown to, not fitted.
const TINY: f64 = 1.5e-5;

impl StrikemapApp {
    /// The table of the layer it was opened for, in a panel above the time bar.
    pub(super) fn feature_table(&mut self, ui: &mut Ui) {
        let Some(id) = self.panels.table.layer else {
            return;
        };
        let Some(layer) = self.layers.opened.get(id) else {
            self.panels.table.layer = None;
            return;
        };
        let selected = self
            .selection
            .feature
            .filter(|feature| feature.layer == LayerRef::User(id))
            .map(|feature| feature.index);
        let name = layer.layer.name.clone();
        let shown = layer.theme.result.evaluation.flags.clone();
        let action = self
            .panels
            .table
            .show(ui, id, &name, &layer.table, &shown, selected);
        match action {
            Some(TableAction::Select(index)) => {
                self.selection.identify(Some(FeatureRef {
                    layer: LayerRef::User(id),
                    index,
                }));
                self.fly_to_feature(id, index, ui.input(|i| i.time));
            }
            Some(TableAction::Close) => self.panels.table.layer = None,
            None => {}
        }
    }

    /// Fly the map to feature `index` of opened layer `id`: a point (or anything small) at
    /// zoom 10 or closer, anything larger fitted. A feature without a place stays where it is.
    pub fn fly_to_feature(&mut self, id: u64, index: usize, now: f64) {
        let Some(bounds) = self
            .layers
            .opened
            .get(id)
            .and_then(|layer| layer.layer.store().feature_bounds.get(index).copied())
        else {
            return;
        };
        if bounds.min[0] > bounds.max[0] {
            return;
        }
        let [min, max] = bounds.to_mercator();
        if (max[0] - min[0]).max(max[1] - min[1]) < TINY {
            let centre = from_mercator([(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0]);
            self.view.fly_to_zoom(centre, self.zoom().max(10.0), now);
        } else {
            let (a, b) = (from_mercator(min), from_mercator(max));
            let rect = geo::Rect::new(
                geo::coord! { x: a.x(), y: a.y() },
                geo::coord! { x: b.x(), y: b.y() },
            );
            self.view.request_fit(Fit::Bounds(rect));
        }
    }
}
