"""SQL statements per use case, counted exactly on SQLite.

Counted with SQLAlchemy's ``before_cursor_execute`` event on the app's engine
(benchmarks/sqlcount.py): every statement sent to the database counts, except transaction
control (BEGIN, BEGIN IMMEDIATE, COMMIT, ROLLBACK, SAVEPOINT, RELEASE); an executemany counts
once. Each use case is a function in benchmarks/usecases.py (re-pointed there when the
use-case layer lands); each is run once to warm up and then counted. The database is the
one in benchmarks/world.py: a fully answered assessment and a plan with actions for five
providers, each with a consent, among a few demo cases and 250 plain ones.

- sql_open_case: opening one case as the case screen does (target <= 5);
- sql_open_plan_editor: everything the plan editor loads when it opens (target <= 6);
- sql_save_plan: saving the plan after changing the text of one action, as the editor does
  it (save, discard the autosaved draft, refresh the documents bar, look for a kept copy;
  target <= 6);
- sql_save_assessment: saving the full assessment after changing one answer, as the
  interview does it (save, discard the autosaved draft, look for a kept copy; target <= 6);
- sql_case_list_page: one page (100 rows) of the case list with its names (target <= 2);
- sql_open_safety_plan: everything the Skyddsplan tab loads when it opens: the case, the
  versions with their reviews, reviewers and editors (four eyes), the open urgent areas, the
  consents and whether an action plan exists (target <= 8);
- sql_save_safety_plan: saving the safety plan after changing one field, and the saved
  version as the tab shows it again (target <= 7);
- sql_reminders_due: the Att göra list, one read per source (five; target <= 6);
- sql_open_plan_editor_page: for information, the same counted through the real
  PlanEditorPage widget (offscreen Qt), which keeps sql_open_plan_editor honest.

``BENCH_SQL_VERBOSE=1`` prints every counted statement.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "50")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from assessment_app.records import cases
from assessment_app.records.plans import PlanEdit
from assessment_app.workspace.interview import AssessmentEdit
from benchmarks import usecases
from benchmarks.sqlcount import StatementCounter
from benchmarks.world import World, make_world

PAGE_SIZE = 100  # ui/cases/model.py PAGE_SIZE
LIST_CASES = 250


def _count(world: World, name: str, prepare: Callable[[], Any], run: Callable[[Any], Any]) -> int:
    """Warm up once, then count one run; ``prepare`` (not counted) sets up each run."""
    run(prepare())
    state = prepare()
    with StatementCounter(world.db.engine) as counter:
        run(state)
    counter.report(name)
    return counter.count


def _edited_plan(world: World) -> PlanEdit:
    """The plan as the open editor holds it, with one action's text changed, and the
    autosaved draft the editor made while it was typed."""
    ws = world.signed.ws
    plan = ws.plans.get(world.plan_id)
    first = plan.actions[0]
    changed = dataclasses.replace(first, what=first.what.rstrip(" .") + " och följa upp.")
    content = dataclasses.replace(plan.content, actions=[changed, *plan.actions[1:]])
    edit = PlanEdit(plan, content)
    ws.plans.autosave(edit)
    return edit


def _edited_assessment(world: World) -> AssessmentEdit:
    ws = world.signed.ws
    info = ws.interviews.get(world.assessment_id)
    answers = dict(info.answers)
    answers["motivation_why_now"] = f"{answers.get('motivation_why_now', '')} Och lite till."
    edit = AssessmentEdit.of(info, answers, info.ratings)
    ws.interviews.autosave(edit)
    return edit


def _safety_plan(world: World) -> str:
    """The case's safety plan (made once, filled in like a worker would)."""
    ws = world.signed.ws
    plan = ws.safety.current(world.case_id) or ws.safety.create(world.case_id)
    content = dataclasses.replace(
        plan.content,
        risk_level="high",
        risk_reason="Nyligen hot via sms.",
        reach_how="Handläggaren ringer från dolt nummer.",
        if_contact_breaks="Vi ringer två gånger, sedan polisens kontaktperson.",
    )
    return ws.safety.save(plan.id, plan.version, content).id


def _edited_safety_plan(world: World, plan_id: str) -> tuple[str, int, Any]:
    plan = world.signed.ws.safety.get(plan_id)
    content = dataclasses.replace(plan.content, note=f"{plan.content.note} Och lite till.")
    return plan.id, plan.version, content


def _count_editor_page(world: World) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    settings = AppSettings(QSettings(os.devnull, QSettings.Format.IniFormat))
    services = usecases.services(world.signed, settings)

    def run(_: None) -> None:
        page = usecases.plan_editor_page(world.signed, services, world.plan_id)
        page.deleteLater()
        app.processEvents()

    return _count(world, "plan editor page", lambda: None, run)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-sql-") as tmp:
        folder = Path(tmp)
        world = make_world(
            f"sqlite:///{folder / 'sql.sqlite3'}", folder / "drafts", list_cases=LIST_CASES
        )
        s = world.signed
        try:
            safety_plan_id = _safety_plan(world)
            results = {
                "sql_open_case": _count(
                    world, "open case", lambda: None, lambda _: usecases.open_case(s, world.case_id)
                ),
                "sql_open_plan_editor": _count(
                    world,
                    "open plan editor",
                    lambda: None,
                    lambda _: usecases.open_plan_editor(s, world.plan_id),
                ),
                "sql_save_plan": _count(
                    world,
                    "save plan",
                    lambda: _edited_plan(world),
                    lambda edited: usecases.save_plan(s, edited),
                ),
                "sql_save_assessment": _count(
                    world,
                    "save assessment",
                    lambda: _edited_assessment(world),
                    lambda edited: usecases.save_assessment(s, edited),
                ),
                "sql_case_list_page": _count(
                    world,
                    "case list page",
                    lambda: None,
                    lambda _: usecases.case_list_page(s, cases.CaseQuery(), 1, PAGE_SIZE),
                ),
                "sql_open_safety_plan": _count(
                    world,
                    "open safety plan",
                    lambda: None,
                    lambda _: usecases.open_safety_plan(s, world.case_id),
                ),
                "sql_save_safety_plan": _count(
                    world,
                    "save safety plan",
                    lambda: _edited_safety_plan(world, safety_plan_id),
                    lambda edited: usecases.save_safety_plan(s, *edited),
                ),
                "sql_reminders_due": _count(
                    world, "reminders due", lambda: None, lambda _: usecases.reminders_due(s)
                ),
                "sql_open_plan_editor_page": _count_editor_page(world),
            }
        finally:
            world.db.dispose()
    if results["sql_open_plan_editor_page"] != results["sql_open_plan_editor"]:
        print(
            "  note: the real plan editor sent "
            f"{results['sql_open_plan_editor_page']} statements, the use case "
            f"{results['sql_open_plan_editor']}: re-point usecases.open_plan_editor"
        )
    return {name: float(value) for name, value in results.items()}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:g}")
