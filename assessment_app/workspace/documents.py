"""Use cases that put records on paper or in a file: the plan's PDFs and the registerutdrag.

Each document is read in one transaction (the registerutdrag as one snapshot), rendered in
memory, written atomically when a file is asked for, and the export is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment_app import audit
from assessment_app.fileio import write_private_atomic
from assessment_app.lifecycle.codes import SUBJECT_ACCESS_PDF
from assessment_app.pdf import render_plan_pdf, write_pdf_atomic
from assessment_app.plan_export import Audience, BuiltDocument, Language, audit_detail
from assessment_app.plan_export import build_document as _build
from assessment_app.records import plans, subject_access
from assessment_app.settings import PrintSettings, load_print_settings
from assessment_app.workspace.results import Exported
from assessment_app.workspace.workspace import use_cases

if TYPE_CHECKING:
    from assessment_app.workspace.workspace import Workspace


@dataclass(frozen=True)
class Prepared:
    """A plan document: what it holds and its PDF bytes (in memory, nothing on disk)."""

    built: BuiltDocument
    data: bytes


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


@use_cases
class DocumentUseCases:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- the plan's PDFs ----------------------------------------------------------------------
    def build(
        self,
        case_ref: str,
        audience: Audience,
        *,
        provider_name: str | None = None,
        language: Language = "sv",
        settings: PrintSettings | None = None,
        today: date | None = None,
        unapproved_reason: str | None = None,
    ) -> BuiltDocument:
        """What the document for ``audience`` may hold (consent and protection applied)."""
        settings = settings or load_print_settings()
        with self.ws.read() as uow:
            return _build(
                uow,
                case_ref,
                audience,
                provider_name=provider_name,
                language=language,
                settings=settings,
                today=today,
                unapproved_reason=unapproved_reason,
            )

    def prepare(
        self,
        case_ref: str,
        audience: Audience,
        *,
        provider_name: str | None = None,
        language: Language = "sv",
        settings: PrintSettings | None = None,
        today: date | None = None,
        unapproved_reason: str | None = None,
    ) -> Prepared:
        built = self.build(
            case_ref,
            audience,
            provider_name=provider_name,
            language=language,
            settings=settings,
            today=today,
            unapproved_reason=unapproved_reason,
        )
        return Prepared(built, render_plan_pdf(built.document))

    def export(
        self,
        case_ref: str,
        audience: Audience,
        out: Path,
        *,
        provider_name: str | None = None,
        language: Language = "sv",
        settings: PrintSettings | None = None,
        today: date | None = None,
        unapproved_reason: str | None = None,
    ) -> BuiltDocument:
        """Render and write atomically (nothing is left behind on failure), then audit."""
        prepared = self.prepare(
            case_ref,
            audience,
            provider_name=provider_name,
            language=language,
            settings=settings,
            today=today,
            unapproved_reason=unapproved_reason,
        )
        write_pdf_atomic(prepared.data, out)
        self.audit_export(prepared.built)
        return prepared.built

    def audit_export(self, built: BuiltDocument, channel: str = "save") -> None:
        """Audit the export. A provider's copy of a plan that is not approved also keeps its
        stated reason, sealed on the plan (a review entry ``released``), with an audit entry
        of its own: the override is an entry in the case."""
        with self.ws.write() as uow:
            case = uow.case(case_id=built.case_id)
            uow.audit(
                audit.EXPORT,
                object_type="case",
                object_id=case.id,
                detail=audit_detail(built, channel),
            )
            if built.unapproved_reason:
                plans.record_unapproved_release(
                    uow, built.plan_id, built.unapproved_reason, built.provider_id
                )

    # --- registerutdrag -----------------------------------------------------------------------
    def _gather(self, case_ref: str) -> tuple[str, dict[str, Any]]:
        with self.ws.read(snapshot=True) as uow:
            return subject_access.gather(uow, case_ref)

    def _audit_export(self, case_id: str, detail: str) -> None:
        with self.ws.write() as uow:
            case = uow.case(case_id=case_id)
            uow.audit(audit.EXPORT, object_type="case", object_id=case.id, detail=detail)

    def subject_access(self, case_ref: str) -> dict[str, Any]:
        """Everything stored about the case's individual, read as one snapshot; audited."""
        case_id, data = self._gather(case_ref)
        self._audit_export(case_id, "subject-access")
        return data

    def subject_access_json(self, case_ref: str, out: Path) -> Exported:
        """The registerutdrag as JSON (atomic, owner-only); audited. ``case_ref`` may also be
        the person's personnummer."""
        case_id, data = self._gather(case_ref)
        write_private_atomic(dump_json(data).encode("utf-8"), Path(out))
        self._audit_export(case_id, "subject-access")
        return Exported(Path(out), int(data.get("damaged_values", 0)))

    def subject_access_pdf(
        self,
        case_ref: str,
        out: Path,
        *,
        settings: PrintSettings | None = None,
        printed_on: date | None = None,
    ) -> Exported:
        """The registerutdrag as PDF (atomic, owner-only); audited."""
        from assessment_app.lifecycle.subject_access_pdf import render_subject_access_pdf

        case_id, data = self._gather(case_ref)
        pdf = render_subject_access_pdf(data, settings or load_print_settings(), printed_on)
        write_pdf_atomic(pdf, Path(out))
        self._audit_export(case_id, SUBJECT_ACCESS_PDF)
        return Exported(Path(out), int(data.get("damaged_values", 0)))
