"""Use cases of the safety plan (skyddsplan): create, open, save, submit, review by a second
person, new version, copy a step into the action plan, the two printed copies, and the review
due dates for the reminders.

Each is one transaction; every write goes through the unit of work's rules (access, version
check, audit, and the case's retention clock). See :mod:`assessment_app.records.safety`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assessment_app import audit
from assessment_app.pdf import write_pdf_atomic
from assessment_app.pdf.safety import SafetyAudience, render_safety_pdf
from assessment_app.records import contacts, safety
from assessment_app.records.plans import PlanInfo
from assessment_app.records.safety import (
    ReviewDate,
    SafetyPlanContent,
    SafetyPlanInfo,
    Unfinished,
    WaitingSafetyPlan,
)
from assessment_app.safety_export import BuiltSafetyDocument, audit_detail, build_document
from assessment_app.settings import PrintSettings, load_print_settings
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork
    from assessment_app.workspace.workspace import Workspace


@dataclass(frozen=True)
class SafetyEditorData:
    """What the safety-plan screen shows when it opens, read in one transaction."""

    case_id: str
    case_ref: str
    plan: SafetyPlanInfo | None  # the version in force or being written; None: none yet
    versions: list[SafetyPlanInfo]  # newest first
    threat_urgent: bool  # an open urgent flag in the threat area
    police_consent: bool  # a valid consent lets the police copy print today
    has_action_plan: bool


@dataclass(frozen=True)
class PreparedSafety:
    built: BuiltSafetyDocument
    data: bytes


def review_dates(
    uow_or_ws: UnitOfWork | Workspace,
    *,
    until: date | None = None,
    case_ids: list[str] | None = None,
    include_closed: bool = False,
) -> list[ReviewDate]:
    """The safety plans' review due dates per case (for the reminders), soonest first.

    Takes a unit of work (runs in the caller's transaction) or a workspace (opens a read
    transaction). Only the cases the user reaches; plain dates and case references, nothing
    decrypted. ``until``: due on or before that day (overdue ones included)."""
    from assessment_app.workspace.unit import UnitOfWork

    if isinstance(uow_or_ws, UnitOfWork):
        return safety.review_dates(
            uow_or_ws, until=until, case_ids=case_ids, include_closed=include_closed
        )
    with uow_or_ws.read() as uow:
        return safety.review_dates(
            uow, until=until, case_ids=case_ids, include_closed=include_closed
        )


@use_cases
class SafetyUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- reading ------------------------------------------------------------------------------
    def open_editor(self, case_id: str, *, today: date | None = None) -> SafetyEditorData:
        from assessment_app.records import consents, plans

        day = today or date.today()
        with self.ws.read() as uow:
            case = uow.case(case_id=case_id)
            all_versions = safety.versions(uow, case.id)
            current = next((v for v in all_versions if v.review_state != "superseded"), None)
            urgent = safety.threat_urgent(uow, case.id)
            police = safety.police_consent(consents.list_consents(uow, case.id), day) is not None
            has_plan = plans.current_plan_row(uow, case.id) is not None
            return SafetyEditorData(
                case.id, case.case_ref, current, all_versions, urgent, police, has_plan
            )

    def current(self, case_id: str) -> SafetyPlanInfo | None:
        with self.ws.read() as uow:
            return safety.current(uow, case_id)

    def get(self, safety_plan_id: str) -> SafetyPlanInfo:
        with self.ws.read() as uow:
            return safety.get(uow, safety_plan_id)

    def versions(self, case_id: str) -> list[SafetyPlanInfo]:
        with self.ws.read() as uow:
            return safety.versions(uow, case_id)

    def threat_urgent(self, case_id: str) -> bool:
        """Open the safety plan first: the threat area has an open urgent flag."""
        with self.ws.read() as uow:
            return safety.threat_urgent(uow, case_id)

    def unfinished(self, content: SafetyPlanContent, today: date | None = None) -> list[Unfinished]:
        """What stops the plan from being submitted (pure: no database)."""
        return safety.unfinished(content, today)

    def review_dates(
        self, *, until: date | None = None, include_closed: bool = False
    ) -> list[ReviewDate]:
        """The review due dates of the safety plans in the cases this user reaches."""
        return review_dates(self.ws, until=until, include_closed=include_closed)

    def waiting_for_review(self) -> list[WaitingSafetyPlan]:
        """Submitted safety plans waiting for a second person (the supervisor's list), with
        when and by whom each was submitted."""
        with self.ws.read() as uow:
            return safety.waiting_for_review(uow)

    # --- writing ------------------------------------------------------------------------------
    def create(self, case_id: str) -> SafetyPlanInfo:
        """The case's safety plan, a draft with 112 and the unit's phone filled in."""
        with self.ws.write() as uow:
            uow.case(case_id=case_id)  # first: the access rule and the audit head's lock
            unit = contacts.unit_contact(uow, None)
            phone = unit.phone if unit is not None and unit.phone else ""
            return safety.create(uow, case_id, safety.new_content(phone))

    def save(
        self, safety_plan_id: str, expected_version: int, content: SafetyPlanContent
    ) -> SafetyPlanInfo:
        with self.ws.write() as uow:
            return safety.save(uow, safety_plan_id, expected_version, content)

    def submit(self, safety_plan_id: str, expected_version: int) -> SafetyPlanInfo:
        with self.ws.write() as uow:
            return safety.submit(uow, safety_plan_id, expected_version)

    def decide(
        self, safety_plan_id: str, expected_version: int, *, approve: bool, comment: str = ""
    ) -> SafetyPlanInfo:
        with self.ws.write() as uow:
            return safety.decide(
                uow, safety_plan_id, expected_version, approve=approve, comment=comment
            )

    def new_version(self, safety_plan_id: str, expected_version: int) -> SafetyPlanInfo:
        with self.ws.write() as uow:
            return safety.new_version(uow, safety_plan_id, expected_version)

    def step_to_action(self, safety_plan_id: str, step_id: str) -> PlanInfo:
        """Copy a practical step into the case's action plan as an action."""
        with self.ws.write() as uow:
            return safety.step_to_action(uow, safety_plan_id, step_id)

    # --- printing -----------------------------------------------------------------------------
    def prepare(
        self,
        case_id: str,
        audience: SafetyAudience,
        *,
        safety_plan_id: str | None = None,
        settings: PrintSettings | None = None,
        today: date | None = None,
    ) -> PreparedSafety:
        """The copy for ``audience`` as PDF bytes in memory (the police copy needs consent)."""
        settings = settings or load_print_settings()
        with self.ws.read() as uow:
            built = build_document(
                uow, case_id, audience, settings, safety_plan_id=safety_plan_id, today=today
            )
        return PreparedSafety(built, render_safety_pdf(built.document))

    def export(
        self,
        case_id: str,
        audience: SafetyAudience,
        out: Path,
        *,
        safety_plan_id: str | None = None,
        settings: PrintSettings | None = None,
        today: date | None = None,
    ) -> BuiltSafetyDocument:
        """Render, write atomically (nothing left behind on failure), then audit."""
        prepared = self.prepare(
            case_id, audience, safety_plan_id=safety_plan_id, settings=settings, today=today
        )
        write_pdf_atomic(prepared.data, Path(out))
        self.audit_export(prepared.built)
        return prepared.built

    def audit_export(self, built: BuiltSafetyDocument, channel: str = "save") -> None:
        with self.ws.write() as uow:
            case = uow.case(case_id=built.case_id)
            uow.audit(
                audit.EXPORT,
                object_type="case",
                object_id=case.id,
                detail=audit_detail(built, channel),
            )
