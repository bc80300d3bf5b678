//! Zip archives: a KMZ (a zipped KML, `doc.kml` or the first `.kml` in it), or zipped
//! Shapefiles: every `.shp` anywhere in it becomes a layer, with the `.shx`, `.dbf`, `.prj`
//! and `.cpg` of the same name; macOS's resource entries (`__MACOSX/`, `._name`) are passed
//! over. Each entry's unpacked size is checked against a cap and the memory available before
//! it is unpacked, so a zip bomb cannot exhaust memory.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::ZipArchive;

use super::{kml, shp};
use crate::data::DataError;
use crate::data::layer_file::LayerFile;
use crate::data::memory::{self, Peak};

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
        .filter(|name| !is_resource_fork(name))
        .collect();
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let shapefiles: Vec<usize> = (0..names.len())
        .filter(|&i| lower[i].ends_with(".shp"))
        .collect();
    if !shapefiles.is_empty() {
        let mut layers = Vec::new();
        for at in shapefiles {
            let layer =
                shapefile(path, &mut archive, &names, &lower, at).map_err(|err| DataError {
                    file: shown.clone(),
                    ..err
                })?;
            layers.push(layer);
        }
        return Ok(layers);
    }
    let kml_at = lower
        .iter()
        .position(|n| n == "doc.kml")
        .or_else(|| lower.iter().position(|n| n.ends_with(".kml")));
    if let Some(at) = kml_at {
        let text = unpack(&mut archive, &names[at]).map_err(refuse)?;
        let inside = |err: DataError| DataError {
            problem: format!("{} (in {})", err.problem, names[at]),
            ..err
        };
        return kml::read_bytes(path, &text, "KMZ").map_err(inside);
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

/// The Shapefile whose `.shp` is entry `at`, as a layer named after it.
fn shapefile(
    path: &Path,
    archive: &mut ZipArchive<Cursor<Vec<u8>>>,
    names: &[String],
    lower: &[String],
    at: usize,
) -> Result<LayerFile, DataError> {
    let shown = path.display().to_string();
    let refuse = |problem: String| DataError::file(&shown, problem);
    let stem = &lower[at][..lower[at].len() - 4];
    let mut entry = |extension: &str| -> Result<Option<Vec<u8>>, DataError> {
        match lower
            .iter()
            .position(|n| *n == format!("{stem}.{extension}"))
        {
            Some(at) => unpack(archive, &names[at]).map(Some).map_err(refuse),
            None => Ok(None),
        }
    };
    let text = |bytes: Option<Vec<u8>>| {
        bytes
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .filter(|t| !t.trim().is_empty())
    };
    let parts = shp::Parts {
        shp: entry("shp")?.unwrap_or_default(),
        shx: entry("shx")?,
        dbf: entry("dbf")?,
        prj: text(entry("prj")?),
        cpg: text(entry("cpg")?),
    };
    let inner = path.join(&names[at]);
    let mut layer = shp::read_parts(&inner, parts)?;
    layer.path = path.to_path_buf();
    Ok(layer)
}

/// Whether a zip entry is macOS's resource data (`__MACOSX/…`, `._name`), not a file.
fn is_resource_fork(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name
            .rsplit('/')
            .next()
            .is_some_and(|base| base.starts_with("._"))
}

/// One entry's bytes, refused before unpacking when its size is over [`MAX_ENTRY_BYTES`] or
/// the memory available, and checked again while unpacking (a size can lie).
fn unpack(archive: &mut ZipArchive<Cursor<Vec<u8>>>, name: &str) -> Result<Vec<u8>, String> {
    let entry = archive
        .by_name(name)
        .map_err(|err| format!("cannot unpack {name}: {err}"))?;
    let declared = entry.size();
    if declared > MAX_ENTRY_BYTES {
        return Err(format!(
            "holds {name}, which unpacks to more than 1 GB ({} MB)",
            declared >> 20
        ));
    }
    // The entry is read as its own format, whose measured peak is checked before unpacking.
    let peak = if name.to_ascii_lowercase().ends_with(".kml") {
        Peak::Kml
    } else {
        Peak::Shapefile
    };
    if let Some(refused) = memory::refusal(peak, declared, memory::available_bytes()) {
        return Err(format!(
            "holds {name}, which unpacks to {} MB and {refused}",
            declared >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(declared.min(MAX_ENTRY_BYTES) as usize);
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot unpack {name}: {err}"))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(format!("holds {name}, which unpacks to more than 1 GB"));
    }
    Ok(bytes)
}
