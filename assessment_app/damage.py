"""The one marker for a value the app could not read back as it wrote it.

A stored value whose bytes are not what the app wrote (a ciphertext that fails its check, a
timestamp that does not parse, a NULL where none may be ...) is *damaged*. Everywhere a value is
shown or exported (screen, JSON, PDF) a damaged one is marked with the same words, never shown as
empty, and the use case that read it records a :class:`Damage` (audited where the transaction
writes). Both the hardening work (corrupt rows) and the outputs (exports, PDFs) use this module,
so there is one marker, not one per screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DAMAGED = "[skadat värde]"
DAMAGED_EN = "[damaged value]"

# In JSON a damaged value is this object in the value's place (never ``null``, ``[]`` or absent).
JSON_KEY = "damaged"


@dataclass(frozen=True)
class Damage:
    """One damaged stored value: which table, column and row."""

    table: str
    column: str
    row_id: str


def marker(lang: str = "sv") -> str:
    """The words shown in place of a damaged value."""
    return DAMAGED_EN if lang == "en" else DAMAGED


def json_marker(table: str, column: str) -> dict[str, Any]:
    """What a JSON export writes in place of a damaged value."""
    return {JSON_KEY: True, "table": table, "column": column, "text": DAMAGED}


def is_json_marker(value: object) -> bool:
    return isinstance(value, dict) and value.get(JSON_KEY) is True


class DamagedValue:
    """Mixed into the stand-ins the database layer returns for a stored value it cannot read
    as the app wrote it (see :mod:`assessment_app.db.types`): each shows as :data:`DAMAGED`."""

    damaged = True

    def __str__(self) -> str:
        return DAMAGED

    def __format__(self, spec: str) -> str:
        return DAMAGED


def is_damaged(value: object) -> bool:
    """Is ``value`` a stand-in for a damaged stored value (or the JSON marker)?"""
    return isinstance(value, DamagedValue) or is_json_marker(value)
