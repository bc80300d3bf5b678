//! GDAL side by side with strikemap on the same file and the same view: how long `ogr2ogr`
//! takes to read the features of strikemap's start view through the file's spatial index
//! (`-spat`, written as GeoJSON to /vsistdout/, thrown away), how many there are, and its peak memory. Skipped
//! with a line saying so when GDAL is not installed. For GeoParquet, which Debian's GDAL does
//! not read, geopandas' `read_parquet(bbox=…)` (the covering's row-group and row filter, as
//! analysts use it) is timed instead.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Print GDAL's figures for reading `bounds` (west, south, east, north) of `file`.
pub fn start_view_lines(file: &Path, bounds: [f64; 4]) {
    let spat: Vec<String> = bounds.iter().map(|b| format!("{b:.6}")).collect();
    let mut times = Vec::new();
    let mut peak_kb = None;
    for _ in 0..3 {
        let started = Instant::now();
        let output = Command::new("/usr/bin/time")
            .args(["-f", "%M", "ogr2ogr", "-f", "GeoJSON", "/vsistdout/"])
            .stdout(std::process::Stdio::null())
            .arg(file)
            .arg("-spat")
            .args(&spat)
            .output();
        let Some(output) = output.ok().filter(|o| o.status.success()) else {
            println!("gdal_start_view skipped: ogr2ogr (GDAL) or /usr/bin/time not usable");
            return;
        };
        times.push(started.elapsed());
        peak_kb = String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<f64>().ok());
    }
    let count = Command::new("ogrinfo")
        .args(["-ro", "-so", "-al"])
        .arg(file)
        .arg("-spat")
        .args(&spat)
        .output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let line = text
                .lines()
                .find(|l| l.starts_with("Feature Count:"))?
                .to_owned();
            line.split(':').nth(1)?.trim().parse::<u64>().ok()
        });
    println!("start_view_bounds {}", spat.join(" "));
    println!(
        "gdal_ogr2ogr_start_view_ms {:.1}",
        millis(super::median(&mut times))
    );
    if let Some(count) = count {
        println!("gdal_start_view_features {count}");
    }
    if let Some(kb) = peak_kb {
        println!("gdal_ogr2ogr_peak_rss_mb {:.0}", kb / 1024.0);
    }
}

/// Print geopandas' figures for reading `bounds` of the GeoParquet `file` into a GeoDataFrame.
pub fn geopandas_start_view_lines(file: &Path, bounds: [f64; 4]) {
    let script = "import sys, geopandas as g\n\
                  b = tuple(float(v) for v in sys.argv[2:6])\n\
                  print(len(g.read_parquet(sys.argv[1], bbox=b)))";
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let started = Instant::now();
        let output = Command::new("/usr/bin/time")
            .args(["-f", "%M", "python3", "-c", script])
            .arg(file)
            .args(bounds.iter().map(|b| format!("{b:.6}")))
            .output();
        let Some(output) = output.ok().filter(|o| o.status.success()) else {
            println!("geopandas_start_view skipped: python3 with geopandas not usable");
            return;
        };
        times.push(started.elapsed());
        last = Some(output);
    }
    let Some(output) = last else { return };
    let count = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let peak_kb = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse::<f64>().ok());
    println!(
        "geopandas_read_parquet_start_view_ms {:.1}",
        millis(super::median(&mut times))
    );
    println!("geopandas_start_view_features {count}");
    if let Some(kb) = peak_kb {
        println!("geopandas_peak_rss_mb {:.0}", kb / 1024.0);
    }
}

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
