//! Where a Parquet file's bytes come from (a file, bytes in memory, or range requests, see
//! [`super::remote`]) as the one reader type
//! the parquet crate's builder takes, and its footer read with the checks fuzzing showed the
//! crate needs before it can be trusted with a damaged file.

use std::path::PathBuf;
use std::sync::Arc;

use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::errors::ParquetError;
use parquet::file::reader::ChunkReader;

use super::remote::{RangeRead, Remote};

/// How the footer is read. The embedded Arrow schema (`ARROW:schema`) is not: arrow-ipc
/// panics on a damaged one (found by fuzzing), and Parquet's own types give the same columns.
pub(super) fn options() -> ArrowReaderOptions {
    ArrowReaderOptions::new().with_skip_arrow_metadata(true)
}

/// Refuse a footer whose column chunks lie at negative offsets, on which the parquet crate
/// asserts (found by fuzzing).
pub(super) fn checked(
    meta: ArrowReaderMetadata,
    shown: &str,
) -> Result<ArrowReaderMetadata, String> {
    let bad = meta.metadata().row_groups().iter().any(|group| {
        group.columns().iter().any(|c| {
            c.data_page_offset() < 0
                || c.dictionary_page_offset().is_some_and(|o| o < 0)
                || c.compressed_size() < 0
        })
    });
    if bad {
        return Err(format!(
            "{shown}: is damaged: its footer places column data at negative offsets"
        ));
    }
    // Row counts size the reads; refuse a footer whose groups do not add up to its total.
    let groups = meta
        .metadata()
        .row_groups()
        .iter()
        .try_fold(0i64, |sum, group| {
            (group.num_rows() >= 0)
                .then(|| sum.checked_add(group.num_rows()))
                .flatten()
        });
    let total = meta.metadata().file_metadata().num_rows();
    if groups != Some(total) {
        return Err(format!(
            "{shown}: is damaged: its footer counts {total} rows, but its row groups do not \
             add up to that"
        ));
    }
    Ok(meta)
}

/// Where the file's bytes are.
#[derive(Clone)]
pub(super) enum Source {
    File(PathBuf),
    Bytes(bytes::Bytes),
    /// By range requests.
    Remote(Arc<Remote>),
}

/// A reader builder over either of the file's sources.
pub(super) type Builder = ParquetRecordBatchReaderBuilder<Input>;

/// A file or its bytes, as one reader type.
pub(super) enum Input {
    File(std::fs::File),
    Bytes(bytes::Bytes),
    Remote(Arc<Remote>),
}

impl parquet::file::reader::Length for Input {
    fn len(&self) -> u64 {
        match self {
            Self::File(f) => f.len(),
            Self::Bytes(b) => b.len() as u64,
            Self::Remote(remote) => remote.length,
        }
    }
}

impl ChunkReader for Input {
    type T = Box<dyn std::io::Read + Send>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        Ok(match self {
            Self::File(f) => Box::new(f.get_read(start)?),
            Self::Bytes(b) => Box::new(b.get_read(start)?),
            Self::Remote(remote) => Box::new(RangeRead::new(remote, start)),
        })
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<bytes::Bytes> {
        match self {
            Self::File(f) => f.get_bytes(start, length),
            Self::Bytes(b) => b.get_bytes(start, length),
            Self::Remote(remote) => remote.chunk(start, length).map_err(ParquetError::General),
        }
    }
}
