//! One Mapbox Vector Tile (MVT, the protobuf every tile server and PMTiles archive holds)
//! decoded into plain features in longitude and latitude, each with its source layer and its
//! properties. A tile may arrive gzipped (static hosts serve `.pbf` files that way); a layer
//! that cannot be read is skipped alone and named, and the others are kept.

use std::io::Read;

use geo::{Coord, Geometry, MapCoords};
use mvt_reader::feature::Value;

/// Tiles larger than this once unzipped are refused: no real tile comes near it (tippecanoe's
/// limit is 500 KB), and a gzip bomb must not take the memory.
pub const MAX_TILE_BYTES: u64 = 64 << 20;

/// Where a tile lies: zoom, column and row (XYZ, row 0 at the north).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileAddress {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

impl TileAddress {
    /// The tile of zoom `z` that holds longitude `lon`, latitude `lat` (clamped to the grid).
    ///
    /// ```
    /// use strikemap::data::formats::vector_tiles::TileAddress;
    /// assert_eq!(TileAddress::containing(65.0, 28.0, 5), TileAddress { z: 5, x: 21, y: 13 });
    /// ```
    pub fn containing(lon: f64, lat: f64, z: u8) -> Self {
        let n = 2f64.powi(z as i32);
        let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
        let mx = (lon + 180.0) / 360.0;
        let my = (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0;
        let cell = |m: f64| (m * n).floor().clamp(0.0, n - 1.0) as u32;
        Self {
            z,
            x: cell(mx),
            y: cell(my),
        }
    }
}

/// One feature of a tile.
#[derive(Debug, Clone)]
pub struct TileFeature {
    /// Index into [`DecodedTile::layers`].
    pub layer: u16,
    /// Longitude/latitude.
    pub geometry: Geometry<f64>,
    pub id: Option<u64>,
    /// The feature's properties as text, in the tile's order.
    pub properties: Vec<(String, String)>,
}

/// A decoded tile.
#[derive(Debug, Clone, Default)]
pub struct DecodedTile {
    /// The tile's layer names ("events", "water", "places"...).
    pub layers: Vec<String>,
    pub features: Vec<TileFeature>,
    /// Layers that could not be read, each with why.
    pub skipped: Vec<String>,
    /// About how many features the tile's area holds, when these are only an even sample of
    /// them (a large file read through its index at a low zoom); `None`: all are here.
    pub sampled_from: Option<u64>,
}

/// Whether `bytes` start as gzip does.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Unzip `bytes` if they are gzipped, refusing more than [`MAX_TILE_BYTES`].
pub fn gunzip_if_needed(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if !is_gzip(&bytes) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(MAX_TILE_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|err| format!("the tile's gzip data is damaged ({err})"))?;
    if out.len() as u64 > MAX_TILE_BYTES {
        return Err(format!(
            "the tile unzips to more than {} MB",
            MAX_TILE_BYTES >> 20
        ));
    }
    Ok(out)
}

/// Decode a tile's bytes (gzipped or not). An error means nothing in it could be read.
pub fn decode(bytes: Vec<u8>, at: TileAddress) -> Result<DecodedTile, String> {
    let bytes = gunzip_if_needed(bytes)?;
    if bytes.is_empty() {
        return Ok(DecodedTile::default());
    }
    let reader =
        mvt_reader::Reader::new(bytes).map_err(|err| format!("not a vector tile (MVT): {err}"))?;
    let metadata = reader
        .get_layer_metadata()
        .map_err(|err| format!("not a vector tile (MVT): {err}"))?;
    let mut tile = DecodedTile::default();
    for layer in metadata {
        let index = tile.layers.len() as u16;
        tile.layers.push(layer.name.clone());
        let features = match reader.get_features(layer.layer_index) {
            Ok(features) => features,
            Err(err) => {
                tile.skipped.push(format!("layer {:?}: {err}", layer.name));
                continue;
            }
        };
        let extent = if layer.extent == 0 {
            4096
        } else {
            layer.extent
        };
        let place = Placer::new(at, extent);
        for feature in features {
            let geometry = feature.geometry.map_coords(|c| place.lon_lat(c));
            let mut properties: Vec<(String, String)> = feature
                .properties
                .unwrap_or_default()
                .into_iter()
                .map(|(key, value)| (key, text_of(value)))
                .collect();
            // A HashMap has no order; a stable one makes identify read the same each time.
            properties.sort_by(|a, b| a.0.cmp(&b.0));
            tile.features.push(TileFeature {
                layer: index,
                geometry,
                id: feature.id,
                properties,
            });
        }
    }
    Ok(tile)
}

/// A property value as it is shown.
fn text_of(value: Value) -> String {
    match value {
        Value::String(s) => s,
        Value::Float(f) => f.to_string(),
        Value::Double(d) => d.to_string(),
        Value::Int(i) | Value::SInt(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
    }
}

/// Tile-local coordinates (0..extent, row 0 at the top) to longitude and latitude.
struct Placer {
    origin: [f64; 2],
    scale: f64,
}

impl Placer {
    fn new(at: TileAddress, extent: u32) -> Self {
        let tiles = 2f64.powi(at.z as i32);
        Self {
            origin: [at.x as f64 / tiles, at.y as f64 / tiles],
            scale: 1.0 / (tiles * extent as f64),
        }
    }

    fn lon_lat(&self, c: Coord<f32>) -> Coord<f64> {
        let mx = self.origin[0] + c.x as f64 * self.scale;
        let my = self.origin[1] + c.y as f64 * self.scale;
        let lat = (std::f64::consts::PI * (1.0 - 2.0 * my))
            .sinh()
            .atan()
            .to_degrees();
        Coord {
            x: mx * 360.0 - 180.0,
            y: lat,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_corners_land_on_the_tile_grid() {
        let place = Placer::new(TileAddress { z: 1, x: 1, y: 0 }, 4096);
        let nw = place.lon_lat(Coord { x: 0.0, y: 0.0 });
        let se = place.lon_lat(Coord {
            x: 4096.0,
            y: 4096.0,
        });
        assert!((nw.x - 0.0).abs() < 1e-9 && (nw.y - 85.0511).abs() < 1e-3);
        assert!((se.x - 180.0).abs() < 1e-9 && se.y.abs() < 1e-9);
    }

    #[test]
    fn garbage_is_refused_and_an_empty_tile_is_empty() {
        let at = TileAddress { z: 0, x: 0, y: 0 };
        assert!(decode(b"<html>not found</html>".to_vec(), at).is_err());
        assert!(decode(Vec::new(), at).is_ok_and(|t| t.features.is_empty()));
        // Gzip that stops half way is damaged, not empty.
        assert!(decode(vec![0x1f, 0x8b, 8, 0, 0, 0], at).is_err());
    }
}
