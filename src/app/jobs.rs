//! Work running beside the frames, and what it last said: the file dialog on its own thread,
//! File → Export PNG… saving in the background, and a problem found at start.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use super::capture::ExportJob;
use super::dialogs::{Answer, DialogFor};

/// The app's background work.
#[derive(Default)]
pub struct Jobs {
    /// A file dialog running on its own thread: the paths chosen, when it closes.
    pub file_dialog: Option<Receiver<Answer<Vec<PathBuf>>>>,
    /// File → Export PNG…'s dialog on its own thread: the path chosen, when it closes.
    pub export_path: Option<Receiver<Answer<PathBuf>>>,
    /// An export being written, and what the last one said.
    pub export: Option<ExportJob>,
    pub export_message: Option<String>,
    /// A problem found at start (a saved state set aside), shown in the layer panel.
    pub startup_warning: Option<String>,
    /// Frames still to draw for a capture (with the legend, without buttons).
    pub capture_frames: u8,
    /// A project dialog on its own thread: what it was for, and the path chosen.
    pub project_dialog: Option<Receiver<(DialogFor, Answer<PathBuf>)>>,
    /// The window title last sent.
    pub title: Option<String>,
    /// "Save the changes?" being asked, and what waits for the answer.
    pub unsaved_prompt: Option<super::unsaved::Pending>,
    /// The window is closing after the question was answered: let it.
    pub closing: bool,
    /// A layer's shown features being written: how many and where, or why not.
    pub shown_export: Option<Receiver<Result<(usize, PathBuf), String>>>,
}
