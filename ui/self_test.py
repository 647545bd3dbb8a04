"""``--self-test``: start on a temporary database, create an administrator and a caseworker,
sign in, open the main window on a case and an interview, process events and exit.

Exit code 0 when every step worked, otherwise 1 with the failing step on stderr."""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import assessments, cases
from ui.main_window import MainWindow
from ui.services import RegistryTemplates, Services
from ui.settings import AppSettings

PASSWORD = "self-test-password"  # noqa: S105 - a throwaway database in a temp dir


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
            template = templates.latest()
            step = "open the main window"
            window = MainWindow(services)
            window.show()
            app.processEvents()
            if not window.isVisible() or window.case_list is None:
                raise RuntimeError("the main window did not show the case list")
            step = "open a case and an interview"
            row = cases.create_case(ctx, name="Självtest Testsson")
            info = assessments.start_assessment(ctx, row.id, template.id, template.version)
            window.case_list.refresh()
            window.show_case(row.id)
            window.open_interview(info.id)
            app.processEvents()
            if window.work_page is None:
                raise RuntimeError(window.banner.text() or "the interview did not open")
            step = "sign out"
            window.sign_out()
            app.processEvents()
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
