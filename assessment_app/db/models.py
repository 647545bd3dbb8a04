"""The schema (SQLAlchemy 2 declarative).

Columns ending in ``_enc`` hold AES-GCM ciphertexts bound to (table, column, row id); see
:mod:`assessment_app.crypto.aead`. Plain columns are limited to ids, foreign keys, statuses,
dates needed for queries, and organisational names (units, providers, worker user names).

Every editable table carries ``version`` (optimistic locking through SQLAlchemy's
``version_id_col``) and ``updated_at``/``updated_by`` so a stale save can say who changed what.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    MetaData,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Every column type reads a damaged value as a stand-in instead of raising (see db/types.py).
from assessment_app.db.types import Blob, UTCDateTime, new_id, utcnow
from assessment_app.db.types import SafeBigInteger as BigInteger
from assessment_app.db.types import SafeBoolean as Boolean
from assessment_app.db.types import SafeDate as Date
from assessment_app.db.types import SafeInteger as Integer
from assessment_app.db.types import SafeString as String
from assessment_app.db.types import SafeText as Text

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _watch_damage() -> None:
    from assessment_app.db import damage_watch

    damage_watch.watch(Base)


class Versioned:
    """Editable rows: optimistic locking and who/when of the last change."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
    updated_by: Mapped[str | None] = mapped_column(ID, nullable=True)


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Unit(Versioned, Base):
    __tablename__ = "units"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # How the public reaches the unit (an organisation, so plain): printed on plans.
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    visiting_address: Mapped[str | None] = mapped_column(String(200), nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class User(Versioned, Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_name_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    contact_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)  # work phone, e-mail
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # A temporary password (set by an administrator) must be changed at the next sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class KeyWrap(Base):
    """The master key wrapped for one user's password, or for the recovery key (user_id NULL)."""

    __tablename__ = "key_wraps"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True, index=True
    )
    purpose: Mapped[str] = mapped_column(String(16), nullable=False)  # password | recovery
    kdf: Mapped[str] = mapped_column(Text, nullable=False)
    # Empty while the master key waits in ``sealed_master`` (after a master-key rotation).
    wrapped: Mapped[bytes] = mapped_column(Blob, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # An X25519 key pair (schema 0006a): the private key sealed under the same password- or
    # recovery-derived key as the master key. A rotation seals the new master key to the public
    # key (``sealed_master``); the next sign-in wraps it under the password and clears it.
    public_key: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    private_sealed: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    sealed_master: Mapped[bytes | None] = mapped_column(Blob, nullable=True)


class KeyRotation(Base):
    """A master-key rotation (schema 0006a): ``running`` until every value is re-encrypted
    and every blind index recomputed, then ``done``. The new master key is never stored here: the
    administrator who runs it gets it from their own wrap (sealed to their key pair) at sign-in,
    so a rotation killed half-way is finished by running it again."""

    __tablename__ = "key_rotations"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # running | done
    started_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    removed_user_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DataKey(Base):
    """A key wrapped under the master key: data (AES-GCM), index (blind index), audit (MAC)."""

    __tablename__ = "data_keys"
    id: Mapped[str] = mapped_column(ID, primary_key=True)  # key id, hex
    purpose: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)  # active | retired
    wrapped: Mapped[bytes] = mapped_column(Blob, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class Individual(Versioned, Base):
    __tablename__ = "individuals"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    pnr_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    pnr_index: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    contact_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    # none | sekretessmarkering | skyddad_folkbokforing | fingerade_personuppgifter
    protection_level: Mapped[str] = mapped_column(String(32), default="none", nullable=False)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class NameToken(Base):
    __tablename__ = "name_tokens"
    individual_id: Mapped[str] = mapped_column(
        ForeignKey("individuals.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    __table_args__ = (Index("ix_name_tokens_token", "token"),)


class Case(Versioned, Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_ref: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    individual_id: Mapped[str] = mapped_column(
        ForeignKey("individuals.id"), nullable=False, index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="open", nullable=False, index=True)
    assigned_user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id"), nullable=True, index=True
    )
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    opened_on: Mapped[date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    next_follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    last_entry_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    details_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    __table_args__ = (
        Index("ix_cases_assigned_ref", "assigned_user_id", "case_ref"),
        Index("ix_cases_unit_ref", "unit_id", "case_ref"),
    )
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class CaseShare(Base):
    __tablename__ = "case_shares"
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Provider(Versioned, Base):
    """A procured provider (utförare). The organisation's data is plain; its contact person's
    name, phone and e-mail are personal data (``contact_enc``), as is a retirement reason
    (free text, ``retired_reason_enc``)."""

    __tablename__ = "providers"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    contact_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    org_number: Mapped[str | None] = mapped_column(String(11), unique=True, nullable=True)
    procured_for: Mapped[str | None] = mapped_column(String(500), nullable=True)
    contract_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    contract_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    retired_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    retired_reason_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class Consent(Versioned, Base):
    __tablename__ = "consents"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    recipient_kind: Mapped[str] = mapped_column(String(32), nullable=False)
    provider_id: Mapped[str | None] = mapped_column(ForeignKey("providers.id"), nullable=True)
    details_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    given_on: Mapped[date] = mapped_column(Date, nullable=False)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The last day the consent holds; None: until withdrawn (tills vidare). Plain, for the
    # supervisor's list of consents that end.
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # written | oral (an oral consent names a witness, in the encrypted details)
    given_how: Mapped[str] = mapped_column(String(16), default="written", nullable=False)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class ConsentDocument(Base):
    """A scanned, signed copy of a consent (PDF, JPEG or PNG), sealed with the data key.

    A copy is stored in parts of at most 4 MiB, one row each (``part`` of ``parts``), so no
    statement comes near a server's packet limit (MariaDB's default is 16 MiB, and PyMySQL
    sends bytes as hex). Each part is sealed on its own, bound to its row, and names inside the
    seal the copy (the first part's id) and its place, so parts cannot be swapped, reordered or
    left out unnoticed. ``mime_type`` and ``size`` are the whole file's. ``case_id`` is there so
    the case-content rules find the case."""

    __tablename__ = "consent_documents"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    consent_id: Mapped[str] = mapped_column(
        ForeignKey("consents.id", ondelete="CASCADE"), nullable=False
    )
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    part: Mapped[int] = mapped_column(Integer, nullable=False)  # 0, 1, ...
    parts: Mapped[int] = mapped_column(Integer, nullable=False)
    mime_type: Mapped[str] = mapped_column(String(32), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    # Sealed bytes (not JSON): ``info["raw"]`` tells key rotation so.
    content_enc: Mapped[bytes] = mapped_column(Blob, nullable=False, info={"raw": True})
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    created_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    __table_args__ = (UniqueConstraint("consent_id", "part", name="uq_consent_documents_part"),)


class Assessment(Versioned, Base):
    __tablename__ = "assessments"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # initial | follow_up
    template_id: Mapped[str] = mapped_column(String(64), nullable=False)
    template_version: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), default="in_progress", nullable=False)
    conducted_on: Mapped[date] = mapped_column(Date, nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answers_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    ratings_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    # Scored instruments (AUDIT, DUDIT, ...) filled in during the interview: per instrument
    # its answers, total and band. None: no instrument was opened (rows from before 0005e).
    instruments_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class ActionPlan(Versioned, Base):
    __tablename__ = "action_plans"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    assessment_id: Mapped[str | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    plan_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    supersedes_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    # draft | submitted | approved | returned | superseded
    review_state: Mapped[str] = mapped_column(String(16), default="draft", nullable=False)
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    content_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class PlanGoal(Base):
    __tablename__ = "plan_goals"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    plan_id: Mapped[str] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    body_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)


class PlanAction(Base):
    __tablename__ = "plan_actions"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    plan_id: Mapped[str] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    goal_id: Mapped[str | None] = mapped_column(
        ForeignKey("plan_goals.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    provider_id: Mapped[str | None] = mapped_column(
        ForeignKey("providers.id"), nullable=True, index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="planned", nullable=False)
    body_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)


class PlanReview(Base):
    __tablename__ = "plan_reviews"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    plan_id: Mapped[str] = mapped_column(
        ForeignKey("action_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    plan_version: Mapped[int] = mapped_column(Integer, nullable=False)
    # submitted | approved | returned | released (a provider copy made before a decision)
    decision: Mapped[str] = mapped_column(String(16), nullable=False)
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    comment_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    # self_approval | unfinished_assessment (the reason is the comment) | None
    mark: Mapped[str | None] = mapped_column(String(24), nullable=True)


class FollowUp(Versioned, Base):
    __tablename__ = "follow_ups"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    plan_id: Mapped[str | None] = mapped_column(
        ForeignKey("action_plans.id", ondelete="SET NULL"), nullable=True
    )
    due_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    assessment_id: Mapped[str | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class UrgentFlag(Versioned, Base):
    """An urgent answer is an event: raised when an assessment shows it, open until someone
    records what was done. What it is about (area, question, message) and what was done are
    encrypted; only the case, the times and the state are plain (for the queue and escalation).
    ``key_token`` (HMAC with the index key) finds the open flag of the same question again."""

    __tablename__ = "urgent_flags"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    assessment_id: Mapped[str | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL"), nullable=True
    )
    key_token: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), default="open", nullable=False, index=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    raised_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    handled_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    details_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    handling_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class SafetyPlan(Versioned, Base):
    """A safety plan (skyddsplan) of a case: one row per version, like an action plan.

    Everything the plan says (threat picture, risk level, signals, places, people at risk,
    steps, numbers to call) is one sealed JSON value (``content_enc``). Plain: the case, the
    version chain, the review state and the review due date (for the reminders' lists)."""

    __tablename__ = "safety_plans"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    plan_version: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    supersedes_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    # draft | submitted | approved | returned | superseded
    review_state: Mapped[str] = mapped_column(String(16), default="draft", nullable=False)
    review_due_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    content_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class SafetyPlanReview(Base):
    """Submitted, approved or returned: who and when (plain), the comment (sealed)."""

    __tablename__ = "safety_plan_reviews"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    safety_plan_id: Mapped[str] = mapped_column(
        ForeignKey("safety_plans.id", ondelete="CASCADE"), nullable=False, index=True
    )
    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    plan_version: Mapped[int] = mapped_column(Integer, nullable=False)
    decision: Mapped[str] = mapped_column(String(16), nullable=False)  # submitted|approved|returned
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    comment_enc: Mapped[bytes | None] = mapped_column(Blob, nullable=True)


class Draft(Versioned, Base):
    """Autosaved, encrypted work in progress (interview answers, plan edits)."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    case_id: Mapped[str | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    object_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    # the version of the record the draft was made from (None: not tied to one)
    base_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    payload_enc: Mapped[bytes] = mapped_column(Blob, nullable=False)
    __table_args__ = (UniqueConstraint("user_id", "kind", "object_id", name="uq_drafts_slot"),)
    __mapper_args__ = {"version_id_col": Versioned.version}  # noqa: RUF012


class TransferImport(Base):
    """One row per transfer file imported here: its unique key makes one transfer one import,
    also when two workers import the same file at the same moment."""

    __tablename__ = "transfer_imports"
    transfer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(ID, nullable=True)


class AuditEvent(Base):
    """Append-only, hash-chained with a keyed MAC. Never names, personnummer or answers."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    user_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(48), nullable=False, index=True)
    object_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    object_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    detail: Mapped[str | None] = mapped_column(String(200), nullable=True)
    prev_mac: Mapped[str] = mapped_column(String(64), nullable=False)
    mac: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AuditHead(Base):
    """One row: the newest entry, so truncating the tail is detected.

    ``sealed_seq`` is the newest entry sealed with the audit key and ``head_mac`` vouches for
    it; ``pre_key`` is the current pre-sign-in key (see :mod:`assessment_app.audit`), NULL
    only in trails nobody has signed in to since schema 0005f.
    """

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), nullable=False)
    sealed_seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), nullable=False
    )
    mac: Mapped[str] = mapped_column(String(64), nullable=False)
    head_mac: Mapped[str] = mapped_column(String(64), nullable=False)
    pre_key: Mapped[str | None] = mapped_column(String(64), nullable=True)


_watch_damage()
