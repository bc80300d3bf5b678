//! The bundled data is complete and true to its sources, and bad files are refused with a
//! message that names the file, the feature and the problem.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use geo::Distance;
use sha2::{Digest, Sha256};
use strikemap::data::formats::geojson::features as geojson_file;
use strikemap::data::{DataSource, EventKind, Story, events};

fn bundled() -> Story {
    Story::load(&DataSource::Bundled)
}

#[test]
fn bundled_story_loads_without_problems() {
    let story = bundled();
    assert!(story.problems.is_empty(), "{:?}", story.problems);
    assert_eq!(story.provinces.len(), 2);
    assert_eq!(story.countries.len(), 16);
    assert_eq!(story.events.len(), 5);
    assert!(story.article.is_some());
}

#[test]
fn bundled_article_is_the_given_text_byte_for_byte() {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/article.txt"))
        .expect("assets/article.txt is in the repository");
    assert_eq!(bytes.len(), 2440);
    assert_eq!(
        format!("{:x}", Sha256::digest(&bytes)),
        "699c14ba0db9d3defb4783ebc0b4b889837a577429bf3aed24e1392cfed58858"
    );
    let story = bundled();
    let article = story.article.expect("bundled article");
    assert_eq!(article.text.as_bytes(), bytes.as_slice());
    assert_eq!(article.meta.headline, None, "the headline is unknown");
    assert_eq!(article.meta.publisher, None, "the publisher is unknown");
    assert_eq!(
        article.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2024-01-29")
    );
}

#[test]
fn every_strike_lies_in_the_province_its_data_claims() {
    let story = bundled();
    let mut strikes = 0;
    for (index, event) in story.events.iter().enumerate() {
        if event.kind != EventKind::Strike {
            continue;
        }
        strikes += 1;
        let province = story
            .province_of(index)
            .unwrap_or_else(|| panic!("{} lies in no province", event.id));
        assert_eq!(
            province.property_str("iso_3166_2"),
            Some(event.admin1.as_str()),
            "{}",
            event.id
        );
    }
    assert_eq!(strikes, 2);
    let code_at = |id: &str| {
        let index = story.event_index(id).expect("event exists");
        story
            .province_of(index)
            .and_then(|p| p.property_str("iso_3166_2"))
    };
    assert_eq!(
        code_at("2024-01-18-pakistan-strikes-saravan"),
        Some("IR-13")
    );
    assert_eq!(code_at("2024-01-16-iran-strikes-panjgur"), Some("PK-BA"));
}

#[test]
fn every_event_cites_its_sources_and_quotes_the_article_exactly() {
    let story = bundled();
    let article = story.article.as_ref().expect("bundled article");
    for event in &story.events {
        assert!(!event.sources.is_empty(), "{} has no sources", event.id);
        assert!(
            event.location_source.is_some(),
            "{} has no location source",
            event.id
        );
        assert!(
            event.date_source.is_some(),
            "{} has no date source",
            event.id
        );
        for report in event.fatalities.iter().chain(&event.injured) {
            assert!(
                !report.source.is_empty(),
                "{}: a figure without a source",
                event.id
            );
        }
        assert!(
            !event.article_quotes.is_empty(),
            "{} quotes nothing",
            event.id
        );
        for quote in &event.article_quotes {
            assert!(
                article.find(quote).is_some(),
                "{}: not in the article: {quote}",
                event.id
            );
        }
        // "Near the named place" is drawn with a radius; a precision-3 stand-in is drawn hollow.
        if event.geo_precision == 2 {
            assert!(
                event.uncertainty_m > 0.0,
                "{}: uncertain but no radius",
                event.id
            );
        }
        let date_source = event.date_source.as_ref().unwrap();
        assert!(
            event.sources.contains(date_source),
            "{}: date source not among sources",
            event.id
        );
    }
    // Disagreeing casualty figures are all kept.
    let saravan = &story.events[story
        .event_index("2024-01-18-pakistan-strikes-saravan")
        .unwrap()];
    let figures: Vec<String> = saravan
        .fatalities
        .iter()
        .map(|r| r.reported.to_string())
        .collect();
    assert_eq!(figures, ["7", "9", "at least ten"]);
}

const GOOD_EVENT: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
 "geometry":{"type":"Point","coordinates":[62.33,27.37]},
 "properties":{"id":"e1","date":"2024-01-18","time_precision":1,"title":"T","kind":"strike",
  "actor":"Pakistan","target":null,"location":"Saravan","admin1":"IR-13","geo_precision":2,
  "uncertainty_m":1000,"fatalities":[{"reported":"at least ten","by":"article","source":"article"}],
  "summary":"S","sources":["https://example.org"],"article_quotes":[]}}]}"#;

/// The good event file with its geometry replaced by `geometry` (GeoJSON text).
fn with_geometry(geometry: &str) -> String {
    GOOD_EVENT.replace(r#"{"type":"Point","coordinates":[62.33,27.37]}"#, geometry)
}

fn refusal(text: &str) -> String {
    events::parse("events.geojson", text)
        .expect_err("the file must be refused")
        .to_string()
}

#[test]
fn a_good_event_file_is_accepted() {
    let events = events::parse("events.geojson", GOOD_EVENT).expect("valid");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fatalities[0].reported.to_string(), "at least ten");
}

#[test]
fn invalid_json_is_refused_with_file_and_line() {
    let message = refusal("{\"type\": \"FeatureCollection\",\n \"features\": [,]}");
    assert!(
        message.starts_with("events.geojson: is not valid JSON"),
        "{message}"
    );
    assert!(message.contains("line 2"), "{message}");
}

#[test]
fn wrong_geometry_type_is_refused_naming_the_feature() {
    let message = refusal(&with_geometry(
        r#"{"type":"LineString","coordinates":[[62.33,27.37],[63,28]]}"#,
    ));
    assert!(message.contains("feature #0 (id \"e1\")"), "{message}");
    assert!(
        message.contains("LineString geometry; an event must be a Point"),
        "{message}"
    );
}

#[test]
fn out_of_range_coordinates_are_refused() {
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[262.33,27.37]"));
    assert!(message.contains("feature #0"), "{message}");
    assert!(
        message.contains("out of range: longitude 262.33"),
        "{message}"
    );
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[62.33,97.37]"));
    assert!(message.contains("latitude 97.37"), "{message}");
}

#[test]
fn non_finite_coordinates_are_refused() {
    // JSON has no NaN or Infinity; an overflowing number is how a non-finite value arrives,
    // and it refuses its feature.
    let message = refusal(&GOOD_EVENT.replace("[62.33,27.37]", "[1e999,27.37]"));
    assert!(message.contains("events.geojson: feature #0"), "{message}");
    assert!(
        message.contains("coordinate too large to read"),
        "{message}"
    );
}

#[test]
fn missing_required_property_is_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""date":"2024-01-18","#, ""));
    assert!(message.contains("feature #0 (id \"e1\")"), "{message}");
    assert!(message.contains("missing field `date`"), "{message}");
}

#[test]
fn unknown_event_kind_is_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""kind":"strike""#, r#""kind":"airstrike""#));
    assert!(message.contains("unknown variant `airstrike`"), "{message}");
}

#[test]
fn bad_precision_and_repeated_ids_are_refused() {
    let message = refusal(&GOOD_EVENT.replace(r#""geo_precision":2"#, r#""geo_precision":7"#));
    assert!(message.contains("geo_precision is 7"), "{message}");
    let feature =
        &GOOD_EVENT[GOOD_EVENT.find("{\"type\":\"Feature\"").unwrap()..GOOD_EVENT.len() - 2];
    let twice = format!("{{\"type\":\"FeatureCollection\",\"features\":[{feature},{feature}]}}");
    let message = refusal(&twice);
    assert!(message.contains("feature #1 (id \"e1\")"), "{message}");
}

#[test]
fn a_polygon_ring_too_short_is_refused() {
    let text = r#"{"type":"Polygon","coordinates":[[[60,27],[61,27],[60,27]]]}"#;
    let message = geojson_file::parse("area.geojson", text)
        .unwrap_err()
        .to_string();
    assert!(message.contains("area.geojson: feature #0"), "{message}");
    assert!(message.contains("fewer than 4 positions"), "{message}");
    // Four positions, closed, but only two distinct: no area either.
    let text = r#"{"type":"Polygon","coordinates":[[[60,27],[61,27],[60,27],[60,27]]]}"#;
    let message = geojson_file::parse("area.geojson", text)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("fewer than 3 distinct positions"),
        "{message}"
    );
}

#[test]
fn a_broken_events_file_leaves_the_other_layers_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let geodata = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for name in ["provinces.geojson", "countries.geojson"] {
        std::fs::copy(geodata.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("events.geojson"), "{ not json").unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    assert_eq!(story.provinces.len(), 2);
    assert_eq!(story.countries.len(), 16);
    assert!(story.events.is_empty());
    assert_eq!(story.problems.len(), 1, "{:?}", story.problems);
    let message = story.problems[0].to_string();
    assert!(
        message.contains("events.geojson: is not valid JSON"),
        "{message}"
    );
}

#[test]
fn a_structurally_bad_feature_is_named_by_index_and_id() {
    let message = refusal(&with_geometry(
        r#"{"type":"Point","coordinates":[[62.33,27.37]]}"#,
    ));
    assert!(message.contains("feature #0"), "{message}");
    assert!(
        message.contains("Point` with unexpected coordinates dimensions"),
        "{message}"
    );
}

#[test]
fn a_missing_file_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    let messages: Vec<String> = story.problems.iter().map(ToString::to_string).collect();
    for name in ["provinces.geojson", "countries.geojson", "events.geojson"] {
        let path = dir.path().join(name).display().to_string();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with(&format!("{path}: cannot be read"))),
            "{messages:?}"
        );
    }
}

#[test]
fn provinces_must_be_areas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("provinces.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"p1","properties":{},
            "geometry":{"type":"LineString","coordinates":[[60,27],[61,28]]}}]}"#,
    )
    .unwrap();
    let story = Story::load(&DataSource::Dir(dir.path().to_owned()));
    assert!(story.provinces.is_empty());
    let message = story.problems[0].to_string();
    assert!(
        message.contains("provinces.geojson: feature #0 (id \"p1\")"),
        "{message}"
    );
    assert!(
        message.contains("a province must be a Polygon or MultiPolygon"),
        "{message}"
    );
}

#[test]
fn the_bundled_basemap_loads_with_the_storys_towns_and_the_three_countries_provinces() {
    let reference = strikemap::data::ReferenceData::bundled();
    assert!(reference.problems.is_empty(), "{:?}", reference.problems);
    let names: Vec<&str> = reference.towns.iter().filter_map(|t| t.name()).collect();
    for town in [
        "Zahedan",
        "Sarāvān",
        "Iranshahr",
        "Chabahar",
        "Quetta",
        "Panjgur",
        "Turbat",
        "Gwadar",
        "Islamabad",
        "Tehran",
    ] {
        assert!(names.contains(&town), "{town} missing from {names:?}");
    }
    for country in ["IRN", "PAK", "AFG"] {
        let provinces = reference
            .admin1
            .iter()
            .filter(|f| f.property_str("adm0_a3") == Some(country))
            .count();
        assert!(provinces > 5, "{country}: {provinces} provinces");
    }
    assert!(reference.land.len() > 200, "land worldwide");
}

#[test]
fn the_bundled_files_read_as_the_geojson_crate_reads_whole_documents() {
    use geo::CoordsIter;
    let geodata = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for name in [
        "countries.geojson",
        "provinces.geojson",
        "basemap/admin1.geojson",
    ] {
        let text = std::fs::read_to_string(geodata.join(name)).unwrap();
        let ours = geojson_file::parse(name, &text).unwrap();
        let reference: geojson::FeatureCollection = text.parse().unwrap();
        assert_eq!(ours.len(), reference.features.len(), "{name}");
        for (mine, feature) in ours.iter().zip(&reference.features) {
            let theirs: geo::Geometry<f64> = feature.geometry.as_ref().unwrap().try_into().unwrap();
            assert_eq!(
                mine.geometry.coords_count(),
                theirs.coords_count(),
                "{name}"
            );
            assert_eq!(mine.geometry, theirs, "{name}");
            assert_eq!(
                Some(&mine.properties),
                feature.properties.as_ref(),
                "{name}"
            );
        }
    }
}

/// Great-circle distance on a sphere of the mean Earth radius: an independent check.
fn haversine_km(a: geo::Point<f64>, b: geo::Point<f64>) -> f64 {
    let (la1, la2) = (a.y().to_radians(), b.y().to_radians());
    let dlat = la2 - la1;
    let dlon = (b.x() - a.x()).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

#[test]
fn each_strike_is_measured_to_the_border_and_its_province_capital() {
    use strikemap::data::geography::Landmarks;
    let story = Story::load(&DataSource::Bundled);
    let reference = strikemap::data::ReferenceData::bundled();
    let landmarks = Landmarks::new(&story, &reference.towns);
    let border_km = strikemap::data::distance::length_m(&landmarks.border) / 1000.0;
    assert!((800.0..1000.0).contains(&border_km), "{border_km}");
    for (id, capital) in [
        ("2024-01-16-iran-strikes-panjgur", "Quetta"),
        ("2024-01-18-pakistan-strikes-saravan", "Sarāvān"),
    ] {
        let index = story.event_index(id).unwrap();
        let event = &story.events[index];
        let figures = landmarks.of(event, story.event_province[index]);
        let (name, metres) = figures.capital.clone().unwrap();
        let expected_capital = if capital == "Quetta" {
            "Quetta"
        } else {
            "Zahedan"
        };
        assert_eq!(name, expected_capital);
        let town = reference
            .towns
            .iter()
            .find(|t| t.name() == Some(expected_capital))
            .unwrap();
        let geo::Geometry::Point(at) = town.geometry else {
            panic!("a town is a point")
        };
        let check = haversine_km(event.position, at);
        assert!(
            (metres / 1000.0 - check).abs() < check * 0.005,
            "{id}: {metres} m vs {check} km"
        );
        // The nearest border point is on the border, the distance given is the distance to it,
        // and no point of the border (densified every 500 m, checked independently with a
        // haversine) is nearer by more than the haversine's own error.
        let (nearest, border_m) = figures.border.unwrap();
        let off_line = geo::Euclidean.distance(&nearest, &landmarks.border);
        assert!(off_line < 1e-9, "{id}: {off_line}° off the border");
        let to_nearest = haversine_km(event.position, nearest);
        assert!(
            (border_m / 1000.0 - to_nearest).abs() < to_nearest * 0.005,
            "{id}: {border_m} m given, {to_nearest} km to the point given"
        );
        let dense = geo::Densify::densify(&geo::Haversine, &landmarks.border, 500.0);
        let nearest_any = geo::CoordsIter::coords_iter(&dense)
            .map(|c| haversine_km(event.position, geo::Point(c)))
            .fold(f64::INFINITY, f64::min);
        assert!(
            to_nearest <= nearest_any * 1.005 + 0.25,
            "{id}: a border point {nearest_any} km away is nearer than the {to_nearest} km given"
        );
    }
}

#[test]
fn a_figure_cites_no_report_its_note_says_is_unidentified() {
    let story = bundled();
    for event in &story.events {
        for report in event.fatalities.iter().chain(&event.injured) {
            let note = report.note.as_deref().unwrap_or_default();
            let unidentified = note.contains("not which") || note.contains("without saying which");
            assert!(
                !(unidentified && report.source.starts_with("http")),
                "{}: \"{}\" cites {} but says its source is not identified",
                event.id,
                report.reported,
                report.source
            );
        }
    }
    // Panjgur's injured: the research notes give the figure and who said it, not the report.
    let panjgur = &story.events[0];
    assert_eq!(panjgur.id, "2024-01-16-iran-strikes-panjgur");
    assert!(panjgur.injured[0].source.starts_with("research notes"));
}
