//! Tiled layers in the app: opening them (the command line, File → Open URL…, `.pmtiles`
//! files), their rows in the layer panel, drawing them above the opened files' areas, their
//! credits, and identifying their features, whose properties the side panel shows.

use egui::{Pos2, Ui};
use walkers::Map;

use super::StrikemapApp;
use crate::data::Properties;
use crate::map::identify::TOLERANCE_POINTS;
use crate::map::projection::ScreenTransform;
use crate::map::tiled::basemap::VectorBasemap;
use crate::map::tiled::{Pick, TiledLayerPlugin, TiledLayers};
use crate::map::view::Fit;
use crate::ui::feature_details::FeatureInfo;
use crate::ui::tiled_layers::TiledAction;

/// A feature of a tiled layer, picked or pointed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TiledPick {
    pub layer: u64,
    pub pick: Pick,
}

impl StrikemapApp {
    /// Open a PMTiles archive (file or URL) or an MVT tile URL template as a layer.
    pub fn open_tiled(&mut self, text: &str, ctx: &egui::Context) {
        self.layers.tiled.open(text, Some(ctx.clone()));
    }

    /// File → Open URL…: a URL to type or paste, opened as a tiled layer.
    pub(super) fn open_url_window(&mut self, ctx: &egui::Context) {
        let Some(text) = self.panels.open_url.as_mut() else {
            return;
        };
        let (mut open, mut close) = (false, false);
        egui::Window::new("Open URL")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("A PMTiles archive, or a vector tile URL with {z}, {x} and {y}:");
                let field = ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text("https://example.org/events.pmtiles")
                        .desired_width(420.0),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    open = ui.button("Open").clicked() || entered;
                    close = ui.button("Cancel").clicked();
                });
            });
        if open {
            let text = text.trim().to_owned();
            self.panels.open_url = None;
            if !text.is_empty() {
                self.open_tiled(&text, ctx);
            }
        } else if close {
            self.panels.open_url = None;
        }
    }

    /// The tiled layers, to read their state (tests, the benchmark).
    pub fn tiled_layers(&self) -> &TiledLayers {
        &self.layers.tiled
    }

    /// The tiled layers, to change their settings (tests, scripts).
    pub fn tiled_layers_mut(&mut self) -> &mut TiledLayers {
        &mut self.layers.tiled
    }

    /// The tiled feature a click picked, if any.
    pub fn tiled_pick(&self) -> Option<TiledPick> {
        self.selection.tiled
    }

    /// The vector basemap of `--basemap-pmtiles`, once started (or why it could not).
    pub fn vector_basemap(&self) -> Option<&Result<VectorBasemap, String>> {
        self.layers.vector_basemap.as_ref()
    }

    /// Show map names in `language` (the layer panel's "Label names").
    pub fn set_label_language(&mut self, language: crate::data::local_names::LabelLanguage) {
        self.layers.list.language = language;
    }

    /// The tiled layers' rows, and what their buttons ask for.
    pub(super) fn tiled_panel(&mut self, ui: &mut Ui) {
        match crate::ui::tiled_layers::show(ui, &mut self.layers.tiled) {
            Some(TiledAction::ZoomTo(id)) => {
                let bounds = self.layers.tiled.get(id).and_then(|l| l.info()?.bounds);
                if let Some([west, south, east, north]) = bounds {
                    let rect = geo::Rect::new((west, south), (east, north));
                    self.view.request_fit(Fit::Bounds(rect));
                }
            }
            Some(TiledAction::Remove(id)) => {
                if let Some(index) = self.layers.tiled.index_of(id) {
                    self.layers.tiled.layers.remove(index);
                }
                if self.selection.tiled.is_some_and(|p| p.layer == id) {
                    self.selection.tiled = None;
                }
            }
            None => {}
        }
    }

    /// A legend row per shown source layer of each shown tiled layer, in its colours.
    pub fn tiled_legend_rows(&self) -> Vec<crate::map::legend::LegendRow> {
        use crate::map::legend::{LegendRow, Swatch};
        let layers = self.layers.tiled.layers.iter().filter(|l| l.visible);
        layers
            .flat_map(|layer| {
                let shown = layer.sublayers.iter().filter(|s| s.visible);
                shown.flat_map(|s| {
                    let name = format!("{} · {} (tiled)", layer.name, s.name);
                    let Some(classes) = &s.classes else {
                        let swatch = Swatch::Area {
                            fill: s.style.fill.gamma_multiply(layer.opacity),
                            stroke: s.style.stroke,
                        };
                        return vec![LegendRow { swatch, name }];
                    };
                    // A row per class, named with the column and the class.
                    let column = &classes.classification.column;
                    let row = |class: &crate::data::thematic::Class| {
                        let [r, g, b] = class.rgb;
                        let color = egui::Color32::from_rgb(r, g, b);
                        LegendRow {
                            swatch: Swatch::Area {
                                fill: color.gamma_multiply(0.45 * layer.opacity),
                                stroke: egui::Stroke::new(s.style.stroke.width, color),
                            },
                            name: format!("{name} · {column}: {}", class.label),
                        }
                    };
                    classes.classification.classes.iter().map(row).collect()
                })
            })
            .collect()
    }

    /// The tiled layers' credits, for the map's attribution line.
    pub(super) fn tiled_credits(&self) -> Vec<String> {
        let layers = self.layers.tiled.layers.iter().filter(|l| l.visible);
        let basemap = self.layers.shown_vector_basemap().map(|b| &b.layer);
        let mut credits: Vec<String> = basemap
            .into_iter()
            .chain(layers)
            .filter_map(|l| l.info()?.attribution.clone())
            .collect();
        credits.dedup();
        credits
    }

    /// The topmost tiled feature at a screen point of the map.
    pub fn tiled_at(&self, pos: Pos2) -> Option<TiledPick> {
        let rect = self.view.rect?;
        let transform = ScreenTransform::for_memory(rect, &self.view.memory, self.view.home);
        let at = transform.from_screen(pos);
        let tolerance = TOLERANCE_POINTS * transform.units_per_point();
        let zoom = self.view.memory.zoom();
        self.layers.tiled.layers.iter().find_map(|layer| {
            let pick = layer.hit(at, tolerance, zoom)?;
            Some(TiledPick {
                layer: layer.id,
                pick,
            })
        })
    }

    /// Identify what is at `pos`: a tiled feature (those layers are drawn above the files'
    /// areas), else a feature of the other layers.
    pub(super) fn identify_at(&mut self, pos: Pos2) {
        let tiled = self.tiled_at(pos);
        let feature = tiled.is_none().then(|| self.feature_at(pos)).flatten();
        self.selection.identify(feature);
        self.selection.tiled = tiled;
    }

    /// The picked tiled feature's layer, tile and properties.
    pub(super) fn tiled_details(&self, ui: &mut Ui, pick: TiledPick) {
        let layer = self.layers.tiled.get(pick.layer);
        let Some((layer, tile)) = layer.and_then(|l| Some((l, l.tile(pick.pick.tile)?))) else {
            ui.weak("The tile of this feature is no longer loaded.");
            return;
        };
        let Some(feature) = tile.features.get(pick.pick.feature) else {
            return;
        };
        let properties: Properties = feature
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let source_layer = tile.layer_of(pick.pick.feature).unwrap_or("?");
        let heading = format!(
            "{} · layer \"{source_layer}\" · tile {}",
            layer.name,
            crate::data::formats::vector_tiles::key(tile.at)
        );
        let id = feature.id.map(|id| id.to_string());
        let (geometry, vertices) = shape_of(&tile.store, pick.pick.feature);
        crate::ui::feature_details::show(
            ui,
            &FeatureInfo {
                layer: &heading,
                index: pick.pick.feature,
                id: id.as_deref(),
                geometry,
                vertices,
                properties: &properties,
                event: None,
                codebook: false,
            },
        );
        ui.small("Tiles hold their features as simplified for the tile's zoom.");
    }

    /// The hovered tiled feature's layer by the pointer.
    pub(super) fn tiled_tooltip(&self, ui: &Ui, pick: TiledPick) {
        if let Some(layer) = self.layers.tiled.get(pick.layer) {
            super::map_panel::identify_tooltip(ui, &layer.name);
        }
    }
}

/// What kind of shape a tile's feature is, and its vertices in the tile.
fn shape_of(store: &crate::map::vector::GeometryStore, feature: usize) -> (&'static str, usize) {
    use crate::map::vector::store::PartKind;
    let parts = store.feature_parts.get(feature).cloned().unwrap_or(0..0);
    let parts = &store.parts[parts.start as usize..parts.end as usize];
    let vertices = parts
        .iter()
        .flat_map(|p| store.rings_of(p))
        .map(|r| r.range().len())
        .sum();
    match parts.first().map(|p| p.kind) {
        Some(PartKind::Polygon) => ("Polygon", vertices),
        Some(PartKind::Line) => ("Line", vertices),
        None => ("Point", 1),
    }
}

/// Add the visible tiled layers' plugins to `map`, bottom first.
pub(super) fn add_tiled<'a, 'm, 't>(
    mut map: Map<'m, 't, 'a>,
    tiled: &'a mut TiledLayers,
    picked: Option<TiledPick>,
) -> Map<'m, 't, 'a> {
    for layer in tiled.layers.iter_mut().rev().filter(|l| l.visible) {
        let highlight = picked.filter(|p| p.layer == layer.id).map(|p| p.pick);
        map = map.with_plugin(TiledLayerPlugin { layer, highlight });
    }
    map
}
