//! A Shapefile's `.dbf`: its records as JSON properties, decoded in the code page its `.cpg`
//! names, else the one its language id (byte 29) names, else Windows-1252 (a superset of
//! Latin-1) with a note. A field that cannot be decoded is left empty and named; a record
//! that cannot be read at all is named; the others are read.

use std::io::{Cursor, Read, Seek};

use dbase::{FieldIterator, FieldValue, ReadableRecord};
use serde_json::{Map, Value, json};
use shapefile::dbase;

/// One record: its fields, and those that could not be read.
#[derive(Debug, Default)]
pub(super) struct Attributes {
    pub fields: Map<String, Value>,
    pub unreadable: Vec<String>,
}

impl ReadableRecord for Attributes {
    fn read_using<S: Read + Seek, M: Read + Seek>(
        iterator: &mut FieldIterator<S, M>,
    ) -> Result<Self, dbase::FieldError> {
        let mut record = Attributes::default();
        let mut last_error = String::new();
        // A dBase record has at most 255 fields; the bound also stops a field that keeps
        // failing at the same place.
        for _ in 0..256 {
            match iterator.next() {
                None => break,
                Some(Ok(field)) => {
                    record
                        .fields
                        .insert(field.name.trim().to_owned(), field_json(field.value));
                }
                Some(Err(err)) => {
                    let message = err.to_string();
                    if message == last_error {
                        break;
                    }
                    record.unreadable.push(message.clone());
                    last_error = message;
                }
            }
        }
        Ok(record)
    }
}

/// Each record's attributes, or why it cannot be read.
pub(super) type Records = Vec<Result<Attributes, String>>;

/// A `.dbf` reader over bytes, and a note on its code page.
type Opened<'d> = (dbase::Reader<Cursor<&'d [u8]>>, Option<String>);

/// Every record of `dbf`, in order (each its attributes or why it cannot be read), and a note
/// on how it was decoded when that is worth saying.
pub(super) fn records(dbf: &[u8], cpg: Option<&str>) -> Result<(Records, Option<String>), String> {
    let (mut reader, note) = open(dbf, cpg)?;
    let records = reader
        .iter_records_as::<Attributes>()
        .map(|r| r.map_err(|err| err.to_string()))
        .collect();
    Ok((records, note))
}

/// The `.dbf` reader in the right code page.
fn open<'d>(dbf: &'d [u8], cpg: Option<&str>) -> Result<Opened<'d>, String> {
    let latin = || dbase::encoding::EncodingRs::from(encoding_rs::WINDOWS_1252);
    let build = |encoding: Option<dbase::encoding::DynEncoding>| {
        let builder = dbase::ReaderBuilder::new();
        let builder = match encoding {
            Some(encoding) => builder.with_encoding(encoding),
            None => builder,
        };
        builder.build(Cursor::new(dbf))
    };
    let cannot = |err: dbase::Error| format!("has a .dbf that cannot be read: {err}");
    if let Some(cpg) = cpg.map(str::trim).filter(|c| !c.is_empty()) {
        return match dbase::encoding::DynEncoding::from_name(cpg) {
            Some(encoding) => build(Some(encoding)).map(|r| (r, None)).map_err(cannot),
            None => {
                let note = format!(
                    "has a .cpg naming the code page \"{cpg}\", which strikemap does not know: its \
                     text is read as Latin-1 (Windows-1252) and may show wrongly"
                );
                build(Some(latin().into()))
                    .map(|r| (r, Some(note)))
                    .map_err(cannot)
            }
        };
    }
    match build(None) {
        Ok(reader) => Ok((reader, None)),
        Err(err) => {
            let note = format!(
                "has a .dbf whose language id names a code page strikemap cannot decode ({err}) \
                 and no .cpg: its text is read as Latin-1 (Windows-1252) and may show wrongly"
            );
            build(Some(latin().into()))
                .map(|r| (r, Some(note)))
                .map_err(cannot)
        }
    }
}

/// A dBase value as JSON: text trimmed, numbers as numbers, dates as YYYY-MM-DD; empty as null.
fn field_json(value: FieldValue) -> Value {
    let number = |n: f64| serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number);
    match value {
        FieldValue::Character(Some(text)) if !text.trim().is_empty() => json!(text.trim()),
        FieldValue::Character(_) => Value::Null,
        FieldValue::Memo(text) => json!(text),
        FieldValue::Numeric(n) => n.map_or(Value::Null, number),
        FieldValue::Float(n) => n.map_or(Value::Null, |n| number(f64::from(n))),
        FieldValue::Logical(b) => b.map_or(Value::Null, Value::Bool),
        FieldValue::Date(d) => d.map_or(Value::Null, |d| {
            json!(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }),
        FieldValue::Integer(n) => json!(n),
        FieldValue::Double(n) | FieldValue::Currency(n) => number(n),
        FieldValue::DateTime(t) => {
            let d = t.date();
            json!(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }
    }
}
