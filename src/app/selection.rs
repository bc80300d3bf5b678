//! What the user has picked and is pointing at. A click changes it here; the map, the panels
//! and the article all read it.

use crate::map::identify::FeatureRef;

use super::points::ClusterList;
use super::tiled::TiledPick;

/// The selection and the hover.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The selected story event (its index).
    pub event: Option<usize>,
    /// The story event under the pointer.
    pub hovered_event: Option<usize>,
    /// The feature a click identified (when no event is selected).
    pub feature: Option<FeatureRef>,
    /// The feature under the pointer.
    pub hovered_feature: Option<FeatureRef>,
    /// The tiled layers' feature a click identified, and the one under the pointer.
    pub tiled: Option<TiledPick>,
    pub hovered_tiled: Option<TiledPick>,
    /// A cluster of points that share one place, listed in the side panel.
    pub cluster_list: Option<ClusterList>,
    /// A clicked passage about several events: the side panel offers each.
    pub passage_events: Option<Vec<usize>>,
    /// The article place hovered, and the one clicked (outlined on the map).
    pub hovered_place: Option<usize>,
    pub focused_place: Option<usize>,
    /// Set when the selected event changes, so the article scrolls to its passage once.
    pub scroll_article: bool,
    /// Where the article's links and passages were drawn in the last frame.
    pub link_rects: Vec<egui::Rect>,
    pub passage_rects: Vec<egui::Rect>,
}

impl Selection {
    /// Select a story event (or none). Selecting one ends any other selection.
    pub fn select_event(&mut self, index: Option<usize>) {
        if index != self.event {
            self.event = index;
            self.scroll_article = index.is_some();
        }
        if index.is_some() {
            self.feature = None;
            self.tiled = None;
            self.focused_place = None;
            self.cluster_list = None;
            self.passage_events = None;
        }
    }

    /// Identify a feature (or none), ending any other selection.
    pub fn identify(&mut self, feature: Option<FeatureRef>) {
        self.select_event(None);
        self.feature = feature;
        self.tiled = None;
        self.focused_place = None;
        self.cluster_list = None;
        self.passage_events = None;
    }

    /// List a cluster's points, ending any other selection.
    pub fn list_cluster(&mut self, list: ClusterList) {
        self.identify(None);
        self.cluster_list = Some(list);
    }

    /// Nothing selected (Escape).
    pub fn clear(&mut self) {
        self.identify(None);
    }
}
