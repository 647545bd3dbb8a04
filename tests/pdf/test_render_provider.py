"""The provider's assignment holds only shared areas, its own tasks and no protected address."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from assessment_app.pdf import ActionItem, GoalItem, sample_plan
from assessment_app.pdf.sample import OTHER_PROVIDER, SAMPLE_PROVIDER

SHARED = ("housing", "finances", "social_network")


def _shared_doc(**changes: Any) -> Any:
    """A provider document with three consented areas but all ratings passed in."""
    full = sample_plan("provider")
    doc = sample_plan("provider", areas=SHARED)
    return dataclasses.replace(doc, ratings=full.ratings, **changes)


def test_only_shared_areas_and_own_tasks(render: Any) -> None:
    full = sample_plan("provider")
    pdf = render(_shared_doc())
    for goal in full.goals:
        shared = goal.area_id in SHARED
        assert pdf.contains(goal.area_title) is shared, goal.area_title
        assert pdf.contains(goal.goal_text) is shared, goal.goal_text
        for action in goal.actions:
            ours = shared and action.responsible_kind == "provider"
            ours = ours and action.responsible_name == SAMPLE_PROVIDER
            assert pdf.contains(action.what) is ours, action.what


def test_other_providers_tasks_are_left_out(render: Any) -> None:
    doc = sample_plan("provider", areas=["occupation"])
    assert any(a.responsible_name == OTHER_PROVIDER for a in doc.goals[0].actions)
    pdf = render(doc)
    assert pdf.contains("Arbete, studier och sysselsättning")
    assert not pdf.contains("Matchning mot praktikplats.")
    assert pdf.contains("Inga uppdrag för er inom det här området.")


def test_task_details_are_printed(render: Any) -> None:
    goal = GoalItem(
        area_id="housing",
        area_title="Boende",
        goal_text="Eget kontrakt.",
        actions=(
            ActionItem(
                what="Följa med på visning",
                responsible_kind="provider",
                responsible_name=f"  {SAMPLE_PROVIDER.upper()} ",
                due_date=sample_plan().printed_on,
                status="in_progress",
                follow_up="Avstämning varje fredag",
                outcome="Två visningar gjorda",
            ),
        ),
    )
    pdf = render(dataclasses.replace(sample_plan("provider"), goals=(goal,)))
    for expected in (
        "Följa med på visning",
        "Avstämning varje fredag",
        "Resultat: Två visningar gjorda",
        "2025-03-12",
        "Pågår",
        "Kontaktperson hos utföraren",
        "Kim Lindqvist",
        "kim.lindqvist@example.se",
        "Uppföljningsdatum",
        "26 april 2025",
        "onsdag 19 mars 2025 kl. 14.00",
    ):
        assert pdf.contains(expected), expected


def test_address_printed_when_not_protected(provider_pdf: Any) -> None:
    assert provider_pdf.contains("Adress: Storgatan 12 B, 196 30 Kungsängen")
    assert not provider_pdf.contains("Skyddad identitet – adress")


def test_protected_identity_address_never_printed(render: Any) -> None:
    doc = sample_plan("provider", protected_identity=True)
    assert doc.individual_address  # passed in anyway: the renderer must drop it
    pdf = render(doc)
    assert pdf.contains("Skyddad identitet – adress lämnas inte ut")
    for part in ("Storgatan", "19630", "Kungsängen", "Adress"):
        assert part not in pdf.compact, part


def test_protected_identity_in_english(render: Any) -> None:
    pdf = render(sample_plan("provider", "en", protected_identity=True))
    assert pdf.contains("Protected identity – address not disclosed")
    assert "Storgatan" not in pdf.compact


def test_ratings_only_for_shared_areas(render: Any) -> None:
    full = sample_plan("provider")
    pdf = render(_shared_doc())
    assert pdf.contains("Skattningar")
    assert pdf.contains("Ju längre ut från mitten")  # three shared areas: a radar
    for rating in full.ratings:
        assert pdf.contains(rating.area_title) is (rating.area_id in SHARED)


def test_no_radar_with_fewer_than_three_shared_areas(render: Any) -> None:
    doc = sample_plan("provider", areas=["housing", "finances"])
    pdf = render(doc)
    assert not pdf.contains("Ju längre ut från mitten")
    assert pdf.contains("Den enskildes skattning")


def test_radar_can_be_switched_off(render: Any) -> None:
    pdf = render(_shared_doc(show_radar=False))
    assert not pdf.contains("Ju längre ut från mitten")


def test_provider_metadata_subject(provider_pdf: Any) -> None:
    meta = provider_pdf.metadata()
    assert meta["/Title"] == "Handlingsplan"
    assert meta["/Subject"] == "Uppdrag till utförare"


def test_provider_english(render: Any) -> None:
    pdf = render(sample_plan("provider", "en", areas=SHARED))
    for expected in (
        "Assignment for the provider",
        f"Provider: {SAMPLE_PROVIDER}",
        "Areas and tasks",
        "Help to make a budget.",
        "Address: Storgatan 12 B",
    ):
        assert pdf.contains(expected), expected
    assert pdf.metadata()["/Subject"] == "Assignment for the provider"


def test_task_named_for_the_contact_person_or_unnamed_is_kept(render: Any) -> None:
    doc = sample_plan("provider", areas=["housing"])
    assert doc.provider_contact is not None
    actions = (
        ActionItem(what="Uppdrag A", responsible_kind="provider", responsible_name=""),
        ActionItem(
            what="Uppdrag B",
            responsible_kind="provider",
            responsible_name=doc.provider_contact.name,
        ),
        ActionItem(what="Uppdrag C", responsible_kind="provider", responsible_name="Annan AB"),
        ActionItem(
            what="Uppdrag D", responsible_kind="social_services", responsible_name=SAMPLE_PROVIDER
        ),
    )
    goal = dataclasses.replace(doc.goals[0], actions=actions)
    pdf = render(dataclasses.replace(doc, goals=(goal,)))
    assert pdf.contains("Uppdrag A")
    assert pdf.contains("Uppdrag B")
    assert not pdf.contains("Uppdrag C")
    assert not pdf.contains("Uppdrag D")


def test_left_out_tasks_are_logged_without_names(
    render: Any, caplog: pytest.LogCaptureFixture
) -> None:
    doc = sample_plan("provider", areas=["occupation"])
    with caplog.at_level("WARNING"):
        render(doc)
    assert "Left 1 provider task(s)" in caplog.text
    assert OTHER_PROVIDER not in caplog.text
    assert "Matchning" not in caplog.text


def _follow_up_part(pdf: Any) -> str:
    text = pdf.text
    start = text.index("Uppföljning och möten")
    return text[start : text.index("Skattningar", start)]


def test_the_meeting_when_and_where_only_when_it_is_in_the_document(render: Any) -> None:
    part = _follow_up_part(render(sample_plan("provider")))
    assert "Nästa möte: onsdag 19 mars 2025 kl. 14.00" in part
    assert "Plats: Socialkontoret, Furuhällsplan 1, rum 12" in part
    # Not shared with this provider (plan_export leaves it out): no line, no "Inga angivna".
    left_out = dataclasses.replace(sample_plan("provider"), next_meeting=None, meeting_place=None)
    part = _follow_up_part(render(left_out))
    assert "Nästa möte" not in part and "Plats" not in part and "Inga angivna" not in part
    assert "Uppföljningsdatum" in part


def test_an_unworded_goal_is_said_not_left_as_a_bare_label(render: Any) -> None:
    goal = GoalItem(area_id="housing", area_title="Boende", goal_text="")
    pdf = render(dataclasses.replace(sample_plan("provider"), goals=(goal,)))
    assert pdf.contains("Mål: (målet är inte formulerat än)")


def test_contacts_of_the_provider_and_of_the_social_services(provider_pdf: Any) -> None:
    text = provider_pdf.text
    start = text.index("Kontaktperson hos utföraren")
    part = text[start : text.index("Områden och uppdrag", start)]
    assert (
        "Kontaktperson: Kim Lindqvist Telefon: 070-123 45 67 · E-post: kim.lindqvist@example.se"
        in part
    )
    assert "Organisationsnummer: 556677-8899" in part  # the provider's own, from the register
    assert "Kontakt hos socialtjänsten" in part
    assert (
        "Socialsekreterare: Johan Ek Telefon: 08-581 690 00 · E-post: johan.ek@example.se" in part
    )
