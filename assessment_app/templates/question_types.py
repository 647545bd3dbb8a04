"""The question types a template may use, and how conditions see their answers."""

from __future__ import annotations

from typing import Literal, get_args

QuestionType = Literal[
    "single_choice",
    "multiple_choice",
    "yes_no",
    "scale",
    "short_text",
    "long_text",
    "date",
    "number",
]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})
TEXT_TYPES = frozenset({"short_text", "long_text"})

# Which constraint rules make sense for which question type.
CONSTRAINT_RULES: dict[str, frozenset[str]] = {
    "number": frozenset({"min", "max", "integer"}),
    "short_text": frozenset({"min_length", "max_length"}),
    "long_text": frozenset({"min_length", "max_length"}),
    "date": frozenset({"not_in_future", "not_in_past", "earliest", "latest"}),
    "multiple_choice": frozenset({"min_selected", "max_selected"}),
    "single_choice": frozenset(),
    "yes_no": frozenset(),
    "scale": frozenset(),
}

# The kind of value a condition compares a question's answer with (see condition_check).
CONDITION_KIND: dict[str, str] = {
    "single_choice": "choice",
    "multiple_choice": "choices",
    "yes_no": "bool",
    "scale": "number",
    "number": "number",
    "date": "date",
    "short_text": "text",
    "long_text": "text",
}
