"""How long a value may be: every field a person types has a maximum, checked in the core
before anything is sealed or stored, so a pasted megabyte is a clear message, not a record that
no export can print in reasonable time.

The limits are generous for real use (a name of 200 characters, a note of 4,000: about a page)
and small enough that the largest case still prints in a bounded number of pages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from assessment_app.errors import ValidationError

NAME = 200  # a person's name, a recipient, a witness, a responsible party
SHORT = 200  # an address line, a city, a phone number, an e-mail, a meeting place
FREE_TEXT = 4000  # notes, reasons, comments, goals, actions, follow-up and outcome
ANSWER = 4000  # one free-text answer in the interview
ANSWERS_TOTAL = 200_000  # all answers of one assessment together (as stored, JSON)
PLAN_TEXT = 1000  # one goal, or one field of an action (what, follow-up, outcome)
GOALS = 20  # goals in one plan
ACTIONS = 50  # actions in one plan


def too_long(label_en: str, label_sv: str, limit: int, length: int) -> ValidationError:
    return ValidationError(
        f"{label_en} is too long: {length:,} characters; at most {limit:,} are kept.",
        f"{label_sv} är för lång: {length:,} tecken; högst {limit:,} får plats.".replace(",", " "),
    )


def check(value: str | None, limit: int, label_en: str, label_sv: str) -> None:
    """Raise :class:`ValidationError` when ``value`` is longer than ``limit`` characters."""
    if value is not None and len(value) > limit:
        raise too_long(label_en, label_sv, limit, len(value))


def check_all(
    fields: Iterable[tuple[str | None, int, str, str]],
) -> None:
    for value, limit, en, sv in fields:
        check(value, limit, en, sv)


def check_count(count: int, limit: int, what_en: str, what_sv: str) -> None:
    if count > limit:
        raise ValidationError(
            f"Too many {what_en}: {count}; at most {limit}.",
            f"För många {what_sv}: {count}; högst {limit}.",
        )


def check_answers(answers: Mapping[str, Any]) -> None:
    """Each free-text answer, and all answers together."""
    for qid, value in answers.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and len(v) > ANSWER:
                raise too_long(f"The answer to {qid}", f"Svaret på {qid}", ANSWER, len(v))
    size = len(json.dumps(answers, ensure_ascii=False, default=str))
    if size > ANSWERS_TOTAL:
        raise too_long("The answers together", "Svaren tillsammans", ANSWERS_TOTAL, size)
