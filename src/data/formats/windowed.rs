//! What FlatGeobuf, GeoPackage and GeoParquet share when they are too large to open whole: read as tiled
//! layers, each tile's area asked of the file's spatial index, in the background, so that
//! memory follows what is in view and not the file. Past a budget of features per tile an even
//! sample is read, and the layer says so; a file under [`WHOLE_FEATURES`] opens whole as any
//! other file, with every tool of a file layer.

use std::path::Path;

use super::flatgeobuf::{FlatGeobuf, Ranges};
use super::geopackage::GeoPackage;
use super::geoparquet::GeoParquet;
use super::vector_tiles::{Location, TileAddress, TileSetInfo};

/// Files (or GeoPackage tables) with at most this many features are read whole.
pub const WHOLE_FEATURES: u64 = 250_000;

/// Features a tile reads at most; past it an even sample of the tile is read.
pub const FEATURES_PER_TILE: usize = 8_192;

/// The deepest zoom whose tiles are read; deeper views enlarge those tiles, whose features
/// are exact, not simplified.
pub const MAX_ZOOM: u8 = 14;

/// Share of a tile's width its window reaches past each edge, so that lines and polygon
/// edges crossing into the tile are read with it.
const BUFFER: f64 = 1.0 / 16.0;

/// The longitude/latitude box (west, south, east, north) to read for the tile at `at`.
///
/// ```
/// use strikemap::data::formats::vector_tiles::TileAddress;
/// use strikemap::data::formats::windowed::window_of;
/// let [west, south, east, north] = window_of(TileAddress { z: 1, x: 1, y: 0 });
/// assert!(west < 0.0 && east > 180.0 && south < 0.0 && north > 85.0);
/// ```
pub fn window_of(at: TileAddress) -> [f64; 4] {
    let n = 2f64.powi(at.z as i32);
    let lon = |x: f64| x / n * 360.0 - 180.0;
    let lat = |y: f64| {
        (std::f64::consts::PI * (1.0 - 2.0 * y / n))
            .sinh()
            .atan()
            .to_degrees()
    };
    let (x, y) = (at.x as f64, at.y as f64);
    [
        lon(x - BUFFER),
        lat(y + 1.0 + BUFFER),
        lon(x + 1.0 + BUFFER),
        lat(y - BUFFER),
    ]
}

/// What the tiled layer of a file read by window shows of it: its kind ("FlatGeobuf"), its
/// bounds, its layers (tables) and how many features it holds.
pub fn info(
    kind: &'static str,
    bounds: Option<[f64; 4]>,
    layers: Vec<String>,
    features: u64,
) -> TileSetInfo {
    TileSetInfo {
        kind,
        name: None,
        attribution: None,
        min_zoom: 0,
        max_zoom: MAX_ZOOM,
        bounds,
        layers,
        tile_compression: None,
        tile_entries: Some(features),
    }
}

/// "1 in 12" for a tile that read `kept` features of about `of`.
pub fn sample_text(kept: u64, of: u64) -> String {
    let ratio = (of as f64 / kept.max(1) as f64).round().max(1.0);
    format!("about 1 in {ratio}")
}

/// A property value as identify shows it.
pub fn value_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Whether every coordinate of `geometry` is a number (an empty point in a GeoPackage or
/// FlatGeobuf is NaN), and it has any.
pub fn drawable(geometry: &geo::Geometry<f64>) -> bool {
    use geo::CoordsIter;
    geometry.coords_count() > 0
        && geometry
            .coords_iter()
            .all(|c| c.x.is_finite() && c.y.is_finite())
}

/// The tiled layer to open for `path` instead of reading it whole: a FlatGeobuf file with an
/// index and more than [`WHOLE_FEATURES`] features, a GeoPackage with a table that large, or
/// a GeoParquet file that large with a bounding-box covering.
/// `None` for any other file (and for one that cannot be read, which the whole read reports).
pub fn tiled_location(path: &Path) -> Option<Location> {
    let extension = path.extension()?.to_string_lossy().to_ascii_lowercase();
    match extension.as_str() {
        "fgb" => {
            let file =
                FlatGeobuf::open(Ranges::file(path.to_path_buf()).ok()?, String::new()).ok()?;
            (file.has_index() && file.features > WHOLE_FEATURES)
                .then(|| Location::FlatGeobuf(path.to_path_buf()))
        }
        "gpkg" => GeoPackage::open(path)
            .ok()?
            .is_large()
            .then(|| Location::GeoPackage(path.to_path_buf())),
        "parquet" | "geoparquet" | "pq" => GeoParquet::open(path)
            .ok()?
            .is_large()
            .then(|| Location::GeoParquet(path.to_path_buf())),
        _ => None,
    }
}

/// The zoom whose tiles [`Density`] counts features in.
const DENSITY_ZOOM: u8 = 12;

/// How densely a file's features lie, from a coarse sample of their positions (the file's
/// index one level above its leaves): for each zoom, the most features any one tile holds.
/// Every tile of a zoom is then sampled at the same rate, so the map's density stays true
/// across tile edges instead of every tile showing the same number of features.
#[derive(Debug, Clone, Default)]
pub struct Density {
    /// Index `z`: the most features in one tile of zoom `z`.
    busiest: Vec<u64>,
}

impl Density {
    /// From positions (longitude, latitude) each standing for `weight` features.
    pub fn from_points(points: impl IntoIterator<Item = (f64, f64, u64)>) -> Self {
        let mut cells: std::collections::HashMap<(u32, u32), u64> = Default::default();
        for (lon, lat, weight) in points {
            if lon.is_finite() && lat.is_finite() {
                let at = TileAddress::containing(lon, lat, DENSITY_ZOOM);
                let cell = cells.entry((at.x, at.y)).or_default();
                *cell = cell.saturating_add(weight);
            }
        }
        let mut busiest = vec![0; DENSITY_ZOOM as usize + 1];
        for z in (0..=DENSITY_ZOOM).rev() {
            busiest[z as usize] = cells.values().copied().max().unwrap_or(0);
            let mut parents: std::collections::HashMap<(u32, u32), u64> = Default::default();
            for ((x, y), n) in cells {
                let parent = parents.entry((x / 2, y / 2)).or_default();
                *parent = parent.saturating_add(n);
            }
            cells = parents;
        }
        Self { busiest }
    }

    /// The share of features a tile of zoom `z` reads so that the busiest tile reads at most
    /// `budget`: 1 where every tile fits, and for zooms past those counted, as the deepest.
    ///
    /// ```
    /// use strikemap::data::formats::windowed::Density;
    /// // 1,000 features on one spot, 10 elsewhere, each position standing for 1.
    /// let points = (0..1000).map(|_| (61.0, 27.0, 1)).chain((0..10).map(|_| (10.0, 50.0, 1)));
    /// let density = Density::from_points(points);
    /// assert_eq!(density.fraction(0, 100), 100.0 / 1010.0);
    /// assert_eq!(density.fraction(5, 100), 0.1);
    /// assert_eq!(density.fraction(5, 5000), 1.0);
    /// ```
    pub fn fraction(&self, z: u8, budget: usize) -> f64 {
        let Some(&busiest) = self.busiest.get(z as usize).or(self.busiest.last()) else {
            return 1.0;
        };
        if busiest == 0 {
            return 1.0;
        }
        (budget as f64 / busiest as f64).min(1.0)
    }
}
