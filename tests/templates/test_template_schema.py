"""The template models: labels, lookups and the checks that run when a Template is built."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from assessment_app.templates import (
    QUESTION_TYPES,
    RATING_LABELS,
    AreaRating,
    Label,
    Template,
)


def _question(qid: str, qtype: str = "yes_no", **extra: Any) -> dict[str, Any]:
    return {"id": qid, "type": qtype, "label": f"Fråga {qid}", **extra}


def _data() -> dict[str, Any]:
    return {
        "id": "demo",
        "version": 1,
        "title": {"sv": "Demo", "en": "Demo"},
        "consent": {"title": "Samtycke", "questions": [_question("informed")]},
        "areas": [
            {
                "id": "housing",
                "title": "Boende",
                "help": "Om boendet.",
                "questions": [
                    _question(
                        "housing_type",
                        "single_choice",
                        options=[
                            {"value": "own", "label": "Eget"},
                            {"value": "none", "label": "Inget"},
                        ],
                    ),
                    _question("tonight", show_if='housing_type == "none"'),
                ],
            },
            {
                "id": "money",
                "title": {"sv": "Ekonomi", "en": "Money"},
                "help": "Om pengar.",
                "questions": [_question("debt", "number")],
            },
        ],
    }


def _errors(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        Template.model_validate(data)
    return str(caught.value)


def test_label_falls_back_to_swedish() -> None:
    both = Label(sv="Boende", en="Housing")
    only_sv = Label(sv="Boende")
    blank_en = Label(sv="Boende", en="  ")
    assert both.text("en") == "Housing"
    assert both.text("en-GB") == "Housing"
    assert both.text("sv") == "Boende"
    assert both.text("fi") == "Boende"
    assert only_sv.text("en") == "Boende"
    assert blank_en.text("en") == "Boende"


def test_label_accepts_plain_text_as_swedish() -> None:
    assert Label.model_validate("Hej") == Label(sv="Hej", en=None)


@pytest.mark.parametrize("bad", [{"sv": ""}, {"sv": "   "}, {"en": "Only English"}, 5])
def test_label_needs_swedish_text(bad: object) -> None:
    with pytest.raises(ValidationError):
        Label.model_validate(bad)


def test_lookups_and_question_order() -> None:
    template = Template.model_validate(_data())
    assert [q.id for q in template.all_questions()] == [
        "informed",
        "housing_type",
        "tonight",
        "debt",
    ]
    assert template.area("money").title.text("en") == "Money"
    assert template.question("tonight").show_if == 'housing_type == "none"'
    assert template.question("informed").type == "yes_no"
    assert template.section_of("informed") == "consent"
    assert template.section_of("debt") == "money"
    assert template.area_ids() == ["housing", "money"]
    assert template.key == ("demo", 1)
    with pytest.raises(KeyError):
        template.question("nope")
    with pytest.raises(KeyError):
        template.area("nope")


def test_visibility_order_puts_dependencies_first() -> None:
    data = _data()
    # an earlier question depends on a later one: the engine must evaluate the later one first
    data["consent"]["questions"][0]["show_if"] = "debt > 0"
    template = Template.model_validate(data)
    order = template.visibility_order()
    assert order.index("debt") < order.index("informed")
    assert order.index("housing_type") < order.index("tonight")


def test_fingerprint_is_stable_and_changes_with_content() -> None:
    first = Template.model_validate(_data())
    again = Template.model_validate(_data())
    changed_data = _data()
    changed_data["areas"][1]["questions"][0]["label"] = "Hur mycket skulder?"
    assert first.fingerprint() == again.fingerprint()
    assert Template.model_validate(changed_data).fingerprint() != first.fingerprint()


def test_question_types_are_the_documented_eight() -> None:
    assert set(QUESTION_TYPES) == {
        "single_choice",
        "multiple_choice",
        "yes_no",
        "scale",
        "short_text",
        "long_text",
        "date",
        "number",
    }


def _mutated(path: list[str | int], value: object) -> dict[str, Any]:
    data = copy.deepcopy(_data())
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


Q1 = ["areas", 0, "questions", 1]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["areas", 0, "questions", 0, "type"], "dropdown", "unknown question type 'dropdown'"),
        ([*Q1, "requierd"], True, "Extra inputs are not permitted"),
        ([*Q1, "id"], "Tonight", "'Tonight' is not a valid id"),
        ([*Q1, "id"], "housing_type", "duplicate question id 'housing_type'"),
        ([*Q1, "id"], "informed", "duplicate question id 'informed'"),
        (["areas", 1, "id"], "housing", "duplicate area id 'housing'"),
        (["areas", 1, "id"], "consent", "duplicate area id 'consent'"),
        ([*Q1, "show_if"], "housing_typ == 'none'", "unknown question 'housing_typ'"),
        ([*Q1, "show_if"], "housing_type == 'nne'", "'nne' is not an option of 'housing_type'"),
        ([*Q1, "show_if"], "tonight", "condition cycle: tonight -> tonight"),
        ([*Q1, "show_if"], "housing_type ==", "invalid condition: expected a value"),
        ([*Q1, "options"], [{"value": "a", "label": "A"}], "a yes_no question has no options"),
        ([*Q1, "scale"], {"min": 0, "max": 4}, "a yes_no question has no scale"),
        ([*Q1, "type"], "scale", "a scale question needs 'scale'"),
        (["areas", 1, "questions", 0, "constraint"], {"message": "x"}, "constraint has no rule"),
        (
            ["areas", 1, "questions", 0, "constraint"],
            {"max_length": 3, "message": "x"},
            "'max_length' does not apply to number",
        ),
        (
            ["areas", 1, "questions", 0, "constraint"],
            {"min": 10, "max": 1, "message": "x"},
            "min (10) is larger than max (1)",
        ),
        (
            [*Q1, "safety_critical"],
            {"urgent_when": "tonight == 'no'", "message": "Akut"},
            "'tonight' is a yes/no question; compare it with true or false",
        ),
        (["version"], 0, "greater than or equal to 1"),
        (["version"], "1", "Input should be a valid integer"),
        (["areas"], [], "at least 1 item"),
    ],
)
def test_invalid_templates_are_refused(path: list[str | int], value: object, message: str) -> None:
    assert message in _errors(_mutated(path, value))


def test_choice_questions_need_distinct_options() -> None:
    options = [{"value": "own", "label": "Eget"}, {"value": "own", "label": "Eget igen"}]
    assert "duplicate option value 'own'" in _errors(
        _mutated(["areas", 0, "questions", 0, "options"], options)
    )
    assert "needs at least 2 options" in _errors(
        _mutated(["areas", 0, "questions", 0, "options"], options[:1])
    )
    exclusive = [{"value": "own", "label": "Eget", "exclusive": True}, options[1] | {"value": "b"}]
    assert "only multiple_choice options can be exclusive" in _errors(
        _mutated(["areas", 0, "questions", 0, "options"], exclusive)
    )


def test_a_longer_cycle_is_named_in_order() -> None:
    data = _data()
    questions = data["areas"][1]["questions"]
    questions.append(_question("first", show_if="second"))
    questions.append(_question("second", show_if="third"))
    questions.append(_question("third", show_if="first"))
    assert "condition cycle: first -> second -> third -> first" in _errors(data)


def test_scale_checks_its_range() -> None:
    scale_q = _question("mood", "scale", scale={"min": 5, "max": 5})
    data = _data()
    data["areas"][1]["questions"].append(scale_q)
    assert "must be smaller than max" in _errors(data)
    scale_q["scale"] = {"min": 0, "max": 4, "labels": {7: "Sju"}}
    assert "scale labels outside 0..4: [7]" in _errors(data)


def test_reason_threshold_is_configurable() -> None:
    data = _data()
    data["areas"][1]["rating"] = {"reason_required_from": None}
    data["areas"][0]["rating"] = {"reason_required_from": 0}
    template = Template.model_validate(data)
    assert not template.area("money").rating.needs_reason(4)
    assert template.area("housing").rating.needs_reason(0)
    assert not template.area("housing").rating.needs_reason(None)
    default = Template.model_validate(_data()).area("money").rating
    assert (default.needs_reason(1), default.needs_reason(2)) == (False, True)
    data["areas"][1]["rating"] = {"reason_required_from": 5}
    assert "less than or equal to 4" in _errors(data)


def test_area_rating_validates_range_and_flags() -> None:
    rating = AreaRating(own=0, worker=4, reason="Har inget boende.", flags={"urgent"})
    assert rating.is_rated
    assert not AreaRating(own=3).is_rated
    assert AreaRating(flags={"not_relevant"}).is_rated
    with pytest.raises(ValidationError):
        AreaRating(worker=5)
    with pytest.raises(ValidationError):
        AreaRating(own=-1)
    with pytest.raises(ValidationError, match="unknown flag"):
        AreaRating(flags={"later"})
    with pytest.raises(ValidationError):
        AreaRating.model_validate({"worker": True})
    assert AreaRating.model_validate_json('{"own": 2, "flags": ["not_answered"]}').flags == {
        "not_answered"
    }


def test_rating_labels_cover_the_scale_in_both_languages() -> None:
    assert sorted(RATING_LABELS) == [0, 1, 2, 3, 4]
    assert RATING_LABELS[0].text("sv") == "Inget behov av stöd"
    assert RATING_LABELS[4].text("en") == "Very great need"
    assert all(label.en for label in RATING_LABELS.values())
