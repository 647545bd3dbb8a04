"""Shared fixtures for the template tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assessment_app.resources import resource_path
from assessment_app.templates import Template, load_template

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = resource_path("templates", "kartlaggning-avhopp-v1.yaml")

# A small, valid template (lenient mode) used as the starting point of the loader tests.
# Line numbers matter: tests point at lines of this text.
BASE_YAML = """\
id: demo
version: 1
title:
  sv: Demomall
  en: Demo template
consent:
  title: Samtycke
  questions:
    - id: informed
      type: yes_no
      label: Har du fått information?
      required: true
areas:
  - id: housing
    title: Boende
    help: Om boendet.
    questions:
      - id: housing_type
        type: single_choice
        label: Hur bor du?
        options:
          - value: own
            label: Eget
          - value: none
            label: Ingenstans
      - id: housing_note
        type: long_text
        label: Berätta mer.
        show_if: 'housing_type == "none"'
  - id: money
    title: Ekonomi
    help: Om pengar.
    questions:
      - id: debt
        type: number
        label: Hur stora skulder?
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``fragment``."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return hits[occurrence - 1]


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    def _write(text: str | bytes, name: str = "template.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def shipped() -> Template:
    return load_template(SHIPPED)


@pytest.fixture(scope="session")
def tiny_v1() -> Template:
    return load_template(FIXTURES / "tiny-v1.yaml", strict=False)


@pytest.fixture(scope="session")
def tiny_v2() -> Template:
    return load_template(FIXTURES / "tiny-v2.yaml", strict=False)


@pytest.fixture
def base_yaml() -> str:
    return BASE_YAML


@pytest.fixture
def find_line() -> Callable[..., int]:
    return line_of
