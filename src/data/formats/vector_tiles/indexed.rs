//! Files read a window at a time through their spatial index (FlatGeobuf, GeoPackage,
//! GeoParquet), served to the tiled layer as if they were tile sets.

use std::sync::Arc;

use super::{DecodedTile, Http, Location, TileAddress, TileSetInfo};
use crate::data::formats::flatgeobuf::{FlatGeobuf, Ranges};
use crate::data::formats::geopackage::GeoPackage;
use crate::data::formats::geoparquet::GeoParquet;
use crate::data::formats::windowed;

/// A file read through its spatial index.
pub enum IndexedFile {
    FlatGeobuf(Box<FlatGeobuf>),
    GeoPackage(GeoPackage),
    GeoParquet(Box<GeoParquet>),
}

impl IndexedFile {
    /// The features of the tile at `at`. Blocking: runs on a worker thread.
    pub fn tile(&self, at: TileAddress) -> Result<DecodedTile, String> {
        let window = windowed::window_of(at);
        let budget = windowed::FEATURES_PER_TILE;
        match self {
            Self::FlatGeobuf(file) => file.window(window, at.z, budget),
            Self::GeoPackage(file) => file.window(window, at.z, budget),
            Self::GeoParquet(file) => file.window(window, at.z, budget),
        }
    }

    /// Open `location`, a FlatGeobuf, GeoPackage or GeoParquet one. Blocking; a URL is read with
    /// `http`, and must be opened inside its runtime.
    pub(super) fn open(location: &Location, http: Option<Arc<Http>>) -> Result<Self, String> {
        let name = location.short_name();
        match (location, http) {
            (Location::FlatGeobuf(path), _) => {
                let mut file = FlatGeobuf::open(Ranges::file(path.clone())?, name)?;
                file.measure_density()?;
                Ok(Self::FlatGeobuf(Box::new(file)))
            }
            (Location::FlatGeobufUrl(url), Some(http)) => {
                let mut file = FlatGeobuf::open(Ranges::http(http, url.clone())?, name)?;
                file.measure_density()?;
                Ok(Self::FlatGeobuf(Box::new(file)))
            }
            (Location::GeoPackage(path), _) => {
                let mut file = GeoPackage::open(path)?;
                file.measure_density();
                Ok(Self::GeoPackage(file))
            }
            (Location::GeoParquet(path), _) => {
                let mut file = GeoParquet::open(path)?;
                file.measure_density()?;
                Ok(Self::GeoParquet(Box::new(file)))
            }
            (Location::GeoParquetUrl(url), Some(http)) => {
                let mut file = GeoParquet::open_url(http, url)?;
                if file.is_large() {
                    file.measure_density()?;
                }
                Ok(Self::GeoParquet(Box::new(file)))
            }
            _ => Err(format!(
                "{}: not a FlatGeobuf, GeoPackage or GeoParquet file",
                location.text()
            )),
        }
    }

    pub(super) fn info(&self) -> Result<TileSetInfo, String> {
        match self {
            Self::FlatGeobuf(file) if !file.has_index() => Err(format!(
                "{} has no spatial index, so it cannot be read a window at a time: rebuild it \
                 with `ogr2ogr -lco SPATIAL_INDEX=YES out.fgb in.fgb`",
                file.name
            )),
            Self::FlatGeobuf(file) => Ok(file.info()),
            Self::GeoPackage(file) => Ok(file.info()),
            Self::GeoParquet(file) if !file.is_large() && file.is_remote() => Err(format!(
                "{} has no bounding-box covering, so it cannot be read a part at a time by \
                 range requests: download it, or write it with \
                 `to_parquet(write_covering_bbox=True)`",
                file.name
            )),
            Self::GeoParquet(file) if !file.is_large() => Err(format!(
                "{} has no bounding-box covering (or is small), so it is opened whole, not as \
                 tiles",
                file.name
            )),
            Self::GeoParquet(file) => Ok(file.info()),
        }
    }
}
