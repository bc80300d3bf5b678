//! GDAL side by side with strikemap on the same file and the same view: how long `ogr2ogr`
//! takes to read the features of strikemap's start view through the file's spatial index
//! (`-spat`, written as GeoJSON to /vsistdout/, thrown away), how many there are, and its peak memory. Skipped
//! with a line saying so when GDAL is not installed.

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

fn millis(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}
