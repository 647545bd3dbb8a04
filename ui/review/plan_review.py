"""Reviewing one plan from the queue: the plan read-only, the history of decisions, approve or
return with a comment, and printing once it is approved.

Opening the plan opens its case through the core (``ws.review.open_plan``, audited), and only
then is the person's name shown; never in meeting mode.

Opened with ``PlanReviewPage(services, plan_id, parent, show_name=True)``: built at once with
"Hämtar planen …", filled when the plan arrives from the background (``loaded``), or the
message shown and ``load_failed(str)`` emitted. Deciding runs in the background with the
buttons disabled until the answer is in.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

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
from assessment_app.records import plans
from assessment_app.records.plans import PlanInfo
from assessment_app.workspace.review import PlanToReview
from ui.cases import labels
from ui.messages import error_message
from ui.plan.documents import PlanDocumentsBar
from ui.plan.meeting import meeting_summary
from ui.services import Services
from ui.tasks import run_task
from ui.timefmt import local_time
from ui.widgets.banner import Banner


def decision_label(code: str) -> str:
    return {
        "submitted": QCoreApplication.translate("review", "Inskickad"),
        "approved": QCoreApplication.translate("review", "Godkänd"),
        "returned": QCoreApplication.translate("review", "Återlämnad"),
        "released": QCoreApplication.translate("review", "Lämnad till utförare före beslut"),
    }.get(code, code)


def mark_label(code: str | None) -> str:
    return {
        "self_approval": QCoreApplication.translate(
            "review", "Godkänd av den som skrev eller ändrade planen"
        ),
        "unfinished_assessment": QCoreApplication.translate(
            "review", "Kartläggningen var inte klar; skäl:"
        ),
    }.get(code or "", "")


def history_html(reviews: Sequence[Any]) -> str:
    """The review decisions of a plan or a safety plan as rich text, newest first: what, which
    version, when and by whom, the review mark (plans only) and the comment."""
    e = html.escape
    if not reviews:
        return f"<p><i>{e(QCoreApplication.translate('review', 'Inga beslut ännu.'))}</i></p>"
    version = QCoreApplication.translate("review", "version")
    items = []
    for r in reversed(reviews):
        line = (
            f"<b>{e(decision_label(r.decision))}</b> · {e(version)} "
            f"{r.plan_version}<br/>{e(local_time(r.decided_at))} · {e(r.decided_by or '')}"
        )
        mark = mark_label(getattr(r, "mark", None))
        if mark:
            line += f"<br/><b>{e(mark)}</b>"
        if r.comment:
            line += f"<br/><i>{e(r.comment)}</i>"
        items.append(f"<p>{line}</p>")
    return "".join(items)


class PlanReviewPage(QWidget):
    closed = Signal()  # back to the queue
    decided = Signal(str)  # "approved" | "returned"
    loaded = Signal()  # the plan and its case are in
    load_failed = Signal(str)  # the message: the plan could not be opened

    def __init__(
        self,
        services: Services,
        plan_id: str,
        parent: QWidget | None = None,
        *,
        show_name: bool = True,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.plan_id = plan_id
        self.plan: PlanInfo | None = None
        self.case_ref: str | None = None
        self.name_shown = show_name
        self.area_titles: dict[str, str] = {}
        self.provider_names: dict[str, str] = {}
        self.deciding = False
        self.documents: PlanDocumentsBar | None = None  # once the plan's case is known

        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setText(self.tr("Hämtar planen …"))
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #555;")
        self.banner = Banner(self, "info")
        self.marks = Banner(self, "warning")  # four eyes: what the reviewer must know
        self.marks.label.setTextFormat(Qt.TextFormat.PlainText)  # the reason is user text
        self.content = QTextBrowser(self)
        self.content.setOpenLinks(False)
        self.history = QTextBrowser(self)
        self.history.setOpenLinks(False)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(
            self.tr("Kommentar till handläggaren (krävs när planen lämnas tillbaka)")
        )
        self.comment.setFixedHeight(70)
        self.comment.setAccessibleName(self.tr("Kommentar"))
        self.approve_button = QPushButton(self.tr("&Godkänn planen"), self)
        self.return_button = QPushButton(self.tr("&Lämna tillbaka …"), self)
        self.back_button = QPushButton(self.tr("&Tillbaka till kön"), self)
        self.approve_button.clicked.connect(lambda: self.decide(approve=True))
        self.return_button.clicked.connect(lambda: self.decide(approve=False))
        self.back_button.clicked.connect(self.closed)
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setEnabled(False)  # until the plan is in

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
        splitter = QSplitter(self)
        splitter.addWidget(self.content)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.marks)
        layout.addWidget(splitter, 1)
        self.documents_slot = QVBoxLayout()
        self.documents_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.documents_slot)
        layout.addLayout(bottom)
        ws = services.ws
        run_task(lambda: ws.review.open_plan(plan_id), self._opened, self._not_opened, owner=self)

    # --- showing ------------------------------------------------------------------------------
    def _opened(self, data: PlanToReview) -> None:
        case = data.case
        self.plan = data.plan
        self.case_ref = case.case_ref
        self.area_titles = data.area_titles
        self.provider_names = data.provider_names
        who = case.individual.name if self.name_shown else ""
        self.title.setText(
            self.tr("Granska handlingsplan – {ref} {name}").format(ref=case.case_ref, name=who)
        )
        self.review_data = data
        self.documents = PlanDocumentsBar(
            self.services, data.plan.case_id, case.case_ref, lambda then: then(True), self
        )
        self.documents_slot.addWidget(self.documents)
        self._show_plan()
        self.loaded.emit()

    def _not_opened(self, error: BaseException) -> None:
        text = error_message(error)
        self.title.setText("")
        self.banner.show_message(text, "error")
        self.load_failed.emit(text)

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.status.setText(
            self.tr("Version {v} · {state}").format(
                v=plan.plan_version, state=labels.review_state(plan.review_state)
            )
        )
        self.content.setHtml(self._plan_html(plan))
        self.history.setHtml(self._history_html(plan))
        marks = []
        if plan.unfinished_reason is not None:
            marks.append(
                self.tr(
                    "Kartläggningen var inte klar när planen skickades in. Skäl: {reason}"
                ).format(reason=plan.unfinished_reason)
            )
        if plan.self_approved:
            marks.append(
                self.tr(
                    "Godkänd av den som skrev eller senast ändrade planen (enhetens regel "
                    "tillåter det; beslutet är loggat)."
                )
            )
        self.marks.show_message("\n".join(marks), "warning")
        open_for_decision = plan.review_state == "submitted"
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setEnabled(open_for_decision)
        approved = plan.review_state == "approved"
        if self.documents is not None:
            self.documents.setVisible(approved)  # printing is for the approved plan
            if approved:
                data = self.review_data
                self.documents.set_plan(plan, data.provider_names, data.consented, data.is_current)

    def _plan_html(self, plan: PlanInfo) -> str:
        e = html.escape
        parts: list[str] = []
        by_goal: dict[str | None, list[plans.Action]] = {}
        for action in plan.actions:
            by_goal.setdefault(action.goal_id, []).append(action)
        for goal in plan.goals:
            area = self.area_titles.get(goal.area_id, goal.area_id)
            text = (
                e(goal.text)
                if goal.text.strip()
                else f"<i>{e(self.tr('(målet är inte formulerat än)'))}</i>"
            )
            parts.append(f"<h3>{e(area)}</h3><p><b>{e(self.tr('Mål:'))}</b> {text}</p>")
            parts.append(self._actions_html(by_goal.get(goal.id, [])))
        if by_goal.get(None):
            parts.append(f"<h3>{e(self.tr('Övriga insatser'))}</h3>")
            parts.append(self._actions_html(by_goal[None]))
        meeting = meeting_summary(plan.meeting_at, plan.meeting_place, self.services.language)
        if meeting and plan.meeting_with_providers:
            meeting += " " + self.tr("(utförarna är med)")
        facts = [
            (self.tr("Uppföljning"), plan.follow_up_on.isoformat() if plan.follow_up_on else "–"),
            (self.tr("Nästa möte"), meeting or self.tr("inget möte bokat")),
            (self.tr("Anteckning"), plan.note or "–"),
        ]
        parts.append("<hr/>")
        parts += [f"<p><b>{e(k)}:</b> {e(v)}</p>" for k, v in facts]
        if not plan.goals and not plan.actions:
            parts.insert(0, f"<p><i>{e(self.tr('Planen har inga mål ännu.'))}</i></p>")
        return "".join(parts)

    def _actions_html(self, actions: list[plans.Action]) -> str:
        if not actions:
            return f"<p><i>{html.escape(self.tr('Inga insatser.'))}</i></p>"
        e = html.escape
        rows = []
        for a in actions:
            who = labels.responsible_kind(a.responsible_kind)
            if a.provider_id:
                who = self.provider_names.get(a.provider_id, who)
            elif a.responsible_name:
                who = f"{who} ({a.responsible_name})"
            rows.append(
                "<tr>"
                f"<td>{e(a.what)}</td><td>{e(who)}</td>"
                f"<td>{e(a.due_on.isoformat() if a.due_on else '–')}</td>"
                f"<td>{e(labels.action_status(a.status))}</td><td>{e(a.follow_up or '–')}</td>"
                f"<td>{e(a.outcome or '–')}</td>"
                "</tr>"
            )
        head = "".join(
            f"<th align='left'>{e(h)}</th>"
            for h in (
                self.tr("Insats"),
                self.tr("Ansvarig"),
                self.tr("Senast"),
                self.tr("Status"),
                self.tr("Så följer vi upp"),
                self.tr("Resultat"),
            )
        )
        return (
            "<table cellspacing='0' cellpadding='4' border='1' width='100%'>"
            f"<tr>{head}</tr>{''.join(rows)}</table>"
        )

    def _history_html(self, plan: PlanInfo) -> str:
        return history_html(plan.reviews)

    # --- deciding -----------------------------------------------------------------------------
    def decide(self, *, approve: bool) -> None:
        if self.plan is None or self.deciding:
            return
        comment = self.comment.toPlainText().strip()
        if not approve and not comment:
            self.banner.show_message(
                self.tr("Skriv i kommentaren varför planen lämnas tillbaka."), "error"
            )
            self.comment.setFocus()
            return
        self.deciding = True
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setEnabled(False)
        self.banner.clear()
        ws, plan_id, version = self.services.ws, self.plan.id, self.plan.version
        run_task(
            lambda: ws.review.decide(plan_id, version, approve=approve, comment=comment),
            lambda plan: self._decided(plan, approve),
            self._not_decided,
            owner=self,
        )

    def _decided(self, plan: PlanInfo, approve: bool) -> None:
        self.deciding = False
        self.plan = plan
        self.comment.clear()
        self._show_plan()
        if approve:
            self.banner.show_message(
                self.tr("Planen är godkänd och låst. Du kan skriva ut den nedan."), "success"
            )
        else:
            self.banner.show_message(
                self.tr("Planen är tillbakaskickad till handläggaren med din kommentar."),
                "success",
            )
        self.decided.emit("approved" if approve else "returned")

    def _not_decided(self, error: BaseException) -> None:
        self.deciding = False
        self.banner.show_message(error_message(error), "error")
        if isinstance(error, StaleEditError):
            self._reload()  # someone else changed the plan: show it as it is now
        else:
            self._show_plan()  # the buttons as they were; the comment is still there

    def _reload(self) -> None:
        ws, plan_id = self.services.ws, self.plan_id

        def arrived(plan: PlanInfo) -> None:
            self.plan = plan
            self._show_plan()

        run_task(lambda: ws.plans.get(plan_id), arrived, lambda _e: self._show_plan(), owner=self)
