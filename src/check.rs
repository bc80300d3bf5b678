//! `strikemap check FILE...`: read each file through the app's own readers, without a window,
//! and say what a user would get from it: its format, the features read, each feature refused
//! (with its index or row, line and column, and why) and the bounds. What geojsonhint and
//! `ogrinfo` give people, for every format strikemap opens. Problems that do not stop a feature
//! being drawn (a part left out, a position clamped, what a GeoJSON linter flags) are warnings,
//! each with its line and column. Exit 0 when every file is usable (read, with at least one
//! feature), 1 when any is not (or, with `--strict`, has any warning or refusal), 2 for bad
//! arguments; `--json` prints one JSON object per file, a line each, for scripts and CI.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use geo::BoundingRect;
use serde_json::{Value, json};

use crate::data::DataError;
use crate::data::formats;
use crate::data::layer_file::{DEFAULT_MAX_BYTES, LayerFile, Limits, Progress};

/// strikemap check: read files as strikemap would open them, and report.
#[derive(Debug, Parser)]
#[command(name = "strikemap check", bin_name = "strikemap check", version)]
pub struct CheckCli {
    /// Print one JSON object per file (a line each) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 also when a file has warnings, skipped features or parts left out (a linter's
    /// strict mode, for CI).
    #[arg(long)]
    pub strict: bool,
    /// Refuse files larger than this many megabytes (MiB), as the app does.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_BYTES >> 20)]
    pub max_file_size: u64,
    /// The files to check (GeoJSON, CSV, KML, KMZ, GPX, Shapefile or a zip of one; a PMTiles
    /// archive, by path or URL; a vector tile URL with {z}, {x} and {y}).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Run `strikemap check` with `args` (the words after `check`); the exit code to return.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match CheckCli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return match err.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let limits = Limits {
        max_file_bytes: cli.max_file_size.saturating_mul(1 << 20),
        max_memory_bytes: None,
    };
    let mut all_usable = true;
    for path in &cli.files {
        if let Some(report) = check_tiles(path) {
            all_usable &= report.usable;
            match cli.json {
                true => println!("{}", report.json),
                false => print!("{}", report.text),
            }
            continue;
        }
        let result = formats::read(path, limits, &Progress::default());
        let usable =
            matches!(&result, Ok(layers) if layers.iter().any(|l| !l.properties.is_empty()));
        let clean = matches!(&result, Ok(layers) if layers.iter().all(LayerFile::is_clean));
        all_usable &= usable && (clean || !cli.strict);
        if cli.json {
            println!("{}", report_json(path, &result, usable));
        } else {
            print!("{}", report_text(path, &result, usable));
        }
    }
    if all_usable {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The report of a vector tile source (a `.pmtiles` file or URL, a tile URL template, a
/// FlatGeobuf, GeoPackage or GeoParquet file too large to open whole), or `None` for a file of another
/// format.
fn check_tiles(path: &Path) -> Option<formats::vector_tiles::check::Report> {
    use formats::vector_tiles::Location;
    let text = path.to_string_lossy();
    let location = Location::parse(&text).ok()?;
    // A FlatGeobuf, GeoPackage or GeoParquet file small enough to open whole is checked as it opens.
    let indexed = matches!(
        location,
        Location::FlatGeobuf(_) | Location::GeoPackage(_) | Location::GeoParquet(_)
    );
    if indexed && formats::windowed::tiled_location(path).is_none() {
        return None;
    }
    let user_agent = crate::map::tiles::user_agent();
    Some(formats::vector_tiles::check::check(&text, &user_agent))
}

/// The text report of one file.
pub fn report_text(
    path: &Path,
    result: &Result<Vec<LayerFile>, DataError>,
    usable: bool,
) -> String {
    let layers = match result {
        Err(err) => return format!("{}: NOT USABLE: {}\n", path.display(), err.problem),
        Ok(layers) => layers,
    };
    let mut out = String::new();
    for layer in layers {
        let located = layer.geometries.len();
        out.push_str(&format!(
            "{}: {}{}, {} read ({} located, {} without a place), {} skipped, {} parts left out, {} warnings{}\n",
            path.display(),
            layer.format,
            if layers.len() > 1 {
                format!(" layer \"{}\"", layer.name)
            } else {
                String::new()
            },
            layer.properties.len(),
            located,
            layer.unlocated(),
            layer.skipped.len(),
            layer.dropped.len(),
            layer.warnings.len(),
            bounds(layer).map_or(String::new(), |[w, s, e, n]| format!(
                "; bounds {w:.5}, {s:.5} to {e:.5}, {n:.5} (lon, lat)"
            )),
        ));
        for note in &layer.notes {
            out.push_str(&format!("  note: the file {note}\n"));
        }
        for (label, list) in [
            ("skipped", &layer.skipped),
            ("left out", &layer.dropped),
            ("warning", &layer.warnings),
        ] {
            for problem in list {
                out.push_str(&format!("  {label}: {}\n", skipped_text(problem)));
            }
        }
    }
    if !usable {
        out.push_str(&format!(
            "{}: NOT USABLE: no feature at all\n",
            path.display()
        ));
    }
    out
}

/// A refused feature as the report gives it: where, then why.
fn skipped_text(skipped: &DataError) -> String {
    let feature = skipped.feature.as_deref().unwrap_or("?");
    let feature = if feature.starts_with("row ") {
        feature.to_owned()
    } else {
        format!("feature {feature}")
    };
    match skipped.at {
        Some((line, column)) => format!(
            "{feature} (line {line}, column {column}): {}",
            skipped.problem
        ),
        None => format!("{feature}: {}", skipped.problem),
    }
}

/// The JSON report of one file.
pub fn report_json(path: &Path, result: &Result<Vec<LayerFile>, DataError>, usable: bool) -> Value {
    let file = path.display().to_string();
    match result {
        Err(err) => json!({"file": file, "usable": false, "error": err.problem}),
        Ok(layers) => json!({
            "file": file,
            "usable": usable,
            "format": layers.first().map(|l| l.format),
            "layers": layers.iter().map(layer_json).collect::<Vec<_>>(),
        }),
    }
}

fn layer_json(layer: &LayerFile) -> Value {
    let problems = |list: &[DataError]| -> Vec<Value> {
        list.iter()
            .map(|s| {
                json!({
                    "feature": s.feature,
                    "line": s.at.map(|(line, _)| line),
                    "column": s.at.map(|(_, column)| column),
                    "reason": s.problem,
                })
            })
            .collect()
    };
    json!({
        "name": layer.name,
        "format": layer.format,
        "features": layer.properties.len(),
        "located": layer.geometries.len(),
        "unlocated": layer.unlocated(),
        "skipped": problems(&layer.skipped),
        "left_out": problems(&layer.dropped),
        "warnings": problems(&layer.warnings),
        "notes": layer.notes,
        "bounds": bounds(layer),
    })
}

/// West, south, east, north of a layer's located features.
fn bounds(layer: &LayerFile) -> Option<[f64; 4]> {
    let rect = layer
        .geometries
        .iter()
        .filter_map(BoundingRect::bounding_rect)
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        })?;
    Some([rect.min().x, rect.min().y, rect.max().x, rect.max().y])
}
