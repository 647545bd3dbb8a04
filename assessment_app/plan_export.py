"""From a stored plan to the printed PDFs, under the rules of consent and protection.

- The individual's document shows the whole current plan, in plain language.
- A provider's document shows only the areas the individual consented to share with that
  provider (valid today) and only the actions assigned to it. Without a valid consent the
  export is refused. A protected identity's address is never put into any document.
- A provider's document is made only from an approved plan; an explicit override needs a
  stated reason (``unapproved_reason``), which the use case seals on the plan and audits.
  Every page of a plan that is not approved carries the "UTKAST – inte beslutad" watermark.
- The individual's contact details (address, phone) go to a provider only when the valid
  consent for that provider has its own item for them (``includes_contact``), and never for
  a protected identity.
- Every export is audited (case id, audience, provider id; never names).
- Contacts: the case's worker (name, work phone, e-mail) and the case's unit (its name, phone,
  e-mail, visiting address; the installation's phone when the unit has none); for a provider
  also its own contact from the register (person, phone, e-mail, organisation number). Details
  that are not given are left out; with no phone and no e-mail at all the individual's copy
  says to ask for the unit by name.
- The next meeting prints for the individual; for a provider only when the plan says the
  providers take part (``meeting_with_providers``): the time and place of a person's meeting
  with the social services is not shared with a provider that is not in it.
- The individual's copy shows only the areas that were rated or have a goal.

:func:`build_document` reads in the caller's transaction; the use-case layer
(``workspace.documents``) runs it as one read and audits the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, cast

from sqlalchemy import func, select

from assessment_app.db.models import Case, Unit, User
from assessment_app.errors import ConsentMissingError, NotFoundError, PlanNotApprovedError
from assessment_app.pdf import (
    ActionItem,
    ContactItem,
    GoalItem,
    PlanDocument,
    RatingItem,
    labels,
)
from assessment_app.records import (
    assessments,
    cases,
    consents,
    contacts,
    followups,
    plans,
    providers,
)
from assessment_app.settings import PrintSettings, load_print_settings
from assessment_app.templates import Template, default_registry

if TYPE_CHECKING:
    from assessment_app.workspace.unit import UnitOfWork

Audience = Literal["individual", "provider"]
ResponsibleKind = Literal["individual", "social_services", "provider", "police", "authority"]
Language = Literal["sv", "en"]


@dataclass(frozen=True)
class BuiltDocument:
    document: PlanDocument
    case_id: str
    provider_id: str | None
    omitted_actions: int  # the provider's actions outside the consented areas, left out
    plan_id: str = ""
    unapproved_reason: str | None = None  # a provider's copy of a plan not approved: why


def current_plan(uow: UnitOfWork, case_id: str) -> plans.PlanInfo:
    """The plan that is in force: the newest version that is not superseded."""
    row = plans.current_plan_row(uow, case_id)
    if row is None:
        raise NotFoundError(
            "The case has no action plan yet.", "Ärendet har ingen handlingsplan än."
        )
    uow.register_plan(row)
    return plans.infos(uow, [row])[0]


def _template_for(
    uow: UnitOfWork, plan: plans.PlanInfo
) -> tuple[Template, dict[str, dict[str, Any]]]:
    registry = default_registry()
    if plan.assessment_id:
        a = assessments.get_assessment(uow, plan.assessment_id)
        return registry.get(a.template_id, a.template_version), a.ratings
    return registry.latest("kartlaggning-avhopp"), {}


def _contacts(
    uow: UnitOfWork, case_id: str, settings: PrintSettings, language: Language
) -> tuple[ContactItem, ...]:
    """The case's worker and unit, as printed (one statement): what is blank is left out."""
    row = uow.session.execute(
        select(User, Unit)
        .select_from(Case)
        .outerjoin(User, User.id == Case.assigned_user_id)
        .outerjoin(Unit, Unit.id == func.coalesce(Case.unit_id, User.unit_id))
        .where(Case.id == case_id)
    ).first()
    user, unit = (row[0], row[1]) if row is not None else (None, None)
    out: list[ContactItem] = []
    if user is not None:
        name = uow.open("users", "display_name_enc", user.id, user.display_name_enc)
        mine = contacts.worker_contact_of(uow, user)
        out.append(
            ContactItem(
                role=_t(language, "role_worker"),
                name=str(name) if name else user.username,
                phone=mine.phone or None,
                email=mine.email or None,
            )
        )
    office = contacts.unit_contact_of(unit) if unit is not None else None
    phone = (office.phone if office else "") or settings.contact_phone.strip()
    # The unit is named even with nothing stored: the individual's copy then says to ask for
    # it by name rather than promise a phone number that is not there.
    if phone or office is not None:
        out.append(
            ContactItem(
                role=_t(language, "role_unit"),
                name=office.name if office else settings.municipality_name,
                phone=phone or None,
                email=(office.email if office else "") or None,
                address=(office.visiting_address if office else "") or None,
                office=True,
            )
        )
    return tuple(out)


def _t(language: Language, key: str) -> str:
    return labels.text(language, key)


def _goal_text(text: str, area_title: str) -> str:
    """The goal as worded, without the "Mål för boende: " that older plans were prefilled with
    (the area's name is the goal's heading on paper)."""
    prefix = f"mål för {area_title}:".casefold()
    stripped = text.strip()
    if stripped.casefold().startswith(prefix):
        return stripped[len(prefix) :].strip()
    return stripped


def _provider_contact(provider: providers.ProviderInfo, language: Language) -> ContactItem | None:
    """The provider's contact from the register: the person (or the provider), phone, e-mail
    and the provider's organisation number."""
    if not (provider.contact_person or provider.phone or provider.email or provider.org_number):
        return None
    return ContactItem(
        role="Kontaktperson" if language == "sv" else "Contact",
        name=provider.contact_person or provider.name,
        phone=provider.phone or None,
        email=provider.email or None,
        org_number=provider.org_number or None,
    )


def _phone(info: cases.IndividualInfo) -> str | None:
    if info.protected:
        return None
    return info.contact.phone.strip() or None


def _address(info: cases.IndividualInfo) -> str | None:
    if info.protected:
        return None
    c = info.contact
    line2 = " ".join(x for x in (c.postal_code, c.city) if x)
    text = ", ".join(x for x in (c.address, line2) if x)
    return text or None


def build_document(
    uow: UnitOfWork,
    case_ref: str,
    audience: Audience,
    *,
    provider_name: str | None = None,
    language: Language = "sv",
    settings: PrintSettings | None = None,
    today: date | None = None,
    unapproved_reason: str | None = None,
) -> BuiltDocument:
    """The view model for one PDF, filtered to consent for a provider. A provider's copy of
    a plan that is not approved is refused (:class:`PlanNotApprovedError`) unless
    ``unapproved_reason`` says why it is needed now."""
    settings = settings or load_print_settings()
    today = today or date.today()
    info = cases.open_case(uow, case_ref)
    plan = current_plan(uow, info.id)
    template, ratings = _template_for(uow, plan)
    titles = {a.id: a.title.text(language) for a in template.areas}
    provider_id: str | None = None
    provider = None
    scope: set[str] | None = None
    with_contact = audience == "individual"
    reason = (unapproved_reason or "").strip() or None
    if audience != "provider" or plan.review_state == "approved":
        reason = None  # nothing to override
    if audience == "provider":
        if not provider_name:
            raise NotFoundError(
                "Name the provider the document is for.", "Ange vilken utförare dokumentet gäller."
            )
        provider = providers.get_provider(uow, name=provider_name)
        provider_id = provider.id
        consent = consents.valid_provider_consent(uow, info.id, provider.id, on=today)
        if consent is None:
            raise ConsentMissingError(
                f"There is no valid consent to share information with {provider.name}; "
                "nothing was exported.",
                f"Det finns inget giltigt samtycke till att lämna uppgifter till {provider.name}; "
                "inget dokument skapades.",
            )
        scope = set(consent.scope_areas)
        with_contact = consent.includes_contact
        if plan.review_state != "approved" and reason is None:
            raise PlanNotApprovedError(
                "The plan is not approved: a provider's document is made only from an approved "
                "plan, or with a stated reason for making it now.",
                "Planen är inte beslutad: ett dokument till en utförare görs bara av en godkänd "
                "plan, eller med ett angivet skäl till att det behövs nu.",
            )
    provider_names = {p.id: p.name for p in providers.list_providers(uow, include_inactive=True)}
    goal_items: list[GoalItem] = []
    omitted = 0
    goal_area = {g.id: g.area_id for g in plan.goals}
    for goal in plan.goals:
        if scope is not None and goal.area_id not in scope:
            continue
        acts = []
        for a in plan.actions:
            if a.goal_id != goal.id:
                continue
            if provider_id is not None and a.provider_id != provider_id:
                continue
            name = a.responsible_name or (
                provider_names.get(a.provider_id or "", "")
                if a.responsible_kind == "provider"
                else ""
            )
            kind = cast(ResponsibleKind, a.responsible_kind)
            acts.append(
                ActionItem(
                    what=a.what,
                    responsible_kind=kind,
                    responsible_name=name,
                    due_date=a.due_on,
                    status=a.status,
                    follow_up=a.follow_up or None,
                    outcome=a.outcome or None,
                )
            )
        if provider_id is not None and not acts:
            continue
        title = titles.get(goal.area_id, goal.area_id)
        goal_items.append(
            GoalItem(
                area_id=goal.area_id,
                area_title=title,
                goal_text=_goal_text(goal.text, title),
                actions=tuple(acts),
            )
        )
    if provider_id is not None:
        omitted = sum(
            1
            for a in plan.actions
            if a.provider_id == provider_id
            and (a.goal_id is None or goal_area.get(a.goal_id) not in (scope or set()))
        )
    goal_areas = {g.area_id for g in goal_items}
    all_ratings = [
        RatingItem(
            area_id=a.id,
            area_title=titles[a.id],
            own=ratings.get(a.id, {}).get("own"),
            worker=ratings.get(a.id, {}).get("worker"),
        )
        for a in template.areas
        if scope is None or a.id in goal_areas
    ]
    # The individual's copy: only what was talked about (rated, or with a goal), never a page
    # of "Inte skattat".
    rating_items = tuple(
        r
        for r in all_ratings
        if audience == "provider"
        or r.own is not None
        or r.worker is not None
        or r.area_id in goal_areas
    )
    meeting_shown = audience == "individual" or plan.meeting_with_providers
    dates = tuple(
        sorted(
            {f.due_on for f in followups.list_for_case(uow, info.id) if f.done_on is None}
            | ({plan.follow_up_on} if plan.follow_up_on else set())
        )
    )
    document = PlanDocument(
        audience=audience,
        language=language,
        municipality_name=settings.municipality_name,
        logo_path=settings.logo_path,
        confidentiality_text=settings.confidentiality_text,
        case_ref=info.case_ref,
        printed_on=today,
        plan_version=plan.plan_version,
        review_state=plan.review_state,
        individual_name=info.individual.name,
        individual_address=_address(info.individual) if with_contact else None,
        individual_phone=_phone(info.individual)
        if audience == "provider" and with_contact
        else None,
        contact_withheld=audience == "provider"
        and not with_contact
        and not info.individual.protected
        and bool(_address(info.individual) or _phone(info.individual)),
        protected_identity=info.individual.protected,
        goals=tuple(goal_items),
        contacts=_contacts(uow, info.id, settings, language),
        next_meeting=plan.meeting_at if meeting_shown else None,
        meeting_place=(plan.meeting_place or None) if meeting_shown else None,
        follow_up_dates=dates,
        ratings=rating_items,
        areas_left_out=len(all_ratings) - len(rating_items),
        show_radar=audience == "individual"
        and any(r.own is not None or r.worker is not None for r in rating_items),
        provider_name=provider.name if provider else None,
        provider_contact=_provider_contact(provider, language) if provider else None,
        note=(plan.note or None) if audience == "individual" else None,
    )
    return BuiltDocument(document, info.id, provider_id, omitted, plan.id, reason)


def audit_detail(built: BuiltDocument, channel: str = "save") -> str:
    """The audit entry's detail for an export: ``channel`` is how it left ("save"/"print")."""
    detail = f"plan-pdf {built.document.audience} v{built.document.plan_version}"
    if channel != "save":
        detail += f" {channel}"
    if built.provider_id:
        detail += f" provider={built.provider_id}"
    if built.unapproved_reason:
        detail += f" unapproved={built.document.review_state}"
    return detail
