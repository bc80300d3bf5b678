//! GeoPackage (`.gpkg`, QGIS's default format): an SQLite database whose `gpkg_contents`
//! lists its tables. Every feature table is a layer; attribute tables, tile tables and other
//! tables are left out, each said in a note. Geometry comes from GPKG blobs (geozero's
//! `GpkgWkb`), reprojected from the table's spatial reference system when it is not WGS 84.
//! SQLite is compiled in (rusqlite's `bundled`), so building needs no system library.
//!
//! A GeoPackage whose tables all hold at most [`WHOLE_FEATURES`] features is read whole
//! ([`read_path`]); one with a larger table opens as a tiled layer, each tile's rows found
//! through the table's R-tree index ([`GeoPackage::window`]) in the background.

mod table;
mod whole;

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use super::vector_tiles::{DecodedTile, TileSetInfo};
use super::windowed::{self, WHOLE_FEATURES};
use crate::data::DataError;
use crate::data::layer_file::{LayerFile, Limits, Progress, open_checked};
use crate::data::memory::Peak;
pub use table::Table;

/// The first bytes of every SQLite database.
pub fn is_sqlite(head: &[u8]) -> bool {
    head.starts_with(b"SQLite format 3\0")
}

/// An open GeoPackage: its feature tables, and connections to read them by window.
pub struct GeoPackage {
    shown: String,
    pub tables: Vec<Table>,
    /// What a user should know: tables left out, tables without an index.
    pub notes: Vec<String>,
    /// Connections not in use; a window read takes one (or opens one) and gives it back.
    idle: Mutex<Vec<Connection>>,
    path: std::path::PathBuf,
}

/// Open `path` read-only.
fn connect(path: &Path) -> Result<Connection, String> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .map_err(|err| format!("{}: cannot be opened as SQLite ({err})", path.display()))
}

impl GeoPackage {
    /// Open `path` and read its table of contents. Fails only when no feature table can be
    /// read.
    pub fn open(path: &Path) -> Result<Self, String> {
        let shown = path.display().to_string();
        let connection = connect(path)?;
        let (tables, notes) =
            table::tables(&connection).map_err(|err| format!("{shown}: {err}"))?;
        if tables.is_empty() {
            let why = notes.first().cloned().unwrap_or_default();
            return Err(format!(
                "{shown}: has no feature table strikemap can read {why}"
            ));
        }
        Ok(Self {
            shown,
            tables,
            notes,
            idle: Mutex::new(vec![connection]),
            path: path.to_path_buf(),
        })
    }

    /// Whether a table is too large to read whole, so the file opens as a tiled layer.
    pub fn is_large(&self) -> bool {
        self.tables.iter().any(|t| t.features > WHOLE_FEATURES)
    }

    /// What the tiled layer shows of it.
    pub fn info(&self) -> TileSetInfo {
        let bounds = self.tables.iter().filter_map(|t| t.bounds).reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        });
        let layers = self.tables.iter().map(|t| t.name.clone()).collect();
        let features = self.tables.iter().map(|t| t.features).sum();
        windowed::info("GeoPackage", bounds, layers, features)
    }

    /// Learn how densely each table's features lie from its R-tree, so that every tile of a
    /// zoom is sampled alike (0.4 s for 2.5M rows). Blocking.
    pub fn measure_density(&mut self) {
        let Some(connection) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) else {
            return;
        };
        for table in &mut self.tables {
            table.measure_density(&connection);
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(connection);
        }
    }

    /// Every table's rows in `window` (longitude/latitude) for a tile of zoom `z`, at most
    /// about `budget` per table.
    pub fn window(&self, window: [f64; 4], z: u8, budget: usize) -> Result<DecodedTile, String> {
        let connection = match self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            Some(connection) => connection,
            None => connect(&self.path)?,
        };
        let mut tile = DecodedTile::default();
        for (index, table) in self.tables.iter().enumerate() {
            tile.layers.push(table.name.clone());
            let read = table.window(&connection, index as u16, window, (z, budget));
            match read {
                Ok(part) => {
                    tile.features.extend(part.features);
                    tile.skipped.extend(part.skipped);
                    if let Some(of) = part.sampled_from {
                        *tile.sampled_from.get_or_insert(0) += of;
                    }
                }
                Err(err) => tile
                    .skipped
                    .push(format!("{}: table {:?}: {err}", self.shown, table.name)),
            }
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(connection);
        }
        Ok(tile)
    }
}

/// Read every feature table of a GeoPackage whole, one layer per table.
pub fn read_path(
    path: &Path,
    limits: Limits,
    progress: &Progress,
) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let _checked = open_checked(path, limits, Peak::Indexed, progress).map_err(refuse)?;
    let package = GeoPackage::open(path).map_err(|err| {
        refuse(
            err.strip_prefix(&format!("{shown}: "))
                .unwrap_or(&err)
                .to_owned(),
        )
    })?;
    let connection = connect(path).map_err(refuse)?;
    let mut layers = Vec::new();
    let several = package.tables.len() > 1;
    for table in &package.tables {
        let mut layer = table.read_all(&connection, path, progress)?;
        if several {
            layer.name = format!("{} — {}", layer.name, table.name);
        }
        if layers.is_empty() {
            layer.notes.extend(package.notes.iter().cloned());
        }
        layers.push(layer);
    }
    Ok(layers)
}
