//! Everything drawn on the map beside the story's markers: the basemap tiles, the bundled
//! reference map beneath them, the story's countries and provinces, the files the user opened,
//! and the layer panel's checkboxes.

use crate::data::{DataError, Event, ReferenceData, Story};
use crate::map::basemap::ReferenceMap;
use crate::map::tiled::TiledLayers;
use crate::map::tiled::basemap::VectorBasemap;
use crate::map::tiles::TileLayer;
use crate::map::user_layers::UserLayers;
use crate::map::vector::union_bounds;
use crate::map::{LayerList, MarkerGroup, VectorLayer, style};

/// The map's layers and their checkboxes.
pub struct MapLayers {
    pub countries: VectorLayer,
    /// One layer per province, so each has its own checkbox.
    pub provinces: Vec<VectorLayer>,
    /// The bundled reference map beneath the tiles.
    pub reference: ReferenceMap,
    pub reference_problems: Vec<DataError>,
    /// The layer panel's rows.
    pub list: LayerList,
    pub tiles: TileLayer,
    /// Files the user opened, and those loading or refused.
    pub opened: UserLayers,
    /// Vector tile sources (PMTiles, MVT servers), read a tile at a time.
    pub tiled: TiledLayers,
    /// The vector basemap of `--basemap-pmtiles`, started on the first frame; or why it
    /// could not start.
    pub vector_basemap: Option<Result<VectorBasemap, String>>,
}

impl MapLayers {
    /// The story's layers over the bundled reference map; `tiles` and `opened` as configured.
    pub fn new(
        story: &Story,
        reference: &ReferenceData,
        tiles: TileLayer,
        opened: UserLayers,
    ) -> Self {
        for problem in &reference.problems {
            log::error!("{problem}");
        }
        let countries = VectorLayer::new("Countries", &story.countries, style::COUNTRIES);
        let provinces: Vec<VectorLayer> = story
            .provinces
            .iter()
            .enumerate()
            .map(|(index, feature)| {
                let name = feature
                    .name()
                    .map_or_else(|| format!("Province {}", index + 1), str::to_owned);
                let style = style::province(feature.property_str("iso_3166_2"));
                VectorLayer::new(name, std::slice::from_ref(feature), style)
            })
            .collect();
        let province_names: Vec<String> = provinces.iter().map(|p| p.name.clone()).collect();
        let mut list = LayerList::new(&province_names, &[]);
        add_marker_groups(&mut list, &story.events);
        let story_codes: Vec<&str> = story
            .provinces
            .iter()
            .filter_map(|p| p.property_str("iso_3166_2"))
            .collect();
        Self {
            reference: ReferenceMap::new(reference, &story.countries, &story_codes),
            reference_problems: reference.problems.clone(),
            countries,
            provinces,
            list,
            tiled: TiledLayers::new(tiles.vector_settings()),
            tiles,
            opened,
            vector_basemap: None,
        }
    }

    /// Start the vector basemap if one was given and it has not started, and take in what
    /// its reader sent.
    pub fn poll_vector_basemap(&mut self, ctx: &egui::Context) {
        if self.vector_basemap.is_none()
            && let Some(text) = self.tiles.vector_location()
        {
            let settings = self.tiles.vector_settings();
            let opened = VectorBasemap::open(text, &settings, Some(ctx.clone()));
            if let Err(err) = &opened {
                log::error!("{err}");
            }
            self.vector_basemap = Some(opened);
        }
        if let Some(Ok(basemap)) = &mut self.vector_basemap {
            basemap.poll();
        }
    }

    /// The vector basemap, when it is the basemap shown.
    pub fn shown_vector_basemap(&self) -> Option<&VectorBasemap> {
        if self.tiles.basemap() != crate::map::tiles::Basemap::Vector {
            return None;
        }
        self.vector_basemap.as_ref()?.as_ref().ok()
    }

    /// The provinces' bounds, or the countries' when there are no provinces: the story's view.
    pub fn story_bounds(&self) -> Option<geo::Rect<f64>> {
        union_bounds(self.provinces.iter().filter_map(|layer| layer.bounds))
            .or(self.countries.bounds)
    }

    /// Give events that just arrived (an opened events file) the marker rows their groups need.
    pub fn events_added(&mut self, events: &[Event]) {
        add_marker_groups(&mut self.list, events);
    }
}

/// A row for each marker group `events` have that the list lacks.
fn add_marker_groups(list: &mut LayerList, events: &[Event]) {
    for group in events.iter().map(MarkerGroup::of) {
        list.add_marker_group(group);
    }
}
