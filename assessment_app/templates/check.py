"""``assessment-app template check FILE...``: validate template files before they are shipped.

Prints ``OK: <id> v<version>: <N> areas, <M> questions`` for each good file, or each problem as
``FILE:LINE: PATH: MESSAGE``; exits 0 only when every file is good. Never a traceback.

An instrument file's areas must be areas of the templates checked in the same run, or, when
no template file is given, of the installed templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from assessment_app.templates.loader import TemplateProblem, read_template
from assessment_app.templates.yaml_source import read_source

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def check_main(paths: list[str], out: TextIO, err: TextIO) -> int:
    if not paths:
        err.write("usage: assessment-app template check FILE...\n")
        return EXIT_USAGE
    seen: dict[tuple[str, int], str] = {}
    failed = 0
    areas = _areas_of(paths)
    for path in paths:
        other = _check_block(path, areas)
        if other is not None:
            ok, lines = other
            if ok:
                out.write(lines[0] + "\n")
            else:
                failed += 1
                err.write("".join(f"{line}\n" for line in lines))
            continue
        report = read_template(path, strict=True)
        problems = list(report.problems)
        template = report.template
        if template is not None:
            first = seen.get(template.key)
            if first is not None:
                problems.append(
                    TemplateProblem(
                        report.file,
                        report.source.line_of(("id",)),
                        "id",
                        f"duplicate template: '{template.id}' version {template.version} "
                        f"is also defined in {first}",
                    )
                )
            else:
                seen[template.key] = report.file
        if template is not None and not problems:
            out.write(
                f"OK: {template.id} v{template.version}: {len(template.areas)} areas, "
                f"{len(template.all_questions())} questions\n"
            )
            continue
        failed += 1
        for problem in problems:
            err.write(f"{problem}\n")
    if failed:
        err.write(f"{failed} of {len(paths)} file(s) have problems\n")
        return EXIT_PROBLEMS
    return EXIT_OK


def _areas_of(paths: list[str]) -> set[str]:
    """The interview areas of the good template files among ``paths``; the installed
    templates' areas when there are none."""
    from assessment_app.templates.instrument_files import block_kind, template_areas

    areas: set[str] = set()
    given = False
    for path in paths:
        source = read_source(Path(path))
        if source.problems or block_kind(source) is not None:
            continue
        template = read_template(path, strict=True).template
        if template is not None:
            given = True
            areas.update(template.area_ids())
    return areas if given else template_areas()


def _check_block(path: str, areas: set[str]) -> tuple[bool, list[str]] | None:
    """An instrument or a wording file (see docs/templates.md): (ok, lines); None otherwise."""
    from assessment_app.templates.instrument_files import block_kind, read_instrument, read_wording

    source = read_source(Path(path))
    kind = block_kind(source) if not source.problems else None
    if kind == "instrument":
        report = read_instrument(path, source, areas)
        inst = report.instrument
        if inst is not None:
            return True, [
                f"OK: instrument {inst.id} v{inst.version}: {len(inst.items)} items, "
                f"total {inst.total.min}-{inst.total.max}"
            ]
        return False, [str(p) for p in report.problems]
    if kind == "wording":
        wording = read_wording(path, source=source)
        found = wording.wording
        if found is not None:
            return True, [
                f"OK: wording of {found.instrument} v{found.version} ({found.language}): "
                f"{len(found.items)} items"
            ]
        return False, [str(p) for p in wording.problems]
    return None
