"""Disclosure control for the statistics: primary and secondary suppression.

Every count in a report is a *cell* (a variable) in one :class:`CellSet`, together with the
sums that tie cells together (a row adds up to its total, the open cases at a month's end are
those at the month before plus the new minus the closed, ...). The rules:

- **Primary suppression.** A cell built from fewer than ``min_cell`` people (distinct
  individuals, not rows: ten actions of two people are two people) is not shown; it prints
  as "<N". A cell of no one (0) is below the threshold too, so a zero is never told apart
  from a small number.
- **Hidden cells.** What must count in a total but never be shown on its own (people with a
  protected identity) is a cell that is always suppressed.
- **Secondary suppression.** A suppressed cell must not be computable from the cells that
  are shown through the sums, nor be known to be 0 because one shown part of a sum already
  makes its total (counts are never negative; a zero there would tell, e.g., that everyone
  rated an area the same). Sums of events over time (new cases per month, open = open before
  + new − closed) are exempt from that zero rule: that no case was opened in a month says
  nothing about a person. With the sums written as linear equations, a suppressed cell
  is computable exactly when every solution of the equations (the shown cells fixed) gives
  it the same value. :func:`determined` tests that with exact (integer) elimination; while a
  suppressed cell is determined, the smallest shown cell that shares a sum with it is
  suppressed as well.

Bounds are not hidden by this rule (a suppressed cell is between 0 and its row's total); the
threshold is what keeps those bounds coarse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from math import gcd

MIN_CELL_DEFAULT = 5
MIN_CELL_FLOOR = 3


@dataclass
class CellSet:
    """The cells of one report and the sums between them."""

    min_cell: int
    values: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    hidden: list[bool] = field(default_factory=list)
    is_total: list[bool] = field(default_factory=list)
    equations: list[dict[int, int]] = field(default_factory=list)  # sum(coef * cell) == 0
    # Equations between counts of *events over time* (new per month, stock and flow): a zero
    # there tells nothing about a person, so only the rank rule applies to them.
    flows: set[int] = field(default_factory=set)  # indexes into ``equations``
    suppressed: set[int] = field(default_factory=set)
    _attributes: list[dict[int, int]] = field(default_factory=list, repr=False)

    def add(self, value: int, people: int | None = None, *, total: bool = False) -> int:
        """A count; ``people`` is how many distinct individuals it is built from."""
        self.values.append(int(value))
        self.people.append(int(value if people is None else people))
        self.hidden.append(False)
        self.is_total.append(total)
        return len(self.values) - 1

    def add_hidden(self, value: int) -> int:
        """A count that takes part in sums but is never shown (protected identities)."""
        index = self.add(value, 0)
        self.hidden[index] = True
        return index

    def equation(self, terms: dict[int, int], *, flow: bool = False) -> None:
        """``sum(coefficient * cell) == 0`` holds for the true values."""
        if sum(c * self.values[i] for i, c in terms.items()) != 0:
            raise ValueError("an equation of the statistics does not hold for its cells")
        if flow:
            self.flows.add(len(self.equations))
        self.equations.append({i: c for i, c in terms.items() if c})

    def sum_of(self, total: int, parts: Iterable[int], *, flow: bool = False) -> None:
        """``total`` is the sum of ``parts``."""
        terms: dict[int, int] = {}
        for p in parts:
            terms[p] = terms.get(p, 0) + 1
        terms[total] = terms.get(total, 0) - 1
        self.equation(terms, flow=flow)

    def shown(self, index: int) -> bool:
        return index not in self.suppressed

    # --- suppression ---------------------------------------------------------------------------
    def suppress(self) -> None:
        """Primary, then secondary suppression (see the module docstring)."""
        self.suppressed = {
            i for i in range(len(self.values)) if self.hidden[i] or self.people[i] < self.min_cell
        }
        for cells, indexes in _components(len(self.values), self.equations):
            self._secondary(cells, indexes)

    def _secondary(self, cells: list[int], indexes: list[int]) -> None:
        equations = [self.equations[n] for n in indexes]
        self._attributes = [self.equations[n] for n in indexes if n not in self.flows]
        while True:
            exposed = self.exposed(equations)
            if not exposed:
                return
            target = min(exposed)
            choice = self._partner(target, equations, cells)
            if choice is None:
                return  # everything in reach is suppressed already
            self.suppressed.add(choice)

    def exposed(
        self, equations: Sequence[dict[int, int]], unknown: set[int] | None = None
    ) -> set[int]:
        """Suppressed cells a reader can work out: by the equations alone (:func:`determined`),
        or because counts are never negative (:func:`forced_to_zero`)."""
        unknown = self.suppressed if unknown is None else unknown
        zeros = forced_to_zero(self._attributes, unknown, self.values)
        return determined(equations, unknown) | zeros

    def _partner(
        self, target: int, equations: list[dict[int, int]], cells: list[int]
    ) -> int | None:
        """The cell to suppress next: of the shown cells in a sum with ``target`` (parts before
        totals, small before large), the first whose suppression hides ``target``; else the
        smallest of them; else the smallest shown cell of the component."""
        near = {i for eq in equations if target in eq for i in eq}
        for pool in (near, set(cells)):
            shown = sorted(
                (i for i in pool if i not in self.suppressed),
                key=lambda i: (self.is_total[i], self.values[i], i),
            )
            for i in shown[:12]:
                if target not in self.exposed(equations, self.suppressed | {i}):
                    return i
            if shown:
                return shown[0]
        return None


def _components(
    count: int, equations: Sequence[dict[int, int]]
) -> list[tuple[list[int], list[int]]]:
    """Cells and equations split into groups that share no cell (each solved on its own)."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for eq in equations:
        keys = list(eq)
        for k in keys[1:]:
            a, b = find(keys[0]), find(k)
            if a != b:
                parent[a] = b
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for n, eq in enumerate(equations):
        root = find(next(iter(eq)))
        groups.setdefault(root, ([], []))[1].append(n)
    for i in range(count):
        root = find(i)
        if root in groups:
            groups[root][0].append(i)
    return list(groups.values())


def forced_to_zero(
    equations: Sequence[dict[int, int]], unknown: set[int], values: Sequence[int]
) -> set[int]:
    """Suppressed cells a reader knows to be 0 where that tells about people: a sum whose
    one shown non-zero part already makes its total, so every suppressed part is nothing
    (counts are never negative) and everyone in the total is in that one part (all rated an
    area 2, all improved). Several shown parts that together make the total tell only that
    the remaining categories are empty, which says nothing about a person."""
    found: set[int] = set()
    for eq in equations:
        hidden = {i: c for i, c in eq.items() if i in unknown}
        if not hidden:
            continue
        signs = {c > 0 for c in hidden.values()}
        if len(signs) != 1:
            continue
        rest = sum(c * values[i] for i, c in eq.items() if i not in unknown)
        sign = next(iter(signs))
        carrying = [
            i for i, c in eq.items() if i not in unknown and (c > 0) == sign and values[i] != 0
        ]
        if rest == 0 and len(carrying) == 1:
            found.update(hidden)
    return found


def determined(equations: Sequence[dict[int, int]], unknown: set[int]) -> set[int]:
    """The cells of ``unknown`` whose value follows from the equations once every other cell
    is known: reduced row echelon form over the unknowns; an unknown is determined when it
    is a pivot whose row has no free unknown in it."""
    columns = sorted({i for eq in equations for i in eq if i in unknown})
    if not columns:
        return set()
    position = {c: n for n, c in enumerate(columns)}
    # Exact and fraction-free: integer rows, a row minus a multiple of another scaled so the
    # pivot column cancels, each row kept small by dividing by the gcd of its entries (whether
    # an entry is 0 does not change with scaling, which is all the test below looks at).
    rows: list[list[int]] = []
    for eq in equations:
        row = [0] * len(columns)
        touched = False
        for i, c in eq.items():
            if i in position:
                row[position[i]] = c
                touched = True
        if touched:
            rows.append(row)
    pivots: list[int] = []
    r = 0
    for col in range(len(columns)):
        pivot = next((k for k in range(r, len(rows)) if rows[k][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        top = rows[r]
        lead = top[col]
        for k in range(len(rows)):
            factor = rows[k][col]
            if k != r and factor != 0:
                row = [lead * a - factor * b for a, b in zip(rows[k], top, strict=True)]
                g = 0
                for v in row:
                    if v:
                        g = gcd(g, v)
                rows[k] = [v // g for v in row] if g > 1 else row
        pivots.append(col)
        r += 1
        if r == len(rows):
            break
    free = set(range(len(columns))) - set(pivots)
    found = set()
    for n, col in enumerate(pivots):
        if all(rows[n][f] == 0 for f in free):
            found.add(columns[col])
    return found
