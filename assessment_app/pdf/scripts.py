"""Text in the scripts people write their names in: right-to-left shaping and a font for
every character.

- **Right to left.** A line holding Arabic is shaped (Arabic letters joined into their
  positional forms, ``arabic-reshaper``) and stays in logical order in the paragraph markup.
  reportlab lays out characters left to right as given, so a paragraph is wrapped in logical
  order and each printed line is then put in visual order on its own (:func:`levels` resolves
  the Unicode bidirectional algorithm's embedding levels with ``python-bidi`` for the whole
  paragraph, :func:`line_order` reorders one line, UAX #9 rules L1, L2; brackets are mirrored,
  L4): :class:`assessment_app.pdf.paragraph.TextParagraph` does that. Reordering before the
  wrap would print the lines of a long paragraph bottom first. Text without right-to-left
  letters is left as it is.
- **A font per character.** DejaVu Sans (the text face) covers Latin, Greek and Cyrillic. Arabic
  letters are set in Noto Sans Arabic (SIL OFL 1.1), and Chinese, Japanese and Korean in Droid
  Sans Fallback (Apache 2.0), whose outlines are TrueType (reportlab cannot embed CFF, which
  rules out the Noto CJK OpenType fonts). Emoji, and symbols none of those has, are set in
  Symbola (free for any use; monochrome, Unicode 9: reportlab cannot embed colour emoji fonts).
  Each run of characters the text face lacks is wrapped in a ``<font>`` tag of the face that
  has them; the fallback faces are registered the first time a character needs them. Only the
  glyphs used are embedded, so a PDF stays small.
- **Emoji.** reportlab sets one glyph per character, with no ligatures, so an emoji sequence
  prints as its parts: a flag (🇸🇪) as its two regional indicator letters, drawn boxed (🇸 🇪),
  a family joined with U+200D as its members side by side, a skin tone (👍🏽) as a colour swatch
  after the hand. The invisible parts of a sequence are dropped: variation selectors (U+FE0F
  after ❤), the zero-width joiner and tag characters.
- **Text extraction.** reportlab writes a character beyond U+FFFF into a font's ToUnicode map as
  its bare code point, so a copied or read-aloud emoji came out as a wrong character; this
  module replaces reportlab's map writer with one that writes UTF-16 surrogate pairs.
- **No silent boxes.** A character no bundled face has (an emoji newer than Unicode 9, say) is
  printed as U+FFFD REPLACEMENT CHARACTER (a question mark in a diamond) from the text face, so
  a reader sees that something is missing rather than an empty box that looks like a glyph.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Final
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from assessment_app.errors import ExportError
from assessment_app.resources import resource_path

TEXT_FACE: Final = "DejaVuSans"
ARABIC: Final = "NotoSansArabic"
CJK: Final = "DroidSansFallback"
EMOJI: Final = "Symbola"
REPLACEMENT: Final = "\ufffd"  # printed for a character no bundled face has
# face name -> (regular file, bold file)
_FALLBACKS: Final = {
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    CJK: ("DroidSansFallback.ttf", None),
    EMOJI: ("Symbola.ttf", None),
}
_RTL: Final = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC_SCRIPT: Final = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)

# The emoji blocks: set in the emoji face (where it has the character) even where the text face
# has a text-style glyph, so that ❤ and 😀 in one name look alike.
_EMOJI_BLOCKS: Final = re.compile("[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
# Invisible parts of emoji sequences: variation selectors, the zero-width joiner, tag characters.
_INVISIBLE: Final = re.compile("[\u200d\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef]")

_LEVEL: Final = re.compile(r"Level\(\s*(\d+),?\s*\)")  # in python-bidi's debug report
_ASTRAL_TARGET: Final = re.compile(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$", re.MULTILINE)


def _utf16(match: re.Match[str]) -> str:
    code = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
    return f"{match.group(1)}<{code}>"


def _to_unicode_with_astral(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs as the PDF format wants: reportlab writes the bare code point, which text
    extraction and screen readers read as a wrong BMP character. Unchanged for the rest."""
    return _ASTRAL_TARGET.sub(_utf16, _reportlab_to_unicode(fontname, subset))


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap
if getattr(_reportlab_to_unicode, "__name__", "") != _to_unicode_with_astral.__name__:
    ttfonts.makeToUnicodeCMap = _to_unicode_with_astral  # module global, looked up per PDF

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


def face_for(ch: str) -> str | None:
    """The face a character is set in; None when no bundled face has it."""
    if ord(ch) < 0x0250 or ch.isspace():  # Latin, the common case
        return TEXT_FACE
    if _ARABIC_SCRIPT.match(ch):
        return ARABIC
    if _EMOJI_BLOCKS.match(ch) and _covers(EMOJI, ch):
        return EMOJI
    if _covers(TEXT_FACE, ch):
        return TEXT_FACE
    if _covers(CJK, ch):
        return CJK
    if _covers(EMOJI, ch):
        return EMOJI
    return None


def printable(line: str) -> str:
    """A line with the invisible parts of emoji sequences dropped and every character no
    bundled face has replaced by :data:`REPLACEMENT`."""
    line = _INVISIBLE.sub("", line)
    return "".join(ch if face_for(ch) is not None else REPLACEMENT for ch in line)


def has_rtl(text: str) -> bool:
    """True when a text holds a right-to-left letter (Arabic, Hebrew, ...)."""
    return _RTL.search(text) is not None


def shaped(line: str) -> str:
    """A line with its Arabic letters joined into their positional forms, in logical order."""
    if not _ARABIC_SCRIPT.search(line):
        return line
    import arabic_reshaper

    return str(arabic_reshaper.reshape(line))


def levels(text: str) -> tuple[int, list[int]]:
    """The base level (0 left to right, 1 right to left: the first strong letter decides) and
    the resolved embedding level of each character of one bidi paragraph (UAX #9 up to rule
    I2, before the per-line rules). An odd level is right to left.

    The levels come from ``python-bidi``'s full implementation (the Rust ``unicode-bidi``,
    with bracket pairs, rule N0, so "(x)" in Arabic text keeps its brackets round the x),
    which hands them out only in its debug report (one level per UTF-8 byte); should that
    report ever not parse, the library's older Python implementation (no rule N0) is used."""
    from bidi import get_base_level, get_display

    if not text:
        return 0, []
    base = int(get_base_level(text))
    report = str(get_display(text, debug=True))
    _, found, rest = report.partition("levels:")
    per_byte = [int(level) for level in _LEVEL.findall(rest.partition("paragraphs:")[0])]
    if not found or len(per_byte) != len(text.encode("utf-8")):
        return _python_levels(text)
    out, at = [], 0
    for ch in text:
        out.append(per_byte[at])
        at += len(ch.encode("utf-8"))
    return base, out


def _python_levels(text: str) -> tuple[int, list[int]]:
    """:func:`levels` by ``python-bidi``'s Python implementation of UAX #9 (without bracket
    pairs). A character the algorithm removes (an embedding control, a soft hyphen) takes the
    level of the one before it."""
    from bidi import algorithm as uax9

    base = int(uax9.get_base_level(text))
    storage = uax9.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    uax9.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    resolved: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        resolved[char["index"]] = int(char["level"])
    out, previous = [], base
    for level in resolved:
        previous = previous if level is None else level
        out.append(previous)
    return base, out


def line_order(line: str, line_levels: Sequence[int], base: int) -> list[int]:
    """The indices of one printed line's characters in visual order, left to right.

    ``line_levels`` are the line's slice of :func:`levels` for its whole paragraph. Whitespace
    at the line end takes the base level (rule L1); then from the highest level down to the
    lowest odd one, every run at that level or higher is reversed (L2)."""
    marks = list(line_levels)
    end = len(line)
    while end > 0 and unicodedata.bidirectional(line[end - 1]) in ("WS", "BN"):
        end -= 1
        marks[end] = base
    order = list(range(len(line)))
    odd = [level for level in marks if level % 2]
    if not odd:
        return order
    for level in range(max(marks), min(odd) - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and marks[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = order[start:position][::-1]
                start = None
    return order


def mirrored(ch: str, level: int) -> str:
    """A character as drawn at ``level``: a bracket in right-to-left text mirrored (rule L4)."""
    if level % 2 and unicodedata.mirrored(ch):
        from bidi.mirror import MIRRORED

        return str(MIRRORED.get(ch, ch))
    return ch


def visual(line: str) -> str:
    """One line, on its own, in visual order: shaped, right-to-left runs reversed; a line
    without right-to-left letters unchanged. A paragraph that may wrap is reordered per printed
    line instead (:class:`assessment_app.pdf.paragraph.TextParagraph`)."""
    if not has_rtl(line):
        return line
    text = shaped(line)
    base, marks = levels(text)
    return "".join(mirrored(text[i], marks[i]) for i in line_order(text, marks, base))


def _runs(line: str) -> Iterator[tuple[str, str]]:
    face, start = None, 0
    for n, ch in enumerate(line):
        this = face_for(ch) or TEXT_FACE
        if face is None:
            face = this
        elif this != face and not (ch.isspace() and _covers(face, ch)):
            # A space stays in the run around it when that face has one (Symbola has none).
            yield face, line[start:n]
            face, start = this, n
    if face is not None:
        yield face, line[start:]


def markup(line: str) -> str:
    """One line of plain text as Paragraph markup: shaped, in logical order (a
    :class:`~assessment_app.pdf.paragraph.TextParagraph` puts each printed line in visual
    order), escaped, with a ``<font>`` tag around each run the text face cannot show
    (:func:`printable`)."""
    out = []
    for face, run in _runs(printable(shaped(line))):
        text = escape(run)
        if face != TEXT_FACE:
            _face(face)  # registered before the paragraph names it
            text = f'<font name="{face}">{text}</font>'
        out.append(text)
    return "".join(out)


def needs_help(text: str) -> bool:
    """True when a text has characters outside what the text face shows by itself."""
    return any(ord(ch) >= 0x0590 for ch in text)
