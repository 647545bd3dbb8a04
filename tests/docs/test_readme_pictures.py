"""The pictures README.md shows exist (docs/screenshots from make screenshots, docs/tour from
make tour; a renumbered tour step breaks a link)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_picture_the_readme_shows_exists():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert any(p.startswith("docs/tour/") for p in pictures)
    missing = [p for p in pictures if not (REPO / p).is_file()]
    assert not missing, missing
