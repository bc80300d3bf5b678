//! The news article the story is told from: its exact text and what is known about it.
//! Unknown metadata stays `None` and is shown as "unknown", never guessed.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;

use super::DataError;

/// What is known about the article besides its text (`article.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct ArticleMeta {
    pub headline: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    /// How the date was worked out, when the article does not print it.
    #[serde(default)]
    pub date_basis: Option<String>,
    /// The text file beside the metadata.
    pub text_file: String,
}

/// The article: metadata plus the text, byte for byte as published.
#[derive(Debug, Clone)]
pub struct Article {
    pub meta: ArticleMeta,
    pub text: String,
}

impl Article {
    /// Parse the metadata JSON; `text` is the content of `meta.text_file`.
    pub fn parse_meta(file: &str, json: &str) -> Result<ArticleMeta, DataError> {
        serde_json::from_str(json)
            .map_err(|err| DataError::file(file, format!("is not valid article metadata: {err}")))
    }

    /// Where a quoted passage stands in the text (byte range), if it is quoted exactly.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        if quote.is_empty() {
            return None;
        }
        self.text
            .find(quote)
            .map(|start| start..start + quote.len())
    }
}
