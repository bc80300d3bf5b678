//! Asking the user for files: the platform's dialog (rfd, on a thread of its own so the window
//! keeps drawing) where there is one, else a dialog drawn in egui (`ui::file_dialog`), for
//! File → Open… and File → Export PNG… alike.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::StrikemapApp;
use crate::data::formats::Format;
use crate::ui::file_dialog::{FileDialog, Outcome, Purpose, platform_dialog_available};

/// A platform dialog that answers "nothing chosen" faster than this did not show at all (no
/// portal, no zenity): nobody cancels a dialog in a tenth of a second.
const TOO_QUICK: Duration = Duration::from_millis(100);

/// What the platform's dialog answered.
#[derive(Debug)]
pub enum Answer<T> {
    Chosen(T),
    Cancelled,
    /// It could not be shown: the egui dialog is used instead.
    Unavailable,
}

/// What an egui dialog is open for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogFor {
    Open,
    Export,
    OpenProject,
    SaveProject,
    /// A GeoJSON file to open as a sketch layer.
    OpenSketch,
    /// Where to write the active sketch layer.
    ExportSketch(super::sketch_panel::SketchFormat),
    /// Where the missing file of refusal number this is now.
    Locate(usize),
    /// Where to write this layer's shown features.
    ExportShown(u64),
    /// Where to write the map as SVG.
    ExportSvg,
}

impl DialogFor {
    /// Whether it asks for a file to write.
    pub fn saves(self) -> bool {
        matches!(
            self,
            Self::Export | Self::SaveProject | Self::ExportSketch(_)
        )
    }

    /// The dialog's title, its filter's name and extensions, and the name it suggests.
    pub fn spec(self) -> (&'static str, &'static str, &'static [&'static str], String) {
        use super::project::EXTENSION;
        match self {
            Self::OpenProject => (
                "Open a project",
                "strikemap project",
                &[EXTENSION],
                String::new(),
            ),
            Self::SaveProject => (
                "Save the project",
                "strikemap project",
                &[EXTENSION],
                format!("map.{EXTENSION}"),
            ),
            Self::OpenSketch => (
                "Open a GeoJSON file as a sketch",
                "GeoJSON",
                &["geojson", "json"],
                String::new(),
            ),
            Self::ExportSketch(format) => {
                let ext = format.extension();
                let (name, exts): (&str, &'static [&'static str]) = match format {
                    super::sketch_panel::SketchFormat::GeoJson => ("GeoJSON", &["geojson"]),
                    super::sketch_panel::SketchFormat::Kml => ("KML", &["kml"]),
                };
                (
                    "Export the sketch layer",
                    name,
                    exts,
                    format!("sketch.{ext}"),
                )
            }
            Self::ExportSvg => (
                "Export the map as SVG",
                "SVG image",
                &["svg"],
                "strikemap.svg".to_owned(),
            ),
            Self::ExportShown(_) => (
                "Export the shown features",
                "GeoJSON or CSV",
                &["geojson", "csv"],
                "shown.geojson".to_owned(),
            ),
            Self::Locate(_) => (
                "Locate the missing file",
                "Map data",
                &Format::EXTENSIONS,
                String::new(),
            ),
            Self::Open => (
                "Open layers",
                "Map data",
                &Format::EXTENSIONS,
                String::new(),
            ),
            Self::Export => (
                "Export the map as PNG",
                "PNG image",
                &["png"],
                "strikemap.png".to_owned(),
            ),
        }
    }
}

impl StrikemapApp {
    /// File → Open…: several files, of the formats strikemap reads.
    pub(super) fn show_file_dialog(&mut self, ctx: &egui::Context) {
        if self.jobs.file_dialog.is_some() || self.panels.dialog.is_some() {
            return;
        }
        if !platform_dialog_available() {
            self.open_egui_dialog(DialogFor::Open);
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("strikemap-file-dialog".to_owned())
            .spawn(move || {
                let asked = Instant::now();
                let paths = rfd::FileDialog::new()
                    .set_title("Open layers")
                    .add_filter("Map data", &Format::EXTENSIONS)
                    .add_filter("GeoJSON", &["geojson", "json"])
                    .add_filter("CSV (ACLED, lat/lon or WKT)", &["csv", "tsv", "txt"])
                    .add_filter("KML, KMZ", &["kml", "kmz"])
                    .add_filter("GPX", &["gpx"])
                    .add_filter("Shapefile (.shp or .zip)", &["shp", "zip"])
                    .add_filter("All files", &["*"])
                    .pick_files();
                let _ = send.send(answer(paths, asked));
                ctx.request_repaint();
            });
        match started {
            Ok(_) => self.jobs.file_dialog = Some(receive),
            Err(err) => log::error!("cannot show the file dialog: {err}"),
        }
    }

    /// File → Export PNG…: ask where, then capture.
    pub(super) fn start_export(&mut self, ctx: &egui::Context) {
        if self.panels.dialog.is_some() {
            return;
        }
        if !platform_dialog_available() {
            self.open_egui_dialog(DialogFor::Export);
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let started = std::thread::Builder::new()
            .name("strikemap-export-dialog".to_owned())
            .spawn(move || {
                let asked = Instant::now();
                let path = rfd::FileDialog::new()
                    .set_title("Export the map as PNG")
                    .add_filter("PNG image", &["png"])
                    .set_file_name("strikemap.png")
                    .save_file();
                let _ = send.send(answer(path, asked));
                repaint.request_repaint();
            });
        match started {
            Ok(_) => self.jobs.export_path = Some(receive),
            Err(err) => self.jobs.export_message = Some(format!("cannot export: {err}")),
        }
    }

    /// The dialog drawn in egui, for `purpose`, in the folder the app started in.
    pub(super) fn open_egui_dialog(&mut self, purpose: DialogFor) {
        if !matches!(purpose, DialogFor::Open | DialogFor::Export) {
            self.open_egui_project_dialog(purpose);
            return;
        }
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        let dialog = match purpose {
            DialogFor::Open => FileDialog::new(
                "Open layers",
                Purpose::Open {
                    extensions: Format::EXTENSIONS.iter().map(|e| (*e).to_owned()).collect(),
                },
                &dir,
                "",
            ),
            _ => FileDialog::new(
                "Export the map as PNG",
                Purpose::Save {
                    extension: "png".to_owned(),
                },
                &dir,
                "strikemap.png",
            ),
        };
        self.panels.dialog = Some((dialog, purpose));
    }

    /// Draw the egui dialog, if one is open, and do what it was opened for when it ends.
    pub(super) fn egui_dialog(&mut self, ctx: &egui::Context) {
        let Some((dialog, purpose)) = &mut self.panels.dialog else {
            return;
        };
        let purpose = *purpose;
        match dialog.show(ctx) {
            None => {}
            Some(Outcome::Cancelled) => {
                self.panels.dialog = None;
                if purpose == DialogFor::Export {
                    self.jobs.export_message = Some("export cancelled".to_owned());
                }
            }
            Some(Outcome::Picked(paths)) => {
                self.panels.dialog = None;
                match purpose {
                    DialogFor::Open => paths.into_iter().for_each(|path| self.open_file(path, ctx)),
                    DialogFor::Export => {
                        if let Some(path) = paths.into_iter().next() {
                            self.export_view(path, ctx);
                        }
                    }
                    _ => {
                        if let Some(path) = paths.into_iter().next() {
                            self.project_chosen(purpose, path, ctx);
                        }
                    }
                }
            }
        }
    }
}

/// The platform dialog's answer: what was chosen, or a cancel, or (when nothing came back at
/// once) no dialog at all.
pub(super) fn answer<T>(chosen: Option<T>, asked: Instant) -> Answer<T> {
    match chosen {
        Some(chosen) => Answer::Chosen(chosen),
        None if asked.elapsed() < TOO_QUICK => Answer::Unavailable,
        None => Answer::Cancelled,
    }
}
