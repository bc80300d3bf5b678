//! Every file format strikemap opens, through one door: [`read`] finds the format (by the
//! file's extension, else by its first bytes) and hands the file to its reader, which gives
//! back the same [`LayerFile`] whatever the format, so that every layer is drawn, identified
//! and listed the same way.
//!
//! | format | reader | crate |
//! |---|---|---|
//! | GeoJSON | `layer_file` and `parse/` | `geojson` |
//! | CSV (ACLED exports, any CSV with lat/lon or WKT columns) | [`csv`] | `csv`, `wkt` |
//! | KML, KMZ | [`kml`] | `quick-xml`, `encoding_rs`, `zip` |
//! | GPX | [`gpx`] | `quick-xml`, `encoding_rs` |
//! | Shapefile (`.shp` with `.dbf`, `.prj`, `.cpg`, or a `.zip` of them) | [`shp`] | `shapefile`, `proj4wkt`, `proj4rs`, `zip` |
//! | FlatGeobuf (`.fgb`) | [`flatgeobuf`] | `flatgeobuf`, `geozero` |
//! | GeoPackage (`.gpkg`) | [`geopackage`] | `rusqlite` (SQLite bundled), `geozero` |
//! | GeoParquet (`.parquet`, `.geoparquet`) | [`geoparquet`] | `geoparquet`, `parquet`, `geoarrow-array`, `geozero` |
//!
//! FlatGeobuf, GeoPackage and GeoParquet files too large to read whole open as tiled layers
//! instead, read through their spatial indexes (or row groups' boxes) for what is in view
//! ([`windowed`]).
//!
//! Vector tiles (PMTiles archives, MVT tile URLs) are not opened whole: [`vector_tiles`] reads
//! them a tile at a time for the map's tiled layers (`pmtiles`, `mvt-reader`).

pub mod csv;
mod features;
pub mod flatgeobuf;
pub mod geojson;
pub mod geopackage;
pub mod geoparquet;
pub mod gpx;
pub mod kml;
pub mod lines;
pub mod projection;
mod repair;
pub mod shown;
pub mod shp;
pub mod vector_tiles;
pub mod windowed;
pub mod wkb;
pub mod xml;
mod zipped;

use std::path::Path;

pub use features::{Features, Repairs};
pub use repair::{NOISE_DEGREES, repair};

use super::DataError;
use super::layer_file::{self, LayerFile, Limits, Progress};
use super::memory::Peak;

/// A format strikemap reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Csv,
    Kml,
    Kmz,
    Gpx,
    Shapefile,
    /// A zip archive: a zipped Shapefile, or a KMZ under another name.
    Zip,
    FlatGeobuf,
    GeoPackage,
    GeoParquet,
}

impl Format {
    /// The format's name as users know it.
    pub fn name(self) -> &'static str {
        match self {
            Self::GeoJson => "GeoJSON",
            Self::Csv => "CSV",
            Self::Kml => "KML",
            Self::Kmz => "KMZ",
            Self::Gpx => "GPX",
            Self::Shapefile => "Shapefile",
            Self::Zip => "zip",
            Self::FlatGeobuf => "FlatGeobuf",
            Self::GeoPackage => "GeoPackage",
            Self::GeoParquet => "GeoParquet",
        }
    }

    /// The file name extensions of every format, for file dialogs.
    pub const EXTENSIONS: [&'static str; 14] = [
        "geojson",
        "json",
        "csv",
        "tsv",
        "txt",
        "kml",
        "kmz",
        "gpx",
        "shp",
        "zip",
        "fgb",
        "gpkg",
        "parquet",
        "geoparquet",
    ];

    /// The format of `path`, from its extension, else from the first bytes of the file.
    pub fn detect(path: &Path, head: &[u8]) -> Self {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "geojson" | "json" => Self::GeoJson,
            "csv" | "tsv" | "tab" | "txt" => Self::Csv,
            "kml" => Self::Kml,
            "kmz" => Self::Kmz,
            "gpx" => Self::Gpx,
            "shp" => Self::Shapefile,
            "zip" => Self::Zip,
            "fgb" => Self::FlatGeobuf,
            "gpkg" => Self::GeoPackage,
            "parquet" | "geoparquet" | "pq" => Self::GeoParquet,
            _ => Self::sniff(head),
        }
    }

    /// The format of a file with no telling extension, from its first bytes.
    fn sniff(head: &[u8]) -> Self {
        let text = String::from_utf8_lossy(head);
        let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        if head.starts_with(b"PK\x03\x04") {
            Self::Zip
        } else if flatgeobuf::is_flatgeobuf(head) {
            Self::FlatGeobuf
        } else if geopackage::is_sqlite(head) {
            Self::GeoPackage
        } else if geoparquet::is_parquet(head) {
            Self::GeoParquet
        } else if head.starts_with(&[0x00, 0x00, 0x27, 0x0a]) {
            Self::Shapefile
        } else if start.starts_with('<') && text.contains("<gpx") {
            Self::Gpx
        } else if start.starts_with('<') {
            Self::Kml
        } else if start.starts_with('{') || start.starts_with('[') || start.is_empty() {
            Self::GeoJson
        } else {
            Self::Csv
        }
    }
}

/// Read any file a user opened into layers: one for most files, one per folder for a KML
/// whose placemarks are in folders. Fails only for the file as a whole; a bad feature or row
/// is refused with why, and the rest load.
pub fn read(path: &Path, limits: Limits, progress: &Progress) -> Result<Vec<LayerFile>, DataError> {
    let format = Format::detect(path, &head(path));
    log::info!("{}: reading as {format:?}", path.display());
    let read = || read_as(format, path, limits, progress).map_err(|err| err.problem);
    guarded(format.name(), read)
        .map_err(|problem| DataError::file(&path.display().to_string(), problem))
}

/// Read a file's `bytes` as `format`, as [`read`] would read them from a file at `path` (which
/// only names it; a Shapefile's parts beside it are not looked for). For tests and fuzzing.
pub fn read_in_memory(
    format: Format,
    path: &Path,
    bytes: Vec<u8>,
) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let read = || -> Result<Vec<LayerFile>, String> {
        let layers = match format {
            Format::GeoJson => {
                let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_owned())?;
                geojson::from_text(path, &text, &Progress::default()).map(|l| vec![l])
            }
            Format::Csv => {
                let (text, note) = csv::decode(bytes)?;
                csv::read_text(path, &text).map(|mut layer| {
                    layer.notes.extend(note);
                    vec![layer]
                })
            }
            Format::Kml => kml::read_bytes(path, &bytes, "KML"),
            Format::Gpx => gpx::read_bytes(path, &bytes).map(|l| vec![l]),
            Format::Kmz | Format::Zip => zipped::read(path, bytes),
            Format::Shapefile => shp::read_parts(
                path,
                shp::Parts {
                    shp: bytes,
                    ..Default::default()
                },
            )
            .map(|l| vec![l]),
            Format::FlatGeobuf => flatgeobuf::read_bytes(path, bytes).map(|l| vec![l]),
            Format::GeoParquet => geoparquet::read_bytes(path, bytes).map(|l| vec![l]),
            Format::GeoPackage => Err(DataError::file(
                &shown,
                "a GeoPackage is read from its file, not from memory".to_owned(),
            )),
        };
        layers.map_err(|err| err.problem)
    };
    guarded(format.name(), read).map_err(refuse)
}

/// Read `path` as `format`.
fn read_as(
    format: Format,
    path: &Path,
    limits: Limits,
    progress: &Progress,
) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    match format {
        Format::GeoJson => geojson::read(path, limits, progress).map(|layer| vec![layer]),
        Format::Csv => csv::read_file(path, limits, progress).map(|layer| vec![layer]),
        Format::Kml => {
            let bytes =
                layer_file::read_bytes(path, limits, Peak::Kml, progress).map_err(refuse)?;
            kml::read_bytes(path, &bytes, "KML")
        }
        Format::Gpx => {
            let bytes =
                layer_file::read_bytes(path, limits, Peak::Gpx, progress).map_err(refuse)?;
            gpx::read_bytes(path, &bytes).map(|layer| vec![layer])
        }
        Format::Kmz | Format::Zip => {
            let bytes =
                layer_file::read_bytes(path, limits, Peak::Zip, progress).map_err(refuse)?;
            zipped::read(path, bytes)
        }
        Format::Shapefile => shp::read_path(path, limits, progress).map(|layer| vec![layer]),
        Format::FlatGeobuf => flatgeobuf::read_path(path, limits, progress).map(|l| vec![l]),
        Format::GeoPackage => geopackage::read_path(path, limits, progress),
        Format::GeoParquet => geoparquet::read_path(path, limits, progress).map(|l| vec![l]),
    }
}

/// Run a format's reader, turning a panic inside it into an error: a crate's bug met on a
/// malformed file (the `kml` crate indexes an empty `<coordinates>` of a Point, for one) must
/// not take the app down. The panic's own message is kept for the user and the log.
fn guarded<T>(what: &str, read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            log::error!("the {what} reader failed: {message}");
            Err(format!(
                "cannot be read: the {what} reader failed on it ({message}); the file is malformed"
            ))
        }
    }
}

/// The first bytes of a file (empty if it cannot be read: the reader then says why).
fn head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(512).read_to_end(&mut head);
    }
    head
}
