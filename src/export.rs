//! Export PNG: the map view as it is (basemap or tiles, layers, markers, the selection, the
//! dates shown) with its legend, scale bar and attribution, drawn offscreen with wgpu (no window
//! needed; a software renderer such as Mesa's lavapipe will do) and written as a PNG. The
//! command line's `--export-png` and File → Export PNG… both come here, the latter with the
//! window's saved state, so both give the same picture.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;

use crate::{AppConfig, StrikemapApp};

/// The longest an export waits for files to load, their tiles to be built and map tiles to
/// arrive (opening the largest files measured takes a few seconds; a slow disk or machine,
/// more).
const SETTLE: Duration = Duration::from_secs(300);

/// One image to make.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub config: AppConfig,
    /// A saved state (`StrikemapApp::save_state`) to restore first, if any.
    pub state: Option<String>,
    /// Width and height in pixels.
    pub size: [u32; 2],
    pub path: PathBuf,
}

/// Draw and save; the error is a sentence for the user.
pub fn export_png(request: ExportRequest) -> Result<(), String> {
    let [width, height] = request.size;
    if !(16..=8192).contains(&width) || !(16..=8192).contains(&height) {
        return Err(format!(
            "image size {width}×{height} must be 16 to 8192 pixels each way"
        ));
    }
    let renderer = renderer()?;
    let mut config = Some(request.config);
    let state = request.state;
    let mut harness = Harness::builder()
        .with_size([width as f32, height as f32])
        .allow_missing_glyphs()
        .renderer(renderer)
        .build_ui_state(
            move |ui, app: &mut Option<StrikemapApp>| {
                let app = app.get_or_insert_with(|| {
                    let mut made = StrikemapApp::new(ui.ctx(), config.take().unwrap_or_default());
                    if let Some(state) = &state
                        && let Err(err) = made.restore_state(state, ui.ctx())
                    {
                        log::warn!("export: {err}");
                    }
                    made
                });
                app.show_export(ui);
            },
            None,
        );
    let start = Instant::now();
    while start.elapsed() < SETTLE {
        harness.step();
        let settled = harness.state_mut().as_mut().is_some_and(|app| {
            app.user_layers().jobs.is_empty()
                && app.pending_tiles() == 0
                && app.tile_status().is_none_or(|s| s.loading == 0)
        });
        if settled {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // A few more frames so that the last tiles and the fit are drawn.
    for _ in 0..4 {
        harness.step();
    }
    if let Some(app) = harness.state().as_ref() {
        every_layer_loaded(app)?;
    }
    let image = harness
        .render()
        .map_err(|err| format!("cannot draw the map offscreen: {err}"))?;
    image
        .save_with_format(&request.path, image::ImageFormat::Png)
        .map_err(|err| format!("cannot write {}: {err}", request.path.display()))
}

/// An image that cannot show a layer the user asked for is not made: every file must have
/// loaded.
fn every_layer_loaded(app: &StrikemapApp) -> Result<(), String> {
    let opened = app.user_layers();
    if let Some(job) = opened.jobs.first() {
        return Err(format!(
            "{} was still loading after {} s; nothing written",
            job.path.display(),
            SETTLE.as_secs()
        ));
    }
    if !opened.refused.is_empty() {
        let why: Vec<String> = opened.refused.iter().map(ToString::to_string).collect();
        return Err(format!(
            "cannot include every layer asked for, so nothing was written: {}",
            why.join("; ")
        ));
    }
    Ok(())
}

/// An offscreen wgpu renderer, or why there is none (no GPU and no software renderer).
fn renderer() -> Result<egui_kittest::wgpu::WgpuTestRenderer, String> {
    let setup = egui_kittest::wgpu::default_wgpu_setup();
    let instance = pollster::block_on(setup.new_instance());
    let state = pollster::block_on(eframe::egui_wgpu::RenderState::create(
        &eframe::egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        },
        &instance,
        None,
        eframe::egui_wgpu::RendererOptions::PREDICTABLE,
    ))
    .map_err(|err| {
        format!(
            "cannot draw offscreen: no GPU or software renderer ({err}); on Debian, install \
             mesa-vulkan-drivers"
        )
    })?;
    Ok(egui_kittest::wgpu::WgpuTestRenderer::from_render_state(
        state,
    ))
}
