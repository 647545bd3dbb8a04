"""Two sessions edit the same plan: both versions, per-item diff, merge; on the servers."""

from __future__ import annotations

from datetime import date

import pytest

from assessment_app.errors import StaleEditError
from assessment_app.records import plans
from assessment_app.server import conflicts
from tests.conftest import World
from tests.server.conftest import ON_SERVERS
from tests.server.helpers import case_with_plan


def _base(world: World) -> tuple[plans.PlanInfo, plans.PlanInfo]:
    anna = world.sign_in("anna")
    _row, plan = case_with_plan(anna)
    goal = plan.goals[0]
    a1 = plans.Action("Söka lägenhet", "individual", goal_id=goal.id)
    a2 = plans.Action("Kontakta hyresvärd", "social_services", goal_id=goal.id)
    saved = plans.save_plan(
        anna,
        plan.id,
        plan.version,
        goals=[goal, plans.Goal("occupation", "Jobb")],
        actions=[a1, a2],
        follow_up_on=date(2026, 9, 1),
        note="Start",
    )
    return saved, saved


@ON_SERVERS
def test_second_save_gets_both_versions_and_merges(server_world: World) -> None:
    world = server_world
    base, _ = _base(world)
    anna, chef = world.sign_in("anna"), world.sign_in("chef")
    loaded_anna = plans.get_plan(anna, base.id)
    loaded_chef = plans.get_plan(chef, base.id)
    housing, occupation = loaded_chef.goals
    a1, a2 = loaded_chef.actions

    # chef: edits action 1, removes the occupation goal, adds an action, changes the note.
    theirs_a1 = plans.Action(**{**a1.__dict__, "what": "Söka lägenhet i Bro"})
    new_theirs = plans.Action("Boendestöd", "social_services", goal_id=housing.id)
    plans.save_plan(
        chef,
        base.id,
        loaded_chef.version,
        goals=[housing],
        actions=[theirs_a1, a2, new_theirs],
        follow_up_on=date(2026, 9, 1),
        note="Chefens anteckning",
    )
    # anna, from the same base: edits action 1 differently, action 2, adds a goal.
    mine_a1 = plans.Action(**{**a1.__dict__, "what": "Söka lägenhet via kommunen"})
    mine_a2 = plans.Action(**{**a2.__dict__, "status": "in_progress"})
    new_goal = plans.Goal("health", "Sova bättre")
    mine = conflicts.PlanEdit(
        base=loaded_anna,
        goals=[*loaded_anna.goals, new_goal],
        actions=[mine_a1, mine_a2],
        follow_up_on=date(2026, 10, 1),
        note="Start",
    )
    with pytest.raises(StaleEditError) as stale:
        plans.save_plan(
            anna,
            base.id,
            loaded_anna.version,
            goals=mine.goals,
            actions=mine.actions,
            follow_up_on=mine.follow_up_on,
            note=mine.note,
        )
    assert stale.value.changed_by == "chef"

    conflict = conflicts.plan_conflict(anna, base.id, mine)
    assert conflict.theirs_by == "chef"
    by_id = {d.item_id: d for d in conflict.items}
    assert (by_id[a1.id].mine, by_id[a1.id].theirs, by_id[a1.id].conflict) == (
        "changed",
        "changed",
        True,
    )
    assert (by_id[a2.id].mine, by_id[a2.id].theirs) == ("changed", "unchanged")
    assert (by_id[occupation.id].mine, by_id[occupation.id].theirs) == ("unchanged", "removed")
    assert by_id[new_goal.id].mine == "added" and by_id[new_theirs.id].theirs == "added"
    assert [d.item_id for d in conflict.conflicts] == [a1.id]
    fields = {f.name: f for f in conflict.fields}
    assert fields["note"].theirs_changed and not fields["note"].mine_changed
    assert fields["follow_up_on"].mine_changed and not conflict.field_conflicts

    merged = conflicts.merge_plans(conflict, choices={a1.id: "mine"})
    assert [g.id for g in merged.goals] == [housing.id, new_goal.id]
    assert {a.id: a.what for a in merged.actions} == {
        a1.id: "Söka lägenhet via kommunen",
        a2.id: "Kontakta hyresvärd",
        new_theirs.id: "Boendestöd",
    }
    assert next(a for a in merged.actions if a.id == a2.id).status == "in_progress"
    assert merged.note == "Chefens anteckning" and merged.follow_up_on == date(2026, 10, 1)
    saved = conflicts.save_merged(anna, base.id, merged)
    stored = plans.get_plan(chef, base.id)
    assert stored.version == saved.version
    assert {a.what for a in stored.actions} == {
        "Söka lägenhet via kommunen",
        "Kontakta hyresvärd",
        "Boendestöd",
    }
    # A merge built on a version that moved on is refused again, never overwritten.
    with pytest.raises(StaleEditError):
        conflicts.save_merged(chef, base.id, conflicts.choose(conflict, "theirs"))


@ON_SERVERS
def test_removed_goal_detaches_kept_actions(server_world: World) -> None:
    world = server_world
    base, _ = _base(world)
    anna, bo = world.sign_in("anna"), world.sign_in("chef")
    loaded = plans.get_plan(anna, base.id)
    _housing, occupation = loaded.goals
    # theirs removes the housing goal (and its actions); mine edits an action under it.
    plans.save_plan(bo, base.id, loaded.version, goals=[occupation], actions=[], follow_up_on=None)
    a1 = loaded.actions[0]
    mine = conflicts.PlanEdit(
        loaded,
        list(loaded.goals),
        [plans.Action(**{**a1.__dict__, "what": "Ny text"}), loaded.actions[1]],
        loaded.follow_up_on,
        loaded.next_meeting,
        loaded.note,
    )
    conflict = conflicts.plan_conflict(anna, base.id, mine)
    kept = conflicts.merge_plans(conflict, prefer="theirs")  # housing goal stays removed
    assert [g.id for g in kept.goals] == [occupation.id]
    assert kept.actions == []
    mine_wins = conflicts.merge_plans(conflict, choices={a1.id: "mine"}, prefer="theirs")
    assert [a.what for a in mine_wins.actions] == ["Ny text"]
    assert mine_wins.detached_actions == [a1.id] and mine_wins.actions[0].goal_id is None
    conflicts.save_merged(anna, base.id, mine_wins)
    assert [a.what for a in plans.get_plan(anna, base.id).actions] == ["Ny text"]
