"""The one place that finds bundled files (templates, fonts, icons, translations).

Works for a source checkout or editable install (``<repo>/resources``), for a PyInstaller
build (``<bundle>/resources``) and for an explicit override (``ASSESSMENT_RESOURCES``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("ASSESSMENT_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled file, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
