//! Export PNG: the map drawn offscreen to a file of the requested size, with something on it.
//! Drawn with wgpu where there is an adapter (a GPU, or Mesa's software Vulkan), else with the
//! CPU renderer; one test draws the same map with both and compares them.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use strikemap::app::{ExportRequest, export_png};
use strikemap::export::RendererChoice;
use strikemap::{AppConfig, TileConfig};

#[test]
fn the_exported_png_has_the_requested_size_and_shows_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.png");
    export_png(ExportRequest {
        config: AppConfig {
            tiles: TileConfig::offline(),
            select: Some("2024-01-16-iran-strikes-panjgur".to_owned()),
            ..AppConfig::default()
        },
        state: None,
        size: [640, 400],
        scale: 1.0,
        renderer: RendererChoice::Auto,
        svg: false,
        path: path.clone(),
    })
    .expect("the map is drawn offscreen");
    let image = image::open(&path).expect("a readable PNG").to_rgba8();
    assert_eq!(image.dimensions(), (640, 400));
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 100, "not blank: {} colours", colours.len());
    // The bundled basemap's sea is there (the story's coast is in view).
    let sea = strikemap::map::style::SEA.to_array();
    let sea_pixels = image.pixels().filter(|p| p.0 == sea).count();
    assert!(sea_pixels > 640 * 400 / 20, "{sea_pixels} sea pixels");
}

#[test]
fn the_command_line_export_writes_the_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.png");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args(["--offline", "--export-png"])
        .arg(&path)
        .args(["--size", "320x200"])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("wrote"));
    let image = image::open(&path).unwrap();
    assert_eq!((image.width(), image.height()), (320, 200));
}

#[test]
fn an_export_that_cannot_include_a_layer_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.png");
    let broken = dir.path().join("broken.geojson");
    std::fs::write(&broken, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    for layer in [dir.path().join("missing.geojson"), broken] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
            .args(["--offline", "--export-png"])
            .arg(&path)
            .args(["--size", "320x200"])
            .arg(&layer)
            .output()
            .expect("the binary runs");
        assert!(!output.status.success(), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let name = layer.file_name().unwrap().to_string_lossy().into_owned();
        assert!(stderr.contains(&name), "names the layer: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert!(!path.exists(), "no image written");
    }
}

#[test]
fn the_menus_export_saves_the_map_as_loaded_without_reading_files_again() {
    let dir = tempfile::tempdir().unwrap();
    let layer = dir.path().join("squares.geojson");
    std::fs::write(
        &layer,
        r#"{"type": "Feature", "properties": {"name": "Square"},
            "geometry": {"type": "Polygon", "coordinates": [[[65, 28], [66, 28], [66, 29], [65, 29], [65, 28]]]}}"#,
    )
    .unwrap();
    let ctx = egui::Context::default();
    let app = strikemap::StrikemapApp::new(
        &ctx,
        AppConfig {
            tiles: TileConfig::offline(),
            files: vec![layer.clone()],
            ..AppConfig::default()
        },
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1000.0, 700.0])
        .with_context_setup(strikemap::text::fonts::install)
        .renderer(
            strikemap::export::AnyRenderer::choose(RendererChoice::Auto)
                .unwrap()
                .0,
        )
        .build_ui_state(|ui, app: &mut strikemap::StrikemapApp| app.show(ui), app);
    for _ in 0..200 {
        harness.step();
        if harness.state().user_layers().jobs.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_steps(3);
    assert_eq!(harness.state().user_layers().layers.len(), 1);
    // The file is gone: an export that read the files again would fail.
    std::fs::remove_file(&layer).unwrap();
    let out = dir.path().join("window.png");
    let map = harness.state().map_rect().expect("map drawn");
    let ctx = harness.ctx.clone();
    harness.state_mut().export_view(out.clone(), &ctx);
    for _ in 0..200 {
        harness.step();
        if out.exists() && image::open(&out).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let image = image::open(&out).expect("the map was written").to_rgba8();
    let scale = ctx.pixels_per_point();
    assert_eq!(
        image.dimensions(),
        (
            (map.width() * scale).round() as u32,
            (map.height() * scale).round() as u32
        ),
        "the map alone, at its size on screen"
    );
    let colours: HashSet<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    assert!(colours.len() > 100, "not blank: {} colours", colours.len());
}

#[test]
fn a_projects_sketch_is_in_the_export_and_scale_2_doubles_the_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = egui::Context::default();
    let mut app = strikemap::StrikemapApp::new(
        &ctx,
        AppConfig {
            tiles: TileConfig::offline(),
            ..AppConfig::default()
        },
    );
    use strikemap::data::sketch::{Mark, MarkKind};
    app.add_mark(Mark::new(
        MarkKind::Polygon,
        vec![[62.0, 27.0], [63.0, 27.0], [63.0, 28.0], [62.0, 28.0]],
    ));
    app.set_view(62.5, 27.5, 7.0);
    let project = dir.path().join("sketch.strikemap");
    app.save_project(&project).unwrap();
    let path = dir.path().join("print.png");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .arg("--offline")
        .arg(&project)
        .arg("--export-png")
        .arg(&path)
        .args(["--size", "600x400", "--scale", "2"])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("1200×800"));
    let image = image::open(&path).unwrap().to_rgb8();
    assert_eq!(image.dimensions(), (1200, 800));
    // The mark's outline, in the palette's red (#d55e00).
    let red = image
        .pixels()
        .filter(|p| p.0[0].abs_diff(0xd5) < 12 && p.0[1].abs_diff(0x5e) < 12 && p.0[2] < 12)
        .count();
    assert!(red > 400, "{red} pixels of the sketch's outline");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .args(["--offline", "--export-png", "x.png", "--scale", "9"])
        .output()
        .expect("the binary runs");
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
}

/// The story exported at `scale` by `renderer`; the image and what drew it.
fn story_png(dir: &std::path::Path, renderer: RendererChoice) -> (image::RgbImage, String) {
    let path = dir.join(format!("{renderer:?}.png"));
    let drawn_by = export_png(ExportRequest {
        config: AppConfig {
            tiles: TileConfig::offline(),
            select: Some("2024-01-18-pakistan-strikes-saravan".to_owned()),
            ..AppConfig::default()
        },
        state: None,
        size: [480, 320],
        scale: 1.0,
        renderer,
        svg: false,
        path: path.clone(),
    })
    .unwrap();
    (image::open(&path).unwrap().to_rgb8(), drawn_by)
}

#[test]
fn the_cpu_renderer_draws_what_wgpu_draws() {
    let dir = tempfile::tempdir().unwrap();
    let (cpu, drawn_by) = story_png(dir.path(), RendererChoice::Cpu);
    assert_eq!(drawn_by, "the CPU renderer");
    assert_eq!(cpu.dimensions(), (480, 320));
    let colours: HashSet<[u8; 3]> = cpu.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 200,
        "a map, not a blank: {} colours",
        colours.len()
    );
    // Where wgpu has an adapter (CI installs Mesa's), the two agree pixel for pixel but for
    // antialiasing and texture filtering.
    let Ok(_) = strikemap::export::renderer() else {
        eprintln!("no wgpu adapter here: the CPU image is not compared");
        return;
    };
    let (gpu, drawn_by) = story_png(dir.path(), RendererChoice::Gpu);
    assert!(drawn_by.starts_with("wgpu on "), "{drawn_by}");
    let diffs: Vec<u32> = cpu
        .pixels()
        .zip(gpu.pixels())
        .map(|(a, b)| {
            (0..3)
                .map(|i| a.0[i].abs_diff(b.0[i]) as u32)
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mean = diffs.iter().sum::<u32>() as f64 / diffs.len() as f64;
    let far = diffs.iter().filter(|&&d| d > 40).count() as f64 / diffs.len() as f64;
    assert!(mean < 2.0, "mean difference {mean:.2} of 255");
    assert!(
        far < 0.01,
        "{:.2} % of pixels differ by more than 40",
        far * 100.0
    );
}
