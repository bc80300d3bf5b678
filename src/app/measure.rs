//! The measure mode (the Measure button, or M): clicks on the map add points to a geodesic
//! path, a polygon or a range ring's centre instead of selecting; the side panel shows the
//! lengths, the area and the bearing, with a button that copies them. Escape ends the mode.

use egui::{Key, Pos2, RichText, Ui};

use super::StrikemapApp;
use crate::data::measure::{MeasureMode, Measurement, Unit};
use crate::map::projection::{ScreenTransform, from_mercator, wrap_longitude};

impl StrikemapApp {
    /// Whether the measure mode is on.
    pub fn is_measuring(&self) -> bool {
        self.panels.measure.is_some()
    }

    /// The measurement being made, if any.
    pub fn measurement(&self) -> Option<&Measurement> {
        self.panels.measure.as_ref()
    }

    /// Start or end the measure mode.
    pub fn toggle_measure(&mut self) {
        self.panels.measure = match self.panels.measure {
            Some(_) => None,
            None => Some(Measurement::new(MeasureMode::Distance)),
        };
        if self.panels.measure.is_some() {
            self.set_sketch_tool(None);
        }
    }

    /// M starts or ends the mode (unless a text field has the keyboard); Escape ends it.
    pub(super) fn measure_keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        if !typing && ctx.input(|i| i.key_pressed(Key::M) && i.modifiers.is_none()) {
            self.toggle_measure();
        }
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            self.panels.measure = None;
        }
    }

    /// A click on the map while measuring: a point of the path or polygon, or the ring's
    /// centre. Gives whether the click was the measure's.
    pub(super) fn measure_click(&mut self, pos: Pos2) -> bool {
        let Some(rect) = self.view.rect else {
            return false;
        };
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let Some(m) = self.panels.measure.as_mut() else {
            return false;
        };
        let at = from_mercator(transform.from_screen(pos));
        let point = [wrap_longitude(at.x()), at.y()];
        match m.mode {
            MeasureMode::Ring { .. } => m.points = vec![point],
            _ => m.points.push(point),
        }
        true
    }

    /// The side panel's measure section: the mode, the unit, the results.
    pub(super) fn measure_panel(&mut self, ui: &mut Ui) {
        let selected = self.selected_event().map(|e| e.position);
        let Some(m) = self.panels.measure.as_mut() else {
            return;
        };
        ui.heading("Measure");
        ui.weak("Click the map to add points. Escape ends.");
        ui.horizontal(|ui| {
            let ring = matches!(m.mode, MeasureMode::Ring { .. });
            if ui
                .selectable_label(m.mode == MeasureMode::Distance, "Distance")
                .clicked()
            {
                m.mode = MeasureMode::Distance;
            }
            if ui
                .selectable_label(m.mode == MeasureMode::Area, "Area")
                .clicked()
            {
                m.mode = MeasureMode::Area;
            }
            if ui.selectable_label(ring, "Range ring").clicked() && !ring {
                m.mode = MeasureMode::Ring { radius_m: 50_000.0 };
                m.points.truncate(1);
            }
        });
        ui.horizontal(|ui| {
            for unit in [Unit::Km, Unit::Mi, Unit::Nm] {
                ui.selectable_value(&mut m.unit, unit, unit.name());
            }
        });
        if let MeasureMode::Ring { radius_m } = &mut m.mode {
            let metres = m.unit.metres();
            let mut radius = *radius_m / metres;
            ui.horizontal(|ui| {
                ui.label("radius");
                let drag = egui::DragValue::new(&mut radius)
                    .range(0.1..=5000.0)
                    .speed(1.0);
                if ui.add(drag).changed() {
                    *radius_m = radius * metres;
                }
                ui.label(m.unit.name());
            });
            if let Some(at) = selected
                && ui.button("Round the selected event").clicked()
            {
                m.points = vec![[at.x(), at.y()]];
            }
        }
        let report = m.report();
        for line in &report {
            ui.label(RichText::new(line).monospace());
        }
        let mut done = false;
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!report.is_empty(), egui::Button::new("Copy"))
                .clicked()
            {
                ui.ctx().copy_text(report.join("\n"));
            }
            if ui.button("Clear").clicked() {
                m.points.clear();
            }
            done = ui.button("Done").clicked();
        });
        if done {
            self.panels.measure = None;
        }
        ui.separator();
    }
}
