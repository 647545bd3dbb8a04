"""Every promise in docs/lifecycle.md and docs/templates.md is held by a named test.

A promise is a paragraph or list item that says what the product always, never, only or
every time does (see ``promises.PROMISE``). Each one carries a marker
``<!-- test: tests/path/test_x.py::test_name, ... -->`` naming the tests that hold it, or, for
advice no test can hold, ``<!-- no test: why -->``. This test fails when a promise has no
marker, or a marker names a file or a test function that does not exist (read with ast, so
nothing is imported or run).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.docs.promises import blocks

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("docs/lifecycle.md", "docs/templates.md")


@cache
def _test_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return frozenset(
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    )


def problems(doc: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with the document's markers, one line each (empty when all is well)."""
    found: list[str] = []
    where = doc.relative_to(root) if doc.is_relative_to(root) else doc
    for block in blocks(doc):
        if not block.is_promise:
            continue
        if not block.tests and block.exempt is None:
            found.append(f"{where}:{block.line}: a promise without a test: {block.fingerprint!r}")
        for reference in block.tests:
            file, _, name = reference.partition("::")
            path = root / file
            if not name or not file.startswith("tests/") or not file.endswith(".py"):
                found.append(f"{where}:{block.line}: not a test reference: {reference!r}")
            elif not path.is_file():
                found.append(f"{where}:{block.line}: no such test file: {file}")
            elif name not in _test_names(path):
                found.append(f"{where}:{block.line}: no test {name} in {file}")
    return found


@pytest.mark.parametrize("doc", DOCS)
def test_every_promise_in_the_docs_names_a_test_that_exists(doc: str) -> None:
    path = ROOT / doc
    marked = [b for b in blocks(path) if b.is_promise]
    assert len(marked) >= 20, "the promises were not found: is the parser broken?"
    assert problems(path) == []
    exempt = [b for b in marked if b.exempt is not None]
    assert len(exempt) <= 2, "no-test markers are for advice only"


def test_the_check_finds_a_promise_without_a_test_and_a_test_that_is_gone(tmp_path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Title\n\n"
        "Nothing is promised here.\n\n"
        "A closed case is never deleted early.\n\n"
        "- Every answer is kept.\n"
        "  <!-- test: tests/docs/test_doc_promises.py::test_no_such_test -->\n\n"
        "```\nevery line in a code block is not prose\n```\n\n"
        "Only a supervisor decides.\n"
        "<!-- test: tests/docs/test_doc_promises.py::"
        "test_every_promise_in_the_docs_names_a_test_that_exists -->\n\n"
        "Keep the copies away from the computer.\n<!-- no test: advice -->\n",
        encoding="utf-8",
    )
    found = problems(doc)
    assert len(found) == 2, found
    assert "a promise without a test: 'A closed case is never deleted early.'" in found[0]
    assert "no test test_no_such_test in tests/docs/test_doc_promises.py" in found[1]
