//! Numbers, distances and positions as a reader expects them, in one place so the map, the
//! panels and the export write them alike.

/// Kilometres, one decimal below 100 km: "42.1 km", "456 km".
///
/// ```
/// assert_eq!(strikemap::format::km(42_130.0), "42.1 km");
/// assert_eq!(strikemap::format::km(456_400.0), "456 km");
/// ```
pub fn km(metres: f64) -> String {
    let km = metres / 1000.0;
    if km < 100.0 {
        format!("{km:.1} km")
    } else {
        format!("{km:.0} km")
    }
}

/// A round distance for a scale bar: "500 m", "20 km".
pub fn distance_text(metres: f64) -> String {
    if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    }
}

/// A position with its hemispheres: "28.1234° N, 64.5678° E", "33.4500° S, 70.6700° W".
///
/// ```
/// use strikemap::format::lat_lon_text;
/// assert_eq!(lat_lon_text(28.12344, 64.5678, 4), "28.1234° N, 64.5678° E");
/// assert_eq!(lat_lon_text(-33.45, -70.67, 2), "33.45° S, 70.67° W");
/// ```
pub fn lat_lon_text(lat: f64, lon: f64, decimals: usize) -> String {
    // A position on a copy of the world past ±180° reads as the place it repeats.
    let lon = crate::map::projection::wrap_longitude(lon);
    let ns = if lat >= 0.0 { "N" } else { "S" };
    let ew = if lon >= 0.0 { "E" } else { "W" };
    format!(
        "{:.decimals$}° {ns}, {:.decimals$}° {ew}",
        lat.abs(),
        lon.abs()
    )
}

/// A count with thousands separators: "500,000".
///
/// ```
/// assert_eq!(strikemap::format::thousands(500_000), "500,000");
/// assert_eq!(strikemap::format::thousands(999), "999");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count and its noun, singular for one: "1 event", "2 events", "4,596 features".
///
/// ```
/// use strikemap::format::counted;
/// assert_eq!(counted(1, "event", "events"), "1 event");
/// assert_eq!(counted(4596, "feature", "features"), "4,596 features");
/// ```
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}
