"""The small condition language used by ``show_if`` and ``urgent_when``.

Conditions are written by template authors, not programmers, and are read from files, so they
are parsed by hand here and never handed to ``eval``. The language has question names, literals
(strings, numbers, ``true``/``false``, lists), comparisons, ``in``/``not in``, ``answered(q)``
and ``and``/``or``/``not`` with parentheses. There is no attribute access, no calls other than
``answered``, and no loops, so evaluation always ends and never reaches Python objects.

Parsing raises only :class:`ConditionError`; evaluation never raises at all. A comparison that
involves an unanswered question is false (also ``!=`` and ``not in``), so a follow-up question
stays hidden until the question it depends on has an answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from assessment_app.errors import TemplateError

MAX_LENGTH = 2000
MAX_DEPTH = 40
MAX_NUMBER_DIGITS = 30

Scalar = str | int | float | bool


class ConditionError(TemplateError):
    """A condition could not be parsed. ``position`` is a 0-based index into the text."""

    def __init__(self, message: str, position: int | None = None) -> None:
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"{message}{where}")
        self.reason = message
        self.position = position


# --- syntax tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A question id; its value is the answer (or None when not answered)."""

    name: str


@dataclass(frozen=True)
class Lit:
    value: Scalar


@dataclass(frozen=True)
class ListLit:
    items: tuple[Lit, ...]


Operand = Ref | Lit | ListLit


@dataclass(frozen=True)
class Compare:
    op: str  # one of == != < <= > >=
    left: Operand
    right: Operand


@dataclass(frozen=True)
class In:
    left: Operand
    right: Operand
    negated: bool


@dataclass(frozen=True)
class Answered:
    name: str


@dataclass(frozen=True)
class Truthy:
    """A bare question id: true when a yes/no question was answered yes."""

    name: str


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]


Node = Compare | In | Answered | Truthy | Const | Not | And | Or

COMPARISON_OPS = ("==", "!=", "<=", ">=", "<", ">")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false", "answered"})

# --- tokenizer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # name, keyword, string, number, op, punct, end
    text: str
    pos: int


_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_OPS = ("==", "!=", "<=", ">=", "<", ">")
_PUNCT = "()[],"
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "t": "\t"}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if ch in "\"'":
            value, end = _read_string(text, i)
            tokens.append(Token("string", value, i))
            i = end
            continue
        number = _NUMBER.match(text, i)
        if number and (ch != "-" or _minus_starts_number(tokens)):
            digits = number.group()
            if len(digits) > MAX_NUMBER_DIGITS:
                raise ConditionError("number is too long", i)
            tokens.append(Token("number", digits, i))
            i = number.end()
            if i < n and (text[i].isalnum() or text[i] in "_."):
                raise ConditionError(f"unexpected {text[i]!r} after a number", i)
            continue
        name = _NAME.match(text, i)
        if name:
            word = name.group()
            tokens.append(Token("keyword" if word in KEYWORDS else "name", word, i))
            i = name.end()
            if i < n and text[i] == ".":
                raise ConditionError("'.' is not allowed (no attribute access)", i)
            continue
        op = next((o for o in _OPS if text.startswith(o, i)), None)
        if op is not None:
            tokens.append(Token("op", op, i))
            i += len(op)
            continue
        if ch in _PUNCT:
            tokens.append(Token("punct", ch, i))
            i += 1
            continue
        if ch == "=":
            raise ConditionError("use '==' to compare, not '='", i)
        raise ConditionError(f"unexpected character {ch!r}", i)
    tokens.append(Token("end", "", n))
    return tokens


def _minus_starts_number(tokens: list[Token]) -> bool:
    # "-1" is a negative number unless it follows a value (there is no subtraction anyway).
    if not tokens:
        return True
    last = tokens[-1]
    return last.kind in ("op", "keyword") or (last.kind == "punct" and last.text in ("(", "[", ","))


def _read_string(text: str, start: int) -> tuple[str, int]:
    quote = text[start]
    out: list[str] = []
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return "".join(out), i + 1
        if ch == "\\":
            if i + 1 >= len(text) or text[i + 1] not in _ESCAPES:
                raise ConditionError("unknown escape in string", i)
            out.append(_ESCAPES[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise ConditionError("string is not closed", start)


# --- parser --------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        token = self.current
        if token.kind == kind and (text is None or token.text == text):
            return self.advance()
        return None

    def expect(self, kind: str, text: str, what: str) -> Token:
        token = self.accept(kind, text)
        if token is None:
            raise ConditionError(f"expected {what}, found {_describe(self.current)}", self.pos)
        return token

    @property
    def pos(self) -> int:
        return self.current.pos

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("condition is nested too deeply", self.pos)

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ConditionError("condition is empty", 0)
        node = self.parse_or()
        if self.current.kind != "end":
            raise ConditionError(f"unexpected {_describe(self.current)}", self.pos)
        return node

    def parse_or(self) -> Node:
        operands = [self.parse_and()]
        while self.accept("keyword", "or"):
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def parse_and(self) -> Node:
        operands = [self.parse_not()]
        while self.accept("keyword", "and"):
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def parse_not(self) -> Node:
        if self.accept("keyword", "not"):
            self.enter()
            node = Not(self.parse_not())
            self.depth -= 1
            return node
        return self.parse_primary()

    def parse_primary(self) -> Node:
        if self.accept("punct", "("):
            self.enter()
            node = self.parse_or()
            self.expect("punct", ")", "')'")
            self.depth -= 1
            return node
        if self.accept("keyword", "answered"):
            self.expect("punct", "(", "'(' after 'answered'")
            name = self.accept("name")
            if name is None:
                raise ConditionError("answered(...) needs a question id", self.pos)
            self.expect("punct", ")", "')'")
            return Answered(name.text)
        start = self.pos
        left = self.parse_operand()
        if self.current.kind == "op":
            op = self.advance().text
            right = self.parse_operand()
            if isinstance(left, ListLit) or isinstance(right, ListLit):
                raise ConditionError(f"a list can only be used with 'in', not '{op}'", start)
            return Compare(op, left, right)
        negated = False
        if self.current.kind == "keyword" and self.current.text == "not":
            self.advance()
            negated = True
            if not self.accept("keyword", "in"):
                raise ConditionError("expected 'in' after 'not'", self.pos)
            return self._finish_in(left, negated, start)
        if self.accept("keyword", "in"):
            return self._finish_in(left, negated, start)
        if isinstance(left, Ref):
            return Truthy(left.name)
        if isinstance(left, Lit) and isinstance(left.value, bool):
            return Const(left.value)
        raise ConditionError("a value on its own is not a condition; compare it", start)

    def _finish_in(self, left: Operand, negated: bool, start: int) -> Node:
        right = self.parse_operand()
        if isinstance(left, ListLit):
            raise ConditionError("the left side of 'in' cannot be a list", start)
        if isinstance(right, Lit):
            raise ConditionError("the right side of 'in' must be a list or a question", start)
        return In(left, right, negated)

    def parse_operand(self) -> Operand:
        token = self.current
        if token.kind == "punct" and token.text == "[":
            return self.parse_list()
        if token.kind == "name":
            self.advance()
            if self.current.kind == "punct" and self.current.text == "(":
                raise ConditionError(f"'{token.text}' is not a function", self.pos)
            return Ref(token.text)
        return self.parse_literal()

    def parse_literal(self) -> Lit:
        token = self.current
        if token.kind == "string":
            self.advance()
            return Lit(token.text)
        if token.kind == "number":
            self.advance()
            if "." in token.text:
                value = float(token.text)
                if not math.isfinite(value):
                    raise ConditionError("number is out of range", token.pos)
                return Lit(value)
            return Lit(int(token.text))
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.advance()
            return Lit(token.text == "true")
        raise ConditionError(f"expected a value, found {_describe(token)}", token.pos)

    def parse_list(self) -> ListLit:
        self.expect("punct", "[", "'['")
        items: list[Lit] = []
        while not self.accept("punct", "]"):
            items.append(self.parse_literal())
            if not self.accept("punct", ","):
                self.expect("punct", "]", "',' or ']'")
                break
        return ListLit(tuple(items))


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "the end of the condition"
    if token.kind == "string":
        return "a string"
    return f"'{token.text}'"


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse a condition; raises ConditionError (only) on any bad input."""
    if not isinstance(text, str):
        raise ConditionError("a condition must be text")
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"condition is longer than {MAX_LENGTH} characters")
    return _Parser(text).parse()


def references(node: Node) -> Iterator[str]:
    """Every question id a condition mentions, in order of appearance (may repeat)."""
    for operand in _operands(node):
        if isinstance(operand, Ref):
            yield operand.name
        elif isinstance(operand, str):
            yield operand


def _operands(node: Node) -> Iterator[Operand | str]:
    if isinstance(node, Compare | In):
        yield node.left
        yield node.right
    elif isinstance(node, Answered | Truthy):
        yield node.name
    elif isinstance(node, Not):
        yield from _operands(node.operand)
    elif isinstance(node, And | Or):
        for operand in node.operands:
            yield from _operands(operand)


# --- evaluator -----------------------------------------------------------------------------


def is_answered(value: object) -> bool:
    """None, blank text and an empty list all mean "not answered"."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return len(value) > 0
    return True


def evaluate(node: Node, answers: Mapping[str, object]) -> bool:
    """Evaluate a parsed condition over answers keyed by question id. Never raises."""
    if isinstance(node, And):
        return all(evaluate(operand, answers) for operand in node.operands)
    if isinstance(node, Or):
        return any(evaluate(operand, answers) for operand in node.operands)
    if isinstance(node, Not):
        return not evaluate(node.operand, answers)
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Answered):
        return is_answered(answers.get(node.name))
    if isinstance(node, Truthy):
        return answers.get(node.name) is True
    left = _value(node.left, answers)
    right = _value(node.right, answers)
    if left is None or right is None:
        return False
    if isinstance(node, In):
        return _contains(right, left) != node.negated
    return _compare(node.op, left, right)


def _value(operand: Operand, answers: Mapping[str, object]) -> object:
    if isinstance(operand, Ref):
        value = answers.get(operand.name)
        return value if is_answered(value) else None
    if isinstance(operand, ListLit):
        return [item.value for item in operand.items]
    return operand.value


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    return "other"


def _equal(a: object, b: object) -> bool:
    kind = _kind(a)
    if kind == "other" or kind != _kind(b):
        return False
    return bool(a == b)


def _compare(op: str, a: object, b: object) -> bool:
    kind = _kind(a)
    if kind != _kind(b) or kind == "other":
        return False
    if op == "==":
        return _equal(a, b)
    if op == "!=":
        return not _equal(a, b)
    if kind == "bool":
        return False
    # kinds match, so both are numbers or both are strings
    if op == "<":
        return bool(a < b)  # type: ignore[operator]
    if op == "<=":
        return bool(a <= b)  # type: ignore[operator]
    if op == ">":
        return bool(a > b)  # type: ignore[operator]
    return bool(a >= b)  # type: ignore[operator]


def _contains(container: object, item: object) -> bool:
    if not isinstance(container, list | tuple):
        return False
    if isinstance(item, list | tuple):  # a multiple-choice answer: any overlap
        return any(_equal(one, other) for one in item for other in container)
    return any(_equal(item, other) for other in container)


def evaluate_text(text: str, answers: Mapping[str, object]) -> bool:
    """Parse (cached) and evaluate; raises ConditionError only for a bad condition."""
    return evaluate(parse(text), answers)
