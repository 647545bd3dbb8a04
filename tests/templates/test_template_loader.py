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


# --- data, not YAML's guesses -------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["2024-01-01", "2024-02-30", ".inf", ".NaN", "0x1F", "1e999", "12", "1_000", "yes"]
)
def test_scalars_stay_text(yaml_loader: str, write: Write, base_yaml: str, written: str) -> None:
    text = base_yaml.replace("label: Hur bor du?", f"label: {written}")
    text = text.replace(
        "label: Berätta mer.", f"label:\n          sv: {written}\n          en: {written}"
    )
    template = load_template(write(text), strict=False)
    assert template.question("housing_type").label.sv == written
    assert template.question("housing_note").label.en == written


@pytest.mark.parametrize(("written", "version"), [("2", 2), ('"3"', 3), ("10", 10)])
def test_the_schema_reads_whole_numbers(
    yaml_loader: str, write: Write, base_yaml: str, written: str, version: int
) -> None:
    text = base_yaml.replace("version: 1", f"version: {written}")
    assert load_template(write(text), strict=False).version == version


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1.0", "'1.0' is not a whole number (write digits, for example 2)"),
        ("0x1F", "'0x1F' is not a whole number (write digits, for example 2)"),
        ("1_000", "'1_000' is not a whole number (write digits, for example 2)"),
        (".inf", "'.inf' is not a whole number (write digits, for example 2)"),
        ("2024-02-30", "'2024-02-30' is not a whole number (write digits, for example 2)"),
        ("01", "'01': write the number without leading zeros"),
        ("9" * 5000, "number is too long (5000 digits; at most 15)"),
        ("0", "Input should be greater than or equal to 1"),
        ("true", "must be a number, not true (write text in quotes)"),
        ("~", "no value is written here (empty, ~ or null); write a value or remove the key"),
        ("!!int abc", "the tag '!!int' is not supported"),
        ("!!float abc", "the tag '!!float' is not supported"),
    ],
)
def test_bad_whole_numbers(
    yaml_loader: str, write: Write, base_yaml: str, written: str, message: str
) -> None:
    problem = _only(_problems(write(base_yaml.replace("version: 1", f"version: {written}"))))
    assert (problem.path, problem.line) == ("version", 2)
    assert problem.message.startswith(message)


def test_the_schema_reads_numbers_and_dates_in_constraints(write: Write, base_yaml: str) -> None:
    constraint = (
        "        label: Hur stora skulder?\n        constraint:\n          min: -1.5\n"
        "          max: 1e3\n          message: x\n"
    )
    text = base_yaml.replace("        label: Hur stora skulder?\n", constraint)
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[1].questions[0].constraint.max"
    assert problem.message == "'1e3' is not a number (write digits, for example 2 or 2.5)"
    template = load_template(write(text.replace("1e3", "1000.5")), strict=False)
    assert template.question("debt").constraint is not None
    assert (template.question("debt").constraint.min, template.question("debt").constraint.max) == (
        -1.5,
        1000.5,
    )
    dated = base_yaml.replace("type: number", "type: date").replace(
        "        label: Hur stora skulder?\n",
        "        label: När?\n        constraint:\n          earliest: 2024-02-30\n"
        "          message: x\n",
    )
    problem = _only(_problems(write(dated)))
    assert problem.message == "'2024-02-30' is not a date (write YYYY-MM-DD)"
    template = load_template(write(dated.replace("2024-02-30", "2024-02-29")), strict=False)
    assert str(template.question("debt").constraint.earliest) == "2024-02-29"  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["~", "null", ""])
def test_no_value_is_refused_where_a_value_is_needed(
    write: Write, base_yaml: str, find_line: FindLine, value: str
) -> None:
    text = base_yaml.replace("    help: Om pengar.", f"    help: {value}".rstrip())
    problem = _only(_problems(write(text)))
    assert problem.path == "areas[1].help"
    assert problem.message.startswith("no value is written here (empty, ~ or null)")
    assert problem.line == find_line(text, "    help:", 2)


def test_null_turns_off_the_reason_requirement(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace(
        "    help: Om pengar.\n",
        "    help: Om pengar.\n    rating:\n      reason_required_from: null\n",
    )
    assert (
        load_template(write(text), strict=False).area("money").rating.reason_required_from is None
    )


def test_a_scale_step_labelled_twice_is_refused(write: Write, base_yaml: str) -> None:
    scale = (
        "        type: scale\n        label: Hur?\n        scale:\n          min: 0\n"
        "          max: 4\n          labels:\n            0: Noll\n            -0: Minus noll\n"
    )
    text = base_yaml.replace("        type: number\n        label: Hur stora skulder?\n", scale)
    problem = _only(_problems(write(text)))
    assert problem.message == "scale step 0 has two labels ('0', '-0')"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!!str Boende", "!!str"),
        ("!!binary Qm9lbmRl", "!!binary"),
        ("!x Boende", "!x"),
        ("!<tag:yaml.org,2002:str> Boende", "!!str"),
        ("!!map {sv: Boende}", "!!map"),
        ("!!seq [Boende]", "!!seq"),
        ("!!set {Boende: null}", "!!set"),
    ],
)
def test_every_tag_is_refused(
    yaml_loader: str, write: Write, base_yaml: str, find_line: FindLine, written: str, shown: str
) -> None:
    text = base_yaml.replace("    title: Boende", f"    title: {written}")
    problem = _only(_problems(write(text)))
    assert problem.message == (
        f"the tag '{shown}' is not supported; templates use no YAML tags "
        "(write the value without it)"
    )
    assert (problem.path, problem.line) == ("areas[0].title", find_line(text, written))


def test_a_tag_on_a_key_is_refused(yaml_loader: str, write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("    help: Om pengar.", "    !!str help: Om pengar.")
    assert _only(_problems(write(text))).message.startswith("the tag '!!str' is not supported")


def test_merge_keys_are_refused(yaml_loader: str, write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("    title: Ekonomi", "    title:\n      <<: {sv: Ekonomi}")
    problem = _only(_problems(write(text)))
    assert problem.message == "merge keys ('<<') are not supported in templates; write it out"
    assert problem.path == "areas[1].title"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("true", "key 'true' must be a name (put it in quotes)"),
        ("~", "key '~' must be a name (put it in quotes)"),
        ('"a\\nb"', "key: a key cannot hold a line break or a tab"),
        ("x" * 101, "key: text is too long (101 characters; at most 100)"),
    ],
)
def test_keys_must_be_names(write: Write, base_yaml: str, key: str, message: str) -> None:
    text = base_yaml.replace("    help: Om pengar.", f"    {key}: 1\n    help: Om pengar.")
    problem = _only(_problems(write(text)))
    assert (problem.path, problem.message) == ("areas[1]", message)


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\a", "0007"), ("\\e", "001B"), ("\\N", "0085"), ("\\u202E", "202E"), ("\\x7f", "007F")],
)
def test_control_and_invisible_characters_in_text_are_refused(
    write: Write, base_yaml: str, find_line: FindLine, escaped: str, code: str
) -> None:
    text = base_yaml.replace("    title: Boende", f'    title: "Bo{escaped}ende"')
    problem = _only(_problems(write(text)))
    assert (
        problem.message == f"text contains the control or invisible character U+{code}; remove it"
    )
    assert (problem.path, problem.line) == ("areas[0].title", find_line(text, 'title: "Bo'))


def test_a_byte_order_mark_inside_the_file_is_refused(write: Write, base_yaml: str) -> None:
    assert load_template(write("\ufeff" + base_yaml), strict=False).id == "demo"
    problem = _only(_problems(write(base_yaml.replace("Ekonomi", "Eko\ufeffnomi"))))
    assert problem.message == "a byte order mark (U+FEFF) inside the file; remove it"
    assert problem.line == base_yaml.splitlines().index("    title: Ekonomi") + 1


def test_the_line_of_a_control_character_counts_characters_not_bytes(
    yaml_loader: str, write: Write
) -> None:
    text = "id: demo\ntitle: Åäöåäöåäöåäö\n" + "# å\n" * 30 + "x: a\x07b\n"
    problem = _only(_problems(write(text)))
    assert "characters are not allowed (character #x0007)" in problem.message
    assert problem.line == 33


def test_a_nul_byte_is_reported_with_its_line(write: Write, base_yaml: str) -> None:
    problem = _only(_problems(write(base_yaml.replace("Ekonomi", "Eko\x00nomi").encode())))
    assert problem.message == "this is a binary file, not a YAML text file"
    assert problem.line == base_yaml.splitlines().index("    title: Ekonomi") + 1


def test_limits_on_text_and_lists(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace("    title: Boende", f"    title: {'x' * 10_001}")
    problem = _only(_problems(write(text)))
    assert problem.message == "text is too long (10001 characters; at most 10000)"
    options = "".join(f"          - value: o{i}\n            label: V\n" for i in range(1001))
    text = base_yaml.replace("          - value: own\n            label: Eget\n", options).replace(
        'housing_type == "none"', 'housing_type == "o1"'
    )
    problem = _only(_problems(write(text)))
    assert problem.message == "list has 1002 items; at most 1000"
    assert problem.path == "areas[0].questions[0].options"


@pytest.mark.parametrize("depth", [45, 300, 5000])
def test_deep_nesting_is_refused_with_a_line(yaml_loader: str, write: Write, depth: int) -> None:
    problem = _only(_problems(write("id: demo\ntitle: " + "[" * depth + "]" * depth + "\n")))
    assert problem.line == 2
    assert "nest" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("required: true", "required: yes", "write true or false, not the text 'yes'"),
        (
            "label: Hur bor du?",
            "label: [a, b]",
            "must be a mapping (lines of 'key: value'), not a list",
        ),
        (
            "show_if: 'housing_type",
            "show_if: true #",
            "must be text, not true (write text in quotes)",
        ),
    ],
)
def test_type_problems_are_said_in_an_authors_words(
    write: Write, base_yaml: str, old: str, new: str, message: str
) -> None:
    assert old in base_yaml
    problems = _problems(write(base_yaml.replace(old, new)))
    assert message in [p.message for p in problems], problems


def test_problem_lines_never_break(write: Write, base_yaml: str) -> None:
    text = base_yaml.replace(
        "show_if: 'housing_type == \"none\"'", "show_if: 'housing_type == \"a\\nb\"'"
    )
    problem = _only(_problems(write(text)))
    assert problem.message.startswith("'a\\nb' is not an option of 'housing_type'")
    assert str(TemplateProblem("t.yaml", 3, "a.b", "one\ntwo\r")) == "t.yaml:3: a.b: one\\ntwo\\r"
