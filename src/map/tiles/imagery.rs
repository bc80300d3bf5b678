//! The tile imagery in view, as the map shows it, for the SVG export: which loaded tile covers
//! each part of the view (the tile itself, or the nearest loaded tile at a lower zoom), where it
//! goes on screen, and the bytes the server sent, so they are embedded as they are.

use std::sync::Arc;

use egui::Rect;
use walkers::{TileId, Tiles};

use super::loader::TileLoader;
use crate::map::projection::ScreenTransform;

/// The most tiles one view asks for (a 4K view at a fractional zoom needs about 150).
const MOST_TILES: usize = 1024;

/// One tile image placed on the screen.
#[derive(Debug, Clone)]
pub struct TileImage {
    pub tile: TileId,
    /// Where it is drawn, in screen points (it may reach past the view).
    pub rect: Rect,
    /// The image file as the server sent it (PNG, JPEG or WebP).
    pub bytes: Arc<[u8]>,
}

/// The zoom of the tiles walkers draws at map zoom `zoom`, for tiles of `tile_size` pixels.
fn tile_zoom(zoom: f64, tile_size: u32) -> u8 {
    let offset = (tile_size.max(1) as f64 / 256.0).log2().round() as i32;
    (zoom.round() as i32 - offset).clamp(0, 24) as u8
}

/// The loaded tiles that cover `rect` at map zoom `zoom`, lower zooms first so that the sharper
/// tiles are drawn over them. Each tile is listed once per copy of the world it shows in.
pub fn in_view(
    loader: &TileLoader,
    transform: &ScreenTransform,
    rect: Rect,
    zoom: f64,
) -> Vec<TileImage> {
    let z = tile_zoom(zoom, loader.tile_size());
    let n = 1i64 << z;
    let a = transform.from_screen(rect.min);
    let b = transform.from_screen(rect.max);
    let cell = |v: f64| (v * n as f64).floor() as i64;
    let (x0, x1) = (cell(a[0].min(b[0])), cell(a[0].max(b[0])));
    let (y0, y1) = (cell(a[1].min(b[1])).max(0), cell(a[1].max(b[1])).min(n - 1));
    let mut seen = std::collections::HashSet::new();
    let mut images = Vec::new();
    for y in y0..=y1 {
        for x in x0..=x1 {
            if images.len() >= MOST_TILES {
                break;
            }
            let world = x.div_euclid(n);
            let wanted = TileId {
                x: x.rem_euclid(n) as u32,
                y: y as u32,
                zoom: z,
            };
            let Some((tile, bytes)) = loader.image(wanted) else {
                continue;
            };
            if seen.insert((tile, world)) {
                let m = (1u64 << tile.zoom) as f64;
                let min = [world as f64 + tile.x as f64 / m, tile.y as f64 / m];
                let max = [min[0] + 1.0 / m, min[1] + 1.0 / m];
                images.push(TileImage {
                    tile,
                    rect: transform.rect_to_screen(min, max),
                    bytes,
                });
            }
        }
    }
    images.sort_by_key(|image| image.tile.zoom);
    images
}

/// The MIME type of an image file, from its first bytes.
///
/// ```
/// use strikemap::map::tiles::imagery::mime_type;
/// assert_eq!(mime_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
/// assert_eq!(mime_type(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
/// assert_eq!(mime_type(b"<html>"), None);
/// ```
pub fn mime_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8") {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::tile_zoom;

    #[test]
    fn tiles_are_drawn_at_the_rounded_zoom_and_one_less_for_512_pixel_tiles() {
        assert_eq!(tile_zoom(6.4, 256), 6);
        assert_eq!(tile_zoom(6.6, 256), 7);
        assert_eq!(tile_zoom(6.6, 512), 6);
        assert_eq!(tile_zoom(0.2, 512), 0);
    }
}
