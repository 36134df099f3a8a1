"""Sorting and filtering a list page's tables from its query string, the same for page and export.

``?sort=<column key>`` (``-<key>`` descending) sorts by the real values: kronor as integers,
dates as dates (a table's ``sort_values``), text in Swedish alphabetical order
(:func:`bidrag.core.collation.swedish_key`); empty cells last. ``?q=<text>`` keeps the rows whose
text columns contain the text (case-insensitive), and a page's :class:`ColumnFilter` keeps the
rows with one value in a column (or the tables of one sheet, e.g. one budget year). The total row
is summed again over the rows kept, and the caption says how many ("3 av 21 rader"). Unknown
sort keys and filter values are ignored, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bidrag.core.collation import swedish_key
from bidrag.core.money import format_kronor
from bidrag.documents.tables import Cell, HeaderSort, SortValue, Table, display, total_row

SORT = "sort"
SEARCH = "q"
# Parameters that say how to deliver the rows, not which rows: never carried into links.
NOT_CARRIED = ("format", "page")
MAX_SEARCH = 200


@dataclass(frozen=True)
class ColumnFilter:
    """A choice above the table: rows whose ``key`` column shows one value.

    With ``by_sheet``, the choice is among the page's tables instead (their ``sheet``).
    """

    key: str
    label: str
    by_sheet: bool = False


@dataclass(frozen=True)
class FilterField:
    """A :class:`ColumnFilter` as the form shows it: its choices and the chosen one."""

    key: str
    label: str
    choices: tuple[str, ...]
    value: str


def _number(n: int) -> str:
    return format_kronor(n, unit=False)


def _sort_key(value: SortValue | Cell) -> tuple[int, Any]:
    if isinstance(value, int):
        return (0, value)
    if isinstance(value, dt.datetime):
        return (1, value.timestamp())
    if isinstance(value, dt.date):
        return (2, value.toordinal())
    return (3, swedish_key(str(value)))


class TableQuery:
    """What a list page's query string asks of its tables; :meth:`apply` does it."""

    def __init__(self, params: QueryDict, path: str, filters: Sequence[ColumnFilter] = ()) -> None:
        self.params = params.copy()
        for name in NOT_CARRIED:
            self.params.pop(name, None)
        self.path = path
        raw = params.get(SORT, "").strip()
        self.descending = raw.startswith("-")
        self.sort_key = raw[1:] if self.descending else raw
        self.search = " ".join(params.get(SEARCH, "").split())[:MAX_SEARCH]
        self.filters = tuple(filters)
        self.values = {f.key: params.get(f.key, "").strip() for f in self.filters}
        self.fields: list[FilterField] = []
        self.shown_rows = 0
        self.all_rows = 0

    @classmethod
    def from_request(cls, request: HttpRequest, filters: Sequence[ColumnFilter] = ()) -> TableQuery:
        return cls(request.GET, request.path, filters)

    # -- the query string ------------------------------------------------------------------

    @property
    def sort(self) -> str:
        """The sort parameter as it applies (empty when none or unknown)."""
        if not self.sort_key:
            return ""
        return f"-{self.sort_key}" if self.descending else self.sort_key

    def _query(self, **changes: str) -> str:
        params = self.params.copy()
        params[SORT] = self.sort
        params[SEARCH] = self.search
        for key, value in self.values.items():
            params[key] = value
        for key, value in changes.items():
            params[key] = value
        for key in [k for k, v in params.lists() if not any(v)]:
            del params[key]
        return params.urlencode()

    @property
    def querystring(self) -> str:
        """The current sort and filters, for export links (``?<this>&format=csv``)."""
        return self._query()

    def url(self, **changes: str) -> str:
        query = self._query(**changes)
        return f"{self.path}?{query}" if query else self.path

    @property
    def active(self) -> bool:
        """Whether some rows may be left out."""
        return bool(self.search or any(self.values.values()))

    @property
    def status(self) -> str:
        """How many rows are shown, for the live region above the table."""
        if self.active:
            return ngettext(
                "Visar %(shown)s av %(all)s rad.",
                "Visar %(shown)s av %(all)s rader.",
                self.all_rows,
            ) % {"shown": _number(self.shown_rows), "all": _number(self.all_rows)}
        return ngettext("%(all)s rad.", "%(all)s rader.", self.all_rows) % {
            "all": _number(self.all_rows)
        }

    # -- the tables ------------------------------------------------------------------------

    def header(self, table: Table) -> list[HeaderSort]:
        """One sort link per column; the sorted column's link reverses the order."""
        sorts = []
        for column in table.columns:
            state = ""
            target = column.key
            if column.key == self.sort_key:
                state = "descending" if self.descending else "ascending"
                target = column.key if self.descending else f"-{column.key}"
            ident = f"sort-{slugify(table.sheet) or 'table'}-{column.key}"
            sorts.append(HeaderSort(self.url(**{SORT: target}), state, ident))
        return sorts

    def _fields(self, tables: Sequence[Table]) -> list[FilterField]:
        fields = []
        for f in self.filters:
            seen: set[str] = set()
            for table in tables:
                if f.by_sheet:
                    seen.add(table.sheet)
                    continue
                keys = [c.key for c in table.columns]
                if f.key in keys:
                    i = keys.index(f.key)
                    kind = table.columns[i].kind
                    seen.update(display(row[i], kind) for row in table.rows)
            seen.discard("")
            choices = tuple(sorted(seen, key=swedish_key))
            value = self.values.get(f.key, "")
            if value not in seen:
                value = self.values[f.key] = ""
            fields.append(FilterField(f.key, f.label, choices, value))
        return fields

    def _keeps(self, table: Table, row: Sequence[Cell]) -> bool:
        for f in self.filters:
            value = self.values.get(f.key, "")
            if not value or f.by_sheet:
                continue
            keys = [c.key for c in table.columns]
            if f.key in keys:
                i = keys.index(f.key)
                if display(row[i], table.columns[i].kind) != value:
                    return False
        if self.search:
            needle = self.search.casefold()
            texts = (
                display(v, c.kind)
                for v, c in zip(row, table.columns, strict=True)
                if not c.kind.numeric
            )
            return any(needle in " ".join(t.split()).casefold() for t in texts)
        return True

    def _order(self, table: Table, indices: list[int]) -> list[int]:
        keys = [c.key for c in table.columns]
        if self.sort_key not in keys:
            return indices
        values: Sequence[SortValue | Cell]
        if self.sort_key in table.sort_values:
            values = table.sort_values[self.sort_key]
        else:
            column = keys.index(self.sort_key)
            values = [row[column] for row in table.rows]
        present = [i for i in indices if values[i] is not None and values[i] != ""]
        empty = [i for i in indices if values[i] is None or values[i] == ""]
        present.sort(key=lambda i: _sort_key(values[i]), reverse=self.descending)
        return present + empty

    def _criteria(self) -> str:
        parts = []
        if self.search:
            parts.append(_("sökord ”%(q)s”") % {"q": self.search})
        for f in self.fields:
            if f.value:
                parts.append(f"{f.label}: {f.value}")
        return "; ".join(parts)

    def apply(self, tables: Sequence[Table]) -> list[Table]:
        """The tables as asked: filtered, sorted, totals summed over the rows kept."""
        self.fields = self._fields(tables)
        if not any(self.sort_key in (c.key for c in t.columns) for t in tables):
            self.sort_key, self.descending = "", False
        criteria = self._criteria()
        chosen_sheet = {f.key: self.values.get(f.key, "") for f in self.filters if f.by_sheet}
        result = []
        self.shown_rows = self.all_rows = 0
        for table in tables:
            self.all_rows += len(table.rows)
            if any(v and table.sheet != v for v in chosen_sheet.values()):
                continue
            kept = [i for i, row in enumerate(table.rows) if self._keeps(table, row)]
            kept = self._order(table, kept)
            self.shown_rows += len(kept)
            result.append(self._subset(table, kept, criteria))
        return result

    def _subset(self, table: Table, kept: list[int], criteria: str) -> Table:
        rows = tuple(table.rows[i] for i in kept)
        links = tuple(table.links[i] for i in kept if i < len(table.links))
        if len(links) != len(rows):
            links = ()
        values = {k: tuple(v[i] for i in kept) for k, v in table.sort_values.items()}
        changes: dict[str, Any] = {"rows": rows, "links": links, "sort_values": values}
        if len(rows) != len(table.rows) and table.total is not None:
            label = table.total[0]
            changes["total"] = total_row(table.columns, rows, "" if label is None else str(label))
        if self.active:
            counted = ngettext(
                "%(shown)s av %(all)s rad", "%(shown)s av %(all)s rader", len(table.rows)
            ) % {"shown": _number(len(rows)), "all": _number(len(table.rows))}
            changes["title"] = f"{table.title} ({counted})"
            changes["notes"] = (*table.notes, _("Urval: %(criteria)s.") % {"criteria": criteria})
        return replace(table, **changes)
