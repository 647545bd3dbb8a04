"""Moving a follow-up begun on an older version of the questions to the newest one: the
dialog shows which answers are carried over to which question (and area, when a question
moved), which questions are new and which answers cannot be carried. The core does the move
(``ws.interviews.move_to_newest``); nothing is guessed."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assessment_app.templates.mapping import AnswerMapping
from assessment_app.templates.model import Template


def _title(template: Template, section_id: str, language: str) -> str:
    if section_id == template.consent.id:
        return template.consent.title.text(language)
    return template.area(section_id).title.text(language)


def mapping_html(
    mapping: AnswerMapping,
    source: Template,
    target: Template,
    language: str,
) -> str:
    """The mapping as a list a person can read: carried, new, not carried."""
    moved_word = QCoreApplication.translate("TemplateMoveDialog", "flyttad")
    carried_heading = QCoreApplication.translate("TemplateMoveDialog", "Förs över ({n} svar)")
    question_heading = QCoreApplication.translate("TemplateMoveDialog", "Fråga")
    area_heading = QCoreApplication.translate("TemplateMoveDialog", "Område i version {v}")
    nothing_carried = QCoreApplication.translate("TemplateMoveDialog", "Inga svar att föra över.")
    new_heading = QCoreApplication.translate("TemplateMoveDialog", "Nya frågor i version {v} ({n})")
    new_area_word = QCoreApplication.translate("TemplateMoveDialog", "nytt område")
    dropped_heading = QCoreApplication.translate("TemplateMoveDialog", "Förs inte över ({n})")

    e = html.escape
    parts: list[str] = []
    rows = []
    for c in mapping.carried:
        question = target.question(c.question_id).label.text(language)
        where = e(_title(target, c.to_area, language))
        if c.moved:
            where = f"{e(_title(source, c.from_area, language))} → <b>{where}</b> ({e(moved_word)})"
        rows.append(f"<tr><td>{e(question)}</td><td>{where}</td></tr>")
    parts.append(f"<h3>{e(carried_heading.format(n=len(mapping.carried)))}</h3>")
    if rows:
        parts.append(
            "<table cellspacing='0' cellpadding='3' border='1' width='100%'>"
            f"<tr><th align='left'>{e(question_heading)}</th>"
            f"<th align='left'>{e(area_heading.format(v=target.version))}</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    else:
        parts.append(f"<p><i>{e(nothing_carried)}</i></p>")
    by_area: dict[str, list[str]] = {}
    for area_id, question_id in mapping.new_questions:
        by_area.setdefault(area_id, []).append(target.question(question_id).label.text(language))
    heading = new_heading.format(v=target.version, n=len(mapping.new_questions))
    parts.append(f"<h3>{e(heading)}</h3>")
    for area_id, labels in by_area.items():
        new_area = f" ({e(new_area_word)})" if area_id in mapping.new_areas else ""
        items = "".join(f"<li>{e(label)}</li>" for label in labels)
        parts.append(
            f"<p><b>{e(_title(target, area_id, language))}</b>{new_area}</p><ul>{items}</ul>"
        )
    if mapping.dropped:
        names = [
            source.question(q).label.text(language) if source.has_question(q) else q
            for q in mapping.dropped
        ]
        parts.append(
            f"<h3>{e(dropped_heading.format(n=len(names)))}</h3><ul>"
            + "".join(f"<li>{e(n)}</li>" for n in names)
            + "</ul>"
        )
    return "".join(parts)


class TemplateMoveDialog(QDialog):
    """Shows the mapping; "Flytta" accepts (the page then asks the core to move)."""

    def __init__(
        self,
        mapping: AnswerMapping,
        source: Template,
        target: Template,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mapping = mapping
        self.setWindowTitle(self.tr("Flytta till version {v} av frågorna").format(v=target.version))
        self.setProperty("restore_after_lock", True)
        intro = QLabel(
            self.tr(
                "Uppföljningen påbörjades på version {old}. Svaren på frågor som finns kvar "
                "oförändrade i version {new} förs över; de nya frågorna ställs i samtalet. "
                "Ingenting gissas."
            ).format(old=source.version, new=target.version),
            self,
        )
        intro.setWordWrap(True)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setHtml(mapping_html(mapping, source, target, language))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.move_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.move_button.setText(self.tr("&Flytta till version {v}").format(v=target.version))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(680, 560)
