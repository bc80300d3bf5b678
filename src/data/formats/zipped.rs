//! Zip archives: a KMZ (a zipped KML, `doc.kml` or the first `.kml` in it), or a zipped
//! Shapefile (the first `.shp` anywhere in it, with the `.shx`, `.dbf` and `.prj` of the same
//! name). Entries are read with a cap, so that a zip bomb cannot exhaust memory.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use super::{kml, shp};
use crate::data::DataError;
use crate::data::layer_file::LayerFile;

/// The most an entry may hold once unpacked.
const MAX_ENTRY_BYTES: u64 = 1 << 30;

/// Read the zip archive `bytes` from `path`.
pub fn read(path: &Path, bytes: Vec<u8>) -> Result<Vec<LayerFile>, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|err| refuse(format!("is not a zip archive that can be read: {err}")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|name| name.ok().map(|name| name.into_owned()))
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if let Some(shp_at) = lower.iter().position(|n| n.ends_with(".shp")) {
        let stem = &lower[shp_at][..lower[shp_at].len() - 4];
        let mut entry = |extension: &str| -> Result<Option<Vec<u8>>, DataError> {
            match lower
                .iter()
                .position(|n| *n == format!("{stem}.{extension}"))
            {
                Some(at) => unpack(&mut archive, &names[at]).map(Some).map_err(refuse),
                None => Ok(None),
            }
        };
        let parts = shp::Parts {
            shp: entry("shp")?.unwrap_or_default(),
            shx: entry("shx")?,
            dbf: entry("dbf")?,
            prj: entry("prj")?
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .filter(|prj| !prj.trim().is_empty()),
        };
        let inner = path.join(&names[shp_at]);
        let mut layer = shp::read_parts(&inner, parts).map_err(|err| DataError {
            file: shown.clone(),
            ..err
        })?;
        layer.path = path.to_path_buf();
        return Ok(vec![layer]);
    }
    let kml_at = lower
        .iter()
        .position(|n| n == "doc.kml")
        .or_else(|| lower.iter().position(|n| n.ends_with(".kml")));
    if let Some(at) = kml_at {
        let text = unpack(&mut archive, &names[at]).map_err(refuse)?;
        return kml::read_bytes(path, &text, "KMZ");
    }
    let listed: Vec<&str> = names.iter().take(12).map(String::as_str).collect();
    Err(refuse(format!(
        "holds no .shp and no .kml file (it holds: {})",
        if listed.is_empty() {
            "nothing".to_owned()
        } else {
            listed.join(", ")
        }
    )))
}

/// One entry's bytes, at most [`MAX_ENTRY_BYTES`].
fn unpack(archive: &mut ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Result<Vec<u8>, String> {
    let entry = archive
        .by_name(name)
        .map_err(|err| format!("cannot unpack {name}: {err}"))?;
    let mut bytes = Vec::new();
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot unpack {name}: {err}"))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(format!("holds {name}, which unpacks to more than 1 GB"));
    }
    Ok(bytes)
}
