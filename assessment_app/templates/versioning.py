"""Comparing assessments made on different versions of a template.

Areas are matched by id, so a follow-up on a newer version can be set beside an earlier
assessment for every area both versions share; added and removed areas are listed apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessment_app.templates.model import Label, Template
from assessment_app.templates.ratings import AreaRating


@dataclass(frozen=True)
class RatingChange:
    """One shared area, before and after. A negative delta means less need: progress."""

    area_id: str
    title: Label  # from the newer template
    old_own: int | None
    old_worker: int | None
    new_own: int | None
    new_worker: int | None
    old_flags: frozenset[str]
    new_flags: frozenset[str]

    @property
    def delta(self) -> int | None:
        """Change of the worker's rating (new - old), or None when either is missing."""
        return _difference(self.old_worker, self.new_worker)

    @property
    def own_delta(self) -> int | None:
        """Change of the person's own rating (new - old), or None when either is missing."""
        return _difference(self.old_own, self.new_own)


def _difference(old: int | None, new: int | None) -> int | None:
    return None if old is None or new is None else new - old


def shared_areas(old: Template, new: Template) -> list[str]:
    """Area ids present in both templates, in the newer template's order."""
    old_ids = set(old.area_ids())
    return [area_id for area_id in new.area_ids() if area_id in old_ids]


def added_areas(old: Template, new: Template) -> list[str]:
    """Area ids only in the newer template, in its order."""
    old_ids = set(old.area_ids())
    return [area_id for area_id in new.area_ids() if area_id not in old_ids]


def removed_areas(old: Template, new: Template) -> list[str]:
    """Area ids only in the older template, in its order."""
    new_ids = set(new.area_ids())
    return [area_id for area_id in old.area_ids() if area_id not in new_ids]


def compare_ratings(
    old_template: Template,
    old_ratings: Mapping[str, AreaRating],
    new_template: Template,
    new_ratings: Mapping[str, AreaRating],
) -> list[RatingChange]:
    """Before and after for every shared area, in the newer template's order."""
    empty = AreaRating()
    changes: list[RatingChange] = []
    for area_id in shared_areas(old_template, new_template):
        before = old_ratings.get(area_id, empty)
        after = new_ratings.get(area_id, empty)
        changes.append(
            RatingChange(
                area_id=area_id,
                title=new_template.area(area_id).title,
                old_own=before.own,
                old_worker=before.worker,
                new_own=after.own,
                new_worker=after.worker,
                old_flags=frozenset(before.flags),
                new_flags=frozenset(after.flags),
            )
        )
    return changes
