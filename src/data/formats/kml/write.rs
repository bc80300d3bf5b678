//! A sketch layer as KML 2.2 for Google Earth and My Maps: each mark a Placemark with its
//! title as the name, its description, its source, date, position certainty and kind as
//! ExtendedData, and its look as an inline Style (KML colours are `aabbggrr`). Labels are
//! points and arrows are lines (KML has neither), their kind kept in ExtendedData.

use std::fmt::Write;

use quick_xml::escape::escape;

use crate::data::sketch::{Certainty, Mark, MarkKind, Sketch};

/// The sketch as a KML document.
pub fn write(sketch: &Sketch) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n",
    );
    let _ = writeln!(out, "<name>{}</name>", escape(sketch.name.as_str()));
    for mark in sketch.marks.iter().filter(|m| m.is_complete()) {
        placemark(&mut out, mark);
    }
    out + "</Document>\n</kml>\n"
}

fn placemark(out: &mut String, mark: &Mark) {
    out.push_str("<Placemark>\n");
    let _ = writeln!(out, "<name>{}</name>", escape(mark.label().as_str()));
    if !mark.description.is_empty() {
        let _ = writeln!(
            out,
            "<description>{}</description>",
            escape(mark.description.as_str())
        );
    }
    style(out, mark);
    out.push_str("<ExtendedData>\n");
    let mut data = |name: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(
                out,
                "<Data name=\"{name}\"><value>{}</value></Data>",
                escape(value)
            );
        }
    };
    data("source", &mark.source);
    data("date", &mark.date);
    data("sketch-mark", mark.kind.name());
    data("position", mark.certainty.name());
    if let Certainty::Approximate { radius_m } = mark.certainty {
        data("position_radius_m", &radius_m.to_string());
    }
    out.push_str("</ExtendedData>\n");
    geometry(out, mark);
    out.push_str("</Placemark>\n");
}

/// `#rrggbb` and an opacity as KML's `aabbggrr`.
fn kml_color(mark: &Mark, opacity: f32) -> String {
    let [r, g, b] = mark.style.rgb();
    let a = (opacity.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{a:02x}{b:02x}{g:02x}{r:02x}")
}

fn style(out: &mut String, mark: &Mark) {
    let s = &mark.style;
    out.push_str("<Style>");
    if mark.kind.is_single() {
        let _ = write!(
            out,
            "<IconStyle><color>{}</color></IconStyle>",
            kml_color(mark, s.opacity)
        );
    } else {
        let _ = write!(
            out,
            "<LineStyle><color>{}</color><width>{}</width></LineStyle>",
            kml_color(mark, s.opacity),
            s.width
        );
    }
    if mark.kind == MarkKind::Polygon {
        let _ = write!(
            out,
            "<PolyStyle><color>{}</color></PolyStyle>",
            kml_color(mark, s.fill_opacity)
        );
    }
    out.push_str("</Style>\n");
}

fn coordinates(points: &[[f64; 2]]) -> String {
    let pairs: Vec<String> = points.iter().map(|[x, y]| format!("{x},{y}")).collect();
    format!("<coordinates>{}</coordinates>", pairs.join(" "))
}

fn geometry(out: &mut String, mark: &Mark) {
    let _ = match mark.kind {
        MarkKind::Point | MarkKind::Label => {
            writeln!(out, "<Point>{}</Point>", coordinates(&mark.points[..1]))
        }
        MarkKind::Line | MarkKind::Arrow => {
            writeln!(
                out,
                "<LineString>{}</LineString>",
                coordinates(&mark.points)
            )
        }
        MarkKind::Polygon => {
            let mut ring = mark.points.clone();
            ring.push(ring[0]);
            writeln!(
                out,
                "<Polygon><outerBoundaryIs><LinearRing>{}</LinearRing></outerBoundaryIs></Polygon>",
                coordinates(&ring)
            )
        }
    };
}
