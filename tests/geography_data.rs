//! Tests of `strikemap::data::distance` on the app's real data: Natural Earth outlines of Iran
//! and Pakistan, GeoNames towns and the story's events, read from this repository's `geodata/`
//! with the app's own GeoJSON reader. `cargo test --test geography_data -- --nocapture` prints
//! the figures.

// Tests fail by panicking: unwrap, expect and panic are how they say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use geo::{
    Contains, Coord, Distance, Geodesic, Geometry, MultiLineString, MultiPolygon, Point,
    VincentyDistance,
};
use std::path::Path;
use strikemap::data::distance::{SegmentIndex, geodesic_m, length_m, nearest_point, shared_border};
use strikemap::data::formats::geojson::features as geojson_file;

/// Mean Earth radius (IUGG R1) in metres, for the independent haversine check.
const MEAN_RADIUS_M: f64 = 6_371_008.8;

/// The strict tolerance the app uses: Natural Earth neighbours share exact vertices.
const TIGHT_DEG: f64 = 1e-6;

/// A looser tolerance (about 100 m) that must give the same border.
const LOOSE_DEG: f64 = 1e-3;

/// The Iran–Afghanistan–Pakistan tripoint as the brief gives it (lon, lat).
const TRIPOINT: (f64, f64) = (60.87, 29.86);

/// The coastal end of the border near Gwadar Bay as the brief gives it (lon, lat).
const COAST_END: (f64, f64) = (61.6, 25.1);

/// How far (m) `nearest_point` may be from the reference distances: those the previous
/// implementation (a golden-section geodesic search, to the millimetre) gave, and a brute force.
const AGREE_M: f64 = 10.0;

/// Panjgur strike → border (m) and the border point, as the previous implementation gave them.
const PANJGUR_BEFORE: (f64, (f64, f64)) = (78_558.981, (63.31963, 27.11731));

/// Saravan strike → border (m) and the border point, as the previous implementation gave them.
const SARAVAN_BEFORE: (f64, (f64, f64)) = (42_132.005, (62.75604, 27.3481));

/// The geometry of the first feature of `geodata/<file>` whose property `key` is `value`.
fn geometry(file: &str, key: &str, value: &str) -> Geometry<f64> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("geodata")
        .join(file);
    let features = geojson_file::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let feature = features
        .into_iter()
        .find(|f| f.property_str(key) == Some(value));
    feature
        .unwrap_or_else(|| panic!("{file}: no feature with {key} = {value}"))
        .geometry
}

/// An area feature as a MultiPolygon (countries and provinces come as either type).
fn area(file: &str, key: &str, value: &str) -> MultiPolygon<f64> {
    match geometry(file, key, value) {
        Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        Geometry::MultiPolygon(mp) => mp,
        other => panic!("{value} is not an area: {other:?}"),
    }
}

/// A point feature's position.
fn point(file: &str, key: &str, value: &str) -> Point<f64> {
    match geometry(file, key, value) {
        Geometry::Point(p) => p,
        other => panic!("{value} is not a point: {other:?}"),
    }
}

/// A country outline by ISO 3166-1 alpha-3 code.
fn country(a3: &str) -> MultiPolygon<f64> {
    area("countries.geojson", "country_a3", a3)
}

/// A town of the basemap by name.
fn town(name: &str) -> Point<f64> {
    point("basemap/towns.geojson", "name", name)
}

/// The Panjgur strike's event point (Iran's strike in Pakistan, 16 January 2024).
fn panjgur_event() -> Point<f64> {
    point("events.geojson", "id", "2024-01-16-iran-strikes-panjgur")
}

/// The Saravan strike's event point (Pakistan's strike in Iran, 18 January 2024).
fn saravan_event() -> Point<f64> {
    let id = "2024-01-18-pakistan-strikes-saravan";
    point("events.geojson", "id", id)
}

/// The Iran–Pakistan border at a tolerance, as Iran's boundary sees it.
fn iran_pakistan(tolerance: f64) -> MultiLineString<f64> {
    shared_border(&country("IRN"), &country("PAK"), tolerance)
}

/// Haversine distance in metres on a sphere of mean radius: an implementation independent of
/// geo to check `geodesic_m` against.
fn haversine_m(a: Point<f64>, b: Point<f64>) -> f64 {
    let (lat1, lat2) = (a.y().to_radians(), b.y().to_radians());
    let dlon = (b.x() - a.x()).to_radians();
    let h =
        ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * MEAN_RADIUS_M * h.sqrt().asin()
}

/// Points along `lines` at most about `step_m` apart, straight in lon/lat as the map draws
/// them, for the brute force.
fn densify(lines: &MultiLineString<f64>, step_m: f64) -> Vec<Point<f64>> {
    let mut out = Vec::new();
    for line in lines.iter().flat_map(|ls| ls.lines()) {
        let len = haversine_m(Point(line.start), Point(line.end));
        let n = (len / step_m).ceil().max(1.0) as usize;
        out.extend((0..n).map(|k| Point(line.start + line.delta() * (k as f64 / n as f64))));
        out.push(Point(line.end));
    }
    out
}

/// Relative difference of `a` from `b`.
fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs()
}

/// The end points of a LineString, the northern one first.
fn ends_north_first(line: &[Coord<f64>]) -> (Point<f64>, Point<f64>) {
    let (s, e) = (Point(line[0]), Point(*line.last().unwrap()));
    if s.y() > e.y() { (s, e) } else { (e, s) }
}

/// The Iran–Pakistan border is one LineString of 223 vertices and 816.6 km (Natural Earth
/// 1:10m; published figures are ~909 km, with the wiggles this scale cuts), from the Afghan
/// tripoint to the coast at Gwadar Bay, at both tolerances and from either country's side.
#[test]
fn iran_pakistan_border() {
    for tolerance in [TIGHT_DEG, LOOSE_DEG] {
        let border = iran_pakistan(tolerance);
        let km = length_m(&border) / 1000.0;
        println!("Iran–Pakistan border, tolerance {tolerance:e}°: {km:.3} km");
        assert_eq!(border.0.len(), 1, "one LineString");
        assert_eq!(border.0[0].0.len(), 223);
        assert!((km - 816.6).abs() < 0.1, "{km} km");
        let haversine_km: f64 = border.0[0]
            .lines()
            .map(|l| haversine_m(Point(l.start), Point(l.end)) / 1000.0)
            .sum();
        assert!(rel(km, haversine_km) < 0.005, "{km} vs {haversine_km}");
        let (north, south) = ends_north_first(&border.0[0].0);
        let to_tripoint = geodesic_m(north, Point::from(TRIPOINT)) / 1000.0;
        let to_coast = geodesic_m(south, Point::from(COAST_END)) / 1000.0;
        println!("  ends {to_tripoint:.1} km from the tripoint, {to_coast:.1} km from the coast");
        assert!(to_tripoint < 20.0 && to_coast < 20.0);
    }
    // Same line seen from Pakistan's side (its own vertices and orientation).
    let from_pakistan = shared_border(&country("PAK"), &country("IRN"), TIGHT_DEG);
    assert_eq!(from_pakistan.0.len(), 1);
    let (a, b) = (
        length_m(&iran_pakistan(TIGHT_DEG)),
        length_m(&from_pakistan),
    );
    assert!(rel(a, b) < 1e-9, "{a} vs {b}");
}

/// The loose tolerance gives exactly the tight border: Natural Earth shares vertices, and
/// nothing else of the two outlines (e.g. the coast) comes within 100 m.
#[test]
fn loose_tolerance_adds_nothing() {
    assert_eq!(iran_pakistan(TIGHT_DEG), iran_pakistan(LOOSE_DEG));
}

/// The Afghan borders close the loop: the Iran–Afghanistan and Pakistan–Afghanistan borders
/// each start or end at the same tripoint as the Iran–Pakistan border.
#[test]
fn tripoint_is_shared() {
    let (tripoint, _) = ends_north_first(&iran_pakistan(TIGHT_DEG).0[0].0);
    for (a3, b3) in [("IRN", "AFG"), ("PAK", "AFG")] {
        let border = shared_border(&country(a3), &country(b3), TIGHT_DEG);
        println!("{a3}–{b3}: {:.1} km", length_m(&border) / 1000.0);
        let touches = border.iter().any(|l| {
            let (n, s) = ends_north_first(&l.0);
            geodesic_m(n, tripoint) < 1.0 || geodesic_m(s, tripoint) < 1.0
        });
        assert!(
            touches,
            "{a3}–{b3} does not end at the tripoint {tripoint:?}"
        );
    }
}

/// The provinces' border (Sistan and Baluchestan × Balochistan) is the same line as the
/// countries' border: Natural Earth's admin-1 and admin-0 files share these vertices.
#[test]
fn province_border_is_country_border() {
    let ir13 = area("provinces.geojson", "iso_3166_2", "IR-13");
    let pkba = area("provinces.geojson", "iso_3166_2", "PK-BA");
    let provinces = shared_border(&ir13, &pkba, TIGHT_DEG);
    assert_eq!(provinces.0.len(), 1);
    let sorted = |m: &MultiLineString<f64>| {
        let mut v: Vec<(f64, f64)> = m.0[0].0.iter().map(|c| (c.x, c.y)).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v
    };
    assert_eq!(sorted(&provinces), sorted(&iran_pakistan(TIGHT_DEG)));
}

/// Countries that do not touch share no border.
#[test]
fn non_neighbours_share_nothing() {
    let border = shared_border(&country("IRN"), &country("IND"), LOOSE_DEG);
    assert!(border.0.is_empty(), "{border:?}");
}

/// `geodesic_m` agrees with an independent haversine within 0.5 % and with geo's Vincenty
/// (an ellipsoidal algorithm independent of the Karney one behind `Geodesic`) within a
/// millimetre on the story's pairs, and is symmetric.
#[test]
fn geodesic_against_haversine_and_vincenty() {
    let tehran_islamabad = (Point::new(51.4215, 35.6944), Point::new(73.0433, 33.7215));
    let pairs = [
        ("Zahedan–Quetta", town("Zahedan"), town("Quetta")),
        ("Panjgur–Saravan (events)", panjgur_event(), saravan_event()),
        (
            "Tehran–Islamabad (brief)",
            tehran_islamabad.0,
            tehran_islamabad.1,
        ),
        (
            "Tehran–Islamabad (towns)",
            town("Tehran"),
            town("Islamabad"),
        ),
    ];
    for (name, a, b) in pairs {
        let (g, h) = (geodesic_m(a, b), haversine_m(a, b));
        let v = a.vincenty_distance(&b).unwrap();
        println!("{name}: geodesic {g:.3} m, Vincenty {v:.3} m, haversine {h:.3} m");
        assert!(rel(g, h) < 0.005, "{name}: {g} vs {h}");
        assert!((g - v).abs() < 1e-3, "{name}: {g} vs Vincenty {v}");
        assert!((geodesic_m(b, a) - g).abs() < 1e-6, "{name}: not symmetric");
    }
    // The brief quotes "about 1,970 km"; on WGS84 these coordinates are 1,988.8 km apart (a
    // sphere of mean radius gives 1,984.5 km).
    let km = geodesic_m(tehran_islamabad.0, tehran_islamabad.1) / 1000.0;
    assert!((km - 1_988.796).abs() < 0.01, "Tehran–Islamabad {km} km");
}

/// The two strikes' distances to the border are those the previous implementation gave
/// (within [`AGREE_M`]), at the same border points; an index built once gives the same.
#[test]
fn strikes_to_border_as_before() {
    let border = iran_pakistan(TIGHT_DEG);
    let index = SegmentIndex::new(&border);
    let cases = [
        ("Panjgur", panjgur_event(), PANJGUR_BEFORE),
        ("Saravan", saravan_event(), SARAVAN_BEFORE),
    ];
    for (name, p, (before_m, before_at)) in cases {
        let (q, d) = nearest_point(&border, p).unwrap();
        let moved = geodesic_m(q, Point::from(before_at));
        println!(
            "{name} → border: {d:.3} m ({:+.3} m); point moved {moved:.3} m",
            d - before_m
        );
        assert!((d - before_m).abs() < AGREE_M, "{name}: {d} vs {before_m}");
        assert!(moved < AGREE_M, "{name}: point moved {moved} m");
        assert_eq!(index.nearest(p), Some((q, d)));
    }
}

/// Query points for the brute-force check: the story's events and towns, and every whole
/// degree from 58° E to 68° E and 24° N to 32° N (both sides of the border, the coast, the
/// Afghan tripoint, 0–700 km from the line).
fn query_points() -> Vec<(String, Point<f64>)> {
    let mut points = vec![
        ("Panjgur event".to_owned(), panjgur_event()),
        ("Saravan event".to_owned(), saravan_event()),
        ("Zahedan".to_owned(), town("Zahedan")),
        ("Quetta".to_owned(), town("Quetta")),
        ("Islamabad".to_owned(), town("Islamabad")),
    ];
    for lon in 58..=68 {
        for lat in 24..=32 {
            let p = Point::new(f64::from(lon), f64::from(lat));
            points.push((format!("{lat} N {lon} E"), p));
        }
    }
    points
}

/// `nearest_point` is within [`AGREE_M`] of a brute-force geodesic minimum over the border
/// densified to points about 100 m apart, for every [`query_points`] point, and its point lies
/// on the border.
///
/// The brute force only sees points ≤ ~101 m apart, so it may exceed the true minimum by up
/// to √(d² + 51²) − d (51 m on the line, 0.1 m at 10 km); it never falls below it.
#[test]
fn nearest_point_against_brute_force() {
    let border = iran_pakistan(TIGHT_DEG);
    let dense = densify(&border, 100.0);
    let mut worst = (0.0_f64, String::new());
    for (name, p) in query_points() {
        let (q, d) = nearest_point(&border, p).unwrap();
        let brute = dense
            .iter()
            .map(|&b| Geodesic.distance(p, b))
            .fold(f64::INFINITY, f64::min);
        let sampling = (d * d + 51.0 * 51.0).sqrt() - d;
        assert!(
            d - brute <= AGREE_M && brute - d <= AGREE_M + sampling,
            "{name}: {d} vs brute force {brute}"
        );
        if (d - brute).abs() > worst.0 {
            worst = ((d - brute).abs(), name.clone());
        }
        // The answer is consistent: its point is `d` away and lies on the border.
        assert!((geodesic_m(p, q) - d).abs() < 1e-6, "{name}");
        let (_, on) = nearest_point(&border, q).unwrap();
        assert!(on < 1e-2, "{name}: nearest point is {on} m off the border");
    }
    println!(
        "largest difference from the brute force: {:.3} m ({})",
        worst.0, worst.1
    );
}

/// Each strike's distance to its province capital (the app shows them) agrees with haversine;
/// each event and capital lies in the country and province it names.
#[test]
fn events_to_capitals() {
    let cases = [
        (
            "Panjgur → Quetta",
            panjgur_event(),
            town("Quetta"),
            "PAK",
            "PK-BA",
        ),
        (
            "Saravan → Zahedan",
            saravan_event(),
            town("Zahedan"),
            "IRN",
            "IR-13",
        ),
    ];
    for (name, event, capital, a3, iso) in cases {
        let (d, h) = (geodesic_m(event, capital), haversine_m(event, capital));
        println!("{name}: {d:.3} m (haversine {h:.3} m)");
        assert!(rel(d, h) < 0.005, "{name}");
        for outline in [country(a3), area("provinces.geojson", "iso_3166_2", iso)] {
            assert!(
                outline.contains(&event) && outline.contains(&capital),
                "{name}"
            );
        }
    }
}

/// A point on the real border is ~0 m from it: a vertex exactly, and the lon/lat midpoint of
/// every segment within the 0.3 m by which a great-circle piece of at most `MAX_PIECE_DEG`
/// parts from the straight lon/lat line.
#[test]
fn point_on_real_border() {
    let border = iran_pakistan(TIGHT_DEG);
    let ls = &border.0[0];
    let vertex = Point(ls.0[ls.0.len() / 2]);
    assert_eq!(nearest_point(&border, vertex), Some((vertex, 0.0)));
    let index = SegmentIndex::new(&border);
    let worst = ls
        .lines()
        .map(|l| index.nearest(Point((l.start + l.end) / 2.0)).unwrap().1)
        .fold(0.0, f64::max);
    println!("segment midpoints: at most {worst:.3} m from the border");
    assert!(worst < 0.31, "{worst}");
}
