"""Reading a template file into plain data while remembering the line of every key.

PyYAML's node tree is composed first and turned into Python data here, so problems found later
by the schema can point at a line. The data is what the file says, not what YAML guesses: every
scalar stays text (``2``, ``2024-02-30``, ``1e999`` and ``0x1F`` are strings here; the schema in
:mod:`.model` reads numbers and dates where it expects them), except ``true``/``false``, which
are booleans, and an empty value, ``~`` or ``null``, which is :data:`NULL` (refused by the schema
wherever a value is needed). Reading is deliberately narrow: UTF-8 text only, one document, no
aliases, no merge keys, no tags at all (``!!int``, ``!!binary``, ``!local``), duplicate keys
refused, no control characters in text, and limits on nesting, text length and list length.
PyYAML's constructors never run, so no tag can make them raise or build an object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
COMPOSE_DEPTH = 200
MAX_TEXT_LENGTH = 10_000
MAX_KEY_LENGTH = 100
MAX_LIST_ITEMS = 1_000

# Tags given by our resolver to untagged nodes; a node with any other tag had a tag written
# in the file.
_TEXT_TAG = "tag:assessment-app,2024:text"
_BOOL_TAG = "tag:assessment-app,2024:bool"
_NULL_TAG = "tag:assessment-app,2024:null"
_MAP_TAG = "tag:assessment-app,2024:map"
_SEQ_TAG = "tag:assessment-app,2024:seq"
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_BOOLS = _TRUE | _FALSE
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_ALIAS_MESSAGE = (
    "this content is reused with an alias (*name); aliases are not supported in templates, "
    "write the content out"
)
# Control characters (other than tab and line feed), surrogates, noncharacters and invisible
# characters that make text look different from what it is (byte order mark, bidi overrides).
_HIDDEN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff"
    r"\u202a-\u202e\u2066-\u2069]"
)


class _Null:
    """The value of an empty scalar, ``~`` or ``null``: no value written."""

    _instance: _Null | None = None

    def __new__(cls) -> _Null:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "null"


NULL: Final = _Null()


class _Resolver:
    """Tags every untagged node as text, bool, null, map or seq: nothing else is guessed."""

    def resolve(self, kind: type[Node], value: str | None, implicit: Any) -> str:
        if kind is ScalarNode:
            plain = bool(implicit[0])
            if plain and value in _BOOLS:
                return _BOOL_TAG
            if plain and value in _NULLS:
                return _NULL_TAG
            return _TEXT_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    # Path resolvers are not used; the composer calls these for every node.
    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _PyLoader(_Resolver, yaml.SafeLoader):
    """Pure-Python loader, used when PyYAML was built without libyaml.

    Its composer recurses once per level of nesting; it stops at :data:`COMPOSE_DEPTH` with
    an error that has a line, as libyaml does, instead of running out of stack.
    """

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > COMPOSE_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "exceeded maximum nesting depth", mark
                )
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


_LOADERS: list[type[yaml.SafeLoader] | type[yaml.CSafeLoader]] = [_PyLoader]
if yaml.__with_libyaml__:  # the C parser composes about 50 times faster

    class _CLoader(_Resolver, yaml.CSafeLoader):
        """Loader on libyaml."""

    _LOADERS.insert(0, _CLoader)

_Loader = _LOADERS[0]


class _YamlLoader(Protocol):
    def get_single_node(self) -> Node | None: ...

    def dispose(self) -> None: ...


@dataclass(frozen=True)
class SourceProblem:
    line: int | None
    loc: Loc
    message: str


@dataclass
class Source:
    """The file's data (None when unreadable), the line of each location, and problems."""

    data: object = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc`` or of its nearest enclosing location."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(loc[:end])
            if line is not None:
                return line
        return None


def read_source(path: Path) -> Source:
    source = Source()
    try:
        if path.is_dir():
            return _fail(source, "this is a folder, not a template file")
        raw = path.read_bytes()
    except FileNotFoundError:
        return _fail(source, "file not found")
    except OSError as error:
        return _fail(source, f"file cannot be read ({error.strerror or error})")
    if len(raw) > MAX_FILE_BYTES:
        return _fail(source, f"file is too large (over {MAX_FILE_BYTES // 1_000_000} MB)")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return _fail(source, "this is a binary file, not a YAML text file", line)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return _fail(source, "file is not UTF-8 text (save it as UTF-8)", line)
    if not text.strip():
        return _fail(source, "file is empty")
    return parse_source(text, source)


def parse_source(text: str, source: Source | None = None) -> Source:
    source = source or Source()
    bom = text.find("\ufeff")
    if bom >= 0:  # YAML reads one inside the text as a break, far from where it is
        return _fail(
            source,
            "a byte order mark (U+FEFF) inside the file; remove it",
            text[:bom].count("\n") + 1,
        )
    loader: _YamlLoader | None = None
    line: int | None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            return _fail(source, "file is empty (it holds only comments)")
        source.data = _Builder(source).build(root, (), 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = error.problem or error.context or "unreadable"
        return _fail(source, f"invalid YAML: {detail}", line)
    except yaml.reader.ReaderError as error:
        # the position counts characters in PyYAML and bytes in libyaml: find the character
        character = chr(error.character) if isinstance(error.character, int) else ""
        found = text.find(character) if character else -1
        line = text[:found].count("\n") + 1 if found >= 0 else None
        return _fail(
            source, f"invalid YAML: {error.reason} (character #x{error.character:04x})", line
        )
    except yaml.YAMLError as error:
        return _fail(source, f"invalid YAML: {error}")
    except RecursionError:
        return _fail(source, "the file is nested too deeply")
    finally:
        if loader is not None:
            loader.dispose()
    if source.problems:
        source.data = None
    elif not isinstance(source.data, dict):
        return _fail(
            source, "a template must be a mapping with id, version, title, consent and areas", 1
        )
    return source


def _fail(source: Source, message: str, line: int | None = None) -> Source:
    source.data = None
    source.problems.append(SourceProblem(line, (), message))
    return source


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.seen: set[int] = set()

    def problem(self, node: Node, loc: Loc, message: str) -> None:
        self.source.problems.append(SourceProblem(node.start_mark.line + 1, loc, message))

    def build(self, node: Node, loc: Loc, depth: int) -> object:
        self.source.lines.setdefault(loc, node.start_mark.line + 1)
        if id(node) in self.seen:  # the composer hands out the same node again for an alias
            self.problem(node, loc, _ALIAS_MESSAGE)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, loc, "nested too deeply")
            return None
        if node.tag not in (_TEXT_TAG, _BOOL_TAG, _NULL_TAG, _MAP_TAG, _SEQ_TAG):
            self.problem(node, loc, _tag_message(node.tag))
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            if len(node.value) > MAX_LIST_ITEMS:
                self.problem(
                    node, loc, f"list has {len(node.value)} items; at most {MAX_LIST_ITEMS}"
                )
                return None
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _BOOL_TAG:
            return node.value in _TRUE
        if node.tag == _NULL_TAG:
            return NULL
        problem = _text_problem(node.value, MAX_TEXT_LENGTH)
        if problem is not None:
            self.problem(node, loc, problem)
            return None
        return str(node.value)

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, loc)
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                self.problem(
                    key_node,
                    (*loc, key),
                    f"duplicate key '{key}' (first on line {first_line[key]})",
                )
                continue
            first_line[key] = line
            self.source.lines[(*loc, key)] = line
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result

    def key(self, node: Node, loc: Loc) -> str | None:
        """The key as text, or None (with a problem) when it is not a plain name."""
        if id(node) in self.seen:
            self.problem(node, loc, _ALIAS_MESSAGE)
            return None
        self.seen.add(id(node))
        if not isinstance(node, ScalarNode):
            self.problem(node, loc, "keys must be plain names (no lists or maps as keys)")
            return None
        if node.tag not in (_TEXT_TAG, _BOOL_TAG, _NULL_TAG):
            self.problem(node, loc, _tag_message(node.tag))
            return None
        if node.value == "<<":
            self.problem(
                node, loc, "merge keys ('<<') are not supported in templates; write it out"
            )
            return None
        if node.tag != _TEXT_TAG:
            shown = node.value or "an empty key"
            self.problem(node, loc, f"key {shown!r} must be a name (put it in quotes)")
            return None
        problem = _text_problem(node.value, MAX_KEY_LENGTH)
        if problem is None and any(ch in node.value for ch in "\n\t"):
            problem = "a key cannot hold a line break or a tab"
        if problem is not None:
            self.problem(node, loc, f"key: {problem}")
            return None
        return str(node.value)


def _tag_message(tag: str | None) -> str:
    shown = str(tag)
    if shown.startswith(_YAML_TAG_PREFIX):
        shown = "!!" + shown[len(_YAML_TAG_PREFIX) :]
    if len(shown) > 40:
        shown = shown[:40] + "..."
    return (
        f"the tag {shown!r} is not supported; templates use no YAML tags "
        "(write the value without it)"
    )


def _text_problem(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return f"text is too long ({len(text)} characters; at most {limit})"
    found = _HIDDEN.search(text)
    if found is not None:
        return (
            f"text contains the control or invisible character U+{ord(found.group()):04X}; "
            "remove it"
        )
    return None
