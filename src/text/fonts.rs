//! The bundled fonts, added after egui's defaults so that Latin text is drawn as before: an
//! Arabic-script font for Persian and Urdu, a Noto Sans subset for the extended Latin letters of
//! place names that egui's Ubuntu font lacks (ə, ḏ, Ḩ, ẞ, and �), and Noto Sans Symbols' arrows
//! (the file dialog's ↑ Up, the table's sort order).
//! Where each comes from, and how the subsets are made: `assets/fonts/README.md`.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Vazirmatn Regular, its Arabic-script blocks only (OFL).
pub const ARABIC: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Regular-subset.ttf");
/// Noto Sans Regular, Latin Extended-B, IPA, combining marks and Latin Extended Additional
/// only (OFL).
pub const LATIN: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular-subset.ttf");
/// Noto Sans Symbols Regular, its arrows only (OFL).
pub const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols-Regular-subset.ttf");

/// egui's default fonts with strikemap's after them, in every family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let bundled = [
        ("Vazirmatn", ARABIC),
        ("Noto Sans", LATIN),
        ("Noto Sans Symbols", SYMBOLS),
    ];
    for (name, bytes) in bundled {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts
                .families
                .entry(family)
                .or_default()
                .push(name.to_owned());
        }
    }
    fonts
}

/// Use them in `ctx` (the window, the offscreen export and the tests alike).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
