"""Two sessions edit the same plan: both versions, per-item diff, merge; on the servers."""

from __future__ import annotations

from datetime import date

from assessment_app.errors import StaleEditError
from assessment_app.records import plans
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.server import conflicts
from assessment_app.workspace import Conflict
from tests.conftest import World
from tests.server.conftest import ON_SERVERS
from tests.server.helpers import case_with_plan, save_content, saved


def _base(world: World) -> tuple[plans.PlanInfo, plans.PlanInfo]:
    anna = world.workspace("anna")
    _row, plan = case_with_plan(anna)
    goal = plan.goals[0]
    a1 = plans.Action("Söka lägenhet", "individual", goal_id=goal.id)
    a2 = plans.Action("Kontakta hyresvärd", "social_services", goal_id=goal.id)
    content = PlanContent(
        [goal, plans.Goal("occupation", "Jobb")], [a1, a2], date(2026, 9, 1), note="Start"
    )
    stored = save_content(anna, plan, content)
    return stored, stored


@ON_SERVERS
def test_second_save_gets_both_versions_and_merges(server_world: World) -> None:
    world = server_world
    base, _ = _base(world)
    anna, chef = world.workspace("anna"), world.workspace("chef")
    loaded_anna = anna.plans.get(base.id)
    loaded_chef = chef.plans.get(base.id)
    housing, occupation = loaded_chef.goals
    a1, a2 = loaded_chef.actions

    # chef: edits action 1, removes the occupation goal, adds an action, changes the note.
    theirs_a1 = plans.Action(**{**a1.__dict__, "what": "Söka lägenhet i Bro"})
    new_theirs = plans.Action("Boendestöd", "social_services", goal_id=housing.id)
    theirs_content = PlanContent(
        [housing], [theirs_a1, a2, new_theirs], date(2026, 9, 1), note="Chefens anteckning"
    )
    theirs = save_content(chef, loaded_chef, theirs_content)
    # anna, from the same base: edits action 1 differently, action 2, adds a goal.
    mine_a1 = plans.Action(**{**a1.__dict__, "what": "Söka lägenhet via kommunen"})
    mine_a2 = plans.Action(**{**a2.__dict__, "status": "in_progress"})
    new_goal = plans.Goal("health", "Sova bättre")
    mine = PlanEdit(
        loaded_anna,
        PlanContent(
            [*loaded_anna.goals, new_goal], [mine_a1, mine_a2], date(2026, 10, 1), note="Start"
        ),
    )
    stale = anna.plans.save(mine)
    assert isinstance(stale, Conflict) and isinstance(stale.error, StaleEditError)
    assert stale.error.changed_by == "chef"
    # Nothing was overwritten, and anna's work is kept as her draft.
    stored = chef.plans.get(base.id)
    assert stored.version == theirs.version
    assert stored.content.same_as(theirs_content)
    kept = anna.plans.open_editor(base.id).draft
    assert kept is not None and PlanContent.from_json(kept.payload.content).same_as(mine.content)

    conflict = anna.plans.conflict(base.id, mine)
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
    merged_info = saved(anna.plans.save_merged(base.id, merged))
    stored = chef.plans.get(base.id)
    assert stored.version == merged_info.version
    assert {a.what for a in stored.actions} == {
        "Söka lägenhet via kommunen",
        "Kontakta hyresvärd",
        "Boendestöd",
    }
    assert anna.plans.open_editor(base.id).draft is None  # the merge replaced the draft
    # A merge built on a version that moved on is refused again, never overwritten.
    again = chef.plans.save_merged(base.id, conflicts.choose(conflict, "theirs"))
    assert isinstance(again, Conflict) and again.error.changed_by == "anna"
    assert chef.plans.get(base.id).content.same_as(stored.content)


@ON_SERVERS
def test_removed_goal_detaches_kept_actions(server_world: World) -> None:
    world = server_world
    base, _ = _base(world)
    anna, bo = world.workspace("anna"), world.workspace("chef")
    loaded = anna.plans.get(base.id)
    _housing, occupation = loaded.goals
    # theirs removes the housing goal (and its actions); mine edits an action under it.
    save_content(bo, loaded, PlanContent([occupation], [], None))
    a1 = loaded.actions[0]
    mine = PlanEdit(
        loaded,
        PlanContent(
            list(loaded.goals),
            [plans.Action(**{**a1.__dict__, "what": "Ny text"}), loaded.actions[1]],
            loaded.follow_up_on,
            meeting_at=loaded.meeting_at,
            meeting_place=loaded.meeting_place,
            note=loaded.note,
        ),
    )
    assert isinstance(anna.plans.save(mine), Conflict)
    conflict = anna.plans.conflict(base.id, mine)
    kept = conflicts.merge_plans(conflict, prefer="theirs")  # housing goal stays removed
    assert [g.id for g in kept.goals] == [occupation.id]
    assert kept.actions == []
    mine_wins = conflicts.merge_plans(conflict, choices={a1.id: "mine"}, prefer="theirs")
    assert [a.what for a in mine_wins.actions] == ["Ny text"]
    assert mine_wins.detached_actions == [a1.id] and mine_wins.actions[0].goal_id is None
    saved(anna.plans.save_merged(base.id, mine_wins))
    assert [a.what for a in anna.plans.get(base.id).actions] == ["Ny text"]
