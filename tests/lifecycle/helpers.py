"""Helpers for the lifecycle tests: hand-made cases with chosen birth days and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select, update
from stdnum import luhn

from assessment_app.context import Context
from assessment_app.db.models import Case
from assessment_app.records import cases
from assessment_app.workspace import Workspace


def pnr_with_day(day_field: int, year: int = 1980, month: int = 1, serial: str = "123") -> str:
    """A valid personnummer (day 1-31) or samordningsnummer (day 61-91) with a check digit."""
    base = f"{year % 100:02d}{month:02d}{day_field:02d}{serial}"
    return f"{year}{month:02d}{day_field:02d}-{serial}{luhn.calc_check_digit(base)}"


def workspace(who: Workspace | Context) -> Workspace:
    """The workspace to work through (a signed-in context gets one of its own)."""
    return who if isinstance(who, Workspace) else Workspace(who)


def new_case(
    who: Workspace | Context, name: str = "Testa Person", personnummer: str | None = None
) -> cases.CaseRow:
    return workspace(who).cases.create(
        name=name, personnummer=personnummer, opened_on=date(2019, 3, 1)
    )


def close(who: Workspace | Context, case_id: str, closed_on: date = date(2020, 6, 1)) -> None:
    ws = workspace(who)
    info = ws.cases.open(case_id)
    ws.cases.close(case_id, info.version, "Målen uppnådda", closed_on=closed_on)


def set_last_entry(who: Workspace | Context, case_id: str, when: date) -> None:
    """Move a case's retention clock into the past (test set-up only, past the rules)."""
    with who.db.session() as session:
        session.execute(
            update(Case)
            .where(Case.id == case_id)
            .values(last_entry_at=datetime(when.year, when.month, when.day, 12, tzinfo=UTC))
        )


def count(who: Workspace | Context, model: Any, *where: Any) -> int:
    with who.db.sessions() as session:
        query = select(func.count()).select_from(model).where(*where)
        return int(session.execute(query).scalar_one())
