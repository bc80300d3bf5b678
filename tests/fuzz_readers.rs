//! Every reader fuzzed on stable Rust with `proptest`: random bytes, and the sample files of
//! `tests/data/formats/` mutated (bytes flipped, cut, repeated, inserted), read as the app reads
//! them. None may panic past the readers' guard or hang; a file is refused with a message or
//! loads in part. The readers' guard turns a panic into an error, so the guard alone would hide
//! a bug: every panic is recorded where it happened, and the test fails on any panic in
//! strikemap's own code, or in a crate's code at a place not listed in [`KNOWN_CRATE_PANICS`].
//!
//! CI runs a short pass (256 cases per reader). A long one, as the README says:
//! `STRIKEMAP_FUZZ_CASES=1000000 cargo test --release --test fuzz_readers -- --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use strikemap::data::formats::{self, Format};

/// Panics met inside the readers (and turned into errors by their guard), by where they
/// happened (`file:line`).
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Panics inside third-party crates that are known, by the end of their
/// location (`crate-version/src/file.rs:line`); a malformed file is refused when it meets one.
/// The parquet crate's are not reported upstream yet (this machine has no network); they are
/// met in page data a mutation damaged: two debug assertions (debug builds only) and
/// arrow-buffer's check of a null bitmap's length.
const KNOWN_CRATE_PANICS: &[&str] = &[
    "parquet-59.3.3/src/util/bit_util.rs:254",
    "parquet-59.3.3/src/util/bit_util.rs:697",
    "arrow-buffer-59.3.3/src/util/bit_chunk_iterator.rs:224",
];

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
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map_or_else(
                || "unknown".to_owned(),
                |l| format!("{}:{}", l.file(), l.line()),
            );
            if let Ok(mut panics) = PANICS.lock() {
                panics.push(place);
            }
        }));
    });
}

/// A sample file, `tests/data/{name}` (`formats/…` or `real/…`).
fn sample(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
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
    let before = PANICS.lock().map_or(0, |p| p.len());
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
    let panics: Vec<String> = PANICS
        .lock()
        .map_or_else(|_| Vec::new(), |p| p[before..].to_vec());
    println!(
        "{name}: {} cases, {} read (whole or in part), {} refused, {} crate panics turned into errors",
        cases(),
        read.into_inner(),
        refused.into_inner(),
        panics.len()
    );
    if let Err(err) = result {
        panic!("{name}: {err}");
    }
    let unexpected: Vec<&String> = panics
        .iter()
        .filter(|place| {
            !KNOWN_CRATE_PANICS
                .iter()
                .any(|known| place.ends_with(known))
        })
        .collect();
    // The panic hook swallows the assertion's own message: say it first.
    if !unexpected.is_empty() {
        println!("{name}: panics at {unexpected:?}");
    }
    assert!(
        unexpected.is_empty(),
        "{name}: panics in strikemap's code or at places not known: {unexpected:?}"
    );
}

#[test]
fn geojson_reader() {
    fuzz(
        Format::GeoJson,
        "fuzz.geojson",
        &[
            "formats/mixed_null.geojson",
            "formats/crs_old.geojson",
            "formats/unlocated.geojson",
            "real/geojson_lint.geojson",
            "real/geojson_antimeridian.geojson",
        ],
    );
}

#[test]
fn csv_reader() {
    fuzz(
        Format::Csv,
        "fuzz.csv",
        &[
            "formats/acled_sample.csv",
            "formats/wkt_lines.csv",
            "formats/places_semicolon.csv",
            "formats/bad_rows.csv",
        ],
    );
}

#[test]
fn kml_reader() {
    fuzz(
        Format::Kml,
        "fuzz.kml",
        &[
            "formats/mymaps.kml",
            "real/kml_google_earth_gx_track.kml",
            "real/kml_empty_coordinates.kml",
        ],
    );
}

#[test]
fn kmz_and_zip_reader() {
    fuzz(
        Format::Zip,
        "fuzz.zip",
        &[
            "formats/mymaps.kmz",
            "formats/provinces_wgs84.zip",
            "formats/nested_folders.zip",
            "real/shp_several_in_zip.zip",
        ],
    );
}

#[test]
fn gpx_reader() {
    fuzz(
        Format::Gpx,
        "fuzz.gpx",
        &[
            "formats/field.gpx",
            "real/gpx_garmin_extensions.gpx",
            "real/gpx_single_point_segment.gpx",
        ],
    );
}

#[test]
fn shapefile_reader() {
    fuzz(
        Format::Shapefile,
        "fuzz.shp",
        &[
            "formats/provinces_wgs84.shp",
            "formats/points_mercator.shp",
            "formats/lines_utm.shp",
            "real/shp_multipatch.shp",
            "real/shp_wrong_winding.shp",
        ],
    );
}

#[test]
fn flatgeobuf_reader() {
    fuzz(
        Format::FlatGeobuf,
        "fuzz.fgb",
        &["../fixtures/indexed/events.fgb"],
    );
}

#[test]
fn geoparquet_reader() {
    fuzz(
        Format::GeoParquet,
        "fuzz.parquet",
        &[
            "../fixtures/geoparquet/events.parquet",
            "../fixtures/geoparquet/native.parquet",
            "../fixtures/geoparquet/provinces.parquet",
        ],
    );
}
