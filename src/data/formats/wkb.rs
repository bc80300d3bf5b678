//! Well-known binary read safely: geozero's WKB reader reserves memory for as many points,
//! rings and parts as a geometry's counts claim, before it reads them, so a 13-byte line
//! claiming 4 billion points would abort the app. [`check`] walks the geometry's headers
//! first and refuses any count its bytes cannot hold; what passes is read by geozero.

use geo::Geometry;
use geozero::ToGeo;

/// Deepest nesting of collections read (GeoParquet and GeoPackage write one level).
const MOST_DEPTH: u32 = 32;

/// `wkb` (ISO WKB or PostGIS EWKB) as a geometry; an error names what is wrong.
///
/// ```
/// use strikemap::data::formats::wkb;
/// // A point at 62.3, 27.4, little-endian.
/// let mut point = vec![1, 1, 0, 0, 0];
/// point.extend(62.3f64.to_le_bytes());
/// point.extend(27.4f64.to_le_bytes());
/// assert!(matches!(wkb::read(&point), Ok(geo::Geometry::Point(_))));
/// // A line claiming 4,294,967,295 points in 9 bytes is refused, not allocated.
/// let line = [1, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff];
/// assert!(wkb::read(&line).unwrap_err().contains("more"));
/// ```
pub fn read(wkb: &[u8]) -> Result<Geometry<f64>, String> {
    check(wkb, &mut 0, 0)?;
    geozero::wkb::Wkb(wkb)
        .to_geo()
        .map_err(|err| format!("its WKB cannot be read ({err})"))
}

/// A GeoPackage geometry blob (its header, then WKB) as a geometry.
pub fn read_gpkg(blob: &[u8]) -> Result<Geometry<f64>, String> {
    if let (Some(b"GP"), Some(flags)) = (blob.get(..2), blob.get(3)) {
        let envelope = match (flags >> 1) & 7 {
            0 => 0,
            1 => 32,
            2 | 3 => 48,
            _ => 64,
        };
        check(blob, &mut (8 + envelope), 0)?;
    }
    geozero::wkb::GpkgWkb(blob)
        .to_geo()
        .map_err(|err| format!("its GeoPackage blob cannot be read ({err})"))
}

/// Walk the geometry at `at`, moving past it; an error where a count claims more than the
/// bytes left. Types it does not know are left to geozero.
fn check(b: &[u8], at: &mut usize, depth: u32) -> Result<(), String> {
    if depth > MOST_DEPTH {
        return Err(format!(
            "its WKB nests more than {MOST_DEPTH} collections deep"
        ));
    }
    let little = *byte(b, at)? == 1;
    let raw = u32_at(b, at, little)?;
    if raw & 0x2000_0000 != 0 {
        u32_at(b, at, little)?; // an EWKB SRID
    }
    let code = raw & 0x0fff_ffff;
    let z = raw & 0x8000_0000 != 0 || matches!(code / 1000, 1 | 3);
    let m = raw & 0x4000_0000 != 0 || matches!(code / 1000, 2 | 3);
    let point = 8 * (2 + usize::from(z) + usize::from(m));
    match code % 1000 {
        1 => take(b, at, 1, point),
        2 => {
            let n = u32_at(b, at, little)?;
            take(b, at, n, point)
        }
        3 => {
            for _ in 0..u32_at(b, at, little)? {
                let n = u32_at(b, at, little)?;
                take(b, at, n, point)?;
            }
            Ok(())
        }
        4..=7 => {
            // Each part is at least a header: the loop ends where the bytes do.
            for _ in 0..u32_at(b, at, little)? {
                check(b, at, depth + 1)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn byte<'a>(b: &'a [u8], at: &mut usize) -> Result<&'a u8, String> {
    let value = b.get(*at).ok_or_else(ends_early)?;
    *at += 1;
    Ok(value)
}

fn u32_at(b: &[u8], at: &mut usize, little: bool) -> Result<u32, String> {
    let bytes: [u8; 4] = b
        .get(*at..*at + 4)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(ends_early)?;
    *at += 4;
    Ok(if little {
        u32::from_le_bytes(bytes)
    } else {
        u32::from_be_bytes(bytes)
    })
}

/// Move past `n` items of `size` bytes, if they are there.
fn take(b: &[u8], at: &mut usize, n: u32, size: usize) -> Result<(), String> {
    let end = (n as usize)
        .checked_mul(size)
        .and_then(|len| at.checked_add(len))
        .filter(|&end| end <= b.len())
        .ok_or_else(|| {
            format!(
                "its WKB claims {n} points, more than its {} bytes hold",
                b.len()
            )
        })?;
    *at = end;
    Ok(())
}

fn ends_early() -> String {
    "its WKB ends early".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian header of `code` followed by `count`.
    fn header(code: u32, count: u32) -> Vec<u8> {
        let mut bytes = vec![1];
        bytes.extend(code.to_le_bytes());
        bytes.extend(count.to_le_bytes());
        bytes
    }

    #[test]
    fn counts_larger_than_the_bytes_are_refused_at_every_depth() {
        // A multipolygon of one polygon of one ring claiming 2^31 points.
        let mut multi = header(6, 1);
        multi.extend(header(3, 1));
        multi.extend(0x8000_0000u32.to_le_bytes());
        assert!(read(&multi).unwrap_err().contains("more than"));
        // A collection claiming a billion parts, with none there.
        assert!(
            read(&header(7, 1_000_000_000))
                .unwrap_err()
                .contains("ends early")
        );
        // The same line in a GeoPackage blob (no envelope).
        let mut blob = b"GP\0\x01".to_vec();
        blob.extend(4326i32.to_le_bytes());
        blob.extend(header(2, u32::MAX));
        assert!(read_gpkg(&blob).unwrap_err().contains("more than"));
    }

    #[test]
    fn a_good_line_with_z_reads_whole() {
        let mut line = header(1002, 2);
        for v in [62.0f64, 27.0, 5.0, 63.0, 28.0, 6.0] {
            line.extend(v.to_le_bytes());
        }
        let Ok(Geometry::LineString(read)) = read(&line) else {
            panic!("a line");
        };
        assert_eq!(read.0.len(), 2);
        assert_eq!(read.0[1].x, 63.0);
    }
}
