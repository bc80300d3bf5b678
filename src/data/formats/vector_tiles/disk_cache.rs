//! Remote vector tiles kept on disk, so a view seen once opens again without the network and
//! a second visit costs no bytes. One directory per source (a hash of its URL and what its
//! header says of its contents, so a rebuilt archive is not read from a stale cache), one file
//! per tile, each written atomically. Entries older than [`MAX_AGE`] are fetched again.
//!
//! An HTTP cache keyed by URL cannot do this for PMTiles: every tile of an archive is a range
//! of the same URL.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::TileAddress;
use crate::data::atomic::write_atomically;

/// How long a cached tile is used before it is fetched again.
pub const MAX_AGE: Duration = Duration::from_secs(7 * 24 * 3600);

/// The cache of one source.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    /// The cache under `root` for the source at `location`, whose header reads `identity`.
    pub fn new(root: &Path, location: &str, identity: &str) -> Self {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (location, identity).hash(&mut hasher);
        Self {
            dir: root
                .join("vector")
                .join(format!("{:016x}", hasher.finish())),
        }
    }

    fn path(&self, at: TileAddress) -> PathBuf {
        self.dir
            .join(at.z.to_string())
            .join(at.x.to_string())
            .join(format!("{}.mvt", at.y))
    }

    /// The tile's bytes if they are cached and fresh; an empty file is a tile the source
    /// does not have.
    pub fn get(&self, at: TileAddress) -> Option<Vec<u8>> {
        let path = self.path(at);
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        let age = SystemTime::now()
            .duration_since(modified)
            .unwrap_or_default();
        (age < MAX_AGE).then(|| std::fs::read(&path).ok())?
    }

    /// Keep the tile's bytes. A cache that cannot be written is only logged: tiles still draw.
    pub fn put(&self, at: TileAddress, bytes: &[u8]) {
        let path = self.path(at);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_atomically(&path, bytes));
        if let Err(err) = written {
            log::warn!("vector tile cache: cannot write {}: {err}", path.display());
        }
    }
}
