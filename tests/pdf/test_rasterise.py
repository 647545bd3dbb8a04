"""The PDFs rasterise with poppler's pdftoppm: every page, nothing blank.

pdftoppm is a system tool (poppler-utils). Without it the test skips locally with a reason; in
CI (``CI=true``) a missing pdftoppm is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from assessment_app.pdf import render_plan_pdf, sample_plan


def _pdftoppm() -> str:
    path = shutil.which("pdftoppm")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm (poppler-utils) is required in CI but was not found")
        pytest.skip("pdftoppm (poppler-utils) is not installed; install it to run this test")
    return path


@pytest.mark.parametrize(
    ("audience", "language"),
    [("individual", "sv"), ("provider", "sv"), ("individual", "en"), ("provider", "en")],
)
def test_every_page_rasterises(tmp_path: Path, reader: Any, audience: Any, language: Any) -> None:
    tool = _pdftoppm()
    data = render_plan_pdf(sample_plan(audience, language))
    pages = reader(data).page_count
    source = tmp_path / "plan.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        [tool, "-r", "40", "-png", str(source), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image_path in images:
        with Image.open(image_path) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:128])
            assert dark > 500, f"{image_path.name} looks blank"
