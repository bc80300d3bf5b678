//! The command line: parsed with clap, turned into an [`AppConfig`]; a bad argument is one line
//! on stderr and exit code 2.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::app::{AppConfig, CacheChoice, TileConfig};
use crate::data::DataSource;
use crate::map::tiles::{Basemap, TemplateSource};

/// strikemap: the January 2024 Iran–Pakistan cross-border strikes on a map, with the sourced
/// facts for every marker and the article that reported them.
#[derive(Debug, Parser)]
#[command(name = "strikemap", version)]
pub struct Cli {
    /// Start on the bundled offline basemap and make no tile requests at all (another basemap
    /// can still be chosen in the layer panel).
    #[arg(long)]
    pub offline: bool,
    /// Use another XYZ tile server instead of OpenStreetMap, e.g.
    /// "https://tiles.example.org/{z}/{x}/{y}.png" (http or https; must contain {z}, {x}, {y}).
    #[arg(long, value_name = "TEMPLATE", value_parser = TemplateSource::parse)]
    pub tile_url: Option<TemplateSource>,
    /// Keep the tile cache in DIR instead of the platform cache directory. If DIR cannot be
    /// created or written, tiles load uncached, with a warning.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Load another folder laid out like geodata/ (provinces.geojson, countries.geojson,
    /// events.geojson, optionally article.json) instead of the bundled story.
    #[arg(long, value_name = "DIR", value_parser = existing_dir)]
    pub data: Option<PathBuf>,
    /// Refuse GeoJSON files larger than this many megabytes (MiB) before reading them.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_size: u64,
    /// GeoJSON files to open as layers above the story (loaded in the background; a bad file is
    /// reported in the layer panel and does not stop the others).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn existing_dir(arg: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(arg);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("\"{arg}\" is not a folder"))
    }
}

impl Cli {
    pub fn config(self) -> AppConfig {
        AppConfig {
            data: self.data.map_or(DataSource::Bundled, DataSource::Dir),
            tiles: TileConfig {
                basemap: match (self.offline, &self.tile_url) {
                    (true, _) => Basemap::Offline,
                    (false, Some(_)) => Basemap::Custom,
                    (false, None) => Basemap::OpenStreetMap,
                },
                custom: self.tile_url,
                cache: self
                    .cache_dir
                    .map_or(CacheChoice::Platform, CacheChoice::Dir),
                ..TileConfig::default()
            },
            files: self.files,
            max_file_bytes: self.max_file_size.saturating_mul(1 << 20),
        }
    }
}

/// Parse the arguments. `Err` carries the exit code after help, the version, or a one-line
/// error have been printed.
pub fn parse<I, T>(args: I) -> Result<AppConfig, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => Ok(cli.config()),
        Err(err) if !err.use_stderr() => {
            // --help and --version: print as clap formats them.
            let _ = err.print();
            Err(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("strikemap: {}", one_line(&err.to_string()));
            Err(ExitCode::from(2))
        }
    }
}

/// clap's first line without its "error: " prefix.
pub fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_owned()
}
