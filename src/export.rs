//! Drawing a UI offscreen to a PNG file, with wgpu (no window needed; a software renderer such
//! as Mesa's lavapipe will do). Knows nothing of what it draws: the app's export
//! (`app::export_png`) gives it the map and says when the picture is complete.

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;

/// The longest a picture waits to be complete (files loading, tiles being built and fetched):
/// opening the largest files measured takes a few seconds; a slow disk or machine, more.
pub const SETTLE: Duration = Duration::from_secs(300);

/// What to draw offscreen, and how to know it is ready.
pub struct Offscreen<S, U, R, C> {
    /// Width and height in points.
    pub size: [u32; 2],
    /// Pixels per point: the image is `size × scale` pixels (16 to 8192 each way).
    pub scale: f32,
    /// The state the UI draws.
    pub state: S,
    /// Draws one frame.
    pub ui: U,
    /// Whether the picture is complete.
    pub ready: R,
    /// Whether the picture may be written: why not, if not.
    pub check: C,
}

/// Draw until ready (or [`SETTLE`]), check, and write the PNG to `path`; the error is a sentence
/// for the user, and nothing is written with it.
pub fn render_png<S, U, R, C>(offscreen: Offscreen<S, U, R, C>, path: &Path) -> Result<(), String>
where
    U: FnMut(&mut egui::Ui, &mut S) + 'static,
    R: Fn(&mut S) -> bool,
    C: Fn(&S) -> Result<(), String>,
{
    let [width, height] = offscreen.size;
    let scale = offscreen.scale;
    let pixels = [width, height].map(|n| (n as f32 * scale).round() as u32);
    if !pixels.iter().all(|n| (16..=8192).contains(n)) {
        return Err(format!(
            "image size {}×{} must be 16 to 8192 pixels each way",
            pixels[0], pixels[1]
        ));
    }
    let mut harness = Harness::builder()
        .with_size([width as f32, height as f32])
        .with_pixels_per_point(scale)
        .allow_missing_glyphs()
        .renderer(renderer()?)
        .build_ui_state(offscreen.ui, offscreen.state);
    let start = Instant::now();
    while start.elapsed() < SETTLE {
        harness.step();
        if (offscreen.ready)(harness.state_mut()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // A few more frames so that what arrived last and the fit are drawn.
    for _ in 0..4 {
        harness.step();
    }
    (offscreen.check)(harness.state())?;
    let image = harness
        .render()
        .map_err(|err| format!("cannot draw offscreen: {err}"))?;
    crate::data::atomic::write_png(path, &image)
}

/// An offscreen wgpu renderer, or why there is none (no GPU and no software renderer).
pub fn renderer() -> Result<egui_kittest::wgpu::WgpuTestRenderer, String> {
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
