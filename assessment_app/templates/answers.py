"""Checking one stored answer against its question: shape first, then the constraint.

Answers come from the database as JSON, so any value may turn up; nothing here raises.
"""

from __future__ import annotations

import math
import re
from datetime import date

from assessment_app.templates.conditions import is_answered
from assessment_app.templates.model import Constraint, Label, Question

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

NOT_AN_OPTION = Label(
    sv="Svaret finns inte bland alternativen.", en="The answer is not one of the options."
)
NOT_A_LIST = Label(
    sv="Svaret ska vara ett eller flera av alternativen.",
    en="The answer should be one or more of the options.",
)
REPEATED_OPTION = Label(sv="Samma alternativ är valt två gånger.", en="An option is chosen twice.")
NOT_YES_NO = Label(sv="Svaret ska vara ja eller nej.", en="The answer should be yes or no.")
NOT_A_NUMBER = Label(sv="Svaret ska vara ett tal.", en="The answer should be a number.")
NOT_A_DATE = Label(
    sv="Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01.",
    en="Write the date as YYYY-MM-DD, for example 2024-03-01.",
)
NOT_TEXT = Label(sv="Svaret ska vara text.", en="The answer should be text.")


def parse_iso_date(value: object) -> date | None:
    """A date from a strict ``YYYY-MM-DD`` string, else None."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def is_number(value: object) -> bool:
    """An int or a finite float, not a bool. (``math.isfinite`` overflows on huge ints.)"""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def answer_problem(question: Question, value: object, today: date) -> Label | None:
    """Why an answer is not acceptable, or None. Unanswered values are never a problem here."""
    if not is_answered(value):
        return None
    shape = _shape_problem(question, value)
    if shape is not None:
        return shape
    constraint = question.constraint
    if constraint is not None and not _meets(constraint, question, value, today):
        return constraint.message
    return None


def _shape_problem(question: Question, value: object) -> Label | None:
    qtype = question.type
    if qtype == "single_choice":
        if not isinstance(value, str) or question.option(value) is None:
            return NOT_AN_OPTION
    elif qtype == "multiple_choice":
        return _choices_problem(question, value)
    elif qtype == "yes_no":
        if not isinstance(value, bool):
            return NOT_YES_NO
    elif qtype == "scale":
        scale = question.scale
        low, high = (scale.min, scale.max) if scale is not None else (0, 10)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return Label(
                sv=f"Välj ett värde från {low} till {high}.",
                en=f"Choose a value from {low} to {high}.",
            )
    elif qtype == "number":
        if not is_number(value):
            return NOT_A_NUMBER
    elif qtype == "date":
        if parse_iso_date(value) is None:
            return NOT_A_DATE
    elif not isinstance(value, str):
        return NOT_TEXT
    return None


def _choices_problem(question: Question, value: object) -> Label | None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return NOT_A_LIST
    if len(set(value)) != len(value):
        return REPEATED_OPTION
    for item in value:
        option = question.option(item)
        if option is None:
            return NOT_AN_OPTION
        if option.exclusive and len(value) > 1:
            return Label(
                sv=f"”{option.label.sv}” kan inte väljas tillsammans med andra svar.",
                en=f'"{option.label.text("en")}" cannot be chosen together with other answers.',
            )
    return None


def _meets(constraint: Constraint, question: Question, value: object, today: date) -> bool:
    """Whether a well-shaped answer follows the constraint's rules for its question type."""
    qtype = question.type
    if qtype == "number" and isinstance(value, int | float):
        if constraint.integer and isinstance(value, float) and not value.is_integer():
            return False
        if constraint.min is not None and value < constraint.min:
            return False
        return constraint.max is None or value <= constraint.max
    if qtype in ("short_text", "long_text") and isinstance(value, str):
        length = len(value.strip())
        if constraint.min_length is not None and length < constraint.min_length:
            return False
        return constraint.max_length is None or length <= constraint.max_length
    if qtype == "date":
        day = parse_iso_date(value)
        if day is None:
            return False
        return not (
            (constraint.not_in_future and day > today)
            or (constraint.not_in_past and day < today)
            or (constraint.earliest is not None and day < constraint.earliest)
            or (constraint.latest is not None and day > constraint.latest)
        )
    if qtype == "multiple_choice" and isinstance(value, list):
        if constraint.min_selected is not None and len(value) < constraint.min_selected:
            return False
        return constraint.max_selected is None or len(value) <= constraint.max_selected
    return True
