"""Versions: the registry keeps every version loadable; follow-ups compare shared areas."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment_app.errors import TemplateError
from assessment_app.templates import (
    AreaRating,
    Template,
    TemplateNotFoundError,
    TemplateRegistry,
    added_areas,
    compare_ratings,
    default_registry,
    removed_areas,
    shared_areas,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_registry_keeps_every_version() -> None:
    registry = TemplateRegistry(FIXTURES, strict=False)
    assert registry.versions("tiny") == [1, 2]
    assert registry.latest("tiny").version == 2
    old = registry.get("tiny", 1)
    assert old.version == 1
    assert old.has_question("hobbies")  # an assessment on v1 opens with v1's questions
    assert not registry.get("tiny", 2).has_question("hobbies")
    assert [t.key for t in registry.all()] == [("tiny", 1), ("tiny", 2)]
    assert registry.path_of("tiny", 2).name == "tiny-v2.yaml"
    assert registry.problems == []


def test_registry_reports_what_is_missing() -> None:
    registry = TemplateRegistry(FIXTURES, strict=False)
    with pytest.raises(TemplateNotFoundError) as caught:
        registry.get("tiny", 3)
    assert "'tiny' version 3 is not installed" in str(caught.value)
    assert caught.value.localized("sv").startswith("Mallen 'tiny' version 3 finns inte")
    with pytest.raises(TemplateNotFoundError):
        registry.latest("other")
    assert registry.versions("other") == []


def test_strict_registry_skips_files_that_break_the_authoring_rules() -> None:
    registry = TemplateRegistry(FIXTURES)  # the tiny fixtures have too few areas
    assert registry.all() == []
    assert {Path(p.file).name for p in registry.problems} == {"tiny-v1.yaml", "tiny-v2.yaml"}


def test_broken_file_does_not_hide_the_others(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "tiny-v1.yaml", tmp_path)
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    registry = TemplateRegistry(tmp_path, strict=False)
    assert registry.versions("tiny") == [1]
    assert [Path(p.file).name for p in registry.problems] == ["broken.yaml"]


def test_same_id_and_version_twice_is_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "tiny-v1.yaml", tmp_path / "a.yaml")
    shutil.copy(FIXTURES / "tiny-v1.yaml", tmp_path / "b.yaml")
    registry = TemplateRegistry(tmp_path, strict=False)
    problem = registry.problems[0]
    assert problem.message.startswith("template 'tiny' version 1 is also in ")
    assert problem.line == 3
    with pytest.raises(TemplateError, match="more than one file"):
        registry.get("tiny", 1)


def test_missing_folder_gives_an_empty_registry(tmp_path: Path) -> None:
    registry = TemplateRegistry(tmp_path / "nope")
    assert registry.all() == []


def test_default_registry_has_the_shipped_template() -> None:
    registry = default_registry()
    assert registry is default_registry()
    assert registry.problems == []
    assert 1 in registry.versions("kartlaggning-avhopp")
    assert registry.get("kartlaggning-avhopp", 1).id == "kartlaggning-avhopp"


def test_shared_added_and_removed_areas(tiny_v1: Template, tiny_v2: Template) -> None:
    assert shared_areas(tiny_v1, tiny_v2) == ["housing", "finances"]  # v2's order
    assert added_areas(tiny_v1, tiny_v2) == ["health"]
    assert removed_areas(tiny_v1, tiny_v2) == ["leisure"]
    assert shared_areas(tiny_v1, tiny_v1) == ["housing", "finances", "leisure"]


def test_compare_ratings_over_versions(tiny_v1: Template, tiny_v2: Template) -> None:
    before = {
        "housing": AreaRating(own=4, worker=4, reason="Bostadslös.", flags={"urgent"}),
        "finances": AreaRating(own=2, worker=3, reason="Skulder."),
        "leisure": AreaRating(own=1, worker=1, reason="x"),
    }
    after = {
        "housing": AreaRating(own=1, worker=2, reason="Har ett korttidsboende."),
        "finances": AreaRating(own=3),
        "health": AreaRating(own=2, worker=2, reason="Sover dåligt."),
    }
    changes = compare_ratings(tiny_v1, before, tiny_v2, after)
    assert [c.area_id for c in changes] == ["housing", "finances"]
    housing, finances = changes
    assert (housing.old_own, housing.old_worker, housing.new_own, housing.new_worker) == (
        4,
        4,
        1,
        2,
    )
    assert housing.delta == -2  # less need: progress
    assert housing.own_delta == -3
    assert housing.old_flags == {"urgent"} and housing.new_flags == frozenset()
    assert finances.delta is None  # no worker rating at the follow-up
    assert finances.own_delta == 1
    assert finances.title.text("sv") == "Ekonomi och skulder"  # the newer version's title


def test_compare_ratings_with_nothing_rated(tiny_v1: Template, tiny_v2: Template) -> None:
    changes = compare_ratings(tiny_v1, {}, tiny_v2, {})
    assert [(c.area_id, c.delta, c.own_delta) for c in changes] == [
        ("housing", None, None),
        ("finances", None, None),
    ]
