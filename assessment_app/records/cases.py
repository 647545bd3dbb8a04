"""Cases and the individuals they are about."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.exc import IntegrityError as DBIntegrityError
from sqlalchemy.orm import Session

from assessment_app import audit
from assessment_app import personnummer as pnr
from assessment_app.context import Context
from assessment_app.crypto import blind_index
from assessment_app.db.models import Case, CaseShare, Individual, NameToken, Unit, User
from assessment_app.db.types import new_id, utcnow
from assessment_app.errors import NotFoundError, ValidationError
from assessment_app.records.access import accessible_case, case_filter, check_version

PROTECTION_LEVELS = (
    "none",
    "sekretessmarkering",
    "skyddad_folkbokforing",
    "fingerade_personuppgifter",
)
REFERRAL_SOURCES = ("self", "police", "kriminalvarden", "provider", "other")
CASE_STATUSES = ("open", "closed")
CASE_REF_PATTERN = re.compile(r"^AV-(\d{4})-(\d{4,})$")
MASK = "Skyddad identitet"
DAMAGED = "[skadat värde]"


@dataclass(frozen=True)
class Contact:
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    @classmethod
    def from_json(cls, data: object) -> Contact:
        if not isinstance(data, dict):
            return cls()
        return cls(**{k: str(data.get(k, "")) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CaseRow:
    """One case as a list shows it: plain columns only, nothing decrypted."""

    id: str
    case_ref: str
    individual_id: str
    status: str
    assigned_user_id: str | None
    assigned_username: str | None
    unit_id: str | None
    opened_on: date
    next_follow_up_on: date | None
    protection_level: str
    last_entry_at: datetime

    @property
    def protected(self) -> bool:
        return self.protection_level != "none"


@dataclass
class IndividualInfo:
    id: str
    name: str
    personnummer: str | None
    contact: Contact
    protection_level: str
    version: int

    @property
    def protected(self) -> bool:
        return self.protection_level != "none"


@dataclass
class CaseInfo:
    id: str
    case_ref: str
    status: str
    opened_on: date
    closed_on: date | None
    assigned_username: str | None
    unit: str | None
    next_follow_up_on: date | None
    referral_source: str | None
    close_reason: str | None
    notes: str
    version: int
    individual: IndividualInfo
    shared_with: list[str] = field(default_factory=list)


# --- creating --------------------------------------------------------------------------------


def next_case_ref(session: Session, year: int) -> str:
    prefix = f"AV-{year}-"
    refs = session.execute(select(Case.case_ref).where(Case.case_ref.like(prefix + "%"))).scalars()
    highest = 0
    for ref in refs:
        match = CASE_REF_PATTERN.match(ref)
        if match:
            highest = max(highest, int(match.group(2)))
    return f"{prefix}{highest + 1:04d}"


def _validate_protection(level: str) -> None:
    if level not in PROTECTION_LEVELS:
        raise ValidationError(
            f"Unknown protection level {level!r}.", f"Okänd skyddsnivå {level!r}."
        )


def set_name_tokens(session: Session, ctx: Context, individual_id: str, name: str) -> None:
    session.execute(delete(NameToken).where(NameToken.individual_id == individual_id))
    for token in blind_index.name_tokens(ctx.keys.index_key, name):
        session.add(NameToken(individual_id=individual_id, token=token.hex()))


def pnr_index(ctx: Context, pnr12: str) -> str:
    return blind_index.token(ctx.keys.index_key, "pnr", pnr12).hex()


def create_case(
    ctx: Context,
    *,
    name: str,
    personnummer: str | None = None,
    contact: Contact | None = None,
    protection_level: str = "none",
    referral_source: str | None = None,
    opened_on: date | None = None,
    assigned_to: str | None = None,
    notes: str = "",
    today: date | None = None,
) -> CaseRow:
    ctx.require_role("caseworker", "supervisor")
    name = name.strip()
    if not name:
        raise ValidationError("The person's name is needed.", "Personens namn behövs.")
    _validate_protection(protection_level)
    if referral_source is not None and referral_source not in REFERRAL_SOURCES:
        raise ValidationError(
            f"Unknown referral source {referral_source!r}.",
            f"Okänd kontaktväg {referral_source!r}.",
        )
    pnr12 = pnr.normalise(personnummer, today) if personnummer and personnummer.strip() else None
    opened_on = opened_on or date.today()
    for _attempt in range(5):
        try:
            with ctx.transaction() as session:
                assignee = ctx.user_id
                if assigned_to:
                    assignee = _user_id(session, assigned_to)
                individual = Individual(
                    id=new_id(),
                    protection_level=protection_level,
                    updated_by=ctx.user_id,
                    name_enc=b"",
                )
                individual.name_enc = ctx.seal("individuals", "name_enc", individual.id, name)
                if pnr12:
                    individual.pnr_enc = ctx.seal("individuals", "pnr_enc", individual.id, pnr12)
                    individual.pnr_index = pnr_index(ctx, pnr12)
                if contact is not None:
                    individual.contact_enc = ctx.seal(
                        "individuals", "contact_enc", individual.id, contact.to_json()
                    )
                session.add(individual)
                session.flush()
                set_name_tokens(session, ctx, individual.id, name)
                case = Case(
                    id=new_id(),
                    case_ref=next_case_ref(session, opened_on.year),
                    individual_id=individual.id,
                    status="open",
                    assigned_user_id=assignee,
                    unit_id=ctx.unit_id,
                    opened_on=opened_on,
                    updated_by=ctx.user_id,
                )
                case.details_enc = ctx.seal(
                    "cases",
                    "details_enc",
                    case.id,
                    {"referral_source": referral_source, "notes": notes},
                )
                session.add(case)
                session.flush()
                ctx.audit(session, audit.CASE_CREATE, object_type="case", object_id=case.id)
                return _row(session, case, individual.protection_level)
        except DBIntegrityError:
            continue  # another worker took the same case reference; take the next one
    raise ValidationError(
        "Could not allocate a case reference; try again.",
        "Kunde inte ta fram ett ärendenummer; försök igen.",
    )


def _user_id(session: Session, username: str) -> str:
    user_id = session.execute(select(User.id).where(User.username == username)).scalar()
    if user_id is None:
        raise NotFoundError(
            f"No user named {username!r}.", f"Det finns ingen användare som heter {username!r}."
        )
    return user_id


def _row(session: Session, case: Case, protection_level: str) -> CaseRow:
    username = None
    if case.assigned_user_id:
        username = session.execute(
            select(User.username).where(User.id == case.assigned_user_id)
        ).scalar()
    return CaseRow(
        case.id,
        case.case_ref,
        case.individual_id,
        case.status,
        case.assigned_user_id,
        username,
        case.unit_id,
        case.opened_on,
        case.next_follow_up_on,
        protection_level,
        case.last_entry_at,
    )


# --- listing and searching -------------------------------------------------------------------


@dataclass(frozen=True)
class CaseQuery:
    """What a case list asks for. Text matches a personnummer or parts of a name."""

    text: str = ""
    mine_only: bool = False
    unit_only: bool = False
    status: str | None = None
    follow_up: str | None = None  # "due" (within 14 days) | "overdue"
    sort: str = "case_ref"  # case_ref | opened_on | next_follow_up_on | status
    descending: bool = False
    today: date | None = None


SORT_COLUMNS = {
    "case_ref": Case.case_ref,
    "opened_on": Case.opened_on,
    "next_follow_up_on": Case.next_follow_up_on,
    "status": Case.status,
    "last_entry_at": Case.last_entry_at,
}


def _filters(ctx: Context, q: CaseQuery) -> list[ColumnElement[bool]] | None:
    """The WHERE conditions of a case query; None when nothing can match."""
    conditions: list[ColumnElement[bool]] = [case_filter(ctx)]
    text = q.text.strip()
    if text:
        digits = re.sub(r"[\s\-+]", "", text)
        if digits.isdigit() and len(digits) in (10, 12):
            try:
                pnr12 = pnr.normalise(text, q.today)
            except ValidationError:
                return None
            conditions.append(Individual.pnr_index == pnr_index(ctx, pnr12))
        elif CASE_REF_PATTERN.match(text.upper()):
            conditions.append(Case.case_ref == text.upper())
        else:
            tokens = blind_index.name_query_tokens(ctx.keys.index_key, text)
            if not tokens:
                return None
            for token in tokens:
                conditions.append(
                    Individual.id.in_(
                        select(NameToken.individual_id).where(NameToken.token == token.hex())
                    )
                )
    if q.mine_only:
        conditions.append(Case.assigned_user_id == ctx.user_id)
    if q.unit_only and ctx.unit_id:
        conditions.append(Case.unit_id == ctx.unit_id)
    if q.status:
        conditions.append(Case.status == q.status)
    today = q.today or date.today()
    if q.follow_up == "overdue":
        conditions += [Case.next_follow_up_on < today, Case.status == "open"]
    elif q.follow_up == "due":
        conditions += [
            Case.next_follow_up_on >= today,
            Case.next_follow_up_on <= date.fromordinal(today.toordinal() + 14),
        ]
    return conditions


def count_cases(ctx: Context, q: CaseQuery) -> int:
    conditions = _filters(ctx, q)
    if conditions is None:
        return 0
    query = select(func.count(Case.id)).join(Individual, Individual.id == Case.individual_id)
    with ctx.reading() as session:
        return int(session.execute(query.where(*conditions)).scalar_one())


def list_cases(ctx: Context, q: CaseQuery, offset: int = 0, limit: int = 200) -> list[CaseRow]:
    """A page of cases. Nothing is decrypted: ask :func:`display_names` for visible rows."""
    conditions = _filters(ctx, q)
    if conditions is None:
        return []
    column = SORT_COLUMNS.get(q.sort, Case.case_ref)
    tie = Case.case_ref.desc() if q.descending else Case.case_ref.asc()
    query = (
        select(Case, Individual.protection_level, User.username)
        .join(Individual, Individual.id == Case.individual_id)
        .outerjoin(User, User.id == Case.assigned_user_id)
        .where(*conditions)
        .order_by(column.desc() if q.descending else column.asc(), tie)
    )
    with ctx.reading() as session:
        rows = session.execute(query.offset(offset).limit(limit)).all()
        return [
            CaseRow(
                c.id,
                c.case_ref,
                c.individual_id,
                c.status,
                c.assigned_user_id,
                username,
                c.unit_id,
                c.opened_on,
                c.next_follow_up_on,
                level,
                c.last_entry_at,
            )
            for c, level, username in rows
        ]


def display_names(ctx: Context, rows: Iterable[CaseRow]) -> dict[str, str]:
    """Decrypt the names of just these rows (protected identities stay masked)."""
    wanted = {r.individual_id: r for r in rows}
    result: dict[str, str] = {}
    open_ids = [iid for iid, r in wanted.items() if not r.protected]
    for iid, r in wanted.items():
        if r.protected:
            result[iid] = MASK
    if not open_ids:
        return result
    reachable = (
        select(Case.id)
        .where(Case.individual_id == Individual.id, case_filter(ctx))
        .correlate(Individual)
        .exists()
    )
    with ctx.reading() as session:
        for iid, blob in session.execute(
            select(Individual.id, Individual.name_enc).where(Individual.id.in_(open_ids), reachable)
        ).all():
            result[iid] = str(ctx.open_or(session, "individuals", "name_enc", iid, blob, DAMAGED))
    return result


def find_by_personnummer(ctx: Context, text: str, today: date | None = None) -> list[CaseRow]:
    pnr.normalise(text, today)  # a clear error for an invalid number
    return list_cases(ctx, CaseQuery(text=text, today=today))


# --- reading one case ------------------------------------------------------------------------


def _individual(session: Session, ctx: Context, ind: Individual) -> IndividualInfo:
    name = ctx.open_or(session, "individuals", "name_enc", ind.id, ind.name_enc, DAMAGED)
    number = ctx.open_or(session, "individuals", "pnr_enc", ind.id, ind.pnr_enc, None)
    contact = ctx.open_or(session, "individuals", "contact_enc", ind.id, ind.contact_enc, {})
    return IndividualInfo(
        ind.id,
        str(name),
        number if isinstance(number, str) else None,
        Contact.from_json(contact),
        ind.protection_level,
        ind.version,
    )


def open_case(ctx: Context, case_ref: str | None = None, *, case_id: str | None = None) -> CaseInfo:
    """Open a case for viewing: checked against the access rules and audited."""
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id, case_ref=case_ref)
        ind = session.get(Individual, case.individual_id)
        assert ind is not None
        details = ctx.open_or(session, "cases", "details_enc", case.id, case.details_enc, {})
        details = details if isinstance(details, dict) else {}
        assigned = session.execute(
            select(User.username).where(User.id == case.assigned_user_id)
        ).scalar()
        unit = session.execute(select(Unit.name).where(Unit.id == case.unit_id)).scalar()
        shared = list(
            session.execute(
                select(User.username)
                .join(CaseShare, CaseShare.user_id == User.id)
                .where(CaseShare.case_id == case.id)
            ).scalars()
        )
        ctx.audit(
            session,
            audit.CASE_OPEN,
            object_type="case",
            object_id=case.id,
            detail="protected" if ind.protection_level != "none" else None,
        )
        return CaseInfo(
            id=case.id,
            case_ref=case.case_ref,
            status=case.status,
            opened_on=case.opened_on,
            closed_on=case.closed_on,
            assigned_username=assigned,
            unit=unit,
            next_follow_up_on=case.next_follow_up_on,
            referral_source=details.get("referral_source"),
            close_reason=details.get("close_reason"),
            notes=str(details.get("notes", "")),
            version=case.version,
            individual=_individual(session, ctx, ind),
            shared_with=shared,
        )


# --- changing --------------------------------------------------------------------------------


def update_individual(
    ctx: Context,
    case_id: str,
    expected_version: int,
    *,
    name: str | None = None,
    personnummer: str | None = None,
    contact: Contact | None = None,
    protection_level: str | None = None,
    clear_personnummer: bool = False,
) -> IndividualInfo:
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        ind = session.get(Individual, case.individual_id)
        assert ind is not None
        changed = [
            n
            for n, v in (
                ("name", name),
                ("personnummer", personnummer),
                ("contact", contact),
                ("protection", protection_level),
            )
            if v is not None
        ]
        check_version(session, ind, expected_version, "individual", case.case_ref, changed)
        if name is not None:
            if not name.strip():
                raise ValidationError("The person's name is needed.", "Personens namn behövs.")
            ind.name_enc = ctx.seal("individuals", "name_enc", ind.id, name.strip())
            set_name_tokens(session, ctx, ind.id, name)
        if personnummer is not None and personnummer.strip():
            pnr12 = pnr.normalise(personnummer)
            ind.pnr_enc = ctx.seal("individuals", "pnr_enc", ind.id, pnr12)
            ind.pnr_index = pnr_index(ctx, pnr12)
        elif clear_personnummer:
            ind.pnr_enc = None
            ind.pnr_index = None
        if contact is not None:
            ind.contact_enc = ctx.seal("individuals", "contact_enc", ind.id, contact.to_json())
        if protection_level is not None:
            _validate_protection(protection_level)
            ind.protection_level = protection_level
        ind.updated_by = ctx.user_id
        touch(case)
        session.flush()
        ctx.audit(
            session,
            audit.RECORD_UPDATE,
            object_type="individual",
            object_id=ind.id,
            detail=",".join(changed),
        )
        return _individual(session, ctx, ind)


def touch(case: Case) -> None:
    """Every entry in a case moves its retention clock."""
    case.last_entry_at = utcnow()


def close_case(
    ctx: Context, case_id: str, expected_version: int, reason: str, closed_on: date | None = None
) -> None:
    _set_status(ctx, case_id, expected_version, "closed", reason, closed_on or date.today())


def reopen_case(ctx: Context, case_id: str, expected_version: int) -> None:
    _set_status(ctx, case_id, expected_version, "open", None, None)


def _set_status(
    ctx: Context,
    case_id: str,
    expected: int,
    status: str,
    reason: str | None,
    closed_on: date | None,
) -> None:
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        check_version(session, case, expected, "case", case.case_ref, ["status"])
        details = ctx.open_or(session, "cases", "details_enc", case.id, case.details_enc, {})
        details = dict(details) if isinstance(details, dict) else {}
        details["close_reason"] = reason
        case.details_enc = ctx.seal("cases", "details_enc", case.id, details)
        case.status = status
        case.closed_on = closed_on
        case.updated_by = ctx.user_id
        touch(case)
        ctx.audit(
            session,
            audit.CASE_UPDATE,
            object_type="case",
            object_id=case.id,
            detail="closed" if status == "closed" else "reopened",
        )


def share_case(ctx: Context, case_id: str, usernames: Sequence[str]) -> None:
    with ctx.transaction() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        for username in usernames:
            user_id = _user_id(session, username)
            if session.get(CaseShare, (case.id, user_id)) is None:
                session.add(CaseShare(case_id=case.id, user_id=user_id))
                ctx.audit(
                    session,
                    audit.CASE_UPDATE,
                    object_type="case",
                    object_id=case.id,
                    detail=f"shared with user {user_id}",
                )


def history(ctx: Context, case_id: str) -> list[audit.HistoryEntry]:
    """Who did what with this case and its records, when (from the audit trail)."""
    from assessment_app.db.models import ActionPlan, Assessment, Consent, FollowUp

    with ctx.reading() as session:
        case = accessible_case(session, ctx, case_id=case_id)
        ids: set[str] = {case.individual_id}
        for model in (Assessment, ActionPlan, Consent, FollowUp):
            ids.update(session.execute(select(model.id).where(model.case_id == case.id)).scalars())
        return audit.case_history(session, case.id, ids)
