"""User text made safe for reportlab's Paragraph mini-markup.

A stray ``<`` or ``&`` in a note would otherwise break the layout or be read as a tag. Control
characters that reportlab cannot show are dropped; line breaks are kept as ``<br/>``. Long
words without spaces are split at the line end by the paragraph styles (``splitLongWords``).
"""

from __future__ import annotations

import re
from typing import Final
from xml.sax.saxutils import escape

from assessment_app.pdf import scripts
from assessment_app.pdf.scripts import needs_help

# Control characters, and lone surrogates (which cannot be encoded at all).
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS: Final = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")


def clean(value: str) -> str:
    """Plain text without control characters, with tabs as spaces and ``\\n`` line breaks."""
    value = _LINE_BREAKS.sub("\n", value)
    return _CONTROL.sub("", value.replace("\t", "    "))


def _line(line: str) -> str:
    if not needs_help(line):
        return escape(line)
    return scripts.markup(line)  # right to left shaped, other scripts in their own fonts


def para(value: str) -> str:
    """User (or fixed) text as Paragraph markup: escaped, newlines as ``<br/>``, right-to-left
    lines in visual order and every character in a bundled face that has it
    (:mod:`assessment_app.pdf.scripts`)."""
    return "<br/>".join(_line(line) for line in clean(value).split("\n"))


def bold(value: str) -> str:
    return f"<b>{para(value)}</b>"


def italic(value: str) -> str:
    return f"<i>{para(value)}</i>"


def one_line(value: str) -> str:
    """Text for a single canvas line (header, footer): line breaks become spaces."""
    return " ".join(clean(value).split())
