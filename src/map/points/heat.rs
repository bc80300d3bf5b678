//! A point layer drawn as a density heatmap: the surface ([`super::heat_grid`]) is computed on a
//! thread of its own for the view and a margin round it, at the view's zoom, then shown as one
//! texture placed on the map, so panning moves a finished picture and a new one replaces it
//! only when the view leaves the margin, the zoom changes or the filters do.

use std::sync::{Arc, Mutex};

use egui::{Color32, Mesh, Pos2, Rect, Shape, TextureHandle, TextureOptions, pos2};

use super::heat_grid::{CELL_POINTS, GridSpec, HeatGrid, peak};
use super::{Leaves, PointLayer};
use crate::background::Background;
use crate::data::thematic::filter::SHOWN;
use crate::map::projection::{Mercator, ScreenTransform};
use crate::map::vector::store::from_fixed;

/// What the layer's heatmap style asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatSpec {
    /// Per feature, its weight (NaN or below zero: adds nothing); `None`: each point counts 1.
    pub weights: Option<Arc<Vec<f64>>>,
    /// The weight column's name, for the legend.
    pub weight_name: Option<String>,
    /// The kernel's reach in screen points.
    pub radius: f32,
}

/// Everything a heat computation reads, shared with the thread.
#[derive(Debug, Clone)]
pub struct HeatInput {
    leaves: Arc<Leaves>,
    flags: Option<Arc<Vec<u8>>>,
    spec: Arc<HeatSpec>,
}

impl HeatInput {
    /// The shown points' positions and weights.
    pub fn points(&self) -> impl Iterator<Item = (Mercator, f32)> + '_ {
        let leaves = &self.leaves;
        leaves
            .pos
            .iter()
            .zip(&leaves.feature)
            .filter_map(move |(&pos, &feature)| {
                let f = feature as usize;
                let shown = self
                    .flags
                    .as_ref()
                    .is_none_or(|flags| flags.get(f).is_none_or(|&v| v == SHOWN));
                if !shown {
                    return None;
                }
                let weight = match &self.spec.weights {
                    Some(w) => w.get(f).copied().filter(|w| *w > 0.0).unwrap_or(0.0) as f32,
                    None => 1.0,
                };
                Some((from_fixed(pos), weight))
            })
    }

    /// The surface for `grid`.
    pub fn grid(&self, grid: GridSpec) -> HeatGrid {
        HeatGrid::count(grid, self.points())
    }
}

/// What a finished surface is for: the layer's state, the zoom and where it lies.
type HeatKey = (u64, u64, GridSpec);

/// A finished surface and the scale it was coloured against.
struct Computed {
    image: egui::ColorImage,
    scale: f32,
}

/// The picture on screen and the computation under way.
#[derive(Default)]
struct Inner {
    shown: Option<(HeatKey, TextureHandle, f32)>,
    job: Option<Background<HeatKey, Computed>>,
    /// The scale for a (state, zoom), kept while only the view moves.
    scale: Option<((u64, u64), f32)>,
}

/// A point layer's heatmap: the texture shown and the one being made.
#[derive(Default)]
pub struct HeatView(Mutex<Inner>);

impl std::fmt::Debug for HeatView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeatView")
    }
}

/// What the legend says of a heatmap: its ramp's top, the weight and the radius.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatLegend {
    pub scale: f32,
    pub weight_name: Option<String>,
    pub radius: f32,
}

impl PointLayer {
    /// The heatmap the style asks for, if it is one.
    pub fn heat(&self) -> Option<&Arc<HeatSpec>> {
        self.state.heat.as_ref()
    }

    fn heat_input(&self) -> Option<HeatInput> {
        Some(HeatInput {
            leaves: self.leaves.clone(),
            flags: self.state.flags.clone(),
            spec: self.state.heat.clone()?,
        })
    }

    /// What a test or a benchmark computes for `grid`, as the map would.
    pub fn heat_grid(&self, grid: GridSpec) -> Option<HeatGrid> {
        Some(self.heat_input()?.grid(grid))
    }

    /// The scale the heatmap is coloured against for squares of `cell` Mercator units.
    pub fn heat_peak(&self, cell: f64) -> Option<f32> {
        Some(peak(self.heat_input()?.points(), cell))
    }

    /// The heatmap's legend, once a surface has been drawn.
    pub fn heat_legend(&self) -> Option<HeatLegend> {
        let spec = self.heat()?;
        let inner = self.heat_view.0.lock().ok()?;
        let (_, _, scale) = inner.shown.as_ref()?;
        Some(HeatLegend {
            scale: *scale,
            weight_name: spec.weight_name.clone(),
            radius: spec.radius,
        })
    }

    /// Whether the heatmap's surface for the latest view is still being made.
    pub fn heat_is_computing(&self) -> bool {
        self.heat().is_some()
            && self
                .heat_view
                .0
                .lock()
                .is_ok_and(|inner| inner.job.is_some() || inner.shown.is_none())
    }

    /// Draw the heatmap for this frame's view, starting a new surface when the view left the
    /// one shown (which stays meanwhile).
    pub fn paint_heat(
        &self,
        painter: &egui::Painter,
        transform: &ScreenTransform,
        zoom: f64,
        opacity: f32,
    ) {
        let Some(input) = self.heat_input() else {
            return;
        };
        let clip = painter.clip_rect();
        let Ok(mut inner) = self.heat_view.0.lock() else {
            return;
        };
        let ctx = painter.ctx();
        if let Some(((key, scale), computed)) = Background::finished(&mut inner.job)
            .and_then(|(key, done)| Some(((key, done.as_ref()?.scale), done?)))
        {
            let texture = ctx.load_texture("heatmap", computed.image, TextureOptions::LINEAR);
            inner.scale = Some(((key.0, key.1), scale));
            inner.shown = Some((key, texture, scale));
        }
        let (min, max) = (
            transform.from_screen(clip.min),
            transform.from_screen(clip.max),
        );
        let wanted = (self.generation, zoom.to_bits());
        let current = inner
            .shown
            .as_ref()
            .is_some_and(|((g, z, spec), ..)| (*g, *z) == wanted && spec.covers(min, max));
        if !current && inner.job.is_none() {
            let grid = grid_for(transform, min, max, input.spec.radius);
            let key = (wanted.0, wanted.1, grid);
            let known = inner.scale.filter(|(k, _)| *k == wanted).map(|(_, s)| s);
            let cell = input.spec.radius as f64 * 2.0 / 3.0 * transform.units_per_point();
            inner.job = Background::spawn("strikemap-heat", key, ctx, move || {
                let scale = known.unwrap_or_else(|| peak(input.points(), cell));
                let surface = input.grid(grid);
                let pixels = surface.colours(scale);
                Computed {
                    image: egui::ColorImage::new([grid.width, grid.height], pixels),
                    scale,
                }
            });
        }
        if let Some(((_, _, grid), texture, _)) = &inner.shown {
            let rect = transform.rect_to_screen(grid.origin, grid.far_corner());
            painter.add(textured(rect, texture, opacity));
        }
    }
}

/// The grid for a view: the view and half its size again on each side, in cells of
/// [`CELL_POINTS`].
fn grid_for(transform: &ScreenTransform, min: Mercator, max: Mercator, radius: f32) -> GridSpec {
    let cell = CELL_POINTS * transform.units_per_point();
    let (w, h) = (max[0] - min[0], max[1] - min[1]);
    let origin = [min[0] - w / 2.0, min[1] - h / 2.0];
    GridSpec {
        origin,
        cell,
        width: (w * 2.0 / cell).ceil().max(1.0) as usize,
        height: (h * 2.0 / cell).ceil().max(1.0) as usize,
        radius: (radius as f64 / CELL_POINTS) as f32,
    }
}

/// A texture stretched over `rect`.
fn textured(rect: Rect, texture: &TextureHandle, opacity: f32) -> Shape {
    let mut mesh = Mesh::with_texture(texture.id());
    let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    mesh.add_rect_with_uv(rect, uv, Color32::WHITE.gamma_multiply(opacity));
    Shape::mesh(mesh)
}

impl HeatLegend {
    /// The legend's heading: what is summed and how far.
    pub fn heading(&self) -> String {
        let what = self.weight_name.as_deref().unwrap_or("events");
        format!("density of {what} (radius {} pt):", self.radius)
    }

    /// Steps up the ramp: each colour and the density it stands for (the top one is the
    /// densest square at this zoom, or more).
    pub fn steps(&self) -> Vec<(Color32, String)> {
        [0.25f32, 0.5, 0.75, 1.0]
            .iter()
            .map(|&t| {
                let density = self.scale * t * t;
                let value = if density < 10.0 {
                    format!("{density:.1}")
                } else {
                    crate::format::thousands(density.round() as usize)
                };
                let label = if t == 1.0 {
                    format!("{value} or more")
                } else {
                    format!("about {value}")
                };
                (super::heat_grid::heat_colour(density, self.scale), label)
            })
            .collect()
    }
}
