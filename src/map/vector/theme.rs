//! A layer's filters and style as its lines and polygons read them: which features are shown,
//! and each one's class colour (a choropleth). Swapped whole when the settings change; the
//! frame cache keys on its generation.

use std::sync::Arc;

use egui::Color32;

use crate::data::thematic::Classification;
use crate::data::thematic::filter::SHOWN;

/// Per feature: shown or not, and its class colour.
#[derive(Debug, Clone, Default)]
pub struct FeatureTheme {
    /// Per feature, its evaluation flags (`None`: all shown).
    pub flags: Option<Arc<Vec<u8>>>,
    /// The style's classes, each feature's among them (`None`: the layer's own colours).
    pub classes: Option<Arc<Classification>>,
    /// Each class's colour.
    pub colors: Vec<Color32>,
    /// Differs between themes, so that cached frames are rebuilt.
    pub generation: u64,
}

impl FeatureTheme {
    pub fn shown(&self, feature: usize) -> bool {
        self.flags
            .as_ref()
            .and_then(|f| f.get(feature))
            .is_none_or(|&f| f == SHOWN)
    }

    /// The feature's class colour, if the style gives one.
    pub fn class_color(&self, feature: usize) -> Option<Color32> {
        let class = *self.classes.as_ref()?.of_row.get(feature)?;
        self.colors.get(class as usize).copied()
    }

    /// Whether the feature's class is "(no value)": drawn faintly, so that what is unknown
    /// does not cover the map.
    pub fn class_unknown(&self, feature: usize) -> bool {
        self.classes.as_ref().is_some_and(|c| {
            c.of_row
                .get(feature)
                .and_then(|&k| c.classes.get(k as usize))
                .is_some_and(|class| class.label == crate::data::thematic::classify::NO_VALUE_LABEL)
        })
    }
}
