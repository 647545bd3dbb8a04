"""Moving a case from a laptop's local database to the server, as an encrypted file.

File format (version 1)::

    b"AA-CASE-TRANSFER" | 0x01 | header length (4 bytes, big-endian) | header (JSON) | sealed

The header holds the Argon2id parameters and salt, the AES-GCM nonce and a random transfer id;
nothing personal. ``sealed`` is AES-256-GCM over the case as JSON, under a key derived from a
one-time passphrase, with everything before it as associated data: a wrong passphrase, a flipped
bit or an edited header all fail the same check, and nothing is imported. The plaintext is never
written to disk. Both ends are audited (``transfer.export``, ``transfer.import``); an import of
the same file twice is refused.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DBIntegrityError
from sqlalchemy.orm import Session

from assessment_app import audit
from assessment_app.context import Context
from assessment_app.crypto import kdf
from assessment_app.crypto.kdf import KdfParams
from assessment_app.db.models import (
    ActionPlan,
    Assessment,
    AuditEvent,
    Case,
    Consent,
    FollowUp,
    Individual,
    PlanAction,
    PlanGoal,
    PlanReview,
    Provider,
    SafetyPlan,
    SafetyPlanReview,
    TransferImport,
    User,
)
from assessment_app.db.types import new_id
from assessment_app.errors import AppError, TemplateError, ValidationError
from assessment_app.fileio import write_private_atomic
from assessment_app.records import cases
from assessment_app.records.access import accessible_case
from assessment_app.templates import default_registry

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

MAGIC = b"AA-CASE-TRANSFER"
FORMAT_VERSION = 1
CONTENT_FORMAT = "assessment-app/case-transfer/1"
MIN_PASSPHRASE = 12
TRANSFER_EXPORT = "transfer.export"
TRANSFER_IMPORT = "transfer.import"
CLOSE_REASON = "överförd till server"
# Limits on header parameters, so an edited header cannot make the KDF eat the machine.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 64
MAX_HEADER = 4096


class TransferError(AppError):
    """The transfer file cannot be used; nothing was imported."""


def _bad_file() -> TransferError:
    return TransferError(
        "The transfer file cannot be opened: the passphrase is wrong, or the file was changed "
        "or damaged. Nothing was imported.",
        "Överföringsfilen går inte att öppna: lösenfrasen är fel, eller filen har ändrats eller "
        "skadats. Inget importerades.",
    )


def new_passphrase() -> str:
    """A random one-time passphrase (120 bits) in groups of four, e.g. ``ABCD-EFGH-...``."""
    text = base64.b32encode(os.urandom(15)).decode()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValidationError(
            f"The passphrase must have at least {MIN_PASSPHRASE} characters.",
            f"Lösenfrasen måste ha minst {MIN_PASSPHRASE} tecken.",
        )


# --- the file ------------------------------------------------------------------------------------


def seal_bundle(content: dict[str, Any], passphrase: str, transfer_id: str) -> bytes:
    params = kdf.new_params()
    nonce = os.urandom(12)
    header = json.dumps(
        {"kdf": params.to_json(), "nonce": nonce.hex(), "transfer_id": transfer_id},
        separators=(",", ":"),
        sort_keys=True,
    ).encode()
    prefix = MAGIC + bytes([FORMAT_VERSION]) + struct.pack(">I", len(header)) + header
    plaintext = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    key = kdf.derive(passphrase, params)
    return prefix + AESGCM(key).encrypt(nonce, plaintext, prefix)


def open_bundle(data: bytes, passphrase: str) -> dict[str, Any]:
    """Check and decrypt a transfer file; raise :class:`TransferError` on any problem."""
    if not data.startswith(MAGIC):
        raise TransferError(
            "This is not a case transfer file.", "Det här är ingen överföringsfil för ärenden."
        )
    pos = len(MAGIC)
    if len(data) < pos + 5 or data[pos] != FORMAT_VERSION:
        raise TransferError(
            "The transfer file has an unknown version; update the app.",
            "Överföringsfilen har en okänd version; uppdatera appen.",
        )
    (length,) = struct.unpack(">I", data[pos + 1 : pos + 5])
    if length > MAX_HEADER or len(data) < pos + 5 + length + 16:
        raise _bad_file()
    prefix = data[: pos + 5 + length]
    try:
        header = json.loads(data[pos + 5 : pos + 5 + length])
        params = KdfParams.from_json(header["kdf"])
        nonce = bytes.fromhex(header["nonce"])
        transfer_id = str(header["transfer_id"])
    except (ValueError, KeyError, TypeError):
        raise _bad_file() from None
    if (
        not (params.memory_kib <= MAX_MEMORY_KIB and params.iterations <= MAX_ITERATIONS)
        or len(nonce) != 12
    ):
        raise _bad_file()
    try:
        key = kdf.derive(passphrase, params)
        plaintext = AESGCM(key).decrypt(nonce, data[len(prefix) :], prefix)
        content = json.loads(plaintext.decode("utf-8"))
    except (InvalidTag, ValueError):
        raise _bad_file() from None
    if (
        not isinstance(content, dict)
        or content.get("format") != CONTENT_FORMAT
        or content.get("transfer_id") != transfer_id
    ):
        raise _bad_file()
    return content


# --- export --------------------------------------------------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _gather(session: Session, ctx: Context, case: Case, transfer_id: str) -> dict[str, Any]:
    def open_(table: str, column: str, row_id: str, blob: bytes | None) -> Any:
        # Strict: a damaged value stops the transfer instead of travelling as a marker.
        return None if blob is None else ctx.open(table, column, row_id, blob, session)

    ind = session.get(Individual, case.individual_id)
    assert ind is not None
    provider_ids: set[str] = set()
    consents = []
    for c in session.execute(
        select(Consent).where(Consent.case_id == case.id).order_by(Consent.given_on, Consent.id)
    ).scalars():
        if c.provider_id:
            provider_ids.add(c.provider_id)
        consents.append(
            {
                "recipient_kind": c.recipient_kind,
                "provider": c.provider_id,
                "details": open_("consents", "details_enc", c.id, c.details_enc),
                "given_on": _iso(c.given_on),
                "withdrawn_on": _iso(c.withdrawn_on),
                "valid_until": _iso(c.valid_until),
                "given_how": c.given_how,
            }
        )
    assessments = [
        {
            "id": a.id,
            "kind": a.kind,
            "template_id": a.template_id,
            "template_version": a.template_version,
            "status": a.status,
            "conducted_on": _iso(a.conducted_on),
            "completed_at": _iso(a.completed_at),
            "answers": open_("assessments", "answers_enc", a.id, a.answers_enc),
            "ratings": open_("assessments", "ratings_enc", a.id, a.ratings_enc),
            "instruments": (
                open_("assessments", "instruments_enc", a.id, a.instruments_enc)
                if a.instruments_enc is not None
                else {}
            ),
        }
        for a in session.execute(
            select(Assessment)
            .where(Assessment.case_id == case.id)
            .order_by(Assessment.conducted_on, Assessment.created_at)
        ).scalars()
    ]
    plans = []
    for p in session.execute(
        select(ActionPlan)
        .where(ActionPlan.case_id == case.id)
        .order_by(ActionPlan.created_at, ActionPlan.plan_version)
    ).scalars():
        goals = [
            {"id": g.id, "body": open_("plan_goals", "body_enc", g.id, g.body_enc)}
            for g in session.execute(
                select(PlanGoal).where(PlanGoal.plan_id == p.id).order_by(PlanGoal.position)
            ).scalars()
        ]
        actions = []
        for a in session.execute(
            select(PlanAction).where(PlanAction.plan_id == p.id).order_by(PlanAction.position)
        ).scalars():
            if a.provider_id:
                provider_ids.add(a.provider_id)
            actions.append(
                {
                    "goal_id": a.goal_id,
                    "provider": a.provider_id,
                    "due_on": _iso(a.due_on),
                    "status": a.status,
                    "body": open_("plan_actions", "body_enc", a.id, a.body_enc),
                }
            )
        reviews = [
            {
                "plan_version": r.plan_version,
                "decision": r.decision,
                "decided_by": who,
                "decided_at": _iso(r.decided_at),
                "comment": open_("plan_reviews", "comment_enc", r.id, r.comment_enc),
                "mark": r.mark,
            }
            for r, who in session.execute(
                select(PlanReview, User.username)
                .outerjoin(User, User.id == PlanReview.decided_by)
                .where(PlanReview.plan_id == p.id)
                .order_by(PlanReview.decided_at)
            ).all()
        ]
        plans.append(
            {
                "id": p.id,
                "assessment_id": p.assessment_id,
                "plan_version": p.plan_version,
                "supersedes_id": p.supersedes_id,
                "review_state": p.review_state,
                "follow_up_on": _iso(p.follow_up_on),
                "content": open_("action_plans", "content_enc", p.id, p.content_enc),
                "goals": goals,
                "actions": actions,
                "reviews": reviews,
            }
        )
    follow_ups = [
        {
            "plan_id": f.plan_id,
            "due_on": _iso(f.due_on),
            "done_on": _iso(f.done_on),
            "assessment_id": f.assessment_id,
        }
        for f in session.execute(
            select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.due_on)
        ).scalars()
    ]
    safety_plans = []
    for sp in session.execute(
        select(SafetyPlan).where(SafetyPlan.case_id == case.id).order_by(SafetyPlan.plan_version)
    ).scalars():
        safety_plans.append(
            {
                "id": sp.id,
                "plan_version": sp.plan_version,
                "supersedes_id": sp.supersedes_id,
                "review_state": sp.review_state,
                "review_due_on": _iso(sp.review_due_on),
                "content": open_("safety_plans", "content_enc", sp.id, sp.content_enc),
                "reviews": [
                    {
                        "plan_version": r.plan_version,
                        "decision": r.decision,
                        "decided_by": who,
                        "decided_at": _iso(r.decided_at),
                        "comment": open_("safety_plan_reviews", "comment_enc", r.id, r.comment_enc),
                    }
                    for r, who in session.execute(
                        select(SafetyPlanReview, User.username)
                        .outerjoin(User, User.id == SafetyPlanReview.decided_by)
                        .where(SafetyPlanReview.safety_plan_id == sp.id)
                        .order_by(SafetyPlanReview.decided_at)
                    ).all()
                ],
            }
        )
    providers = {
        p.id: {
            "name": p.name,
            "contact": open_("providers", "contact_enc", p.id, p.contact_enc),
            "org_number": p.org_number,
            "procured_for": p.procured_for,
            "contract_from": _iso(p.contract_from),
            "contract_to": _iso(p.contract_to),
            "retired_on": _iso(p.retired_on) if not p.active else None,
            "active": p.active,
        }
        for p in session.execute(select(Provider).where(Provider.id.in_(provider_ids))).scalars()
    }
    return {
        "format": CONTENT_FORMAT,
        "transfer_id": transfer_id,
        "case": {
            "case_ref": case.case_ref,
            "status": case.status,
            "opened_on": _iso(case.opened_on),
            "closed_on": _iso(case.closed_on),
            "next_follow_up_on": _iso(case.next_follow_up_on),
            "details": open_("cases", "details_enc", case.id, case.details_enc),
        },
        "individual": {
            "name": open_("individuals", "name_enc", ind.id, ind.name_enc),
            "personnummer": open_("individuals", "pnr_enc", ind.id, ind.pnr_enc),
            "contact": open_("individuals", "contact_enc", ind.id, ind.contact_enc),
            "protection_level": ind.protection_level,
        },
        "providers": providers,
        "consents": consents,
        "assessments": assessments,
        "plans": plans,
        "follow_ups": follow_ups,
        "safety_plans": safety_plans,
    }


@dataclass(frozen=True)
class ExportResult:
    transfer_id: str
    case_ref: str
    path: Path


def export_case_bundle(ctx: Context, case_ref: str, out: Path, passphrase: str) -> ExportResult:
    """Write the case as an encrypted transfer file (audited ``transfer.export``)."""
    ctx.require_role("caseworker", "supervisor")
    _check_passphrase(passphrase)
    transfer_id = new_id()
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_ref=case_ref)
        content = _gather(session, ctx, case, transfer_id)
        ref = case.case_ref
        ctx.audit(
            session,
            TRANSFER_EXPORT,
            object_type="case",
            object_id=case.id,
            detail=f"transfer={transfer_id}",
        )
        # Inside the transaction: a failed write leaves no export entry behind.
        write_private_atomic(seal_bundle(content, passphrase, transfer_id), out)
    return ExportResult(transfer_id, ref, out)


def close_transferred(uow: UnitOfWork, case_ref: str) -> None:
    """Close the source case once the import on the server is confirmed."""
    case = uow.case(case_ref=case_ref)
    cases.close_case(uow, case.id, case.version, CLOSE_REASON)


# --- import --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    case_id: str
    case_ref: str
    source_case_ref: str
    transfer_id: str
    assessments: int
    plans: int
    consents: int
    follow_ups: int
    unknown_reviewers: int  # review decisions whose user does not exist here
    known_person: bool = False  # the personnummer was known here: joined that person's record


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _datetime(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _check_templates(assessments: Iterable[dict[str, Any]]) -> None:
    registry = default_registry()
    for a in assessments:
        try:
            registry.get(str(a["template_id"]), int(a["template_version"]))
        except TemplateError:
            raise ValidationError(
                f"This app lacks the interview template {a['template_id']} "
                f"v{a['template_version']}; update the app before importing.",
                f"Appen saknar frågemallen {a['template_id']} v{a['template_version']}; "
                "uppdatera appen innan du importerar.",
            ) from None


def import_case_bundle(ctx: Context, path: Path, passphrase: str) -> ImportResult:
    """Re-create the case from a transfer file under this database's keys (one transaction)."""
    ctx.require_role("caseworker", "supervisor")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TransferError(
            f"Cannot read {path}: {exc.strerror}.", f"Kan inte läsa {path}: {exc.strerror}."
        ) from None
    content = open_bundle(data, passphrase)
    transfer_id = str(content["transfer_id"])
    try:
        _check_templates(content["assessments"])
    except (KeyError, TypeError, ValueError):
        raise _bad_file() from None
    if _already_imported(ctx, transfer_id):
        raise _already_imported_error()
    for _attempt in range(5):
        try:
            with ctx.transaction() as session:
                return _import(session, ctx, content)
        except DBIntegrityError:
            # Either another import of the same file won (the unique key on the transfer id)
            # or another worker took the same case reference (take the next one).
            if _already_imported(ctx, transfer_id):
                raise _already_imported_error() from None
            continue
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _bad_file() from None
    raise ValidationError(
        "Could not allocate a case reference; try again.",
        "Kunde inte ta fram ett ärendenummer; försök igen.",
    )


def _already_imported(ctx: Context, transfer_id: str) -> bool:
    with ctx.transaction() as session:
        if session.get(TransferImport, transfer_id) is not None:
            return True
        # Imports from before schema 0005f2 are known by their audit entry.
        done = session.execute(
            select(AuditEvent.seq).where(
                AuditEvent.action == TRANSFER_IMPORT,
                AuditEvent.detail.startswith(f"transfer={transfer_id} ", autoescape=True),
            )
        ).first()
    return done is not None


def _already_imported_error() -> ValidationError:
    return ValidationError(
        "This transfer file has already been imported into this database.",
        "Den här överföringsfilen är redan importerad till den här databasen.",
    )


def _import(session: Session, ctx: Context, content: dict[str, Any]) -> ImportResult:
    # First of all, claim the transfer id: a second import of the same file waits here for the
    # first to end and then fails on the unique key, before it has locked anything else.
    claim = TransferImport(transfer_id=str(content["transfer_id"]), imported_by=ctx.user_id)
    session.add(claim)
    session.flush()
    src_case = content["case"]
    src_ind = content["individual"]
    # Providers: the same organisation by name (or organisation number), else added here as
    # it was there (a provider retired there is added retired: kept, not offered).
    provider_map: dict[str, str] = {}
    known = session.execute(select(Provider.id, Provider.name, Provider.org_number)).all()
    by_name = {n.casefold(): pid for pid, n, _ in known}
    by_number = {number: pid for pid, _, number in known if number}
    for old_id, p in content["providers"].items():
        name = str(p["name"])
        number = str(p["org_number"]) if p.get("org_number") else None
        found = by_name.get(name.casefold()) or (by_number.get(number) if number else None)
        if found is None:
            active = p.get("active", True) is not False
            provider = Provider(
                id=new_id(),
                name=name,
                updated_by=ctx.user_id,
                org_number=number,
                procured_for=str(p["procured_for"]) if p.get("procured_for") else None,
                contract_from=_date(p.get("contract_from")),
                contract_to=_date(p.get("contract_to")),
                active=active,
                retired_on=None if active else _date(p.get("retired_on")),
            )
            if p.get("contact") is not None:
                provider.contact_enc = ctx.seal(
                    "providers", "contact_enc", provider.id, p["contact"]
                )
            session.add(provider)
            session.flush()
            found = by_name[name.casefold()] = provider.id
            if number:
                by_number[number] = provider.id
            ctx.audit(session, audit.RECORD_CREATE, object_type="provider", object_id=provider.id)
        provider_map[old_id] = found

    # One person, one record: a personnummer already known here joins that person's record
    # (their stored name and contact details are kept; a stricter protection is raised).
    pnr12 = str(src_ind["personnummer"]) if src_ind.get("personnummer") else None
    level = str(src_ind["protection_level"])
    person = cases.known_individual(session, ctx, pnr12) if pnr12 else None
    if person is not None:
        ind = person
        stricter = cases.stricter_protection(person.protection_level, level)
        if stricter != person.protection_level:
            person.protection_level = stricter
            person.updated_by = ctx.user_id
            session.flush()
    else:
        ind = Individual(
            id=new_id(),
            protection_level=level,
            updated_by=ctx.user_id,
            name_enc=b"",
        )
        name = str(src_ind["name"])
        ind.name_enc = ctx.seal("individuals", "name_enc", ind.id, name)
        if pnr12:
            ind.pnr_enc = ctx.seal("individuals", "pnr_enc", ind.id, pnr12)
            ind.pnr_index = cases.pnr_index(ctx, pnr12)
        if src_ind.get("contact") is not None:
            ind.contact_enc = ctx.seal("individuals", "contact_enc", ind.id, src_ind["contact"])
        session.add(ind)
        session.flush()
        cases.set_name_tokens(session, ctx, ind.id, name)

    opened_on = _date(src_case["opened_on"]) or date.today()
    case = Case(
        id=new_id(),
        case_ref=cases.next_case_ref(session, opened_on.year),
        individual_id=ind.id,
        status=str(src_case["status"]),
        assigned_user_id=ctx.user_id,
        unit_id=ctx.unit_id,
        opened_on=opened_on,
        closed_on=_date(src_case.get("closed_on")),
        next_follow_up_on=_date(src_case.get("next_follow_up_on")),
        updated_by=ctx.user_id,
    )
    if src_case.get("details") is not None:
        case.details_enc = ctx.seal("cases", "details_enc", case.id, src_case["details"])
    session.add(case)
    session.flush()

    for c in content["consents"]:
        consent = Consent(
            id=new_id(),
            case_id=case.id,
            recipient_kind=str(c["recipient_kind"]),
            provider_id=provider_map.get(c["provider"]) if c.get("provider") else None,
            given_on=_date(c["given_on"]),
            withdrawn_on=_date(c.get("withdrawn_on")),
            # An older bundle has neither: its consents were written, until withdrawn.
            valid_until=_date(c.get("valid_until")),
            given_how=str(c.get("given_how") or "written"),
            updated_by=ctx.user_id,
        )
        consent.details_enc = ctx.seal("consents", "details_enc", consent.id, c["details"])
        session.add(consent)

    assessment_map: dict[str, str] = {}
    for a in content["assessments"]:
        row = Assessment(
            id=new_id(),
            case_id=case.id,
            kind=str(a["kind"]),
            template_id=str(a["template_id"]),
            template_version=int(a["template_version"]),
            status=str(a["status"]),
            conducted_on=_date(a["conducted_on"]),
            completed_at=_datetime(a.get("completed_at")),
            created_by=ctx.user_id,
            updated_by=ctx.user_id,
        )
        row.answers_enc = ctx.seal("assessments", "answers_enc", row.id, a["answers"])
        row.ratings_enc = ctx.seal("assessments", "ratings_enc", row.id, a["ratings"])
        if a.get("instruments"):  # bundles from before instruments have none
            row.instruments_enc = ctx.seal(
                "assessments", "instruments_enc", row.id, a["instruments"]
            )
        session.add(row)
        assessment_map[str(a["id"])] = row.id
    session.flush()

    plan_map = {str(p["id"]): new_id() for p in content["plans"]}
    usernames = {name: uid for uid, name in session.execute(select(User.id, User.username)).all()}
    unknown_reviewers = 0
    for p in content["plans"]:
        plan = ActionPlan(
            id=plan_map[str(p["id"])],
            case_id=case.id,
            assessment_id=assessment_map.get(p["assessment_id"])
            if p.get("assessment_id")
            else None,
            plan_version=int(p["plan_version"]),
            supersedes_id=plan_map.get(p["supersedes_id"]) if p.get("supersedes_id") else None,
            review_state=str(p["review_state"]),
            follow_up_on=_date(p.get("follow_up_on")),
            created_by=ctx.user_id,
            updated_by=ctx.user_id,
        )
        if p.get("content") is not None:
            plan.content_enc = ctx.seal("action_plans", "content_enc", plan.id, p["content"])
        session.add(plan)
        session.flush()
        goal_map = {str(g["id"]): new_id() for g in p["goals"]}
        for pos, g in enumerate(p["goals"]):
            gid = goal_map[str(g["id"])]
            session.add(
                PlanGoal(
                    id=gid,
                    plan_id=plan.id,
                    position=pos,
                    body_enc=ctx.seal("plan_goals", "body_enc", gid, g["body"]),
                )
            )
        session.flush()
        for pos, a in enumerate(p["actions"]):
            aid = new_id()
            session.add(
                PlanAction(
                    id=aid,
                    plan_id=plan.id,
                    goal_id=goal_map.get(a["goal_id"]) if a.get("goal_id") else None,
                    position=pos,
                    provider_id=provider_map.get(a["provider"]) if a.get("provider") else None,
                    due_on=_date(a.get("due_on")),
                    status=str(a["status"]),
                    body_enc=ctx.seal("plan_actions", "body_enc", aid, a["body"]),
                )
            )
        for r in p["reviews"]:
            decided_by = usernames.get(r["decided_by"]) if r.get("decided_by") else None
            unknown_reviewers += decided_by is None
            review = PlanReview(
                id=new_id(),
                plan_id=plan.id,
                plan_version=int(r["plan_version"]),
                decision=str(r["decision"]),
                decided_by=decided_by,
                decided_at=_datetime(r["decided_at"]),
                # four eyes: a self-approval or an early submission stays marked
                mark=str(r["mark"])[:24] if r.get("mark") else None,
            )
            if r.get("comment"):
                review.comment_enc = ctx.seal(
                    "plan_reviews", "comment_enc", review.id, r["comment"]
                )
            session.add(review)
        session.flush()

    for f in content["follow_ups"]:
        session.add(
            FollowUp(
                id=new_id(),
                case_id=case.id,
                plan_id=plan_map.get(f["plan_id"]) if f.get("plan_id") else None,
                due_on=_date(f["due_on"]),
                done_on=_date(f.get("done_on")),
                assessment_id=assessment_map.get(f["assessment_id"])
                if f.get("assessment_id")
                else None,
                updated_by=ctx.user_id,
            )
        )
    session.flush()
    # An older bundle has no safety plans.
    safety_map = {str(sp["id"]): new_id() for sp in content.get("safety_plans", [])}
    for sp in content.get("safety_plans", []):
        sp_row = SafetyPlan(
            id=safety_map[str(sp["id"])],
            case_id=case.id,
            plan_version=int(sp["plan_version"]),
            supersedes_id=safety_map.get(sp["supersedes_id"]) if sp.get("supersedes_id") else None,
            review_state=str(sp["review_state"]),
            review_due_on=_date(sp.get("review_due_on")),
            created_by=ctx.user_id,
            updated_by=ctx.user_id,
            content_enc=b"",
        )
        sp_row.content_enc = ctx.seal("safety_plans", "content_enc", sp_row.id, sp["content"])
        session.add(sp_row)
        session.flush()
        for r in sp["reviews"]:
            decided_by = usernames.get(r["decided_by"]) if r.get("decided_by") else None
            unknown_reviewers += decided_by is None
            sp_review = SafetyPlanReview(
                id=new_id(),
                safety_plan_id=sp_row.id,
                case_id=case.id,
                plan_version=int(r["plan_version"]),
                decision=str(r["decision"]),
                decided_by=decided_by,
                decided_at=_datetime(r["decided_at"]),
            )
            if r.get("comment"):
                sp_review.comment_enc = ctx.seal(
                    "safety_plan_reviews", "comment_enc", sp_review.id, r["comment"]
                )
            session.add(sp_review)
    session.flush()
    claim.case_id = case.id
    source_ref = str(src_case["case_ref"])
    ctx.audit(
        session,
        audit.CASE_CREATE,
        object_type="case",
        object_id=case.id,
        detail="known individual" if person is not None else None,
    )
    ctx.audit(
        session,
        TRANSFER_IMPORT,
        object_type="case",
        object_id=case.id,
        detail=f"transfer={content['transfer_id']} source={source_ref}",
    )
    return ImportResult(
        case.id,
        case.case_ref,
        source_ref,
        str(content["transfer_id"]),
        len(content["assessments"]),
        len(content["plans"]),
        len(content["consents"]),
        len(content["follow_ups"]),
        unknown_reviewers,
        person is not None,
    )
