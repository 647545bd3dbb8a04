"""Fuzzing ``template check`` with mutations of the shipped template (see ``fuzzing.py``).

For every mutation the library loader (``read_template``) and the command's entry point
(``check_main``, in-process) must agree and: exit 0 only for a template that is really valid
(and then the template is sound by checks restated here), otherwise exit 1 with one line per
problem naming the file and a line, and never a traceback. A sample of 30 also runs as the real
command, ``python -m assessment_app template check FILE``, in a subprocess.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from assessment_app.templates import Label, Template, check_main, read_template, yaml_source
from assessment_app.templates.conditions import (
    And,
    Compare,
    Const,
    In,
    ListLit,
    Lit,
    Node,
    Not,
    Or,
    Ref,
    parse,
    references,
)
from tests.templates.fuzzing import (
    ANY,
    HIDDEN,
    INVALID,
    OPTION_VALUE,
    QUESTION_ID,
    TEMPLATE_ID,
    VALID,
    Mutation,
    Raw,
    all_mutations,
    dump,
    near,
    path_text,
    quote,
    replaced,
    shipped_data,
)

ROOT = Path(__file__).resolve().parents[2]
MUTATIONS = all_mutations()
SUBPROCESS_SAMPLE = 30


@pytest.fixture(scope="module")
def shipped_fingerprint() -> str:
    report = read_template(ROOT / "resources" / "templates" / "kartlaggning-avhopp-v1.yaml")
    assert report.template is not None
    return report.template.fingerprint()


def _write(directory: Path, mutation: Mutation) -> Path:
    path = directory / f"{mutation.name[:80]}.yaml"
    path.write_bytes(mutation.build())
    return path


def _check_in_process(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_main([str(path)], out, err)
    return code, out.getvalue(), err.getvalue()


def _check_command(path: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_PASSWORD")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "assessment_app", "template", "check", str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def verify(mutation: Mutation, path: Path, result: tuple[int, str, str], fingerprint: str) -> None:
    code, out, err = result
    assert "Traceback" not in out + err, err
    assert code in (0, 1), (code, err)
    accepted = code == 0
    if mutation.expect == VALID:
        assert accepted, f"a valid template was refused:\n{err}"
    elif mutation.expect == INVALID:
        assert not accepted, f"a broken template was accepted: {out}"
    report = read_template(path)
    assert (report.template is not None) == accepted, report.problems
    if accepted:
        template = report.template
        assert template is not None
        assert err == ""
        assert out.startswith(f"OK: {template.id} v{template.version}: ")
        assert_sound(template)
        if mutation.same_template:
            assert template.fingerprint() == fingerprint
        if mutation.text_at is not None:
            place, text = mutation.text_at
            assert _text_at(template, place) == text
        return
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == "1 of 1 file(s) have problems"
    problems = lines[:-1]
    assert problems
    where = re.compile(rf"{re.escape(str(path))}:[0-9]+: \S")
    assert all(where.match(line) for line in problems), problems
    assert problems == [str(problem) for problem in report.problems]
    assert all(problem.line is not None for problem in report.problems)
    if mutation.place is not None:
        assert any(near(p.path, mutation.place) for p in report.problems), (
            f"no problem at {path_text(mutation.place)}: {problems}"
        )
    if mutation.line is not None:
        assert any(p.line == mutation.line for p in report.problems), (
            f"no problem on line {mutation.line}: {problems}"
        )


def _text_at(template: Template, place: tuple[str | int, ...]) -> object:
    value: object = template.model_dump()
    for part in place:
        value = value[part]  # type: ignore[index]
    if isinstance(value, dict) and "sv" in value:
        return value["sv"]
    return value


# --- soundness of an accepted template, restated from docs/templates.md -----------------------


def _labels(value: object) -> Iterator[Label]:
    if isinstance(value, Label):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _labels(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _labels(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _labels(getattr(value, name))


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, And | Or):
        for operand in node.operands:
            yield from _nodes(operand)
    elif isinstance(node, Not):
        yield from _nodes(node.operand)


def assert_sound(template: Template) -> None:
    assert TEMPLATE_ID.fullmatch(template.id)
    assert isinstance(template.version, int) and template.version >= 1
    assert template.title.en and template.title.en.strip()
    assert 12 <= len(template.areas) <= 16
    section_ids = [template.consent.id, *(area.id for area in template.areas)]
    assert len(set(section_ids)) == len(section_ids)
    questions = template.all_questions()
    ids = [q.id for q in questions]
    assert len(set(ids)) == len(ids)
    for area in template.areas:
        assert 4 <= len(area.questions) <= 8
    for label in _labels(template):
        for text in (label.sv, label.en or "x"):
            assert text.strip() and len(text) <= 10_000 and not HIDDEN.search(text)
    by_id = {q.id: q for q in questions}
    for question in questions:
        assert QUESTION_ID.fullmatch(question.id)
        if question.type in ("single_choice", "multiple_choice"):
            values = [o.value for o in question.options]
            assert len(values) >= 2 and len(set(values)) == len(values)
            assert all(OPTION_VALUE.fullmatch(v) for v in values)
        conditions = [question.show_if]
        if question.safety_critical is not None:
            conditions.append(question.safety_critical.urgent_when)
        for condition in conditions:
            if condition is None:
                continue
            node = parse(condition)
            assert all(name in by_id for name in references(node))
            for part in _nodes(node):
                assert part != Const(False)
                if isinstance(part, Compare | In):
                    _assert_literals_fit(part, by_id)


def _assert_literals_fit(part: Compare | In, by_id: dict[str, object]) -> None:
    operands = (part.left, part.right)
    if isinstance(part, In) and isinstance(part.right, ListLit):
        assert part.right.items, "an empty list after 'in'"
    for ref in (o for o in operands if isinstance(o, Ref)):
        question = by_id[ref.name]
        options = {o.value for o in question.options}  # type: ignore[attr-defined]
        if not options:
            continue
        for other in operands:
            literals = other.items if isinstance(other, ListLit) else (other,)
            for literal in literals:
                if isinstance(literal, Lit):
                    assert literal.value in options, (ref.name, literal.value)


# --- the mutations ---------------------------------------------------------------------------


def test_there_are_enough_mutations_of_every_verdict() -> None:
    assert len(MUTATIONS) >= 200
    verdicts = [m.expect for m in MUTATIONS]
    assert verdicts.count(VALID) >= 40 and verdicts.count(INVALID) >= 150
    assert verdicts.count(ANY) <= len(MUTATIONS) // 8  # most verdicts are definite
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)


def test_the_writer_reproduces_the_shipped_template(
    tmp_path: Path, shipped_fingerprint: str
) -> None:
    path = tmp_path / "dumped.yaml"
    path.write_text(dump(shipped_data()), encoding="utf-8")
    report = read_template(path)
    assert report.template is not None, report.problems
    assert report.template.fingerprint() == shipped_fingerprint


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name[:70] for m in MUTATIONS])
def test_mutation(mutation: Mutation, tmp_path: Path, shipped_fingerprint: str) -> None:
    path = _write(tmp_path, mutation)
    verify(mutation, path, _check_in_process(path), shipped_fingerprint)


PURE_PYTHON_SAMPLE = [
    m
    for m in MUTATIONS
    if m.name.startswith(("reported-", "nested-", "alias-", "merge-", "recursive-", "billion-"))
    or m.name in {"anchor-without-alias", "crlf-line-ends", "second-document"}
]


@pytest.mark.parametrize("mutation", PURE_PYTHON_SAMPLE, ids=[m.name for m in PURE_PYTHON_SAMPLE])
def test_mutation_with_the_pure_python_yaml_reader(
    mutation: Mutation, tmp_path: Path, shipped_fingerprint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same verdicts when PyYAML has no libyaml (nesting is limited there by our composer)."""
    monkeypatch.setattr(yaml_source, "_Loader", yaml_source._PyLoader)
    path = _write(tmp_path, mutation)
    verify(mutation, path, _check_in_process(path), shipped_fingerprint)


def _sample() -> list[Mutation]:
    reported = [m for m in MUTATIONS if m.name.startswith("reported-")]
    rest = [m for m in MUTATIONS if not m.name.startswith("reported-")]
    step = len(rest) / (SUBPROCESS_SAMPLE - len(reported))
    return reported + [rest[int(i * step)] for i in range(SUBPROCESS_SAMPLE - len(reported))]


@pytest.mark.slow  # 30 interpreter start-ups
def test_the_real_command_on_a_sample(tmp_path: Path, shipped_fingerprint: str) -> None:
    sample = _sample()
    assert len(sample) == SUBPROCESS_SAMPLE
    assert {m.expect for m in sample} >= {VALID, INVALID}
    paths = [_write(tmp_path, m) for m in sample]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(_check_command, paths))
    failures = []
    for mutation, path, result in zip(sample, paths, results, strict=True):
        try:
            verify(mutation, path, result, shipped_fingerprint)
        except AssertionError as error:
            failures.append(f"{mutation.name}: {error}")
    assert not failures, "\n".join(failures)


# --- the outside tester's report, case by case ---------------------------------------------------


def _check_one(tmp_path: Path, data: object) -> tuple[int, str, str, Path]:
    path = tmp_path / "template.yaml"
    path.write_text(dump(data), encoding="utf-8")
    code, out, err = _check_in_process(path)
    assert "Traceback" not in out + err
    return code, out, err, path


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def test_impossible_date_as_version(tmp_path: Path) -> None:
    code, _, err, path = _check_one(tmp_path, replaced(("version",), Raw("2024-02-30")))
    line = _line_of(path, "version:")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:{line}: version: '2024-02-30' is not a whole number (write digits, for example 2)"
    )


@pytest.mark.parametrize("tag", ["!!float", "!!int"])
def test_number_tags_with_text(tmp_path: Path, tag: str) -> None:
    code, _, err, path = _check_one(tmp_path, replaced(("version",), Raw(f"{tag} abc")))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:{_line_of(path, 'version:')}: version: the tag '{tag}' is not supported; "
        "templates use no YAML tags (write the value without it)"
    )


def test_5000_digit_version(tmp_path: Path) -> None:
    code, _, err, path = _check_one(tmp_path, replaced(("version",), Raw("9" * 5000)))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:{_line_of(path, 'version:')}: version: number is too long "
        "(5000 digits; at most 15)"
    )


def test_binary_tag_on_the_template_id(tmp_path: Path) -> None:
    data = replaced(("id",), Raw("!!binary a2FydGxhZ2duaW5nLWF2aG9wcA=="))
    code, out, err, path = _check_one(tmp_path, data)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{path}:1: id: the tag '!!binary' is not supported; "
        "templates use no YAML tags (write the value without it)"
    )


def test_membership_in_an_empty_list(tmp_path: Path) -> None:
    path_in_data = ("consent", "questions", 1, "show_if")
    assert shipped_data()["consent"]["questions"][1]["show_if"] == 'contact_source == "other"'  # type: ignore[index]
    code, _, err, path = _check_one(tmp_path, replaced(path_in_data, "contact_source in []"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:{_line_of(path, 'show_if: ')}: consent.questions[1].show_if: "
        "'in []' (an empty list) is never true; list the values"
    )


def test_a_plain_whole_number_is_still_a_version(tmp_path: Path) -> None:
    code, out, err, _ = _check_one(tmp_path, replaced(("version",), Raw("2")))
    assert (code, out, err) == (0, "OK: kartlaggning-avhopp v2: 14 areas, 104 questions\n", "")


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=40))
def test_any_text_as_a_label_is_kept_exactly_or_refused(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("label") / "t.yaml"
    place = ("areas", 2, "questions", 1, "label", "sv")
    path.write_bytes(dump(replaced(place, Raw(quote(text)))).encode("utf-8", "surrogatepass"))
    code, out, err = _check_in_process(path)
    assert "Traceback" not in out + err
    should_pass = bool(text.strip()) and not HIDDEN.search(text)
    assert (code == 0) == should_pass, err
    report = read_template(path)
    if should_pass:
        assert report.template is not None
        assert report.template.areas[2].questions[1].label.sv == text
    else:
        assert report.problems and all(p.line is not None for p in report.problems)


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="0123456789-+.eExX_:~ ", min_size=1, max_size=20))
def test_any_number_text_as_a_version(
    tmp_path_factory: pytest.TempPathFactory, written: str
) -> None:
    path = tmp_path_factory.mktemp("version") / "t.yaml"
    path.write_text(dump(replaced(("version",), Raw(written))), encoding="utf-8")
    code, out, err = _check_in_process(path)
    assert "Traceback" not in out + err
    value = written.strip()
    assert (code == 0) == bool(re.fullmatch(r"[1-9][0-9]{0,14}", value)), (written, err)
    if code == 0:
        assert out.startswith(f"OK: kartlaggning-avhopp v{int(value)}: ")


CONDITION_PIECES = [
    "contact_source",
    "first_contact_date",
    "nosuch",
    '"other"',
    '"self"',
    '"2024-01-01"',
    "1",
    "true",
    "false",
    "==",
    "!=",
    "<",
    "in",
    "not",
    "and",
    "or",
    "answered(",
    "(",
    ")",
    "[",
    "]",
    ",",
]


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(CONDITION_PIECES), min_size=1, max_size=8))
def test_any_condition_is_sound_or_refused(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    path = tmp_path_factory.mktemp("condition") / "t.yaml"
    condition = " ".join(pieces)
    path.write_text(
        dump(replaced(("consent", "questions", 1, "show_if"), condition)), encoding="utf-8"
    )
    code, out, err = _check_in_process(path)
    assert "Traceback" not in out + err
    report = read_template(path)
    assert (code == 0) == (report.template is not None)
    if report.template is not None:
        assert_sound(report.template)
    else:
        assert report.problems and all(p.line is not None for p in report.problems)
