"""Reminders (bevakning, issue 15): what is due this week and overdue, per case, for the
worker and a supervisor's unit; dates around midnight and month ends; the .ics export holds
no personal data."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from assessment_app.db.models import AuditEvent
from assessment_app.errors import AccessDeniedError
from assessment_app.records import plans, reminders
from assessment_app.records.plans import PlanContent, PlanEdit
from assessment_app.records.reminders import Reminder, ReminderQuery
from assessment_app.workspace import Workspace
from assessment_app.workspace.results import Saved
from tests.conftest import World

NAME, PNR = "Åsa Öberg", "19811228-9874"
OTHER_NAME, OTHER_PNR = "Bertil Ek", "19900101-0017"
# Tuesday 31 March 2026: a month end inside a week that ends on Sunday 5 April.
TUESDAY = date(2026, 3, 31)


def _case_with_dates(ws: Workspace, name: str, pnr: str, base: date) -> dict[str, str]:
    row = ws.cases.create(name=name, personnummer=pnr)
    ws.cases.schedule_follow_up(row.id, base - timedelta(days=2))  # overdue
    ws.cases.schedule_follow_up(row.id, base + timedelta(days=3))  # this week (Friday)
    ws.cases.schedule_follow_up(row.id, base + timedelta(days=30))  # later
    plan = ws.plans.create(row.id)
    goal = plans.Goal("housing", "Eget boende för " + name)
    content = PlanContent(
        [goal],
        [
            plans.Action("Söka lägenhet åt " + name, "individual", goal_id=goal.id, due_on=base),
            plans.Action("Klar sedan", "individual", goal_id=goal.id, due_on=base, status="done"),
            plans.Action("Senare", "social_services", goal_id=goal.id, due_on=base + timedelta(60)),
        ],
        follow_up_on=base + timedelta(days=5),  # Sunday: the last day of the week
    )
    saved = ws.plans.save(PlanEdit(plan, content))
    assert isinstance(saved, Saved)
    consent = ws.cases.give_consent(
        row.id,
        "police",
        ["housing"],
        given_on=base - timedelta(days=100),
        valid_until=base + timedelta(days=1),
    )
    return {"case": row.id, "ref": row.case_ref, "plan": plan.id, "consent": consent.id}


def test_due_this_week_and_overdue_per_case(world: World) -> None:
    anna = world.workspace("anna")
    mine = _case_with_dates(anna, NAME, PNR, TUESDAY)
    listed = anna.reminders.due(today=TUESDAY)
    assert listed.week_end == date(2026, 4, 5)
    got = [(r.kind, r.due_on, r.target, r.target_id) for r in listed.items]
    assert got == [
        ("follow_up", date(2026, 3, 29), "case", got[0][3]),
        ("action_due", TUESDAY, "plan", mine["plan"]),  # once, the done action is left out
        ("consent_expiry", date(2026, 4, 1), "consent", mine["consent"]),
        ("follow_up", date(2026, 4, 3), "case", got[3][3]),
        ("plan_follow_up", date(2026, 4, 5), "plan", mine["plan"]),
    ]
    assert [r.due_on for r in listed.overdue] == [date(2026, 3, 29)]
    assert len(listed.this_week) == 4
    assert list(listed.by_case()) == [mine["ref"]]
    assert all(r.case_ref == mine["ref"] for r in listed.items)


def test_the_worker_sees_their_own_the_supervisor_the_unit(world: World) -> None:
    anna, bo, chef = world.workspace("anna"), world.workspace("bo"), world.workspace("chef")
    a = _case_with_dates(anna, NAME, PNR, TUESDAY)
    b = _case_with_dates(bo, OTHER_NAME, OTHER_PNR, TUESDAY)
    assert {r.case_ref for r in anna.reminders.due(today=TUESDAY).items} == {a["ref"]}
    assert {r.case_ref for r in bo.reminders.due(today=TUESDAY).items} == {b["ref"]}
    assert chef.reminders.due(today=TUESDAY).items == ()  # no case of their own
    unit = chef.reminders.due(today=TUESDAY, scope="unit")
    assert {r.case_ref for r in unit.items} == {a["ref"], b["ref"]}
    assert chef.reminders.may_see_unit() and not anna.reminders.may_see_unit()
    with pytest.raises(AccessDeniedError):
        anna.reminders.due(today=TUESDAY, scope="unit")
    syd = world.workspace("syd")  # another unit's supervisor
    assert syd.reminders.due(today=TUESDAY, scope="unit").items == ()


def test_finished_things_leave_the_list(world: World) -> None:
    anna = world.workspace("anna")
    ids = _case_with_dates(anna, NAME, PNR, TUESDAY)
    for fu in anna.cases.follow_ups(ids["case"]):
        anna.cases.mark_follow_up_done(fu.id, fu.version, done_on=TUESDAY)
    kinds = {r.kind for r in anna.reminders.due(today=TUESDAY).items}
    # the plan's own date shows only when no follow-up was scheduled for it: still there
    assert "follow_up" not in kinds and "plan_follow_up" in kinds
    view = anna.cases.consents(ids["case"])
    consent = next(c for c in view.consents if c.id == ids["consent"])
    anna.cases.withdraw_consent(consent.id, consent.version, TUESDAY)
    assert "consent_expiry" not in {r.kind for r in anna.reminders.due(today=TUESDAY).items}


@pytest.mark.parametrize(
    ("now", "today"),
    [
        (datetime(2026, 3, 31, 21, 59, 59, tzinfo=UTC), date(2026, 3, 31)),  # 23:59:59 CEST
        (datetime(2026, 3, 31, 22, 0, 0, tzinfo=UTC), date(2026, 4, 1)),  # 00:00 in Sweden
        (datetime(2026, 1, 31, 22, 59, 59, tzinfo=UTC), date(2026, 1, 31)),  # 23:59:59 CET
        (datetime(2026, 1, 31, 23, 0, 0, tzinfo=UTC), date(2026, 2, 1)),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),  # a year end
    ],
)
def test_today_is_the_date_in_sweden(now: datetime, today: date) -> None:
    assert reminders.today_in_sweden(now) == today


@pytest.mark.parametrize(
    ("today", "sunday"),
    [
        (date(2026, 3, 30), date(2026, 4, 5)),  # Monday, across the month end
        (date(2026, 4, 5), date(2026, 4, 5)),  # Sunday: the week ends today
        (date(2026, 2, 27), date(2026, 3, 1)),  # Friday, across February's end
        (date(2028, 2, 28), date(2028, 3, 5)),  # a leap year's Monday
        (date(2026, 12, 29), date(2027, 1, 3)),  # across the year end
    ],
)
def test_the_week_ends_on_sunday(today: date, sunday: date) -> None:
    assert reminders.week_end(today) == sunday


def test_a_date_turns_overdue_after_local_midnight(sqlite_world: World) -> None:
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name=NAME, personnummer=PNR)
    anna.cases.schedule_follow_up(row.id, date(2026, 3, 31))
    before = reminders.today_in_sweden(datetime(2026, 3, 31, 21, 59, tzinfo=UTC))
    after = reminders.today_in_sweden(datetime(2026, 3, 31, 22, 1, tzinfo=UTC))
    at_end = anna.reminders.due(today=before)
    assert [r.due_on for r in at_end.this_week] == [date(2026, 3, 31)] and not at_end.overdue
    next_day = anna.reminders.due(today=after)
    assert [r.due_on for r in next_day.overdue] == [date(2026, 3, 31)]
    # a Sunday date is this week on Sunday, and next Monday it is overdue
    anna.cases.schedule_follow_up(row.id, date(2026, 5, 31))  # Sunday, a month end
    sunday = anna.reminders.due(today=date(2026, 5, 31))
    assert date(2026, 5, 31) in [r.due_on for r in sunday.this_week]
    monday = anna.reminders.due(today=date(2026, 6, 1))
    assert date(2026, 5, 31) in [r.due_on for r in monday.overdue]
    assert monday.week_end == date(2026, 6, 7)


def _parse_ics(text: str) -> list[dict[str, str]]:
    assert text.endswith("\r\n")
    lines: list[str] = []
    for raw in text.split("\r\n")[:-1]:
        assert len(raw.encode("utf-8")) <= 75, raw
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT":
            events[-1][name] = value
    return events


def test_ics_has_my_dates_and_no_personal_data(world: World, tmp_path: Path) -> None:
    anna, bo = world.workspace("anna"), world.workspace("bo")
    mine = _case_with_dates(anna, NAME, PNR, TUESDAY)
    _case_with_dates(bo, OTHER_NAME, OTHER_PNR, TUESDAY)
    out = tmp_path / "bevakning.ics"
    count = anna.reminders.export_ics(
        out, today=TUESDAY, stamp=datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    )
    text = out.read_bytes().decode("utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    events = _parse_ics(text)
    assert count == len(events) == 7  # every open date of my case, later ones too
    starts = sorted(e["DTSTART;VALUE=DATE"] for e in events)
    assert starts[0] == "20260329" and starts[-1] == "20260530"
    assert all(e["SUMMARY"].endswith(mine["ref"]) for e in events)
    assert all(e["DTSTAMP"] == "20260331T080000Z" for e in events)
    assert len({e["UID"] for e in events}) == len(events)
    due_friday = next(e for e in events if e["DTSTART;VALUE=DATE"] == "20260403")
    assert due_friday["DTEND;VALUE=DATE"] == "20260404"
    month_end = next(e for e in events if e["DTSTART;VALUE=DATE"] == "20260331")
    assert month_end["DTEND;VALUE=DATE"] == "20260401"
    lowered = text.lower()
    for secret in (
        NAME, "Åsa", "Öberg", PNR, PNR.replace("-", ""), "811228", "9874", OTHER_NAME,
        "Söka lägenhet", "Eget boende", "anna", mine["case"], mine["plan"], mine["consent"],
    ):  # fmt: skip
        assert secret.lower() not in lowered, secret
    db = world.db()
    with db.sessions() as session:
        exports = [
            e.detail
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.action == "export")
            ).scalars()
        ]
    db.dispose()
    assert "ics, 7 dates" in exports
    assert anna.reminders.ics(today=TUESDAY, stamp=datetime(2026, 3, 31, 8, 0, tzinfo=UTC)) == text


def test_a_new_source_can_be_added(sqlite_world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another kind of date comes in as a source function, nothing else."""
    from sqlalchemy import select as sql_select

    from assessment_app.db.models import Case

    def reviews(uow, query: ReminderQuery):  # type: ignore[no-untyped-def]
        rows = uow.session.execute(sql_select(Case.id, Case.case_ref).where(query.cases)).all()
        for case_id, ref in rows:
            yield Reminder("custom_check", query.today, case_id, ref, "case", case_id)

    monkeypatch.setattr(reminders, "SOURCES", dict(reminders.SOURCES))
    monkeypatch.setattr(reminders, "KIND_LABELS", dict(reminders.KIND_LABELS))
    reminders.register_source(
        "custom_check", reviews, label_sv="Egen kontroll", label_en="Own check"
    )
    anna = sqlite_world.workspace("anna")
    row = anna.cases.create(name=NAME)
    bo = sqlite_world.workspace("bo")
    bo.cases.create(name=OTHER_NAME)  # not anna's: the source sees only what query.cases allows
    items = anna.reminders.due(today=TUESDAY).items
    assert [(r.kind, r.case_ref, r.label()) for r in items] == [
        ("custom_check", row.case_ref, "Egen kontroll")
    ]


def test_a_safety_plan_review_date_is_a_reminder_that_opens_the_safety_plan(
    world: World,
) -> None:
    from dataclasses import replace

    from tests.core.test_safety_plan import plan_content

    anna, bo = world.workspace("anna"), world.workspace("bo")
    row = anna.cases.create(name=NAME, personnummer=PNR)
    plan = anna.safety.create(row.id)
    due = TUESDAY + timedelta(days=2)  # Thursday 2 April: this week, across the month end
    plan = anna.safety.save(plan.id, plan.version, replace(plan_content(), review_due_on=due))
    bo.cases.create(name=OTHER_NAME)  # another worker's case without a safety plan
    items = [r for r in anna.reminders.due(today=TUESDAY).items if r.kind == "safety_review"]
    assert [(r.due_on, r.target, r.target_id, r.case_ref) for r in items] == [
        (due, "safety", plan.id, row.case_ref)
    ]
    assert items[0].label() == "Skyddsplanen ska ses över"
    assert items[0].label("en") == "Safety plan review"
    # Not yet due in the week before; overdue the day after; never another worker's.
    assert "safety_review" not in {
        r.kind for r in anna.reminders.due(today=TUESDAY - timedelta(days=7)).items
    }
    later = anna.reminders.due(today=due + timedelta(days=1))
    assert [r.due_on for r in later.overdue if r.kind == "safety_review"] == [due]
    assert bo.reminders.due(today=due + timedelta(days=1)).items == ()


def test_cli_lists_and_exports(sqlite_world: World, tmp_path: Path) -> None:
    from tests.core.test_cli import run

    anna = sqlite_world.workspace("anna")
    ids = _case_with_dates(anna, NAME, PNR, TUESDAY)
    base = ["--database", sqlite_world.url, "--user", "anna", "reminders"]
    pw = {"ASSESSMENT_PASSWORD": "worker-password-1"}
    listed = run([*base, "--today", "2026-03-31"], pw)
    assert listed.returncode == 0, listed.stderr
    assert ids["ref"] in listed.stdout and "försenad" in listed.stdout
    assert "veckan slutar 2026-04-05" in listed.stdout
    assert NAME not in listed.stdout
    refused = run([*base, "--unit"], pw)
    assert refused.returncode == 2 and "arbetsledare" in refused.stderr
    out = tmp_path / "mina.ics"
    exported = run([*base, "--today", "2026-03-31", "--ics", str(out)], pw)
    assert exported.returncode == 0, exported.stderr
    assert "7 datum" in exported.stdout
    text = out.read_bytes().decode("utf-8")
    assert len(_parse_ics(text)) == 7 and NAME not in text and PNR not in text
