"""Tables as an XLSX workbook (openpyxl): one sheet per table, integers with number formats.
Every cell goes through :mod:`bidrag.documents.safe_cells`: text never becomes a formula."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bidrag.documents.safe_cells import append_row, set_cell
from bidrag.documents.tables import Cell, Kind, Table

INTEGER_FORMAT = "#,##0"  # shown with the reader's thousands separator (a space in Swedish)
ORE_FORMAT = "#,##0.00"


def _value(value: Cell, kind: Kind) -> Cell | Decimal:
    if isinstance(value, int) and kind is Kind.ORE:
        return Decimal(value) / 100  # exact: öre as kronor with two decimals
    return value


_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (max 31 characters, none of ``[]:*?/\\``)."""
    base = _FORBIDDEN.sub("-", name).strip("'") or "Blad"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def write_xlsx(tables: Sequence[Table]) -> bytes:
    """Title in A1, header in row 3, the rows, then the total row in bold, then the notes."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_name(table.sheet, taken))
        set_cell(sheet, "A1", table.title).font = Font(bold=True)
        sheet.append([])
        append_row(sheet, [c.title for c in table.columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        kinds = [c.kind for c in table.columns]
        for row in table.rows:
            append_row(sheet, [_value(v, k) for v, k in zip(row, kinds, strict=True)])
        if table.total is not None:
            append_row(sheet, [_value(v, k) for v, k in zip(table.total, kinds, strict=True)])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        last_data_row = sheet.max_row
        for note in table.notes:
            append_row(sheet, [note])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            width = max([len(column.title)] + [len(str(r[index - 1] or "")) for r in table.rows])
            sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
            if column.kind.numeric:
                for (cell,) in sheet.iter_rows(
                    min_row=3, max_row=last_data_row, min_col=index, max_col=index
                ):
                    cell.number_format = ORE_FORMAT if column.kind is Kind.ORE else INTEGER_FORMAT
                    cell.alignment = Alignment(horizontal="right")
        sheet.freeze_panes = "B4"
    if not tables:
        book.create_sheet("Blad1")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
