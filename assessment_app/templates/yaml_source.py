"""Reading a template file into plain data while remembering the line of every key.

PyYAML's node tree is composed first and turned into Python data here, so problems found later
by the schema can point at a line. Reading is deliberately narrow: UTF-8 text only, one
document, no aliases, no custom tags, duplicate keys refused, and only ``true``/``false`` are
booleans (``no``, ``yes``, ``on`` and ``off`` stay text, so an option ``no`` stays "no").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 40
_BOOL_TAG = "tag:yaml.org,2002:bool"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_ALIAS_MESSAGE = (
    "this content is reused with an alias (*name); aliases are not supported in templates, "
    "write the content out"
)


class _PyLoader(yaml.SafeLoader):
    """Pure-Python SafeLoader, used when PyYAML was built without libyaml."""


_LOADERS: list[type[yaml.SafeLoader] | type[yaml.CSafeLoader]] = [_PyLoader]
if yaml.__with_libyaml__:  # the C parser composes about 50 times faster

    class _CLoader(yaml.CSafeLoader):
        """SafeLoader on libyaml."""

    _LOADERS.insert(0, _CLoader)

for _loader in _LOADERS:
    # YAML 1.2 booleans: only true/false, so "no", "yes", "on" and "off" stay text
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
_Loader = _LOADERS[0]


class _YamlLoader(Protocol):
    def get_single_node(self) -> Node | None: ...

    def construct_object(self, node: Node, deep: bool = False) -> Any: ...

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
        return _fail(source, "this is a binary file, not a YAML text file")
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
    loader: _YamlLoader | None = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
        if root is None:
            return _fail(source, "file is empty (it holds only comments)")
        source.data = _Builder(loader, source).build(root, (), 0)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = error.problem or error.context or "unreadable"
        return _fail(source, f"invalid YAML: {detail}", line)
    except yaml.reader.ReaderError as error:
        line = text[: max(error.position, 0)].count("\n") + 1
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
    def __init__(self, loader: _YamlLoader, source: Source) -> None:
        self.loader = loader
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
        if isinstance(node, MappingNode):
            return self.mapping(node, loc, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self.problem(node, loc, f"unsupported tag {node.tag!r}")
                return None
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def mapping(self, node: MappingNode, loc: Loc, depth: int) -> dict[object, object] | None:
        if node.tag != _MAP_TAG:
            self.problem(node, loc, f"unsupported tag {node.tag!r}")
            return None
        result: dict[object, object] = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                self.problem(key_node, loc, "keys must be plain names (no '<<', lists or maps)")
                continue
            key = self.loader.construct_object(key_node)
            if isinstance(key, bool) or not isinstance(key, str | int):
                self.problem(key_node, loc, f"key {key!r} must be a name or a whole number")
                continue
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
