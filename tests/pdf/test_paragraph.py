"""Right-to-left paragraphs that wrap over several lines print their lines top first (issue 17,
point 5): the text is wrapped in logical order and each printed line is then put in visual order
on its own (``pdf/paragraph.TextParagraph``); a multi-line right-to-left paragraph is set flush
right, a one-line one stays as before. Real PDFs, read back with pypdf and pdftotext; the pages
were also looked at (pdftoppm)."""

from __future__ import annotations

import ast
import re
import subprocess
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, SimpleDocTemplate

from assessment_app.pdf import scripts
from assessment_app.pdf.fonts import register_fonts
from assessment_app.pdf.markup import bold, para
from assessment_app.pdf.paragraph import TextParagraph
from assessment_app.pdf.styles import build_styles
from tests.conftest import World

# The Arabic numerals one to ten as words, four times and then one to three: where each word
# lands shows the order, and the last line is a short one.
NUMBERS = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة".split()  # noqa: SIM905
LONG_ARABIC = " ".join(NUMBERS * 4 + NUMBERS[:3])
# Arabic with digits and Latin words (a name, a city) inside, long enough to wrap.
MIXED = (
    "في عام 2024 زار محمد مدينة Stockholm مع أخيه وبقي هناك 14 يوما ثم عاد إلى البيت "
    "في الصباح الباكر مع صديقه Erik Svensson وكتب رسالة طويلة إلى أمه"
)
SHORT_ARABIC = "محمد علي"
SWEDISH = "Åsa Öberg skriver en lång text på svenska som också bryts över flera rader här"
LEFT, WIDTH = 72.0, 300.0
# Where text may go: the page margins and the frame's padding (6 pt each side).
TEXT_LEFT, TEXT_RIGHT = LEFT + 6, LEFT + WIDTH - 6
_MARKS = re.compile("[\u202a-\u202e\u200e\u200f]")


def _nfkc(text: str) -> str:
    """Arabic positional forms folded to the letters; the directional marks pdftotext puts
    around a run (where a space may be missing) read as spaces, runs of spaces as one."""
    return " ".join(_MARKS.sub(" ", unicodedata.normalize("NFKC", text)).split())


def _words(text: str) -> list[str]:
    return _nfkc(text).split()


def _build(path: Path, story: list[Flowable], pagesize: tuple[float, float]) -> None:
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=LEFT,
        rightMargin=pagesize[0] - LEFT - WIDTH,
        topMargin=36,
        bottomMargin=36,
    )
    doc.build(story)


def _paragraphs(path: Path, *texts: str, pagesize: tuple[float, float] = (444.0, 700.0)) -> None:
    styles = build_styles(register_fonts(), 12)
    _build(path, [TextParagraph(para(text), styles.body) for text in texts], pagesize)


def _lines(pdf: Path, rtl: bool | None = None) -> list[tuple[float, float, list[str]]]:
    """(xMin, xMax, words in reading order) of each printed line, top to bottom, page by page.

    The words and their places are pdftotext's boxes, taken left to right as drawn and read
    back as the bidi algorithm printed them: on a right-to-left line (``rtl``; by default one
    with a right-to-left word) from right to left, a run of left-to-right words
    (Latin, a number) within it left to right; on a left-to-right line the other way round.
    """
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    out = []
    for page in ElementTree.fromstring(xml).iter(f"{ns}page"):  # noqa: S314  # our own PDF
        found = []
        for line in page.iter(f"{ns}line"):
            boxes = sorted(
                (float(w.get("xMin", "0")), w.text or "") for w in line.iter(f"{ns}word")
            )
            words = [text for _, text in boxes]
            line_rtl = any(map(scripts.has_rtl, words)) if rtl is None else rtl
            found.append(
                (float(line.get("yMin", "0")), float(line.get("xMin", "0")),
                 float(line.get("xMax", "0")), _reading(words, line_rtl))
            )  # fmt: skip
        out += [(x0, x1, words) for _, x0, x1, words in sorted(found, key=lambda f: f[0])]
    return out


def _reading(drawn: list[str], rtl: bool) -> list[str]:
    """Words drawn left to right, in reading order (see :func:`_lines`). A right-to-left word
    is drawn last letter first; it is reversed before a lam-alef ligature is unfolded."""
    runs: list[list[str]] = []
    for word in drawn:
        if runs and scripts.has_rtl(runs[-1][-1]) == scripts.has_rtl(word):
            runs[-1].append(word)
        else:
            runs.append([word])
    if rtl:
        runs.reverse()
    out = []
    for run in runs:
        if scripts.has_rtl(run[0]):
            out += [_nfkc(word[::-1]) for word in reversed(run)]
        else:
            out += [_nfkc(word) for word in run]
    return out


def _pypdf_lines(pdf: Path) -> list[str]:
    return [
        _nfkc(line).strip()
        for page in PdfReader(pdf).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


def test_one_line_is_put_in_visual_order_as_the_bidi_algorithm_says() -> None:
    from bidi import get_display

    for text in (SHORT_ARABIC, "رقم 123-456 هنا", "abc محمد علي def", SWEDISH, MIXED):
        assert scripts.visual(text) == get_display(scripts.shaped(text)), text
    # Brackets in right-to-left text are mirrored (rule L4): "(علي)" looks right on paper.
    shaped = scripts.visual("محمد (علي)")
    assert shaped[0] == "(" and shaped[4] == ")" and _nfkc(shaped[1:4]) == "علي"[::-1]
    # A bracket pair takes the direction around it (rule N0): "(x)" in Arabic stays "(x)".
    assert "(x) [y]" in scripts.visual("محمد [y] (x) علي")
    # The Python implementation, used should the full one's report not parse, agrees where
    # there are no brackets.
    for text in (SHORT_ARABIC, MIXED, LONG_ARABIC, SWEDISH, f"{SWEDISH} {MIXED}"):
        assert scripts._python_levels(text) == scripts.levels(text), text
    # Rule L2 on a right-to-left line with a number: the digits keep their order.
    text = "أ 12 ب"
    base, marks = scripts.levels(text)
    assert base == 1 and marks == [1, 1, 2, 2, 1, 1]
    assert [text[i] for i in scripts.line_order(text, marks, base)] == list("ب 12 أ")
    # The markup stays in logical order (shaped): the paragraph reorders each printed line.
    assert _nfkc(para(SHORT_ARABIC).split(">")[1].split("<")[0]) == SHORT_ARABIC


def _grouped(read: list[list[str]], *texts: str, rest: bool = False) -> list[list[int]]:
    """The printed lines (their words, top to bottom) cut into the paragraphs ``texts``: each
    paragraph's lines, whose words must be exactly its words, in order; more lines after them
    only with ``rest``."""
    out: list[list[int]] = []
    n = 0
    for text in texts:
        wanted = text.split()
        words: list[str] = []
        group: list[int] = []
        while len(words) < len(wanted):
            words += read[n]
            group.append(n)
            n += 1
        assert words == wanted, (words, wanted)
        out.append(group)
    assert rest or n == len(read)
    return out


def test_a_long_arabic_paragraph_prints_its_first_line_on_top(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    _paragraphs(pdf, LONG_ARABIC, MIXED, SWEDISH, SHORT_ARABIC)
    lines = _lines(pdf)
    read = [words for _, _, words in lines]
    # Top to bottom the lines hold each text from its beginning to its end, each line in order.
    arabic, mixed, swedish, (name,) = _grouped(read, LONG_ARABIC, MIXED, SWEDISH, SHORT_ARABIC)
    assert len(arabic) >= 3 and len(mixed) >= 2 and len(swedish) >= 2  # they wrap
    assert read[arabic[0]][:3] == NUMBERS[:3]
    assert read[arabic[-1]][-2:] == NUMBERS[1:3]
    assert read[mixed[0]][:6] == ["في", "عام", "2024", "زار", "محمد", "مدينة"]
    # pypdf reads the same order.
    by_pypdf = _pypdf_lines(pdf)
    assert by_pypdf[0].split()[:3] == NUMBERS[:3]
    assert " ".join(by_pypdf[: len(arabic)]).split() == LONG_ARABIC.split()
    # Flush right: every line of a right-to-left paragraph ends at the right edge, and the
    # short last line starts further right than the full ones.
    for n in arabic + mixed:
        assert abs(lines[n][1] - TEXT_RIGHT) < 3, lines[n]
    assert lines[arabic[-1]][0] > lines[arabic[0]][0] + 40
    # Left-to-right text and the one-line Arabic name are where they always were: flush left.
    for n in swedish:
        assert abs(lines[n][0] - TEXT_LEFT) < 1, lines[n]
    assert abs(lines[name][0] - TEXT_LEFT) < 1 and lines[name][1] < TEXT_LEFT + 100


def test_a_labelled_left_to_right_paragraph_keeps_its_direction(tmp_path: Path) -> None:
    styles = build_styles(register_fonts(), 12)
    pdf = tmp_path / "labelled.pdf"
    _build(pdf, [TextParagraph(f"{bold('Anteckning:')} {para(LONG_ARABIC)}", styles.body)],
           (444.0, 700.0))  # fmt: skip
    lines = _lines(pdf, rtl=False)
    assert len(lines) >= 3
    # The label starts the first line at the left margin; the Arabic reads on in order.
    assert lines[0][2][0] == "Anteckning:" and abs(lines[0][0] - TEXT_LEFT) < 1
    assert [w for _, _, words in lines for w in words] == ["Anteckning:", *LONG_ARABIC.split()]


def test_a_paragraph_split_over_two_pages_goes_on_in_order(tmp_path: Path) -> None:
    pdf = tmp_path / "split.pdf"
    text = " ".join(NUMBERS * 12 + NUMBERS[:3])
    _paragraphs(pdf, text, pagesize=(444.0, 72 + 16 * 5))  # room for a few lines a page
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    lines = _lines(pdf)
    assert len(lines[-1][2]) < 5  # the last line is short
    assert [w for _, _, words in lines for w in words] == text.split()
    # Every line, the ones at the top of a page too, ends at the right margin.
    assert all(abs(x1 - TEXT_RIGHT) < 3 for _, x1, _ in lines), lines

    # A style that lets a paragraph leave one line for the next page: that line stays flush
    # right with the ones before it, though it is a one-line paragraph of its own there.
    body = build_styles(register_fonts(), 12).body
    style = ParagraphStyle("widows", parent=body, allowWidows=1)
    whole = TextParagraph(para(text), style)
    width = TEXT_RIGHT - TEXT_LEFT
    whole.wrap(width, 10_000)
    count = len(whole.blPara.lines)
    _first, rest = whole.split(width, (count - 1) * style.leading + 0.5)
    alone = tmp_path / "alone.pdf"
    _build(alone, [rest], (444.0, 700.0))
    ((x0, x1, words),) = _lines(alone)
    assert words == text.split()[-len(words) :] and abs(x1 - TEXT_RIGHT) < 3 and x0 > TEXT_LEFT + 40


def test_long_arabic_notes_print_in_order_in_the_subject_access_pdf(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name=SHORT_ARABIC, notes=f"{LONG_ARABIC}\n{MIXED}")
    pdf = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(row.case_ref, pdf)
    (label,) = [line for line in _lines(pdf) if line[2] == ["Anteckningar"]]
    lines = [line for line in _lines(pdf) if line[0] > label[1]]  # the value column
    read = [words for _, _, words in lines]
    start = next(n for n, words in enumerate(read) if words[:2] == NUMBERS[:2])
    arabic, mixed = _grouped(read[start:], LONG_ARABIC, MIXED, rest=True)
    assert len(arabic) >= 2 and len(mixed) >= 2
    assert read[start + mixed[0]][:3] == ["في", "عام", "2024"]
    # In the table cell too, the lines of each note are flush right, the short one included.
    places = [lines[start + n][:2] for n in arabic + mixed]
    assert max(x1 for _, x1 in places) - min(x1 for _, x1 in places) < 1, places
    assert places[len(arabic) - 1][0] > places[0][0] + 20


def test_every_renderer_builds_its_paragraphs_as_text_paragraphs() -> None:
    """A plain reportlab Paragraph would print the logical-order markup of markup.para left to
    right, Arabic backwards: no module that makes that markup may build one."""
    root = Path(__file__).resolve().parents[2] / "assessment_app"
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_markup = plain = False
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "assessment_app.pdf.markup":
                uses_markup |= any(a.name in {"para", "bold", "italic"} for a in node.names)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportlab"):
                plain |= any(a.name == "Paragraph" for a in node.names)
        if uses_markup and plain:
            offenders.append(path.relative_to(root).as_posix())
    assert offenders == []
