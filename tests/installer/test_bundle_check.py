"""The in-bundle checks (``assessment-app --bundle-check``) run against the source tree: every
check but "frozen build" must pass here, so a failure inside a build points at the bundle."""

from __future__ import annotations

import pytest

from tests.installer.conftest import load_script

bundle_check = load_script("bundle_check.py")
SOURCE_CHECKS = [(name, check) for name, check in bundle_check.CHECKS if name != "frozen build"]


@pytest.mark.parametrize(("name", "check"), SOURCE_CHECKS, ids=[n for n, _ in SOURCE_CHECKS])
def test_check_passes_from_the_source_tree(qapp, name, check):
    assert check()


def test_frozen_check_fails_outside_a_build():
    with pytest.raises(RuntimeError, match="not running from a PyInstaller build"):
        bundle_check.check_frozen()


def test_a_missing_resource_is_reported(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("ASSESSMENT_RESOURCES", str(tmp_path))  # an empty resources folder
    with pytest.raises(RuntimeError, match="resources/templates"):
        bundle_check.check_resources()
    assert bundle_check.main() == 1
    out = capsys.readouterr().out
    assert "FAIL bundled resources" in out
    assert "FAIL frozen build" in out
