"""The plan's printed documents from the plan editor: preview, print and save as PDF, for the
individual and for each provider that has actions in the plan.

The core decides what a document may contain (``plan_export.build_document``: consent and
protection rules) and refuses a provider without a valid consent; this only shows the result.
Building and rendering run in the background; printing and saving are audited by the core.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import shiboken6
from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app.errors import PlanNotApprovedError
from assessment_app.plan_export import BuiltDocument
from assessment_app.records.plans import PlanInfo
from assessment_app.workspace.documents import Prepared
from ui.messages import error_message
from ui.plan.pdf_view import LoadedPdf, PdfPreviewDialog, print_pdf
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.reason_dialog import ReasonDialog

Language = Literal["sv", "en"]


@dataclass(frozen=True)
class Target:
    """Whom a document is for: the individual (provider None) or one provider, by name."""

    provider_name: str | None = None

    @property
    def audience(self) -> Literal["individual", "provider"]:
        return "individual" if self.provider_name is None else "provider"


def suggested_file_name(case_ref: str, target: Target) -> str:
    who = target.provider_name or "enskild"
    slug = re.sub(r"[^\w-]+", "-", who.lower()).strip("-") or "utforare"
    return f"handlingsplan-{case_ref}-{slug}.pdf"


class PlanDocumentsBar(QGroupBox):
    """Chooser of recipient plus "Förhandsgranska", "Skriv ut" and "Spara som PDF"."""

    def __init__(
        self,
        services: Services,
        case_id: str,
        case_ref: str | None,
        ensure_saved: Callable[[Callable[[bool], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Utskrift av planen"))
        self.services = services
        self.ws = services.ws
        self.case_id = case_id
        self.case_ref = case_ref
        self.language: Language = "en" if services.language == "en" else "sv"
        self._ensure_saved = ensure_saved
        self.busy = False
        self.is_current = False
        self.preview_dialog: PdfPreviewDialog | None = None
        self.last_printed_pages = 0
        # A provider's copy of a plan that is not approved: the stated reason, per provider
        # (asked once the core refuses; the core keeps it and audits the override).
        self.reasons: dict[str, str] = {}
        self.retry: Callable[[], None] | None = None
        self.reason_dialog: ReasonDialog | None = None
        self.recipient = QComboBox(self)
        self.recipient.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recipient.setAccessibleName(self.tr("Dokument för"))
        recipient_label = QLabel(self.tr("&Dokument för:"), self)
        recipient_label.setBuddy(self.recipient)
        self.preview_button = QPushButton(self.tr("&Förhandsgranska"), self)
        self.print_button = QPushButton(self.tr("Skriv &ut …"), self)
        self.save_button = QPushButton(self.tr("Spara som &PDF …"), self)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.banner = Banner(self, "info")
        row = QHBoxLayout()
        row.addWidget(recipient_label)
        row.addWidget(self.recipient)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.banner)

    def focus_chain(self) -> list[QWidget]:
        return [self.recipient, self.preview_button, self.print_button, self.save_button]

    # --- which documents ------------------------------------------------------------------
    def set_plan(
        self,
        plan: PlanInfo,
        provider_names: dict[str, str],
        consented: frozenset[str],
        is_current: bool,
    ) -> None:
        """List the individual and every provider with actions in the plan; only the plan in
        force can be printed (the core always prints that one)."""
        chosen = self.recipient.currentData()
        if plan.review_state == "approved":
            self.reasons.clear()
        self.recipient.clear()
        self.recipient.addItem(self.tr("Den enskilde (hela planen)"), None)
        seen: list[str] = []
        for action in plan.actions:
            if action.provider_id and action.provider_id not in seen:
                seen.append(action.provider_id)
        for provider_id in seen:
            name = provider_names.get(provider_id)
            if name is None:
                continue
            label = self.tr("Utförare: {name}").format(name=name)
            if provider_id not in consented:
                label += " " + self.tr("(samtycke saknas)")
            self.recipient.addItem(label, name)
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(chosen)))
        self.is_current = is_current
        self._set_enabled(not self.busy)
        self.setToolTip(
            "" if is_current else self.tr("Bara den gällande versionen av planen kan skrivas ut.")
        )

    def target(self) -> Target:
        return Target(self.recipient.currentData())

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(enabled and self.is_current)

    def _start(self, then: Callable[[], None]) -> None:
        """Save pending edits first (the document shows the stored plan), then go busy."""
        if self.busy:
            return

        def saved(ok: bool) -> None:
            if not ok or not shiboken6.isValid(self) or self.busy:
                return
            self.busy = True
            self._set_enabled(False)
            self.banner.clear()
            then()

        self._ensure_saved(saved)

    def _done(self) -> None:
        self.busy = False
        self._set_enabled(True)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._done()
        if isinstance(error, PlanNotApprovedError) and self.retry is not None:
            self._ask_reason(self.retry)
            return
        self.banner.show_message(error_message(error), "error")

    def _reason(self) -> str | None:
        name = self.target().provider_name
        return self.reasons.get(name) if name else None

    def _ask_reason(self, retry: Callable[[], None]) -> None:
        """The plan is not approved: a provider's copy needs a stated reason (kept, audited)."""
        name = self.target().provider_name or ""
        dialog = ReasonDialog(
            self.tr("Planen är inte beslutad"),
            self.tr(
                "Planen är inte godkänd av arbetsledaren. Ett dokument till {name} görs "
                "bara av en godkänd plan, om det inte finns ett skäl att lämna det nu. Skriv "
                "skälet: det sparas i planens historik och loggas. Dokumentet märks "
                "”UTKAST – inte beslutad” på varje sida."
            ).format(name=name),
            self.tr("&Fortsätt"),
            self,
        )

        def given(reason: str) -> None:
            self.reasons[name] = reason
            retry()

        dialog.reason_given.connect(given)
        self.reason_dialog = dialog
        dialog.open()

    def _case_ref(self) -> str:
        return self.case_ref or ""

    def _prepare(self, then: Callable[[Prepared], None]) -> None:
        ws, ref, target, language = self.ws, self._case_ref(), self.target(), self.language
        reason = self._reason()

        def delivered(prepared: Prepared) -> None:
            self._done()
            then(prepared)

        run_task(
            lambda: ws.documents.prepare(
                ref,
                target.audience,
                provider_name=target.provider_name,
                language=language,
                unapproved_reason=reason,
            ),
            delivered,
            self._failed,
            owner=self,
        )

    # --- preview --------------------------------------------------------------------------
    def preview(self) -> None:
        self.retry = self.preview
        self._start(lambda: self._prepare(self._show_preview))

    def _show_preview(self, prepared: Prepared) -> None:
        try:
            pdf = LoadedPdf(prepared.data)
        except ValueError as error:
            self._failed(error)
            return
        if self.preview_dialog is not None and shiboken6.isValid(self.preview_dialog):
            self.preview_dialog.close()
        dialog = PdfPreviewDialog(pdf, self._title(prepared), self)
        dialog.print_requested.connect(lambda: self._print(prepared, pdf, dialog))
        dialog.save_requested.connect(self.save_as)
        dialog.finished.connect(dialog.deleteLater)
        self.preview_dialog = dialog
        dialog.open()

    def _title(self, prepared: Prepared) -> str:
        name = prepared.built.document.provider_name
        if name:
            return self.tr("Förhandsgranskning – handlingsplan för {name}").format(name=name)
        return self.tr("Förhandsgranskning – handlingsplan för den enskilde")

    # --- print ----------------------------------------------------------------------------
    def print_document(self) -> None:
        self.retry = self.print_document
        self._start(lambda: self._prepare(self._print_prepared))

    def _print_prepared(self, prepared: Prepared) -> None:
        try:
            pdf = LoadedPdf(prepared.data, self)
        except ValueError as error:
            self._failed(error)
            return
        self._print(prepared, pdf, self)
        pdf.deleteLater()

    def _print(self, prepared: Prepared, pdf: LoadedPdf, parent: QWidget) -> None:
        printer = self.choose_printer(pdf.page_count(), parent)
        if printer is not None:
            self.print_with(printer, prepared, pdf)

    def choose_printer(self, pages: int, parent: QWidget) -> QPrinter | None:
        """The system's print dialog; None when cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Handlingsplan {ref}").format(ref=self._case_ref()))
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, pages)
        dialog.setWindowTitle(self.tr("Skriv ut handlingsplanen"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_with(self, printer: QPrinter, prepared: Prepared, pdf: LoadedPdf) -> None:
        try:
            pages = print_pdf(pdf.document, printer)
        except OSError:
            self.banner.show_message(
                self.tr("Utskriften kunde inte startas. Kontrollera skrivaren och försök igen."),
                "error",
            )
            return
        self.last_printed_pages = pages
        ws, built = self.ws, prepared.built
        run_task(
            lambda: ws.documents.audit_export(built, channel="print"),
            lambda _r: self.banner.show_message(
                self.tr("Planen skickades till skrivaren ({n} sidor).").format(n=pages), "success"
            ),
            lambda error: self.banner.show_message(error_message(error), "error"),
            owner=self,
        )

    # --- save -----------------------------------------------------------------------------
    def save_as(self) -> None:
        """Check first that the document may be made (consent), then ask where to save it."""
        self.retry = self.save_as
        self._start(self._check_then_choose)

    def _check_then_choose(self) -> None:
        ws, ref, target, language = self.ws, self._case_ref(), self.target(), self.language
        reason = self._reason()

        def allowed(_built: BuiltDocument) -> None:
            self._done()
            path = self.choose_path(suggested_file_name(ref, target))
            if path is not None:
                self.save_to(path)

        run_task(
            lambda: ws.documents.build(
                ref,
                target.audience,
                provider_name=target.provider_name,
                language=language,
                unapproved_reason=reason,
            ),
            allowed,
            self._failed,
            owner=self,
        )

    def choose_path(self, suggested: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(
            self.window(),
            self.tr("Spara handlingsplanen som PDF"),
            str(Path(folder) / suggested),
            self.tr("PDF-dokument (*.pdf)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def save_to(self, path: Path) -> None:
        """Write the document atomically and audit it (the core does both)."""
        self._start(lambda: self._export(path))

    def _export(self, path: Path) -> None:
        ws, ref, target, language = self.ws, self._case_ref(), self.target(), self.language
        reason = self._reason()

        def saved(_built: BuiltDocument) -> None:
            self._done()
            self.banner.show_message(
                self.tr("Planen sparades som {name}.").format(name=path.name), "success"
            )

        run_task(
            lambda: ws.documents.export(
                ref,
                target.audience,
                path,
                provider_name=target.provider_name,
                language=language,
                unapproved_reason=reason,
            ),
            saved,
            self._failed,
            owner=self,
        )
