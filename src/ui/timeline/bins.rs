//! The time bar's bins: days, weeks, months or years, whichever keeps a span to a few hundred
//! bars, and how many events of each kind fall in each.

use chrono::{Datelike, Months, NaiveDate};

use crate::data::event_columns::day_number;

/// How long one bin of the time bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinUnit {
    Day,
    Week,
    Month,
    Year,
}

impl BinUnit {
    /// The finest unit that keeps `days` to at most about 200 bins.
    pub fn for_span(days: i64) -> Self {
        match days {
            ..=200 => Self::Day,
            201..=1400 => Self::Week,
            1401..=6100 => Self::Month,
            _ => Self::Year,
        }
    }

    /// The first day of the bin holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => date,
            Self::Week => {
                date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64)
            }
            Self::Month => date.with_day(1).unwrap_or(date),
            Self::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        }
    }

    /// The first day of the bin after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let later = match self {
            Self::Day => start.succ_opt(),
            Self::Week => start.checked_add_signed(chrono::Duration::days(7)),
            Self::Month => start.checked_add_months(Months::new(1)),
            Self::Year => start.checked_add_months(Months::new(12)),
        };
        later.unwrap_or(NaiveDate::MAX)
    }

    /// How a bin is named in a tooltip.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Self::Day => start.format("%-d %B %Y").to_string(),
            Self::Week => format!("week of {}", start.format("%-d %B %Y")),
            Self::Month => start.format("%B %Y").to_string(),
            Self::Year => start.format("%Y").to_string(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// One bar: its days (first to last, inclusive, as day numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bin {
    pub first: i32,
    pub last: i32,
}

/// The bins covering `first..=last`.
pub fn bins(first: NaiveDate, last: NaiveDate, unit: BinUnit) -> Vec<Bin> {
    let mut out = Vec::new();
    let mut start = unit.start_of(first);
    while start <= last {
        let next = unit.next(start);
        out.push(Bin {
            first: day_number(start),
            last: day_number(next) - 1,
        });
        if next == NaiveDate::MAX {
            break;
        }
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::event_columns::date_of;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_span_gets_bins_of_a_unit_that_fits_and_they_tile_it() {
        assert_eq!(BinUnit::for_span(14), BinUnit::Day);
        assert_eq!(BinUnit::for_span(365), BinUnit::Week);
        assert_eq!(BinUnit::for_span(15 * 365), BinUnit::Month);
        assert_eq!(BinUnit::for_span(40 * 365), BinUnit::Year);
        let (first, last) = (day(2010, 1, 1), day(2024, 12, 31));
        let months = bins(first, last, BinUnit::Month);
        assert_eq!(months.len(), 15 * 12);
        assert!(months.windows(2).all(|w| w[0].last + 1 == w[1].first));
        assert_eq!(months[0].first, day_number(first));
        assert_eq!(months[months.len() - 1].last, day_number(last));
        let weeks = bins(day(2024, 1, 16), day(2024, 1, 29), BinUnit::Week);
        assert_eq!(
            date_of(weeks[0].first),
            day(2024, 1, 15),
            "weeks start on Monday"
        );
        assert_eq!(weeks.len(), 3);
    }
}
