"""The use cases the benchmarks measure: one small function each, all in this one place.

RE-POINT HERE. These are written against today's API: the records services called with a
signed-in ``Context``, in the order the screens call them today (the docstrings name the
screen code they copy). When the use-case layer lands (a ``Workspace`` made at sign-in), change
``sign_in`` to return the Workspace and the body of each function below to one call on it;
every benchmark (bench_sql, bench_wan, bench_interview) measures through these functions and
follows. No benchmark calls the records services itself for a measured use case.

Each function takes what a signed-in screen has (``SignedIn``) and ids or the edited record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment_app import accounts, plan_export
from assessment_app.context import Context
from assessment_app.db.engine import Database
from assessment_app.records import assessments, cases, consents, drafts, plans, providers
from assessment_app.records.assessments import AssessmentInfo
from assessment_app.records.plans import PlanInfo
from assessment_app.server import local_drafts
from assessment_app.server.local_drafts import LocalDraftStore
from assessment_app.templates.model import Template

if TYPE_CHECKING:  # the widgets are imported only by the benchmarks that build them
    from PySide6.QtWidgets import QWidget

    from ui.services import Services
    from ui.settings import AppSettings

PLAN_DRAFT = "plan"  # ui/plan/editor.py DRAFT_KIND
ASSESSMENT_DRAFT = "assessment"  # ui/interview/interview_page.py DRAFT_KIND
LOCAL_COPY = "~local"  # ui/cases/offline.py CONFLICT_SUFFIX


@dataclass
class SignedIn:
    """What the main window holds after sign-in: the Context and the local draft store it
    makes once (``MainWindow.local_drafts``) and hands to every editor."""

    ctx: Context
    local_drafts: LocalDraftStore


def sign_in(db: Database, username: str, password: str, drafts_root: Path) -> SignedIn:
    ctx = accounts.sign_in(db, username, password)
    return SignedIn(ctx, LocalDraftStore.for_context(ctx, root=drafts_root))


# --- the measured use cases --------------------------------------------------------------------
def open_case(s: SignedIn, case_id: str) -> Any:
    """The case screen opening a case (ui/case_view/case_page.py)."""
    return cases.open_case(s.ctx, case_id=case_id)


def open_plan_editor(s: SignedIn, plan_id: str) -> Any:
    """Everything PlanEditorPage loads when it opens, in its order (ui/plan/editor.py
    __init__, show_plan, _offer_draft, _offer_local_copy; ui/plan/documents.py set_plan)."""
    ctx = s.ctx
    editor_providers = providers.list_providers(ctx, include_inactive=True)
    plan = plans.get_plan(ctx, plan_id)
    # PlanDocumentsBar.set_plan: the recipients and whether each may get a document
    names = {p.id: p.name for p in providers.list_providers(ctx, include_inactive=True)}
    seen: list[str] = []
    for action in plan.actions:
        if action.provider_id and action.provider_id not in seen:
            seen.append(action.provider_id)
    consented = {
        pid: consents.valid_provider_consent(ctx, plan.case_id, pid) is not None
        for pid in seen
        if pid in names
    }
    current = plan_export.current_plan(ctx, plan.case_id).id == plan.id
    draft = drafts.load_draft(ctx, PLAN_DRAFT, plan.id)
    copy = drafts.load_draft(ctx, PLAN_DRAFT + LOCAL_COPY, plan.id)
    return editor_providers, plan, consented, current, draft, copy


def save_plan(s: SignedIn, edited: PlanInfo) -> PlanInfo:
    """The plan editor's "Spara planen" (PlanEditorPage.save and _saved): save (or keep on
    this computer), discard the autosaved draft, show the saved plan again (which refreshes
    the documents bar) and drop an identical kept copy."""
    ctx = s.ctx
    outcome = local_drafts.save_plan_or_keep(
        ctx,
        s.local_drafts,
        edited.id,
        edited.version,
        goals=edited.goals,
        actions=edited.actions,
        follow_up_on=edited.follow_up_on,
        next_meeting=edited.next_meeting,
        note=edited.note,
        case_id=edited.case_id,
    )
    saved = outcome.saved
    assert saved is not None, "the server was reachable"
    drafts.discard_draft(ctx, PLAN_DRAFT, saved.id)
    _documents_bar(ctx, saved)
    drafts.load_draft(ctx, PLAN_DRAFT + LOCAL_COPY, saved.id)
    return saved


def _documents_bar(ctx: Context, plan: PlanInfo) -> None:
    """PlanDocumentsBar.set_plan, as show_plan calls it after a save."""
    names = {p.id: p.name for p in providers.list_providers(ctx, include_inactive=True)}
    for pid in dict.fromkeys(a.provider_id for a in plan.actions if a.provider_id):
        if pid in names:
            consents.valid_provider_consent(ctx, plan.case_id, pid)
    plan_export.current_plan(ctx, plan.case_id)


def save_assessment(s: SignedIn, edited: AssessmentInfo, template: Template) -> AssessmentInfo:
    """The interview's "Spara" (InterviewPage.save): save, delete the copy kept on this
    computer, discard the autosaved draft, and look for a conflicting kept copy."""
    ctx = s.ctx
    saved = assessments.save_assessment(
        ctx, edited.id, edited.version, edited.answers, edited.ratings, template=template
    )
    s.local_drafts.delete(ASSESSMENT_DRAFT, saved.id)
    drafts.discard_draft(ctx, ASSESSMENT_DRAFT, saved.id)
    drafts.load_draft(ctx, ASSESSMENT_DRAFT + LOCAL_COPY, saved.id)
    return saved


def case_list_page(s: SignedIn, query: cases.CaseQuery, page: int, page_size: int) -> Any:
    """One page of the case list with the names of its rows (ui/cases/model.py)."""
    ctx = s.ctx
    total = cases.count_cases(ctx, query)
    rows = cases.list_cases(ctx, query, page * page_size, page_size)
    return total, rows, cases.display_names(ctx, rows)


# --- the real screens, for the benchmarks that drive widgets -----------------------------------
def services(s: SignedIn, settings: AppSettings, language: str = "sv") -> Services:
    from ui.services import RegistryTemplates, Services

    return Services(s.ctx.db, s.ctx, settings, RegistryTemplates(), language)


def interview_page(s: SignedIn, services: Services, assessment_id: str) -> QWidget:
    """The interview screen as the main window opens it (MainWindow.open_assessment)."""
    from ui.interview.interview_page import InterviewPage

    return InterviewPage(services, assessment_id, local_store=s.local_drafts)


def plan_editor_page(s: SignedIn, services: Services, plan_id: str) -> QWidget:
    """The plan editor as the main window opens it (MainWindow.open_plan)."""
    from ui.plan.editor import PlanEditorPage

    return PlanEditorPage(services, plan_id, local_store=s.local_drafts)
