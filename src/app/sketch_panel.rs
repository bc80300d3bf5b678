//! The sketch's panels: the tools, undo and redo, export, and the selected mark's editor in the
//! side panel; the sketch layers' rows in the layer panel; File → Open as sketch… and the
//! export of a sketch layer as GeoJSON or KML, written to a temporary file and renamed into
//! place.

use std::path::Path;

use egui::Ui;

use super::StrikemapApp;
use super::sketch::Tool;
use crate::data::formats::{geojson, kml};
use crate::data::sketch::{MarkKind, Sketch};
use crate::ui::sketch::{SketchLayerAction, layer_rows, mark_editor};

/// What a sketch is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SketchFormat {
    GeoJson,
    Kml,
}

impl SketchFormat {
    /// By a file's extension: `.kml` is KML, anything else GeoJSON.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("kml") => Self::Kml,
            _ => Self::GeoJson,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::GeoJson => "GeoJSON",
            Self::Kml => "KML",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::GeoJson => "geojson",
            Self::Kml => "kml",
        }
    }
}

impl StrikemapApp {
    /// Write sketch layer `index` to `path` (GeoJSON, or KML for `.kml`).
    pub fn export_sketch(&self, index: usize, path: &Path) -> Result<(), String> {
        let sketch = self
            .sketch
            .layers
            .get(index)
            .ok_or("there is no such sketch layer")?;
        let text = match SketchFormat::of(path) {
            SketchFormat::GeoJson => geojson::sketch::write(sketch),
            SketchFormat::Kml => kml::write::write(sketch),
        };
        crate::data::atomic::write_atomically(path, text.as_bytes())
            .map_err(|err| format!("cannot write {}: {err}", path.display()))
    }

    /// Open a GeoJSON file as a sketch layer, to edit its features as marks.
    pub fn open_sketch(&mut self, path: &Path) -> Result<usize, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|err| format!("{shown}: {err}"))?;
        let read = geojson::sketch::read(&text).map_err(|why| format!("{shown}: {why}"))?;
        let name = path
            .file_stem()
            .map_or("Sketch".into(), |s| s.to_string_lossy().into_owned());
        self.sketch
            .layers
            .push(Sketch::with_marks(&name, read.marks));
        self.sketch.active = self.sketch.layers.len() - 1;
        self.jobs.export_message = Some(match read.skipped.first() {
            None => format!("Opened {shown} as a sketch"),
            Some(first) => format!(
                "Opened {shown} as a sketch; {} left out ({first})",
                crate::format::counted(read.skipped.len(), "feature", "features")
            ),
        });
        Ok(self.sketch.active)
    }

    /// A mark under the pointer says what it is and where it came from.
    pub(super) fn mark_tooltip(&self, ui: &egui::Ui, (s, m): (usize, usize)) {
        let Some(mark) = self.sketch.layers.get(s).and_then(|l| l.marks.get(m)) else {
            return;
        };
        egui::Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            ui.scope_id().with("mark-tooltip"),
            egui::PopupAnchor::Pointer,
        )
        .show(|ui| {
            ui.strong(crate::text::visual(&mark.label()));
            let position = match mark.certainty {
                crate::data::sketch::Certainty::Approximate { radius_m } => {
                    format!(
                        "position approximate, within {}",
                        crate::format::km(radius_m)
                    )
                }
                other => format!("position {}", other.name()),
            };
            ui.label(format!("{} · {position}", mark.kind.name()));
            for line in [&mark.date, &mark.source] {
                if !line.is_empty() {
                    ui.weak(line);
                }
            }
            if mark.source.is_empty() {
                ui.weak("no source given");
            }
        });
    }

    /// The sketch layers' rows in the layer panel.
    pub(super) fn sketch_layers(&mut self, ui: &mut Ui) {
        if self.sketch.layers.is_empty() {
            return;
        }
        let state = &mut self.sketch;
        match layer_rows(ui, &mut state.layers, state.active) {
            Some(SketchLayerAction::Activate(i)) => state.active = i,
            Some(SketchLayerAction::New) => {
                let name = format!("Sketch {}", state.layers.len() + 1);
                state.layers.push(Sketch::new(&name));
                state.active = state.layers.len() - 1;
            }
            Some(SketchLayerAction::Remove(i)) => {
                state.layers.remove(i);
                state.active = state.active.min(state.layers.len().saturating_sub(1));
                state.selected = None;
            }
            None => {}
        }
    }

    /// The side panel's sketch section: while sketching, or while a mark is selected.
    pub(super) fn sketch_panel(&mut self, ui: &mut Ui) {
        if self.sketch.tool.is_none() && self.sketch.selected.is_none() {
            return;
        }
        ui.heading("Sketch");
        if self.sketch.tool.is_some() {
            self.tool_rows(ui);
        }
        if let Some((s, m)) = self.sketch.selected
            && let Some(sketch) = self.sketch.layers.get_mut(s)
            && let Some(mark) = sketch.marks.get(m)
        {
            ui.strong(format!("{}: {}", mark.kind.name(), mark.label()));
            let mut copy = mark.clone();
            if let Some(field) = mark_editor(ui, &mut copy) {
                sketch.edit_merging(&format!("{m}:{field}"), |marks| marks[m] = copy);
            }
            if ui.button("Delete mark").clicked() {
                self.delete_selected_mark();
            }
        }
        ui.separator();
    }

    /// The tools, what to do next, undo and redo, and export.
    fn tool_rows(&mut self, ui: &mut Ui) {
        let tool = self.sketch.tool;
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(tool == Some(Tool::Select), "Select")
                .clicked()
            {
                self.set_sketch_tool(Some(Tool::Select));
            }
            for kind in MarkKind::ALL {
                let on = tool == Some(Tool::Draw(kind));
                if ui.selectable_label(on, kind.name()).clicked() {
                    self.set_sketch_tool(Some(Tool::Draw(kind)));
                }
            }
        });
        ui.weak(self.sketch_hint());
        if self.is_drawing() && ui.button("Finish").clicked() {
            self.finish_drawing();
        }
        let target = self.sketch.selected.map_or(self.sketch.active, |(s, _)| s);
        let (can_undo, can_redo) = self
            .sketch
            .layers
            .get(target)
            .map_or((false, false), |s| (s.can_undo(), s.can_redo()));
        ui.horizontal(|ui| {
            let undo = egui::Button::new("Undo").shortcut_text("Ctrl+Z");
            if ui.add_enabled(can_undo, undo).clicked() {
                self.undo_sketch();
            }
            let redo = egui::Button::new("Redo").shortcut_text("Ctrl+Shift+Z");
            if ui.add_enabled(can_redo, redo).clicked() {
                self.redo_sketch();
            }
        });
        ui.horizontal(|ui| {
            for format in [SketchFormat::GeoJson, SketchFormat::Kml] {
                let label = format!("Export {}…", format.name());
                if ui.button(label).clicked() {
                    self.ask_sketch_export(format, ui.ctx());
                }
            }
        });
    }

    /// Ask where to write the active sketch layer.
    fn ask_sketch_export(&mut self, format: SketchFormat, ctx: &egui::Context) {
        if self.jobs.project_dialog.is_none() && self.panels.dialog.is_none() {
            self.ask_path(super::dialogs::DialogFor::ExportSketch(format), ctx);
        }
    }

    /// What the tool in hand does next.
    fn sketch_hint(&self) -> String {
        match self.sketch.tool {
            Some(Tool::Draw(kind)) if kind.is_single() => {
                format!("Click to place a {}.", kind.name())
            }
            Some(Tool::Draw(_)) => format!(
                "Click to add points ({} so far); double-click or Enter finishes, Escape drops it.",
                self.sketch.drawing.len()
            ),
            _ => "Click a mark to select it; drag it or its vertices; click an edge's middle to \
                  add a vertex; right-click a vertex to delete it."
                .to_owned(),
        }
    }
}
