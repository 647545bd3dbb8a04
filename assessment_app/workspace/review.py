"""Use cases of the supervisor (review queue, a plan to decide on, access-log review) and the
caseworker's decision badges."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from assessment_app.db.models import Case, Individual
from assessment_app.records import cases, consents, plans, providers, urgent
from assessment_app.records.access import case_filter
from assessment_app.records.cases import MASK, CaseInfo
from assessment_app.records.plans import PlanInfo
from assessment_app.server import access_log, review
from assessment_app.server.access_log import LogFilter, LogPage
from assessment_app.server.review import DecisionBadge, ReviewQueue
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace


@dataclass(frozen=True)
class PlanToReview:
    case: CaseInfo
    plan: PlanInfo
    provider_names: dict[str, str]
    area_titles: dict[str, str]
    consented: frozenset[str] = frozenset()  # provider ids with a valid consent today
    is_current: bool = False  # the version in force (only that one prints)


@use_cases
class ReviewUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def queue(self, today: date | None = None) -> ReviewQueue:
        """The unit's queue (audited: who looked at the unit's list, when)."""
        rules = self.ws.rules()
        after = timedelta(hours=rules.urgent_escalation_hours)
        with self.ws.write() as uow:
            return review.review_queue(
                uow, today, escalate_after=after, consent_warning_days=rules.consent_warning_days
            )

    def open_urgent_count(self) -> int:
        """Open urgent flags in the cases this user reaches (the supervisor's badge)."""
        with self.ws.read() as uow:
            return urgent.count_open(uow)

    def names(self, case_ids: Iterable[str]) -> dict[str, str]:
        """The names to show beside case references in a supervisor's list (masked when
        protected): case id -> name."""
        ids = list(dict.fromkeys(case_ids))
        if not ids:
            return {}
        result: dict[str, str] = {}
        with self.ws.read() as uow:
            rows = uow.session.execute(
                select(Case.id, Individual.id, Individual.protection_level, Individual.name_enc)
                .join(Individual, Individual.id == Case.individual_id)
                .where(Case.id.in_(ids), case_filter(uow.ctx))
            ).all()
            for case_id, ind_id, level, blob in rows:
                if level != "none":
                    result[case_id] = MASK
                else:
                    result[case_id] = str(
                        uow.open("individuals", "name_enc", ind_id, blob, cases.DAMAGED)
                    )
        return result

    def open_plan(self, plan_id: str) -> PlanToReview:
        """A plan read-only, with its case (the opening is audited like any case opening)."""
        with self.ws.write() as uow:
            plan, case = uow.plan(plan_id)
            info = cases.open_case(uow, case_id=case.id)
            plan_info = plans.infos(uow, [plan])[0]
            names = {p.id: p.name for p in providers.list_providers(uow, include_inactive=True)}
            case_consents = consents.list_consents(uow, case.id)
            today = date.today()
            consented = frozenset(
                pid for pid in names if consents.provider_scope(case_consents, pid, today)
            )
            current = plans.current_plan_row(uow, case.id)
            is_current = current is not None and current.id == plan.id
            key = None
            if plan.assessment_id:
                from assessment_app.db.models import Assessment

                a = uow.session.get(Assessment, plan.assessment_id)
                key = (a.template_id, a.template_version) if a is not None else None
        template = self.ws.template(*key) if key else self.ws.templates.latest()
        return PlanToReview(
            info, plan_info, names, self.ws.area_titles(template), consented, is_current
        )

    def decide(
        self, plan_id: str, expected_version: int, *, approve: bool, comment: str = ""
    ) -> PlanInfo:
        return self.ws.plans.decide(plan_id, expected_version, approve=approve, comment=comment)

    # --- decisions for the caseworker ---------------------------------------------------------
    def badges(self) -> list[DecisionBadge]:
        with self.ws.read() as uow:
            return review.decision_badges(uow)

    def mark_seen(self, badges: list[DecisionBadge]) -> None:
        with self.ws.write() as uow:
            review.mark_badges_seen(uow, badges)

    # --- access-log review (logguppföljning) --------------------------------------------------
    def access_log(
        self,
        *,
        username: str | None = None,
        case_ref: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        action: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> LogPage:
        self.ws._check_thread()
        return access_log.access_log(
            self.ws.ctx,
            username=username,
            case_ref=case_ref,
            date_from=date_from,
            date_to=date_to,
            action=action,
            limit=limit,
            offset=offset,
        )

    def export_access_log(self, filters: LogFilter, out: Path) -> int:
        self.ws._check_thread()
        return access_log.export_access_log(self.ws.ctx, filters, out)
