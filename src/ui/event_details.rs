//! Details of the selected event: every fact with where it came from, and the province the
//! point lies in as computed from the boundaries (not as typed in the data).

use egui::{Grid, RichText, Ui};

use crate::data::geography::{BorderFacts, EventGeography};
use crate::data::{Event, EventKind, Report, Story};
use crate::format::{km, lat_lon_text};
use crate::map::MarkerGroup;

/// Show one event's details. `index` is its position in `story.events`.
pub fn show(
    ui: &mut Ui,
    story: &Story,
    index: usize,
    geography: &EventGeography,
    border_line: Option<BorderFacts>,
) {
    let Some(event) = story.events.get(index) else {
        return;
    };
    let group = MarkerGroup::of(event);
    ui.label(RichText::new(group.name()).color(group.color()).strong());
    ui.heading(&event.title);
    ui.add_space(4.0);
    Grid::new("event-details")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            row(ui, "Date", |ui| {
                ui.label(format!(
                    "{} ({})",
                    event.date.format("%A %-d %B %Y"),
                    time_precision(event.time_precision)
                ));
                if let Some(note) = &event.time_note {
                    ui.weak(note);
                }
                if let Some(source) = &event.date_source {
                    source_link(ui, "date source", source);
                }
            });
            row(ui, "Who", |ui| {
                crate::text::paragraph(ui, &event.actor);
                if let Some(detail) = &event.actor_detail {
                    ui.weak(detail);
                }
            });
            row(ui, "Target", |ui| {
                ui.label(event.target.as_deref().unwrap_or("—"));
            });
            row(ui, "Place", |ui| {
                crate::text::paragraph(ui, &event.location);
                ui.weak(lat_lon_text(event.position.y(), event.position.x(), 4));
            });
            row(ui, "Province", |ui| province(ui, story, index, event));
            row(ui, "Border", |ui| border(ui, event, geography));
            row(ui, "Capital", |ui| capital(ui, event, geography));
            row(ui, "Location", |ui| {
                ui.label(geo_precision(event));
                if let Some(note) = &event.location_note {
                    ui.weak(note);
                }
                if let Some(source) = &event.location_source {
                    ui.weak(format!("Coordinates: {source}"));
                }
            });
            // Casualty rows for strikes, and for any event with a reported figure.
            if event.kind == EventKind::Strike || !event.fatalities.is_empty() {
                row(ui, "Killed", |ui| reports(ui, &event.fatalities));
            }
            if event.kind == EventKind::Strike || !event.injured.is_empty() {
                row(ui, "Injured", |ui| reports(ui, &event.injured));
            }
        });
    egui::CollapsingHeader::new("About these numbers")
        .id_salt("about-numbers")
        .show(ui, |ui| ui.small(about_numbers(border_line)));
    ui.add_space(6.0);
    crate::text::paragraph(ui, &event.summary);
    ui.add_space(6.0);
    ui.strong("Sources");
    for source in &event.sources {
        source_link(ui, source, source);
    }
}

/// Where the figures come from, with the border line's own length and vertex spacing (so a
/// reader can tell how fine it is), computed from the data.
fn about_numbers(border: Option<BorderFacts>) -> String {
    let line = match border {
        Some(b) => format!(
            "the border is the line the Iran and Pakistan outlines share ({} long here, {} \
             vertices about {} apart, so it cuts the smaller bends a finer survey would \
             follow)",
            km(b.length_m),
            crate::format::thousands(b.vertices),
            km(b.spacing_m())
        ),
        None => "the Iran and Pakistan outlines of this data share no border".to_owned(),
    };
    format!(
        "Province, border and capital are computed by strikemap from the event's point and the \
         boundaries loaded: {line}. Distances are geodesic (WGS84). They are only as good as \
         the point: where the position is approximate, each figure is ± the uncertainty radius \
         shown."
    )
}

fn row(ui: &mut Ui, name: &str, value: impl FnOnce(&mut Ui)) {
    ui.strong(name);
    ui.vertical(value);
    ui.end_row();
}

fn province(ui: &mut Ui, story: &Story, index: usize, event: &Event) {
    match story.province_of(index) {
        Some(found) => {
            let code = found.property_str("iso_3166_2").unwrap_or("?");
            let name = found.name().unwrap_or("unnamed");
            ui.label(name);
            // Natural Earth's code is what the data's claims use; ISO's may differ today.
            let today = found
                .property_str("iso_3166_2_today")
                .map(|today| format!("; ISO 3166-2 today: {today}"))
                .unwrap_or_default();
            ui.weak(format!("Natural Earth's iso_3166_2: {code}{today}"));
            if code == event.admin1 {
                ui.weak("computed from the point; matches the data's claim");
            } else {
                ui.colored_label(
                    crate::map::style::ERROR,
                    format!("differs: the data claims {}", event.admin1),
                );
            }
        }
        None => {
            ui.label(format!("claimed {}", event.admin1));
            ui.weak("the point is outside the provinces on this map");
        }
    }
}

/// "± 100 km" when the point stands for an area, so the figures are read with it.
fn give_or_take(event: &Event) -> String {
    if event.is_uncertain() && event.uncertainty_m > 0.0 {
        format!(" ± {}", km(event.uncertainty_m))
    } else {
        String::new()
    }
}

fn border(ui: &mut Ui, event: &Event, geography: &EventGeography) {
    match geography.border {
        Some((nearest, metres)) => {
            ui.label(format!(
                "{}{} from the Iran–Pakistan border",
                km(metres),
                give_or_take(event)
            ));
            ui.weak(format!(
                "nearest border point {}{}",
                lat_lon_text(nearest.y(), nearest.x(), 3),
                if event.kind == EventKind::Strike {
                    "; drawn on the map"
                } else {
                    ""
                }
            ));
        }
        None => {
            ui.weak("unknown: the country outlines do not share a border");
        }
    }
}

fn capital(ui: &mut Ui, event: &Event, geography: &EventGeography) {
    match &geography.capital {
        Some((name, metres)) => {
            ui.label(format!("{}{} to {name}", km(*metres), give_or_take(event)));
            ui.weak("the capital of the province computed above");
        }
        None => {
            ui.weak("unknown: the point is in no story province with a known capital");
        }
    }
}

/// Every source's figure on its own line; disagreements are shown, not resolved.
fn reports(ui: &mut Ui, reports: &[Report]) {
    if reports.is_empty() {
        ui.weak("none reported");
    }
    for report in reports {
        ui.horizontal_wrapped(|ui| {
            ui.strong(report.reported.to_string());
            ui.label(format!("— {}", report.by));
            source_link(ui, "source", &report.source);
        });
        if let Some(note) = &report.note {
            ui.weak(note);
        }
    }
}

/// A link for URLs; other sources (the article, research notes) as plain text.
fn source_link(ui: &mut Ui, text: &str, source: &str) {
    if source.starts_with("http://") || source.starts_with("https://") {
        ui.hyperlink_to(RichText::new(text).small(), source)
            .on_hover_text(source);
    } else if source == "article" {
        ui.weak("(the article)");
    } else {
        ui.weak(format!("({source})"));
    }
}

fn time_precision(code: u8) -> &'static str {
    match code {
        1 => "day known",
        2 => "within a week",
        _ => "within a month",
    }
}

fn geo_precision(event: &Event) -> String {
    let what = match event.geo_precision {
        1 => "exact place named",
        2 => "near the named place",
        _ => "no single place: stand-in point",
    };
    if event.uncertainty_m > 0.0 {
        format!(
            "{what} (precision {}); drawn with a {:.0} km radius",
            event.geo_precision,
            event.uncertainty_m / 1000.0
        )
    } else {
        format!("{what} (precision {})", event.geo_precision)
    }
}
