#!/usr/bin/env python3
"""Writes the file-format test corpus.

    python3 tests/data/make_corpus.py

tests/data/formats/  small, valid sample files (Iran-Pakistan border region,
                     60-67 E, 25-31 N) in every format the readers accept.
tests/data/bad/      files each broken in one way a real file can be broken.

Both folders also get a README.md written from the descriptions below, one
line per file. The script uses only the Python 3 standard library and is
deterministic: no clocks, no randomness, fixed zip timestamps. (Deflated zip
members are byte-identical as long as the zlib in use is the same one.)
Files in the two folders that this script does not write are reported.
"""

import calendar
import csv
import io
import json
import math
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD_DIR = os.path.join(HERE, "formats")
BAD_DIR = os.path.join(HERE, "bad")

ZIP_TIME = (2024, 1, 1, 0, 0, 0)


class Folder:
    """Writes files into one folder and remembers a description for each."""

    def __init__(self, path, title, intro):
        self.path = path
        self.title = title
        self.intro = intro
        self.notes = []
        os.makedirs(path, exist_ok=True)

    def put(self, name, data, desc):
        if isinstance(data, str):
            data = data.encode("utf-8")
        assert name not in [n for n, _ in self.notes], name
        with open(os.path.join(self.path, name), "wb") as f:
            f.write(data)
        self.notes.append((name, desc))

    def write_readme(self):
        lines = ["# " + self.title, ""] + self.intro + [""]
        for name, desc in sorted(self.notes):
            lines.append("- `%s`: %s" % (name, desc))
        lines.append("")
        with open(os.path.join(self.path, "README.md"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))

    def check(self, max_bytes):
        names = set(n for n, _ in self.notes) | {"README.md"}
        stray = sorted(set(os.listdir(self.path)) - names)
        for s in stray:
            print("warning: %s is not written by this script" % os.path.join(self.path, s), file=sys.stderr)
        total = 0
        for n, _ in self.notes:
            size = os.path.getsize(os.path.join(self.path, n))
            total += size
            assert size <= max_bytes, "%s is %d bytes" % (n, size)
        return len(self.notes), total


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------

TOWNS = [
    # name, lat, lon, population
    ("Zahedan", 29.4963, 60.8629, 587730),
    ("Saravan", 27.3709, 62.3341, 60014),
    ("Panjgur", 26.9644, 64.0901, 49000),
    ("Quetta", 30.1841, 66.9990, 1001205),
    ("Turbat", 26.0023, 63.0440, 213557),
]
TOWN = {t[0]: (t[1], t[2]) for t in TOWNS}


def num(v):
    """Shortest round-trip text of a float (deterministic)."""
    return repr(float(v))


# --------------------------------------------------------------------------
# Projections
# --------------------------------------------------------------------------

R_SPHERE = 6378137.0


def web_mercator(lon, lat):
    x = R_SPHERE * math.radians(lon)
    y = R_SPHERE * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return round(x, 3), round(y, 3)


def utm(lon, lat, zone):
    """WGS84 -> UTM north (Snyder, Map Projections - A Working Manual, 8-9..8-10)."""
    a = 6378137.0
    f = 1 / 298.257223563
    e2 = f * (2 - f)
    ep2 = e2 / (1 - e2)
    k0 = 0.9996
    lon0 = math.radians(zone * 6 - 183)
    phi = math.radians(lat)
    lam = math.radians(lon)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    t = math.tan(phi) ** 2
    c = ep2 * math.cos(phi) ** 2
    aa = (lam - lon0) * math.cos(phi)
    e4, e6 = e2 * e2, e2 * e2 * e2
    m = a * ((1 - e2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
             - (3 * e2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * math.sin(2 * phi)
             + (15 * e4 / 256 + 45 * e6 / 1024) * math.sin(4 * phi)
             - (35 * e6 / 3072) * math.sin(6 * phi))
    x = k0 * n * (aa + (1 - t + c) * aa ** 3 / 6
                  + (5 - 18 * t + t * t + 72 * c - 58 * ep2) * aa ** 5 / 120) + 500000.0
    y = k0 * (m + n * math.tan(phi) * (aa * aa / 2
                                       + (5 - t + 9 * c + 4 * c * c) * aa ** 4 / 24
                                       + (61 - 58 * t + t * t + 600 * c - 330 * ep2) * aa ** 6 / 720))
    return round(x, 3), round(y, 3)


GEOGCS_WGS84 = ('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
                'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')
PRJ_WGS84 = GEOGCS_WGS84
PRJ_WEB_MERCATOR = (
    'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",' + GEOGCS_WGS84 + ','
    'PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],'
    'PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]')
PRJ_UTM41N = (
    'PROJCS["WGS_1984_UTM_Zone_41N",' + GEOGCS_WGS84 + ','
    'PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],'
    'PARAMETER["Central_Meridian",63.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],'
    'UNIT["Meter",1.0]]')
PRJ_NONSENSE = (
    'PROJCS["Bogus_Banana_Grid_1999",GEOGCS["GCS_Unknown_Datum",DATUM["D_Unknown",SPHEROID["Potato",6370000.0,0.0]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Hyperbolic_Banana"],'
    'PARAMETER["Peel_Factor",42.0],UNIT["Furlong",201.168]]')


# --------------------------------------------------------------------------
# Shapefile writer (ESRI Shapefile Technical Description, July 1998)
# --------------------------------------------------------------------------

SHP_NULL, SHP_POINT, SHP_POLYLINE, SHP_POLYGON = 0, 1, 3, 5


def signed_area(ring):
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2


def closed(ring):
    ring = list(ring)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def clockwise(ring):
    ring = closed(ring)
    return ring if signed_area(ring) < 0 else ring[::-1]


def counter_clockwise(ring):
    ring = closed(ring)
    return ring if signed_area(ring) > 0 else ring[::-1]


def bbox_of(points):
    xs = [p[0] for p in points if not math.isnan(p[0])]
    ys = [p[1] for p in points if not math.isnan(p[1])]
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs), max(ys))


def point_content(x, y, shape_type=SHP_POINT):
    return struct.pack("<idd", shape_type, x, y)


def poly_content(shape_type, parts, num_parts=None, num_points=None, part_index=None):
    """PolyLine / Polygon record content. The optional overrides write wrong counts."""
    pts = [p for part in parts for p in part]
    idx, i = [], 0
    for part in parts:
        idx.append(i)
        i += len(part)
    if part_index is not None:
        idx = part_index
    n_parts = len(parts) if num_parts is None else num_parts
    n_points = len(pts) if num_points is None else num_points
    out = struct.pack("<i4d", shape_type, *bbox_of(pts))
    out += struct.pack("<II", n_parts & 0xFFFFFFFF, n_points & 0xFFFFFFFF)
    out += struct.pack("<%di" % len(idx), *idx)
    out += b"".join(struct.pack("<dd", x, y) for x, y in pts)
    return out


def shp_header(shape_type, length_bytes, bbox, file_code=9994):
    h = struct.pack(">7i", file_code, 0, 0, 0, 0, 0, length_bytes // 2)
    h += struct.pack("<ii", 1000, shape_type)
    h += struct.pack("<8d", bbox[0], bbox[1], bbox[2], bbox[3], 0.0, 0.0, 0.0, 0.0)
    assert len(h) == 100
    return h


def shp_and_shx(shape_type, contents, bbox):
    """contents: list of record content bytes. Returns (.shp bytes, .shx bytes)."""
    body = b""
    index = b""
    offset = 100
    for i, c in enumerate(contents, 1):
        assert len(c) % 2 == 0
        index += struct.pack(">ii", offset // 2, len(c) // 2)
        rec = struct.pack(">ii", i, len(c) // 2) + c
        body += rec
        offset += len(rec)
    shp = shp_header(shape_type, 100 + len(body), bbox) + body
    shx = shp_header(shape_type, 100 + len(index), bbox) + index
    return shp, shx


def dbf(fields, records, declared_records=None, declared_header_len=None):
    """dBase III table. fields: (name, type 'C' or 'N', width, decimals)."""
    header_len = 32 + 32 * len(fields) + 1
    record_len = 1 + sum(f[2] for f in fields)
    n = len(records) if declared_records is None else declared_records
    hl = header_len if declared_header_len is None else declared_header_len
    out = struct.pack("<B3BIHH20x", 0x03, 124, 1, 1, n, hl, record_len)
    for name, typ, width, dec in fields:
        out += struct.pack("<11sc4xBB14x", name.encode("ascii"), typ.encode("ascii"), width, dec)
    out += b"\r"
    for rec in records:
        out += b" "
        for (name, typ, width, dec), v in zip(fields, rec):
            if typ == "C":
                s = str(v).encode("utf-8")[:width].ljust(width, b" ")
            else:
                s = (("%.*f" % (dec, v)) if dec else str(int(v))).encode("ascii").rjust(width, b" ")
            assert len(s) == width
            out += s
    out += b"\x1a"
    return out


NAME_FIELD = [("NAME", "C", 40, 0)]

# Simplified outlines (not survey-grade): Sistan and Baluchestan with a hole,
# and the western part of Balochistan.
SISTAN_OUTER = [(61.0, 30.9), (61.8, 30.8), (62.6, 29.4), (63.3, 27.2), (62.8, 26.6), (61.6, 25.2),
                (60.5, 25.4), (60.9, 27.5), (60.1, 29.0)]
SISTAN_HOLE = [(61.0, 28.8), (61.5, 28.8), (61.5, 29.2), (61.0, 29.2)]
BALOCH_OUTER = [(62.8, 29.5), (64.5, 29.6), (66.6, 30.9), (67.0, 30.0), (66.8, 28.0), (66.5, 25.4),
                (64.0, 25.2), (61.7, 25.1), (62.8, 26.6), (63.3, 27.2)]


def provinces_shapefile():
    polys = [
        [clockwise(SISTAN_OUTER), counter_clockwise(SISTAN_HOLE)],
        [clockwise(BALOCH_OUTER)],
    ]
    contents = [poly_content(SHP_POLYGON, p) for p in polys]
    bbox = bbox_of([pt for p in polys for r in p for pt in r])
    shp, shx = shp_and_shx(SHP_POLYGON, contents, bbox)
    table = dbf([("NAME", "C", 40, 0), ("POP", "N", 10, 0)],
                [("Sistan and Baluchestan", 2775014), ("Balochistan", 14894402)])
    return {".shp": shp, ".shx": shx, ".dbf": table, ".prj": PRJ_WGS84}


def points_shapefile(towns=("Zahedan", "Saravan", "Panjgur"), project=None, prj=PRJ_WGS84, nan_at=None):
    pts = []
    for t in towns:
        lat, lon = TOWN[t]
        pts.append(project(lon, lat) if project else (lon, lat))
    if nan_at is not None:
        pts[nan_at] = (float("nan"), pts[nan_at][1])
    contents = [point_content(x, y) for x, y in pts]
    shp, shx = shp_and_shx(SHP_POINT, contents, bbox_of(pts))
    table = dbf(NAME_FIELD, [(t,) for t in towns])
    return {".shp": shp, ".shx": shx, ".dbf": table, ".prj": prj}


def utm_lines_shapefile():
    line = [utm(lon, lat, 41) for lon, lat in [(64.0901, 26.9644), (63.80, 26.70), (63.55, 26.45),
                                                 (63.30, 26.20), (63.0440, 26.0023)]]
    shp, shx = shp_and_shx(SHP_POLYLINE, [poly_content(SHP_POLYLINE, [line])], bbox_of(line))
    table = dbf(NAME_FIELD, [("Panjgur - Turbat road",)])
    return {".shp": shp, ".shx": shx, ".dbf": table, ".prj": PRJ_UTM41N}


def one_polygon_contents(**overrides):
    ring = clockwise([(61.0, 27.0), (63.0, 27.0), (63.0, 29.0), (61.0, 29.0)])
    return ring, poly_content(SHP_POLYGON, [ring], **overrides)


# --------------------------------------------------------------------------
# Zip writers
# --------------------------------------------------------------------------

def zip_bytes(members, compress=True):
    """members: list of (name, bytes or str). Names ending in '/' are folders."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.create_system = 3
            if name.endswith("/"):
                zi.external_attr = (0o40755 << 16) | 0x10
                z.writestr(zi, b"")
                continue
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            z.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1
DOS_TIME = 0


def _crc_table():
    t = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (0xEDB88320 ^ (c >> 1)) if c & 1 else (c >> 1)
        t.append(c)
    return t


CRC_TABLE = _crc_table()


def zipcrypto_encrypt(data, password, crc):
    """Traditional PKWARE encryption (APPNOTE.TXT 6.1), deterministic header."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def crc1(k, b):
        return (k >> 8) ^ CRC_TABLE[(k ^ b) & 0xFF]

    def update(b):
        keys[0] = crc1(keys[0], b)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = crc1(keys[2], keys[1] >> 24)

    def stream_byte():
        temp = (keys[2] | 2) & 0xFFFF
        return ((temp * (temp ^ 1)) >> 8) & 0xFF

    for b in password:
        update(b)
    header = bytes(range(0x41, 0x4B)) + bytes([(crc >> 16) & 0xFF, (crc >> 24) & 0xFF])
    out = bytearray()
    for b in header + data:
        out.append(b ^ stream_byte())
        update(b)
    return bytes(out)


def raw_zip(members, password=None):
    """Hand-built zip with stored members; keeps names as given (even '../'),
    optionally ZipCrypto-encrypted."""
    local = b""
    central = b""
    for name, data in members:
        if isinstance(data, str):
            data = data.encode("utf-8")
        nb = name.encode("utf-8")
        crc = zlib.crc32(data) & 0xFFFFFFFF
        flags = 0
        payload = data
        if password is not None:
            flags |= 1
            payload = zipcrypto_encrypt(data, password, crc)
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 0, DOS_TIME, DOS_DATE,
                             crc, len(payload), len(data), len(nb), 0) + nb + payload
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, flags, 0, DOS_TIME,
                               DOS_DATE, crc, len(payload), len(data), len(nb), 0, 0, 0, 0,
                               0o644 << 16, offset) + nb
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                       len(local), 0)
    return local + central + eocd


# --------------------------------------------------------------------------
# 1. Good sample files
# --------------------------------------------------------------------------

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "actor2,interaction,country,admin1,location,latitude,longitude,geo_precision,source,"
                "source_scale,notes,fatalities,timestamp").split(",")

IR, PK = ("Iran", "Sistan and Baluchestan"), ("Pakistan", "Balochistan")

# event_id, date, time_prec, disorder, event_type, sub_event, actor1, actor2, interaction,
# (country, admin1), location, lat, lon, geo_prec, source, source_scale, notes, fatalities
ACLED_ROWS = [
    ("IRN34501", "2023-01-14", 1, "Political violence", "Battles", "Armed clash", "Jaish al-Adl",
     "Police Forces of Iran (1989-)", 12, IR, "Saravan", 27.3709, 62.3341, 1, "Halvash", "Subnational",
     "On 14 January 2023, Jaish al-Adl militants attacked a police checkpoint near Saravan, "
     "killing 4 officers. [size=no report]", 4),
    ("IRN34612", "2023-03-05", 2, "Political violence", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Iran)",
     "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", 13, IR, "Rask", 26.2359, 61.3999,
     2, "IRNA; Halvash", "National-Subnational",
     "Around 5 March 2023 (week of), a roadside bomb hit an IRGC vehicle near Rask; "
     "the \"exact location\" was not reported. 2 killed.", 2),
    ("IRN35010", "2023-09-29", 1, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Iran)", "",
     60, IR, "Zahedan", 29.4963, 60.8629, 1, "Baloch Campaign", "Subnational",
     "On 29 September 2023, after Friday prayers, worshippers marched in Zahedan chanting "
     "\"justice\", \"freedom\". [size=hundreds]", 0),
    ("IRN35244", "2023-11-17", 1, "Demonstrations", "Riots", "Violent demonstration", "Rioters (Iran)",
     "Police Forces of Iran (1989-)", 15, IR, "Khash", 28.2211, 61.2158, 1, "Haalvsh", "Subnational",
     "On 17 November 2023, rioters set fire to tyres and stoned a police station in Khash, "
     "one rioter was killed.", 1),
    ("IRN36020", "2024-01-16", 2, "Strategic developments", "Strategic developments",
     "Disrupted weapons use", "Military Forces of Iran (1989-)", "", 10, IR, "Chabahar", 25.2919, 60.6430,
     2, "Tasnim News Agency", "National",
     "Around 16 January 2024, security forces defused an explosive device near Chabahar port.", 0),
    ("IRN36388", "2024-04-04", 3, "Political violence", "Battles", "Armed clash", "Jaish al-Adl",
     "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", 12, IR, "Iranshahr",
     27.2025, 60.6848, 3, "IRNA; Reuters", "National-International",
     "In early April 2024, coordinated attacks on IRGC bases in Rask, Chabahar and Iranshahr "
     "left 12 dead (coded to Iranshahr, \"province-level\" location).", 12),
    ("PAK98120", "2023-02-12", 1, "Political violence", "Explosions/Remote violence",
     "Remote explosive/landmine/IED", "BLA: Balochistan Liberation Army", "Military Forces of Pakistan (2018-)",
     12, PK, "Panjgur", 26.9644, 64.0901, 1, "Dawn", "National",
     "On 12 February 2023, an IED planted by the BLA struck an army convoy in Panjgur, killing 3 soldiers.",
     3),
    ("PAK98455", "2023-05-20", 2, "Demonstrations", "Protests", "Protest with intervention",
     "Protesters (Pakistan)", "Police Forces of Pakistan (2018-)", 16, PK, "Turbat", 26.0023, 63.0440, 1,
     "Balochistan Post", "Subnational",
     "Around 20 May 2023, traders protested border closures in Turbat; police dispersed them, "
     "several were \"briefly detained\".", 0),
    ("PAK99010", "2023-08-13", 1, "Political violence", "Violence against civilians", "Attack",
     "Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)", 37, PK, "Gwadar", 25.1264, 62.3225, 2,
     "The News International", "National",
     "On 13 August 2023, gunmen opened fire on labourers near Gwadar, killing 2.", 2),
    ("PAK99870", "2023-12-03", 3, "Political violence", "Battles", "Armed clash",
     "Military Forces of Pakistan (2018-)", "BLF: Balochistan Liberation Front", 12, PK, "Mand", 26.0850,
     61.9950, 2, "ISPR; Balochistan Post", "National-Subnational",
     "In the first week of December 2023, troops clashed with BLF militants near Mand, Kech district; "
     "5 killed.", 5),
    ("PAK100455", "2024-02-08", 1, "Political violence; Demonstrations", "Riots", "Mob violence",
     "Rioters (Pakistan)", "Civilians (Pakistan)", 57, PK, "Quetta", 30.1841, 66.9990, 1, "Dawn",
     "National",
     "On 8 February 2024 (election day), a mob attacked a polling station in Quetta, 1 voter killed.", 1),
    ("PAK101230", "2024-06-21", 2, "Demonstrations", "Protests", "Peaceful protest", "Protesters (Pakistan)",
     "", 60, PK, "Noshki", 29.5550, 66.0170, 1, "Balochistan Post", "Subnational",
     "Around 21 June 2024, residents of Noshki held a sit-in, demanding \"water, electricity\" and roads.",
     0),
]


def acled_row(r):
    (eid, date, tp, disorder, etype, sub, a1, a2, inter, (country, admin1), loc, lat, lon, gp, src,
     scale, notes, fat) = r
    y, m, d = map(int, date.split("-"))
    ts = calendar.timegm((y, m, d, 0, 0, 0)) + 6 * 86400 + 3600 * 13 + 17
    return [eid, date, y, tp, disorder, etype, sub, a1, a2, inter, country, admin1, loc,
            "%.4f" % lat, "%.4f" % lon, gp, src, scale, notes, fat, ts]


def csv_text(header, rows, delimiter=",", lineterminator="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def acled_csv(rows=None):
    return csv_text(ACLED_HEADER, rows if rows is not None else [acled_row(r) for r in ACLED_ROWS])


WKT_ROWS = [
    ("Zahedan", "POINT (60.8629 29.4963)"),
    ("Zahedan - Khash - Saravan road", "LINESTRING (60.8629 29.4963, 61.2158 28.2211, 61.8 27.9, 62.3341 27.3709)"),
    ("Study area", "POLYGON ((61 27, 63 27, 63 29, 61 29, 61 27))"),
]


def gpx_time(i, base_h=6, base_m=0):
    total = base_h * 3600 + base_m * 60 + i * 60
    return "2024-03-10T%02d:%02d:%02dZ" % (total // 3600, (total // 60) % 60, total % 60)


def track_points(start, end, n, t0_h, t0_m, ele0):
    pts = []
    for i in range(n):
        f = i / (n - 1)
        lat = start[0] + (end[0] - start[0]) * f + 0.0021 * math.sin(i * 1.3)
        lon = start[1] + (end[1] - start[1]) * f + 0.0017 * math.cos(i * 0.7)
        ele = ele0 + 3.5 * i - 0.8 * (i % 3)
        pts.append(("%.6f" % lat, "%.6f" % lon, "%.1f" % ele, gpx_time(i, t0_h, t0_m)))
    return pts


def field_gpx():
    wpts = [
        ("29.496300", "60.862900", "1372.0", "2024-03-10T05:40:00Z", "Zahedan base", "Start point, hotel car park"),
        ("28.221100", "61.215800", "1402.5", "2024-03-10T09:15:00Z", "Khash junction", "Fuel & tea stop; road to Saravan"),
        ("27.370900", "62.334100", "1160.0", "2024-03-10T12:30:00Z", "Saravan", "Checkpoint <closed after 18:00>"),
    ]
    seg1 = track_points((29.4963, 60.8629), (29.3500, 60.9300), 10, 6, 0, 1372.0)
    seg2 = track_points((28.3000, 61.1500), (28.2211, 61.2158), 10, 8, 30, 1395.0)
    rte = [("29.496300", "60.862900", "Zahedan"), ("28.221100", "61.215800", "Khash"),
           ("27.850000", "61.900000", "Mid-way"), ("27.370900", "62.334100", "Saravan")]
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="make_corpus.py" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
           '  <metadata>', '    <name>Field trip Zahedan - Saravan</name>',
           '    <time>2024-03-10T05:30:00Z</time>', '  </metadata>']
    for lat, lon, ele, t, name, desc in wpts:
        out += ['  <wpt lat="%s" lon="%s">' % (lat, lon), '    <ele>%s</ele>' % ele, '    <time>%s</time>' % t,
                '    <name>%s</name>' % esc(name), '    <desc>%s</desc>' % esc(desc), '  </wpt>']
    out += ['  <rte>', '    <name>Planned route</name>']
    for lat, lon, name in rte:
        out += ['    <rtept lat="%s" lon="%s"><name>%s</name></rtept>' % (lat, lon, name)]
    out += ['  </rte>', '  <trk>', '    <name>Drive 2024-03-10</name>', '    <type>driving</type>']
    for seg in (seg1, seg2):
        out.append('    <trkseg>')
        for lat, lon, ele, t in seg:
            out.append('      <trkpt lat="%s" lon="%s"><ele>%s</ele><time>%s</time></trkpt>' % (lat, lon, ele, t))
        out.append('    </trkseg>')
    out += ['  </trk>', '</gpx>', '']
    return "\n".join(out)


def kml_coords(points, indent):
    pad = " " * indent
    return "\n" + "\n".join(pad + "%s,%s,0" % (num(lon), num(lat)) for lon, lat in points) + "\n" + " " * (indent - 2)


def kml_ring(points):
    return [(x, y) for x, y in closed(points)]


def mymaps_kml():
    border_line = [(61.60, 25.20), (61.85, 26.20), (62.30, 26.70), (63.30, 27.20), (62.80, 28.40),
                   (62.70, 29.40), (61.80, 30.80)]
    area_outer = kml_ring([(61.0, 27.0), (63.0, 27.0), (63.0, 29.0), (61.0, 29.0)])
    area_inner = kml_ring([(61.8, 27.8), (61.8, 28.2), (62.2, 28.2), (62.2, 27.8)])
    sty = []
    for sid, color in (("icon-1899-DB4436", "ff3644db"), ("icon-1899-0288D1", "ffd18802")):
        for mode, scale in (("normal", "1"), ("highlight", "1")):
            sty += ['    <Style id="%s-%s">' % (sid, mode),
                    '      <IconStyle>', '        <color>%s</color>' % color, '        <scale>%s</scale>' % scale,
                    '        <Icon>', '          <href>https://www.gstatic.com/mapspro/images/stock/503-wht-blank_maps.png</href>',
                    '        </Icon>', '        <hotSpot x="32" xunits="pixels" y="64" yunits="insetPixels"/>',
                    '      </IconStyle>', '      <LabelStyle>', '        <scale>%s</scale>' % ("0" if mode == "normal" else "1"),
                    '      </LabelStyle>', '    </Style>']
        sty += ['    <StyleMap id="%s">' % sid,
                '      <Pair>', '        <key>normal</key>', '        <styleUrl>#%s-normal</styleUrl>' % sid, '      </Pair>',
                '      <Pair>', '        <key>highlight</key>', '        <styleUrl>#%s-highlight</styleUrl>' % sid, '      </Pair>',
                '    </StyleMap>']
    sty += ['    <Style id="line-000000-1200-normal">', '      <LineStyle>', '        <color>ff000000</color>',
            '        <width>1.2</width>', '      </LineStyle>', '    </Style>',
            '    <Style id="poly-0288D1-1200-77-normal">', '      <LineStyle>', '        <color>ffd18802</color>',
            '        <width>1.2</width>', '      </LineStyle>', '      <PolyStyle>', '        <color>4dd18802</color>',
            '        <fill>1</fill>', '        <outline>1</outline>', '      </PolyStyle>', '    </Style>']

    def point_pm(name, desc, style, lon, lat, extra=None):
        p = ['      <Placemark>', '        <name>%s</name>' % name,
             '        <description><![CDATA[%s]]></description>' % desc,
             '        <styleUrl>#%s</styleUrl>' % style]
        if extra:
            p += ['        <ExtendedData>']
            for k, v in extra:
                p += ['          <Data name="%s">' % k, '            <value>%s</value>' % v, '          </Data>']
            p += ['        </ExtendedData>']
        p += ['        <Point>', '          <coordinates>%s</coordinates>' % kml_coords([(lon, lat)], 12),
              '        </Point>', '      </Placemark>']
        return p

    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">',
           '  <Document>', '    <name>Border incidents 2023-2024</name>',
           '    <description><![CDATA[Sample map for reader tests. <i>Not real reporting.</i>]]></description>']
    out += sty
    out += ['    <Folder>', '      <name>Strikes</name>']
    out += point_pm("Saravan checkpoint",
                    '<b>Armed clash</b> at a police checkpoint.<br>Fatalities: 4<br>'
                    '<a href="https://example.org/report/1?a=1&b=2">report</a>',
                    "icon-1899-DB4436", 62.3341, 27.3709,
                    extra=[("fatalities", "4"), ("date", "2023-01-14"), ("source", "Local media &amp; wires")])
    out += point_pm("Panjgur convoy",
                    '<p>IED struck a convoy &mdash; <i>3 killed</i>.</p><img src="https://example.org/p.jpg"/>',
                    "icon-1899-DB4436", 64.0901, 26.9644)
    out += ['    </Folder>', '    <Folder>', '      <name>Border</name>',
            '      <Placemark>', '        <name>Border (approx.)</name>', '        <styleUrl>#line-000000-1200-normal</styleUrl>',
            '        <LineString>', '          <tessellate>1</tessellate>',
            '          <coordinates>%s</coordinates>' % kml_coords(border_line, 12),
            '        </LineString>', '      </Placemark>',
            '      <Placemark>', '        <name>Study area</name>',
            '        <description>Square with a hole in the middle</description>',
            '        <styleUrl>#poly-0288D1-1200-77-normal</styleUrl>',
            '        <Polygon>', '          <outerBoundaryIs>', '            <LinearRing>', '              <tessellate>1</tessellate>',
            '              <coordinates>%s</coordinates>' % kml_coords(area_outer, 16),
            '            </LinearRing>', '          </outerBoundaryIs>',
            '          <innerBoundaryIs>', '            <LinearRing>', '              <tessellate>1</tessellate>',
            '              <coordinates>%s</coordinates>' % kml_coords(area_inner, 16),
            '            </LinearRing>', '          </innerBoundaryIs>', '        </Polygon>', '      </Placemark>',
            '    </Folder>']
    loose = point_pm("Zahedan office", 'Office, 2nd floor. Phone: <a href="tel:+98000">+98 000</a>',
                     "icon-1899-0288D1", 60.8629, 29.4963)
    out += [l[2:] for l in loose]
    out += ['  </Document>', '</kml>', '']
    return "\n".join(out)


def fc(features, **extra):
    d = {"type": "FeatureCollection"}
    d.update(extra)
    d["features"] = features
    return d


def feature(geom, props):
    return {"type": "Feature", "properties": props, "geometry": geom}


def pt(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def js(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def write_good():
    g = Folder(GOOD_DIR, "Sample files for the format readers",
               ["Small valid files around the Iran-Pakistan border (60-67 E, 25-31 N).",
                "Written by `python3 tests/data/make_corpus.py`; do not edit by hand.",
                "Geography is simplified and events are invented for testing."])

    g.put("acled_sample.csv", acled_csv(),
          "ACLED export, the 21 standard columns, 12 events (6 Iran / Sistan and Baluchestan, 6 Pakistan / "
          "Balochistan), 2023-2024; time_precision and geo_precision each take 1, 2 and 3; fatalities 0-12 "
          "(total 30); notes hold commas and doubled quotes inside quoted fields. Expect 12 points, 0 skipped.")

    g.put("places_semicolon.csv",
          csv_text(["Name", "Lat", "Lon", "Population"], [[n, "%.4f" % la, "%.4f" % lo, p] for n, la, lo, p in TOWNS],
                   delimiter=";"),
          "Generic CSV, `;` separator, columns Name;Lat;Lon;Population, 5 towns. Expect 5 points.")

    g.put("places_tab.tsv",
          csv_text(["name", "latitude", "longitude"], [[n, "%.4f" % la, "%.4f" % lo] for n, la, lo, _ in TOWNS],
                   delimiter="\t"),
          "Same 5 towns, tab-separated, columns name/latitude/longitude. Expect 5 points.")

    g.put("places_xy.csv",
          csv_text(["id", "x", "y", "label"],
                   [[i, "%.4f" % lo, "%.4f" % la, n] for i, (n, la, lo, _) in enumerate(TOWNS, 1)],
                   lineterminator="\r\n"),
          "Same 5 towns, comma-separated with CRLF line ends, columns id,x,y,label (x = longitude, "
          "y = latitude). Expect 5 points.")

    g.put("wkt_lines.csv", "name,WKT\n" + "".join('%s,"%s"\n' % (n, w) for n, w in WKT_ROWS),
          "Columns name,WKT (every WKT double-quoted; names contain no commas): 1 POINT, 1 LINESTRING (4 vertices), 1 POLYGON (closed 5-position "
          "ring). Expect 3 features: 1 point, 1 line, 1 polygon.")

    bad_rows = [["Zahedan", "29.4963", "60.8629"], ["Saravan", "27.3709", "62.3341"],
                ["Panjgur", "abc", "64.0901"], ["Quetta", "30.1841", "66.9990"],
                ["Turbat", "26.0023", "200"], ["Khash", "28.2211", "61.2158"]]
    g.put("bad_rows.csv", csv_text(["name", "lat", "lon"], bad_rows),
          "Columns name,lat,lon, 6 rows; row 3 (Panjgur) has lat `abc`, row 5 (Turbat) has lon 200. "
          "Expect a partial load: 4 points, 2 rows skipped (data rows 3 and 5, file lines 4 and 6).")

    g.put("field.gpx", field_gpx(),
          "GPX 1.1: 3 waypoints (name, desc, time, ele; one desc has an escaped `<...>`), 1 route of 4 "
          "rtept, 1 track with 2 segments of 10 timed trkpt each. Expect 3 points, 1 route line (4 vertices), "
          "1 track as 2 lines or a 2-part multiline (10 + 10 vertices).")

    kml = mymaps_kml()
    g.put("mymaps.kml", kml,
          "KML 2.2 as Google My Maps exports it: Document with name, Styles + StyleMaps and styleUrl "
          "references; Folder `Strikes` with 2 Point placemarks (HTML descriptions in CDATA, one with "
          "ExtendedData fatalities/date/source), Folder `Border` with 1 LineString (7 vertices) and 1 Polygon "
          "with one inner boundary; 1 Point placemark directly in the Document. Expect 5 features: 3 points, "
          "1 line, 1 polygon with a hole.")

    g.put("mymaps.kmz", zip_bytes([("doc.kml", kml)]),
          "Zip holding `doc.kml` (byte-identical to mymaps.kml), deflated. Expect the same 5 features.")

    prov = provinces_shapefile()
    for ext, data in prov.items():
        g.put("provinces_wgs84" + ext, data,
              {".shp": "Polygon shapefile (type 5), 2 records in WGS84 degrees: Sistan and Baluchestan "
                       "(outer ring clockwise + 1 hole counter-clockwise) and Balochistan (1 ring). Expect 2 "
                       "polygons, the first with a hole.",
               ".shx": "Index for provinces_wgs84.shp (2 records).",
               ".dbf": "dBase III table for provinces_wgs84: fields NAME (C 40) and POP (N 10); 2 records.",
               ".prj": "WGS84 GEOGCS (ESRI WKT as QGIS writes it) for provinces_wgs84."}[ext])
    g.put("provinces_wgs84.zip", zip_bytes([("provinces_wgs84" + e, prov[e]) for e in (".shp", ".shx", ".dbf", ".prj")]),
          "The four provinces_wgs84 files zipped at the zip's root. Expect the same 2 polygons.")
    g.put("nested_folders.zip",
          zip_bytes([("data/", b"")] + [("data/provinces_wgs84" + e, prov[e]) for e in (".shp", ".shx", ".dbf", ".prj")]),
          "Zip with a folder entry `data/` and the four provinces_wgs84 files inside it. Expect the reader "
          "to find data/provinces_wgs84.shp and load the same 2 polygons.")

    merc = points_shapefile(towns=("Zahedan", "Quetta", "Panjgur"), project=web_mercator, prj=PRJ_WEB_MERCATOR)
    for ext, data in merc.items():
        g.put("points_mercator" + ext, data,
              {".shp": "Point shapefile, 3 records in EPSG:3857 metres (spherical Web Mercator, R=6378137): "
                       "Zahedan, Quetta, Panjgur. Expect 3 points that land, after inverse projection, within "
                       "1e-6 degrees of the towns' lon/lat (see places_semicolon.csv).",
               ".shx": "Index for points_mercator.shp (3 records).",
               ".dbf": "dBase III table for points_mercator: field NAME (C 40); 3 records.",
               ".prj": "ESRI WKT PROJCS WGS_1984_Web_Mercator_Auxiliary_Sphere (Mercator_Auxiliary_Sphere)."}[ext])

    utm_files = utm_lines_shapefile()
    for ext, data in utm_files.items():
        g.put("lines_utm" + ext, data,
              {".shp": "PolyLine shapefile, 1 record (5 vertices, Panjgur - Turbat) in UTM zone 41N metres. "
                       "Expect a refusal that names the projection (WGS_1984_UTM_Zone_41N / Transverse_Mercator), "
                       "no features loaded.",
               ".shx": "Index for lines_utm.shp (1 record).",
               ".dbf": "dBase III table for lines_utm: field NAME (C 40); 1 record.",
               ".prj": "ESRI WKT PROJCS WGS_1984_UTM_Zone_41N (Transverse_Mercator, central meridian 63)."}[ext])

    g.put("unlocated.geojson",
          js(fc([feature(None, {"name": "Unverified report A", "note": "location withheld"}),
                 feature(None, {"name": "Unverified report B", "note": "\"somewhere near the border\""}),
                 feature(None, {"name": "Unverified report C", "note": None})])),
          "FeatureCollection of 3 features, each with `\"geometry\": null` and properties name/note. Expect "
          "0 drawable features and 3 unlocated records (not an error).")

    g.put("mixed_null.geojson",
          js(fc([feature(pt(60.8629, 29.4963), {"name": "Zahedan"}),
                 feature(None, {"name": "No location"}),
                 feature(pt(66.999, 30.1841), {"name": "Quetta"})])),
          "FeatureCollection: 2 Point features (Zahedan, Quetta) and, between them, 1 null-geometry "
          "feature. Expect 2 points + 1 unlocated record.")

    g.put("crs_old.geojson",
          js({"type": "FeatureCollection", "title": "x",
              "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
              "bbox": [61.0, 29.0, 61.0, 29.0],
              "features": [feature(pt(61.0, 29.0), {"name": "Old-style CRS"})]}),
          "FeatureCollection with the obsolete (pre-RFC 7946) `crs` member naming EPSG:3857, a `bbox` member "
          "and a foreign member `title`; 1 Point whose coordinates [61.0, 29.0] are plain lon/lat. Expect no "
          "crash on the extra members; 1 point at 61 E 29 N if the crs member is ignored (a warning about it "
          "is fine); a reader that honours `crs` must say so rather than silently place the point near 0,0.")

    g.write_readme()
    return g


# --------------------------------------------------------------------------
# 2. Malformed files
# --------------------------------------------------------------------------

GOOD_FC_TEXT = json.dumps(fc([feature(pt(60.8629, 29.4963), {"name": "Zahedan", "pop": 587730}),
                              feature({"type": "LineString", "coordinates": [[60.8629, 29.4963], [62.3341, 27.3709]]},
                                      {"name": "road"})]), indent=2) + "\n"


def fc_text(features_json):
    return '{"type": "FeatureCollection", "features": [\n' + ",\n".join(features_json) + "\n]}\n"


def poly_feature(ring_json, name="area"):
    return ('{"type": "Feature", "properties": {"name": "%s"}, '
            '"geometry": {"type": "Polygon", "coordinates": [%s]}}' % (name, ring_json))


def bad_geojson(b):
    P = lambda lon, lat, name: ('{"type": "Feature", "properties": {"name": "%s"}, '
                                '"geometry": {"type": "Point", "coordinates": [%s, %s]}}' % (name, lon, lat))
    zahedan = P("60.8629", "29.4963", "Zahedan")

    b.put("geojson_empty.geojson", b"", "0 bytes. Expect a clear 'empty file' error.")
    b.put("geojson_whitespace_only.geojson", " \n\t\r\n   \n", "Only spaces, tabs and newlines. Expect an error, no features.")
    t = GOOD_FC_TEXT
    cut = t.index("60.8629") + 4
    b.put("geojson_truncated_mid_number.geojson", t[:cut],
          "Valid FeatureCollection cut off inside a number (`60.8`), as by an interrupted download. Expect a "
          "parse error (end of input), not a point at 60.8.")
    cut = t.index('"Zahedan"') + 4
    b.put("geojson_truncated_mid_string.geojson", t[:cut], "Cut off inside a string (`\"Zah`). Expect a parse error.")
    cut = t.rindex("[", 0, t.index("62.3341")) + 1
    b.put("geojson_truncated_mid_array.geojson", t[:cut],
          "Cut off just after the `[` opening the LineString's second position. Expect a parse error.")
    b.put("geojson_not_json.geojson",
          "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
          "<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n",
          "An HTML 404 page saved under a .geojson name. Expect 'not JSON' error.")
    b.put("geojson_top_level_array.geojson",
          "[\n" + zahedan + ",\n" + P("62.3341", "27.3709", "Saravan") + "\n]\n",
          "Valid JSON but the top level is an array of Features, not a FeatureCollection/Feature/Geometry "
          "object. Expect a refusal naming the problem (a lenient reader might accept it; state which).")
    b.put("geojson_coordinates_as_strings.geojson",
          fc_text([P('"60.8629"', '"29.4963"', "Zahedan")]),
          "Point coordinates are JSON strings `[\"60.8629\", \"29.4963\"]`. Expect the feature rejected "
          "(positions must be numbers).")
    b.put("geojson_properties_number.geojson",
          '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": 42, '
          '"geometry": {"type": "Point", "coordinates": [60.8629, 29.4963]}}\n]}\n',
          "A Feature whose `properties` is the number 42 (must be an object or null). Expect an error or the "
          "feature skipped with a message.")
    b.put("geojson_features_not_array.geojson",
          '{"type": "FeatureCollection", "features": {"0": ' + zahedan + '}}\n',
          "`features` is an object keyed \"0\" instead of an array. Expect an error.")
    b.put("geojson_huge_number.geojson", fc_text([P("1e400", "29.4963", "overflow")]),
          "Longitude written `1e400` (overflows f64 to infinity). Expect an error or the feature skipped; "
          "never an infinite coordinate.")
    b.put("geojson_nan_infinity.geojson",
          fc_text([P("NaN", "29.4963", "nan"), P("60.8629", "Infinity", "inf"), P("-Infinity", "27.37", "neg")]),
          "Bare `NaN`, `Infinity`, `-Infinity` literals (not JSON; Python's json.dumps writes them). Expect "
          "a parse error.")
    depth = 10000
    b.put("geojson_deep_nesting.geojson",
          '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, '
          '"geometry": {"type": "Polygon", "coordinates": ' + "[" * depth + "61.0, 29.0" + "]" * depth + "}}]}\n",
          "Polygon `coordinates` nested 10,000 arrays deep. Expect an error (recursion limit / wrong "
          "depth), no stack overflow.")
    b.put("geojson_deep_nesting_properties.geojson",
          '{"type": "FeatureCollection", "features": [{"type": "Feature", '
          '"geometry": {"type": "Point", "coordinates": [61.0, 29.0]}, "properties": '
          + '{"a": ' * depth + "1" + "}" * depth + "}]}\n",
          "A Feature's `properties` nested 10,000 objects deep (`{\"a\": {\"a\": ...}}`). Expect an error or "
          "the properties dropped; no stack overflow.")
    b.put("geojson_latin1_name.geojson",
          fc_text([P("60.8629", "29.4963", "Bazar Caf\u00e9")]).encode("latin-1"),
          "Otherwise valid, but the name `Bazar Caf\u00e9` is stored in Latin-1 (lone byte 0xE9), which is "
          "not UTF-8. Expect an 'invalid UTF-8' error (or a lossy decode that says so).")
    b.put("geojson_utf16_bom.geojson", GOOD_FC_TEXT.encode("utf-16"),
          "A valid FeatureCollection (1 point, 1 line) encoded UTF-16LE with a BOM (as Windows PowerShell "
          "writes). Expect an error naming the encoding, or a transcoded load of 2 features.")
    b.put("geojson_utf8_bom.geojson", b"\xef\xbb\xbf" + GOOD_FC_TEXT.encode("utf-8"),
          "A UTF-8 BOM before an otherwise valid FeatureCollection (1 point, 1 line). RFC 8259 forbids "
          "emitting it but allows parsers to ignore it; expect 2 features (or a clear BOM error).")
    b.put("geojson_unclosed_ring.geojson",
          fc_text([poly_feature("[[61.0, 27.0], [63.0, 27.0], [63.0, 29.0], [61.0, 29.0]]")]),
          "Polygon ring of 4 positions whose last differs from the first (not closed). Expect the feature "
          "rejected (or closed with a warning).")
    b.put("geojson_ring_three_positions.geojson",
          fc_text([poly_feature("[[61.0, 27.0], [63.0, 27.0], [61.0, 27.0]]")]),
          "Polygon ring of 3 positions (closed, but a ring needs at least 4). Expect the feature rejected.")
    b.put("geojson_lat_95.geojson", fc_text([zahedan, P("60.8629", "95.0", "beyond the pole")]),
          "Second Point has latitude 95. Expect 1 point loaded and 1 skipped (or a refusal), never lat 95.")
    b.put("geojson_lon_200.geojson", fc_text([zahedan, P("200.0", "29.4963", "off the map")]),
          "Second Point has longitude 200. Expect 1 point loaded and 1 skipped (or a refusal).")
    b.put("geojson_feature_no_geometry_member.geojson",
          '{"type": "FeatureCollection", "features": [\n' + zahedan +
          ',\n{"type": "Feature", "properties": {"name": "no geometry key"}}\n]}\n',
          "Second Feature has no `geometry` member at all (RFC 7946 requires it, possibly null). Expect 1 "
          "point, and the other feature either unlocated or rejected with a message.")
    b.put("geojson_duplicate_keys.geojson",
          '{"type": "FeatureCollection", "features": [\n{"type": "Feature", "properties": {"name": "dup", '
          '"name": "dup2"}, "geometry": {"type": "Point", "coordinates": [60.8629, 29.4963], '
          '"coordinates": [62.3341, 27.3709]}}\n]}\n',
          "Duplicate keys: `name` twice in properties and `coordinates` twice in a Point. JSON leaves it "
          "undefined; expect a strict 'duplicate field' error or last-wins (62.3341, 27.3709), stated.")
    b.put("geojson_unknown_geometry_type.geojson",
          fc_text(['{"type": "Feature", "properties": {}, "geometry": {"type": "Circle", '
                   '"coordinates": [61.0, 29.0], "radius": 5000}}']),
          "Geometry type `Circle` (not in RFC 7946). Expect the feature rejected naming the type.")
    b.put("geojson_point_one_coordinate.geojson", fc_text([P("60.8629", "", "one number").replace(", ]", "]")]),
          "Point with a single number `[60.8629]`. Expect the feature rejected (a position needs 2+ numbers).")
    b.put("geojson_point_empty_coordinates.geojson",
          fc_text(['{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": []}}']),
          "Point with `coordinates: []`. Expect the feature rejected (or treated as empty geometry), no panic.")
    b.put("geojson_missing_type.geojson",
          '{"features": [' + zahedan + ']}\n',
          "Top-level object has `features` but no `type` member. Expect a refusal (or a lenient load of 1 "
          "point, stated).")
    b.put("geojson_trailing_comma.geojson", fc_text([zahedan]).replace("}}\n]}", "}},\n]}"),
          "Trailing comma after the last Feature in `features` (hand-edited file). Expect a parse error.")
    b.put("geojson_trailing_garbage.geojson", GOOD_FC_TEXT + "\x00\x00\x00garbage after the end\n",
          "Valid FeatureCollection followed by NUL bytes and text. Expect a 'trailing characters' error.")
    b.put("geojson_concatenated_objects.geojson",
          '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [60.8629, 29.4963]}}\n'
          '{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [62.3341, 27.3709]}}\n',
          "Two Feature objects one per line (GeoJSONSeq / ndjson without the RS bytes) in a .geojson file. "
          "Expect 'trailing characters' error (or newline-delimited support, stated).")
    b.put("geojson_linestring_one_position.geojson",
          fc_text(['{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", '
                   '"coordinates": [[60.8629, 29.4963]]}}']),
          "LineString with 1 position (needs 2+). Expect the feature rejected.")


def bad_csv(b):
    b.put("csv_empty.csv", b"", "0 bytes. Expect 'empty file', no features.")
    b.put("csv_header_only.csv", "name,lat,lon\n", "Header line, no data rows. Expect 0 features with a clear "
          "'no rows' message (not a crash).")
    b.put("csv_no_coordinate_columns.csv",
          "name,population,province\nZahedan,587730,Sistan and Baluchestan\nQuetta,1001205,Balochistan\n",
          "Columns name,population,province: nothing that looks like lat/lon, x/y or WKT. Expect a refusal "
          "saying no coordinate columns were found (listing the headers).")
    b.put("csv_ragged_rows.csv",
          "name,lat,lon,note\nZahedan,29.4963,60.8629,ok\nSaravan,27.3709\nPanjgur,26.9644,64.0901,ok,extra,fields\n"
          "Quetta,30.1841,66.9990,ok\n",
          "Header of 4 fields; data row 2 (Saravan) has 2 fields (no lon), row 3 (Panjgur) has 6. Expect rows 1 "
          "and 4 loaded, row 2 skipped with its line number (3); row 3 either skipped or loaded ignoring the "
          "extra fields (state which); or a refusal naming line 3.")
    b.put("csv_lat_not_number.csv",
          "name,lat,lon\nZahedan,29\u00b029\u203247\u2033N,60.8629\nSaravan,N/A,62.3341\nPanjgur,,64.0901\n"
          "Quetta,thirty,66.9990\n",
          "Every lat is text (DMS `29\u00b029\u203247\u2033N`, `N/A`, empty, `thirty`). Expect 0 points "
          "and an error/warning that all 4 rows were skipped, not a silent empty layer.")
    b.put("csv_lat_out_of_range.csv",
          "name,lat,lon\nZahedan,29.4963,60.8629\nSaravan,91.0,62.3341\nPanjgur,-95.5,64.0901\nQuetta,301841,66.9990\n",
          "Rows 2-4 have lat 91, -95.5, 301841 (lost decimal point). Expect 1 point, 3 rows skipped.")
    b.put("csv_lon_out_of_range.csv",
          "name,lat,lon\nZahedan,29.4963,60.8629\nSaravan,27.3709,181.0\nPanjgur,26.9644,-200\nQuetta,30.1841,669990\n",
          "Rows 2-4 have lon 181, -200, 669990. Expect 1 point, 3 rows skipped.")
    b.put("csv_unterminated_quote.csv",
          'name,lat,lon,note\nZahedan,29.4963,60.8629,"market fire, two shops\nSaravan,27.3709,62.3341,ok\n'
          'Panjgur,26.9644,64.0901,ok\n',
          "Row 1's note opens a quote that never closes, so it swallows the rest of the file. Expect an "
          "'unterminated quote' error naming line 2 (or 0-1 points with that warning).")
    b.put("csv_latin1.csv", "name,lat,lon\nCaf\u00e9 Zahedan,29.4963,60.8629\nSaravan,27.3709,62.3341\n".encode("latin-1"),
          "Row 1's name `Caf\u00e9 Zahedan` is Latin-1 (byte 0xE9, invalid UTF-8). Expect an encoding error, "
          "or 2 points with the name decoded as Latin-1/replaced and a warning.")
    b.put("csv_utf16.csv", "name,lat,lon\r\nZahedan,29.4963,60.8629\r\nSaravan,27.3709,62.3341\r\n".encode("utf-16"),
          "UTF-16LE with BOM (Excel 'Unicode text' style), 2 rows. Expect an error naming UTF-16, or 2 points "
          "after transcoding.")
    b.put("csv_nul_byte.csv", b"name,lat,lon\nZahe\x00dan,29.4963,60.8629\nSaravan,27.3709,62.3341\n",
          "A NUL byte inside row 1's name. Expect an error, or 2 points with a warning; no truncation of the file "
          "at the NUL.")
    xlsx = zip_bytes([("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                              '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>\n'),
                      ("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>\n'),
                      ("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row><c t="inlineStr"><is><t>lat</t></is></c>'
                                                  '</row></sheetData></worksheet>\n')])
    b.put("csv_binary.csv", xlsx,
          "A (minimal) Excel .xlsx workbook, i.e. a zip starting `PK\\x03\\x04`, renamed .csv. Expect 'binary "
          "/ not text' error, ideally hinting it is a spreadsheet.")
    rows = [acled_row(r) for r in ACLED_ROWS[:3]]
    rows[1][ACLED_HEADER.index("latitude")] = ""
    b.put("csv_acled_empty_latitude.csv", acled_csv(rows),
          "ACLED header, 3 events; event IRN34612 (row 2) has an empty latitude. Expect 2 points, 1 row skipped "
          "(naming event/line 3).")
    b.put("csv_bad_wkt.csv",
          csv_text(["name", "WKT"], [["ok", "POINT (61 29)"], ["one number", "POINT (60.86)"],
                                     ["short line", "LINESTRING (60 29, 61)"],
                                     ["open ring", "POLYGON ((61 27, 63 27, 63 29, 61 29))"],
                                     ["letters", "POINT (abc def)"], ["unknown", "CIRCLE (61 29, 5)"],
                                     ["unbalanced", "POLYGON ((61 27, 63 27, 63 29, 61 27)"]]),
          "name,WKT with 7 rows: 1 good POINT and 6 bad WKT texts (one number, short LINESTRING, unclosed "
          "polygon ring, letters, unknown CIRCLE, unbalanced parentheses). Expect 1 feature, 6 rows skipped.")
    b.put("csv_only_bom.csv", b"\xef\xbb\xbf", "Just a UTF-8 BOM (3 bytes), nothing else. Expect 'empty file'.")
    b.put("csv_nan_coordinates.csv",
          "name,lat,lon\nZahedan,29.4963,60.8629\nSaravan,NaN,62.3341\nPanjgur,26.9644,inf\nQuetta,-Infinity,66.9990\n",
          "Rows 2-4 hold NaN / inf / -Infinity (which Rust's f64 parser accepts). Expect 1 point, 3 rows skipped.")
    b.put("csv_decimal_comma.csv",
          "Name;Lat;Lon\nZahedan;29,4963;60,8629\nSaravan;27,3709;62,3341\n",
          "Semicolon CSV from a European-locale Excel with decimal commas (`29,4963`). Expect either 2 points "
          "at the right places or every row skipped with a message; never 29 / 294963.")
    b.put("csv_very_long_field.csv",
          "name,lat,lon,note\nZahedan,29.4963,60.8629," + "x" * 150000 + "\nSaravan,27.3709,62.3341,short\n",
          "Row 1 carries a 150,000-character note. Valid CSV; expect 2 points and no quadratic slowdown "
          "(a reader with a field-size limit should say so).")


def kml_doc(body, decl='<?xml version="1.0" encoding="UTF-8"?>'):
    return (decl + '\n<kml xmlns="http://www.opengis.net/kml/2.2">\n  <Document>\n    <name>test</name>\n'
            + body + '  </Document>\n</kml>\n')


def kml_point(coords, name="p"):
    return ('    <Placemark>\n      <name>%s</name>\n      <Point>\n        <coordinates>%s</coordinates>\n'
            '      </Point>\n    </Placemark>\n' % (name, coords))


def bad_kml(b):
    good = mymaps_kml()
    b.put("kml_empty.kml", b"", "0 bytes. Expect 'empty file'.")
    b.put("kml_not_xml.kml", GOOD_FC_TEXT,
          "A GeoJSON FeatureCollection saved with a .kml name. Expect 'not XML' (ideally 'looks like GeoJSON').")
    b.put("kml_html_page.kml",
          "<!DOCTYPE html>\n<html><head><title>Sign in - Google Accounts</title></head>\n"
          "<body><form><input type=\"email\"><br></form></body></html>\n",
          "An HTML sign-in page saved as .kml (private My Maps link). Expect 'not KML' (HTML root / not "
          "well-formed at `<br>`/`<input>`).")
    cut = good.index("64.0901") + 3
    b.put("kml_truncated.kml", good[:cut],
          "mymaps.kml cut off inside a coordinate (`64.0`). Expect an 'unexpected end' error; at most the "
          "placemarks before it if the reader streams, never a point at 64.0.")
    b.put("kml_not_closed.kml", kml_doc(kml_point("60.8629,29.4963,0", "Zahedan")).replace(
        "    </Placemark>\n  </Document>\n</kml>\n", ""),
          "Complete Placemark content but the closing `</Placemark>`, `</Document>`, `</kml>` are missing. "
          "Expect an 'unclosed tag' error.")
    b.put("kml_mismatched_tags.kml", kml_doc(kml_point("60.8629,29.4963,0", "Zahedan").replace(
        "<name>Zahedan</name>", "<name>Zahedan</description>")),
          "`<name>Zahedan</description>`: end tag does not match. Expect a 'mismatched tag' error.")
    b.put("kml_coordinates_letters.kml",
          kml_doc(kml_point("60.8629,29.4963,0", "Zahedan") + kml_point("E62.3341,N27.3709,0", "Saravan")),
          "Second Point has `E62.3341,N27.3709,0`. Expect 1 point, the other placemark skipped with a message.")
    b.put("kml_coordinates_one_number.kml", kml_doc(kml_point("60.8629", "one number")),
          "Point `<coordinates>60.8629</coordinates>` (no latitude). Expect the placemark skipped / error.")
    b.put("kml_coordinates_empty.kml", kml_doc(kml_point("", "empty") + kml_point("\n        \n", "blank")),
          "Two Points with empty / whitespace-only `<coordinates>`. Expect 0 features, both skipped with a "
          "message.")
    b.put("kml_polygon_no_outer.kml", kml_doc(
        '    <Placemark>\n      <name>hole only</name>\n      <Polygon>\n        <innerBoundaryIs>\n'
        '          <LinearRing><coordinates>61.8,27.8,0 62.2,27.8,0 62.2,28.2,0 61.8,28.2,0 61.8,27.8,0'
        '</coordinates></LinearRing>\n        </innerBoundaryIs>\n      </Polygon>\n    </Placemark>\n'),
          "Polygon with only an innerBoundaryIs, no outerBoundaryIs. Expect the placemark skipped / error.")
    b.put("kml_point_lat_100.kml",
          kml_doc(kml_point("60.8629,29.4963,0", "Zahedan") + kml_point("60.8629,100,0", "too far north")),
          "Second Point at latitude 100. Expect 1 point, 1 skipped (or a refusal).")
    b.put("kml_linestring_one_point.kml", kml_doc(
        '    <Placemark>\n      <name>one point</name>\n      <LineString>\n'
        '        <coordinates>60.8629,29.4963,0</coordinates>\n      </LineString>\n    </Placemark>\n'),
          "LineString with a single coordinate tuple. Expect the placemark skipped / error.")
    depth = 2000
    b.put("kml_deep_folders.kml", kml_doc("<Folder>" * depth + "\n" + kml_point("60.8629,29.4963,0", "deep") +
                                          "</Folder>" * depth + "\n"),
          "2,000 nested `<Folder>` elements around one Point. Expect either the point or a 'nesting too "
          "deep' error; no stack overflow.")
    b.put("kml_latin1_declared.kml",
          kml_doc(kml_point("60.8629,29.4963,0", "Caf\u00e9 Zahedan"),
                  decl='<?xml version="1.0" encoding="ISO-8859-1"?>').encode("latin-1"),
          "Declares `encoding=\"ISO-8859-1\"` and stores `Caf\u00e9` as Latin-1 byte 0xE9. Legal XML: expect 1 "
          "point named `Caf\u00e9 Zahedan`, or a clear 'unsupported encoding' refusal; no mojibake.")
    b.put("kml_latin1_undeclared.kml",
          kml_doc(kml_point("60.8629,29.4963,0", "Caf\u00e9 Zahedan")).encode("latin-1"),
          "Declares UTF-8 but the name holds Latin-1 byte 0xE9. Expect an 'invalid UTF-8' error (or 1 point "
          "with a replaced character and a warning).")
    lol = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE kml [', '  <!ENTITY l0 "lol">']
    for i in range(1, 10):
        lol.append('  <!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10))
    lol += [']>', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&l9;</name>',
            kml_point("60.8629,29.4963,0", "&l9;"), '</Document></kml>', '']
    b.put("kml_entity_expansion.kml", "\n".join(lol),
          "'Billion laughs': a DOCTYPE whose entities expand to 3 GB of text, used in names. Expect a refusal "
          "(DTD / unknown entity) or the point with names left unexpanded; never the expansion.")
    b.put("kml_no_placemarks.kml", kml_doc("    <Folder>\n      <name>empty</name>\n    </Folder>\n"),
          "Well-formed KML whose Document holds only an empty Folder. Expect 0 features and a 'nothing to "
          "show' message, not an error about syntax.")

    b.put("kmz_not_zip.kmz", good,
          "Plain KML text (mymaps.kml) saved with a .kmz name. Expect 'not a zip' (a lenient reader may fall "
          "back to reading it as KML, stated).")
    icon = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63"
                         "f8ffff3f0005fe02fea7d605a60000000049454e44ae426082")
    b.put("kmz_no_kml.kmz", zip_bytes([("images/icon-1.png", icon), ("README.txt", "icons only\n")]),
          "Valid zip holding images/icon-1.png and README.txt, no .kml at all. Expect 'no .kml inside'.")
    b.put("kmz_empty_zip.kmz", zip_bytes([]), "Valid zip with no entries (22-byte end record). Expect 'no .kml inside'.")
    kmz = zip_bytes([("doc.kml", good)])
    b.put("kmz_truncated.kmz", kmz[:len(kmz) // 2],
          "mymaps.kmz cut in half: local header and part of the deflated data, no central directory. Expect "
          "'truncated / invalid zip'.")
    b.put("kmz_doc_kml_corrupt.kmz", zip_bytes([("doc.kml", good[:good.index("<Folder>") + 20])]),
          "Valid zip whose doc.kml is truncated XML (stops inside the first Folder). Expect an XML error that "
          "names doc.kml.")
    stored = bytearray(zip_bytes([("doc.kml", good)], compress=False))
    data_start = 30 + len("doc.kml")
    pos = stored.index(b"62.3341", data_start)
    stored[pos + 5] = ord("9") if stored[pos + 5] != ord("9") else ord("8")
    b.put("kmz_bad_crc.kmz", bytes(stored),
          "Stored (uncompressed) doc.kml with one digit changed after the CRC-32 was computed (62.3341 -> "
          "62.3391). Expect a CRC/checksum error, not silently shifted data.")


def gpx_doc(body, root='<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'):
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + root + "\n" + body + "</gpx>\n"


def wpt(lat, lon, name, extra=""):
    attrs = ""
    if lat is not None:
        attrs += ' lat="%s"' % lat
    if lon is not None:
        attrs += ' lon="%s"' % lon
    return '  <wpt%s>%s<name>%s</name></wpt>\n' % (attrs, extra, name)


def bad_gpx(b):
    good = field_gpx()
    ok = wpt("29.4963", "60.8629", "Zahedan")
    b.put("gpx_empty.gpx", b"", "0 bytes. Expect 'empty file'.")
    b.put("gpx_not_xml.gpx", "name,lat,lon\nZahedan,29.4963,60.8629\n",
          "CSV text saved as .gpx. Expect 'not XML'.")
    cut = good.index("<trkseg>") + 200
    b.put("gpx_truncated.gpx", good[:cut],
          "field.gpx cut off in the middle of the first track segment. Expect an 'unexpected end' error (a "
          "streaming reader may keep the 3 waypoints and route, stated).")
    b.put("gpx_wpt_no_lat.gpx", gpx_doc(ok + wpt(None, "62.3341", "Saravan")),
          "Second wpt has no `lat` attribute. Expect 1 point and that wpt skipped (or a refusal).")
    b.put("gpx_bad_lat.gpx", gpx_doc(ok + wpt("abc", "62.3341", "Saravan")),
          "Second wpt has `lat=\"abc\"`. Expect 1 point, 1 skipped (or a refusal).")
    b.put("gpx_lat_100.gpx", gpx_doc(ok + wpt("100", "62.3341", "beyond")),
          "Second wpt has `lat=\"100\"`. Expect 1 point, 1 skipped (or a refusal).")
    b.put("gpx_lon_200.gpx", gpx_doc(ok + wpt("27.3709", "200", "off the map")),
          "Second wpt has `lon=\"200\"`. Expect 1 point, 1 skipped (or a refusal).")
    b.put("gpx_comma_decimal.gpx", gpx_doc(ok + wpt("27,3709", "62,3341", "Saravan")),
          "Second wpt written with decimal commas (`lat=\"27,3709\"`). Expect 1 point, 1 skipped; never 27 / 273709.")
    b.put("gpx_bad_time.gpx",
          gpx_doc(wpt("29.4963", "60.8629", "Zahedan", "<time>yesterday</time>") +
                  wpt("27.3709", "62.3341", "Saravan", "<time>2024-13-45T25:61:00Z</time>")),
          "Two wpts with unparseable `<time>` (`yesterday`, `2024-13-45T25:61:00Z`). Expect 2 points with "
          "no time and a warning, or a refusal; no panic.")
    b.put("gpx_ele_not_number.gpx", gpx_doc(wpt("29.4963", "60.8629", "Zahedan", "<ele>high</ele>")),
          "wpt with `<ele>high</ele>`. Expect 1 point without elevation (warning) or a refusal.")
    b.put("gpx_trkpt_outside_trkseg.gpx", gpx_doc(
        "  <trk>\n    <name>no segment</name>\n" +
        "".join('    <trkpt lat="%s" lon="%s"><time>%s</time></trkpt>\n' % (la, lo, gpx_time(i))
                for i, (la, lo) in enumerate([("29.4963", "60.8629"), ("29.45", "60.9"), ("29.40", "60.95")])) +
        "  </trk>\n"),
          "Three trkpt directly inside `<trk>` with no `<trkseg>` (schema-invalid). Expect them ignored with "
          "a warning (0 features) or accepted as one 3-point track, stated; no panic.")
    b.put("gpx_no_points.gpx", gpx_doc("  <metadata><name>empty trip</name></metadata>\n"),
          "Well-formed GPX with only metadata. Expect 0 features and a 'nothing to show' message.")
    b.put("gpx_kml_content.gpx", kml_doc(kml_point("60.8629,29.4963,0", "Zahedan")),
          "A KML document saved with a .gpx name (root element `<kml>`). Expect 'not GPX (root is kml)'.")


def put_set(b, stem, files, descs):
    for ext in (".shp", ".shx", ".dbf", ".prj"):
        if ext in files:
            b.put(stem + ext, files[ext], descs[ext])


SIDE = {".shx": "Index belonging to %s.shp (valid).", ".dbf": "Attribute table belonging to %s.shp (valid).",
        ".prj": "WGS84 .prj belonging to %s.shp (valid)."}


def sides(stem, shp_desc, **over):
    d = {k: v % stem for k, v in SIDE.items()}
    d[".shp"] = shp_desc
    d.update({"." + k: v for k, v in over.items()})
    return d


def bad_shp(b):
    pts = points_shapefile()  # Zahedan, Saravan, Panjgur in WGS84
    empty_table = dbf(NAME_FIELD, [])
    hdr_only = shp_header(SHP_POINT, 100, (0.0, 0.0, 0.0, 0.0))

    put_set(b, "shp_empty", {".shp": b"", ".shx": hdr_only, ".dbf": empty_table, ".prj": PRJ_WGS84},
            sides("shp_empty", "0-byte .shp (failed export). Expect 'empty/too short to be a shapefile'.",
                  shx="Header-only index (0 records) next to the empty shp_empty.shp.",
                  dbf="dBase table with 0 records next to shp_empty.shp."))
    put_set(b, "shp_header_only", {".shp": hdr_only, ".shx": hdr_only, ".dbf": empty_table, ".prj": PRJ_WGS84},
            sides("shp_header_only", "Just the 100-byte header (Point type, file length 50 words), no records. "
                  "Structurally valid: expect 0 features and a 'no features' message, no error about syntax.",
                  shx="Header-only index (0 records).", dbf="dBase table with 0 records."))

    put_set(b, "shp_truncated_record", dict(pts, **{".shp": pts[".shp"][:-10]}),
            sides("shp_truncated_record", "3-point file with the last 10 bytes cut (record 3 stops inside its "
                  "y coordinate); header still claims the full length. Expect 2 points + an error/warning on "
                  "record 3, or a refusal."))

    ring, content = one_polygon_contents()
    shp, shx = shp_and_shx(SHP_POLYGON, [content], bbox_of(ring))
    shp = bytearray(shp)
    struct.pack_into(">i", shp, 104, 5000)
    put_set(b, "shp_record_length_past_end",
            {".shp": bytes(shp), ".shx": shx, ".dbf": dbf(NAME_FIELD, [("square",)]), ".prj": PRJ_WGS84},
            sides("shp_record_length_past_end", "1 polygon record whose header claims 5000 words (10,000 bytes) "
                  "of content; the file ends after the real 128 bytes. Expect an error or the record rejected; "
                  "no read past the end of the buffer."))

    b.put("shp_no_shx_no_dbf.shp", pts[".shp"],
          "A valid 3-point .shp alone: no .shx, .dbf or .prj beside it. Expect a refusal naming the missing "
          ".shx/.dbf (or 3 points without attributes, stated).")
    put_set(b, "shp_no_dbf", {".shp": pts[".shp"], ".shx": pts[".shx"]},
            sides("shp_no_dbf", "Valid 3-point .shp with its .shx but no .dbf (and no .prj). Expect a refusal "
                  "naming the missing .dbf (or 3 points without attributes, stated)."))
    put_set(b, "shp_dbf_fewer_records", dict(pts, **{".dbf": dbf(NAME_FIELD, [("Zahedan",), ("Saravan",)])}),
            sides("shp_dbf_fewer_records", "3 point records (valid), but shp_dbf_fewer_records.dbf has only 2 rows.",
                  shx="Index of the 3 records of shp_dbf_fewer_records.shp (valid).",
                  dbf="Only 2 records for the 3 shapes. Expect a refusal naming the mismatch (3 vs 2), or 3 "
                      "points with the third lacking attributes and a warning."))

    c99 = [point_content(60.8629, 29.4963, shape_type=99)]
    shp, shx = shp_and_shx(99, c99, (60.8629, 29.4963, 60.8629, 29.4963))
    put_set(b, "shp_unknown_shape_type", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("Zahedan",)]),
                                          ".prj": PRJ_WGS84},
            sides("shp_unknown_shape_type", "Header and the one record use shape type 99 (not defined). Expect "
                  "a refusal naming type 99."))

    ring, content = one_polygon_contents(num_parts=0, part_index=[])
    shp, shx = shp_and_shx(SHP_POLYGON, [content], bbox_of(ring))
    put_set(b, "shp_polygon_zero_parts", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("no parts",)]),
                                          ".prj": PRJ_WGS84},
            sides("shp_polygon_zero_parts", "Polygon record with NumParts 0 but NumPoints 5 (points present). "
                  "Expect the record rejected/skipped with a message."))

    sq = clockwise([(61.0, 27.0), (63.0, 27.0), (63.0, 29.0), (61.0, 29.0)])
    content = poly_content(SHP_POLYGON, [sq[:3], sq[3:]], part_index=[0, 50])
    shp, shx = shp_and_shx(SHP_POLYGON, [content], bbox_of(sq))
    put_set(b, "shp_part_index_beyond_points", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("bad parts",)]),
                                                ".prj": PRJ_WGS84},
            sides("shp_part_index_beyond_points", "Polygon with 2 parts and 5 points whose Parts array is [0, 50] "
                  "(index 50 > 5 points). Expect the record rejected, no out-of-bounds slice."))

    ring, content = one_polygon_contents(num_points=2 ** 31)
    shp, shx = shp_and_shx(SHP_POLYGON, [content], bbox_of(ring))
    put_set(b, "shp_points_count_2pow31", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("huge",)]),
                                           ".prj": PRJ_WGS84},
            sides("shp_points_count_2pow31", "Polygon record with NumPoints = 2^31 (bytes 00 00 00 80; "
                  "-2147483648 as i32) while holding 5 points. Expect the record rejected, no 32 GB allocation."))

    ring, content = one_polygon_contents(num_points=1000000)
    shp, shx = shp_and_shx(SHP_POLYGON, [content], bbox_of(ring))
    put_set(b, "shp_points_count_too_large", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("too many",)]),
                                              ".prj": PRJ_WGS84},
            sides("shp_points_count_too_large", "Polygon record with NumPoints = 1,000,000 but room for only 5 "
                  "points in its content length. Expect the record rejected (count does not fit the record)."))

    ring = [(61.0, 27.0), (61.0, 29.0), (63.0, 29.0), (63.0, 27.0)]  # clockwise, last != first
    shp, shx = shp_and_shx(SHP_POLYGON, [poly_content(SHP_POLYGON, [ring])], bbox_of(ring))
    put_set(b, "shp_polygon_unclosed_ring", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("open",)]),
                                             ".prj": PRJ_WGS84},
            sides("shp_polygon_unclosed_ring", "Polygon whose single 4-point ring does not end on its first "
                  "point. Expect the record rejected, or closed with a warning (stated)."))

    shp, shx = shp_and_shx(SHP_POLYGON, [point_content(60.8629, 29.4963)], (60.8629, 29.4963, 60.8629, 29.4963))
    put_set(b, "shp_mixed_shape_types", {".shp": shp, ".shx": shx, ".dbf": dbf(NAME_FIELD, [("a point",)]),
                                         ".prj": PRJ_WGS84},
            sides("shp_mixed_shape_types", "Header says Polygon (5) but the one record is a Point (1). Expect "
                  "the record rejected (type differs from header) or a refusal."))

    nullc = [struct.pack("<i", SHP_NULL)] * 3
    shp, shx = shp_and_shx(SHP_NULL, nullc, (0.0, 0.0, 0.0, 0.0))
    put_set(b, "shp_all_null_shapes", {".shp": shp, ".shx": shx, ".dbf": pts[".dbf"], ".prj": PRJ_WGS84},
            sides("shp_all_null_shapes", "Header type 0 (Null) and 3 Null Shape records (legal per the spec; "
                  "rows with no geometry). Expect 0 drawable features and 3 unlocated records, or a clear "
                  "'no geometry' message."))

    nanp = points_shapefile(nan_at=1)
    put_set(b, "shp_nan_coordinates", nanp,
            sides("shp_nan_coordinates", "3 points; record 2 (Saravan) has x = NaN. Expect 2 points, 1 skipped."))

    shp = bytearray(pts[".shp"])
    struct.pack_into(">i", shp, 0, struct.unpack("<i", struct.pack(">i", 9994))[0])
    put_set(b, "shp_wrong_file_code", dict(pts, **{".shp": bytes(shp)}),
            sides("shp_wrong_file_code", "File code 9994 written little-endian (bytes 0A 27 00 00) instead of "
                  "big-endian. Expect 'not a shapefile (bad file code)'."))

    shx = bytearray(pts[".shx"])
    for i in range(3):
        off = struct.unpack_from(">i", shx, 100 + 8 * i)[0]
        struct.pack_into(">i", shx, 100 + 8 * i, off + 3)
    put_set(b, "shp_shx_offsets_wrong", dict(pts, **{".shx": bytes(shx)}),
            sides("shp_shx_offsets_wrong", "Valid 3-point .shp (readable front to back); the fault is in "
                  "shp_shx_offsets_wrong.shx.",
                  shx="Every offset in this index is 3 words (6 bytes) too far, landing mid-record. "
                      "Expect either 3 points (reader ignores .shx) or an error; never garbage coordinates."))

    corrupt = dbf(NAME_FIELD, [(t,) for t in ("Zahedan", "Saravan", "Panjgur")],
                  declared_records=1000000, declared_header_len=65535)
    put_set(b, "shp_dbf_header_corrupt", dict(pts, **{".dbf": corrupt}),
            sides("shp_dbf_header_corrupt", "Valid 3-point .shp; the fault is in shp_dbf_header_corrupt.dbf.",
                  dbf="Header claims 1,000,000 records and a 65,535-byte header in a %d-byte "
                      "file. Expect a .dbf error (or points without attributes + warning); no huge allocation." % len(corrupt)))

    b.put("shp_is_text.shp", "This is not a shapefile.\nIt is a note somebody saved as .shp.\n" * 3,
          "Plain text named .shp (with valid .shx/.dbf/.prj beside it). Expect 'not a shapefile (bad file code)'.")
    b.put("shp_is_text.shx", pts[".shx"], "Valid 3-record point index beside the text shp_is_text.shp.")
    b.put("shp_is_text.dbf", pts[".dbf"], "Valid 3-record table beside the text shp_is_text.shp.")
    b.put("shp_is_text.prj", PRJ_WGS84, "WGS84 .prj beside the text shp_is_text.shp.")

    put_set(b, "prj_unknown", dict(pts, **{".prj": PRJ_NONSENSE}),
            sides("prj_unknown", "Valid 3-point .shp in lon/lat; the fault is in prj_unknown.prj.",
                  prj="Nonsense .prj: PROJCS `Bogus_Banana_Grid_1999`, PROJECTION `Hyperbolic_Banana`. "
                      "Expect a refusal naming the unknown projection."))
    put_set(b, "prj_empty", dict(pts, **{".prj": b""}),
            sides("prj_empty", "Valid 3-point .shp in lon/lat; the fault is prj_empty.prj.",
                  prj="0-byte .prj. Expect a warning and 3 points read as WGS84 (coordinates fit), or "
                      "a refusal; stated."))
    metres = points_shapefile(project=web_mercator, prj=PRJ_WGS84)
    put_set(b, "prj_degrees_but_metres", metres,
            sides("prj_degrees_but_metres", "3 points stored in Web Mercator metres (x ~ 6.8e6) while "
                  "prj_degrees_but_metres.prj says WGS84 degrees.",
                  prj="WGS84 GEOGCS, wrong for the metre coordinates in prj_degrees_but_metres.shp. Expect every point rejected as out of range (0 "
                      "features, with a message hinting at a wrong .prj)."))

    prov = provinces_shapefile()
    b.put("zip_without_shp.zip", zip_bytes([("provinces.dbf", prov[".dbf"]), ("provinces.shx", prov[".shx"]),
                                            ("provinces.prj", prov[".prj"]), ("readme.txt", "Provinces layer\n")]),
          "Zip with provinces .dbf/.shx/.prj and a readme, but no .shp. Expect 'no .shp in the zip'.")
    b.put("zip_shp_no_dbf.zip", zip_bytes([("provinces.shp", prov[".shp"]), ("provinces.shx", prov[".shx"]),
                                           ("provinces.prj", prov[".prj"])]),
          "Zip with provinces .shp/.shx/.prj but no .dbf. Expect a refusal naming the missing .dbf (or 2 "
          "polygons without attributes, stated).")
    z = zip_bytes([("provinces_wgs84" + e, prov[e]) for e in (".shp", ".shx", ".dbf", ".prj")])
    b.put("zip_truncated.zip", z[:len(z) * 6 // 10],
          "provinces_wgs84.zip cut at 60%: no central directory. Expect 'truncated / invalid zip'.")
    b.put("zip_empty.zip", zip_bytes([]), "Valid zip with 0 entries. Expect 'no .shp in the zip'.")
    b.put("zip_is_html.zip",
          "<!DOCTYPE html>\n<html><body><p>Your session has expired. Please log in again.</p></body></html>\n",
          "An HTML page saved as .zip (expired download link). Expect 'not a zip'.")
    b.put("zip_encrypted.zip",
          raw_zip([("provinces_wgs84" + e, prov[e]) for e in (".shp", ".shx", ".dbf", ".prj")], password=b"secret"),
          "The provinces_wgs84 files, stored and ZipCrypto-encrypted (password `secret`). Expect 'encrypted "
          "zip, cannot read' (no password prompt needed), not garbage.")
    b.put("zip_path_traversal.zip",
          raw_zip([("../../provinces_wgs84" + e, prov[e]) for e in (".shp", ".shx", ".dbf", ".prj")]),
          "Entry names start with `../../` (zip-slip). Reading in memory may load the 2 polygons; a reader "
          "must never write these entries to disk outside a temp folder (or it refuses, stated).")
    b.put("zip_nested_zip.zip", zip_bytes([("provinces_wgs84.zip", z)]),
          "A zip holding only another zip (provinces_wgs84.zip). Expect 'no .shp in the zip' (or, if the "
          "reader opens inner zips, 2 polygons; stated).")


def write_bad():
    b = Folder(BAD_DIR, "Malformed files for the format readers",
               ["Each file is broken in one way a real file can be broken; the name says how.",
                "Written by `python3 tests/data/make_corpus.py`; do not edit by hand.",
                "Every reader must return an error or a partial result with a message for these, never panic, "
                "hang or allocate without bound. 'Expect' says what a good reader does; where two behaviours "
                "are acceptable, the reader's tests should pin down the one it chose.",
                "Shapefile sets (`stem.shp/.shx/.dbf/.prj`) are broken in one member; the other members are "
                "valid unless their own line says otherwise."])
    bad_geojson(b)
    bad_csv(b)
    bad_kml(b)
    bad_gpx(b)
    bad_shp(b)
    b.write_readme()
    return b


def main():
    g = write_good()
    b = write_bad()
    n_good, t_good = g.check(20 * 1024)
    n_bad, t_bad = b.check(200 * 1024)
    print("%s: %d files, %d bytes" % (os.path.relpath(GOOD_DIR), n_good, t_good))
    print("%s: %d files, %d bytes" % (os.path.relpath(BAD_DIR), n_bad, t_bad))
    assert t_good + t_bad < 1024 * 1024, "corpus over 1 MB"


if __name__ == "__main__":
    main()
