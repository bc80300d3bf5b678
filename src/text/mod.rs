//! Text as strikemap shows it: the bundled fonts (Latin from egui's own, Arabic script for
//! Persian and Urdu, and the symbols the UI draws), right-to-left text in visual order
//! ([`bidi`]), and wrapped paragraphs that right-align when they start right to left. Every
//! panel and map label goes through here, so that this can be removed once egui does bidi.

pub mod bidi;
pub mod fonts;
mod paragraph;

pub use bidi::{starts_rtl, visual};
pub use paragraph::{paragraph, paragraph_rich};
