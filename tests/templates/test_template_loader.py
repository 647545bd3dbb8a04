"""Loading template files: every kind of bad input gives a clear problem with file, line, path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assessment_app.errors import TemplateError
from assessment_app.templates import (
    TemplateLoadError,
    TemplateProblem,
    load_template,
    read_template,
    yaml_source,
)

Write = Callable[..., Path]
FindLine = Callable[..., int]


def _problems(path: Path, *, strict: bool = False) -> list[TemplateProblem]:
    with pytest.raises(TemplateLoadError) as caught:
        load_template(path, strict=strict)
    assert isinstance(caught.value, TemplateError)
    assert caught.value.problems
    return caught.value.problems


def _only(problems: list[TemplateProblem]) -> TemplateProblem:
    assert len(problems) == 1, problems
    return problems[0]


def test_base_template_loads(write: Write, base_yaml: str) -> None:
    template = load_template(write(base_yaml), strict=False)
    assert template.id == "demo"
    assert [q.id for q in template.all_questions()] == [
        "informed",
        "housing_type",
        "housing_note",
        "debt",
    ]


def test_malformed_yaml(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace("        label: Hur bor du?", "        label: [Hur bor du?")
    problem = _only(_problems(write(text)))
    assert problem.message.startswith("invalid YAML: ")
    assert problem.line is not None
    assert problem.line >= find_line(text, "[Hur bor du?")
    assert problem.file.endswith("template.yaml")


def test_bad_indentation_is_invalid_yaml(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("      - id: debt", "    - id: debt")
    assert _only(_problems(write(text))).message.startswith("invalid YAML")


@pytest.mark.parametrize("content", ["", "   \n\n", "# bara en kommentar\n"])
def test_empty_file(write: Write, content: str) -> None:
    problem = _only(_problems(write(content)))
    assert problem.message.startswith("file is empty")
    assert problem.path == ""


def test_binary_file(write: Write) -> None:
    problem = _only(_problems(write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    assert problem.message == "this is a binary file, not a YAML text file"


def test_file_that_is_not_utf8(write: Write) -> None:
    problem = _only(_problems(write("id: demo\ntitle: Bo\xe4nde\n".encode("latin-1"))))
    assert problem.message == "file is not UTF-8 text (save it as UTF-8)"
    assert problem.line == 2


def test_control_characters_are_invalid_yaml(write: Write) -> None:
    problem = _only(_problems(write("id: demo\ntitle: a\x07b\n")))
    assert "invalid YAML" in problem.message
    assert problem.line == 2


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert _only(_problems(tmp_path / "nope.yaml")).message == "file not found"
    assert "folder" in _only(_problems(tmp_path)).message


def test_top_level_must_be_a_mapping(write: Write) -> None:
    problem = _only(_problems(write("- id: demo\n")))
    assert problem.message.startswith("a template must be a mapping")


def test_duplicate_yaml_key(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace(
        "        label: Hur bor du?\n", "        label: Hur bor du?\n        label: Igen\n"
    )
    problem = _only(_problems(write(text)))
    assert problem.message == (
        f"duplicate key 'label' (first on line {find_line(text, 'label: Hur bor du?')})"
    )
    assert problem.line == find_line(text, "label: Igen")
    assert problem.path == "areas[0].questions[0].label"


def test_duplicate_question_id(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace("- id: debt", "- id: housing_type")
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[1].questions[0].id"
    assert problem.message == (
        "duplicate question id 'housing_type' (also at areas[0].questions[0].id)"
    )
    assert problem.line == find_line(text, "- id: housing_type", 2)


def test_duplicate_question_id_across_consent_and_areas(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("- id: debt", "- id: informed")
    problem = _only(_problems(write(text)))
    assert problem.message == "duplicate question id 'informed' (also at consent.questions[0].id)"


def test_duplicate_area_id(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace("- id: money", "- id: housing")
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[1].id"
    assert problem.message == "duplicate area id 'housing' (also at areas[0].id)"
    lines = text.splitlines()
    assert problem.line == [i for i, s in enumerate(lines, 1) if s.strip() == "- id: housing"][1]


def test_duplicate_option_value(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace(
        "            label: Ingenstans\n",
        "            label: Ingenstans\n          - value: own\n            label: Eget igen\n",
    )
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[0].questions[0].options[2].value"
    assert problem.message == "duplicate option value 'own'"
    assert problem.line == find_line(text, "- value: own", 2)


def test_unknown_question_type(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace("type: long_text", "type: essay")
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[0].questions[1].type"
    assert problem.message.startswith("unknown question type 'essay'; use one of: single_choice")
    assert problem.line == find_line(text, "type: essay")


def test_condition_naming_unknown_question(
    write: Write, base_yaml: str, find_line: FindLine
) -> None:
    text = base_yaml.replace("show_if: 'housing_type ==", "show_if: 'housing_typ ==")
    problem = _only(_problems(write(text)))
    assert f"{problem.path}: {problem.message}" == (
        "areas[0].questions[1].show_if: unknown question 'housing_typ'"
    )
    assert problem.line == find_line(text, "show_if:")
    assert str(problem) == (
        f"{problem.file}:{problem.line}: areas[0].questions[1].show_if: "
        "unknown question 'housing_typ'"
    )


def test_condition_cycle(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace(
        "        label: Hur bor du?\n",
        "        label: Hur bor du?\n        show_if: 'answered(housing_note)'\n",
    )
    problem = _only(_problems(write(text)))
    assert problem.message == "condition cycle: housing_type -> housing_note -> housing_type"
    assert problem.path == "areas[0].questions[0].show_if"
    assert problem.line == find_line(text, "show_if: 'answered(housing_note)'")


def test_condition_syntax_error(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("show_if: 'housing_type ==", "show_if: 'housing_type = ")
    problem = _only(_problems(write(text)))
    assert problem.message == "invalid condition: use '==' to compare, not '=' at position 13"


def test_missing_and_unknown_fields(write: Write, base_yaml: str, find_line: FindLine) -> None:
    text = base_yaml.replace("    help: Om pengar.\n", "    hjälp: Om pengar.\n")
    problems = _problems(write(text))
    by_path = {p.path: p for p in problems}
    assert by_path["areas[1].help"].message == "required field is missing"
    assert by_path["areas[1].help"].line == find_line(text, "- id: money")
    assert by_path["areas[1].hjälp"].message == "unknown field 'hjälp' (check the spelling)"
    assert by_path["areas[1].hjälp"].line == find_line(text, "hjälp:")


def test_wrong_value_type_points_at_the_line(
    write: Write, base_yaml: str, find_line: FindLine
) -> None:
    text = base_yaml.replace("      required: true", "      required: [1]")
    problem = _only(_problems(write(text)))
    assert problem.path == "consent.questions[0].required"
    assert problem.line == find_line(text, "required: [1]")


def test_several_problems_are_all_reported(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("- id: debt", "- id: informed").replace(
        "show_if: 'housing_type ==", "show_if: 'housing_typ =="
    )
    found = {(p.path, p.message) for p in _problems(write(text))}
    assert found == {
        (
            "areas[1].questions[0].id",
            "duplicate question id 'informed' (also at consent.questions[0].id)",
        ),
        ("areas[0].questions[1].show_if", "unknown question 'housing_typ'"),
    }


def test_yes_and_no_stay_text(write: Write, base_yaml: str) -> None:
    # YAML 1.1 would read these as booleans; a template means the words.
    text = base_yaml.replace("- value: own", "- value: yes").replace("- value: none", "- value: no")
    text = text.replace('housing_type == "none"', 'housing_type == "no"')
    template = load_template(write(text), strict=False)
    assert [o.value for o in template.question("housing_type").options] == ["yes", "no"]


@pytest.fixture(params=[loader.__name__ for loader in yaml_source._LOADERS])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the libyaml loader and with the pure-Python one."""
    chosen = next(x for x in yaml_source._LOADERS if x.__name__ == request.param)
    monkeypatch.setattr(yaml_source, "_Loader", chosen)
    return str(request.param)


def test_both_yaml_loaders_are_tested() -> None:
    assert "_PyLoader" in [loader.__name__ for loader in yaml_source._LOADERS]


def test_aliases_are_refused(
    yaml_loader: str, write: Write, base_yaml: str, find_line: FindLine
) -> None:
    text = base_yaml.replace("    title: Boende", "    title: &t Boende").replace(
        "    title: Ekonomi", "    title: *t"
    )
    problem = _only(_problems(write(text)))
    assert "aliases are not supported" in problem.message
    assert problem.line == find_line(text, "&t Boende")


def test_recursive_alias_is_refused(yaml_loader: str, write: Write) -> None:
    problem = _only(_problems(write("id: &a [*a]\n")))
    assert "aliases are not supported" in problem.message


def test_yaml_loaders_agree(yaml_loader: str, write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("- value: own", "- value: off").replace("version: 1", "version: 2")
    template = load_template(write(text), strict=False)
    assert template.version == 2
    assert template.question("housing_type").options[0].value == "off"
    assert template.question("informed").required is True


def test_unsafe_tags_are_refused(
    yaml_loader: str, write: Write, base_yaml: str, find_line: FindLine
) -> None:
    text = base_yaml.replace("    title: Boende", "    title: !!python/name:os.system ''")
    problem = _only(_problems(write(text)))
    assert problem.message.startswith("the tag '!!python/name:os.system' is not supported")
    assert (problem.path, problem.line) == ("areas[0].title", find_line(text, "!!python"))


def test_strict_mode_applies_the_authoring_rules(write: Write, base_yaml: str) -> None:
    path = write(base_yaml.replace("  en: Demo template\n", ""))
    messages = [p.message for p in _problems(path, strict=True)]
    assert "the template title needs an English translation (en)" in messages
    assert "a template needs 12-16 areas, this one has 2" in messages
    assert "area 'housing' needs 4-8 questions, it has 2" in messages
    assert "area 'money' needs 4-8 questions, it has 1" in messages
    assert load_template(path, strict=False).id == "demo"


def test_read_template_never_raises(write: Write) -> None:
    report = read_template(write(b"\x00\x01"))
    assert report.template is None
    assert report.problems


def test_load_error_message_is_bilingual(write: Write) -> None:
    with pytest.raises(TemplateLoadError) as caught:
        load_template(write(""))
    assert "has 1 problem(s)" in str(caught.value)
    assert caught.value.localized("sv").startswith("Mallfilen ")
