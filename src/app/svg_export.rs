//! File → Export SVG… and `--export-svg`: the map in view as SVG, bottom to top as the window
//! draws it: the reference basemap, the story's countries and provinces, the opened layers
//! (filters, styles and opacity applied), the story's markers with their labels, the sketch
//! layers, then the legend and the attribution as text.

use std::path::Path;

use egui::{Color32, Pos2, Rect};

use super::StrikemapApp;
use crate::data::sketch::{Certainty, Mark, MarkKind};
use crate::map::legend::Swatch;
use crate::map::markers::MarkerGroup;
use crate::map::projection::{ScreenTransform, to_mercator};
use crate::map::svg::Svg;
use crate::map::tiles::imagery;
use crate::map::{LayerId, style};

/// What an SVG holds, for the message and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgCounts {
    pub paths: usize,
    pub circles: usize,
    pub texts: usize,
    /// Tile images embedded.
    pub images: usize,
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
            (&t, self.view.memory.zoom()),
            &self.layers.countries,
            countries_shown,
        );
        self.tiles_svg(&mut svg, &t, rect);
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
            images: svg.images,
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

    /// The tile imagery shown, over the reference map as in the window, each tile embedded as
    /// the server sent it.
    fn tiles_svg(&self, svg: &mut Svg, t: &ScreenTransform, rect: Rect) {
        let Some(loader) = self.layers.tiles.loader() else {
            return;
        };
        let images = imagery::in_view(loader, t, rect, self.view.memory.zoom());
        if images.is_empty() {
            return;
        }
        svg.begin("tiles", 1.0);
        for image in &images {
            svg.image(image.rect, &image.bytes);
        }
        svg.end();
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

    /// The story's shown events: the area an uncertain one may lie in at ground scale (as the
    /// map draws it, beneath all markers), then a circle in their side's colour, and their place
    /// and date.
    fn markers_svg(&self, svg: &mut Svg, t: &ScreenTransform) {
        let visible = self.events_visible();
        let shown: Vec<_> = self
            .story
            .data
            .events
            .iter()
            .zip(&visible)
            .filter(|(_, v)| **v)
            .map(|(event, _)| {
                let at = t.to_screen_near(to_mercator(event.position.x(), event.position.y()));
                (event, at, MarkerGroup::of(event).color())
            })
            .collect();
        svg.begin("Events", 1.0);
        for &(event, at, color) in shown
            .iter()
            .filter(|(e, ..)| e.is_uncertain() && e.uncertainty_m > 0.0)
        {
            let radius = event.uncertainty_m as f32 * t.points_per_metre(event.position.y());
            let ring = (1.5, color.gamma_multiply(0.7));
            svg.circle(at, radius, color.gamma_multiply(0.12), ring);
        }
        for &(event, at, color) in &shown {
            svg.circle(at, 7.0, color, (1.5, Color32::WHITE));
            let label = format!("{} · {}", event.location, event.date.format("%-d %b"));
            let ink = style::LEGEND_INK;
            svg.text_halo(at + egui::vec2(11.0, 0.0), &label, 13.0, ink, "start");
        }
        svg.end();
    }

    /// The sketch layers' marks in their own styles, uncertain ones as the map shows them: a
    /// point's radius at ground scale, a stand-in point hollow, a path's or an area's outline
    /// dashed.
    fn sketches_svg(&self, svg: &mut Svg, t: &ScreenTransform) {
        for sketch in self.sketch.layers.iter().filter(|s| s.visible) {
            svg.begin(&sketch.name, 1.0);
            for mark in &sketch.marks {
                sketch_mark_svg(svg, mark, t);
            }
            svg.end();
        }
    }

    /// The legend at the top right and the attribution at the bottom right, as text.
    fn legend_svg(&self, svg: &mut Svg, rect: Rect) {
        svg.begin("Legend", 1.0);
        let x = rect.max.x - 260.0;
        let mut y = rect.min.y + 20.0;
        let rows = self.legend_rows();
        // A panel beneath, as in the window, so the names under it do not show through.
        let panel = Rect::from_min_max(
            Pos2::new(x - 8.0, y - 12.0),
            Pos2::new(rect.max.x - 6.0, y + 10.0 + 18.0 * rows.len() as f32),
        );
        let (paper, edge) = (Color32::from_white_alpha(230), Color32::from_gray(190));
        svg.path(&[corners(panel)], true, paper, (0.5, edge));
        svg.text(
            Pos2::new(x, y),
            &self.legend_title(),
            13.0,
            style::LEGEND_INK,
            "start",
        );
        for row in rows {
            y += 18.0;
            let swatch = Pos2::new(x + 6.0, y);
            match row.swatch {
                Swatch::Symbol(_, color) => svg.circle(swatch, 5.0, color, (0.0, color)),
                Swatch::Area { fill, stroke } => {
                    let r = Rect::from_center_size(swatch, egui::vec2(12.0, 10.0));
                    svg.path(&[corners(r)], true, fill, (stroke.width, stroke.color));
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

/// One mark, as [`crate::map::sketch::paint_mark`] draws it.
fn sketch_mark_svg(svg: &mut Svg, mark: &Mark, t: &ScreenTransform) {
    let pts = crate::map::sketch::screen_points(mark, t);
    let [r, g, b] = mark.style.rgb();
    let ink = Color32::from_rgb(r, g, b).gamma_multiply(mark.style.opacity);
    let fill = Color32::from_rgb(r, g, b).gamma_multiply(mark.style.fill_opacity);
    let dashed = mark.certainty != Certainty::Exact;
    if let (Certainty::Approximate { radius_m }, true, Some(&p)) =
        (mark.certainty, mark.kind.is_single(), pts.first())
    {
        let radius = radius_m as f32 * t.points_per_metre(mark.points[0][1]);
        svg.circle(p, radius, ink.gamma_multiply(0.10), (1.0, ink));
    }
    let line = (mark.style.width, ink);
    match (mark.kind, pts.first()) {
        (MarkKind::Point, Some(&p)) => {
            let standin = mark.certainty == Certainty::Standin;
            let dot = if standin { Color32::WHITE } else { ink };
            svg.circle(p, 7.0, dot, (2.0, Color32::WHITE));
            svg.circle(p, 8.0, Color32::TRANSPARENT, (1.5, ink));
        }
        (MarkKind::Label, Some(&p)) => svg.text_halo(p, &mark.label(), 15.0, ink, "middle"),
        (MarkKind::Polygon, _) => svg.path_dashed(&[pts], true, fill, line, dashed),
        _ => {
            if let (MarkKind::Arrow, [.., from, tip]) = (mark.kind, pts.as_slice())
                && from != tip
            {
                let head = arrowhead(*from, *tip, mark.style.width);
                svg.path(&[head], true, ink, (0.0, ink));
            }
            svg.path_dashed(&[pts], false, Color32::TRANSPARENT, line, dashed);
        }
    }
}

/// A rectangle's corners, clockwise from the top left.
fn corners(r: Rect) -> Vec<Pos2> {
    vec![
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
    ]
}

/// An arrow's head at `tip`, pointing away from `from`, as the map draws it.
fn arrowhead(from: Pos2, tip: Pos2, width: f32) -> Vec<Pos2> {
    let direction = (tip - from).normalized();
    let size = 10.0 + width * 2.0;
    let back = tip - direction * size;
    let side = direction.rot90() * size * 0.5;
    vec![tip, back + side, back - side]
}
