"""Importing SCB population tables (CSV) as a population per county (länskod → inhabitants).

What is read (see :mod:`bidrag.core.tables` for encodings and delimiters):

- Title lines before the header (PxWeb's "Folkmängd efter region och år", or "Folkmängd i
  riket, län och kommuner 1 november 2019") and notes after the data ("Källa: SCB") are kept
  apart. The header is the last non-blank line before the first row labelled with a county,
  ``00 Riket`` or a total.
- Row labels: ``"01 Stockholms län"`` (code and name in one cell), ``"Stockholms län"`` (a name
  only, any spelling the register knows, "Region Stockholm" included), or a code column
  (``Länskod``) beside a name column. A code and a name that disagree are an error.
- ``00 Riket``, ``Riket``, ``Hela riket``, ``Sverige``, ``Totalt``, ``Summa``, ``Totalsumma``
  are total rows: each must equal the sum of the counties.
- Municipality rows (``"0114 Upplands Väsby"``, four-digit code) are *not* summed: they are
  checked against their county's row (the municipalities present for a county must add up to
  it) and skipped. A file with municipalities but no county rows is refused: a partial
  selection of municipalities would give wrong county totals, so export the county level.
- The value column is ``column`` when given; otherwise the one column whose every cell is a
  number. Several numeric columns ("2019", "2020") need ``column=``.
- Every one of the 21 counties must be present exactly once; values are whole, non-negative.
- ``reference_date`` is the first date printed in the title lines, else in the value column's
  name, else in the notes ("1 november 2019", "2019-11-01", "1/11 - 2020"); a bare year is not
  a date (PxWeb's yearly tables are by 31 December, but the file does not say so).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from bidrag.core.deadlines import MONTHS
from bidrag.core.errors import RegisterError, TableError
from bidrag.core.register import CODES, COUNTIES, County, county_by_code, normalise, resolve_county
from bidrag.core.tables import (
    DELIMITERS,
    Table,
    TableRow,
    decode,
    parse_integer,
    parse_number,
    read_table,
    read_table_bytes,
    split_lines,
    where,
)

TOTAL_LABELS = frozenset(
    normalise(t) for t in ("Riket", "Hela riket", "Sverige", "Totalt", "Summa", "Totalsumma")
)
_CODED = re.compile(r"^(\d{2}|\d{4})\s+(\S.*)$")
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})\s*-?\s*(\d{4})\b")


@dataclass(frozen=True)
class PopulationSeries:
    """A population per county read from an SCB file."""

    source: str
    column: str
    reference_date: date | None
    values: Mapping[str, int]  # länskod → population, in länskod order
    total: int
    title: str | None = None
    encoding: str = ""
    delimiter: str = ""
    municipalities_checked: int = 0

    def __getitem__(self, code: str) -> int:
        return self.values[code]


@dataclass(frozen=True)
class _Label:
    kind: str  # "county", "municipality", "total"
    code: str | None
    text: str


def _parse_label(code_cell: str | None, text: str, place: str) -> _Label | None:
    """What a row label denotes; None when it is not a label at all (not an error)."""
    text = text.strip()
    code = code_cell.strip() if code_cell is not None else None
    if code is None:
        coded = _CODED.match(text)
        if coded is not None:
            code, text = coded.group(1), coded.group(2).strip()
    key = normalise(text)
    if code == "00" or (code is None and key in TOTAL_LABELS):
        return _Label("total", "00" if code else None, text)
    if code is not None and len(code) == 4 and code.isdigit():
        return _Label("municipality", code, text)
    if code is not None and len(code) == 2 and code.isdigit():
        return _Label("county", code, text)
    if code:
        raise TableError(
            place,
            f"'{code}' is neither a länskod nor a kommunkod",
            code,
            code="scb.not-a-code",
            params={"value": code},
        )
    try:
        county = resolve_county(text, place)
    except RegisterError:
        return None
    return _Label("county", county.code, text)


def _looks_like_data(line: str) -> bool:
    for delimiter in DELIMITERS:
        cells = [c.strip().strip('"').strip() for c in line.split(delimiter)]
        for cell in cells[:2]:
            if not cell:
                continue
            coded = _CODED.match(cell)
            if coded is not None or normalise(cell) in TOTAL_LABELS:
                return True
            try:
                resolve_county(cell)
            except RegisterError:
                continue
            return True
    return False


def _header_line(data: bytes, source: str) -> int:
    text, _ = decode(data, source)
    lines = split_lines(text)
    previous: int | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _looks_like_data(line):
            if previous is None:
                raise TableError(
                    f"line {index + 1}",
                    f"the first county row of {source} has no header line above it",
                    code="scb.no-header",
                    params={"source": source},
                )
            return previous + 1
        previous = index
    raise TableError(
        source,
        "no row labelled with a county ('01 Stockholms län', 'Stockholms län') or 'Riket'",
        code="scb.no-county-row",
    )


def _find_date(texts: list[str]) -> date | None:
    for text in texts:
        candidates: list[tuple[int, int, int, int]] = []  # position, year, month, day
        for m in _DATE_WORDS.finditer(text):
            candidates.append(
                (m.start(), int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
            )
        for m in _DATE_ISO.finditer(text):
            candidates.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
        for m in _DATE_SLASH.finditer(text):
            candidates.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
        for _, year, month, day in sorted(candidates):
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


def _label_columns(table: Table) -> tuple[str | None, str]:
    """(code column or None, label column), found from the first rows."""
    first = table.rows[0]
    for position, name in enumerate(table.header):
        cell = first.cells[name]
        if not cell or re.fullmatch(r"\d+", cell):
            continue
        try:
            label = _parse_label(None, cell, where(first.line, name))
        except TableError:
            label = None
        if label is None:
            continue
        code_column = None
        if position > 0:
            before = table.header[position - 1]
            if all(re.fullmatch(r"\d{2}|\d{4}", r.cells[before]) for r in table.rows):
                code_column = before
        return code_column, name
    raise TableError(
        where(first.line, table.header[0]),
        "no cell of the first row is a county ('01 Stockholms län', 'Stockholms län') or 'Riket'",
        code="scb.no-county-cell",
    )


def _value_column(table: Table, skip: set[str], column: str | None) -> str:
    if column is not None:
        return table.column_name(column)
    numeric = []
    for name in table.header:
        if name in skip:
            continue
        cells = table.column(name)
        try:
            for row, cell in zip(table.rows, cells, strict=True):
                parse_number(cell, where(row.line, name))
        except TableError:
            continue
        numeric.append(name)
    if len(numeric) == 1:
        return numeric[0]
    if not numeric:
        raise TableError(
            table.source,
            f"no column holds a number in every row; columns: {_names(table.header)}",
            code="scb.no-number-column",
            params={"columns": list(table.header)},
        )
    raise TableError(
        table.source,
        f"several columns hold numbers ({_names(numeric)}); pass column= to choose one",
        code="scb.several-number-columns",
        params={"columns": numeric},
    )


def _names(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def import_population_csv(
    data: bytes, source: str = "<input>", *, column: str | None = None
) -> PopulationSeries:
    """The population per county of an SCB CSV file (see the module doc)."""
    table = read_table(data, source, header_line=_header_line(data, source), notes=True)
    if not table.rows:
        raise TableError(source, "has a header but no rows", code="scb.no-rows")
    code_column, label_column = _label_columns(table)
    value_column = _value_column(table, {label_column, code_column or ""}, column)

    counties: dict[str, tuple[int, int]] = {}  # code → (value, line)
    totals: list[tuple[int, int]] = []  # (value, line)
    municipalities: dict[str, list[tuple[str, int, int]]] = {}  # county → [(code, value, line)]
    for row in table.rows:
        place = where(row.line, label_column)
        label = _parse_label(
            row.cells[code_column] if code_column else None, row.cells[label_column], place
        )
        if label is None:
            _unknown(row, label_column)
            continue  # unreachable: _unknown raises
        value = parse_integer(row.cells[value_column], where(row.line, value_column))
        if value < 0:
            raise TableError(
                where(row.line, value_column),
                f"{value} is negative",
                value,
                code="scb.negative",
                params={"value": value},
            )
        if label.kind == "total":
            totals.append((value, row.line))
        elif label.kind == "municipality":
            assert label.code is not None
            county = county_by_code(label.code[:2], place)
            municipalities.setdefault(county.code, []).append((label.code, value, row.line))
        else:
            assert label.code is not None
            county = _county(label, place)
            if county.code in counties:
                raise TableError(
                    place,
                    f"{county.name} appears twice (lines {counties[county.code][1]} "
                    f"and {row.line})",
                    county.name,
                    code="scb.duplicate-county",
                    params={
                        "county": county.name,
                        "first": counties[county.code][1],
                        "second": row.line,
                    },
                )
            counties[county.code] = (value, row.line)

    if not counties and municipalities:
        raise TableError(
            source,
            "has municipality rows ('0114 Upplands Väsby') but no county rows; "
            "export the county level (län) from SCB",
            code="scb.municipalities-only",
        )
    missing = [c for c in COUNTIES if c.code not in counties]
    if missing:
        listed = ", ".join(f"{c.code} {c.name}" for c in missing)
        raise TableError(
            source,
            f"counties missing: {listed}",
            [c.code for c in missing],
            code="scb.missing-counties",
            params={"counties": [f"{c.code} {c.name}" for c in missing]},
        )
    values = {code: counties[code][0] for code in CODES}
    total = sum(values.values())
    for printed, line in totals:
        if printed != total:
            raise TableError(
                where(line, value_column),
                f"the total row says {printed}, the counties add up to {total} "
                f"(difference {printed - total})",
                printed,
                code="scb.total",
                params={"printed": printed, "total": total, "difference": printed - total},
            )
    checked = 0
    for code, rows in municipalities.items():
        subtotal = sum(v for _, v, _ in rows)
        county_value, county_line = counties[code]
        if subtotal != county_value:
            name = county_by_code(code).name
            raise TableError(
                where(county_line, value_column),
                f"{name} is {county_value} but its {len(rows)} municipality rows (lines "
                f"{rows[0][2]}–{rows[-1][2]}) add up to {subtotal}; remove the municipality "
                "rows or export all of them",
                county_value,
                code="scb.municipality-sum",
                params={
                    "county": name,
                    "value": county_value,
                    "rows": len(rows),
                    "first": rows[0][2],
                    "last": rows[-1][2],
                    "sum": subtotal,
                },
            )
        checked += len(rows)

    texts = [*table.preamble, value_column, *table.notes]
    return PopulationSeries(
        source=source,
        column=value_column,
        reference_date=_find_date(texts),
        values=MappingProxyType(values),
        total=total,
        title=table.preamble[0] if table.preamble else None,
        encoding=table.encoding,
        delimiter=table.delimiter,
        municipalities_checked=checked,
    )


def _county(label: _Label, place: str) -> County:
    assert label.code is not None
    county = county_by_code(label.code, place)
    named = resolve_county(label.text, place)
    if named.code != county.code:
        raise TableError(
            place,
            f"code {county.code} is {county.name} but the name reads '{label.text}' "
            f"({named.name}, {named.code})",
            label.text,
            code="scb.code-mismatch",
            params={
                "code": county.code,
                "county": county.name,
                "text": label.text,
                "named": named.name,
                "named_code": named.code,
            },
        )
    return county


def _unknown(row: TableRow, label_column: str) -> None:
    """Raise the register's error (with its suggestion) for a label that is no county."""
    resolve_county(row.cells[label_column], where(row.line, label_column))
    raise AssertionError("resolve_county accepted a label _parse_label refused")


def import_population_file(
    path: str | os.PathLike[str], *, column: str | None = None
) -> PopulationSeries:
    """:func:`import_population_csv` of a file; ``source`` is its path."""
    p = Path(path)
    return import_population_csv(read_table_bytes(p), str(p), column=column)
