"""Follow-up comparison: each area's ratings over time, and what changed most recently.

Areas are matched by id across template versions (:func:`templates.compare_ratings`), so a
follow-up made on a newer template version is set beside the earlier assessments for every
area they share. The series feed the radar overlay; the change table compares the latest two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from assessment_app.errors import TemplateError
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.templates import (
    AreaRating,
    Label,
    RatingChange,
    Template,
    added_areas,
    compare_ratings,
    default_registry,
    removed_areas,
)

if TYPE_CHECKING:
    from assessment_app.templates.instrument_files import InstrumentRegistry


@dataclass(frozen=True)
class AssessmentPoint:
    assessment_id: str
    kind: str  # initial | follow_up
    status: str  # in_progress | complete
    conducted_on: date
    template_version: int


@dataclass(frozen=True)
class AreaRatingPoint:
    assessment_id: str
    own: int | None
    worker: int | None
    flags: frozenset[str]


@dataclass(frozen=True)
class AreaSeries:
    """One area across assessments, oldest first (None where that assessment lacks the area)."""

    area_id: str
    title: Label
    points: list[AreaRatingPoint | None]


@dataclass(frozen=True)
class FollowUpChanges:
    assessments: list[AssessmentPoint]  # oldest first
    series: list[AreaSeries]  # in the latest template's order, then areas it dropped
    changes: list[RatingChange]  # latest two, shared areas; empty with fewer than two
    added_areas: list[str]  # only in the latest of the two
    removed_areas: list[str]  # only in the earlier of the two
    instruments: list[InstrumentChange] = field(default_factory=list)


@dataclass(frozen=True)
class InstrumentChange:
    """A scored instrument (AUDIT, DUDIT) in the latest assessment that has it filled in, and
    in the one before that has it (None when there is none)."""

    instrument_id: str
    title: Label
    maximum: int
    now_on: date
    now_total: int
    now_band: Label | None
    before_on: date | None
    before_total: int | None
    before_band: Label | None = None
    """How the earlier total read (in the instrument version and cut-offs it was made with)."""

    @property
    def delta(self) -> int | None:
        return None if self.before_total is None else self.now_total - self.before_total


def instrument_changes(assessments: Sequence[AssessmentInfo]) -> list[InstrumentChange]:
    """Per instrument, the latest two completely answered results (assessments oldest first)."""
    from assessment_app.templates.instrument_files import default_instruments
    from assessment_app.templates.instruments import is_complete

    registry = default_instruments()
    found: dict[str, list[tuple[date, dict[str, object]]]] = {}
    for a in assessments:
        for instrument_id, entry in a.instruments.items():
            if is_complete(entry):
                found.setdefault(instrument_id, []).append((a.conducted_on, entry))
    changes = []
    for instrument_id, results in sorted(found.items()):
        now_on, now = results[-1]
        version = now.get("version")
        inst = registry.get(instrument_id, version) if isinstance(version, int) else None
        if inst is None:
            continue
        band = _band_label(registry, instrument_id, now)
        before = results[-2] if len(results) >= 2 else None
        changes.append(
            InstrumentChange(
                instrument_id,
                inst.title,
                inst.total.max,
                now_on,
                int(str(now["total"])),
                band,
                before[0] if before else None,
                int(str(before[1]["total"])) if before else None,
                _band_label(registry, instrument_id, before[1]) if before else None,
            )
        )
    return changes


def _band_label(
    registry: InstrumentRegistry, instrument_id: str, entry: dict[str, object]
) -> Label | None:
    """The stored band's label in the version and cut-offs the result was made with."""
    version, sex, band_id = entry.get("version"), entry.get("sex"), entry.get("band")
    inst = registry.get(instrument_id, version) if isinstance(version, int) else None
    if inst is None or not isinstance(band_id, str):
        return None
    band = inst.band(band_id, sex if isinstance(sex, str) else None)
    return band.label if band is not None else None


def _ratings(info: AssessmentInfo) -> dict[str, AreaRating]:
    result: dict[str, AreaRating] = {}
    for area_id, value in info.ratings.items():
        try:
            result[area_id] = AreaRating(**value)
        except (TypeError, ValueError):
            continue
    return result


def follow_up_changes(
    assessments: Sequence[AssessmentInfo], *, include_in_progress: bool = True
) -> FollowUpChanges:
    """Ratings per area for every assessment of the case (oldest first), and the changes
    between the last two."""
    infos = [a for a in assessments if include_in_progress or a.status == "complete"]
    registry = default_registry()
    templates: dict[tuple[str, int], Template] = {}
    for a in infos:
        key = (a.template_id, a.template_version)
        if key not in templates:
            try:
                templates[key] = registry.get(*key)
            except TemplateError:
                continue
    usable = [a for a in infos if (a.template_id, a.template_version) in templates]
    ratings = [_ratings(a) for a in usable]
    order: list[str] = []
    titles: dict[str, Label] = {}
    for a in reversed(usable):  # newest template's titles and order win
        template = templates[(a.template_id, a.template_version)]
        for area in template.areas:
            if area.id not in titles:
                titles[area.id] = area.title
                order.append(area.id)
    series = []
    for area_id in order:
        points: list[AreaRatingPoint | None] = []
        for a, r in zip(usable, ratings, strict=True):
            template = templates[(a.template_id, a.template_version)]
            if area_id not in template.area_ids():
                points.append(None)
                continue
            rating = r.get(area_id, AreaRating())
            points.append(AreaRatingPoint(a.id, rating.own, rating.worker, frozenset(rating.flags)))
        series.append(AreaSeries(area_id, titles[area_id], points))
    changes: list[RatingChange] = []
    added: list[str] = []
    removed: list[str] = []
    if len(usable) >= 2:
        old, new = usable[-2], usable[-1]
        old_t = templates[(old.template_id, old.template_version)]
        new_t = templates[(new.template_id, new.template_version)]
        changes = compare_ratings(old_t, ratings[-2], new_t, ratings[-1])
        added, removed = added_areas(old_t, new_t), removed_areas(old_t, new_t)
    points_ = [
        AssessmentPoint(a.id, a.kind, a.status, a.conducted_on, a.template_version) for a in usable
    ]
    return FollowUpChanges(points_, series, changes, added, removed, instrument_changes(usable))
