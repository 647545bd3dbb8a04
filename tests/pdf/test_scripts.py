"""Names in the scripts people write: Chinese, Arabic (right to left, joined) and Swedish in
one PDF, each in a bundled face that has it, read back in the right order (issue 17, point 5).
The pages were also looked at (pdftoppm)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from PIL import Image

from assessment_app.pdf import scripts
from assessment_app.pdf.markup import para
from tests.conftest import World

CHINESE = "王小明"
ARABIC = "محمد علي"
SWEDISH = "Åsa Öberg"


def _text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Arabic comes back as its positional forms; NFKC folds them to the letters. Directional
    # marks pdftotext adds around a right-to-left run are dropped.
    return unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")


def _fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def _inked_columns(png: Path) -> int:
    image = Image.open(png).convert("L")
    return sum(
        1
        for x in range(image.width)
        if any(image.getpixel((x, y)) < 128 for y in range(image.height))
    )


def test_each_script_gets_a_face_and_right_to_left_is_shaped() -> None:
    assert scripts.face_for("王") == scripts.CJK
    assert scripts.face_for("م") == scripts.ARABIC
    assert scripts.face_for("Å") == scripts.TEXT_FACE
    shaped = scripts.visual(ARABIC)
    # Joined (positional forms), and in visual order: the first word is printed rightmost.
    assert unicodedata.normalize("NFKC", shaped) == ARABIC[::-1]
    assert all(0xFE70 <= ord(c) <= 0xFEFC for c in shaped if c != " ")
    assert scripts.visual(SWEDISH) == SWEDISH
    assert para(SWEDISH) == SWEDISH  # plain text costs nothing
    assert '<font name="DroidSansFallback">' in para(f"{CHINESE} & {SWEDISH}")
    assert "&amp;" in para(f"{ARABIC} & <b>")


def test_three_scripts_print_and_read_back(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    people = [
        anna.cases.create(name=name, notes=f"{ARABIC} {CHINESE}")
        for name in (CHINESE, ARABIC, SWEDISH)
    ]
    for row, name in zip(people, (CHINESE, ARABIC, SWEDISH), strict=True):
        anna.plans.create(row.id)
        plan_pdf = tmp_path / f"plan-{row.case_ref}.pdf"
        anna.documents.export(row.case_ref, "individual", plan_pdf)
        access_pdf = tmp_path / f"utdrag-{row.case_ref}.pdf"
        anna.documents.subject_access_pdf(row.case_ref, access_pdf)
        for pdf in (plan_pdf, access_pdf):
            text = _text(pdf)
            assert name in text, (pdf.name, name)
        # The right face is embedded for the name's script.
        fonts = _fonts(access_pdf)
        assert "DroidSansFallback" in fonts and "NotoSansArabic" in fonts  # the notes
        prefix = tmp_path / f"page-{row.case_ref}"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(access_pdf), str(prefix)],
            check=True,
        )
        (png,) = tmp_path.glob(f"page-{row.case_ref}*.png")
        assert _inked_columns(png) > 100
    # Word order: the Arabic name reads back first word first (logical order), not reversed.
    text = _text(tmp_path / f"utdrag-{people[1].case_ref}.pdf")
    assert ARABIC in text and "علي محمد" not in text
