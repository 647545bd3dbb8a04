"""Use cases of the statistics (``ws.stats``): a unit's anonymised report, and its export.

A supervisor gets their own unit's figures; an administrator any unit's, or every unit's
together. The report is computed in one read transaction (a snapshot on a server) and only
counts leave it (:mod:`assessment_app.stats`). Making a report and exporting it are both
audited (``stats.report``; an export as ``export`` with the format and the months).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app import audit
from assessment_app.db.models import Unit
from assessment_app.errors import AccessDeniedError, ValidationError
from assessment_app.stats.compute import Progress, Scope, compute
from assessment_app.stats.model import Report
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace

STATS_REPORT = "stats.report"
MAX_MONTHS = 120
FORMATS = ("csv", "xlsx", "pdf")


@use_cases
class StatsUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def min_cell(self) -> int:
        """The disclosure threshold of this installation (``stats_min_cell``)."""
        from assessment_app.settings import load_stats_min_cell

        return load_stats_min_cell()

    def units(self) -> list[str]:
        """The units this user may make statistics for (a supervisor: their own)."""
        ctx = self.ws.ctx
        ctx.require_role("supervisor", "administrator")
        with self.ws.read() as uow:
            query = select(Unit.name).order_by(Unit.name)
            if ctx.role == "supervisor":
                query = query.where(Unit.id == ctx.unit_id)
            return list(uow.session.execute(query).scalars())

    def report(
        self,
        date_from: date,
        date_to: date,
        unit: str | None = None,
        *,
        language: str | None = None,
        progress: Progress | None = None,
        today: date | None = None,
    ) -> Report:
        """The report over the whole months from ``date_from`` to ``date_to``."""
        ctx = self.ws.ctx
        ctx.require_role("supervisor", "administrator")
        if date_from > date_to:
            raise ValidationError(
                "The start of the period is after its end.",
                "Periodens början ligger efter dess slut.",
            )
        first, last = Scope.months(date_from, date_to)
        if (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
            raise ValidationError(
                f"A report covers at most {MAX_MONTHS} months.",
                f"En rapport omfattar högst {MAX_MONTHS} månader.",
            )
        min_cell = self.min_cell()
        titles = self.ws.area_titles()
        with self.ws.read(snapshot=True) as uow:
            scope = self._scope(uow.session, unit, first, last)
            result = compute(
                uow,
                scope,
                min_cell=min_cell,
                area_titles=titles,
                language=language or self.ws.language,
                today=today,
                progress=progress,
            )
        with self.ws.write() as uow:
            uow.audit(
                STATS_REPORT,
                object_type="unit",
                object_id=scope.unit_id or "all",
                detail=f"{result.month_from}..{result.month_to}",
            )
        from dataclasses import replace

        return replace(result, scope_id=scope.unit_id or "all")

    def _scope(self, session: object, unit: str | None, first: date, last: date) -> Scope:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        ctx = self.ws.ctx
        if ctx.role == "supervisor":
            own = session.execute(select(Unit.name).where(Unit.id == ctx.unit_id)).scalar()
            if ctx.unit_id is None or own is None:
                raise AccessDeniedError(
                    "You belong to no unit, so there are no statistics for you.",
                    "Du tillhör ingen enhet, så det finns ingen statistik för dig.",
                )
            if unit is not None and unit.strip() != own:
                raise AccessDeniedError(
                    "A supervisor makes statistics for their own unit only.",
                    "En arbetsledare tar bara fram statistik för sin egen enhet.",
                )
            return Scope(ctx.unit_id, own, first, last)
        if unit is None or not unit.strip():
            all_units = "Alla enheter" if self.ws.language != "en" else "All units"
            return Scope(None, all_units, first, last)
        unit_id = session.execute(select(Unit.id).where(Unit.name == unit.strip())).scalar()
        if unit_id is None:
            raise ValidationError(
                f"There is no unit called {unit.strip()!r}.",
                f"Det finns ingen enhet som heter {unit.strip()!r}.",
            )
        return Scope(unit_id, unit.strip(), first, last)

    def export(self, report: Report, out: Path) -> Path:
        """Write the report as CSV, XLSX or PDF (by the file's suffix); audited."""
        from assessment_app.stats import export as formats

        out = Path(out)
        kind = out.suffix.lower().lstrip(".")
        if kind not in FORMATS:
            raise ValidationError(
                "Save the statistics as .csv, .xlsx or .pdf.",
                "Spara statistiken som .csv, .xlsx eller .pdf.",
            )
        self.ws._check_thread()
        formats.write(report, out, kind)
        with self.ws.write() as uow:
            uow.audit(
                audit.EXPORT,
                object_type="stats",
                object_id=report.scope_id,
                detail=f"stats-{kind} {report.month_from}..{report.month_to}",
            )
        return out
