//! A GeoParquet file by URL, as Overture's are published: its footer and the row groups a view
//! needs are read by range requests from a loopback server, the file's length from the
//! server's `Content-Range`; a view where the row groups' boxes hold nothing fetches none of
//! them; a server that sends garbage, ignores ranges or holds half the file is reported in the
//! layer's row.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::atomic::Ordering;

use common::tiled::online as app_with;
use strikemap::bench_support::range_server::RangeServer;
use strikemap::map::tiled::SourceState;

#[test]
fn a_geoparquet_file_by_url_is_read_by_row_groups_and_its_faults_are_named() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/geoparquet");
    let bytes = std::fs::read(fixtures.join("events.parquet")).unwrap();
    let size = bytes.len() as u64;
    let server = RangeServer::start(vec![("events.parquet", bytes)], fixtures).unwrap();

    // Far from every row group's box (the Atlantic): the footer is read, no row group.
    let mut harness = common::tiled::opened_at(
        &server.url("good/events.parquet"),
        (-30.0, 0.0, 6.0),
        "GeoParquet",
    );
    let layer = &harness.state().tiled_layers().layers[0];
    assert_eq!(layer.counts().features_in_view, 0);
    let (footer_only, failures, _) = layer.network().unwrap();
    assert_eq!(failures, 0);
    assert!(
        footer_only > 0 && footer_only < size / 2,
        "{footer_only} of {size}"
    );
    // Its length, its tail and its footer: nothing of the rows.
    assert!(server.requests.load(Ordering::SeqCst) <= 4);

    // Over the story: the events there are drawn, every byte counted.
    harness.state_mut().set_view(63.0, 28.0, 5.0);
    harness.run_steps(2);
    common::tiled::settle_tiles(&mut harness);
    let layer = &harness.state().tiled_layers().layers[0];
    let counts = layer.counts();
    assert!(counts.ready > 0 && counts.failed == 0, "{counts:?}");
    assert!(counts.features_in_view > 500, "{counts:?}");
    let (fetched, failures, _) = layer.network().unwrap();
    assert_eq!(failures, 0);
    assert!(fetched > footer_only, "{fetched}");
    assert_eq!(fetched as usize, server.bytes.load(Ordering::SeqCst));

    for (fault, expected) in [
        ("garbage", "not a Parquet file"),
        ("norange", "range"),
        ("truncated", "Parquet"),
    ] {
        let harness = app_with(vec![server.url(&format!("{fault}/events.parquet"))]);
        let layer = &harness.state().tiled_layers().layers[0];
        match &layer.state {
            SourceState::Failed(why) => assert!(why.contains(expected), "{fault}: {why}"),
            other => panic!("{fault}: {other:?}"),
        }
    }
}
