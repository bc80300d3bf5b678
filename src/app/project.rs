//! The project file (`.strikemap`): the same model the app remembers between runs
//! ([`SavedState`]), written as indented JSON so that a text diff shows what changed, with the
//! layers' paths relative to the project file so that a folder can be moved or handed on.
//! A save writes a temporary file beside the project and renames it into place, so that a
//! crash mid-save leaves the old file whole. A project from a newer strikemap, or one that
//! cannot be read, is refused with the reason and nothing already open is changed.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::StrikemapApp;
use super::persist::{SavedState, VERSION};
use crate::map::identify::LayerRef;

/// A project file's extension.
pub const EXTENSION: &str = "strikemap";
/// What the file says it is.
const FORMAT: &str = "strikemap project";

/// A project file: what it is, then the state.
#[derive(Debug, Serialize, Deserialize)]
struct ProjectFile {
    format: String,
    #[serde(flatten)]
    state: SavedState,
}

/// Whether `path` names a project file (by its extension).
pub fn is_project(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION))
}

/// `path` relative to the folder `base` where it can be (`../data/a.csv`), else as it is.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    if !path.is_absolute() || !base.is_absolute() {
        return path.to_path_buf();
    }
    let (p, b): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), base.components().collect());
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Only a shared root: an absolute path says more.
    if common <= 1 {
        return path.to_path_buf();
    }
    let mut out: PathBuf = b[common..].iter().map(|_| Component::ParentDir).collect();
    out.extend(&p[common..]);
    out
}

/// A project's layer path as the file system needs it.
fn resolve(path: &Path, base: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

/// Whether a tiled layer's location is a file on this machine (kept relative, like files).
fn is_local(location: &str) -> bool {
    use crate::data::formats::vector_tiles::Location;
    matches!(
        Location::parse(location),
        Ok(Location::File(_)
            | Location::FlatGeobuf(_)
            | Location::GeoPackage(_)
            | Location::GeoParquet(_))
    )
}

/// The folder a project file is in, made absolute.
fn folder_of(project: &Path) -> PathBuf {
    let folder = project.parent().unwrap_or(Path::new("."));
    std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf())
}

impl StrikemapApp {
    /// The project as its file's text.
    pub fn project_text(&self, project: &Path) -> String {
        let mut state = self.state_model();
        let base = folder_of(project);
        let relative = |p: &Path| {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            relative_to(&absolute, &base)
        };
        state.files = state.files.iter().map(|p| relative(p)).collect();
        for record in &mut state.opened {
            record.path = relative(&record.path);
        }
        for record in state.tiled.iter_mut().filter(|r| is_local(&r.location)) {
            record.location = relative(Path::new(&record.location)).display().to_string();
        }
        let file = ProjectFile {
            format: FORMAT.to_owned(),
            state,
        };
        serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
    }

    /// Save the project to `path`: a temporary file beside it, renamed into place.
    pub fn save_project(&mut self, path: &Path) -> Result<(), String> {
        let text = self.project_text(path);
        crate::data::atomic::write_atomically(path, text.as_bytes())
            .map_err(|err| format!("cannot save {}: {err}", path.display()))?;
        self.project = Some(super::OpenProject {
            path: path.to_path_buf(),
            saved: self.state_model(),
        });
        Ok(())
    }

    /// Open the project at `path` in place of what is open; a project that cannot be read,
    /// or is from a newer strikemap, changes nothing and says why.
    pub fn open_project(&mut self, path: &Path, ctx: &egui::Context) -> Result<(), String> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        let mut state = parse_project(&text).map_err(|why| format!("{}: {why}", path.display()))?;
        let base = folder_of(path);
        state.files = state.files.iter().map(|p| resolve(p, &base)).collect();
        for record in &mut state.opened {
            record.path = resolve(&record.path, &base);
        }
        for record in state.tiled.iter_mut().filter(|r| is_local(&r.location)) {
            let path = resolve(Path::new(&record.location), &base);
            record.location = path.display().to_string();
        }
        self.close_layers();
        // What the project says is what "unsaved" is measured against (its files are still
        // opening).
        self.project = Some(super::OpenProject {
            path: path.to_path_buf(),
            saved: state.clone(),
        });
        self.restore_model(state, ctx);
        Ok(())
    }

    /// Remove every opened layer (File → Open project replaces what is open).
    pub(super) fn close_layers(&mut self) {
        let ids: Vec<u64> = self.layers.opened.layers.iter().map(|l| l.id).collect();
        for id in ids {
            self.remove_layer(id);
        }
        self.layers.opened.refused.clear();
        self.layers.tiled.layers.clear();
        self.layers.tiled.refused.clear();
        self.selection.tiled = None;
    }

    /// Remove an opened layer, and its events from the story if it is an events file.
    pub(super) fn remove_layer(&mut self, id: u64) {
        if let Some(index) = self.layers.opened.index_of(id)
            && let Some(removed) = self.layers.opened.remove(index)
            && !removed.event_ids.is_empty()
        {
            // Event indices shift: the selection cannot survive.
            self.select(None);
            self.selection.hovered_event = None;
            self.story.remove_events(&removed.event_ids);
        }
        if self
            .selection
            .feature
            .is_some_and(|feature| feature.layer == LayerRef::User(id))
        {
            self.selection.feature = None;
        }
    }

    /// The open project's file, if any.
    pub fn project_path(&self) -> Option<&Path> {
        self.project.as_ref().map(|p| p.path.as_path())
    }

    /// Whether what the project holds changed since it was opened or saved. Where the map
    /// looks, what is selected and the panels are saved too, but moving them is not a change
    /// to keep, as in QGIS.
    pub fn has_unsaved_changes(&self) -> bool {
        // Every field counts but these, so that a field added later counts too.
        let content = |state: SavedState| SavedState {
            view: (0.0, 0.0, 0.0),
            selected: None,
            panels: Default::default(),
            ..state
        };
        self.project
            .as_ref()
            .is_some_and(|p| content(p.saved.clone()) != content(self.state_model()))
    }

    /// "saravan.strikemap • — strikemap" (• while changes are unsaved), for the title bar.
    pub fn window_title(&self) -> String {
        match self.project_path().and_then(Path::file_name) {
            Some(name) => {
                let dirty = if self.has_unsaved_changes() {
                    " •"
                } else {
                    ""
                };
                format!("{}{dirty} — strikemap", name.to_string_lossy())
            }
            None => "strikemap".to_owned(),
        }
    }
}

/// A project file's state, or why it cannot be opened.
fn parse_project(text: &str) -> Result<SavedState, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|err| format!("not a project file ({err})"))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err("not a strikemap project (no \"format\": \"strikemap project\")".to_owned());
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(format!(
            "written by a newer strikemap (project version {version}; this one reads up to \
             {VERSION})"
        ));
    }
    let file: ProjectFile =
        serde_json::from_value(value).map_err(|err| format!("the project is damaged ({err})"))?;
    Ok(file.state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_relative_to_the_project_and_read_back() {
        // Any absolute folder will do: the one for temporary files is on every machine.
        let root = std::path::absolute(std::env::temp_dir())
            .unwrap_or_default()
            .join("maps");
        let base = root.join("saravan");
        let other = Path::new("/").join("elsewhere").join("x.kml");
        for (path, written, read) in [
            (
                base.join("acled.csv"),
                PathBuf::from("acled.csv"),
                base.join("acled.csv"),
            ),
            (
                root.join("data/admin1.geojson"),
                PathBuf::from("../data/admin1.geojson"),
                base.join("../data/admin1.geojson"),
            ),
            (other.clone(), other.clone(), other),
        ] {
            let relative = relative_to(&path, &base);
            assert_eq!(relative, written);
            assert_eq!(resolve(&relative, &base), read);
        }
    }
}
