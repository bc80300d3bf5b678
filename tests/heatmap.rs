//! The density heatmap: its grid holds exactly the weight of the shown points inside it (a
//! direct sum over the file's rows), follows the filters, and in the window the surface is made
//! while frames go on, with its legend in the layer panel.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::write;
use egui_kittest::kittest::Queryable;
use strikemap::AppConfig;
use strikemap::bench_support::load_layer;
use strikemap::data::thematic::{ColumnFilter, FilterRule, StyleRule};
use strikemap::map::points::heat_grid::GridSpec;
use strikemap::map::projection::to_mercator;

const TYPES: [&str; 3] = ["Battles", "Protests", "Riots"];

/// One row's type, position and deaths (a fixed mix; some deaths unknown).
fn event(i: usize) -> (&'static str, f64, f64, Option<u32>) {
    let lat = 25.0 + (i * 37 % 101) as f64 * 0.07;
    let lon = 61.0 + (i * 53 % 97) as f64 * 0.09;
    let deaths = (!i.is_multiple_of(13)).then_some((i * 7 % 11) as u32);
    (TYPES[i % 3], lat, lon, deaths)
}

fn csv(n: usize) -> String {
    let mut out =
        String::from("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n");
    for i in 0..n {
        let (kind, lat, lon, deaths) = event(i);
        let deaths = deaths.map(|d| d.to_string()).unwrap_or_default();
        out += &format!(
            "PAK{i},2024-01-{:02},{kind},{lat:.4},{lon:.4},{deaths}\n",
            1 + i % 28
        );
    }
    out
}

#[test]
fn the_grid_sums_to_the_weighted_count_of_the_shown_points_in_it() {
    let n = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "events.csv", &csv(n));
    let mut layer = load_layer(&path).unwrap();
    layer.theme.settings.style = StyleRule::Heatmap {
        weight: Some("fatalities".into()),
        radius: 20.0,
    };
    layer
        .theme
        .settings
        .filters
        .push(ColumnFilter::new("event_type", FilterRule::only("Battles")));
    let color = layer.color();
    let shared = layer.points.as_ref().map(|p| p.shared());
    let done = layer.theme.compute_now(None, color, shared);
    layer
        .theme
        .apply(done, layer.points.as_mut(), &mut layer.layer);
    // A grid over part of the points: from 26°N 62°E, 200 × 150 cells of 0.0005.
    let origin = to_mercator(62.0, 28.0);
    let spec = GridSpec {
        origin,
        cell: 0.0005,
        width: 200,
        height: 150,
        radius: 6.0,
    };
    let far = spec.far_corner();
    let grid = layer.points.as_ref().unwrap().heat_grid(spec).unwrap();
    let mut expected = 0.0;
    let mut inside = 0;
    for i in 0..n {
        let (kind, lat, lon, deaths) = event(i);
        let m = to_mercator(lon, lat);
        if kind == "Battles"
            && (origin[0]..far[0]).contains(&m[0])
            && (origin[1]..far[1]).contains(&m[1])
        {
            expected += f64::from(deaths.unwrap_or(0));
            inside += 1;
        }
    }
    assert!(
        inside > 100,
        "the grid covers some of the points ({inside})"
    );
    assert!(expected > 0.0);
    assert!(
        (grid.total() - expected).abs() < 1e-3,
        "grid {} against {expected}",
        grid.total()
    );
    // The blurred surface has a peak of one point's weight at least, and is zero far away.
    let top = grid.density.iter().copied().fold(0.0f32, f32::max);
    assert!(top >= 1.0);
}

#[test]
fn the_window_draws_a_heatmap_with_its_legend_while_frames_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "events.csv", &csv(20_000));
    let config = AppConfig {
        files: vec![path],
        style: Some(StyleRule::Heatmap {
            weight: None,
            radius: 20.0,
        }),
        ..AppConfig::default()
    };
    let (mut harness, _) = common::harness_with(config);
    common::until_applied(&mut harness);
    harness.state_mut().set_view(63.5, 27.0, 6.0);
    let mut frames = 0;
    while harness.state().user_layers().layers[0].heat_is_computing() && frames < 100_000 {
        harness.step();
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(frames >= 1, "the surface was made across frames");
    harness.run_steps(2);
    let legend = harness.query_by_label_contains("density of events");
    assert!(legend.is_some(), "the legend names what is summed");
    assert!(harness.query_by_label_contains("or more").is_some());
    // A heatmap draws no markers: nothing to click on where points are.
    let layer = &harness.state().user_layers().layers[0];
    assert!(layer.points.as_ref().unwrap().heat_legend().unwrap().scale >= 1.0);
}
