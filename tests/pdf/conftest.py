"""Fixtures for the PDF tests: sample plans and a small reader for rendered PDFs.

Test modules are imported with ``--import-mode=importlib``, so shared helpers are handed out as
fixtures rather than imported. The sample data itself lives in ``assessment_app.pdf.sample``
(also used by the benchmark and for previews).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from assessment_app.pdf import PlanDocument, labels, render_plan_pdf, sample_plan


@dataclass
class RenderedPdf:
    """A rendered PDF read back with pypdf: per-page text and helpers for assertions."""

    data: bytes
    reader: PdfReader
    pages: list[str]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        """All text with whitespace runs collapsed to one space (lines may wrap anywhere)."""
        return " ".join(" ".join(self.pages).split())

    @property
    def compact(self) -> str:
        """All text without any whitespace: for long words split across lines."""
        return re.sub(r"\s+", "", "".join(self.pages))

    def body_compact(self, doc: PlanDocument) -> str:
        """Like ``compact`` but without page headers and footers, so that text running over a
        page break reads as one piece again."""
        lang = doc.language
        state = labels.REVIEW_STATE_NAMES[lang][doc.review_state]
        furniture = [
            doc.municipality_name,
            doc.marking,
            labels.text(lang, "case_ref", ref=doc.case_ref),
            labels.text(lang, "version_state", version=doc.plan_version, state=state),
            labels.text(lang, "printed_on", date=doc.printed_on.isoformat()),
            "·",
        ]
        total = self.page_count
        pieces = []
        for number, page in enumerate(self.pages, start=1):
            flat = re.sub(r"\s+", "", page)
            page_label = labels.text(lang, "page_of", page=number, total=total)
            for item in [*furniture, page_label]:
                flat = flat.replace(re.sub(r"\s+", "", item), "", 1)
            pieces.append(flat)
        return "".join(pieces)

    def contains(self, value: str) -> bool:
        return " ".join(value.split()) in self.text

    def metadata(self) -> dict[str, str]:
        meta: Any = self.reader.metadata or {}
        return {str(key): str(value) for key, value in meta.items()}

    def fonts(self) -> Iterator[DictionaryObject]:
        """Every font dictionary reachable from page resources, form XObjects included."""
        for page in self.reader.pages:
            yield from _fonts_in(page.get("/Resources"))

    def image_count(self, page_index: int) -> int:
        resources = self.reader.pages[page_index].get("/Resources")
        if resources is None:
            return 0
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            return 0
        return sum(
            1
            for ref in xobjects.get_object().values()
            if ref.get_object().get("/Subtype") == "/Image"
        )


def _fonts_in(resources: Any) -> Iterator[DictionaryObject]:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            yield ref.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from _fonts_in(xobject.get("/Resources"))


def read_pdf(data: bytes) -> RenderedPdf:
    reader = PdfReader(io.BytesIO(data))
    return RenderedPdf(data, reader, [page.extract_text() or "" for page in reader.pages])


@pytest.fixture
def render() -> Callable[[PlanDocument], RenderedPdf]:
    """Render a plan and read it back."""

    def _render(doc: PlanDocument) -> RenderedPdf:
        return read_pdf(render_plan_pdf(doc))

    return _render


@pytest.fixture
def reader() -> Callable[[bytes], RenderedPdf]:
    return read_pdf


@pytest.fixture
def individual_plan() -> PlanDocument:
    return sample_plan("individual", "sv")


@pytest.fixture
def provider_plan() -> PlanDocument:
    return sample_plan("provider", "sv")


@pytest.fixture(scope="session")
def individual_pdf() -> RenderedPdf:
    return read_pdf(render_plan_pdf(sample_plan("individual", "sv")))


@pytest.fixture(scope="session")
def provider_pdf() -> RenderedPdf:
    return read_pdf(render_plan_pdf(sample_plan("provider", "sv")))
