"""``assessment-app stats``: a unit's anonymised statistics, printed or saved (CSV, XLSX, PDF).

A supervisor gets their own unit; an administrator any unit (``--unit``) or every unit. The
period is whole months: ``--from 2026-01-15`` starts on the first of January. Saving is
audited like any export.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from assessment_app.cli.common import workspace
from assessment_app.errors import ValidationError


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date (YYYY-MM-DD): {text!r} / inte ett datum (ÅÅÅÅ-MM-DD)"
        ) from None


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="anonymised statistics of a unit (months)")
    p.add_argument("--from", dest="date_from", required=True, type=_day, metavar="DATE")
    p.add_argument("--to", dest="date_to", required=True, type=_day, metavar="DATE")
    p.add_argument("--unit", metavar="U", help="the unit (administrators; default: all units)")
    p.add_argument("--language", choices=("sv", "en"), default="sv")
    p.add_argument("--out", type=Path, metavar="FILE", help="save as .csv, .xlsx or .pdf")
    p.set_defaults(handler=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    out: Path | None = args.out
    if out is not None and out.suffix.lower() not in (".csv", ".xlsx", ".pdf"):
        raise ValidationError(
            "Save the statistics as .csv, .xlsx or .pdf.",
            "Spara statistiken som .csv, .xlsx eller .pdf.",
        )
    ws = workspace(args)
    report = ws.stats.report(args.date_from, args.date_to, args.unit, language=args.language)
    if out is not None:
        ws.stats.export(report, out)
        print(f"Statistiken är sparad i {out}")
        return 0
    from assessment_app.stats.export import header_lines, table_rows

    write = sys.stdout.write
    write(f"{report.title}: {report.unit}\n")
    for key, value in header_lines(report)[1:]:
        write(f"{key}: {value}\n")
    for section in report.sections:
        write(f"\n== {section.title}\n")
        for table in section.tables:
            write(f"\n{table.title}\n")
            rows = table_rows(table)
            widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
            for row in rows:
                cells = [row[0].ljust(widths[0])]
                cells += [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
                write("  " + "  ".join(cells) + "\n")
    return 0
