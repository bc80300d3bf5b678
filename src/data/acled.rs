//! What the columns of an ACLED export mean (after ACLED's codebook), and the span of days an
//! event's date stands for when only its week or month is known (`time_precision` 2 or 3: ACLED
//! then codes the middle of the week, or of the month, as the date).

use chrono::{Datelike, Duration, NaiveDate};

/// Each column of an ACLED export and what it holds, for the details panel.
pub const COLUMNS: [(&str, &str); 21] = [
    (
        "event_id_cnty",
        "ACLED's identifier of the event (country code and number)",
    ),
    (
        "event_date",
        "the day the event took place (see time_precision)",
    ),
    ("year", "the year of the event"),
    (
        "time_precision",
        "how exactly the date is known: 1 the day, 2 the week, 3 the month",
    ),
    (
        "disorder_type",
        "political violence, demonstrations or strategic developments",
    ),
    ("event_type", "the kind of event (its colour on the map)"),
    ("sub_event_type", "the kind of event, in more detail"),
    ("actor1", "the main actor of the event"),
    ("actor2", "the actor on the other side, if any"),
    (
        "interaction",
        "a code for the kinds of actors involved (e.g. 13: state forces vs political militia)",
    ),
    ("country", "the country the event took place in"),
    ("admin1", "the first-level division (province, state)"),
    ("location", "the place named by the sources"),
    ("latitude", "latitude of the location (WGS 84)"),
    ("longitude", "longitude of the location (WGS 84)"),
    (
        "geo_precision",
        "how exactly the place is known: 1 the place itself, 2 near it, 3 only the region",
    ),
    ("source", "the sources the event was coded from"),
    (
        "source_scale",
        "the reach of the sources (local, national, international...)",
    ),
    (
        "notes",
        "a short description of the event, from the sources",
    ),
    (
        "fatalities",
        "reported deaths; ACLED notes that these are estimates and the most conservative figure is taken",
    ),
    (
        "timestamp",
        "when the record was last changed in ACLED's data (Unix time)",
    ),
];

/// What an ACLED column holds, if `column` is one.
pub fn meaning(column: &str) -> Option<&'static str> {
    COLUMNS
        .iter()
        .find(|(name, _)| *name == column)
        .map(|(_, meaning)| *meaning)
}

/// The days an event dated `date` (YYYY-MM-DD) stands for at ACLED's `time_precision`: the week
/// around it (2), or its month (3). `None` for an exact day or an unreadable date.
///
/// ```
/// use strikemap::data::acled::date_span;
///
/// assert_eq!(date_span("2024-01-17", 2).as_deref(), Some("14 Jan 2024 – 20 Jan 2024 (only the week is known)"));
/// assert_eq!(date_span("2024-02-15", 3).as_deref(), Some("1 Feb 2024 – 29 Feb 2024 (only the month is known)"));
/// assert_eq!(date_span("2024-01-17", 1), None);
/// ```
pub fn date_span(date: &str, time_precision: u8) -> Option<String> {
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let (first, last, what) = match time_precision {
        2 => (day - Duration::days(3), day + Duration::days(3), "week"),
        3 => {
            let first = day.with_day(1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            (first, next - Duration::days(1), "month")
        }
        _ => return None,
    };
    Some(format!(
        "{} – {} (only the {what} is known)",
        first.format("%-d %b %Y"),
        last.format("%-d %b %Y")
    ))
}
