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
    # the calendar file is one's own dates: --unit with --ics is refused, not ignored
    other = tmp_path / "enheten.ics"
    both = run([*base, "--unit", "--ics", str(other)], pw)
    assert both.returncode == 2 and "ta bort --unit" in both.stderr, both.stderr
    assert not other.exists()


# --- the audit's findings (consents renewed and warned ahead, ids, notifications) ----------


def test_a_renewed_consent_leaves_the_list(world: World) -> None:
    """A later consent to the same recipient carries the old one on: no "Samtycke upphör"
    (the supervisor's consent queue uses the same rule, consents.renewed_ids)."""
    anna = world.workspace("anna")
    ids = _case_with_dates(anna, NAME, PNR, TUESDAY)
    later = TUESDAY + timedelta(days=8)  # after the renewal's own lead time would show it
    assert ids["consent"] in {r.target_id for r in anna.reminders.due(today=later).items}
    renewal = anna.cases.give_consent(
        ids["case"], "police", ["housing"], given_on=TUESDAY, valid_until=TUESDAY + timedelta(365)
    )
    for day in (TUESDAY, later):  # due this week, and overdue
        consent_items = [
            r.target_id for r in anna.reminders.due(today=day).items if r.kind == "consent_expiry"
        ]
        assert consent_items == [], day
    # withdrawing the renewal brings the old end back (it is no longer carried on)
    view = anna.cases.consents(ids["case"])
    new = next(c for c in view.consents if c.id == renewal.id)
    anna.cases.withdraw_consent(new.id, new.version, TUESDAY)
    assert ids["consent"] in {r.target_id for r in anna.reminders.due(today=later).items}
    # a consent to another recipient does not renew it
    anna.cases.give_consent(
        ids["case"], "other", ["housing"], recipient_name="Hyresvärden",
        given_on=TUESDAY, valid_until=TUESDAY + timedelta(365),
    )  # fmt: skip
    assert ids["consent"] in {r.target_id for r in anna.reminders.due(today=later).items}


def test_a_consent_end_shows_from_the_warning_days_before(world: World) -> None:
    """The consent queue's 30 days (consent_warning_days): a consent ending in 30 days is
    listed as upcoming, not due this week; one ending in 31 days is not listed yet."""
    anna = world.workspace("anna")
    row = anna.cases.create(name=NAME, personnummer=PNR)
    in_30 = anna.cases.give_consent(
        row.id, "police", ["housing"], given_on=TUESDAY - timedelta(10),
        valid_until=TUESDAY + timedelta(days=30),
    )  # fmt: skip
    anna.cases.give_consent(
        row.id, "other", ["housing"], recipient_name="Hyresvärden",
        given_on=TUESDAY - timedelta(10), valid_until=TUESDAY + timedelta(days=31),
    )  # fmt: skip
    anna.cases.schedule_follow_up(row.id, TUESDAY + timedelta(days=30))  # not a consent: later
    assert anna.rules().consent_warning_days == 30
    listed = anna.reminders.due(today=TUESDAY)
    assert [(r.kind, r.due_on, r.target_id) for r in listed.items] == [
        ("consent_expiry", TUESDAY + timedelta(days=30), in_30.id)
    ]
    assert listed.upcoming == list(listed.items) and not listed.this_week and not listed.overdue
    assert listed.consent_lead_days == 30
    # in its own week it is due this week, after its last day overdue
    week = anna.reminders.due(today=TUESDAY + timedelta(28))
    assert in_30.id in [r.target_id for r in week.this_week] and not week.upcoming
    late = anna.reminders.due(today=TUESDAY + timedelta(days=31))
    assert in_30.id in [r.target_id for r in late.overdue]


def test_the_supervisor_starts_on_the_unit_and_sees_whose_case(world: World) -> None:
    anna, chef = world.workspace("anna"), world.workspace("chef")
    a = _case_with_dates(anna, NAME, PNR, TUESDAY)
    assert chef.reminders.default_scope() == "unit"
    assert anna.reminders.default_scope() == "mine"
    unit = chef.reminders.due(today=TUESDAY, scope="unit")
    anna_id = anna.ctx.user_id
    assert {unit.worker(r) for r in unit.items} == {unit.workers[anna_id]}
    assert unit.workers[anna_id] and unit.workers[anna_id] != NAME
    assert anna.reminders.due(today=TUESDAY).workers == {}  # one's own list: no column
    assert {r.case_ref for r in unit.items} == {a["ref"]}


def test_a_moved_date_keeps_its_calendar_uid(world: World) -> None:
    """The .ics UID is the kind and the target, not the date: a plan's follow-up date that
    moves updates the same calendar event."""
    anna = world.workspace("anna")
    row = anna.cases.create(name=NAME, personnummer=PNR)
    plan = anna.plans.create(row.id)
    stamp = datetime(2026, 3, 31, 8, 0, tzinfo=UTC)

    def save_follow_up_on(day: date) -> None:
        saved = anna.plans.save(
            PlanEdit(anna.plans.get(plan.id), PlanContent([], [], follow_up_on=day))
        )
        assert isinstance(saved, Saved)

    save_follow_up_on(TUESDAY + timedelta(days=10))
    (before,) = _parse_ics(anna.reminders.ics(today=TUESDAY, stamp=stamp))
    save_follow_up_on(TUESDAY + timedelta(days=20))
    (after,) = _parse_ics(anna.reminders.ics(today=TUESDAY, stamp=stamp))
    assert before["DTSTART;VALUE=DATE"] != after["DTSTART;VALUE=DATE"]
    assert before["UID"] == after["UID"]
    # an action reminder is one per plan and date: two dates of one plan are two events
    a1 = Reminder("action_due", TUESDAY, row.id, "R", "plan", "p1", key="p1|2026-03-31")
    a2 = Reminder("action_due", TUESDAY, row.id, "R", "plan", "p1", key="p1|2026-04-02")
    assert a1.uid != a2.uid
    assert (
        Reminder("follow_up", TUESDAY, "c", "R", "case", "x").uid
        != Reminder("consent_expiry", TUESDAY, "c", "R", "consent", "x").uid
    )


def _listed(today: date, *due: date) -> reminders.ReminderList:
    items = tuple(Reminder("follow_up", d, "c", "R-1", "case", f"fu{i}") for i, d in enumerate(due))
    return reminders.ReminderList(today, reminders.week_end(today), "mine", items)


def test_notifications_tell_only_what_is_new() -> None:
    ledger = reminders.NotificationLedger()
    assert ledger.fresh(_listed(TUESDAY, TUESDAY - timedelta(1), TUESDAY)) == (1, 1)
    assert ledger.fresh(_listed(TUESDAY, TUESDAY - timedelta(1), TUESDAY)) == (0, 0)  # no repeat
    # a new date this week; a consent-like date after Sunday is not told
    assert ledger.fresh(_listed(TUESDAY, TUESDAY - timedelta(1), TUESDAY, TUESDAY + timedelta(2),
                                TUESDAY + timedelta(20))) == (0, 1)  # fmt: skip
    # next day: Tuesday's date turned overdue (told once more), the rest is old news
    wednesday = TUESDAY + timedelta(1)
    got = ledger.fresh(_listed(wednesday, TUESDAY - timedelta(1), TUESDAY, TUESDAY + timedelta(2)))
    assert got == (1, 0)
    assert ledger.fresh(_listed(wednesday, TUESDAY - timedelta(1), TUESDAY)) == (0, 0)
    assert reminders.NotificationLedger().fresh(_listed(TUESDAY)) == (0, 0)


@pytest.mark.parametrize(
    ("now", "seconds"),
    [
        (datetime(2026, 3, 31, 21, 59, 0, tzinfo=UTC), 120.0),  # 23:59 CEST -> 00:01
        (datetime(2026, 1, 31, 22, 0, 0, tzinfo=UTC), 3660.0),  # 23:00 CET -> 00:01
        (datetime(2026, 3, 28, 22, 30, tzinfo=UTC), 1860.0),  # 23:30 CET, summer time next night
        (datetime(2026, 3, 31, 22, 0, 30, tzinfo=UTC), 30.0),  # 00:00:30 -> 00:01 today
    ],
)
def test_the_refresh_after_local_midnight(now: datetime, seconds: float) -> None:
    assert reminders.seconds_to_next_day(now) == seconds


def test_ics_leaves_out_the_riskiest_sources(world: World, tmp_path: Path) -> None:
    """A safety plan (threat, named people, places, code word), a consent with a recipient's
    name and a note, and a long case reference that must fold: the file holds none of the
    texts, no name, no personnummer, folded or unfolded."""
    from dataclasses import replace

    from sqlalchemy import update

    from assessment_app.db.models import Case
    from tests.core.test_safety_plan import SECRETS, THREAT_WHO, plan_content

    anna = world.workspace("anna")
    row = anna.cases.create(name=NAME, personnummer=PNR)
    long_ref = "AV-2026-ÅÄÖ,;långt-ärende-ÖÄÅ-01"  # 32 characters, escaped and multibyte
    assert len(long_ref) <= 32
    db = world.db()
    with db.sessions() as session, session.begin():
        session.execute(update(Case).where(Case.id == row.id).values(case_ref=long_ref))
    db.dispose()
    plan = anna.safety.create(row.id)
    content = replace(plan_content(), review_due_on=TUESDAY + timedelta(days=2))
    plan = anna.safety.save(plan.id, plan.version, content)
    recipient, note = "Kriminalinspektör Hemligsson", "Får bara ringas efter kl 16, dottern Elvira"
    consent = anna.cases.give_consent(
        row.id, "police", ["safety"], recipient_name=recipient, note=note,
        given_on=TUESDAY - timedelta(days=10), valid_until=TUESDAY + timedelta(days=20),
    )  # fmt: skip
    out = tmp_path / "bevakning.ics"
    count = anna.reminders.export_ics(
        out, today=TUESDAY, stamp=datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    )
    text = out.read_bytes().decode("utf-8")
    events = _parse_ics(text)  # every physical line at most 75 octets
    assert count == len(events) == 2
    kinds = {e["CATEGORIES"] for e in events}
    assert kinds == {"safety_review", "consent_expiry"}
    summaries = [e["SUMMARY"] for e in events]
    escaped_ref = long_ref.replace(",", "\\,").replace(";", "\\;")
    assert all(s.endswith(escaped_ref) for s in summaries), summaries
    assert any(len(line.encode()) > 75 for line in ("SUMMARY:" + s for s in summaries))
    assert text.count("\r\n ") >= 1  # a folded line
    unfolded = text.replace("\r\n ", "")
    secrets = (
        *SECRETS, THREAT_WHO, recipient, "Hemligsson", note, "Elvira", NAME, "Åsa", "Öberg",
        PNR, PNR.replace("-", ""), "811228", "9874", "anna", row.id, plan.id, consent.id,
    )  # fmt: skip
    for body in (text.lower(), unfolded.lower()):
        for secret in secrets:
            assert secret.lower() not in body, secret
