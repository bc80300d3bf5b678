//! Which layers exist and which are shown: the state behind the layer panel's checkboxes,
//! read by the map when it decides what to draw and what can be clicked.

use super::markers::MarkerGroup;

/// A layer the user can toggle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LayerId {
    Countries,
    /// One of the story's provinces, by its index in the province file.
    Province(usize),
    Markers(MarkerGroup),
    Labels,
}

/// One row of the layer panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerEntry {
    pub id: LayerId,
    pub name: String,
    pub visible: bool,
}

/// The layers in panel order (topmost first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayerList {
    pub entries: Vec<LayerEntry>,
    /// Which names the map's labels show.
    pub language: crate::data::local_names::LabelLanguage,
}

impl LayerList {
    /// Markers on top, then provinces, countries; labels last. All shown. (The basemap beneath
    /// is chosen separately, not toggled.)
    pub fn new(province_names: &[String], extra_groups: &[MarkerGroup]) -> Self {
        let mut ids: Vec<(LayerId, String)> = [
            MarkerGroup::IranianStrikes,
            MarkerGroup::PakistaniStrikes,
            MarkerGroup::Diplomacy,
        ]
        .into_iter()
        .chain(extra_groups.iter().copied())
        .map(|group| (LayerId::Markers(group), group.name().to_owned()))
        .collect();
        ids.extend(
            province_names
                .iter()
                .enumerate()
                .map(|(index, name)| (LayerId::Province(index), name.clone())),
        );
        ids.push((LayerId::Countries, "Countries".to_owned()));
        ids.push((LayerId::Labels, "Labels".to_owned()));
        Self {
            entries: ids
                .into_iter()
                .map(|(id, name)| LayerEntry {
                    id,
                    name,
                    visible: true,
                })
                .collect(),
            language: Default::default(),
        }
    }

    /// A row for a marker group, after the other marker rows, if it has none yet (events of
    /// another actor arrive with an opened file).
    pub fn add_marker_group(&mut self, group: MarkerGroup) {
        let id = LayerId::Markers(group);
        if self.entries.iter().any(|e| e.id == id) {
            return;
        }
        let at = self
            .entries
            .iter()
            .take_while(|e| matches!(e.id, LayerId::Markers(_)))
            .count();
        self.entries.insert(
            at,
            LayerEntry {
                id,
                name: group.name().to_owned(),
                visible: true,
            },
        );
    }

    pub fn is_visible(&self, id: LayerId) -> bool {
        self.entries
            .iter()
            .any(|entry| entry.id == id && entry.visible)
    }

    pub fn set_visible(&mut self, id: LayerId, visible: bool) {
        for entry in self.entries.iter_mut().filter(|entry| entry.id == id) {
            entry.visible = visible;
        }
    }
}
