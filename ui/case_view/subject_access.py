"""Registerutdrag (subject access, GDPR art. 15) from the case view: everything stored about the
individual, as a readable PDF or as JSON. The core builds, writes (atomically, readable only by
the owner) and audits both (``ws.documents.subject_access_pdf`` / ``subject_access_json``);
this asks where to save and runs the work in the background.

The box says what the export holds but never shows the address: for a protected identity
nothing on this screen may reveal where the person lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.cases import CaseInfo
from assessment_app.workspace.results import Exported
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


class SubjectAccessBox(QGroupBox):
    """ "Registerutdrag": save as PDF or as JSON (the buttons wait for the case)."""

    def __init__(
        self, services: Services, case: CaseInfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Registerutdrag"))
        self.services = services
        self.case = case
        self.busy = False
        self.last_path: Path | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.pdf_button = QPushButton(self.tr("Spara som P&DF …"), self)
        self.json_button = QPushButton(self.tr("Spara som &JSON …"), self)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.banner = Banner(self, "info")
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.pdf_button)
        row.addWidget(self.json_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        if case is not None:
            self.set_case(case)
        else:
            self._set_enabled(False)

    def set_case(self, case: CaseInfo) -> None:
        self.case = case
        self._set_enabled(not self.busy)
        text = self.tr(
            "Allt som finns sparat om personen i de ärenden du har tillgång till: "
            "personuppgifter, samtycken, kartläggningar, handlingsplaner, uppföljningar, "
            "osparade utkast och vem som har öppnat eller ändrat ärendet. Utdraget loggas."
        )
        if case.individual.protected:
            text += " " + self.tr(
                "Personen har skyddade personuppgifter: kontrollera vem som tar emot utdraget "
                "innan det lämnas ut. Adressen visas inte här."
            )
        self.summary.setText(text)

    def choose_path(self, fmt: str) -> Path | None:
        assert self.case is not None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder) / f"registerutdrag-{self.case.case_ref}.{fmt}"
        if fmt == "pdf":
            title, pattern = (
                self.tr("Spara registerutdraget som PDF"),
                self.tr("PDF-dokument (*.pdf)"),
            )
        else:
            title, pattern = (
                self.tr("Spara registerutdraget som JSON"),
                self.tr("JSON-fil (*.json)"),
            )
        name, _filter = QFileDialog.getSaveFileName(self.window(), title, str(suggested), pattern)
        if not name:
            return None
        path = Path(name)
        suffix = f".{fmt}"
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export(self, fmt: str) -> None:
        if self.busy or self.case is None:
            return
        path = self.choose_path(fmt)
        if path is None:
            return
        self.busy = True
        self._set_enabled(False)
        self.banner.show_message(self.tr("Registerutdraget skapas …"), "info")
        documents, ref = self.services.ws.documents, self.case.case_ref
        work = documents.subject_access_pdf if fmt == "pdf" else documents.subject_access_json
        run_task(lambda: work(ref, path), self._saved, self._failed, owner=self)

    def _set_enabled(self, enabled: bool) -> None:
        self.pdf_button.setEnabled(enabled)
        self.json_button.setEnabled(enabled)

    def _saved(self, result: Exported) -> None:
        self.busy = False
        self._set_enabled(True)
        path = self.last_path = result.path
        text = self.tr("Registerutdraget sparades som {name}.").format(name=path.name)
        if result.damaged:
            text += " " + self.tr(
                "{count} lagrade uppgifter gick inte att läsa; de är markerade "
                "[skadat värde] i utdraget."
            ).format(count=result.damaged)
        self.banner.show_message(text, "warning" if result.damaged else "success")

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._set_enabled(True)
        self.banner.show_message(error_message(error), "error")
