//! The tile layer as the app sees it: which basemap is chosen, its loader, and what to tell the
//! user about it (loading, failures, the cache). Switching basemaps replaces the loader; the
//! old one winds down on its own thread, so the UI never waits for it.

use std::path::PathBuf;
use std::time::Duration;

use walkers::Tiles;
use walkers::sources::Attribution;

use super::{Basemap, FetchSettings, TemplateSource, TileLoader, TileStatus, cache_dir};

/// Where the on-disk tile cache goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheChoice {
    /// The platform cache directory (`~/.cache/strikemap/tiles` on Linux).
    Platform,
    /// A directory given with `--cache-dir`.
    Dir(PathBuf),
    /// No disk cache.
    Off,
}

/// Everything the command line decides about tiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileConfig {
    /// The basemap shown first.
    pub basemap: Basemap,
    /// The server of `--tile-url`, offered as a basemap.
    pub custom: Option<TemplateSource>,
    /// Fetch OpenStreetMap and OpenTopoMap tiles from this server instead, under their own
    /// attribution: a local mirror (and the tests' loopback server).
    pub mirror: Option<TemplateSource>,
    pub cache: CacheChoice,
    /// A tile that takes longer than this has failed.
    pub timeout: Duration,
    /// A failed tile is asked for again after this long.
    pub retry_after: Duration,
    /// `--offline`: no request at all, vector tile sources by URL included.
    pub offline: bool,
    /// `--basemap-pmtiles`: a vector basemap (a `.pmtiles` file or URL, or a tile URL),
    /// offered as a basemap.
    pub vector: Option<String>,
}

impl Default for TileConfig {
    fn default() -> Self {
        Self {
            basemap: Basemap::OpenStreetMap,
            custom: None,
            mirror: None,
            cache: CacheChoice::Platform,
            timeout: super::TIMEOUT,
            retry_after: super::loader::RETRY_AFTER,
            offline: false,
            vector: None,
        }
    }
}

impl TileConfig {
    /// The bundled basemap only, no disk cache: no request is ever made.
    pub fn offline() -> Self {
        Self {
            basemap: Basemap::Offline,
            cache: CacheChoice::Off,
            offline: true,
            ..Self::default()
        }
    }
}

/// The chosen basemap and its loader.
pub struct TileLayer {
    config: TileConfig,
    settings: FetchSettings,
    basemap: Basemap,
    /// `None` offline; `Err` when the loader could not start.
    loader: Option<Result<TileLoader, String>>,
    /// Why the disk cache is off, found when the app started.
    cache_warning: Option<String>,
}

impl TileLayer {
    /// Resolve the cache (only when a tile basemap is shown: offline touches no disk) and start
    /// the first basemap.
    pub fn new(config: TileConfig, ctx: &egui::Context) -> Self {
        let mut layer = Self {
            settings: FetchSettings {
                cache: None,
                timeout: config.timeout,
                max_parallel: super::MAX_PARALLEL,
            },
            basemap: Basemap::Offline,
            loader: None,
            cache_warning: None,
            config,
        };
        layer.set_basemap(layer.config.basemap, ctx);
        layer
    }

    pub fn basemap(&self) -> Basemap {
        self.basemap
    }

    /// Where the vector basemap is, if one was given.
    pub fn vector_location(&self) -> Option<&str> {
        self.config.vector.as_deref()
    }

    /// The basemaps the user can choose from.
    pub fn choices(&self) -> Vec<Basemap> {
        let mut choices = vec![Basemap::OpenStreetMap, Basemap::OpenTopoMap];
        if self.config.custom.is_some() {
            choices.push(Basemap::Custom);
        }
        if self.config.vector.is_some() {
            choices.push(Basemap::Vector);
        }
        choices.push(Basemap::Offline);
        choices
    }

    /// Show `basemap`, replacing the current loader.
    pub fn set_basemap(&mut self, basemap: Basemap, ctx: &egui::Context) {
        if basemap == self.basemap && self.loader.is_some() {
            return;
        }
        if !matches!(basemap, Basemap::Offline | Basemap::Vector)
            && self.settings.cache.is_none()
            && self.cache_warning.is_none()
        {
            self.resolve_cache();
        }
        self.basemap = basemap;
        let retry_after = self.config.retry_after;
        self.loader = basemap
            .source(self.config.custom.as_ref(), self.config.mirror.as_ref())
            .map(|source| {
                TileLoader::start(source, &self.settings, ctx)
                    .map(|loader| loader.with_retry_after(retry_after))
            });
        if let Some(Err(err)) = &self.loader {
            log::error!("{err}");
        }
    }

    fn resolve_cache(&mut self) {
        let (dir, warning) = match &self.config.cache {
            CacheChoice::Off => (None, None),
            CacheChoice::Platform => cache_dir::resolve(None),
            CacheChoice::Dir(dir) => cache_dir::resolve(Some(dir)),
        };
        if let Some(warning) = &warning {
            log::warn!("{warning}");
        }
        self.settings.cache = dir;
        self.cache_warning = warning;
    }

    /// The tiles to draw, if any.
    pub fn tiles(&mut self) -> Option<&mut dyn Tiles> {
        match &mut self.loader {
            Some(Ok(loader)) => Some(loader),
            _ => None,
        }
    }

    /// The running loader, if tiles are shown (for the tile imagery the SVG export embeds).
    pub fn loader(&self) -> Option<&TileLoader> {
        match &self.loader {
            Some(Ok(loader)) => Some(loader),
            _ => None,
        }
    }

    /// The tiles' state; `None` offline.
    pub fn status(&mut self) -> Option<TileStatus> {
        match &mut self.loader {
            Some(Ok(loader)) => {
                let mut status = loader.status();
                status.cache_warning = status.cache_warning.or_else(|| self.cache_warning.clone());
                Some(status)
            }
            Some(Err(err)) => Some(TileStatus {
                last_error: Some(err.clone()),
                cache_warning: self.cache_warning.clone(),
                ..TileStatus::default()
            }),
            None => None,
        }
    }

    /// The lines of the status box on the map: loading, failures. Empty when all is well.
    pub fn status_lines(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        match &self.loader {
            None if self.basemap == Basemap::Vector => {}
            None => lines.push("Offline: no tiles requested — bundled basemap".to_owned()),
            Some(Err(err)) => lines.push(format!(
                "tiles unavailable: {err} — showing bundled basemap"
            )),
            Some(Ok(_)) => {}
        }
        let running = matches!(self.loader, Some(Ok(_)));
        if let Some(status) = self.status().filter(|_| running) {
            if status.failed > 0 {
                lines.push(format!(
                    "tiles unavailable: {} failed — showing bundled basemap",
                    status.failed
                ));
            }
            if status.loading > 0 {
                lines.push(format!("Loading {} tiles…", status.loading));
            }
        }
        lines
    }

    /// The attribution the shown tiles require; `None` offline.
    pub fn attribution(&self) -> Option<Attribution> {
        match &self.loader {
            Some(Ok(loader)) => Some(loader.attribution()),
            _ => None,
        }
    }

    /// How vector tile layers are read: no network offline, the same manners and cache
    /// directory as raster tiles otherwise.
    pub fn vector_settings(&self) -> crate::map::tiled::LoaderSettings {
        let http = (!self.config.offline).then(|| {
            let mut settings =
                crate::data::formats::vector_tiles::HttpSettings::new(super::user_agent());
            settings.timeout = self.config.timeout;
            settings
        });
        let cache_root = match &self.config.cache {
            CacheChoice::Off => None,
            CacheChoice::Platform => cache_dir::platform_cache_dir(),
            CacheChoice::Dir(dir) => Some(dir.clone()),
        };
        crate::map::tiled::LoaderSettings {
            cache_root: cache_root.filter(|_| http.is_some()),
            http,
            max_parallel: 6,
        }
    }

    /// Where tiles are cached on disk, if they are.
    pub fn cache_dir(&self) -> Option<&std::path::Path> {
        match &self.loader {
            Some(Ok(loader)) if loader.cache_on() => self.settings.cache.as_deref(),
            _ => None,
        }
    }
}
