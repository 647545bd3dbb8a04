"""The case's safety plan (skyddsplan): the editor, its review, its versions and its copies.

The tab reads the plan in force (and every version) in the background when it is shown
(``reload``). A draft is edited here and saved with *Spara*; *Skicka för granskning* submits it,
and a supervisor who did not submit it approves it or returns it with a reason. An approved
version is locked: *Ny version* copies it into a new draft. An older version is shown
read-only. A practical step can be copied into the action plan as an action. The two printed
copies are saved as PDF: the person's own (nothing that helps someone who finds it) and the
police contact's (only with the consent item for it); the core decides what each holds.

Bad input (a date that does not read) is said in the banner and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assessment_app.db.types import new_id
from assessment_app.records.safety import (
    Number,
    PersonAtRisk,
    Place,
    SafetyPlanContent,
    SafetyPlanInfo,
    Step,
    Threat,
)
from assessment_app.workspace.safety import SafetyEditorData
from ui.messages import error_message
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner
from ui.widgets.date_field import OptionalDateEdit
from ui.widgets.loader import Loader

if TYPE_CHECKING:
    from assessment_app.records.plans import PlanInfo


def threat_kinds() -> dict[str, str]:
    return {
        "violence": QCoreApplication.translate("safety", "Våld"),
        "threats": QCoreApplication.translate("safety", "Hot"),
        "extortion": QCoreApplication.translate("safety", "Utpressning"),
        "stalking": QCoreApplication.translate("safety", "Förföljelse"),
        "digital": QCoreApplication.translate("safety", "Hot eller kontroll på nätet"),
        "weapons": QCoreApplication.translate("safety", "Vapen"),
        "other": QCoreApplication.translate("safety", "Annat"),
    }


def risk_levels() -> dict[str, str]:
    return {
        "": QCoreApplication.translate("safety", "– inte bedömd –"),
        "low": QCoreApplication.translate("safety", "Låg"),
        "raised": QCoreApplication.translate("safety", "Förhöjd"),
        "high": QCoreApplication.translate("safety", "Hög"),
    }


def relations() -> dict[str, str]:
    return {
        "child": QCoreApplication.translate("safety", "Barn"),
        "partner": QCoreApplication.translate("safety", "Partner"),
        "parent": QCoreApplication.translate("safety", "Förälder"),
        "sibling": QCoreApplication.translate("safety", "Syskon"),
        "other": QCoreApplication.translate("safety", "Annan"),
    }


def place_kinds() -> dict[str, str]:
    return {
        "safe_place": QCoreApplication.translate("safety", "Säker plats"),
        "safe_town": QCoreApplication.translate("safety", "Säker ort"),
        "meeting_place": QCoreApplication.translate("safety", "Säker mötesplats"),
        "unsafe_place": QCoreApplication.translate("safety", "Plats att undvika"),
        "unsafe_town": QCoreApplication.translate("safety", "Ort att undvika"),
    }


def step_kinds() -> dict[str, str]:
    return {
        "protected_address": QCoreApplication.translate("safety", "Skyddade personuppgifter"),
        "school_transfer": QCoreApplication.translate("safety", "Byte av skola"),
        "moving": QCoreApplication.translate("safety", "Flytt"),
        "change_phone": QCoreApplication.translate("safety", "Byte av telefon"),
        "change_accounts": QCoreApplication.translate("safety", "Byte av konton"),
        "digital_footprint": QCoreApplication.translate("safety", "Digitala spår"),
        "other": QCoreApplication.translate("safety", "Annat"),
    }


def owners() -> dict[str, str]:
    return {
        "social_services": QCoreApplication.translate("safety", "Socialtjänsten"),
        "individual": QCoreApplication.translate("safety", "Den enskilde"),
        "provider": QCoreApplication.translate("safety", "Utförare"),
        "police": QCoreApplication.translate("safety", "Polisen"),
        "authority": QCoreApplication.translate("safety", "Annan myndighet"),
    }


def statuses() -> dict[str, str]:
    return {
        "planned": QCoreApplication.translate("safety", "Planerad"),
        "in_progress": QCoreApplication.translate("safety", "Pågår"),
        "done": QCoreApplication.translate("safety", "Klar"),
        "cancelled": QCoreApplication.translate("safety", "Avbruten"),
    }


def review_states() -> dict[str, str]:
    return {
        "draft": QCoreApplication.translate("safety", "utkast"),
        "submitted": QCoreApplication.translate("safety", "inskickad för granskning"),
        "approved": QCoreApplication.translate("safety", "godkänd"),
        "returned": QCoreApplication.translate("safety", "återlämnad"),
        "superseded": QCoreApplication.translate("safety", "ersatt av en nyare version"),
    }


class BadInput(ValueError):
    """A cell that does not read (the message says which); nothing is saved."""


@dataclass(frozen=True)
class Column:
    title: str
    kind: str  # text | choice | check | date
    choices: dict[str, str] | None = None
    width: int = 140


MAX_VISIBLE_ROWS = 12  # a rows table grows to this many rows, then scrolls


class RowsTable(QWidget):
    """An editable list of rows (places, people, steps, numbers) with add and remove."""

    def __init__(self, columns: list[Column], add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.ids: list[str] = []
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([c.title for c in columns])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        header = self.table.horizontalHeader()
        for n, c in enumerate(columns):
            # wide enough for the header and, for a choice, its longest label
            width = max(c.width, header.sectionSizeHint(n))
            if c.kind == "choice":
                probe = QComboBox()
                for label in (c.choices or {}).values():
                    probe.addItem(label)
                width = max(width, probe.sizeHint().width() + 4)
                probe.deleteLater()
            self.table.setColumnWidth(n, width)
        self._fit_height()
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(
            QCoreApplication.translate("safety", "Ta bort raden"), self
        )
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: list[Any] | None = None, row_id: str | None = None) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.ids.append(row_id or new_id())
        values = values or [None] * len(self.columns)
        for c, (col, value) in enumerate(zip(self.columns, values, strict=True)):
            if col.kind == "choice":
                box = QComboBox(self.table)
                for code, label in (col.choices or {}).items():
                    box.addItem(label, code)
                if value is not None:
                    box.setCurrentIndex(max(0, box.findData(value)))
                self.table.setCellWidget(r, c, box)
            elif col.kind == "check":
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                self.table.setItem(r, c, item)
            else:
                text = value.isoformat() if isinstance(value, date) else str(value or "")
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._fit_height()
        return r

    def _fit_height(self) -> None:
        """Grow with the rows (one empty row's room below them, at least two rows), up to
        :data:`MAX_VISIBLE_ROWS`; beyond that the table scrolls on its own."""
        t = self.table
        rows = min(max(t.rowCount() + 1, 2), MAX_VISIBLE_ROWS)
        row_height = max(
            [t.rowHeight(r) for r in range(t.rowCount())]
            + [t.verticalHeader().defaultSectionSize()]
        )
        height = t.horizontalHeader().sizeHint().height() + rows * row_height + 2 * t.frameWidth()
        if t.horizontalScrollBar().isVisible():
            height += t.horizontalScrollBar().sizeHint().height()
        t.setFixedHeight(height)

    def remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for r in rows:
            self.table.removeRow(r)
            del self.ids[r]
        self._fit_height()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.ids = []
        self._fit_height()

    def selected_id(self) -> str | None:
        r = self.table.currentRow()
        return self.ids[r] if 0 <= r < len(self.ids) else None

    def values(self) -> list[tuple[str, list[Any]]]:
        """(row id, values) for each row; raises :class:`BadInput` for a date that does not
        read. Empty rows are left out."""
        out = []
        for r in range(self.table.rowCount()):
            row: list[Any] = []
            for c, col in enumerate(self.columns):
                if col.kind == "choice":
                    box = self.table.cellWidget(r, c)
                    row.append(box.currentData() if isinstance(box, QComboBox) else None)
                    continue
                item = self.table.item(r, c)
                if col.kind == "check":
                    row.append(item is not None and item.checkState() == Qt.CheckState.Checked)
                    continue
                text = item.text().strip() if item is not None else ""
                if col.kind == "date":
                    try:
                        row.append(date.fromisoformat(text) if text else None)
                    except ValueError:
                        raise BadInput(
                            QCoreApplication.translate(
                                "safety",
                                "Datumet ”{text}” i {column} går inte att läsa (ÅÅÅÅ-MM-DD).",
                            ).format(text=text, column=col.title)
                        ) from None
                else:
                    row.append(text)
            if any(
                v for v, col in zip(row, self.columns, strict=True) if col.kind in ("text", "date")
            ):
                out.append((self.ids[r], row))
        return out

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        triggers = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
        )
        self.table.setEditTriggers(triggers)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                widget = self.table.cellWidget(r, c)
                if widget is not None:
                    widget.setEnabled(not read_only)
                item = self.table.item(r, c)
                if item is not None and self.columns[c].kind == "check":
                    flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled if read_only else flags)


def _text_box(parent: QWidget, placeholder: str = "", height: int = 56) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


class SafetyTab(QWidget):
    def __init__(self, services: Services, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.case_id = case_id
        self.data: SafetyEditorData | None = None
        self.shown: SafetyPlanInfo | None = None  # the version on screen
        self.busy = False
        ws = services.ws
        self.loader = Loader(
            self, lambda: ws.safety.open_editor(case_id), self._loaded, self._failed
        )

        self.banner = Banner(self, "error")
        self.urgent_banner = Banner(self, "error")
        self.status = QLabel(self)
        self.status.setStyleSheet("font-weight: bold;")
        self.version_box = QComboBox(self)
        self.version_box.currentIndexChanged.connect(self._version_chosen)
        self.create_button = QPushButton(self.tr("&Skapa skyddsplan"), self)
        self.save_button = QPushButton(self.tr("S&para"), self)
        self.submit_button = QPushButton(self.tr("Skicka för &granskning"), self)
        self.approve_button = QPushButton(self.tr("&Godkänn"), self)
        self.return_button = QPushButton(self.tr("&Lämna tillbaka …"), self)
        self.new_version_button = QPushButton(self.tr("&Ny version"), self)
        self.print_individual_button = QPushButton(self.tr("&Utskrift för personen …"), self)
        self.print_police_button = QPushButton(self.tr("Utskrift för p&olisen …"), self)
        self.create_button.clicked.connect(self.create_plan)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.return_button.clicked.connect(lambda: self.decide(False))
        self.new_version_button.clicked.connect(self.new_version)
        self.print_individual_button.clicked.connect(lambda: self.export("individual"))
        self.print_police_button.clicked.connect(lambda: self.export("police"))

        form_host = QWidget(self)
        self.form_host = form_host
        # --- the threat picture
        self.who = QLineEdit(form_host)
        self.who.setPlaceholderText(self.tr("vem eller vilka hotet kommer från"))
        self.last_incident = OptionalDateEdit(form_host, self.tr("senaste händelsen"))
        self.recency = QLineEdit(form_host)
        self.recency.setPlaceholderText(self.tr("eller med ord, till exempel ”i somras”"))
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds = QGridLayout()
        for n, (code, label) in enumerate(threat_kinds().items()):
            box = QCheckBox(label, form_host)
            self.kind_boxes[code] = box
            kinds.addWidget(box, n // 4, n % 4)
        self.description = _text_box(form_host, self.tr("vad har hänt, hur hotet ser ut"))
        self.police_done = QCheckBox(self.tr("Polisen har gjort en hotbedömning"), form_host)
        self.police_on = OptionalDateEdit(form_host, self.tr("den"))
        self.police_by = QLineEdit(form_host)
        self.police_by.setPlaceholderText(self.tr("vem som gjorde den"))
        self.police_contact = QLineEdit(form_host)
        self.police_contact.setPlaceholderText(self.tr("namn"))
        self.police_phone = QLineEdit(form_host)
        self.police_phone.setPlaceholderText(self.tr("telefon"))
        threat = QGroupBox(self.tr("Hotbild"), form_host)
        tf = QFormLayout(threat)
        tf.addRow(self.tr("Från vem:"), self.who)
        when = QHBoxLayout()
        when.addWidget(self.last_incident)
        when.addWidget(self.recency, 1)
        tf.addRow(self.tr("Hur nyligen:"), when)
        tf.addRow(self.tr("Typ av hot:"), kinds)
        tf.addRow(self.tr("Beskrivning:"), self.description)
        assessed = QHBoxLayout()
        assessed.addWidget(self.police_done)
        assessed.addWidget(self.police_on)
        assessed.addWidget(self.police_by, 1)
        tf.addRow(self.tr("Hotbedömning:"), assessed)
        contact = QHBoxLayout()
        contact.addWidget(self.police_contact, 1)
        contact.addWidget(self.police_phone, 1)
        tf.addRow(self.tr("Kontakt hos polisen:"), contact)
        # --- risk
        self.risk = QComboBox(form_host)
        for code, label in risk_levels().items():
            self.risk.addItem(label, code)
        self.risk_reason = _text_box(form_host, self.tr("varför du bedömer risken så"))
        risk = QGroupBox(self.tr("Risknivå (din bedömning)"), form_host)
        rf = QFormLayout(risk)
        rf.addRow(self.tr("&Risknivå:"), self.risk)
        rf.addRow(self.tr("Skäl:"), self.risk_reason)
        # --- contact and signals
        self.reach_how = _text_box(
            form_host, self.tr("hur ni når personen säkert (skrivs ut på personens kopia)")
        )
        self.code_word = QLineEdit(form_host)
        self.code_word.setPlaceholderText(self.tr("skrivs aldrig ut på personens kopia"))
        self.safe_numbers = RowsTable(
            [
                Column(self.tr("Vad"), "text", width=200),
                Column(self.tr("Nummer"), "text", width=160),
                Column(self.tr("På personens kopia"), "check"),
            ],
            self.tr("Lägg till säkert nummer"),
            form_host,
        )
        self.if_breaks = _text_box(
            form_host, self.tr("vad som händer om kontakten bryts (skrivs ut på personens kopia)")
        )
        signals = QGroupBox(self.tr("Kontakt och signaler"), form_host)
        sf = QFormLayout(signals)
        sf.addRow(self.tr("Säkra sätt att nå personen:"), self.reach_how)
        sf.addRow(self.tr("&Kodord:"), self.code_word)
        sf.addRow(self.tr("Säkra nummer:"), self.safe_numbers)
        sf.addRow(self.tr("Om kontakten bryts:"), self.if_breaks)
        # --- places
        self.places = RowsTable(
            [
                Column(self.tr("Slag"), "choice", place_kinds(), 170),
                Column(self.tr("Plats eller ort"), "text", width=220),
                Column(self.tr("Anteckning"), "text", width=200),
                Column(self.tr("På personens kopia"), "check"),
            ],
            self.tr("Lägg till plats"),
            form_host,
        )
        places = QGroupBox(
            self.tr("Säkra platser, mötesplatser och platser att undvika"), form_host
        )
        QVBoxLayout(places).addWidget(self.places)
        # --- others at risk
        self.others = RowsTable(
            [
                Column(self.tr("Relation"), "choice", relations(), 130),
                Column(self.tr("Vem"), "text", width=200),
                Column(self.tr("Vad skyddar dem"), "text", width=300),
            ],
            self.tr("Lägg till person"),
            form_host,
        )
        others = QGroupBox(self.tr("Andra som kan vara i fara"), form_host)
        QVBoxLayout(others).addWidget(self.others)
        # --- steps
        self.steps = RowsTable(
            [
                Column(self.tr("Slag"), "choice", step_kinds(), 180),
                Column(self.tr("Vad"), "text", width=240),
                Column(self.tr("Ansvarig"), "choice", owners(), 140),
                Column(self.tr("Namn"), "text", width=120),
                Column(self.tr("Klart senast"), "date", width=100),
                Column(self.tr("Status"), "choice", statuses(), 100),
                Column(self.tr("På personens kopia"), "check"),
            ],
            self.tr("Lägg till åtgärd"),
            form_host,
        )
        self.to_plan_button = QPushButton(self.tr("Lägg till i &handlingsplanen"), form_host)
        self.to_plan_button.clicked.connect(self.step_to_plan)
        self.steps.layout().itemAt(1).layout().insertWidget(2, self.to_plan_button)  # type: ignore[union-attr]
        steps = QGroupBox(self.tr("Praktiska åtgärder"), form_host)
        QVBoxLayout(steps).addWidget(self.steps)
        # --- what to do now
        self.call_now = RowsTable(
            [
                Column(self.tr("Vad"), "text", width=320),
                Column(self.tr("Nummer"), "text", width=160),
            ],
            self.tr("Lägg till nummer"),
            form_host,
        )
        self.unit_contact = QLineEdit(form_host)
        self.unit_contact.setPlaceholderText(
            self.tr("enhetens jourkontakt (skrivs ut på personens kopia)")
        )
        self.call_now.table.setToolTip(
            self.tr("Numren att ringa skrivs alltid ut på personens kopia, 112 först.")
        )
        now = QGroupBox(self.tr("Vid akut fara"), form_host)
        nf = QFormLayout(now)
        nf.addRow(self.tr("Nummer att ringa:"), self.call_now)
        nf.addRow(self.tr("Enhetens jourkontakt:"), self.unit_contact)
        # --- review
        self.review_due = OptionalDateEdit(form_host, self.tr("ses över senast"))
        self.note = _text_box(form_host, self.tr("övrigt"))
        review = QGroupBox(self.tr("Översyn"), form_host)
        vf = QFormLayout(review)
        vf.addRow(self.tr("Datum:"), self.review_due)
        vf.addRow(self.tr("Anteckning:"), self.note)
        self.history = QLabel(form_host)
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #444;")

        form = QVBoxLayout(form_host)
        for group in (threat, risk, signals, places, others, steps, now, review):
            form.addWidget(group)
        form.addWidget(self.history)
        form.addStretch(1)
        self.groups = (threat, risk, signals, places, others, steps, now, review)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.scroll = scroll

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        self.version_label = QLabel(self.tr("&Version:"), self)
        self.version_label.setBuddy(self.version_box)
        self.version_label.hide()
        self.version_box.hide()
        top.addWidget(self.version_label)
        top.addWidget(self.version_box)
        buttons = QHBoxLayout()
        for b in (
            self.create_button,
            self.save_button,
            self.submit_button,
            self.approve_button,
            self.return_button,
            self.new_version_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.print_individual_button)
        buttons.addWidget(self.print_police_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.urgent_banner)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        # takes the room when the form is hidden (no plan yet), so the banners keep their
        # height and the buttons stay at the top; the form's stretch wins when it is shown
        layout.addStretch(0)
        self._show_plan(None)

    @property
    def loaded_once(self) -> bool:
        return self.loader.loaded_once

    def reload(self) -> None:
        self.loader.reload()

    # --- showing ------------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._buttons()
        self.banner.show_message(error_message(error), "error")

    def _loaded(self, data: SafetyEditorData) -> None:
        self.data = data
        if data.threat_urgent:
            self.urgent_banner.show_message(
                self.tr("Akut i hotområdet: gå igenom skyddsplanen med personen nu."), "error"
            )
        else:
            self.urgent_banner.clear()
        self.version_box.blockSignals(True)
        self.version_box.clear()
        states = review_states()
        for v in data.versions:
            self.version_box.addItem(
                self.tr("{n} ({state})").format(n=v.plan_version, state=states[v.review_state]),
                v.id,
            )
        self.version_box.blockSignals(False)
        self.version_box.setVisible(len(data.versions) > 1)
        self.version_label.setVisible(len(data.versions) > 1)
        self._show_plan(data.plan)

    def _version_chosen(self, index: int) -> None:
        if self.data is None or index < 0:
            return
        self._show_plan(self.data.versions[index])

    def _show_plan(self, plan: SafetyPlanInfo | None) -> None:
        self.shown = plan
        c = plan.content if plan is not None else SafetyPlanContent()
        t = c.threat
        self.who.setText(t.who)
        self.last_incident.set_value(t.last_incident_on)
        self.recency.setText(t.recency)
        for code, box in self.kind_boxes.items():
            box.setChecked(code in t.kinds)
        self.description.setPlainText(t.description)
        self.police_done.setChecked(t.police_assessment_done)
        self.police_on.set_value(t.police_assessment_on)
        self.police_by.setText(t.police_assessment_by)
        self.police_contact.setText(t.police_contact_name)
        self.police_phone.setText(t.police_contact_phone)
        self.risk.setCurrentIndex(max(0, self.risk.findData(c.risk_level)))
        self.risk_reason.setPlainText(c.risk_reason)
        self.reach_how.setPlainText(c.reach_how)
        self.code_word.setText(c.code_word)
        self.safe_numbers.clear()
        for n in c.safe_numbers:
            self.safe_numbers.add_row([n.label, n.number, n.for_individual], n.id)
        self.if_breaks.setPlainText(c.if_contact_breaks)
        self.places.clear()
        for p in c.places:
            self.places.add_row([p.kind, p.name, p.note, p.for_individual], p.id)
        self.others.clear()
        for o in c.others_at_risk:
            self.others.add_row([o.relation, o.description, o.protection], o.id)
        self.steps.clear()
        for s in c.steps:
            self.steps.add_row(
                [s.kind, s.what, s.owner_kind, s.owner_name, s.due_on, s.status, s.for_individual],
                s.id,
            )
        self.call_now.clear()
        for n in c.call_now:
            self.call_now.add_row([n.label, n.number], n.id)
        self.unit_contact.setText(c.unit_emergency_contact)
        self.review_due.set_value(plan.review_due_on if plan else None)
        self.note.setPlainText(c.note)
        if plan is None:
            self.status.setText(self.tr("Ärendet har ingen skyddsplan än."))
            self.history.setText("")
        else:
            due = plan.review_due_on.isoformat() if plan.review_due_on else self.tr("inte satt")
            self.status.setText(
                self.tr("Skyddsplan version {n} · {state} · ses över senast {due}").format(
                    n=plan.plan_version, state=review_states()[plan.review_state], due=due
                )
            )
            lines = [
                self.tr("{at}: {decision} av {who}").format(
                    at=r.decided_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    decision={
                        "submitted": self.tr("inskickad"),
                        "approved": self.tr("godkänd"),
                        "returned": self.tr("återlämnad"),
                    }.get(r.decision, r.decision),
                    who=r.decided_by or "–",
                )
                + (f" – {r.comment}" if r.comment else "")
                for r in plan.reviews
            ]
            self.history.setText("\n".join(lines))
        self.scroll.setVisible(plan is not None)
        self._buttons()

    def _buttons(self) -> None:
        plan, data = self.shown, self.data
        current = (
            plan is not None
            and data is not None
            and data.plan is not None
            and (plan.id == data.plan.id)
        )
        editable = plan is not None and current and plan.editable and not self.busy
        supervisor = self.services.ctx.role == "supervisor"
        mine = plan is not None and not plan.may_approve(self.services.ctx.user_id)
        self.create_button.setVisible(data is not None and data.plan is None)
        self.create_button.setEnabled(not self.busy)
        self.save_button.setVisible(editable)
        self.submit_button.setVisible(editable)
        waiting = plan is not None and current and plan.review_state == "submitted"
        self.approve_button.setVisible(waiting and supervisor)
        self.return_button.setVisible(waiting and supervisor)
        self.approve_button.setEnabled(not mine and not self.busy)
        self.return_button.setEnabled(not self.busy)
        self.approve_button.setToolTip(
            self.tr(
                "Du har skrivit, ändrat eller skickat in den här versionen: en annan "
                "arbetsledare godkänner den."
            )
            if waiting and supervisor and mine
            else ""
        )
        self.new_version_button.setVisible(
            plan is not None and current and plan.review_state == "approved"
        )
        self.new_version_button.setEnabled(not self.busy)
        self.print_individual_button.setVisible(plan is not None)
        self.print_police_button.setVisible(plan is not None)
        self.print_police_button.setEnabled(data is not None and data.police_consent)
        self.print_police_button.setToolTip(
            ""
            if data is not None and data.police_consent
            else self.tr("Kräver ett giltigt samtycke till polisen som omfattar skyddsplanen.")
        )
        self.to_plan_button.setVisible(plan is not None and current)
        self.to_plan_button.setEnabled(data is not None and data.has_action_plan and not self.busy)
        self.to_plan_button.setToolTip(
            self.tr(
                "Ärendet har ingen handlingsplan än. Skapa den under fliken Handlingsplaner först."
            )
            if data is not None and not data.has_action_plan
            else self.tr("Kopierar den markerade åtgärden till handlingsplanen som en insats.")
        )
        for widget in (
            self.who,
            self.recency,
            self.police_by,
            self.police_contact,
            self.police_phone,
            self.code_word,
            self.unit_contact,
        ):
            widget.setReadOnly(not editable)
        for box in (self.description, self.risk_reason, self.reach_how, self.if_breaks, self.note):
            box.setReadOnly(not editable)
        for widget in (
            *self.kind_boxes.values(),
            self.police_done,
            self.risk,
            self.last_incident,
            self.police_on,
            self.review_due,
        ):
            widget.setEnabled(editable)
        for table in (self.safe_numbers, self.places, self.others, self.steps, self.call_now):
            table.set_read_only(not editable)

    # --- reading the form ---------------------------------------------------------------------
    def content(self) -> SafetyPlanContent:
        """What is on the screen; raises :class:`BadInput` for a date that does not read."""
        threat = Threat(
            self.who.text().strip(),
            self.last_incident.value(),
            self.recency.text().strip(),
            [code for code, box in self.kind_boxes.items() if box.isChecked()],
            self.description.toPlainText().strip(),
            self.police_done.isChecked(),
            self.police_on.value(),
            self.police_by.text().strip(),
            self.police_contact.text().strip(),
            self.police_phone.text().strip(),
        )
        return SafetyPlanContent(
            threat,
            str(self.risk.currentData() or ""),
            self.risk_reason.toPlainText().strip(),
            self.reach_how.toPlainText().strip(),
            self.code_word.text().strip(),
            [Number(v[0], v[1], bool(v[2]), i) for i, v in self.safe_numbers.values()],
            self.if_breaks.toPlainText().strip(),
            [Place(v[0], v[1], v[2], bool(v[3]), i) for i, v in self.places.values()],
            [PersonAtRisk(v[0], v[1], v[2], i) for i, v in self.others.values()],
            [
                Step(v[0], v[1], v[2], v[3], v[4], v[5], bool(v[6]), i)
                for i, v in self.steps.values()
            ],
            [Number(v[0], v[1], False, i) for i, v in self.call_now.values()],
            self.unit_contact.text().strip(),
            self.review_due.value(),
            self.note.toPlainText().strip(),
        )

    # --- actions ------------------------------------------------------------------------------
    def _run(self, work: Any, message: str | Callable[[Any], str]) -> None:
        """Run ``work`` in the background; ``message``: what to say when done (or made from
        the result)."""
        self.busy = True
        self._buttons()
        self.banner.clear()

        def done(result: object) -> None:
            self.busy = False
            self.reload()
            self.banner.show_message(message(result) if callable(message) else message, "success")

        run_task(work, done, self._failed, owner=self)

    def create_plan(self) -> None:
        ws, case_id = self.services.ws, self.case_id
        self._run(lambda: ws.safety.create(case_id), self.tr("Skyddsplanen skapades."))

    def save(self) -> None:
        plan = self.shown
        if plan is None or self.busy:
            return
        try:
            content = self.content()
        except BadInput as error:
            self.banner.show_message(str(error), "error")
            return
        ws = self.services.ws
        self._run(
            lambda: ws.safety.save(plan.id, plan.version, content),
            self.tr("Skyddsplanen sparades."),
        )

    def submit(self) -> None:
        """Save what is on the screen, then submit it (one click, two transactions)."""
        plan = self.shown
        if plan is None or self.busy:
            return
        try:
            content = self.content()
        except BadInput as error:
            self.banner.show_message(str(error), "error")
            return
        ws = self.services.ws

        def work() -> SafetyPlanInfo:
            current = plan
            if not content.same_as(plan.content) or plan.review_due_on != content.review_due_on:
                current = ws.safety.save(plan.id, plan.version, content)
            return ws.safety.submit(current.id, current.version)

        self._run(work, self.tr("Skyddsplanen skickades för granskning."))

    def decide(self, approve: bool) -> None:
        plan = self.shown
        if plan is None or self.busy:
            return
        comment = ""
        if not approve:
            comment, ok = QInputDialog.getText(
                self, self.tr("Lämna tillbaka"), self.tr("Varför lämnas skyddsplanen tillbaka?")
            )
            if not ok:
                return
        ws = self.services.ws
        self._run(
            lambda: ws.safety.decide(plan.id, plan.version, approve=approve, comment=comment),
            self.tr("Skyddsplanen godkändes.")
            if approve
            else self.tr("Skyddsplanen lämnades tillbaka."),
        )

    def new_version(self) -> None:
        plan = self.shown
        if plan is None or self.busy:
            return
        ws = self.services.ws
        self._run(
            lambda: ws.safety.new_version(plan.id, plan.version),
            self.tr("En ny version skapades; ändra den och skicka in den."),
        )

    def step_to_plan(self) -> None:
        plan, step_id = self.shown, self.steps.selected_id()
        if plan is None or self.busy:
            return
        if step_id is None or all(s.id != step_id for s in plan.content.steps):
            self.banner.show_message(
                self.tr("Välj en sparad åtgärd i listan först (spara planen om den är ny)."),
                "error",
            )
            return
        ws = self.services.ws
        step = plan.content.step(step_id)
        added = self.tr("Åtgärden lades till som insats i handlingsplanen.")
        choose = self.tr(
            "Välj utföraren för insatsen i handlingsplanen: ingen utförare i registret heter "
            "som i åtgärden."
        )

        def said(result: PlanInfo) -> str:
            missing = any(
                a.what == step.what and a.responsible_kind == "provider" and not a.provider_id
                for a in result.actions
            )
            return f"{added} {choose}" if missing else added

        self._run(lambda: ws.safety.step_to_action(plan.id, step_id), said)

    def choose_file(self, audience: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        data = self.data
        ref = data.case_ref if data is not None else "arende"
        name = "min-plan.pdf" if audience == "individual" else f"skyddsplan-{ref}-polisen.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Spara som PDF"), str(Path(folder) / name), self.tr("PDF (*.pdf)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def export(self, audience: str, path: Path | None = None) -> None:
        plan = self.shown
        if plan is None or self.busy:
            return
        path = path or self.choose_file(audience)
        if path is None:
            return
        ws, case_id = self.services.ws, self.case_id
        self.busy = True
        self._buttons()

        def done(_result: object) -> None:
            self.busy = False
            self._buttons()
            self.banner.show_message(
                self.tr("Sparades som {name}.").format(name=path.name), "success"
            )

        run_task(
            lambda: ws.safety.export(case_id, audience, path, safety_plan_id=plan.id),  # type: ignore[arg-type]
            done,
            self._failed,
            owner=self,
        )
