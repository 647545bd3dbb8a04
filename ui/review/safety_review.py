"""Reviewing a safety plan (skyddsplan) from the review queue: its content read-only, the history
of decisions, approve or return with a comment.

The panel sits beside the queue's *Skyddsplaner* list. :meth:`SafetyReviewPanel.open` reads the
version in the background (``ws.safety.get``: the case is reached under the access rule and the
content decrypted in the core); deciding runs ``ws.safety.decide`` in the background with the
buttons disabled until the answer is in. The four-eyes rule is the core's
(``SafetyPlanInfo.may_approve``: a supervisor who neither created, edited nor submitted the
version); the approve button follows it, and should the core still refuse, its message is
shown in the banner, never a traceback. No name of the person is shown here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assessment_app.errors import StaleEditError
from assessment_app.records.safety import SafetyPlanContent, SafetyPlanInfo, WaitingSafetyPlan
from ui.case_view.safety_tab import (
    owners,
    place_kinds,
    relations,
    review_states,
    risk_levels,
    statuses,
    step_kinds,
    threat_kinds,
)
from ui.messages import error_message
from ui.review.plan_review import history_html
from ui.services import Services
from ui.tasks import run_task
from ui.widgets.banner import Banner


def _t(text: str) -> str:
    return QCoreApplication.translate("safety_review", text)


def _day(value: object) -> str:
    return value.isoformat() if value is not None else "–"  # type: ignore[attr-defined]


def _table(headers: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    if not rows:
        return f"<p><i>{e(_t('Inget angivet.'))}</i></p>"
    head = "".join(f"<th align='left'>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (
        "<table cellspacing='0' cellpadding='4' border='1' width='100%'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def _yes(flag: bool) -> str:
    return _t("ja") if flag else ""


def safety_html(content: SafetyPlanContent) -> str:
    """The whole plan read-only, in the order of the case's Skyddsplan tab (user text escaped)."""
    e = html.escape
    t = content.threat
    kinds = threat_kinds()
    parts: list[str] = [f"<h3>{e(_t('Hotbild'))}</h3>"]

    def fact(label: str, value: str) -> None:
        parts.append(f"<p><b>{e(label)}:</b> {e(value or '–')}</p>")

    fact(_t("Från vem"), t.who)
    incident = _day(t.last_incident_on) if t.last_incident_on else t.recency
    fact(_t("Senaste händelsen"), incident)
    fact(_t("Typ av hot"), ", ".join(kinds.get(k, k) for k in t.kinds))
    fact(_t("Beskrivning"), t.description)
    if t.police_assessment_done:
        police = _t("Ja, {on} ({by})").format(
            on=_day(t.police_assessment_on), by=t.police_assessment_by or "–"
        )
    else:
        police = _t("Nej")
    fact(_t("Polisens hotbedömning"), police)
    fact(
        _t("Polisens kontaktperson"),
        " ".join(x for x in (t.police_contact_name, t.police_contact_phone) if x),
    )
    parts.append(f"<h3>{e(_t('Risknivå'))}</h3>")
    level = risk_levels().get(content.risk_level, content.risk_level) if content.risk_level else ""
    fact(_t("Risknivå (bedömd av handläggaren)"), level)
    fact(_t("Skäl"), content.risk_reason)
    parts.append(f"<h3>{e(_t('Kontakt och signaler'))}</h3>")
    fact(_t("Så når vi personen säkert"), content.reach_how)
    fact(_t("Kodord"), content.code_word)
    parts.append(f"<p><b>{e(_t('Säkra nummer'))}:</b></p>")
    parts.append(
        _table(
            [_t("Vad"), _t("Nummer"), _t("På personens utskrift")],
            [[n.label, n.number, _yes(n.for_individual)] for n in content.safe_numbers],
        )
    )
    fact(_t("Om kontakten bryts"), content.if_contact_breaks)
    parts.append(f"<h3>{e(_t('Platser'))}</h3>")
    places = place_kinds()
    parts.append(
        _table(
            [_t("Slag"), _t("Plats"), _t("Anteckning"), _t("På personens utskrift")],
            [
                [places.get(p.kind, p.kind), p.name, p.note, _yes(p.for_individual)]
                for p in content.places
            ],
        )
    )
    parts.append(f"<h3>{e(_t('Andra som är i fara'))}</h3>")
    rel = relations()
    parts.append(
        _table(
            [_t("Relation"), _t("Vem"), _t("Vad skyddar dem")],
            [
                [rel.get(o.relation, o.relation), o.description, o.protection]
                for o in content.others_at_risk
            ],
        )
    )
    parts.append(f"<h3>{e(_t('Praktiska åtgärder'))}</h3>")
    kinds_of_step, who, state = step_kinds(), owners(), statuses()
    parts.append(
        _table(
            [
                _t("Slag"),
                _t("Vad"),
                _t("Ansvarig"),
                _t("Senast"),
                _t("Status"),
                _t("På personens utskrift"),
            ],
            [
                [
                    kinds_of_step.get(s.kind, s.kind),
                    s.what,
                    who.get(s.owner_kind, s.owner_kind)
                    + (f" ({s.owner_name})" if s.owner_name else ""),
                    _day(s.due_on),
                    state.get(s.status, s.status),
                    _yes(s.for_individual),
                ]
                for s in content.steps
            ],
        )
    )
    parts.append(f"<h3>{e(_t('Vad du gör nu'))}</h3>")
    parts.append(_table([_t("Vad"), _t("Nummer")], [[n.label, n.number] for n in content.call_now]))
    fact(_t("Enhetens kontakt vid akut läge"), content.unit_emergency_contact)
    parts.append(f"<h3>{e(_t('Översyn'))}</h3>")
    fact(_t("Ses över senast"), _day(content.review_due_on))
    fact(_t("Anteckning"), content.note)
    return "".join(parts)


class SafetyReviewPanel(QWidget):
    decided = Signal(str)  # "approved" | "returned"
    loaded = Signal()  # the plan is in

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.waiting: WaitingSafetyPlan | None = None
        self.plan: SafetyPlanInfo | None = None
        self.deciding = False
        self.loading = False

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.title.setText(self.tr("Välj en skyddsplan i listan och öppna den."))
        self.title.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.marks = Banner(self, "warning")
        self.content = QTextBrowser(self)
        self.content.setOpenLinks(False)
        self.content.setAccessibleName(self.tr("Skyddsplanens innehåll"))
        self.history = QTextBrowser(self)
        self.history.setOpenLinks(False)
        self.history.setAccessibleName(self.tr("Beslut och historik"))
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(
            self.tr("Kommentar till handläggaren (krävs när skyddsplanen lämnas tillbaka)")
        )
        self.comment.setFixedHeight(70)
        self.comment.setAccessibleName(self.tr("Kommentar"))
        self.approve_button = QPushButton(self.tr("Godkä&nn skyddsplanen"), self)
        self.return_button = QPushButton(self.tr("&Lämna tillbaka"), self)
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.return_button.clicked.connect(lambda: self.decide(approve=False))

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("<b>Beslut och historik</b>"), side))
        side_layout.addWidget(self.history, 1)
        comment_label = QLabel(self.tr("&Kommentar:"), side)
        comment_label.setBuddy(self.comment)
        side_layout.addWidget(comment_label)
        side_layout.addWidget(self.comment)
        decide_row = QHBoxLayout()
        decide_row.addWidget(self.return_button)
        decide_row.addWidget(self.approve_button)
        side_layout.addLayout(decide_row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.content)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.banner)
        layout.addWidget(self.marks)
        layout.addWidget(splitter, 1)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setEnabled(on)

    # --- opening ------------------------------------------------------------------------------
    def open(self, waiting: WaitingSafetyPlan) -> None:
        """Read the version in the background and show it."""
        if self.deciding:
            return
        self.waiting = waiting
        self.plan = None
        self.loading = True
        self._enable(False)
        self.banner.clear()
        self.marks.clear()
        self.comment.clear()
        self.content.clear()
        self.history.clear()
        self.title.setText(self.tr("Hämtar skyddsplanen …"))
        self.status.setText("")
        ws, plan_id = self.services.ws, waiting.safety_plan_id
        run_task(lambda: ws.safety.get(plan_id), self._opened, self._not_opened, owner=self)

    def _opened(self, plan: SafetyPlanInfo) -> None:
        self.loading = False
        self.plan = plan
        self._show_plan()
        self.loaded.emit()

    def _not_opened(self, error: BaseException) -> None:
        self.loading = False
        self.title.setText("")
        self.banner.show_message(error_message(error), "error")

    def _show_plan(self) -> None:
        plan, waiting = self.plan, self.waiting
        if plan is None or waiting is None:
            return
        self.title.setText(self.tr("Granska skyddsplan – {ref}").format(ref=waiting.case_ref))
        due = _day(plan.review_due_on) if plan.review_due_on else self.tr("inte satt")
        self.status.setText(
            self.tr("Version {n} · {state} · ses över senast {due}").format(
                n=plan.plan_version, state=review_states().get(plan.review_state), due=due
            )
        )
        if plan.damaged:
            self.content.setHtml(
                "<p><i>"
                + html.escape(self.tr("Skyddsplanens innehåll går inte att läsa (skadat)."))
                + "</i></p>"
            )
        else:
            self.content.setHtml(safety_html(plan.content))
        self.history.setHtml(self._history_html(plan))
        mine = not plan.may_approve(self.services.ctx.user_id)  # the core's four-eyes rule
        self.marks.show_message(
            self.tr(
                "Du har skrivit, ändrat eller skickat in den här versionen själv. En annan "
                "arbetsledare godkänner den; du kan lämna tillbaka den."
            )
            if mine and plan.review_state == "submitted"
            else "",
            "warning",
        )
        self._enable(plan.review_state == "submitted" and not plan.damaged)
        if mine:
            self.approve_button.setEnabled(False)

    def _history_html(self, plan: SafetyPlanInfo) -> str:
        return history_html(plan.reviews)

    # --- deciding -----------------------------------------------------------------------------
    def decide(self, *, approve: bool) -> None:
        if self.plan is None or self.deciding:
            return
        comment = self.comment.toPlainText().strip()
        if not approve and not comment:
            self.banner.show_message(
                self.tr("Skriv i kommentaren varför skyddsplanen lämnas tillbaka."), "error"
            )
            self.comment.setFocus()
            return
        self.deciding = True
        self._enable(False)
        self.banner.clear()
        ws, plan_id, version = self.services.ws, self.plan.id, self.plan.version
        run_task(
            lambda: ws.safety.decide(plan_id, version, approve=approve, comment=comment),
            lambda plan: self._decided(plan, approve),
            self._not_decided,
            owner=self,
        )

    def _decided(self, plan: SafetyPlanInfo, approve: bool) -> None:
        self.deciding = False
        self.plan = plan
        self.comment.clear()
        self._show_plan()
        self.banner.show_message(
            self.tr("Skyddsplanen är godkänd och låst.")
            if approve
            else self.tr("Skyddsplanen är tillbakaskickad till handläggaren med din kommentar."),
            "success",
        )
        self.decided.emit("approved" if approve else "returned")

    def _not_decided(self, error: BaseException) -> None:
        self.deciding = False
        self.banner.show_message(error_message(error), "error")
        if isinstance(error, StaleEditError):
            self._reload()  # someone else changed it: show it as it is now
        else:
            self._show_plan()  # the buttons as they were; the comment is still there

    def _reload(self) -> None:
        if self.waiting is None:
            return
        ws, plan_id = self.services.ws, self.waiting.safety_plan_id

        def arrived(plan: SafetyPlanInfo) -> None:
            self.plan = plan
            self._show_plan()

        run_task(lambda: ws.safety.get(plan_id), arrived, lambda _e: self._show_plan(), owner=self)
