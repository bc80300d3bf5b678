//! File → Open project…, Save project (Ctrl+S) and Save project as…: the platform's dialog on
//! a thread of its own, or the one drawn in egui, then the project opened or saved; the
//! window's title names the project and marks unsaved changes.

use std::path::PathBuf;
use std::time::Instant;

use egui::Ui;

use super::StrikemapApp;
use super::dialogs::{Answer, DialogFor, answer};
use crate::ui::file_dialog::{FileDialog, Purpose, platform_dialog_available};

impl StrikemapApp {
    /// The project items of the File menu.
    pub(super) fn project_menu(&mut self, ui: &mut Ui) {
        let free = self.jobs.project_dialog.is_none() && self.panels.dialog.is_none();
        if ui
            .add_enabled(free, egui::Button::new("New project"))
            .clicked()
        {
            self.new_project();
            ui.close();
        }
        if ui
            .add_enabled(free, egui::Button::new("Open project…"))
            .clicked()
        {
            self.ask_path(DialogFor::OpenProject, ui.ctx());
            ui.close();
        }
        let save = egui::Button::new("Save project").shortcut_text("Ctrl+S");
        if ui.add_enabled(free, save).clicked() {
            self.save_or_ask(ui.ctx());
            ui.close();
        }
        if ui
            .add_enabled(free, egui::Button::new("Save project as…"))
            .clicked()
        {
            self.ask_path(DialogFor::SaveProject, ui.ctx());
            ui.close();
        }
    }

    /// Ctrl+S, the answers of project dialogs, and the title bar.
    pub(super) fn project_frame(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::S)) {
            self.save_or_ask(ctx);
        }
        if let Some(dialog) = &self.jobs.project_dialog
            && let Ok((purpose, chosen)) = dialog.try_recv()
        {
            self.jobs.project_dialog = None;
            match chosen {
                Answer::Chosen(path) => self.project_chosen(purpose, path, ctx),
                Answer::Cancelled => {}
                Answer::Unavailable => self.open_egui_project_dialog(purpose),
            }
        }
        self.poll_shown_export();
        let title = self.window_title();
        if self.jobs.title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.jobs.title = Some(title);
        }
    }

    /// Save to the open project's file, or ask where.
    fn save_or_ask(&mut self, ctx: &egui::Context) {
        match self.project_path().map(PathBuf::from) {
            Some(path) => self.project_chosen(DialogFor::SaveProject, path, ctx),
            None => self.ask_path(DialogFor::SaveProject, ctx),
        }
    }

    /// Open or save the project at `path`, and say how it went.
    pub(super) fn project_chosen(
        &mut self,
        purpose: DialogFor,
        path: PathBuf,
        ctx: &egui::Context,
    ) {
        let (_, _, extensions, _) = purpose.spec();
        let path = match extensions.first() {
            Some(ext) if purpose.saves() && path.extension().is_none() => path.with_extension(ext),
            _ => path,
        };
        let result = match purpose {
            DialogFor::OpenProject => self.open_project(&path, ctx),
            DialogFor::OpenSketch => self.open_sketch(&path).map(|_| ()),
            DialogFor::ExportSvg => self.export_svg(&path).map(|c| {
                log::info!(
                    "SVG: {} paths, {} circles, {} texts, {} tile images",
                    c.paths,
                    c.circles,
                    c.texts,
                    c.images
                );
            }),
            DialogFor::ExportShown(id) => {
                self.export_shown(id, path);
                return;
            }
            DialogFor::Locate(index) => {
                self.layers.opened.locate(index, path, ctx);
                return;
            }
            DialogFor::ExportSketch(_) => self.export_sketch(self.sketch.active, &path),
            _ => self.save_project(&path),
        };
        if purpose == DialogFor::OpenSketch && result.is_ok() {
            return; // open_sketch said what it opened and what it left out.
        }
        self.jobs.export_message = Some(match result {
            Ok(()) if purpose == DialogFor::OpenProject => format!("Opened {}", path.display()),
            Ok(()) => format!("Saved {}", path.display()),
            Err(why) => why,
        });
    }

    /// Ask for a file to open or to save to, for `purpose`.
    pub(super) fn ask_path(&mut self, purpose: DialogFor, ctx: &egui::Context) {
        if !platform_dialog_available() {
            self.open_egui_project_dialog(purpose);
            return;
        }
        let (send, receive) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let started = std::thread::Builder::new()
            .name("strikemap-project-dialog".to_owned())
            .spawn(move || {
                let asked = Instant::now();
                let (title, filter, extensions, name) = purpose.spec();
                let dialog = rfd::FileDialog::new()
                    .set_title(title)
                    .add_filter(filter, extensions);
                let path = match purpose.saves() {
                    false => dialog.pick_file(),
                    true => dialog.set_file_name(name).save_file(),
                };
                let _ = send.send((purpose, answer(path, asked)));
                repaint.request_repaint();
            });
        match started {
            Ok(_) => self.jobs.project_dialog = Some(receive),
            Err(err) => self.jobs.export_message = Some(format!("cannot ask for a file: {err}")),
        }
    }

    /// The egui dialog for a project or a sketch, in the folder the app started in.
    pub(super) fn open_egui_project_dialog(&mut self, purpose: DialogFor) {
        let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        let (title, _, extensions, name) = purpose.spec();
        let kind = match purpose.saves() {
            false => Purpose::Open {
                extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
            },
            true => Purpose::Save {
                extension: extensions.first().copied().unwrap_or("").to_owned(),
            },
        };
        let dialog = FileDialog::new(title, kind, &dir, &name);
        self.panels.dialog = Some((dialog, purpose));
    }
}
