"""``template check``: the exact output, the exit codes, and no tracebacks."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

from assessment_app.templates import check_main

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = Path(__file__).parents[2] / "resources" / "templates" / "kartlaggning-avhopp-v1.yaml"


def _run(*paths: Path | str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = check_main([str(p) for p in paths], out, err)
    return code, out.getvalue(), err.getvalue()


def test_ok_line_for_a_good_file() -> None:
    code, out, err = _run(SHIPPED)
    assert (code, out, err) == (0, "OK: kartlaggning-avhopp v1: 14 areas, 104 questions\n", "")


def test_problem_lines_name_file_line_and_path(
    write: Callable[..., Path], base_yaml: str, find_line: Callable[..., int]
) -> None:
    text = base_yaml.replace("show_if: 'housing_type ==", "show_if: 'housing_typ ==")
    path = write(text)
    code, out, err = _run(path)
    assert code == 1
    assert out == ""
    line = find_line(text, "show_if:")
    assert f"{path}:{line}: areas[0].questions[1].show_if: unknown question 'housing_typ'\n" in err
    # check applies the authoring rules too
    assert f"{path}:{find_line(text, 'areas:')}: areas: a template needs 12-16 areas" in err
    assert err.endswith("1 of 1 file(s) have problems\n")


def test_file_level_problems_have_no_path(write: Callable[..., Path]) -> None:
    empty = write("", name="empty.yaml")
    binary = write(b"\x00\xff", name="image.yaml")
    code, _, err = _run(empty, binary)
    assert code == 1
    assert err.splitlines() == [
        f"{empty}: file is empty",
        f"{binary}:1: this is a binary file, not a YAML text file",
        "2 of 2 file(s) have problems",
    ]


def test_malformed_yaml_is_one_clear_line(write: Callable[..., Path]) -> None:
    path = write("id: demo\nversion: [1\n")
    code, _, err = _run(path)
    lines = err.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{path}:")
    assert "invalid YAML:" in lines[0]
    assert "Traceback" not in err


def test_good_and_bad_files_together(write: Callable[..., Path]) -> None:
    bad = write("- nope\n")
    code, out, err = _run(SHIPPED, bad, SHIPPED.parent / "missing.yaml")
    assert code == 1
    assert out == "OK: kartlaggning-avhopp v1: 14 areas, 104 questions\n"
    assert f"{bad}:1: a template must be a mapping" in err
    assert "missing.yaml: file not found" in err
    assert err.endswith("2 of 3 file(s) have problems\n")


def test_same_id_and_version_in_two_files(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(SHIPPED, copy)
    code, out, err = _run(SHIPPED, copy)
    assert code == 1
    assert out.count("OK: ") == 1
    id_line = next(
        i
        for i, line in enumerate(copy.read_text("utf-8").splitlines(), 1)
        if line.startswith("id:")
    )
    assert err.splitlines()[0] == (
        f"{copy}:{id_line}: id: duplicate template: 'kartlaggning-avhopp' version 1 "
        f"is also defined in {SHIPPED}"
    )


def test_no_files_is_a_usage_error() -> None:
    code, out, err = _run()
    assert code == 2
    assert out == ""
    assert err.startswith("usage: ")
