"""The unit of work every use case runs in, and the rules that hold for every write.

A :class:`UnitOfWork` is one transaction of one signed-in user. Record functions
(``assessment_app.records``) receive it and never open a transaction of their own; the
:class:`~assessment_app.workspace.Workspace` makes one per use case.

The rules are enforced here, once, by session events, not remembered by each record function:

- **Access.** Case content may only be written for a case reached through the access rule in
  this transaction (:meth:`UnitOfWork.case`, :meth:`UnitOfWork.plan`, ...), or created in it.
  Anything else is a programming error and stops the transaction.
- **Retention clock.** Every write to a case's content moves the case's last-entry date to
  today (a date is what the retention rule counts; within a day it is not rewritten).
- **Version check.** A changed row that carries a version must have been checked against the
  version the user saw (:meth:`UnitOfWork.check_version`); derived fields excepted.
- **Audit.** A transaction that wrote case content commits only with an audit entry.

In a write transaction the first statement also locks the audit head, so writers serialise on
it from the start (no deadlocks between use cases) and appending the audit entry needs no
extra query. Reads run in read transactions that never take the write lock; a value found
damaged while reading is audited afterwards in a short write transaction of its own.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import and_, event, inspect, select, update
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import set_committed_value

from assessment_app import audit
from assessment_app import damage as _damage
from assessment_app.context import Context
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    AuditEvent,
    AuditHead,
    Case,
    CaseShare,
    Consent,
    ConsentDocument,
    FollowUp,
    Individual,
    PlanAction,
    PlanGoal,
    PlanReview,
    SafetyPlan,
    SafetyPlanReview,
    UrgentFlag,
    User,
    Versioned,
)
from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError, NotFoundError, StaleEditError

log = logging.getLogger(__name__)

# The audit head is joined to a use case's first statement on purpose (see locking()). On
# MariaDB SQLAlchemy's FROM linter still calls that a cartesian product; it is one row.
warnings.filterwarnings(
    "ignore",
    message=r'SELECT statement has a cartesian product .*"audit_head"',
    category=SAWarning,
)

T = TypeVar("T")

DAMAGED = _damage.DAMAGED

# Tables whose rows are the content of a case (the journal). Drafts are not: they are one
# worker's unsaved work, never an entry in the record.
CASE_CONTENT: tuple[type[Any], ...] = (
    Individual,
    Case,
    CaseShare,
    Consent,
    ConsentDocument,
    Assessment,
    ActionPlan,
    PlanGoal,
    PlanAction,
    PlanReview,
    FollowUp,
    UrgentFlag,
    SafetyPlan,
    SafetyPlanReview,
)
CONTENT_TABLES = frozenset(m.__tablename__ for m in CASE_CONTENT)
# Fields the rules or other records keep up to date; changing them is not an edit of the row.
DERIVED_FIELDS = frozenset(
    {"last_entry_at", "next_follow_up_on", "updated_at", "updated_by", "version"}
)


class RuleViolation(RuntimeError):
    """A write that breaks a rule of the use-case layer: a bug, never a user's mistake."""


def register_content(*models: type[Any]) -> None:
    """Let a feature add its own case-content tables (each row has ``case_id``)."""
    global CASE_CONTENT, CONTENT_TABLES
    CASE_CONTENT = tuple(dict.fromkeys((*CASE_CONTENT, *models)))
    CONTENT_TABLES = frozenset(m.__tablename__ for m in CASE_CONTENT)


Damage = _damage.Damage


@dataclass
class UnitOfWork:
    """One transaction of the signed-in user; see the module docstring for its rules."""

    ctx: Context
    session: Session
    writing: bool
    now: datetime = field(default_factory=utcnow)
    reached: dict[str, Case] = field(default_factory=dict)
    plan_cases: dict[str, str] = field(default_factory=dict)  # plan id -> case id
    checked: set[Any] = field(default_factory=set)  # identity keys of version-checked rows
    head: AuditHead | None = None
    audited: int = 0
    key_checked: bool = False
    content_written: bool = False
    touched: set[str] = field(default_factory=set)
    damage: list[Damage] = field(default_factory=list)
    unaudited_damage: list[Damage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.session.info["uow"] = self

    @property
    def today(self) -> date:
        return self.now.astimezone(UTC).date()

    # --- access -----------------------------------------------------------------------------
    def locking(self, stmt: Any) -> Any:
        """In a write, add the audit head (locked) to the first statement of the transaction."""
        if not self.writing or self.head is not None:
            return stmt
        # The head is one row joined to the first entity; the always-true condition on that
        # entity's key only tells SQLAlchemy's linter the cross join is meant.
        first = stmt.column_descriptions[0]["entity"]
        on = and_(AuditHead.id == 1, first.id.is_not(None))
        joined = stmt.add_columns(AuditHead).join(AuditHead, on)
        if self.session.get_bind().dialect.name == "postgresql":
            return joined.with_for_update(of=AuditHead)  # only the head: no other row locks
        return joined.with_for_update()  # MariaDB locks what it reads; SQLite ignores it

    def first(self, stmt: Any) -> Any:
        """Run ``stmt`` (made with :meth:`locking`) and keep the audit head it brought along.

        Returns the row without the head (a tuple, or the single entity), or None.
        """
        with_head = self.writing and self.head is None
        row = self.session.execute(stmt).first()
        if row is None:
            if with_head:
                self.lock_head()
            return None
        values = tuple(row)
        if with_head:
            self.head = values[-1]
            values = values[:-1]
        return values[0] if len(values) == 1 else values

    def lock_head(self) -> AuditHead:
        if self.head is None:
            self.head = audit.locked_head(self.session)
        return self.head

    def reach(self, case: Case) -> Case:
        """Register a case loaded through a query that applied the access rule."""
        self.reached[case.id] = case
        return case

    def created(self, case: Case) -> Case:
        """Register a case created in this transaction (its creator reaches it)."""
        self.reached[case.id] = case
        return case

    def case(self, *, case_id: str | None = None, case_ref: str | None = None) -> Case:
        """The case, if this user may reach it; else "not found" (never leaked)."""
        from assessment_app.records.access import case_filter, not_found

        if case_id is not None and case_id in self.reached:
            return self.reached[case_id]
        query = select(Case).where(case_filter(self.ctx))
        if case_id is not None:
            query = query.where(Case.id == case_id)
        elif case_ref is not None:
            query = query.where(Case.case_ref == case_ref.strip().upper())
        else:
            raise ValueError("case_id or case_ref")
        case = self.first(self.locking(query))
        if case is None:
            raise not_found()
        return self.reach(case)

    def plan(self, plan_id: str) -> tuple[ActionPlan, Case]:
        from assessment_app.records.access import case_filter, not_found

        found = self.first(
            self.locking(
                select(ActionPlan, Case)
                .join(Case, Case.id == ActionPlan.case_id)
                .where(ActionPlan.id == plan_id, case_filter(self.ctx))
            )
        )
        if found is None:
            raise not_found("plan")
        plan, case = found
        self.reach(case)
        self.plan_cases[plan.id] = case.id
        return plan, case

    def register_plan(self, plan: ActionPlan) -> None:
        """A plan loaded or created here whose case has been reached."""
        if plan.case_id not in self.reached:
            raise RuleViolation("a plan of a case that was not reached through the access rule")
        self.plan_cases[plan.id] = plan.case_id

    def record(self, model: type[T], row_id: str, what: str) -> tuple[T, Case]:
        """A row with ``case_id`` (assessment, consent, follow-up...) and its reached case."""
        from assessment_app.records.access import case_filter, not_found

        found = self.first(
            self.locking(
                select(model, Case)
                .join(Case, Case.id == model.case_id)  # type: ignore[attr-defined]
                .where(model.id == row_id, case_filter(self.ctx))  # type: ignore[attr-defined]
            )
        )
        if found is None:
            raise not_found(what)
        row, case = found
        self.reach(case)
        return row, case

    # --- versions ---------------------------------------------------------------------------
    def check_version(
        self,
        row: Versioned,
        expected: int,
        record_type: str,
        record_id: str,
        changed_fields: list[str] | None = None,
    ) -> None:
        """Raise :class:`StaleEditError` if the row changed since the user loaded ``expected``."""
        if row.version != expected:
            who = None
            if row.updated_by:
                who = self.session.execute(
                    select(User.username).where(User.id == row.updated_by)
                ).scalar()
            raise StaleEditError(
                record_type,
                record_id,
                expected,
                row.version,
                who,
                row.updated_at.strftime("%Y-%m-%d %H:%M UTC") if row.updated_at else None,
                changed_fields,
            )
        self.checked.add(inspect(row).identity_key)

    def checked_by_state(self, row: Versioned) -> None:
        """A row changed as a consequence of a checked change (e.g. the superseded plan when
        a new version is made from it): its own state was read in this transaction."""
        self.checked.add(inspect(row).identity_key)

    def set_derived(self, row: Any, **values: Any) -> None:
        """Update derived fields without counting as an edit (no version bump)."""
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if not changed:
            return
        if not set(changed) <= DERIVED_FIELDS:
            raise RuleViolation(f"not derived fields: {sorted(set(changed) - DERIVED_FIELDS)}")
        state = inspect(row)
        if state.pending or row in self.session.dirty:
            for key, value in changed.items():
                setattr(row, key, value)
            return
        table = type(row)
        with _rules_writing(self.session):
            self.session.execute(update(table).where(table.id == row.id).values(**changed))
        for key, value in changed.items():
            set_committed_value(row, key, value)
        self._content(row)

    # --- values -----------------------------------------------------------------------------
    def seal(self, table: str, column: str, row_id: str, value: object) -> bytes:
        return self.ctx.seal(table, column, row_id, value)

    def open(
        self, table: str, column: str, row_id: str, blob: bytes | None, fallback: object = None
    ) -> object:
        """Open one value; a damaged one is reported (and audited) and ``fallback`` returned."""
        if blob is None:
            return fallback
        try:
            return self.ctx.open(table, column, row_id, blob, self.session)
        except IntegrityError:
            self.damaged(table, column, row_id)
            return fallback

    def damaged(self, table: str, column: str, row_id: str) -> None:
        self.ctx.damaged.add((table, column, row_id))
        log.warning("integrity failure in %s.%s row %s", table, column, row_id)
        self.damage.append(Damage(table, column, row_id))
        if self.writing:
            self._audit_damage([self.damage[-1]])

    def damaged_on_load(self, table: str, column: str, row_id: str) -> None:
        """A damaged value met while the ORM loads a row (see db/damage_watch.py): recorded
        now, audited before the transaction commits (no statement may run mid-load)."""
        self.ctx.damaged.add((table, column, row_id))
        log.warning("damaged value in %s.%s row %s", table, column, row_id)
        self.damage.append(Damage(table, column, row_id))
        if self.writing:
            self.unaudited_damage.append(self.damage[-1])

    def audit_load_damage(self) -> None:
        pending, self.unaudited_damage = self.unaudited_damage, []
        self._audit_damage(pending)

    def _audit_damage(self, items: Iterable[Damage]) -> None:
        for d in items:
            self.audit(
                audit.INTEGRITY_FAILURE, object_type=d.table, object_id=d.row_id, detail=d.column
            )

    # --- audit ------------------------------------------------------------------------------
    def audit(
        self,
        action: str,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        if not self.writing:
            raise RuleViolation("audit entries are written in write transactions")
        try:
            audit.append(
                self.session,
                self.ctx.keys.audit_key,
                action,
                user_id=self.ctx.user_id,
                object_type=object_type,
                object_id=object_id,
                detail=detail,
                head=self.lock_head(),
                flush=False,
            )
        except audit.HeadKeyMismatch:
            self.ctx.head_mismatch(self.session)  # keys replaced since sign-in
            raise
        self.audited += 1

    # --- the rules (called from the session events) -----------------------------------------
    def _cases_of(self, obj: Any) -> set[str]:
        if isinstance(obj, Case):
            return {obj.id}
        if isinstance(obj, Individual):
            return {cid for cid, c in self.reached.items() if c.individual_id == obj.id}
        case_id = getattr(obj, "case_id", None)
        if case_id is not None:
            return {case_id}
        plan_id = getattr(obj, "plan_id", None)
        if plan_id is not None and plan_id in self.plan_cases:
            return {self.plan_cases[plan_id]}
        return set()

    def _content(self, obj: Any) -> None:
        cases = self._cases_of(obj)
        unreached = {c for c in cases if c not in self.reached}
        if not cases or unreached:
            raise RuleViolation(
                f"{type(obj).__name__} written outside a case reached through the access rule"
            )
        self.content_written = True
        self.touched.update(cases)

    def _check_versions(self, obj: Any) -> None:
        if not isinstance(obj, Versioned):
            return
        state = inspect(obj)
        if state.identity_key in self.checked:
            return
        edited = {
            attr.key
            for attr in state.attrs
            if attr.key not in DERIVED_FIELDS and attr.history.has_changes()
        }
        if edited:
            raise RuleViolation(
                f"{type(obj).__name__} changed ({', '.join(sorted(edited))}) without a "
                "version check"
            )

    def _move_retention_clock(self) -> None:
        start_of_day = datetime.combine(self.today, time.min, tzinfo=UTC)
        for case_id in sorted(self.touched):
            case = self.reached[case_id]
            last = case.last_entry_at
            if last is not None and last >= start_of_day:
                continue
            self.set_derived(case, last_entry_at=self.now)
        self.touched.clear()

    def before_flush(self, session: Session) -> None:
        changed = (*session.new, *session.dirty, *session.deleted)
        if not self.writing and any(isinstance(o, CASE_CONTENT) for o in changed):
            raise RuleViolation("case content written in a read transaction")
        if self.writing and changed and not self.key_checked:
            # A session that signed in before a master-key rotation holds keys that are retired
            # (kept, wrapped under the new master key, but no longer in use): nothing it seals
            # may be written; the audit head, sealed with the new audit key, tells.
            try:
                audit.check_key(session, self.ctx.keys.audit_key, self.lock_head())
            except audit.HeadKeyMismatch:
                self.ctx.head_mismatch(session)
                raise
            self.key_checked = True
        for obj in list(session.new) + list(session.deleted):
            if isinstance(obj, CASE_CONTENT):
                self._content(obj)
        for obj in list(session.dirty):
            if isinstance(obj, CASE_CONTENT) and session.is_modified(obj):
                self._check_versions(obj)
                self._content(obj)
        self._move_retention_clock()

    def before_commit(self) -> None:
        if self.content_written and not self.audited:
            raise RuleViolation("case content changed without an audit entry")


# --- the session class the use-case layer opens -------------------------------------------------


class RecordSession(Session):
    """A session that enforces the rules of its :class:`UnitOfWork` (``info["uow"]``)."""


def _uow(session: Session) -> UnitOfWork | None:
    uow = session.info.get("uow")
    return uow if isinstance(uow, UnitOfWork) else None


@event.listens_for(RecordSession, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    uow = _uow(session)
    if uow is None:
        raise RuleViolation("a record session without a unit of work")
    uow.before_flush(session)


@event.listens_for(RecordSession, "before_commit")
def _before_commit(session: Session) -> None:
    uow = _uow(session)
    if uow is not None:
        session.flush()
        uow.before_commit()


_RULES_WRITING = "rules_writing"


class _rules_writing:
    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> None:
        self.session.info[_RULES_WRITING] = True

    def __exit__(self, *_exc: object) -> None:
        self.session.info.pop(_RULES_WRITING, None)


@event.listens_for(RecordSession, "do_orm_execute")
def _no_bulk_content_writes(state: ORMExecuteState) -> None:
    """Bulk UPDATE/DELETE/INSERT statements bypass the flush and so the rules: on case
    content they are refused, except the rules' own."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    if state.session.info.get(_RULES_WRITING):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table in CONTENT_TABLES:
        raise RuleViolation(f"a bulk write to {table} bypasses the rules; use the ORM")


def not_found_user(username: str) -> NotFoundError:
    return NotFoundError(
        f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
    )


def audit_events_in(session: Session) -> list[AuditEvent]:
    """The audit entries added in this session and not flushed yet (for tests of the rules)."""
    return [o for o in session.new if isinstance(o, AuditEvent)]
