//! The raster basemap: walkers' `HttpTiles` for OpenStreetMap or any XYZ template, with an
//! on-disk HTTP cache and a User-Agent that follows the OSM tile usage policy.

use std::path::PathBuf;

use walkers::sources::{Attribution, OpenStreetMap, TileSource};
use walkers::{HeaderValue, HttpOptions, HttpTiles, MaxParallelDownloads, TileId};

/// Sent with every tile request, as the OSM tile usage policy asks: the app and its version.
/// (The project has no public home page yet to add here.)
pub const USER_AGENT: &str = concat!(
    "strikemap/",
    env!("CARGO_PKG_VERSION"),
    " (desktop map viewer)"
);

/// An XYZ tile server given on the command line, e.g. `https://example.org/{z}/{x}/{y}.png`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    pub template: String,
}

impl TemplateSource {
    /// Accept only http(s) templates with all of `{z}`, `{x}` and `{y}`.
    pub fn parse(template: &str) -> Result<Self, String> {
        if !(template.starts_with("http://") || template.starts_with("https://")) {
            return Err(format!(
                "tile URL must start with http:// or https://, got \"{template}\""
            ));
        }
        for key in ["{z}", "{x}", "{y}"] {
            if !template.contains(key) {
                return Err(format!("tile URL must contain {key}, got \"{template}\""));
            }
        }
        Ok(Self {
            template: template.to_owned(),
        })
    }
}

impl TileSource for TemplateSource {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.template
            .replace("{z}", &tile_id.zoom.to_string())
            .replace("{x}", &tile_id.x.to_string())
            .replace("{y}", &tile_id.y.to_string())
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "Tiles: server given with --tile-url (see its terms)",
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }
}

/// The platform cache directory for tiles (e.g. `~/.cache/strikemap/tiles`), created if needed.
/// `None`, with a warning, when there is none or it cannot be created: tiles still load, uncached.
pub fn cache_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "strikemap", "strikemap")?;
    let dir = dirs.cache_dir().join("tiles");
    match std::fs::create_dir_all(&dir) {
        Ok(()) => Some(dir),
        Err(err) => {
            log::warn!(
                "tile cache disabled: cannot create {}: {err}",
                dir.display()
            );
            None
        }
    }
}

fn http_options(cache: Option<PathBuf>) -> HttpOptions {
    HttpOptions {
        cache,
        user_agent: Some(HeaderValue::from_static(USER_AGENT)),
        // tile.openstreetmap.org allows at most 2 parallel downloads per client.
        max_parallel_downloads: MaxParallelDownloads::value_manually_confirmed_with_provider_limits(
            2,
        ),
        ..HttpOptions::default()
    }
}

/// Tiles from OpenStreetMap, or from `template` when given.
pub fn http_tiles(ctx: &egui::Context, template: Option<TemplateSource>) -> HttpTiles {
    let options = http_options(cache_dir());
    match template {
        Some(source) => HttpTiles::with_options(source, options, ctx.clone()),
        None => HttpTiles::with_options(OpenStreetMap, options, ctx.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_fills_in_zoom_and_tile() {
        let source = TemplateSource::parse("https://t.example.org/{z}/{x}/{y}.png").unwrap();
        let id = TileId {
            x: 44,
            y: 27,
            zoom: 6,
        };
        assert_eq!(source.tile_url(id), "https://t.example.org/6/44/27.png");
    }

    #[test]
    fn the_user_agent_names_the_app_and_its_version() {
        assert!(USER_AGENT.starts_with(&format!("strikemap/{}", env!("CARGO_PKG_VERSION"))));
        assert!(HeaderValue::from_str(USER_AGENT).is_ok());
    }
}
