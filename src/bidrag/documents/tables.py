"""Tables to show and export: a caption, typed columns, rows and an optional total row.

A :class:`Table` is what every writer here (HTML, PDF, XLSX, CSV) and every web export reads.
Cells hold plain values: ``int`` for kronor and counts (formatted only by the writer), ``str``
for text, ``None`` for an empty cell. No business rules: the total row is the sum of what is
shown, and a printed total that differs is reported as printed next to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bidrag.core.money import format_kronor, format_ore

Cell = str | int | None
# What a column sorts by when its shown text would sort wrong (dates shown as "15 februari 2021").
SortValue = str | int | dt.date | None


class Kind(StrEnum):
    TEXT = "text"
    KRONOR = "kronor"
    ORE = "ore"  # an amount in öre, shown as kronor with two decimals
    INTEGER = "integer"

    @property
    def numeric(self) -> bool:
        return self is not Kind.TEXT


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Table:
    """``title`` is the caption; ``sheet`` a short name for a spreadsheet tab or file.

    ``links`` (optional, one per row) is a URL for the row's first cell in HTML.
    ``sort_values`` (optional) maps a column key to one value per row to sort that column by
    instead of its cells (a date, say); ``None`` sorts last.
    """

    title: str
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    links: tuple[str | None, ...] = field(default_factory=tuple)
    sort_values: Mapping[str, tuple[SortValue, ...]] = field(default_factory=dict)

    def column_total(self, key: str) -> int:
        index = [c.key for c in self.columns].index(key)
        return sum(v for row in self.rows if isinstance(v := row[index], int))


def make_table(
    title: str,
    sheet: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    *,
    total_label: str | None = None,
    notes: Iterable[str] = (),
    links: Iterable[str | None] = (),
    sort_values: Mapping[str, Iterable[SortValue]] | None = None,
) -> Table:
    """A table whose total row (when ``total_label`` is given) sums its numeric columns."""
    body = tuple(tuple(r) for r in rows)
    total = total_row(columns, body, total_label) if total_label is not None else None
    values = {key: tuple(v) for key, v in (sort_values or {}).items()}
    return Table(title, sheet, tuple(columns), body, total, tuple(notes), tuple(links), values)


def total_row(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], label: str
) -> tuple[Cell, ...]:
    """The label, then the sum of each numeric column (empty under text columns)."""
    cells: list[Cell] = []
    for i, col in enumerate(columns):
        if i == 0:
            cells.append(label)
        elif col.kind.numeric:
            cells.append(sum(v for r in rows if isinstance(v := r[i], int)))
        else:
            cells.append(None)
    return tuple(cells)


def display(value: Cell, kind: Kind) -> str:
    """A cell as printed: kronor and counts grouped with spaces ("49 472 318")."""
    if value is None:
        return ""
    if isinstance(value, int) and kind is Kind.ORE:
        return format_ore(value, unit=False)
    if isinstance(value, int) and kind.numeric:
        return format_kronor(value, unit=False)
    return str(value)


@dataclass(frozen=True)
class HeaderSort:
    """A header's sort link: where it leads, and ``aria-sort`` when the table is sorted by it."""

    href: str
    state: str = ""  # "ascending", "descending" or "" (not sorted by this column)
    id: str = ""


@dataclass(frozen=True)
class ShownCell:
    text: str
    numeric: bool
    link: str | None = None
    sort: HeaderSort | None = None


def shown(table: Table, sorts: Sequence[HeaderSort] | None = None) -> dict[str, object]:
    """What a template needs: header titles, body and total as text with alignment.

    ``sorts`` (one per column) turns the headers into sort links.
    """

    def cells(row: Sequence[Cell]) -> list[ShownCell]:
        return [
            ShownCell(display(v, c.kind), c.kind.numeric)
            for v, c in zip(row, table.columns, strict=True)
        ]

    rows = [cells(r) for r in table.rows]
    for row, link in zip(rows, table.links, strict=False):
        if link and row:
            row[0] = ShownCell(row[0].text, row[0].numeric, link)
    return {
        "title": table.title,
        "header": [
            ShownCell(c.title, c.kind.numeric, sort=sorts[i] if sorts else None)
            for i, c in enumerate(table.columns)
        ],
        "rows": rows,
        "total": cells(table.total) if table.total is not None else None,
        "notes": table.notes,
    }
