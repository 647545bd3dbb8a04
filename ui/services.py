"""What every screen needs after sign-in, passed in explicitly (nothing global).

``ws`` is the signed-in user's :class:`~assessment_app.workspace.Workspace`: the one door to the
records. Screens call it only through :func:`ui.tasks.run_task`; the workspace refuses (in
tests) or reports (in use) a call made on the UI thread.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ui.settings import AppSettings

if TYPE_CHECKING:  # imported by the first window: keep the heavy core out of the start-up
    from assessment_app.context import Context
    from assessment_app.db.engine import Database
    from assessment_app.templates.source import TemplateSource
    from assessment_app.workspace import Workspace

DEFAULT_TEMPLATE_ID = "kartlaggning-avhopp"
STRICT_ENV = "ASSESSMENT_STRICT_UI_THREAD"


def strict_ui_thread() -> bool:
    """In tests, a core call on the UI thread is an error; in use, it is logged."""
    return os.environ.get(STRICT_ENV) == "1"


UI_FOLDER = str(Path(__file__).resolve().parent) + os.sep


def is_screen_code(filename: str) -> bool:
    """Code of the front end (this package), not a test or the core."""
    return filename.startswith(UI_FOLDER) or os.path.abspath(filename).startswith(UI_FOLDER)


def __getattr__(name: str) -> object:
    # The template sources live in the core; kept importable from here for the screens.
    if name in ("RegistryTemplates", "StaticTemplates", "TemplateSource"):
        from assessment_app.templates import source

        return getattr(source, name)
    raise AttributeError(name)


@dataclass
class Services:
    db: Database
    ctx: Context
    settings: AppSettings
    templates: TemplateSource
    language: str = "sv"
    ws: Workspace = field(init=False)

    def __post_init__(self) -> None:
        from assessment_app.workspace import Workspace

        self.ws = Workspace(self.ctx, templates=self.templates, language=self.language)
        self.ws.forbid_thread(
            threading.main_thread().ident or 0, is_screen_code, strict=strict_ui_thread()
        )
