"""Two people saved the same plan: show both versions and let them choose or merge.

``plans.save_plan`` refuses a stale save with :class:`StaleEditError`. The screen then calls
:func:`plan_conflict` with what it loaded (the base) and what the user has now (mine). Goals and
actions keep their ids across saves, so each side's changes against the base are found per
item: added, removed or changed. Changes on one side only merge by themselves; an item changed
on both sides (or changed on one and removed on the other) is a conflict the user decides.
:func:`merge_plans` builds the merged plan; :func:`save_merged` saves it against the stored
version, and raises :class:`StaleEditError` again if a third save came in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select

from assessment_app.db.models import ActionPlan, User
from assessment_app.records import plans
from assessment_app.records.plans import Action, Goal, PlanContent, PlanEdit, PlanInfo

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

Change = Literal["unchanged", "added", "removed", "changed"]
Side = Literal["mine", "theirs"]
# The plan's own fields, each merged on its own (the meeting's time, place and whether the
# providers take part are separate choices).
FIELDS = ("follow_up_on", "meeting_at", "meeting_place", "meeting_with_providers", "note")


@dataclass(frozen=True)
class ItemDiff:
    item_type: Literal["goal", "action"]
    item_id: str
    mine: Change
    theirs: Change
    base_item: Goal | Action | None
    mine_item: Goal | Action | None
    theirs_item: Goal | Action | None

    @property
    def conflict(self) -> bool:
        """Both sides touched the item and did not end up with the same content."""
        if self.mine == "unchanged" or self.theirs == "unchanged":
            return False
        return self.mine_item != self.theirs_item


@dataclass(frozen=True)
class FieldDiff:
    name: str  # one of FIELDS
    base: object
    mine: object
    theirs: object

    @property
    def mine_changed(self) -> bool:
        return self.mine != self.base

    @property
    def theirs_changed(self) -> bool:
        return self.theirs != self.base

    @property
    def conflict(self) -> bool:
        return self.mine_changed and self.theirs_changed and self.mine != self.theirs


@dataclass(frozen=True)
class PlanConflict:
    plan_id: str
    mine: PlanEdit
    theirs: PlanInfo  # the stored version now
    theirs_by: str | None  # who saved it (user name)
    items: list[ItemDiff]
    fields: list[FieldDiff]

    @property
    def conflicts(self) -> list[ItemDiff]:
        return [d for d in self.items if d.conflict]

    @property
    def field_conflicts(self) -> list[FieldDiff]:
        return [f for f in self.fields if f.conflict]

    @property
    def expected_version(self) -> int:
        return self.theirs.version


@dataclass(frozen=True)
class MergedPlan:
    expected_version: int
    goals: list[Goal]
    actions: list[Action]
    follow_up_on: date | None
    note: str
    detached_actions: list[str] = field(default_factory=list)  # goal removed: action kept, unlinked
    meeting_at: datetime | None = None
    meeting_place: str = ""
    meeting_with_providers: bool = False


def _change(base: object | None, now: object | None) -> Change:
    if base is None:
        return "unchanged" if now is None else "added"
    if now is None:
        return "removed"
    return "unchanged" if base == now else "changed"


def _diff_items(
    item_type: Literal["goal", "action"],
    base: list[Goal] | list[Action],
    mine: list[Goal] | list[Action],
    theirs: list[Goal] | list[Action],
) -> list[ItemDiff]:
    b = {i.id: i for i in base}
    m = {i.id: i for i in mine}
    t = {i.id: i for i in theirs}
    order = list(t) + [i for i in m if i not in t] + [i for i in b if i not in t and i not in m]
    result = []
    for item_id in order:
        bi, mi, ti = b.get(item_id), m.get(item_id), t.get(item_id)
        result.append(ItemDiff(item_type, item_id, _change(bi, mi), _change(bi, ti), bi, mi, ti))
    return result


def plan_conflict(uow: UnitOfWork, plan_id: str, mine: PlanEdit) -> PlanConflict:
    """Load the stored plan and compare both versions against what was loaded."""
    theirs = plans.get_plan(uow, plan_id)
    items = _diff_items("goal", mine.base.goals, mine.goals, theirs.goals) + _diff_items(
        "action", mine.base.actions, mine.actions, theirs.actions
    )
    fields = [
        FieldDiff(name, getattr(mine.base, name), getattr(mine, name), getattr(theirs, name))
        for name in FIELDS
    ]
    editor = uow.session.execute(
        select(User.username)
        .join(ActionPlan, ActionPlan.updated_by == User.id)
        .where(ActionPlan.id == theirs.id)
    ).scalar()
    return PlanConflict(plan_id, mine, theirs, editor, items, fields)


def choose(conflict: PlanConflict, side: Side) -> MergedPlan:
    """Take one side whole (the user chose it in the dialog)."""
    content = conflict.theirs.content if side == "theirs" else conflict.mine.content
    return MergedPlan(
        conflict.expected_version,
        list(content.goals),
        list(content.actions),
        content.follow_up_on,
        content.note,
        meeting_at=content.meeting_at,
        meeting_place=content.meeting_place,
        meeting_with_providers=content.meeting_with_providers,
    )


def _pick(d: ItemDiff, prefer: Side, choices: dict[str, Side]) -> Goal | Action | None:
    if d.conflict:
        side = choices.get(d.item_id, prefer)
        return d.mine_item if side == "mine" else d.theirs_item
    if d.mine != "unchanged":
        return d.mine_item
    return d.theirs_item


def merge_plans(
    conflict: PlanConflict, *, choices: dict[str, Side] | None = None, prefer: Side = "theirs"
) -> MergedPlan:
    """Both sides' changes; for conflicting items and fields, ``choices`` (by item id or field
    name) or else ``prefer``. Items are in the stored order, with my additions after it."""
    choices = choices or {}
    goals = [g for d in conflict.items if d.item_type == "goal" if (g := _pick(d, prefer, choices))]
    actions = [
        a for d in conflict.items if d.item_type == "action" if (a := _pick(d, prefer, choices))
    ]
    goal_ids = {g.id for g in goals}
    merged_actions: list[Action] = []
    detached: list[str] = []
    for a in actions:
        assert isinstance(a, Action)
        if a.goal_id is not None and a.goal_id not in goal_ids:
            a = Action(**{**a.__dict__, "goal_id": None})
            detached.append(a.id)
        merged_actions.append(a)
    values: dict[str, object] = {}
    for f in conflict.fields:
        if f.conflict:
            values[f.name] = f.mine if choices.get(f.name, prefer) == "mine" else f.theirs
        else:
            values[f.name] = f.mine if f.mine_changed else f.theirs
    follow_up_on = values["follow_up_on"]
    meeting_at = values["meeting_at"]
    return MergedPlan(
        conflict.expected_version,
        [g for g in goals if isinstance(g, Goal)],
        merged_actions,
        follow_up_on if isinstance(follow_up_on, date) else None,
        str(values["note"]),
        detached,
        meeting_at=meeting_at if isinstance(meeting_at, datetime) else None,
        meeting_place=str(values["meeting_place"]),
        meeting_with_providers=values["meeting_with_providers"] is True,
    )


def merged_content(merged: MergedPlan) -> PlanContent:
    return PlanContent(
        list(merged.goals),
        list(merged.actions),
        merged.follow_up_on,
        meeting_at=merged.meeting_at,
        meeting_place=merged.meeting_place,
        note=merged.note,
        meeting_with_providers=merged.meeting_with_providers,
    )
