"""Names in the scripts people write: Chinese, Arabic (right to left, joined) and Swedish in
one PDF, each in a bundled face that has it, read back in the right order (issue 17, point 5).
Emoji in a name print from the bundled emoji face (Symbola), a character no face has as U+FFFD,
never as an empty box. The pages were also looked at (pdftoppm)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from assessment_app.pdf import scripts
from assessment_app.pdf.markup import para
from tests.conftest import World

CHINESE = "王小明"
ARABIC = "محمد علي"
SWEDISH = "Åsa Öberg"
# A flag (two regional indicators), a smiley, a heart with the emoji variation selector, a thumb
# with a skin tone, a family joined with U+200D, and 🥰 (Unicode 11, newer than Symbola).
SWEDE, SMILEY, HEART = "\U0001f1f8\U0001f1ea", "\U0001f600", "\u2764\ufe0f"
THUMB, FAMILY, NEWER = (
    "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f970",
)
EMOJI_NAME = f"Åsa {SWEDE} {SMILEY} {HEART} {THUMB} {FAMILY} {NEWER}"


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


def test_emoji_get_the_emoji_face_and_nothing_prints_as_a_silent_box() -> None:
    for ch in SWEDE + SMILEY + "\u2764" + THUMB:
        assert scripts.face_for(ch) == scripts.EMOJI, hex(ord(ch))
    assert scripts.face_for(NEWER) is None  # no bundled face has it
    printed = scripts.printable(EMOJI_NAME)
    # The invisible parts are gone; the unknown character shows as U+FFFD.
    assert "\ufe0f" not in printed and "\u200d" not in printed
    assert printed == f"Åsa {SWEDE} {SMILEY} \u2764 {THUMB} \U0001f468\U0001f469\U0001f467 \ufffd"
    assert all(scripts.face_for(ch) is not None for ch in printed)
    # Every character, spaces too, is set in a face that has it (Symbola has no space).
    for face, run in scripts._runs(printed):
        assert all(ord(ch) in scripts._face(face).face.charToGlyph for ch in run), (face, run)
    markup = para(EMOJI_NAME)
    assert f'<font name="{scripts.EMOJI}">{SWEDE}' in markup
    assert "\ufffd" in markup and NEWER not in markup


def _page_fonts(pdf: Path) -> dict[str, set[str]]:
    """Each page's font resources: base font name -> the characters set in it (ToUnicode)."""
    out: dict[str, set[str]] = {}
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+")[-1]
            cmap = font.get("/ToUnicode")
            chars = out.setdefault(name, set())
            if cmap is not None:
                data = cmap.get_object().get_data().decode("latin-1")
                for hexcode in re_hex(data):
                    chars.add(hexcode)
    return out


def re_hex(cmap: str) -> list[str]:
    """The characters a ToUnicode CMap maps to (UTF-16BE hex in its bfchar/bfrange lines)."""
    import re

    found = []
    for hexcode in re.findall(r"<([0-9A-Fa-f]{4,})>\s*$", cmap, flags=re.MULTILINE):
        try:
            found.append(bytes.fromhex(hexcode).decode("utf-16-be"))
        except (ValueError, UnicodeDecodeError):
            continue
    return found


def test_a_name_with_emoji_prints_and_reads_back(sqlite_world: World, tmp_path: Path) -> None:
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name=EMOJI_NAME, notes=f"{SMILEY} {HEART}")
    anna.plans.create(row.id)
    plan_pdf = tmp_path / "plan.pdf"
    anna.documents.export(row.case_ref, "individual", plan_pdf)
    access_pdf = tmp_path / "utdrag.pdf"
    anna.documents.subject_access_pdf(row.case_ref, access_pdf)
    for pdf in (plan_pdf, access_pdf):
        text = _text(pdf)
        # The characters come back: the flag's letters, the smiley, the heart, the thumb.
        for ch in (SWEDE, SMILEY, "\u2764", THUMB):
            assert ch in text, (pdf.name, hex(ord(ch[0])))
        assert "\ufffd" in text  # the one no face has, visibly replaced
        fonts = _page_fonts(pdf)
        assert "Symbola" in fonts, (pdf.name, sorted(fonts))
        # The emoji were set in the emoji face, not in the text face.
        assert {*SWEDE, SMILEY, "\u2764"} <= fonts["Symbola"], sorted(fonts["Symbola"])
        assert not {*SWEDE, SMILEY} & fonts.get("DejaVuSans", set())
    prefix = tmp_path / "emoji-page"
    subprocess.run(
        ["pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(access_pdf), str(prefix)],
        check=True,
    )
    (png,) = tmp_path.glob("emoji-page*.png")
    assert _inked_columns(png) > 100
