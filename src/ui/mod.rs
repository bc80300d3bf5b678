//! Side panel pieces. Each reads the app state it is given and draws it; only the layer list
//! and the basemap choice write back.

pub mod article;
pub mod basemap;
pub mod event_details;
pub mod feature_details;
pub mod feature_table;
pub mod file_dialog;
pub mod layers;
pub mod search;
pub mod sketch;
pub mod theme;
pub mod tiled_layers;
pub mod tiled_style;
pub mod timeline;
pub mod user_layers;
