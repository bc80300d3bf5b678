//! Persian and Urdu as a reader sees them: right-to-left text laid out right to left, Latin
//! runs inside it left to right, right-to-left paragraphs right-aligned, a glyph for every
//! character of the bundled names and of the UI's own symbols, and search in Arabic script.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use egui::{Color32, FontId};
use egui_kittest::kittest::Queryable;
use strikemap::text::{bidi::visual, fonts};

/// A context with strikemap's fonts, ready to lay out text.
fn context() -> egui::Context {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

/// Where each character's glyph is drawn (its left edge), for a line laid out as the app
/// lays it out.
fn glyph_x(ctx: &egui::Context, logical: &str) -> Vec<(char, f32)> {
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            visual(logical).into_owned(),
            FontId::proportional(16.0),
            Color32::BLACK,
        )
    });
    galley
        .rows
        .iter()
        .flat_map(|row| row.glyphs.iter().map(|g| (g.chr, g.pos.x)))
        .collect()
}

fn x_of(glyphs: &[(char, f32)], c: char) -> f32 {
    glyphs
        .iter()
        .find(|(g, _)| *g == c)
        .unwrap_or_else(|| panic!("no glyph for {c:?} in {glyphs:?}"))
        .1
}

#[test]
fn a_right_to_left_line_reads_from_the_right() {
    let ctx = context();
    // The first logical letter (ش) is drawn right of the last (ن).
    let glyphs = glyph_x(&ctx, "شهر سراوان");
    assert!(x_of(&glyphs, 'ش') > x_of(&glyphs, 'ن'), "{glyphs:?}");
}

#[test]
fn a_mixed_line_keeps_latin_and_digits_left_to_right() {
    let ctx = context();
    let glyphs = glyph_x(&ctx, "حمله به Saravan در 18 ژانویه");
    assert!(
        x_of(&glyphs, 'S') < x_of(&glyphs, 'n'),
        "Saravan reads left to right"
    );
    assert!(
        x_of(&glyphs, '1') < x_of(&glyphs, '8'),
        "18 reads left to right"
    );
    // In a right-to-left paragraph the first word is rightmost, the last leftmost.
    assert!(x_of(&glyphs, 'ح') > x_of(&glyphs, 'S'));
    assert!(x_of(&glyphs, 'ژ') < x_of(&glyphs, '1'));
    // A left-to-right line with a Persian name in it keeps its order.
    let glyphs = glyph_x(&ctx, "Saravan سراوان 18 Jan");
    assert!(x_of(&glyphs, 'S') < x_of(&glyphs, 'س'));
    assert!(x_of(&glyphs, 'س') < x_of(&glyphs, 'J'));
}

#[test]
fn a_right_to_left_paragraph_is_right_aligned_and_a_latin_one_left() {
    let texts = ["استان سیستان و بلوچستان", "Sistan and Baluchestan"];
    let mut harness = egui_kittest::Harness::builder()
        .with_size([400.0, 200.0])
        .with_context_setup(fonts::install)
        .build_ui(move |ui| {
            for text in texts {
                strikemap::text::paragraph(ui, text);
            }
        });
    harness.run();
    let right = harness.get_by_label(&visual(texts[0])).rect();
    let left = harness.get_by_label(texts[1]).rect();
    assert!(right.max.x > 380.0, "right-aligned: {right:?}");
    assert!(right.min.x > 100.0, "{right:?}");
    assert!(left.min.x < 20.0, "left-aligned: {left:?}");
}

/// Every name in the bundled files, their Persian and Urdu names and other spellings too.
fn bundled_names() -> Vec<String> {
    let mut names = Vec::new();
    for file in [
        "geodata/provinces.geojson",
        "geodata/countries.geojson",
        "geodata/basemap/admin1.geojson",
        "geodata/basemap/towns.geojson",
        "geodata/events.geojson",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        for feature in json["features"].as_array().unwrap() {
            for (key, value) in feature["properties"].as_object().unwrap() {
                if key.starts_with("name") || key == "location" || key == "title" {
                    names.extend(value.as_str().map(str::to_owned));
                }
                if key == "alternate_names" {
                    let list = value.as_array().unwrap();
                    names.extend(list.iter().filter_map(|v| v.as_str()).map(str::to_owned));
                }
            }
        }
    }
    names
}

#[test]
fn every_character_of_the_bundled_names_has_a_glyph() {
    let ctx = context();
    let names = bundled_names();
    assert!(
        names.iter().any(|n| n == "سراوان"),
        "towns carry Persian names"
    );
    let font = FontId::proportional(14.0);
    let missing: Vec<(char, &str)> = names
        .iter()
        .flat_map(|name| name.chars().map(move |c| (c, name.as_str())))
        .filter(|&(c, _)| !c.is_whitespace() && !ctx.fonts_mut(|f| f.has_glyph(&font, c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

/// The non-ASCII characters in the string literals of the UI's source (what it draws).
fn ui_symbols() -> Vec<(char, String)> {
    let mut found = Vec::new();
    for dir in ["src/ui", "src/app", "src/map"] {
        let mut files = vec![std::path::PathBuf::from(dir)];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for literal in line.split('"').skip(1).step_by(2) {
                    let name = path.display().to_string();
                    found.extend(
                        literal
                            .chars()
                            .filter(|c| !c.is_ascii())
                            .map(|c| (c, name.clone())),
                    );
                }
            }
        }
    }
    found
}

#[test]
fn every_symbol_the_ui_draws_has_a_glyph() {
    let ctx = context();
    let symbols = ui_symbols();
    assert!(
        symbols.iter().any(|(c, _)| *c == '↑'),
        "the file dialog's Up is among them"
    );
    let font = FontId::proportional(14.0);
    let missing: Vec<&(char, String)> = symbols
        .iter()
        .filter(|(c, _)| !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}

#[test]
fn arabic_script_runs_match_the_fonts() {
    use skrifa::MetadataProvider;
    let charmap = |bytes: &'static [u8]| skrifa::FontRef::new(bytes).unwrap().charmap();
    let latin = charmap(epaint_default_fonts::UBUNTU_LIGHT);
    let arabic = charmap(fonts::ARABIC);
    for (code, _) in arabic.mappings() {
        let c = char::from_u32(code).unwrap();
        let by_arabic_font = latin.map(c).is_none();
        if c == '\u{25CC}' {
            continue; // The dotted circle, drawn alone.
        }
        assert_eq!(
            strikemap::text::bidi::in_arabic_font(c),
            by_arabic_font,
            "U+{code:04X}"
        );
    }
}

#[test]
fn a_town_and_its_strike_are_found_by_their_persian_names() {
    let ctx = egui::Context::default();
    let app = common::offline_app(&ctx);
    let labels = |query: &str| -> Vec<String> {
        app.search_hits(query)
            .into_iter()
            .map(|h| h.label)
            .collect()
    };
    let saravan = labels("سراوان");
    assert!(saravan.iter().any(|l| l == "Sarāvān"), "{saravan:?}");
    assert!(
        saravan.iter().any(|l| l.contains("near Saravan")),
        "{saravan:?}"
    );
    let zahedan = labels("زاهدان");
    assert!(zahedan.iter().any(|l| l == "Zahedan"), "{zahedan:?}");
    // Arabic kaf, as an Arabic keyboard types it, finds the Persian spelling.
    let kerman = labels("كرمان");
    assert!(kerman.iter().any(|l| l == "Kerman"), "{kerman:?}");
    // Panjgur has no Persian or Urdu spelling in the data: it is found by its sound.
    let hits = app.search_hits("پنجگور");
    assert!(
        hits.iter()
            .any(|h| h.label == "Panjgur" && h.detail.contains("by sound")),
        "{hits:?}"
    );
    assert!(
        hits.iter().any(|h| h.label.contains("Panjgur district")),
        "{hits:?}"
    );
}
