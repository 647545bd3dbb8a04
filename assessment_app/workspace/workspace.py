"""The one front door to the core: a :class:`Workspace` is made at sign-in, and every screen
and every command works through it.

Each use case is one method that runs in one transaction (:meth:`Workspace.write` or
:meth:`Workspace.read`) with a :class:`~assessment_app.workspace.unit.UnitOfWork`, whose
session events hold the rules of every write (access, version check, retention clock, audit).
Saving use cases return plain results (:mod:`assessment_app.workspace.results`).

The use cases are grouped by what a person works on: ``ws.cases``, ``ws.interviews``,
``ws.plans``, ``ws.documents``, ``ws.review``, ``ws.safety`` (the safety plan),
``ws.reminders``, ``ws.admin``, ``ws.stats``; ``ws.offline`` owns the one policy for working
while the server is away.

Nothing here may run on a screen's UI thread: the desktop front end installs a guard
(:meth:`Workspace.forbid_thread`) and reaches the workspace only through its background helper.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from assessment_app.context import Context
from assessment_app.db.connection import server_errors
from assessment_app.db.engine import READ_ONLY_OPTION
from assessment_app.errors import (
    PasswordChangeRequiredError,
    ServerUnavailableError,
    StaleConnectionError,
    StaleEditError,
)
from assessment_app.workspace.unit import Damage, RecordSession, UnitOfWork

if TYPE_CHECKING:
    from assessment_app.server.local_drafts import LocalDraftStore
    from assessment_app.settings import CaseRules
    from assessment_app.templates.instrument_files import InstrumentRegistry
    from assessment_app.templates.model import Template
    from assessment_app.templates.source import TemplateSource
    from assessment_app.workspace.admin import AdminUseCases
    from assessment_app.workspace.cases import CaseUseCases
    from assessment_app.workspace.documents import DocumentUseCases
    from assessment_app.workspace.interview import InterviewUseCases
    from assessment_app.workspace.offline import OfflinePolicy
    from assessment_app.workspace.plans import PlanUseCases
    from assessment_app.workspace.reminders import ReminderUseCases
    from assessment_app.workspace.review import ReviewUseCases
    from assessment_app.workspace.safety import SafetyUseCases
    from assessment_app.workspace.stats import StatsUseCases

log = logging.getLogger(__name__)


T = TypeVar("T")
P = ParamSpec("P")


_attempt = threading.local()


def may_retry() -> bool:
    """True on a use case's first try: a lost connection then means "run it again"; on the
    second try it means the server is really unavailable."""
    return not getattr(_attempt, "second", False)


def retrying(fn: Callable[P, T]) -> Callable[P, T]:
    """Run a use case once more when its pooled connection had died but the server answers
    again (nothing of the first try was committed)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if not may_retry():  # already the second try of an outer use case
            return fn(*args, **kwargs)
        try:
            return fn(*args, **kwargs)
        except StaleConnectionError:
            log.info("connection lost and made again: %s runs once more", fn.__name__)
            _attempt.second = True
            try:
                return fn(*args, **kwargs)
            except StaleConnectionError as error:  # lost again: the server is not usable
                raise ServerUnavailableError(error.message_en, error.user_message) from None
            finally:
                _attempt.second = False

    return run


def use_cases(cls: type[T]) -> type[T]:
    """Make every public method of a section of the workspace retry on a stale connection."""
    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_") and not isinstance(member, type):
            setattr(cls, name, retrying(member))
    return cls


class UIThreadError(RuntimeError):
    """A screen called the core on its UI thread: the window would stop painting."""


class Workspace:
    """The signed-in user's door to the records."""

    def __init__(
        self,
        ctx: Context,
        *,
        templates: TemplateSource | None = None,
        language: str = "sv",
        local_store: LocalDraftStore | None = None,
    ) -> None:
        if not ctx.db.is_sqlite:
            from assessment_app.server.roles import refuse_privileged

            refuse_privileged(ctx.db.engine)
        self.ctx = ctx
        self.db = ctx.db
        self._templates = templates
        self.language = language
        engine = ctx.db.engine
        self._write_sessions = sessionmaker(engine, class_=RecordSession, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            engine.execution_options(**{READ_ONLY_OPTION: True}),
            class_=RecordSession,
            expire_on_commit=False,
        )
        snapshot_engine = engine.execution_options(**{READ_ONLY_OPTION: True})
        if not ctx.db.is_sqlite:
            snapshot_engine = snapshot_engine.execution_options(isolation_level="REPEATABLE READ")
        self._snapshot_sessions = sessionmaker(
            snapshot_engine, class_=RecordSession, expire_on_commit=False
        )
        self._forbidden_thread: int | None = None
        self._is_front_end: Callable[[str], bool] = lambda _name: False
        self._strict = False
        self._local_store = local_store
        self._sections: dict[str, object] = {}
        self._rules: CaseRules | None = None

    # --- the sections -------------------------------------------------------------------------
    def _section(self, name: str, make: Callable[[], object]) -> object:
        section = self._sections.get(name)
        if section is None:
            section = self._sections[name] = make()
        return section

    @property
    def cases(self) -> CaseUseCases:
        from assessment_app.workspace.cases import CaseUseCases

        return self._section("cases", lambda: CaseUseCases(self))  # type: ignore[return-value]

    @property
    def interviews(self) -> InterviewUseCases:
        from assessment_app.workspace.interview import InterviewUseCases

        return self._section("interviews", lambda: InterviewUseCases(self))  # type: ignore[return-value]

    @property
    def plans(self) -> PlanUseCases:
        from assessment_app.workspace.plans import PlanUseCases

        return self._section("plans", lambda: PlanUseCases(self))  # type: ignore[return-value]

    @property
    def documents(self) -> DocumentUseCases:
        from assessment_app.workspace.documents import DocumentUseCases

        return self._section("documents", lambda: DocumentUseCases(self))  # type: ignore[return-value]

    @property
    def review(self) -> ReviewUseCases:
        from assessment_app.workspace.review import ReviewUseCases

        return self._section("review", lambda: ReviewUseCases(self))  # type: ignore[return-value]

    @property
    def safety(self) -> SafetyUseCases:
        from assessment_app.workspace.safety import SafetyUseCases

        return self._section("safety", lambda: SafetyUseCases(self))  # type: ignore[return-value]

    @property
    def reminders(self) -> ReminderUseCases:
        from assessment_app.workspace.reminders import ReminderUseCases

        return self._section("reminders", lambda: ReminderUseCases(self))  # type: ignore[return-value]

    @property
    def admin(self) -> AdminUseCases:
        from assessment_app.workspace.admin import AdminUseCases

        return self._section("admin", lambda: AdminUseCases(self))  # type: ignore[return-value]

    @property
    def stats(self) -> StatsUseCases:
        from assessment_app.workspace.stats import StatsUseCases

        return self._section("stats", lambda: StatsUseCases(self))  # type: ignore[return-value]

    @property
    def offline(self) -> OfflinePolicy:
        from assessment_app.workspace.offline import OfflinePolicy

        return self._section(  # type: ignore[return-value]
            "offline", lambda: OfflinePolicy(self, self._local_store)
        )

    # --- the unit's rules ----------------------------------------------------------------------
    def rules(self) -> CaseRules:
        """The municipality's rules for this user's unit (read once per sign-in)."""
        if self._rules is None:
            from sqlalchemy import select

            from assessment_app.db.models import Unit
            from assessment_app.settings import load_case_rules

            unit = None
            if self.ctx.unit_id is not None:
                with self.read() as uow:
                    unit = uow.session.execute(
                        select(Unit.name).where(Unit.id == self.ctx.unit_id)
                    ).scalar()
            self._rules = load_case_rules(unit)
        return self._rules

    # --- templates ----------------------------------------------------------------------------
    @property
    def templates(self) -> TemplateSource:
        """The interview templates: the given source, else the bundled registry, made (and its
        modules imported) on first use, as most commands never need a template."""
        if self._templates is None:
            from assessment_app.templates.source import RegistryTemplates

            self._templates = RegistryTemplates()
        return self._templates

    def template(self, template_id: str | None = None, version: int | None = None) -> Template:
        if template_id is None or version is None:
            return self.templates.latest()
        return self.templates.get(template_id, version)

    @property
    def instruments(self) -> InstrumentRegistry:
        """The scored instruments (AUDIT, DUDIT, ...) and their official wording, loaded on
        first use from ``resources/instruments/`` and the install folder's ``instruments/``."""
        from assessment_app.templates.instrument_files import default_instruments

        return default_instruments()

    def area_titles(self, template: Template | None = None) -> dict[str, str]:
        from assessment_app.templates.source import area_titles

        return area_titles(template or self.templates.latest(), self.language)

    # --- threads ------------------------------------------------------------------------------
    def forbid_thread(
        self,
        thread_id: int,
        is_front_end: Callable[[str], bool],
        *,
        strict: bool = False,
    ) -> None:
        """Refuse (strict) or report calls made on this thread (a front end's UI thread) from
        front-end code; ``is_front_end(file name)`` tells which code that is."""
        self._forbidden_thread = thread_id
        self._is_front_end = is_front_end
        self._strict = strict

    def _check_thread(self) -> None:
        if self._forbidden_thread is None or threading.get_ident() != self._forbidden_thread:
            return
        frame = sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if self._is_front_end(filename):
                where = f"{filename}:{frame.f_lineno}"
                if self._strict:
                    raise UIThreadError(f"{where} called the core on the UI thread")
                log.error("the core was called on the UI thread from %s", where)
                return
            frame = frame.f_back  # type: ignore[assignment]

    def _check_password_changed(self) -> None:
        if self.ctx.must_change_password:
            raise PasswordChangeRequiredError()

    # --- transactions -------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One write transaction: committed when the block ends, rolled back on any error.

        A connection lost *before* the commit is reported as :class:`StaleConnectionError`
        when the server answers again (the use case may run once more: nothing was written);
        one lost during the commit is never retried, because its outcome is not known.
        """
        self._check_thread()
        self._check_password_changed()
        committing = False
        try:
            with server_errors(self.db), self._write_sessions() as session, session.begin():
                uow = UnitOfWork(self.ctx, session, writing=True)
                yield uow
                if uow.unaudited_damage:
                    uow.audit_load_damage()
                session.flush()
                committing = True
        except StaleDataError:
            # Another session saved the same row between our check and our write.
            raise StaleEditError("record", "", 0, None, None, None) from None
        except StaleConnectionError as error:
            if committing:
                raise ServerUnavailableError(error.message_en, error.user_message) from None
            raise

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[UnitOfWork]:
        """One read transaction (it never takes the write lock). ``snapshot``: every statement
        sees the same moment, also on a server. Damage found is audited afterwards."""
        self._check_thread()
        self._check_password_changed()
        factory = self._snapshot_sessions if snapshot else self._read_sessions
        with server_errors(self.db), factory() as session, session.begin():
            uow = UnitOfWork(self.ctx, session, writing=False)
            yield uow
        if uow.damage:
            self._audit_damage(uow.damage)

    def _audit_damage(self, damage: list[Damage]) -> None:
        try:
            with self.write() as uow:
                uow._audit_damage(damage)
        except Exception as error:  # the read itself succeeded; the log says what was lost
            log.warning("could not audit damaged values: %s", type(error).__name__)
