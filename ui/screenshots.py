"""Render each main screen with demo data to PNG, offscreen:

    python -m ui.screenshots [--out docs/screenshots] [--cases 40]

Uses a temporary database filled by ``assessment_app.demo`` (synthetic people only). The data
is set up through a workspace of its own (this script is not a screen); the windows read
theirs in the background, so each picture waits until every background call has answered."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assessment_app.context import Context
    from assessment_app.workspace import Workspace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSWORD = "screenshot-password"  # noqa: S105 - a throwaway database in a temp dir


def _settle(timeout_s: float = 30.0) -> None:
    """Process events until every background call has delivered its result."""
    import time

    from PySide6.QtWidgets import QApplication

    from ui import tasks

    deadline = time.monotonic() + timeout_s
    QApplication.processEvents()
    while tasks.busy() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def _workspace(ctx: Context) -> Workspace:
    """A workspace for setting up data from this script (no UI-thread guard: not a screen)."""
    from assessment_app.templates.source import RegistryTemplates
    from assessment_app.workspace import Workspace

    return Workspace(ctx, templates=RegistryTemplates())


def _save(widget: object, out: Path, name: str) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    _settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def _plan_preview(ws: Workspace, case_ref: str) -> object:
    """The preview dialog on the individual's plan, once its pages are drawn (the PDF view
    renders them in the background)."""
    from PySide6.QtTest import QTest

    from ui.plan.pdf_view import LoadedPdf, PdfPreviewDialog

    prepared = ws.documents.prepare(case_ref, "individual")
    dialog = PdfPreviewDialog(
        LoadedPdf(prepared.data), "Förhandsgranskning – handlingsplan för den enskilde"
    )
    dialog.resize(900, 1000)
    dialog.show()
    QTest.qWait(1500)
    return dialog


def _case_life_screens(window: Any, ws: Workspace, case_id: str, out: Path) -> None:
    """Follow-up comparison, the person tab with the case's life and the subject access box,
    and the conflict dialog of two versions of one plan."""
    from assessment_app.records.plans import Goal, PlanContent, PlanEdit
    from assessment_app.workspace.interview import AssessmentEdit

    page = window.case_page
    cases, interviews, plans = ws.cases, ws.interviews, ws.plans
    if len(cases.assessments(case_id)) < 2:
        a = interviews.start(case_id, "follow_up")
        template = ws.template()
        ratings = {
            area.id: {"own": (i * 3) % 5, "worker": (i * 7) % 5, "reason": "–", "flags": []}
            for i, area in enumerate(template.areas)
        }
        interviews.save(AssessmentEdit.of(a, {}, ratings))
    page.reload_all()
    page.tabs.setCurrentWidget(page.followups)
    _save(window, out, "12-follow-up-comparison")
    page.tabs.setCurrentWidget(page.person_tab)
    _save(window, out, "13-person-and-case-life")
    plan = plans.create(case_id)
    saved = plans.save(PlanEdit(plan, PlanContent([Goal("housing", "Eget boende")], [])))
    plan = saved.value  # type: ignore[union-attr]
    window.open_plan(plan.id)
    _settle()
    editor = window.work_page
    colleague = PlanContent(
        [Goal("housing", "Eget boende i Kungsängen", plan.goals[0].id)],
        [],
        note="Sparat av en kollega",
    )
    plans.save(PlanEdit(plan, colleague))
    editor.boxes[0].text.setText("Eget boende före sommaren")
    editor.save()
    _settle()
    _save(editor.conflict_dialog, out, "14-plan-conflict")
    editor.conflict_dialog.close()
    editor.reload()  # leave the plan as stored, so the next screens start from the case
    _settle()
    window.show_case(case_id)
    _settle()


def _supervisor_and_admin(
    out: Path, db: object, admin: object, settings: object, refs: list[str]
) -> None:
    """The review queue, a plan under review, the access-log review, the administrator's
    screens and the settings dialog."""
    from assessment_app import accounts
    from assessment_app.credentials import CredentialStore
    from assessment_app.records.cases import CaseQuery
    from assessment_app.templates.source import RegistryTemplates
    from ui.main_window import MainWindow
    from ui.preferences.dialog import SettingsDialog
    from ui.preferences.store import Preferences
    from ui.services import Services

    accounts.add_user(admin, "chef", PASSWORD, "supervisor", unit="Vuxenenheten")  # type: ignore[arg-type]
    anna = _workspace(accounts.sign_in(db, "anna", PASSWORD))  # type: ignore[arg-type]
    for ref in refs[:3]:  # a few plans waiting for review
        case_id = anna.cases.page(CaseQuery(text=ref)).rows[0].id
        for plan in anna.cases.plans(case_id):
            if plan.review_state in ("draft", "returned") and plan.goals:
                anna.plans.submit(plan.id, plan.version, unfinished_reason="Akut läge")
    chef = accounts.sign_in(db, "chef", PASSWORD)  # type: ignore[arg-type]
    window = MainWindow(Services(db, chef, settings, RegistryTemplates(), "sv"))  # type: ignore[arg-type]
    window.resize(1280, 820)
    window.show()
    window.show_review_queue()
    _settle()
    page = window.review_page
    assert page is not None
    _save(window, out, "20-review-queue")
    _settle()
    if page.queue is not None and page.queue.waiting:
        window.review_plan(page.queue.waiting[0])
        _save(window, out, "21-plan-review")
    window.show_access_log()
    _settle()
    assert window.log_page is not None
    _save(window, out, "22-access-log")
    window.close()
    administrator = accounts.sign_in(db, "admin", PASSWORD)  # type: ignore[arg-type]
    window = MainWindow(Services(db, administrator, settings, RegistryTemplates(), "sv"))  # type: ignore[arg-type]
    window.resize(1280, 820)
    window.show()
    _save(window, out, "23-users")
    assert window.admin_page is not None
    window.admin_page.tabs.setCurrentWidget(window.admin_page.retention)
    window.admin_page.retention.list_cases()
    _save(window, out, "24-retention")
    dialog = SettingsDialog(Preferences.of(settings), CredentialStore(), window)  # type: ignore[arg-type]
    dialog.show()
    _save(dialog, out, "25-settings")
    dialog.close()
    window.close()


def render(out: Path, count: int) -> None:
    from PySide6.QtCore import QSettings

    from assessment_app import accounts, demo
    from assessment_app.db.engine import Database
    from assessment_app.records.cases import CaseQuery
    from assessment_app.templates.source import RegistryTemplates
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.services import Services
    from ui.settings import AppSettings
    from ui.startup.first_run import FirstRunDialog
    from ui.startup.sign_in import SignInDialog

    app = make_application("sv")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="assessment-shots-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.sqlite3'}"
        first = FirstRunDialog(url)
        first.resize(640, 420)
        first.show()
        _save(first, out, "01-first-run")
        db = Database.create(url)
        accounts.initialise(db, "admin", PASSWORD, unit_name="Vuxenenheten")
        admin = accounts.sign_in(db, "admin", PASSWORD)
        accounts.add_user(admin, "anna", PASSWORD, "caseworker", unit="Vuxenenheten")
        sign_in = SignInDialog(url, db, "anna")
        sign_in.show()
        _save(sign_in, out, "02-sign-in")
        ctx = accounts.sign_in(db, "anna", PASSWORD)
        ws = _workspace(ctx)
        refs = list(demo.generate(ws, count, seed=7))
        settings = AppSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        services = Services(db, ctx, settings, RegistryTemplates(), "sv")
        window = MainWindow(services)
        window.resize(1280, 820)
        window.show()
        assert window.case_list is not None
        window.case_list.scope.setCurrentIndex(2)
        _save(window, out, "03-case-list")
        case_id = ws.cases.page(CaseQuery(text=refs[0])).rows[0].id
        window.show_case(case_id)
        _settle()
        assert window.case_page is not None
        _save(window, out, "04-case")
        window.case_page.tabs.setCurrentWidget(window.case_page.assessments)
        _save(window, out, "05-assessments-radar")
        latest = ws.cases.assessments(case_id)[-1]
        window.open_interview(latest.id)
        _settle()
        page = window.work_page
        page.areas.setCurrentRow(2)  # type: ignore[union-attr]
        _save(window, out, "06-interview")
        window.open_plan(ws.cases.plans(case_id)[-1].id)
        _settle()
        _save(window, out, "07-plan")
        case_ref = ws.cases.page(CaseQuery(text=refs[0])).rows[0].case_ref
        preview = _plan_preview(ws, case_ref)
        _save(preview, out, "08-plan-preview")
        preview.close()  # type: ignore[attr-defined]
        window.show_case(case_id)
        _settle()
        assert window.case_page is not None
        window.case_page.tabs.setCurrentWidget(window.case_page.history)
        _save(window, out, "09-history")
        _case_life_screens(window, ws, case_id, out)
        window.set_meeting_mode(True)
        window.case_page.tabs.setCurrentIndex(0)
        _save(window, out, "10-meeting-mode")
        window.lock("idle")
        _save(window, out, "11-locked")
        window.close()
        _supervisor_and_admin(out, db, admin, settings, refs)
        _settle()
        db.dispose()
    del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots", type=Path)
    parser.add_argument("--cases", default=40, type=int)
    args = parser.parse_args(argv)
    render(args.out, args.cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
