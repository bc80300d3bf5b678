//! The supercluster crate (3.x, the stable line) against strikemap's `ClusterIndex`, which
//! implements the same algorithm: build times, and cluster counts as a check that both agree.

use std::panic::{AssertUnwindSafe, catch_unwind};

use geo::Geometry as GeoGeometry;
use geojson024::{Feature, Geometry, Value};
use strikemap::map::points::cluster::ClusterIndex;
use strikemap::map::projection::to_mercator;
use strikemap::map::vector::store::to_fixed;
use supercluster::{Supercluster, SuperclusterOptions};

use crate::measure::{median_ms, panic_message, print_failed, print_ms, print_value, timed};

/// Builds timed for each side; the median is reported.
const RUNS: usize = 3;
/// Zooms whose whole-world cluster counts are printed.
const CHECK_ZOOMS: [u8; 2] = [3, 7];

/// Longitude/latitude of every Point feature (MultiPoints and other shapes are not points to
/// either clusterer here).
pub fn points_of(geometries: &[GeoGeometry<f64>]) -> Vec<[f64; 2]> {
    geometries
        .iter()
        .filter_map(|g| match g {
            GeoGeometry::Point(p) => Some([p.x(), p.y()]),
            _ => None,
        })
        .collect()
}

/// The options strikemap's clustering corresponds to: 45-point radius on 256-point tiles, for
/// zooms 0 to 20, at least two points to a cluster.
fn options() -> SuperclusterOptions {
    Supercluster::builder()
        .radius(45.0)
        .extent(256.0)
        .max_zoom(20)
        .min_zoom(0)
        .min_points(2)
        .build()
}

/// supercluster's input for the points: one geojson 0.24 Feature each.
fn features(points: &[[f64; 2]]) -> Vec<Feature> {
    points
        .iter()
        .map(|&[lon, lat]| Feature {
            bbox: None,
            geometry: Some(Geometry::new(Value::Point(vec![lon, lat]))),
            id: None,
            properties: None,
            foreign_members: None,
        })
        .collect()
}

/// Build the Features and load them, as a supercluster user does; panics become errors.
fn build_supercluster(points: &[[f64; 2]]) -> Result<Supercluster, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut index = Supercluster::new(options());
        index.load(features(points)).map_err(|e| e.to_string())?;
        Ok(index)
    }))
    .unwrap_or_else(|payload| Err(format!("panicked: {}", panic_message(&*payload))))
}

/// strikemap's clustering of the same points, from projection to fixed-point onwards.
fn build_strikemap(points: &[[f64; 2]]) -> ClusterIndex {
    let fixed: Vec<_> = points
        .iter()
        .map(|&[lon, lat]| to_fixed(to_mercator(lon, lat)))
        .collect();
    ClusterIndex::build(&fixed)
}

/// Time both sides and print their build times and cluster counts.
pub fn compare(points: &[[f64; 2]]) {
    if points.is_empty() {
        println!("supercluster skipped: no points");
        return;
    }
    print_value("points", points.len());
    let mut times = Vec::new();
    let mut built = None;
    for _ in 0..RUNS {
        drop(built.take());
        let (index, elapsed) = timed(|| build_supercluster(points));
        times.push(elapsed);
        built = Some(index);
    }
    match built.expect("RUNS > 0") {
        Ok(index) => {
            print_ms("supercluster_load_ms", median_ms(&times));
            for z in CHECK_ZOOMS {
                match index.get_clusters([-180.0, -85.0, 180.0, 85.0], z) {
                    Ok(items) => print_value(&format!("supercluster_clusters_z{z}"), items.len()),
                    Err(e) => print_failed(&format!("supercluster_clusters_z{z}"), e),
                }
            }
        }
        Err(reason) => print_failed("supercluster_load_ms", reason),
    }

    let mut times = Vec::new();
    let mut index = None;
    for _ in 0..RUNS {
        drop(index.take());
        let (built, elapsed) = timed(|| build_strikemap(points));
        times.push(elapsed);
        index = Some(built);
    }
    let index = index.expect("RUNS > 0");
    print_ms("strikemap_cluster_ms", median_ms(&times));
    for z in CHECK_ZOOMS {
        print_value(&format!("strikemap_clusters_z{z}"), index.items(z).len());
    }
}
