//! Files as real exporters write them (`tests/data/real/`, written by
//! `tests/data/make_real_samples.py`, GDAL's own reading of each in its README): Garmin, GPX
//! 1.0, fitness-app and phone GPX; Google Earth tracks, overlays and links; Shapefiles in other
//! code pages, projections, winding orders and MultiPatch; Natural Earth's float noise. Each
//! reads as GDAL and the web maps' converters read it, and what cannot be drawn is named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::layers::text;
use geo::{Area, CoordsIter, Geometry};
use strikemap::data::layer_file::LayerFile;

fn read(name: &str) -> Vec<LayerFile> {
    common::layers::read("real", name)
}

fn one(name: &str) -> LayerFile {
    common::layers::one("real", name)
}

/// (features, located, skipped, parts left out)
fn counts(layer: &LayerFile) -> (usize, usize, usize, usize) {
    (
        layer.properties.len(),
        layer.geometries.len(),
        layer.skipped.len(),
        layer.dropped.len(),
    )
}

fn vertices(geometry: &Geometry<f64>) -> Vec<usize> {
    match geometry {
        Geometry::LineString(l) => vec![l.0.len()],
        Geometry::MultiLineString(ls) => ls.iter().map(|l| l.0.len()).collect(),
        other => panic!("not a line: {other:?}"),
    }
}

fn near(a: (f64, f64), b: (f64, f64), degrees: f64) -> bool {
    (a.0 - b.0).abs() < degrees && (a.1 - b.1).abs() < degrees
}

fn first_point(geometry: &Geometry<f64>) -> (f64, f64) {
    let c = geometry.coords_iter().next().unwrap();
    (c.x, c.y)
}

#[test]
fn gpx_from_garmin_gpx_1_0_fitness_apps_and_phones_opens_whole() {
    // What the `gpx` crate refused whole: magvar in a waypoint, url in a track, a colour
    // extension, time in a track, no version.
    for (name, expected) in [
        ("gpx_garmin_extensions.gpx", (3, 3, 0, 0)),
        ("gpx_10_magvar_url.gpx", (5, 5, 0, 0)),
        ("gpx_style_color.gpx", (1, 1, 0, 0)),
        ("gpx_fitness_app.gpx", (1, 1, 0, 0)),
        ("gpx_no_version.gpx", (3, 3, 0, 0)),
    ] {
        let layer = one(name);
        assert_eq!(counts(&layer), expected, "{name}: {:?}", layer.skipped);
    }
    let garmin = one("gpx_garmin_extensions.gpx");
    assert_eq!(vertices(&garmin.geometries[2]), [30]);
    assert_eq!(text(&garmin, 2, "stroke").as_deref(), Some("#ff0000"));
    let old = one("gpx_10_magvar_url.gpx");
    assert!(text(&old, 0, "magvar").is_some() && text(&old, 0, "link").is_some());
    let styled = one("gpx_style_color.gpx");
    assert_eq!(text(&styled, 0, "stroke").as_deref(), Some("#ff0000"));
    assert_eq!(text(&styled, 0, "stroke-width").as_deref(), Some("4.0"));
    let ride = one("gpx_fitness_app.gpx");
    assert_eq!(text(&ride, 0, "name").as_deref(), Some("Morning Ride"));
    assert_eq!(vertices(&ride.geometries[0]), [40]);
    assert!(text(&ride, 0, "end_time").is_some());
}

#[test]
fn a_one_point_segment_and_a_bad_waypoint_are_left_out_alone_and_named() {
    let layer = one("gpx_single_point_segment.gpx");
    // 2 good waypoints and track 1 drawn; track 2 (no fix) kept without a place.
    assert_eq!(counts(&layer), (4, 3, 1, 2));
    assert!(
        layer.skipped[0].to_string().contains("waypoint 2"),
        "{}",
        layer.skipped[0]
    );
    assert!(
        layer.skipped[0].to_string().contains(":6:"),
        "line 6: {}",
        layer.skipped[0]
    );
    let track = layer
        .geometries
        .iter()
        .find(|g| matches!(g, Geometry::MultiLineString(_)))
        .unwrap();
    assert_eq!(vertices(track), [10, 10]);
    let dropped = layer.dropped[0].to_string();
    assert!(
        dropped.contains("track 1") && dropped.contains("segment 2 has a single point"),
        "{dropped}"
    );
}

#[test]
fn google_earth_tracks_are_lines_with_their_times() {
    let layer = one("kml_google_earth_gx_track.kml");
    assert_eq!(counts(&layer), (3, 3, 0, 0));
    assert_eq!(vertices(&layer.geometries[0]), [25]);
    assert_eq!(vertices(&layer.geometries[1]), [12, 9]);
    assert!(matches!(layer.geometries[2], Geometry::Point(_)));
    assert!(text(&layer, 0, "time").is_some() && text(&layer, 0, "end_time").is_some());
}

#[test]
fn placemarks_with_empty_coordinates_are_kept_without_a_place_and_the_rest_drawn() {
    let layer = one("kml_empty_coordinates.kml");
    assert_eq!(counts(&layer), (15, 7, 0, 0));
    assert_eq!(layer.warnings.len(), 6, "{:?}", layer.warnings);
}

#[test]
fn overlays_and_links_are_named_not_refused() {
    let overlay = one("kml_ground_overlay_only.kml");
    assert_eq!(overlay.properties.len(), 0);
    assert!(
        overlay.notes[0].contains("GroundOverlay \"Zahedan 1:50k scan\""),
        "{:?}",
        overlay.notes
    );
    let link = one("kml_network_link_only.kml");
    assert!(
        link.notes[0].contains("https://example.org/live.kml")
            && link.notes[0].contains("not follow"),
        "{:?}",
        link.notes
    );
}

#[test]
fn a_folder_whose_placemarks_were_all_refused_still_reports_them() {
    let layers = read("kml_folder_all_bad.kml");
    let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["kml_folder_all_bad — Good", "kml_folder_all_bad — Broken"]
    );
    assert_eq!(counts(&layers[0]), (2, 2, 0, 0));
    assert_eq!(counts(&layers[1]), (0, 0, 2, 0));
    assert!(layers[1].skipped[0].to_string().contains("out of range"));
}

#[test]
fn a_kml_in_windows_1252_reads_its_names_as_declared() {
    let layer = one("kml_latin1.kml");
    assert_eq!(
        text(&layer, 0, "name").as_deref(),
        Some("Café Zahedan – “quoted”")
    );
}

#[test]
fn a_dbf_is_decoded_in_the_code_page_its_cpg_or_language_id_names() {
    let chinese = one("shp_cpg_936.shp");
    let names: Vec<String> = (0..3).filter_map(|r| text(&chinese, r, "NAME")).collect();
    assert_eq!(names, ["扎黑丹", "奎达", "瓜达尔"]);
    let latin = one("shp_ldid_1252.shp");
    assert_eq!(text(&latin, 0, "NAME").as_deref(), Some("Café Zahedan"));
    assert_eq!(text(&latin, 1, "NAME").as_deref(), Some("Düzdab old town"));
}

#[test]
fn multipatch_buildings_are_the_polygons_they_cover() {
    let layer = one("shp_multipatch.shp");
    assert_eq!(counts(&layer), (2, 2, 0, 0));
    assert!(layer.geometries.iter().all(|g| g.unsigned_area() > 0.0));
    assert!(
        layer
            .notes
            .iter()
            .any(|n| n.contains("8 MultiPatch faces that are vertical")),
        "{:?}",
        layer.notes
    );
}

#[test]
fn rings_in_the_wrong_winding_order_keep_their_hole() {
    let layer = one("shp_wrong_winding.shp");
    assert_eq!(counts(&layer), (2, 2, 0, 0));
    let Geometry::Polygon(saravan) = &layer.geometries[1] else {
        panic!("one polygon: {:?}", layer.geometries[1]);
    };
    assert_eq!(saravan.interiors().len(), 1);
    // The big ring is the outside: the hole is not filled.
    let outer = geo::Polygon::new(saravan.exterior().clone(), vec![]).unsigned_area();
    assert!(saravan.unsigned_area() < outer);
}

#[test]
fn records_after_an_unreadable_one_are_read() {
    let layer = one("shp_bad_record_middle.shp");
    assert_eq!(counts(&layer), (4, 4, 1, 0));
    let skipped = layer.skipped[0].to_string();
    assert!(
        skipped.contains("record 3") && skipped.contains("99"),
        "{skipped}"
    );
    assert_eq!(text(&layer, 3, "NAME").as_deref(), Some("Turbat"));
}

#[test]
fn utm_lambert_and_national_grids_are_reprojected_where_gdal_puts_them() {
    // GDAL 3.6.2's positions (README of tests/data/real/). Without a TOWGS84 in the .prj no
    // datum shift is applied: Kalianpur lands within 14 m, OSGB 1936 within 125 m.
    for (name, gdal, tolerance) in [
        ("shp_utm41n.shp", (64.0901, 26.9644), 1e-6),
        ("shp_lambert_pakistan.shp", (66.999, 30.1841), 0.0002),
        ("shp_bng_27700.shp", (-0.1281, 51.508), 0.002),
    ] {
        let layer = one(name);
        let ours = first_point(&layer.geometries[0]);
        assert!(
            near(ours, gdal, tolerance),
            "{name}: {ours:?} vs GDAL {gdal:?}"
        );
    }
    // "3857" in a WGS 84 .prj's name is not Web Mercator.
    let layer = one("shp_prj_3857_in_name.shp");
    assert!(near(
        first_point(&layer.geometries[0]),
        (60.8629, 29.4963),
        1e-9
    ));
}

#[test]
fn every_shapefile_in_a_zip_is_a_layer_and_macos_entries_are_passed_over() {
    let layers = read("shp_several_in_zip.zip");
    let named: Vec<(&str, usize)> = layers
        .iter()
        .map(|l| (l.name.as_str(), l.properties.len()))
        .collect();
    assert_eq!(named, [("roads", 2), ("towns", 3)]);
}

#[test]
fn float_noise_past_the_antimeridian_keeps_russia() {
    let layer = one("geojson_russia_180.geojson");
    assert_eq!(counts(&layer), (4, 4, 0, 0));
    assert!(
        layer
            .geometries
            .iter()
            .flat_map(|g| g.coords_iter())
            .all(|c| c.x.abs() <= 180.0 && c.y.abs() <= 90.0)
    );
    let noise = layer
        .warnings
        .iter()
        .filter(|w| w.problem.contains("float noise"));
    assert_eq!(noise.count(), 2, "{:?}", layer.warnings);
}

#[test]
fn a_degenerate_hole_is_left_out_and_its_country_kept() {
    let layer = one("geojson_degenerate_hole.geojson");
    assert_eq!(counts(&layer), (2, 2, 0, 1));
    let Geometry::MultiPolygon(parts) = &layer.geometries[0] else {
        panic!()
    };
    assert_eq!(parts.0.len(), 2);
    assert_eq!(parts.0[0].interiors().len(), 1);
    assert!(
        layer.dropped[0].to_string().contains("hole 2 of polygon 1"),
        "{}",
        layer.dropped[0]
    );
}

#[test]
fn what_a_geojson_linter_flags_is_a_warning_at_its_line() {
    let layer = one("geojson_lint.geojson");
    assert_eq!(counts(&layer), (7, 7, 0, 0));
    let warnings: Vec<String> = layer.warnings.iter().map(ToString::to_string).collect();
    for (line, words) in [
        (2, "right-hand rule"),
        (3, "bbox of 3 numbers"),
        (4, "neither a string nor a number"),
        (5, "position of 5 numbers"),
        (6, "GeometryCollection inside a GeometryCollection"),
        (7, "\"coordinates\" member"),
        (8, "\"properties\" member"),
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!(":{line}:")) && w.contains(words)),
            "line {line}, {words}: {warnings:#?}"
        );
    }
}
