//! Unsaved changes are never lost by surprise: closing the window or File → New while the open
//! project has changes asks first ("Save", "Don't save", "Cancel"), as every editor does.

use egui::{Id, Modal};

use super::StrikemapApp;
use crate::ui::timeline::Timeline;

/// What waits for the answer to "save the changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// The window is to close.
    Close,
    /// A new, empty project is to replace this one.
    New,
}

impl StrikemapApp {
    /// File → New: start afresh, asking first if the open project has unsaved changes.
    pub fn new_project(&mut self) {
        if self.has_unsaved_changes() {
            self.jobs.unsaved_prompt = Some(Pending::New);
        } else {
            self.clear_project();
        }
    }

    /// Whether "save the changes?" is being asked.
    pub fn asks_to_save(&self) -> bool {
        self.jobs.unsaved_prompt.is_some()
    }

    /// No project, no opened layers, no sketches, the story's whole span.
    fn clear_project(&mut self) {
        self.close_layers();
        self.sketch = Default::default();
        self.panels.measure = None;
        self.project = None;
        self.select(None);
        self.timeline = Timeline::new(&self.story.data.events);
    }

    /// A close request while changes are unsaved is held back and the question asked; the
    /// prompt, while it is up.
    pub(super) fn unsaved_frame(&mut self, ctx: &egui::Context) {
        let close = ctx.input(|i| i.viewport().close_requested());
        if close && !self.jobs.closing && self.has_unsaved_changes() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.jobs.unsaved_prompt = Some(Pending::Close);
        }
        let Some(pending) = self.jobs.unsaved_prompt else {
            return;
        };
        let name = self
            .project_path()
            .and_then(|p| p.file_name())
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let mut answer = None;
        Modal::new(Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading(format!("Save the changes to {name}?"));
            ui.label("They are lost if you do not save them.");
            ui.horizontal(|ui| {
                for choice in [Choice::Save, Choice::Discard, Choice::Cancel] {
                    if ui.button(choice.label()).clicked() {
                        answer = Some(choice);
                    }
                }
            });
        });
        match answer {
            Some(Choice::Save) => {
                let saved = match self.project_path().map(std::path::Path::to_path_buf) {
                    Some(path) => self.save_project(&path),
                    None => Ok(()),
                };
                match saved {
                    Ok(()) => self.go_on(pending, ctx),
                    Err(why) => {
                        self.jobs.export_message = Some(why);
                        self.jobs.unsaved_prompt = None;
                    }
                }
            }
            Some(Choice::Discard) => self.go_on(pending, ctx),
            Some(Choice::Cancel) => self.jobs.unsaved_prompt = None,
            None => {}
        }
    }

    /// Do what was held back.
    fn go_on(&mut self, pending: Pending, ctx: &egui::Context) {
        self.jobs.unsaved_prompt = None;
        match pending {
            Pending::Close => {
                self.jobs.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::New => self.clear_project(),
        }
    }
}

/// The prompt's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Save,
    Discard,
    Cancel,
}

impl Choice {
    fn label(self) -> &'static str {
        match self {
            Self::Save => "Save",
            Self::Discard => "Don't save",
            Self::Cancel => "Cancel",
        }
    }
}
