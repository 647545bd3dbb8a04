"""Static checks of a parsed condition against the questions of a template.

A typo in a condition would otherwise make a follow-up question silently never appear, so a
template is refused when a condition names an unknown question, compares a question with the
wrong kind of value, names an option the question does not have, tests membership in an empty
list, or can never be true whatever the answers (:func:`never_true`).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from assessment_app.templates.conditions import (
    And,
    Answered,
    Compare,
    Const,
    In,
    ListLit,
    Lit,
    Node,
    Not,
    Operand,
    Or,
    Ref,
    Truthy,
    evaluate,
)

# Kinds of answer a condition can see, derived from question types.
KIND_BOOL = "bool"
KIND_NUMBER = "number"
KIND_DATE = "date"
KIND_TEXT = "text"
KIND_CHOICE = "choice"
KIND_CHOICES = "choices"

_KIND_NAMES = {
    KIND_BOOL: "a yes/no question",
    KIND_NUMBER: "a number question",
    KIND_DATE: "a date question",
    KIND_TEXT: "a text question",
    KIND_CHOICE: "a single-choice question",
    KIND_CHOICES: "a multiple-choice question",
}
_EQUALITY_ONLY = frozenset({KIND_BOOL, KIND_TEXT, KIND_CHOICE})
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# never_true() tries at most this many combinations of answers, else it gives no verdict.
MAX_CASES = 4096
MAX_SUBSET_OPTIONS = 8


@dataclass(frozen=True)
class RefInfo:
    """What a condition may know about a question: its kind; for choices, its options (and
    which are exclusive); for a scale, its lowest and highest step.
    """

    kind: str
    options: frozenset[str] = field(default_factory=frozenset)
    exclusive: frozenset[str] = field(default_factory=frozenset)
    steps: tuple[int, int] | None = None


def check_condition(node: Node, refs: Mapping[str, RefInfo]) -> list[str]:
    """Problems of a parsed condition, as messages; empty when the condition is sound."""
    problems: list[str] = []
    _check(node, refs, problems)
    # keep order, drop repeats (the same unknown name may appear twice)
    return list(dict.fromkeys(problems))


def _check(node: Node, refs: Mapping[str, RefInfo], problems: list[str]) -> None:
    if isinstance(node, And | Or):
        for operand in node.operands:
            _check(operand, refs, problems)
    elif isinstance(node, Not):
        _check(node.operand, refs, problems)
    elif isinstance(node, Const):
        return
    elif isinstance(node, Answered):
        _known(node.name, refs, problems)
    elif isinstance(node, Truthy):
        info = _known(node.name, refs, problems)
        if info is not None and info.kind != KIND_BOOL:
            problems.append(
                f"'{node.name}' is {_KIND_NAMES[info.kind]}, not a yes/no question; "
                f"compare its answer instead (for example {node.name} == ...)"
            )
    elif isinstance(node, Compare):
        _check_compare(node, refs, problems)
    else:
        _check_in(node, refs, problems)


def _known(name: str, refs: Mapping[str, RefInfo], problems: list[str]) -> RefInfo | None:
    info = refs.get(name)
    if info is None:
        problems.append(f"unknown question '{name}'")
    return info


def _check_compare(node: Compare, refs: Mapping[str, RefInfo], problems: list[str]) -> None:
    left, right = node.left, node.right
    if not isinstance(left, Ref) and not isinstance(right, Ref):
        problems.append("a comparison needs a question on at least one side")
        return
    if isinstance(left, Ref) and isinstance(right, Ref):
        a = _known(left.name, refs, problems)
        b = _known(right.name, refs, problems)
        if a is None or b is None:
            return
        if _family(a.kind) != _family(b.kind):
            problems.append(
                f"'{left.name}' ({_KIND_NAMES[a.kind]}) cannot be compared with "
                f"'{right.name}' ({_KIND_NAMES[b.kind]})"
            )
            return
        _check_op(node.op, left.name, a, problems)
        return
    ref, other = (left, right) if isinstance(left, Ref) else (right, left)
    assert isinstance(ref, Ref)
    info = _known(ref.name, refs, problems)
    if info is None or not _check_op(node.op, ref.name, info, problems):
        return
    if isinstance(other, Lit):
        _check_literal(other, ref.name, info, problems)


def _family(kind: str) -> str:
    return KIND_TEXT if kind == KIND_CHOICE else kind


def _check_op(op: str, name: str, info: RefInfo, problems: list[str]) -> bool:
    if info.kind == KIND_CHOICES:
        problems.append(
            f"'{op}' cannot be used with '{name}' ({_KIND_NAMES[info.kind]}); "
            f"use 'in', for example \"value\" in {name}"
        )
        return False
    if info.kind in _EQUALITY_ONLY and op not in ("==", "!="):
        problems.append(f"'{op}' cannot be used with '{name}' ({_KIND_NAMES[info.kind]})")
        return False
    return True


def _check_literal(lit: Lit, name: str, info: RefInfo, problems: list[str]) -> None:
    value = lit.value
    kind = info.kind
    if kind == KIND_BOOL:
        if not isinstance(value, bool):
            problems.append(f"'{name}' is a yes/no question; compare it with true or false")
    elif kind == KIND_NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"'{name}' is {_KIND_NAMES[kind]}; compare it with a number")
    elif kind == KIND_DATE:
        if not isinstance(value, str) or not _is_iso_date(value):
            problems.append(f"'{name}' is a date question; compare it with \"YYYY-MM-DD\"")
    elif not isinstance(value, str):
        problems.append(f"'{name}' is {_KIND_NAMES[kind]}; compare it with text in quotes")
    elif kind in (KIND_CHOICE, KIND_CHOICES) and value not in info.options:
        choices = ", ".join(sorted(info.options))
        problems.append(f"{value!r} is not an option of '{name}' (options: {choices})")


def _is_iso_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_in(node: In, refs: Mapping[str, RefInfo], problems: list[str]) -> None:
    left, right = node.left, node.right
    if isinstance(right, ListLit):
        if not isinstance(left, Ref):
            problems.append("'in' needs a question on at least one side")
            return
        if not right.items:
            word = "not in" if node.negated else "in"
            always = "always" if node.negated else "never"
            problems.append(f"'{word} []' (an empty list) is {always} true; list the values")
        info = _known(left.name, refs, problems)
        if info is None:
            return
        for item in right.items:
            _check_literal(item, left.name, info, problems)
        return
    assert isinstance(right, Ref)
    container = _known(right.name, refs, problems)
    left_info = _known(left.name, refs, problems) if isinstance(left, Ref) else None
    if container is None:
        return
    if container.kind != KIND_CHOICES:
        problems.append(
            f"'{right.name}' is {_KIND_NAMES[container.kind]}; only a list or a "
            "multiple-choice question can follow 'in'"
        )
        return
    _check_member(left, left_info, right.name, container, problems)


def _check_member(
    left: Operand,
    left_info: RefInfo | None,
    name: str,
    container: RefInfo,
    problems: list[str],
) -> None:
    if isinstance(left, Lit):
        _check_literal(left, name, container, problems)
    elif left_info is not None and left_info.kind not in (KIND_CHOICE, KIND_CHOICES, KIND_TEXT):
        problems.append(f"'{name}' holds options; {_KIND_NAMES[left_info.kind]} cannot be in it")


# --- conditions that can never be true -----------------------------------------------------


def never_true(node: Node, refs: Mapping[str, RefInfo]) -> bool:
    """True when no answers at all make a (checked, sound) condition true.

    Every combination of the answers that can make a difference is evaluated with the real
    evaluator: no answer, and for each question the values its comparisons name, the values
    just around them, and one other value; every option of a choice, every step of a scale.
    That is exact for comparisons of a question with values. A condition that compares two
    questions, or would need more than :data:`MAX_CASES` combinations, gets no verdict (False).
    """
    names: list[str] = []
    values: dict[str, list[Lit]] = {}
    for atom in _atoms(node):
        if isinstance(atom, Answered | Truthy):
            names.append(atom.name)
            continue
        operands = (atom.left, atom.right)
        questions = [operand for operand in operands if isinstance(operand, Ref)]
        if len(questions) != 1:
            return False
        found = values.setdefault(questions[0].name, [])
        for operand in operands:
            if isinstance(operand, Lit):
                found.append(operand)
            elif isinstance(operand, ListLit):
                found.extend(operand.items)
        names.append(questions[0].name)
    names = list(dict.fromkeys(names))
    domains: list[list[object]] = []
    for name in names:
        info = refs.get(name)
        if info is None:
            return False
        domain = _candidates(info, values.get(name, []))
        if domain is None:
            return False
        domains.append([None, *domain])
    if math.prod(len(d) for d in domains) > MAX_CASES:
        return False
    return not any(
        evaluate(node, dict(zip(names, combination, strict=True)))
        for combination in itertools.product(*domains)
    )


def _atoms(node: Node) -> Iterator[Compare | In | Answered | Truthy]:
    if isinstance(node, And | Or):
        for operand in node.operands:
            yield from _atoms(operand)
    elif isinstance(node, Not):
        yield from _atoms(node.operand)
    elif not isinstance(node, Const):
        yield node


def _candidates(info: RefInfo, literals: list[Lit]) -> list[object] | None:
    """Answers to one question that between them make every atom true and false where it can
    be; None when there would be too many.
    """
    named = [lit.value for lit in literals]
    kind = info.kind
    if kind == KIND_BOOL:
        return [True, False]
    if kind == KIND_CHOICE:
        return list(sorted(info.options))
    if kind == KIND_CHOICES:
        mentioned = sorted(info.options & {v for v in named if isinstance(v, str)})
        others = sorted(info.options - set(mentioned))
        base = mentioned + others[:1]
        if len(base) > MAX_SUBSET_OPTIONS:
            return None
        subsets: list[object] = []
        for size in range(1, len(base) + 1):
            for subset in itertools.combinations(base, size):
                if size == 1 or not info.exclusive & set(subset):
                    subsets.append(list(subset))
        return subsets
    if kind == KIND_NUMBER:
        if info.steps is not None:
            low, high = info.steps
            return list(range(low, high + 1))
        numbers = sorted(
            {v for v in named if isinstance(v, int | float) and not isinstance(v, bool)}
        )
        if not numbers:
            return [0]
        points: list[object] = [numbers[0] - 1, numbers[-1] + 1, *numbers]
        points.extend((a + b) / 2 for a, b in itertools.pairwise(numbers))
        return points
    if kind == KIND_DATE:
        days = sorted(
            {date.fromisoformat(v) for v in named if isinstance(v, str) and _is_iso_date(v)}
        )
        if not days:
            return ["2000-01-01"]
        points_d: set[date] = set(days)
        for day in days:
            for step in (-1, 1):
                with contextlib.suppress(OverflowError):  # next to date.min or date.max
                    points_d.add(day + timedelta(days=step))
        return [day.isoformat() for day in sorted(points_d)]
    texts = sorted({v for v in named if isinstance(v, str) and v.strip()})
    return [*texts, "x" * (max((len(t) for t in texts), default=0) + 1)]
