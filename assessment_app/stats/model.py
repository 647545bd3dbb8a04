"""The plain result of a statistics run: sections of tables of shown values, and the radar.

Nothing here holds a name, a case reference, free text or a date finer than a month: a
:class:`Report` is what may leave the app (screen, CSV, XLSX, PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shown:
    """One value as it is shown: ``text`` prints; ``value`` is None when suppressed or not
    applicable (charts leave it out)."""

    text: str
    value: float | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Shown, ...]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # stable, for tests and files: "caseload.flow", "needs.worker", ...
    title: str
    row_header: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""
    # How to chart it: "bars" (one bar per row, the first column), "stacked" (each row a bar
    # split by the columns that are not totals), or "" (no chart).
    chart: str = ""
    chart_columns: tuple[int, ...] = ()  # the columns a chart uses
    # For "stacked": the column each bar's whole length comes from (its row total), so a bar
    # with a suppressed part keeps its true length and the hidden part shows as an outline.
    chart_total: int | None = None

    def chart_rows(self) -> list[tuple[str, list[float | None]]]:
        """For a chart: each row that is not a total, with its charted columns' values (None
        where a value is suppressed)."""
        cols = self.chart_columns or (0,)
        return [
            (row.label, [row.cells[c].value for c in cols])
            for row in self.rows
            if not row.is_total
            and any(row.cells[c].value is not None or row.cells[c].suppressed for c in cols)
        ]

    def chart_totals(self) -> list[float | None]:
        """The row total of each charted row (None: no total column, or it is suppressed)."""
        if self.chart_total is None:
            return [None for _ in self.chart_rows()]
        labels = {label for label, _values in self.chart_rows()}
        return [
            row.cells[self.chart_total].value
            for row in self.rows
            if not row.is_total and row.label in labels
        ]

    @property
    def chart_labels(self) -> list[str]:
        return [self.columns[c] for c in (self.chart_columns or (0,))]

    def cell(self, row_label: str, column: str) -> Shown:
        col = self.columns.index(column)
        for row in self.rows:
            if row.label == row_label:
                return row.cells[col]
        raise KeyError(row_label)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Radar:
    """The unit's mean ratings per area at intake and at the latest follow-up (cases with
    both); an area with fewer than the threshold is left out (None)."""

    titles: tuple[str, ...]
    intake: tuple[float | None, ...]
    follow_up: tuple[float | None, ...]
    intake_label: str
    follow_up_label: str
    rater_label: str


@dataclass(frozen=True)
class Report:
    title: str
    unit: str  # the unit's name, or "all units"
    period: str  # "2026-01 – 2026-06"
    month_from: str  # "2026-01"
    month_to: str
    created: str  # the month it was made, "2026-07"
    min_cell: int
    rule: str  # the disclosure rule applied, in words
    language: str
    sections: tuple[Section, ...]
    radar: Radar | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    scope_id: str = "all"  # the unit's id (for the audit entry of an export), or "all"

    def table(self, key: str) -> Table:
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        raise KeyError(key)

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]
