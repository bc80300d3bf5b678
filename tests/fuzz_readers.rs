//! Every reader fuzzed on stable Rust with `proptest`: random bytes, and the sample files of
//! `tests/data/formats/` mutated (bytes flipped, cut, repeated, inserted), read as the app reads
//! them. None may panic past the readers' guard or hang; a file is refused with a message or
//! loads in part. A panic inside a format crate that the guard turned into an error is counted
//! and printed (run with `--nocapture`).
//!
//! CI runs a short pass (256 cases per reader). A long one, as the README says:
//! `STRIKEMAP_FUZZ_CASES=1000000 cargo test --release --test fuzz_readers -- --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use strikemap::data::formats::{self, Format};

/// Panics met inside the readers (and turned into errors by their guard).
static GUARDED: AtomicUsize = AtomicUsize::new(0);

fn cases() -> u32 {
    std::env::var("STRIKEMAP_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// Count panics quietly (a million of the kml crate's would flood the output).
fn quiet_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|_| {
            GUARDED.fetch_add(1, Ordering::Relaxed);
        }));
    });
}

fn sample(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name);
    std::fs::read(path).expect("sample file")
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize, usize),
    Repeat(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let special = prop::sample::select(b"{}[]<>/\",;:\n\t-.0123456789eE\x00\xff".to_vec());
    prop_oneof![
        (any::<usize>(), prop_oneof![any::<u8>(), special.clone()])
            .prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Mutation::Cut(at, n)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Repeat(at, n)),
        (any::<usize>(), prop::collection::vec(special, 1..8))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Flip(at, b) => {
                if let Some(byte) = bytes.get_mut(at % len) {
                    *byte = *b;
                }
            }
            Mutation::Cut(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Repeat(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Insert(at, b) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, b.iter().copied());
            }
            Mutation::Truncate(at) => bytes.truncate(at % len),
        }
    }
    bytes
}

/// Inputs for a reader: random bytes, or one of `samples` mutated.
fn inputs(samples: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let mutated = (
        prop::sample::select(samples),
        prop::collection::vec(mutation(), 1..4),
    )
        .prop_map(|(name, mutations)| apply(sample(name), &mutations));
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512),
        6 => mutated,
    ]
}

/// Read `bytes` as `format` for each generated input; nothing may panic past the guard.
fn fuzz(format: Format, name: &str, samples: &'static [&'static str]) {
    quiet_panics();
    let before = GUARDED.load(Ordering::Relaxed);
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let (read, refused) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner.run(&inputs(samples), |bytes| {
        match formats::read_in_memory(format, Path::new(name), bytes) {
            Ok(layers) => {
                read.fetch_add(1, Ordering::Relaxed);
                for layer in layers {
                    prop_assert!(layer.geometries.len() <= layer.properties.len());
                }
            }
            Err(err) => {
                refused.fetch_add(1, Ordering::Relaxed);
                prop_assert!(!err.problem.is_empty());
            }
        }
        Ok(())
    });
    let guarded = GUARDED.load(Ordering::Relaxed) - before;
    println!(
        "{name}: {} cases, {} read (whole or in part), {} refused, {guarded} crate panics turned into errors",
        cases(),
        read.into_inner(),
        refused.into_inner()
    );
    if let Err(err) = result {
        panic!("{name}: {err}");
    }
}

#[test]
fn geojson_reader() {
    fuzz(
        Format::GeoJson,
        "fuzz.geojson",
        &["mixed_null.geojson", "crs_old.geojson", "unlocated.geojson"],
    );
}

#[test]
fn csv_reader() {
    fuzz(
        Format::Csv,
        "fuzz.csv",
        &[
            "acled_sample.csv",
            "wkt_lines.csv",
            "places_semicolon.csv",
            "bad_rows.csv",
        ],
    );
}

#[test]
fn kml_reader() {
    fuzz(Format::Kml, "fuzz.kml", &["mymaps.kml"]);
}

#[test]
fn kmz_and_zip_reader() {
    fuzz(
        Format::Zip,
        "fuzz.zip",
        &["mymaps.kmz", "provinces_wgs84.zip", "nested_folders.zip"],
    );
}

#[test]
fn gpx_reader() {
    fuzz(Format::Gpx, "fuzz.gpx", &["field.gpx"]);
}

#[test]
fn shapefile_reader() {
    fuzz(
        Format::Shapefile,
        "fuzz.shp",
        &[
            "provinces_wgs84.shp",
            "points_mercator.shp",
            "lines_utm.shp",
        ],
    );
}
