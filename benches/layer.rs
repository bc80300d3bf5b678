//! What a large opened file costs: loading it, one frame of the window with it shown at world
//! zoom 3 and region zoom 7, and one click against 100,000 points.
//!
//! The input is the file named by the environment variable `STRIKEMAP_BENCH_FILE`, e.g.
//!
//! ```sh
//! STRIKEMAP_BENCH_FILE=../shared/data/ne_10m_admin_1_states_provinces.geojson \
//!     cargo bench --bench layer
//! ```
//!
//! Without it, only the hit test runs, and the others say why they did not.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use strikemap::bench_support::{
    CLICK_TOLERANCE, FILE_VARIABLE, FrameRig, clicks, load_layer, points_layer,
};

fn input() -> Option<PathBuf> {
    let path = std::env::var_os(FILE_VARIABLE).map(PathBuf::from);
    if path.is_none() {
        eprintln!(
            "{FILE_VARIABLE} is not set: skipping the file benchmarks (set it to a GeoJSON \
             file, e.g. ../shared/data/ne_10m_admin_1_states_provinces.geojson)"
        );
    }
    path
}

fn file(c: &mut Criterion) {
    let Some(path) = input() else {
        return;
    };
    let mut group = c.benchmark_group("file");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| load_layer(&path).expect("the file loads"))
    });
    group.finish();
    for (name, view) in [
        ("frame_zoom3", (60.0, 30.0, 3.0)),
        ("frame_zoom7", (64.0, 28.0, 7.0)),
    ] {
        let mut rig = FrameRig::new(Some(&path), view).expect("the file loads");
        c.bench_function(name, |b| b.iter(|| rig.frame()));
    }
}

fn hit_test(c: &mut Criterion) {
    let layer = points_layer(100_000);
    let clicks = clicks(1024);
    let mut i = 0;
    c.bench_function("hit_test_100k_points", |b| {
        b.iter(|| {
            i = (i + 1) % clicks.len();
            layer.hit(clicks[i], CLICK_TOLERANCE)
        })
    });
}

criterion_group!(benches, file, hit_test);
criterion_main!(benches);
