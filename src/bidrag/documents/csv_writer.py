"""A table as CSV: UTF-8 with BOM (Excel opens it right), semicolon-separated as Swedish Excel
expects, integers without separators (öre amounts as kronor with a decimal comma), the total
row last. Several tables go into one file, each after its title and an empty line. Text cells
are quoted and neutralised against spreadsheet formulas (:mod:`bidrag.documents.safe_cells`)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from bidrag.documents.safe_cells import CsvWriter, Number
from bidrag.documents.tables import Cell, Kind, Table

DELIMITER = ";"


def _value(value: Cell, kind: Kind) -> str | int:
    if value is None:
        return ""
    if isinstance(value, int) and kind is Kind.ORE:
        sign = "-" if value < 0 else ""
        kronor, ore = divmod(abs(value), 100)
        return Number(f"{sign}{kronor},{ore:02d}")
    return value


def write_csv(table: Table) -> str:
    buf = io.StringIO()
    writer = CsvWriter(buf, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([c.title for c in table.columns])
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        writer.writerow([_value(v, k) for v, k in zip(row, kinds, strict=True)])
    if table.total is not None:
        writer.writerow([_value(v, k) for v, k in zip(table.total, kinds, strict=True)])
    return buf.getvalue()


def write_csv_tables(tables: Sequence[Table]) -> str:
    if len(tables) == 1:
        return write_csv(tables[0])
    parts = []
    for table in tables:
        title = io.StringIO()
        CsvWriter(title, delimiter=DELIMITER, lineterminator="\r\n").writerow([table.title])
        parts.append(title.getvalue() + write_csv(table))
    return "\r\n".join(parts)


def csv_bytes(*tables: Table) -> bytes:
    return ("\ufeff" + write_csv_tables(tables)).encode("utf-8")
