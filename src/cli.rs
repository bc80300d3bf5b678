//! The command line: parsed with clap, turned into an [`AppConfig`]; a bad argument is one line
//! on stderr and exit code 2.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use crate::app::{AppConfig, CacheChoice, TileConfig};
use crate::data::DataSource;
use crate::data::thematic::{self, ColumnFilter, StyleRule};
use crate::map::tiles::{Basemap, TemplateSource};

/// strikemap: the January 2024 Iran–Pakistan cross-border strikes on a map, with the sourced
/// facts for every marker and the article that reported them.
#[derive(Debug, Parser)]
#[command(name = "strikemap", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Start on the bundled offline basemap and make no tile requests at all (another basemap
    /// can still be chosen in the layer panel).
    #[arg(long)]
    pub offline: bool,
    /// Use another XYZ tile server instead of OpenStreetMap, e.g.
    /// "https://tiles.example.org/{z}/{x}/{y}.png" (http or https; must contain {z}, {x}, {y}).
    #[arg(long, value_name = "TEMPLATE", value_parser = TemplateSource::parse)]
    pub tile_url: Option<TemplateSource>,
    /// A vector basemap to draw instead of raster tiles: a PMTiles archive in the Protomaps or
    /// OpenMapTiles schema, as a file (full detail offline, with --offline too) or by URL, or
    /// an MVT tile URL with {z}, {x}, {y}. Its place names follow the label-language choice.
    #[arg(long, value_name = "PMTILES")]
    pub basemap_pmtiles: Option<String>,
    /// Keep the tile cache in DIR instead of the platform cache directory. If DIR cannot be
    /// created or written, tiles load uncached, with a warning.
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Load another folder laid out like geodata/ (provinces.geojson, countries.geojson,
    /// events.geojson, optionally article.json) instead of the bundled story.
    #[arg(long, value_name = "DIR", value_parser = existing_dir)]
    pub data: Option<PathBuf>,
    /// Refuse files larger than this many megabytes (MiB) before reading them.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    pub max_file_size: u64,
    /// Refuse a file whose opening would need more than this many megabytes (MiB) of memory
    /// (its reader's measured peak: 2.5 to 3 times its size), before reading it. By default, the
    /// memory the system has available.
    #[arg(long, value_name = "MB")]
    pub max_memory: Option<u64>,
    /// Open with this event selected (and the map on it), e.g.
    /// "2024-01-16-iran-strikes-panjgur".
    #[arg(long, value_name = "EVENT_ID")]
    pub select: Option<String>,
    /// Open on this view: latitude, longitude and zoom (0–20), e.g. "27.5,63.5,7".
    #[arg(long, value_name = "LAT,LON,ZOOM", value_parser = parse_view, allow_hyphen_values = true)]
    pub view: Option<View>,
    /// Draw the map (this view, these layers and this selection) to a PNG file offscreen and
    /// exit, without opening a window.
    #[arg(long, value_name = "FILE")]
    pub export_png: Option<PathBuf>,
    /// Draw the map's vector layers, labels, legend and attribution to an SVG file instead
    /// (for Illustrator or Inkscape), and exit.
    #[arg(long, value_name = "FILE", conflicts_with = "export_png")]
    pub export_svg: Option<PathBuf>,
    /// The exported image's size in pixels.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1200x800")]
    pub size: [u32; 2],
    /// Pixels per point of the exported image: 2 draws the same map at twice the pixels each
    /// way (print resolution), text and lines as sharp.
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = parse_scale, requires = "export_png")]
    pub scale: f32,
    /// What draws the exported image: wgpu where it finds an adapter, else the CPU (auto), or
    /// only one of them.
    #[arg(long, value_enum, default_value = "auto", requires = "export_png")]
    pub renderer: crate::export::RendererChoice,
    /// Files to open as layers above the story, in any format below (loaded in the
    /// background; a bad file is reported in the layer panel and does not stop the others).
    /// Show only the opened layers' features that pass this filter (repeatable, all must pass):
    /// COLUMN=A|B, COLUMN!=A|B, COLUMN>=N, COLUMN<=N or COLUMN~TEXT.
    #[arg(long = "filter", value_name = "FILTER", value_parser = thematic::args::parse_filter)]
    pub filters: Vec<ColumnFilter>,
    /// Style the opened layers: single, categorized:COLUMN,
    /// graduated:COLUMN[:quantile|equal][:CLASSES][:size] or heatmap[:WEIGHT][:RADIUS].
    #[arg(long, value_name = "STYLE", value_parser = thematic::args::parse_style)]
    pub style: Option<StyleRule>,
    /// Show these dates on the time bar once the files are open, e.g. 2024-01-16..2024-02-15.
    #[arg(long, value_name = "FROM..TO", value_parser = thematic::args::parse_dates)]
    pub dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Count the first opened point layer's events per area once it is open: into the story's
    /// provinces, H3 hexagons (h3, or h3:RES for a fixed resolution) or an opened layer (by
    /// its name, the file name without extension).
    #[arg(long, value_name = "AREAS", value_parser = thematic::args::parse_count_in)]
    pub count_in: Option<thematic::args::CountIn>,
    /// Open a vector tile source as a layer: a PMTiles archive by URL
    /// ("https://host/events.pmtiles") or an MVT tile URL ("http://localhost:3000/events/{z}/{x}/{y}",
    /// as Martin and pg_tileserv serve). Repeatable. A local .pmtiles file is given as a FILE.
    #[arg(long, value_name = "URL")]
    pub layer_url: Vec<String>,
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// What `--help` ends with: the formats, and the `check` command.
const AFTER_HELP: &str = "\
Files: GeoJSON (.geojson, .json), CSV with coordinates or WKT (.csv, .tsv, .txt; ACLED exports \
as events), KML and KMZ (.kml, .kmz), GPX (.gpx), Shapefiles (.shp with .dbf/.shx/.prj/.cpg \
beside it, or a .zip of them); the format is found by extension, else by the first bytes. \
PMTiles archives (.pmtiles) open as tiled layers, read a tile at a time.

Commands:
  strikemap check [--json] [--strict] FILE...
      Read files as the app would, without a window, and report what was read, what was \
skipped or left out and why, and warnings, each with its line and column \
(`strikemap check --help`).
  strikemap bundle PROJECT.strikemap OUT.zip
      Write the project with every layer file it uses into one zip that opens on another machine.";

/// A map view given on the command line.
pub type View = (f64, f64, f64);

/// "LAT,LON,ZOOM", each in range.
pub fn parse_view(arg: &str) -> Result<View, String> {
    let parts: Vec<&str> = arg.split(',').map(str::trim).collect();
    let [lat, lon, zoom] = parts[..] else {
        return Err(format!("expected LAT,LON,ZOOM, got \"{arg}\""));
    };
    let number = |what: &str, text: &str| -> Result<f64, String> {
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("{what} \"{text}\" is not a number"))
    };
    let (lat, lon, zoom) = (
        number("latitude", lat)?,
        number("longitude", lon)?,
        number("zoom", zoom)?,
    );
    if !(-85.05..=85.05).contains(&lat) {
        return Err(format!(
            "latitude {lat} is outside -85.05 to 85.05 (Web Mercator)"
        ));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} is outside -180 to 180"));
    }
    if !(0.0..=20.0).contains(&zoom) {
        return Err(format!("zoom {zoom} is outside 0 to 20"));
    }
    Ok((lat, lon, zoom))
}

/// "WxH" in pixels, 16 to 8192 each way.
/// `--scale`: 0.5 to 4 pixels per point.
pub fn parse_scale(arg: &str) -> Result<f32, String> {
    match arg.trim().parse::<f32>() {
        Ok(scale) if (0.5..=4.0).contains(&scale) => Ok(scale),
        _ => Err(format!("{arg:?} is not a scale from 0.5 to 4 (e.g. 2)")),
    }
}

pub fn parse_size(arg: &str) -> Result<[u32; 2], String> {
    let (w, h) = arg
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("expected WxH, e.g. 1200x800, got \"{arg}\""))?;
    let side = |text: &str| -> Result<u32, String> {
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (16..=8192).contains(n))
            .ok_or_else(|| format!("image side \"{text}\" must be a whole number from 16 to 8192"))
    };
    Ok([side(w)?, side(h)?])
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
                basemap: match (self.offline, &self.tile_url, &self.basemap_pmtiles) {
                    (_, _, Some(_)) => Basemap::Vector,
                    (true, _, None) => Basemap::Offline,
                    (false, Some(_), None) => Basemap::Custom,
                    (false, None, None) => Basemap::OpenStreetMap,
                },
                custom: self.tile_url,
                vector: self.basemap_pmtiles,
                offline: self.offline,
                cache: self
                    .cache_dir
                    .map_or(CacheChoice::Platform, CacheChoice::Dir),
                ..TileConfig::default()
            },
            project: self
                .files
                .iter()
                .find(|f| crate::app::is_project(f))
                .cloned(),
            files: self
                .files
                .into_iter()
                .filter(|f| !crate::app::is_project(f))
                .collect(),
            layer_urls: self.layer_url,
            filters: self.filters,
            style: self.style,
            dates: self.dates,
            count_in: self.count_in,
            select: self.select,
            view: self.view,
            export: self
                .export_png
                .map(|p| (p, false))
                .or(self.export_svg.map(|p| (p, true)))
                .map(|(path, svg)| crate::export::ExportTarget {
                    path,
                    size: self.size,
                    scale: self.scale,
                    renderer: self.renderer,
                    svg,
                }),
            max_file_bytes: self.max_file_size.saturating_mul(1 << 20),
            max_memory_bytes: self.max_memory.map(|mb| mb.saturating_mul(1 << 20)),
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
        Ok(cli) => {
            let config = cli.config();
            match check_select(&config) {
                Ok(()) => Ok(config),
                Err(message) => {
                    eprintln!("strikemap: {message}");
                    Err(ExitCode::from(2))
                }
            }
        }
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

/// `--select` must name an event of the story being opened.
fn check_select(config: &AppConfig) -> Result<(), String> {
    let Some(id) = &config.select else {
        return Ok(());
    };
    let story = crate::data::Story::load(&config.data);
    if story.event_index(id).is_some() {
        return Ok(());
    }
    let ids: Vec<&str> = story.events.iter().map(|e| e.id.as_str()).collect();
    Err(format!(
        "--select: no event has the id \"{id}\" (the ids are: {})",
        ids.join(", ")
    ))
}

/// clap's first line without its "error: " prefix.
pub fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_owned()
}
