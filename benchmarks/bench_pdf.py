"""PDF rendering speed against a plain reportlab document with the same text, same run.

For each audience (the individual's plan, the provider's assignment) of a fully filled
14-area plan (``sample_plan``), the median time of ``render_plan_pdf`` is compared with the
median time of a plain reportlab document: ``SimpleDocTemplate`` with one ``Paragraph`` per
line of the text the app's PDF shows (extracted from it with pypdf, so the same text content),
in the same embedded TTF fonts (the app's DejaVu faces from resources/fonts, registered the
app's way; each face the app's PDF embeds is used). The two are interleaved; the first render
of each (imports, font registration, caches) is a warm-up and is not counted.

- pdf_individual_ms, pdf_provider_ms: the app's documents (for information);
- pdf_individual_plain_ms, pdf_provider_plain_ms: the plain documents;
- pdf_individual_ratio, pdf_provider_ratio: app / plain (target <= 2 each).

Run alone with ``python -m benchmarks.bench_pdf``.
"""

from __future__ import annotations

import io
import json
import logging
import statistics
import time
from collections.abc import Callable
from typing import Final
from xml.sax.saxutils import escape

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from assessment_app.pdf import PlanDocument, render_plan_pdf, sample_plan
from assessment_app.pdf.fonts import DEJAVU, register_fonts

RUNS: Final = 15


def _embedded_faces(pdf: bytes) -> set[str]:
    """The DejaVu faces a PDF embeds (subset fonts are named ``ABCDEF+DejaVuSans-Bold``)."""
    faces = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            name = str(ref.get_object().get("/BaseFont", "")).lstrip("/")
            faces.add(name.split("+", 1)[-1])
    return faces


def plain_document(pdf: bytes) -> Callable[[], bytes]:
    """A renderer of the plain reportlab document with the text and faces of ``pdf``."""
    register_fonts()
    reader = PdfReader(io.BytesIO(pdf))
    pages = [
        [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        for page in reader.pages
    ]
    faces = _embedded_faces(pdf)
    regular = ParagraphStyle("plain", fontName=DEJAVU.regular, fontSize=10, leading=13)
    bold = ParagraphStyle("plain-bold", parent=regular, fontName=DEJAVU.bold)
    italic = ParagraphStyle("plain-italic", parent=regular, fontName=DEJAVU.italic)

    def style(number: int, count: int) -> ParagraphStyle:
        if number == 0 and DEJAVU.bold in faces:
            return bold
        if number == count - 1 and DEJAVU.italic in faces:
            return italic
        return regular

    lines = [(line, style(n, len(page))) for page in pages for n, line in enumerate(page)]

    def render() -> bytes:
        out = io.BytesIO()
        story = [Paragraph(escape(text), paragraph_style) for text, paragraph_style in lines]
        SimpleDocTemplate(out, pagesize=A4, initialFontName=DEJAVU.regular).build(story)
        return out.getvalue()

    return render


def _compare(doc: PlanDocument, runs: int) -> tuple[float, float]:
    """Median milliseconds of the app's render and of the plain one, interleaved."""
    plain = plain_document(render_plan_pdf(doc))  # also the app's warm-up
    plain()  # warm-up
    app_ms, plain_ms = [], []
    for _ in range(runs):
        start = time.perf_counter()
        render_plan_pdf(doc)
        app_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        plain()
        plain_ms.append((time.perf_counter() - start) * 1000)
    return statistics.median(app_ms), statistics.median(plain_ms)


def run(runs: int = RUNS) -> dict[str, float]:
    # The sample plan has a task for another provider on purpose; its warning, once per
    # render, is not news here.
    logging.getLogger("assessment_app.pdf.provider").setLevel(logging.ERROR)
    results: dict[str, float] = {}
    for audience in ("individual", "provider"):
        app_ms, plain_ms = _compare(sample_plan(audience, "sv"), runs)
        results[f"pdf_{audience}_ms"] = round(app_ms, 2)
        results[f"pdf_{audience}_plain_ms"] = round(plain_ms, 2)
        results[f"pdf_{audience}_ratio"] = app_ms / plain_ms
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
