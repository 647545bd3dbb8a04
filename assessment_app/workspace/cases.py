"""Use cases of the case list and one case: create, find, open, change, and each tab's data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError as DBIntegrityError

from assessment_app import audit
from assessment_app.errors import AppError, ValidationError
from assessment_app.fileio import write_private_atomic
from assessment_app.records import (
    assessments,
    cases,
    consents,
    drafts,
    followups,
    plans,
    providers,
    urgent,
)
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.records.cases import CaseInfo, CasePage, CaseQuery, CaseRow, Contact
from assessment_app.records.consents import KEEP, ConsentDocumentInfo, ConsentInfo, Keep
from assessment_app.records.drafts import DraftInfo
from assessment_app.records.followups import FollowUpInfo
from assessment_app.records.plans import PlanInfo
from assessment_app.records.providers import ProviderInfo
from assessment_app.records.urgent import UrgentFlagInfo
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace


@dataclass(frozen=True)
class ConsentsView:
    consents: list[ConsentInfo]
    providers: list[ProviderInfo]  # active ones, to give a new consent to
    warning_days: int = 30  # the unit's rule: a consent ending within this many days is shown


class DocumentDamagedError(AppError):
    """A stored scanned copy failed its integrity check (audited)."""


def _read_copy(path: Path) -> bytes:
    """Read a scanned copy, refusing more than the limit before reading it all. Messages
    never name the file (its name may hold a person's name)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(consents.MAX_DOCUMENT_BYTES + 1)
    except OSError:
        raise ValidationError("The file cannot be read.", "Filen går inte att läsa.") from None
    if len(data) > consents.MAX_DOCUMENT_BYTES:
        raise consents.too_large_error()
    return data


@use_cases
class CaseUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- the list -----------------------------------------------------------------------------
    def page(self, query: CaseQuery, offset: int = 0, limit: int = 200) -> CasePage:
        with self.ws.read() as uow:
            return cases.case_page(uow, query, offset, limit)

    def count(self, query: CaseQuery) -> int:
        with self.ws.read() as uow:
            return cases.count_cases(uow, query)

    def find_by_personnummer(self, text: str, today: date | None = None) -> list[CaseRow]:
        with self.ws.read() as uow:
            return cases.find_by_personnummer(uow, text, today)

    def my_drafts(self) -> list[DraftInfo]:
        """This worker's unsaved work (interviews and plans) to come back to."""
        with self.ws.read() as uow:
            return drafts.list_drafts(uow)

    # --- one case -----------------------------------------------------------------------------
    def create(
        self,
        *,
        name: str,
        personnummer: str | None = None,
        contact: Contact | None = None,
        protection_level: str = "none",
        referral_source: str | None = None,
        opened_on: date | None = None,
        assigned_to: str | None = None,
        notes: str = "",
        today: date | None = None,
    ) -> CaseRow:
        for _attempt in range(3):
            try:
                with self.ws.write() as uow:
                    return cases.create_case(
                        uow,
                        name=name,
                        personnummer=personnummer,
                        contact=contact,
                        protection_level=protection_level,
                        referral_source=referral_source,
                        opened_on=opened_on,
                        assigned_to=assigned_to,
                        notes=notes,
                        today=today,
                    )
            except DBIntegrityError:
                continue  # a writer outside the workspace took the same case reference
        raise ValidationError(
            "Could not allocate a case reference; try again.",
            "Kunde inte ta fram ett ärendenummer; försök igen.",
        )

    def open(self, case_id: str | None = None, *, case_ref: str | None = None) -> CaseInfo:
        """Open a case for viewing (audited)."""
        with self.ws.write() as uow:
            return cases.open_case(uow, case_ref, case_id=case_id)

    def update_individual(
        self,
        case_id: str,
        expected_version: int,
        *,
        name: str | None = None,
        personnummer: str | None = None,
        contact: Contact | None = None,
        protection_level: str | None = None,
        clear_personnummer: bool = False,
    ) -> cases.IndividualInfo:
        with self.ws.write() as uow:
            return cases.update_individual(
                uow,
                case_id,
                expected_version,
                name=name,
                personnummer=personnummer,
                contact=contact,
                protection_level=protection_level,
                clear_personnummer=clear_personnummer,
            )

    def close(
        self, case_id: str, expected_version: int, reason: str, closed_on: date | None = None
    ) -> str:
        """Close the case, or ask the supervisor to decide where the unit says so. Returns the
        new status ("closed" or "close_requested")."""
        needs_decision = self.ws.rules().close_requires_supervisor
        with self.ws.write() as uow:
            return cases.close_case(
                uow, case_id, expected_version, reason, closed_on, needs_decision=needs_decision
            )

    def decide_close(
        self, case_id: str, expected_version: int, *, approve: bool, comment: str = ""
    ) -> None:
        with self.ws.write() as uow:
            cases.decide_close(uow, case_id, expected_version, approve=approve, comment=comment)

    def reopen(self, case_id: str, expected_version: int) -> None:
        with self.ws.write() as uow:
            cases.reopen_case(uow, case_id, expected_version)

    def share(self, case_id: str, usernames: Sequence[str]) -> None:
        with self.ws.write() as uow:
            cases.share_case(uow, case_id, usernames)

    def reveal_address(self, case_id: str) -> None:
        """The worker chose to see a protected person's address: that is audited."""
        with self.ws.write() as uow:
            case = uow.case(case_id=case_id)
            uow.audit(audit.CASE_OPEN, object_type="case", object_id=case.id, detail="address")

    # --- the tabs -----------------------------------------------------------------------------
    def history(self, case_id: str) -> list[audit.HistoryEntry]:
        with self.ws.read() as uow:
            return cases.history(uow, case_id)

    def consents(self, case_id: str) -> ConsentsView:
        warning_days = self.ws.rules().consent_warning_days
        with self.ws.read() as uow:
            return ConsentsView(
                consents.list_consents(uow, case_id), providers.list_providers(uow), warning_days
            )

    def assessments(self, case_id: str) -> list[AssessmentInfo]:
        with self.ws.read() as uow:
            return assessments.list_assessments(uow, case_id)

    def plans(self, case_id: str) -> list[PlanInfo]:
        with self.ws.read() as uow:
            return plans.list_plans(uow, case_id)

    def follow_ups(self, case_id: str) -> list[FollowUpInfo]:
        with self.ws.read() as uow:
            return followups.list_for_case(uow, case_id)

    def due_follow_ups(
        self, *, today: date | None = None, within_days: int = 14, overdue_only: bool = False
    ) -> list[FollowUpInfo]:
        with self.ws.read() as uow:
            return followups.due(
                uow, today=today, within_days=within_days, overdue_only=overdue_only
            )

    # --- consents -----------------------------------------------------------------------------
    def give_consent(
        self,
        case_id: str,
        recipient_kind: str,
        scope_areas: Sequence[str],
        *,
        provider_id: str | None = None,
        recipient_name: str = "",
        note: str = "",
        given_on: date | None = None,
        valid_until: date | None = None,
        given_how: str = "written",
        witness_name: str = "",
        witness_role: str = "",
        includes_contact: bool = False,
        document: Path | bytes | None = None,
        includes_safety_plan: bool = False,
    ) -> ConsentInfo:
        """Record a consent. ``valid_until`` is its last day (None: until withdrawn); an oral
        consent (``given_how="oral"``) needs ``witness_name``; ``includes_contact`` is the
        separate item for contact details; ``document`` a scanned signed copy (a file or its
        bytes), checked before anything is written and stored in the same transaction."""
        data = self._copy(document)
        with self.ws.write() as uow:
            info = consents.give_consent(
                uow,
                case_id,
                recipient_kind,
                scope_areas,
                provider_id=provider_id,
                recipient_name=recipient_name,
                note=note,
                given_on=given_on,
                valid_until=valid_until,
                given_how=given_how,
                witness_name=witness_name,
                witness_role=witness_role,
                includes_contact=includes_contact,
                includes_safety_plan=includes_safety_plan,
            )
            if data is not None:
                info = replace(info, document=consents.attach_document(uow, info.id, data))
            return info

    def _copy(self, document: Path | bytes | None) -> bytes | None:
        """A scanned copy's bytes, read (off the UI thread) and checked before any write."""
        if document is None:
            return None
        self.ws._check_thread()
        data = document if isinstance(document, bytes) else _read_copy(Path(document))
        consents.check_document(data)
        return data

    def update_consent_scope(
        self, consent_id: str, expected_version: int, scope_areas: Sequence[str]
    ) -> ConsentInfo:
        with self.ws.write() as uow:
            return consents.update_scope(uow, consent_id, expected_version, scope_areas)

    def update_consent(
        self,
        consent_id: str,
        expected_version: int,
        *,
        valid_until: date | Keep | None = KEEP,
        scope_areas: Sequence[str] | None = None,
        includes_contact: bool | None = None,
        given_how: str | None = None,
        witness_name: str | None = None,
        witness_role: str | None = None,
        note: str | None = None,
        document: Path | bytes | None = None,
        includes_safety_plan: bool | None = None,
    ) -> ConsentInfo:
        """Change a consent that still holds; only what is passed changes (``valid_until=None``
        makes it last until withdrawn). A ``document`` attaches (or replaces) the scanned copy
        in the same transaction."""
        data = self._copy(document)
        with self.ws.write() as uow:
            info = consents.update_consent(
                uow,
                consent_id,
                expected_version,
                valid_until=valid_until,
                scope_areas=scope_areas,
                includes_contact=includes_contact,
                given_how=given_how,
                witness_name=witness_name,
                witness_role=witness_role,
                note=note,
                includes_safety_plan=includes_safety_plan,
            )
            if data is not None:
                info = replace(info, document=consents.attach_document(uow, info.id, data))
            return info

    def withdraw_consent(
        self, consent_id: str, expected_version: int, withdrawn_on: date | None = None
    ) -> None:
        with self.ws.write() as uow:
            consents.withdraw(uow, consent_id, expected_version, withdrawn_on)

    def attach_consent_document(self, consent_id: str, source: Path | bytes) -> ConsentDocumentInfo:
        """Attach the scanned signed copy (a file, or its bytes): PDF, JPEG or PNG, at most
        10 MB, sealed with the data key. A copy already there is replaced."""
        data = self._copy(source)
        assert data is not None
        with self.ws.write() as uow:
            return consents.attach_document(uow, consent_id, data)

    def save_consent_document(self, consent_id: str, out: Path) -> ConsentDocumentInfo:
        """Write the scanned copy to ``out`` atomically, owner-only (audited)."""
        damaged = False
        with self.ws.write() as uow:
            info, data = consents.read_document(uow, consent_id)
            if data is None:
                damaged = True  # the failure is audited when this transaction commits
            else:
                # Inside the transaction: a file that could not be written is no export.
                write_private_atomic(data, Path(out), what_en="the copy", what_sv="kopian")
        if damaged:
            raise DocumentDamagedError(
                "The stored copy failed its integrity check and cannot be read.",
                "Den sparade kopian klarade inte integritetskontrollen och kan inte läsas.",
            )
        return info

    # --- urgent flags -------------------------------------------------------------------------
    def urgent_flags(self, case_id: str) -> list[UrgentFlagInfo]:
        """Every urgent flag of the case, open ones first (handled ones stay as history)."""
        after = timedelta(hours=self.ws.rules().urgent_escalation_hours)
        with self.ws.read() as uow:
            return urgent.for_case(uow, case_id, escalate_after=after)

    def handle_urgent(
        self,
        flag_id: str,
        expected_version: int,
        actions: Sequence[str],
        note: str = "",
        handled_at: datetime | None = None,
    ) -> None:
        """Record what was done about an urgent flag (who and when are recorded too)."""
        with self.ws.write() as uow:
            urgent.handle(uow, flag_id, expected_version, actions, note, handled_at)

    # --- follow-ups ---------------------------------------------------------------------------
    def schedule_follow_up(
        self, case_id: str, due_on: date, *, plan_id: str | None = None
    ) -> FollowUpInfo:
        with self.ws.write() as uow:
            return followups.schedule(uow, case_id, due_on, plan_id=plan_id)

    def mark_follow_up_done(
        self,
        follow_up_id: str,
        expected_version: int,
        *,
        assessment_id: str | None = None,
        done_on: date | None = None,
    ) -> None:
        with self.ws.write() as uow:
            followups.mark_done(
                uow, follow_up_id, expected_version, assessment_id=assessment_id, done_on=done_on
            )
