"""The view model refuses values the renderers could not print correctly."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from assessment_app.pdf import (
    DEFAULT_CONFIDENTIALITY_TEXT,
    ActionItem,
    PlanDocument,
    RatingItem,
    sample_plan,
)
from assessment_app.pdf.sample import AREA_IDS


def test_sample_has_all_fourteen_areas_filled() -> None:
    doc = sample_plan()
    assert AREA_IDS == (
        "motivation",
        "safety",
        "protected_identity",
        "housing",
        "network",
        "legal",
        "thinking",
        "substance_use",
        "health",
        "finances",
        "occupation",
        "family",
        "social_network",
        "practical",
    )
    assert tuple(goal.area_id for goal in doc.goals) == AREA_IDS
    assert tuple(rating.area_id for rating in doc.ratings) == AREA_IDS
    assert all(goal.goal_text and goal.actions for goal in doc.goals)
    kinds = {action.responsible_kind for goal in doc.goals for action in goal.actions}
    assert kinds == {"individual", "social_services", "provider", "police", "authority"}
    assert doc.contacts and doc.next_meeting and doc.follow_up_dates and doc.note


def test_sample_limited_to_areas() -> None:
    doc = sample_plan("provider", areas=["housing", "finances"])
    assert [goal.area_id for goal in doc.goals] == ["housing", "finances"]
    assert [rating.area_id for rating in doc.ratings] == ["housing", "finances"]
    assert doc.provider_name


def test_documents_are_frozen() -> None:
    doc = sample_plan()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.protected_identity = True  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes",
    [
        {"review_state": "published"},
        {"audience": "public"},
        {"language": "de"},
        {"plan_version": 0},
    ],
)
def test_invalid_plan_values_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(sample_plan(), **changes)


def test_provider_document_needs_a_provider_name() -> None:
    with pytest.raises(ValueError, match="provider_name"):
        dataclasses.replace(sample_plan("provider"), provider_name="  ")


@pytest.mark.parametrize("value", [-1, 5, True, 2.0, "3"])
def test_ratings_outside_the_scale_are_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        RatingItem(area_id="housing", area_title="Boende", own=value)


def test_missing_rating_is_allowed_and_distinct_from_zero() -> None:
    rating = RatingItem(area_id="housing", area_title="Boende", own=None, worker=0)
    assert rating.own is None
    assert rating.worker == 0


@pytest.mark.parametrize("changes", [{"status": "maybe"}, {"responsible_kind": "neighbour"}])
def test_invalid_action_values_are_refused(changes: dict[str, Any]) -> None:
    values: dict[str, Any] = {
        "what": "Ring",
        "responsible_kind": "individual",
        "responsible_name": "Åsa",
        "due_date": date(2025, 1, 1),
    }
    values.update(changes)
    with pytest.raises(ValueError):
        ActionItem(**values)


def test_printable_address_never_for_protected_identity() -> None:
    doc = sample_plan()
    assert doc.printable_address == doc.individual_address
    protected = dataclasses.replace(doc, protected_identity=True)
    assert protected.individual_address
    assert protected.printable_address is None
    assert dataclasses.replace(doc, individual_address="  ").printable_address is None


def test_blank_confidentiality_text_falls_back_to_default() -> None:
    doc = dataclasses.replace(sample_plan(), confidentiality_text="   ")
    assert doc.marking == DEFAULT_CONFIDENTIALITY_TEXT == "Sekretess enligt 26 kap. 1 § OSL"


def test_address_and_protection_must_be_given() -> None:
    with pytest.raises(TypeError):
        PlanDocument(  # type: ignore[call-arg]
            audience="individual",
            language="sv",
            municipality_name="Kommun",
            case_ref="X",
            printed_on=date(2025, 1, 1),
            plan_version=1,
            review_state="draft",
            individual_name="Åsa Öberg",
        )
