//! Everything drawn on the map, each kind of thing by its own walkers plugin, plus the
//! projection they share, hit testing, the layer list and the overlay controls.

pub mod basemap;
pub mod border_line;
pub mod controls;
pub mod draw;
pub mod frame_cache;
pub mod identify;
pub mod labels;
pub mod layer_list;
pub mod legend;
pub mod markers;
pub mod measure;
pub mod place_ring;
pub mod points;
pub mod projection;
pub mod reference_labels;
pub mod scale_bar;
pub mod sketch;
pub mod style;
pub mod svg;
pub mod theme;
pub mod tiled;
pub mod tiles;
pub mod user_layers;
pub mod vector;
pub mod view;

pub use layer_list::{LayerEntry, LayerId, LayerList};
pub use markers::{MarkerGroup, MarkerInput};
pub use vector::VectorLayer;
