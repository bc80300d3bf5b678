//! File → Export SVG… and `--export-svg`: the map in view as SVG, bottom to top as the window
//! draws it: the reference basemap, the story's countries and provinces, the opened layers
//! (filters, styles and opacity applied), the story's markers with their labels, the sketch
//! layers, then the legend and the attribution as text.

use std::path::Path;

use egui::{Color32, Pos2, Rect};

use super::StrikemapApp;
use crate::data::sketch::MarkKind;
use crate::map::legend::Swatch;
use crate::map::markers::MarkerGroup;
use crate::map::projection::{ScreenTransform, to_mercator};
use crate::map::svg::Svg;
use crate::map::{LayerId, style};

/// What an SVG holds, for the message and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgCounts {
    pub paths: usize,
    pub circles: usize,
    pub texts: usize,
}

impl StrikemapApp {
    /// The map as last drawn, as an SVG document.
    pub fn map_svg(&self) -> Result<(String, SvgCounts), String> {
        let rect = self.view.rect.ok_or("the map has not been drawn yet")?;
        let t = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let mut svg = Svg::new(rect, style::SEA);
        let list = &self.layers.list;
        let countries_shown = list.is_visible(LayerId::Countries);
        svg.basemap(
            &self.layers.reference,
            &t,
            &self.layers.countries,
            countries_shown,
        );
        if countries_shown {
            svg.begin("Countries", 1.0);
            svg.layer(&self.layers.countries, &t, None, None);
            svg.end();
        }
        for (i, province) in self.layers.provinces.iter().enumerate() {
            if list.is_visible(LayerId::Province(i)) {
                svg.begin(&province.name, 1.0);
                svg.layer(province, &t, None, None);
                svg.end();
            }
        }
        self.opened_svg(&mut svg, &t);
        self.markers_svg(&mut svg, &t);
        self.sketches_svg(&mut svg, &t);
        self.legend_svg(&mut svg, rect);
        let counts = SvgCounts {
            paths: svg.paths,
            circles: svg.circles,
            texts: svg.texts,
        };
        Ok((svg.finish(), counts))
    }

    /// Write [`Self::map_svg`] to `path`, through a temporary file.
    pub fn export_svg(&self, path: &Path) -> Result<SvgCounts, String> {
        let (text, counts) = self.map_svg()?;
        crate::data::atomic::write_atomically(path, text.as_bytes())
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        Ok(counts)
    }

    /// The opened layers, bottom first: their shapes, and their shown points as circles.
    fn opened_svg(&self, svg: &mut Svg, t: &ScreenTransform) {
        for user in self.layers.opened.layers.iter().rev().filter(|l| l.visible) {
            if !user.event_ids.is_empty() {
                continue; // Drawn as the story's markers.
            }
            svg.begin(&user.layer.name, user.opacity);
            svg.layer(&user.layer, t, None, None);
            if user.points.is_some() {
                let theme = user.layer.theme();
                for &(p, feature) in &user.layer.store().points {
                    let at = t.to_screen(crate::map::vector::store::from_fixed(p));
                    if user.feature_shown(feature as usize) && svg.contains(at) {
                        let fill = theme.class_color(feature as usize).unwrap_or(user.color());
                        svg.circle(at, 3.5, fill, (0.8, Color32::WHITE));
                    }
                }
            }
            svg.end();
        }
    }

    /// The story's shown events: a circle in their side's colour, and their place and date.
    fn markers_svg(&self, svg: &mut Svg, t: &ScreenTransform) {
        let visible = self.events_visible();
        svg.begin("Events", 1.0);
        for (event, _) in self
            .story
            .data
            .events
            .iter()
            .zip(&visible)
            .filter(|(_, v)| **v)
        {
            let at = t.to_screen_near(to_mercator(event.position.x(), event.position.y()));
            svg.circle(
                at,
                7.0,
                MarkerGroup::of(event).color(),
                (1.5, Color32::WHITE),
            );
            let label = format!("{} · {}", event.location, event.date.format("%-d %b"));
            svg.text(
                at + egui::vec2(11.0, 0.0),
                &label,
                13.0,
                style::LEGEND_INK,
                "start",
            );
        }
        svg.end();
    }

    /// The sketch layers' marks in their own styles.
    fn sketches_svg(&self, svg: &mut Svg, t: &ScreenTransform) {
        for sketch in self.sketch.layers.iter().filter(|s| s.visible) {
            svg.begin(&sketch.name, 1.0);
            for mark in &sketch.marks {
                let pts = crate::map::sketch::screen_points(mark, t);
                let [r, g, b] = mark.style.rgb();
                let ink = Color32::from_rgb(r, g, b).gamma_multiply(mark.style.opacity);
                let fill = Color32::from_rgb(r, g, b).gamma_multiply(mark.style.fill_opacity);
                match (mark.kind, pts.first()) {
                    (MarkKind::Point, Some(&p)) => svg.circle(p, 7.0, ink, (2.0, Color32::WHITE)),
                    (MarkKind::Label, Some(&p)) => svg.text(p, &mark.label(), 15.0, ink, "middle"),
                    (MarkKind::Polygon, _) => svg.path(&[pts], true, fill, (mark.style.width, ink)),
                    _ => {
                        if let (MarkKind::Arrow, [.., from, tip]) = (mark.kind, pts.as_slice())
                            && from != tip
                        {
                            let head = arrowhead(*from, *tip, mark.style.width);
                            svg.path(&[head], true, ink, (0.0, ink));
                        }
                        svg.path(&[pts], false, Color32::TRANSPARENT, (mark.style.width, ink));
                    }
                }
            }
            svg.end();
        }
    }

    /// The legend at the top right and the attribution at the bottom right, as text.
    fn legend_svg(&self, svg: &mut Svg, rect: Rect) {
        svg.begin("Legend", 1.0);
        let x = rect.max.x - 260.0;
        let mut y = rect.min.y + 20.0;
        svg.text(
            Pos2::new(x, y),
            &self.legend_title(),
            13.0,
            style::LEGEND_INK,
            "start",
        );
        for row in self.legend_rows() {
            y += 18.0;
            let swatch = Pos2::new(x + 6.0, y);
            match row.swatch {
                Swatch::Symbol(_, color) => svg.circle(swatch, 5.0, color, (0.0, color)),
                Swatch::Area { fill, stroke } => {
                    let r = Rect::from_center_size(swatch, egui::vec2(12.0, 10.0));
                    let ring = vec![
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                    ];
                    svg.path(&[ring], true, fill, (stroke.width, stroke.color));
                }
                Swatch::None => {}
            }
            svg.text(
                Pos2::new(x + 18.0, y),
                &row.name,
                12.0,
                style::LEGEND_INK,
                "start",
            );
        }
        let mut credit = "Boundaries: Natural Earth | Places: GeoNames".to_owned();
        if let Some(tiles) = self.layers.tiles.attribution() {
            credit += &format!(" | {}", tiles.text);
        }
        let at = Pos2::new(rect.max.x - 8.0, rect.max.y - 12.0);
        svg.text(at, &credit, 10.0, style::LEGEND_INK, "end");
        svg.end();
    }
}

/// An arrow's head at `tip`, pointing away from `from`, as the map draws it.
fn arrowhead(from: Pos2, tip: Pos2, width: f32) -> Vec<Pos2> {
    let direction = (tip - from).normalized();
    let size = 10.0 + width * 2.0;
    let back = tip - direction * size;
    let side = direction.rot90() * size * 0.5;
    vec![tip, back + side, back - side]
}
