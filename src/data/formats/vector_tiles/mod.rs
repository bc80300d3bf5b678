//! Vector tiles: data too large to open as one file, read a tile at a time for what is in view.
//! A source is a PMTiles archive ([`archive`], local or by URL) or an MVT tile URL template
//! (`…/{z}/{x}/{y}.pbf`, as Martin, pg_tileserv, tippecanoe's directories and every vector tile
//! server give). Either hands out tiles' bytes; [`mvt`] decodes them into plain features.

pub mod archive;
pub mod check;
pub mod disk_cache;
pub mod http;
mod indexed;
pub mod mvt;
pub mod tilejson;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use archive::{Archive, key};
pub use disk_cache::DiskCache;
pub use http::{Http, HttpSettings, NetStats};
pub use indexed::IndexedFile;
pub use mvt::{DecodedTile, TileAddress, TileFeature, decode};

/// The deepest zoom a tile URL template is asked for, when nothing says otherwise: the zoom
/// Martin, pg_tileserv and OpenMapTiles stop at.
pub const TEMPLATE_MAX_ZOOM: u8 = 14;

/// What a tile set says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct TileSetInfo {
    /// "PMTiles archive" or "MVT tiles".
    pub kind: &'static str,
    /// Its own name, if it has one.
    pub name: Option<String>,
    /// Whom the tiles must credit (HTML tags removed).
    pub attribution: Option<String>,
    pub min_zoom: u8,
    pub max_zoom: u8,
    /// West, south, east, north.
    pub bounds: Option<[f64; 4]>,
    /// The layers its tiles hold ("events", "water"…), as its metadata lists them.
    pub layers: Vec<String>,
    pub tile_compression: Option<String>,
    /// Tiles in the archive's index, if it says; features, for an indexed file.
    pub tile_entries: Option<u64>,
}

impl TileSetInfo {
    /// What [`Self::tile_entries`] counts: tiles, or for an indexed file, features.
    pub fn entries_unit(&self) -> &'static str {
        match self.kind {
            "FlatGeobuf" | "GeoPackage" | "GeoParquet" => "features",
            _ => "tiles",
        }
    }
}

impl Default for TileSetInfo {
    fn default() -> Self {
        Self {
            kind: "MVT tiles",
            name: None,
            attribution: None,
            min_zoom: 0,
            max_zoom: TEMPLATE_MAX_ZOOM,
            bounds: None,
            layers: Vec::new(),
            tile_compression: None,
            tile_entries: None,
        }
    }
}

/// Name, attribution and layers from a tile set's metadata (TileJSON-like JSON, as tippecanoe
/// and planetiler write it). Anything missing or malformed is left unknown.
pub fn from_metadata(json: &str) -> TileSetInfo {
    let mut info = TileSetInfo::default();
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return info;
    };
    let text = |key: &str| {
        value
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    info.name = text("name");
    info.attribution = text("attribution").map(|a| strip_tags(&a));
    // tippecanoe nests vector_layers in a JSON string under "json"; planetiler puts it on top.
    let nested = text("json").and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
    let layers = value
        .get("vector_layers")
        .or_else(|| nested.as_ref()?.get("vector_layers"));
    if let Some(layers) = layers.and_then(serde_json::Value::as_array) {
        info.layers = layers
            .iter()
            .filter_map(|l| l.get("id")?.as_str().map(str::to_owned))
            .collect();
    }
    info
}

/// Text without HTML tags: attributions are often links.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&copy;", "©").replace("&amp;", "&")
}

/// Where a tile set is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A `.pmtiles` file on disk.
    File(PathBuf),
    /// A `.pmtiles` archive by URL.
    ArchiveUrl(String),
    /// A URL (or local path) with `{z}`, `{x}` and `{y}` in it.
    Template(String),
    /// A FlatGeobuf file too large to open whole, read through its index.
    FlatGeobuf(PathBuf),
    /// A FlatGeobuf file by URL, read through its index with range requests.
    FlatGeobufUrl(String),
    /// A GeoPackage with a table too large to open whole, read through its R-trees.
    GeoPackage(PathBuf),
    /// A GeoParquet file too large to open whole, read by row groups' boxes.
    GeoParquet(PathBuf),
    /// A GeoParquet file by URL, its row groups read by range requests.
    GeoParquetUrl(String),
}

impl Location {
    /// What the user typed or chose: a URL or path with `{z}/{x}/{y}`, a PMTiles URL, or a
    /// PMTiles file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let remote = text.starts_with("http://") || text.starts_with("https://");
        let has_template = ["{z}", "{x}", "{y}"].iter().all(|p| text.contains(p));
        if has_template {
            return Ok(Self::Template(text.to_owned()));
        }
        let path_part = text.split(['?', '#']).next().unwrap_or(text);
        let lower = path_part.to_ascii_lowercase();
        match (remote, lower.rsplit('.').next().unwrap_or_default()) {
            (true, "fgb") => return Ok(Self::FlatGeobufUrl(text.to_owned())),
            (false, "fgb") => return Ok(Self::FlatGeobuf(PathBuf::from(text))),
            (false, "gpkg") => return Ok(Self::GeoPackage(PathBuf::from(text))),
            (false, "parquet" | "geoparquet") => {
                return Ok(Self::GeoParquet(PathBuf::from(text)));
            }
            (true, "parquet" | "geoparquet") => return Ok(Self::GeoParquetUrl(text.to_owned())),
            (true, "gpkg") => {
                return Err(format!(
                    "{text}: a GeoPackage is an SQLite database, which cannot be read by range \
                     requests: download it, or publish it as FlatGeobuf or PMTiles"
                ));
            }
            _ => {}
        }
        let is_pmtiles = lower.ends_with(".pmtiles");
        match (remote, is_pmtiles) {
            (true, true) => Ok(Self::ArchiveUrl(text.to_owned())),
            (false, true) => Ok(Self::File(PathBuf::from(text))),
            (true, false) => Err(format!(
                "{text}: not a vector tile source strikemap reads: give a PMTiles archive \
                 (…/name.pmtiles) or a tile URL with {{z}}, {{x}} and {{y}} in it"
            )),
            (false, false) => Err(format!("{text}: not a PMTiles file")),
        }
    }

    /// Whether reading it needs the network.
    pub fn is_remote(&self) -> bool {
        match self {
            Self::File(_) | Self::FlatGeobuf(_) | Self::GeoPackage(_) | Self::GeoParquet(_) => {
                false
            }
            Self::ArchiveUrl(_) | Self::FlatGeobufUrl(_) | Self::GeoParquetUrl(_) => true,
            Self::Template(t) => t.starts_with("http://") || t.starts_with("https://"),
        }
    }

    /// The location as the user gave it.
    pub fn text(&self) -> String {
        match self {
            Self::File(path)
            | Self::FlatGeobuf(path)
            | Self::GeoPackage(path)
            | Self::GeoParquet(path) => path.display().to_string(),
            Self::ArchiveUrl(url)
            | Self::Template(url)
            | Self::FlatGeobufUrl(url)
            | Self::GeoParquetUrl(url) => url.clone(),
        }
    }

    /// A short name for the layer list: the file's name without its extension.
    pub fn short_name(&self) -> String {
        let text = self.text();
        let path = text.split(['?', '#']).next().unwrap_or(&text);
        let path = path.split("/{z}").next().unwrap_or(path);
        let name = Path::new(path.trim_end_matches('/'))
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned());
        name.filter(|n| !n.is_empty()).unwrap_or(text)
    }
}

/// An open tile set.
pub enum VectorTileSource {
    Archive(Box<Archive>),
    Template {
        template: String,
        /// `None` for a local directory of tiles.
        http: Option<Arc<Http>>,
        info: TileSetInfo,
    },
    /// A FlatGeobuf, GeoPackage or GeoParquet file read a window at a time.
    Indexed {
        file: Arc<IndexedFile>,
        info: TileSetInfo,
    },
}

impl VectorTileSource {
    /// Open `location`; `http` is `None` offline, and then a remote source is refused before
    /// any request is made.
    pub async fn open(location: &Location, http: Option<Arc<Http>>) -> Result<Self, String> {
        if location.is_remote() && http.is_none() {
            return Err(format!(
                "{}: offline, so no request is made (start without --offline to read it)",
                location.text()
            ));
        }
        match (location, http) {
            (Location::File(path), _) => Archive::open_file(path)
                .await
                .map(|a| Self::Archive(Box::new(a))),
            (Location::ArchiveUrl(url), Some(http)) => Archive::open_url(http, url)
                .await
                .map(|a| Self::Archive(Box::new(a))),
            (Location::Template(template), http) => {
                let http = http.filter(|_| location.is_remote());
                let info = tilejson::discover(template, http.as_deref()).await;
                Ok(Self::Template {
                    template: template.clone(),
                    http,
                    info,
                })
            }
            (Location::ArchiveUrl(url), None) => Err(format!("{url}: offline")),
            (
                Location::FlatGeobuf(_)
                | Location::FlatGeobufUrl(_)
                | Location::GeoPackage(_)
                | Location::GeoParquet(_)
                | Location::GeoParquetUrl(_),
                http,
            ) => {
                let location = location.clone();
                let runtime = tokio::runtime::Handle::current();
                let file = tokio::task::spawn_blocking(move || {
                    let _inside = runtime.enter();
                    IndexedFile::open(&location, http)
                })
                .await
                .map_err(|err| format!("the reader stopped ({err})"))??;
                let info = file.info()?;
                Ok(Self::Indexed {
                    file: Arc::new(file),
                    info,
                })
            }
        }
    }

    pub fn info(&self) -> &TileSetInfo {
        match self {
            Self::Archive(archive) => archive.info(),
            Self::Template { info, .. } | Self::Indexed { info, .. } => info,
        }
    }

    /// The tile at `at` decoded: from its bytes for tile sets, by window for indexed files.
    pub async fn decoded(&self, at: TileAddress) -> Result<Option<DecodedTile>, String> {
        match self {
            Self::Indexed { file, .. } => {
                let file = file.clone();
                tokio::task::spawn_blocking(move || file.tile(at))
                    .await
                    .map_err(|err| format!("the reader stopped ({err})"))?
                    .map(Some)
            }
            _ => match self.tile(at).await? {
                Some(bytes) => decode(bytes, at).map(Some),
                None => Ok(None),
            },
        }
    }

    /// The tile at `at`, unzipped; `None` when the source has none there.
    pub async fn tile(&self, at: TileAddress) -> Result<Option<Vec<u8>>, String> {
        match self {
            Self::Archive(archive) => archive.tile(at).await,
            Self::Indexed { .. } => Err("an indexed file has no tile bytes".to_owned()),
            Self::Template { template, http, .. } => {
                let url = template
                    .replace("{z}", &at.z.to_string())
                    .replace("{x}", &at.x.to_string())
                    .replace("{y}", &at.y.to_string());
                let bytes = match http {
                    Some(http) => http
                        .get(&url, mvt::MAX_TILE_BYTES as usize)
                        .await?
                        .map(|b| b.to_vec()),
                    None => read_local_tile(&url)?,
                };
                bytes.map(mvt::gunzip_if_needed).transpose()
            }
        }
    }
}

/// A tile of a local directory; a missing file is an empty tile, as a server's 404 is.
fn read_local_tile(path: &str) -> Result<Option<Vec<u8>>, String> {
    let path = path.strip_prefix("file://").unwrap_or(path);
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(format!("{path}: {err}")),
    }
}

#[cfg(test)]
mod tests;
