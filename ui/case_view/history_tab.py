"""The case's history: the real audit trail of the case and its records (newest first), with
who did what in plain Swedish. The trail holds record ids only, so nothing here reveals more
than the case itself. Read in the background (``ws.cases.history``) each time it is shown."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from assessment_app.audit import HistoryEntry
from ui.messages import error_message
from ui.services import Services
from ui.timefmt import local_time
from ui.widgets.banner import Banner
from ui.widgets.loader import Loader

_VERSION = re.compile(r"\bv(\d+)\b")


def _version(detail: str) -> str:
    match = _VERSION.search(detail)
    return match.group(1) if match else "?"


def describe(entry: HistoryEntry) -> str:
    """What happened, as a short phrase that follows the user's name ("anna öppnade ärendet")."""
    action, kind, detail = entry.action, entry.object_type or "", entry.detail or ""
    if action == "case.create":
        return QCoreApplication.translate("history", "skapade ärendet")
    if action == "case.open":
        if detail == "protected":
            return QCoreApplication.translate(
                "history", "öppnade ärendet (skyddade personuppgifter)"
            )
        return QCoreApplication.translate("history", "öppnade ärendet")
    if action == "case.update":
        if detail == "closed":
            return QCoreApplication.translate("history", "avslutade ärendet")
        if detail == "reopened":
            return QCoreApplication.translate("history", "öppnade ärendet igen")
        if detail.startswith("shared"):
            return QCoreApplication.translate("history", "delade ärendet med en kollega")
        return QCoreApplication.translate("history", "ändrade ärendet")
    if action == "export":
        if detail == "subject-access":
            return QCoreApplication.translate("history", "gjorde ett registerutdrag")
        if detail == "subject-access pdf":
            return QCoreApplication.translate("history", "gjorde ett registerutdrag (PDF)")
        if detail.startswith("plan-pdf") and detail.endswith(" print"):
            return QCoreApplication.translate("history", "skrev ut planen, version {v}").format(
                v=_version(detail)
            )
        if detail.startswith("plan-pdf provider"):
            return QCoreApplication.translate(
                "history", "exporterade plan (PDF) för utförare, version {v}"
            ).format(v=_version(detail))
        if detail.startswith("plan-pdf"):
            return QCoreApplication.translate(
                "history", "exporterade plan (PDF) för den enskilde, version {v}"
            ).format(v=_version(detail))
        return QCoreApplication.translate("history", "exporterade uppgifter")
    if action == "review":
        v = _version(detail)
        if detail.startswith("submitted"):
            return QCoreApplication.translate(
                "history", "skickade handlingsplanen version {v} för granskning"
            ).format(v=v)
        if detail.startswith("approved"):
            return QCoreApplication.translate(
                "history", "godkände handlingsplanen version {v}"
            ).format(v=v)
        if detail.startswith("returned"):
            return QCoreApplication.translate(
                "history", "lämnade tillbaka handlingsplanen version {v}"
            ).format(v=v)
        return QCoreApplication.translate("history", "granskade handlingsplanen")
    if action == "review.unfinished_assessment":
        return QCoreApplication.translate(
            "history", "skickade in planen version {v} innan kartläggningen var klar (med skäl)"
        ).format(v=_version(detail))
    if action == "review.self_approval":
        return QCoreApplication.translate(
            "history", "godkände sin egen plan, version {v} (enhetens regel tillåter det)"
        ).format(v=_version(detail))
    if action == "export.unapproved":
        return QCoreApplication.translate(
            "history", "lämnade planen version {v} till en utförare före beslut (med skäl)"
        ).format(v=_version(detail))
    if action == "integrity.failure":
        return QCoreApplication.translate(
            "history", "upptäckte ett skadat värde som inte kunde läsas"
        )
    if action == "record.create":
        if kind == "assessment":
            if detail.startswith("follow_up"):
                return QCoreApplication.translate("history", "påbörjade en uppföljande skattning")
            return QCoreApplication.translate("history", "påbörjade en kartläggning")
        if kind == "plan":
            if "supersedes" in detail:
                return QCoreApplication.translate(
                    "history", "gjorde version {v} av handlingsplanen"
                ).format(v=_version(detail))
            return QCoreApplication.translate("history", "skapade en handlingsplan")
        if kind == "consent":
            return QCoreApplication.translate("history", "registrerade ett samtycke")
        if kind == "follow_up":
            return QCoreApplication.translate("history", "planerade en uppföljning")
        return QCoreApplication.translate("history", "lade till uppgifter")
    if action == "record.update":
        if kind == "assessment":
            if detail == "completed":
                return QCoreApplication.translate("history", "slutförde kartläggningen")
            return QCoreApplication.translate("history", "sparade kartläggningen")
        if kind == "plan":
            return QCoreApplication.translate(
                "history", "sparade handlingsplanen version {v}"
            ).format(v=_version(detail))
        if kind == "consent":
            if detail == "withdrawn":
                return QCoreApplication.translate("history", "återkallade ett samtycke")
            return QCoreApplication.translate("history", "ändrade samtyckets omfattning")
        if kind == "follow_up":
            return QCoreApplication.translate("history", "markerade en uppföljning som genomförd")
        if kind == "individual":
            return QCoreApplication.translate("history", "ändrade personuppgifterna")
        return QCoreApplication.translate("history", "ändrade uppgifter")
    if action == "record.delete":
        return QCoreApplication.translate("history", "tog bort uppgifter")
    return action


class HistoryTab(QWidget):
    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.entries: list[HistoryEntry] = []
        ws = services.ws
        self.loader = Loader(self, lambda: ws.cases.history(case_id), self._loaded, self._failed)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Tid"), self.tr("Användare"), self.tr("Händelse")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 140)
        self.tree.setColumnWidth(1, 120)
        self.banner = Banner(self, "error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tree)

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    @property
    def loading(self) -> bool:
        return self.loader.loading

    def reload(self) -> None:
        """Read the history again in the background."""
        self.loader.reload()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.banner.clear()
        self.tree.clear()
        for entry in reversed(self.entries):
            QTreeWidgetItem(
                self.tree,
                [local_time(entry.at), entry.username or self.tr("(okänd)"), describe(entry)],
            )

    def rows(self) -> list[tuple[str, str, str]]:
        """What is shown, newest first: (time, user, event)."""
        return [
            (item.text(0), item.text(1), item.text(2))
            for item in (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
            if item is not None
        ]
