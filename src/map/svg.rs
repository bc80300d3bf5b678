//! The map as SVG for a graphics desk: each vector layer a group (`<g id="…">`) of paths, one
//! path per polygon or line part in view, at full resolution, in its drawn colours; points as
//! circles; labels as `<text>`, so Illustrator or Inkscape can restyle and retype them. The
//! coordinates are screen points of the view exported. Nothing here knows the app: it is given
//! layers and a transform, and counts what it writes.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect};

use crate::map::VectorLayer;
use crate::map::projection::ScreenTransform;
use crate::map::style;
use crate::map::vector::store::{PartKind, from_fixed};

/// An SVG document being written.
pub struct Svg {
    out: String,
    rect: Rect,
    /// Paths written (polygon and line parts, marks).
    pub paths: usize,
    /// Circles written (points, markers).
    pub circles: usize,
    /// Text elements written.
    pub texts: usize,
    /// Images written (tiles).
    pub images: usize,
}

/// `fill="#rrggbb" fill-opacity="a"` (or `none`) for an attribute named `what`.
fn paint(what: &str, color: Color32) -> String {
    if color.a() == 0 {
        return format!("{what}=\"none\"");
    }
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let mut out = format!("{what}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < 255 {
        let _ = write!(out, " {what}-opacity=\"{:.3}\"", a as f32 / 255.0);
    }
    out
}

fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

impl Svg {
    /// A document of `rect`'s size, its background `background`.
    pub fn new(rect: Rect, background: Color32) -> Self {
        let (w, h) = (rect.width(), rect.height());
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n"
        );
        let _ = writeln!(
            out,
            "<rect width=\"{w}\" height=\"{h}\" {}/>",
            paint("fill", background)
        );
        Self {
            out,
            rect,
            paths: 0,
            circles: 0,
            texts: 0,
            images: 0,
        }
    }

    /// Whether a screen point is in the document's area.
    pub fn contains(&self, p: Pos2) -> bool {
        self.rect.contains(p)
    }

    fn xy(&self, p: Pos2) -> (f32, f32) {
        (p.x - self.rect.min.x, p.y - self.rect.min.y)
    }

    /// Start a group named `id` (a layer), at `opacity`.
    pub fn begin(&mut self, id: &str, opacity: f32) {
        let _ = writeln!(
            self.out,
            "<g id=\"{}\" opacity=\"{:.3}\">",
            escape(id),
            opacity.clamp(0.0, 1.0)
        );
    }

    pub fn end(&mut self) {
        self.out.push_str("</g>\n");
    }

    /// A path through screen points, closed or not, filled and stroked.
    pub fn path(
        &mut self,
        rings: &[Vec<Pos2>],
        closed: bool,
        fill: Color32,
        stroke: (f32, Color32),
    ) {
        self.path_dashed(rings, closed, fill, stroke, false);
    }

    /// As [`Self::path`], its outline dashed as the map dashes uncertain shapes when `dashed`.
    pub fn path_dashed(
        &mut self,
        rings: &[Vec<Pos2>],
        closed: bool,
        fill: Color32,
        stroke: (f32, Color32),
        dashed: bool,
    ) {
        let mut d = String::new();
        for ring in rings.iter().filter(|r| r.len() >= 2) {
            for (i, p) in ring.iter().enumerate() {
                let (x, y) = self.xy(*p);
                let _ = write!(d, "{}{x:.2} {y:.2}", if i == 0 { "M" } else { " L" });
            }
            if closed {
                d.push('Z');
            }
        }
        if d.is_empty() {
            return;
        }
        let fill = if closed {
            paint("fill", fill)
        } else {
            "fill=\"none\"".to_owned()
        };
        let _ = writeln!(
            self.out,
            "<path d=\"{d}\" {fill} {} stroke-width=\"{}\" fill-rule=\"evenodd\" \
             stroke-linejoin=\"round\"{}/>",
            paint("stroke", stroke.1),
            stroke.0,
            if dashed {
                " stroke-dasharray=\"10 6\""
            } else {
                ""
            }
        );
        self.paths += 1;
    }

    pub fn circle(&mut self, at: Pos2, radius: f32, fill: Color32, stroke: (f32, Color32)) {
        let (x, y) = self.xy(at);
        let _ = writeln!(
            self.out,
            "<circle cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{radius}\" {} {} stroke-width=\"{}\"/>",
            paint("fill", fill),
            paint("stroke", stroke.1),
            stroke.0
        );
        self.circles += 1;
    }

    /// An image file (PNG, JPEG or WebP, as its bytes say) stretched over `rect`, embedded as a
    /// `data:` URL. Bytes that are none of these are left out.
    pub fn image(&mut self, rect: Rect, bytes: &[u8]) {
        use base64::Engine as _;
        let Some(mime) = crate::map::tiles::imagery::mime_type(bytes) else {
            return;
        };
        let (x, y) = self.xy(rect.min);
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let _ = writeln!(
            self.out,
            "<image x=\"{x:.2}\" y=\"{y:.2}\" width=\"{:.2}\" height=\"{:.2}\" \
             preserveAspectRatio=\"none\" xlink:href=\"data:{mime};base64,{data}\"/>",
            rect.width(),
            rect.height()
        );
        self.images += 1;
    }

    /// Text at a screen point; `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, at: Pos2, text: &str, size: f32, color: Color32, anchor: &str) {
        self.text_with(at, text, (size, color), anchor, "");
    }

    /// As [`Self::text`], with a white halo beneath the letters, as the map's names have.
    pub fn text_halo(&mut self, at: Pos2, text: &str, size: f32, color: Color32, anchor: &str) {
        let halo = " stroke=\"#ffffff\" stroke-opacity=\"0.85\" stroke-width=\"3\" \
                    stroke-linejoin=\"round\" paint-order=\"stroke\"";
        self.text_with(at, text, (size, color), anchor, halo);
    }

    fn text_with(&mut self, at: Pos2, text: &str, ink: (f32, Color32), anchor: &str, extra: &str) {
        let (x, y) = self.xy(at);
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-family=\"Ubuntu, sans-serif\" font-size=\"{}\" \
             text-anchor=\"{anchor}\" dominant-baseline=\"middle\" {}{extra}>{}</text>",
            ink.0,
            paint("fill", ink.1),
            escape(text)
        );
        self.texts += 1;
    }

    /// A vector layer's shown parts in view, in its colours (`fill` and `stroke` replace them,
    /// as the map's paint options do), then its points.
    pub fn layer(
        &mut self,
        layer: &VectorLayer,
        transform: &ScreenTransform,
        fill: Option<Color32>,
        stroke: Option<(f32, Color32)>,
    ) {
        let store = layer.store();
        let theme = layer.theme();
        let min = transform.from_screen(self.rect.left_bottom());
        let max = transform.from_screen(self.rect.right_top());
        let lo = [min[0].min(max[0]), min[1].min(max[1])];
        let hi = [min[0].max(max[0]), min[1].max(max[1])];
        let mut parts: Vec<u32> = store.parts_in(lo, hi).collect();
        parts.sort_unstable();
        for index in parts {
            let part = &store.parts[index as usize];
            let feature = part.feature as usize;
            if !theme.shown(feature) {
                continue;
            }
            let own = layer.feature_style(feature);
            let colour = theme.class_color(feature);
            let fill = fill
                .or(colour.map(|c| c.gamma_multiply(0.8)))
                .or(own.fill)
                .unwrap_or(layer.style.fill);
            let stroke = stroke.unwrap_or((
                own.stroke_width.unwrap_or(layer.style.stroke.width),
                own.stroke.or(colour).unwrap_or(layer.style.stroke.color),
            ));
            let rings: Vec<Vec<Pos2>> = store
                .rings_of(part)
                .iter()
                .map(|ring| {
                    store.coords[ring.range()]
                        .iter()
                        .map(|&p| transform.to_screen(from_fixed(p)))
                        .collect()
                })
                .collect();
            self.path(&rings, part.kind == PartKind::Polygon, fill, stroke);
        }
        if layer.draw_points {
            for &(p, feature) in &store.points {
                let at = transform.to_screen(from_fixed(p));
                if theme.shown(feature as usize) && self.contains(at) {
                    let colour = theme
                        .class_color(feature as usize)
                        .unwrap_or(layer.style.stroke.color);
                    self.circle(at, layer.style.point_radius, colour, (1.0, Color32::WHITE));
                }
            }
        }
    }

    /// The reference map, as the basemap draws it at `zoom`: sea, land, province and country
    /// outlines (`region` the story's countries, outlined here unless their own layer is shown),
    /// the towns and the names the window placed.
    pub fn basemap(
        &mut self,
        reference: &crate::map::basemap::ReferenceMap,
        (transform, zoom): (&ScreenTransform, f64),
        region: &VectorLayer,
        region_outlined: bool,
    ) {
        let (land, provinces) = reference.land_and_provinces();
        let none = Color32::TRANSPARENT;
        let line = |s: egui::Stroke| Some((s.width, s.color));
        let borders = line(style::REFERENCE_BORDERS.stroke);
        self.begin("basemap", 1.0);
        self.layer(land, transform, Some(style::LAND), Some((0.0, none)));
        self.layer(region, transform, Some(style::LAND), Some((0.0, none)));
        self.layer(
            provinces,
            transform,
            Some(none),
            line(style::REFERENCE_PROVINCES.stroke),
        );
        self.layer(land, transform, Some(none), borders);
        if !region_outlined {
            self.layer(region, transform, Some(none), borders);
        }
        for towns in reference.towns_at(zoom) {
            self.layer(towns, transform, None, None);
        }
        for label in reference.placed_labels() {
            let anchor = match label.align.x() {
                egui::Align::Min => "start",
                egui::Align::Center => "middle",
                egui::Align::Max => "end",
            };
            self.text_halo(label.pos, &label.text, label.size, label.color, anchor);
        }
        self.end();
    }

    /// The document, closed.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}
