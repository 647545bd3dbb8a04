"""The view model a PDF is built from: plain, frozen data and nothing else.

The database side fills it (and filters it to consent for a provider); the renderers only read
it. Keyword-only construction keeps call sites readable. The fields that decide what must never
be printed (``individual_address``, ``protected_identity``) have no default on purpose: a caller
has to decide them.

Invalid values (an unknown review state, a rating outside 0–4) raise ``ValueError``: they are
programming errors on the filling side, not something a user can fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final, Literal, get_args

Audience = Literal["individual", "provider"]
Language = Literal["sv", "en"]
ResponsibleKind = Literal["individual", "social_services", "provider", "police", "authority"]

REVIEW_STATES: Final = ("draft", "submitted", "approved", "returned")
ACTION_STATUSES: Final = ("planned", "in_progress", "done", "cancelled")
RATING_MIN: Final = 0
RATING_MAX: Final = 4

DEFAULT_CONFIDENTIALITY_TEXT: Final = "Sekretess enligt 26 kap. 1 § OSL"


def _check_choice(value: object, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class ContactItem:
    """Who to contact; a blank phone, e-mail or address is left out (never a bare label)."""

    role: str
    name: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None  # an office's visiting address, never a person's home
    org_number: str | None = None  # an organisation's (a provider's), never a personnummer
    office: bool = False  # the unit (an office), not a person: named when nothing else is given

    @property
    def reachable(self) -> bool:
        """A phone number or an e-mail address to use."""
        return bool((self.phone or "").strip() or (self.email or "").strip())


@dataclass(frozen=True, kw_only=True, slots=True)
class ActionItem:
    what: str
    responsible_kind: ResponsibleKind
    responsible_name: str
    due_date: date | None = None
    status: str = "planned"
    follow_up: str | None = None
    outcome: str | None = None

    def __post_init__(self) -> None:
        _check_choice(self.responsible_kind, get_args(ResponsibleKind), "responsible_kind")
        _check_choice(self.status, ACTION_STATUSES, "status")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoalItem:
    area_id: str
    area_title: str
    goal_text: str
    actions: tuple[ActionItem, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class RatingItem:
    """Need of help in one area on the 0–4 scale; ``None`` means not rated (not the same as 0)."""

    area_id: str
    area_title: str
    own: int | None = None
    worker: int | None = None

    def __post_init__(self) -> None:
        for name in ("own", "worker"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{name} rating must be an int or None; got {value!r}")
            if not RATING_MIN <= value <= RATING_MAX:
                raise ValueError(
                    f"{name} rating must be between {RATING_MIN} and {RATING_MAX}; got {value}"
                )


@dataclass(frozen=True, kw_only=True, slots=True)
class PlanDocument:
    """Everything one printed plan shows.

    For ``audience="provider"`` the caller has already reduced ``goals``, ``ratings``,
    ``contacts`` and ``note`` to what the individual consented to share with that provider.
    The provider renderer still prints only actions with ``responsible_kind="provider"`` whose
    ``responsible_name`` is blank, ``provider_name`` or the provider contact's name; ratings
    only of areas that appear in ``goals``; and never an address when ``protected_identity``.
    """

    audience: Audience
    language: Language
    municipality_name: str
    case_ref: str
    printed_on: date
    plan_version: int
    review_state: str
    individual_name: str
    individual_address: str | None
    protected_identity: bool
    # The individual's phone; printed (with the address) only on a provider's copy whose
    # consent includes contact details, never for a protected identity.
    individual_phone: str | None = None
    # Contact details withheld from a provider for want of a consent item: a line says so.
    contact_withheld: bool = False
    logo_path: Path | None = None
    confidentiality_text: str = DEFAULT_CONFIDENTIALITY_TEXT
    goals: tuple[GoalItem, ...] = ()
    contacts: tuple[ContactItem, ...] = ()
    next_meeting: datetime | None = None
    meeting_place: str | None = None  # where; with no time, what was written about the meeting
    follow_up_dates: tuple[date, ...] = ()
    ratings: tuple[RatingItem, ...] = ()
    areas_left_out: int = 0  # areas neither rated nor with a goal, not printed (the individual's)
    show_radar: bool = True
    provider_name: str | None = None
    provider_contact: ContactItem | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        _check_choice(self.audience, get_args(Audience), "audience")
        _check_choice(self.language, get_args(Language), "language")
        _check_choice(self.review_state, REVIEW_STATES, "review_state")
        if self.plan_version < 1:
            raise ValueError(f"plan_version must be 1 or more; got {self.plan_version}")
        if self.audience == "provider" and not (self.provider_name or "").strip():
            raise ValueError("a provider document needs provider_name")

    @property
    def printable_address(self) -> str | None:
        """The address if it may be printed at all; never for a protected identity."""
        if self.protected_identity:
            return None
        address = (self.individual_address or "").strip()
        return address or None

    @property
    def printable_phone(self) -> str | None:
        """The phone if it may be printed at all; never for a protected identity."""
        if self.protected_identity:
            return None
        phone = (self.individual_phone or "").strip()
        return phone or None

    @property
    def is_draft(self) -> bool:
        """Not (yet) a decided plan: every page carries the draft watermark."""
        return self.review_state != "approved"

    @property
    def marking(self) -> str:
        """The confidentiality marking; a blank one falls back to the default, never to none."""
        return self.confidentiality_text.strip() or DEFAULT_CONFIDENTIALITY_TEXT
