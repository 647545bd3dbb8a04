"""The engine: visibility, kept hidden answers, missing answers, constraints, urgency,
completion and the per-area summary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assessment_app.templates import (
    AreaRating,
    AreaStatus,
    Question,
    Template,
    area_status,
    evaluate,
)

TODAY = date(2025, 6, 15)


def _valid_answer(question: Question) -> object:
    """A harmless, valid answer for any question (never an urgent one)."""
    safe = {
        "safety_protection_tonight": False,
        "housing_tonight": True,
        "health_suicidal_thoughts": "never",
        "family_children_safe": "safe",
    }
    if question.id in safe:
        return safe[question.id]
    qtype = question.type
    if qtype == "single_choice":
        return question.options[0].value
    if qtype == "multiple_choice":
        return [question.options[0].value]
    if qtype == "yes_no":
        return True
    if qtype == "scale":
        assert question.scale is not None
        return question.scale.min
    if qtype == "date":
        constraint = question.constraint
        return "2030-01-01" if constraint and constraint.not_in_past else "2024-01-01"
    if qtype == "number":
        return 1
    return "Ett svar."


def _fill(template: Template) -> dict[str, object]:
    """Answer every question that becomes visible, until nothing new appears."""
    answers: dict[str, object] = {}
    while True:
        result = evaluate(template, answers, today=TODAY)
        new = {q.id for q in template.all_questions() if q.id in result.visible} - set(answers)
        if not new:
            return answers
        for qid in new:
            answers[qid] = _valid_answer(template.question(qid))


def _rated(template: Template, **overrides: AreaRating) -> dict[str, AreaRating]:
    ratings = {
        a.id: AreaRating(own=1, worker=1, reason="Bedömt i samtalet.") for a in template.areas
    }
    ratings.update(overrides)
    return ratings


# --- visibility ----------------------------------------------------------------------------


def test_follow_up_is_hidden_until_its_condition_holds(tiny_v1: Template) -> None:
    assert "sleep_tonight" not in evaluate(tiny_v1, {}).visible
    assert "sleep_tonight" not in evaluate(tiny_v1, {"housing_type": "own"}).visible
    assert "sleep_tonight" in evaluate(tiny_v1, {"housing_type": "friends"}).visible


def test_hiding_cascades_down_a_chain(shipped: Template) -> None:
    answers: dict[str, object] = {
        "housing_current": "friends",
        "housing_safe": "no",
        "housing_unsafe_why": "Det kommer folk dit.",
    }
    result = evaluate(shipped, answers, today=TODAY)
    assert {"housing_safe", "housing_unsafe_why"} <= result.visible
    # housing_unsafe_why depends on housing_safe, which is hidden for someone with no home
    answers["housing_current"] = "homeless"
    result = evaluate(shipped, answers, today=TODAY)
    assert "housing_safe" not in result.visible
    assert "housing_unsafe_why" not in result.visible
    assert result.hidden_answered == {"housing_safe", "housing_unsafe_why"}


def test_hidden_answers_are_kept_and_marked_not_judged(tiny_v1: Template) -> None:
    answers: dict[str, object] = {"housing_type": "own", "sleep_tonight": "garbage"}
    snapshot = dict(answers)
    result = evaluate(tiny_v1, answers)
    assert answers == snapshot  # nothing is dropped or changed
    assert result.hidden_answered == {"sleep_tonight"}
    assert "sleep_tonight" not in result.violations
    assert result.urgent == []


def test_answers_to_unknown_questions_are_reported(tiny_v1: Template) -> None:
    result = evaluate(tiny_v1, {"old_question": "svar", "blank": ""})
    assert result.unknown_answers == {"old_question"}


def test_shipped_conditional_questions(shipped: Template) -> None:
    def visible(answers: dict[str, object]) -> set[str]:
        return evaluate(shipped, answers, today=TODAY).visible

    assert "substance_injecting" not in visible({"substance_last_30_days": False})
    assert "substance_injecting" in visible({"substance_last_30_days": True})
    assert "substance_injecting" in visible({"substance_earlier_problems": True})
    children = {"family_children_under_18", "family_children_living", "family_children_safe"}
    assert not children & visible({"family_has_children": False})
    assert children <= visible({"family_has_children": True})
    assert "family_children_safe" not in visible(
        {"family_has_children": True, "family_children_under_18": 0}
    )
    assert "contact_source_other" in visible({"contact_source": "other"})
    assert "legal_release_date" in visible({"legal_supervision": "in_custody"})
    assert "finances_debt_pressure" in visible({"finances_debts": ["bank", "criminal"]})
    assert "finances_debt_total" not in visible({"finances_debts": ["none"]})


# --- missing and violations ----------------------------------------------------------------


def test_missing_required_lists_visible_unanswered_in_order(tiny_v1: Template) -> None:
    assert evaluate(tiny_v1, {}).missing_required == ["informed", "housing_type"]
    blanks: dict[str, object] = {"informed": None, "housing_type": "  "}
    assert evaluate(tiny_v1, blanks).missing_required == ["informed", "housing_type"]
    assert evaluate(tiny_v1, {"informed": False, "housing_type": "own"}).missing_required == []


def test_empty_list_is_not_an_answer(shipped: Template) -> None:
    result = evaluate(shipped, {"finances_debts": []}, today=TODAY)
    assert result.progress("finances")[0] == 0


def test_required_questions_are_waived_when_the_area_is_flagged(shipped: Template) -> None:
    result = evaluate(shipped, {}, today=TODAY)
    assert "housing_current" in result.missing_required
    flagged = {"housing": AreaRating(flags={"not_answered"})}
    result = evaluate(shipped, {}, ratings=flagged, today=TODAY)
    assert "housing_current" not in result.missing_required
    assert "informed_about_consent" in result.missing_required  # consent is never waived


@pytest.mark.parametrize(
    ("qid", "value", "message"),
    [
        ("debt_amount", -1, "Ange ett belopp från 0 kronor."),
        ("debt_amount", 20_000_000, "Ange ett belopp från 0 kronor."),
        ("debt_amount", "100", "Svaret ska vara ett tal."),
        ("debt_amount", True, "Svaret ska vara ett tal."),
        ("debt_amount", float("nan"), "Svaret ska vara ett tal."),
        ("housing_type", "castle", "Svaret finns inte bland alternativen."),
        ("housing_type", ["own"], "Svaret finns inte bland alternativen."),
        ("informed", "ja", "Svaret ska vara ja eller nej."),
        ("hobbies", 5, "Svaret ska vara text."),
    ],
)
def test_violations(tiny_v1: Template, qid: str, value: object, message: str) -> None:
    result = evaluate(tiny_v1, {qid: value})
    assert result.violations == {qid: message}
    assert not result.can_complete


def test_number_range_accepts_its_bounds(tiny_v1: Template) -> None:
    assert evaluate(tiny_v1, {"debt_amount": 0}).violations == {}
    assert evaluate(tiny_v1, {"debt_amount": 10_000_000}).violations == {}
    assert evaluate(tiny_v1, {"debt_amount": 2500.5}).violations == {}


def test_violation_messages_in_english(tiny_v1: Template) -> None:
    result = evaluate(tiny_v1, {"debt_amount": -1}, language="en")
    assert result.violations == {"debt_amount": "Enter an amount from 0 kronor."}
    assert result.violation_labels["debt_amount"].sv == "Ange ett belopp från 0 kronor."


def test_date_not_in_future(shipped: Template) -> None:
    base: dict[str, object] = {"safety_threatened": True}

    def violations(day: str) -> dict[str, str]:
        return evaluate(shipped, base | {"safety_latest_incident": day}, today=TODAY).violations

    assert violations("2025-06-15") == {}
    assert violations("2025-06-16") == {
        "safety_latest_incident": "Datumet kan inte ligga i framtiden."
    }
    assert violations("15/6/2025") == {
        "safety_latest_incident": "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-01."
    }
    assert "safety_latest_incident" in violations("2025-02-30")


def test_date_not_in_past_and_earliest(shipped: Template) -> None:
    custody: dict[str, object] = {"legal_supervision": "in_custody"}
    late = evaluate(shipped, custody | {"legal_release_date": "2025-06-14"}, today=TODAY)
    assert "legal_release_date" in late.violations
    ok = evaluate(shipped, custody | {"legal_release_date": "2025-06-15"}, today=TODAY)
    assert ok.violations == {}
    early = evaluate(shipped, {"first_contact_date": "1999-12-31"}, today=TODAY)
    assert early.violations == {
        "first_contact_date": "Ange ett datum från år 2000 fram till i dag."
    }


@pytest.mark.parametrize(
    ("qid", "value", "fragment"),
    [
        ("substance_days", 31, "från 0 till 30"),
        ("substance_days", 2.5, "från 0 till 30"),  # whole days only
        ("health_mental", ["anxiety", "none"], "kan inte väljas tillsammans med andra svar"),
        ("health_mental", ["anxiety", "anxiety"], "Samma alternativ är valt två gånger."),
        ("health_mental", ["anxiety", "flu"], "Svaret finns inte bland alternativen."),
        ("health_mental", "anxiety", "ett eller flera av alternativen"),
        ("motivation_readiness", 11, "Välj ett värde från 0 till 10."),
        ("motivation_readiness", 5.5, "Välj ett värde från 0 till 10."),
        ("contact_source_other", "x" * 201, "högst 200 tecken"),
    ],
)
def test_shipped_constraints(shipped: Template, qid: str, value: object, fragment: str) -> None:
    answers: dict[str, object] = {
        "substance_last_30_days": True,
        "contact_source": "other",
        qid: value,
    }
    result = evaluate(shipped, answers, today=TODAY)
    assert fragment in result.violations[qid]


# --- urgency -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "qid", "area"),
    [
        ({"safety_protection_tonight": True}, "safety_protection_tonight", "safety"),
        ({"housing_tonight": False}, "housing_tonight", "housing"),
        ({"health_suicidal_thoughts": "now"}, "health_suicidal_thoughts", "health"),
        (
            {"family_has_children": True, "family_children_safe": "at_risk"},
            "family_children_safe",
            "family",
        ),
    ],
)
def test_shipped_urgent_answers(
    shipped: Template, answers: dict[str, Any], qid: str, area: str
) -> None:
    result = evaluate(shipped, answers, today=TODAY)
    assert [(item.question_id, item.area_id) for item in result.urgent] == [(qid, area)]
    summary = result.area_summaries[area]
    assert summary.urgent and "urgent" in summary.flags
    assert summary.needs_help
    assert summary.urgent_items[0].message.sv


@pytest.mark.parametrize(
    "answers",
    [
        {"safety_protection_tonight": False},
        {"housing_tonight": True},
        {"health_suicidal_thoughts": "last_month"},
        {"family_has_children": True, "family_children_safe": "unsure"},
        # the children question is hidden when there are no children: its answer is not urgent
        {"family_has_children": False, "family_children_safe": "at_risk"},
    ],
)
def test_non_urgent_answers(shipped: Template, answers: dict[str, Any]) -> None:
    assert evaluate(shipped, answers, today=TODAY).urgent == []


def test_urgent_answer_is_not_silenced_by_not_relevant(shipped: Template) -> None:
    ratings = {"housing": AreaRating(flags={"not_relevant"})}
    result = evaluate(shipped, {"housing_tonight": False}, ratings=ratings, today=TODAY)
    summary = result.area_summaries["housing"]
    assert summary.flags == {"urgent", "not_relevant"}
    assert summary.needs_help


# --- completion and summaries --------------------------------------------------------------


def test_a_fully_answered_and_rated_assessment_can_be_completed(shipped: Template) -> None:
    answers = _fill(shipped)
    result = evaluate(shipped, answers, _rated(shipped), today=TODAY)
    assert result.violations == {}
    assert result.missing_required == []
    assert result.urgent == []
    assert result.can_complete
    assert all(area_status(result, a.id) is AreaStatus.COMPLETE for a in shipped.areas)


def test_completion_needs_answers_ratings_and_reasons(shipped: Template) -> None:
    answers = _fill(shipped)
    ratings = _rated(shipped)

    missing = dict(answers, housing_tonight=None)
    assert evaluate(shipped, missing, ratings, today=TODAY).missing_required == ["housing_tonight"]
    assert not evaluate(shipped, missing, ratings, today=TODAY).can_complete

    unrated = dict(ratings)
    del unrated["legal"]
    result = evaluate(shipped, answers, unrated, today=TODAY)
    assert result.unrated_areas == ["legal"]
    assert not result.can_complete

    no_reason = dict(ratings, legal=AreaRating(own=2, worker=3, reason="  "))
    result = evaluate(shipped, answers, no_reason, today=TODAY)
    assert result.missing_reasons == ["legal"]
    assert not result.area_summaries["legal"].rated
    assert not result.can_complete

    low_without_reason = dict(ratings, legal=AreaRating(own=1, worker=1))
    assert evaluate(shipped, answers, low_without_reason, today=TODAY).can_complete

    moderate_without_reason = dict(ratings, legal=AreaRating(worker=2))
    result = evaluate(shipped, answers, moderate_without_reason, today=TODAY)
    assert result.missing_reasons == ["legal"]

    not_relevant = dict(ratings, legal=AreaRating(flags={"not_relevant"}))
    assert evaluate(shipped, answers, not_relevant, today=TODAY).can_complete

    broken = dict(answers, substance_last_30_days=True, substance_days=99)
    assert not evaluate(shipped, broken, ratings, today=TODAY).can_complete


def test_area_summary(tiny_v1: Template) -> None:
    answers: dict[str, object] = {"housing_type": "friends", "informed": True}
    ratings = {
        "housing": AreaRating(own=3, worker=2, reason="Bor tillfälligt.", flags={"not_answered"}),
        "finances": AreaRating(own=1, worker=1, reason="Små skulder."),
        "leisure": AreaRating(own=4, flags={"not_relevant"}),
    }
    result = evaluate(tiny_v1, answers, ratings)
    housing = result.area_summaries["housing"]
    assert (housing.own, housing.worker, housing.reason) == (3, 2, "Bor tillfälligt.")
    assert housing.flags == {"not_answered"}
    assert (housing.answered, housing.visible) == (1, 2)
    assert housing.needs_help
    assert housing.title.text("en") == "Housing"
    finances = result.area_summaries["finances"]
    assert not finances.needs_help  # 1 is below the threshold
    assert (finances.answered, finances.visible) == (0, 1)
    leisure = result.area_summaries["leisure"]
    assert not leisure.needs_help  # a high own rating in an area marked not relevant
    assert leisure.status is AreaStatus.NOT_RELEVANT
    assert list(result.area_summaries) == ["housing", "finances", "leisure"]


@pytest.mark.parametrize(
    ("rating", "needs_help"),
    [
        (AreaRating(), False),
        (AreaRating(own=2), True),
        (AreaRating(worker=2, reason="x"), True),
        (AreaRating(own=1, worker=1, reason="x"), False),
        (AreaRating(own=0, worker=0, reason="x", flags={"urgent"}), True),
        (AreaRating(own=4, worker=4, reason="x", flags={"not_relevant"}), False),
    ],
)
def test_needs_help(tiny_v1: Template, rating: AreaRating, needs_help: bool) -> None:
    result = evaluate(tiny_v1, {}, {"finances": rating})
    assert result.area_summaries["finances"].needs_help is needs_help


def test_area_status_progression(tiny_v1: Template) -> None:
    def status(answers: dict[str, object], rating: AreaRating | None = None) -> AreaStatus:
        ratings = {"housing": rating} if rating else {}
        return area_status(evaluate(tiny_v1, answers, ratings), "housing")

    assert status({}) is AreaStatus.NOT_STARTED
    assert status({"housing_type": "own"}) is AreaStatus.IN_PROGRESS
    assert status({}, AreaRating(own=2)) is AreaStatus.IN_PROGRESS
    rated = AreaRating(worker=0, reason="Eget boende.")
    assert status({}, rated) is AreaStatus.IN_PROGRESS  # a required question is missing
    assert status({"housing_type": "own"}, rated) is AreaStatus.COMPLETE
    assert status({}, AreaRating(flags={"not_relevant"})) is AreaStatus.NOT_RELEVANT


def test_progress_per_section(tiny_v1: Template) -> None:
    result = evaluate(tiny_v1, {"informed": True, "housing_type": "none"})
    assert result.progress("consent") == (1, 1)
    assert result.progress("housing") == (1, 2)
    assert result.progress("leisure") == (0, 1)
    assert result.progress("nope") == (0, 0)
