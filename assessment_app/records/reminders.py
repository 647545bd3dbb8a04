"""Reminders (bevakning): the dates of a worker's cases that are due this week or overdue.

Each kind of date comes from a *source*: a function that takes the unit of work and a
:class:`ReminderQuery` and returns :class:`Reminder` items. The sources are listed in
:data:`SOURCES` (kind -> function); a new kind of date is added with :func:`register_source`
and needs nothing else: the "Att göra" screen, the
command and the ``.ics`` export show every kind they are given (``KIND_LABELS`` names it).

A source must
- join its rows to ``Case`` and apply ``query.cases`` (the access rule, the scope and
  "open cases only" in one SQL condition): it never widens what the user reaches;
- return only dates on or before ``query.until`` (``None``: every open date);
- leave out what is finished (a follow-up done, an action done or cancelled, a consent
  withdrawn or renewed) and put nothing personal in a reminder: a reminder carries ids, the
  case reference, the kind and the date, so it can be printed in a calendar file as it is.

"This week" is the Swedish calendar week (Monday to Sunday) of today; "today" is the date in
Sweden (Europe/Stockholm) at the moment of asking, so a reminder turns overdue at local
midnight whatever the computer's clock zone. A consent's end is shown earlier: from
``query.consent_lead_days`` before its last day (the unit's ``consent_warning_days``, the
same as the supervisor's consent queue), so there is time to renew it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, select

from assessment_app.db.models import (
    ActionPlan,
    Case,
    Consent,
    FollowUp,
    PlanAction,
    SafetyPlan,
    User,
)
from assessment_app.errors import AccessDeniedError, ValidationError
from assessment_app.records.access import case_filter
from assessment_app.records.consents import renewed_ids

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

SWEDEN = ZoneInfo("Europe/Stockholm")
SCOPES = ("mine", "unit")

# What each kind is called, (Swedish, English); a new source adds its own with register_source.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "follow_up": ("Uppföljning", "Follow-up"),
    "plan_follow_up": ("Planens uppföljningsdatum", "Plan follow-up date"),
    "action_due": ("Insats ska vara klar", "Action due"),
    "consent_expiry": ("Samtycke upphör", "Consent ends"),
    "safety_review": ("Skyddsplanen ska ses över", "Safety plan review"),
}


@dataclass(frozen=True)
class Reminder:
    """One date to act on. ``target`` says where it opens: ``case`` (the follow-ups),
    ``plan`` (``target_id`` is the plan), ``consent`` (``target_id`` is the consent) or
    ``safety`` (``target_id`` is the safety plan). ``key`` names the thing the date belongs
    to when ``target_id`` alone does not (an action reminder is one per plan *and* date)."""

    kind: str
    due_on: date
    case_id: str
    case_ref: str
    target: str
    target_id: str
    assigned_user_id: str | None = None
    key: str = ""

    def overdue(self, today: date) -> bool:
        return self.due_on < today

    def label(self, language: str = "sv") -> str:
        sv, en = KIND_LABELS.get(self.kind, (self.kind, self.kind))
        return en if language == "en" else sv

    @property
    def identity(self) -> str:
        """What the date belongs to: the kind and the follow-up, plan, consent or safety plan
        (not the date, so a moved date is the same reminder)."""
        return f"{self.kind}|{self.key or self.target_id}"

    @property
    def uid(self) -> str:
        """A stable calendar id that says nothing about the person or the case: the kind and
        the target, not the date, so a moved date updates the same calendar event."""
        digest = hashlib.sha256(self.identity.encode()).hexdigest()
        return f"{digest[:32]}@assessment-app"


@dataclass(frozen=True)
class ReminderQuery:
    today: date
    until: date | None
    cases: ColumnElement[bool]  # the access rule, the scope and "open cases only"
    user_id: str
    consent_lead_days: int = 0  # a consent's end shows from this many days before today


ReminderSource = Callable[["UnitOfWork", ReminderQuery], Iterable[Reminder]]


@dataclass(frozen=True)
class ReminderList:
    today: date
    week_end: date
    scope: str
    items: tuple[Reminder, ...]
    # user id -> the worker's display name (else user name); filled for the unit view only
    workers: dict[str, str] = field(default_factory=dict)
    consent_lead_days: int = 0

    @property
    def overdue(self) -> list[Reminder]:
        return [r for r in self.items if r.overdue(self.today)]

    @property
    def this_week(self) -> list[Reminder]:
        return [r for r in self.items if self.today <= r.due_on <= self.week_end]

    @property
    def upcoming(self) -> list[Reminder]:
        """After this week: only consents that end within their lead time."""
        return [r for r in self.items if r.due_on > self.week_end]

    def worker(self, item: Reminder) -> str:
        """Whose case it is (the unit view): the assigned worker's name, else ``""``."""
        return self.workers.get(item.assigned_user_id or "", "")

    def by_case(self) -> dict[str, list[Reminder]]:
        """Items grouped per case reference, overdue first within each case."""
        grouped: dict[str, list[Reminder]] = {}
        for item in self.items:
            grouped.setdefault(item.case_ref, []).append(item)
        return grouped


def today_in_sweden(now: datetime | None = None) -> date:
    """The calendar date in Sweden at ``now`` (an aware datetime; default: this moment)."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("now must carry a time zone")
    return moment.astimezone(SWEDEN).date()


def week_end(today: date) -> date:
    """The Sunday of today's calendar week (ISO 8601, as in Sweden)."""
    return today + timedelta(days=6 - today.weekday())


def _until(query: ReminderQuery, column: Any) -> list[ColumnElement[bool]]:
    return [] if query.until is None else [column <= query.until]


# --- the sources ------------------------------------------------------------------------------


def follow_ups(uow: UnitOfWork, query: ReminderQuery) -> Iterable[Reminder]:
    rows = uow.session.execute(
        select(FollowUp.id, FollowUp.due_on, Case.id, Case.case_ref, Case.assigned_user_id)
        .join(Case, Case.id == FollowUp.case_id)
        .where(query.cases, FollowUp.done_on.is_(None), *_until(query, FollowUp.due_on))
    ).all()
    for fu_id, due_on, case_id, ref, assigned in rows:
        yield Reminder("follow_up", due_on, case_id, ref, "case", fu_id, assigned)


def plan_follow_ups(uow: UnitOfWork, query: ReminderQuery) -> Iterable[Reminder]:
    """A current plan's follow-up date, when no follow-up was scheduled for that plan."""
    scheduled = exists().where(FollowUp.plan_id == ActionPlan.id)
    rows = uow.session.execute(
        select(
            ActionPlan.id, ActionPlan.follow_up_on, Case.id, Case.case_ref, Case.assigned_user_id
        )
        .join(Case, Case.id == ActionPlan.case_id)
        .where(
            query.cases,
            ActionPlan.follow_up_on.is_not(None),
            ActionPlan.review_state != "superseded",
            ~scheduled,
            *_until(query, ActionPlan.follow_up_on),
        )
    ).all()
    for plan_id, due_on, case_id, ref, assigned in rows:
        if due_on is not None:  # the query asks for dates; this tells the type checker
            yield Reminder("plan_follow_up", due_on, case_id, ref, "plan", plan_id, assigned)


def action_due_dates(uow: UnitOfWork, query: ReminderQuery) -> Iterable[Reminder]:
    """Actions of current plans that are not done or cancelled, by their due date: one
    reminder per plan and date (a plan with three actions due on Friday says it once)."""
    rows = uow.session.execute(
        select(ActionPlan.id, PlanAction.due_on, Case.id, Case.case_ref, Case.assigned_user_id)
        .join(ActionPlan, ActionPlan.id == PlanAction.plan_id)
        .join(Case, Case.id == ActionPlan.case_id)
        .where(
            query.cases,
            PlanAction.due_on.is_not(None),
            PlanAction.status.in_(("planned", "in_progress")),
            ActionPlan.review_state != "superseded",
            *_until(query, PlanAction.due_on),
        )
        .distinct()
    ).all()
    for plan_id, due_on, case_id, ref, assigned in rows:
        if due_on is not None:  # the query asks for dates; this tells the type checker
            yield Reminder(
                "action_due", due_on, case_id, ref, "plan", plan_id, assigned,
                key=f"{plan_id}|{due_on.isoformat()}",
            )  # fmt: skip


def consent_expiry(uow: UnitOfWork, query: ReminderQuery) -> Iterable[Reminder]:
    """Consents with a last day that are neither withdrawn nor renewed (a later consent to
    the same recipient carries them on, :func:`consents.renewed_ids`, the supervisor's
    queue's rule): renew or let them end. Shown from ``query.consent_lead_days`` before."""
    until: list[ColumnElement[bool]] = []
    if query.until is not None:
        last = max(query.until, query.today + timedelta(days=query.consent_lead_days))
        until = [Consent.valid_until <= last]
    rows = uow.session.execute(
        select(Consent.id, Consent.valid_until, Case.id, Case.case_ref, Case.assigned_user_id)
        .join(Case, Case.id == Consent.case_id)
        .where(
            query.cases,
            Consent.withdrawn_on.is_(None),
            Consent.valid_until.is_not(None),
            *until,
        )
    ).all()
    renewed = renewed_ids(uow, {row[2] for row in rows})
    for consent_id, due_on, case_id, ref, assigned in rows:
        if due_on is not None and consent_id not in renewed:
            yield Reminder("consent_expiry", due_on, case_id, ref, "consent", consent_id, assigned)


def safety_reviews(uow: UnitOfWork, query: ReminderQuery) -> Iterable[Reminder]:
    """The review date of each safety plan in force (or being written): look at it again."""
    rows = uow.session.execute(
        select(
            SafetyPlan.id, SafetyPlan.review_due_on, Case.id, Case.case_ref, Case.assigned_user_id
        )
        .join(Case, Case.id == SafetyPlan.case_id)
        .where(
            query.cases,
            SafetyPlan.review_due_on.is_not(None),
            SafetyPlan.review_state != "superseded",
            *_until(query, SafetyPlan.review_due_on),
        )
    ).all()
    for plan_id, due_on, case_id, ref, assigned in rows:
        if due_on is not None:  # the query asks for dates; this tells the type checker
            yield Reminder("safety_review", due_on, case_id, ref, "safety", plan_id, assigned)


SOURCES: dict[str, ReminderSource] = {
    "follow_up": follow_ups,
    "plan_follow_up": plan_follow_ups,
    "action_due": action_due_dates,
    "consent_expiry": consent_expiry,
    "safety_review": safety_reviews,
}


def register_source(kind: str, source: ReminderSource, *, label_sv: str, label_en: str) -> None:
    """Add a kind of date (e.g. ``"safety_review"``): every list and export then shows it."""
    SOURCES[kind] = source
    KIND_LABELS[kind] = (label_sv, label_en)


# --- collecting -------------------------------------------------------------------------------


def case_scope(uow: UnitOfWork, scope: str) -> ColumnElement[bool]:
    """``mine``: the cases assigned to the user; ``unit``: every case the user reaches (a
    supervisor's unit). Always inside the access rule, always open cases only."""
    ctx = uow.ctx
    if scope not in SCOPES:
        raise ValidationError(
            f"Unknown scope {scope!r}; use mine or unit.",
            f"Okänt urval {scope!r}; använd mine eller unit.",
        )
    if scope == "unit" and ctx.role != "supervisor":
        raise AccessDeniedError(
            "Only a supervisor sees the unit's reminders.",
            "Bara en arbetsledare ser enhetens bevakningar.",
        )
    rule = and_(case_filter(ctx), Case.status == "open")
    if scope == "mine":
        rule = and_(rule, Case.assigned_user_id == ctx.user_id)
    return rule


def collect(
    uow: UnitOfWork,
    *,
    today: date,
    until: date | None,
    scope: str = "mine",
    kinds: Iterable[str] | None = None,
    consent_lead_days: int = 0,
) -> list[Reminder]:
    query = ReminderQuery(today, until, case_scope(uow, scope), uow.ctx.user_id, consent_lead_days)
    wanted = set(kinds) if kinds is not None else set(SOURCES)
    items: list[Reminder] = []
    for kind, source in SOURCES.items():
        if kind in wanted:
            items.extend(source(uow, query))
    return sorted(items, key=lambda r: (r.due_on, r.case_ref, r.kind, r.target_id))


def due_this_week(
    uow: UnitOfWork, *, today: date, scope: str = "mine", consent_lead_days: int = 0
) -> ReminderList:
    """What is overdue and what is due from today to Sunday, and the consents that end within
    ``consent_lead_days`` (after Sunday: :attr:`ReminderList.upcoming`). The unit view names
    whose case each is (the worker's name: not the client's personal data)."""
    end = week_end(today)
    items = tuple(
        collect(uow, today=today, until=end, scope=scope, consent_lead_days=consent_lead_days)
    )
    workers = worker_names(uow, {i.assigned_user_id for i in items}) if scope == "unit" else {}
    return ReminderList(today, end, scope, items, workers, consent_lead_days)


def worker_names(uow: UnitOfWork, user_ids: Iterable[str | None]) -> dict[str, str]:
    """user id -> display name, else user name."""
    wanted = sorted({u for u in user_ids if u})
    if not wanted:
        return {}
    out: dict[str, str] = {}
    for user in uow.session.execute(select(User).where(User.id.in_(wanted))).scalars():
        name = uow.open("users", "display_name_enc", user.id, user.display_name_enc)
        out[user.id] = str(name) if name else user.username
    return out


# --- desktop notifications (Qt-free: what is new since the last one) -------------------------


class NotificationLedger:
    """Which reminders a desktop notification has already told about, so the next one says
    only what became due (this week) or overdue since: an item is told once as due and once
    more when it turns overdue; a moved date is told again. Consents that end later than this
    week (:attr:`ReminderList.upcoming`) are not notified."""

    def __init__(self) -> None:
        self._told: set[tuple[str, date, bool]] = set()

    def fresh(self, listed: ReminderList) -> tuple[int, int]:
        """(new overdue, new due this week) in ``listed``; they count as told from now on."""
        late = due = 0
        for item in listed.items:
            if item.due_on > listed.week_end:
                continue
            overdue = item.overdue(listed.today)
            key = (item.identity, item.due_on, overdue)
            if key in self._told:
                continue
            self._told.add(key)
            if overdue:
                late += 1
            else:
                due += 1
        return late, due


def seconds_to_next_day(
    now: datetime | None = None, *, after: timedelta = timedelta(minutes=1)
) -> float:
    """Seconds from ``now`` (aware; default this moment) to ``after`` past the next midnight in
    Sweden: when "today" changes and yesterday's dates turn overdue."""
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("now must carry a time zone")
    local = moment.astimezone(SWEDEN).date()
    for day in (local, local + timedelta(days=1)):
        target = datetime(day.year, day.month, day.day, tzinfo=SWEDEN) + after
        if target > moment:
            break
    return max((target - moment).total_seconds(), 1.0)


# --- the calendar file ------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets (RFC 5545 3.1), continued with a leading space."""
    out: list[str] = []
    data = line.encode("utf-8")
    while len(data) > 75:
        cut = 75 if not out else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    out.append(data.decode("utf-8"))
    return [out[0], *(" " + part for part in out[1:])]


def to_ics(items: Iterable[Reminder], *, stamp: datetime, language: str = "sv") -> str:
    """An iCalendar file of whole-day events: the kind and the case reference, nothing else
    (no name, no personnummer, no text from the case)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kartläggning och handlingsplan//bevakning//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + ("Reminders" if language == "en" else "Bevakningar"),
    ]
    dtstamp = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for item in items:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{item.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{item.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due_on + timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + _ics_text(f"{item.label(language)}: {item.case_ref}"),
            "CATEGORIES:" + _ics_text(item.kind),
            "TRANSP:TRANSPARENT",
            "CLASS:CONFIDENTIAL",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
