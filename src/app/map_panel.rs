//! The map in the middle of the window: basemap, tiles, the story's layers, the opened layers,
//! labels and markers, in that order from the bottom; then the overlay controls. A click here
//! selects a marker or, off the markers, identifies the topmost feature.

use egui::{Pos2, Ui};
use walkers::Map;

use super::StrikemapApp;
use super::area_layers::{AreaLayers, shows_own_shapes};
use crate::data::EventKind;
use crate::format::km;
use crate::map::basemap::{BasemapPaint, BasemapSlot};
use crate::map::border_line::BorderLinePlugin;
use crate::map::identify::{FeatureRef, LayerRef, identify};
use crate::map::labels::LabelsPlugin;
use crate::map::markers::MarkersPlugin;
use crate::map::points::{PointsPlugin, PointsView};
use crate::map::projection::ScreenTransform;
use crate::map::user_layers::UserLayer;
use crate::map::view::Fit;
use crate::map::{LayerId, MarkerGroup, MarkerInput, VectorLayer, controls, scale_bar};

impl StrikemapApp {
    pub(super) fn map(&mut self, ui: &mut Ui) {
        let rect = ui.available_rect_before_wrap();
        let (pan, double_click_zoom) = self.map_gestures(ui, rect);
        let visible = self.prepare_view(ui, rect);
        let border_line = self.border_line();
        let basemap = BasemapSlot::reserve(ui);
        let mut input = MarkerInput::default();
        let mut occupied = Vec::new();
        let highlight = self.highlighter();
        let place_ring = self.place_ring();
        let point_layers = point_layers(&self.layers.opened);
        let mut point_views: Vec<(u64, PointsView)> = point_layers
            .iter()
            .map(|l| (l.id, PointsView::default()))
            .collect();
        let map = Map::new(
            self.layers.tiles.tiles(),
            &mut self.view.memory,
            self.view.home,
        )
        .zoom_with_ctrl(false)
        .drag_pan_buttons(pan)
        .double_click_to_zoom(double_click_zoom);
        let areas = AreaLayers::new(
            &self.layers.countries,
            &self.layers.provinces,
            &self.layers.list,
            &self.layers.opened,
        );
        let (map, labelled) = areas.add_to(map, &highlight);
        let mut map = super::tiled::add_tiled(map, &mut self.layers.tiled, self.selection.tiled);
        let show_labels = self.layers.list.is_visible(LayerId::Labels);
        if show_labels {
            map = map.with_plugin(LabelsPlugin {
                layers: labelled,
                placed: &mut occupied,
                language: self.layers.list.language,
            });
        }
        if let Some(line) = border_line {
            map = map.with_plugin(line);
        }
        if let Some(ring) = place_ring {
            map = map.with_plugin(ring);
        }
        // The opened layers' points, clustered, above every area and below the story's markers.
        for (user, (_, view)) in point_layers.iter().zip(point_views.iter_mut()) {
            if let Some(points) = &user.points {
                map = map.with_plugin(PointsPlugin {
                    layer: points,
                    cache: &user.points_cache,
                    selected: highlight(LayerRef::User(user.id)),
                    opacity: user.opacity,
                    output: view,
                });
            }
        }
        map = map.with_plugin(self.sketch.plugin(ui, rect, !self.exporting));
        if let Some(measurement) = self.panels.measure.as_ref() {
            map = map.with_plugin(crate::map::measure::MeasurePlugin { measurement });
        }
        map = map.with_plugin(MarkersPlugin {
            events: &self.story.data.events,
            visible: &visible,
            selected: self.selection.event,
            show_labels,
            input: &mut input,
        });
        ui.add(map);
        occupied.extend(input.occupied.iter().copied());
        self.paint_basemap(ui, rect, basemap, &occupied, show_labels);
        self.overlays(ui, rect, input.pointer);
        self.pointer_input(ui, &input, &point_views);
    }

    /// Per layer, the feature drawn highlighted: the one identified, or the article place
    /// outlined.
    fn highlighter(&self) -> impl Fn(LayerRef) -> Option<usize> + Copy + use<> {
        let (identified, outlined) = (self.selection.feature, self.outlined_place());
        move |layer: LayerRef| {
            identified
                .filter(|feature| feature.layer == layer)
                .map(|feature| feature.index)
                .or_else(|| super::places::place_highlight(outlined, layer))
        }
    }

    /// The bundled reference map, in the place reserved for it beneath the tiles; its names
    /// keep clear of `occupied`.
    fn paint_basemap(
        &mut self,
        ui: &Ui,
        rect: egui::Rect,
        basemap: BasemapSlot,
        occupied: &[egui::Rect],
        labels: bool,
    ) {
        let layers = &mut self.layers;
        let vector = match (layers.tiles.basemap(), &mut layers.vector_basemap) {
            // A basemap that failed leaves the bundled one, towns' names and all.
            (crate::map::tiles::Basemap::Vector, Some(Ok(vector)))
                if !matches!(
                    vector.layer.state,
                    crate::map::tiled::SourceState::Failed(_)
                ) =>
            {
                Some(vector)
            }
            _ => None,
        };
        basemap.paint(
            ui,
            rect,
            &self.view.memory,
            self.view.home,
            BasemapPaint {
                reference: &layers.reference,
                region: &layers.countries,
                region_outlined: layers.list.is_visible(LayerId::Countries),
                occupied,
                labels,
                language: layers.list.language,
                vector,
            },
        );
    }

    /// Keep the view in range, move any flight on, and do a requested fit. Gives which story
    /// events are shown.
    fn prepare_view(&mut self, ui: &Ui, rect: egui::Rect) -> Vec<bool> {
        self.view.rect = Some(rect);
        self.view.limit_zoom();
        if self.view.animate(ui.input(|i| i.time)) {
            ui.ctx().request_repaint();
        }
        let visible = self.events_visible();
        let shown_points = self.story.data.events.iter().zip(&visible);
        self.view.apply_fit(
            rect,
            self.layers.story_bounds(),
            shown_points
                .filter(|(_, shown)| **shown)
                .map(|(event, _)| event.position),
        );
        visible
    }

    /// The buttons, scale bar and attribution laid over the map.
    fn overlays(&mut self, ui: &mut Ui, rect: egui::Rect, pointer: Option<Pos2>) {
        // Drawing for an image: a legend instead of the buttons.
        let buttons = if self.exporting {
            self.export_legend(ui);
            controls::ControlsOutput::default()
        } else {
            controls::zoom_buttons(ui, rect, &mut self.view.memory)
        };
        if buttons.reset_view {
            self.view.request_fit(Fit::Story);
        } else if buttons.show_all_events {
            self.view.request_fit(Fit::AllEvents);
        }
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        scale_bar::show(ui, rect, &transform, pointer);
        let attribution = self.layers.tiles.attribution();
        let status = self.layers.tiles.status_lines();
        let credits = self.tiled_credits();
        controls::attribution(ui, rect, attribution.as_ref(), &credits, &status);
    }

    /// Hover and clicks: a story marker first, then a point layer's marker, then the topmost
    /// shape under the pointer.
    fn pointer_input(&mut self, ui: &Ui, input: &MarkerInput, point_views: &[(u64, PointsView)]) {
        self.selection.hovered_event = input.hovered;
        let over_point = point_views.iter().any(|(_, v)| v.hovered.is_some());
        let over_mark = input.pointer.and_then(|p| self.mark_at(p));
        let free = input
            .pointer
            .filter(|_| input.hovered.is_none())
            .filter(|_| !over_point && over_mark.is_none());
        self.selection.hovered_tiled = free.and_then(|p| self.tiled_at(p));
        self.selection.hovered_feature = free
            .filter(|_| self.selection.hovered_tiled.is_none())
            .and_then(|p| self.feature_at(p));
        if let Some(pick) = self.selection.hovered_tiled {
            self.tiled_tooltip(ui, pick);
        }
        if let (None, Some(mark)) = (input.hovered, over_mark) {
            self.mark_tooltip(ui, mark);
        }
        if input.hovered.is_none() {
            self.point_tooltip(ui, point_views);
        }
        if let Some(feature) = self.selection.hovered_feature {
            self.feature_tooltip(ui, feature);
        }
        if self.tool_click(ui, input) {
            ui.ctx().request_repaint();
            return;
        }
        if let Some(clicked) = input.clicked {
            let now = ui.input(|i| i.time);
            match (clicked, input.click_pos) {
                (Some(event), _) => self.select(Some(event)),
                _ if self.point_click(point_views, now) => {}
                (None, Some(pos)) => self.identify_at(pos),
                (None, None) => self.select(None),
            }
            ui.ctx().request_repaint();
        }
    }

    /// Per event: whether its marker is shown: its layers allow it and its date is in the time
    /// bar's range.
    pub(super) fn events_visible(&self) -> Vec<bool> {
        self.layer_visible_events()
            .into_iter()
            .zip(&self.story.data.events)
            .map(|(shown, event)| shown && self.timeline.contains(event.date))
            .collect()
    }

    /// Per event: whether its layers allow it (its group's checkbox, and for an opened events
    /// file, that layer's), whatever its date.
    pub(super) fn layer_visible_events(&self) -> Vec<bool> {
        self.story
            .data
            .events
            .iter()
            .map(|event| {
                self.layers
                    .list
                    .is_visible(LayerId::Markers(MarkerGroup::of(event)))
                    && !self
                        .layers
                        .opened
                        .layers
                        .iter()
                        .any(|l| !l.visible && l.event_ids.contains(&event.id))
            })
            .collect()
    }

    /// The selected strike's line to the nearest border point.
    fn border_line(&self) -> Option<BorderLinePlugin> {
        let index = self.selection.event?;
        let event = self.story.data.events.get(index)?;
        if event.kind != EventKind::Strike {
            return None;
        }
        let (nearest, metres) = self.event_geography(index).border?;
        Some(BorderLinePlugin {
            from: event.position,
            to: nearest,
            label: format!("{} to the border", km(metres)),
        })
    }

    /// The visible layers that can be identified, topmost first.
    pub(super) fn identifiable(&self) -> Vec<(LayerRef, &VectorLayer)> {
        let mut layers: Vec<(LayerRef, &VectorLayer)> = self
            .layers
            .opened
            .layers
            .iter()
            .filter(|l| l.visible && l.event_ids.is_empty())
            .map(|l| (LayerRef::User(l.id), &l.layer))
            .collect();
        layers.extend(
            self.layers
                .provinces
                .iter()
                .enumerate()
                .filter(|(i, _)| self.layers.list.is_visible(LayerId::Province(*i)))
                .map(|(i, layer)| (LayerRef::Province(i), layer)),
        );
        if self.layers.list.is_visible(LayerId::Countries) {
            layers.push((LayerRef::Countries, &self.layers.countries));
        }
        layers
    }

    /// The topmost visible feature at a screen point of the map.
    pub fn feature_at(&self, pos: Pos2) -> Option<FeatureRef> {
        let rect = self.view.rect?;
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        identify(self.identifiable(), &transform, pos)
    }

    /// The hovered feature's name by the pointer, as a map tool's hover does.
    fn feature_tooltip(&self, ui: &Ui, feature: FeatureRef) {
        if let Some(name) = self.feature_name(feature) {
            identify_tooltip(ui, &name);
        }
    }
}

/// The opened layers whose points are clustered on the map, bottom first.
fn point_layers(opened: &crate::map::user_layers::UserLayers) -> Vec<&UserLayer> {
    let layers = opened.layers.iter().rev();
    layers
        .filter(|l| l.points.is_some() && shows_own_shapes(l))
        .collect()
}

/// A name by the pointer and the hint that a click identifies it.
pub(super) fn identify_tooltip(ui: &Ui, name: &str) {
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        ui.scope_id().with("feature-tooltip"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| {
        ui.strong(crate::text::visual(name));
        ui.weak("Click to identify");
    });
}
