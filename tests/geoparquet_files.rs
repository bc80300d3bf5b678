//! GeoParquet files as geopandas (pyarrow) writes them (tools/make_geoparquet_fixtures.sh):
//! read whole with every row pyarrow counts and the damaged one named; WKB and GeoArrow's
//! native encoding alike; UTM reprojected from the PROJJSON CRS; a Parquet file without "geo"
//! metadata refused with why; and read a tile's window at a time through the bounding-box
//! covering, with the rows a whole read finds there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use strikemap::data::formats::geoparquet::GeoParquet;
use strikemap::data::formats::vector_tiles::TileAddress;
use strikemap::data::formats::windowed::window_of;
use strikemap::data::layer_file::{LayerFile, Limits, Progress};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/geoparquet")
        .join(name)
}

fn read(path: &Path) -> LayerFile {
    let mut layers = strikemap::data::formats::read(path, Limits::default(), &Progress::default())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    assert_eq!(layers.len(), 1);
    layers.remove(0)
}

fn points(layer: &LayerFile) -> Vec<(f64, f64)> {
    layer
        .geometries
        .iter()
        .filter_map(|g| match g {
            geo::Geometry::Point(p) => Some((p.x(), p.y())),
            _ => None,
        })
        .collect()
}

#[test]
fn events_open_whole_with_every_row_and_the_damaged_one_named() {
    let layer = read(&fixture("events.parquet"));
    assert_eq!(layer.format, "GeoParquet");
    // pyarrow: 1200 rows; row 7's WKB is cut after its type, row 9's geometry is null.
    assert_eq!(layer.geometries.len(), 1198);
    assert_eq!(layer.skipped.len(), 1);
    let skipped = layer.skipped[0].to_string();
    assert!(
        skipped.contains("row 7") && skipped.contains("WKB"),
        "{skipped}"
    );
    assert_eq!(
        layer.properties.len(),
        1199,
        "the null geometry is kept without a place"
    );
    let properties = &layer.properties;
    let fatalities = properties.key("fatalities").expect("fatalities");
    assert!(
        properties.number(0, fatalities).is_some(),
        "numbers stay numbers"
    );
    let date = properties.key("event_date").expect("event_date");
    let first = properties.text(0, date).unwrap();
    assert!(
        first.len() == 10 && first.as_bytes()[4] == b'-',
        "a date32 reads as a date: {first}"
    );
    let kind = properties.key("event_type").expect("event_type");
    let kinds = [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ];
    let first_kind = properties.text(0, kind).unwrap();
    assert!(
        kinds.contains(&first_kind.as_ref()),
        "a category reads as its value: {first_kind}"
    );
    assert!(
        properties.key("bbox").is_none(),
        "the covering is not a property"
    );
    assert!(properties.key("geometry").is_none());
}

#[test]
fn native_points_read_as_their_wkb_twins() {
    let native = read(&fixture("native.parquet"));
    let wkb = read(&fixture("events.parquet"));
    let native_points = points(&native);
    assert_eq!(native_points.len(), 200);
    // The WKB file lost row 7 (damaged) and row 9 (null): the rest are the same events.
    let wkb_points = points(&wkb);
    let twins: Vec<_> = (0..200).filter(|i| *i != 6 && *i != 8).collect();
    for (k, i) in twins.iter().enumerate().take(50) {
        let expected = wkb_points[k];
        assert_eq!(native_points[*i], expected, "row {}", i + 1);
    }
}

#[test]
fn utm_provinces_are_reprojected_from_their_projjson() {
    let layer = read(&fixture("provinces.parquet"));
    assert_eq!(layer.geometries.len(), 2);
    assert!(
        layer.notes.iter().any(|n| n.contains("EPSG:32641")),
        "{:?}",
        layer.notes
    );
    let bounds =
        geo::BoundingRect::bounding_rect(&geo::GeometryCollection(layer.geometries.clone()))
            .unwrap();
    // Sistan and Baluchestan and Balochistan lie within 58–71°E, 24–33°N.
    assert!(bounds.min().x > 58.0 && bounds.max().x < 71.0, "{bounds:?}");
    assert!(bounds.min().y > 24.0 && bounds.max().y < 33.0, "{bounds:?}");
    let name_fa = layer.properties.key("name_fa").expect("name_fa");
    let names: Vec<_> = (0..2)
        .filter_map(|i| layer.properties.text(i, name_fa).map(|t| t.into_owned()))
        .collect();
    assert!(names.iter().any(|n| n.contains("سیستان")), "{names:?}");
}

#[test]
fn a_plain_parquet_file_is_placed_by_its_latitude_and_longitude_columns() {
    let layer = read(&fixture("plain.parquet"));
    // 50 rows; row 3 has a longitude and no latitude: refused, named.
    assert_eq!(layer.geometries.len(), 49);
    assert_eq!(layer.skipped.len(), 1);
    assert!(
        layer.skipped[0].to_string().contains("row 3"),
        "{}",
        layer.skipped[0]
    );
    assert!(
        layer
            .notes
            .iter()
            .any(|n| n.contains("\"latitude\" and \"longitude\"")),
        "{:?}",
        layer.notes
    );
    let (lon, lat) = points(&layer)[0];
    assert!((44.0..82.0).contains(&lon) && (16.0..45.0).contains(&lat));
}

#[test]
fn a_parquet_file_with_no_place_is_refused_with_why() {
    let err = strikemap::data::formats::read(
        &fixture("noplace.parquet"),
        Limits::default(),
        &Progress::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("\"geo\" metadata") && err.contains("latitude"),
        "{err}"
    );
}

#[test]
fn a_cut_file_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(fixture("events.parquet")).unwrap();
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = strikemap::data::formats::read(&cut, Limits::default(), &Progress::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Parquet"), "{err}");
}

#[test]
fn a_window_reads_what_a_whole_read_finds_there() {
    let whole = read(&fixture("events.parquet"));
    let mut file = GeoParquet::open(&fixture("events.parquet")).unwrap();
    file.measure_density().unwrap();
    // Tiles over the story's region at zoom 5, where no tile holds more than the budget.
    let mut read = 0;
    for (x, y) in [(20, 13), (21, 13), (20, 12), (22, 13)] {
        let at = TileAddress { z: 5, x, y };
        let window = window_of(at);
        let tile = file.window(window, 5, 100_000).unwrap();
        let inside = points(&whole)
            .iter()
            .filter(|(lon, lat)| {
                (window[0]..=window[2]).contains(lon) && (window[1]..=window[3]).contains(lat)
            })
            .count();
        assert_eq!(tile.features.len(), inside, "tile {at:?}");
        assert!(tile.sampled_from.is_none());
        read += tile.features.len();
        if let Some(feature) = tile.features.first() {
            assert!(feature.properties.iter().any(|(k, _)| k == "event_type"));
        }
    }
    assert!(read > 600, "the story's tiles hold most events: {read}");
    // With a budget of 50 a world tile reads an even sample, and says of how many.
    let world = file
        .window(window_of(TileAddress { z: 0, x: 0, y: 0 }), 0, 50)
        .unwrap();
    assert!(
        world.features.len() <= 50 && world.features.len() >= 25,
        "{}",
        world.features.len()
    );
    let of = world.sampled_from.expect("a sample says so");
    assert!((1000..=1400).contains(&of), "about 1,199 rows: {of}");
}
