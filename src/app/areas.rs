//! Counts per area in the app: what the command line asks for once its files are open (the
//! time bar's dates, a count per area), and an area's events listed under its details, each
//! a link that identifies the event.

use chrono::NaiveDate;
use egui::Ui;

use super::StrikemapApp;
use crate::data::DataError;
use crate::data::thematic::areas::resolution_for_zoom;
use crate::data::thematic::args::CountIn;
use crate::format::thousands;
use crate::map::identify::{FeatureRef, LayerRef};
use crate::map::user_layers::areas::AreaTarget;

/// Events listed under an area's details.
const AREA_LIST_LIMIT: usize = 100;

/// What waits for the command line's files to open.
#[derive(Debug, Default)]
pub struct AfterLoad {
    pub dates: Option<(NaiveDate, NaiveDate)>,
    pub count_in: Option<CountIn>,
}

impl StrikemapApp {
    /// Once the files are open: show the dates asked for, start the count asked for.
    pub(super) fn after_load(&mut self, ctx: &egui::Context) {
        let opened = &self.layers.opened;
        if !opened.jobs.is_empty()
            || (self.after_load.dates.is_none() && self.after_load.count_in.is_none())
        {
            return;
        }
        if let Some((from, to)) = self.after_load.dates.take() {
            self.timeline.set_range(from, to);
        }
        let Some(count_in) = self.after_load.count_in.take() else {
            return;
        };
        let source = opened
            .layers
            .iter()
            .find(|l| l.points.is_some() && l.aggregate.is_none())
            .map(|l| l.id);
        let target = match &count_in {
            CountIn::Provinces => Some(AreaTarget::Provinces),
            CountIn::Hexagons(res) => Some(AreaTarget::Hexagons {
                resolution: res.unwrap_or_else(|| resolution_for_zoom(self.zoom())),
                follow_zoom: res.is_none(),
            }),
            CountIn::Layer(name) => opened
                .layers
                .iter()
                .find(|l| &l.layer.name == name)
                .map(|l| AreaTarget::Layer(l.id)),
        };
        let why = match (source, target) {
            (Some(source), Some(target)) => {
                let provinces = &self.story.data.provinces;
                self.layers
                    .opened
                    .count_per_area(source, target, provinces, ctx);
                return;
            }
            (None, _) => "no opened layer has points to count".to_owned(),
            (_, None) => format!("{count_in:?}: no opened layer has that name"),
        };
        self.layers
            .opened
            .refused
            .push(DataError::file("--count-in", why));
    }

    /// Under a counts layer's area: its events that the filters and time range show, each a
    /// link. Gives the one clicked.
    pub(super) fn area_events(&self, ui: &mut Ui, feature: FeatureRef) -> Option<FeatureRef> {
        let LayerRef::User(id) = feature.layer else {
            return None;
        };
        let aggregate = self.layers.opened.get(id)?.aggregate.as_ref()?;
        let source = self.layers.opened.get(aggregate.source)?;
        let area = feature.index as u32;
        let mut members = aggregate
            .area_of
            .iter()
            .enumerate()
            .filter(|&(f, &a)| a == area && source.feature_shown(f))
            .map(|(f, _)| f);
        let listed: Vec<usize> = members.by_ref().take(AREA_LIST_LIMIT).collect();
        let total = listed.len() + members.count();
        ui.separator();
        ui.strong(format!(
            "{} events of {} here",
            thousands(total),
            source.layer.name
        ));
        if total > listed.len() {
            ui.weak(format!("The first {} are listed.", listed.len()));
        }
        let mut chosen = None;
        for f in listed {
            let name = source.feature_name(f).unwrap_or_else(|| format!("#{f}"));
            if ui.link(name).clicked() {
                chosen = Some(FeatureRef {
                    layer: LayerRef::User(aggregate.source),
                    index: f,
                });
            }
        }
        chosen
    }
}
