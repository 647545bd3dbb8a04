"""Writing a statistics report: CSV (semicolons, UTF-8 with BOM, as Swedish spreadsheets read
it), XLSX (openpyxl; one sheet per table) and PDF (:mod:`.pdf`). Every file is written
atomically and readable by its owner only; none carries personal data, also not in its
metadata."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from assessment_app.fileio import write_private_atomic
from assessment_app.stats.model import Report, Table


def _words(report: Report, sv: str, en: str) -> str:
    return en if report.language == "en" else sv


def header_lines(report: Report) -> list[tuple[str, str]]:
    def w(sv: str, en: str) -> str:
        return _words(report, sv, en)

    return [
        (w("Enhet", "Unit"), report.unit),
        (w("Period", "Period"), report.period),
        (w("Framtagen", "Made"), report.created),
        (w("Minsta cell", "Smallest cell"), str(report.min_cell)),
        (w("Röjandekontroll", "Disclosure control"), report.rule),
    ]


def table_rows(table: Table) -> list[list[str]]:
    out = [[table.row_header, *table.columns]]
    out.extend([row.label, *(c.text for c in row.cells)] for row in table.rows)
    return out


def to_csv(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([report.title])
    for key, value in header_lines(report):
        writer.writerow([key, value])
    for section in report.sections:
        for table in section.tables:
            writer.writerow([])
            writer.writerow([f"{section.title}: {table.title}"])
            writer.writerows(table_rows(table))
            if table.note:
                writer.writerow([table.note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.properties.creator = "assessment-app"
    book.properties.lastModifiedBy = "assessment-app"
    book.properties.title = report.title
    about = book.active
    assert about is not None
    about.title = _words(report, "Om rapporten", "About")
    about.append([report.title])
    about["A1"].font = Font(bold=True, size=14)
    for key, value in header_lines(report):
        about.append([key, value])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 100
    used: set[str] = set()
    for section in report.sections:
        for table in section.tables:
            name = table.key.replace(".", " ")[:31]
            while name in used:
                name = name[:28] + f"{len(used):03d}"
            used.add(name)
            sheet = book.create_sheet(name)
            sheet.append([table.title])
            sheet["A1"].font = Font(bold=True)
            for n, row in enumerate(table_rows(table)):
                if n == 0:
                    sheet.append(row)
                    continue
                shown = table.rows[n - 1].cells
                values: list[object] = [row[0]]
                for cell in shown:
                    plain = (
                        cell.value is not None
                        and cell.text.lstrip("−-").replace(",", "").replace(".", "").isdigit()
                    )
                    values.append(cell.value if plain else cell.text)
                sheet.append(values)
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            if table.note:
                sheet.append([])
                sheet.append([table.note])
            sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write(report: Report, out: Path, kind: str) -> None:
    if kind == "csv":
        data = to_csv(report)
    elif kind == "xlsx":
        data = to_xlsx(report)
    else:
        from assessment_app.stats.pdf import render_stats_pdf

        data = render_stats_pdf(report)
    write_private_atomic(data, Path(out), what_en="the statistics", what_sv="statistikfilen")
