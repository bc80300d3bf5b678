#!/usr/bin/env python3
"""Writes tests/data/real/: small files that imitate what real exporters write.

    pip install pyshp==2.3.1
    python3 tests/data/make_real_samples.py

Each file copies the habits of one real tool (Garmin devices, GPSBabel, Strava,
Google Earth, ArcGIS, QGIS/ogr2ogr, Natural Earth, macOS zips, ...) including the
odd-but-real things those tools do, so the readers meet them in tests before
they meet them in a user's file. Positions are around the Iran-Pakistan border
(60-67 E, 25-31 N) like tests/data/make_corpus.py, except where the oddity needs
somewhere else (antimeridian, poles, London for British National Grid).

Uses the Python 3 standard library plus pyshp (shapefile); deterministic: no
clocks (pyshp's .dbf date is overwritten), no randomness, fixed zip timestamps.
The README's GDAL figures were observed once with GDAL 3.6.2 (`ogrinfo -so -al`,
`ogr2ogr -t_srs EPSG:4326`) and are written here as text; this script does not
run GDAL. Projected coordinates were computed with GDAL's gdaltransform and are
hard-coded below.
"""

import io
import json
import math
import os
import struct
import sys
import time
import zipfile

import shapefile  # pyshp 2.3.1

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "real")
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
MAX_BYTES = 100 * 1024

TOWNS = {
    # name: (lat, lon)
    "Zahedan": (29.4963, 60.8629),
    "Saravan": (27.3709, 62.3341),
    "Panjgur": (26.9644, 64.0901),
    "Quetta": (30.1841, 66.9990),
    "Turbat": (26.0023, 63.0440),
    "Gwadar": (25.1264, 62.3250),
    "Khash": (28.2211, 61.2158),
    "Dalbandin": (28.8947, 64.4103),
}


def num(v):
    """Shortest round-trip text of a float (deterministic)."""
    return repr(float(v))


def iso(seconds):
    """UTC timestamp text from seconds since 2024-03-10T00:00:00Z."""
    base = 1710028800  # 2024-03-10T00:00:00Z
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + seconds))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def path_points(start, end, n, wiggle=0.002):
    """n (lat, lon) from start to end with a small deterministic wiggle."""
    pts = []
    for i in range(n):
        f = i / (n - 1) if n > 1 else 0.0
        lat = start[0] + (end[0] - start[0]) * f + wiggle * math.sin(i * 1.3)
        lon = start[1] + (end[1] - start[1]) * f + wiggle * 0.8 * math.cos(i * 0.7)
        pts.append((lat, lon))
    return pts


def signed_area(ring):
    """Shoelace area of (x, y) ring; > 0 counter-clockwise (y up)."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2


def closed(ring):
    ring = [tuple(p) for p in ring]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def cw(ring):
    ring = closed(ring)
    return ring if signed_area(ring) < 0 else ring[::-1]


def ccw(ring):
    ring = closed(ring)
    return ring if signed_area(ring) > 0 else ring[::-1]


# --------------------------------------------------------------------------
# Output folder and README
# --------------------------------------------------------------------------

class Out:
    def __init__(self, path):
        self.path = path
        self.written = []
        self.entries = []  # dicts, in README order
        os.makedirs(path, exist_ok=True)

    def put(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        assert name not in self.written, name
        assert len(data) <= MAX_BYTES, "%s is %d bytes" % (name, len(data))
        with open(os.path.join(self.path, name), "wb") as f:
            f.write(data)
        self.written.append(name)

    def describe(self, name, members, imitates, odd, gdal, expect, row):
        """row: (GDAL features, expected features, expected skipped features, expected dropped parts)."""
        self.entries.append(dict(name=name, members=members, imitates=imitates, odd=odd, gdal=gdal,
                                 expect=expect, row=row))

    def write_readme(self):
        L = ["# Real-world-style sample files for the format readers", "",
             "Written by `python3 tests/data/make_real_samples.py` (standard library + pyshp 2.3.1); do not "
             "edit by hand. Same bytes every run.",
             "Each file imitates what one real exporter writes, including the odd-but-real things it does. "
             "Places are around the Iran-Pakistan border (60-67 E, 25-31 N) unless the oddity needs "
             "elsewhere; names, tracks and events are invented.",
             "",
             "GDAL figures are from GDAL 3.6.2 (`ogrinfo -so -al FILE`; KML is opened by its LIBKML driver, "
             "which GDAL tries before the plain KML driver; reprojections from `ogr2ogr -f GeoJSON "
             "/vsistdout/ -t_srs EPSG:4326 FILE`, rounded to 6 decimals). GDAL is a reference, not the "
             "goal: where GDAL loads something a careful reader should not (a point at latitude 0 from `lat=\"abc\"`), "
             "'Expect' says so.",
             ""]
        for n, e in enumerate(self.entries, 1):
            L.append("## %d. `%s`" % (n, e["name"]))
            L.append("")
            if e["members"]:
                L.append("- Files: " + ", ".join("`%s`" % m for m in e["members"]))
            L.append("- Imitates: " + e["imitates"])
            L.append("- Odd: " + e["odd"])
            L.append("- GDAL 3.6.2: " + e["gdal"])
            L.append("- Expect: " + e["expect"])
            L.append("")
        L += ["## Summary", "",
              "'Expected' is what a tolerant reader loads. Skipped features are records reported and left "
              "out (or kept as unlocated rows); dropped parts are pieces of a kept feature's geometry left "
              "out with a warning.", "",
              "| file | GDAL features | expected features | expected skipped features | expected dropped parts |",
              "|---|---|---|---|---|"]
        for e in self.entries:
            L.append("| `%s` | %s |" % (e["name"], " | ".join(e["row"])))
        L.append("")
        with open(os.path.join(self.path, "README.md"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(L))
        self.written.append("README.md")

    def check(self):
        stray = sorted(set(os.listdir(self.path)) - set(self.written))
        for s in stray:
            print("warning: %s is not written by this script" % os.path.join(self.path, s), file=sys.stderr)
        total = sum(os.path.getsize(os.path.join(self.path, n)) for n in self.written)
        return len(self.written), total


# --------------------------------------------------------------------------
# GPX
# --------------------------------------------------------------------------

GARMIN_ROOT = (
    '<gpx xmlns="http://www.topografix.com/GPX/1/1" '
    'xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3" '
    'xmlns:wptx1="http://www.garmin.com/xmlschemas/WaypointExtension/v1" '
    'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" '
    'creator="GPSMAP 66i" version="1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd '
    'http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www8.garmin.com/xmlschemas/GpxExtensionsv3.xsd '
    'http://www.garmin.com/xmlschemas/TrackPointExtension/v1 '
    'http://www8.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">')


def garmin_deg(v):
    """Garmin stores semicircles (2^31 per 180 degrees) and prints them back with 16 decimals."""
    semi = int(round(v * 2 ** 31 / 180.0))
    return "%.16f" % (semi * 180.0 / 2 ** 31)


def gpx_garmin():
    wpts = [("Zahedan", "ZAHEDAN BASE", "Flag, Blue", 1372.4, 20400, "Field 2024"),
            ("Khash", "KHASH JCT", "Gas Station", 1402.9, 33300, "Fuel")]
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no" ?>', GARMIN_ROOT,
           '  <metadata>', '    <link href="http://www.garmin.com">', '      <text>Garmin International</text>',
           '    </link>', '    <time>%s</time>' % iso(19812), '  </metadata>']
    for town, name, sym, ele, t, cat in wpts:
        lat, lon = TOWNS[town]
        out += ['  <wpt lat="%s" lon="%s">' % (garmin_deg(lat), garmin_deg(lon)),
                '    <ele>%.2f</ele>' % ele, '    <time>%s</time>' % iso(t), '    <name>%s</name>' % name,
                '    <sym>%s</sym>' % sym, '    <type>user</type>', '    <extensions>',
                '      <gpxx:WaypointExtension>', '        <gpxx:DisplayMode>SymbolAndName</gpxx:DisplayMode>',
                '        <gpxx:Categories>', '          <gpxx:Category>%s</gpxx:Category>' % cat,
                '        </gpxx:Categories>', '      </gpxx:WaypointExtension>',
                '      <wptx1:WaypointExtension>',
                '        <wptx1:DisplayMode>SymbolAndName</wptx1:DisplayMode>',
                '      </wptx1:WaypointExtension>', '    </extensions>', '  </wpt>']
    out += ['  <trk>', '    <name>2024-03-10 06:00:00</name>', '    <extensions>', '      <gpxx:TrackExtension>',
            '        <gpxx:DisplayColor>Red</gpxx:DisplayColor>', '      </gpxx:TrackExtension>',
            '    </extensions>', '    <trkseg>']
    for i, (lat, lon) in enumerate(path_points(TOWNS["Zahedan"], (29.41, 60.93), 30)):
        out += ['      <trkpt lat="%s" lon="%s">' % (garmin_deg(lat), garmin_deg(lon)),
                '        <ele>%.2f</ele>' % (1372.4 + 2.6 * i - 0.96 * (i % 4)),
                '        <time>%s</time>' % iso(21600 + 5 * i),
                '        <extensions>', '          <gpxtpx:TrackPointExtension>',
                '            <gpxtpx:hr>%d</gpxtpx:hr>' % (96 + (i * 7) % 41),
                '            <gpxtpx:cad>%d</gpxtpx:cad>' % (62 + (i * 5) % 23),
                '          </gpxtpx:TrackPointExtension>', '        </extensions>', '      </trkpt>']
    out += ['    </trkseg>', '  </trk>', '</gpx>', '']
    return "\n".join(out)


def gpx_10():
    wpts = [("Saravan", "SARAVN", "Saravan town", 1162.0, 1.8, -49.7, "Waypoint", 5, 2.4, 0),
            ("Panjgur", "PANJGR", "Panjgur airstrip", 980.0, 1.6, -51.2, "Airport", 6, 1.9, 1800),
            ("Turbat", "TURBAT", "Turbat bazaar", 151.0, 1.3, -54.0, "Shopping Center", 4, 3.1, 3600)]
    trk = path_points(TOWNS["Panjgur"], (26.80, 63.85), 12, wiggle=0.003)
    rte = [TOWNS["Saravan"], (27.10, 63.00), (26.95, 63.60), TOWNS["Panjgur"]]
    lats = [TOWNS[w[0]][0] for w in wpts] + [p[0] for p in trk] + [p[0] for p in rte]
    lons = [TOWNS[w[0]][1] for w in wpts] + [p[1] for p in trk] + [p[1] for p in rte]
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.0" creator="GPSBabel - http://www.gpsbabel.org" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.topografix.com/GPX/1/0" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/0 http://www.topografix.com/GPX/1/0/gpx.xsd">',
           '<time>2009-06-14T10:22:31Z</time>',
           '<bounds minlat="%.9f" minlon="%.9f" maxlat="%.9f" maxlon="%.9f"/>'
           % (min(lats), min(lons), max(lats), max(lons))]
    for town, name, desc, ele, magvar, geoid, sym, sat, hdop, t in wpts:
        lat, lon = TOWNS[town]
        out += ['<wpt lat="%.9f" lon="%.9f">' % (lat, lon), '  <ele>%.6f</ele>' % ele,
                '  <time>%s</time>' % ("2009-06-13T%02d:%02d:00Z" % (7 + t // 3600, (t // 60) % 60)),
                '  <magvar>%.1f</magvar>' % magvar, '  <geoidheight>%.1f</geoidheight>' % geoid,
                '  <name>%s</name>' % name, '  <cmt>%s</cmt>' % desc, '  <desc>%s</desc>' % desc,
                '  <url>http://example.org/wp/%s</url>' % name.lower(), '  <urlname>%s</urlname>' % desc,
                '  <sym>%s</sym>' % sym, '  <fix>2d</fix>', '  <sat>%d</sat>' % sat, '  <hdop>%.1f</hdop>' % hdop,
                '</wpt>']
    out += ['<rte>', '  <name>SARAVN-PANJGR</name>', '  <number>1</number>']
    for i, (lat, lon) in enumerate(rte):
        out += ['<rtept lat="%.9f" lon="%.9f">' % (lat, lon), '  <name>RP%03d</name>' % (i + 1),
                '  <sym>Waypoint</sym>', '</rtept>']
    out += ['</rte>', '<trk>', '  <name>ACTIVE LOG</name>', '  <url>http://example.org/tracks/1</url>',
            '  <urlname>Panjgur drive</urlname>', '  <number>1</number>', '<trkseg>']
    for i, (lat, lon) in enumerate(trk):
        out += ['<trkpt lat="%.9f" lon="%.9f">' % (lat, lon), '  <ele>%.6f</ele>' % (980.0 - 4.5 * i),
                '  <time>2009-06-13T09:%02d:%02dZ</time>' % (i * 25 // 60, (i * 25) % 60),
                '  <course>%.6f</course>' % ((218.0 + 3.7 * i) % 360),
                '  <speed>%.6f</speed>' % (11.2 + 0.35 * (i % 5)),
                '</trkpt>']
    out += ['</trkseg>', '</trk>', '</gpx>', '']
    return "\n".join(out)


def gpx_style():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="OsmAnd~ 4.6.8" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd '
           'http://www.topografix.com/GPX/gpx_style/0/2 http://www.topografix.com/GPX/gpx_style/0/2/gpx_style.xsd">',
           '  <metadata>', '    <name>Quetta ring road</name>', '  </metadata>',
           '  <trk>', '    <name>Quetta ring road</name>', '    <extensions>',
           '      <line xmlns="http://www.topografix.com/GPX/gpx_style/0/2">', '        <color>FF0000</color>',
           '        <opacity>0.8</opacity>', '        <width>4</width>', '      </line>', '    </extensions>',
           '    <trkseg>']
    lat0, lon0 = TOWNS["Quetta"]
    for i in range(15):
        a = 2 * math.pi * i / 14
        out.append('      <trkpt lat="%.6f" lon="%.6f"><ele>%.1f</ele></trkpt>'
                   % (lat0 + 0.03 * math.sin(a), lon0 + 0.035 * math.cos(a), 1680 + 12 * math.sin(2 * a)))
    out += ['    </trkseg>', '  </trk>', '</gpx>', '']
    return "\n".join(out)


def gpx_strava():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx creator="StravaGPX" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd '
           'http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www.garmin.com/xmlschemas/GpxExtensionsv3.xsd '
           'http://www.garmin.com/xmlschemas/TrackPointExtension/v1 '
           'http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" version="1.1" '
           'xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" '
           'xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">',
           ' <metadata>', '  <time>%s</time>' % iso(22931), ' </metadata>',
           ' <trk>', '  <name>Morning Ride</name>', '  <type>cycling</type>', '  <time>%s</time>' % iso(22931),
           '  <trkseg>']
    for i, (lat, lon) in enumerate(path_points(TOWNS["Turbat"], (26.05, 63.12), 40, wiggle=0.0015)):
        out += ['   <trkpt lat="%.7f" lon="%.7f">' % (lat, lon),
                '    <ele>%.1f</ele>' % (151.0 + 0.6 * i - (i % 3) * 0.4),
                '    <time>%s</time>' % iso(22931 + 4 * i), '   </trkpt>']
    out += ['  </trkseg>', ' </trk>', '</gpx>', '']
    return "\n".join(out)


def gpx_no_version():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx creator="some phone app" xmlns="http://www.topografix.com/GPX/1/1">']
    for town in ("Saravan", "Khash"):
        lat, lon = TOWNS[town]
        out += ['<wpt lat="%.5f" lon="%.5f"><name>%s</name></wpt>' % (lat, lon, town)]
    out += ['<trk><name>Track 001</name><trkseg>']
    for i, (lat, lon) in enumerate(path_points(TOWNS["Saravan"], (27.42, 62.40), 8)):
        out.append('<trkpt lat="%.5f" lon="%.5f"><time>%s</time></trkpt>' % (lat, lon, iso(36000 + 30 * i)))
    out += ['</trkseg></trk>', '</gpx>', '']
    return "\n".join(out)


def gpx_single_point():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gpx version="1.1" creator="Viking 1.10" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
           '<wpt lat="29.496300" lon="60.862900">', '  <name>Zahedan</name>', '</wpt>',
           '<wpt lat="abc" lon="61.215800">', '  <name>Khash (bad latitude)</name>', '</wpt>',
           '<wpt lat="27.370900" lon="62.334100">', '  <name>Saravan</name>', '</wpt>',
           '<trk>', '  <name>Drive with a signal gap</name>']
    segs = [path_points(TOWNS["Zahedan"], (29.40, 60.95), 10), [(29.1002, 61.0411)],
            path_points((28.80, 61.10), TOWNS["Khash"], 10)]
    t = 21600
    for seg in segs:
        out.append('  <trkseg>')
        for lat, lon in seg:
            out.append('    <trkpt lat="%.6f" lon="%.6f"><time>%s</time></trkpt>' % (lat, lon, iso(t)))
            t += 60
        out.append('  </trkseg>')
        t += 1800
    out += ['</trk>', '<trk>', '  <name>Recording started, no fix</name>', '  <trkseg>', '  </trkseg>',
            '</trk>', '</gpx>', '']
    return "\n".join(out)


# --------------------------------------------------------------------------
# KML
# --------------------------------------------------------------------------

KML_GE_ROOT = ('<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2" '
               'xmlns:kml="http://www.opengis.net/kml/2.2" xmlns:atom="http://www.w3.org/2005/Atom">')


def kml_gx_track():
    T = "\t"

    def track(pts, t0, alt0, speeds, indent, with_data):
        p = indent
        out = [p + "<gx:Track>"]
        if with_data:
            out.append(p + T + "<altitudeMode>absolute</altitudeMode>")
        for i in range(len(pts)):
            out.append(p + T + "<when>%s</when>" % iso(t0 + 10 * i))
        for i, (lat, lon) in enumerate(pts):
            out.append(p + T + "<gx:coord>%s %s %s</gx:coord>" % (num(round(lon, 6)), num(round(lat, 6)),
                                                                 num(round(alt0 + 1.5 * i, 1))))
        if with_data:
            out += [p + T + "<ExtendedData>", p + T + T + '<SchemaData schemaUrl="#schema">',
                    p + T + T + T + '<gx:SimpleArrayData name="speed">']
            out += [p + T + T + T + T + "<gx:value>%s</gx:value>" % num(s) for s in speeds]
            out += [p + T + T + T + "</gx:SimpleArrayData>", p + T + T + "</SchemaData>", p + T + "</ExtendedData>"]
        out.append(p + "</gx:Track>")
        return out

    t1 = path_points(TOWNS["Zahedan"], (29.30, 60.98), 25)
    speeds = [round(38.0 + 9.0 * math.sin(i * 0.5), 1) for i in range(25)]
    m1 = path_points(TOWNS["Saravan"], (27.30, 62.45), 12)
    m2 = path_points((27.28, 62.47), (27.20, 62.60), 9)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', KML_GE_ROOT, "<Document>",
           T + "<name>Zahedan drives.kml</name>",
           T + '<Schema id="schema">',
           T + T + '<gx:SimpleArrayField name="speed" type="float">',
           T + T + T + "<displayName>Speed (km/h)</displayName>",
           T + T + "</gx:SimpleArrayField>", T + "</Schema>"]
    for sid, icon in (("multiTrack", "track-0.png"),):
        out += [T + '<StyleMap id="%s">' % sid]
        for key in ("normal", "highlight"):
            out += [T + T + "<Pair>", T + T + T + "<key>%s</key>" % key,
                    T + T + T + "<styleUrl>#%s_%s</styleUrl>" % (sid, key[0]), T + T + "</Pair>"]
        out += [T + "</StyleMap>"]
        for key, scale, width in (("n", "1", "6"), ("h", "1.2", "8")):
            out += [T + '<Style id="%s_%s">' % (sid, key), T + T + "<IconStyle>",
                    T + T + T + "<scale>%s</scale>" % scale, T + T + T + "<Icon>",
                    T + T + T + T + "<href>http://earth.google.com/images/kml-icons/track-directional/%s</href>" % icon,
                    T + T + T + "</Icon>", T + T + "</IconStyle>", T + T + "<LineStyle>",
                    T + T + T + "<color>99ffac59</color>", T + T + T + "<width>%s</width>" % width,
                    T + T + "</LineStyle>", T + "</Style>"]
    out += [T + "<Placemark>", T + T + "<name>Zahedan south 2024-03-10</name>",
            T + T + "<styleUrl>#multiTrack</styleUrl>"]
    out += track(t1, 21600, 1372.0, speeds, T + T, True)
    out += [T + "</Placemark>", T + "<Placemark>", T + T + "<name>Saravan (GPS lost at the wadi)</name>",
            T + T + "<styleUrl>#multiTrack</styleUrl>", T + T + "<gx:MultiTrack>",
            T + T + T + "<altitudeMode>clampToGround</altitudeMode>", T + T + T + "<gx:interpolate>0</gx:interpolate>"]
    out += track(m1, 36000, 1160.0, None, T + T + T, False)
    out += track(m2, 37200, 1150.0, None, T + T + T, False)
    out += [T + T + "</gx:MultiTrack>", T + "</Placemark>", T + "<Placemark>", T + T + "<name>Khash</name>",
            T + T + "<LookAt>", T + T + T + "<longitude>61.2158</longitude>",
            T + T + T + "<latitude>28.2211</latitude>",
            T + T + T + "<altitude>0</altitude>", T + T + T + "<heading>0</heading>", T + T + T + "<tilt>0</tilt>",
            T + T + T + "<range>5000</range>", T + T + T + "<gx:altitudeMode>relativeToSeaFloor</gx:altitudeMode>",
            T + T + "</LookAt>", T + T + "<styleUrl>#multiTrack</styleUrl>", T + T + "<Point>",
            T + T + T + "<gx:drawOrder>1</gx:drawOrder>", T + T + T + "<coordinates>61.2158,28.2211,0</coordinates>",
            T + T + "</Point>", T + "</Placemark>", "</Document>", "</kml>", ""]
    return "\n".join(out)


def kml_coords(pts):
    return " ".join("%s,%s,0" % (num(lon), num(lat)) for lon, lat in pts)


def kml_empty_coordinates():
    """15 placemarks; returns (text, list of (name, kind, located))."""
    def pm(name, geom):
        return ["    <Placemark>", "      <name>%s</name>" % name] + ["      " + g for g in geom] + ["    </Placemark>"]

    def point(town):
        lat, lon = TOWNS[town]
        return ["<Point>", "  <coordinates>%s,%s,0</coordinates>" % (num(lon), num(lat)), "</Point>"]

    def line(pts):
        return ["<LineString>", "  <tessellate>1</tessellate>", "  <coordinates>%s</coordinates>" % kml_coords(pts),
                "</LineString>"]

    def poly(pts):
        return ["<Polygon>", "  <outerBoundaryIs>", "    <LinearRing>",
                "      <coordinates>%s</coordinates>" % kml_coords(ccw(pts)), "    </LinearRing>",
                "  </outerBoundaryIs>", "</Polygon>"]

    items = [
        ("Zahedan", "Point", point("Zahedan")),
        ("Mirjaveh (not located yet)", "empty Point <coordinates/>", ["<Point>", "  <coordinates/>", "</Point>"]),
        ("Zahedan - Khash road", "LineString", line([(60.8629, 29.4963), (61.05, 28.90), (61.2158, 28.2211)])),
        ("Taftan", "no geometry", ["<description>Location to be confirmed</description>"]),
        ("Saravan", "Point", point("Saravan")),
        ("Jakigur", "blank Point coordinates", ["<Point>", "  <coordinates>  </coordinates>", "</Point>"]),
        ("Study area A", "Polygon", poly([(61.0, 27.0), (62.0, 27.0), (62.0, 28.0), (61.0, 28.0)])),
        ("Planned road", "empty LineString", ["<LineString>", "  <coordinates></coordinates>", "</LineString>"]),
        ("Panjgur", "Point", point("Panjgur")),
        ("Rask", "empty Point <coordinates/>", ["<Point>", "  <coordinates/>", "</Point>"]),
        ("Turbat - Gwadar road", "LineString", line([(63.0440, 26.0023), (62.70, 25.55), (62.3250, 25.1264)])),
        ("Nok Kundi", "no geometry", ["<description><![CDATA[<b>TBC</b>]]></description>"]),
        ("Study area B", "Polygon", poly([(64.0, 26.5), (64.5, 26.5), (64.5, 27.2), (64.0, 27.2)])),
        ("Mand", "blank Point coordinates", ["<Point>", "  <coordinates>  </coordinates>", "</Point>"]),
        ("Pasni road", "empty LineString", ["<LineString>", "  <coordinates></coordinates>", "</LineString>"]),
    ]
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', "  <Document>",
           "    <name>Sites to locate</name>"]
    for name, _, geom in items:
        out += pm(name, geom)
    out += ["  </Document>", "</kml>", ""]
    return "\n".join(out), items


def kml_ground_overlay():
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>', KML_GE_ROOT, "<GroundOverlay>",
        "\t<name>Zahedan 1:50k scan</name>", "\t<Icon>", "\t\t<href>files/map.png</href>",
        "\t\t<viewBoundScale>0.75</viewBoundScale>", "\t</Icon>", "\t<LatLonBox>", "\t\t<north>29.6</north>",
        "\t\t<south>29.4</south>", "\t\t<east>60.98</east>", "\t\t<west>60.76</west>", "\t</LatLonBox>",
        "</GroundOverlay>", "</kml>", ""])


def kml_network_link():
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>', KML_GE_ROOT, "<NetworkLink>", "\t<name>Live incidents</name>",
        "\t<open>1</open>", "\t<Link>", "\t\t<href>https://example.org/live.kml</href>",
        "\t\t<refreshMode>onInterval</refreshMode>", "\t\t<refreshInterval>300</refreshInterval>", "\t</Link>",
        "</NetworkLink>", "</kml>", ""])


def kml_folder_all_bad():
    def pm(name, lon, lat):
        return ["      <Placemark>", "        <name>%s</name>" % name, "        <Point>",
                "          <coordinates>%s,%s,0</coordinates>" % (lon, lat), "        </Point>", "      </Placemark>"]
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">', "  <Document>",
           "    <name>Checkpoints</name>", "    <Folder>", "      <name>Good</name>"]
    out += pm("Zahedan", "60.8629", "29.4963") + pm("Quetta", "66.999", "30.1841")
    out += ["    </Folder>", "    <Folder>", "      <name>Broken</name>"]
    out += pm("Checkpoint 7 (lat/lon typed wrong)", "200", "95") + pm("Checkpoint 8", "-200.5", "-95.25")
    out += ["    </Folder>", "  </Document>", "</kml>", ""]
    return "\n".join(out)


LATIN1_NAME = "Caf\u00e9 Zahedan \u2013 \u201cquoted\u201d"


def kml_latin1():
    text = "\n".join([
        '<?xml version="1.0" encoding="windows-1252"?>', '<kml xmlns="http://www.opengis.net/kml/2.2">',
        "<Document>", "  <name>Exported from a Windows tool</name>", "  <Placemark>",
        "    <name>%s</name>" % LATIN1_NAME,
        "    <description>Caf\u00e9 on the main road \u2013 \u201cbest tea\u201d</description>",
        "    <Point><coordinates>60.8629,29.4963,0</coordinates></Point>", "  </Placemark>", "</Document>",
        "</kml>", ""])
    data = text.encode("cp1252")
    assert b"Caf\xe9 Zahedan \x96 \x93quoted\x94" in data
    return data


# --------------------------------------------------------------------------
# Shapefiles
# --------------------------------------------------------------------------

DBF_DATE = (124, 1, 1)  # 2024-01-01, in place of pyshp's "today"

PRJ_WGS84 = ('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
             'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')
# From `gdalsrsinfo -o wkt_esri --single-line EPSG:xxxx` (GDAL 3.6.2), one line as ArcGIS writes .prj.
PRJ_UTM41N = (
    'PROJCS["WGS_1984_UTM_Zone_41N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
    '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",63.0],'
    'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')
PRJ_KALIANPUR_I = (
    'PROJCS["Kalianpur_1962_India_Zone_I",GEOGCS["GCS_Kalianpur_1962",DATUM["D_Kalianpur_1962",'
    'SPHEROID["Everest_Definition_1962",6377301.243,300.8017255]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",2743196.4],'
    'PARAMETER["False_Northing",914398.8],PARAMETER["Central_Meridian",68.0],PARAMETER["Standard_Parallel_1",32.5],'
    'PARAMETER["Scale_Factor",0.99878641],PARAMETER["Latitude_Of_Origin",32.5],UNIT["Meter",1.0]]')
PRJ_BNG = (
    'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,'
    '299.3249646]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",400000.0],PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],'
    'PARAMETER["Scale_Factor",0.9996012717],PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]')
# A WGS 84 geographic .prj whose GEOGCS name carries a survey job number that contains 3857.
PRJ_3857_IN_NAME = (
    'GEOGCS["GCS_WGS_1984_Job_38571",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')

# `gdaltransform -s_srs EPSG:4326 -t_srs EPSG:xxxx` (GDAL 3.6.2, PROJ best available operation), metres
# rounded to the millimetre.
UTM41N_POINTS = [("Panjgur", 608192.385, 2982958.950), ("Turbat", 504403.332, 2875939.291),
                 ("Gwadar", 431954.782, 2779114.159)]
# EPSG:24376 Kalianpur 1962 / India zone I (LCC 1SP), via "Kalianpur 1962 to WGS 84 (1)" (Helmert, 999 m).
KALIANPUR_POINTS = [("Quetta", 2646840.593, 658354.281), ("Dalbandin", 2392884.934, 520859.292)]
# EPSG:27700, via "OSGB36 to WGS 84 (6)" (7-parameter Helmert, 2 m; the OSTN15 grid was not installed).
BNG_POINTS = [("Trafalgar Square", -0.1281, 51.5080, 530006.222, 180446.284),
              ("Royal Observatory Greenwich", -0.0005, 51.4769, 538955.330, 177222.121)]


def pyshp_set(shape_type, fields, rows, shapes, encoding="utf-8", ldid=0, add=None):
    """Shapefile bytes {".shp", ".shx", ".dbf"} written by pyshp. shapes: callables taking the Writer."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    w = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shape_type, encoding=encoding)
    for f in fields:
        w.field(*f)
    for row, shape in zip(rows, shapes):
        shape(w)
        w.record(*row)
    w.close()
    d = bytearray(dbf.getvalue())
    d[1:4] = bytes(DBF_DATE)
    d[29] = ldid
    return {".shp": shp.getvalue(), ".shx": shx.getvalue(), ".dbf": bytes(d)}


def read_shp_records(shp):
    """(shape type, content bytes) per record, read back with struct."""
    out, pos = [], 100
    while pos < len(shp):
        _, words = struct.unpack(">ii", shp[pos:pos + 8])
        content = shp[pos + 8:pos + 8 + 2 * words]
        out.append((struct.unpack("<i", content[:4])[0], content))
        pos += 8 + 2 * words
    return out


def polygon_rings(content):
    n_parts, n_points = struct.unpack("<ii", content[36:44])
    idx = list(struct.unpack("<%di" % n_parts, content[44:44 + 4 * n_parts])) + [n_points]
    base = 44 + 4 * n_parts
    pts = [struct.unpack("<dd", content[base + 16 * i:base + 16 * i + 16]) for i in range(n_points)]
    return [pts[idx[i]:idx[i + 1]] for i in range(n_parts)]


def points_set(names, coords, prj, fields=(("NAME", "C", 40),), rows=None, **kw):
    rows = rows or [(n,) for n in names]
    files = pyshp_set(shapefile.POINT, fields, rows, [lambda w, c=c: w.point(*c) for c in coords], **kw)
    files[".prj"] = prj
    return files


def put_set(out, stem, files):
    names = []
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        if ext in files:
            out.put(stem + ext, files[ext])
            names.append(stem + ext)
    return names


def shp_cpg_936():
    names = ["\u624e\u9ed1\u4e39", "\u594e\u8fbe", "\u74dc\u8fbe\u5c14"]  # 扎黑丹 奎达 瓜达尔
    towns = ["Zahedan", "Quetta", "Gwadar"]
    coords = [(TOWNS[t][1], TOWNS[t][0]) for t in towns]
    files = points_set(None, coords, PRJ_WGS84, fields=(("NAME", "C", 40), ("NAME_EN", "C", 20)),
                       rows=list(zip(names, towns)), encoding="gbk", ldid=0x01)
    assert "\u624e\u9ed1\u4e39".encode("gbk") in files[".dbf"]
    files[".cpg"] = "936"
    return files


def shp_ldid_1252():
    rows = [("Caf\u00e9 Zahedan", "Zahedan"), ("D\u00fczdab old town", "Zahedan"), ("Saravan Lyc\u00e9e", "Saravan"),
            ("M\u00fcller camp", "Quetta")]
    coords = [(60.8640, 29.4970), (60.8580, 29.5010), (62.3350, 27.3720), (66.9950, 30.1800)]
    files = points_set(None, coords, PRJ_WGS84, fields=(("NAME", "C", 40), ("TOWN", "C", 20)), rows=rows,
                       encoding="cp1252", ldid=0x57)
    assert b"Caf\xe9 Zahedan" in files[".dbf"] and b"D\xfczdab" in files[".dbf"]
    return files


def shp_multipatch():
    lon0, lat0 = 60.8629, 29.4963
    dx, dy = 0.0003, 0.00025
    corners = [(lon0, lat0), (lon0, lat0 + dy), (lon0 + dx, lat0 + dy), (lon0 + dx, lat0)]  # clockwise
    z0, z1 = 1372.0, 1381.0
    strip = []
    for x, y in corners + corners[:1]:
        strip += [[x, y, z0], [x, y, z1]]
    roof = [[x, y, z1] for x, y in corners + corners[:1]]
    cx, cy, zf = 60.8700, 29.4990, 1372.5
    fan = [[cx, cy, zf]] + [[cx + 0.0004 * math.cos(a), cy + 0.0004 * math.sin(a), zf]
                            for a in [math.radians(d) for d in (90, 30, -30, -90, -150)]]
    fan = [[round(v, 7) for v in p] for p in fan]
    shapes = [lambda w: w.multipatch([strip, roof], partTypes=[shapefile.TRIANGLE_STRIP, shapefile.OUTER_RING]),
              lambda w: w.multipatch([fan], partTypes=[shapefile.TRIANGLE_FAN])]
    files = pyshp_set(shapefile.MULTIPATCH, [("NAME", "C", 40), ("HEIGHT", "N", 8, 1)],
                      [("Zahedan office block", 9.0), ("Courtyard paving", 0.0)], shapes)
    recs = read_shp_records(files[".shp"])
    assert [r[0] for r in recs] == [31, 31]
    files[".prj"] = PRJ_WGS84
    return files, len(strip), len(roof), len(fan)


def shp_wrong_winding():
    r1 = ccw([(61.0, 28.0), (61.6, 28.0), (61.6, 28.5), (61.0, 28.5)])
    r2_outer = ccw([(62.0, 27.0), (63.0, 27.0), (63.2, 27.8), (62.6, 28.3), (62.0, 27.9)])
    r2_hole = cw([(62.4, 27.3), (62.7, 27.3), (62.7, 27.6), (62.4, 27.6)])
    polys = [[r1], [r2_outer, r2_hole]]
    files = pyshp_set(shapefile.POLYGON, [("NAME", "C", 40)], [("Khash district",), ("Saravan district",)],
                      [lambda w, p=p: w.poly([list(r) for r in p]) for p in polys])
    # pyshp's poly() keeps the given order; check the bytes, write by hand if a version re-orients.
    got = [polygon_rings(c) for _, c in read_shp_records(files[".shp"])]
    signs = [[signed_area(r) > 0 for r in rings] for rings in got]
    assert signs == [[True], [True, False]], signs
    assert got[0][0] == r1 and got[1][1] == r2_hole
    files[".prj"] = PRJ_WGS84
    return files


def shp_bad_record_middle():
    towns = ["Zahedan", "Saravan", "Panjgur", "Quetta", "Turbat"]
    files = points_set(towns, [(TOWNS[t][1], TOWNS[t][0]) for t in towns], PRJ_WGS84)
    shp = bytearray(files[".shp"])
    # Point records are 8 + 20 bytes; record 3's content (its shape type) starts at 100 + 2 * 28 + 8.
    pos = 100 + 2 * 28 + 8
    assert struct.unpack("<i", shp[pos:pos + 4])[0] == 1
    struct.pack_into("<i", shp, pos, 99)
    files[".shp"] = bytes(shp)
    offs = [struct.unpack(">i", files[".shx"][100 + 8 * i:104 + 8 * i])[0] * 2 for i in range(5)]
    assert offs == [100 + 28 * i for i in range(5)]
    return files


def shp_utm41n():
    return points_set([n for n, _, _ in UTM41N_POINTS], [(x, y) for _, x, y in UTM41N_POINTS], PRJ_UTM41N)


def shp_lambert():
    return points_set([n for n, _, _ in KALIANPUR_POINTS], [(x, y) for _, x, y in KALIANPUR_POINTS],
                      PRJ_KALIANPUR_I)


def shp_bng():
    return points_set([p[0] for p in BNG_POINTS], [(p[3], p[4]) for p in BNG_POINTS], PRJ_BNG)


def shp_3857_in_name():
    towns = ["Zahedan", "Saravan", "Panjgur"]
    return points_set(towns, [(TOWNS[t][1], TOWNS[t][0]) for t in towns], PRJ_3857_IN_NAME)


def appledouble():
    """4096-byte AppleDouble file (`._name`) as macOS Archive Utility puts in __MACOSX/."""
    out = bytearray(4096)
    struct.pack_into(">II16sH", out, 0, 0x00051607, 0x00020000, b"Mac OS X        ", 2)
    struct.pack_into(">III", out, 26, 9, 50, 3760)     # Finder info (+ extended attributes)
    struct.pack_into(">III", out, 38, 2, 3810, 286)    # resource fork
    # Finder info: 32 zero bytes at 50, 2 bytes padding, then the "ATTR" extended-attribute header
    # (magic, debug tag, total size, data start, data length, 3 reserved, flags, count) and 1 entry.
    value = b"0081;65920000;Archive Utility;"
    struct.pack_into(">4sIIIIIIIHH", out, 84, b"ATTR", 0, 4096, 156, len(value), 0, 0, 0, 0, 1)
    struct.pack_into(">IIHB", out, 120, 156, len(value), 0, 21)
    out[131:152] = b"com.apple.quarantine\x00"
    out[156:156 + len(value)] = value
    # Empty resource fork: header, the usual text in its reserved area, a 30-byte map.
    header = struct.pack(">IIII", 256, 256, 0, 30)
    out[3810:3826] = header
    text = b"This resource fork intentionally left blank   "
    out[3826:3826 + len(text)] = text
    out[3810 + 256:3810 + 286] = header + bytes(8) + struct.pack(">HHH", 0x1C, 0x1E, 0xFFFF)
    assert out[:4] == b"\x00\x05\x16\x07" and len(out) == 4096
    return bytes(out)


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def shp_several_in_zip():
    roads = pyshp_set(shapefile.POLYLINE, [("NAME", "C", 40), ("LANES", "N", 2)],
                      [("N-40 Quetta - Dalbandin", 2), ("N-85 Panjgur - Surab", 2)],
                      [lambda w: w.line([[(66.9990, 30.1841), (66.02, 29.55), (65.20, 29.10), (64.4103, 28.8947)]]),
                       lambda w: w.line([[(64.0901, 26.9644), (64.90, 27.50), (66.20, 28.49)]])])
    roads[".prj"] = PRJ_WGS84
    tn = ["Quetta", "Dalbandin", "Panjgur"]
    towns = points_set(tn, [(TOWNS[t][1], TOWNS[t][0]) for t in tn], PRJ_WGS84)
    members = [("__MACOSX/._roads.shp", appledouble())]
    members += [("roads" + e, roads[e]) for e in (".shp", ".shx", ".dbf", ".prj")]
    members += [("towns" + e, towns[e]) for e in (".shp", ".shx", ".dbf", ".prj")]
    members += [("__MACOSX/._towns.dbf", appledouble())]
    return zip_bytes(members), [m for m, _ in members]


# --------------------------------------------------------------------------
# GeoJSON
# --------------------------------------------------------------------------

def ogr_num(v):
    """Number text: strings are written as given (exact literal), floats shortest round-trip."""
    return v if isinstance(v, str) else num(v)


def ogr_coords(c):
    """ogr2ogr's GeoJSON layout: `[ 61.5, 25.1 ]`, nested with spaces."""
    if isinstance(c[0], (list, tuple)):
        return "[ " + ", ".join(ogr_coords(x) for x in c) + " ]"
    return "[ " + ", ".join(ogr_num(v) for v in c) + " ]"


def ogr_feature(props, gtype, coords):
    p = ", ".join("%s: %s" % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in props.items())
    return ('{ "type": "Feature", "properties": { %s }, "geometry": { "type": "%s", "coordinates": %s } }'
            % (p, gtype, ogr_coords(coords)))


def ogr_fc(name, features):
    return ("{\n\"type\": \"FeatureCollection\",\n\"name\": \"%s\",\n"
            "\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\" } },\n"
            "\"features\": [\n%s\n]\n}\n" % (name, ",\n".join(features)))


IRAN = [(44.1, 39.4), (48.0, 38.9), (53.9, 37.2), (60.5, 37.0), (61.2, 35.6), (60.9, 31.5), (61.7, 31.4),
        (61.8, 30.7), (60.9, 29.8), (61.4, 29.3), (62.7, 28.3), (63.2, 27.2), (61.9, 26.2), (61.5, 25.1),
        (57.4, 25.7), (54.7, 26.5), (51.5, 27.9), (50.1, 30.1), (48.6, 29.9), (48.0, 30.5), (47.7, 31.0),
        (46.1, 33.0), (45.4, 34.0), (45.5, 35.0), (46.1, 35.7), (44.8, 37.2)]
PAKISTAN = [(61.5, 25.1), (61.9, 26.2), (63.2, 27.2), (62.7, 28.3), (61.4, 29.3), (60.9, 29.8), (62.5, 29.3),
            (66.3, 29.9), (66.5, 31.3), (69.3, 31.9), (70.6, 33.9), (71.2, 34.3), (71.1, 36.1), (73.9, 36.7),
            (75.2, 35.5), (77.8, 35.5), (74.5, 33.0), (75.3, 32.3), (74.0, 30.0), (71.8, 27.9), (70.6, 27.9),
            (69.5, 26.0), (70.2, 25.4), (68.8, 24.3), (66.4, 25.4), (64.5, 25.2)]
E180, W180 = "180.00000000000006", "-180.00000000000006"


def geojson_russia():
    chukotka_w = [(W180, 64.9), (-178.7, 64.5), (-175.0, 65.6), (-172.5, 64.4), (-170.0, 66.1), (-174.0, 67.1),
                  (-177.6, 68.2), (W180, 68.9), (W180, 64.9)]
    mainland = [(E180, 68.9), (178.0, 69.4), (170.0, 70.0), (160.0, 69.6), (140.0, 72.0), (120.0, 73.0),
                (100.0, 76.0), (80.0, 73.5), (60.0, 69.0), (40.0, 67.0), (30.0, 69.0), (28.0, 60.0), (32.0, 52.0),
                (40.0, 47.0), (48.0, 42.0), (50.0, 51.0), (60.0, 51.0), (87.0, 49.8), (100.0, 51.0), (120.0, 53.0),
                (132.0, 43.0), (140.0, 48.0), (142.0, 59.0), (156.0, 51.0), (162.0, 57.0), (163.0, 61.0),
                (175.0, 62.0), (E180, 64.9), (E180, 68.9)]
    sakhalin = [(142.0, 46.0), (143.5, 49.0), (143.0, 54.0), (142.2, 52.0), (142.0, 46.0)]

    def props(admin, a3, cont, pop):
        return {"featurecla": "Admin-0 country", "scalerank": 1, "LABELRANK": 2, "SOVEREIGNT": admin,
                "ADMIN": admin, "ADM0_A3": a3, "NAME": admin, "ISO_A3": a3, "CONTINENT": cont, "POP_EST": pop}

    feats = [ogr_feature(props("Russia", "RUS", "Europe", 144373535.0), "MultiPolygon",
                         [[mainland], [chukotka_w], [sakhalin]]),
             ogr_feature(props("Iran", "IRN", "Asia", 82913906.0), "Polygon", [closed(IRAN)]),
             ogr_feature(props("Pakistan", "PAK", "Asia", 216565318.0), "Polygon", [closed(PAKISTAN)]),
             ogr_feature({"featurecla": "pole", "scalerank": 0, "name": "North Pole"}, "Point",
                         (0.0, "90.0000000000001"))]
    text = ogr_fc("ne_110m_admin_0_countries", feats)
    assert E180 in text and W180 in text and "90.0000000000001 ]" in text
    json.loads(text)
    return text


def geojson_degenerate_hole():
    outer = ccw([(60.9, 27.5), (61.6, 25.2), (62.8, 26.6), (63.3, 27.2), (62.6, 29.4), (61.8, 30.8), (61.0, 30.9),
                 (60.1, 29.0)])
    hole_ok = cw([(61.0, 28.8), (61.5, 28.8), (61.5, 29.2), (61.0, 29.2)])
    hole_bad = [(62.10, 28.40), (62.14, 28.41), (62.14, 28.41), (62.10, 28.40)]  # collapsed by simplification
    island = ccw([(61.00, 25.10), (61.15, 25.10), (61.15, 25.20), (61.00, 25.20)])
    other = ccw([(62.8, 29.5), (64.5, 29.6), (66.6, 30.9), (67.0, 30.0), (66.8, 28.0), (66.5, 25.4), (64.0, 25.2),
                 (61.7, 25.1), (62.8, 26.6), (63.3, 27.2)])
    feats = [ogr_feature({"NAME": "Sistan and Baluchestan", "POP": 2775014}, "MultiPolygon",
                         [[outer, hole_ok, hole_bad], [island]]),
             ogr_feature({"NAME": "Balochistan", "POP": 14894402}, "Polygon", [other])]
    text = ogr_fc("provinces_simplified", feats)
    json.loads(text)
    return text


def geojson_antimeridian():
    outer = [[170.0, 64.0], [175.0, 64.0], [-175.0, 64.0], [-170.0, 64.0], [-170.0, 70.0], [-175.0, 70.0],
             [175.0, 70.0], [170.0, 70.0], [170.0, 64.0]]
    hole = [[176.0, 66.0], [176.0, 68.0], [-176.0, 68.0], [-176.0, 66.0], [176.0, 66.0]]
    flight = [[139.78, 35.55], [150.0, 42.5], [160.0, 48.3], [170.0, 52.6], [-179.0, 55.8], [-170.0, 58.1],
              [-160.0, 60.1], [-149.99, 61.17]]
    circle = []
    for i in range(13):
        lon = (60 + 30 * i) % 360
        circle.append([float(lon - 360 if lon > 180 else lon), 60.0])
    assert circle[0] == circle[-1] == [60.0, 60.0] and len(circle) == 13
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Chukotka-like area", "note": "drawn across the dateline"},
         "geometry": {"type": "Polygon", "coordinates": [outer, hole]}},
        {"type": "Feature", "properties": {"name": "HND-ANC flight path"},
         "geometry": {"type": "LineString", "coordinates": flight}},
        {"type": "Feature", "properties": {"name": "60N eastward circle"},
         "geometry": {"type": "LineString", "coordinates": circle}}]}
    return json.dumps(doc, indent=2) + "\n"


def geojson_lint():
    """One feature per line; returns (text, {what: line number})."""
    P = '"properties": {"name": "%s"}'
    feats = [
        ("exterior ring wound clockwise",
         '{"type": "Feature", ' + P % "Study area (clockwise)" + ', "geometry": {"type": "Polygon", "coordinates": '
         '[[[61.0, 27.0], [61.0, 28.0], [62.0, 28.0], [62.0, 27.0], [61.0, 27.0]]]}}'),
        ("bbox of 3 numbers",
         '{"type": "Feature", "bbox": [60.8629, 29.4963, 60.8629], ' + P % "Zahedan" +
         ', "geometry": {"type": "Point", "coordinates": [60.8629, 29.4963]}}'),
        ("id that is an object",
         '{"type": "Feature", "id": {"source": "acled", "n": 34501}, ' + P % "Saravan" +
         ', "geometry": {"type": "Point", "coordinates": [62.3341, 27.3709]}}'),
        ("position with 5 numbers",
         '{"type": "Feature", ' + P % "Panjgur (x, y, z, m, t)" +
         ', "geometry": {"type": "Point", "coordinates": [64.0901, 26.9644, 980.0, 0.0, 1710050400]}}'),
        ("GeometryCollection inside a GeometryCollection",
         '{"type": "Feature", ' + P % "Quetta and ring road" + ', "geometry": {"type": "GeometryCollection", '
         '"geometries": [{"type": "Point", "coordinates": [66.999, 30.1841]}, {"type": "GeometryCollection", '
         '"geometries": [{"type": "LineString", "coordinates": [[66.96, 30.15], [67.04, 30.16], [67.03, 30.22]]}]}]}}'),
        ("Feature with a `coordinates` member",
         '{"type": "Feature", "coordinates": [63.044, 26.0023], ' + P % "Turbat" +
         ', "geometry": {"type": "Point", "coordinates": [63.044, 26.0023]}}'),
        ("Geometry with a `properties` member",
         '{"type": "Feature", ' + P % "Gwadar" + ', "geometry": {"type": "Point", "coordinates": [62.325, 25.1264], '
         '"properties": {"source": "gps"}}}'),
    ]
    lines = ['{"type": "FeatureCollection", "features": [']
    where = {}
    for i, (what, f) in enumerate(feats):
        lines.append(f + ("," if i < len(feats) - 1 else ""))
        where[what] = len(lines)
    lines += [']}', '']
    text = "\n".join(lines)
    json.loads(text)
    return text, where


# --------------------------------------------------------------------------
# Writing and README text
# --------------------------------------------------------------------------

GPX_LAYERS = "layers waypoints / routes / tracks / route_points / track_points"


def main():
    o = Out(OUT_DIR)

    # ---- GPX -------------------------------------------------------------
    o.put("gpx_garmin_extensions.gpx", gpx_garmin())
    o.describe(
        "gpx_garmin_extensions.gpx", None,
        "A Garmin handheld (GPSMAP 66i) `Track_*.gpx`: GPX 1.1 with the gpxx, wptx1 and gpxtpx namespaces, "
        "`standalone=\"no\"`, `<metadata><link href=\"http://www.garmin.com\"><text>Garmin International</text>"
        "</link><time>`, coordinates printed from semicircles with 16 decimals.",
        "Every trkpt carries `<extensions><gpxtpx:TrackPointExtension>` with `hr` and `cad`; the 2 waypoints have "
        "`<sym>`, `<type>user</type>` and `<extensions>` holding gpxx:WaypointExtension and wptx1:WaypointExtension; "
        "the track's `<extensions><gpxx:TrackExtension><gpxx:DisplayColor>Red`. 1 trk, 1 trkseg of 30 points.",
        "GDAL_GPX_GARMIN",
        "2 waypoints, 1 track (1 line, 30 vertices); extensions ignored or kept as attributes (hr/cad per "
        "point, DisplayColor Red), never an error. Nothing skipped.",
        ("GDAL_GPX_GARMIN_N", "3 (2 points, 1 line)", "0", "0"))

    o.put("gpx_10_magvar_url.gpx", gpx_10())
    o.describe(
        "gpx_10_magvar_url.gpx", None,
        "GPX 1.0 as GPSBabel and Garmin MapSource wrote it (~2009): namespace http://www.topografix.com/GPX/1/0, "
        "top-level `<time>` and `<bounds minlat= minlon= maxlat= maxlon=/>`, 9-decimal coordinates, no "
        "indentation of wpt/trkpt.",
        "GPX 1.0 fields that GPX 1.1 dropped or moved: `<url>`/`<urlname>` (1.1 has `<link>`), trkpt `<course>` "
        "and `<speed>` (1.1 has neither), `<number>` on trk and rte. The 3 waypoints carry `<magvar>`, "
        "`<geoidheight>`, `<cmt>`, `<url>`, `<urlname>`, `<sym>`, `<fix>2d</fix>`, `<sat>`, `<hdop>`. 1 rte of 4 "
        "rtept, 1 trk of 1 trkseg with 12 points.",
        "GDAL_GPX_10",
        "3 waypoints, 1 route (4 vertices), 1 track (12 vertices), read exactly like GPX 1.1; the 1.0-only "
        "elements ignored or kept as attributes. A reader that insists on the 1.1 namespace must say 'GPX 1.0 "
        "not supported' rather than load 0 features silently.",
        ("GDAL_GPX_10_N", "5 (3 points, 2 lines)", "0", "0"))

    o.put("gpx_style_color.gpx", gpx_style())
    o.describe(
        "gpx_style_color.gpx", None,
        "OsmAnd's track export with a colour: GPX 1.1 plus the Topografix gpx_style 0.2 schema.",
        "The trk's `<extensions>` holds `<line xmlns=\"http://www.topografix.com/GPX/gpx_style/0/2\">` with "
        "`<color>FF0000</color>`, `<opacity>0.8</opacity>`, `<width>4</width>`: an element in another default "
        "namespace, as GPX allows. 1 trkseg of 15 points (a closed loop around Quetta).",
        "GDAL_GPX_STYLE",
        "1 track (15 vertices), drawn red at 0.8 opacity if the reader uses styles, otherwise the extension "
        "ignored.",
        ("GDAL_GPX_STYLE_N", "1 (1 line)", "0", "0"))

    o.put("gpx_fitness_app.gpx", gpx_strava())
    o.describe(
        "gpx_fitness_app.gpx", None,
        "A Strava activity export (`creator=\"StravaGPX\"`, one-space indentation, 7-decimal coordinates, "
        "gpxtpx/gpxx namespaces declared but unused, `<metadata><time>`).",
        "`<trk>` holds `<name>Morning Ride</name><type>cycling</type><time>...</time>`: a `time` directly in "
        "trk, which the GPX 1.1 schema does not allow. Then 1 trkseg of 40 points, each with `<ele>` and "
        "`<time>` (4 s apart).",
        "GDAL_GPX_STRAVA",
        "1 track (40 vertices) named Morning Ride; the stray trk `<time>` ignored (or used as the start time), "
        "not a schema error.",
        ("GDAL_GPX_STRAVA_N", "1 (1 line)", "0", "0"))

    o.put("gpx_no_version.gpx", gpx_no_version())
    o.describe(
        "gpx_no_version.gpx", None,
        "A phone tracking app's minimal writer: `<gpx creator=\"some phone app\" "
        "xmlns=\"http://www.topografix.com/GPX/1/1\">`, everything on few lines.",
        "No `version` attribute (required by the schema). 2 waypoints (5-decimal coordinates, name only), "
        "1 trk of 1 trkseg with 8 timed points, no elevations.",
        "GDAL_GPX_NOVERSION",
        "Treated as GPX 1.1 (the namespace says so): 2 points and 1 line (8 vertices); at most a warning "
        "about the missing version.",
        ("GDAL_GPX_NOVERSION_N", "3 (2 points, 1 line)", "0", "0"))

    text = gpx_single_point()
    o.put("gpx_single_point_segment.gpx", text)
    lines = text.split("\n")
    wpt_lines = [i + 1 for i, l in enumerate(lines) if l.startswith("<wpt ") or l == "</wpt>"]
    bad_line = [i + 1 for i, l in enumerate(lines) if 'lat="abc"' in l][0]
    o.describe(
        "gpx_single_point_segment.gpx", None,
        "A desktop GPS editor (Viking) saving a drive with a signal gap: the logger started a new trkseg after "
        "each gap, one of which got only one fix before the next gap, and a second recording that never got "
        "a fix.",
        "Track 1 has 3 segments of 10, 1 and 10 points; track 2's only `<trkseg>` is empty. Of the 3 "
        "waypoints (file lines %d-%d) the 2nd (`Khash (bad latitude)`, line %d) has `lat=\"abc\"`."
        % (wpt_lines[0], wpt_lines[-1], bad_line),
        "GDAL_GPX_SINGLE",
        "2 waypoints (Zahedan, Saravan) with 1 skipped (waypoint 2, lat `abc`, not placed at latitude 0 as "
        "GDAL does); track 1 as a 2-part multiline (10 + 10 vertices) with its 1-point segment dropped (a line "
        "needs 2 positions; keeping it as a point is also fine if stated); track 2 has no positions at all: "
        "skipped or listed as unlocated, with a message, not an error for the file.",
        ("GDAL_GPX_SINGLE_N", "3 (2 points, 1 line)", "2 (waypoint 2; empty track 2)",
         "1 (track 1's 1-point segment)"))

    # ---- KML -------------------------------------------------------------
    o.put("kml_google_earth_gx_track.kml", kml_gx_track())
    o.describe(
        "kml_google_earth_gx_track.kml", None,
        "Google Earth Pro's 'Save Place As' of imported GPS tracks: tab indentation, xmlns gx/kml/atom, a "
        "Document-level `<Schema id=\"schema\">` with a `gx:SimpleArrayField name=\"speed\"`, a StyleMap "
        "`multiTrack` and its two Styles (track-directional icon), a LookAt on the point.",
        "Placemark 1 holds a `gx:Track` (`<altitudeMode>absolute</altitudeMode>`, 25 `<when>` then 25 "
        "`<gx:coord>lon lat alt</gx:coord>` - space-separated, not commas - and `<ExtendedData><SchemaData "
        "schemaUrl=\"#schema\"><gx:SimpleArrayData name=\"speed\">` with 25 `<gx:value>`). Placemark 2 holds a "
        "`gx:MultiTrack` (`<gx:interpolate>0</gx:interpolate>`) of 2 gx:Track of 12 and 9 points. Placemark 3 "
        "is a plain Point (Khash). No LineString anywhere.",
        "GDAL_KML_GX",
        "3 features: 1 line (25 vertices, with times and per-vertex speed if kept), 1 two-part multiline "
        "(12 + 9 vertices, not joined because interpolate is 0), 1 point. A reader that does not know gx:Track "
        "must report 2 placemarks it could not draw, not load 1 point silently.",
        ("GDAL_KML_GX_N", "3 (1 line, 1 multiline, 1 point)", "0", "0"))

    text, items = kml_empty_coordinates()
    o.put("kml_empty_coordinates.kml", text)
    located = [n for n, k, _ in items if k in ("Point", "LineString", "Polygon")]
    unlocated = ["%s (%s)" % (n, k) for n, k, _ in items if k not in ("Point", "LineString", "Polygon")]
    assert len(items) == 15 and len(located) == 7
    o.describe(
        "kml_empty_coordinates.kml", None,
        "A Google My Maps / spreadsheet-to-KML list of sites where some were never geocoded: the writer emits "
        "the placemark anyway with empty coordinates or without geometry.",
        "15 placemarks in one Document, in file order; 7 located (3 Point, 2 LineString, 2 Polygon: %s) and 8 "
        "not: %s." % (", ".join(located), "; ".join(unlocated)),
        "GDAL_KML_EMPTY",
        "7 features (3 points, 2 lines, 2 polygons) and 8 placemarks skipped or kept as unlocated rows "
        "(named in a message). An empty `<coordinates>` must not become a point at 0,0 and must not fail "
        "the file.",
        ("GDAL_KML_EMPTY_N", "7", "8", "0"))

    o.put("kml_ground_overlay_only.kml", kml_ground_overlay())
    o.describe(
        "kml_ground_overlay_only.kml", None,
        "Google Earth's save of a scanned map laid on the globe (Add > Image Overlay).",
        "The only element under `<kml>` is a `<GroundOverlay>` with name, `<Icon><href>files/map.png</href>` "
        "(the image is not included: the KMZ would hold it) and `<LatLonBox>` north 29.6 / south 29.4 / east "
        "60.98 / west 60.76. No Document, no Placemark.",
        "GDAL_KML_GROUND",
        "0 features, with a message that the file holds only an image overlay (not an error about syntax). "
        "Drawing the LatLonBox outline as 1 polygon is an acceptable extra.",
        ("GDAL_KML_GROUND_N", "0", "0", "0"))

    o.put("kml_network_link_only.kml", kml_network_link())
    o.describe(
        "kml_network_link_only.kml", None,
        "A 'live feed' KML as news/tracking sites hand out: just a NetworkLink that Google Earth refreshes.",
        "The only element under `<kml>` is `<NetworkLink>` with name and `<Link><href>https://example.org/"
        "live.kml</href><refreshMode>onInterval</refreshMode><refreshInterval>300`. No features in the file.",
        "GDAL_KML_NETLINK",
        "0 features and a message naming the link (https://example.org/live.kml) as not followed; the reader "
        "must not fetch it.",
        ("GDAL_KML_NETLINK_N", "0", "0", "0"))

    o.put("kml_folder_all_bad.kml", kml_folder_all_bad())
    o.describe(
        "kml_folder_all_bad.kml", None,
        "A hand-edited or script-written KML with Folders as layers.",
        "Folder `Good`: 2 Point placemarks (Zahedan, Quetta). Folder `Broken`: 2 Point placemarks whose "
        "coordinates are out of range (`200,95,0` and `-200.5,-95.25,0`), so that folder has nothing "
        "drawable.",
        "GDAL_KML_FOLDER",
        "2 points; the 2 Broken placemarks skipped with a message naming them (an empty `Broken` layer is fine). "
        "Not a refusal of the whole file.",
        ("GDAL_KML_FOLDER_N", "2", "2", "0"))

    o.put("kml_latin1.kml", kml_latin1())
    o.describe(
        "kml_latin1.kml", None,
        "A Windows tool writing KML in the system code page: `<?xml version=\"1.0\" encoding=\"windows-1252\"?>`.",
        "The placemark's name `%s` and its description are real windows-1252 bytes: e9 for e-acute, 96 for the "
        "en dash, 93/94 for the curly quotes (invalid UTF-8)." % LATIN1_NAME,
        "GDAL_KML_LATIN1",
        "1 point at 60.8629, 29.4963 named exactly `%s` (decoded as windows-1252 as declared; the 96/93/94 "
        "bytes are not ISO-8859-1 control characters here). Failing with 'encoding windows-1252 not supported' "
        "is acceptable; mojibake or a UTF-8 error is not." % LATIN1_NAME,
        ("GDAL_KML_LATIN1_N", "1", "0", "0"))

    # ---- Shapefiles ------------------------------------------------------
    m = put_set(o, "shp_cpg_936", shp_cpg_936())
    o.describe(
        "shp_cpg_936", m,
        "A shapefile from Chinese-locale Windows GIS: names in GBK, a `.cpg` saying `936` (the Windows code "
        "page number, not a name), while the .dbf's language-driver byte (offset 29) was left at 0x01 "
        "(DOS USA / CP437) as many converters leave it.",
        "3 points (Zahedan, Quetta, Gwadar) with NAME in GBK bytes (\u624e\u9ed1\u4e39, \u594e\u8fbe, "
        "\u74dc\u8fbe\u5c14) and NAME_EN in ASCII; the .cpg and the LDID disagree.",
        "GDAL_SHP_936",
        "3 points with NAME decoded through the .cpg (code page 936 = GBK): \u624e\u9ed1\u4e39, \u594e\u8fbe, "
        "\u74dc\u8fbe\u5c14. The .cpg wins over the LDID byte; decoding as CP437 or UTF-8 gives mojibake.",
        ("GDAL_SHP_936_N", "3", "0", "0"))

    m = put_set(o, "shp_ldid_1252", shp_ldid_1252())
    o.describe(
        "shp_ldid_1252", m,
        "ArcView 3 / ArcGIS 9-era export: no `.cpg`, the .dbf's language-driver byte 0x57 (ANSI, "
        "Windows-1252).",
        "4 points whose NAME is cp1252 bytes: `Caf\u00e9 Zahedan`, `D\u00fczdab old town`, `Saravan "
        "Lyc\u00e9e`, `M\u00fcller camp` (e9/fc bytes, invalid UTF-8).",
        "GDAL_SHP_1252",
        "4 points with the names decoded as Windows-1252 from the LDID byte. Decoding as UTF-8 (the usual "
        "default) fails or gives U+FFFD.",
        ("GDAL_SHP_1252_N", "4", "0", "0"))

    files, n_strip, n_roof, n_fan = shp_multipatch()
    m = put_set(o, "shp_multipatch", files)
    o.describe(
        "shp_multipatch", m,
        "ArcGIS 3D buildings (a MultiPatch feature class exported to shapefile), written with pyshp's "
        "multipatch().",
        "Shape type 31. Record 1: part 1 a triangle strip of %d points (the 4 walls: each footprint corner at "
        "z 1372 and z 1381, corner 1 repeated to close), part 2 an outer ring of %d points (the flat roof, "
        "closed, clockwise). Record 2: one triangle fan of %d points, flat (z 1372.5): a centre and 5 "
        "points round it. Z and M arrays present (M no-data)." % (n_strip, n_roof, n_fan),
        "GDAL_SHP_MULTIPATCH",
        "2 features as polygons seen from above (record 1: its roof ring and/or the strip's triangles, whose "
        "vertical walls have no area in plan; record 2: the 4 fan triangles or their union), z ignored. A "
        "reader without MultiPatch must refuse naming 'MultiPatch (shape type 31)', not 'corrupt file'.",
        ("GDAL_SHP_MULTIPATCH_N", "2 (or a refusal naming MultiPatch)", "0", "0"))

    m = put_set(o, "shp_wrong_winding", shp_wrong_winding())
    o.describe(
        "shp_wrong_winding", m,
        "A home-made GeoJSON-to-shapefile converter that copies RFC 7946 ring order into the .shp "
        "(shapefiles want clockwise outer rings and counter-clockwise holes).",
        "Record 1 (Khash district): one outer ring, counter-clockwise. Record 2 (Saravan district): outer "
        "ring counter-clockwise, hole clockwise (inside the outer), i.e. every ring reversed. Ring order "
        "checked by reading the .shp back.",
        "GDAL_SHP_WINDING",
        "2 polygons: record 1 as a plain polygon, record 2 as one polygon with 1 hole (rings classified by "
        "containment, not by orientation alone). Wrong: record 2 as two overlapping polygons, or the hole "
        "filled, or record 1 inverted.",
        ("GDAL_SHP_WINDING_N", "2", "0", "0"))

    m = put_set(o, "shp_bad_record_middle", shp_bad_record_middle())
    o.describe(
        "shp_bad_record_middle", m,
        "A point shapefile with one corrupted record (a disk or transfer error in one word), written by pyshp "
        "and patched.",
        "5 point records (Zahedan, Saravan, Panjgur, Quetta, Turbat); record 3 (Panjgur)'s content begins "
        "with shape type 99 instead of 1 (its x/y are intact, its length is still 10 words); the header, "
        "the .shx offsets (100, 128, 156, 184, 212) and the .dbf (5 rows) are consistent.",
        "GDAL_SHP_BADREC",
        "4 points; record 3 skipped with a message naming record 3 and shape type 99; records 4 and 5 still "
        "loaded (the reader moves on using the record length or the .shx).",
        ("GDAL_SHP_BADREC_N", "4", "1 (record 3)", "0"))

    m = put_set(o, "shp_utm41n", shp_utm41n())
    o.describe(
        "shp_utm41n", m,
        "ArcGIS export in UTM zone 41N (EPSG:32641): the .prj is ESRI WKT on one line, "
        "`PROJCS[\"WGS_1984_UTM_Zone_41N\",...PROJECTION[\"Transverse_Mercator\"]...]`.",
        "3 points in metres: %s (from gdaltransform EPSG:4326 -> EPSG:32641)."
        % ", ".join("%s %.3f, %.3f" % p for p in UTM41N_POINTS),
        "GDAL_SHP_UTM",
        "3 points at Panjgur, Turbat, Gwadar after inverse transverse Mercator (within 1e-6 degrees of GDAL's "
        "figures); a reader that does not reproject must refuse naming WGS_1984_UTM_Zone_41N, never draw "
        "metres as degrees.",
        ("GDAL_SHP_UTM_N", "3 (or a refusal naming the projection)", "0", "0"))

    m = put_set(o, "shp_lambert_pakistan", shp_lambert())
    o.describe(
        "shp_lambert_pakistan", m,
        "A Pakistani survey/ArcGIS layer in the national grid Kalianpur 1962 / India zone I (EPSG:24376, "
        "Lambert Conformal Conic 1SP on the Everest 1962 ellipsoid); .prj from `gdalsrsinfo -o wkt_esri`.",
        "Lambert Conformal Conic with a non-WGS 84 datum (D_Kalianpur_1962, no TOWGS84 in the ESRI WKT) and "
        "large false origin (2743196.4, 914398.8). 2 points: %s (gdaltransform EPSG:4326 -> EPSG:24376, "
        "through Kalianpur 1962 to WGS 84 (1))." % ", ".join("%s %.3f, %.3f" % p for p in KALIANPUR_POINTS),
        "GDAL_SHP_LCC",
        "2 points at Quetta and Dalbandin (GDAL's figures); inverse LCC on Everest 1962 without the datum "
        "shift lands about 14 m off (66.998938, 30.184210 for Quetta). A reader that does not reproject "
        "must refuse naming Kalianpur_1962_India_Zone_I.",
        ("GDAL_SHP_LCC_N", "2 (or a refusal naming the projection)", "0", "0"))

    m = put_set(o, "shp_bng_27700", shp_bng())
    o.describe(
        "shp_bng_27700", m,
        "A UK council / Ordnance Survey layer in British National Grid (EPSG:27700); .prj as ArcGIS writes it "
        "(`British_National_Grid`, `GCS_OSGB_1936`, Airy 1830).",
        "Transverse Mercator on another ellipsoid and datum. 2 points near London: %s (gdaltransform "
        "EPSG:4326 -> EPSG:27700, through OSGB36 to WGS 84 (6), the 7-parameter Helmert, since the OSTN15 "
        "grid was not installed)." % ", ".join("%s %.3f, %.3f" % (p[0], p[3], p[4]) for p in BNG_POINTS),
        "GDAL_SHP_BNG",
        "2 points at Trafalgar Square and Greenwich (outside the app's usual region, which is fine). Applying "
        "TM on Airy without the datum shift lands about 125 m off (-0.126494, 51.507490 for Trafalgar "
        "Square); a reader that does not reproject must "
        "refuse naming British_National_Grid.",
        ("GDAL_SHP_BNG_N", "2 (or a refusal naming the projection)", "0", "0"))

    m = put_set(o, "shp_prj_3857_in_name", shp_3857_in_name())
    o.describe(
        "shp_prj_3857_in_name", m,
        "A survey contractor's export whose WGS 84 GEOGCS is named after the job: "
        "`GEOGCS[\"GCS_WGS_1984_Job_38571\",DATUM[\"D_WGS_1984\",...]]`.",
        "Plain WGS 84 longitude/latitude (Zahedan, Saravan, Panjgur), but the .prj text contains `3857` "
        "(inside `38571`), so a reader that searches the .prj for `3857` takes it for Web Mercator.",
        "GDAL_SHP_3857",
        "3 points at Zahedan, Saravan, Panjgur, unchanged; treating them as Web Mercator metres would put "
        "them within 1 km of 0,0.",
        ("GDAL_SHP_3857_N", "3", "0", "0"))

    data, members = shp_several_in_zip()
    o.put("shp_several_in_zip.zip", data)
    o.describe(
        "shp_several_in_zip.zip", None,
        "A zip made with macOS Finder's Compress: AppleDouble `._` files in `__MACOSX/`.",
        "Members in order: %s. The `._` members are 4096-byte AppleDouble files (magic 00 05 16 07, "
        "'Mac OS X' filler, Finder info + com.apple.quarantine attribute, an empty resource fork), the first "
        "one named like a .shp and listed first. Two shapefiles: roads (2 PolyLines) and towns (3 Points)."
        % ", ".join("`%s`" % n for n in members),
        "GDAL_ZIP",
        "2 layers (roads: 2 lines, towns: 3 points), 5 features; `__MACOSX/` ignored silently (or a note), "
        "never read as a shapefile. A reader that opens one shapefile per zip must say which one it chose.",
        ("GDAL_ZIP_N", "5 (2 lines, 3 points)", "0", "0"))

    # ---- GeoJSON ---------------------------------------------------------
    o.put("geojson_russia_180.geojson", geojson_russia())
    o.describe(
        "geojson_russia_180.geojson", None,
        "Natural Earth's small-scale countries as ogr2ogr writes GeoJSON (name, CRS84 `crs` member, one "
        "feature per line, `[ x, y ]` spacing, NE's attribute names), coarsely simplified.",
        "Russia is a MultiPolygon of 3 parts; the mainland part touches `180.00000000000006` (that exact "
        "text, 2 ulp past 180) and the Chukotka part `-180.00000000000006`. Iran and Pakistan are ordinary "
        "Polygons. A 4th feature, a Point `North Pole` at latitude `90.0000000000001`.",
        "GDAL_GJ_RUSSIA",
        "4 features; the floating-point overshoot (< 1e-12 degrees) clamped or tolerated, not a reason to "
        "drop Russia or the pole.",
        ("GDAL_GJ_RUSSIA_N", "4", "0", "0"))

    o.put("geojson_degenerate_hole.geojson", geojson_degenerate_hole())
    o.describe(
        "geojson_degenerate_hole.geojson", None,
        "ogr2ogr/QGIS GeoJSON of provinces after topology-unaware simplification, which collapsed a small "
        "hole.",
        "Feature 1 (Sistan and Baluchestan) is a MultiPolygon of 2 parts; part 1 has 2 holes: one fine, one "
        "degenerate `[[62.1, 28.4], [62.14, 28.41], [62.14, 28.41], [62.1, 28.4]]` (4 positions, 2 distinct, "
        "zero area). Part 2 is a small island. Feature 2 (Balochistan) is a fine Polygon.",
        "GDAL_GJ_DEGEN",
        "2 features; the degenerate hole dropped (with a warning) and the rest of feature 1 kept: part 1 "
        "with 1 hole, part 2.",
        ("GDAL_GJ_DEGEN_N", "2", "0", "1 (feature 1's degenerate hole)"))

    o.put("geojson_antimeridian.geojson", geojson_antimeridian())
    o.describe(
        "geojson_antimeridian.geojson", None,
        "geojson.io / a JavaScript tool's `JSON.stringify(doc, null, 2)` (every number on its own line) of "
        "shapes drawn across the dateline without splitting them as RFC 7946 section 3.1.9 asks.",
        "A Polygon from 170 E to 170 W at 64-70 N written continuously (175 -> -175 jumps) with a hole that "
        "also crosses (176 -> -176); a LineString flight Tokyo-Anchorage crossing at 170 -> -179; a "
        "LineString circling the globe eastward at 60 N every 30 degrees, 13 positions from 60 E back to 60 E "
        "(through 180).",
        "GDAL_GJ_ANTI",
        "3 features drawn the short way across the antimeridian (unwrapped or split), the polygon keeping "
        "its hole. Drawn naively, the polygon and flight become bands across the whole map; the circle "
        "is a closed loop whatever is done.",
        ("GDAL_GJ_ANTI_N", "3", "0", "0"))

    text, where = geojson_lint()
    o.put("geojson_lint.geojson", text)
    o.describe(
        "geojson_lint.geojson", None,
        "A home-grown web exporter's GeoJSON: valid JSON, every feature drawable, one feature per line, but "
        "carrying what GeoJSON linters (geojsonhint) flag.",
        "; ".join("line %d: %s" % (n, w) for w, n in sorted(where.items(), key=lambda kv: kv[1])) + ".",
        "GDAL_GJ_LINT",
        "7 features (1 polygon, 5 points, 1 collection with a point and a line); the lint problems are at "
        "most warnings (with the line numbers): the clockwise ring drawn as is, the 3-number bbox ignored, "
        "the object id kept as text or dropped, the 5-number position read as x, y (z), the nested "
        "collection flattened, the foreign `coordinates`/`properties` members ignored.",
        ("GDAL_GJ_LINT_N", "7", "0", "0"))

    o.entries = [dict(e, gdal=GDAL.get(e["gdal"], e["gdal"]),
                      row=(GDAL.get(e["row"][0], e["row"][0]),) + tuple(e["row"][1:])) for e in o.entries]
    o.write_readme()
    n, total = o.check()
    print("%s: %d files, %d bytes" % (os.path.relpath(OUT_DIR), n, total))


# GDAL 3.6.2 observations (ogrinfo -so -al; ogr2ogr -t_srs EPSG:4326), written into the README.
GDAL = {
    # GPX: the GPX driver's 5 layers; "features" counts waypoints + routes + tracks.
    "GDAL_GPX_GARMIN": "GPX driver; waypoints 2, routes 0, tracks 1 (MultiLineString, 1 part of 30), route_points 0, "
                       "track_points 30; no warnings. Extensions are ignored unless GPX_USE_EXTENSIONS=YES, which "
                       "adds string fields gpxx_WaypointExtension, wptx1_WaypointExtension, gpxx_TrackExtension "
                       "and gpxtpx_TrackPointExtension (the raw inner XML, e.g. `<gpxtpx:hr>96</gpxtpx:hr>...`).",
    "GDAL_GPX_GARMIN_N": "3 (waypoints 2, tracks 1; track_points 30)",
    "GDAL_GPX_10": "GPX driver, detected as 1.0 (waypoints get url/urlname fields instead of link1_*); waypoints 3, "
                   "routes 1, tracks 1 (1 part of 12), route_points 4, track_points 12 (with course and speed "
                   "fields); the trk's url/urlname are not exposed; no warnings.",
    "GDAL_GPX_10_N": "5 (waypoints 3, routes 1, tracks 1; route_points 4, track_points 12)",
    "GDAL_GPX_STYLE": "GPX driver; waypoints 0, routes 0, tracks 1 (1 part of 15), route_points 0, track_points 15; "
                      "no warnings. With GPX_USE_EXTENSIONS=YES the track gets a string field `line` holding the "
                      "inner XML (`<color>FF0000</color> <opacity>0.8</opacity> <width>4</width>`).",
    "GDAL_GPX_STYLE_N": "1 (tracks 1; track_points 15)",
    "GDAL_GPX_STRAVA": "GPX driver; waypoints 0, routes 0, tracks 1 (1 part of 40), route_points 0, track_points 40; "
                       "the stray trk `<time>` is ignored without a warning.",
    "GDAL_GPX_STRAVA_N": "1 (tracks 1; track_points 40)",
    "GDAL_GPX_NOVERSION": "GPX driver with `Warning 1: GPX schema version is unknown. The driver may not be able to "
                          "handle the file correctly and will behave as if it is GPX 1.1.`; waypoints 2, routes 0, "
                          "tracks 1 (1 part of 8), route_points 0, track_points 8.",
    "GDAL_GPX_NOVERSION_N": "3 (waypoints 2, tracks 1; track_points 8)",
    "GDAL_GPX_SINGLE": "GPX driver, no warnings; waypoints 3 - the `lat=\"abc\"` one is loaded as POINT (61.2158 0) "
                       "(extent starts at latitude 0); tracks 2: track 1 a MULTILINESTRING of 3 parts (10, 1, 10 "
                       "vertices: the 1-vertex part is an invalid LineString), track 2 MULTILINESTRING EMPTY; "
                       "track_points 21.",
    "GDAL_GPX_SINGLE_N": "5 (waypoints 3, tracks 2; track_points 21)",
    # KML: ogrinfo opens KML with LIBKML first; the plain KML driver checked with --config GDAL_SKIP LIBKML.
    "GDAL_KML_GX": "LIBKML: 1 layer `Zahedan drives.kml`, 3 features: LINESTRING Z of 25 vertices (with begin/end "
                   "06:00:00-06:04:00 from the `<when>`s; the speed array is not exposed), MULTILINESTRING Z of 2 "
                   "parts (12 + 9), POINT Z. `-so` prints Extent (61.215800, 28.221100) - (61.215800, 28.221100), "
                   "i.e. only the Point's: LIBKML's extent ignores the tracks. The plain KML driver finds only 1 "
                   "feature (the Point) and silently drops both tracks.",
    "GDAL_KML_GX_N": "3 (plain KML driver: 1)",
    "GDAL_KML_EMPTY": "LIBKML: 1 layer, 15 features: the 7 located ones, 6 with empty geometries (POINT EMPTY for "
                      "both `<coordinates/>` and blank coordinates, LINESTRING EMPTY) and 2 without geometry; no "
                      "warnings. The plain KML driver: 13 features (the 2 geometry-less placemarks left out, the 6 "
                      "EMPTY ones kept).",
    "GDAL_KML_EMPTY_N": "15, 7 located (plain KML driver: 13)",
    "GDAL_KML_GROUND": "LIBKML: 1 layer `kml_ground_overlay_only` with 1 feature, a polygon made from the LatLonBox "
                       "(extent 60.76, 29.4 - 60.98, 29.6) with the icon href as a field. The plain KML driver opens "
                       "it with 0 layers.",
    "GDAL_KML_GROUND_N": "1 (LatLonBox polygon; plain KML driver: 0 layers)",
    "GDAL_KML_NETLINK": "Not read. LIBKML: `ERROR 4: ERROR parsing kml kml_network_link_only.kml :This file does "
                        "not fit the OGR model, there is no container element at the root.` (twice), then "
                        "`FAILURE: Unable to open datasource`. The plain KML driver opens it with 0 layers, no "
                        "message. Neither fetches the link.",
    "GDAL_KML_NETLINK_N": "error (LIBKML); 0 layers (plain KML driver)",
    "GDAL_KML_FOLDER": "LIBKML: 2 layers, `Good` 2 features and `Broken` 2 features; the out-of-range points are "
                       "loaded as they are, without a warning (Broken's extent is (-200.5, -95.25) - (200, 95)). "
                       "The plain KML driver gives the same.",
    "GDAL_KML_FOLDER_N": "4 (Good 2, Broken 2)",
    "GDAL_KML_LATIN1": "Not read by default: LIBKML (tried first) fails with `ERROR 4: ERROR parsing kml "
                       "kml_latin1.kml :unknown encoding on line 1 at offset 30` (twice) and ogrinfo ends with "
                       "`FAILURE: Unable to open datasource`. With the plain KML driver (GDAL_SKIP=LIBKML; its "
                       "expat has a windows-1252 handler) 1 feature, Name `%s`, POINT Z (60.8629 29.4963 0)."
                       % LATIN1_NAME,
    "GDAL_KML_LATIN1_N": "error (LIBKML); 1 (plain KML driver)",
    # Shapefiles
    "GDAL_SHP_936": "3 points, no warnings; SHAPEFILE metadata ENCODING_FROM_CPG=CP936, ENCODING_FROM_LDID=CP437, "
                    "SOURCE_ENCODING=CP936: the .cpg wins and NAME reads \u624e\u9ed1\u4e39, \u594e\u8fbe, "
                    "\u74dc\u8fbe\u5c14.",
    "GDAL_SHP_936_N": "3",
    "GDAL_SHP_1252": "4 points, no warnings; LDID 0x57 is mapped to ENCODING_FROM_LDID=ISO-8859-1 (SOURCE_ENCODING "
                     "ISO-8859-1, not CP1252; the same for these e9/fc bytes) and the names read correctly.",
    "GDAL_SHP_1252_N": "4",
    "GDAL_SHP_MULTIPATCH": "2 features, layer geometry `Unknown (any)`, no warnings: record 1 as GEOMETRYCOLLECTION Z "
                           "(TIN Z of 8 triangles from the strip, MULTIPOLYGON Z of the roof), record 2 as TIN Z of "
                           "4 triangles.",
    "GDAL_SHP_MULTIPATCH_N": "2",
    "GDAL_SHP_WINDING": "2 features, layer geometry Polygon, no warnings. Record 1: POLYGON ((61 28, 61.6 28, 61.6 "
                        "28.5, 61 28.5, 61 28)), fine. Record 2: POLYGON whose exterior is the small clockwise ring "
                        "(62.4 27.3, ...) and whose 'interior' is the big counter-clockwise ring, i.e. GDAL trusts "
                        "the orientation and builds an invalid polygon (hole outside its shell). First feature in "
                        "EPSG:4326: 61.000000, 28.000000.",
    "GDAL_SHP_WINDING_N": "2 (record 2 invalid)",
    "GDAL_SHP_BADREC": "Feature Count 5, no warning or error: record 3 (Panjgur) comes back with its attributes and "
                       "a NULL geometry; records 4 and 5 are fine. First feature in EPSG:4326: 60.862900, "
                       "29.496300.",
    "GDAL_SHP_BADREC_N": "5 (record 3 without geometry)",
    "GDAL_SHP_UTM": "3 points, no warnings; the .prj is identified as EPSG:32641. In EPSG:4326: Panjgur 64.090100, "
                    "26.964400 (first feature), Turbat 63.044000, 26.002300, Gwadar 62.325000, 25.126400.",
    "GDAL_SHP_UTM_N": "3",
    "GDAL_SHP_LCC": "2 points, no warnings; the ESRI .prj is identified as EPSG:24376 (`Kalianpur 1962 / India zone "
                    "I`), so the datum shift is applied. In EPSG:4326: Quetta 66.999000, 30.184100 (first feature), "
                    "Dalbandin 64.410300, 28.894700.",
    "GDAL_SHP_LCC_N": "2",
    "GDAL_SHP_BNG": "2 points, no warnings; identified as EPSG:27700. In EPSG:4326: Trafalgar Square -0.128100, "
                    "51.508000 (first feature), Greenwich -0.000500, 51.476900 (same Helmert path, so the round "
                    "trip is exact).",
    "GDAL_SHP_BNG_N": "2",
    "GDAL_SHP_3857": "3 points, no warnings; read as GEOGCRS[\"GCS_WGS_1984_Job_38571\", DATUM World Geodetic System "
                     "1984 (EPSG:6326)], lon/lat order; coordinates unchanged (first feature 60.862900, 29.496300).",
    "GDAL_SHP_3857_N": "3",
    "GDAL_ZIP": "`/vsizip/shp_several_in_zip.zip`: ESRI Shapefile driver, 2 layers, roads 2 (Line String), towns 3 "
                "(Point); `__MACOSX/` is not looked at (GDAL reads the zip's root only). Opening "
                "`/vsizip/shp_several_in_zip.zip/__MACOSX/._roads.shp` directly: `FAILURE: Unable to open "
                "datasource`.",
    "GDAL_ZIP_N": "5 (roads 2, towns 3)",
    # GeoJSON
    "GDAL_GJ_RUSSIA": "GeoJSON driver, layer `ne_110m_admin_0_countries`, 4 features, no warnings; Extent "
                      "(-180.000000, 24.300000) - (180.000000, 90.000000) as printed; the pole is kept at "
                      "90.0000000000001.",
    "GDAL_GJ_RUSSIA_N": "4",
    "GDAL_GJ_DEGEN": "GeoJSON driver, layer `provinces_simplified`, 2 features, no warnings; the degenerate hole is "
                     "kept as is (part 1 keeps 2 interior rings).",
    "GDAL_GJ_DEGEN_N": "2",
    "GDAL_GJ_ANTI": "GeoJSON driver, 3 features, no warnings, nothing split or unwrapped; Extent (-179.000000, "
                    "35.550000) - (180.000000, 70.000000), i.e. the whole width of the map.",
    "GDAL_GJ_ANTI_N": "3",
    "GDAL_GJ_LINT": "GeoJSON driver, 7 features, no warnings: the clockwise ring kept as written, the 3-number "
                    "bbox ignored, the object id turned into a string field `id` = `{ \"source\": \"acled\", \"n\": "
                    "34501 }`, the 5-number position read as POINT Z (64.0901 26.9644 980), the nested "
                    "GEOMETRYCOLLECTION kept nested, the stray `coordinates` and `properties` members ignored.",
    "GDAL_GJ_LINT_N": "7",
}

if __name__ == "__main__":
    main()
