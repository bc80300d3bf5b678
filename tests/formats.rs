//! Every format strikemap opens, read from the sample files in `tests/data/formats/` (written
//! by `tests/data/make_corpus.py`): what a user would see counted, placed and named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::layers::text;
use geo::{Area, CoordsIter, Geometry};
use strikemap::data::formats;
use strikemap::data::layer_file::{LayerFile, Limits, Progress};

fn read(name: &str) -> Vec<LayerFile> {
    common::layers::read("formats", name)
}

fn one(name: &str) -> LayerFile {
    common::layers::one("formats", name)
}

fn point(layer: &LayerFile, i: usize) -> (f64, f64) {
    match &layer.geometries[i] {
        Geometry::Point(p) => (p.x(), p.y()),
        other => panic!("not a point: {other:?}"),
    }
}

#[test]
fn an_acled_export_is_recognised_and_read_as_events() {
    let layer = one("acled_sample.csv");
    assert_eq!(layer.format, "ACLED CSV");
    assert_eq!(layer.geometries.len(), 12);
    assert!(layer.skipped.is_empty(), "{:?}", layer.skipped);
    assert_eq!(layer.properties.keys().len(), 21);
    let columns = strikemap::data::event_columns::EventColumns::detect(&layer.properties);
    assert_eq!(columns.kind_name(&layer.properties), Some("event_type"));
    assert!(columns.day(&layer.properties, 0).is_some());
    let fatalities: f64 = (0..12)
        .filter_map(|row| {
            layer
                .properties
                .number(row, layer.properties.key("fatalities").unwrap())
        })
        .sum();
    assert_eq!(fatalities, 30.0);
    // The id is the export's event_id_cnty.
    assert_eq!(layer.id(0), text(&layer, 0, "event_id_cnty"));
    assert!(layer.id(0).is_some());
}

#[test]
fn csv_coordinates_are_found_by_their_usual_names_and_separators() {
    for name in ["places_semicolon.csv", "places_tab.tsv", "places_xy.csv"] {
        let layer = one(name);
        assert_eq!(layer.format, "CSV");
        assert_eq!(layer.geometries.len(), 5, "{name}");
        let (x, y) = point(&layer, 0);
        assert!(
            (x - 60.8629).abs() < 1e-9 && (y - 29.4963).abs() < 1e-9,
            "{name}: {x} {y}"
        );
    }
}

#[test]
fn a_wkt_column_gives_points_lines_and_polygons() {
    let layer = one("wkt_lines.csv");
    let kinds: Vec<&str> = layer
        .geometries
        .iter()
        .map(strikemap::data::layer_file::geometry_name)
        .collect();
    assert_eq!(kinds, ["Point", "LineString", "Polygon"]);
}

#[test]
fn bad_csv_rows_are_skipped_and_named_by_row_line_and_column() {
    let layer = one("bad_rows.csv");
    assert_eq!(layer.geometries.len(), 4);
    let messages: Vec<String> = layer.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains(":4:")
            && messages[0].contains("row 3")
            && messages[0].contains("\"abc\" is not a number"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains(":6:")
            && messages[1].contains("row 5")
            && messages[1].contains("longitude 200 is out of range"),
        "{}",
        messages[1]
    );
}

#[test]
fn gpx_waypoints_tracks_and_routes() {
    let layer = one("field.gpx");
    assert_eq!(layer.format, "GPX");
    let kinds: Vec<Option<String>> = (0..layer.geometries.len())
        .map(|i| text(&layer, i, "gpx_type"))
        .collect();
    let count = |k: &str| kinds.iter().filter(|t| t.as_deref() == Some(k)).count();
    assert_eq!(
        (count("waypoint"), count("track"), count("route")),
        (3, 1, 1)
    );
    let track = kinds
        .iter()
        .position(|k| k.as_deref() == Some("track"))
        .unwrap();
    match &layer.geometries[track] {
        Geometry::MultiLineString(lines) => assert_eq!(
            lines.0.iter().map(|l| l.0.len()).collect::<Vec<_>>(),
            [10, 10]
        ),
        other => panic!("{other:?}"),
    }
    assert!(text(&layer, track, "time").is_some());
}

#[test]
fn kml_folders_become_layers_with_names_descriptions_and_holes() {
    for name in ["mymaps.kml", "mymaps.kmz"] {
        let layers = read(name);
        let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
        // In the order the file has them: two folders, then a placemark outside any folder.
        assert_eq!(
            names,
            ["mymaps — Strikes", "mymaps — Border", "mymaps"],
            "{name}"
        );
        let total: usize = layers.iter().map(|l| l.geometries.len()).sum();
        assert_eq!(total, 5, "{name}");
        let strikes = &layers[0];
        let description = text(strikes, 0, "description").unwrap();
        assert!(
            !description.contains('<'),
            "HTML tags dropped: {description}"
        );
        let border = &layers[1];
        let polygon = border.geometries.iter().find_map(|g| match g {
            Geometry::Polygon(p) => Some(p),
            _ => None,
        });
        assert_eq!(
            polygon.map(|p| p.interiors().len()),
            Some(1),
            "{name}: a hole stays a hole"
        );
        let extended = layers
            .iter()
            .any(|l| l.properties.key("fatalities").is_some());
        assert!(extended, "{name}: ExtendedData kept as properties");
    }
}

#[test]
fn shapefiles_read_beside_their_parts_or_zipped() {
    for name in [
        "provinces_wgs84.shp",
        "provinces_wgs84.zip",
        "nested_folders.zip",
    ] {
        let layer = one(name);
        assert_eq!(layer.format, "Shapefile");
        assert_eq!(layer.geometries.len(), 2, "{name}");
        assert_eq!(layer.path, common::test_data("formats", name));
        let holes: usize = layer
            .geometries
            .iter()
            .map(|g| match g {
                Geometry::Polygon(p) => p.interiors().len(),
                Geometry::MultiPolygon(m) => m.0.iter().map(|p| p.interiors().len()).sum(),
                _ => 0,
            })
            .sum();
        assert_eq!(holes, 1, "{name}");
        assert!(layer.geometries.iter().all(|g| g.unsigned_area() > 0.0));
        assert!(
            text(&layer, 0, "NAME").is_some(),
            "{name}: attributes from the .dbf"
        );
    }
}

#[test]
fn web_mercator_shapefiles_are_brought_back_to_longitude_latitude() {
    let layer = one("points_mercator.shp");
    let (x, y) = point(&layer, 0);
    assert!(
        (x - 60.8629).abs() < 1e-6 && (y - 29.4963).abs() < 1e-6,
        "{x} {y}"
    );
}

#[test]
fn other_projections_are_reprojected_and_unknown_ones_refused_by_name() {
    // UTM zone 41N metres come back to longitude/latitude: the line runs Panjgur - Turbat.
    let layer = one("lines_utm.shp");
    assert!(
        layer
            .notes
            .iter()
            .any(|n| n.contains("WGS_1984_UTM_Zone_41N")),
        "{:?}",
        layer.notes
    );
    let coords: Vec<geo::Coord<f64>> = layer.geometries[0].coords_iter().collect();
    let (first, last) = (coords[0], coords[coords.len() - 1]);
    assert!(
        (first.x - 64.0901).abs() < 1e-6 && (first.y - 26.9644).abs() < 1e-6,
        "{first:?}"
    );
    assert!(
        (last.x - 63.044).abs() < 1e-6 && (last.y - 26.0023).abs() < 1e-6,
        "{last:?}"
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let message = formats::read(
        &dir.join("prj_unknown.shp"),
        Limits::default(),
        &Progress::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        message.contains("Bogus_Banana_Grid_1999") && message.contains("Hyperbolic_Banana"),
        "{message}"
    );
}

#[test]
fn null_geometries_are_kept_unlocated() {
    let layer = one("mixed_null.geojson");
    assert_eq!(layer.geometries.len(), 2);
    assert_eq!(layer.unlocated(), 1);
    assert_eq!(layer.properties.len(), 3);
    let only = one("unlocated.geojson");
    assert_eq!((only.geometries.len(), only.unlocated()), (0, 3));
    assert!(text(&only, 2, "name").is_some());
}

#[test]
fn an_old_crs_member_is_noted_and_foreign_members_ignored() {
    let layer = one("crs_old.geojson");
    assert_eq!(point(&layer, 0), (61.0, 29.0));
    assert_eq!(layer.notes.len(), 1, "{:?}", layer.notes);
    assert!(layer.notes[0].contains("EPSG::3857"), "{}", layer.notes[0]);
    assert!(layer.geometries.iter().all(|g| g.coords_count() == 1));
}
