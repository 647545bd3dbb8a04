"""Use cases of reminders (bevakning): what is due this week and overdue, and the calendar
export of one's own dates (see :mod:`assessment_app.records.reminders` for the sources)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assessment_app import audit
from assessment_app.fileio import write_private_atomic
from assessment_app.records import reminders
from assessment_app.records.reminders import ReminderList
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace


@use_cases
class ReminderUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def may_see_unit(self) -> bool:
        """A supervisor may list the whole unit's dates as well as their own."""
        return self.ws.ctx.role == "supervisor"

    def default_scope(self) -> str:
        """What the screen and the sign-in check show first: a supervisor's unit, else mine."""
        return "unit" if self.may_see_unit() else "mine"

    def due(self, *, today: date | None = None, scope: str = "mine") -> ReminderList:
        """Overdue and due this week (to Sunday), per case: ``mine`` (the cases assigned to
        me) or ``unit`` (a supervisor's whole unit). ``today``: the date in Sweden now. A
        consent's end shows from the unit's ``consent_warning_days`` before (as in the
        supervisor's consent queue)."""
        day = today or reminders.today_in_sweden()
        lead = self.ws.rules().consent_warning_days
        with self.ws.read() as uow:
            return reminders.due_this_week(uow, today=day, scope=scope, consent_lead_days=lead)

    def ics(self, *, today: date | None = None, stamp: datetime | None = None) -> str:
        """Every open date of my own cases (overdue ones too) as an iCalendar text."""
        day = today or reminders.today_in_sweden()
        with self.ws.read() as uow:
            items = reminders.collect(uow, today=day, until=None, scope="mine")
        return reminders.to_ics(items, stamp=stamp or datetime.now(UTC), language=self.ws.language)

    def export_ics(
        self, out: Path, *, today: date | None = None, stamp: datetime | None = None
    ) -> int:
        """Write :meth:`ics` to ``out`` (owner-only, atomic); audited. Returns the count."""
        day = today or reminders.today_in_sweden()
        with self.ws.write() as uow:
            items = reminders.collect(uow, today=day, until=None, scope="mine")
            text = reminders.to_ics(
                items, stamp=stamp or datetime.now(UTC), language=self.ws.language
            )
            write_private_atomic(
                text.encode("utf-8"), out, what_en="the calendar file", what_sv="kalenderfilen"
            )
            uow.audit(audit.EXPORT, object_type="reminders", detail=f"ics, {len(items)} dates")
        return len(items)
