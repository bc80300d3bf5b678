//! A density surface on the CPU, as QGIS's heatmap renderer and uMap's heatmap layer draw one:
//! the shown points' weights added into a grid of cells a few screen points wide, blurred with
//! a Gaussian kernel whose reach is the radius in screen points, then coloured against a scale
//! fixed for the zoom and the filters (so colours do not jump while panning). Plain numbers
//! and colours: no egui state.
//!
//! ```
//! use strikemap::map::points::heat_grid::{GridSpec, HeatGrid};
//!
//! let spec = GridSpec { origin: [0.0, 0.0], cell: 0.01, width: 50, height: 50, radius: 3.0 };
//! let points = [([0.105, 0.105], 2.0), ([0.305, 0.2], 1.0), ([0.9, 0.9], 5.0)];
//! let grid = HeatGrid::count(spec, points.iter().copied());
//! // The last point is outside the grid: 2 + 1 counted.
//! assert_eq!(grid.total(), 3.0);
//! // The kernel's peak is 1: one point of weight 2 alone peaks at 2.
//! assert!((grid.density[10 * 50 + 10] - 2.0).abs() < 1e-3);
//! ```

use egui::Color32;
use rayon::prelude::*;

use crate::map::projection::{Mercator, world_copies};

/// Width of a cell in screen points.
pub const CELL_POINTS: f64 = 2.0;

/// Where a grid lies and how fine it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridSpec {
    /// The Mercator corner of cell (0, 0); `x` may lie in a copy of the world past ±180°.
    pub origin: Mercator,
    /// Mercator units per cell.
    pub cell: f64,
    pub width: usize,
    pub height: usize,
    /// The kernel's reach, in cells.
    pub radius: f32,
}

impl GridSpec {
    /// The Mercator corner opposite the origin.
    pub fn far_corner(&self) -> Mercator {
        [
            self.origin[0] + self.cell * self.width as f64,
            self.origin[1] + self.cell * self.height as f64,
        ]
    }

    /// Whether the grid covers the Mercator box `min..max`.
    pub fn covers(&self, min: Mercator, max: Mercator) -> bool {
        let far = self.far_corner();
        self.origin[0] <= min[0] && self.origin[1] <= min[1] && far[0] >= max[0] && far[1] >= max[1]
    }
}

/// The weights in each cell and the blurred surface.
#[derive(Debug, Clone)]
pub struct HeatGrid {
    pub spec: GridSpec,
    /// Per cell (row by row), the weight of the points in it.
    pub counts: Vec<f32>,
    /// Per cell, the kernel-weighted sum of the points near it (a lone point of weight 1
    /// peaks at 1).
    pub density: Vec<f32>,
}

impl HeatGrid {
    /// Add `points` (Mercator position in the world, weight) into the grid, in every copy of the
    /// world it covers, and blur.
    pub fn count(spec: GridSpec, points: impl Iterator<Item = (Mercator, f32)>) -> Self {
        let far = spec.far_corner();
        let copies: Vec<f64> = world_copies(spec.origin[0], far[0])
            .map(|w| w as f64)
            .collect();
        let mut counts = vec![0f32; spec.width * spec.height];
        for (p, weight) in points {
            if weight <= 0.0 {
                continue;
            }
            let y = ((p[1] - spec.origin[1]) / spec.cell).floor();
            if y < 0.0 || y >= spec.height as f64 {
                continue;
            }
            for shift in &copies {
                let x = ((p[0] + shift - spec.origin[0]) / spec.cell).floor();
                if x >= 0.0 && x < spec.width as f64 {
                    counts[y as usize * spec.width + x as usize] += weight;
                }
            }
        }
        let density = blur(&counts, spec);
        Self {
            spec,
            counts,
            density,
        }
    }

    /// The weight counted into the grid.
    pub fn total(&self) -> f64 {
        self.counts.iter().map(|&c| c as f64).sum()
    }

    /// The surface's colours against `scale` (the density that takes the ramp's top colour).
    pub fn colours(&self, scale: f32) -> Vec<Color32> {
        self.density
            .par_iter()
            .map(|&d| heat_colour(d, scale))
            .collect()
    }
}

/// The kernel's weights out to `radius` cells: a Gaussian of σ = radius / 3, 1 at the centre.
fn kernel(radius: f32) -> Vec<f32> {
    let reach = radius.ceil().max(1.0) as i32;
    let sigma = (radius / 3.0).max(0.5);
    (-reach..=reach)
        .map(|d| (-(d * d) as f32 / (2.0 * sigma * sigma)).exp())
        .collect()
}

/// A separable Gaussian blur: along rows, then along columns, a row of output at a time on all
/// cores.
fn blur(counts: &[f32], spec: GridSpec) -> Vec<f32> {
    let (w, h) = (spec.width, spec.height);
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let k = kernel(spec.radius);
    let reach = (k.len() / 2) as isize;
    let mut across = vec![0f32; w * h];
    across
        .par_chunks_mut(w)
        .zip(counts.par_chunks(w))
        .for_each(|(out, row)| {
            for (x, &c) in row.iter().enumerate() {
                if c == 0.0 {
                    continue;
                }
                let from = (x as isize - reach).max(0) as usize;
                let to = (x as isize + reach).min(w as isize - 1) as usize;
                for (o, xx) in out[from..=to].iter_mut().zip(from..) {
                    *o += c * k[(xx as isize - x as isize + reach) as usize];
                }
            }
        });
    let mut density = vec![0f32; w * h];
    density.par_chunks_mut(w).enumerate().for_each(|(y, out)| {
        let from = (y as isize - reach).max(0) as usize;
        let to = (y as isize + reach).min(h as isize - 1) as usize;
        for yy in from..=to {
            let weight = k[(yy as isize - y as isize + reach) as usize];
            let row = &across[yy * w..(yy + 1) * w];
            for (o, &a) in out.iter_mut().zip(row) {
                *o += a * weight;
            }
        }
    });
    density
}

/// The scale a layer's surface is coloured against at one zoom: the weight in a square of the
/// kernel's width (`cell`, in Mercator units) that only one in 200 of the non-empty squares
/// exceeds, over all of the shown points, not only those in view, so that the colours stay
/// put while the map pans. (Not the most: events placed on one town's centroid by the
/// thousand would leave everything else pale.)
pub fn peak(points: impl Iterator<Item = (Mercator, f32)>, cell: f64) -> f32 {
    let mut sums: std::collections::HashMap<(i64, i64), f32> = std::collections::HashMap::new();
    for (p, weight) in points {
        if weight > 0.0 {
            let at = ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
            *sums.entry(at).or_default() += weight;
        }
    }
    let mut values: Vec<f32> = sums.into_values().collect();
    if values.is_empty() {
        return 0.0;
    }
    let at = ((values.len() - 1) as f64 * 0.995).round() as usize;
    let (_, nth, _) = values.select_nth_unstable_by(at, f32::total_cmp);
    *nth
}

/// How far up the ramp a density goes: by its square root, so that lone points stay visible
/// beside the densest places.
pub fn ramp_position(density: f32, scale: f32) -> f32 {
    if scale <= 0.0 {
        return 0.0;
    }
    (density / scale).clamp(0.0, 1.0).sqrt()
}

/// A density's colour: clear where there is (almost) nothing, then ColorBrewer's YlOrRd,
/// more opaque as it rises.
pub fn heat_colour(density: f32, scale: f32) -> Color32 {
    let t = ramp_position(density, scale);
    if t < 0.02 {
        return Color32::TRANSPARENT;
    }
    let c = colorous::YELLOW_ORANGE_RED.eval_continuous(0.15 + 0.85 * t as f64);
    let alpha = (70.0 + 170.0 * t).min(240.0) as u8;
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, alpha)
}
