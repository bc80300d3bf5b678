//! Opening files: the File menu (a file dialog on its own thread, so the window keeps drawing),
//! files dropped on the window, and the opened-layers part of the layer panel.

use std::path::PathBuf;
use std::time::Duration;

use egui::Ui;

use super::StrikemapApp;
use super::dialogs::{Answer, DialogFor};
use crate::map::view::Fit;
use crate::ui;
use crate::ui::user_layers::LayerAction;

impl StrikemapApp {
    /// Start loading a file (any format strikemap reads) as a layer, in the background.
    /// A PMTiles archive opens as a tiled layer instead, read a tile at a time, and so do a
    /// FlatGeobuf, GeoPackage or GeoParquet file too large to read whole, read through their indexes.
    pub fn open_file(&mut self, path: PathBuf, ctx: &egui::Context) {
        let pmtiles = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pmtiles"));
        if pmtiles {
            self.open_tiled(&path.to_string_lossy(), ctx);
        } else if let Some(location) = crate::data::formats::windowed::tiled_location(&path) {
            self.open_tiled(&location.text(), ctx);
        } else {
            self.layers.opened.open(path, ctx);
        }
    }

    /// Files from the dialog, files dropped on the window, and layers that finished loading.
    pub(super) fn take_files(&mut self, ctx: &egui::Context) {
        if let Some(dialog) = &self.jobs.file_dialog
            && let Ok(answer) = dialog.try_recv()
        {
            self.jobs.file_dialog = None;
            match answer {
                Answer::Chosen(paths) => {
                    paths.into_iter().for_each(|path| self.open_file(path, ctx))
                }
                Answer::Cancelled => {}
                Answer::Unavailable => self.open_egui_dialog(DialogFor::Open),
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            self.open_file(path, ctx);
        }
        self.layers.tiled.poll();
        self.layers.poll_vector_basemap(ctx);
        let events = self.layers.opened.poll();
        if !events.is_empty() {
            self.layers.events_added(&events);
            self.story.add_events(events);
        }
        if !self.layers.opened.jobs.is_empty() {
            // Keep the progress moving while files load.
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        if ctx.input_mut(|input| input.consume_key(egui::Modifiers::COMMAND, egui::Key::O)) {
            self.show_file_dialog(ctx);
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open = ui.add_enabled(
                    self.jobs.file_dialog.is_none() && self.panels.dialog.is_none(),
                    egui::Button::new("Open…").shortcut_text("Ctrl+O"),
                );
                if open.clicked() {
                    self.show_file_dialog(ui.ctx());
                    ui.close();
                }
                if ui
                    .button("Open URL…")
                    .on_hover_text(
                        "A PMTiles archive by URL, or a vector tile URL with {z}, {x} and {y}",
                    )
                    .clicked()
                {
                    self.panels.open_url.get_or_insert_with(String::new);
                    ui.close();
                }
                let sketch = ui.add_enabled(
                    self.jobs.project_dialog.is_none() && self.panels.dialog.is_none(),
                    egui::Button::new("Open as sketch…"),
                );
                if sketch.clicked() {
                    self.ask_path(super::dialogs::DialogFor::OpenSketch, ui.ctx());
                    ui.close();
                }
                ui.separator();
                self.project_menu(ui);
                ui.separator();
                let export =
                    ui.add_enabled(self.jobs.export.is_none(), egui::Button::new("Export PNG…"));
                if export.clicked() {
                    self.start_export(ui.ctx());
                    ui.close();
                }
                let free = self.jobs.project_dialog.is_none() && self.panels.dialog.is_none();
                if ui
                    .add_enabled(free, egui::Button::new("Export SVG…"))
                    .clicked()
                {
                    self.ask_path(super::dialogs::DialogFor::ExportSvg, ui.ctx());
                    ui.close();
                }
            });
            let measure =
                egui::Button::selectable(self.is_measuring(), "Measure").shortcut_text("M");
            if ui.add(measure).clicked() {
                self.toggle_measure();
            }
            let sketch =
                egui::Button::selectable(self.sketch_tool().is_some(), "Sketch").shortcut_text("K");
            if ui.add(sketch).clicked() {
                let tool = match self.sketch_tool() {
                    Some(_) => None,
                    None => Some(super::SketchTool::Select),
                };
                self.set_sketch_tool(tool);
            }
            let search = egui::Button::new("Search…").shortcut_text("Ctrl+F");
            if ui.add(search).clicked() {
                self.panels.search.toggle();
            }
            if self.jobs.file_dialog.is_some() {
                ui.weak("Choosing files…");
            }
            if let Some(message) = &self.jobs.export_message {
                ui.weak(message);
            }
        });
    }

    /// The opened layers' rows, and what their buttons ask for.
    pub(super) fn opened_layers(&mut self, ui: &mut Ui) {
        let zoom = self.zoom();
        match ui::user_layers::show(ui, &mut self.layers.opened, zoom) {
            Some(LayerAction::ZoomTo(id)) => {
                if let Some(bounds) = self.layers.opened.get(id).and_then(|l| l.layer.bounds) {
                    self.view.request_fit(Fit::Bounds(bounds));
                }
            }
            Some(LayerAction::Remove(id)) => self.remove_layer(id),
            Some(LayerAction::ExportShown(id)) => {
                if self.jobs.project_dialog.is_none() && self.panels.dialog.is_none() {
                    self.ask_path(super::dialogs::DialogFor::ExportShown(id), ui.ctx());
                }
            }
            Some(LayerAction::Locate(index)) => {
                if self.jobs.project_dialog.is_none() && self.panels.dialog.is_none() {
                    self.ask_path(super::dialogs::DialogFor::Locate(index), ui.ctx());
                }
            }
            Some(LayerAction::Table(id)) => self.panels.table.toggle(id),
            Some(LayerAction::Count { source, target }) => {
                let provinces = &self.story.data.provinces;
                self.layers
                    .opened
                    .count_per_area(source, target, provinces, ui.ctx());
            }
            Some(LayerAction::MoveUp(_) | LayerAction::MoveDown(_)) | None => {}
        }
    }
}
