"""A reportlab ``Paragraph`` that prints right-to-left text line by line in the right order.

reportlab lays characters out left to right as given, and its own bidi support needs
``rlbidi``, which is not available. Putting a whole paragraph in visual order before reportlab
wraps it prints a long Arabic paragraph bottom line first: the first printed line would hold
the logical end of the text. :class:`TextParagraph` lets reportlab wrap the shaped text in
logical order (:func:`assessment_app.pdf.markup.para` makes that markup), and just before the
lines are drawn puts each line in visual order on its own (the bidi levels are resolved for
each whole paragraph, a run of text between ``<br/>`` tags; :mod:`assessment_app.pdf.scripts`).
A right-to-left paragraph that takes more than one printed line is set flush right in a
left-aligned style; one that fits on one line stays where it was (flush left). Paragraphs
without right-to-left letters are drawn exactly as reportlab draws them.

Every paragraph made from :mod:`assessment_app.pdf.markup` text is a :class:`TextParagraph`
(``tests/pdf/test_paragraph.py`` checks that no renderer builds a plain one).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Flowable, Paragraph

from assessment_app.pdf import scripts

_OBJECT = "\ufffc"  # stands for an inline object (an image, an anchor) in the bidi text


def _is_break(frag: Any) -> bool:
    return bool(getattr(frag, "lineBreak", False)) and not getattr(frag, "text", "")


def _is_object(frag: Any) -> bool:
    return hasattr(frag, "cbDefn") or not getattr(frag, "text", "")


def _paragraphs(ends: Sequence[bool]) -> list[range]:
    """The printed lines grouped into bidi paragraphs: a ``<br/>`` ends one."""
    out, start = [], 0
    for n, end in enumerate(ends):
        if end:
            out.append(range(start, n + 1))
            start = n + 1
    if start < len(ends):
        out.append(range(start, len(ends)))
    return out


def _resolve(texts: Sequence[str]) -> list[tuple[int, list[int]]]:
    """(base level, levels) for each printed line of one bidi paragraph: the levels are
    resolved over the whole paragraph (the line breaks stand for the spaces they replaced)."""
    base, marks = scripts.levels(" ".join(texts))
    out, start = [], 0
    for text in texts:
        out.append((base, marks[start : start + len(text)]))
        start += len(text) + 1
    return out


def _visual_words(words: Sequence[str], marks: Sequence[int], base: int) -> list[str]:
    """A one-face line (reportlab's simple kind) in visual order, as its words."""
    text = " ".join(words)
    order = scripts.line_order(text, marks, base)
    return "".join(scripts.mirrored(text[i], marks[i]) for i in order).split(" ")


def _visual_frags(frags: Sequence[Any], marks: Sequence[int], base: int) -> list[Any]:
    """A line of styled fragments in visual order: each fragment cut where the order jumps,
    the pieces reordered, right-to-left text reversed and mirrored."""
    owner: list[tuple[int, int]] = []  # character -> (fragment, offset in it)
    for n, frag in enumerate(frags):
        size = 1 if _is_object(frag) else len(frag.text)
        owner.extend((n, k) for k in range(size))
    text = "".join(_OBJECT if _is_object(f) else f.text for f in frags)
    out: list[Any] = []
    piece: list[int] = []  # character indices of the piece being built

    def flush() -> None:
        if not piece:
            return
        frag = frags[owner[piece[0]][0]]
        if _is_object(frag):
            out.append(frag)
        else:
            out.append(frag.clone(text="".join(scripts.mirrored(text[i], marks[i]) for i in piece)))
        piece.clear()

    for i in scripts.line_order(text, marks, base):
        if piece:
            (last_frag, last_at), (frag_no, at) = owner[piece[-1]], owner[i]
            if frag_no != last_frag or abs(at - last_at) != 1 or _is_object(frags[frag_no]):
                flush()
        piece.append(i)
    flush()
    return out


class TextParagraph(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A ``Paragraph`` whose printed lines are each put in visual order (see the module)."""

    # Set on the parts of a split paragraph that took more than one line: a part printed on
    # one line at the top of the next page stays flush right with the lines before it.
    _many_lines = False

    blPara: Any  # the lines, set by reportlab's wrap()

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if not hasattr(self, "blPara"):
            self.wrap(avail_width, avail_height)
        many = self._many_lines or len(self.blPara.lines) > 1
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            if isinstance(part, TextParagraph):
                part._many_lines = many
        return parts

    def drawPara(self, debug: int = 0) -> None:  # reportlab's name
        visual = self._visual_lines()
        if visual is None:
            super().drawPara(debug)
            return
        lines, shifts = visual
        original = self.blPara
        own_offsets: list[float] | None = self.__dict__.get("_offsets")  # set by ImageAndFlowables
        offsets = list(own_offsets or [0.0])
        offsets += [offsets[-1]] * (len(lines) - len(offsets))
        blpara = copy.copy(original)
        blpara.lines = lines
        self.blPara = blpara
        self._offsets = [o + s for o, s in zip(offsets, shifts, strict=False)]
        try:
            super().drawPara(debug)
        finally:
            self.blPara = original
            if own_offsets is None:
                del self._offsets
            else:
                self._offsets = own_offsets

    def _visual_lines(self) -> tuple[list[Any], list[float]] | None:
        """The lines in visual order and each line's shift to the right; None when there is no
        right-to-left letter (the lines are drawn as they are)."""
        blpara = self.blPara
        lines = list(blpara.lines)
        simple = blpara.kind == 0
        if simple:
            texts = [" ".join(words) for _, words in lines]
            ends = [False] * len(lines)
            frag_lines: list[list[Any]] = []
        else:
            frag_lines = [list(line.words) for line in lines]
            ends = [bool(words) and _is_break(words[-1]) for words in frag_lines]
            frag_lines = [w[:-1] if end else w for w, end in zip(frag_lines, ends, strict=True)]
            texts = ["".join(_OBJECT if _is_object(f) else f.text for f in w) for w in frag_lines]
        if not any(scripts.has_rtl(text) for text in texts):
            return None
        flush_right = self.style.alignment == TA_LEFT and (self._many_lines or len(lines) > 1)
        out: list[Any] = []
        shifts: list[float] = []
        for group in _paragraphs(ends):
            for n, (base, marks) in zip(group, _resolve([texts[n] for n in group]), strict=True):
                if simple:
                    extra, words = lines[n]
                    out.append((extra, _visual_words(words, marks, base)))
                else:
                    extra = lines[n].extraSpace
                    words = _visual_frags(frag_lines[n], marks, base)
                    if ends[n]:
                        words.append(lines[n].words[-1])
                    out.append(lines[n].clone(words=words))
                shifts.append(max(0.0, extra) if flush_right and base % 2 else 0.0)
        return out, shifts
