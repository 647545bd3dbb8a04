"""Checks that need the whole template: ids, options, constraints, conditions and cycles.

Each problem is returned with its location (a pydantic-style ``loc`` tuple) so the loader can
point at the file line and print a path such as ``areas[3].questions[2].show_if``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from assessment_app.templates.condition_check import RefInfo, check_condition, never_true
from assessment_app.templates.conditions import ConditionError, Node, parse, references
from assessment_app.templates.question_types import (
    CHOICE_TYPES,
    CONDITION_KIND,
    CONSTRAINT_RULES,
)

if TYPE_CHECKING:
    from assessment_app.templates.model import Constraint, Question, Template

Loc = tuple[str | int, ...]
Problem = tuple[Loc, str]

# Authoring rules from the product specification, applied by ``template check`` (strict mode).
AREA_COUNT = (12, 16)
QUESTIONS_PER_AREA = (4, 8)


def format_path(loc: Loc) -> str:
    """``("areas", 3, "questions", 2, "show_if")`` -> ``areas[3].questions[2].show_if``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def located_questions(template: Template) -> Iterator[tuple[Loc, Question]]:
    """Every question with its location, consent section first."""
    for j, question in enumerate(template.consent.questions):
        yield ("consent", "questions", j), question
    for i, area in enumerate(template.areas):
        for j, question in enumerate(area.questions):
            yield ("areas", i, "questions", j), question


def template_problems(template: Template, *, strict: bool) -> tuple[list[Problem], tuple[str, ...]]:
    """All whole-template problems, and the order in which visibility must be evaluated."""
    problems: list[Problem] = []
    if strict:
        problems.extend(_authoring_problems(template))
    problems.extend(_id_problems(template))
    refs: dict[str, RefInfo] = {}
    for _, question in located_questions(template):
        options = frozenset(o.value for o in question.options)
        exclusive = frozenset(o.value for o in question.options if o.exclusive)
        scale = question.scale
        steps = (scale.min, scale.max) if question.type == "scale" and scale is not None else None
        refs.setdefault(
            question.id, RefInfo(CONDITION_KIND[question.type], options, exclusive, steps)
        )
    dependencies: dict[str, list[str]] = {}
    for loc, question in located_questions(template):
        problems.extend(_question_problems(loc, question))
        if question.show_if is not None:
            node = _condition((*loc, "show_if"), question.show_if, refs, problems)
            if node is not None:
                dependencies[question.id] = [name for name in references(node) if name in refs]
        if question.safety_critical is not None:
            _condition(
                (*loc, "safety_critical", "urgent_when"),
                question.safety_critical.urgent_when,
                refs,
                problems,
            )
    locations = {question.id: loc for loc, question in reversed(list(located_questions(template)))}
    order, cycles = visibility_order([q.id for q in template.all_questions()], dependencies)
    for cycle in cycles:
        problems.append(
            (locations[cycle[0]] + ("show_if",), "condition cycle: " + " -> ".join(cycle))
        )
    return problems, order


def _authoring_problems(template: Template) -> Iterator[Problem]:
    if not (template.title.en and template.title.en.strip()):
        yield ("title",), "the template title needs an English translation (en)"
    low, high = AREA_COUNT
    if not low <= len(template.areas) <= high:
        yield ("areas",), f"a template needs {low}-{high} areas, this one has {len(template.areas)}"
    low, high = QUESTIONS_PER_AREA
    for i, area in enumerate(template.areas):
        count = len(area.questions)
        if not low <= count <= high:
            yield (
                ("areas", i, "questions"),
                f"area '{area.id}' needs {low}-{high} questions, it has {count}",
            )


def _id_problems(template: Template) -> Iterator[Problem]:
    seen_areas: dict[str, Loc] = {template.consent.id: ("consent", "id")}
    for i, area in enumerate(template.areas):
        loc: Loc = ("areas", i, "id")
        if area.id in seen_areas:
            yield loc, f"duplicate area id '{area.id}' (also at {format_path(seen_areas[area.id])})"
        else:
            seen_areas[area.id] = loc
    seen_questions: dict[str, Loc] = {}
    for qloc, question in located_questions(template):
        loc = (*qloc, "id")
        first = seen_questions.setdefault(question.id, loc)
        if first is not loc:
            yield loc, f"duplicate question id '{question.id}' (also at {format_path(first)})"


def _question_problems(loc: Loc, question: Question) -> Iterator[Problem]:
    qtype = question.type
    if qtype in CHOICE_TYPES:
        if len(question.options) < 2:
            yield (*loc, "options"), f"a {qtype} question needs at least 2 options"
        seen: set[str] = set()
        for k, option in enumerate(question.options):
            if option.value in seen:
                yield (*loc, "options", k, "value"), f"duplicate option value '{option.value}'"
            seen.add(option.value)
            if option.exclusive and qtype != "multiple_choice":
                yield (
                    (*loc, "options", k, "exclusive"),
                    "only multiple_choice options can be exclusive",
                )
    elif question.options:
        yield (*loc, "options"), f"a {qtype} question has no options (only choice questions do)"
    if qtype == "scale" and question.scale is None:
        yield (*loc, "type"), "a scale question needs 'scale' with min and max"
    if qtype != "scale" and question.scale is not None:
        yield (*loc, "scale"), f"a {qtype} question has no scale (only scale questions do)"
    if question.constraint is not None:
        yield from _constraint_problems((*loc, "constraint"), question, question.constraint)


def _constraint_problems(loc: Loc, question: Question, constraint: Constraint) -> Iterator[Problem]:
    rules = constraint.rules()
    allowed = CONSTRAINT_RULES[question.type]
    if not rules:
        yield loc, "constraint has no rule (for example min, max or not_in_future)"
    for rule in rules:
        if rule not in allowed:
            fitting = ", ".join(sorted(allowed)) or "none"
            yield (*loc, rule), f"'{rule}' does not apply to {question.type} (use: {fitting})"
    pairs = (
        ("min", "max"),
        ("min_length", "max_length"),
        ("earliest", "latest"),
        ("min_selected", "max_selected"),
    )
    for low_name, high_name in pairs:
        low, high = getattr(constraint, low_name), getattr(constraint, high_name)
        if low is not None and high is not None and low > high:
            yield (*loc, low_name), f"{low_name} ({low}) is larger than {high_name} ({high})"
    if constraint.not_in_future and constraint.not_in_past:
        yield (*loc, "not_in_past"), "not_in_future and not_in_past together allow only today"
    if constraint.max_selected is not None and constraint.max_selected > len(question.options):
        yield (*loc, "max_selected"), "max_selected is larger than the number of options"


def _condition(
    loc: Loc, text: str, refs: dict[str, RefInfo], problems: list[Problem]
) -> Node | None:
    try:
        node = parse(text)
    except ConditionError as error:
        problems.append((loc, f"invalid condition: {error}"))
        return None
    found = check_condition(node, refs)
    if not found and never_true(node, refs):
        found = ["this condition can never be true, whatever the answers"]
    problems.extend((loc, message) for message in found)
    return None if found else node


def visibility_order(
    question_ids: list[str], dependencies: dict[str, list[str]]
) -> tuple[tuple[str, ...], list[list[str]]]:
    """Questions ordered so each comes after those its ``show_if`` reads, plus any cycles.

    Template order is kept wherever the dependencies allow it. A cycle is returned as a path
    that starts and ends with the same question, e.g. ``["a", "b", "a"]``.
    """
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = being visited, 2 = done
    cycles: list[list[str]] = []
    for root in question_ids:
        if state.get(root):
            continue
        # iterative depth-first search: (question, index of the next dependency to visit)
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, index = stack[-1]
            deps = dependencies.get(node, [])
            if index < len(deps):
                stack[-1] = (node, index + 1)
                dep = deps[index]
                if state.get(dep) == 1:
                    path = [entry for entry, _ in stack]
                    cycle = [*path[path.index(dep) :], dep]
                    cycles.append(cycle)
                elif not state.get(dep):
                    state[dep] = 1
                    stack.append((dep, 0))
                continue
            stack.pop()
            state[node] = 2
            order.append(node)
    return tuple(order), cycles
