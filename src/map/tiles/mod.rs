//! Raster tiles: the basemap choices, the loader that fetches them off the UI thread with an
//! on-disk HTTP cache, and where that cache lives. Tiles are optional: the bundled vector
//! basemap lies beneath them and shows wherever a tile is missing.

pub mod cache_dir;
pub mod fetch;
pub mod imagery;
pub mod layer;
pub mod loader;
pub mod source;

pub use fetch::FetchSettings;
pub use layer::{CacheChoice, TileConfig, TileLayer};
pub use loader::{TileLoader, TileStatus};
pub use source::{Basemap, TemplateSource, user_agent};

use std::time::Duration;

/// Downloads at once: the OSM tile usage policy allows 2 per client.
pub const MAX_PARALLEL: usize = 2;
/// A tile that takes longer than this has failed.
pub const TIMEOUT: Duration = Duration::from_secs(15);
