//! The layer panel's checkboxes as a user meets them, headless through egui_kittest: each one
//! hides and shows what it names on the map, and nothing else.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::map_text;
use egui::Shape;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use strikemap::StrikemapApp;
use strikemap::data::DataSource;
use strikemap::map::{LayerId, MarkerGroup};

/// The bundled story, offline, in a 1400×900 window.
fn harness() -> Harness<'static, StrikemapApp> {
    common::story_harness(DataSource::Bundled, [1400.0, 900.0])
}

fn checkbox(harness: &mut Harness<'_, StrikemapApp>, name: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, name)
        .click();
    harness.run();
}

fn map_shows(harness: &Harness<'_, StrikemapApp>, text: &str) -> bool {
    map_text(harness).iter().any(|t| t.contains(text))
}

#[test]
fn layer_checkboxes_exist_and_toggle_what_is_drawn() {
    let mut harness = harness();
    // Show every event, so the diplomatic markers at Islamabad are in view too.
    harness.get_by_label("Events").click();
    harness.run();
    // Each layer, and something on the map that only that layer draws.
    let layers = [
        (
            "Sistan and Baluchestan",
            LayerId::Province(0),
            "Sistan and Baluchestan",
        ),
        ("Balochistan", LayerId::Province(1), "Balochistan"),
        (
            "Iranian strikes",
            LayerId::Markers(MarkerGroup::IranianStrikes),
            "16 Jan",
        ),
        (
            "Pakistani strikes",
            LayerId::Markers(MarkerGroup::PakistaniStrikes),
            "18 Jan",
        ),
        (
            "Diplomatic events",
            LayerId::Markers(MarkerGroup::Diplomacy),
            "Islamabad ·",
        ),
        ("Labels", LayerId::Labels, "16 Jan"),
    ];
    for (name, id, probe) in layers {
        assert!(
            harness.state().layers().is_visible(id),
            "{name} starts visible"
        );
        assert!(map_shows(&harness, probe), "{name}: {probe} is drawn");
        checkbox(&mut harness, name);
        assert!(!harness.state().layers().is_visible(id), "{name} hides");
        assert!(!map_shows(&harness, probe), "{name}: {probe} is gone");
        checkbox(&mut harness, name);
        assert!(map_shows(&harness, probe), "{name}: {probe} is back");
    }
}

/// Mesh vertices painted in `color` this frame (fills and outlines are meshes).
fn painted_in(harness: &Harness<'_, StrikemapApp>, color: egui::Color32) -> usize {
    fn count(shape: &Shape, color: egui::Color32) -> usize {
        match shape {
            Shape::Mesh(mesh) => mesh.vertices.iter().filter(|v| v.color == color).count(),
            Shape::Vec(shapes) => shapes.iter().map(|s| count(s, color)).sum(),
            _ => 0,
        }
    }
    harness
        .output()
        .shapes
        .iter()
        .map(|clipped| count(&clipped.shape, color))
        .sum()
}

#[test]
fn the_countries_checkbox_hides_the_country_outlines_but_not_the_basemap() {
    let mut harness = harness();
    let outline = strikemap::map::style::COUNTRIES.stroke.color;
    assert!(painted_in(&harness, outline) > 0);
    checkbox(&mut harness, "Countries");
    assert!(!harness.state().layers().is_visible(LayerId::Countries));
    assert_eq!(painted_in(&harness, outline), 0);
    // The reference map beneath stays: its names are still there.
    assert!(map_shows(&harness, "Zahedan"));
    checkbox(&mut harness, "Countries");
    assert!(painted_in(&harness, outline) > 0);
}

#[test]
fn hiding_a_province_removes_its_fill() {
    let mut harness = harness();
    let fill = strikemap::map::style::province(Some("PK-BA")).fill;
    let other = strikemap::map::style::province(Some("IR-13")).fill;
    let iran = painted_in(&harness, other);
    assert!(painted_in(&harness, fill) > 0);
    checkbox(&mut harness, "Balochistan");
    assert_eq!(painted_in(&harness, fill), 0, "Balochistan's fill is gone");
    assert_eq!(
        painted_in(&harness, other),
        iran,
        "the other province stays"
    );
}
