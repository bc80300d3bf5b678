//! Colours and symbols, chosen once here so the map, the legend and the details panel agree.

use egui::{Color32, Stroke};

/// How a vector layer is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerStyle {
    pub fill: Color32,
    pub stroke: Stroke,
    /// Colour of feature labels.
    pub label: Color32,
    /// Radius of point features, in screen points.
    pub point_radius: f32,
}

/// Country outlines: a quiet reference beneath the story layers.
pub const COUNTRIES: LayerStyle = LayerStyle {
    fill: Color32::from_rgba_premultiplied(0, 0, 0, 0),
    stroke: Stroke {
        width: 1.2,
        color: Color32::from_rgb(110, 110, 120),
    },
    label: Color32::from_rgb(90, 90, 100),
    point_radius: 4.0,
};

/// The bundled basemap's country borders: quiet, beneath the story.
pub const REFERENCE_BORDERS: LayerStyle = LayerStyle {
    fill: Color32::TRANSPARENT,
    stroke: Stroke {
        width: 0.8,
        color: Color32::from_rgb(160, 150, 165),
    },
    label: Color32::from_rgb(110, 105, 115),
    point_radius: 0.0,
};

/// The bundled basemap's provinces of Iran, Pakistan and Afghanistan.
pub const REFERENCE_PROVINCES: LayerStyle = LayerStyle {
    fill: Color32::TRANSPARENT,
    stroke: Stroke {
        width: 0.6,
        color: Color32::from_rgb(196, 188, 200),
    },
    label: Color32::from_rgb(150, 140, 150),
    point_radius: 0.0,
};

/// The bundled basemap's towns: small dark dots with dark grey names.
pub const REFERENCE_TOWNS: LayerStyle = LayerStyle {
    fill: Color32::TRANSPARENT,
    stroke: Stroke {
        width: 0.0,
        color: Color32::from_rgb(70, 70, 75),
    },
    label: Color32::from_rgb(55, 55, 60),
    point_radius: 2.5,
};

/// Land beneath the tiles, from the country outlines.
pub const LAND: Color32 = Color32::from_rgb(242, 239, 233);
/// Sea beneath the tiles.
pub const SEA: Color32 = Color32::from_rgb(170, 211, 223);
/// Background when neither tiles nor countries are shown.
pub const NEUTRAL: Color32 = Color32::from_rgb(225, 225, 222);

/// A province's style: Iranian provinces warm, Pakistani ones green, others neutral.
pub fn province(iso_3166_2: Option<&str>) -> LayerStyle {
    let (r, g, b) = match iso_3166_2.and_then(|code| code.split('-').next()) {
        Some("IR") => (214, 122, 36),
        Some("PK") => (46, 139, 87),
        _ => (90, 110, 160),
    };
    LayerStyle {
        fill: Color32::from_rgba_unmultiplied(r, g, b, 56),
        stroke: Stroke::new(2.0, Color32::from_rgb(r, g, b)),
        label: Color32::from_rgb(r / 2, g / 2, b / 2),
        point_radius: 4.0,
    }
}

/// The symbol drawn for a marker, so sides differ by shape as well as colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    Triangle,
    Diamond,
    Circle,
    Square,
}

/// Outline around markers and label halos.
pub const HALO: Color32 = Color32::WHITE;
/// Highlight of the selected marker and article passages.
pub const SELECTION: Color32 = Color32::from_rgb(255, 200, 0);

/// Colours given to opened layers in turn, distinct from the story's.
pub const LAYER_PALETTE: [Color32; 6] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(188, 189, 34),
];

/// Colours for kinds, most frequent kind first (Tableau 10, which reads on a light map).
pub const KIND_COLORS: [Color32; 10] = [
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(127, 127, 127),
];

// Text, lines and marks outside the layers' own styles.

/// Warnings: a saved state set aside, skipped features, tile trouble.
pub const WARNING: Color32 = Color32::from_rgb(160, 60, 30);

/// Errors: data problems, files not opened, a province that differs from the data's claim.
pub const ERROR: Color32 = Color32::from_rgb(180, 40, 30);

/// Place names in the article that are links.
pub const ARTICLE_LINK: Color32 = Color32::from_rgb(20, 90, 170);

/// Notes beside controls, date labels of the time bar.
pub const MUTED_TEXT: Color32 = Color32::from_gray(90);

/// Dark lines and text over the map: the scale bar, the border line, a hovered marker's ring.
pub const INK: Color32 = Color32::from_gray(40);

/// Marker labels.
pub const LABEL_INK: Color32 = Color32::from_gray(20);

/// Cluster counts.
pub const COUNT_INK: Color32 = Color32::from_gray(25);

/// The exported legend's text.
pub const LEGEND_INK: Color32 = Color32::from_gray(30);

/// The time bar's track.
pub const TRACK: Color32 = Color32::from_gray(238);

/// The time bar's chosen range.
pub const TRACK_RANGE: Color32 = Color32::from_rgb(205, 222, 240);

/// A story event's tick outside the chosen range.
pub const OUT_OF_RANGE: Color32 = Color32::from_gray(180);

/// A histogram bar outside the chosen range.
pub const OUT_OF_RANGE_BAR: Color32 = Color32::from_gray(205);

/// The histogram's scale.
pub const SCALE_TEXT: Color32 = Color32::from_gray(110);

/// The time bar's axis ticks.
pub const AXIS_TICK: Color32 = Color32::from_gray(160);

/// Iran's strikes.
pub const IRANIAN_STRIKES: Color32 = Color32::from_rgb(200, 30, 40);

/// Pakistan's strikes.
pub const PAKISTANI_STRIKES: Color32 = Color32::from_rgb(100, 60, 170);

/// Strikes by any other actor.
pub const OTHER_STRIKES: Color32 = Color32::from_rgb(120, 70, 40);

/// Diplomatic events.
pub const DIPLOMACY: Color32 = Color32::from_rgb(25, 70, 140);

/// The disc inside a cluster's ring, under its count.
pub const CLUSTER_CENTRE: Color32 = Color32::from_rgba_premultiplied(235, 235, 235, 235);
