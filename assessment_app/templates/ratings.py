"""Area ratings: the person's own rating and the worker's rating of the need, 0-4, and flags.

The 0-4 steps follow the need scale Swedish social services know from ASI. The flags are kept
apart from the numbers: "not answered" is not the same as "no need".
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator

from assessment_app.templates.model import Label

FLAG_URGENT = "urgent"
FLAG_NOT_RELEVANT = "not_relevant"
FLAG_NOT_ANSWERED = "not_answered"
FLAGS: tuple[str, ...] = (FLAG_URGENT, FLAG_NOT_RELEVANT, FLAG_NOT_ANSWERED)

RATING_MIN = 0
RATING_MAX = 4

RATING_LABELS: dict[int, Label] = {
    0: Label(sv="Inget behov av stöd", en="No need of support"),
    1: Label(sv="Litet behov", en="Slight need"),
    2: Label(sv="Måttligt behov", en="Moderate need"),
    3: Label(sv="Betydande behov", en="Considerable need"),
    4: Label(sv="Mycket stort behov", en="Very great need"),
}
"""The worker's words for each step, also used in plans and PDFs."""

OWN_RATING_LABELS: dict[int, Label] = {
    0: Label(sv="Jag klarar det här själv", en="I manage this on my own"),
    1: Label(sv="Jag behöver lite hjälp", en="I need a little help"),
    2: Label(sv="Jag behöver en del hjälp", en="I need some help"),
    3: Label(sv="Jag behöver mycket hjälp", en="I need a lot of help"),
    4: Label(sv="Jag behöver hjälp med allt här", en="I need help with all of this"),
}
"""The same steps in the person's own voice, for showing the scale to them."""

FLAG_LABELS: dict[str, Label] = {
    FLAG_URGENT: Label(sv="Akut", en="Urgent"),
    FLAG_NOT_RELEVANT: Label(sv="Inte aktuellt", en="Not relevant"),
    FLAG_NOT_ANSWERED: Label(sv="Inte besvarat", en="Not answered"),
}

Rating = Annotated[StrictInt, Field(ge=RATING_MIN, le=RATING_MAX)]


class AreaRating(BaseModel):
    """One area's ratings as stored with an assessment."""

    model_config = ConfigDict(extra="forbid")

    own: Rating | None = None
    worker: Rating | None = None
    reason: StrictStr = ""
    flags: set[str] = Field(default_factory=set)

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, value: set[str]) -> set[str]:
        unknown = sorted(value - set(FLAGS))
        if unknown:
            raise ValueError(f"unknown flag(s) {unknown}; use: {', '.join(FLAGS)}")
        return value

    @property
    def is_rated(self) -> bool:
        """Rated by the worker, or deliberately marked as not relevant or not answered."""
        return self.worker is not None or bool(self.flags & {FLAG_NOT_RELEVANT, FLAG_NOT_ANSWERED})
