"""Reading the promises out of a Markdown document (for test_doc_promises)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# A paragraph or list item that says what the product always or never does.
PROMISE = re.compile(
    r"\b(never|always|every|only|must|refuse[sd]?|cannot|kept|keeps|stays?)\b", re.IGNORECASE
)
MARKER = re.compile(r"<!--\s*test:\s*(.*?)\s*-->")
# A promise that no test can hold (advice to the reader), with the reason said.
NO_TEST = re.compile(r"<!--\s*no test:\s*(\S.*?)\s*-->")


@dataclass
class Block:
    path: Path
    line: int  # 1-based, the block's first line
    text: str
    tests: list[str] = field(default_factory=list)  # "tests/x.py::name"

    @property
    def prose(self) -> str:
        return NO_TEST.sub("", MARKER.sub("", self.text))

    @property
    def is_promise(self) -> bool:
        return bool(PROMISE.search(self.prose))

    @property
    def exempt(self) -> str | None:
        """The stated reason when the block is marked as needing no test."""
        found = NO_TEST.search(self.text)
        return found.group(1) if found else None

    @property
    def fingerprint(self) -> str:
        return " ".join(self.prose.split())[:70]


def blocks(path: Path) -> list[Block]:
    """Paragraphs and list items (not code, tables or headings), with their test markers."""
    out: list[Block] = []
    current: list[str] = []
    start = 0
    fenced = False

    def flush() -> None:
        nonlocal current
        if current:
            text = "\n".join(current)
            tests = [t.strip() for m in MARKER.findall(text) for t in m.split(",") if t.strip()]
            out.append(Block(path, start, text, tests))
        current = []

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            fenced = not fenced
            continue
        if fenced:
            continue
        marker = MARKER.fullmatch(stripped)
        if marker and out and not current:
            out[-1].tests += [t.strip() for t in marker.group(1).split(",")]
            continue
        if not stripped or stripped.startswith(("#", "|")):
            flush()
            continue
        if re.match(r"(\s*[-*] |\s*\d+\. )", line) and current:
            flush()
        if not current:
            start = number
        current.append(line)
    flush()
    return out
