"""The plan's documents from the editor: preview (the exact PDF, in memory), print, save as
PDF, and the refusal for a provider without a valid consent."""

from __future__ import annotations

import io
import tempfile

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from assessment_app.records import consents, plans, providers
from assessment_app.records.plans import PlanContent
from tests.ui.conftest import wait_tasks
from ui.plan.editor import PlanEditorPage
from ui.plan.pdf_view import LoadedPdf, print_pdf

MANY_ACTIONS = 24  # enough for a plan of several pages


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def plan_case(services):
    """A case whose plan has actions for the individual, for a provider the person consented
    to share the housing area with, and for a provider without any consent."""
    ws = services.ws
    row = ws.cases.create(name="Kalle Karlsson")
    with ws.write() as uow:
        with_consent = providers.add_provider(uow, "Vagen Ut AB")
        without = providers.add_provider(uow, "Nya Steg AB")
        providers.add_provider(uow, "Ingen Insats AB")  # no actions: not offered
        consents.give_consent(uow, row.id, "provider", ["housing"], provider_id=with_consent.id)
        plan = plans.create_plan(uow, row.id, goals=[plans.Goal("housing", "Ett eget boende")])
    goal = plan.goals[0].id
    actions = [
        plans.Action(f"Steg {n} mot eget boende", "individual", goal_id=goal)
        for n in range(1, MANY_ACTIONS + 1)
    ]
    actions += [
        plans.Action(
            "Boendestod varje vecka", "provider", goal_id=goal, provider_id=with_consent.id
        ),
        plans.Action("Samtalsgrupp", "provider", goal_id=goal, provider_id=without.id),
    ]
    with ws.write() as uow:
        plans.save_plan(
            uow, plan.id, plan.version, PlanContent(plan.goals, actions), base=plan.content
        )
    return row, plan.id


def _editor(qtbot, services, plan_id):
    editor = PlanEditorPage(services, services.ws.plans.open_editor(plan_id))
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _choose(editor, text):
    combo = editor.documents.recipient
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def _exports(services, case_id):
    return [e.detail for e in services.ws.cases.history(case_id) if e.action == "export"]


def _preview(qtbot, editor):
    qtbot.mouseClick(editor.documents.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.documents.preview_dialog is not None)
    wait_tasks(qtbot)
    dialog = editor.documents.preview_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_recipients_are_the_individual_and_providers_with_actions(qtbot, services, plan_case):
    _row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    combo = editor.documents.recipient
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Den enskilde (hela planen)",
        "Utförare: Vagen Ut AB",
        "Utförare: Nya Steg AB (samtycke saknas)",
    ]


def test_preview_shows_the_exact_pdf_in_memory(qtbot, services, plan_case, monkeypatch):
    def no_temp_files(*_args, **_kwargs):
        raise AssertionError("a preview must not write personal data to a temporary file")

    monkeypatch.setattr(tempfile, "mkstemp", no_temp_files)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_temp_files)
    row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    dialog = _preview(qtbot, editor)

    pages = _pages(dialog.pdf.data)
    assert pages > 1
    assert dialog.view.document().pageCount() == pages
    assert dialog.page.maximum() == pages
    assert dialog.page_total.text() == f"av {pages}"
    assert "Steg 24 mot eget boende" in _text(dialog.pdf.data)

    assert not dialog.previous_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.current_page() == 1)
    assert dialog.page.value() == 2 and dialog.previous_button.isEnabled()
    dialog.page.setValue(pages)
    qtbot.waitUntil(lambda: dialog.current_page() == pages - 1)
    assert not dialog.next_button.isEnabled()

    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert dialog.view.zoomFactor() == pytest.approx(1.25)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() == pytest.approx(1.0)
    assert _exports(services, row.id) == []  # looking is not handing out


def test_provider_preview_holds_only_what_was_consented(qtbot, services, plan_case):
    row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    _choose(editor, "Vagen Ut AB")
    # the plan is not approved: a provider's copy needs a stated reason first
    qtbot.mouseClick(editor.documents.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.documents.reason_dialog is not None)
    wait_tasks(qtbot)
    dialog = editor.documents.reason_dialog
    assert dialog.isVisible() and "inte godkänd" in dialog.question.text()
    assert editor.documents.preview_dialog is None
    qtbot.keyClicks(dialog.text, "Boendestodet borjar i morgon")
    dialog.grab().save("/tmp/uicheck/provider-draft-reason.png")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.documents.preview_dialog is not None)
    wait_tasks(qtbot)
    text = _text(editor.documents.preview_dialog.pdf.data)
    assert "Boendestod varje vecka" in text and "UTKAST – inte beslutad" in text
    assert "Samtalsgrupp" not in text and "Steg 1 mot eget boende" not in text
    assert _exports(services, row.id) == []  # a preview hands nothing out (and keeps no reason)


def test_save_as_pdf_writes_the_file_and_audits(qtbot, services, plan_case, tmp_path, monkeypatch):
    row, plan_id = plan_case
    chosen = tmp_path / "kalles-plan"  # typed without ".pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(chosen), "PDF-dokument (*.pdf)")
    )
    editor = _editor(qtbot, services, plan_id)
    qtbot.mouseClick(editor.documents.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "kalles-plan.pdf"
    qtbot.waitUntil(lambda: editor.documents.banner.kind == "success")
    wait_tasks(qtbot)
    assert editor.documents.banner.text() == "Planen sparades som kalles-plan.pdf."
    text = _text(saved.read_bytes())
    assert "Ett eget boende" in text and "Steg 1 mot eget boende" in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
    assert _exports(services, row.id) == ["plan-pdf individual v1"]
    (entry,) = [e for e in services.ws.cases.history(row.id) if e.action == "export"]
    assert (entry.username, entry.object_type) == ("anna", "case")  # who handed it out


def test_save_to_a_missing_folder_shows_the_core_message(qtbot, services, plan_case, tmp_path):
    row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    editor.documents.save_to(tmp_path / "finns-inte" / "plan.pdf")
    qtbot.waitUntil(lambda: editor.documents.banner.kind == "error")
    wait_tasks(qtbot)
    assert "mappen finns inte" in editor.documents.banner.text()
    assert not (tmp_path / "finns-inte").exists()
    assert _exports(services, row.id) == []
    assert editor.documents.preview_button.isEnabled()  # ready to try again


def test_provider_without_consent_gets_nothing(qtbot, services, plan_case, tmp_path, monkeypatch):
    row, plan_id = plan_case
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a, **_k: asked.append(1) or (str(tmp_path / "x.pdf"), ""),
    )
    editor = _editor(qtbot, services, plan_id)
    _choose(editor, "Nya Steg AB")
    bar = editor.documents
    for button in (bar.save_button, bar.preview_button, bar.print_button):
        bar.banner.clear()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bar.banner.kind == "error" and bar.banner.isVisible())
        wait_tasks(qtbot)
        assert "inget giltigt samtycke" in bar.banner.text()
        assert "Nya Steg AB" in bar.banner.text()
    assert bar.preview_dialog is None
    assert asked == [] and not (tmp_path / "x.pdf").exists()
    assert _exports(services, row.id) == []


def test_print_from_the_preview_prints_every_page_and_audits(
    qtbot, services, plan_case, tmp_path, monkeypatch
):
    row, plan_id = plan_case
    out = tmp_path / "printed.pdf"

    def printer_to_file(_pages, _parent):  # stands in for the system's print dialog
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    editor = _editor(qtbot, services, plan_id)
    monkeypatch.setattr(editor.documents, "choose_printer", printer_to_file)
    dialog = _preview(qtbot, editor)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_tasks(qtbot)
    assert editor.documents.banner.kind == "success"
    assert _pages(out.read_bytes()) == dialog.page_count() == _pages(dialog.pdf.data)
    assert _exports(services, row.id) == ["plan-pdf individual v1 print"]


def test_print_pdf_renders_each_page(qtbot, tmp_path):
    from assessment_app.pdf import render_plan_pdf, sample_plan

    data = render_plan_pdf(sample_plan())
    pdf = LoadedPdf(data)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    assert print_pdf(pdf.document, printer) == _pages(data)
    assert _pages((tmp_path / "out.pdf").read_bytes()) == _pages(data)


def test_unsaved_edits_are_saved_before_a_document_is_made(qtbot, services, plan_case):
    _row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    editor.boxes[0].text.clear()
    qtbot.keyClicks(editor.boxes[0].text, "Ett tryggt boende")
    dialog = _preview(qtbot, editor)
    assert "Ett tryggt boende" in _text(dialog.pdf.data)
    assert not editor.dirty
    assert [g.text for g in services.ws.plans.get(plan_id).goals] == ["Ett tryggt boende"]


def test_documents_follow_the_app_language(qtbot, services, plan_case):
    services.language = "en"
    _row, plan_id = plan_case
    editor = _editor(qtbot, services, plan_id)
    text = _text(_preview(qtbot, editor).pdf.data)
    assert "My action plan" in text and "Min handlingsplan" not in text
