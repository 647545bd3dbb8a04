"""The incremental interview state: always equal to a full ``evaluate``, reports what changed,
and does work in proportion to what an answer can reach, not to the template."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from assessment_app.resources import resource_path
from assessment_app.templates import (
    AreaRating,
    EngineResult,
    Question,
    Template,
    conditions,
    evaluate,
    load_template,
)
from assessment_app.templates.conditions import (
    And,
    Compare,
    In,
    ListLit,
    Lit,
    Node,
    Not,
    Or,
    parse,
    references,
)
from assessment_app.templates.incremental import (
    Change,
    InterviewState,
    build_dependency_map,
    dependency_map,
)

TODAY = date(2025, 6, 15)

# A small template with a three-deep show_if chain (a1 -> a2 -> a3 -> a4), urgent conditions
# inside the chain and across areas, a required question, rules, and a reason threshold.
SYNTHETIC_YAML = """\
id: chain
version: 1
title: Kedja
consent:
  title: Samtycke
  questions:
    - id: c_ok
      type: yes_no
      required: true
      label: Går du med på det?
      safety_critical:
        urgent_when: "c_ok == false and b_flag"
        message: Nej till samtycke och flagga.
areas:
  - id: chain
    title: Kedja
    help: En kedja av villkor.
    rating:
      reason_required_from: 3
    questions:
      - id: a1
        type: yes_no
        required: true
        label: Första?
      - id: a2
        type: single_choice
        required: true
        label: Andra?
        show_if: "a1"
        options:
          - {value: x, label: X}
          - {value: y, label: Y}
        safety_critical:
          urgent_when: "c_ok == false"
          message: Andra och nej till samtycke.
      - id: a3
        type: number
        label: Tredje?
        show_if: 'a2 == "x"'
        constraint:
          min: 0
          max: 10
          message: Från 0 till 10.
        safety_critical:
          urgent_when: "a3 > 8"
          message: För högt.
      - id: a4
        type: long_text
        required: true
        label: Fjärde?
        show_if: "a3 > 5"
        safety_critical:
          urgent_when: "answered(a4)"
          message: Fjärde besvarad.
  - id: other
    title: Annat
    help: Frågor utan kedja.
    questions:
      - id: b_flag
        type: yes_no
        label: Flagga?
        safety_critical:
          urgent_when: 'b_flag and a2 == "y"'
          message: Flagga och y.
      - id: b_note
        type: short_text
        required: true
        label: Anteckning?
        constraint:
          min_length: 3
          message: Minst tre tecken.
      - id: b_when
        type: date
        label: När?
        constraint:
          not_in_future: true
          message: Inte i framtiden.
  - id: empty_rules
    title: Tom
    help: Ett område med en fråga.
    questions:
      - id: d_many
        type: multiple_choice
        label: Vilka?
        options:
          - {value: p, label: P}
          - {value: q, label: Q}
          - {value: none, label: Inget, exclusive: true}
        constraint:
          max_selected: 2
          message: Högst två.
"""


@cache
def _synthetic() -> Template:
    return Template.model_validate(yaml.safe_load(SYNTHETIC_YAML))


@cache
def _shipped() -> Template:
    # loaded here rather than through a fixture, so hypothesis examples print briefly
    return load_template(resource_path("templates", "kartlaggning-avhopp-v1.yaml"))


TEMPLATES = {"synthetic": _synthetic, "shipped": _shipped}

# Answers that open the follow-up questions (and some urgency), to start random edits from.
OPENING: dict[str, dict[str, object]] = {
    "synthetic": {"a1": True, "a2": "x", "a3": 9, "a4": "Något.", "b_flag": True, "c_ok": False},
    "shipped": {
        "contact_source": "other",
        "agreement_no_crime": False,
        "motivation_earlier_attempts": True,
        "safety_threatened": True,
        "safety_protection_tonight": True,
        "pi_status": "none",
        "pi_need_to_move": "yes",
        "housing_current": "friends",
        "housing_safe": "no",
        "housing_tonight": False,
        "network_belonged": "group",
        "legal_ongoing": ["suspect"],
        "legal_supervision": "in_custody",
        "substance_last_30_days": True,
        "health_conditions": True,
        "health_suicidal_thoughts": "now",
        "finances_debts": ["criminal"],
        "family_has_children": True,
        "family_children_under_18": 2,
        "family_children_safe": "at_risk",
    },
}


# --- values worth trying -------------------------------------------------------------------


def _literals(node: Node) -> Iterator[object]:
    if isinstance(node, And | Or):
        for operand in node.operands:
            yield from _literals(operand)
    elif isinstance(node, Not):
        yield from _literals(node.operand)
    elif isinstance(node, Compare | In):
        for side in (node.left, node.right):
            if isinstance(side, Lit):
                yield side.value
            elif isinstance(side, ListLit):
                yield from (item.value for item in side.items)


def _condition_literals(template: Template) -> dict[str, tuple[object, ...]]:
    """Question id -> the literals of the conditions that read it (the values that matter)."""
    found: dict[str, list[object]] = {}
    for question in template.all_questions():
        texts = [question.show_if]
        if question.safety_critical is not None:
            texts.append(question.safety_critical.urgent_when)
        for text in texts:
            if text is not None:
                node = parse(text)
                for name in references(node):
                    found.setdefault(name, []).extend(_literals(node))
    return {name: tuple(dict.fromkeys(values)) for name, values in found.items()}


JUNK: list[object] = [
    None,
    "",
    "   ",
    [],
    ["not_an_option"],
    {"a": 1},
    "text",
    "2024-02-30",
    "2030-01-01",
    "2024-01-01",
    -1,
    0,
    2.5,
    10**400,
    True,
    False,
]


def _values_for(question: Question, literals: tuple[object, ...]) -> st.SearchStrategy[object]:
    """Valid answers, answers that open or close conditions, answers that break rules, junk."""
    options = [o.value for o in question.options]
    typed: list[st.SearchStrategy[object]] = [st.sampled_from(JUNK)]
    if options:
        typed.append(st.sampled_from(options))
        typed.append(st.lists(st.sampled_from(options), max_size=3))
    if question.type == "yes_no":
        typed.append(st.booleans())
    if question.type in ("number", "scale"):
        typed.append(st.integers(min_value=-2, max_value=12))
    if question.type in ("short_text", "long_text"):
        typed.append(st.text(alphabet="ab ", max_size=5))
    if literals:  # twice as likely: these open and close follow-ups and urgency
        typed.extend([st.sampled_from(literals)] * 2)
    return st.one_of(typed)


@cache
def _answer_values(name: str) -> dict[str, st.SearchStrategy[object]]:
    """Question id -> the values to try for it, per template (built once)."""
    template = TEMPLATES[name]()
    literals = _condition_literals(template)
    return {q.id: _values_for(q, literals.get(q.id, ())) for q in template.all_questions()}


@cache
def _involved(name: str) -> list[str]:
    """Questions a condition reads or that have a condition: where the interesting edits are."""
    template = TEMPLATES[name]()
    read = set(_condition_literals(template))
    return [
        q.id
        for q in template.all_questions()
        if q.id in read or q.show_if is not None or q.safety_critical is not None
    ]


ratings_strategy = st.builds(
    AreaRating,
    own=st.none() | st.integers(min_value=0, max_value=4),
    worker=st.none() | st.integers(min_value=0, max_value=4),
    reason=st.sampled_from(["", "  ", "Bedömt i samtalet."]),
    flags=st.sets(st.sampled_from(["urgent", "not_relevant", "not_answered"])),
)


# --- what a change should report, from two full evaluations --------------------------------


def _section_questions(template: Template, section_id: str) -> list[str]:
    if section_id == template.consent.id:
        return [q.id for q in template.consent.questions]
    return [q.id for q in template.area(section_id).questions]


def _section_ids(template: Template) -> list[str]:
    return [template.consent.id, *template.area_ids()]


def _section_view(template: Template, result: EngineResult, section_id: str) -> tuple[Any, ...]:
    qids = _section_questions(template, section_id)
    return (
        result.progress(section_id),
        [q for q in qids if q in result.visible],
        [q for q in result.missing_required if q in qids],
        [(q, result.violation_labels[q]) for q in qids if q in result.violation_labels],
        [item for item in result.urgent if item.area_id == section_id],
        result.area_summaries.get(section_id),
        section_id in result.missing_reasons,
    )


def _question_view(result: EngineResult, qid: str) -> tuple[Any, ...]:
    urgent = [item.message for item in result.urgent if item.question_id == qid]
    return (
        qid in result.visible,
        result.violation_labels.get(qid),
        qid in result.missing_required,
        urgent,
    )


def _check_change(
    template: Template,
    before: EngineResult,
    after: EngineResult,
    change: Change,
    answered: str | None = None,
) -> None:
    """The change names exactly what differs (plus, for an answer, the question and its
    section, which always repaint)."""
    sections = {
        s
        for s in _section_ids(template)
        if _section_view(template, before, s) != _section_view(template, after, s)
    }
    qids = [q.id for q in template.all_questions()]
    questions = {q for q in qids if _question_view(before, q) != _question_view(after, q)}
    if answered is not None and template.has_question(answered):
        sections.add(template.section_of(answered))
        questions.add(answered)
    assert change.sections == sections
    assert change.questions == questions
    assert change.visibility == before.visible ^ after.visible
    assert change.urgent_changed == (before.urgent != after.urgent)
    assert change.can_complete_changed == (before.can_complete != after.can_complete)


def _check_accessors(state: InterviewState, result: EngineResult) -> None:
    template = state.template
    for question in template.all_questions():
        qid = question.id
        assert state.is_visible(qid) == (qid in result.visible)
        assert state.violation(qid) == result.violations.get(qid)
        assert state.violation_label(qid) == result.violation_labels.get(qid)
        assert state.is_missing(qid) == (qid in result.missing_required)
        assert state.is_hidden_answered(qid) == (qid in result.hidden_answered)
        urgent = [item.message for item in result.urgent if item.question_id == qid]
        assert state.urgent_message(qid) == (urgent[0] if urgent else None)
    for section_id in _section_ids(template):
        assert state.progress(section_id) == result.progress(section_id)
        assert state.section_urgent(section_id) == any(
            item.area_id == section_id for item in result.urgent
        )
    for area_id in template.area_ids():
        assert state.area_summary(area_id) == result.area_summaries[area_id]
        assert state.missing_reason(area_id) == (area_id in result.missing_reasons)
    assert state.urgent_items() == result.urgent
    assert state.can_complete == result.can_complete


# --- the property --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_random_edits_match_a_full_evaluation(name: str, data: st.DataObject) -> None:
    template = TEMPLATES[name]()
    values = _answer_values(name)
    qids = list(values)
    area_ids = [*template.area_ids(), "no_such_area"]
    language = data.draw(st.sampled_from(["sv", "en"]), label="language")

    def answer_step(ids: list[str]) -> st.SearchStrategy[tuple[str, str, object]]:
        return st.sampled_from(ids).flatmap(
            lambda qid: st.tuples(st.just("answer"), st.just(qid), values[qid])
        )

    unknown_step = st.tuples(st.just("answer"), st.just("no_such_question"), st.sampled_from(JUNK))
    rating_step = st.tuples(
        st.just("rating"), st.sampled_from(area_ids), st.none() | ratings_strategy
    )
    opened = data.draw(st.sets(st.sampled_from(sorted(OPENING[name]))), label="opened")
    initial = data.draw(
        st.fixed_dictionaries({}, optional={**values, "old_question": st.sampled_from(JUNK)}),
        label="initial answers",
    )
    answers: dict[str, object] = {k: OPENING[name][k] for k in opened}
    answers.update((k, v) for k, v in initial.items() if v is not None)
    ratings: dict[str, AreaRating] = {}
    state = InterviewState(template, answers, ratings, today=TODAY, language=language)
    expected = evaluate(template, answers, ratings, today=TODAY, language=language)
    assert state.result == expected

    steps = data.draw(
        st.lists(
            st.one_of(
                answer_step(_involved(name)),
                answer_step(_involved(name)),
                answer_step(qids),
                rating_step,
                unknown_step,
            ),
            max_size=30,
        ),
        label="steps",
    )
    for kind, key, value in steps:
        before = expected
        if kind == "answer":
            change = state.set_answer(key, value)
            if value is None:
                answers.pop(key, None)
            else:
                answers[key] = value
        else:
            assert value is None or isinstance(value, AreaRating)
            change = state.set_rating(key, value)
            if value is None:
                ratings.pop(key, None)
            else:
                ratings[key] = value
        expected = evaluate(template, answers, ratings, today=TODAY, language=language)
        assert state.result == expected
        assert state.answers() == answers
        _check_change(template, before, expected, change, key if kind == "answer" else None)
        if len(change.visibility) > 1:
            event("a cascade of visibility")
        if change.urgent_changed:
            event("urgency changed")
        if change.can_complete_changed:
            event("completion changed")
        _check_accessors(state, expected)


# --- concrete changes ----------------------------------------------------------------------


def _state(**answers: object) -> InterviewState:
    return InterviewState(_synthetic(), answers, today=TODAY)


def test_revealing_a_follow_up_reports_it_and_its_section() -> None:
    state = _state()
    change = state.set_answer("a1", True)
    assert change.visibility == {"a2"}
    assert change.sections == {"chain"}
    assert change.questions == {"a1", "a2"}
    assert not change.urgent_changed
    assert state.is_visible("a2")
    assert state.is_missing("a2")


def test_typing_in_free_text_without_dependents_reports_only_its_section() -> None:
    state = _state()
    for text in ("a", "ab", "abc"):
        change = state.set_answer("b_note", text)
        assert change.sections == {"other"}
        assert change.visibility == frozenset()
        assert change.questions == {"b_note"}
        assert not change.urgent_changed
    assert state.violation("b_note") is None
    assert state.progress("other") == (1, 3)


def test_typing_in_shipped_free_text_reports_only_its_section(shipped: Template) -> None:
    state = InterviewState(shipped, today=TODAY)
    qid = _free_text_without_dependents(shipped)
    section = shipped.section_of(qid)
    for text in ("B", "Be", "Ber"):
        change = state.set_answer(qid, text)
        assert change.sections == {section}
        assert change.visibility == frozenset()
        assert not change.urgent_changed


def test_hiding_cascades_down_the_chain_and_keeps_the_answers() -> None:
    state = _state(a1=True, a2="x", a3=9, a4="Något.")
    assert {"a2", "a3", "a4"} <= state.result.visible
    assert {item.question_id for item in state.urgent_items()} == {"a3", "a4"}
    change = state.set_answer("a1", False)
    assert change.visibility == {"a2", "a3", "a4"}
    assert change.sections == {"chain"}
    assert change.urgent_changed
    assert state.urgent_items() == []
    assert state.result.hidden_answered == {"a2", "a3", "a4"}
    assert state.answers() == {"a1": False, "a2": "x", "a3": 9, "a4": "Något."}
    # showing the chain again brings back the kept answers and their urgency
    change = state.set_answer("a1", True)
    assert change.visibility == {"a2", "a3", "a4"}
    assert {item.question_id for item in state.urgent_items()} == {"a3", "a4"}


def test_an_answer_elsewhere_can_make_another_section_urgent() -> None:
    state = _state(a1=True, a2="y")
    change = state.set_answer("b_flag", True)
    assert change.urgent_changed
    assert change.sections == {"other"}  # b_flag itself is urgent
    assert state.urgent_message("b_flag") is not None
    change = state.set_answer("c_ok", False)
    assert change.sections == {"consent", "chain"}  # a2 reads c_ok
    assert state.section_urgent("consent")
    assert state.urgent_message("a2") is not None
    # a2 is read by b_flag's urgent condition in another area
    change = state.set_answer("a2", "x")
    assert change.urgent_changed
    assert change.sections == {"chain", "other"}
    assert change.visibility == {"a3"}
    assert state.urgent_message("b_flag") is None


def test_a_broken_answer_is_reported_for_its_question_only() -> None:
    state = _state(a1=True, a2="x")
    change = state.set_answer("a3", -1)  # below the rule, and opens nothing
    assert change.sections == {"chain"}
    assert change.questions == {"a3"}
    assert state.violation("a3") == "Från 0 till 10."
    assert not state.can_complete


def test_rating_an_area_touches_only_that_area() -> None:
    state = _state(a1=True)  # a2 is visible, required and unanswered
    assert state.is_missing("a2")
    waived = AreaRating(flags={"not_relevant"})
    change = state.set_rating("chain", waived)
    assert change.sections == {"chain"}
    assert change.visibility == frozenset()
    assert change.questions == {"a2"}
    assert not state.is_missing("a2")
    assert state.area_summary("chain").rated
    # the same rating again changes nothing
    assert not state.set_rating("chain", waived.model_copy())
    # a high worker rating without a reason is not yet rated
    change = state.set_rating("chain", AreaRating(worker=3))
    assert change.questions == {"a2"}
    assert state.missing_reason("chain")
    assert not state.area_summary("chain").rated
    assert not state.set_rating("no_such_area", AreaRating(worker=1))


def test_completion_is_reported_when_it_flips() -> None:
    template = _synthetic()
    state = _state(c_ok=True, a1=False, b_note="Klart.")
    for area_id in template.area_ids()[:-1]:
        assert not state.set_rating(area_id, AreaRating(worker=1)).can_complete_changed
    change = state.set_rating(template.area_ids()[-1], AreaRating(worker=1))
    assert change.can_complete_changed
    assert state.can_complete
    assert state.set_answer("b_note", "").can_complete_changed
    assert not state.can_complete


def test_unknown_questions_are_kept_and_reported() -> None:
    state = _state()
    change = state.set_answer("old_question", "svar")
    assert not change
    assert state.result.unknown_answers == {"old_question"}
    assert state.answers() == {"old_question": "svar"}
    state.set_answer("old_question", None)
    assert state.result.unknown_answers == set()


def test_stored_values_are_copies() -> None:
    state = _state()
    choice = ["p"]
    state.set_answer("d_many", choice)
    choice.append("none")
    assert state.answer("d_many") == ["p"]
    assert state.violation("d_many") is None


def test_language_can_change() -> None:
    state = _state(b_note="x")
    assert state.violation("b_note") == "Minst tre tecken."
    state.language = "en"  # no English text: Swedish is shown, as the engine does
    assert state.result.violations == {"b_note": "Minst tre tecken."}


# --- the dependency map and the work done --------------------------------------------------


def test_dependency_map_follows_the_chain_transitively() -> None:
    deps = dependency_map(_synthetic())
    assert deps.visibility_closure["a1"] == ("a2", "a3", "a4")
    assert deps.visibility_closure["a2"] == ("a3", "a4")
    assert deps.show_dependents["a1"] == {"a2"}
    assert deps.urgent_dependents["a2"] == {"b_flag"}
    assert deps.urgent_dependents["b_flag"] == {"c_ok", "b_flag"}
    assert deps.urgent_dependents["c_ok"] == {"c_ok", "a2"}
    assert "b_note" not in deps.visibility_closure
    assert deps.dependents("a2") == {"a3", "a4", "b_flag"}
    assert deps.dependents("a1") == {"a2", "a3", "a4", "b_flag"}
    assert deps.dependents("b_note") == frozenset()


def test_dependency_map_is_built_once_per_template(shipped: Template) -> None:
    assert dependency_map(shipped) is dependency_map(shipped)
    assert InterviewState(shipped).dependencies is dependency_map(shipped)
    assert build_dependency_map(shipped) == dependency_map(shipped)


def _free_text_without_dependents(template: Template) -> str:
    deps = dependency_map(template)
    return next(
        q.id
        for q in template.all_questions()
        if q.type == "long_text" and q.show_if is None and not deps.dependents(q.id)
    )


class _Counter:
    """Wraps ``conditions.evaluate``; records which template conditions are evaluated."""

    def __init__(self, template: Template, monkeypatch: pytest.MonkeyPatch) -> None:
        self.owners: dict[int, set[str]] = {}
        for question in template.all_questions():
            texts = [question.show_if]
            if question.safety_critical is not None:
                texts.append(question.safety_critical.urgent_when)
            for text in texts:
                if text is not None:
                    self.owners.setdefault(id(parse(text)), set()).add(question.id)
        self.calls = 0  # every call, nested ones included
        self.conditions: list[set[str]] = []  # the owners of each whole condition evaluated
        real = conditions.evaluate

        def counting(node: Node, answers: Any) -> bool:
            self.calls += 1
            if id(node) in self.owners:
                self.conditions.append(self.owners[id(node)])
            return real(node, answers)

        monkeypatch.setattr(conditions, "evaluate", counting)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_free_text_without_dependents_evaluates_no_condition(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = TEMPLATES[name]()
    state = InterviewState(template, today=TODAY)
    qid = "b_note" if name == "synthetic" else _free_text_without_dependents(template)
    counter = _Counter(template, monkeypatch)
    for text in ("E", "Et", "Ett svar"):
        state.set_answer(qid, text)
        _ = state.result
        assert counter.calls == 0
    monkeypatch.undo()
    assert state.result == evaluate(template, state.answers(), today=TODAY)


def test_an_answer_evaluates_only_the_conditions_of_its_dependents(
    shipped: Template, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = InterviewState(shipped, today=TODAY)
    counter = _Counter(shipped, monkeypatch)
    for qid, value in [("housing_current", "friends"), ("housing_safe", "no")]:
        counter.conditions.clear()
        state.set_answer(qid, value)
        dependents = dependency_map(shipped).dependents(qid)
        assert counter.conditions, "its dependents were evaluated"
        assert all(owners & dependents for owners in counter.conditions)
        assert len(counter.conditions) <= len(dependents)
    monkeypatch.undo()
    assert state.result == evaluate(shipped, state.answers(), today=TODAY)


def test_a_hidden_question_evaluates_no_condition(monkeypatch: pytest.MonkeyPatch) -> None:
    state = _state()  # a2 is hidden until a1 is answered yes
    counter = _Counter(_synthetic(), monkeypatch)
    state.set_answer("a2", "x")
    assert counter.calls == 0
    assert state.result.hidden_answered == {"a2"}
