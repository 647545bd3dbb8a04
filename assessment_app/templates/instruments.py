"""Scored instruments (AUDIT, DUDIT, ...): the instrument block, its checks and its scoring.

An instrument is data, like a template: items, answer options with scores, the total's range
and bands that read the total (optionally with other bands for women and for men). It is
written in its own file in ``resources/instruments/`` (format in ``docs/templates.md``) and
offered in the interview areas it names. The labels are short and in our own words; the
official wording of a validated instrument is never part of the project: a municipality may
drop it in as a separate wording file (:class:`Wording`), which the app then shows instead.

Nothing here imports Qt. Loading files and the registry are in :mod:`.instrument_files`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from assessment_app.templates.model import (
    Label,
    WholeNumber,
    _check_id,
    _Strict,
    shown,
)
from assessment_app.templates.validation import Loc, Problem, format_path

_ID = re.compile(r"[a-z][a-z0-9_]*")
_VALUE = re.compile(r"[a-z0-9][a-z0-9_]*")
_ID_RULE = "use a-z, 0-9 and _, starting with a letter"
SEXES = ("female", "male")
"""Keys of ``bands_by_sex``: which cut-offs apply when the worker chooses them."""
MAX_SCORE = 1000

Sex = Literal["female", "male"]


def _name(value: Any) -> Any:
    return _check_id(value, _ID, _ID_RULE) if isinstance(value, str) else value


class InstrumentOption(_Strict):
    value: str
    score: Annotated[WholeNumber, Field(ge=0, le=MAX_SCORE)]
    label: Label

    @field_validator("value", mode="before")
    @classmethod
    def _valid_value(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _check_id(value, _VALUE, "use a-z, 0-9 and _ (for example 'monthly')")
        return value


class InstrumentItem(_Strict):
    id: str
    label: Label
    """Our own short label for the worker (not the instrument's official wording)."""
    help: Label | None = None
    options: Annotated[list[InstrumentOption], Field(min_length=2)]

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        return _name(value)

    def option(self, value: str) -> InstrumentOption | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def lowest(self) -> int:
        return min(o.score for o in self.options)

    @property
    def highest(self) -> int:
        return max(o.score for o in self.options)


class ScoreRange(_Strict):
    min: Annotated[WholeNumber, Field(ge=0, le=MAX_SCORE * 100)]
    max: Annotated[WholeNumber, Field(ge=0, le=MAX_SCORE * 100)]

    @model_validator(mode="after")
    def _ordered(self) -> ScoreRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not be larger than max ({self.max})")
        return self


class Band(_Strict):
    """A part of the total's range, from ``from`` to ``to`` (both included), and what it means."""

    id: str
    low: Annotated[WholeNumber, Field(alias="from")]
    high: Annotated[WholeNumber, Field(alias="to")]
    label: Label
    interpretation: Label
    flag: StrictBool = False
    """``true``: a total in this band is above a cut-off (shown highlighted)."""

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        return _name(value)

    def covers(self, total: int) -> bool:
        return self.low <= total <= self.high


class Instrument(_Strict):
    id: str
    version: Annotated[WholeNumber, Field(ge=1)]
    title: Label
    description: Label | None = None
    source: Label
    """Who publishes the instrument, and its terms (``free to use``)."""
    areas: Annotated[list[str], Field(min_length=1)]
    """Ids of the interview areas the instrument is offered in."""
    item_scores: ScoreRange
    """The range every option's score must lie in."""
    total: ScoreRange
    """The range of the total; it must be what the items add up to."""
    items: Annotated[list[InstrumentItem], Field(min_length=1)]
    bands: Annotated[list[Band], Field(min_length=1)]
    """Used when no sex is chosen (or the instrument has no ``bands_by_sex``)."""
    bands_by_sex: dict[Sex, Annotated[list[Band], Field(min_length=1)]] = Field(
        default_factory=dict
    )

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: Any) -> Any:
        return _name(value)

    @field_validator("areas", mode="before")
    @classmethod
    def _area_ids(cls, value: Any) -> Any:
        if isinstance(value, list):
            for area in value:
                _name(area)
        return value

    @field_validator("bands_by_sex", mode="before")
    @classmethod
    def _known_sexes(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for key in value:
                if key not in SEXES:
                    raise ValueError(f"unknown key {shown(key)}; use {' or '.join(SEXES)}")
        return value

    @model_validator(mode="after")
    def _whole_instrument_checks(self, info: ValidationInfo) -> Instrument:
        context = info.context if isinstance(info.context, dict) else {}
        prefix: Loc = tuple(context.get("instrument_loc", ()))
        problems = [(prefix + loc, message) for loc, message in instrument_problems(self)]
        collector = context.get("problems")
        if isinstance(collector, list):
            collector.extend(problems)
        elif problems:
            raise ValueError("; ".join(f"{format_path(loc)}: {msg}" for loc, msg in problems))
        return self

    # --- lookups ----------------------------------------------------------------------------
    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def item(self, item_id: str) -> InstrumentItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    def bands_for(self, sex: str | None) -> list[Band]:
        if sex in SEXES:
            chosen = self.bands_by_sex.get(sex)  # type: ignore[call-overload]
            if chosen:
                return list(chosen)
        return list(self.bands)

    def band(self, band_id: str | None, sex: str | None = None) -> Band | None:
        """The band with this id in the bands used for ``sex``."""
        return next((b for b in self.bands_for(sex) if b.id == band_id), None)


def instrument_problems(instrument: Instrument) -> Iterator[Problem]:
    """Checks that need the whole instrument, each with its place in the instrument block."""
    seen: dict[str, int] = {}
    lo, hi = instrument.item_scores.min, instrument.item_scores.max
    for i, item in enumerate(instrument.items):
        if item.id in seen:
            yield ("items", i, "id"), f"item id {item.id!r} is also items[{seen[item.id]}]"
        seen.setdefault(item.id, i)
        values: dict[str, int] = {}
        for j, option in enumerate(item.options):
            loc: Loc = ("items", i, "options", j)
            if option.value in values:
                yield (
                    (*loc, "value"),
                    f"option {option.value!r} is also options[{values[option.value]}]",
                )
            values.setdefault(option.value, j)
            if not lo <= option.score <= hi:
                yield (
                    (*loc, "score"),
                    f"score {option.score} is outside the item scores {lo}..{hi} (item_scores)",
                )
    low = sum(item.lowest for item in instrument.items)
    high = sum(item.highest for item in instrument.items)
    if instrument.total.min != low:
        yield (
            ("total", "min"),
            f"total min is {instrument.total.min} but the items' lowest scores add up to {low}",
        )
    if instrument.total.max != high:
        yield (
            ("total", "max"),
            f"total max is {instrument.total.max} but the items' highest scores add up to {high}",
        )
    yield from _band_problems(("bands",), instrument.bands, instrument.total)
    for sex, bands in instrument.bands_by_sex.items():
        yield from _band_problems(("bands_by_sex", sex), bands, instrument.total)


def _band_problems(where: Loc, bands: list[Band], total: ScoreRange) -> Iterator[Problem]:
    """Bands in order must cover ``total.min..total.max`` exactly once: no gap, no overlap."""
    ids: dict[str, int] = {}
    for i, band in enumerate(bands):
        if band.id in ids:
            yield (
                (*where, i, "id"),
                f"band id {band.id!r} is also {format_path(where)}[{ids[band.id]}]",
            )
        ids.setdefault(band.id, i)
        if band.low > band.high:
            yield (*where, i, "to"), f"band {band.low}–{band.high}: 'to' is smaller than 'from'"
            return
    expected = total.min
    for i, band in enumerate(bands):
        if band.low > expected:
            gap = f"{expected}" if band.low - 1 == expected else f"{expected}–{band.low - 1}"
            yield (
                (*where, i, "from"),
                f"the bands leave a gap: no band covers {gap} (this band starts at {band.low})",
            )
        elif band.low < total.min:
            yield (
                (*where, i, "from"),
                f"band starts at {band.low}, below the lowest total {total.min}",
            )
        elif band.low < expected:
            other = next(
                (j for j, b in enumerate(bands[:i]) if b.low <= band.high and band.low <= b.high),
                None,
            )
            if other is not None:
                yield (
                    (*where, i, "from"),
                    f"band {band.low}–{band.high} overlaps {format_path(where)}[{other}] "
                    f"({bands[other].low}–{bands[other].high}); "
                    "bands are listed from the lowest score and must not overlap",
                )
            else:
                yield (
                    (*where, i, "from"),
                    f"band {band.low}–{band.high} comes after {format_path(where)}[{i - 1}] "
                    f"({bands[i - 1].low}–{bands[i - 1].high}); "
                    "bands are listed from the lowest score",
                )
        if band.high > total.max:
            yield (
                (*where, i, "to"),
                f"band ends at {band.high}, above the highest total {total.max}",
            )
        expected = max(expected, band.high + 1)
    if expected <= total.max:
        rest = f"{expected}" if expected == total.max else f"{expected}–{total.max}"
        yield where, f"the bands leave a gap: no band covers {rest} (the total goes to {total.max})"


# --- the official wording --------------------------------------------------------------------


class WordingItem(_Strict):
    text: Annotated[str, Field(min_length=1)]
    options: dict[str, Annotated[str, Field(min_length=1)]]


class Wording(_Strict):
    """The official wording of an instrument in one language, dropped in by a municipality."""

    instrument: str
    version: Annotated[WholeNumber, Field(ge=1)]
    """The instrument version the wording is for."""
    language: Literal["sv", "en"] = "sv"
    source: Annotated[str, Field(min_length=1)]
    """Where the wording comes from (publisher, edition, date fetched)."""
    title: str | None = None
    items: dict[str, WordingItem]

    @property
    def key(self) -> tuple[str, int]:
        return (self.instrument, self.version)


def wording_problems(wording: Wording, instrument: Instrument) -> Iterator[Problem]:
    """The wording must name every item and every option of its instrument, and nothing else."""
    items = {item.id: item for item in instrument.items}
    for item_id, text in wording.items.items():
        item = items.get(item_id)
        if item is None:
            yield ("items", item_id), f"{instrument.id} has no item {item_id!r}"
            continue
        known = {o.value for o in item.options}
        for value in text.options:
            if value not in known:
                yield (
                    ("items", item_id, "options", value),
                    f"item {item_id!r} has no option {value!r}",
                )
        for value in (o.value for o in item.options):
            if value not in text.options:
                yield ("items", item_id, "options"), f"the wording of option {value!r} is missing"
    for item_id in items:
        if item_id not in wording.items:
            yield ("items",), f"the wording of item {item_id!r} is missing"


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentScore:
    """The total of the answered items and, when every item is answered, its band."""

    total: int
    answered: int
    items: int
    band: Band | None
    sex: str | None

    @property
    def complete(self) -> bool:
        return self.answered == self.items


def score(
    instrument: Instrument, answers: Mapping[str, object], sex: str | None = None
) -> InstrumentScore:
    """Add up the chosen options' scores; an unknown item or value counts as not answered."""
    total = 0
    answered = 0
    for item in instrument.items:
        value = answers.get(item.id)
        option = item.option(value) if isinstance(value, str) else None
        if option is not None:
            total += option.score
            answered += 1
    band = None
    chosen = sex if sex in SEXES else None
    if answered == len(instrument.items):
        band = next((b for b in instrument.bands_for(chosen) if b.covers(total)), None)
    return InstrumentScore(total, answered, len(instrument.items), band, chosen)


def result_of(
    instrument: Instrument, answers: Mapping[str, object], sex: str | None
) -> dict[str, Any]:
    """What an assessment stores for one instrument: the answers and what they were read as."""
    result = score(instrument, answers, sex)
    return {
        "version": instrument.version,
        "answers": {k: v for k, v in answers.items() if isinstance(v, str) and instrument.item(k)},
        "sex": result.sex,
        "total": result.total,
        "answered": result.answered,
        "items": result.items,
        "band": result.band.id if result.band is not None else None,
    }


def clean_results(value: object) -> dict[str, dict[str, Any]]:
    """Stored instrument results as plain data; anything malformed is left out."""
    if not isinstance(value, dict):
        return {}
    clean: dict[str, dict[str, Any]] = {}
    for instrument_id, entry in value.items():
        if not isinstance(instrument_id, str) or not isinstance(entry, dict):
            continue
        answers = entry.get("answers")
        total = entry.get("total")
        if not isinstance(answers, dict) or not isinstance(total, int) or isinstance(total, bool):
            continue
        clean[instrument_id] = dict(entry)
    return clean


def is_complete(entry: Mapping[str, Any]) -> bool:
    """A stored result (:func:`result_of`) with every item answered: the only kind a follow-up
    compares with (the interview's "last time" and the comparison use this one rule)."""
    total = entry.get("total")
    items = entry.get("items")
    return (
        isinstance(total, int)
        and not isinstance(total, bool)
        and isinstance(items, int)
        and items > 0
        and entry.get("answered") == items
    )


@dataclass(frozen=True)
class Previous:
    """An instrument's result in an earlier assessment of the case, for the follow-up."""

    instrument_id: str
    conducted_on: str  # YYYY-MM-DD
    total: int
    complete: bool
    band: str | None
    band_label: Label | None = None
    """How the band read then (None when its instrument version is no longer installed)."""


def change(previous: Previous | None, current: InstrumentScore) -> int | None:
    """The change of the total since last time; None when either is incomplete or missing."""
    if previous is None or not previous.complete or not current.complete:
        return None
    return current.total - previous.total
