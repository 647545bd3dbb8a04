"""Every template shipped in resources/templates passes ``template check``, and the
kartläggning template has the content other parts of the app rely on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assessment_app.resources import resource_path
from assessment_app.templates import Label, Template, check_main, load_template
from assessment_app.templates.conditions import parse, references
from assessment_app.templates.validation import located_questions

SHIPPED_FILES = sorted(resource_path("templates").glob("*.y*ml"))

AREA_IDS = [
    "motivation",
    "safety",
    "protected_identity",
    "housing",
    "network",
    "legal",
    "thinking",
    "substance_use",
    "health",
    "finances",
    "occupation",
    "family",
    "social_network",
    "practical",
]


def test_there_is_at_least_one_shipped_template() -> None:
    assert [p.name for p in SHIPPED_FILES if p.name == "kartlaggning-avhopp-v1.yaml"]


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.name)
def test_shipped_template_passes_check(path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(path)], out, err) == 0, err.getvalue()
    assert out.getvalue().startswith("OK: ")


def test_shipped_templates_together_have_unique_id_and_version() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(p) for p in SHIPPED_FILES], out, err) == 0, err.getvalue()


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.name)
def test_file_name_follows_id_and_version(path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    check_main([str(path)], out, err)
    template_id, version = out.getvalue().split(":")[1].split()
    assert path.name == f"{template_id}-{version}.yaml"


def test_kartlaggning_structure(shipped: Template) -> None:
    assert shipped.id == "kartlaggning-avhopp"
    assert shipped.version == 1
    assert shipped.area_ids() == AREA_IDS
    assert shipped.consent.id == "consent"
    assert 70 <= len(shipped.all_questions()) <= 110
    assert all(4 <= len(area.questions) <= 8 for area in shipped.areas)
    contact = shipped.question("contact_source")
    assert [o.value for o in contact.options] == [
        "self",
        "police",
        "kriminalvarden",
        "provider",
        "other",
    ]
    agreement = {"agreement_no_crime", "agreement_no_drugs", "agreement_drug_tests"}
    assert agreement <= {q.id for q in shipped.consent.questions}


def test_kartlaggning_marks_the_urgent_situations(shipped: Template) -> None:
    urgent = {shipped.section_of(q.id): q.id for q in shipped.all_questions() if q.safety_critical}
    assert urgent == {
        "safety": "safety_protection_tonight",
        "housing": "housing_tonight",
        "health": "health_suicidal_thoughts",
        "family": "family_children_safe",
    }
    for qid in urgent.values():
        assert shipped.question(qid).required or qid == "family_children_safe"


def _labels(template: Template) -> list[tuple[str, Label]]:
    found: list[tuple[str, Label]] = [
        ("title", template.title),
        ("consent", template.consent.title),
    ]
    for area in template.areas:
        found += [(area.id, area.title), (area.id, area.help)]
        found += [(area.id, p) for p in (area.rating.own_prompt, area.rating.worker_prompt) if p]
    for _, question in located_questions(template):
        found.append((question.id, question.label))
        found += [(question.id, o.label) for o in question.options]
        if question.help:
            found.append((question.id, question.help))
        if question.constraint:
            found.append((question.id, question.constraint.message))
        if question.safety_critical:
            found.append((question.id, question.safety_critical.message))
    return found


def test_kartlaggning_has_english_for_every_text(shipped: Template) -> None:
    missing = [where for where, label in _labels(shipped) if not (label.en and label.en.strip())]
    assert missing == []


def test_kartlaggning_asks_every_area_in_the_persons_own_words(shipped: Template) -> None:
    # every area has a prompt for the person's own rating, addressed to them ("du")
    for area in shipped.areas:
        assert area.rating.own_prompt is not None, area.id
        assert " du " in f" {area.rating.own_prompt.sv} ", area.id


def test_kartlaggning_conditions_only_read_earlier_answers(shipped: Template) -> None:
    # an interview goes forward: a question never depends on one asked after it
    position = {q.id: i for i, q in enumerate(shipped.all_questions())}
    for question in shipped.all_questions():
        if question.show_if:
            for name in references(parse(question.show_if)):
                assert position[name] < position[question.id], (question.id, name)


def test_the_example_in_the_documentation_loads(tmp_path: Path) -> None:
    docs = Path(__file__).parents[2] / "docs" / "templates.md"
    example = docs.read_text("utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    template = load_template(path, strict=False)
    assert template.id == "kartlaggning-demo"
    assert template.question("housing_tonight").safety_critical is not None
