"""A deterministic mutation fuzzer over the shipped template, for ``test_template_fuzz.py``.

The shipped file is read into plain data (the loader keeps every scalar as text), mutated, and
written back as YAML by :func:`dump`, a small block-style writer that also writes raw YAML
forms (:class:`Raw`: tags, ``~``, ``2024-02-30``, ``.inf`` ...), anchors and aliases, merge keys
and duplicate keys. Some mutations work on the file's bytes instead (a byte order mark, tabs,
control characters, invalid UTF-8, truncation).

Every :class:`Mutation` says what the check must conclude: ``VALID`` (exit 0), ``INVALID``
(exit 1 with problems), or ``ANY`` when that depends on details of the template (deleting a
question that a condition may read); an accepted ``ANY`` template is still checked for
soundness by the test. The expectations are the schema as documented in docs/templates.md,
restated here on purpose rather than derived from the code under test.
"""

from __future__ import annotations

import copy
import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assessment_app.resources import resource_path
from assessment_app.templates.conditions import parse, references

SHIPPED = resource_path("templates", "kartlaggning-avhopp-v1.yaml")
SEED = 20240617

VALID = "valid"
INVALID = "invalid"
ANY = "any"

Path = tuple[str | int, ...]


# --- writing YAML ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """A scalar written exactly as given (``!!float abc``, ``~``, ``2024-02-30``)."""

    text: str


@dataclass(frozen=True)
class Anchored:
    """``&name`` before a value."""

    name: str
    value: object


@dataclass(frozen=True)
class Alias:
    """``*name`` instead of a value."""

    name: str


@dataclass(frozen=True)
class Pairs:
    """A mapping written pair by pair, so a key may appear twice."""

    items: tuple[tuple[str, object], ...]


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar; anything not plainly printable is escaped, so
    the file holds exactly this text (a raw NEL or LINE SEPARATOR would be read as a line break).
    """
    if text.isprintable():  # the common case: only quotes and backslashes to escape
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"):
            code = ord(ch)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Text that is written without quotes, as a person writes numbers and dates.
_PLAIN = re.compile(r"-?[1-9][0-9]{0,14}|0|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _key(key: object) -> str:
    if isinstance(key, Raw):
        return key.text
    assert isinstance(key, str), key
    return key if _SIMPLE_KEY.fullmatch(key) or _PLAIN.fullmatch(key) else quote(key)


def _scalar(value: object) -> str | None:
    """The one-line form of a scalar or empty collection; None for a block."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Alias):
        return f"*{value.name}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value if _PLAIN.fullmatch(value) else quote(value)
    if isinstance(value, dict | Pairs) and not _pairs(value):
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    return None


def _pairs(value: dict[str, object] | Pairs) -> list[tuple[str, object]]:
    return list(value.items) if isinstance(value, Pairs) else list(value.items())


def _block(value: object, indent: int) -> list[str]:
    """Lines of a mapping or list at ``indent``."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict | Pairs):
        for key, item in _pairs(value):
            lines.extend(_entry(f"{pad}{_key(key)}:", item, indent + 2))
    else:
        assert isinstance(value, list), value
        for item in value:
            inner = _entry("", item, indent + 2)
            first = inner[0]
            if first.startswith(" "):  # a block: its first line goes on the dash
                inner[0] = f"{pad}- {first[indent + 2 :]}"
            else:
                inner[0] = f"{pad}- {first.lstrip()}"
            lines.extend(inner)
    return lines


def _entry(head: str, value: object, indent: int) -> list[str]:
    """``head`` followed by ``value``: on the same line for a scalar, else as a block."""
    anchor = ""
    if isinstance(value, Anchored):
        anchor = f" &{value.name}"
        value = value.value
    one_line = _scalar(value)
    if one_line is not None:
        text = f"{anchor.strip()} {one_line}".strip()
        return [f"{head} {text}" if head else " " * indent + text]
    inner = _block(value, indent)
    if head:
        return [f"{head}{anchor}", *inner]
    if anchor:
        return [" " * indent + anchor.strip(), *inner]
    return inner


def dump(data: object) -> str:
    return "\n".join(_block(data, 0)) + "\n"


# --- the shipped template as data ------------------------------------------------------------


@cache
def shipped_text() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def _read(text: str) -> tuple[object, dict[int, str]]:
    """The data of a YAML text as the template means it, read with PyYAML's BaseLoader (every
    scalar text; plain ``true``/``false`` booleans), and the key on each line: independent of
    the loader under test.
    """
    keys: dict[int, str] = {}

    def build(node: Node) -> object:
        if isinstance(node, MappingNode):
            result = {}
            for key, value in node.value:
                assert isinstance(key, ScalarNode)
                keys[key.start_mark.line] = key.value
                result[key.value] = build(value)
            return result
        if isinstance(node, SequenceNode):
            return [build(item) for item in node.value]
        assert isinstance(node, ScalarNode)
        if node.style is None and node.value in ("true", "false"):
            return node.value == "true"
        return node.value

    return build(yaml.compose(text, Loader=yaml.BaseLoader)), keys


@cache
def _shipped_data() -> dict[str, object]:
    data, _ = _read(shipped_text())
    assert isinstance(data, dict)
    return data


def _copy(value: object) -> object:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def shipped_data() -> dict[str, object]:
    """A fresh copy of the shipped template's data (text, booleans, lists and mappings)."""
    data = _copy(_shipped_data())
    assert isinstance(data, dict)
    return data


def get(data: object, path: Path) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


def replaced(path: Path, value: object, data: object | None = None) -> dict[str, object]:
    data = shipped_data() if data is None else data
    assert isinstance(data, dict)
    parent = get(data, path[:-1])
    parent[path[-1]] = value  # type: ignore[index]
    return data


def walk(data: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))


def _is_scalar(value: object) -> bool:
    return not isinstance(value, dict | list)


# --- what a place in the template is ---------------------------------------------------------

LABEL_KEYS = {"title", "help", "label", "message", "description", "own_prompt", "worker_prompt"}
BOOL_KEYS = {"required", "exclusive", "integer", "not_in_future", "not_in_past"}
WHOLE_KEYS = {"min_length", "max_length", "min_selected", "max_selected", "reason_required_from"}
REQUIRED = {
    "template": {"id", "version", "title", "consent", "areas"},
    "consent": {"title", "questions"},
    "area": {"id", "title", "help", "questions"},
    "question": {"id", "type", "label"},
    "label": {"sv"},
    "option": {"value", "label"},
    "constraint": {"message"},
    "safety_critical": {"urgent_when", "message"},
    "scale": set(),
    "rating": set(),
    "labels": set(),
}
CONSTRAINT_RULES = {
    "min",
    "max",
    "integer",
    "min_length",
    "max_length",
    "not_in_future",
    "not_in_past",
    "earliest",
    "latest",
    "min_selected",
    "max_selected",
}


def mapping_kind(path: Path) -> str:
    if path == ():
        return "template"
    if path == ("consent",):
        return "consent"
    last = path[-1]
    if len(path) == 2 and path[0] == "areas":
        return "area"
    if isinstance(last, int) and path[-2] == "questions":
        return "question"
    if isinstance(last, int) and path[-2] == "options":
        return "option"
    if last in ("constraint", "safety_critical", "scale", "rating", "labels"):
        return str(last)
    return "label"


def scalar_role(path: Path) -> str:
    last = path[-1]
    parent = path[-2] if len(path) > 1 else None
    if last in ("sv", "en") or parent == "labels" or last in LABEL_KEYS:
        return "text"
    if path == ("id",):
        return "template_id"
    if path == ("version",):
        return "version"
    if last == "id":
        return "id"
    if last == "value" and len(path) > 2 and path[-3] == "options":
        return "option_value"
    if last == "type":
        return "type"
    if last in BOOL_KEYS:
        return "bool"
    if last in ("min", "max"):
        return "number" if parent == "constraint" else "whole"
    if last in WHOLE_KEYS:
        return "whole"
    if last in ("earliest", "latest"):
        return "date"
    if last in ("show_if", "urgent_when"):
        return "condition"
    raise AssertionError(f"unknown place {path}")


# --- scalar forms: what is written, the text it stands for, and the verdict per role ---------

QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
OPTION_VALUE = re.compile(r"[a-z0-9][a-z0-9_]{0,63}")
TEMPLATE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Form:
    name: str
    written: str
    kind: str  # "text" (a string with this value), "bool", "null", "tag", "bad" (never valid)
    value: str = ""


def _text(name: str, value: str) -> Form:
    return Form(name, quote(value), "text" if not HIDDEN.search(value) else "bad", value)


def _plain(name: str, written: str) -> Form:
    return Form(name, written, "text", written)


FORMS: tuple[Form, ...] = (
    _plain("date-impossible", "2024-02-30"),
    _plain("date", "2024-01-01"),
    _plain("timestamp", "2024-01-01T10:00:00Z"),
    _plain("inf", ".inf"),
    _plain("nan", ".NaN"),
    _plain("hex", "0x1F"),
    _plain("octal", "0o17"),
    _plain("exponent", "1e999"),
    _plain("underscore", "1_000"),
    _plain("sexagesimal", "1:30"),
    _plain("digits-5000", "9" * 5000),
    _plain("negative-digits-5000", "-" + "9" * 5000),
    _plain("yes", "yes"),
    _plain("off", "off"),
    _plain("decimal", "1.5"),
    _plain("whole", "12"),
    _plain("zero-padded", "007"),
    _plain("plus", "+1"),
    _plain("word", "abc"),
    Form("true", "true", "bool"),
    Form("tilde", "~", "null"),
    Form("null", "null", "null"),
    Form("empty", "", "null"),
    Form("tag-float", "!!float abc", "tag"),
    Form("tag-int", "!!int abc", "tag"),
    Form("tag-binary", "!!binary a2FydGxhZ2duaW5nLWF2aG9wcA==", "tag"),
    Form("tag-local", "!x foo", "tag"),
    Form("tag-str", "!!str text", "tag"),
    Form("tag-timestamp", "!!timestamp 2024-02-30", "tag"),
    Form("tag-python", "!!python/object/apply:os.system ['true']", "tag"),
    Form("tag-verbatim", "!<tag:yaml.org,2002:str> text", "tag"),
    Form("tag-set", "!!set {a: null}", "tag"),
    _text("long-5000", "lång text " * 500),
    _text("long-20000", "x" * 20_000),
    _text("bell", "a\x07b"),
    _text("escape", "a\x1b[31mb"),
    _text("nel", "a\x85b"),
    _text("bom-inside", "a\ufeffb"),
    _text("bidi-override", "abc\u202edef"),
    _text("unicode", "Åäö – “citat” 😀 𝔘"),
    _text("newlines-and-tab", "rad ett\nrad\ttvå"),
    _text("blank", "   "),
)


def form_verdict(role: str, form: Form, path: Path) -> str:
    if form.kind in ("tag", "bad"):
        return INVALID
    if form.kind == "null":
        return VALID if path[-1] == "reason_required_from" else INVALID
    if form.kind == "text" and len(form.value) > 10_000:
        return INVALID
    value = form.value
    if role == "text":
        return VALID if form.kind == "text" and value.strip() else INVALID
    if role == "bool":
        return ANY if form.kind == "bool" else INVALID
    if form.kind == "bool":
        return INVALID
    if role == "version":
        return VALID if re.fullmatch(r"[1-9][0-9]{0,14}", value) else INVALID
    if role == "whole":
        return ANY if re.fullmatch(r"-?(0|[1-9][0-9]{0,14})", value) else INVALID
    if role == "number":
        return ANY if re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", value) else INVALID
    if role == "date":
        return ANY if value == "2024-01-01" else INVALID
    if role == "template_id":
        return VALID if TEMPLATE_ID.fullmatch(value) else INVALID
    if role == "id":
        return ANY if QUESTION_ID.fullmatch(value) else INVALID
    if role == "option_value":
        return ANY if OPTION_VALUE.fullmatch(value) else INVALID
    # "type" names none of the eight types; a condition made of these forms never parses
    # into one that names a question of this template
    return INVALID


# --- mutations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    name: str
    build: Callable[[], bytes]
    expect: str
    same_template: bool = False
    """Accepted and equal to the shipped template (same fingerprint)."""
    text_at: tuple[Path, str] | None = None
    """Accepted with exactly this text at this place (the value was not retyped)."""
    place: Path | None = None
    """Refused: some problem is at this place of the data, or next to it (see :func:`near`)."""
    line: int | None = None
    """Refused: some problem is on this line of the file."""


def path_text(path: Path) -> str:
    """``("areas", 3, "questions", 2)`` -> ``areas[3].questions[2]``, as problems print it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def near(problem_path: str, place: Path) -> bool:
    """A problem's path is at ``place``, inside it, or at a sibling of it (deleting a scale
    question's ``scale`` is reported at its ``type``).
    """
    anchor = path_text(place[:-1]) if len(place) > 1 else path_text(place)
    return problem_path.startswith(anchor)


def _from_data(make: Callable[[], object]) -> Callable[[], bytes]:
    return lambda: dump(make()).encode("utf-8", "surrogatepass")


def _from_text(make: Callable[[str], str | bytes]) -> Callable[[], bytes]:
    def build() -> bytes:
        result = make(shipped_text())
        return result if isinstance(result, bytes) else result.encode("utf-8")

    return build


def _places() -> dict[str, list[Path]]:
    by_role: dict[str, list[Path]] = {}
    for path, value in walk(_shipped_data()):
        if path and _is_scalar(value) and not isinstance(path[-1], int):
            by_role.setdefault(scalar_role(path), []).append(path)
    return by_role


def _short(path: Path) -> str:
    return ".".join(str(p) for p in path[-3:])


def scalar_mutations(rng: random.Random) -> list[Mutation]:
    by_role = _places()
    roles = sorted(by_role)
    found: list[Mutation] = []
    for form in FORMS:
        chosen = {"text", rng.choice(roles)}
        for role in sorted(chosen):
            path = rng.choice(by_role[role])
            expect = form_verdict(role, form, path)
            text_at = (path, form.value) if expect == VALID and form.kind == "text" else None
            found.append(
                Mutation(
                    f"scalar-{form.name}-{role}-{_short(path)}",
                    _from_data(lambda p=path, f=form: replaced(p, Raw(f.written))),
                    expect,
                    text_at=text_at,
                    place=path,
                )
            )
    return found


def _mappings() -> list[Path]:
    return [p for p, v in walk(_shipped_data()) if isinstance(v, dict) and v]


def _lists() -> list[Path]:
    return [p for p, v in walk(_shipped_data()) if isinstance(v, list) and len(v) >= 2]


def _delete_verdict(path: Path, key: str) -> str:
    kind = mapping_kind(path)
    if key in REQUIRED[kind]:
        return INVALID
    if kind == "label" and key == "en" and path == ("title",):
        return INVALID  # a shipped template's title needs English
    if kind == "question" and key in ("options", "scale"):
        return INVALID  # a choice needs its options, a scale its scale
    if kind == "constraint" or kind == "scale":
        return ANY  # the last rule of a constraint; the range of a scale
    if kind == "consent" and key == "id":
        return VALID  # defaults to "consent", which it is
    return VALID


def structural_mutations(rng: random.Random) -> list[Mutation]:
    found: list[Mutation] = []
    mappings = _mappings()
    lists = _lists()

    for _ in range(16):  # delete a key
        path = rng.choice(mappings)
        key = rng.choice(sorted(get(_shipped_data(), path)))  # type: ignore[arg-type]

        def delete(p: Path = path, k: str = key) -> object:
            data = shipped_data()
            del get(data, p)[k]  # type: ignore[attr-defined]
            return data

        found.append(
            Mutation(
                f"delete-key-{_short((*path, key))}",
                _from_data(delete),
                _delete_verdict(path, key),
                place=(*path, key),
            )
        )

    for _ in range(8):  # the same key twice
        path = rng.choice(mappings)

        def duplicate(p: Path = path, r: int = rng.randrange(1000)) -> object:
            data = shipped_data()
            mapping = get(data, p)
            assert isinstance(mapping, dict)
            pairs = list(mapping.items())
            key, value = pairs[r % len(pairs)]
            pairs.insert(r % len(pairs) + 1, (key, copy.deepcopy(value)))
            return replaced(p, Pairs(tuple(pairs)), data) if p else Pairs(tuple(pairs))

        found.append(
            Mutation(
                f"duplicate-key-{_short(path) or 'top'}",
                _from_data(duplicate),
                INVALID,
                place=(*path, "?"),
            )
        )

    for index in range(8):  # keys in another order: the same template
        path = () if index == 0 else rng.choice(mappings)

        def shuffle(p: Path = path, r: int = rng.randrange(1000)) -> object:
            data = shipped_data()
            mapping = get(data, p)
            assert isinstance(mapping, dict)
            items = list(mapping.items())
            random.Random(r).shuffle(items)
            return replaced(p, dict(items), data) if p else dict(items)

        found.append(
            Mutation(
                f"shuffle-keys-{_short(path) or 'top'}",
                _from_data(shuffle),
                VALID,
                same_template=True,
            )
        )

    for _ in range(6):  # swap two items of a list (options, questions, areas)
        path = rng.choice(lists)

        def swap(p: Path = path, r: int = rng.randrange(1000)) -> object:
            data = shipped_data()
            items = get(data, p)
            assert isinstance(items, list)
            i, j = random.Random(r).sample(range(len(items)), 2)
            items[i], items[j] = items[j], items[i]
            return data

        found.append(Mutation(f"swap-items-{_short(path)}", _from_data(swap), VALID))

    for _ in range(6):  # an item twice: a duplicate option value, question id or area id
        path = rng.choice(lists)

        def twice(p: Path = path, r: int = rng.randrange(1000)) -> object:
            data = shipped_data()
            items = get(data, p)
            assert isinstance(items, list)
            k = r % len(items)
            items.insert(k, copy.deepcopy(items[k]))
            return data

        found.append(
            Mutation(f"duplicate-item-{_short(path)}", _from_data(twice), INVALID, place=path)
        )

    for _ in range(6):  # an item less: valid unless something needed it
        path = rng.choice(lists)

        def fewer(p: Path = path, r: int = rng.randrange(1000)) -> object:
            data = shipped_data()
            items = get(data, p)
            assert isinstance(items, list)
            del items[r % len(items)]
            return data

        found.append(
            Mutation(f"delete-item-{_short(path)}", _from_data(fewer), ANY, place=path[:1])
        )

    scalars = [p for p, v in walk(_shipped_data()) if p and _is_scalar(v)]
    for _ in range(4):  # a list or a mapping where a scalar belongs, and the other way round
        path = rng.choice(scalars)
        found.append(
            Mutation(
                f"scalar-as-list-{_short(path)}",
                _from_data(lambda p=path: replaced(p, ["x"])),
                INVALID,
                place=path,
            )
        )
        path = rng.choice(scalars)
        found.append(
            Mutation(
                f"scalar-as-mapping-{_short(path)}",
                _from_data(lambda p=path: replaced(p, {"sv": "x"})),
                INVALID if scalar_role(path) != "text" or path[-1] in ("sv", "en") else VALID,
                place=path,
            )
        )
    empty_lists = (
        ("areas",),
        ("consent", "questions"),
        ("areas", 0, "questions"),
        _first("options"),
    )
    for path in empty_lists:
        # an empty consent section is allowed by the schema (only areas have a question count)
        expect = ANY if path == ("consent", "questions") else INVALID
        found.append(
            Mutation(
                f"empty-list-{_short(path)}",
                _from_data(lambda p=path: replaced(p, [])),
                expect,
                place=path,
            )
        )
        found.append(
            Mutation(
                f"list-as-mapping-{_short(path)}",
                _from_data(lambda p=path: replaced(p, {"a": "b"})),
                INVALID,
                place=path,
            )
        )
    found.append(
        Mutation(
            "mapping-as-list-title",
            _from_data(lambda: replaced(("title",), ["x", "y"])),
            INVALID,
            place=("title",),
        )
    )

    # deep nesting
    nested: object = "x"
    for _ in range(45):
        nested = [nested]
    found.append(
        Mutation(
            "nested-45-lists",
            _from_data(lambda: replaced(("title", "sv"), nested)),
            INVALID,
            place=("title", "sv"),
        )
    )
    found.append(
        Mutation(
            "nested-5000-flow",
            _from_data(lambda: replaced(("description",), Raw("[" * 5000 + "]" * 5000))),
            INVALID,
        )
    )
    found.append(
        Mutation(
            "nested-3000-mappings",
            _from_data(lambda: replaced(("description",), Raw("{a: " * 3000 + "}" * 3000))),
            INVALID,
        )
    )

    # huge lists
    options = _first("options")
    found.append(
        Mutation(
            "huge-list-1500-options",
            _from_data(
                lambda: replaced(
                    options, [{"value": f"o{i}", "label": {"sv": f"Val {i}"}} for i in range(1500)]
                )
            ),
            INVALID,
            place=options,
        )
    )

    def more_options() -> object:
        data = shipped_data()
        items = get(data, options)
        assert isinstance(items, list)
        items.extend({"value": f"extra_{i}", "label": {"sv": f"Val {i}"}} for i in range(200))
        return data

    found.append(Mutation("long-list-200-more-options", _from_data(more_options), VALID))
    found.append(
        Mutation(
            "huge-list-1200-consent-questions",
            _from_data(
                lambda: replaced(
                    ("consent", "questions"),
                    [{"id": f"q{i}", "type": "yes_no", "label": "Fråga"} for i in range(1200)],
                )
            ),
            INVALID,
            place=("consent", "questions"),
        )
    )
    found.append(Mutation("version-2", _from_data(lambda: replaced(("version",), Raw("2"))), VALID))
    found.append(
        Mutation(
            "quoted-version",
            _from_data(lambda: replaced(("version",), "1")),
            VALID,
            same_template=True,
        )
    )
    return found


def _first(key: str) -> Path:
    return next(p for p, v in walk(_shipped_data()) if p and p[-1] == key and isinstance(v, list))


def alias_mutations() -> list[Mutation]:
    found: list[Mutation] = []

    def anchor_only() -> object:
        data = shipped_data()
        area = get(data, ("areas", 0))
        assert isinstance(area, dict)
        area["title"] = Anchored("t", area["title"])
        return data

    found.append(
        Mutation("anchor-without-alias", _from_data(anchor_only), VALID, same_template=True)
    )

    def alias_mapping() -> object:
        data = anchor_only()
        area = get(data, ("areas", 1))
        assert isinstance(area, dict)
        area["title"] = Alias("t")
        return data

    found.append(
        Mutation(
            "alias-of-a-label", _from_data(alias_mapping), INVALID, place=("areas", 1, "title")
        )
    )

    def alias_scalar() -> object:
        data = shipped_data()
        data["id"] = Anchored("i", data["id"])
        question = get(data, ("areas", 0, "questions", 0))
        assert isinstance(question, dict)
        question["help"] = Alias("i")
        return data

    found.append(
        Mutation(
            "alias-of-a-scalar",
            _from_data(alias_scalar),
            INVALID,
            place=("areas", 0, "questions", 0, "help"),
        )
    )

    def merge() -> object:
        data = anchor_only()
        area = get(data, ("areas", 1))
        assert isinstance(area, dict)
        area["title"] = Pairs((("<<", Alias("t")),))
        return data

    found.append(Mutation("merge-key", _from_data(merge), INVALID, place=("areas", 1, "title")))

    def merge_inline() -> object:
        data = shipped_data()
        area = get(data, ("areas", 1))
        assert isinstance(area, dict)
        area["title"] = Pairs((("<<", {"sv": "Ärvd", "en": "Merged"}),))
        return data

    found.append(
        Mutation(
            "merge-key-without-alias",
            _from_data(merge_inline),
            INVALID,
            place=("areas", 1, "title"),
        )
    )
    found.append(
        Mutation(
            "recursive-alias",
            _from_data(lambda: replaced(("description",), Raw("&r [*r]"))),
            INVALID,
            place=("description",),
        )
    )

    def laughs() -> object:
        levels = [Anchored("l0", ["lol"] * 10)]
        for i in range(1, 9):
            levels.append(Anchored(f"l{i}", [Alias(f"l{i - 1}")] * 10))
        data = shipped_data()
        data["description"] = levels
        return data

    found.append(Mutation("billion-laughs", _from_data(laughs), INVALID, place=("description",)))
    return found


def _key_lines(text: str) -> list[int]:
    """0-based indexes of lines that hold ``key: value`` (not block-scalar content)."""
    _, keys = _read(text)
    lines = text.split("\n")
    return sorted(i for i, key in keys.items() if lines[i].lstrip(" -").startswith(f"{key}:"))


def _commented(text: str, key_lines: list[int]) -> str:
    """A comment after every ``key: value`` line whose value is a plain scalar."""
    lines = text.split("\n")
    for index in key_lines:
        line = lines[index]
        if re.search(r": [^'\"|>#]", line) and " #" not in line:
            lines[index] = line + "  # kommentar"
    return "\n".join(lines)


def _label_lines(text: str) -> list[int]:
    lines = text.split("\n")
    return [i for i in _key_lines(text) if re.match(r"\s+(sv|en): [A-ZÅÄÖa-z]", lines[i])]


def _edit_line(index: int, edit: Callable[[str], str]) -> Callable[[str], str]:
    def make(text: str) -> str:
        lines = text.split("\n")
        lines[index] = edit(lines[index])
        return "\n".join(lines)

    return make


def _edit_bytes(index: int, insert: bytes) -> Callable[[str], bytes]:
    def make(text: str) -> bytes:
        lines = text.split("\n")
        middle = len(lines[index]) // 2 + 4
        raw = [line.encode("utf-8") for line in lines]
        cut = len(lines[index][:middle].encode("utf-8"))
        raw[index] = raw[index][:cut] + insert + raw[index][cut:]
        return b"\n".join(raw)

    return make


def text_mutations(rng: random.Random) -> list[Mutation]:
    text = shipped_text()
    key_lines = _key_lines(text)
    label_lines = _label_lines(text)
    found = [
        Mutation("bom-at-start", _from_text(lambda t: "\ufeff" + t), VALID, same_template=True),
        Mutation(
            "crlf-line-ends",
            _from_text(lambda t: t.replace("\n", "\r\n")),
            VALID,
            same_template=True,
        ),
        Mutation(
            "comments-everywhere",
            _from_text(lambda t: _commented(t, key_lines)),
            VALID,
            same_template=True,
        ),
        Mutation(
            "json-document",
            lambda: json.dumps(_shipped_data(), ensure_ascii=False, indent=1).encode("utf-8"),
            VALID,
            same_template=True,
        ),
        Mutation("second-document", _from_text(lambda t: t + "---\nid: other\n"), INVALID),
    ]
    line = rng.choice(key_lines)
    found.append(
        Mutation("nul-byte", _from_text(_edit_bytes(line, b"\x00")), INVALID, line=line + 1)
    )
    for _ in range(3):
        line = rng.choice(label_lines)
        found.append(
            Mutation(
                f"bom-in-line-{line + 1}",
                _from_text(_edit_bytes(line, "\ufeff".encode())),
                INVALID,
                line=line + 1,
            )
        )
        found.append(
            Mutation(
                f"tab-in-text-line-{line + 1}",
                _from_text(_edit_line(line, lambda s: s.rstrip() + "\tmer")),
                VALID,
            )
        )
    for _ in range(4):
        line = rng.choice(key_lines)
        found.append(
            Mutation(
                f"tab-indent-line-{line + 1}",
                _from_text(_edit_line(line, lambda s: "\t" + s.lstrip(" "))),
                INVALID,
                line=line + 1,
            )
        )
    for char in (b"\x07", b"\x1b", b"\x7f", b"\x0c", b"\xc2\x80"):
        line = rng.choice(key_lines)
        found.append(
            Mutation(
                f"control-{char.hex()}-line-{line + 1}",
                _from_text(_edit_bytes(line, char)),
                INVALID,
                line=line + 1,
            )
        )
    for bad in (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x9f\x98", b"\xe4"):
        line = rng.choice(key_lines)
        found.append(
            Mutation(
                f"invalid-utf8-{bad.hex()}-line-{line + 1}",
                _from_text(_edit_bytes(line, bad)),
                INVALID,
                line=line + 1,
            )
        )
    size = len(text)
    for _ in range(3):
        cut = rng.randrange(size // 10, size - 10)
        found.append(Mutation(f"truncated-at-{cut}", _from_text(lambda t, c=cut: t[:c]), ANY))
    for _ in range(4):
        line = rng.choice(key_lines)
        found.append(
            Mutation(
                f"line-deleted-{line + 1}",
                _from_text(
                    lambda t, i=line: "\n".join(s for k, s in enumerate(t.split("\n")) if k != i)
                ),
                ANY,
            )
        )
    for _ in range(4):
        at = rng.randrange(size)
        byte = rng.randrange(256)
        found.append(Mutation(f"byte-{byte:02x}-at-{at}", _byte_at(at, byte), ANY))
    return found


def _byte_at(at: int, byte: int) -> Callable[[], bytes]:
    def build() -> bytes:
        raw = bytearray(shipped_text().encode("utf-8"))
        raw[at] = byte
        return bytes(raw)

    return build


def condition_places() -> list[tuple[Path, str, str]]:
    """(path, condition, the first question it reads) for every condition of the template."""
    found = []
    for path, value in walk(_shipped_data()):
        if path and path[-1] in ("show_if", "urgent_when") and isinstance(value, str):
            names = list(references(parse(value)))
            if names:
                found.append((path, value, names[0]))
    return found


@cache
def question_info() -> dict[str, dict[str, object]]:
    questions: dict[str, dict[str, object]] = {}
    for _path, value in walk(_shipped_data()):
        if isinstance(value, dict) and "type" in value and "id" in value:
            questions[str(value["id"])] = value
    return questions


def _wrong_literal(name: str) -> str:
    question = question_info()[name]
    qtype = question["type"]
    return {
        "yes_no": f'{name} == "yes"',
        "number": f'{name} == "many"',
        "scale": f'{name} >= "3"',
        "date": f"{name} < 2024",
        "short_text": f"{name} == 1",
        "long_text": f"{name} == true",
        "single_choice": f"{name} == 1",
        "multiple_choice": f'{name} == "a"',
    }[str(qtype)]


def _never_true(name: str) -> str:
    question = question_info()[name]
    qtype = question["type"]
    options = [str(o["value"]) for o in question.get("options", [])]  # type: ignore[attr-defined]
    if qtype == "single_choice" and len(options) >= 2:
        return f'{name} == "{options[0]}" and {name} == "{options[1]}"'
    if qtype == "scale":
        scale = question["scale"]
        assert isinstance(scale, dict)
        return f"{name} > {scale['max']}"
    if qtype == "yes_no":
        return f"{name} and not {name}"
    return f"answered({name}) and not answered({name})"


def _not_an_option(name: str) -> str:
    qtype = question_info()[name]["type"]
    if qtype == "single_choice":
        return f'{name} in ["not_an_option"]'
    if qtype == "multiple_choice":
        return f'"not_an_option" in {name}'
    return f"{name} in []"


BREAKS: dict[str, tuple[Callable[[str, str], str], str]] = {
    "empty-in": (lambda orig, name: f"{name} in []", INVALID),
    "empty-not-in": (lambda orig, name: f"{name} not in []", INVALID),
    "unknown-name": (lambda orig, name: f'nosuch_question == "x" or {orig}', INVALID),
    "unknown-answered": (lambda orig, name: f"({orig}) and answered(nosuch)", INVALID),
    "unbalanced-open": (lambda orig, name: f"({orig}", INVALID),
    "unbalanced-close": (lambda orig, name: f"{orig})", INVALID),
    "dangling-and": (lambda orig, name: f"{orig} and (", INVALID),
    "too-long": (
        lambda orig, name: " or ".join([f"({orig})"] * (2100 // (len(orig) + 6) + 1)),
        INVALID,
    ),
    "long-but-fine": (
        lambda orig, name: " or ".join([f"({orig})"] * (1900 // (len(orig) + 6))),
        VALID,
    ),
    "too-deep": (lambda orig, name: "(" * 45 + orig + ")" * 45, INVALID),
    "not-an-option": (lambda orig, name: _not_an_option(name), INVALID),
    "wrong-literal": (lambda orig, name: _wrong_literal(name), INVALID),
    "never-true": (lambda orig, name: _never_true(name), INVALID),
    "constant-false": (lambda orig, name: "false", INVALID),
    "single-equals": (
        lambda orig, name: orig.replace("==", "=", 1) if "==" in orig else f"{name} = 1",
        INVALID,
    ),
    "attribute": (lambda orig, name: f"{name}.__class__ == 1", INVALID),
    "call": (lambda orig, name: f"len({name}) > 1", INVALID),
    "parenthesised": (lambda orig, name: f"({orig})", VALID),
    "double-negation": (lambda orig, name: f"not not ({orig})", VALID),
    "repeated": (lambda orig, name: f"{orig} or {orig}", VALID),
}


def condition_mutations(rng: random.Random) -> list[Mutation]:
    places = condition_places()
    found = []
    for kind, (make, expect) in BREAKS.items():
        for path, orig, name in rng.sample(places, 2):
            condition = make(orig, name)
            found.append(
                Mutation(
                    f"condition-{kind}-{_short(path)}",
                    _from_data(lambda p=path, c=condition: replaced(p, c)),
                    expect,
                    place=path,
                )
            )
    return found


def reported_cases() -> list[Mutation]:
    """The outside tester's cases: 7 tracebacks and 2 broken templates accepted."""
    path, _, name = next(place for place in condition_places() if place[0][-1] == "show_if")

    at: Path = ("version",)

    def version(written: str) -> Callable[[], bytes]:
        return _from_data(lambda: replaced(("version",), Raw(written)))

    return [
        Mutation("reported-impossible-date-version", version("2024-02-30"), INVALID, place=at),
        Mutation("reported-float-tag", version("!!float abc"), INVALID, place=at),
        Mutation("reported-int-tag", version("!!int abc"), INVALID, place=at),
        Mutation("reported-5000-digits", version("9" * 5000), INVALID, place=at),
        Mutation(
            "reported-binary-id",
            _from_data(lambda: replaced(("id",), Raw("!!binary a2FydGxhZ2duaW5nLWF2aG9wcA=="))),
            INVALID,
            place=("id",),
        ),
        Mutation(
            "reported-empty-in-list",
            _from_data(lambda: replaced(path, f"{name} in []")),
            INVALID,
            place=path,
        ),
    ]


@cache
def all_mutations() -> tuple[Mutation, ...]:
    rng = random.Random(SEED)
    found = [
        *reported_cases(),
        *scalar_mutations(rng),
        *structural_mutations(rng),
        *alias_mutations(),
        *text_mutations(rng),
        *condition_mutations(rng),
    ]
    names = [m.name for m in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:  # the same random pick twice: tell them apart
        seen: dict[str, int] = {}
        renamed = []
        for mutation in found:
            count = seen[mutation.name] = seen.get(mutation.name, 0) + 1
            if mutation.name in duplicates:
                mutation = Mutation(
                    f"{mutation.name}-{count}",
                    mutation.build,
                    mutation.expect,
                    mutation.same_template,
                    mutation.text_at,
                    mutation.place,
                    mutation.line,
                )
            renamed.append(mutation)
        found = renamed
    return tuple(found)
