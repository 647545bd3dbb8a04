"""Atomic, owner-only writing of a PDF (see :mod:`assessment_app.fileio`)."""

from __future__ import annotations

from pathlib import Path

from assessment_app.fileio import write_private_atomic


def write_pdf_atomic(data: bytes, dest: Path) -> None:
    """Write ``data`` to ``dest`` atomically; raise ``ExportError`` on an OSError."""
    write_private_atomic(data, dest, what_en="the PDF", what_sv="PDF-filen")
