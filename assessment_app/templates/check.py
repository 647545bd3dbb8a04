"""``assessment-app template check FILE...``: validate template files before they are shipped.

Prints ``OK: <id> v<version>: <N> areas, <M> questions`` for each good file, or each problem as
``FILE:LINE: PATH: MESSAGE``; exits 0 only when every file is good. Never a traceback.
"""

from __future__ import annotations

from typing import TextIO

from assessment_app.templates.loader import TemplateProblem, read_template

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def check_main(paths: list[str], out: TextIO, err: TextIO) -> int:
    if not paths:
        err.write("usage: assessment-app template check FILE...\n")
        return EXIT_USAGE
    seen: dict[tuple[str, int], str] = {}
    failed = 0
    for path in paths:
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
