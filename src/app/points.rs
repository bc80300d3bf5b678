//! The opened layers' clustered points on the map: a click on a cluster zooms to where it opens
//! up (or, for points that never part, lists them in the side panel); a click on a point
//! identifies its feature; hovering says what is under the pointer.

use egui::Ui;

use super::StrikemapApp;
use crate::format::thousands;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::points::cluster::{Item, MAX_LEVEL};
use crate::map::points::{PointHit, PointsView};
use crate::map::vector::store::from_fixed;

/// Most members a cluster's list shows.
pub const LIST_LIMIT: usize = 200;

/// A cluster whose points share one place, listed in the side panel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterList {
    pub layer: u64,
    pub item: Item,
    pub count: u32,
}

impl StrikemapApp {
    /// Act on a click on a point layer's marker. Gives whether there was one.
    pub(super) fn point_click(&mut self, outputs: &[(u64, PointsView)], now: f64) -> bool {
        let Some((layer, hit)) = outputs
            .iter()
            .find_map(|(id, view)| view.clicked.map(|hit| (*id, hit)))
        else {
            return false;
        };
        match hit {
            PointHit::Point { feature, .. } => {
                self.selection.identify(Some(FeatureRef {
                    layer: LayerRef::User(layer),
                    index: feature,
                }));
            }
            PointHit::Cluster { item, count, at } => {
                let [x, y] = from_fixed(at);
                let centre = crate::map::projection::from_mercator([x, y]);
                if item.expands_at <= MAX_LEVEL {
                    let zoom = (item.expands_at as f64).max(self.zoom() + 1.0);
                    self.view.fly_to_zoom(centre, zoom, now);
                } else {
                    self.selection
                        .list_cluster(ClusterList { layer, item, count });
                }
            }
        }
        true
    }

    /// What the pointer is over, by the pointer.
    pub(super) fn point_tooltip(&self, ui: &Ui, outputs: &[(u64, PointsView)]) {
        let Some((layer, hit)) = outputs
            .iter()
            .find_map(|(id, view)| view.hovered.map(|hit| (*id, hit)))
        else {
            return;
        };
        let Some(user) = self.layers.opened.get(layer) else {
            return;
        };
        let Some(points) = &user.points else {
            return;
        };
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            ui.scope_id().with("point-tooltip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| match hit {
            PointHit::Point { feature, .. } => {
                let name = user
                    .feature_name(feature)
                    .or_else(|| points.kind_of_feature(feature).map(|k| k.name.clone()))
                    .unwrap_or_else(|| format!("{} #{feature}", user.layer.name));
                ui.strong(crate::text::visual(&name));
                ui.weak("Click for details");
            }
            PointHit::Cluster { item, count, .. } => {
                ui.strong(format!("{} events", thousands(count as usize)));
                let mut kinds: Vec<(u32, usize)> = points
                    .kind_counts(&item)
                    .into_iter()
                    .enumerate()
                    .map(|(k, n)| (n, k))
                    .filter(|(n, _)| *n > 0)
                    .collect();
                kinds.sort_by(|a, b| b.cmp(a));
                for (n, k) in kinds.into_iter().take(6) {
                    if let Some(kind) = points.kinds().get(k) {
                        ui.label(format!("{}: {}", kind.name, thousands(n as usize)));
                    }
                }
                ui.weak(if item.expands_at <= MAX_LEVEL {
                    "Click to zoom in"
                } else {
                    "Click to list them (they share one place)"
                });
            }
        });
    }

    /// The side panel's list of a cluster's points: each a link that identifies it.
    pub(super) fn cluster_list_panel(&mut self, ui: &mut Ui, list: ClusterList) {
        let Some(user) = self.layers.opened.get(list.layer) else {
            self.selection.cluster_list = None;
            return;
        };
        let Some(points) = &user.points else {
            return;
        };
        ui.heading(format!(
            "{} events at one place",
            thousands(list.count as usize)
        ));
        ui.weak(format!(
            "{}: they do not part at any zoom.",
            user.layer.name
        ));
        let members = points.members(&list.item, LIST_LIMIT);
        if list.count as usize > members.len() {
            ui.weak(format!("The first {} are listed.", members.len()));
        }
        let mut chosen = None;
        for feature in members {
            let name = user
                .feature_name(feature)
                .or_else(|| points.kind_of_feature(feature).map(|k| k.name.clone()))
                .unwrap_or_else(|| format!("#{feature}"));
            if ui.link(name).clicked() {
                chosen = Some(feature);
            }
        }
        if let Some(feature) = chosen {
            self.selection.identify(Some(FeatureRef {
                layer: LayerRef::User(list.layer),
                index: feature,
            }));
        }
    }
}
