//! The search box (Ctrl+F), as QGIS's locator and uMap's search work: type, and the story's
//! events, the opened layers' features (by their name or title) and the bundled places (towns,
//! provinces, countries) that match are listed as you type, accents and case ignored; choosing
//! one flies the map to it and selects it.

use egui::{Key, Ui};

use crate::data::gazetteer::sound::skeleton;
use crate::data::gazetteer::{contains_folded, fold};
use crate::data::reference::ReferenceData;
use crate::data::{GeoFeature, Story};

/// Most results listed.
pub const MAX_HITS: usize = 40;

/// A bundled place that can be searched for.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    /// "town", "province", "country".
    pub kind: &'static str,
    /// Its name in Persian or Urdu, where the data gives it.
    pub local: Option<String>,
    /// Its names, folded (its GeoNames or Natural Earth alternate names too).
    folded: Vec<String>,
    pub bounds: geo::Rect<f64>,
}

/// What a result leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A story event (its index).
    Event(usize),
    /// A feature of an opened layer.
    Feature { layer: u64, index: usize },
    /// A bundled place (its index in [`Search::places`]).
    Place(usize),
}

/// One result: what it is called, what it is, where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub label: String,
    pub detail: String,
    pub target: Target,
}

/// The search box's state.
#[derive(Debug, Default)]
pub struct Search {
    pub open: bool,
    pub query: String,
    pub places: Vec<Place>,
    /// Set when the box opens, so the text field takes the keyboard.
    focus: bool,
    /// The results shown, and what they were found for (the query and the opened layers'
    /// ids): searching a large layer is done when the query changes, not every frame.
    pub hits: Vec<Hit>,
    pub searched: Option<SearchKey>,
    /// The search running on a background thread, and what for.
    pub job: Option<crate::background::Background<SearchKey, Vec<Hit>>>,
}

/// What results were found for: the query, and each opened layer with its current result.
pub type SearchKey = (String, Vec<(u64, usize)>);

impl Search {
    /// The box, with the bundled places of `reference` and the story's countries to search.
    pub fn new(reference: &ReferenceData, story: &Story) -> Self {
        let mut places = Vec::new();
        add_places(&mut places, &reference.towns, "town");
        add_places(&mut places, &story.provinces, "province");
        add_places(&mut places, &reference.admin1, "province");
        add_places(&mut places, &story.countries, "country");
        add_places(&mut places, &reference.land, "country");
        Self {
            places,
            ..Self::default()
        }
    }

    /// Open the box (or close it when open), its field ready for typing.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.focus = self.open;
    }

    /// The places whose names contain `folded` (a folded query).
    pub fn place_hits(&self, folded: &str) -> Vec<Hit> {
        self.places
            .iter()
            .enumerate()
            .filter(|(_, place)| place.folded.iter().any(|name| name.contains(folded)))
            .map(|(index, place)| Hit {
                label: place.name.clone(),
                detail: match &place.local {
                    Some(local) => format!("{} · {local}", place.kind),
                    None => place.kind.to_owned(),
                },
                target: Target::Place(index),
            })
            .collect()
    }

    /// For a query in Arabic script that names no place: the towns and provinces whose names
    /// sound the same (see [`crate::data::gazetteer::sound`]), said to be matched so.
    pub fn sound_hits(&self, folded: &str) -> Vec<Hit> {
        let wanted = skeleton(folded);
        if wanted.chars().count() < 3 {
            return Vec::new();
        }
        self.places
            .iter()
            .enumerate()
            .filter(|(_, place)| place.kind != "country" && skeleton(&place.name) == wanted)
            .map(|(index, place)| Hit {
                label: place.name.clone(),
                detail: format!(
                    "{}, matched by sound: the data has no Persian or Urdu spelling",
                    place.kind
                ),
                target: Target::Place(index),
            })
            .collect()
    }

    /// The box and its results (`hits` for the query typed); what was chosen, if anything.
    pub fn show(&mut self, ui: &mut Ui, hits: &[Hit]) -> Option<Target> {
        let mut chosen = None;
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Search events, features and places")
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            chosen = hits.first().map(|hit| hit.target);
        }
        if !self.query.trim().is_empty() && hits.is_empty() {
            ui.weak("Nothing found.");
        }
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for hit in hits {
                    let text = format!("{}  ·  {}", hit.label, hit.detail);
                    let text = crate::text::visual(&text).into_owned();
                    if ui.selectable_label(false, text).clicked() {
                        chosen = Some(hit.target);
                    }
                }
            });
        if chosen.is_some() {
            self.open = false;
        }
        chosen
    }
}

/// Whether `name` matches the folded query.
pub fn matches(name: &str, folded: &str) -> bool {
    contains_folded(name, folded)
}

/// The features of `features` with a name, as places of `kind`, once each by name.
fn add_places(places: &mut Vec<Place>, features: &[GeoFeature], kind: &'static str) {
    for feature in features {
        let Some(name) = feature.name() else {
            continue;
        };
        if places.iter().any(|p| p.name == name && p.kind == kind) {
            continue;
        }
        let Some(bounds) = geo::BoundingRect::bounding_rect(&feature.geometry) else {
            continue;
        };
        let alternates = [
            "alternatenames",
            "name_alt",
            "name_long",
            "name_en",
            "asciiname",
        ]
        .iter()
        .filter_map(|key| feature.property_str(key))
        .flat_map(|names| names.split([',', '|']))
        .map(str::trim)
        .filter(|n| !n.is_empty());
        // The bundled files' other spellings, and the names in Persian and Urdu.
        let listed = feature
            .properties
            .get("alternate_names")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str());
        let local = ["name_fa", "name_ur"]
            .iter()
            .filter_map(|key| feature.property_str(key));
        let folded = std::iter::once(name)
            .chain(alternates)
            .chain(listed)
            .chain(local)
            .map(fold)
            .collect();
        places.push(Place {
            name: name.to_owned(),
            kind,
            local: crate::data::local_names::local_name(feature),
            folded,
            bounds,
        });
    }
}
