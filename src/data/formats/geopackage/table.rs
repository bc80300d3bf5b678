//! One feature table of a GeoPackage: found in `gpkg_contents` and `gpkg_geometry_columns`,
//! its spatial reference system read from `gpkg_spatial_ref_sys`, its R-tree found by the
//! name the spec gives it, and its rows read whole or by window.

use geo::Geometry;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::Value;

use crate::data::formats::projection::{self, Projection};
use crate::data::formats::vector_tiles::{DecodedTile, TileFeature};
use crate::data::formats::windowed::{Density, drawable, value_text};

/// A feature table.
#[derive(Debug)]
pub struct Table {
    pub name: String,
    geometry: String,
    /// The integer primary key (`fid` as GDAL writes it).
    pub(super) key: String,
    /// The other columns, in the table's order.
    columns: Vec<String>,
    pub(super) projection: Projection,
    /// Its row count, as GDAL records it, else its largest row id.
    pub features: u64,
    /// West, south, east, north in longitude/latitude, from `gpkg_contents`.
    pub bounds: Option<[f64; 4]>,
    /// The R-tree's table, if the table has one.
    pub rtree: Option<String>,
    density: Density,
}

/// `name` quoted as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The feature tables and what was left out, with why.
pub fn tables(db: &Connection) -> Result<(Vec<Table>, Vec<String>), String> {
    let mut statement = db
        .prepare(
            "SELECT c.table_name, c.data_type, g.column_name, g.srs_id, \
             c.min_x, c.min_y, c.max_x, c.max_y \
             FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g \
             ON lower(g.table_name) = lower(c.table_name)",
        )
        .map_err(|err| format!("is not a GeoPackage (no gpkg_contents table: {err})"))?;
    type Listed = (
        String,
        String,
        Option<String>,
        Option<i64>,
        [Option<f64>; 4],
    );
    let listed: Vec<Listed> = statement
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                r.get(2)?,
                r.get(3)?,
                [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(|err| format!("its gpkg_contents cannot be read ({err})"))?;
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    for (name, kind, geometry, srs, bounds) in listed {
        let Some(geometry) = geometry.filter(|_| kind.eq_ignore_ascii_case("features")) else {
            notes.push(format!(
                "has the {kind} table {name:?}, which has no geometry: it is left out"
            ));
            continue;
        };
        match table(db, &name, geometry, srs.unwrap_or(0), bounds) {
            Ok(table) => tables.push(table),
            Err(why) => notes.push(format!("has the feature table {name:?}, left out: {why}")),
        }
    }
    notes.extend(unlisted(db, &tables));
    Ok((tables, notes))
}

/// User tables the contents do not list (GDAL and QGIS ignore them too).
fn unlisted(db: &Connection, tables: &[Table]) -> Option<String> {
    let mut statement = db
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'gpkg%' \
             AND name NOT LIKE 'rtree%' AND name NOT LIKE 'sqlite%' \
             AND lower(name) NOT IN (SELECT lower(table_name) FROM gpkg_contents)",
        )
        .ok()?;
    let names: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .ok()?
        .filter_map(Result::ok)
        .filter(|n: &String| !tables.iter().any(|t| &t.name == n))
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "has tables gpkg_contents does not list ({}): they are left out",
            names.join(", ")
        )
    })
}

fn table(
    db: &Connection,
    name: &str,
    geometry: String,
    srs: i64,
    bounds: [Option<f64>; 4],
) -> Result<Table, String> {
    let projection = srs_projection(db, srs)?;
    let mut key = None;
    let mut columns = Vec::new();
    let mut info = db
        .prepare(&format!("PRAGMA table_info({})", quoted(name)))
        .map_err(|err| err.to_string())?;
    let rows = info
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(5)?,
            ))
        })
        .map_err(|err| err.to_string())?;
    for (column, kind, pk) in rows.filter_map(Result::ok) {
        if column.eq_ignore_ascii_case(&geometry) {
            continue;
        }
        if pk == 1 && kind.eq_ignore_ascii_case("INTEGER") {
            key = Some(column);
        } else {
            columns.push(column);
        }
    }
    let key = key.unwrap_or_else(|| "rowid".to_owned());
    let rtree = format!("rtree_{name}_{geometry}");
    let has_rtree: bool = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = ?1",
            [&rtree],
            |r| r.get::<_, i64>(0),
        )
        .is_ok_and(|n| n > 0);
    let counted: Option<i64> = db
        .query_row(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE lower(table_name) = lower(?1)",
            [name],
            |r| r.get(0),
        )
        .optional()
        .ok()
        .flatten()
        .flatten();
    let features = match counted {
        Some(n) => n,
        None => db
            .query_row(
                &format!("SELECT max({}) FROM {}", quoted(&key), quoted(name)),
                [],
                |r| r.get::<_, Option<i64>>(0),
            )
            .map_err(|err| err.to_string())?
            .unwrap_or(0),
    };
    let bounds = match bounds {
        [Some(w), Some(s), Some(e), Some(n)] => {
            Some(projection::box_to_lon_lat(&projection, [w, s, e, n]))
        }
        _ => None,
    };
    Ok(Table {
        name: name.to_owned(),
        geometry,
        key,
        columns,
        projection,
        features: features.max(0) as u64,
        bounds,
        rtree: has_rtree.then_some(rtree),
        density: Density::default(),
    })
}

/// A table's spatial reference system as a projection.
fn srs_projection(db: &Connection, srs: i64) -> Result<Projection, String> {
    if srs == 4326 || srs == 0 || srs == -1 {
        return Ok(Projection::LonLat);
    }
    let found: Option<(Option<String>, Option<i64>, Option<String>)> = db
        .query_row(
            "SELECT organization, organization_coordsys_id, definition \
             FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
            [srs],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(|err| err.to_string())?;
    let Some((organization, code, definition)) = found else {
        return Err(format!("its srs_id {srs} is not in gpkg_spatial_ref_sys"));
    };
    let epsg = organization.is_some_and(|o| o.eq_ignore_ascii_case("EPSG"));
    match definition.filter(|d| d.trim().len() > 10) {
        Some(wkt) if !(epsg && code == Some(4326)) => projection::projection(&wkt),
        _ if epsg => projection::from_epsg(code.unwrap_or(srs) as i32),
        _ => projection::from_epsg(srs as i32),
    }
}

/// A row's id, geometry (in longitude/latitude) and properties.
type RowFeature = (i64, Option<Geometry<f64>>, Vec<(String, Value)>);

impl Table {
    /// The columns read for each row: key, geometry, then the others.
    pub(super) fn select(&self) -> String {
        let mut names = vec![quoted(&self.key), quoted(&self.geometry)];
        names.extend(self.columns.iter().map(|c| quoted(c)));
        format!("SELECT {} FROM {}", names.join(", "), quoted(&self.name))
    }

    pub(super) fn row(&self, row: &Row) -> Result<RowFeature, String> {
        let id: i64 = row.get(0).map_err(|err| err.to_string())?;
        let geometry = match row.get_ref(1).map_err(|err| err.to_string())? {
            ValueRef::Blob(blob) => {
                let mut geometry = crate::data::formats::wkb::read_gpkg(blob)
                    .map_err(|err| format!("has a geometry that cannot be read ({err})"))?;
                projection::to_lon_lat(&mut geometry, &self.projection)?;
                Some(geometry)
            }
            ValueRef::Null => None,
            _ => return Err("has a geometry that is not a GeoPackage blob".to_owned()),
        };
        let mut properties = Vec::with_capacity(self.columns.len());
        for (i, column) in self.columns.iter().enumerate() {
            let value = match row.get_ref(i + 2).map_err(|err| err.to_string())? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => {
                    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
                }
                ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::String(format!("({} bytes)", b.len())),
            };
            properties.push((column.clone(), value));
        }
        Ok((id, geometry, properties))
    }

    /// Learn how densely the rows lie: every 16th row's R-tree box (row ids are in insertion
    /// order, so this is an even sample). Without an R-tree nothing is learnt.
    pub fn measure_density(&mut self, db: &Connection) {
        let Some(rtree) = &self.rtree else {
            return;
        };
        let sql = format!(
            "SELECT (minx + maxx) / 2, (miny + maxy) / 2 FROM {} WHERE id % 16 = 0",
            quoted(rtree)
        );
        let points: Vec<(f64, f64)> = match db.prepare(&sql) {
            Ok(mut statement) => statement
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map(|rows| rows.filter_map(Result::ok).collect())
                .unwrap_or_default(),
            Err(_) => return,
        };
        let projection = &self.projection;
        let points = points.into_iter().filter_map(|(x, y)| {
            let mut point = Geometry::Point(geo::Point::new(x, y));
            projection::to_lon_lat(&mut point, projection).ok()?;
            let Geometry::Point(p) = point else {
                return None;
            };
            Some((p.x(), p.y(), 16))
        });
        self.density = Density::from_points(points);
    }

    /// The rows in `window` (longitude/latitude) through the R-tree, for a tile of zoom `z`:
    /// the same share as every tile of that zoom reads, and at most about `budget`.
    pub fn window(
        &self,
        db: &Connection,
        layer: u16,
        window: [f64; 4],
        (z, budget): (u8, usize),
    ) -> Result<DecodedTile, String> {
        let rtree = self.rtree.as_ref().ok_or_else(|| {
            format!(
                "has no R-tree index, so it cannot be read a window at a time: add one with \
                 `ogrinfo FILE.gpkg -sql \"SELECT CreateSpatialIndex('{}', '{}')\"`",
                self.name, self.geometry
            )
        })?;
        let b = projection::native_window(window, &self.projection);
        let mut ids: Vec<i64> = db
            .prepare_cached(&format!(
                "SELECT id FROM {} WHERE minx <= ?3 AND maxx >= ?1 AND miny <= ?4 AND maxy >= ?2",
                quoted(rtree)
            ))
            .and_then(|mut s| s.query_map(b, |r| r.get(0))?.collect())
            .map_err(|err| err.to_string())?;
        let mut tile = DecodedTile::default();
        let fraction = self.density.fraction(z, budget);
        let wanted = ((ids.len() as f64 * fraction).ceil() as usize).min(budget);
        if wanted < ids.len() {
            tile.sampled_from = Some(ids.len() as u64);
            let step = ids.len() as f64 / wanted.max(1) as f64;
            ids = (0..wanted.max(1))
                .filter_map(|i| ids.get((i as f64 * step) as usize).copied())
                .collect();
        }
        let sql = format!("{} WHERE {} = ?1", self.select(), quoted(&self.key));
        let mut statement = db.prepare_cached(&sql).map_err(|err| err.to_string())?;
        for id in ids {
            let feature = statement
                .query_row([id], |row| Ok(self.row(row)))
                .map_err(|err| err.to_string())
                .and_then(|r| r);
            match feature {
                Ok((id, Some(geometry), properties)) if drawable(&geometry) => {
                    tile.features.push(TileFeature {
                        layer,
                        geometry,
                        id: u64::try_from(id).ok(),
                        properties: properties
                            .into_iter()
                            .map(|(k, v)| (k, value_text(v)))
                            .collect(),
                    })
                }
                Ok(_) => {}
                Err(why) => tile.skipped.push(format!("{} row {id} {why}", self.name)),
            }
        }
        Ok(tile)
    }
}
