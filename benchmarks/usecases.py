"""The use cases the benchmarks measure: one small function each, all in this one place.

Each is one call on the signed-in user's ``Workspace`` (``assessment_app.workspace``), the one
door through which the screens and the command line reach the records; the benchmarks
(bench_sql, bench_wan, bench_interview) measure through these functions.

Each function takes what a signed-in screen has (``SignedIn``) and ids or the edited record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.records import cases
from assessment_app.records.plans import PlanEdit
from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.templates.source import RegistryTemplates
from assessment_app.workspace import Workspace
from assessment_app.workspace.interview import AssessmentEdit

if TYPE_CHECKING:  # the widgets are imported only by the benchmarks that build them
    from PySide6.QtWidgets import QWidget

    from ui.services import Services
    from ui.settings import AppSettings

PLAN_DRAFT = "plan"
ASSESSMENT_DRAFT = "assessment"


@dataclass
class SignedIn:
    """What the main window holds after sign-in: the workspace, with its local draft store."""

    ws: Workspace

    @property
    def ctx(self) -> Any:
        return self.ws.ctx


def sign_in(db: Database, username: str, password: str, drafts_root: Path) -> SignedIn:
    ctx = accounts.sign_in(db, username, password)
    store = LocalDraftStore.for_context(ctx, root=drafts_root)
    return SignedIn(Workspace(ctx, templates=RegistryTemplates(), local_store=store))


# --- the measured use cases --------------------------------------------------------------------
def open_case(s: SignedIn, case_id: str) -> Any:
    """The case screen opening a case (audited)."""
    return s.ws.cases.open(case_id)


def open_plan_editor(s: SignedIn, plan_id: str) -> Any:
    """Everything the plan editor shows when it opens."""
    return s.ws.plans.open_editor(plan_id)


def save_plan(s: SignedIn, edit: PlanEdit) -> Any:
    """The plan editor's "Spara planen": save what changed and drop the draft it replaces."""
    return s.ws.plans.save(edit)


def save_assessment(s: SignedIn, edit: AssessmentEdit) -> Any:
    """The interview's "Spara": save and drop the draft it replaces."""
    return s.ws.interviews.save(edit)


def case_list_page(s: SignedIn, query: cases.CaseQuery, page: int, page_size: int) -> Any:
    """One page of the case list with the names of its rows and the total."""
    return s.ws.cases.page(query, page * page_size, page_size)


def open_safety_plan(s: SignedIn, case_id: str) -> Any:
    """Everything the case's Skyddsplan tab shows when it opens."""
    return s.ws.safety.open_editor(case_id)


def save_safety_plan(s: SignedIn, safety_plan_id: str, version: int, content: Any) -> Any:
    """The Skyddsplan tab's "Spara"."""
    return s.ws.safety.save(safety_plan_id, version, content)


def reminders_due(s: SignedIn, scope: str = "mine") -> Any:
    """The Att göra screen's list (at sign-in, every 15 minutes and on "Uppdatera")."""
    return s.ws.reminders.due(scope=scope)


# --- the real screens, for the benchmarks that drive widgets -----------------------------------
def services(s: SignedIn, settings: AppSettings, language: str = "sv") -> Services:
    from ui.services import Services

    services = Services(s.ctx.db, s.ctx, settings, RegistryTemplates(), language)
    services.ws = s.ws  # the same workspace (and local store) as the measured use cases
    return services


def interview_page(s: SignedIn, services: Services, assessment_id: str) -> QWidget:
    """The interview screen as the main window opens it (MainWindow.open_interview)."""
    from ui.interview.interview_page import InterviewPage

    return InterviewPage(services, s.ws.interviews.open(assessment_id))


def plan_editor_page(s: SignedIn, services: Services, plan_id: str) -> QWidget:
    """The plan editor as the main window opens it (MainWindow.open_plan)."""
    from ui.plan.editor import PlanEditorPage

    return PlanEditorPage(services, s.ws.plans.open_editor(plan_id))
