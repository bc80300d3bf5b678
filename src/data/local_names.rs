//! Names in the reader's language: English, the local name (Persian in Iran and Afghanistan,
//! Urdu in Pakistan, from the data's `name_fa` and `name_ur`), or both. A place whose local name
//! the data does not give keeps its English one: nothing is transliterated or made up.

use serde::{Deserialize, Serialize};

use super::GeoFeature;

/// Which names map labels show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelLanguage {
    #[default]
    English,
    /// Persian in Iran and Afghanistan, Urdu in Pakistan.
    Local,
    /// "Saravan · سراوان".
    Both,
}

impl LabelLanguage {
    pub const ALL: [Self; 3] = [Self::English, Self::Local, Self::Both];

    /// The choice as the layer panel names it.
    pub fn name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Local => "Local (Persian, Urdu)",
            Self::Both => "Both",
        }
    }

    /// A label from its English and its local name.
    ///
    /// ```
    /// use strikemap::data::local_names::LabelLanguage;
    /// assert_eq!(LabelLanguage::Both.text("Saravan", Some("سراوان")), "Saravan · سراوان");
    /// assert_eq!(LabelLanguage::Local.text("Panjgur", None), "Panjgur");
    /// assert_eq!(LabelLanguage::English.text("Saravan", Some("سراوان")), "Saravan");
    /// ```
    pub fn text(self, english: &str, local: Option<&str>) -> String {
        match (self, local.filter(|l| !l.trim().is_empty())) {
            (Self::Local, Some(local)) => local.to_owned(),
            (Self::Both, Some(local)) if local != english => format!("{english} · {local}"),
            _ => english.to_owned(),
        }
    }
}

/// The local name of a bundled place: `name_fa` in Iran and Afghanistan, `name_ur` in Pakistan
/// (the country read from `country_code`, `adm0_a3` or the `iso_3166_2` prefix).
pub fn local_name(feature: &GeoFeature) -> Option<String> {
    let country = feature
        .property_str("country_code")
        .map(str::to_owned)
        .or_else(|| {
            feature.property_str("adm0_a3").map(|a3| match a3 {
                "IRN" => "IR".to_owned(),
                "PAK" => "PK".to_owned(),
                "AFG" => "AF".to_owned(),
                other => other.to_owned(),
            })
        })
        .or_else(|| {
            let code = feature.property_str("iso_3166_2")?;
            Some(code.split('-').next()?.to_owned())
        })?;
    let key = match country.as_str() {
        "IR" | "AF" => "name_fa",
        "PK" => "name_ur",
        _ => return None,
    };
    let name = feature.property_str(key)?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}
