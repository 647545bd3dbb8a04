"""The interview engine, kept up to date one change at a time.

:func:`.engine.evaluate` looks at the whole template, which is too much work for every keystroke.
:class:`InterviewState` evaluates fully once and then, for each :meth:`~InterviewState.set_answer`
or :meth:`~InterviewState.set_rating`, re-evaluates only what the change can reach, using a
:class:`DependencyMap` built once per template:

- a question's answer is seen by the ``show_if`` conditions that name it, and through them by
  everything whose visibility cascades from those questions (a condition sees only answers to
  visible questions), and by the ``urgent_when`` conditions that name it;
- a rating touches only its own area.

The state always equals what ``engine.evaluate(template, answers, ratings, today, language)``
returns for the same inputs (the tests check this property over random edits), and each change
returns a :class:`Change` saying what the screens need to repaint.

Pure and Qt-free. The template must be valid (unique ids, as every loaded template is).
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from assessment_app.templates import conditions
from assessment_app.templates.answers import answer_problem
from assessment_app.templates.conditions import Node, is_answered, parse, references
from assessment_app.templates.engine import AreaSummary, EngineResult, UrgentItem, _needs_help
from assessment_app.templates.model import Label, Question, Template
from assessment_app.templates.ratings import (
    FLAG_NOT_ANSWERED,
    FLAG_NOT_RELEVANT,
    FLAG_URGENT,
    AreaRating,
)

_WAIVING_FLAGS = frozenset({FLAG_NOT_RELEVANT, FLAG_NOT_ANSWERED})
_NO_RATING = AreaRating()
_EMPTY: frozenset[str] = frozenset()


# --- the dependency map --------------------------------------------------------------------


@dataclass(frozen=True)
class DependencyMap:
    """Who reads whom in one template; built once per template (see :func:`dependency_map`).

    Only references a condition can actually see are kept: a ``show_if`` sees a question that
    comes earlier in the visibility order (all of them, in a valid template), an
    ``urgent_when`` sees any question of the template; names the template does not know are
    never answered as far as a condition is concerned, so they are left out.
    """

    sections: tuple[tuple[str, tuple[str, ...]], ...]
    """(section id, its question ids), consent first, then the areas, in template order."""
    section_questions: Mapping[str, tuple[str, ...]]
    section_of: Mapping[str, str]
    questions: Mapping[str, Question]
    position: Mapping[str, int]
    """Index of each question in the template's visibility order."""
    show_if: Mapping[str, Node]
    show_refs: Mapping[str, frozenset[str]]
    """Question id -> the questions its ``show_if`` reads."""
    show_dependents: Mapping[str, frozenset[str]]
    """Question id -> the questions whose ``show_if`` reads it directly."""
    visibility_closure: Mapping[str, tuple[str, ...]]
    """Question id -> every question whose visibility can depend on it, directly or through a
    chain of ``show_if`` conditions, in visibility order."""
    urgent_when: Mapping[str, Node]
    urgent_refs: Mapping[str, frozenset[str]]
    """Question id (with ``safety_critical``) -> the questions its ``urgent_when`` reads."""
    urgent_dependents: Mapping[str, frozenset[str]]
    """Question id -> the questions whose ``urgent_when`` reads it."""
    area_ids: tuple[str, ...]

    def dependents(self, question_id: str) -> frozenset[str]:
        """Every question whose visibility or urgency an answer to ``question_id`` can change."""
        closure = self.visibility_closure.get(question_id, ())
        urgent = set(self.urgent_dependents.get(question_id, _EMPTY))
        for qid in closure:
            urgent |= self.urgent_dependents.get(qid, _EMPTY)
            if qid in self.urgent_when:
                urgent.add(qid)
        return frozenset(closure) | urgent


def build_dependency_map(template: Template) -> DependencyMap:
    """Build the map for ``template`` (uncached; use :func:`dependency_map`)."""
    section_list: list[tuple[str, tuple[str, ...]]] = [
        (template.consent.id, tuple(q.id for q in template.consent.questions))
    ]
    section_list.extend((area.id, tuple(q.id for q in area.questions)) for area in template.areas)
    section_ids = [sid for sid, _ in section_list]
    if len(set(section_ids)) != len(section_ids):
        raise ValueError(f"template {template.id!r} has duplicate section ids")
    all_questions = template.all_questions()
    questions = {q.id: q for q in all_questions}
    if len(questions) != len(all_questions):
        raise ValueError(f"template {template.id!r} has duplicate question ids")
    section_of = {qid: sid for sid, qids in section_list for qid in qids}
    position = {qid: i for i, qid in enumerate(template.visibility_order())}

    show_if: dict[str, Node] = {}
    show_refs: dict[str, frozenset[str]] = {}
    show_dependents: dict[str, set[str]] = {}
    urgent_when: dict[str, Node] = {}
    urgent_refs: dict[str, frozenset[str]] = {}
    urgent_dependents: dict[str, set[str]] = {}
    for question in all_questions:
        qid = question.id
        if question.show_if is not None:
            node = parse(question.show_if)
            # the engine evaluates a show_if over the questions already decided
            refs = frozenset(
                name
                for name in references(node)
                if name in position and position[name] < position[qid]
            )
            show_if[qid] = node
            show_refs[qid] = refs
            for name in refs:
                show_dependents.setdefault(name, set()).add(qid)
        if question.safety_critical is not None:
            node = parse(question.safety_critical.urgent_when)
            refs = frozenset(name for name in references(node) if name in questions)
            urgent_when[qid] = node
            urgent_refs[qid] = refs
            for name in refs:
                urgent_dependents.setdefault(name, set()).add(qid)

    closure: dict[str, tuple[str, ...]] = {}
    for qid in show_dependents:
        reached: set[str] = set()
        stack = [qid]
        while stack:
            for dependent in show_dependents.get(stack.pop(), ()):
                if dependent not in reached:
                    reached.add(dependent)
                    stack.append(dependent)
        closure[qid] = tuple(sorted(reached, key=position.__getitem__))

    return DependencyMap(
        sections=tuple(section_list),
        section_questions=dict(section_list),
        section_of=section_of,
        questions=questions,
        position=position,
        show_if=show_if,
        show_refs=show_refs,
        show_dependents={k: frozenset(v) for k, v in show_dependents.items()},
        visibility_closure=closure,
        urgent_when=urgent_when,
        urgent_refs=urgent_refs,
        urgent_dependents={k: frozenset(v) for k, v in urgent_dependents.items()},
        area_ids=tuple(area.id for area in template.areas),
    )


_MAPS: dict[int, tuple[weakref.ref[Template], DependencyMap]] = {}


def dependency_map(template: Template) -> DependencyMap:
    """The map for ``template``, built on first use and kept as long as the template lives."""
    key = id(template)
    cached = _MAPS.get(key)
    if cached is not None and cached[0]() is template:
        return cached[1]
    built = build_dependency_map(template)
    _MAPS[key] = (weakref.ref(template, lambda _: _MAPS.pop(key, None)), built)
    return built


# --- what changed --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What one edit changed, so the screens repaint only that."""

    sections: frozenset[str] = _EMPTY
    """Sections (area ids or the consent id) whose page or side-list mark may look different:
    the section of an answered question, and every section where a question's visibility,
    missing mark, rule message or urgency, the progress counts or the area summary changed."""
    visibility: frozenset[str] = _EMPTY
    """Questions that were shown and are now hidden, or the other way round."""
    questions: frozenset[str] = _EMPTY
    """Questions whose block needs repainting: the answered question and every question whose
    visibility, missing mark, rule message or urgent message changed."""
    urgent_changed: bool = False
    """The list of urgent answers (the urgent banner) changed."""
    can_complete_changed: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.sections
            or self.visibility
            or self.questions
            or self.urgent_changed
            or self.can_complete_changed
        )


@dataclass
class _SectionState:
    answered: int = 0
    visible: int = 0
    missing: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    urgent: list[UrgentItem] = field(default_factory=list)


# --- the state -----------------------------------------------------------------------------


class InterviewState:
    """A template, its answers and ratings, and the engine's verdict on them, kept current.

    ``result`` equals ``engine.evaluate(template, answers(), ratings(), today, language)``.
    Answers are never dropped: an answer to a hidden or unknown question is kept (and
    reported as in the engine). Values and ratings are copied when stored.
    """

    def __init__(
        self,
        template: Template,
        answers: Mapping[str, object] | None = None,
        ratings: Mapping[str, AreaRating] | None = None,
        today: date | None = None,
        language: str = "sv",
    ) -> None:
        self.template = template
        self.today = today or date.today()
        self._language = language
        self._deps = dependency_map(template)
        self._answers: dict[str, object] = {k: _copy(v) for k, v in (answers or {}).items()}
        self._ratings: dict[str, AreaRating] = {
            k: v.model_copy(deep=True) for k, v in (ratings or {}).items()
        }
        self._visible: set[str] = set()
        self._problems: dict[str, Label] = {}  # known answered questions, visible or not
        self._violations: dict[str, Label] = {}  # the visible ones among them
        self._urgent: set[str] = set()
        self._hidden_answered: set[str] = set()
        self._unknown_answers: set[str] = set()
        self._waived: set[str] = set()
        self._unrated: set[str] = set()
        self._missing_reasons: set[str] = set()
        self._sections: dict[str, _SectionState] = {}
        self._summaries: dict[str, AreaSummary] = {}
        self._missing_count = 0
        self._result: EngineResult | None = None
        self._evaluate_all()

    # --- full evaluation (once) ---------------------------------------------------------

    def _evaluate_all(self) -> None:
        deps = self._deps
        for qid in self.template.visibility_order():
            if self._show(qid):
                self._visible.add(qid)
        for qid, value in self._answers.items():
            self._store_problem(qid, value)
            self._track_answered(qid)
        self._violations = {q: p for q, p in self._problems.items() if q in self._visible}
        for qid in deps.urgent_when:
            if self._is_urgent(qid):
                self._urgent.add(qid)
        for area_id in deps.area_ids:
            self._update_rating_marks(area_id)
        for section_id, _ in deps.sections:
            self._rescan_section(section_id)
        for area_id in deps.area_ids:
            self._summaries[area_id] = self._build_summary(area_id)

    # --- edits --------------------------------------------------------------------------

    def set_answer(self, question_id: str, value: object) -> Change:
        """Store (or, with None, remove) one answer and bring the state up to date.

        Only the conditions that can see this question are evaluated again: the ``show_if``
        of its dependents in visibility order (each only when something it reads changed)
        and the ``urgent_when`` of questions that read it or whose visibility flipped. An
        answer to a hidden question is seen by no condition, so it evaluates none. An answer
        to a question the template does not know is kept and shown nowhere (an empty Change).
        """
        if value is None:
            self._answers.pop(question_id, None)
        else:
            self._answers[question_id] = _copy(value)
        self._result = None
        deps = self._deps
        if question_id not in deps.questions:
            self._track_answered(question_id)
            return Change()
        could_complete = self.can_complete
        self._store_problem(question_id, value)

        # visibility: walk the dependents in order; re-evaluate only those reading a changed value
        changed_values: set[str] = {question_id} if question_id in self._visible else set()
        flipped: list[str] = []
        if changed_values:
            for qid in deps.visibility_closure.get(question_id, ()):
                if deps.show_refs[qid].isdisjoint(changed_values):
                    continue
                shown = self._show(qid)
                if shown == (qid in self._visible):
                    continue
                if shown:
                    self._visible.add(qid)
                else:
                    self._visible.discard(qid)
                flipped.append(qid)
                if is_answered(self._answers.get(qid)):
                    changed_values.add(qid)

        touched = [question_id, *flipped]
        for qid in touched:
            self._track_answered(qid)
            problem = self._problems.get(qid)
            if problem is not None and qid in self._visible:
                self._violations[qid] = problem
            else:
                self._violations.pop(qid, None)

        # urgency: conditions reading a changed value, and questions shown or hidden
        candidates: set[str] = set()
        for qid in changed_values:
            candidates |= deps.urgent_dependents.get(qid, _EMPTY)
        candidates.update(qid for qid in flipped if qid in deps.urgent_when)
        urgent_flipped: list[str] = []
        for qid in candidates:
            urgent = self._is_urgent(qid)
            if urgent != (qid in self._urgent):
                if urgent:
                    self._urgent.add(qid)
                else:
                    self._urgent.discard(qid)
                urgent_flipped.append(qid)

        # a missing mark or a rule message can only change for a touched question
        sections = {deps.section_of[qid] for qid in (*touched, *urgent_flipped)}
        questions = set(touched) | set(urgent_flipped)
        changed_sections = {deps.section_of[question_id]}
        for section_id in sections:
            before = self._sections[section_id]
            after = self._rescan_section(section_id)
            if section_id in self._summaries:
                self._summaries[section_id] = self._build_summary(section_id)
            if after != before or section_id in changed_sections:
                changed_sections.add(section_id)
        return Change(
            sections=frozenset(changed_sections),
            visibility=frozenset(flipped),
            questions=frozenset(questions),
            urgent_changed=bool(urgent_flipped),
            can_complete_changed=could_complete != self.can_complete,
        )

    def set_rating(self, area_id: str, rating: AreaRating | None) -> Change:
        """Store (or, with None, remove) one area's rating and update that area only."""
        if rating is None:
            self._ratings.pop(area_id, None)
        else:
            self._ratings[area_id] = rating.model_copy(deep=True)
        self._result = None
        if area_id not in self._summaries:  # not an area of this template: nothing to show
            return Change()
        could_complete = self.can_complete
        self._update_rating_marks(area_id)
        before = self._sections[area_id]
        after = self._rescan_section(area_id)  # waived required questions
        old_summary = self._summaries[area_id]
        self._summaries[area_id] = self._build_summary(area_id)
        changed = old_summary != self._summaries[area_id]
        return Change(
            sections=frozenset({area_id}) if changed else _EMPTY,
            questions=frozenset(set(before.missing).symmetric_difference(after.missing)),
            can_complete_changed=could_complete != self.can_complete,
        )

    # --- reading ------------------------------------------------------------------------

    @property
    def dependencies(self) -> DependencyMap:
        """The template's dependency map (shared by every state over the same template)."""
        return self._deps

    @property
    def language(self) -> str:
        """The language of the rule messages in ``result.violations`` and :meth:`violation`."""
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        self._language = language
        self._result = None

    @property
    def result(self) -> EngineResult:
        """The engine's result for the current answers and ratings (built from the kept parts,
        cached until the next edit; treat it as read-only)."""
        if self._result is None:
            self._result = self._build_result()
        return self._result

    def answers(self) -> dict[str, object]:
        """A copy of every answer, including answers to hidden and unknown questions."""
        return dict(self._answers)

    def answer(self, question_id: str) -> object:
        return self._answers.get(question_id)

    def ratings(self) -> dict[str, AreaRating]:
        """A copy of the stored ratings."""
        return {k: v.model_copy(deep=True) for k, v in self._ratings.items()}

    def is_visible(self, question_id: str) -> bool:
        return question_id in self._visible

    def violation(self, question_id: str) -> str | None:
        """The rule message for a visible answer that breaks a rule, in :attr:`language`."""
        label = self._violations.get(question_id)
        return None if label is None else label.text(self._language)

    def violation_label(self, question_id: str) -> Label | None:
        return self._violations.get(question_id)

    def is_missing(self, question_id: str) -> bool:
        """A visible required question without an answer, in a section that is not waived."""
        section_id = self._deps.section_of.get(question_id)
        if section_id is None or question_id not in self._visible:
            return False
        return question_id in self._sections[section_id].missing

    def is_hidden_answered(self, question_id: str) -> bool:
        return question_id in self._hidden_answered

    def urgent_message(self, question_id: str) -> Label | None:
        """The safety message when this (visible) answer is urgent."""
        if question_id not in self._urgent:
            return None
        critical = self._deps.questions[question_id].safety_critical
        return None if critical is None else critical.message

    def urgent_items(self) -> list[UrgentItem]:
        """Urgent answers in template order (as ``result.urgent``)."""
        return [item for sid, _ in self._deps.sections for item in self._sections[sid].urgent]

    def section_urgent(self, section_id: str) -> bool:
        """Whether a section (an area or the consent section) has an urgent answer."""
        state = self._sections.get(section_id)
        return state is not None and bool(state.urgent)

    def progress(self, section_id: str) -> tuple[int, int]:
        """(answered, visible) questions of an area or of the consent section."""
        state = self._sections.get(section_id)
        return (0, 0) if state is None else (state.answered, state.visible)

    def area_summary(self, area_id: str) -> AreaSummary:
        """The summary of an area; KeyError for the consent section or an unknown id."""
        return self._summaries[area_id]

    def missing_reason(self, area_id: str) -> bool:
        """A worker rating that needs a written reason and has none."""
        return area_id in self._missing_reasons

    @property
    def can_complete(self) -> bool:
        return not (
            self._missing_count or self._violations or self._unrated or self._missing_reasons
        )

    # --- helpers ------------------------------------------------------------------------

    def _show(self, qid: str) -> bool:
        node = self._deps.show_if.get(qid)
        if node is None:
            return True
        return conditions.evaluate(node, self._seen(self._deps.show_refs[qid]))

    def _is_urgent(self, qid: str) -> bool:
        if qid not in self._visible:
            return False
        return conditions.evaluate(
            self._deps.urgent_when[qid], self._seen(self._deps.urgent_refs[qid])
        )

    def _seen(self, names: Iterable[str]) -> dict[str, object]:
        """The answers a condition sees: those of visible questions only."""
        return {name: self._answers.get(name) for name in names if name in self._visible}

    def _store_problem(self, qid: str, value: object) -> None:
        question = self._deps.questions.get(qid)
        if question is None:
            return
        problem = answer_problem(question, value, self.today)
        if problem is None:
            self._problems.pop(qid, None)
        else:
            self._problems[qid] = problem

    def _track_answered(self, qid: str) -> None:
        """Keep ``hidden_answered`` and ``unknown_answers`` right for one question id."""
        answered = is_answered(self._answers.get(qid))
        if qid not in self._deps.questions:
            _put(self._unknown_answers, qid, answered)
        else:
            _put(self._hidden_answered, qid, answered and qid not in self._visible)

    def _update_rating_marks(self, area_id: str) -> None:
        rating = self._ratings.get(area_id, _NO_RATING)
        _put(self._waived, area_id, bool(rating.flags & _WAIVING_FLAGS))
        _put(self._unrated, area_id, not rating.is_rated)
        _put(self._missing_reasons, area_id, rating.is_rated and self._needs_reason(area_id))

    def _needs_reason(self, area_id: str) -> bool:
        rating = self._ratings.get(area_id, _NO_RATING)
        area = self.template.area(area_id)
        return area.rating.needs_reason(rating.worker) and not rating.reason.strip()

    def _rescan_section(self, section_id: str) -> _SectionState:
        """Recount one section from the kept per-question facts (no conditions evaluated)."""
        old = self._sections.get(section_id)
        waived = section_id in self._waived
        state = _SectionState()
        for qid in self._deps.section_questions[section_id]:
            if qid not in self._visible:
                continue
            state.visible += 1
            if is_answered(self._answers.get(qid)):
                state.answered += 1
            elif self._deps.questions[qid].required and not waived:
                state.missing.append(qid)
            if qid in self._violations:
                state.violations.append(qid)
            if qid in self._urgent:
                message = self.urgent_message(qid)
                assert message is not None
                state.urgent.append(UrgentItem(qid, section_id, message))
        self._missing_count += len(state.missing) - (len(old.missing) if old else 0)
        self._sections[section_id] = state
        return state

    def _build_summary(self, area_id: str) -> AreaSummary:
        area = self.template.area(area_id)
        rating = self._ratings.get(area_id, _NO_RATING)
        state = self._sections[area_id]
        flags = set(rating.flags)
        if state.urgent:
            flags.add(FLAG_URGENT)
        return AreaSummary(
            area_id=area_id,
            title=area.title,
            own=rating.own,
            worker=rating.worker,
            reason=rating.reason,
            flags=flags,
            answered=state.answered,
            visible=state.visible,
            missing_required=list(state.missing),
            violations=list(state.violations),
            urgent_items=list(state.urgent),
            needs_help=_needs_help(rating, flags),
            rated=rating.is_rated and area_id not in self._missing_reasons,
        )

    def _build_result(self) -> EngineResult:
        deps = self._deps
        missing: list[str] = []
        violation_labels: dict[str, Label] = {}
        urgent: list[UrgentItem] = []
        progress: dict[str, tuple[int, int]] = {}
        for section_id, qids in deps.sections:
            state = self._sections[section_id]
            missing.extend(state.missing)
            violation_labels.update((qid, self._violations[qid]) for qid in state.violations)
            urgent.extend(state.urgent)
            if qids:  # the engine counts only sections that have questions
                progress[section_id] = (state.answered, state.visible)
        return EngineResult(
            visible=set(self._visible),
            hidden_answered=set(self._hidden_answered),
            unknown_answers=set(self._unknown_answers),
            missing_required=missing,
            violations={qid: label.text(self._language) for qid, label in violation_labels.items()},
            violation_labels=violation_labels,
            urgent=urgent,
            unrated_areas=[a for a in deps.area_ids if a in self._unrated],
            missing_reasons=[a for a in deps.area_ids if a in self._missing_reasons],
            area_summaries=dict(self._summaries),
            section_progress=progress,
        )


def _put(target: set[str], item: str, present: bool) -> None:
    if present:
        target.add(item)
    else:
        target.discard(item)


def _copy(value: object) -> object:
    """Lists and dicts are copied so a caller changing theirs later does not change ours."""
    return copy.deepcopy(value) if isinstance(value, list | dict) else value
