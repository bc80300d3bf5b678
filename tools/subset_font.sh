#!/usr/bin/env bash
# Regenerate assets/fonts/Vazirmatn-Regular-subset.ttf (Arabic-script fallback
# font for Persian and Urdu) and assets/fonts/OFL.txt from pinned sources.
#
# Usage: tools/subset_font.sh [OUTPUT_DIR]      (default: assets/fonts)
#
# Needs: npm (to fetch the pinned `vazirmatn` package), python3 with
# fonttools==4.68.0 (installed with pip if missing or another version), sha256sum.
# Set VAZIRMATN_TGZ=/path/to/vazirmatn-33.0.3.tgz to use an already downloaded
# tarball instead of `npm pack`.
#
# Output is deterministic: pyftsubset keeps head.modified from the source font
# (fontTools.subset's recalc_timestamp defaults to off), so running this twice
# gives byte-identical files; the script checks the result's sha256 below.
set -euo pipefail

VAZIRMATN_VERSION=33.0.3
FONTTOOLS_VERSION=4.68.0
# sha256 of the npm tarball, of fonts/ttf/Vazirmatn-Regular.ttf inside it,
# of its OFL.txt, and of the subset this script produces with fonttools 4.68.0.
TGZ_SHA256=9506e9e6a27e62b353c04a136c27de0cc3aa9e434658b45a6363f7c98c357090
TTF_SHA256=b69fd4c680b8f3f225feabcc655a2c585d97627b8f5f5c0f9985e894069f3a56
OFL_SHA256=17e355067c8284f47743a1ee3b1ef7ff684ff0601eda357f9353b10b3016ab31
SUBSET_SHA256=a772cdf7ea777e37be0edec5eb10c0f3e96298e2402ae64dc4d75427c20fd44f

# Arabic (0600-06FF), Arabic Supplement (0750-077F), Arabic Extended-A
# (08A0-08FF, none in Vazirmatn), Arabic Presentation Forms-A (FB50-FDFF) and -B
# (FE70-FEFF), ZWNJ/ZWJ/LRM/RLM (200C-200F), bidi isolates (2066-2069, not in
# the font) and the dotted circle (25CC) the shaper shows for a lone mark.
UNICODES="U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F,U+2066-2069,U+25CC"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="${1:-$repo_root/assets/fonts}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

check_sha() { # file expected
    local got
    got="$(sha256sum "$1" | cut -d' ' -f1)"
    if [[ "$got" != "$2" ]]; then
        echo "sha256 mismatch for $1: got $got, expected $2" >&2
        exit 1
    fi
}

# fontTools, pinned: another version may write different bytes.
if ! python3 -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
    python3 -m pip install --quiet "fonttools==$FONTTOOLS_VERSION"
fi
# fontTools packs GPOS and GSUB with HarfBuzz's repacker when uharfbuzz is there, and with its
# own otherwise: the bytes differ, so the repacker is pinned too.
UHARFBUZZ_VERSION=0.57.0
if ! python3 -c "import uharfbuzz, sys; sys.exit(uharfbuzz.__version__ != '$UHARFBUZZ_VERSION')" 2>/dev/null; then
    python3 -m pip install --quiet "uharfbuzz==$UHARFBUZZ_VERSION"
fi

# The pinned npm package.
if [[ -n "${VAZIRMATN_TGZ:-}" ]]; then
    cp "$VAZIRMATN_TGZ" "$work/vazirmatn.tgz"
else
    (cd "$work" && npm pack --silent "vazirmatn@$VAZIRMATN_VERSION" >/dev/null)
    mv "$work/vazirmatn-$VAZIRMATN_VERSION.tgz" "$work/vazirmatn.tgz"
fi
check_sha "$work/vazirmatn.tgz" "$TGZ_SHA256"
tar -xzf "$work/vazirmatn.tgz" -C "$work" package/fonts/ttf/Vazirmatn-Regular.ttf package/OFL.txt
src="$work/package/fonts/ttf/Vazirmatn-Regular.ttf"
check_sha "$src" "$TTF_SHA256"
check_sha "$work/package/OFL.txt" "$OFL_SHA256"

out="$out_dir/Vazirmatn-Regular-subset.ttf"
python3 -m fontTools.subset "$src" \
    --unicodes="$UNICODES" \
    --layout-features='*' \
    --name-IDs='*' \
    --name-languages='*' \
    --notdef-outline \
    --output-file="$out"
cp "$work/package/OFL.txt" "$out_dir/OFL.txt"

# Verify coverage and shaping tables.
python3 - "$out" <<'EOF'
import sys
from fontTools.ttLib import TTFont

f = TTFont(sys.argv[1])
cmap = f.getBestCmap()
letters = "پ چ ژ گ ک ی ے ڈ ٹ ں ھ ہ ۂ ۓ ڑ ئ ؤ أ إ آ ة ، ؛ ؟ ٪".split()
need = [ord(c) for c in letters]
need += list(range(0x0660, 0x066A))  # Arabic-Indic digits
need += list(range(0x06F0, 0x06FA))  # Extended Arabic-Indic (Persian/Urdu) digits
need += [0x0640]                     # tatweel
need += list(range(0x064B, 0x0653)) + [0x0670]  # harakat, superscript alef
need += [0x200C, 0x200D, 0x200E, 0x200F]        # ZWNJ ZWJ LRM RLM
missing = [f"U+{c:04X}" for c in need if c not in cmap]
gsub = sorted({r.FeatureTag for r in f["GSUB"].table.FeatureList.FeatureRecord})
gpos = sorted({r.FeatureTag for r in f["GPOS"].table.FeatureList.FeatureRecord})
print(f"{sys.argv[1]}: {len(cmap)} code points, {len(f.getGlyphOrder())} glyphs")
print("GSUB features:", " ".join(gsub))
print("GPOS features:", " ".join(gpos))
print("required code points:", len(need), "missing:", missing or "none")
if "fvar" in f or missing or not {"init", "medi", "fina"} <= set(gsub):
    sys.exit("subset check failed")
EOF

if [[ "$SUBSET_SHA256" != __SUBSET_SHA256__ ]]; then
    check_sha "$out" "$SUBSET_SHA256"
fi
ls -l "$out" "$out_dir/OFL.txt"
sha256sum "$out"

# Noto Sans (extended Latin of place names: ə ḏ Ḩ ẞ, and U+FFFD) and Noto Sans Symbols (arrows),
# from Debian's fonts-noto-core 20201225-1 (OFL 1.1): `apt-get install fonts-noto-core`.
NOTO_DIR="${NOTO_DIR:-/usr/share/fonts/truetype/noto}"
NOTO_SANS_SHA256=89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d
NOTO_SYMBOLS_SHA256=24b615ceb7d50a2c09060664ca9e24a160c9beb6bfca0563e8359369a4bc0993
NOTO_SANS_SUBSET_SHA256=18048fab97569c1aa2d2231151be8964c3d6c46ede22fba74168121b620bdb08
NOTO_SYMBOLS_SUBSET_SHA256=42955931976c5a8ec69cf4d4d49122ec87700ef5f80bee82dad90b274bf5d1a3
if [[ ! -f "$NOTO_DIR/NotoSans-Regular.ttf" ]]; then
    echo "no $NOTO_DIR/NotoSans-Regular.ttf: apt-get install fonts-noto-core (20201225-1)" >&2
    exit 1
fi
check_sha "$NOTO_DIR/NotoSans-Regular.ttf" "$NOTO_SANS_SHA256"
check_sha "$NOTO_DIR/NotoSansSymbols-Regular.ttf" "$NOTO_SYMBOLS_SHA256"
noto_subset() { # source unicodes output
    python3 -m fontTools.subset "$1" --unicodes="$2" --layout-features='*' --name-IDs='*' \
        --name-languages='*' --notdef-outline --output-file="$3"
}
noto_subset "$NOTO_DIR/NotoSans-Regular.ttf" "U+0180-036F,U+1E00-1EFF,U+FFFD" \
    "$out_dir/NotoSans-Regular-subset.ttf"
noto_subset "$NOTO_DIR/NotoSansSymbols-Regular.ttf" "U+2190-21FF" \
    "$out_dir/NotoSansSymbols-Regular-subset.ttf"
check_sha "$out_dir/NotoSans-Regular-subset.ttf" "$NOTO_SANS_SUBSET_SHA256"
check_sha "$out_dir/NotoSansSymbols-Regular-subset.ttf" "$NOTO_SYMBOLS_SUBSET_SHA256"
ls -l "$out_dir"/NotoSans*-subset.ttf
