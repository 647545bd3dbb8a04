"""``--self-test``: start on a temporary database, create an administrator and a caseworker,
sign in, open the main window on a case and an interview, process events and exit.

Exit code 0 when every step worked, otherwise 1 with the failing step on stderr.

The test data is made through a workspace of its own (this is not a screen); the window reads
in the background, so each step waits until every background call has answered."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.templates.source import RegistryTemplates
from assessment_app.workspace import Workspace
from ui import tasks
from ui.main_window import MainWindow
from ui.services import Services
from ui.settings import AppSettings

PASSWORD = "self-test-password"  # noqa: S105 - a throwaway database in a temp dir
SETTLE_S = 30.0


def settle(app: QApplication, timeout_s: float = SETTLE_S) -> None:
    """Process events until every background call has delivered its result."""
    deadline = time.monotonic() + timeout_s
    app.processEvents()
    while tasks.busy():
        if time.monotonic() > deadline:
            raise RuntimeError("the background calls did not finish in time")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def run_self_test(app: QApplication, language: str = "sv") -> int:
    step = "start"
    db: Database | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="assessment-selftest-") as tmp:
            step = "create database"
            db = Database.create(f"sqlite:///{Path(tmp) / 'selftest.sqlite3'}")
            step = "create administrator"
            accounts.initialise(db, "admin", PASSWORD, unit_name="Självtest")
            admin = accounts.sign_in(db, "admin", PASSWORD)
            accounts.add_user(admin, "worker", PASSWORD, "caseworker", unit="Självtest")
            step = "sign in"
            ctx = accounts.sign_in(db, "worker", PASSWORD)
            settings = AppSettings(
                QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            )
            templates = RegistryTemplates()
            services = Services(db, ctx, settings, templates, language)
            step = "load the interview template"
            templates.latest()
            step = "open the main window"
            window = MainWindow(services)
            window.show()
            settle(app)
            if not window.isVisible() or window.case_list is None:
                raise RuntimeError("the main window did not show the case list")
            step = "open a case and an interview"
            ws = Workspace(ctx, templates=templates, language=language)  # not a screen
            row = ws.cases.create(name="Självtest Testsson")
            info = ws.interviews.start(row.id)
            window.case_list.refresh()
            settle(app)
            window.show_case(row.id)
            settle(app)
            window.open_interview(info.id)
            settle(app)
            if window.work_page is None:
                raise RuntimeError(window.banner.text() or "the interview did not open")
            step = "sign out"
            window.sign_out()
            settle(app)
            db.dispose()
    except Exception as error:
        print(
            f"self-test failed at step '{step}': {type(error).__name__}: {error}", file=sys.stderr
        )
        traceback.print_exc(file=sys.stderr)
        if db is not None:
            db.dispose()
        return 1
    print("self-test passed")
    return 0
