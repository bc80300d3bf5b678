//! `strikemap bundle PROJECT OUT.zip`: a project with every layer file it uses, in one zip that
//! opens on another machine. The project goes at the top as `NAME.strikemap`, its layers under
//! `data/` (a Shapefile with its `.dbf`, `.shx`, `.prj` and `.cpg`), and the project's paths
//! are rewritten to point there. A layer file that is missing stops the bundle, naming it: a
//! colleague would get a project that cannot open. The zip is written to a temporary file and
//! renamed into place.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

/// Files beside a Shapefile that belong to it.
const SHAPEFILE_PARTS: [&str; 5] = ["dbf", "shx", "prj", "cpg", "qix"];

/// Run `strikemap bundle PROJECT OUT.zip` (`args` after `bundle`).
pub fn run(args: impl Iterator<Item = String>) -> ExitCode {
    let args: Vec<String> = args.collect();
    let [project, out] = args.as_slice() else {
        eprintln!("usage: strikemap bundle PROJECT.strikemap OUT.zip");
        return ExitCode::from(2);
    };
    match bundle(Path::new(project), Path::new(out)) {
        Ok(files) => {
            println!("strikemap: wrote {out} (the project and {files} layer files)");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("strikemap: {why}; nothing was written");
            ExitCode::FAILURE
        }
    }
}

/// Write the bundle; gives how many layer files went in.
pub fn bundle(project: &Path, out: &Path) -> Result<usize, String> {
    let shown = project.display();
    let text = std::fs::read_to_string(project).map_err(|err| format!("{shown}: {err}"))?;
    let mut value: Value =
        serde_json::from_str(&text).map_err(|err| format!("{shown}: not a project ({err})"))?;
    if value.get("format").and_then(Value::as_str) != Some("strikemap project") {
        return Err(format!("{shown}: not a strikemap project"));
    }
    let base = project.parent().unwrap_or(Path::new("."));
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    let mut names = HashSet::new();
    let mut renamed = std::collections::HashMap::new();
    let mut place = |path: &str| -> Result<String, String> {
        if let Some(name) = renamed.get(path) {
            return Ok(String::clone(name));
        }
        let source = base.join(path);
        if !source.is_file() {
            return Err(format!(
                "{shown}: its layer file {} is missing",
                source.display()
            ));
        }
        let name = unique_name(&source, &mut names);
        entries.push((format!("data/{name}"), source.clone()));
        // A Shapefile's parts take its name in the bundle, so they stay together.
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(s, _)| s)
            .to_owned();
        for part in parts_beside(&source) {
            let ext = part.extension().map(|e| e.to_string_lossy().into_owned());
            if let Some(file) = ext
                .map(|e| format!("{stem}.{e}"))
                .filter(|f| names.insert(f.clone()))
            {
                entries.push((format!("data/{file}"), part));
            }
        }
        let inside = format!("data/{name}");
        renamed.insert(path.to_owned(), inside.clone());
        Ok(inside)
    };
    rewrite_paths(&mut value, &mut place)?;
    let layer_files = entries.len();
    let project_name = project.file_name().map_or("project.strikemap".into(), |n| {
        n.to_string_lossy().into_owned()
    });
    let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    let zip = write_zip(&project_name, &text, &entries)?;
    crate::data::atomic::write_atomically(out, &zip)
        .map_err(|err| format!("cannot write {}: {err}", out.display()))?;
    Ok(layer_files)
}

/// Each layer path in the project (`files`, `opened[].path`) given to `place`, and replaced
/// with what it gives.
fn rewrite_paths(
    value: &mut Value,
    place: &mut impl FnMut(&str) -> Result<String, String>,
) -> Result<(), String> {
    if let Some(files) = value.get_mut("files").and_then(Value::as_array_mut) {
        for file in files {
            if let Some(path) = file.as_str() {
                *file = Value::from(place(path)?);
            }
        }
    }
    if let Some(opened) = value.get_mut("opened").and_then(Value::as_array_mut) {
        for record in opened {
            if let Some(path) = record.get("path").and_then(Value::as_str) {
                let inside = place(path)?;
                record["path"] = Value::from(inside);
            }
        }
    }
    Ok(())
}

/// The file's name, or `NAME-2.EXT` if another layer already took it.
fn unique_name(path: &Path, taken: &mut HashSet<String>) -> String {
    let name = path
        .file_name()
        .map_or("layer".into(), |n| n.to_string_lossy().into_owned());
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_owned(), format!(".{e}")),
        None => (name.clone(), String::new()),
    };
    let mut candidate = name;
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{stem}-{n}{ext}");
        n += 1;
    }
    candidate
}

/// A Shapefile's other parts beside it (any case of extension).
fn parts_beside(path: &Path) -> Vec<PathBuf> {
    let is_shp = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("shp"));
    if !is_shp {
        return Vec::new();
    }
    SHAPEFILE_PARTS
        .iter()
        .flat_map(|ext| [ext.to_string(), ext.to_uppercase()])
        .map(|ext| path.with_extension(ext))
        .filter(|p| p.is_file())
        .collect()
}

fn write_zip(
    project_name: &str,
    project: &str,
    entries: &[(String, PathBuf)],
) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let fail = |err: &dyn std::fmt::Display| format!("cannot make the zip: {err}");
    zip.start_file(project_name, options)
        .map_err(|e| fail(&e))?;
    zip.write_all(project.as_bytes()).map_err(|e| fail(&e))?;
    for (name, source) in entries {
        let bytes = std::fs::read(source).map_err(|e| format!("{}: {e}", source.display()))?;
        zip.start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    let cursor = zip.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}
