//! The map's area layers as the map panel adds them: the story's countries and provinces, then
//! the opened files' lines and polygons, bottom first.

use walkers::Map;

use crate::map::identify::LayerRef;
use crate::map::user_layers::{UserLayer, UserLayers};
use crate::map::vector::{PaintOptions, VectorLayerPlugin};
use crate::map::{LayerId, LayerList, VectorLayer};

/// The map's area layers, bottom first: the story's countries and provinces, then the opened
/// files' lines and polygons (their points are clustered above).
pub(super) struct AreaLayers<'a> {
    countries: Option<&'a VectorLayer>,
    provinces: Vec<(usize, &'a VectorLayer)>,
    opened: Vec<&'a UserLayer>,
}

impl<'a> AreaLayers<'a> {
    /// The visible ones.
    pub(super) fn new(
        countries: &'a VectorLayer,
        provinces: &'a [VectorLayer],
        list: &LayerList,
        opened: &'a UserLayers,
    ) -> Self {
        Self {
            countries: list.is_visible(LayerId::Countries).then_some(countries),
            provinces: provinces
                .iter()
                .enumerate()
                .filter(|(i, _)| list.is_visible(LayerId::Province(*i)))
                .collect(),
            opened: opened
                .layers
                .iter()
                .rev()
                .filter(|l| shows_own_shapes(l))
                .collect(),
        }
    }

    /// Add their plugins to `map`; gives it back with the layers whose names are labelled.
    pub(super) fn add_to<'m, 't>(
        self,
        mut map: Map<'m, 't, 'a>,
        highlight: &impl Fn(LayerRef) -> Option<usize>,
    ) -> (Map<'m, 't, 'a>, Vec<&'a VectorLayer>) {
        if let Some(countries) = self.countries {
            map = map.with_plugin(VectorLayerPlugin {
                layer: countries,
                options: PaintOptions {
                    highlight: highlight(LayerRef::Countries),
                    ..PaintOptions::default()
                },
            });
        }
        let mut labelled = Vec::new();
        for (index, province) in self.provinces {
            map = map.with_plugin(VectorLayerPlugin {
                layer: province,
                options: PaintOptions {
                    highlight: highlight(LayerRef::Province(index)),
                    ..PaintOptions::default()
                },
            });
            labelled.push(province);
        }
        for user in self.opened {
            map = map.with_plugin(VectorLayerPlugin {
                layer: &user.layer,
                options: PaintOptions {
                    opacity: user.opacity,
                    highlight: highlight(LayerRef::User(user.id)),
                    ..PaintOptions::default()
                },
            });
        }
        (map, labelled)
    }
}

/// Whether an opened layer is shown with its own shapes (a file of strikemap's own events is
/// drawn as the story's markers instead).
pub(super) fn shows_own_shapes(layer: &UserLayer) -> bool {
    layer.visible && layer.event_ids.is_empty()
}
