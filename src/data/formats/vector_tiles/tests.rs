use super::*;

#[test]
fn locations_are_told_apart_by_what_users_paste() {
    assert_eq!(
        Location::parse("https://tiles.example.org/events.pmtiles?key=1"),
        Ok(Location::ArchiveUrl(
            "https://tiles.example.org/events.pmtiles?key=1".to_owned()
        ))
    );
    assert!(matches!(
        Location::parse("http://localhost:3000/events/{z}/{x}/{y}"),
        Ok(Location::Template(_))
    ));
    assert!(matches!(
        Location::parse("data/Events.PMTILES"),
        Ok(Location::File(_))
    ));
    let refused = Location::parse("https://example.org/events.geojson");
    assert!(refused.is_err_and(|e| e.contains("{z}")));
    let martin = Location::parse("http://localhost:3000/acled_events/{z}/{x}/{y}");
    assert_eq!(
        martin.map(|l| l.short_name()),
        Ok("acled_events".to_owned())
    );
}

#[test]
fn metadata_gives_name_attribution_and_layers_in_both_writers_layouts() {
    // tippecanoe: vector_layers inside a JSON string.
    let tippecanoe = r#"{"name":"events","attribution":"<a href=\"https://acleddata.com\">&copy; ACLED</a>",
        "json":"{\"vector_layers\":[{\"id\":\"events\"},{\"id\":\"provinces\"}]}"}"#;
    let info = from_metadata(tippecanoe);
    assert_eq!(info.name.as_deref(), Some("events"));
    assert_eq!(info.attribution.as_deref(), Some("© ACLED"));
    assert_eq!(info.layers, ["events", "provinces"]);
    // planetiler: vector_layers on top.
    let planetiler = r#"{"vector_layers":[{"id":"water"}],"attribution":"OpenStreetMap"}"#;
    assert_eq!(from_metadata(planetiler).layers, ["water"]);
    // Missing or broken metadata leaves everything unknown.
    assert_eq!(from_metadata("not json"), TileSetInfo::default());
}

#[test]
fn a_tilejson_gives_zooms_and_bounds_in_martins_and_tippecanoes_spelling() {
    let martin = r#"{"tilejson":"3.0.0","tiles":["http://localhost:3000/events/{z}/{x}/{y}"],
        "minzoom":0,"maxzoom":12,"bounds":[44.0,20.0,80.0,42.0],"vector_layers":[{"id":"events"}]}"#;
    let info = tilejson::from_tilejson(martin).expect("a TileJSON");
    assert_eq!((info.min_zoom, info.max_zoom), (0, 12));
    assert_eq!(info.bounds, Some([44.0, 20.0, 80.0, 42.0]));
    assert_eq!(info.layers, ["events"]);
    let tippecanoe = r#"{"name":"x","minzoom":"2","maxzoom":"4","bounds":"44,20,80,42"}"#;
    let info = tilejson::from_tilejson(tippecanoe).expect("tippecanoe's metadata");
    assert_eq!((info.min_zoom, info.max_zoom), (2, 4));
    // A catalogue or an HTML page is not one.
    assert!(tilejson::from_tilejson(r#"{"tiles":{}}"#).is_none());
    assert!(tilejson::from_tilejson("<html>").is_none());
}
