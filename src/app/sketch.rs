//! Marking up the map (the Sketch button, or K): the sketch layers, the tool in hand, the
//! selected mark and the mark being drawn. A drawing tool turns clicks into a mark's points
//! (a double-click or Enter finishes a path, Escape drops it); the select tool picks a mark,
//! drags it or its vertices, adds a vertex from an edge's middle and deletes one with a
//! right-click. Ctrl+Z and Ctrl+Shift+Z undo and redo every edit.

use egui::{DragPanButtons, Key, Modifiers, PointerButton, Pos2, Rect};

use super::StrikemapApp;
use crate::data::sketch::{Mark, MarkKind, Sketch};
use crate::map::MarkerInput;
use crate::map::projection::{ScreenTransform, from_mercator, wrap_longitude};
use crate::map::sketch::{Drawing, Handle, SketchPlugin, hit_handle, hit_mark};

/// What clicks on the map do while sketching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// Pick, move and reshape marks.
    Select,
    /// Draw a new mark of this kind.
    Draw(MarkKind),
}

/// The sketch layers and the tool drawing on them.
#[derive(Debug, Default)]
pub struct SketchState {
    pub layers: Vec<Sketch>,
    /// The layer new marks go to.
    pub active: usize,
    /// The tool in hand (`None`: not sketching; marks can still be clicked to read them).
    pub tool: Option<Tool>,
    /// The selected mark: layer, mark.
    pub selected: Option<(usize, usize)>,
    /// The points of the mark being drawn.
    pub drawing: Vec<[f64; 2]>,
    /// A drag of the selected mark or of one of its vertices.
    drag: Option<Drag>,
}

/// A drag in progress: what is dragged, and where the pointer was (longitude, latitude).
#[derive(Debug, Clone, Copy)]
struct Drag {
    handle: Option<Handle>,
    last: [f64; 2],
}

impl SketchState {
    /// The layer the selection is on, or the active one: what undo and redo act on.
    fn target(&self) -> usize {
        self.selected.map_or(self.active, |(s, _)| s)
    }

    /// The active layer, made if there is none.
    fn active_layer(&mut self) -> (usize, &mut Sketch) {
        if self.layers.is_empty() {
            self.layers.push(Sketch::new("Sketch"));
        }
        self.active = self.active.min(self.layers.len() - 1);
        (self.active, &mut self.layers[self.active])
    }
}

impl SketchState {
    /// The plugin drawing the sketch layers and, while `editing` (not for an exported image),
    /// the selection's handles and the mark being drawn (to the pointer).
    pub(super) fn plugin(&self, ui: &egui::Ui, rect: Rect, editing: bool) -> SketchPlugin<'_> {
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| rect.contains(*p));
        let drawing = match self.tool {
            Some(Tool::Draw(kind)) if editing && !self.drawing.is_empty() => Some(Drawing {
                kind,
                points: self.drawing.as_slice(),
                pointer,
            }),
            _ => None,
        };
        SketchPlugin {
            sketches: &self.layers,
            selected: self.selected.filter(|_| editing),
            drawing,
        }
    }
}

impl StrikemapApp {
    /// How the map takes the pointer this frame: no panning while a mark is dragged, and no
    /// zoom on a double-click while a path is drawn (it finishes the path).
    pub(super) fn map_gestures(&mut self, ui: &egui::Ui, rect: Rect) -> (DragPanButtons, bool) {
        let pan = match self.sketch_drag(ui, rect) {
            true => DragPanButtons::empty(),
            false => DragPanButtons::PRIMARY,
        };
        (pan, !self.is_drawing())
    }

    /// A click for the tool in hand: a measure's point, a sketch's point, or a mark selected.
    /// Gives whether the click was the tool's (and so selects nothing else).
    pub(super) fn tool_click(&mut self, ui: &egui::Ui, input: &MarkerInput) -> bool {
        let (Some(marker), Some(pos)) = (input.clicked, input.click_pos) else {
            return false;
        };
        if self.is_measuring() {
            return self.measure_click(pos);
        }
        let double = ui.input(|i| i.pointer.button_double_clicked(PointerButton::Primary));
        let drawing_tool = matches!(self.sketch.tool, Some(Tool::Draw(_)));
        (marker.is_none() || drawing_tool) && self.sketch_click(pos, double)
    }

    /// The sketch layers.
    pub fn sketches(&self) -> &[Sketch] {
        &self.sketch.layers
    }

    /// The tool in hand, if sketching.
    pub fn sketch_tool(&self) -> Option<Tool> {
        self.sketch.tool
    }

    /// Take up a tool (or put it down with `None`); measuring ends, and a path half drawn is
    /// dropped.
    pub fn set_sketch_tool(&mut self, tool: Option<Tool>) {
        if tool.is_some() {
            self.panels.measure = None;
            self.sketch.active_layer();
        }
        if tool != self.sketch.tool {
            self.sketch.drawing.clear();
        }
        self.sketch.tool = tool;
    }

    /// Put back the sketch layers and the panels of a project or a remembered state.
    pub(super) fn restore_sketches(
        &mut self,
        layers: Vec<Sketch>,
        panels: super::persist::PanelState,
    ) {
        self.sketch = SketchState {
            layers,
            selected: panels.selected_mark,
            ..SketchState::default()
        };
        self.keep_selection_valid();
        self.panels.measure = panels.measure;
    }

    /// The selected mark (layer, mark), if any.
    pub fn selected_mark(&self) -> Option<(usize, usize)> {
        self.sketch.selected
    }

    /// Whether a path is being drawn (double-clicks then finish it instead of zooming).
    pub(super) fn is_drawing(&self) -> bool {
        matches!(self.sketch.tool, Some(Tool::Draw(kind)) if !kind.is_single())
    }

    /// Undo the last edit of the selected mark's layer (or the active one).
    pub fn undo_sketch(&mut self) -> bool {
        let target = self.sketch.target();
        let undone = self.sketch.layers.get_mut(target).is_some_and(Sketch::undo);
        self.keep_selection_valid();
        undone
    }

    /// Redo what was last undone there.
    pub fn redo_sketch(&mut self) -> bool {
        let target = self.sketch.target();
        let redone = self.sketch.layers.get_mut(target).is_some_and(Sketch::redo);
        self.keep_selection_valid();
        redone
    }

    /// Delete the selected mark.
    pub fn delete_selected_mark(&mut self) {
        if let Some((s, m)) = self.sketch.selected.take()
            && let Some(sketch) = self.sketch.layers.get_mut(s)
            && m < sketch.marks.len()
        {
            sketch.edit(|marks| marks.remove(m));
        }
    }

    fn keep_selection_valid(&mut self) {
        if let Some((s, m)) = self.sketch.selected
            && self.sketch.layers.get(s).is_none_or(|l| m >= l.marks.len())
        {
            self.sketch.selected = None;
        }
    }

    /// Finish the path being drawn, if it has the points its kind needs.
    pub fn finish_drawing(&mut self) -> bool {
        let Some(Tool::Draw(kind)) = self.sketch.tool else {
            return false;
        };
        let mut points = std::mem::take(&mut self.sketch.drawing);
        points.dedup();
        if points.len() < kind.min_points() {
            self.sketch.drawing = points;
            return false;
        }
        self.add_mark(Mark::new(kind, points));
        true
    }

    /// Add a mark to the active layer and select it.
    pub fn add_mark(&mut self, mark: Mark) {
        let (s, sketch) = self.sketch.active_layer();
        let m = sketch.edit(|marks| {
            marks.push(mark);
            marks.len() - 1
        });
        self.sketch.selected = Some((s, m));
    }

    /// K takes up the select tool or puts the tools down; Enter finishes a path; Escape
    /// drops a path half drawn, then puts the tool down; Delete deletes the selected mark;
    /// Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) undo and redo.
    pub(super) fn sketch_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        if ctx.input_mut(|i| {
            i.consume_key(shift_command, Key::Z) || i.consume_key(Modifiers::COMMAND, Key::Y)
        }) {
            self.redo_sketch();
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Z)) {
            self.undo_sketch();
        }
        let pressed = |key: Key| ctx.input(|i| i.key_pressed(key) && i.modifiers.is_none());
        if pressed(Key::K) {
            let tool = match self.sketch.tool {
                Some(_) => None,
                None => Some(Tool::Select),
            };
            self.set_sketch_tool(tool);
        }
        if pressed(Key::Enter) {
            self.finish_drawing();
        }
        if pressed(Key::Escape) && self.sketch.tool.is_some() {
            if self.sketch.drawing.is_empty() {
                self.set_sketch_tool(None);
            } else {
                self.sketch.drawing.clear();
            }
        }
        if (pressed(Key::Delete) || pressed(Key::Backspace)) && self.sketch.tool.is_some() {
            self.delete_selected_mark();
        }
    }

    /// Longitude, latitude under a screen position.
    fn lon_lat_at(&self, rect: Rect, pos: Pos2) -> [f64; 2] {
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let at = from_mercator(transform.from_screen(pos));
        [wrap_longitude(at.x()), at.y()]
    }

    /// A click on the map: a point of the mark being drawn, or the mark under it selected.
    /// Gives whether the click was the sketch's.
    pub(super) fn sketch_click(&mut self, pos: Pos2, double: bool) -> bool {
        let Some(rect) = self.view.rect else {
            return false;
        };
        if let Some(Tool::Draw(kind)) = self.sketch.tool {
            let at = self.lon_lat_at(rect, pos);
            if kind.is_single() {
                let mut mark = Mark::new(kind, vec![at]);
                if kind == MarkKind::Label {
                    mark.title = "Label".to_owned();
                }
                self.add_mark(mark);
            } else if double {
                self.finish_drawing();
            } else {
                self.sketch.drawing.push(at);
            }
            return true;
        }
        let hit = self.mark_at(pos);
        if hit.is_some() || self.sketch.tool.is_some() {
            self.sketch.selected = hit;
        }
        hit.is_some()
    }

    /// The topmost shown mark under a screen position: layer, mark.
    pub(super) fn mark_at(&self, pos: Pos2) -> Option<(usize, usize)> {
        let rect = self.view.rect?;
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        self.sketch
            .layers
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, s)| s.visible)
            .find_map(|(s, sketch)| Some((s, hit_mark(sketch, &transform, pos)?)))
    }

    /// Dragging with the select tool: a press on the selected mark or a handle starts a drag
    /// (a press on an edge's middle first adds a vertex there), the pointer moves it, and the
    /// release ends it as one edit; a right-click on a vertex deletes it. Gives whether the
    /// map must not pan this frame.
    pub(super) fn sketch_drag(&mut self, ui: &egui::Ui, rect: Rect) -> bool {
        let (Some(Tool::Select), Some((s, m))) = (self.sketch.tool, self.sketch.selected) else {
            self.sketch.drag = None;
            return false;
        };
        let (pressed, down, right, pos) = ui.input(|i| {
            let p = &i.pointer;
            (
                p.primary_pressed(),
                p.primary_down(),
                p.secondary_clicked(),
                p.interact_pos(),
            )
        });
        let Some(pos) = pos.filter(|p| rect.contains(*p) || self.sketch.drag.is_some()) else {
            return false;
        };
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let at = self.lon_lat_at(rect, pos);
        let Some(sketch) = self.sketch.layers.get_mut(s) else {
            return false;
        };
        let Some(mark) = sketch.marks.get(m) else {
            return false;
        };
        let handle = hit_handle(mark, &transform, pos);
        if right && let Some(Handle::Vertex(v)) = handle {
            if mark.can_delete_vertex() {
                sketch.edit(|marks| marks[m].points.remove(v));
            }
            return true;
        }
        if pressed && self.sketch.drag.is_none() {
            let body = hit_mark(sketch, &transform, pos) == Some(m);
            if handle.is_none() && !body {
                return false;
            }
            sketch.begin_change();
            let handle = match handle {
                Some(Handle::Midpoint(i)) => {
                    sketch.marks[m].points.insert(i + 1, at);
                    Some(Handle::Vertex(i + 1))
                }
                other => other,
            };
            self.sketch.drag = Some(Drag { handle, last: at });
        }
        let Some(drag) = self.sketch.drag.as_mut() else {
            return false;
        };
        let mark = &mut sketch.marks[m];
        match drag.handle {
            Some(Handle::Vertex(v)) if v < mark.points.len() => mark.points[v] = at,
            _ => mark.translate([at[0] - drag.last[0], at[1] - drag.last[1]]),
        }
        drag.last = at;
        if !down {
            sketch.end_change();
            self.sketch.drag = None;
        }
        ui.ctx().request_repaint();
        true
    }
}
