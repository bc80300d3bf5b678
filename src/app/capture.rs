//! File → Export PNG…: the map as it is in the window, captured from the next frame with its
//! legend and without its buttons, cropped to the map and written in the background. Nothing
//! is loaded again: what is on screen (layers, tiles, the selection) is what is saved.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use super::StrikemapApp;
use super::dialogs::{Answer, DialogFor};

/// An export running in the background: its result, when done.
pub type ExportJob = Receiver<Result<PathBuf, String>>;

/// How many frames draw the legend for a capture: the one asking, and the next (platforms
/// capture one or the other).
const CAPTURE_FRAMES: u8 = 2;

impl StrikemapApp {
    /// Capture the map as the next frame draws it (with its legend) and save it to `path`.
    pub fn export_view(&mut self, path: PathBuf, ctx: &egui::Context) {
        let Some(rect) = self.view.rect else {
            self.jobs.export_message = Some("cannot export: the map is not drawn yet".to_owned());
            return;
        };
        let (send, receive) = std::sync::mpsc::channel();
        let scale = ctx.pixels_per_point();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            save_crop(image, rect, scale, path, send);
            repaint.request_repaint();
        });
        self.jobs.export = Some(receive);
        self.jobs.export_message = Some("Exporting…".to_owned());
        self.jobs.capture_frames = CAPTURE_FRAMES;
        // Asked for at the start of a frame, this very frame draws for the capture.
        self.exporting = true;
        ctx.request_repaint();
    }

    /// The dialog's answer and the export's result, when they arrive, for the menu bar to show;
    /// and whether this frame draws for a capture.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        self.exporting = self.jobs.capture_frames > 0;
        self.jobs.capture_frames = self.jobs.capture_frames.saturating_sub(1);
        if let Some(dialog) = &self.jobs.export_path
            && let Ok(chosen) = dialog.try_recv()
        {
            self.jobs.export_path = None;
            match chosen {
                Answer::Chosen(path) => self.export_view(path, ctx),
                Answer::Cancelled => self.jobs.export_message = Some("export cancelled".to_owned()),
                Answer::Unavailable => self.open_egui_dialog(DialogFor::Export),
            }
        }
        if let Some(job) = &self.jobs.export
            && let Ok(result) = job.try_recv()
        {
            self.jobs.export = None;
            self.jobs.export_message = Some(match result {
                Ok(path) => format!("Exported {}", path.display()),
                Err(err) => err,
            });
        }
    }
}

/// Crop the window's image to the map (`rect`, in points at `scale` pixels a point) and write
/// it as a PNG, on a thread of its own; the result goes to `send`.
fn save_crop(
    image: Arc<egui::ColorImage>,
    rect: egui::Rect,
    scale: f32,
    path: PathBuf,
    send: Sender<Result<PathBuf, String>>,
) {
    let work = move || {
        let [width, height] = image.size;
        let x0 = ((rect.min.x * scale).round().max(0.0) as usize).min(width);
        let y0 = ((rect.min.y * scale).round().max(0.0) as usize).min(height);
        let x1 = ((rect.max.x * scale).round().max(0.0) as usize).min(width);
        let y1 = ((rect.max.y * scale).round().max(0.0) as usize).min(height);
        let (w, h) = (x1.saturating_sub(x0), y1.saturating_sub(y0));
        let mut pixels = Vec::with_capacity(w * h * 4);
        for y in y0..y1 {
            for pixel in &image.pixels[y * width + x0..y * width + x1] {
                pixels.extend_from_slice(&pixel.to_srgba_unmultiplied());
            }
        }
        let result = image::RgbaImage::from_raw(w as u32, h as u32, pixels)
            .ok_or_else(|| "cannot export: the captured image is empty".to_owned())
            .and_then(|crop| crate::data::atomic::write_png(&path, &crop))
            .map(|()| path);
        let _ = send.send(result);
    };
    if let Err(err) = std::thread::Builder::new()
        .name("strikemap-export".to_owned())
        .spawn(work)
    {
        log::error!("cannot start writing the export: {err}");
    }
}
