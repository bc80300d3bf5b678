//! A PMTiles archive (one file of tiles and its index, as tippecanoe, planetiler and the
//! `pmtiles` tool write it), read from disk or over HTTP range requests: its header and
//! metadata once, then one tile at a time through the directory the reader caches. Only what
//! is asked for is read, so an archive of any size costs the memory of the tiles in view.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use pmtiles::{
    AsyncBackend, AsyncPmTilesReader, BackendResponse, Compression, HashMapCache, PmtError,
    PmtResult, TileCoord, TileType,
};

use super::http::Http;
use super::mvt::{MAX_TILE_BYTES, TileAddress, gunzip_if_needed};
use super::{TileSetInfo, from_metadata};

/// Where an archive's bytes come from.
pub enum Backend {
    /// A local file, read with plain reads: a memory map would crash the app if another
    /// program shortened the file while it is open.
    File(Mutex<File>),
    /// A URL, read with range requests.
    Http { http: Arc<Http>, url: String },
}

impl AsyncBackend for Backend {
    async fn read(&self, offset: u64, length: usize) -> PmtResult<BackendResponse> {
        let bytes = match self {
            Self::File(file) => read_file(file, offset, length)?,
            Self::Http { http, url } => http
                .range(url, offset, length)
                .await
                .map_err(|message| PmtError::Reading(std::io::Error::other(message)))?,
        };
        Ok(BackendResponse::new(bytes))
    }
}

/// Up to `length` bytes of the file from `offset` (fewer at its end).
fn read_file(file: &Mutex<File>, offset: u64, length: usize) -> PmtResult<Bytes> {
    let mut file = file
        .lock()
        .map_err(|_| PmtError::Reading(std::io::Error::other("the archive's reader failed")))?;
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::with_capacity(length.min(MAX_TILE_BYTES as usize));
    (&mut *file).take(length as u64).read_to_end(&mut bytes)?;
    Ok(Bytes::from(bytes))
}

/// An open archive.
pub struct Archive {
    reader: AsyncPmTilesReader<Backend, HashMapCache>,
    info: TileSetInfo,
}

impl Archive {
    /// Open the archive at `path`.
    pub async fn open_file(path: &Path) -> Result<Self, String> {
        let file =
            File::open(path).map_err(|err| format!("cannot open {}: {err}", path.display()))?;
        Self::open(Backend::File(Mutex::new(file)), &path.display().to_string()).await
    }

    /// Open the archive at `url` with `http`.
    pub async fn open_url(http: Arc<Http>, url: &str) -> Result<Self, String> {
        let backend = Backend::Http {
            http,
            url: url.to_owned(),
        };
        Self::open(backend, url).await
    }

    async fn open(backend: Backend, name: &str) -> Result<Self, String> {
        let reader = AsyncPmTilesReader::try_from_cached_source(backend, HashMapCache::default())
            .await
            .map_err(|err| {
                let why = describe(&err);
                match why.starts_with(name) {
                    true => why,
                    false => format!("{name}: {why}"),
                }
            })?;
        let header = reader.get_header();
        if header.tile_type != TileType::Mvt {
            return Err(format!(
                "{name}: this archive holds {:?} tiles, not vector tiles (MVT)",
                header.tile_type
            ));
        }
        // Metadata is optional; an archive without it still draws.
        let metadata = reader.get_metadata().await.unwrap_or_default();
        let mut info = from_metadata(&metadata);
        info.min_zoom = header.min_zoom;
        info.max_zoom = header.max_zoom.max(header.min_zoom);
        let bounds = [
            header.min_longitude,
            header.min_latitude,
            header.max_longitude,
            header.max_latitude,
        ];
        if bounds.iter().all(|v| v.is_finite()) && bounds[0] < bounds[2] && bounds[1] < bounds[3] {
            info.bounds = Some(bounds);
        }
        info.kind = "PMTiles archive";
        info.tile_compression = Some(format!("{:?}", header.tile_compression));
        info.tile_entries = header.n_tile_entries().map(u64::from);
        Ok(Self { reader, info })
    }

    pub fn info(&self) -> &TileSetInfo {
        &self.info
    }

    /// The tile at `at`, unzipped; `None` when the archive has none there.
    pub async fn tile(&self, at: TileAddress) -> Result<Option<Vec<u8>>, String> {
        let coord = TileCoord::new(at.z, at.x, at.y).map_err(|err| describe(&err))?;
        let Some(bytes) = self
            .reader
            .get_tile(coord)
            .await
            .map_err(|err| describe(&err))?
        else {
            return Ok(None);
        };
        if bytes.len() as u64 > MAX_TILE_BYTES {
            return Err(format!(
                "tile {} is over {} MB",
                key(at),
                MAX_TILE_BYTES >> 20
            ));
        }
        match self.reader.get_header().tile_compression {
            Compression::Gzip | Compression::None | Compression::Unknown => {
                gunzip_if_needed(bytes.to_vec()).map(Some)
            }
            other => Err(format!(
                "the archive's tiles are compressed with {other:?}, which strikemap does not \
                 read yet (gzip and none are read)"
            )),
        }
    }
}

/// A tile's address as users see it.
pub fn key(at: TileAddress) -> String {
    format!("{}/{}/{}", at.z, at.x, at.y)
}

/// A reader error in words.
fn describe(err: &PmtError) -> String {
    match err {
        PmtError::InvalidMagicNumber => "not a PMTiles archive (its first bytes are not \
                                         \"PMTiles\")"
            .to_owned(),
        PmtError::UnsupportedPmTilesVersion => {
            "a PMTiles version strikemap does not read (version 3 is read)".to_owned()
        }
        PmtError::UnexpectedNumberOfBytesReturned(wanted, got) => format!(
            "the archive ends early: {wanted} bytes were asked for and {got} came (a truncated \
             file or download)"
        ),
        PmtError::Reading(io) => io.to_string(),
        other => format!("the archive is damaged ({other})"),
    }
}
