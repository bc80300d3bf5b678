//! The corpus of malformed files in `tests/data/bad/` (written by `tests/data/make_corpus.py`,
//! one line each in its README): every file, in every format, is refused with a clear message
//! or loads in part with its refusals counted. None panics, and none takes the loading thread
//! down (each is read on a thread with the app's loading stack, as the app reads it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use strikemap::data::formats;
use strikemap::data::layer_file::{Limits, Progress};

/// Companion files read with their `.shp`, not on their own.
const COMPANIONS: [&str; 3] = ["shx", "dbf", "prj"];

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

/// What a user is told about `path`: the refusal, or how many features loaded and were skipped.
fn outcome(path: &Path) -> Result<(usize, usize, usize), String> {
    let path = path.to_path_buf();
    let reader = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            formats::read(&path, Limits::default(), &Progress::default()).map(|layers| {
                let features = layers.iter().map(|l| l.properties.len()).sum();
                let skipped = layers.iter().map(|l| l.skipped.len()).sum();
                (layers.len(), features, skipped)
            })
        })
        .expect("spawn");
    match reader.join() {
        Ok(result) => result.map_err(|err| err.to_string()),
        Err(_) => panic!("reading panicked"),
    }
}

#[test]
fn every_malformed_file_is_refused_clearly_or_loads_in_part() {
    let files = corpus();
    assert!(files.len() >= 60, "the corpus has {} files", files.len());
    let mut report = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        eprintln!("reading {name}");
        match outcome(path) {
            Err(message) => {
                // The message names the file and says what is wrong in words, on one line.
                assert!(message.contains(&name), "{name}: {message}");
                assert!(!message.contains('\n'), "{name}: one line: {message}");
                assert!(
                    message.len() > name.len() + 12,
                    "{name}: says what is wrong: {message}"
                );
                report.push(format!("{name}: refused: {message}"));
            }
            Ok((layers, features, skipped)) => {
                assert!(layers >= 1);
                report.push(format!(
                    "{name}: {features} features in {layers} layer(s), {skipped} skipped"
                ));
            }
        }
    }
    println!("{}", report.join("\n"));
}

#[test]
fn a_partly_bad_file_counts_what_it_skipped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let (_, features, skipped) = outcome(&dir.join("csv_ragged_rows.csv")).expect("loads in part");
    assert!(
        features > 0 && skipped > 0,
        "{features} loaded, {skipped} skipped"
    );
}
