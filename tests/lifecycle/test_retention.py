"""Retention (gallring) on all three backends: decisions, dry run, deletion, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from assessment_app import audit, demo
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    AuditEvent,
    Base,
    Case,
    CaseShare,
    Consent,
    Draft,
    FollowUp,
    Individual,
    NameToken,
    PlanAction,
    PlanGoal,
    PlanReview,
)
from assessment_app.errors import AccessDeniedError, ConfigurationError, ValidationError
from assessment_app.lifecycle import (
    RetentionSettings,
    apply_retention,
    cutoff_date,
    plan_retention,
)
from assessment_app.lifecycle.purge import CASE_TABLES
from assessment_app.lifecycle.retention import birth_day
from assessment_app.lifecycle.settings import load_retention_settings, retention_settings_from
from assessment_app.records import drafts, plans
from assessment_app.records.drafts import DraftPayload
from assessment_app.records.plans import PlanContent
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import ADMIN_PW
from tests.lifecycle.helpers import close, count, new_case, pnr_with_day, set_last_entry
from tests.server.helpers import save_content, saved

AS_OF = date(2031, 1, 10)
OLD = date(2025, 1, 1)  # more than five years before AS_OF
RECENT = date(2027, 1, 1)


def test_cutoff_and_birth_day() -> None:
    assert cutoff_date(date(2031, 1, 10), 5) == date(2026, 1, 10)
    assert cutoff_date(date(2028, 2, 29), 5) == date(2023, 2, 28)
    assert birth_day("198001050000") == 5
    assert birth_day("198001650000") == 5  # samordningsnummer: day + 60
    assert birth_day("198001910000") == 31


def test_settings_are_validated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert RetentionSettings().keep_birth_days == (5, 15, 25)
    assert retention_settings_from({"years": 7, "keep_birth_days": [25, 5]}).keep_birth_days == (
        5,
        25,
    )
    for bad in ({"years": 0}, {"years": "5"}, {"keep_birth_days": [32]}, {"keep_birth_days": 5}):
        with pytest.raises(ConfigurationError):
            retention_settings_from(bad)
    file = tmp_path / "settings.json"
    file.write_text('{"retention": {"years": 10, "keep_birth_days": []}}', encoding="utf-8")
    loaded = load_retention_settings([file])
    assert loaded.years == 10 and loaded.keep_birth_days == ()
    assert loaded.rule == "rule 10y keep-days none"


def test_every_case_table_is_purged() -> None:
    """Every table that refers (directly or through others) to a case or person is cleared."""
    owned = {"cases", "individuals"}
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name in owned:
                continue
            if any(fk.column.table.name in owned for fk in table.foreign_keys):
                owned.add(table.name)
                changed = True
    assert owned <= set(CASE_TABLES)


def test_decisions_for_hand_made_cases(world) -> None:  # type: ignore[no-untyped-def]
    anna = world.workspace("anna")
    made = {
        "born_5": new_case(anna, "Ada Ek", pnr_with_day(5)),
        "born_15": new_case(anna, "Bo Ek", pnr_with_day(15, serial="234")),
        "samordning_25": new_case(anna, "Cia Ek", pnr_with_day(85, serial="345")),
        "born_6": new_case(anna, "Dan Ek", pnr_with_day(6, serial="456")),
        "samordning_6": new_case(anna, "Eva Ek", pnr_with_day(66, serial="567")),
        "no_pnr": new_case(anna, "Fia Ek"),
        "open_old": new_case(anna, "Gun Ek", pnr_with_day(7, serial="678")),
        "closed_recent": new_case(anna, "Hans Ek", pnr_with_day(8, serial="789")),
    }
    for key, row in made.items():
        if key != "open_old":
            close(anna, row.id)
        set_last_entry(anna, row.id, RECENT if key == "closed_recent" else OLD)

    admin = world.sign_in("admin", ADMIN_PW)
    plan = plan_retention(admin, AS_OF, RetentionSettings())
    by_ref = {i.case_ref: i for i in plan.items}
    got = {key: by_ref.get(row.case_ref) for key, row in made.items()}
    assert got["closed_recent"] is None  # not due: not listed at all
    decisions = {k: (v.decision, v.reason) for k, v in got.items() if v is not None}
    assert decisions == {
        "born_5": ("keep", "birth_day"),
        "born_15": ("keep", "birth_day"),
        "samordning_25": ("keep", "birth_day"),
        "born_6": ("delete", "closed"),
        "samordning_6": ("delete", "closed"),
        "no_pnr": ("delete", "closed"),
        "open_old": ("review", "open_inactive"),  # open: never deleted, listed to close
    }
    assert [i.case_ref for i in plan.review] == [made["open_old"].case_ref]
    item = got["born_6"]
    assert item is not None and item.closed_on == date(2020, 6, 1) and item.last_entry_on == OLD
    # The listing carries no personal data.
    for i in plan.items:
        assert set(vars(i)) == {
            "case_id",
            "case_ref",
            "status",
            "closed_on",
            "last_entry_on",
            "decision",
            "reason",
        }
    # A different rule: no exception days, ten years -> nothing is due.
    assert plan_retention(admin, AS_OF, RetentionSettings(years=10)).items == ()
    no_days = plan_retention(admin, AS_OF, RetentionSettings(keep_birth_days=()))
    assert {i.decision for i in no_days.items} == {"delete", "review"}
    # Dry run: nothing was deleted, and each review is audited without personal data.
    assert count(admin, Case) == len(made)
    with admin.db.sessions() as session:
        reviews = session.execute(
            select(AuditEvent.detail).where(AuditEvent.action == "retention.review")
        ).scalars()
        assert (
            "as-of 2031-01-10 rule 5y keep-days 5,15,25: 3 due, 3 kept, 0 on hold, 1 open"
            in list(reviews)
        )


def _full_case(anna, chef, bo_name: str = "bo"):  # type: ignore[no-untyped-def]
    """A case with a row in every case table."""
    template = demo.default_registry().latest("kartlaggning-avhopp")
    row = new_case(anna, "Åsa Öberg", pnr_with_day(9, serial="111"))
    a = anna.interviews.start(row.id)
    answers = {"motivation_why_now": "Nu räcker det."}
    a = saved(anna.interviews.save(AssessmentEdit.of(a, answers, {}))).info
    anna.cases.give_consent(row.id, "police", [template.areas[0].id])
    plan = anna.plans.create(row.id)
    assert plan.assessment_id == a.id
    goal = plans.Goal(template.areas[0].id, "Ett mål")
    action = plans.Action("Ringa", "individual", goal_id=goal.id)
    plan = save_content(anna, plan, PlanContent([goal], [action]))
    plan = anna.plans.submit(plan.id, plan.version, unfinished_reason="Akut")
    chef.plans.decide(plan.id, plan.version, approve=False, comment="Mer om boendet")
    anna.cases.schedule_follow_up(row.id, date(2020, 5, 1), plan_id=plan.id)
    draft = AssessmentEdit.of(a, {"motivation_why_now": "utkast"}, {})
    assert saved(anna.interviews.autosave(draft))
    # A draft that names only its plan (as earlier versions wrote them): no case id.
    with anna.write() as uow:
        drafts.save_draft(uow, "plan", plan.id, DraftPayload(None, {"note": "utan ärende-id"}))
    anna.cases.share(row.id, [bo_name])
    close(anna, row.id)
    return row


def test_apply_deletes_every_row_and_leaves_one_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    anna = world.workspace("anna")
    chef = world.workspace("chef")
    doomed = _full_case(anna, chef)
    kept = _full_case(anna, chef)
    set_last_entry(anna, doomed.id, OLD)
    # A second case for the same person (the same personnummer joins the same record), still
    # recent: the person must stay.
    assert kept.attached and kept.individual_id == doomed.individual_id
    tables = (
        Assessment,
        Consent,
        ActionPlan,
        PlanGoal,
        PlanAction,
        PlanReview,
        FollowUp,
        Draft,
        CaseShare,
        Case,
        Individual,
        NameToken,
    )
    before = {m.__tablename__: count(anna, m) for m in tables}
    assert all(before.values()), before

    admin = world.sign_in("admin", ADMIN_PW)
    plan = plan_retention(admin, AS_OF)
    assert [i.case_ref for i in plan.due] == [doomed.case_ref]
    progress: list[tuple[int, int]] = []
    result = apply_retention(
        admin, plan, today=AS_OF, progress=lambda d, t: progress.append((d, t))
    )
    assert result.deleted == [doomed.case_ref] and result.individuals_deleted == 0
    assert progress == [(1, 1)]

    after = {m.__tablename__: count(anna, m) for m in tables}
    assert after["cases"] == 1 and after["individuals"] == 1 and after["name_tokens"] > 0
    for model in (Case,):
        assert count(anna, model, model.id == doomed.id) == 0
    for model in (Assessment, Consent, ActionPlan, FollowUp, CaseShare, Draft):  # type: ignore[assignment]
        assert count(anna, model, model.case_id == doomed.id) == 0
    # the draft that named only its plan is gone too; the kept case's drafts remain
    assert count(anna, Draft) == before["drafts"] // 2
    with anna.db.sessions() as session:
        plan_ids = set(session.execute(select(ActionPlan.id)).scalars())
        for child in (PlanGoal, PlanAction, PlanReview):
            assert set(session.execute(select(child.plan_id)).scalars()) <= plan_ids
        entries = list(
            session.execute(
                select(AuditEvent).where(AuditEvent.action == "retention.delete")
            ).scalars()
        )
        assert [(e.object_type, e.object_id) for e in entries] == [("case", doomed.id)]
        assert entries[0].detail == "as-of 2031-01-10 rule 5y keep-days 5,15,25"
        assert audit.verify(session, admin.keys.audit_key).ok

    # Now the other case goes too: the person and their name tokens are deleted with it.
    set_last_entry(anna, kept.id, OLD)
    result = apply_retention(admin, plan_retention(admin, AS_OF), today=AS_OF)
    assert result.deleted == [kept.case_ref] and result.individuals_deleted == 1
    for model in tables:
        assert count(anna, model) == 0, model.__tablename__
    with admin.db.sessions() as session:
        details = session.execute(
            select(AuditEvent.detail)
            .where(AuditEvent.action == "retention.delete")
            .order_by(AuditEvent.seq)
        ).scalars()
        assert list(details)[-1].endswith("+individual")
        assert audit.verify(session, admin.keys.audit_key).ok


def test_demo_data_with_as_of_dates(world) -> None:  # type: ignore[no-untyped-def]
    chef = world.workspace("chef")
    refs = list(demo.generate(chef, 8, seed=11))
    admin = world.sign_in("admin", ADMIN_PW)
    today = date.today()
    # Every demo entry was made today: nothing is due five years from now...
    assert plan_retention(admin, cutoff_date(today, -5)).items == ()
    # ...but all are past the period a few days later, each kept or deleted by its birth day.
    as_of = cutoff_date(today, -5) + timedelta(days=2)
    plan = plan_retention(admin, as_of)
    assert sorted(i.case_ref for i in plan.items) == sorted(refs)
    with admin.db.sessions() as session:
        for item in plan.items:
            ind = session.execute(
                select(Individual).join(Case).where(Case.id == item.case_id)
            ).scalar_one()
            if item.status != "closed":
                assert item.decision == "review"  # open cases are listed, never deleted
            elif ind.pnr_enc is None:
                assert item.decision == "delete"
            else:
                number = admin.open("individuals", "pnr_enc", ind.id, ind.pnr_enc)
                kept = birth_day(str(number)) in (5, 15, 25)
                assert item.decision == ("keep" if kept else "delete")
    assert plan.review  # the demo's open cases
    result = apply_retention(admin, plan, today=as_of)
    assert sorted(result.deleted) == sorted(i.case_ref for i in plan.due)
    assert count(admin, Case) == len(plan.kept) + len(plan.review)


def test_rules_for_who_and_when(world) -> None:  # type: ignore[no-untyped-def]
    anna = world.workspace("anna")
    row = new_case(anna, "Ida Ek", pnr_with_day(6))
    close(anna, row.id)
    set_last_entry(anna, row.id, OLD)
    with pytest.raises(AccessDeniedError):
        plan_retention(anna.ctx, AS_OF)
    with pytest.raises(AccessDeniedError):
        anna.admin.plan_retention(AS_OF)
    with pytest.raises(AccessDeniedError):
        world.workspace("chef").admin.plan_retention(AS_OF)
    admin = world.workspace("admin", ADMIN_PW).admin
    plan = admin.plan_retention(AS_OF)
    with pytest.raises(ValidationError):
        admin.apply_retention(plan, today=AS_OF - timedelta(days=1))  # as-of in the future
    # A new entry after the list was made saves the case.
    anna.cases.update_individual(row.id, 1, name="Ida Ek-Berg")
    stopped = admin.apply_retention(plan, today=AS_OF)
    assert stopped.deleted == [] and stopped.skipped == [(row.case_ref, "new_entry")]
    assert count(anna, Case) == 1
    set_last_entry(anna, row.id, OLD)
    plan = admin.plan_retention(AS_OF)
    halted = admin.apply_retention(plan, today=AS_OF, should_stop=lambda: True)
    assert halted.stopped and halted.deleted == [] and count(anna, Case) == 1


def test_an_open_case_is_never_deleted_by_retention(world) -> None:  # type: ignore[no-untyped-def]
    """Even far in the future and with an old last entry, an open case is listed for a decision
    to close it; applying never deletes it, also when the list was made while it was closed."""
    anna = world.workspace("anna")
    row = new_case(anna, "Öppen Person", pnr_with_day(6))
    set_last_entry(anna, row.id, OLD)
    admin = world.workspace("admin", ADMIN_PW).admin
    plan = admin.plan_retention(date(2099, 1, 1))
    (item,) = plan.items
    assert (item.decision, item.reason) == ("review", "open_inactive")
    assert plan.due == [] and admin.apply_retention(plan, today=date(2099, 1, 1)).deleted == []
    # Listed as due while closed, reopened before the deletion runs: not deleted.
    close(anna, row.id)
    set_last_entry(anna, row.id, OLD)
    due_plan = admin.plan_retention(AS_OF)
    assert [i.case_ref for i in due_plan.due] == [row.case_ref]
    case = anna.cases.open(row.id)
    anna.cases.reopen(row.id, case.version)
    set_last_entry(anna, row.id, OLD)
    result = admin.apply_retention(due_plan, today=AS_OF)
    assert result.deleted == [] and result.skipped == [(row.case_ref, "decision_changed")]
    assert count(anna, Case) == 1


def test_a_personnummer_that_cannot_be_read_puts_the_case_on_hold(world) -> None:  # type: ignore[no-untyped-def]
    """docs/lifecycle.md: a personnummer that fails its integrity check is listed as ``hold``
    and never deleted until the value is repaired."""
    from sqlalchemy import update

    anna = world.workspace("anna")
    row = new_case(anna, "Ivar Ek", pnr_with_day(6, serial="891"))
    close(anna, row.id)
    set_last_entry(anna, row.id, OLD)
    with anna.db.session() as session:  # one flipped bit in the stored ciphertext
        case = session.get(Case, row.id)
        ind = session.get(Individual, case.individual_id)
        blob = bytearray(ind.pnr_enc)
        blob[-1] ^= 0x01
        session.execute(
            update(Individual).where(Individual.id == ind.id).values(pnr_enc=bytes(blob))
        )
    admin = world.sign_in("admin", ADMIN_PW)
    plan = plan_retention(admin, AS_OF, RetentionSettings())
    (item,) = [i for i in plan.items if i.case_ref == row.case_ref]
    assert (item.decision, item.reason) == ("hold", "pnr_unreadable")
    apply_retention(admin, plan, today=AS_OF)
    assert count(admin, Case, Case.id == row.id) == 1  # never deleted while on hold
