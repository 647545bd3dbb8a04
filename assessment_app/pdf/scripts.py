"""Text in the scripts people write their names in: right-to-left shaping and a font for
every character.

- **Right to left.** A line holding Arabic or Hebrew is shaped (Arabic letters joined into their
  positional forms, ``arabic-reshaper``) and then put in visual order by the Unicode
  bidirectional algorithm (``python-bidi``), since reportlab lays out characters left to right
  as given. Lines without right-to-left letters are left as they are.
- **A font per character.** DejaVu Sans (the text face) covers Latin, Greek and Cyrillic. Arabic
  letters are set in Noto Sans Arabic (SIL OFL 1.1), and Chinese, Japanese and Korean in Droid
  Sans Fallback (Apache 2.0), whose outlines are TrueType (reportlab cannot embed CFF, which
  rules out the Noto CJK OpenType fonts). Each run of characters the text face lacks is wrapped
  in a ``<font>`` tag of the face that has them; the fallback faces are registered the first
  time a character needs them. Only the glyphs used are embedded, so a PDF stays small.
  A character no bundled face has (a colour emoji, a flag) is printed as itself in the text
  face, which shows an empty box.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Final
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from assessment_app.errors import ExportError
from assessment_app.resources import resource_path

TEXT_FACE: Final = "DejaVuSans"
ARABIC: Final = "NotoSansArabic"
CJK: Final = "DroidSansFallback"
# face name -> (regular file, bold file)
_FALLBACKS: Final = {
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    CJK: ("DroidSansFallback.ttf", None),
}
_RTL: Final = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC_SCRIPT: Final = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)

_lock = threading.Lock()
_faces: dict[str, TTFont] = {}


def _face(name: str) -> TTFont:
    """The registered face ``name`` (registered on first use)."""
    found = _faces.get(name)
    if found is not None:
        return found
    with _lock:
        if name not in _faces:
            if name == TEXT_FACE:
                from assessment_app.pdf.fonts import register_fonts

                register_fonts()
                font = pdfmetrics.getFont(TEXT_FACE)
                assert isinstance(font, TTFont)
                _faces[name] = font
            else:
                regular, bold = _FALLBACKS[name]
                _faces[name] = _register(name, regular)
                bold_name = f"{name}-Bold"
                if bold:
                    _register(bold_name, bold)
                pdfmetrics.registerFontFamily(
                    name,
                    normal=name,
                    bold=bold_name if bold else name,
                    italic=name,
                    boldItalic=bold_name if bold else name,
                )
    return _faces[name]


def _register(name: str, file_name: str) -> TTFont:
    path = resource_path("fonts", file_name)
    try:
        font = TTFont(name, str(path))
    except (OSError, TTFError) as exc:
        raise ExportError(
            f"The bundled font {file_name} is missing or damaged; reinstall the application.",
            f"Det medföljande typsnittet {file_name} saknas eller är skadat; "
            "installera om programmet.",
        ) from exc
    pdfmetrics.registerFont(font)
    return font


def _covers(name: str, ch: str) -> bool:
    return ord(ch) in _face(name).face.charToGlyph


def face_for(ch: str) -> str:
    """The face a character is set in."""
    if _ARABIC_SCRIPT.match(ch):
        return ARABIC
    if ch.isspace() or ord(ch) < 0x2E80 or _covers(TEXT_FACE, ch):
        return TEXT_FACE
    if _covers(CJK, ch):
        return CJK
    return TEXT_FACE


def visual(line: str) -> str:
    """One line in visual order: right-to-left runs shaped and reversed; others unchanged."""
    if not _RTL.search(line):
        return line
    import arabic_reshaper
    from bidi import get_display

    shaped = arabic_reshaper.reshape(line) if _ARABIC_SCRIPT.search(line) else line
    return str(get_display(shaped))


def _runs(line: str) -> Iterator[tuple[str, str]]:
    face, start = None, 0
    for n, ch in enumerate(line):
        this = face_for(ch)
        if face is None:
            face = this
        elif this != face and not ch.isspace():
            yield face, line[start:n]
            face, start = this, n
    if face is not None:
        yield face, line[start:]


def markup(line: str) -> str:
    """One line of plain text as Paragraph markup: shaped, in visual order, escaped, with a
    ``<font>`` tag around each run the text face cannot show."""
    out = []
    for face, run in _runs(visual(line)):
        text = escape(run)
        if face != TEXT_FACE:
            _face(face)  # registered before the paragraph names it
            text = f'<font name="{face}">{text}</font>'
        out.append(text)
    return "".join(out)


def needs_help(text: str) -> bool:
    """True when a text has characters outside what the text face shows by itself."""
    return any(ord(ch) >= 0x0590 for ch in text)
