//! A GeoParquet file read by HTTP range requests: its length from the server, each column
//! chunk fetched in one request and kept (within [`KEPT_BYTES`], least recently used dropped
//! first), since the tiles of one view read the same row groups' chunks. Page headers and the
//! footer's tail go through FlatGeobuf's block reader.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use lru::LruCache;

use crate::data::formats::flatgeobuf::Ranges;
use crate::data::formats::vector_tiles::Http;

/// Column chunks kept per file.
const KEPT_BYTES: usize = 96 << 20;

/// A column chunk: where it starts, how long it is.
type Key = (u64, usize);

/// A remote Parquet file.
pub(super) struct Remote {
    ranges: Ranges,
    /// The file's length, as the server says.
    pub length: u64,
    kept: Mutex<Kept>,
    /// A lock per chunk being fetched, so that tiles read at once fetch it once.
    fetching: Mutex<HashMap<Key, Arc<Mutex<()>>>>,
}

struct Kept {
    chunks: LruCache<Key, Bytes>,
    bytes: usize,
}

impl Remote {
    /// Ask the server for the length of `url`; blocking, inside the client's runtime.
    pub fn open(http: Arc<Http>, url: &str) -> Result<Arc<Self>, String> {
        let ranges = Ranges::http(http, url.to_owned())?;
        let length = ranges.size()?;
        Ok(Arc::new(Self {
            ranges,
            length,
            kept: Mutex::new(Kept {
                chunks: LruCache::unbounded(),
                bytes: 0,
            }),
            fetching: Mutex::new(HashMap::new()),
        }))
    }

    /// `length` bytes from `start`, from those kept or in one request.
    pub fn chunk(&self, start: u64, length: usize) -> Result<Bytes, String> {
        let key = (start, length);
        let kept = || {
            self.kept
                .lock()
                .ok()
                .and_then(|mut k| k.chunks.get(&key).cloned())
        };
        if let Some(chunk) = kept() {
            return Ok(chunk);
        }
        let failed = || format!("{}: a reader failed", self.ranges.shown());
        let lock = self
            .fetching
            .lock()
            .map_err(|_| failed())?
            .entry(key)
            .or_default()
            .clone();
        let _fetching = lock.lock().map_err(|_| failed())?;
        if let Some(chunk) = kept() {
            return Ok(chunk);
        }
        let fetched = self.ranges.read_direct(start, length).map(Bytes::from);
        if let (Ok(chunk), Ok(mut kept)) = (&fetched, self.kept.lock()) {
            kept.bytes += chunk.len();
            if let Some(replaced) = kept.chunks.put(key, chunk.clone()) {
                kept.bytes -= replaced.len();
            }
            while kept.bytes > KEPT_BYTES {
                let Some((_, dropped)) = kept.chunks.pop_lru() else {
                    break;
                };
                kept.bytes -= dropped.len();
            }
        }
        // Kept before the entry goes, so a reader waiting on it finds the chunk.
        if let Ok(mut fetching) = self.fetching.lock() {
            fetching.remove(&key);
        }
        fetched
    }
}

/// Reads from a position on through the block reader (page headers, a few bytes at a time).
pub(super) struct RangeRead {
    remote: Arc<Remote>,
    at: u64,
}

impl RangeRead {
    pub fn new(remote: &Arc<Remote>, at: u64) -> Self {
        Self {
            remote: remote.clone(),
            at,
        }
    }
}

impl std::io::Read for RangeRead {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.remote.length.saturating_sub(self.at);
        let wanted = left.min(buf.len() as u64) as usize;
        if wanted == 0 {
            return Ok(0);
        }
        let bytes = self
            .remote
            .ranges
            .read(self.at, wanted)
            .map_err(std::io::Error::other)?;
        buf[..bytes.len()].copy_from_slice(&bytes);
        self.at += bytes.len() as u64;
        Ok(bytes.len())
    }
}
