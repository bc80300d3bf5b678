//! The command line: good arguments become a configuration; bad ones are one line and exit 2.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use strikemap::data::DataSource;
use strikemap::map::tiles::Basemap;
use strikemap::{AppConfig, CacheChoice};

fn parse(args: &[&str]) -> Option<AppConfig> {
    strikemap::cli::parse(std::iter::once("strikemap").chain(args.iter().copied())).ok()
}

#[test]
fn no_arguments_open_the_bundled_story_with_osm_tiles() {
    let config = parse(&[]).expect("valid");
    assert_eq!(config.data, DataSource::Bundled);
    assert_eq!(config.tiles.basemap, Basemap::OpenStreetMap);
    assert_eq!(config.tiles.cache, CacheChoice::Platform);
}

#[test]
fn offline_and_tile_url_and_cache_dir_and_data_are_understood() {
    assert_eq!(
        parse(&["--offline"]).unwrap().tiles.basemap,
        Basemap::Offline
    );
    let config = parse(&["--tile-url", "https://t.example.org/{z}/{x}/{y}.png"]).unwrap();
    assert_eq!(config.tiles.basemap, Basemap::Custom);
    assert!(config.tiles.custom.is_some());
    // Offline first, with the custom server one click away in the layer panel.
    let config = parse(&[
        "--offline",
        "--tile-url",
        "https://t.example.org/{z}/{x}/{y}.png",
    ])
    .unwrap();
    assert_eq!(config.tiles.basemap, Basemap::Offline);
    assert!(config.tiles.custom.is_some());
    let config = parse(&["--cache-dir", "/tmp/strikemap-tiles"]).unwrap();
    assert_eq!(
        config.tiles.cache,
        CacheChoice::Dir("/tmp/strikemap-tiles".into())
    );
    let dir = env!("CARGO_MANIFEST_DIR");
    let config = parse(&["--data", dir]).unwrap();
    assert_eq!(config.data, DataSource::Dir(dir.into()));
}

#[test]
fn select_and_view_are_checked() {
    let config = parse(&[
        "--select",
        "2024-01-16-iran-strikes-panjgur",
        "--view",
        "27.5,63.5,7",
    ])
    .unwrap();
    assert_eq!(
        config.select.as_deref(),
        Some("2024-01-16-iran-strikes-panjgur")
    );
    assert_eq!(config.view, Some((27.5, 63.5, 7.0)));
    assert!(
        parse(&["--view", "-33.9,18.4,5"]).is_some(),
        "southern and western views"
    );
    assert!(parse(&["--view", "27.5,63.5"]).is_none());
    assert!(parse(&["--view", "95,63.5,7"]).is_none());
    assert!(parse(&["--view", "27.5,63.5,30"]).is_none());
    assert!(parse(&["--select", "no-such-event"]).is_none());
}

#[test]
fn bad_arguments_are_refused() {
    assert!(parse(&["--tile-url", "ftp://t.example.org/{z}/{x}/{y}.png"]).is_none());
    assert!(parse(&["--tile-url", "https://t.example.org/{z}/{x}.png"]).is_none());
    assert!(parse(&["--data", "/no/such/folder"]).is_none());
    assert!(parse(&["--cache-dir"]).is_none());
    assert!(parse(&["--no-such-flag"]).is_none());
}

#[test]
fn the_binary_says_why_in_one_line_and_exits_2() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["--tile-url", "https://t.example.org/{z}/{x}.png"],
            "must contain {y}",
        ),
        (
            &["--tile-url", "ftp://t.example.org/{z}/{x}/{y}.png"],
            "must start with http",
        ),
        (&["--data", "/no/such/folder"], "is not a folder"),
        (&["--cache-dir"], "a value is required"),
        (&["--no-such-flag"], "unexpected argument"),
        (&["--select", "no-such-event"], "no event has the id"),
        (&["--view", "27.5,63.5,30"], "zoom 30 is outside"),
    ];
    for (args, reason) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_strikemap"))
            .args(args)
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("strikemap: "), "{stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
    }
}

#[test]
fn help_lists_the_options() {
    let output = Command::new(env!("CARGO_BIN_EXE_strikemap"))
        .arg("--help")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--offline",
        "--tile-url",
        "--cache-dir",
        "--data",
        "--select",
        "--view",
        "--max-file-size",
    ] {
        assert!(stdout.contains(option), "{stdout}");
    }
}
