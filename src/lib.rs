//! strikemap: a desktop map of the January 2024 Iran–Pakistan cross-border strikes.
//!
//! Data flows one way: files are validated into plain types (`data`), drawn on the map by
//! walkers plugins (`map`) and shown in side panel pieces (`ui`); `app` owns the state and the
//! selection that a click produces.

pub mod app;
pub mod background;
pub mod bench_support;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod cpu_render;
pub mod data;
pub mod export;
pub mod format;
pub mod map;
pub mod text;
pub mod ui;

pub use app::{AppConfig, CacheChoice, StrikemapApp, TileConfig};
