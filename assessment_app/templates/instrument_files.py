"""Instrument files and official-wording files: read strictly, like templates, and registered.

An instrument file holds one ``instrument:`` block; a wording file one ``wording:`` block (see
``docs/templates.md``). Both are read by :mod:`.yaml_source` (every scalar is text, no tags, no
aliases) and every problem is a :class:`~.loader.TemplateProblem` with file, line and place.

Where they are found (:func:`instrument_dirs`): ``resources/instruments/`` (shipped) and
``instruments/`` next to the installed program (``settings.json``'s folder), each with a
``wording/`` folder for official wording. A municipality drops files into the latter.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from assessment_app.resources import resource_path
from assessment_app.templates.instruments import Instrument, Wording, wording_problems
from assessment_app.templates.loader import TEMPLATE_SUFFIXES, TemplateProblem, _schema_problems
from assessment_app.templates.validation import Loc, Problem, format_path
from assessment_app.templates.yaml_source import Source, read_source

log = logging.getLogger(__name__)

INSTRUMENT_KEY = "instrument"
WORDING_KEY = "wording"


@dataclass(frozen=True)
class Refused:
    """A file the registry could not use, for the screens: its name, whether it held an
    instrument or its wording, and the interview areas it was meant for (empty when they
    could not be read)."""

    name: str
    kind: str  # "instrument" | "wording"
    areas: tuple[str, ...]


@dataclass(frozen=True)
class InstrumentReport:
    file: str
    instrument: Instrument | None
    problems: list[TemplateProblem]
    source: Source


@dataclass(frozen=True)
class WordingReport:
    file: str
    wording: Wording | None
    problems: list[TemplateProblem]
    source: Source


def block_kind(source: Source) -> str | None:
    """``"instrument"`` or ``"wording"`` when the file's top level is that one block."""
    data = source.data
    if isinstance(data, dict) and len(data) == 1:
        key = next(iter(data))
        if key in (INSTRUMENT_KEY, WORDING_KEY):
            return str(key)
    return None


def _problems(file: str, source: Source, found: list[Problem]) -> list[TemplateProblem]:
    return [TemplateProblem(file, source.line_of(loc), format_path(loc), msg) for loc, msg in found]


def _source_problems(file: str, source: Source) -> list[TemplateProblem]:
    return [
        TemplateProblem(
            file,
            p.line if p.line is not None else source.line_of(p.loc),
            format_path(p.loc),
            p.message,
        )
        for p in source.problems
    ]


def _block(file: str, source: Source, key: str) -> tuple[object, list[TemplateProblem]]:
    problems = _source_problems(file, source)
    if problems or source.data is None:
        return None, problems
    data = source.data
    if not isinstance(data, dict) or key not in data:
        return None, [TemplateProblem(file, 1, "", f"the file must hold one '{key}:' block")]
    extra = [k for k in data if k != key]
    if extra:
        loc: Loc = (extra[0],)
        return None, _problems(
            file, source, [(loc, f"unknown field {extra[0]!r} (check the spelling)")]
        )
    return data[key], []


def read_instrument(
    path: Path | str, source: Source | None = None, areas: Collection[str] | None = None
) -> InstrumentReport:
    """Read and validate one instrument file without raising. With ``areas`` (the interview
    areas of the installed templates) an area id that is none of them is a problem."""
    file = str(path)
    source = source if source is not None else read_source(Path(path))
    block, problems = _block(file, source, INSTRUMENT_KEY)
    if problems or block is None:
        return InstrumentReport(file, None, problems, source)
    collected: list[Problem] = []
    prefix: Loc = (INSTRUMENT_KEY,)
    try:
        instrument = Instrument.model_validate(
            block, context={"from_file": True, "problems": collected, "instrument_loc": prefix}
        )
    except ValidationError as error:
        found = [(prefix + loc, msg) for loc, msg in _schema_problems(block, error)]
        return InstrumentReport(file, None, _problems(file, source, found), source)
    if areas is not None:
        known = set(areas)
        for i, area in enumerate(instrument.areas):
            if area not in known:
                collected.append(
                    (
                        (*prefix, "areas", i),
                        f"no installed template has an area {area!r}; "
                        f"known areas: {', '.join(sorted(known)) or 'none'}",
                    )
                )
    problems = _problems(file, source, collected)
    return InstrumentReport(file, None if problems else instrument, problems, source)


def _named_areas(source: Source) -> tuple[str, ...]:
    """The areas a (possibly broken) instrument file names, as far as they can be read."""
    data = source.data
    block = data.get(INSTRUMENT_KEY) if isinstance(data, dict) else None
    areas = block.get("areas") if isinstance(block, dict) else None
    if not isinstance(areas, list):
        return ()
    return tuple(a for a in areas if isinstance(a, str))


def read_wording(
    path: Path | str, instruments: InstrumentRegistry | None = None, source: Source | None = None
) -> WordingReport:
    """Read one wording file and check it against the instrument it names."""
    file = str(path)
    source = source if source is not None else read_source(Path(path))
    block, problems = _block(file, source, WORDING_KEY)
    if problems or block is None:
        return WordingReport(file, None, problems, source)
    prefix: Loc = (WORDING_KEY,)
    try:
        wording = Wording.model_validate(block, context={"from_file": True})
    except ValidationError as error:
        found = [(prefix + loc, msg) for loc, msg in _schema_problems(block, error)]
        return WordingReport(file, None, _problems(file, source, found), source)
    registry = instruments if instruments is not None else default_instruments()
    instrument = registry.get(wording.instrument, wording.version)
    if instrument is None:
        found = [
            (
                (*prefix, "instrument"),
                f"no instrument '{wording.instrument}' version {wording.version} is installed",
            )
        ]
    else:
        found = [(prefix + loc, msg) for loc, msg in wording_problems(wording, instrument)]
    problems = _problems(file, source, found)
    return WordingReport(file, None if problems else wording, problems, source)


def instrument_dirs() -> list[Path]:
    """Shipped instruments, then those a municipality put next to the installed program."""
    from assessment_app.settings import install_settings_file

    return [resource_path("instruments"), install_settings_file().parent / "instruments"]


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in TEMPLATE_SUFFIXES)


class InstrumentRegistry:
    """Every instrument by id and version, and the official wording that goes with it.

    A file with problems is skipped: its problems are listed in ``problems`` and logged (file
    name and problem; the files hold no personal data), and the file in ``refused`` for the
    screens to say; the rest still work. With ``areas`` (the installed templates' interview
    areas) an instrument naming an area that is none of them is refused too.
    """

    def __init__(
        self, directories: list[Path] | None = None, *, areas: Collection[str] | None = None
    ) -> None:
        self.directories = directories if directories is not None else instrument_dirs()
        self.problems: list[TemplateProblem] = []
        self.refused: list[Refused] = []
        self._instruments: dict[tuple[str, int], Instrument] = {}
        self._wording: dict[tuple[str, int, str], Wording] = {}
        wording_files: dict[tuple[str, int, str], str] = {}
        for directory in self.directories:
            for path in _yaml_files(directory):
                report = read_instrument(path, areas=areas)
                if report.instrument is None:
                    self._refuse(path, "instrument", _named_areas(report.source), report.problems)
                    continue
                key = report.instrument.key
                if key in self._instruments:
                    self._refuse(
                        path,
                        "instrument",
                        tuple(report.instrument.areas),
                        [
                            TemplateProblem(
                                str(path),
                                report.source.line_of((INSTRUMENT_KEY, "id")),
                                "instrument.id",
                                f"instrument '{key[0]}' version {key[1]} is already installed",
                            )
                        ],
                    )
                    continue
                self._instruments[key] = report.instrument
        for directory in self.directories:
            for path in _yaml_files(directory / "wording"):
                wording_report = read_wording(path, self)
                found = wording_report.wording
                if found is None:
                    named = self._wording_areas(wording_report.source)
                    self._refuse(path, "wording", named, wording_report.problems)
                    continue
                wkey = (found.instrument, found.version, found.language)
                first = wording_files.get(wkey)
                if first is not None:
                    # Two wordings of one instrument in one language: neither is guessed at.
                    inst = self.get(found.instrument, found.version)
                    self._wording.pop(wkey, None)
                    self._refuse(
                        path,
                        "wording",
                        tuple(inst.areas) if inst is not None else (),
                        [
                            TemplateProblem(
                                str(path),
                                wording_report.source.line_of((WORDING_KEY, "instrument")),
                                "wording.instrument",
                                f"the wording of '{found.instrument}' version {found.version} "
                                f"({found.language}) is also in {Path(first).name}; "
                                "remove one of the files",
                            )
                        ],
                    )
                    continue
                wording_files[wkey] = str(path)
                self._wording[wkey] = found
        for (instrument_id, version, language), name in wording_files.items():
            if (instrument_id, version, language) not in self._wording:  # the first of two
                self.refused.append(
                    Refused(Path(name).name, "wording", self._areas_of(instrument_id, version))
                )

    def _areas_of(self, instrument_id: str, version: int) -> tuple[str, ...]:
        inst = self.get(instrument_id, version)
        return tuple(inst.areas) if inst is not None else ()

    def _wording_areas(self, source: Source) -> tuple[str, ...]:
        data = source.data
        block = data.get(WORDING_KEY) if isinstance(data, dict) else None
        if not isinstance(block, dict):
            return ()
        instrument_id = block.get("instrument")
        if not isinstance(instrument_id, str):
            return ()
        try:
            version = int(str(block.get("version")))
        except ValueError:
            inst = self.latest(instrument_id)
            return tuple(inst.areas) if inst is not None else ()
        return self._areas_of(instrument_id, version)

    def _refuse(
        self, path: Path, kind: str, areas: tuple[str, ...], problems: list[TemplateProblem]
    ) -> None:
        self.problems.extend(problems)
        self.refused.append(Refused(path.name, kind, areas))
        for p in problems:
            where = f"{path.name}:{p.line}" if p.line is not None else path.name
            log.warning("%s file %s not used: %s: %s", kind.capitalize(), where, p.path, p.message)

    def refused_for(self, area_id: str) -> list[Refused]:
        """The refused files meant for this area; those whose areas cannot be read are said
        in every area that offers instruments."""
        offers = any(area_id in inst.areas for inst in self._instruments.values())
        return [r for r in self.refused if area_id in r.areas or (offers and not r.areas)]

    def get(self, instrument_id: str, version: int) -> Instrument | None:
        return self._instruments.get((instrument_id, version))

    def latest(self, instrument_id: str) -> Instrument | None:
        versions = sorted(v for (i, v) in self._instruments if i == instrument_id)
        return self._instruments[(instrument_id, versions[-1])] if versions else None

    def for_area(self, area_id: str) -> list[Instrument]:
        """The newest version of each instrument offered in this area, by id."""
        ids = sorted({i for (i, _v), inst in self._instruments.items() if area_id in inst.areas})
        return [inst for i in ids if (inst := self.latest(i)) is not None]

    def all(self) -> list[Instrument]:
        return [self._instruments[k] for k in sorted(self._instruments)]

    def wording(self, instrument: Instrument, language: str = "sv") -> Wording | None:
        """The official wording for the instrument in ``language``, Swedish failing that."""
        lang = "en" if language.lower().startswith("en") else "sv"
        key = instrument.key
        return self._wording.get((*key, lang)) or self._wording.get((*key, "sv"))


def template_areas() -> set[str]:
    """Every interview area of the installed templates (all versions)."""
    from assessment_app.templates.loader import default_registry

    return {area for t in default_registry().all() for area in t.area_ids()}


@cache
def default_instruments() -> InstrumentRegistry:
    """The installed instruments, loaded once, checked against the installed templates'
    areas."""
    return InstrumentRegistry(areas=template_areas())
