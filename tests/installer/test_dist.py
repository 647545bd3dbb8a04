"""Build the real bundle with PyInstaller and check it (installer/check_dist.py): the built
app passes --self-test offscreen, its bundle check, `template check` and a command-line run.

Slow (about a minute to build on two cores): runs only with ASSESSMENT_TEST_DIST=1, which
`make test-dist` sets."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.installer.conftest import INSTALLER, load_script

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("ASSESSMENT_TEST_DIST") != "1",
        reason="builds the PyInstaller bundle; run with ASSESSMENT_TEST_DIST=1 (make test-dist)",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    pytest.importorskip("PyInstaller", reason="pip install -e '.[dist]'")
    root = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [
            sys.executable,
            str(INSTALLER / "build.py"),
            "--dist",
            str(root / "dist"),
            "--work",
            str(root / "work"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root / "dist" / "assessment-app"


def test_built_app_passes_every_check(bundle):
    check_dist = load_script("check_dist.py")
    lines: list[str] = []
    failed = check_dist.run_checks(bundle, lines.append)
    report = "\n".join(lines)
    print(report)
    assert failed == 0, report
    assert "PASS self-test" in report
    assert "PASS template check" in report


def test_bundle_carries_the_licences(bundle):
    licences = bundle / "_internal" / "resources" / "licenses"
    assert (licences / "LGPL-3.0.txt").is_file()
    assert (licences / "GPL-3.0.txt").is_file()
    assert any((licences / "DejaVu-fonts").iterdir())
    assert any(p.name.upper().startswith("LICENSE") for p in (licences / "reportlab").rglob("*"))
