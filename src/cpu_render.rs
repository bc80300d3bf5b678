//! A CPU renderer of egui's tessellated meshes, for exports on a machine with no GPU and no
//! Vulkan or OpenGL driver (a newsroom's server making graphics in a pipeline). It plugs into
//! egui_kittest as its renderer: textures (the font atlas, the basemap, heatmaps) are kept from
//! each frame's texture changes; a frame is tessellated as egui-wgpu would, and each triangle
//! filled with its vertex colours times its texture, premultiplied alpha blended in gamma
//! space into an RGBA8 target, as egui-wgpu does into a non-sRGB target.
//!
//! Written here rather than taken from a crate: tiny-skia (already in the tree through resvg)
//! fills paths with one paint, while egui's meshes need a colour per vertex and a texture
//! sampled per pixel, and no kept crate rasterizes those. It is about 150 lines.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, ImageData, Rect, TextureId, TexturesDelta};

/// The renderer: the textures egui has set, by id.
#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<TextureId, ColorImage>,
}

impl CpuRenderer {
    /// Apply a frame's texture changes: whole images, patches, and frees.
    pub fn apply(&mut self, delta: &TexturesDelta) {
        for (id, changes) in &delta.set {
            for change in changes {
                self.set(*id, change);
            }
        }
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// One texture change: a whole image, or a patch of one already set.
    fn set(&mut self, id: TextureId, change: &egui::epaint::ImageDelta) {
        let ImageData::Color(image) = &change.image;
        let Some([x0, y0]) = change.pos else {
            self.textures.insert(id, (**image).clone());
            return;
        };
        let Some(target) = self.textures.get_mut(&id) else {
            return;
        };
        let [w, h] = image.size;
        for y in 0..h {
            for x in 0..w {
                let (tx, ty) = (x0 + x, y0 + y);
                if tx < target.size[0] && ty < target.size[1] {
                    target.pixels[ty * target.size[0] + tx] = image.pixels[y * w + x];
                }
            }
        }
    }

    /// Draw tessellated primitives into an image of `size` pixels, at `pixels_per_point`, on a
    /// transparent background.
    pub fn draw(
        &self,
        primitives: &[ClippedPrimitive],
        size: [u32; 2],
        pixels_per_point: f32,
    ) -> image::RgbaImage {
        let mut target = Target {
            width: size[0] as usize,
            height: size[1] as usize,
            pixels: vec![[0.0; 4]; size[0] as usize * size[1] as usize],
        };
        for primitive in primitives {
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                continue; // Paint callbacks need a GPU; strikemap draws none.
            };
            let texture = self.textures.get(&mesh.texture_id);
            let clip = primitive.clip_rect * pixels_per_point;
            for triangle in mesh.indices.chunks_exact(3) {
                let vertex = |i: u32| mesh.vertices.get(i as usize).copied();
                if let (Some(a), Some(b), Some(c)) = (
                    vertex(triangle[0]),
                    vertex(triangle[1]),
                    vertex(triangle[2]),
                ) {
                    target.fill([a, b, c], pixels_per_point, clip, texture);
                }
            }
        }
        let bytes = target
            .pixels
            .iter()
            .flat_map(|p| {
                let alpha = p[3].clamp(0.0, 1.0);
                let un = |c: f32| {
                    let c = if alpha > 0.0 { c / alpha } else { 0.0 };
                    (c.clamp(0.0, 1.0) * 255.0).round() as u8
                };
                [un(p[0]), un(p[1]), un(p[2]), (alpha * 255.0).round() as u8]
            })
            .collect();
        image::RgbaImage::from_raw(size[0], size[1], bytes).unwrap_or_default()
    }
}

/// The image being drawn: premultiplied gamma-space RGBA, 0 to 1.
struct Target {
    width: usize,
    height: usize,
    pixels: Vec<[f32; 4]>,
}

fn rgba(c: Color32) -> [f32; 4] {
    c.to_array().map(|v| v as f32 / 255.0)
}

/// A texture sampled bilinearly at `uv` (0 to 1), premultiplied, 0 to 1.
fn sample(image: &ColorImage, u: f32, v: f32) -> [f32; 4] {
    let [w, h] = image.size;
    if w == 0 || h == 0 {
        return [1.0; 4];
    }
    let x = (u * w as f32 - 0.5).clamp(0.0, (w - 1) as f32);
    let y = (v * h as f32 - 0.5).clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let at = |x: usize, y: usize| rgba(image.pixels[y * w + x]);
    let (p00, p10, p01, p11) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    std::array::from_fn(|i| {
        let top = p00[i] + (p10[i] - p00[i]) * fx;
        let bottom = p01[i] + (p11[i] - p01[i]) * fx;
        top + (bottom - top) * fy
    })
}

impl Target {
    /// Fill one triangle (positions in points), blending over what is there.
    fn fill(&mut self, v: [Vertex; 3], ppp: f32, clip: Rect, texture: Option<&ColorImage>) {
        let p = v.map(|v| (v.pos.x * ppp, v.pos.y * ppp));
        let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[2].0 - p[0].0) * (p[1].1 - p[0].1);
        if area.abs() < 1e-9 {
            return;
        }
        // The triangle's box, within the clip and the image.
        let corners = p.map(|(x, y)| egui::pos2(x, y));
        let image = Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(self.width as f32, self.height as f32),
        );
        let bounds = Rect::from_points(&corners).intersect(clip).intersect(image);
        if bounds.min.x >= bounds.max.x || bounds.min.y >= bounds.max.y {
            return;
        }
        let (min_x, min_y, max_x, max_y) = (bounds.min.x, bounds.min.y, bounds.max.x, bounds.max.y);
        let colors = v.map(|v| rgba(v.color));
        let (x_end, y_end) = (
            (max_x.ceil() as usize).min(self.width),
            (max_y.ceil() as usize).min(self.height),
        );
        for y in (min_y.floor() as usize)..y_end {
            for x in (min_x.floor() as usize)..x_end {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let edge = |a: (f32, f32), b: (f32, f32)| {
                    (b.0 - a.0) * (py - a.1) - (b.1 - a.1) * (px - a.0)
                };
                let w = [
                    edge(p[1], p[2]) / area,
                    edge(p[2], p[0]) / area,
                    edge(p[0], p[1]) / area,
                ];
                if w.iter().any(|&w| w < -1e-6) {
                    continue;
                }
                let mut color: [f32; 4] = std::array::from_fn(|i| {
                    w[0] * colors[0][i] + w[1] * colors[1][i] + w[2] * colors[2][i]
                });
                if let Some(texture) = texture {
                    let u = w[0] * v[0].uv.x + w[1] * v[1].uv.x + w[2] * v[2].uv.x;
                    let t = w[0] * v[0].uv.y + w[1] * v[1].uv.y + w[2] * v[2].uv.y;
                    let texel = sample(texture, u, t);
                    color = std::array::from_fn(|i| color[i] * texel[i]);
                }
                let dst = &mut self.pixels[y * self.width + x];
                let keep = 1.0 - color[3];
                *dst = std::array::from_fn(|i| color[i] + dst[i] * keep);
            }
        }
    }
}

impl egui_kittest::TestRenderer for CpuRenderer {
    fn handle_delta(&mut self, delta: &mut TexturesDelta) {
        self.apply(delta);
        delta.clear();
    }

    fn render(
        &mut self,
        ctx: &egui::Context,
        output: &egui::FullOutput,
    ) -> Result<image::RgbaImage, String> {
        let ppp = output.pixels_per_point;
        let primitives = ctx.tessellate(output.shapes.clone(), ppp);
        let rect = ctx.content_rect();
        let size = [
            (rect.width() * ppp).round() as u32,
            (rect.height() * ppp).round() as u32,
        ];
        Ok(self.draw(&primitives, size, ppp))
    }
}
