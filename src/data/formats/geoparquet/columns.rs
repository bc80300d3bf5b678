//! A GeoParquet record batch as features: its geometry column as WKB (the native GeoArrow
//! encodings turned into WKB by `geoarrow-array`), every other column's cells as JSON values,
//! dates and timestamps as ISO text, dictionaries (pandas categoricals) as their values, lists
//! and structs (Overture's `names`, `sources`) as JSON arrays and objects.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use geo::Geometry;
use geoarrow_array::IntoArrow;
use serde_json::{Map, Value};

/// One batch's geometries, as WKB.
pub enum WkbColumn {
    Small(arrow_array::BinaryArray),
    Large(arrow_array::LargeBinaryArray),
    View(arrow_array::BinaryViewArray),
}

impl WkbColumn {
    /// The geometry column `name` of `batch`, whose field carries GeoArrow's metadata.
    pub fn of(batch: &RecordBatch, name: &str) -> Result<Self, String> {
        let schema = batch.schema();
        let (index, field) = schema
            .column_with_name(name)
            .ok_or_else(|| format!("has no column {name:?}, which its metadata names"))?;
        let array = batch.column(index);
        match array.data_type() {
            DataType::Binary => Ok(Self::Small(array.as_binary::<i32>().clone())),
            DataType::LargeBinary => Ok(Self::Large(array.as_binary::<i64>().clone())),
            DataType::BinaryView => Ok(Self::View(array.as_binary_view().clone())),
            _ => {
                let native = geoarrow_array::array::from_arrow_array(array.as_ref(), field)
                    .map_err(|err| format!("its geometry column cannot be read ({err})"))?;
                let wkb = geoarrow_array::cast::to_wkb::<i64>(native.as_ref())
                    .map_err(|err| format!("its geometry column cannot be read ({err})"))?;
                Ok(Self::Large(wkb.into_arrow()))
            }
        }
    }

    /// Row `row`'s geometry in the file's coordinates: `Ok(None)` for a null one.
    pub fn geometry(&self, row: usize) -> Result<Option<Geometry<f64>>, String> {
        let bytes = match self {
            Self::Small(a) => (!a.is_null(row)).then(|| a.value(row)),
            Self::Large(a) => (!a.is_null(row)).then(|| a.value(row)),
            Self::View(a) => (!a.is_null(row)).then(|| a.value(row)),
        };
        let Some(bytes) = bytes else {
            return Ok(None);
        };
        crate::data::formats::wkb::read(bytes)
            .map(Some)
            .map_err(|err| format!("has a geometry that cannot be read ({err})"))
    }
}

/// Where a batch's rows are placed: a GeoParquet geometry column, or in a plain Parquet file
/// (an ACLED export, a DuckDB query's result) latitude and longitude columns or a WKT column,
/// found by name as in a CSV file.
pub enum Places {
    Wkb(WkbColumn),
    LatLon { lat: ArrayRef, lon: ArrayRef },
    Wkt(ArrayRef),
}

impl Places {
    /// Row `row`'s geometry in the file's coordinates: `Ok(None)` where it has no place.
    pub fn geometry(&self, row: usize) -> Result<Option<Geometry<f64>>, String> {
        match self {
            Self::Wkb(column) => column.geometry(row),
            Self::LatLon { lat, lon } => {
                let (y, x) = (value(lat.as_ref(), row), value(lon.as_ref(), row));
                if y.is_null() && x.is_null() {
                    return Ok(None);
                }
                let number = |v: &Value, what: &str, limit: f64| {
                    let n = match v {
                        Value::Number(n) => n.as_f64(),
                        Value::String(s) => s.trim().parse::<f64>().ok(),
                        _ => None,
                    };
                    n.filter(|n| n.is_finite() && n.abs() <= limit)
                        .ok_or_else(|| format!("has the {what} {v}, not a number within ±{limit}"))
                };
                let y = number(&y, "latitude", 90.0)?;
                let x = number(&x, "longitude", 180.0)?;
                Ok(Some(Geometry::Point(geo::Point::new(x, y))))
            }
            Self::Wkt(column) => match value(column.as_ref(), row) {
                Value::String(text) if !text.trim().is_empty() => {
                    use wkt::TryFromWkt;
                    Geometry::<f64>::try_from_wkt_str(&text)
                        .map(Some)
                        .map_err(|err| format!("has WKT that cannot be read ({err})"))
                }
                _ => Ok(None),
            },
        }
    }
}

/// The property columns of a batch, ready to be read a row at a time.
pub struct Properties {
    columns: Vec<(String, Column)>,
}

/// A column, its dictionary (if any) resolved once for the whole batch.
enum Column {
    Plain(ArrayRef),
    Dictionary { keys: Vec<usize>, values: ArrayRef },
}

impl Properties {
    /// Every column of `batch` but those named in `leave_out` (the geometry, its bounding-box
    /// covering).
    pub fn of(batch: &RecordBatch, leave_out: &[&str]) -> Self {
        let schema = batch.schema();
        let columns = schema
            .fields()
            .iter()
            .zip(batch.columns())
            .filter(|(field, _)| !leave_out.contains(&field.name().as_str()))
            .map(|(field, array)| (field.name().clone(), column(array)))
            .collect();
        Self { columns }
    }

    /// Row `row` as (name, value) pairs, in the file's column order.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&str, Value)> {
        self.columns.iter().map(move |(name, column)| {
            let value = match column {
                Column::Plain(array) => value(array.as_ref(), row),
                Column::Dictionary { keys, values } if !values.is_empty() => keys
                    .get(row)
                    .map_or(Value::Null, |&key| value(values.as_ref(), key)),
                Column::Dictionary { .. } => Value::Null,
            };
            (name.as_str(), value)
        })
    }

    /// Row `row` as the text of a JSON object.
    pub fn json(&self, row: usize) -> String {
        let object: Map<String, Value> = self.row(row).map(|(k, v)| (k.to_owned(), v)).collect();
        Value::Object(object).to_string()
    }
}

fn column(array: &ArrayRef) -> Column {
    match array.as_any_dictionary_opt() {
        Some(dictionary) => {
            let keys = dictionary.normalized_keys();
            let nulls = dictionary.keys().logical_nulls();
            let keys = match nulls {
                // A null key points nowhere: past the values, read as null.
                Some(nulls) => keys
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| if nulls.is_null(i) { usize::MAX } else { k })
                    .collect(),
                None => keys,
            };
            Column::Dictionary {
                keys,
                values: Arc::clone(dictionary.values()),
            }
        }
        None => Column::Plain(Arc::clone(array)),
    }
}

fn number(n: f64) -> Value {
    serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
}

fn text(t: impl ToString) -> Value {
    Value::String(t.to_string())
}

/// The cell at `row` of `array` as a JSON value (null past its end).
pub fn value(array: &dyn Array, row: usize) -> Value {
    if row >= array.len() || array.is_null(row) {
        return Value::Null;
    }
    match array.data_type() {
        DataType::Boolean => Value::Bool(array.as_boolean().value(row)),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(row).into(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(row).into(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(row).into(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(row).into(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(row).into(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(row).into(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(row).into(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(row).into(),
        DataType::Float16 => number(array.as_primitive::<Float16Type>().value(row).to_f64()),
        DataType::Float32 => number(array.as_primitive::<Float32Type>().value(row) as f64),
        DataType::Float64 => number(array.as_primitive::<Float64Type>().value(row)),
        DataType::Decimal128(_, scale) => {
            let raw = array.as_primitive::<Decimal128Type>().value(row) as f64;
            number(raw / 10f64.powi(*scale as i32))
        }
        DataType::Utf8 => text(array.as_string::<i32>().value(row)),
        DataType::LargeUtf8 => text(array.as_string::<i64>().value(row)),
        DataType::Utf8View => text(array.as_string_view().value(row)),
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(..) => temporal(array, row),
        DataType::List(_) => list(array.as_list::<i32>().value(row)),
        DataType::LargeList(_) => list(array.as_list::<i64>().value(row)),
        DataType::FixedSizeList(..) => list(array.as_fixed_size_list().value(row)),
        DataType::Struct(_) => {
            let array = array.as_struct();
            let object = array
                .column_names()
                .into_iter()
                .zip(array.columns())
                .map(|(name, child)| (name.to_owned(), value(child.as_ref(), row)))
                .collect();
            Value::Object(object)
        }
        DataType::Dictionary(..) => match array.as_any_dictionary_opt() {
            Some(d) => d
                .normalized_keys()
                .get(row)
                .map_or(Value::Null, |&k| value(d.values().as_ref(), k)),
            None => Value::Null,
        },
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            text(format!("({} bytes)", binary_len(array, row)))
        }
        other => text(format!("({other})")),
    }
}

fn list(items: ArrayRef) -> Value {
    Value::Array((0..items.len()).map(|i| value(items.as_ref(), i)).collect())
}

fn binary_len(array: &dyn Array, row: usize) -> usize {
    match array.data_type() {
        DataType::Binary => array.as_binary::<i32>().value(row).len(),
        DataType::LargeBinary => array.as_binary::<i64>().value(row).len(),
        _ => array.as_binary_view().value(row).len(),
    }
}

/// A date as `2024-01-16`, a timestamp as `2024-01-16T02:30:00` (with `Z` when in UTC).
fn temporal(array: &dyn Array, row: usize) -> Value {
    use arrow_array::temporal_conversions as t;
    let (at, zoned) = match array.data_type() {
        DataType::Date32 => {
            let days = array
                .as_primitive::<arrow_array::types::Date32Type>()
                .value(row);
            return t::date32_to_datetime(days).map_or(Value::Null, |d| text(d.date()));
        }
        DataType::Date64 => {
            let ms = array
                .as_primitive::<arrow_array::types::Date64Type>()
                .value(row);
            return t::date64_to_datetime(ms).map_or(Value::Null, |d| text(d.date()));
        }
        DataType::Timestamp(unit, zone) => {
            let at = match unit {
                TimeUnit::Second => t::timestamp_s_to_datetime(
                    array.as_primitive::<TimestampSecondType>().value(row),
                ),
                TimeUnit::Millisecond => t::timestamp_ms_to_datetime(
                    array.as_primitive::<TimestampMillisecondType>().value(row),
                ),
                TimeUnit::Microsecond => t::timestamp_us_to_datetime(
                    array.as_primitive::<TimestampMicrosecondType>().value(row),
                ),
                TimeUnit::Nanosecond => t::timestamp_ns_to_datetime(
                    array.as_primitive::<TimestampNanosecondType>().value(row),
                ),
            };
            (at, zone.is_some())
        }
        _ => return Value::Null,
    };
    let suffix = if zoned { "Z" } else { "" };
    at.map_or(Value::Null, |at| {
        text(format!("{}{suffix}", at.format("%Y-%m-%dT%H:%M:%S")))
    })
}
