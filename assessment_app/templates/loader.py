"""Loading template files, with every problem tied to its file, line and place in the template,
and the registry of installed templates by id and version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessment_app.errors import TemplateError
from assessment_app.resources import resource_path
from assessment_app.templates.model import Template, shown
from assessment_app.templates.validation import Loc, Problem, format_path
from assessment_app.templates.yaml_source import NULL, Source, read_source

TEMPLATE_SUFFIXES = (".yaml", ".yml")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class TemplateProblem:
    """One problem in a template file. ``path`` is e.g. ``areas[3].questions[2].show_if``."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        """One line: ``FILE:LINE: PATH: MESSAGE`` (line breaks in any part are escaped)."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return text.replace("\r", "\\r").replace("\n", "\\n")


class TemplateLoadError(TemplateError):
    """A template file could not be loaded; ``problems`` says every reason found."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        first = problems[0] if problems else None
        file = first.file if first else "?"
        count = len(problems)
        detail = f": {first}" if first else ""
        super().__init__(
            f"Template file {file} has {count} problem(s){detail}",
            f"Mallfilen {file} har {count} fel och kan inte användas{detail}",
        )
        self.problems = problems


class TemplateNotFoundError(TemplateError):
    def __init__(self, template_id: str, version: int | None, directory: Path) -> None:
        which = f"'{template_id}' version {version}" if version is not None else f"'{template_id}'"
        super().__init__(
            f"Template {which} is not installed (looked in {directory}).",
            f"Mallen {which} finns inte installerad (sökte i {directory}).",
        )
        self.template_id = template_id
        self.version = version


@dataclass(frozen=True)
class TemplateReport:
    """The outcome of reading one file: the template when it is valid, else the problems."""

    file: str
    template: Template | None
    problems: list[TemplateProblem]
    source: Source


def read_template(path: Path | str, *, strict: bool = True) -> TemplateReport:
    """Read and validate one file without raising. ``strict`` adds the authoring rules
    (12-16 areas, 4-8 questions per area, an English title) that ``template check`` applies.
    """
    path = Path(path)
    file = str(path)
    source = read_source(path)
    problems = [
        TemplateProblem(
            file,
            p.line if p.line is not None else source.line_of(p.loc),
            format_path(p.loc),
            p.message,
        )
        for p in source.problems
    ]
    if problems or source.data is None:
        return TemplateReport(file, None, problems, source)
    collected: list[Problem] = []
    try:
        template = Template.model_validate(
            source.data, context={"strict": strict, "problems": collected, "from_file": True}
        )
    except ValidationError as error:
        for loc, message in _schema_problems(source.data, error):
            problems.append(TemplateProblem(file, source.line_of(loc), format_path(loc), message))
        return TemplateReport(file, None, problems, source)
    for loc, message in collected:
        problems.append(TemplateProblem(file, source.line_of(loc), format_path(loc), message))
    return TemplateReport(file, None if problems else template, problems, source)


def load_template(path: Path | str, *, strict: bool = True) -> Template:
    """The template in ``path``; raises TemplateLoadError listing every problem found."""
    report = read_template(path, strict=strict)
    if report.template is None:
        raise TemplateLoadError(report.problems)
    return report.template


def _schema_problems(data: object, error: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = _data_loc(data, item["loc"])
        kind = item["type"]
        message = str(item["msg"])
        if kind == "missing":
            message = "required field is missing"
        elif item.get("input") is NULL:
            message = "no value is written here (empty, ~ or null); write a value or remove the key"
        elif kind == "extra_forbidden":
            message = f"unknown field {shown(loc[-1] if loc else '?')} (check the spelling)"
        elif kind in ("value_error", "assertion_error"):
            message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        elif kind in _EXPECTED:
            message = f"{_EXPECTED[kind]}, not {_written(item.get('input'))}"
        problem = (loc, message)
        if problem not in found:
            found.append(problem)
    return found


# What a field holds, by pydantic's error type, in an author's words.
_EXPECTED = {
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "string_type": "must be text",
    "int_type": "must be a number",
    "int_parsing": "must be a number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "date_type": "must be a date (YYYY-MM-DD)",
    "dict_type": "must be a mapping (lines of 'key: value')",
    "model_type": "must be a mapping (lines of 'key: value')",
    "model_attributes_type": "must be a mapping (lines of 'key: value')",
    "list_type": "must be a list (lines starting with '- ')",
}


def _written(value: object) -> str:
    """How a value from the file looks, for a message."""
    if isinstance(value, bool):
        return "true (write text in quotes)" if value else "false (write text in quotes)"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return shown(value)


def _data_loc(data: object, loc: tuple[int | str, ...]) -> Loc:
    """Keep only the parts of a pydantic location that are places in the file's data.

    Pydantic adds the names of union members and ``[key]`` markers; a field name that is
    absent (a missing or unknown field) is kept as the last part.
    """
    out: list[str | int] = []
    current: Any = data
    for part in loc:
        found_in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if found_in_dict or in_list:
            out.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and _FIELD_NAME.fullmatch(part):
            out.append(part)
            break
    return tuple(out)


class TemplateRegistry:
    """Every template file in a folder, by id and version. Old versions stay available, so an
    assessment always opens with the questions it was made with.

    A file that cannot be loaded is skipped and listed in ``problems`` (the others still work);
    two files with the same id and version make that version unavailable rather than guessed.
    """

    def __init__(self, directory: Path | None = None, *, strict: bool = True) -> None:
        self.directory = directory if directory is not None else resource_path("templates")
        self.problems: list[TemplateProblem] = []
        self._templates: dict[tuple[str, int], Template] = {}
        self._files: dict[tuple[str, int], Path] = {}
        self._ambiguous: set[tuple[str, int]] = set()
        files = (
            sorted(p for p in self.directory.iterdir() if p.suffix.lower() in TEMPLATE_SUFFIXES)
            if self.directory.is_dir()
            else []
        )
        for path in files:
            report = read_template(path, strict=strict)
            if report.template is None:
                self.problems.extend(report.problems)
                continue
            key = report.template.key
            if key in self._files:
                self.problems.append(
                    TemplateProblem(
                        str(path),
                        report.source.line_of(("id",)),
                        "id",
                        f"template '{key[0]}' version {key[1]} is also in {self._files[key]}",
                    )
                )
                self._ambiguous.add(key)
                continue
            self._templates[key] = report.template
            self._files[key] = path

    def get(self, template_id: str, version: int) -> Template:
        key = (template_id, version)
        if key in self._ambiguous:
            raise TemplateError(
                f"Template '{template_id}' version {version} exists in more than one file "
                f"in {self.directory}; remove the copy.",
                f"Mallen '{template_id}' version {version} finns i mer än en fil i "
                f"{self.directory}; ta bort kopian.",
            )
        template = self._templates.get(key)
        if template is None:
            raise TemplateNotFoundError(template_id, version, self.directory)
        return template

    def versions(self, template_id: str) -> list[int]:
        return sorted(v for (tid, v) in self._templates if tid == template_id)

    def latest(self, template_id: str) -> Template:
        versions = self.versions(template_id)
        if not versions:
            raise TemplateNotFoundError(template_id, None, self.directory)
        return self.get(template_id, versions[-1])

    def all(self) -> list[Template]:
        """Every loaded template, by id and then version."""
        return [self._templates[key] for key in sorted(self._templates)]

    def path_of(self, template_id: str, version: int) -> Path:
        self.get(template_id, version)
        return self._files[(template_id, version)]


@cache
def default_registry() -> TemplateRegistry:
    """The registry of the bundled templates, loaded once."""
    return TemplateRegistry()
