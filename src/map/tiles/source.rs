//! Where raster tiles come from: the basemaps a user can choose, and an XYZ template given on the
//! command line.

use walkers::TileId;
use walkers::sources::{Attribution, OpenStreetMap, OpenTopoMap, OpenTopoServer, TileSource};

/// The basemap choices of the layer panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Basemap {
    OpenStreetMap,
    OpenTopoMap,
    /// The server given with `--tile-url`.
    Custom,
    /// The bundled vector basemap alone: no tile requests at all.
    Offline,
    /// The vector tiles of `--basemap-pmtiles` (Protomaps or OpenMapTiles schema), drawn by
    /// strikemap over the bundled basemap.
    Vector,
}

impl Basemap {
    pub fn name(self) -> &'static str {
        match self {
            Basemap::OpenStreetMap => "OpenStreetMap",
            Basemap::OpenTopoMap => "OpenTopoMap",
            Basemap::Custom => "Tiles from --tile-url",
            Basemap::Offline => "Offline (bundled)",
            Basemap::Vector => "Vector tiles (--basemap-pmtiles)",
        }
    }

    /// The tile source behind this choice; `None` for the offline basemap, or for `Custom`
    /// when no template was given. With a `mirror`, OpenStreetMap and OpenTopoMap tiles are
    /// fetched from it, under their own attribution.
    pub fn source(
        self,
        custom: Option<&TemplateSource>,
        mirror: Option<&TemplateSource>,
    ) -> Option<Box<dyn TileSource + Send + Sync>> {
        let of: Box<dyn TileSource + Send + Sync> = match self {
            Basemap::OpenStreetMap => Box::new(OpenStreetMap),
            Basemap::OpenTopoMap => Box::new(OpenTopoMap(OpenTopoServer::A)),
            Basemap::Custom => return custom.map(|t| Box::new(t.clone()) as _),
            Basemap::Offline | Basemap::Vector => return None,
        };
        Some(match mirror {
            Some(mirror) => Box::new(Mirror {
                template: mirror.clone(),
                of,
            }),
            None => of,
        })
    }
}

/// A basemap's tiles served from another address (a local mirror, or a test server).
struct Mirror {
    template: TemplateSource,
    of: Box<dyn TileSource + Send + Sync>,
}

impl TileSource for Mirror {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.template.tile_url(tile_id)
    }

    fn attribution(&self) -> Attribution {
        self.of.attribution()
    }

    fn max_zoom(&self) -> u8 {
        self.of.max_zoom()
    }
}

/// Sent with every tile request, as the OSM tile usage policy asks: the app, its version, and
/// the project's address once `Cargo.toml` names one (it does not yet: there is none to give).
pub fn user_agent() -> String {
    let base = concat!(
        "strikemap/",
        env!("CARGO_PKG_VERSION"),
        " (desktop map viewer"
    );
    match env!("CARGO_PKG_REPOSITORY") {
        "" => format!("{base})"),
        url => format!("{base}; +{url})"),
    }
}

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
        let agent = user_agent();
        assert!(agent.starts_with(&format!("strikemap/{} (", env!("CARGO_PKG_VERSION"))));
        assert!(reqwest::header::HeaderValue::from_str(&agent).is_ok());
    }
}
