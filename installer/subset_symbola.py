"""Make ``resources/fonts/Symbola.ttf``, the bundled emoji and symbol face, from Symbola.

    apt-get install fonts-symbola python3-fonttools
    /usr/bin/python3 installer/subset_symbola.py [SOURCE.ttf]

Symbola (George Douros; "free for any use; may be opened, edited, modified, regenerated,
packaged and redistributed", see ``resources/fonts/LICENSE-Symbola.txt``) is a monochrome
TrueType face with the emoji of Unicode 9, which reportlab can embed (colour emoji fonts it
cannot). The whole file is 3.2 MB; most of it repeats what the other bundled faces already have,
so only the code points worth having are kept (1.6 MB): every emoji block, and every other
character none of DejaVu Sans, Noto Sans Arabic and Droid Sans Fallback has. Hinting and layout
tables are dropped (reportlab uses neither). Needs fontTools, which the app itself does not:
run once, and commit the result. Not part of the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-not-found]
from fontTools.ttLib import TTFont  # type: ignore[import-not-found]

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
SOURCE = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
OTHER_FACES = ("DejaVuSans.ttf", "NotoSansArabic-Regular.ttf", "DroidSansFallback.ttf")
# The emoji blocks (kept even where another face has a text-style glyph for the character).
EMOJI_RANGES = ((0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))


def wanted(source: str) -> list[int]:
    have = set(TTFont(source).getBestCmap())
    others: set[int] = set()
    for name in OTHER_FACES:
        others |= set(TTFont(FONTS / name).getBestCmap())
    return sorted(
        cp
        for cp in have
        if cp < 0xF0000  # not the private use planes
        and (any(lo <= cp <= hi for lo, hi in EMOJI_RANGES) or cp not in others)
    )


def main(argv: list[str]) -> int:
    source = argv[0] if argv else SOURCE
    codes = wanted(source)
    out = FONTS / "Symbola.ttf"
    subset.main(
        [
            source,
            "--unicodes=" + ",".join(f"U+{cp:04X}" for cp in codes),
            "--no-hinting",
            "--layout-features=",
            "--name-IDs=*",
            "--name-legacy",
            "--name-languages=*",
            "--notdef-outline",
            f"--output-file={out}",
        ]
    )
    print(f"{out}: {len(codes)} characters, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
