//! What the bundled story costs: loading and validating the files, preparing the layers
//! (projection and earcut triangulation), and one frame of the whole window on the CPU
//! (layout, map drawing, tessellation: everything before the GPU).
//!
//! Run with `cargo bench --bench story`; criterion reports medians in target/criterion.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{RawInput, Rect, pos2, vec2};
use strikemap::data::{DataSource, Story};
use strikemap::map::{VectorLayer, style};
use strikemap::{AppConfig, StrikemapApp, TileConfig};

fn offline() -> AppConfig {
    AppConfig {
        data: DataSource::Bundled,
        tiles: TileConfig::offline(),
        ..AppConfig::default()
    }
}

fn load(c: &mut Criterion) {
    c.bench_function("load_story", |b| {
        b.iter(|| Story::load(&DataSource::Bundled))
    });
    let story = Story::load(&DataSource::Bundled);
    c.bench_function("prepare_layers", |b| {
        b.iter(|| {
            let countries = VectorLayer::new("Countries", &story.countries, style::COUNTRIES);
            let provinces = VectorLayer::new("Provinces", &story.provinces, style::province(None));
            (countries, provinces)
        })
    });
    c.bench_function("app_start", |b| {
        b.iter(|| StrikemapApp::new(&egui::Context::default(), offline()))
    });
}

fn frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut app = StrikemapApp::new(&ctx, offline());
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1400.0, 900.0))),
        ..Default::default()
    };
    // Settle the first view (fit, fonts) before measuring.
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    c.bench_function("frame_story", |b| {
        b.iter(|| {
            let output = ctx.run_ui(input(), |ui| app.show(ui));
            ctx.tessellate(output.shapes, output.pixels_per_point)
        })
    });
}

/// A frame while panning over the story (nothing can be reused from the frame before).
fn panning(c: &mut Criterion) {
    let mut rig =
        strikemap::bench_support::FrameRig::new(None, (64.0, 28.0, 5.5)).expect("the story loads");
    c.bench_function("frame_story_panning", |b| b.iter(|| rig.frame_panning()));
}

criterion_group!(benches, load, frame, panning);
criterion_main!(benches);
