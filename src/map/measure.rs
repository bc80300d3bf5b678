//! A measurement on the map: the path as geodesic curves (each leg divided along the
//! ellipsoid, so that a long leg bends as the true shortest path does), a polygon's outline,
//! or a range ring from geodesic destinations; the clicked points as dots and each
//! segment's length by its middle.

use egui::{Align2, Color32, FontId, Pos2, Shape, Stroke};
use geo::{Geodesic, InterpolatePoint, Point};
use walkers::{MapMemory, Plugin, Projector};

use crate::data::measure::{MeasureMode, Measurement};
use crate::map::projection::{ScreenTransform, to_mercator};

/// The measure's ink: a dark orange that stands out on the reference map and on tiles.
const INK: Color32 = Color32::from_rgb(204, 85, 0);

/// Draws the measurement being made.
pub struct MeasurePlugin<'a> {
    pub measurement: &'a Measurement,
}

/// Points along the geodesic from `a` to `b` (longitude, latitude), every 1/32 of its length.
fn leg(a: [f64; 2], b: [f64; 2]) -> Vec<[f64; 2]> {
    let (pa, pb) = (Point::new(a[0], a[1]), Point::new(b[0], b[1]));
    let length = geo::Distance::distance(&Geodesic, pa, pb);
    if length <= 0.0 {
        return vec![a, b];
    }
    Geodesic
        .points_along_line(pa, pb, length / 32.0, true)
        .map(|p| [p.x(), p.y()])
        .collect()
}

impl Plugin for MeasurePlugin<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let transform = ScreenTransform::from_projector(projector);
        let screen = |[lon, lat]: [f64; 2]| transform.to_screen_near(to_mercator(lon, lat));
        let painter = ui.painter();
        let m = self.measurement;
        let stroke = Stroke::new(2.5, INK);
        match m.mode {
            MeasureMode::Ring { radius_m } => {
                if let Some(&centre) = m.points.first() {
                    let ring: Vec<Pos2> = Measurement::ring(centre, radius_m, 128)
                        .into_iter()
                        .map(screen)
                        .collect();
                    painter.add(Shape::line(ring, stroke));
                }
            }
            MeasureMode::Distance | MeasureMode::Area => {
                let mut legs: Vec<([f64; 2], [f64; 2])> =
                    m.points.windows(2).map(|w| (w[0], w[1])).collect();
                let closed = m.mode == MeasureMode::Area && m.points.len() >= 3;
                if closed && let (Some(&first), Some(&last)) = (m.points.first(), m.points.last()) {
                    legs.push((last, first));
                }
                let path: Vec<Pos2> = legs
                    .iter()
                    .flat_map(|&(a, b)| leg(a, b))
                    .map(screen)
                    .collect();
                painter.add(Shape::line(path, stroke));
                if m.mode == MeasureMode::Distance {
                    for ((a, b), length) in legs.iter().zip(m.segments_m()) {
                        let along = leg(*a, *b);
                        let middle = along[along.len() / 2];
                        let galley = painter.layout_no_wrap(
                            m.unit.format(length),
                            FontId::proportional(12.0),
                            INK,
                        );
                        let rect = Align2::CENTER_BOTTOM
                            .anchor_size(screen(middle) - egui::vec2(0.0, 4.0), galley.size());
                        painter.rect_filled(rect.expand(2.0), 3.0, Color32::from_white_alpha(220));
                        painter.galley(rect.min, galley, INK);
                    }
                }
            }
        }
        for &p in &m.points {
            painter.circle(screen(p), 4.0, Color32::WHITE, stroke);
        }
    }
}
