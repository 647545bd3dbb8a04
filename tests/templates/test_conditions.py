"""The condition language: parsing, evaluation and static checks against a template."""

from __future__ import annotations

import pytest

from assessment_app.errors import TemplateError
from assessment_app.templates.condition_check import RefInfo, check_condition, never_true
from assessment_app.templates.conditions import (
    MAX_DEPTH,
    MAX_LENGTH,
    And,
    Compare,
    ConditionError,
    Lit,
    Not,
    Or,
    Ref,
    evaluate_text,
    parse,
    references,
)

ANSWERS: dict[str, object] = {
    "age": 34,
    "days": 12.5,
    "housing": "shelter",
    "drugs": ["cannabis", "alcohol"],
    "children": True,
    "partner": False,
    "note": "hej",
    "moved": "2024-03-01",
    "blank": "   ",
    "empty_list": [],
    "nothing": None,
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("age == 34", True),
        ("age != 34", False),
        ("age > 30 and age <= 34", True),
        ("age < 34", False),
        ("days >= 12.5", True),
        ("-1 < age", True),
        ('housing == "shelter"', True),
        ("housing == 'shelter'", True),
        ('housing in ["street", "shelter"]', True),
        ('housing not in ["street", "shelter"]', False),
        ('"cannabis" in drugs', True),
        ('"heroin" in drugs', False),
        ('"heroin" not in drugs', True),
        ('drugs in ["heroin", "alcohol"]', True),  # any selected option is in the list
        ('drugs in ["heroin"]', False),
        ("children", True),
        ("partner", False),
        ("not partner", True),
        ("children == true and partner == false", True),
        ("answered(age)", True),
        ("answered(blank)", False),
        ("answered(empty_list)", False),
        ("answered(nothing)", False),
        ("answered(missing)", False),
        ("not answered(missing)", True),
        ('moved < "2025-01-01"', True),
        ("true", True),
        ("false or age == 34", True),
        # precedence: not > and > or
        ("age == 1 or age == 34 and children", True),
        ("(age == 1 or age == 34) and partner", False),
        ("not age == 1", True),
        ("not (age == 34 or partner)", False),
    ],
)
def test_evaluates(condition: str, expected: bool) -> None:
    assert evaluate_text(condition, ANSWERS) is expected


@pytest.mark.parametrize(
    "condition",
    [
        "missing == 1",
        "missing != 1",  # a comparison with no answer is false, also "!="
        'missing in ["a"]',
        'missing not in ["a"]',
        "blank == '   '",
        'nothing != "x"',
        '"a" in empty_list',
        '"a" not in empty_list',
        "missing",
    ],
)
def test_unanswered_questions_make_comparisons_false(condition: str) -> None:
    assert evaluate_text(condition, ANSWERS) is False


def test_not_of_a_comparison_with_no_answer_is_true() -> None:
    assert evaluate_text("not missing == 1", ANSWERS) is True


@pytest.mark.parametrize(
    "condition",
    [
        "children == 1",  # a yes/no answer is not the number 1
        "age == '34'",
        "age < 'x'",
        "children < true",
        '"cannabis" in housing',  # "in" needs a list on the right
        "drugs == 'cannabis'",
    ],
)
def test_values_of_different_kinds_never_match(condition: str) -> None:
    assert evaluate_text(condition, ANSWERS) is False


def test_strings_support_escapes() -> None:
    assert evaluate_text(r'note == "h\"ej"', {"note": 'h"ej'}) is True
    assert evaluate_text(r"note == 'it\'s'", {"note": "it's"}) is True
    assert evaluate_text(r'note == "a\\b"', {"note": "a\\b"}) is True


def test_parse_builds_flat_and_or_chains() -> None:
    node = parse("a == 1 and b == 2 and not c == 3 or d")
    assert isinstance(node, Or)
    first = node.operands[0]
    assert isinstance(first, And)
    assert len(first.operands) == 3
    assert first.operands[0] == Compare("==", Ref("a"), Lit(1))
    assert isinstance(first.operands[2], Not)


def test_references_lists_every_question_in_order() -> None:
    node = parse('answered(a) and b in ["x"] and "y" in c and d < e and f')
    assert list(references(node)) == ["a", "b", "c", "d", "e", "f"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "condition is empty"),
        ("   ", "condition is empty"),
        ("a.b == 1", "'.' is not allowed"),
        ("a = 1", "use '==' to compare"),
        ("__import__('os')", "unexpected character '_'"),
        ("open('f')", "'open' is not a function"),
        ("len(a) > 1", "'len' is not a function"),
        ("a ==", "expected a value, found the end of the condition"),
        ("(a == 1", "expected ')'"),
        ("a == 1)", "unexpected ')'"),
        ("a == 1 b", "unexpected 'b'"),
        ("1", "a value on its own is not a condition"),
        ('"x"', "a value on its own is not a condition"),
        ("[1, 2] == a", "a list can only be used with 'in'"),
        ("a < [1]", "a list can only be used with 'in'"),
        ("a in 5", "the right side of 'in' must be a list or a question"),
        ("[1] in a", "the left side of 'in' cannot be a list"),
        ("a not b", "expected 'in' after 'not'"),
        ('a == "open', "string is not closed"),
        (r'a == "\q"', "unknown escape"),
        ("a @ 1", "unexpected character '@'"),
        ("a == 12abc", "unexpected 'a' after a number"),
        ("a == " + "9" * 40, "number is too long"),
        ("answered(1)", "answered(...) needs a question id"),
        ("answered a", "expected '(' after 'answered'"),
        ("a in [b]", "expected a value"),
        ("a in [1 2]", "expected ',' or ']'"),
        ("for x in y", "unexpected 'x'"),
        ("a and", "expected a value"),
        ("lambda: 1", "unexpected character ':'"),
        ("__class__ == 1", "unexpected character '_'"),
    ],
)
def test_bad_conditions_raise_condition_error(text: str, fragment: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse(text)
    assert fragment in str(caught.value)
    assert isinstance(caught.value, TemplateError)


def test_error_reports_position() -> None:
    with pytest.raises(ConditionError) as caught:
        parse("a == 1 and b @ 2")
    assert caught.value.position == 13
    assert "at position 13" in str(caught.value)


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    nested = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse(nested)
    with pytest.raises(ConditionError, match="nested too deeply"):
        parse("not " * (MAX_DEPTH + 1) + "a")
    assert evaluate_text("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH, {"a": True}) is True


def test_overlong_condition_is_refused() -> None:
    with pytest.raises(ConditionError, match="longer than"):
        parse("a or " * (MAX_LENGTH // 5) + "a")


# --- static checks -------------------------------------------------------------------------

REFS = {
    "kids": RefInfo("bool"),
    "age": RefInfo("number"),
    "moved": RefInfo("date"),
    "note": RefInfo("text"),
    "housing": RefInfo("choice", frozenset({"own", "street"})),
    "drugs": RefInfo("choices", frozenset({"cannabis", "alcohol"})),
}


@pytest.mark.parametrize(
    "condition",
    [
        "kids",
        "kids == true and age >= 18",
        'housing in ["own", "street"]',
        'housing != "own"',
        '"cannabis" in drugs',
        'drugs in ["alcohol"]',
        'moved < "2024-01-01"',
        'note == "x"',
        "answered(note)",
        "housing in drugs",
    ],
)
def test_sound_conditions_pass_the_check(condition: str) -> None:
    assert check_condition(parse(condition), REFS) == []


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("housing_type == 'own'", "unknown question 'housing_type'"),
        ("answered(nope)", "unknown question 'nope'"),
        ('housing == "ownn"', "'ownn' is not an option of 'housing' (options: own, street)"),
        ('housing in ["own", "x"]', "'x' is not an option of 'housing'"),
        ('"heroin" in drugs', "'heroin' is not an option of 'drugs'"),
        ("kids == 1", "'kids' is a yes/no question; compare it with true or false"),
        ("age == 'ten'", "'age' is a number question; compare it with a number"),
        ("moved < '2024-13-01'", 'compare it with "YYYY-MM-DD"'),
        ("note == 1", "compare it with text in quotes"),
        ("housing < 'own'", "'<' cannot be used with 'housing'"),
        ("drugs == 'cannabis'", "use 'in'"),
        ("age", "'age' is a number question, not a yes/no question"),
        ('"x" in note', "only a list or a multiple-choice question can follow 'in'"),
        ("1 == 1", "a comparison needs a question on at least one side"),
        ("kids == age", "cannot be compared"),
    ],
)
def test_unsound_conditions_are_reported(condition: str, message: str) -> None:
    problems = check_condition(parse(condition), REFS)
    assert any(message in problem for problem in problems), problems


def test_an_unknown_name_is_reported_once() -> None:
    assert check_condition(parse("x == 1 or x == 2"), REFS) == ["unknown question 'x'"]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("housing in []", "'in []' (an empty list) is never true; list the values"),
        ("housing not in []", "'not in []' (an empty list) is always true; list the values"),
    ],
)
def test_membership_in_an_empty_list_is_reported(condition: str, message: str) -> None:
    assert check_condition(parse(condition), REFS) == [message]


NEVER_REFS = {
    **REFS,
    "mood": RefInfo("number", steps=(0, 10)),
    "help": RefInfo("choices", frozenset({"money", "work", "none"}), exclusive=frozenset({"none"})),
}


@pytest.mark.parametrize(
    "condition",
    [
        "false",
        "not true",
        "kids and not kids",
        "kids == true and kids == false",
        'housing == "own" and housing == "street"',
        'housing != "own" and housing != "street"',
        'not answered(housing) and housing == "own"',
        "mood > 10",
        "mood < 0 or mood > 10",
        "age > 1 and age < 1",
        'moved > "2024-01-01" and moved < "2024-01-02"',
        'note == ""',
        '"none" in help and "money" in help',
        'help in ["work"] and not "work" in help',
    ],
)
def test_conditions_that_can_never_be_true(condition: str) -> None:
    node = parse(condition)
    assert check_condition(node, NEVER_REFS) == []
    assert never_true(node, NEVER_REFS)


@pytest.mark.parametrize(
    "condition",
    [
        "true",
        "kids",
        "not kids",
        'housing == "own" or housing == "street"',
        'not housing == "own" and not housing == "street"',  # true while unanswered
        "mood >= 10",
        "age > 1 and age < 1.2",
        'moved > "2024-01-01" and moved < "2024-01-03"',
        'note != "x"',
        '"money" in help and "work" in help',
        # two questions compared with each other get no verdict
        "age > mood and age < mood",
    ],
)
def test_conditions_that_can_be_true(condition: str) -> None:
    assert not never_true(parse(condition), NEVER_REFS)


def test_never_true_gives_no_verdict_beyond_its_budget() -> None:
    refs = {f"q{i}": RefInfo("bool") for i in range(12)}  # 3**12 combinations
    condition = " and ".join(f"q{i}" for i in range(12)) + " and not q0"
    assert not never_true(parse(condition), refs)
    assert never_true(parse("q0 and not q0"), refs)
