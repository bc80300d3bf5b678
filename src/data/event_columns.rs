//! Which columns of an opened file make its points events: a kind to colour them by
//! (`event_type`, as ACLED exports have it, or `kind`, `type`, `category`), a date for the time
//! bar (`event_date`, `date`), and how exact the position is (ACLED's `geo_precision`: 1 the
//! place itself, 2 near it, 3 only the region). Found by name, as QGIS's delimited-text layer
//! finds its coordinate columns.

use chrono::NaiveDate;

use super::properties::PropertyTable;

/// Kind columns, most specific first.
const KIND_KEYS: [&str; 6] = ["event_type", "kind", "type", "category", "class", "Kind"];
/// Date columns, most specific first.
const DATE_KEYS: [&str; 5] = ["event_date", "date", "Date", "day", "time"];
/// Position precision columns.
const PRECISION_KEYS: [&str; 1] = ["geo_precision"];
/// Death toll columns (ACLED's `fatalities`).
const FATALITY_KEYS: [&str; 3] = ["fatalities", "deaths", "killed"];

/// The event columns a table has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventColumns {
    pub kind: Option<usize>,
    pub date: Option<usize>,
    pub precision: Option<usize>,
    pub fatalities: Option<usize>,
}

impl EventColumns {
    pub fn detect(table: &PropertyTable) -> Self {
        let first = |keys: &[&str]| keys.iter().find_map(|key| table.key(key));
        Self {
            kind: first(&KIND_KEYS),
            date: first(&DATE_KEYS),
            precision: first(&PRECISION_KEYS),
            fatalities: first(&FATALITY_KEYS),
        }
    }

    /// The name of the column kinds come from.
    pub fn kind_name<'a>(&self, table: &'a PropertyTable) -> Option<&'a str> {
        Some(table.keys().get(self.kind?)?.as_str())
    }

    /// A row's day, if its date reads as one.
    pub fn day(&self, table: &PropertyTable, row: usize) -> Option<i32> {
        parse_day(&table.text(row, self.date?)?)
    }

    /// A row's death toll, capped at 255 (for drawing), if given.
    pub fn fatalities(&self, table: &PropertyTable, row: usize) -> Option<u8> {
        let value = table.number(row, self.fatalities?)?;
        (value >= 0.0).then(|| value.min(255.0) as u8)
    }

    /// A row's position precision (1, 2 or 3), if given.
    pub fn precision(&self, table: &PropertyTable, row: usize) -> Option<u8> {
        let value = table.number(row, self.precision?)?;
        (1.0..=3.0).contains(&value).then_some(value as u8)
    }
}

/// Days since 1970-01-01 of a date written `YYYY-MM-DD` (any time after it is ignored), or
/// `DD Month YYYY` as ACLED's own site writes it.
pub fn parse_day(text: &str) -> Option<i32> {
    let text = text.trim();
    let date = iso_date(text).or_else(|| NaiveDate::parse_from_str(text, "%d %B %Y").ok())?;
    Some(day_number(date))
}

/// `YYYY-MM-DD` at the start of `text`, read digit by digit (chrono's format parser was a
/// tenth of opening 500,000 events).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// Days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i32 {
    (date - NaiveDate::default()).num_days() as i32
}

/// The date of a day number.
pub fn date_of(day: i32) -> NaiveDate {
    let epoch = NaiveDate::default();
    epoch
        .checked_add_signed(chrono::Duration::days(day as i64))
        .unwrap_or(if day < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_days() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("2024-01-16T03:00:00Z"), parse_day("2024-01-16"));
        assert_eq!(parse_day("16 January 2024"), parse_day("2024-01-16"));
        assert_eq!(parse_day("soon"), None);
        assert_eq!(
            date_of(parse_day("2010-03-31").unwrap()).to_string(),
            "2010-03-31"
        );
    }

    #[test]
    fn acled_columns_are_found() {
        let table = PropertyTable::from_json_objects(&[
            r#"{"event_date": "2023-01-11", "event_type": "Protests", "geo_precision": 2}"#,
        ]);
        let columns = EventColumns::detect(&table);
        assert_eq!(columns.kind_name(&table), Some("event_type"));
        assert_eq!(columns.day(&table, 0), parse_day("2023-01-11"));
        assert_eq!(columns.precision(&table, 0), Some(2));
    }
}
