"""Every use case of the workspace is classified, and every one that writes a case's content
moves the case's retention clock (its last-entry date) — tested as a property over the whole
list, so a new use case cannot be added without saying what it is and, if it writes a case,
without the clock following it.

The mechanism is the unit of work's (``workspace/unit.py``), not each use case's: this test
proves it holds for each of them."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import update

from assessment_app.db.models import Case
from assessment_app.records import assessments, plans, safety
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.server import conflicts
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit
from tests.conftest import ADMIN_PW, World
from tests.server.helpers import saved

SECTIONS = (
    "cases",
    "interviews",
    "plans",
    "documents",
    "review",
    "safety",
    "reminders",
    "admin",
    "stats",
    "offline",
)
LONG_AGO = datetime(2020, 1, 1, 12, 0, tzinfo=UTC)

# Every public use case, by what it does to a case's content.
WRITES = "writes case content (the clock must move)"
READS = "reads only"
OTHER = "writes no case content"
USE_CASES: dict[str, str] = {
    # cases
    "cases.create": WRITES,
    "cases.update_individual": WRITES,
    "cases.close": WRITES,
    "cases.decide_close": WRITES,
    "cases.reopen": WRITES,
    "cases.share": WRITES,
    "cases.give_consent": WRITES,
    "cases.update_consent_scope": WRITES,
    "cases.update_consent": WRITES,
    "cases.attach_consent_document": WRITES,
    "cases.save_consent_document": OTHER,  # a copy written out (audited), nothing changes
    "cases.withdraw_consent": WRITES,
    "cases.schedule_follow_up": WRITES,
    "cases.mark_follow_up_done": WRITES,
    "cases.handle_urgent": WRITES,
    "cases.open": READS,  # audited, but an opening is not an entry
    "cases.reveal_address": READS,  # audited, but not an entry
    "cases.page": READS,
    "cases.count": READS,
    "cases.find_by_personnummer": READS,
    "cases.my_drafts": READS,
    "cases.history": READS,
    "cases.consents": READS,
    "cases.assessments": READS,
    "cases.plans": READS,
    "cases.follow_ups": READS,
    "cases.due_follow_ups": READS,
    "cases.urgent_flags": READS,
    # interviews
    "interviews.start": WRITES,
    "interviews.save": WRITES,
    "interviews.open": READS,
    "interviews.template_move": READS,
    "interviews.move_to_newest": WRITES,
    "interviews.get": READS,
    "interviews.autosave": OTHER,  # a draft is one worker's unsaved work, not an entry
    "interviews.discard_draft": OTHER,
    "interviews.discard_copy": OTHER,
    # plans
    "plans.create": WRITES,
    "plans.save": WRITES,
    "plans.save_merged": WRITES,
    "plans.submit": WRITES,
    "plans.decide": WRITES,
    "plans.new_version": WRITES,
    "plans.get": READS,
    "plans.open_editor": READS,
    "plans.conflict": READS,
    "plans.conflict_with_copy": READS,
    "plans.unfinished": READS,
    "plans.needs_unfinished_reason": READS,
    "plans.autosave": OTHER,
    "plans.discard_draft": OTHER,
    "plans.discard_copy": OTHER,
    # documents: exports are audited; they are not entries in the case
    "documents.build": READS,
    "documents.prepare": READS,
    "documents.export": OTHER,
    "documents.audit_export": OTHER,
    "documents.subject_access": OTHER,
    "documents.subject_access_json": OTHER,
    "documents.subject_access_pdf": OTHER,
    # review
    "review.decide": WRITES,
    "review.queue": READS,
    "review.names": READS,
    "review.open_plan": READS,
    "review.open_urgent_count": READS,
    "review.badges": READS,
    "review.mark_seen": OTHER,
    "review.access_log": READS,
    "review.export_access_log": OTHER,
    # safety plan
    "safety.create": WRITES,
    "safety.save": WRITES,
    "safety.submit": WRITES,
    "safety.decide": WRITES,
    "safety.new_version": WRITES,
    "safety.step_to_action": WRITES,  # writes the action plan
    "safety.open_editor": READS,
    "safety.current": READS,
    "safety.get": READS,
    "safety.versions": READS,
    "safety.threat_urgent": READS,
    "safety.unfinished": READS,
    "safety.review_dates": READS,
    "safety.waiting_for_review": READS,
    "safety.prepare": READS,
    "safety.export": OTHER,  # a copy written out (audited), nothing changes
    "safety.audit_export": OTHER,
    # admin
    "admin.close_transferred": WRITES,
    "admin.list_users": READS,
    "admin.add_user": OTHER,
    "admin.set_user_active": OTHER,
    "admin.has_key": READS,
    "admin.remove_user": OTHER,
    "admin.reset_user": OTHER,
    "admin.verify_password": OTHER,
    "admin.change_password": OTHER,
    # reminders
    "reminders.may_see_unit": READS,
    "reminders.default_scope": READS,
    "reminders.due": READS,
    "reminders.ics": READS,
    "reminders.export_ics": OTHER,  # a calendar file written out (audited), nothing changes
    "admin.sign_out": OTHER,
    "admin.providers": READS,
    "admin.provider": READS,
    "admin.my_contact": READS,
    "admin.set_my_contact": OTHER,  # the worker's own work phone and e-mail
    "admin.user_contact": READS,
    "admin.set_user_contact": OTHER,  # an administrator sets a user's work phone and e-mail
    "admin.unit_contact": READS,
    "admin.unit_contacts": READS,
    "admin.set_unit_contact": OTHER,
    "admin.may_manage_providers": READS,
    "admin.add_provider": OTHER,  # the register, not a case
    "admin.edit_provider": OTHER,
    "admin.retire_provider": OTHER,
    "admin.reactivate_provider": OTHER,
    "admin.rotate_keys": OTHER,  # re-encrypts values; the content does not change
    "admin.rotate_master_key": OTHER,  # re-encrypts and re-indexes; the content does not change
    "admin.key_rotation_running": READS,
    "admin.verify_audit": READS,
    "admin.plan_retention": READS,
    "admin.apply_retention": OTHER,  # deletes whole cases after the period
    "admin.backup": OTHER,
    "admin.check_rollback": READS,
    "admin.record_head": OTHER,
    "admin.accept_rollback": OTHER,
    "admin.export_case": OTHER,
    "admin.import_case": OTHER,  # re-creates a case with its own history and dates
    # stats: anonymised counts; making one and exporting it are audited, nothing changes
    "stats.min_cell": READS,
    "stats.units": READS,
    "stats.report": OTHER,
    "stats.export": OTHER,
    # offline
    "offline.prepare": READS,
    "offline.pending": READS,
    "offline.has_pending": READS,
    "offline.reachable": READS,
    "offline.keep": OTHER,
    "offline.drop": OTHER,
    "offline.save_draft": OTHER,
    "offline.discard": OTHER,
    "offline.sync": OTHER,
}


def _public_use_cases() -> set[str]:
    from assessment_app.workspace.admin import AdminUseCases
    from assessment_app.workspace.cases import CaseUseCases
    from assessment_app.workspace.documents import DocumentUseCases
    from assessment_app.workspace.interview import InterviewUseCases
    from assessment_app.workspace.offline import OfflinePolicy
    from assessment_app.workspace.plans import PlanUseCases
    from assessment_app.workspace.reminders import ReminderUseCases
    from assessment_app.workspace.review import ReviewUseCases
    from assessment_app.workspace.safety import SafetyUseCases
    from assessment_app.workspace.stats import StatsUseCases

    classes = {
        "cases": CaseUseCases,
        "interviews": InterviewUseCases,
        "plans": PlanUseCases,
        "documents": DocumentUseCases,
        "review": ReviewUseCases,
        "safety": SafetyUseCases,
        "reminders": ReminderUseCases,
        "admin": AdminUseCases,
        "stats": StatsUseCases,
        "offline": OfflinePolicy,
    }
    for section in SECTIONS:
        assert isinstance(inspect.getattr_static(Workspace, section), property), section
    found = set()
    for section, cls in classes.items():
        for name, member in vars(cls).items():
            if callable(member) and not name.startswith("_") and not isinstance(member, type):
                found.add(f"{section}.{name}")
    return found


def test_every_use_case_is_classified() -> None:
    found = _public_use_cases()
    unclassified = sorted(found - set(USE_CASES))
    gone = sorted(set(USE_CASES) - found)
    assert unclassified == [], (
        "new use cases: say in USE_CASES whether they write a case's content (and if so add "
        f"them to the clock test below): {unclassified}"
    )
    assert gone == [], f"use cases that no longer exist: {gone}"


# --- the clock moves for every write ---------------------------------------------------------


def _set_last_entry(world: World, case_id: str, when: datetime) -> None:
    db = world.db()
    with db.session() as session:
        session.execute(update(Case).where(Case.id == case_id).values(last_entry_at=when))
    db.dispose()


def _last_entry(world: World, case_id: str) -> datetime:
    db = world.db()
    with db.sessions() as session:
        case = session.get(Case, case_id)
        assert case is not None
        value = case.last_entry_at
    db.dispose()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_every_case_write_moves_the_retention_clock(world: World, tmp_path, monkeypatch) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    provider = world.workspace("admin", ADMIN_PW).admin.add_provider("Klockan AB")
    row = anna.cases.create(name="Klocka Person", personnummer="19811228-9874")
    case_id = row.id
    v: dict[str, Any] = {}

    def version() -> int:
        return anna.cases.open(case_id).version

    def create() -> None:
        v["other_case"] = anna.cases.create(name="Ny Person")

    def update_individual() -> None:
        person = anna.cases.open(case_id).individual
        anna.cases.update_individual(case_id, person.version, name="Klocka Persson")

    def share() -> None:
        anna.cases.share(case_id, ["bo"])

    def give_consent() -> None:
        v["consent"] = anna.cases.give_consent(
            case_id, "provider", ["housing"], provider_id=provider.id
        )

    def update_consent_scope() -> None:
        c = v["consent"]
        v["consent"] = anna.cases.update_consent_scope(c.id, c.version, ["housing", "legal"])

    def update_consent() -> None:
        c = v["consent"]
        v["consent"] = anna.cases.update_consent(
            c.id, c.version, valid_until=date.today() + timedelta(days=200)
        )

    def attach_consent_document() -> None:
        anna.cases.attach_consent_document(v["consent"].id, b"\x89PNG\r\n\x1a\n" + bytes(64))
        v["consent"] = next(
            c for c in anna.cases.consents(case_id).consents if c.withdrawn_on is None
        )

    def withdraw_consent() -> None:
        c = v["consent"]
        anna.cases.withdraw_consent(c.id, c.version)

    def start() -> None:
        v["assessment"] = anna.interviews.start(case_id)

    def save_assessment() -> None:
        ratings = {"housing": {"own": 3, "worker": 3, "reason": "Bor tillfälligt"}}
        answers = {"safety_threatened": True, "safety_protection_tonight": True}
        edit = AssessmentEdit.of(v["assessment"], answers, ratings)
        v["assessment"] = saved(anna.interviews.save(edit)).info

    def move_to_newest() -> None:
        with anna.write() as uow:  # a follow-up begun on version 1, before version 2 came
            old = assessments.start_assessment(
                uow, case_id, "kartlaggning-avhopp", 1, kind="follow_up"
            )
        _set_last_entry(world, case_id, LONG_AGO)
        anna.interviews.move_to_newest(old.id, old.version)

    def handle_urgent() -> None:
        flag = next(f for f in anna.cases.urgent_flags(case_id) if f.open)
        anna.cases.handle_urgent(flag.id, flag.version, ["talked_with_person"])

    def create_plan() -> None:
        v["plan"] = anna.plans.create(case_id)

    def save_plan() -> None:
        plan = v["plan"]
        goal = plans.Goal(plan.goals[0].area_id, "Eget boende", plan.goals[0].id)
        action = plans.Action("Söka lägenhet", "individual", goal_id=goal.id)
        v["plan"] = saved(anna.plans.save(PlanEdit(plan, PlanContent([goal], [action]))))

    def save_merged() -> None:
        plan = v["plan"]
        mine = PlanEdit(plan, PlanContent(plan.goals, plan.actions, note="Min anteckning"))
        conflict = anna.plans.conflict(plan.id, mine)
        v["plan"] = saved(anna.plans.save_merged(plan.id, conflicts.choose(conflict, "mine")))

    def submit() -> None:
        v["plan"] = anna.plans.submit(v["plan"].id, v["plan"].version, unfinished_reason="Akut")

    def decide() -> None:
        v["plan"] = chef.plans.decide(v["plan"].id, v["plan"].version, approve=True)

    def new_version() -> None:
        v["plan"] = anna.plans.new_version(v["plan"].id, v["plan"].version)

    def review_decide() -> None:
        plan = anna.plans.submit(v["plan"].id, v["plan"].version, unfinished_reason="Akut")
        v["plan"] = chef.review.decide(plan.id, plan.version, approve=False, comment="Mer")

    def safety_create() -> None:
        v["safety"] = anna.safety.create(case_id)

    def safety_save() -> None:
        s = v["safety"]
        content = replace(
            s.content,
            risk_level="high",
            risk_reason="Hot nyligen",
            review_due_on=date.today() + timedelta(days=30),
            steps=[safety.Step("moving", "Flytta till annan ort", "social_services")],
        )
        v["safety"] = anna.safety.save(s.id, s.version, content)

    def safety_step_to_action() -> None:
        s = v["safety"]
        v["plan"] = anna.safety.step_to_action(s.id, s.content.steps[0].id)

    def safety_submit() -> None:
        v["safety"] = anna.safety.submit(v["safety"].id, v["safety"].version)

    def safety_decide() -> None:
        v["safety"] = chef.safety.decide(v["safety"].id, v["safety"].version, approve=True)

    def safety_new_version() -> None:
        v["safety"] = anna.safety.new_version(v["safety"].id, v["safety"].version)

    def schedule_follow_up() -> None:
        v["follow_up"] = anna.cases.schedule_follow_up(case_id, date.today() + timedelta(days=30))

    def mark_follow_up_done() -> None:
        f = v["follow_up"]
        anna.cases.mark_follow_up_done(f.id, f.version)

    def close() -> None:
        anna.cases.close(case_id, version(), "Klart")

    def reopen() -> None:
        anna.cases.reopen(case_id, version())

    def decide_close() -> None:
        path = tmp_path / "settings.json"
        path.write_text('{"close_requires_supervisor": true}', encoding="utf-8")
        monkeypatch.setenv("ASSESSMENT_SETTINGS", str(path))
        asking = world.workspace("anna")  # the rules are read once per sign-in
        asking.cases.close(case_id, version(), "Klart nu")
        chef.cases.decide_close(case_id, version(), approve=False, comment="Inte än")
        monkeypatch.delenv("ASSESSMENT_SETTINGS")

    def close_transferred() -> None:
        anna.admin.close_transferred(anna.cases.open(case_id).case_ref)

    steps: list[tuple[str, Callable[[], None], str | None]] = [
        ("cases.create", create, "other_case"),
        ("cases.update_individual", update_individual, None),
        ("cases.share", share, None),
        ("cases.give_consent", give_consent, None),
        ("cases.update_consent_scope", update_consent_scope, None),
        ("cases.update_consent", update_consent, None),
        ("cases.attach_consent_document", attach_consent_document, None),
        ("cases.withdraw_consent", withdraw_consent, None),
        ("interviews.start", start, None),
        ("interviews.save", save_assessment, None),
        ("cases.handle_urgent", handle_urgent, None),
        ("plans.create", create_plan, None),
        ("plans.save", save_plan, None),
        ("plans.save_merged", save_merged, None),
        ("safety.create", safety_create, None),
        ("safety.save", safety_save, None),
        ("safety.step_to_action", safety_step_to_action, None),
        ("safety.submit", safety_submit, None),
        ("safety.decide", safety_decide, None),
        ("safety.new_version", safety_new_version, None),
        ("plans.submit", submit, None),
        ("plans.decide", decide, None),
        ("plans.new_version", new_version, None),
        ("review.decide", review_decide, None),
        ("interviews.move_to_newest", move_to_newest, None),  # after the plans: its follow-up
        ("cases.schedule_follow_up", schedule_follow_up, None),
        ("cases.mark_follow_up_done", mark_follow_up_done, None),
        ("cases.close", close, None),
        ("cases.reopen", reopen, None),
        ("cases.decide_close", decide_close, None),
        ("admin.close_transferred", close_transferred, None),
    ]
    writes = {name for name, kind in USE_CASES.items() if kind == WRITES}
    assert {name for name, _step, _key in steps} == writes, "every case write has a step here"
    for name, step, created in steps:
        _set_last_entry(world, case_id, LONG_AGO)
        before = datetime.now(UTC).date()
        step()
        after = datetime.now(UTC).date()
        target = v[created].id if created else case_id
        moved = _last_entry(world, target).astimezone(UTC).date()
        assert moved in (before, after), f"{name} did not move the retention clock"
