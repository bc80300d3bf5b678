//! Reading a test file as the app reads it, and what a user sees of its features.

use strikemap::data::formats;
use strikemap::data::layer_file::{LayerFile, Limits, Progress};

/// The layers of `tests/data/{dir}/{name}`, or the test fails with the refusal.
pub fn read(dir: &str, name: &str) -> Vec<LayerFile> {
    formats::read(
        &super::test_data(dir, name),
        Limits::default(),
        &Progress::default(),
    )
    .unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// The one layer of `tests/data/{dir}/{name}`.
pub fn one(dir: &str, name: &str) -> LayerFile {
    let mut layers = read(dir, name);
    assert_eq!(layers.len(), 1, "{name}: one layer");
    layers.remove(0)
}

/// A feature's property as text.
pub fn text(layer: &LayerFile, row: usize, key: &str) -> Option<String> {
    let key = layer.properties.key(key)?;
    layer.properties.text(row, key).map(|t| t.into_owned())
}
