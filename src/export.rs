//! Drawing a UI offscreen to a PNG file, with wgpu (no window needed; a software renderer such
//! as Mesa's lavapipe will do). Knows nothing of what it draws: the app's export
//! (`app::export_png`) gives it the map and says when the picture is complete.

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;

/// The longest a picture waits to be complete (files loading, tiles being built and fetched):
/// opening the largest files measured takes a few seconds; a slow disk or machine, more.
pub const SETTLE: Duration = Duration::from_secs(300);

/// Which renderer draws an exported image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RendererChoice {
    /// wgpu where an adapter is found (a GPU, or Mesa's lavapipe), else the CPU renderer.
    #[default]
    Auto,
    /// wgpu only: refuse when there is no adapter.
    Gpu,
    /// The CPU renderer (`cpu_render`), needing no driver at all.
    Cpu,
}

/// Where an export goes and how it is drawn, as the command line asks.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportTarget {
    pub path: std::path::PathBuf,
    /// Width and height in points.
    pub size: [u32; 2],
    /// Pixels per point.
    pub scale: f32,
    pub renderer: RendererChoice,
    /// Write SVG (the map's vectors) instead of a PNG.
    pub svg: bool,
}

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
    pub renderer: RendererChoice,
}

/// Draw until ready (or [`SETTLE`]), check, and write the PNG to `path`; gives which renderer
/// drew it. The error is a sentence for the user, and nothing is written with it.
pub fn render_png<S, U, R, C>(
    offscreen: Offscreen<S, U, R, C>,
    path: &Path,
) -> Result<String, String>
where
    U: FnMut(&mut egui::Ui, &mut S) + 'static,
    R: Fn(&mut S) -> bool,
    C: Fn(&S) -> Result<(), String>,
{
    render_offscreen(offscreen, |harness| {
        let image = harness
            .render()
            .map_err(|err| format!("cannot draw offscreen: {err}"))?;
        crate::data::atomic::write_png(path, &image)
    })
}

/// Draw until ready (or [`SETTLE`]), check, then `finish` with the settled harness (render
/// and write a PNG, or write an SVG from the state); gives which renderer drew.
pub fn render_offscreen<S, U, R, C, F>(
    offscreen: Offscreen<S, U, R, C>,
    finish: F,
) -> Result<String, String>
where
    U: FnMut(&mut egui::Ui, &mut S) + 'static,
    R: Fn(&mut S) -> bool,
    C: Fn(&S) -> Result<(), String>,
    F: FnOnce(&mut Harness<'static, S>) -> Result<(), String>,
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
    let builder = Harness::builder()
        .with_size([width as f32, height as f32])
        .with_pixels_per_point(scale)
        // strikemap's fonts from the first frame: Persian and Urdu labels print too. A file's
        // text in a script no bundled font has prints as boxes rather than stopping the export.
        .with_context_setup(crate::text::fonts::install)
        .allow_missing_glyphs();
    let (chosen, drawn_by) = AnyRenderer::choose(offscreen.renderer)?;
    let builder = builder.renderer(chosen);
    let mut harness = builder.build_ui_state(offscreen.ui, offscreen.state);
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
    finish(&mut harness)?;
    Ok(drawn_by)
}

/// The renderer chosen for an offscreen picture.
pub enum AnyRenderer {
    Gpu(Box<egui_kittest::wgpu::WgpuTestRenderer>),
    Cpu(crate::cpu_render::CpuRenderer),
}

impl AnyRenderer {
    /// The renderer `choice` asks for, and what it is ("wgpu on llvmpipe …", "the CPU
    /// renderer"); `Gpu` without an adapter is refused, `Auto` falls back to the CPU.
    pub fn choose(choice: RendererChoice) -> Result<(Self, String), String> {
        let gpu = match choice {
            RendererChoice::Cpu => Err("the CPU renderer was asked for".to_owned()),
            RendererChoice::Auto | RendererChoice::Gpu => renderer(),
        };
        match gpu {
            Ok((gpu, adapter)) => Ok((Self::Gpu(Box::new(gpu)), format!("wgpu on {adapter}"))),
            Err(why) if choice == RendererChoice::Gpu => Err(why),
            Err(why) => {
                log::info!("export: {why}; drawing with the CPU renderer");
                let cpu = crate::cpu_render::CpuRenderer::default();
                Ok((Self::Cpu(cpu), "the CPU renderer".to_owned()))
            }
        }
    }
}

impl egui_kittest::TestRenderer for AnyRenderer {
    fn handle_delta(&mut self, delta: &mut egui::TexturesDelta) {
        match self {
            Self::Gpu(gpu) => gpu.handle_delta(delta),
            Self::Cpu(cpu) => cpu.handle_delta(delta),
        }
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        match self {
            Self::Gpu(gpu) => gpu.render(ctx, output),
            Self::Cpu(cpu) => cpu.render(ctx, output),
        }
    }
}

/// An offscreen wgpu renderer and its adapter's name, or why there is none (no GPU and no
/// software renderer).
pub fn renderer() -> Result<(egui_kittest::wgpu::WgpuTestRenderer, String), String> {
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
    let adapter = state.adapter.get_info().name;
    Ok((
        egui_kittest::wgpu::WgpuTestRenderer::from_render_state(state),
        adapter,
    ))
}
