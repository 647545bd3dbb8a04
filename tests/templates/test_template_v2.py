"""Version 2 of the kartläggning: it keeps version 1 intact and adds questions on suicidality,
weapons and risk to others, violence in close relationships, overdose risk, gambling and earlier
offending. Every condition version 2 adds is tested both ways through the engine."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessment_app.templates import (
    AreaRating,
    Label,
    Question,
    Template,
    added_areas,
    check_main,
    compare_ratings,
    default_registry,
    evaluate,
    load_template,
    removed_areas,
    shared_areas,
)
from assessment_app.templates.conditions import parse, references
from assessment_app.templates.validation import located_questions

REPO = Path(__file__).resolve().parents[2]
V1_FILE = REPO / "resources" / "templates" / "kartlaggning-avhopp-v1.yaml"
V2_FILE = REPO / "resources" / "templates" / "kartlaggning-avhopp-v2.yaml"
TODAY = date(2025, 6, 15)

# The questions version 2 adds: id -> (area, type). Options and conditions are tested below.
NEW_QUESTIONS = {
    "network_first_offence_age": ("network", "single_choice"),
    "network_convictions": ("network", "single_choice"),
    "legal_history": ("legal", "multiple_choice"),
    "substance_overdose_risk": ("substance_use", "multiple_choice"),
    "risk_suicide_plan": ("risk_of_harm", "single_choice"),
    "risk_suicide_attempt": ("risk_of_harm", "single_choice"),
    "risk_suicide_attempt_count": ("risk_of_harm", "number"),
    "risk_suicide_protective": ("risk_of_harm", "multiple_choice"),
    "risk_weapons_access": ("risk_of_harm", "single_choice"),
    "risk_harm_intent": ("risk_of_harm", "single_choice"),
    "risk_harm_target": ("risk_of_harm", "multiple_choice"),
    "finances_gambling": ("finances", "multiple_choice"),
    "violence_exposed": ("close_violence", "multiple_choice"),
    "violence_exposed_by": ("close_violence", "multiple_choice"),
    "violence_exposed_when": ("close_violence", "single_choice"),
    "violence_serious_risk": ("close_violence", "single_choice"),
    "violence_used": ("close_violence", "multiple_choice"),
    "violence_used_against": ("close_violence", "multiple_choice"),
    "violence_children_witnessed": ("close_violence", "single_choice"),
    "violence_children_safe": ("close_violence", "single_choice"),
}
# Question id prefixes follow the area they are asked in.
PREFIX = {
    "network": "network_",
    "legal": "legal_",
    "substance_use": "substance_",
    "finances": "finances_",
    "risk_of_harm": "risk_",
    "close_violence": "violence_",
}
# The one v1 question asked in another area in v2 (to make room in network; same question).
MOVED = {"network_pull_back": ("network", "motivation")}


@pytest.fixture(scope="module")
def v1() -> Template:
    return load_template(V1_FILE)


@pytest.fixture(scope="module")
def v2() -> Template:
    return load_template(V2_FILE)


# --- the file ------------------------------------------------------------------------------


def test_v2_passes_template_check() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(V2_FILE)], out, err) == 0, err.getvalue()
    assert out.getvalue() == "OK: kartlaggning-avhopp v2: 16 areas, 124 questions\n"
    assert err.getvalue() == ""


def test_template_check_command_accepts_both_versions_together() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "assessment_app", "template", "check", str(V1_FILE), str(V2_FILE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "OK: kartlaggning-avhopp v1: 14 areas, 104 questions",
        "OK: kartlaggning-avhopp v2: 16 areas, 124 questions",
    ]


def test_both_versions_are_installed_and_v2_is_the_latest(v1: Template) -> None:
    registry = default_registry()
    assert registry.problems == []
    assert registry.versions("kartlaggning-avhopp") == [1, 2]
    assert registry.latest("kartlaggning-avhopp").version == 2
    # an assessment made on version 1 still opens with its own questions
    assert registry.get("kartlaggning-avhopp", 1) == v1
    assert registry.path_of("kartlaggning-avhopp", 2).name == V2_FILE.name


# --- what stays --------------------------------------------------------------------------


def test_every_v1_area_is_in_v2_in_the_same_order(v1: Template, v2: Template) -> None:
    assert shared_areas(v1, v2) == v1.area_ids()
    assert removed_areas(v1, v2) == []
    assert added_areas(v1, v2) == ["risk_of_harm", "close_violence"]
    # each new area comes right after the area its questions grow out of
    ids = v2.area_ids()
    assert ids[ids.index("health") + 1] == "risk_of_harm"
    assert ids[ids.index("family") + 1] == "close_violence"


def test_a_follow_up_on_v2_is_compared_with_v1_area_by_area(v1: Template, v2: Template) -> None:
    before = {"health": AreaRating(own=3, worker=4, reason="Mår dåligt")}
    after = {
        "health": AreaRating(own=2, worker=2, reason="Bättre"),
        "risk_of_harm": AreaRating(worker=1),
    }
    changes = {c.area_id: c for c in compare_ratings(v1, before, v2, after)}
    assert list(changes) == v1.area_ids()  # the new areas are not compared, only listed
    assert (changes["health"].delta, changes["health"].own_delta) == (-2, -1)
    assert changes["housing"].delta is None


def test_v1_questions_keep_id_type_and_options(v1: Template, v2: Template) -> None:
    for question in v1.all_questions():
        assert v2.has_question(question.id), question.id
        newer = v2.question(question.id)
        assert newer.type == question.type, question.id
        assert [(o.value, o.exclusive) for o in newer.options] == [
            (o.value, o.exclusive) for o in question.options
        ], question.id
        # nothing else about a v1 question changed either: labels, conditions, urgency
        assert newer == question, question.id


def test_v1_questions_stay_in_their_sections_but_one(v1: Template, v2: Template) -> None:
    moved = {
        q.id: (v1.section_of(q.id), v2.section_of(q.id))
        for q in v1.all_questions()
        if v1.section_of(q.id) != v2.section_of(q.id)
    }
    assert moved == MOVED
    assert v2.consent == v1.consent


def test_the_new_questions_are_exactly_these(v1: Template, v2: Template) -> None:
    new = {
        q.id: (v2.section_of(q.id), q.type) for q in v2.all_questions() if not v1.has_question(q.id)
    }
    assert new == NEW_QUESTIONS
    for qid, (area_id, _) in NEW_QUESTIONS.items():
        assert qid.startswith(PREFIX[area_id]), qid


# --- the new text ------------------------------------------------------------------------


def _texts(question: Question) -> list[Label]:
    found = [question.label, *(o.label for o in question.options)]
    if question.help:
        found.append(question.help)
    if question.constraint:
        found.append(question.constraint.message)
    if question.safety_critical:
        found.append(question.safety_critical.message)
    return found


def test_every_new_question_has_swedish_and_english_text(v2: Template) -> None:
    for qid in NEW_QUESTIONS:
        question = v2.question(qid)
        assert question.label.sv.strip() and (question.label.en or "").strip(), qid
        for label in _texts(question):
            assert label.sv.strip() and (label.en or "").strip(), (qid, label.sv)
            assert label.sv != label.en, (qid, label.sv)  # translated, not copied


def test_new_areas_are_complete_and_address_the_person(v2: Template) -> None:
    for area_id in ("risk_of_harm", "close_violence"):
        area = v2.area(area_id)
        assert area.title.en and area.help.en
        own, worker = area.rating.own_prompt, area.rating.worker_prompt
        assert own is not None and worker is not None and own.en and worker.en
        assert " du " in f" {own.sv} "
        assert area.rating.reason_required_from == 2


def test_new_option_values_are_english_snake_case(v2: Template) -> None:
    for qid in NEW_QUESTIONS:
        for option in v2.question(qid).options:
            assert option.value.isascii() and option.value == option.value.lower(), option.value


def test_the_guidance_names_the_new_topics(v2: Template) -> None:
    # the worker's guidance in the areas that grew says what to ask about
    assert "överdos" in v2.area("substance_use").help.sv
    assert "spel" in v2.area("finances").help.sv
    worker_prompt = v2.area("finances").rating.worker_prompt
    assert worker_prompt is not None and "spel" in worker_prompt.sv
    assert "Risk att skada sig själv eller andra" in v2.area("health").help.sv
    assert "Våld i nära relationer" in v2.area("family").help.sv
    assert "ingen riskbedömning" in v2.area("network").help.sv
    for qid in ("network_first_offence_age", "legal_history"):
        assert "riskbedömning" in (v2.question(qid).help or Label(sv="-")).sv, qid


def test_conditions_only_read_questions_asked_earlier(v2: Template) -> None:
    position = {q.id: i for i, q in enumerate(v2.all_questions())}
    for question in v2.all_questions():
        conditions = [question.show_if]
        if question.safety_critical:
            conditions.append(question.safety_critical.urgent_when)
        for condition in filter(None, conditions):
            for name in references(parse(condition)):
                assert position[name] <= position[question.id], (question.id, name)


# --- every new condition, both ways ------------------------------------------------------

ANY_FORM = ["physical"]  # one form of violence is enough to open the follow-ups


@dataclass(frozen=True)
class Case:
    question: str
    answers: dict[str, Any]
    expected: bool
    why: str


SHOW_IF = [
    # overdose risk: anyone who has used lately or had problems earlier
    Case("substance_overdose_risk", {"substance_last_30_days": True}, True, "used lately"),
    Case(
        "substance_overdose_risk",
        {"substance_last_30_days": False, "substance_earlier_problems": True},
        True,
        "problems earlier (for example abstinent in prison)",
    ),
    Case(
        "substance_overdose_risk",
        {"substance_last_30_days": False, "substance_earlier_problems": False},
        False,
        "no use",
    ),
    Case("substance_overdose_risk", {}, False, "not answered yet"),
    # suicidality follows the v1 gateway health_suicidal_thoughts
    Case("risk_suicide_plan", {"health_suicidal_thoughts": "now"}, True, "thoughts now"),
    Case("risk_suicide_plan", {"health_suicidal_thoughts": "last_month"}, True, "last month"),
    Case("risk_suicide_plan", {"health_suicidal_thoughts": "earlier"}, False, "only earlier"),
    Case("risk_suicide_plan", {"health_suicidal_thoughts": "never"}, False, "never"),
    Case("risk_suicide_plan", {}, False, "not answered"),
    Case("risk_suicide_attempt", {"health_suicidal_thoughts": "earlier"}, True, "earlier"),
    Case("risk_suicide_attempt", {"health_suicidal_thoughts": "now"}, True, "now"),
    Case("risk_suicide_attempt", {"health_suicidal_thoughts": "never"}, False, "never"),
    Case("risk_suicide_attempt", {}, False, "not answered"),
    Case(
        "risk_suicide_attempt_count",
        {"health_suicidal_thoughts": "earlier", "risk_suicide_attempt": "earlier"},
        True,
        "an attempt",
    ),
    Case(
        "risk_suicide_attempt_count",
        {"health_suicidal_thoughts": "last_month", "risk_suicide_attempt": "last_year"},
        True,
        "an attempt last year",
    ),
    Case(
        "risk_suicide_attempt_count",
        {"health_suicidal_thoughts": "now", "risk_suicide_attempt": "never"},
        False,
        "no attempt",
    ),
    Case(
        "risk_suicide_attempt_count",
        {"health_suicidal_thoughts": "never", "risk_suicide_attempt": "last_month"},
        False,
        "the attempt question is hidden, so its follow-up is too",
    ),
    Case("risk_suicide_protective", {"health_suicidal_thoughts": "last_month"}, True, "recent"),
    Case("risk_suicide_protective", {"health_suicidal_thoughts": "earlier"}, False, "earlier"),
    # risk to others
    Case("risk_harm_target", {"risk_harm_intent": "thoughts"}, True, "thoughts"),
    Case("risk_harm_target", {"risk_harm_intent": "threatened"}, True, "threatened"),
    Case("risk_harm_target", {"risk_harm_intent": "intends_named"}, True, "intends"),
    Case("risk_harm_target", {"risk_harm_intent": "no"}, False, "no"),
    Case("risk_harm_target", {}, False, "not answered"),
    # violence in close relationships
    Case("violence_exposed_by", {"violence_exposed": ["honour"]}, True, "honour-related"),
    Case("violence_exposed_by", {"violence_exposed": ["none"]}, False, "none"),
    Case("violence_exposed_by", {}, False, "not answered"),
    Case("violence_exposed_when", {"violence_exposed": ["economic", "sexual"]}, True, "exposed"),
    Case("violence_exposed_when", {"violence_exposed": ["none"]}, False, "none"),
    Case(
        "violence_serious_risk",
        {"violence_exposed": ANY_FORM, "violence_exposed_when": "ongoing"},
        True,
        "ongoing",
    ),
    Case(
        "violence_serious_risk",
        {"violence_exposed": ANY_FORM, "violence_exposed_when": "last_year"},
        True,
        "in the last year",
    ),
    Case(
        "violence_serious_risk",
        {"violence_exposed": ANY_FORM, "violence_exposed_when": "earlier"},
        False,
        "long ago",
    ),
    Case(
        "violence_serious_risk",
        {"violence_exposed": ["none"], "violence_exposed_when": "ongoing"},
        False,
        "when-question hidden, so this is too",
    ),
    Case("violence_used_against", {"violence_used": ["psychological"]}, True, "uses violence"),
    Case("violence_used_against", {"violence_used": ["none"]}, False, "none"),
    Case("violence_used_against", {}, False, "not answered"),
    Case(
        "violence_children_witnessed",
        {"violence_exposed": ANY_FORM, "violence_used": ["none"]},
        True,
        "exposed",
    ),
    Case(
        "violence_children_witnessed",
        {"violence_exposed": ["none"], "violence_used": ["economic"]},
        True,
        "uses violence",
    ),
    Case(
        "violence_children_witnessed",
        {"violence_exposed": ["none"], "violence_used": ["none"]},
        False,
        "no violence",
    ),
    Case("violence_children_witnessed", {}, False, "not answered"),
    Case(
        "violence_children_safe",
        {"violence_exposed": ANY_FORM, "violence_children_witnessed": "yes"},
        True,
        "children saw it",
    ),
    Case(
        "violence_children_safe",
        {"violence_exposed": ANY_FORM, "violence_children_witnessed": "unsure"},
        True,
        "unsure whether children noticed",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ["none"],
            "violence_used": ANY_FORM,
            "violence_used_against": ["children"],
            "violence_children_witnessed": "no_children",
        },
        True,
        "violence against a child",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_used": ANY_FORM,
            "violence_used_against": ["partner"],
            "violence_children_witnessed": "no",
        },
        False,
        "no children involved",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ["none"],
            "violence_used": ["none"],
            "violence_children_witnessed": "yes",
        },
        False,
        "witnessed-question hidden, so this is too",
    ),
]

OPIOIDS_USED = {"substance_last_30_days": True, "substance_types": ["opioids"]}

URGENT = [
    # overdose: each urgent combination, and the near misses
    Case(
        "substance_overdose_risk",
        {"substance_last_30_days": True, "substance_overdose_risk": ["overdose_last_month"]},
        True,
        "overdose in the last month",
    ),
    Case(
        "substance_overdose_risk",
        {**OPIOIDS_USED, "substance_overdose_risk": ["released_recently"]},
        True,
        "opioids and recently released (lower tolerance)",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": False,
            "substance_earlier_problems": True,
            "substance_overdose_risk": ["released_recently", "overdose_earlier"],
        },
        True,
        "recently released after an earlier overdose",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": True,
            "substance_types": ["opioids", "sedatives"],
            "substance_overdose_risk": ["uses_alone"],
        },
        True,
        "opioids mixed with sedatives, using alone",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": True,
            "substance_types": ["alcohol", "opioids"],
            "substance_overdose_risk": ["uses_alone", "has_naloxone"],
        },
        True,
        "opioids and alcohol, alone: naloxone does not help someone alone",
    ),
    Case(
        "substance_overdose_risk",
        {**OPIOIDS_USED, "substance_overdose_risk": ["uses_alone"]},
        False,
        "near miss: opioids alone, not mixed, not released",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": True,
            "substance_types": ["cannabis"],
            "substance_overdose_risk": ["released_recently"],
        },
        False,
        "near miss: released, but no opioids and no earlier overdose",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": True,
            "substance_types": ["opioids", "sedatives"],
            "substance_overdose_risk": ["has_naloxone"],
        },
        False,
        "near miss: mixed use, but not alone and not released",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": True,
            "substance_types": ["alcohol", "sedatives"],
            "substance_overdose_risk": ["uses_alone"],
        },
        False,
        "near miss: mixed and alone, but no opioids",
    ),
    Case(
        "substance_overdose_risk",
        {**OPIOIDS_USED, "substance_overdose_risk": ["overdose_earlier"]},
        False,
        "near miss: an earlier overdose, not released",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": False,
            "substance_earlier_problems": True,
            "substance_types": ["opioids"],
            "substance_overdose_risk": ["released_recently"],
        },
        False,
        "near miss: the substance list is hidden (no use in 30 days), so it does not count",
    ),
    Case(
        "substance_overdose_risk",
        {
            "substance_last_30_days": False,
            "substance_earlier_problems": False,
            "substance_overdose_risk": ["overdose_last_month"],
        },
        False,
        "a hidden question is never urgent",
    ),
    # suicide plan and attempt
    Case(
        "risk_suicide_plan",
        {"health_suicidal_thoughts": "last_month", "risk_suicide_plan": "plan"},
        True,
        "a plan",
    ),
    Case(
        "risk_suicide_plan",
        {"health_suicidal_thoughts": "now", "risk_suicide_plan": "prepared"},
        True,
        "a plan, prepared",
    ),
    Case(
        "risk_suicide_plan",
        {"health_suicidal_thoughts": "last_month", "risk_suicide_plan": "thought_how"},
        False,
        "near miss: thought about how, nothing decided",
    ),
    Case(
        "risk_suicide_plan",
        {"health_suicidal_thoughts": "last_month", "risk_suicide_plan": "no"},
        False,
        "no plan",
    ),
    Case(
        "risk_suicide_plan",
        {"health_suicidal_thoughts": "earlier", "risk_suicide_plan": "plan"},
        False,
        "hidden (thoughts only earlier in life): never urgent",
    ),
    Case(
        "risk_suicide_attempt",
        {"health_suicidal_thoughts": "last_month", "risk_suicide_attempt": "last_month"},
        True,
        "an attempt in the last month",
    ),
    Case(
        "risk_suicide_attempt",
        {"health_suicidal_thoughts": "earlier", "risk_suicide_attempt": "last_month"},
        True,
        "an attempt in the last month, even without thoughts now",
    ),
    Case(
        "risk_suicide_attempt",
        {"health_suicidal_thoughts": "now", "risk_suicide_attempt": "last_year"},
        False,
        "near miss: an attempt in the last year (the thoughts now are urgent on their own)",
    ),
    Case(
        "risk_suicide_attempt",
        {"health_suicidal_thoughts": "never", "risk_suicide_attempt": "last_month"},
        False,
        "hidden: never urgent",
    ),
    # risk to others
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "no", "risk_harm_intent": "intends_named"},
        True,
        "intends to harm a particular person",
    ),
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "carries", "risk_harm_intent": "threatened"},
        True,
        "has threatened someone and carries a weapon",
    ),
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "at_hand", "risk_harm_intent": "threatened"},
        True,
        "has threatened someone and has a weapon",
    ),
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "can_get", "risk_harm_intent": "threatened"},
        False,
        "near miss: threatened, no weapon at hand",
    ),
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "carries", "risk_harm_intent": "thoughts"},
        False,
        "near miss: a weapon and thoughts, no threat or intent",
    ),
    Case(
        "risk_harm_intent",
        {"risk_weapons_access": "carries", "risk_harm_intent": "no"},
        False,
        "a weapon only",
    ),
    # violence in close relationships
    Case(
        "violence_serious_risk",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_serious_risk": "yes",
        },
        True,
        "risk of serious harm now",
    ),
    Case(
        "violence_serious_risk",
        {
            "violence_exposed": ["psychological"],
            "violence_exposed_when": "last_year",
            "violence_serious_risk": "yes",
        },
        True,
        "risk of serious harm after recent violence",
    ),
    Case(
        "violence_serious_risk",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_serious_risk": "unsure",
        },
        False,
        "near miss: ongoing, but not (yet) judged a risk of serious harm",
    ),
    Case(
        "violence_serious_risk",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "earlier",
            "violence_serious_risk": "yes",
        },
        False,
        "hidden (violence long ago): never urgent",
    ),
    Case(
        "violence_used_against",
        {"violence_used": ANY_FORM, "violence_used_against": ["partner", "children"]},
        True,
        "violence against a child",
    ),
    Case(
        "violence_used_against",
        {"violence_used": ANY_FORM, "violence_used_against": ["partner"]},
        False,
        "near miss: violence against a partner (children are asked about next)",
    ),
    Case(
        "violence_used_against",
        {"violence_used": ["none"], "violence_used_against": ["children"]},
        False,
        "hidden: never urgent",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "earlier",
            "violence_children_witnessed": "yes",
            "violence_children_safe": "unsafe",
        },
        True,
        "a child is unsafe now",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_children_witnessed": "yes",
            "violence_children_safe": "safe",
        },
        True,
        "children live with ongoing violence, whatever the answer about safety",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_children_witnessed": "yes",
        },
        True,
        "children live with ongoing violence, safety not answered yet",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "last_year",
            "violence_children_witnessed": "yes",
            "violence_children_safe": "safe",
        },
        False,
        "near miss: children saw violence that has stopped, and they are safe now",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_children_witnessed": "unsure",
            "violence_children_safe": "unsure",
        },
        False,
        "near miss: unsure whether the children noticed, unsure whether they are safe",
    ),
    Case(
        "violence_children_safe",
        {
            "violence_exposed": ANY_FORM,
            "violence_exposed_when": "ongoing",
            "violence_children_witnessed": "no",
            "violence_children_safe": "unsafe",
        },
        False,
        "hidden (no children noticed it): never urgent",
    ),
]


def _case_id(case: Case) -> str:
    return f"{case.question}-{'yes' if case.expected else 'no'}-{case.why}"


@pytest.mark.parametrize("case", SHOW_IF, ids=_case_id)
def test_show_if(v2: Template, case: Case) -> None:
    result = evaluate(v2, case.answers, today=TODAY)
    assert result.is_visible(case.question) is case.expected, case.why


@pytest.mark.parametrize("case", URGENT, ids=_case_id)
def test_urgent_when(v2: Template, case: Case) -> None:
    result = evaluate(v2, case.answers, today=TODAY)
    urgent = {item.question_id: item for item in result.urgent}
    assert (case.question in urgent) is case.expected, case.why
    if case.expected:
        item = urgent[case.question]
        area_id = v2.section_of(case.question)
        assert item.area_id == area_id
        assert result.area_summaries[area_id].urgent
        assert result.area_summaries[area_id].needs_help
        assert item.message.en


def test_every_new_condition_is_tested_both_ways(v1: Template, v2: Template) -> None:
    """Each show_if and urgent_when that v2 adds has a case that makes it true and one that
    makes it false above."""
    added: set[tuple[str, str]] = set()
    for _, question in located_questions(v2):
        if v1.has_question(question.id):
            continue
        if question.show_if:
            added.add(("show_if", question.id))
        if question.safety_critical:
            added.add(("urgent_when", question.id))
    covered: dict[tuple[str, str], set[bool]] = {}
    for kind, cases in (("show_if", SHOW_IF), ("urgent_when", URGENT)):
        for case in cases:
            covered.setdefault((kind, case.question), set()).add(case.expected)
    assert set(covered) == added
    assert all(outcomes == {True, False} for outcomes in covered.values()), covered


def test_the_v1_urgent_answers_still_work_in_v2(v2: Template) -> None:
    result = evaluate(
        v2,
        {
            "safety_protection_tonight": True,
            "housing_tonight": False,
            "health_suicidal_thoughts": "now",
            "family_has_children": True,
            "family_children_under_18": 1,
            "family_children_safe": "at_risk",
        },
        today=TODAY,
    )
    assert {item.question_id for item in result.urgent} == {
        "safety_protection_tonight",
        "housing_tonight",
        "health_suicidal_thoughts",
        "family_children_safe",
    }


def test_the_new_questions_that_must_be_answered(v2: Template) -> None:
    # with no violence and no risk, the required new questions are the gateways only
    result = evaluate(v2, {}, today=TODAY)
    new_missing = [qid for qid in result.missing_required if qid in NEW_QUESTIONS]
    assert new_missing == [
        "network_first_offence_age",
        "network_convictions",
        "legal_history",
        "risk_weapons_access",
        "risk_harm_intent",
        "violence_exposed",
        "violence_used",
    ]
    # flagging an area as not answered waives its required questions, as in v1
    waived = evaluate(v2, {}, {"close_violence": AreaRating(flags={"not_answered"})}, today=TODAY)
    assert "violence_exposed" not in waived.missing_required


# --- a whole interview on v2 ---------------------------------------------------------------

CALM = {
    "safety_protection_tonight": False,
    "housing_tonight": True,
    "health_suicidal_thoughts": "never",
    "family_children_safe": "safe",
    "substance_overdose_risk": ["none"],
    "risk_weapons_access": "no",
    "risk_harm_intent": "no",
    "violence_exposed": ["none"],
    "violence_used": ["none"],
}


def _calm_answer(question: Question) -> object:
    if question.id in CALM:
        return CALM[question.id]
    qtype = question.type
    if qtype in ("single_choice", "multiple_choice"):
        value = question.options[0].value
        return [value] if qtype == "multiple_choice" else value
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


def test_a_calm_interview_on_v2_can_be_completed(v2: Template) -> None:
    answers: dict[str, object] = {}
    for _ in range(10):  # answering may reveal follow-ups; answer until nothing is missing
        result = evaluate(v2, answers, today=TODAY)
        if not result.missing_required:
            break
        for qid in result.missing_required:
            answers[qid] = _calm_answer(v2.question(qid))
    ratings = {area_id: AreaRating(own=0, worker=0) for area_id in v2.area_ids()}
    result = evaluate(v2, answers, ratings, today=TODAY)
    assert result.missing_required == []
    assert result.violations == {}
    assert result.urgent == []
    assert result.can_complete
