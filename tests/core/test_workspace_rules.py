"""The rules every write of the use-case layer obeys, enforced by the unit of work itself
(access, version check, audit, no bulk writes, the retention clock), and the shape of two
reads (the registerutdrag as one snapshot, the case list page as one statement). On every
backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, event, func, insert, select, update

from assessment_app.db.engine import READ_ONLY_OPTION
from assessment_app.db.models import (
    Assessment,
    AuditEvent,
    Case,
    Consent,
    FollowUp,
    Individual,
    PlanGoal,
)
from assessment_app.db.types import new_id
from assessment_app.errors import StaleEditError
from assessment_app.records import cases, plans
from assessment_app.records.cases import CaseQuery, Contact
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.workspace import RuleViolation, Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import ADMIN_PW, World
from tests.server.helpers import case_with_plan, save_content, saved

# --- helpers -------------------------------------------------------------------------------------


def _audit_count(world: World) -> int:
    db = world.db()
    with db.sessions() as session:
        total = int(session.execute(select(func.count()).select_from(AuditEvent)).scalar_one())
    db.dispose()
    return total


def _case_row(world: World, case_id: str) -> Case:
    db = world.db()
    with db.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)
    db.dispose()
    return case


def _count(world: World, model: Any, *where: Any) -> int:
    db = world.db()
    with db.sessions() as session:
        total = int(session.execute(select(func.count()).select_from(model).where(*where)).scalar())
    db.dispose()
    return total


def _setup(world: World) -> tuple[Workspace, Workspace, cases.CaseRow, plans.PlanInfo]:
    """anna's case with a plan (one goal) and an assessment; bo reaches none of it."""
    anna, bo = world.workspace("anna"), world.workspace("bo")
    row, plan = case_with_plan(anna, "Annas Klient")
    anna.interviews.start(row.id)
    return anna, bo, row, plan


# --- (a) access ----------------------------------------------------------------------------------


def test_content_of_a_case_not_reached_cannot_be_written(world: World) -> None:
    anna, bo, row, plan = _setup(world)
    before = _audit_count(world)
    goal_id = plan.goals[0].id

    # A plan goal of anna's case, loaded by id past the access rule.
    with pytest.raises(RuleViolation, match="access rule"), bo.write() as uow:
        goal = uow.session.get(PlanGoal, goal_id)
        assert goal is not None
        goal.position = 7
        uow.audit("record.update", object_type="plan", object_id=plan.id)

    # The case itself, even version-checked (the check is not the access rule).
    with pytest.raises(RuleViolation, match="access rule"), bo.write() as uow:
        case = uow.session.get(Case, row.id)
        assert case is not None
        uow.check_version(case, case.version, "case", case.case_ref)
        case.status = "closed"
        uow.audit("case.update", object_type="case", object_id=row.id)

    # The person behind the case.
    with pytest.raises(RuleViolation, match="access rule"), bo.write() as uow:
        person = uow.session.get(Individual, row.individual_id)
        assert person is not None
        uow.check_version(person, person.version, "individual", person.id)
        person.protection_level = "sekretessmarkering"
        uow.audit("record.update", object_type="individual", object_id=person.id)

    # A new row for a case that was not reached.
    with pytest.raises(RuleViolation, match="access rule"), bo.write() as uow:
        uow.session.add(FollowUp(id=new_id(), case_id=row.id, due_on=date(2030, 1, 1)))
        uow.audit("record.create", object_type="follow_up", object_id=row.id)

    # Nothing was committed: not the writes, not their audit entries.
    assert _audit_count(world) == before
    assert anna.plans.get(plan.id).goals[0].id == goal_id
    db = world.db()
    with db.sessions() as session:
        stored_goal = session.get(PlanGoal, goal_id)
        assert stored_goal is not None and stored_goal.position == 0
    db.dispose()
    case = anna.cases.open(row.id)
    assert case.status == "open" and case.individual.protection_level == "none"
    assert anna.cases.follow_ups(row.id) == []
    # The same writes are fine for the one who reaches the case through the rule.
    with anna.write() as uow:
        reached = uow.case(case_id=row.id)
        uow.session.add(FollowUp(id=new_id(), case_id=reached.id, due_on=date(2030, 1, 1)))
        uow.audit("record.create", object_type="follow_up", object_id=reached.id)
    assert [f.due_on for f in anna.cases.follow_ups(row.id)] == [date(2030, 1, 1)]


def test_a_read_transaction_writes_no_content(world: World) -> None:
    anna, _bo, row, _plan = _setup(world)
    with pytest.raises(RuleViolation, match="read transaction"), anna.read() as uow:
        case = uow.case(case_id=row.id)
        uow.check_version(case, case.version, "case", case.case_ref)
        case.status = "closed"
        uow.session.flush()
    with pytest.raises(RuleViolation), anna.read() as uow:
        uow.audit("case.open", object_type="case", object_id=row.id)
    assert anna.cases.open(row.id).status == "open"


# --- (b) version check ---------------------------------------------------------------------------


def test_a_versioned_row_changed_without_a_version_check_is_refused(world: World) -> None:
    anna, _bo, row, _plan = _setup(world)
    before = _audit_count(world)
    stored = _case_row(world, row.id)
    assessment = anna.cases.assessments(row.id)[0]

    with pytest.raises(RuleViolation, match="without a version check"), anna.write() as uow:
        case = uow.case(case_id=row.id)  # reached, but not checked
        case.status = "closed"
        uow.audit("case.update", object_type="case", object_id=case.id)

    with pytest.raises(RuleViolation, match="without a version check"), anna.write() as uow:
        a, _case = uow.record(Assessment, assessment.id, "assessment")
        a.status = "complete"
        uow.audit("record.update", object_type="assessment", object_id=a.id)

    assert _audit_count(world) == before
    after = _case_row(world, row.id)
    assert (after.status, after.version) == ("open", stored.version)
    assert anna.interviews.get(assessment.id).status == "in_progress"

    # A stale expected version is a StaleEditError (the use cases turn it into a Conflict).
    with pytest.raises(StaleEditError), anna.write() as uow:
        case = uow.case(case_id=row.id)
        uow.check_version(case, case.version - 1, "case", case.case_ref, ["status"])

    # Checked, the same change goes through; derived fields need no check and no new version.
    with anna.write() as uow:
        case = uow.case(case_id=row.id)
        uow.set_derived(case, next_follow_up_on=date(2031, 5, 5))
        uow.audit("case.update", object_type="case", object_id=case.id)
    assert _case_row(world, row.id).version == stored.version
    with anna.write() as uow:
        case = uow.case(case_id=row.id)
        uow.check_version(case, stored.version, "case", case.case_ref, ["status"])
        case.status = "closed"
        uow.audit("case.update", object_type="case", object_id=case.id)
    after = _case_row(world, row.id)
    assert after.status == "closed" and after.version == stored.version + 1
    assert after.next_follow_up_on == date(2031, 5, 5)
    with pytest.raises(RuleViolation, match="not derived"), anna.write() as uow:
        uow.set_derived(uow.case(case_id=row.id), status="open")


# --- (c) audit -----------------------------------------------------------------------------------


def test_a_content_write_without_an_audit_entry_fails_at_commit(world: World) -> None:
    anna, _bo, row, plan = _setup(world)
    before = _audit_count(world)
    flushed: list[bool] = []
    with pytest.raises(RuleViolation, match="without an audit entry"), anna.write() as uow:
        p, case = uow.plan(plan.id)
        uow.check_version(p, plan.version, "plan", p.id)
        p.follow_up_on = date(2031, 1, 1)
        uow.session.add(FollowUp(id=new_id(), case_id=case.id, due_on=date(2031, 1, 1)))
        uow.session.flush()  # the rules of the flush hold; the audit is checked at commit
        flushed.append(True)
    assert flushed == [True]
    assert _audit_count(world) == before
    assert anna.plans.get(plan.id).follow_up_on is None
    assert anna.cases.follow_ups(row.id) == []
    # A transaction that writes no case content needs no audit entry (a draft is not content).
    edit = PlanEdit(plan, PlanContent(plan.goals, [], note="utkast"))
    assert saved(anna.plans.autosave(edit))
    assert _audit_count(world) == before


# --- (d) bulk writes -----------------------------------------------------------------------------


def test_bulk_writes_to_content_tables_are_refused(world: World) -> None:
    anna, _bo, row, plan = _setup(world)
    before = _audit_count(world)
    assessment = anna.cases.assessments(row.id)[0]
    statements: list[Callable[[], Any]] = [
        lambda: update(Assessment).where(Assessment.id == assessment.id).values(status="complete"),
        lambda: update(Case).where(Case.id == row.id).values(status="closed"),
        lambda: delete(PlanGoal).where(PlanGoal.plan_id == plan.id),
        lambda: delete(Consent).where(Consent.case_id == row.id),
        lambda: insert(FollowUp).values(
            id=new_id(), case_id=row.id, due_on=date(2031, 1, 1), version=1
        ),
        lambda: (
            update(Assessment.__table__)  # type: ignore[arg-type]
            .where(Assessment.__table__.c.id == assessment.id)
            .values(status="complete")
        ),
    ]
    for make in statements:
        statement = make()
        with pytest.raises(RuleViolation, match="bulk write"), anna.write() as uow:
            uow.case(case_id=row.id)
            uow.session.execute(statement)
            uow.audit("record.update", object_type="case", object_id=row.id)
    assert _audit_count(world) == before
    assert anna.interviews.get(assessment.id).status == "in_progress"
    assert anna.cases.open(row.id).status == "open"
    assert len(anna.plans.get(plan.id).goals) == 1
    assert anna.cases.follow_ups(row.id) == []


# --- (e) the retention clock ---------------------------------------------------------------------

LONG_AGO = datetime(2020, 3, 4, 12, 0, tzinfo=UTC)


def _set_last_entry(world: World, case_id: str, when: datetime) -> None:
    db = world.db()
    with db.session() as session:  # directly in the database, past the rules
        session.execute(update(Case).where(Case.id == case_id).values(last_entry_at=when))
    db.dispose()


def _last_entry(world: World, case_id: str) -> datetime:
    value = _case_row(world, case_id).last_entry_at
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class _State:
    """What the steps of the retention-clock test hand on to each other."""

    case: cases.CaseRow
    values: dict[str, Any] = field(default_factory=dict)


def test_every_content_write_moves_the_retention_clock_and_reads_do_not(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    provider = world.workspace("admin", ADMIN_PW).admin.add_provider("Klockan AB")
    state = _State(anna.cases.create(name="Klocka Person", personnummer="19811228-9874"))
    case_id = state.case.id
    v = state.values

    def version() -> int:
        return anna.cases.open(case_id).version

    def update_individual() -> None:
        person = anna.cases.open(case_id).individual
        anna.cases.update_individual(
            case_id, person.version, name="Klocka Persson", contact=Contact(city="Bro")
        )

    def close() -> None:
        anna.cases.close(case_id, version(), "Klart")

    def reopen() -> None:
        anna.cases.reopen(case_id, version())

    def give_consent() -> None:
        v["consent"] = anna.cases.give_consent(
            case_id, "provider", ["housing"], provider_id=provider.id
        )

    def change_scope() -> None:
        c = v["consent"]
        v["consent"] = anna.cases.update_consent_scope(c.id, c.version, ["housing", "legal"])

    def withdraw() -> None:
        c = v["consent"]
        anna.cases.withdraw_consent(c.id, c.version)

    def start_assessment() -> None:
        v["assessment"] = anna.interviews.start(case_id)

    def save_assessment() -> None:
        ratings = {"housing": {"own": 3, "worker": 3, "reason": "Bor tillfälligt"}}
        edit = AssessmentEdit.of(v["assessment"], {"motivation_why_now": "Nu"}, ratings)
        v["assessment"] = saved(anna.interviews.save(edit)).info

    def create_plan() -> None:
        v["plan"] = anna.plans.create(case_id)
        assert [g.area_id for g in v["plan"].goals] == ["housing"]  # from the need rated 3

    def save_plan() -> None:
        plan = v["plan"]
        goal = plans.Goal(plan.goals[0].area_id, "Eget boende", plan.goals[0].id)
        action = plans.Action("Söka lägenhet", "individual", goal_id=goal.id)
        v["plan"] = save_content(anna, plan, PlanContent([goal], [action]))

    def submit() -> None:
        v["plan"] = anna.plans.submit(v["plan"].id, v["plan"].version, unfinished_reason="Akut")

    def decide() -> None:
        v["plan"] = chef.plans.decide(v["plan"].id, v["plan"].version, approve=True)

    def new_version() -> None:
        v["plan"] = anna.plans.new_version(v["plan"].id, v["plan"].version)

    def schedule() -> None:
        v["follow_up"] = anna.cases.schedule_follow_up(case_id, date.today() + timedelta(days=30))

    def mark_done() -> None:
        f = v["follow_up"]
        anna.cases.mark_follow_up_done(f.id, f.version)

    writes: list[tuple[str, Callable[[], None]]] = [
        ("update the individual", update_individual),
        ("close", close),
        ("reopen", reopen),
        ("give consent", give_consent),
        ("change the consent's scope", change_scope),
        ("withdraw consent", withdraw),
        ("start an assessment", start_assessment),
        ("save an assessment", save_assessment),
        ("create a plan", create_plan),
        ("save a plan", save_plan),
        ("submit", submit),
        ("decide (the supervisor)", decide),
        ("new version", new_version),
        ("schedule a follow-up", schedule),
        ("mark it done", mark_done),
    ]
    reads: list[tuple[str, Callable[[], object]]] = [
        ("open the case", lambda: anna.cases.open(case_id)),
        ("list plans", lambda: anna.cases.plans(case_id)),
        ("open the plan", lambda: anna.plans.open_editor(v["plan"].id)),
        ("list the cases", lambda: anna.cases.page(CaseQuery())),
        ("the case's history", lambda: anna.cases.history(case_id)),
        ("the supervisor opens the plan", lambda: chef.review.open_plan(v["plan"].id)),
    ]
    for name, step in writes:
        _set_last_entry(world, case_id, LONG_AGO)
        before = datetime.now(UTC).date()
        step()
        after = datetime.now(UTC).date()
        moved = _last_entry(world, case_id)
        assert moved.astimezone(UTC).date() in (before, after), name
        if name == "new version":
            for read_name, read in reads:
                _set_last_entry(world, case_id, LONG_AGO)
                read()
                assert _last_entry(world, case_id) == LONG_AGO, read_name
    # Within the same UTC day the clock is not rewritten by the next entry.
    first = _last_entry(world, case_id)
    anna.cases.schedule_follow_up(case_id, date.today() + timedelta(days=60))
    if datetime.now(UTC).date() == first.astimezone(UTC).date():
        assert _last_entry(world, case_id) == first
    # A draft is not an entry in the record.
    _set_last_entry(world, case_id, LONG_AGO)
    edit = PlanEdit(v["plan"], PlanContent(v["plan"].goals, [], note="bara ett utkast"))
    assert saved(anna.plans.autosave(edit))
    assert _last_entry(world, case_id) == LONG_AGO


# --- (f) the registerutdrag is one snapshot, audited once ----------------------------------------


@dataclass
class _Transaction:
    read_only: bool
    isolation: str | None
    statements: list[str] = field(default_factory=list)


@contextmanager
def _transactions(ws: Workspace) -> Iterator[list[_Transaction]]:
    """Every transaction the workspace's engine begins, with its statements."""
    seen: list[_Transaction] = []
    engine = ws.db.engine

    def on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        seen.append(
            _Transaction(bool(options.get(READ_ONLY_OPTION)), options.get("isolation_level"))
        )

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        word = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if word not in ("BEGIN", "COMMIT", "ROLLBACK") and seen:
            seen[-1].statements.append(statement)

    event.listen(engine, "begin", on_begin)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        yield seen
    finally:
        event.remove(engine, "begin", on_begin)
        event.remove(engine, "before_cursor_execute", on_statement)


def _tables_read(t: _Transaction) -> set[str]:
    names = (
        "individuals",
        "consents",
        "assessments",
        "action_plans",
        "plan_goals",
        "plan_actions",
        "plan_reviews",
        "follow_ups",
        "drafts",
        "audit_events",
    )
    return {
        n for n in names for s in t.statements if s.lstrip().upper().startswith("SELECT") and n in s
    }


def test_the_registerutdrag_is_one_snapshot_and_audited_once(world: World) -> None:
    anna, _bo, row, _plan = _setup(world)
    anna.cases.give_consent(row.id, "police", ["housing"])
    a = anna.cases.assessments(row.id)[0]
    saved(anna.interviews.save(AssessmentEdit.of(a, {"motivation_why_now": "Nu"}, {})))
    before = _audit_count(world)
    with _transactions(anna) as seen:
        data = anna.documents.subject_access(row.case_ref)
    assert [c["case_ref"] for c in data["cases"]] == [row.case_ref]
    assert data["cases"][0]["consents"] and data["cases"][0]["plans"]
    assert data["cases"][0]["assessments"][0]["answers"] == {"motivation_why_now": "Nu"}
    # One read transaction holds every read of the record; the only other one is the audit.
    assert len(seen) == 2, [t.statements for t in seen]
    snapshot, audit_write = seen
    assert snapshot.read_only and not audit_write.read_only
    if world.url.startswith("sqlite"):
        assert snapshot.isolation is None  # a SQLite read transaction is one snapshot in WAL
    else:
        assert snapshot.isolation == "REPEATABLE READ"
    assert _tables_read(snapshot) >= {
        "individuals",
        "consents",
        "assessments",
        "action_plans",
        "plan_goals",
        "follow_ups",
        "drafts",
        "audit_events",
    }
    assert not any(
        s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for s in snapshot.statements
    )
    assert _tables_read(audit_write) <= {"audit_events"}
    # Audited once: one export entry, and nothing else (no separate "case opened").
    assert _audit_count(world) == before + 1
    db = world.db()
    with db.sessions() as session:
        newest = (
            session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc())).scalars().first()
        )
    db.dispose()
    assert newest is not None
    assert (newest.action, newest.object_id, newest.detail) == ("export", row.id, "subject-access")


# --- (g) the case list page is one statement -----------------------------------------------------


def test_the_case_list_page_is_one_statement(world: World) -> None:
    anna = world.workspace("anna")
    made = [anna.cases.create(name=f"Sida Person {i}") for i in range(3)]
    anna.cases.create(name="Skyddad Person", protection_level="sekretessmarkering")
    anna.cases.page(CaseQuery())  # the first use of a connection may ask the server things
    with _transactions(anna) as seen:
        page = anna.cases.page(CaseQuery(), offset=0, limit=3)
    assert [len(t.statements) for t in seen] == [1]
    assert page.total == 4 and len(page.rows) == 3
    assert [r.id for r in page.rows] == [m.id for m in made]
    assert page.names == {m.individual_id: f"Sida Person {i}" for i, m in enumerate(made)}
    with _transactions(anna) as seen:
        rest = anna.cases.page(CaseQuery(), offset=3, limit=3)
    assert [len(t.statements) for t in seen] == [1]
    assert rest.total == 4 and rest.names == {rest.rows[0].individual_id: cases.MASK}
    with _transactions(anna) as seen:
        past = anna.cases.page(CaseQuery(), offset=10, limit=3)
    # Past the end, the total is counted apart (the page statement found no row to carry it).
    assert [len(t.statements) for t in seen] == [2]
    assert past.rows == [] and past.total == 4
