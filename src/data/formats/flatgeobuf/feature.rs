//! One FlatGeobuf feature decoded: its geometry as a `geo` geometry (through the crate's own
//! geometry reader and geozero) and its properties as text. Properties are decoded here, not by
//! the crate, because the crate reads them only through its own sequential iterator (a window
//! reads chosen features by offset) and slices its buffer unchecked, so a damaged feature
//! would panic there; here it is refused alone, with why.

use flatgeobuf::{ColumnType, GeometryType, read_geometry, size_prefixed_root_as_feature};
use geo::Geometry;
use geozero::geo_types::GeoWriter;
use serde_json::Value;

/// A column of the file's schema.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: ColumnType,
}

/// A feature's geometry (`None`: it has none) and properties, in column order.
pub type Decoded = (Option<Geometry<f64>>, Vec<(String, Value)>);

/// Decode the size-prefixed feature in `bytes`.
pub fn decode(bytes: &[u8], kind: GeometryType, columns: &[Column]) -> Result<Decoded, String> {
    let feature = size_prefixed_root_as_feature(bytes)
        .map_err(|err| format!("is not a FlatGeobuf feature ({err})"))?;
    let geometry = match feature.geometry() {
        Some(geometry) => {
            let mut writer = GeoWriter::new();
            read_geometry(&mut writer, &geometry, kind)
                .map_err(|err| format!("has a geometry that cannot be read ({err})"))?;
            writer.take_geometry()
        }
        None => None,
    };
    let properties = match feature.properties() {
        Some(bytes) => properties(bytes.bytes(), columns)?,
        None => Vec::new(),
    };
    Ok((geometry, properties))
}

/// The properties' bytes: a column number (u16) and its value, repeated.
fn properties(bytes: &[u8], columns: &[Column]) -> Result<Vec<(String, Value)>, String> {
    let mut out = Vec::new();
    let mut at = 0;
    // A trailing byte after the last value is tolerated, as the crate and GDAL tolerate it.
    while at + 1 < bytes.len() {
        let index = u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
        at += 2;
        let column = columns
            .get(index)
            .ok_or_else(|| format!("has a value for column {index}, which the file lacks"))?;
        let (text, used) = value(&bytes[at..], column.kind)
            .ok_or_else(|| format!("has a damaged value in column {:?}", column.name))?;
        at += used;
        out.push((column.name.clone(), text));
    }
    Ok(out)
}

/// One value and the bytes it took; `None` if `bytes` end inside it.
fn value(bytes: &[u8], kind: ColumnType) -> Option<(Value, usize)> {
    fn take<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
        bytes.get(..N)?.try_into().ok()
    }
    let fixed = |value: Value, used: usize| Some((value, used));
    let float = |f: f64| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number);
    match kind {
        ColumnType::Byte => fixed((take::<1>(bytes)?[0] as i8).into(), 1),
        ColumnType::UByte => fixed(take::<1>(bytes)?[0].into(), 1),
        ColumnType::Bool => fixed((take::<1>(bytes)?[0] != 0).into(), 1),
        ColumnType::Short => fixed(i16::from_le_bytes(take(bytes)?).into(), 2),
        ColumnType::UShort => fixed(u16::from_le_bytes(take(bytes)?).into(), 2),
        ColumnType::Int => fixed(i32::from_le_bytes(take(bytes)?).into(), 4),
        ColumnType::UInt => fixed(u32::from_le_bytes(take(bytes)?).into(), 4),
        ColumnType::Long => fixed(i64::from_le_bytes(take(bytes)?).into(), 8),
        ColumnType::ULong => fixed(u64::from_le_bytes(take(bytes)?).into(), 8),
        ColumnType::Float => fixed(float(f32::from_le_bytes(take(bytes)?) as f64), 4),
        ColumnType::Double => fixed(float(f64::from_le_bytes(take(bytes)?)), 8),
        // String, Json, DateTime (ISO 8601 text) and Binary: a u32 length, then the bytes.
        _ => {
            let length = u32::from_le_bytes(take(bytes)?) as usize;
            let body = bytes.get(4..4 + length)?;
            let text = if kind == ColumnType::Binary {
                format!("({length} bytes)")
            } else {
                String::from_utf8_lossy(body).into_owned()
            };
            Some((Value::String(text), 4 + length))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_and_a_cut_value_is_refused() {
        let columns = vec![
            Column {
                name: "fatalities".into(),
                kind: ColumnType::Int,
            },
            Column {
                name: "notes".into(),
                kind: ColumnType::String,
            },
        ];
        let mut bytes = vec![0, 0];
        bytes.extend(7i32.to_le_bytes());
        bytes.extend([1, 0]);
        bytes.extend(5u32.to_le_bytes());
        bytes.extend("Panjgur".as_bytes()[..5].iter());
        let read = properties(&bytes, &columns);
        assert_eq!(
            read,
            Ok(vec![
                ("fatalities".into(), Value::from(7)),
                ("notes".into(), Value::from("Panjg"))
            ])
        );
        assert!(properties(&bytes[..bytes.len() - 1], &columns).is_err());
        assert!(properties(&[9, 0, 1, 2, 3, 4], &columns).is_err());
    }
}
