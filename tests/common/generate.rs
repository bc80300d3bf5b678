//! Generated files: ACLED-like event points with known dates and kinds, so tests can count
//! what the app should show without trusting the app.

use chrono::NaiveDate;

/// One generated event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub lon: f64,
    pub lat: f64,
    pub date: NaiveDate,
    pub kind: &'static str,
    pub location: String,
}

/// The kinds events get, in turn.
pub const KINDS: [&str; 4] = ["Battles", "Protests", "Riots", "Explosions/Remote violence"];

/// Five events on exactly one spot (they never part at any zoom).
pub const STACK: (f64, f64) = (70.0, 35.0);
/// One event far from all others.
pub const LONE: (f64, f64) = (75.0, 38.0);

/// `n` events around three towns over 2010–2024, then the stack of five, then the lone one.
pub fn events(n: usize) -> Vec<Event> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let first = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let mut out: Vec<Event> = (0..n)
        .map(|i| {
            let (x, y, spread) = [(61.0, 29.5, 0.5), (66.9, 30.2, 0.05), (64.1, 27.0, 2.0)][i % 3];
            Event {
                lon: x + (next() - 0.5) * spread,
                lat: y + (next() - 0.5) * spread,
                date: first + chrono::Duration::days((next() * 5478.0) as i64),
                kind: KINDS[i % 4],
                location: format!("Place {}", i % 50),
            }
        })
        .collect();
    for _ in 0..5 {
        out.push(Event {
            lon: STACK.0,
            lat: STACK.1,
            date: NaiveDate::from_ymd_opt(2015, 6, 1).unwrap(),
            kind: "Battles",
            location: "Stackton".to_owned(),
        });
    }
    out.push(Event {
        lon: LONE.0,
        lat: LONE.1,
        date: NaiveDate::from_ymd_opt(2012, 3, 4).unwrap(),
        kind: "Riots",
        location: "Testville".to_owned(),
    });
    out
}

/// The events as GeoJSON with ACLED's column names.
pub fn geojson(events: &[Event]) -> String {
    let features: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{},{}]}},"properties":{{"event_id_cnty":"TST{i}","event_date":"{}","event_type":"{}","location":"{}","geo_precision":1,"source":"Test Wire","fatalities":0}}}}"#,
                e.lon, e.lat, e.date, e.kind, e.location
            )
        })
        .collect();
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}",
        features.join(",\n")
    )
}
