"""Urgent flags on a case: open ones shown at the top of the case with "Registrera åtgärd …",
handled ones kept as history; and the dialog that records what was done.

The flags are events in the core (``records.urgent``): raised when an assessment with an urgent
answer (or an area marked "akut") is saved, open until someone records what was done."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assessment_app.records.urgent import ACTIONS, UrgentFlagInfo
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner


def action_label(code: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "police_contacted": QCoreApplication.translate("urgent", "Kontakt med polisen"),
        "emergency_housing": QCoreApplication.translate(
            "urgent", "Akut eller skyddat boende ordnat"
        ),
        "healthcare_contacted": QCoreApplication.translate(
            "urgent", "Kontakt med vården (psykiatri, akuten, 1177)"
        ),
        "child_welfare_report": QCoreApplication.translate(
            "urgent", "Orosanmälan / barnets socialsekreterare"
        ),
        "safety_planning": QCoreApplication.translate("urgent", "Skyddsplanering med personen"),
        "talked_with_person": QCoreApplication.translate(
            "urgent", "Samtal med personen, risken bedömd"
        ),
        "other": QCoreApplication.translate("urgent", "Annat"),
    }.get(code, code)


class HandleUrgentDialog(QDialog):
    """What was done, when: saved through the workspace in the background."""

    handled = Signal(str)  # flag id

    def __init__(
        self,
        services: Services,
        flag: UrgentFlagInfo,
        area_title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.flag = flag
        self.setWindowTitle(self.tr("Registrera åtgärd – akut"))
        what = QLabel(
            self.tr("{area}: {message} (sedan {when})").format(
                area=area_title,
                message=flag.message(services.language),
                when=local_time(flag.raised_at),
            ),
            self,
        )
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold; color: #9b1c1c;")
        self.boxes: dict[str, QCheckBox] = {}
        box_layout = QVBoxLayout()
        for code in ACTIONS:
            box = QCheckBox(action_label(code), self)
            self.boxes[code] = box
            box_layout.addWidget(box)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Vad gjordes, av vem, vad händer nu?"))
        self.note.setFixedHeight(80)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.banner = Banner(self, "error")
        form = QFormLayout()
        form.addRow(self.tr("Åtgärder:"), box_layout)
        form.addRow(self.tr("&Anteckning:"), self.note)
        form.addRow(self.tr("&När:"), self.when)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Spara åtgärden"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def save(self) -> None:
        ws, flag = self.services.ws, self.flag
        actions, note = self.chosen(), self.note.toPlainText().strip()
        when = self.when.dateTime().toPython()
        handled_at = when.astimezone(UTC) if isinstance(when, datetime) else None
        self.save_button.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.banner.show_message(error_message(error), "error")

        def done(_result: object) -> None:
            self.handled.emit(flag.id)
            self.accept()

        run_task(
            lambda: ws.cases.handle_urgent(flag.id, flag.version, actions, note, handled_at),
            done,
            failed,
            owner=self,
        )


class UrgentPanel(QWidget):
    """At the top of the case: what is urgent and not handled yet, and what was done."""

    changed = Signal()  # a flag was handled

    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.flags: list[UrgentFlagInfo] = []
        self.area_titles: dict[str, str] = {}
        self.dialog: HandleUrgentDialog | None = None
        self.banner = Banner(self, "error")
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #444;")
        self.history.hide()
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(self.rows)
        layout.addWidget(self.history)
        self.hide()

    def reload(self) -> None:
        ws, case_id = self.services.ws, self.case_id

        def fetch() -> tuple[list[UrgentFlagInfo], dict[str, str]]:
            return ws.cases.urgent_flags(case_id), ws.area_titles()

        run_task(fetch, self._show, self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.show()
        self.banner.show_message(error_message(error), "error")

    def _title(self, area_id: str) -> str:
        return self.area_titles.get(area_id, area_id)

    def _show(self, result: tuple[list[UrgentFlagInfo], dict[str, str]]) -> None:
        self.flags, self.area_titles = result
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        language = self.services.language
        open_flags = [f for f in self.flags if f.open]
        handled = [f for f in self.flags if not f.open]
        if open_flags:
            text = (
                self.tr("Akut – behöver hanteras:")
                if len(open_flags) == 1
                else self.tr("Akut – {n} saker behöver hanteras:").format(n=len(open_flags))
            )
            self.banner.show_message(text, "error")
        else:
            self.banner.show_message("")
        for flag in open_flags:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(8, 0, 0, 0)
            text = self.tr("{area}: {message} – sedan {when}").format(
                area=self._title(flag.area_id),
                message=flag.message(language),
                when=local_time(flag.raised_at),
            )
            if flag.escalated:
                text += " " + self.tr("(ESKALERAD: har varit öppen för länge)")
            label = QLabel(text, row)
            label.setWordWrap(True)
            label.setStyleSheet(
                "color: #9b1c1c;" + (" font-weight: bold;" if flag.escalated else "")
            )
            button = QPushButton(self.tr("Registrera åtgärd …"), row)
            button.clicked.connect(lambda _c=False, f=flag: self.handle(f))
            line.addWidget(label, 1)
            line.addWidget(button)
            self.rows.addWidget(row)
        if handled:
            parts = [
                self.tr("{area}: {what} ({who}, {when})").format(
                    area=self._title(f.area_id),
                    what=", ".join(action_label(a) for a in f.actions),
                    who=f.handled_by or "–",
                    when=local_time(f.handled_at) if f.handled_at else "–",
                )
                for f in handled[:5]
            ]
            self.history.setText(self.tr("Hanterat tidigare: ") + "; ".join(parts))
            self.history.show()
        else:
            self.history.hide()
        self.setVisible(bool(self.flags))

    def handle(self, flag: UrgentFlagInfo) -> HandleUrgentDialog:
        dialog = HandleUrgentDialog(self.services, flag, self._title(flag.area_id), self)
        dialog.handled.connect(lambda _id: (self.reload(), self.changed.emit()))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog
