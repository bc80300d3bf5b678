//! GeoParquet (`.parquet`, `.geoparquet`: Overture Maps, `geopandas.to_parquet`, GDAL, DuckDB):
//! a Parquet file whose `geo` metadata names its geometry column, that column's encoding (WKB,
//! or a native GeoArrow one) and its CRS (PROJJSON; none means longitude/latitude). Read with
//! the `geoparquet` and `parquet` crates, a row group at a time.
//!
//! A file of up to [`WHOLE_FEATURES`] rows, or one whose row groups carry no bounding boxes, is
//! read whole into a layer ([`read_path`]). A larger one with a bounding-box covering
//! (GeoParquet 1.1: Overture, GDAL, `to_parquet(write_covering_bbox=True)`) opens as a tiled
//! layer: each tile reads only the row groups whose bounding boxes meet it, and of those only
//! the rows whose boxes do ([`GeoParquet::window`]). How fast that is depends on the file being
//! sorted in space (Overture's are; README, "When your data outgrows your machine"). A file by
//! URL ([`GeoParquet::open_url`]) is always read so, by range requests.
//! A row whose geometry cannot be read is skipped alone, named by its number, and counted.

mod columns;
mod crs;
mod remote;
mod source;
mod whole;
mod window;

pub use whole::{read_bytes, read_path};

use std::path::Path;

use arrow_schema::SchemaRef;
use geoparquet::metadata::{GeoParquetColumnEncoding, GeoParquetMetadata};
use geoparquet::reader::GeoParquetRecordBatchReader;
use parquet::arrow::arrow_reader::{ArrowReaderMetadata, ParquetRecordBatchReaderBuilder};

use super::projection::{self, Projection};
use super::vector_tiles::Http;
use super::vector_tiles::TileSetInfo;
use super::windowed::{self, Density, WHOLE_FEATURES};
use columns::{Places, Properties, WkbColumn};
use remote::Remote;
use source::{Builder, Input, Source, checked, options};
use window::Covering;

/// The first bytes of every Parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(b"PAR1")
}

/// Where a file's rows are placed.
#[derive(Debug, Clone)]
enum Place {
    /// Its GeoParquet geometry column.
    Geometry(String),
    /// A plain Parquet file's latitude and longitude columns.
    LatLon(String, String),
    /// A plain Parquet file's WKT column.
    Wkt(String),
}

/// Rows decoded at a time.
const BATCH_ROWS: usize = 8_192;

/// An open GeoParquet file: its footer and `geo` metadata read, its rows read on demand.
pub struct GeoParquet {
    pub name: String,
    shown: String,
    source: Source,
    meta: ArrowReaderMetadata,
    /// Where its rows are placed.
    place: Place,
    /// Columns that are not properties: the geometry and its bounding-box covering.
    leave_out: Vec<String>,
    /// The schema with GeoArrow's metadata on the geometry column (none in a plain file).
    schema: Option<SchemaRef>,
    projection: Projection,
    pub rows: u64,
    /// The columns of each row's box, when the file has them.
    covering: Option<Covering>,
    /// Each row group's box in the file's coordinates, when the file has a covering.
    groups: Option<Vec<[f64; 4]>>,
    /// West, south, east, north in longitude/latitude, from the `geo` metadata.
    pub bounds: Option<[f64; 4]>,
    density: Density,
    /// What a user should know about the file as a whole.
    pub notes: Vec<String>,
}

impl GeoParquet {
    /// Read the footer of the file at `path`.
    pub fn open(path: &Path) -> Result<Self, String> {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|err| format!("{shown}: {err}"))?;
        let meta = ArrowReaderMetadata::load(&file, options())
            .map_err(|err| format!("{shown}: is not a readable Parquet file ({err})"))?;
        let meta = checked(meta, &shown)?;
        Self::from_meta(shown, Source::File(path.to_path_buf()), meta, name_of(path))
    }

    /// Read the footer of the file at `url` by range requests through `http`; blocking, and
    /// must be called inside the client's runtime.
    pub fn open_url(http: std::sync::Arc<Http>, url: &str) -> Result<Self, String> {
        let remote = Remote::open(http, url)?;
        let input = Input::Remote(remote.clone());
        let meta = ArrowReaderMetadata::load(&input, options())
            .map_err(|err| format!("{url}: is not a readable Parquet file ({err})"))?;
        let meta = checked(meta, url)?;
        let name = name_of(Path::new(url.split(['?', '#']).next().unwrap_or(url)));
        Self::from_meta(url.to_owned(), Source::Remote(remote), meta, name)
    }

    /// The same, for a file's bytes in memory.
    fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, String> {
        let shown = path.display().to_string();
        let bytes = bytes::Bytes::from(bytes);
        let meta = ArrowReaderMetadata::load(&bytes, options())
            .map_err(|err| format!("{shown}: is not a readable Parquet file ({err})"))?;
        let meta = checked(meta, &shown)?;
        Self::from_meta(shown, Source::Bytes(bytes), meta, name_of(path))
    }

    fn from_meta(
        shown: String,
        source: Source,
        meta: ArrowReaderMetadata,
        name: String,
    ) -> Result<Self, String> {
        let fail = |why: String| format!("{shown}: {why}");
        let Some(geo) = GeoParquetMetadata::from_parquet_meta(meta.metadata().file_metadata())
        else {
            return Self::plain(shown, source, meta, name);
        };
        let geo =
            geo.map_err(|err| fail(format!("its \"geo\" metadata cannot be read ({err})")))?;
        let column = geo.primary_column.clone();
        let column_meta = geo.columns.get(&column).ok_or_else(|| {
            fail(format!(
                "its primary geometry column {column:?} is not described"
            ))
        })?;
        // The crate asserts a native encoding has one geometry type; refuse before it would.
        if column_meta.encoding != GeoParquetColumnEncoding::WKB
            && column_meta.geometry_types.len() != 1
        {
            return Err(fail(format!(
                "its geometry column {column:?} has a native encoding but not exactly one \
                 geometry type in its metadata"
            )));
        }
        let (projection, crs_note) = crs::projection(column_meta.crs.as_ref()).map_err(&fail)?;
        let schema = geoparquet::reader::infer_geoarrow_schema(
            meta.schema(),
            &geo,
            false,
            Default::default(),
        )
        .map_err(|err| fail(format!("its geometry column cannot be read ({err})")))?;
        let covering = Covering::find(&meta, &column, column_meta);
        let groups = covering.as_ref().and_then(|c| c.group_bounds(&meta));
        let mut leave_out = vec![column.clone()];
        if let Some(covering) = &column_meta.covering {
            leave_out.extend(covering.bbox.xmin.first().cloned());
        }
        let bounds = column_meta.bbox.as_ref().filter(|b| b.len() >= 4).map(|b| {
            projection::box_to_lon_lat(
                &projection,
                [b[0], b[1], b[b.len() / 2], b[b.len() / 2 + 1]],
            )
        });
        Ok(Self {
            leave_out,
            schema: Some(schema),
            projection,
            covering,
            groups,
            bounds,
            notes: crs_note.into_iter().collect(),
            ..Self::base(shown, source, meta, name, Place::Geometry(column))
        })
    }

    /// A file placed by `place`, read whole as longitude/latitude, with no covering.
    fn base(
        shown: String,
        source: Source,
        meta: ArrowReaderMetadata,
        name: String,
        place: Place,
    ) -> Self {
        Self {
            name,
            shown,
            source,
            rows: meta.metadata().file_metadata().num_rows().max(0) as u64,
            meta,
            place,
            leave_out: Vec::new(),
            schema: None,
            projection: Projection::LonLat,
            covering: None,
            groups: None,
            bounds: None,
            density: Density::default(),
            notes: Vec::new(),
        }
    }

    /// A Parquet file without "geo" metadata, placed by latitude and longitude columns (or a
    /// WKT column) found by name, as a CSV file is; refused if it has none.
    fn plain(
        shown: String,
        source: Source,
        meta: ArrowReaderMetadata,
        name: String,
    ) -> Result<Self, String> {
        let header: Vec<String> = meta
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let column = |i: usize| header.get(i).cloned().unwrap_or_default();
        let (place, how) = match super::csv::place_columns(&header) {
            Some(super::csv::Place::LatLon { lat, lon }) => (
                Place::LatLon(column(lat), column(lon)),
                format!("its columns \"{}\" and \"{}\"", column(lat), column(lon)),
            ),
            Some(super::csv::Place::Wkt(wkt)) => (
                Place::Wkt(column(wkt)),
                format!("the WKT in its column \"{}\"", column(wkt)),
            ),
            None => {
                return Err(format!(
                    "{shown}: is a Parquet file without GeoParquet's \"geo\" metadata, and no \
                     column holds latitude and longitude (by name: latitude/lat/y, \
                     longitude/lon/lng/x) or WKT (wkt, geometry, geom)"
                ));
            }
        };
        let note = format!(
            "is Parquet without GeoParquet's \"geo\" metadata: placed by {how}, as longitude/latitude"
        );
        Ok(Self {
            notes: vec![note],
            ..Self::base(shown, source, meta, name, place)
        })
    }

    /// Whether the file is to be read a window at a time: it can be (it has row groups'
    /// boxes), and it is too large to read whole or is read by range requests.
    pub fn is_large(&self) -> bool {
        self.groups.is_some() && (self.rows > WHOLE_FEATURES || self.is_remote())
    }

    /// Whether its bytes come by range requests.
    pub fn is_remote(&self) -> bool {
        matches!(self.source, Source::Remote(_))
    }

    /// What the tiled layer shows of it.
    pub fn info(&self) -> TileSetInfo {
        windowed::info(
            "GeoParquet",
            self.bounds,
            vec![self.name.clone()],
            self.rows,
        )
    }

    /// Read `groups` (all when `None`) through `configure`d readers, a batch at a time, the
    /// geometry column carrying GeoArrow's metadata.
    fn batches(
        &self,
        groups: Option<Vec<usize>>,
        configure: &dyn Fn(Builder) -> Result<Builder, String>,
        visit: &mut dyn FnMut(&arrow_array::RecordBatch) -> Result<(), String>,
    ) -> Result<(), String> {
        let fail = |err: &dyn std::fmt::Display| format!("{}: cannot be read ({err})", self.shown);
        let mut builder = self.builder()?;
        if let Some(groups) = groups {
            builder = builder.with_row_groups(groups);
        }
        let reader = configure(builder)?.build().map_err(|e| fail(&e))?;
        let Some(schema) = &self.schema else {
            for batch in reader {
                visit(&batch.map_err(|e| fail(&e))?)?;
            }
            return Ok(());
        };
        let reader =
            GeoParquetRecordBatchReader::try_new(reader, schema.clone()).map_err(|e| fail(&e))?;
        for batch in reader {
            visit(&batch.map_err(|e| fail(&e))?)?;
        }
        Ok(())
    }

    /// [`Self::batches`] of every row group, as Parquet gives them (for a projection that
    /// leaves the geometry out).
    fn plain_batches(
        &self,
        configure: &dyn Fn(Builder) -> Result<Builder, String>,
        visit: &mut dyn FnMut(&arrow_array::RecordBatch) -> Result<(), String>,
    ) -> Result<(), String> {
        let fail = |err: &dyn std::fmt::Display| format!("{}: cannot be read ({err})", self.shown);
        let reader = configure(self.builder()?)?.build().map_err(|e| fail(&e))?;
        for batch in reader {
            visit(&batch.map_err(|e| fail(&e))?)?;
        }
        Ok(())
    }

    fn builder(&self) -> Result<Builder, String> {
        let input = match &self.source {
            Source::File(path) => Input::File(
                std::fs::File::open(path).map_err(|err| format!("{}: {err}", self.shown))?,
            ),
            Source::Bytes(bytes) => Input::Bytes(bytes.clone()),
            Source::Remote(remote) => Input::Remote(remote.clone()),
        };
        Ok(
            ParquetRecordBatchReaderBuilder::new_with_metadata(input, self.meta.clone())
                .with_batch_size(BATCH_ROWS),
        )
    }

    /// Where `batch`'s rows are.
    fn places(&self, batch: &arrow_array::RecordBatch) -> Result<Places, String> {
        let column = |name: &str| {
            batch
                .column_by_name(name)
                .cloned()
                .ok_or_else(|| format!("has no column {name:?}"))
        };
        Ok(match &self.place {
            Place::Geometry(name) => Places::Wkb(WkbColumn::of(batch, name)?),
            Place::LatLon(lat, lon) => Places::LatLon {
                lat: column(lat)?,
                lon: column(lon)?,
            },
            Place::Wkt(name) => Places::Wkt(column(name)?),
        })
    }

    /// Row `row`'s geometry in longitude/latitude, `None` where it has no place.
    fn located(&self, places: &Places, row: usize) -> Result<Option<geo::Geometry<f64>>, String> {
        let Some(mut geometry) = places.geometry(row)? else {
            return Ok(None);
        };
        projection::to_lon_lat(&mut geometry, &self.projection)?;
        Ok(Some(geometry))
    }

    /// The columns of `batch` that are properties.
    fn properties(&self, batch: &arrow_array::RecordBatch) -> Properties {
        let leave_out: Vec<&str> = self.leave_out.iter().map(String::as_str).collect();
        Properties::of(batch, &leave_out)
    }
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}
