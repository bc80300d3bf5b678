//! The bundled data is complete and true to its sources (bad files: `data_refusals.rs`).

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use geo::Distance;
use sha2::{Digest, Sha256};
use strikemap::data::formats::geojson::features as geojson_file;
use strikemap::data::{DataSource, EventKind, Story};

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
