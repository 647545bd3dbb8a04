"""Property-based tests of the condition language.

1. Any text: parsing returns a condition or raises ConditionError, never anything else, and a
   parsed condition evaluates to a bool over any answers without raising.
2. Generated valid conditions: the evaluator agrees with a straightforward model of the
   documented semantics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment_app.resources import resource_path
from assessment_app.templates import Template, load_template
from assessment_app.templates import evaluate as evaluate_template
from assessment_app.templates.conditions import (
    ConditionError,
    Node,
    evaluate,
    parse,
    references,
)

NAMES = ["a", "b", "c", "kids", "housing", "drugs"]

# Values an answer store might hold, including corrupt ones.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
)
answer_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=8,
)
answer_maps = st.dictionaries(st.sampled_from(NAMES) | st.text(max_size=5), answer_values)

TOKENS = [
    *NAMES,
    "and",
    "or",
    "not",
    "in",
    "answered",
    "true",
    "false",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "(",
    ")",
    "[",
    "]",
    ",",
    '"x"',
    "'y'",
    "1",
    "-2",
    "3.5",
    ".",
    "=",
    "__class__",
    '"',
]


def _parse_or_none(text: str) -> Node | None:
    try:
        return parse(text)
    except ConditionError:
        return None


@settings(max_examples=400)
@given(text=st.text(max_size=200), answers=answer_maps)
def test_any_text_parses_or_raises_condition_error(text: str, answers: dict[str, object]) -> None:
    node = _parse_or_none(text)
    if node is not None:
        assert isinstance(evaluate(node, answers), bool)


@settings(max_examples=400)
@given(tokens=st.lists(st.sampled_from(TOKENS), max_size=25), answers=answer_maps)
def test_token_soup_parses_or_raises_condition_error(
    tokens: list[str], answers: dict[str, object]
) -> None:
    node = _parse_or_none(" ".join(tokens))
    if node is not None:
        assert isinstance(evaluate(node, answers), bool)
        assert set(references(node)) <= set(NAMES)


# --- generated valid conditions with a reference model -------------------------------------


@dataclass(frozen=True)
class Expr:
    text: str
    names: frozenset[str]

    def model(self, answers: dict[str, object]) -> bool:
        raise NotImplementedError


NUMBER_NAMES = ["a", "b", "c"]


def _answered(value: object) -> bool:
    return value is not None


@dataclass(frozen=True)
class NumCompare(Expr):
    name: str
    op: str
    value: int

    def model(self, answers: dict[str, object]) -> bool:
        answer = answers.get(self.name)
        if answer is None:
            return False
        assert isinstance(answer, int)
        return {
            "==": answer == self.value,
            "!=": answer != self.value,
            "<": answer < self.value,
            "<=": answer <= self.value,
            ">": answer > self.value,
            ">=": answer >= self.value,
        }[self.op]


@dataclass(frozen=True)
class InList(Expr):
    name: str
    values: tuple[int, ...]
    negated: bool

    def model(self, answers: dict[str, object]) -> bool:
        answer = answers.get(self.name)
        if answer is None:
            return False
        return (answer in self.values) != self.negated


@dataclass(frozen=True)
class IsAnswered(Expr):
    name: str

    def model(self, answers: dict[str, object]) -> bool:
        return _answered(answers.get(self.name))


@dataclass(frozen=True)
class Bool(Expr):
    op: str
    parts: tuple[Expr, ...]

    def model(self, answers: dict[str, object]) -> bool:
        results = [part.model(answers) for part in self.parts]
        if self.op == "not":
            return not results[0]
        return all(results) if self.op == "and" else any(results)


names = st.sampled_from(NUMBER_NAMES)
small_ints = st.integers(min_value=-3, max_value=3)


def _compare(name: str, op: str, value: int) -> Expr:
    return NumCompare(f"{name} {op} {value}", frozenset({name}), name, op, value)


def _in(name: str, values: list[int], negated: bool) -> Expr:
    listed = ", ".join(str(v) for v in values)
    keyword = "not in" if negated else "in"
    return InList(f"{name} {keyword} [{listed}]", frozenset({name}), name, tuple(values), negated)


leaves = st.one_of(
    st.builds(_compare, names, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), small_ints),
    st.builds(_in, names, st.lists(small_ints, max_size=3), st.booleans()),
    st.builds(lambda n: IsAnswered(f"answered({n})", frozenset({n}), n), names),
)


def _combine(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    def not_(e: Expr) -> Expr:
        return Bool(f"not ({e.text})", e.names, "not", (e,))

    def join(op: str, parts: list[Expr]) -> Expr:
        text = f" {op} ".join(f"({p.text})" for p in parts)
        return Bool(text, frozenset().union(*(p.names for p in parts)), op, tuple(parts))

    return st.one_of(
        st.builds(not_, children),
        st.builds(join, st.sampled_from(["and", "or"]), st.lists(children, min_size=2, max_size=3)),
    )


expressions = st.recursive(leaves, _combine, max_leaves=12)
number_answers = st.fixed_dictionaries(
    {}, optional={name: st.one_of(st.none(), small_ints) for name in NUMBER_NAMES}
)


@settings(max_examples=500)
@given(expr=expressions, answers=number_answers)
def test_generated_conditions_match_the_model(expr: Expr, answers: dict[str, object]) -> None:
    node = parse(expr.text)
    assert evaluate(node, answers) is expr.model(answers)
    assert set(references(node)) == set(expr.names)


@settings(max_examples=200)
@given(expr=expressions, answers=answer_maps)
def test_generated_conditions_never_raise_on_corrupt_answers(
    expr: Expr, answers: dict[str, object]
) -> None:
    assert isinstance(evaluate(parse(expr.text), answers), bool)


# --- the engine never raises on stored answers ---------------------------------------------

engine_values = st.one_of(
    answer_values,
    st.sampled_from([10**400, -(10**400), 2**1100, 1e308 * 10, 10**20]),
    st.sampled_from(["2024-02-30", "2024-01-01", "yes", "none", "now", "at_risk"]),
    st.lists(st.sampled_from(["none", "anxiety", "bank", "criminal", "x"]), max_size=4),
)


@cache
def _shipped() -> Template:
    # loaded here rather than through a fixture, so a failing example prints briefly
    return load_template(resource_path("templates", "kartlaggning-avhopp-v1.yaml"))


# Answers that open (nearly) every follow-up question, so their rules are exercised too.
OPENING_ANSWERS: dict[str, object] = {
    "contact_source": "other",
    "agreement_no_crime": False,
    "motivation_earlier_attempts": True,
    "safety_threatened": True,
    "pi_status": "none",
    "pi_need_to_move": "yes",
    "housing_current": "friends",
    "housing_safe": "no",
    "network_belonged": "group",
    "legal_ongoing": ["suspect"],
    "legal_supervision": "in_custody",
    "substance_last_30_days": True,
    "health_conditions": True,
    "finances_debts": ["criminal"],
    "family_has_children": True,
}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_engine_never_raises_on_any_stored_answers(data: st.DataObject) -> None:
    shipped = _shipped()
    qids = [q.id for q in shipped.all_questions()]
    base = data.draw(st.sampled_from([{}, OPENING_ANSWERS]))
    drawn = data.draw(st.dictionaries(st.sampled_from(qids), engine_values, max_size=30))
    answers = {**base, **drawn}
    result = evaluate_template(shipped, answers, today=date(2025, 1, 1))
    assert result.visible <= set(qids)
    assert set(result.violations) <= result.visible
    assert set(result.violations) <= {qid for qid in drawn if qid in result.visible}
    assert isinstance(result.can_complete, bool)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_engine_checks_any_single_answer_without_raising(data: st.DataObject) -> None:
    shipped = _shipped()
    question = data.draw(st.sampled_from(shipped.all_questions()))
    value = data.draw(engine_values)
    answers = {**OPENING_ANSWERS, question.id: value}
    result = evaluate_template(shipped, answers, today=date(2025, 1, 1))
    assert set(result.violations) <= {question.id}
