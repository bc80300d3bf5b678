#!/usr/bin/env bash
# Build strikemap's FlatGeobuf and GeoPackage test fixtures the way GDAL writes them, plus the
# damaged copies the tests read, into tests/fixtures/indexed/:
#   events.fgb          1200 synthetic ACLED-like events (EPSG:4326), spatial index (GDAL's
#                       default), columns event_id_cnty, event_date, event_type, location,
#                       fatalities, geo_precision, source
#   events.gpkg         tables: `events` (the same events, one with a damaged geometry blob),
#                       `provinces` (geodata/provinces.geojson in UTM zone 41N, EPSG:32641,
#                       as government data often comes), `sources` (an attribute table, no
#                       geometry), and `scratch` (a plain SQLite table gpkg_contents does not
#                       list); R-trees on both feature tables
# Needs ogr2ogr (apt-get install gdal-bin), python3, and the stress generator
# (STRESS_TOOL, by default ../shared/tools/make-stress-data beside the repository).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRESS_TOOL=${STRESS_TOOL:-$ROOT/../shared/tools/make-stress-data}
OUT=$ROOT/tests/fixtures/indexed
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/events.fgb "$OUT"/events.gpkg

"$STRESS_TOOL" events 1200 "$WORK/events.csv" >/dev/null
COLUMNS=event_id_cnty,event_date,event_type,location,fatalities,geo_precision,source
ogr2ogr -f FlatGeobuf "$OUT/events.fgb" "$WORK/events.csv" -nln events -select "$COLUMNS" \
    -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES \
    -a_srs EPSG:4326
ogr2ogr -f GPKG "$OUT/events.gpkg" "$WORK/events.csv" -nln events -select "$COLUMNS" \
    -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES \
    -a_srs EPSG:4326
ogr2ogr -f GPKG -update "$OUT/events.gpkg" "$ROOT/geodata/provinces.geojson" -nln provinces \
    -t_srs EPSG:32641 -select name,name_fa,name_ur,iso_3166_2 -nlt PROMOTE_TO_MULTI
printf 'source,scale\nIRNA,National\nDawn,National\n' > "$WORK/sources.csv"
ogr2ogr -f GPKG -update "$OUT/events.gpkg" "$WORK/sources.csv" -nln sources

python3 - "$OUT" <<'PY'
import os, sqlite3, sys
out = sys.argv[1]
db = sqlite3.connect(os.path.join(out, "events.gpkg"))
# One damaged geometry among good ones: a GPKG header whose WKB stops after its type. GDAL's
# R-tree triggers call its own SQL functions, which plain SQLite lacks: the update triggers
# are dropped first, and the row keeps its R-tree entry (as when a blob is damaged later).
triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                      "AND tbl_name = 'events' AND name LIKE '%update%'").fetchall()
for (name,) in triggers:
    db.execute(f'DROP TRIGGER "{name}"')
db.execute("UPDATE events SET geom = X'47500001E61000000101000000' WHERE fid = 7")
db.execute("CREATE TABLE scratch (note TEXT)")
db.execute("INSERT INTO scratch VALUES ('left by an analyst')")
db.commit()
db.execute("VACUUM")
db.close()
PY
ls -l "$OUT"
for f in events.fgb events.gpkg; do
    ogrinfo -so -al "$OUT/$f" 2>&1 | grep -E "^(Layer name|Feature Count|ERROR)" || true
done
