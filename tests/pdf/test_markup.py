"""User text is escaped before it reaches reportlab's paragraph markup."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from assessment_app.pdf.fonts import register_fonts
from assessment_app.pdf.markup import clean, one_line, para
from assessment_app.pdf.styles import build_styles


def test_markup_characters_are_escaped() -> None:
    assert para("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_newlines_become_breaks() -> None:
    assert para("rad 1\nrad 2\r\nrad 3\rrad 4") == "rad 1<br/>rad 2<br/>rad 3<br/>rad 4"


def test_control_characters_are_dropped_and_tabs_become_spaces() -> None:
    assert clean("a\x00b\x07c\td\x1b") == "abc    d"


def test_one_line_collapses_breaks() -> None:
    assert one_line("Ärende\n 12 \t 3") == "Ärende 12 3"


def test_escaped_text_parses_as_a_paragraph() -> None:
    styles = build_styles(register_fonts(), 12)
    paragraph = Paragraph(para('<para> & <font name="x"> </b> ]]> "\'\n<br/>'), styles.body)
    _width, height = paragraph.wrap(300, 1000)
    assert height > 0
