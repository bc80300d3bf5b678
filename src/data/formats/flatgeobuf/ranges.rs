//! A FlatGeobuf file's bytes read by offset and length, from disk or over HTTP range
//! requests, so that only the header, the index nodes a window needs and its features are
//! read. HTTP reads go through strikemap's own client (retries, byte counts, offline mode) a
//! block at a time, and recent blocks are kept, since a window's index nodes and features lie
//! close together.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::data::formats::vector_tiles::Http;

/// Bytes fetched at once over HTTP: a few index nodes, or a few hundred features.
const BLOCK: u64 = 64 << 10;
/// Blocks kept (16 MB).
const KEPT_BLOCKS: usize = 256;

/// Where the bytes come from.
pub enum Ranges {
    /// A file already in memory (tests, fuzzing).
    Bytes(Arc<[u8]>),
    File {
        path: PathBuf,
        file: Mutex<File>,
    },
    Http {
        http: Arc<Http>,
        url: String,
        /// The runtime the client runs on; reads block on it from a worker thread.
        runtime: tokio::runtime::Handle,
        blocks: Mutex<LruCache<u64, Arc<[u8]>>>,
        /// A lock per block being fetched, so that tiles read at once fetch it once.
        fetching: Mutex<HashMap<u64, Arc<Mutex<()>>>>,
    },
}

impl Ranges {
    pub fn file(path: PathBuf) -> Result<Self, String> {
        let file = File::open(&path).map_err(|err| format!("{}: {err}", path.display()))?;
        Ok(Self::File {
            path,
            file: Mutex::new(file),
        })
    }

    /// Read `url` with `http`; must be called inside the runtime the client runs on.
    pub fn http(http: Arc<Http>, url: String) -> Result<Self, String> {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|err| format!("{url}: no HTTP runtime ({err})"))?;
        let kept = NonZeroUsize::new(KEPT_BLOCKS).unwrap_or(NonZeroUsize::MIN);
        Ok(Self::Http {
            http,
            url,
            runtime,
            blocks: Mutex::new(LruCache::new(kept)),
            fetching: Mutex::new(HashMap::new()),
        })
    }

    /// The file as the user names it.
    pub fn shown(&self) -> String {
        match self {
            Self::Bytes(_) => "(in memory)".to_owned(),
            Self::File { path, .. } => path.display().to_string(),
            Self::Http { url, .. } => url.clone(),
        }
    }

    /// The file's whole length (over HTTP, as the server says it).
    pub fn size(&self) -> Result<u64, String> {
        match self {
            Self::Bytes(bytes) => Ok(bytes.len() as u64),
            Self::File { path, file } => file
                .lock()
                .map_err(|_| format!("{}: a reader failed", path.display()))?
                .metadata()
                .map(|m| m.len())
                .map_err(|err| format!("{}: {err}", path.display())),
            Self::Http {
                http, url, runtime, ..
            } => runtime.block_on(http.size(url)),
        }
    }

    /// Whether the bytes come over the network.
    pub fn is_remote(&self) -> bool {
        matches!(self, Self::Http { .. })
    }

    /// [`Self::read`] in one request over HTTP, past the block cache: for features, read
    /// once each, which would otherwise cost a whole block apiece.
    pub fn read_direct(&self, offset: u64, length: usize) -> Result<Vec<u8>, String> {
        let Self::Http {
            http, url, runtime, ..
        } = self
        else {
            return self.read(offset, length);
        };
        let bytes = runtime.block_on(http.range(url, offset, length))?;
        if bytes.len() < length {
            return Err(format!(
                "{url}: the file ends early (at byte {}, wanted {length} bytes from {offset}): \
                 it is truncated",
                offset + bytes.len() as u64
            ));
        }
        Ok(bytes[..length].to_vec())
    }

    /// Exactly `length` bytes from `offset`; an error if the file ends before.
    pub fn read(&self, offset: u64, length: usize) -> Result<Vec<u8>, String> {
        match self {
            Self::Bytes(bytes) => {
                let end = offset.saturating_add(length as u64);
                bytes
                    .get(offset as usize..end as usize)
                    .map(<[u8]>::to_vec)
                    .ok_or_else(|| {
                        format!("the file ends early (wanted {length} bytes from {offset}): it is truncated")
                    })
            }
            Self::File { path, file } => {
                let mut file = file
                    .lock()
                    .map_err(|_| format!("{}: a reader failed", path.display()))?;
                let mut out = vec![0; length];
                file.seek(SeekFrom::Start(offset))
                    .and_then(|_| file.read_exact(&mut out))
                    .map_err(|err| ends_early(&path.display().to_string(), offset, length, err))?;
                Ok(out)
            }
            Self::Http { .. } => self.read_blocks(offset, length),
        }
    }

    /// Over HTTP: the blocks that cover the range, from those kept or fetched.
    fn read_blocks(&self, offset: u64, length: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::with_capacity(length);
        let end = offset + length as u64;
        let mut at = offset;
        while at < end {
            let start = at - at % BLOCK;
            let block = self.block(start)?;
            let from = (at - start) as usize;
            let to = ((end - start) as usize).min(block.len());
            if from >= to {
                return Err(format!(
                    "{}: the file ends early (at byte {}, wanted {length} bytes from {offset}): \
                     it is truncated",
                    self.shown(),
                    start + block.len() as u64
                ));
            }
            out.extend_from_slice(&block[from..to]);
            at = start + to as u64;
        }
        Ok(out)
    }

    fn block(&self, start: u64) -> Result<Arc<[u8]>, String> {
        let Self::Http {
            http,
            url,
            runtime,
            blocks,
            fetching,
        } = self
        else {
            return Err("not an HTTP source".to_owned());
        };
        let kept = || blocks.lock().ok().and_then(|mut b| b.get(&start).cloned());
        if let Some(block) = kept() {
            return Ok(block);
        }
        let lock = fetching
            .lock()
            .map_err(|_| format!("{url}: a reader failed"))?
            .entry(start)
            .or_default()
            .clone();
        let _fetching = lock.lock().map_err(|_| format!("{url}: a reader failed"))?;
        // Another read may have fetched it while this one waited.
        if let Some(block) = kept() {
            return Ok(block);
        }
        let fetched = runtime.block_on(http.range(url, start, BLOCK as usize));
        if let Ok(mut fetching) = fetching.lock() {
            fetching.remove(&start);
        }
        let bytes = fetched?;
        let block: Arc<[u8]> = Arc::from(bytes.to_vec());
        if let Ok(mut kept) = blocks.lock() {
            kept.put(start, block.clone());
        }
        Ok(block)
    }
}

fn ends_early(shown: &str, offset: u64, length: usize, err: std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::UnexpectedEof {
        format!(
            "{shown}: the file ends early (wanted {length} bytes from {offset}): it is truncated"
        )
    } else {
        format!("{shown}: {err}")
    }
}
