//! The corpus of malformed files in `tests/data/bad/` (written by `tests/data/make_corpus.py`,
//! one line each in its README): every file, in every format, is refused with a clear message
//! or loads in part with its refusals counted. None panics, and none takes the loading thread
//! down (each is read on a thread with the app's loading stack, as the app reads it). Beside
//! each file, `NAME.expect` says its outcome in one line, and the test holds the reader to it:
//! `refused: <the message>`, or `loaded: L layer(s), F features (P located), S skipped, D left
//! out, W warnings`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use strikemap::data::formats;
use strikemap::data::layer_file::{LayerFile, Limits, Progress};

/// Companion files read with their `.shp`, not on their own, and the expectations.
const COMPANIONS: [&str; 5] = ["shx", "dbf", "prj", "cpg", "expect"];

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/bad")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            path.file_name().is_some_and(|n| n != "README.md") && !COMPANIONS.contains(&extension)
        })
        .collect();
    files.sort();
    files
}

/// What a user is told about `path`, in the words of its `.expect` file.
fn outcome(path: &Path) -> String {
    let path = path.to_path_buf();
    let reader = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || match formats::read(&path, Limits::default(), &Progress::default()) {
            Err(err) => format!("refused: {}", err.problem),
            Ok(layers) => {
                let sum = |f: fn(&LayerFile) -> usize| layers.iter().map(f).sum::<usize>();
                format!(
                    "loaded: {} layer(s), {} features ({} located), {} skipped, {} left out, {} warnings",
                    layers.len(),
                    sum(|l| l.properties.len()),
                    sum(|l| l.geometries.len()),
                    sum(|l| l.skipped.len()),
                    sum(|l| l.dropped.len()),
                    sum(|l| l.warnings.len()),
                )
            }
        })
        .expect("spawn");
    match reader.join() {
        Ok(outcome) => outcome,
        Err(_) => panic!("reading panicked"),
    }
}

/// The outcome written beside `path`.
fn expected(path: &Path) -> String {
    let mut beside = path.as_os_str().to_owned();
    beside.push(".expect");
    std::fs::read_to_string(&beside)
        .unwrap_or_else(|_| panic!("{} has no .expect beside it", path.display()))
        .trim()
        .to_owned()
}

#[test]
fn every_malformed_file_has_the_outcome_written_beside_it() {
    let files = corpus();
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    let mut wrong = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (got, want) = (outcome(path), expected(path));
        if got != want {
            wrong.push(format!("{name}:\n  expected {want}\n  got      {got}"));
        }
        if let Some(message) = got.strip_prefix("refused: ") {
            // One line that says what is wrong in words.
            assert!(!message.contains('\n'), "{name}: one line: {message}");
            assert!(message.len() >= 8, "{name}: says what is wrong: {message}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_refusal_names_the_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    for name in [
        "csv_empty.csv",
        "kml_not_closed.kml",
        "shp_is_text.shp",
        "zip_truncated.zip",
    ] {
        let err =
            formats::read(&dir.join(name), Limits::default(), &Progress::default()).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
    }
}
