//! Loading and validating files into plain types. Nothing here knows about egui or drawing.

pub mod acled;
mod article;
pub mod article_places;
pub mod atomic;
pub mod distance;
mod error;
pub mod event_columns;
pub mod events;
pub mod formats;
pub mod gazetteer;
pub mod geography;
pub mod layer_file;
pub mod local_names;
pub mod measure;
pub mod memory;
pub mod properties;
pub mod reference;
pub mod sketch;
mod story;
pub mod thematic;

pub use article::{Article, ArticleMeta};
pub use error::DataError;
pub use events::{Event, EventKind, Figure, Report};
pub use formats::geojson::features::{GeoFeature, Properties};
pub use reference::ReferenceData;
pub use story::{DataSource, Story};
