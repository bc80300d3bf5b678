#!/usr/bin/env bash
# Build strikemap's GeoParquet test fixtures the way geopandas (pyarrow) writes them, into
# tests/fixtures/geoparquet/, or with `large N OUT.parquet` a large events file for benchmarks:
#   events.parquet      1200 synthetic ACLED-like events, WKB points, Snappy, 4 row groups of
#                       300, GeoParquet 1.1 bounding-box covering (`bbox` struct), event_date as
#                       a date, event_type as a category (a dictionary column); row 7's
#                       geometry is damaged WKB and row 9's is null
#   provinces.parquet   geodata/provinces.geojson in UTM zone 41N (EPSG:32641, PROJJSON),
#                       zstd, no covering, as GDAL and geopandas write them by default
#   native.parquet      200 of the events in GeoArrow's native point encoding (GeoParquet 1.1
#                       `geometry_encoding="geoarrow"`), LZ4
#   plain.parquet       a Parquet file with latitude/longitude columns and no "geo" metadata
#                       (an ACLED export as DuckDB or pandas writes it), row 3's latitude null
#   noplace.parquet     a Parquet file with neither "geo" metadata nor place columns
# `large N OUT` writes N events sorted along a Hilbert curve (as Overture's files are), with a
# bounding-box covering and row groups of 65,536 rows; `large N OUT unsorted` leaves them in
# the generator's order.
# Needs python3 with geopandas and pyarrow (pip install geopandas pyarrow) and the stress
# generator (STRESS_TOOL, by default ../shared/tools/make-stress-data beside the repository).
# GDAL as Debian packages it has no Parquet driver, so counts are cross-checked with pyarrow.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRESS_TOOL=${STRESS_TOOL:-$ROOT/../shared/tools/make-stress-data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ "${1:-}" = large ]; then
    N=${2:?events}; OUT=${3:?out.parquet}; ORDER=${4:-sorted}
    "$STRESS_TOOL" events "$N" "$WORK/events.csv" >/dev/null
    python3 - "$WORK/events.csv" "$OUT" "$ORDER" <<'PY'
import sys, pandas as pd, geopandas as gpd
csv, out, order = sys.argv[1:]
df = pd.read_csv(csv)
gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.longitude, df.latitude), crs=4326)
if order == "sorted":
    gdf = gdf.iloc[gdf.geometry.hilbert_distance().argsort()]
gdf.to_parquet(out, write_covering_bbox=True, row_group_size=65536, index=False)
import pyarrow.parquet as pq
meta = pq.ParquetFile(out).metadata
print(f"{out}: {meta.num_rows} rows in {meta.num_row_groups} row groups")
PY
    exit 0
fi

OUT=$ROOT/tests/fixtures/geoparquet
mkdir -p "$OUT"
"$STRESS_TOOL" events 1200 "$WORK/events.csv" >/dev/null
python3 - "$WORK/events.csv" "$ROOT/geodata/provinces.geojson" "$OUT" <<'PY'
import json, os, sys
import pandas as pd, geopandas as gpd, pyarrow as pa, pyarrow.parquet as pq
csv, provinces, out = sys.argv[1:]
df = pd.read_csv(csv)
columns = ["event_id_cnty", "event_date", "event_type", "location", "fatalities",
           "geo_precision", "source"]
events = gpd.GeoDataFrame(df[columns].copy(),
                          geometry=gpd.points_from_xy(df.longitude, df.latitude), crs=4326)
events["event_date"] = pd.to_datetime(events["event_date"]).dt.date
events["event_type"] = events["event_type"].astype("category")
path = os.path.join(out, "events.parquet")
events.to_parquet(path, write_covering_bbox=True, row_group_size=300, index=False)
# One damaged geometry (WKB cut after its type) and one null among good ones, the file's
# "geo" metadata kept.
table = pq.read_table(path)
wkb = table.column("geometry").to_pylist()
wkb[6] = bytes.fromhex("0101000000")
wkb[8] = None
table = table.set_column(table.schema.get_field_index("geometry"),
                         table.schema.field("geometry"), pa.array(wkb, pa.binary()))
pq.write_table(table, path, row_group_size=300, compression="snappy")

p = gpd.read_file(provinces)[["name", "name_fa", "name_ur", "iso_3166_2", "geometry"]]
p.to_crs(32641).to_parquet(os.path.join(out, "provinces.parquet"), compression="zstd",
                           index=False)
events.iloc[:200].to_parquet(os.path.join(out, "native.parquet"), geometry_encoding="geoarrow",
                             compression="lz4", index=False)
plain = df[["event_id_cnty", "event_date", "latitude", "longitude", "fatalities"]].iloc[:50].copy()
plain.loc[2, "latitude"] = None
pq.write_table(pa.Table.from_pandas(plain, preserve_index=False),
               os.path.join(out, "plain.parquet"))
pq.write_table(pa.Table.from_pandas(df[["event_id_cnty", "fatalities"]].iloc[:10],
                                    preserve_index=False),
               os.path.join(out, "noplace.parquet"))
for name in sorted(os.listdir(out)):
    f = pq.ParquetFile(os.path.join(out, name))
    geo = json.loads((f.metadata.metadata or {}).get(b"geo", b"null"))
    print(name, f.metadata.num_rows, "rows,", f.metadata.num_row_groups, "row groups,",
          "geo:", geo and {k: v.get("encoding") for k, v in geo["columns"].items()})
PY
ls -l "$OUT"
