"""The template schema: what a YAML file in ``resources/templates/`` may contain.

Field checks live on the models; checks that need the whole template (unique ids, conditions
that name other questions, condition cycles) live in :mod:`.validation` and run when a
:class:`Template` is built. See ``docs/templates.md`` for the format as authors see it.

A file's scalars arrive as text (see :mod:`.yaml_source`); validated with the context
``{"from_file": True}``, the number and date fields read that text themselves, strictly:
decimal digits only, at most :data:`MAX_NUMBER_DIGITS` of them, ``YYYY-MM-DD`` for dates.
Python data (``Template.model_validate(dict)``) keeps strict types.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from assessment_app.templates.conditions import parse, references
from assessment_app.templates.question_types import QUESTION_TYPES, QuestionType
from assessment_app.templates.validation import format_path, template_problems, visibility_order
from assessment_app.templates.yaml_source import NULL

_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]*")
_TEMPLATE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_OPTION_VALUE = re.compile(r"[a-z0-9][a-z0-9_]*")
MAX_ID_LENGTH = 64
MAX_NUMBER_DIGITS = 15
_DIGITS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NO_LEADING_ZERO = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def shown(value: object, limit: int = 40) -> str:
    """``value`` for a message, cut short: a message never repeats a whole long value."""
    text = value if isinstance(value, str) else str(value)
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _from_file(info: ValidationInfo) -> bool:
    return isinstance(info.context, dict) and bool(info.context.get("from_file"))


def parse_number(text: str, *, whole: bool) -> int | float:
    """A number written in a template file; ValueError with an author's message otherwise."""
    kind = "a whole number" if whole else "a number"
    if not _DIGITS.fullmatch(text) or (whole and "." in text):
        example = "2" if whole else "2 or 2.5"
        raise ValueError(f"{shown(text)} is not {kind} (write digits, for example {example})")
    digits = sum(ch.isdigit() for ch in text)
    if digits > MAX_NUMBER_DIGITS:
        raise ValueError(f"number is too long ({digits} digits; at most {MAX_NUMBER_DIGITS})")
    if not _NO_LEADING_ZERO.fullmatch(text):
        raise ValueError(f"{shown(text)}: write the number without leading zeros")
    return float(text) if "." in text else int(text)


def _whole_number(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str) and _from_file(info):
        return parse_number(value, whole=True)
    return value


def _number(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str) and _from_file(info):
        return parse_number(value, whole=False)
    return value


def _date(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, str) and _from_file(info):
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{shown(value)} is not a date (write YYYY-MM-DD)") from None
    return value


WholeNumber = Annotated[StrictInt, BeforeValidator(_whole_number)]
Date = Annotated[date, BeforeValidator(_date)]


class _Strict(BaseModel):
    """Unknown fields are errors, so a misspelt key (``requierd``) never goes unnoticed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_id(value: str, pattern: re.Pattern[str], allowed: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"id is too long ({len(value)} characters; at most {MAX_ID_LENGTH})")
    if not pattern.fullmatch(value):
        raise ValueError(f"{value!r} is not a valid id: {allowed}")
    return value


class Label(_Strict):
    """User-facing text: Swedish always, English optional. A plain string means Swedish."""

    sv: Annotated[str, Field(min_length=1)]
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"sv": data}
        return data

    @field_validator("sv")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("Swedish text must not be empty")
        return value

    def text(self, language: str = "sv") -> str:
        """The text in ``language``; Swedish when there is no translation."""
        if language.lower().startswith("en") and self.en and self.en.strip():
            return self.en
        return self.sv


class Option(_Strict):
    value: str
    label: Label
    exclusive: StrictBool = False
    """For multiple choice: an answer such as "none of these" that excludes all others."""

    @field_validator("value", mode="before")
    @classmethod
    def _valid_value(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _check_id(value, _OPTION_VALUE, "use a-z, 0-9 and _ (for example 'own_lease')")
        if isinstance(value, bool | int | float):
            written = str(value).lower() if isinstance(value, bool) else repr(value)
            raise ValueError(f"option value {written} must be text; put it in quotes")
        return value


class Scale(_Strict):
    min: WholeNumber = 0
    max: WholeNumber = 10
    labels: dict[WholeNumber, Label] = Field(default_factory=dict)

    @field_validator("labels", mode="before")
    @classmethod
    def _steps_once(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, dict) and _from_file(info):
            steps: dict[int, str] = {}
            for key in value:
                try:
                    step = int(parse_number(key, whole=True)) if isinstance(key, str) else None
                except ValueError:
                    continue  # reported by the field's own validation
                if step is not None and step in steps:
                    raise ValueError(f"scale step {step} has two labels ({steps[step]!r}, {key!r})")
                if step is not None:
                    steps[step] = key
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"scale min ({self.min}) must be smaller than max ({self.max})")
        if self.max - self.min > 100:
            raise ValueError("a scale may have at most 101 steps")
        outside = sorted(k for k in self.labels if not self.min <= k <= self.max)
        if outside:
            raise ValueError(f"scale labels outside {self.min}..{self.max}: {outside}")
        return self


Number = Annotated[StrictInt | StrictFloat, BeforeValidator(_number)]


class Constraint(_Strict):
    """A rule an answer must follow, and the message shown when it does not.

    Which rules apply depends on the question type (checked in :mod:`.validation`).
    """

    min: Number | None = None
    max: Number | None = None
    integer: StrictBool = False
    min_length: Annotated[WholeNumber, Field(ge=0)] | None = None
    max_length: Annotated[WholeNumber, Field(ge=1)] | None = None
    not_in_future: StrictBool = False
    not_in_past: StrictBool = False
    earliest: Date | None = None
    latest: Date | None = None
    min_selected: Annotated[WholeNumber, Field(ge=0)] | None = None
    max_selected: Annotated[WholeNumber, Field(ge=1)] | None = None
    message: Label

    def rules(self) -> list[str]:
        """Names of the rules that are set."""
        names = [
            "min",
            "max",
            "integer",
            "min_length",
            "max_length",
            "not_in_future",
            "not_in_past",
            "earliest",
            "latest",
            "min_selected",
            "max_selected",
        ]
        return [name for name in names if getattr(self, name) not in (None, False)]


class SafetyCritical(_Strict):
    """Marks answers that need action now; the UI and the plan show them as urgent."""

    urgent_when: str
    message: Label


class Question(_Strict):
    id: str
    type: QuestionType
    label: Label
    help: Label | None = None
    required: StrictBool = False
    options: list[Option] = Field(default_factory=list)
    scale: Scale | None = None
    constraint: Constraint | None = None
    show_if: str | None = None
    safety_critical: SafetyCritical | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _check_id(value, _QUESTION_ID, "use a-z, 0-9 and _, starting with a letter")
        return value

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in QUESTION_TYPES:
            raise ValueError(
                f"unknown question type {shown(value)}; use one of: {', '.join(QUESTION_TYPES)}"
            )
        return value

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class RatingBlock(_Strict):
    """How an area is rated: the person's own view and the worker's judgement, both 0-4."""

    own_prompt: Label | None = None
    worker_prompt: Label | None = None
    reason_required_from: Annotated[WholeNumber, Field(ge=0, le=4)] | None = 2
    """A worker rating at or above this step needs a written reason; None: never required."""

    @field_validator("reason_required_from", mode="before")
    @classmethod
    def _null_is_never(cls, value: Any) -> Any:
        return None if value is NULL else value

    def needs_reason(self, worker_rating: int | None) -> bool:
        threshold = self.reason_required_from
        return worker_rating is not None and threshold is not None and worker_rating >= threshold


class Section(_Strict):
    """What areas and the consent section share: an id, a title, guidance and questions."""

    id: str
    title: Label
    help: Label | None = None
    questions: list[Question]

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _check_id(value, _QUESTION_ID, "use a-z, 0-9 and _, starting with a letter")
        return value


class Area(Section):
    """One part of life in the interview, with its questions and its rating block."""

    help: Label
    rating: RatingBlock = Field(default_factory=RatingBlock)


class ConsentSection(Section):
    """The conversation about consent and the agreement. Answered like an area, never rated."""

    id: str = "consent"


class Template(_Strict):
    id: str
    version: Annotated[WholeNumber, Field(ge=1)]
    title: Label
    description: Label | None = None
    consent: ConsentSection
    areas: Annotated[list[Area], Field(min_length=1)]

    _questions: dict[str, Question] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, str] = PrivateAttr(default_factory=dict)
    _areas: dict[str, Area] = PrivateAttr(default_factory=dict)
    _visibility_order: tuple[str, ...] | None = PrivateAttr(default=None)

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _check_id(value, _TEMPLATE_ID, "use a-z, 0-9, - and _")
        return value

    def model_post_init(self, context: Any, /) -> None:
        for question in self.consent.questions:
            self._questions.setdefault(question.id, question)
            self._section_of.setdefault(question.id, self.consent.id)
        for area in self.areas:
            self._areas.setdefault(area.id, area)
            for question in area.questions:
                self._questions.setdefault(question.id, question)
                self._section_of.setdefault(question.id, area.id)

    @model_validator(mode="after")
    def _whole_template_checks(self, info: ValidationInfo) -> Template:
        context = info.context if isinstance(info.context, dict) else {}
        strict = bool(context.get("strict", False))
        problems, order = template_problems(self, strict=strict)
        self._visibility_order = order
        collector = context.get("problems")
        if isinstance(collector, list):
            collector.extend(problems)
        elif problems:
            raise ValueError("; ".join(f"{format_path(loc)}: {msg}" for loc, msg in problems))
        return self

    # --- lookups ----------------------------------------------------------------------------

    def area(self, area_id: str) -> Area:
        """The area with this id; KeyError when there is none."""
        return self._areas[area_id]

    def question(self, question_id: str) -> Question:
        """The question with this id (consent or area); KeyError when there is none."""
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def all_questions(self) -> list[Question]:
        """Consent questions first, then each area's questions in order."""
        questions = list(self.consent.questions)
        for area in self.areas:
            questions.extend(area.questions)
        return questions

    def section_of(self, question_id: str) -> str:
        """The area id of a question, or the consent section's id; KeyError when unknown."""
        return self._section_of[question_id]

    def area_ids(self) -> list[str]:
        return [area.id for area in self.areas]

    def visibility_order(self) -> tuple[str, ...]:
        """Question ids ordered so every ``show_if`` is evaluated after what it reads."""
        if self._visibility_order is None:  # built without validation (model_construct)
            dependencies = {
                q.id: list(references(parse(q.show_if)))
                for q in self.all_questions()
                if q.show_if is not None
            }
            ids = [q.id for q in self.all_questions()]
            self._visibility_order, _ = visibility_order(ids, dependencies)
        return self._visibility_order

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def fingerprint(self) -> str:
        """SHA-256 of the template's content; store it to notice a released file being edited."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()
