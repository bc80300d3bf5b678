//! Measuring on the ellipsoid, as QGIS's measure tools do: a path's segment and total lengths,
//! a polygon's area and perimeter, the bearing from the first point, and range rings, all
//! geodesic on WGS 84 (Karney's algorithm, through `geo`), in kilometres, miles or nautical
//! miles. Plain numbers: no egui.
//!
//! ```
//! use strikemap::data::measure::{Measurement, MeasureMode, Unit};
//!
//! // Saravan to Zahedan.
//! let mut m = Measurement::new(MeasureMode::Distance);
//! m.points = vec![[62.3341, 27.3709], [60.8629, 29.4963]];
//! assert!((m.total_m() - 276_137.46).abs() < 0.01);
//! assert_eq!(Unit::Km.format(m.total_m()), "276.14 km");
//! // North-north-west.
//! assert!((m.bearing_deg().unwrap() - 328.886).abs() < 0.001);
//! ```

use geo::{Bearing, Destination, Distance, Geodesic, GeodesicArea, LineString, Point, Polygon};
use serde::{Deserialize, Serialize};

/// What the clicks measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum MeasureMode {
    /// A path: segment lengths and the total.
    Distance,
    /// A polygon: area and perimeter.
    Area,
    /// A circle of `radius_m` metres round the first point.
    Ring { radius_m: f64 },
}

/// The unit lengths are shown in (areas in its square).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Km,
    Mi,
    Nm,
}

impl Unit {
    /// Metres in one of the unit.
    pub fn metres(self) -> f64 {
        match self {
            Self::Km => 1000.0,
            Self::Mi => 1609.344,
            Self::Nm => 1852.0,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "mi",
            Self::Nm => "nmi",
        }
    }

    /// "276.14 km".
    pub fn format(self, metres: f64) -> String {
        format!("{:.2} {}", metres / self.metres(), self.name())
    }

    /// "10,949.48 km²".
    pub fn format_area(self, square_metres: f64) -> String {
        let value = square_metres / (self.metres() * self.metres());
        let whole = crate::format::thousands(value.trunc() as usize);
        let fraction = format!("{:.2}", value.fract());
        let fraction = fraction.trim_start_matches('0');
        format!("{whole}{fraction} {}²", self.name())
    }
}

/// The points clicked (longitude, latitude) and what they measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub mode: MeasureMode,
    pub points: Vec<[f64; 2]>,
    pub unit: Unit,
}

fn point([lon, lat]: [f64; 2]) -> Point {
    Point::new(lon, lat)
}

impl Measurement {
    pub fn new(mode: MeasureMode) -> Self {
        Self {
            mode,
            points: Vec::new(),
            unit: Unit::Km,
        }
    }

    /// Each segment's geodesic length, in metres.
    pub fn segments_m(&self) -> Vec<f64> {
        self.points
            .windows(2)
            .map(|w| Geodesic.distance(point(w[0]), point(w[1])))
            .collect()
    }

    /// The path's length, in metres.
    pub fn total_m(&self) -> f64 {
        self.segments_m().iter().sum()
    }

    /// The bearing from the first point to the last, clockwise from north (0–360°).
    pub fn bearing_deg(&self) -> Option<f64> {
        let (first, last) = (self.points.first()?, self.points.last()?);
        if self.points.len() < 2 {
            return None;
        }
        Some(
            Geodesic
                .bearing(point(*first), point(*last))
                .rem_euclid(360.0),
        )
    }

    /// The polygon's geodesic area (square metres) and perimeter (metres), once it has three
    /// points.
    pub fn area_perimeter(&self) -> Option<(f64, f64)> {
        if self.points.len() < 3 {
            return None;
        }
        let ring: LineString = self.points.iter().map(|&[x, y]| (x, y)).collect();
        let polygon = Polygon::new(ring, Vec::new());
        let (perimeter, area) = polygon.geodesic_perimeter_area_unsigned();
        Some((area, perimeter))
    }

    /// A range ring: `steps` points of the geodesic circle of `radius_m` round `centre`,
    /// true at every zoom (each point is the geodesic destination at its bearing).
    pub fn ring(centre: [f64; 2], radius_m: f64, steps: usize) -> Vec<[f64; 2]> {
        (0..=steps)
            .map(|i| {
                let bearing = 360.0 * i as f64 / steps as f64;
                let p = Geodesic.destination(point(centre), bearing, radius_m);
                [p.x(), p.y()]
            })
            .collect()
    }

    /// The results as lines of text, to show and to copy.
    pub fn report(&self) -> Vec<String> {
        let unit = self.unit;
        let mut lines = Vec::new();
        match self.mode {
            MeasureMode::Distance => {
                for (i, s) in self.segments_m().iter().enumerate() {
                    lines.push(format!("Segment {}: {}", i + 1, unit.format(*s)));
                }
                if self.points.len() >= 2 {
                    lines.push(format!("Total: {}", unit.format(self.total_m())));
                }
            }
            MeasureMode::Area => {
                if let Some((area, perimeter)) = self.area_perimeter() {
                    lines.push(format!("Area: {}", unit.format_area(area)));
                    lines.push(format!("Perimeter: {}", unit.format(perimeter)));
                }
            }
            MeasureMode::Ring { radius_m } => {
                if let Some(c) = self.points.first() {
                    lines.push(format!(
                        "Ring of {} round {:.4}° N, {:.4}° E",
                        unit.format(radius_m),
                        c[1],
                        c[0]
                    ));
                }
            }
        }
        if !matches!(self.mode, MeasureMode::Ring { .. })
            && let Some(b) = self.bearing_deg()
        {
            lines.push(format!("Bearing from the first point: {b:.1}°"));
        }
        lines
    }
}
