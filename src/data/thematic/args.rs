//! Filters and styles written as text, for the command line (`--filter`, `--style`): a
//! graphics desk's export, or a script, asks for the same map the panel makes.
//!
//! ```
//! use strikemap::data::thematic::args::{parse_filter, parse_style};
//! use strikemap::data::thematic::{FilterRule, StyleRule};
//!
//! let f = parse_filter("event_type=Battles|Riots").unwrap();
//! assert!(f.rule.keeps_value("Riots") && !f.rule.keeps_value("Protests"));
//! let f = parse_filter("fatalities>=10").unwrap();
//! assert_eq!(f.rule, FilterRule::Range { min: Some(10.0), max: None });
//! assert!(parse_filter("notes~drone").is_ok());
//! assert!(parse_filter("no operator").is_err());
//! assert_eq!(
//!     parse_style("categorized:actor1").unwrap(),
//!     StyleRule::Categorized { column: "actor1".into() }
//! );
//! assert!(parse_style("graduated:fatalities:equal:4:size").is_ok());
//! assert!(parse_style("sparkles").is_err());
//! ```

use std::collections::BTreeSet;

use super::{Classing, ColumnFilter, FilterRule, GraduateBy, StyleRule};

/// `COLUMN=A|B` (only these values), `COLUMN!=A|B` (all but these), `COLUMN>=N`,
/// `COLUMN<=N`, `COLUMN~TEXT` (contains).
pub fn parse_filter(arg: &str) -> Result<ColumnFilter, String> {
    let number = |text: &str| {
        text.trim()
            .parse::<f64>()
            .map_err(|_| format!("\"{}\" is not a number", text.trim()))
    };
    let values = |text: &str| -> BTreeSet<String> { text.split('|').map(str::to_owned).collect() };
    let (column, rule) = if let Some((c, v)) = arg.split_once(">=") {
        (
            c,
            FilterRule::Range {
                min: Some(number(v)?),
                max: None,
            },
        )
    } else if let Some((c, v)) = arg.split_once("<=") {
        (
            c,
            FilterRule::Range {
                min: None,
                max: Some(number(v)?),
            },
        )
    } else if let Some((c, v)) = arg.split_once("!=") {
        (
            c,
            FilterRule::Values {
                values: values(v),
                keep: false,
            },
        )
    } else if let Some((c, v)) = arg.split_once('=') {
        (
            c,
            FilterRule::Values {
                values: values(v),
                keep: true,
            },
        )
    } else if let Some((c, v)) = arg.split_once('~') {
        (c, FilterRule::Contains { text: v.to_owned() })
    } else {
        return Err(format!(
            "\"{arg}\": write COLUMN=VALUE|VALUE, COLUMN!=VALUE, COLUMN>=N, COLUMN<=N or COLUMN~TEXT"
        ));
    };
    let column = column.trim();
    if column.is_empty() {
        return Err(format!("\"{arg}\": no column named"));
    }
    Ok(ColumnFilter::new(column, rule))
}

/// `single`, `categorized:COLUMN`, `graduated:COLUMN[:quantile|equal][:CLASSES][:size]`,
/// `heatmap[:WEIGHT][:RADIUS]` (`heatmap:count` or `heatmap` counts the points).
pub fn parse_style(arg: &str) -> Result<StyleRule, String> {
    let mut parts = arg.split(':');
    let kind = parts.next().unwrap_or_default().trim();
    let column = parts
        .next()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let need = |column: Option<String>| {
        column.ok_or_else(|| format!("\"{arg}\": name a column, e.g. {kind}:fatalities"))
    };
    match kind {
        "single" => Ok(StyleRule::Single),
        "categorized" => Ok(StyleRule::Categorized {
            column: need(column)?,
        }),
        "heatmap" => heatmap(column, parts),
        "graduated" => {
            let column = need(column)?;
            let (mut method, mut classes, mut by) = (Classing::Quantile, 5, GraduateBy::Colour);
            for part in parts {
                match part.trim() {
                    "quantile" => method = Classing::Quantile,
                    "equal" => method = Classing::EqualInterval,
                    "size" => by = GraduateBy::Size,
                    "colour" | "color" => by = GraduateBy::Colour,
                    n => {
                        classes = n
                            .parse::<usize>()
                            .ok()
                            .filter(|n| (2..=9).contains(n))
                            .ok_or_else(|| format!("\"{n}\": classes are 2 to 9"))?;
                    }
                }
            }
            Ok(StyleRule::Graduated {
                column,
                method,
                classes,
                by,
            })
        }
        _ => Err(format!(
            "\"{arg}\": the style is single, categorized:COLUMN, graduated:COLUMN or heatmap[:WEIGHT]"
        )),
    }
}

/// The default radius of a heatmap's kernel, in screen points.
pub const HEAT_RADIUS: f32 = 20.0;

/// `heatmap[:WEIGHT|count][:RADIUS]`.
fn heatmap<'a>(
    column: Option<String>,
    parts: impl Iterator<Item = &'a str>,
) -> Result<StyleRule, String> {
    let mut radius = HEAT_RADIUS;
    for part in parts {
        radius = part
            .trim()
            .parse::<f32>()
            .ok()
            .filter(|r| (2.0..=100.0).contains(r))
            .ok_or_else(|| format!("\"{part}\": a heatmap's radius is 2 to 100 points"))?;
    }
    let weight = column.filter(|c| c != "count");
    Ok(StyleRule::Heatmap { weight, radius })
}

/// `FROM..TO` as two dates (YYYY-MM-DD).
pub fn parse_dates(arg: &str) -> Result<(chrono::NaiveDate, chrono::NaiveDate), String> {
    let (a, b) = arg
        .split_once("..")
        .ok_or_else(|| format!("\"{arg}\": give FROM..TO, e.g. 2024-01-16..2024-02-15"))?;
    let date = |t: &str| {
        chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")
            .map_err(|_| format!("\"{t}\": a date is YYYY-MM-DD"))
    };
    let (from, to) = (date(a)?, date(b)?);
    if to < from {
        return Err(format!("\"{arg}\": the range ends before it starts"));
    }
    Ok((from, to))
}

/// What `--count-in` names: the story's provinces, H3 hexagons (resolution from the zoom, or
/// given), or an opened layer by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountIn {
    Provinces,
    Hexagons(Option<u8>),
    Layer(String),
}

/// `provinces`, `h3`, `h3:RES` (0 to 10) or a layer's name.
///
/// ```
/// use strikemap::data::thematic::args::{parse_count_in, parse_dates, CountIn};
/// assert_eq!(parse_count_in("h3:5"), Ok(CountIn::Hexagons(Some(5))));
/// assert_eq!(parse_count_in("admin1"), Ok(CountIn::Layer("admin1".into())));
/// assert!(parse_count_in("h3:16").is_err());
/// assert!(parse_dates("2024-01-16..2024-02-15").is_ok());
/// assert!(parse_dates("2024-02-15..2024-01-16").is_err());
/// ```
pub fn parse_count_in(arg: &str) -> Result<CountIn, String> {
    let arg = arg.trim();
    match arg.split_once(':') {
        _ if arg == "provinces" => Ok(CountIn::Provinces),
        _ if arg == "h3" => Ok(CountIn::Hexagons(None)),
        Some(("h3", res)) => res
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|r| *r <= 10)
            .map(|r| CountIn::Hexagons(Some(r)))
            .ok_or_else(|| format!("\"{res}\": an H3 resolution here is 0 to 10")),
        _ if arg.is_empty() => Err("name provinces, h3[:RES] or an opened layer".to_owned()),
        _ => Ok(CountIn::Layer(arg.to_owned())),
    }
}
