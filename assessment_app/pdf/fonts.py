"""The bundled DejaVu fonts, registered with reportlab once per process.

Built-in Helvetica is never used: it is not embedded and lacks many glyphs. Registration parses
each TTF file, which is the slowest step of a first render, so it is done once and cached.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Final

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from assessment_app.errors import ExportError
from assessment_app.resources import resource_path


@dataclass(frozen=True, slots=True)
class FontSet:
    regular: str
    bold: str
    italic: str


DEJAVU: Final = FontSet(regular="DejaVuSans", bold="DejaVuSans-Bold", italic="DejaVuSans-Oblique")

_FILES: Final = {
    DEJAVU.regular: "DejaVuSans.ttf",
    DEJAVU.bold: "DejaVuSans-Bold.ttf",
    DEJAVU.italic: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> FontSet:
    """Register the DejaVu family (regular, bold, oblique) once; later calls are free."""
    global _registered
    if _registered:
        return DEJAVU
    with _lock:
        if not _registered:
            for name, file_name in _FILES.items():
                path = resource_path("fonts", file_name)
                try:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                except (OSError, TTFError) as exc:
                    raise ExportError(
                        f"The bundled font {file_name} is missing or damaged; "
                        "reinstall the application.",
                        f"Det medföljande typsnittet {file_name} saknas eller är skadat; "
                        "installera om programmet.",
                    ) from exc
            # No bold-oblique face is bundled; bold stands in for it.
            pdfmetrics.registerFontFamily(
                DEJAVU.regular,
                normal=DEJAVU.regular,
                bold=DEJAVU.bold,
                italic=DEJAVU.italic,
                boldItalic=DEJAVU.bold,
            )
            # Binary streams instead of ASCII85 text: smaller files and a faster save. This
            # package is the app's only reportlab user, so the process-wide switch is safe.
            rl_config.useA85 = 0
            _registered = True
    return DEJAVU
