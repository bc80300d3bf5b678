//! A file dialog drawn in egui, for when the platform's is not there: under a plain X11
//! session with no desktop portal and no zenity, rfd can show nothing at all. The
//! `egui-file-dialog` crate would be the kept choice, but its newest release (0.15) is built on
//! egui 0.36 and cannot draw in this app's egui 0.37; this is the small part of it the app needs:
//! folders to walk, files of the formats strikemap reads (or all), several picked to open, or a
//! name to save under.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

/// What the dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Pick files to open, of these extensions (or any, with "Show all files").
    Open { extensions: Vec<String> },
    /// Choose where to save a file of this extension.
    Save { extension: String },
}

/// How the dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Picked(Vec<PathBuf>),
    Cancelled,
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct FileDialog {
    pub purpose: Purpose,
    pub title: String,
    /// The folder shown.
    pub dir: PathBuf,
    /// Its folders and files (name, whether a folder), folders first, by name.
    entries: Vec<(String, bool)>,
    /// Files picked to open.
    pub picked: BTreeSet<PathBuf>,
    /// The file name to save under.
    pub name: String,
    pub show_all: bool,
    /// Why the folder could not be listed, if it could not.
    problem: Option<String>,
}

impl FileDialog {
    /// A dialog for `purpose` showing `dir`.
    pub fn new(title: &str, purpose: Purpose, dir: &Path, name: &str) -> Self {
        let mut dialog = Self {
            purpose,
            title: title.to_owned(),
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            picked: BTreeSet::new(),
            name: name.to_owned(),
            show_all: false,
            problem: None,
        };
        dialog.list();
        dialog
    }

    /// Show folder `dir`.
    pub fn enter(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.picked.clear();
        self.list();
    }

    /// The entries shown: folders, and files of the wanted kinds (or all).
    pub fn entries(&self) -> impl Iterator<Item = &(String, bool)> {
        self.entries
            .iter()
            .filter(|(name, is_dir)| *is_dir || self.show_all || self.wanted(name))
    }

    fn wanted(&self, name: &str) -> bool {
        let extension = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match &self.purpose {
            Purpose::Open { extensions } => extensions.contains(&extension),
            Purpose::Save { extension: wanted } => *wanted == extension,
        }
    }

    fn list(&mut self) {
        self.problem = None;
        self.entries = match std::fs::read_dir(&self.dir) {
            Ok(read) => {
                let mut entries: Vec<(String, bool)> = read
                    .filter_map(Result::ok)
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            e.path().is_dir(),
                        )
                    })
                    .filter(|(name, _)| !name.starts_with('.'))
                    .collect();
                entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
                entries
            }
            Err(err) => {
                self.problem = Some(format!("{} cannot be listed: {err}", self.dir.display()));
                Vec::new()
            }
        };
    }

    /// Draw the dialog; how it ended, once it has.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Outcome> {
        let mut outcome = None;
        let mut open = true;
        egui::Window::new(self.title.clone())
            .open(&mut open)
            .collapsible(false)
            .default_size([520.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| outcome = self.contents(ui));
        if !open {
            outcome = Some(Outcome::Cancelled);
        }
        outcome
    }

    fn contents(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("↑ Up").clicked()
                && let Some(parent) = self.dir.parent()
            {
                self.enter(parent.to_path_buf());
            }
            let label = ui.label("Folder:");
            let mut typed = self.dir.display().to_string();
            let field = ui
                .add(egui::TextEdit::singleline(&mut typed).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if field.changed() {
                let path = PathBuf::from(&typed);
                if path.is_dir() {
                    self.enter(path);
                }
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(crate::map::style::ERROR, problem);
        }
        let entries: Vec<(String, bool)> = self.entries().cloned().collect();
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (name, is_dir) in entries {
                    let path = self.dir.join(&name);
                    if is_dir {
                        if ui
                            .selectable_label(false, RichText::new(format!("{name}/")).strong())
                            .clicked()
                        {
                            self.enter(path);
                            break;
                        }
                        continue;
                    }
                    let picked = self.picked.contains(&path) || (self.name == name);
                    if ui.selectable_label(picked, &name).clicked() {
                        self.pick(path, name);
                    }
                }
            });
        ui.checkbox(&mut self.show_all, "Show all files");
        ui.separator();
        ui.horizontal(|ui| match &self.purpose {
            Purpose::Open { .. } => {
                ui.label(format!("{} picked", self.picked.len()));
                let open = ui.add_enabled(!self.picked.is_empty(), egui::Button::new("Open"));
                if open.clicked() {
                    outcome = Some(Outcome::Picked(self.picked.iter().cloned().collect()));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancelled);
                }
            }
            Purpose::Save { .. } => {
                let label = ui.label("File name:");
                ui.text_edit_singleline(&mut self.name)
                    .labelled_by(label.id);
                let save = ui.add_enabled(!self.name.trim().is_empty(), egui::Button::new("Save"));
                if save.clicked() {
                    outcome = Some(Outcome::Picked(vec![self.dir.join(self.name.trim())]));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancelled);
                }
            }
        });
        outcome
    }

    /// A click on file `name`: picked or unpicked to open, or the name to save under.
    fn pick(&mut self, path: PathBuf, name: String) {
        match self.purpose {
            Purpose::Open { .. } => {
                if !self.picked.remove(&path) {
                    self.picked.insert(path);
                }
            }
            Purpose::Save { .. } => self.name = name,
        }
    }
}

/// Whether the platform's file dialog can be shown: a desktop portal on the session bus, or
/// zenity, which is what rfd uses on Linux. `STRIKEMAP_FILE_DIALOG=egui` forces the dialog
/// drawn in egui (and `=platform` the platform's).
pub fn platform_dialog_available() -> bool {
    match std::env::var("STRIKEMAP_FILE_DIALOG").as_deref() {
        Ok("egui") => return false,
        Ok("platform") => return true,
        _ => {}
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    let portal = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        && [
            "/usr/libexec/xdg-desktop-portal",
            "/usr/lib/xdg-desktop-portal",
        ]
        .iter()
        .any(|p| Path::new(p).exists());
    zenity || portal
}
