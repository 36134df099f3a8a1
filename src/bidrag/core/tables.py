"""Reading the tabular files users hand us (weights files, SCB exports). No business rules.

What a file may be, and what is refused:

- Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), else
  Windows-1252 (``cp1252``, the superset of Latin-1 that Windows, Excel and SCB's exports
  produce). Strict UTF-8 is tried first: a Latin-1 file with Swedish letters is never valid
  UTF-8, so the fallback is a detection, not a guess. Text that was decoded as cp1252 and saved
  again as UTF-8 ("Ã–rebro län") is refused, naming the line.
- Binary input (a PDF, an XLSX or XLS fed by mistake, or any NUL or C0 control character other
  than tab, CR and LF) is refused with the byte offset and line.
- Delimiter: tab, semicolon or comma, detected from the header and the records after it (the
  one that splits every record into the header's number of cells; tab before semicolon before
  comma when several do, so a semicolon file with decimal commas reads as semicolons). Pass
  ``delimiter=`` to force one. ``csv.Sniffer`` is not used: it guesses from character
  frequencies and picks the comma of "0,25" in semicolon files.
- The header is the first non-blank line, or the first line one of whose cells equals (else
  contains) ``header_contains`` (case-insensitive) while splitting into two or more cells, as
  the next non-blank line and most of the few after it do, or the 1-based line
  ``header_line``. Lines before it (SCB's title
  lines) are kept in ``Table.preamble``.
- With ``notes=True`` (SCB exports), the body ends at the first blank line or the first line of a
  single cell after the data rows; the rest is kept in ``Table.notes``. A full-width data row
  after that point is an error, never silently dropped. Without it, blank lines are skipped.
- Ragged rows, empty or duplicate header names are errors naming the line. Cells are stripped.

Numbers: :func:`parse_number` reads Swedish and plain print exactly as a ``Fraction``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from bidrag.core.errors import TableError
from bidrag.core.limits import (
    MAX_TABLE_FILE_BYTES,
    LimitError,
    check_digits,
    check_size,
    read_file_limited,
)

DELIMITERS = ("\t", ";", ",")
_DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma"}

# Signatures of binary files users confuse with tables.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "pdf", "a PDF document"),
    (b"PK\x03\x04", "zip", "a ZIP archive (an XLSX, ODS or DOCX file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "an old Office file (XLS or DOC)"),
    (b"\x89PNG", "png", "a PNG image"),
    (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"\x1f\x8b", "gzip", "a gzip archive"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
# UTF-8 Swedish letters decoded as cp1252 and saved again (å ä ö Å Ä Ö é ü, and a NBSP).
_MOJIBAKE = re.compile("Ã[¥¤¶\u2026\u201e\u2013©¼]|Â\u00a0")


@dataclass(frozen=True)
class TableRow:
    """One record. ``line`` is the 1-based physical line of the file where it starts."""

    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        try:
            return self.cells[column]
        except KeyError:
            raise TableError(
                f"line {self.line}",
                f"no column '{column}'; present: {_listing(self.cells)}",
                column,
                code="table.no-column",
                params={"column": column, "present": list(self.cells)},
            ) from None


@dataclass(frozen=True)
class Table:
    """A read table: ``header_line`` is the header's 1-based line, ``preamble`` the non-blank
    lines before it (titles), ``notes`` those after the body when read with ``notes=True``."""

    source: str
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_line: int = 1
    preamble: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def column(self, name: str) -> list[str]:
        """The cells of column ``name`` (exact, else case- and space-insensitive) in row order."""
        key = self.column_name(name)
        return [row.cells[key] for row in self.rows]

    def column_name(self, name: str) -> str:
        """The header name matching ``name``; TableError listing the present ones."""
        if name in self.header:
            return name
        wanted = _fold(name)
        found = [h for h in self.header if _fold(h) == wanted]
        if len(found) == 1:
            return found[0]
        raise TableError(
            f"column '{name}'",
            f"not in {self.source}; present: {_listing(self.header)}",
            name,
            code="table.column-not-in-file",
            params={"column": name, "source": self.source, "present": list(self.header)},
        )

    def has_column(self, name: str) -> bool:
        return name in self.header or any(_fold(h) == _fold(name) for h in self.header)


def where(line: int, column: str) -> str:
    """The place of a cell as errors name it: ``line 7, column 'population'``."""
    return f"line {line}, column '{column}'"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _listing(names: Sequence[str] | Mapping[str, str]) -> str:
    return ", ".join(f"'{n}'" for n in names) or "(none)"


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) >= 0.4 * (len(sample) // 2)


def looks_double_encoded(text: str) -> bool:
    """True when ``text`` holds UTF-8 letters read as cp1252 ("Ã–rebro")."""
    return _MOJIBAKE.search(text) is not None


def decode(data: bytes, source: str = "<input>") -> tuple[str, str]:
    """The text of ``data`` and the name of its encoding; TableError for binary input."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TableError(
            source,
            f"expected bytes, got {type(data).__name__}",
            None,
            code="table.type",
            params={"type": type(data).__name__},
        )
    data = bytes(data)
    for signature, kind, what in _SIGNATURES:
        if data.startswith(signature):
            raise TableError(
                source,
                f"is {what}, not a text table; export it as CSV (UTF-8 or Latin-1)",
                code="table.binary-file",
                params={"kind": kind},
            )
    text: str
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise TableError(
                source,
                f"invalid UTF-16 at byte offset {exc.start}",
                code="table.utf16",
                params={"offset": exc.start},
            ) from None
    else:
        bad = _CONTROL_BYTES.search(data)
        if bad is not None:
            offset = bad.start()
            hint = ""
            if data[offset] == 0 and _looks_utf16(data):
                hint = "; it looks like UTF-16 without a byte order mark: save it as UTF-8"
            raise TableError(
                source,
                f"is binary, not a text table: control byte 0x{data[offset]:02x} at byte offset "
                f"{offset} (line {_line_of_offset(data, offset)}){hint}",
                code="table.control-byte",
                params={
                    "byte": f"0x{data[offset]:02x}",
                    "offset": offset,
                    "line": _line_of_offset(data, offset),
                    "utf16": bool(hint),
                },
            )
        if data.startswith(b"\xef\xbb\xbf"):
            try:
                text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
            except UnicodeDecodeError as exc:
                offset = exc.start + 3
                raise TableError(
                    source,
                    f"starts with a UTF-8 BOM but byte offset {offset} (line "
                    f"{_line_of_offset(data, offset)}) is not UTF-8",
                    code="table.bom-not-utf8",
                    params={"offset": offset, "line": _line_of_offset(data, offset)},
                ) from None
        else:
            try:
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                except UnicodeDecodeError as exc:
                    offset = exc.start
                    raise TableError(
                        source,
                        f"is neither UTF-8 nor Latin-1/Windows-1252: byte 0x{data[offset]:02x} "
                        f"at byte offset {offset} (line {_line_of_offset(data, offset)})",
                        code="table.encoding",
                        params={
                            "byte": f"0x{data[offset]:02x}",
                            "offset": offset,
                            "line": _line_of_offset(data, offset),
                        },
                    ) from None
    bad_char = _CONTROL_CHARS.search(text)
    if bad_char is not None:
        line = text.count("\n", 0, bad_char.start()) + 1
        raise TableError(
            source,
            f"is binary, not a text table: control character U+{ord(bad_char.group()):04X} "
            f"at line {line}",
            code="table.control-character",
            params={"character": f"U+{ord(bad_char.group()):04X}", "line": line},
        )
    mojibake = _MOJIBAKE.search(text)
    if mojibake is not None:
        line = text.count("\n", 0, mojibake.start()) + 1
        raise TableError(
            source,
            f"line {line} reads '{mojibake.group()}': UTF-8 text that was decoded as Latin-1 "
            "and saved again; export the file anew",
            code="table.double-encoded",
            params={"line": line, "text": mojibake.group()},
        )
    return text, encoding


@dataclass(frozen=True)
class _Record:
    line: int
    end: int
    cells: list[str]

    @property
    def blank(self) -> bool:
        return all(not c.strip() for c in self.cells)


def _records(lines: Sequence[str], delimiter: str, first_line: int = 1) -> Iterator[_Record]:
    """Parse ``lines`` (with their line ends) into records; ``first_line`` numbers lines[0]."""
    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar='"', doublequote=True)
    consumed = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TableError(
                f"line {first_line + reader.line_num - 1}",
                f"cannot be read as CSV: {exc}",
                code="table.csv",
                params={"detail": str(exc)},
            ) from None
        start = first_line + consumed
        consumed = reader.line_num
        yield _Record(start, first_line + consumed - 1, cells)


def split_lines(text: str) -> list[str]:
    """Physical lines with their ends (CR, LF or CRLF), as the reader numbers them."""
    return io.StringIO(text, newline="").readlines()


def _split_one(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return [line]


def _detect_delimiter(lines: Sequence[str], header_index: int, notes: bool) -> str:
    """The delimiter splitting the header and the records after it alike (see module doc)."""
    results: list[tuple[str, int, bool]] = []
    for delimiter in DELIMITERS:
        records = _records(lines[header_index:], delimiter)
        try:
            header = next(records)
            width = len(header.cells)
            consistent = True
            seen = 0
            for record in records:
                if record.blank:
                    if notes and seen:
                        break
                    continue
                if notes and seen and width > 1 and len(record.cells) == 1:
                    break
                if len(record.cells) != width:
                    consistent = False
                    break
                seen += 1
                if seen >= 50:
                    break
        except TableError:
            width, consistent = 0, False
        results.append((delimiter, width, consistent))
    for delimiter, width, consistent in results:
        if consistent and width > 1:
            return delimiter
    widest = max(results, key=lambda r: r[1])
    if widest[1] <= 1:  # a single column: any delimiter that splits no record will do
        for delimiter, _, consistent in results:
            if consistent:
                return delimiter
    return widest[0]  # ragged: the reader names the first row that does not fit


def _find_header(
    lines: Sequence[str], header_contains: str | None, header_line: int | None, source: str
) -> int:
    """The 0-based index of the header line."""
    if header_line is not None:
        if not 1 <= header_line <= len(lines) or not lines[header_line - 1].strip():
            raise TableError(
                source,
                f"header line {header_line} is blank or past the end",
                code="table.header-line",
                params={"line": header_line},
            )
        return header_line - 1
    if header_contains is None:
        for index, line in enumerate(lines):
            if line.strip():
                return index
        raise TableError(source, "is empty: no header line", code="table.empty")
    wanted = _fold(header_contains)
    # First a cell equal to the text, then one containing it: the title "Folkmängd i riket,
    # län och kommuner" contains "län", the header cell "Län" equals it.
    for matches in (lambda c: _fold(c) == wanted, lambda c: wanted in _fold(c)):
        for index, line in enumerate(lines):
            following = [ln for ln in lines[index + 1 :] if ln.strip()][:5]
            for delimiter in DELIMITERS:
                cells = [c.strip() for c in _split_one(line, delimiter)]
                if sum(1 for c in cells if c) < 2 or not any(matches(c) for c in cells):
                    continue
                # A title line splits at its comma too, but not like the lines after it; a
                # header splits like the next line and most of the few after it.
                widths = [len(_split_one(ln, delimiter)) == len(cells) for ln in following]
                if not widths or (widths[0] and 2 * sum(widths) >= len(widths)):
                    return index
    raise TableError(
        source,
        f"no header line with a cell containing '{header_contains}'",
        header_contains,
        code="table.no-header",
        params={"text": header_contains},
    )


def read_table(
    data: bytes,
    source: str = "<input>",
    *,
    header_contains: str | None = None,
    header_line: int | None = None,
    delimiter: str | None = None,
    notes: bool = False,
) -> Table:
    """Read a CSV table from ``data`` (see the module doc for what is accepted)."""
    try:
        check_size(data, MAX_TABLE_FILE_BYTES, source, "a table file")
    except LimitError as exc:
        raise TableError(
            exc.field, exc.reason, exc.size, code="limit.file-size", params=exc.params
        ) from None
    text, encoding = decode(data, source)
    lines = split_lines(text)
    index = _find_header(lines, header_contains, header_line, source)
    if delimiter is None:
        delimiter = _detect_delimiter(lines, index, notes)
    elif delimiter not in DELIMITERS:
        raise TableError(
            source,
            "delimiter must be a comma, a semicolon or a tab",
            delimiter,
            code="table.delimiter",
        )
    records = _records(lines[index:], delimiter, first_line=index + 1)
    header_record = next(records)
    header = tuple(c.strip() for c in header_record.cells)
    _check_header(header, header_record.line, source)
    rows: list[TableRow] = []
    trailing: list[str] = []
    ended_at: int | None = None
    note_line: int | None = None  # the one-cell line that ended the table, if one did
    for record in records:
        if ended_at is not None:
            if not record.blank:
                if len(header) > 1 and len(record.cells) == len(header):
                    if note_line is not None:
                        raise _ragged(note_line, 1, header_record.line, len(header), delimiter)
                    raise TableError(
                        f"line {record.line}",
                        f"a data row after line {ended_at}, where the table ended (a blank line "
                        "or a note); remove the break or the row",
                        code="table.row-after-end",
                        params={"ended_at": ended_at},
                    )
                trailing.append(_raw(lines, record))
            continue
        if record.blank:
            if notes and rows:
                ended_at = record.line
            continue
        if notes and rows and len(header) > 1 and len(record.cells) == 1:
            ended_at = note_line = record.line
            trailing.append(_raw(lines, record))
            continue
        if len(record.cells) != len(header):
            raise _ragged(
                record.line, len(record.cells), header_record.line, len(header), delimiter
            )
        cells = {name: cell.strip() for name, cell in zip(header, record.cells, strict=True)}
        rows.append(TableRow(record.line, cells))
    preamble = tuple(
        _raw(lines, _Record(n, n, _split_one(line, delimiter)))
        for n, line in enumerate(lines[:index], start=1)
        if line.strip()
    )
    return Table(
        source=source,
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        rows=tuple(rows),
        header_line=header_record.line,
        preamble=preamble,
        notes=tuple(trailing),
    )


def _ragged(line: int, cells: int, header_line: int, width: int, delimiter: str) -> TableError:
    return TableError(
        f"line {line}",
        f"has {cells} cell{'s' if cells != 1 else ''}, the header (line {header_line}) has "
        f"{width} ({_DELIMITER_NAMES[delimiter]}-separated)",
        code="table.ragged",
        params={
            "cells": cells,
            "header_line": header_line,
            "width": width,
            "delimiter": _DELIMITER_NAMES[delimiter],
        },
    )


def _raw(lines: Sequence[str], record: _Record) -> str:
    non_empty = [c.strip() for c in record.cells if c.strip()]
    if len(non_empty) == 1:
        return non_empty[0]
    return " ".join("".join(lines[record.line - 1 : record.end]).split())


def _check_header(header: tuple[str, ...], line: int, source: str) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if not name:
            raise TableError(
                f"line {line}",
                f"header column {position} has no name (header of {source})",
                code="table.unnamed-column",
                params={"position": position, "source": source},
            )
        key = _fold(name)
        if key in seen:
            raise TableError(
                f"line {line}",
                f"header name '{name}' appears twice (columns {seen[key]} and {position})",
                name,
                code="table.duplicate-column",
                params={"name": name, "first": seen[key], "second": position},
            )
        seen[key] = position


def read_table_file(
    path: str | os.PathLike[str],
    *,
    header_contains: str | None = None,
    header_line: int | None = None,
    delimiter: str | None = None,
    notes: bool = False,
) -> Table:
    """Read a CSV table from a file; ``source`` is the file name."""
    p = Path(path)
    data = read_table_bytes(p)
    return read_table(
        data,
        str(p),
        header_contains=header_contains,
        header_line=header_line,
        delimiter=delimiter,
        notes=notes,
    )


def read_table_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a table file, refused past :data:`MAX_TABLE_FILE_BYTES` before reading."""
    try:
        return read_file_limited(path, MAX_TABLE_FILE_BYTES, "a table file")
    except LimitError as exc:
        raise TableError(
            exc.field, exc.reason, exc.size, code="limit.file-size", params=exc.params
        ) from None
    except OSError as exc:
        raise TableError(
            str(path),
            f"cannot be read: {exc.strerror or exc}",
            code="table.unreadable",
            params={"detail": str(exc.strerror or exc)},
        ) from None


# Numbers ---------------------------------------------------------------------------------

_SPACES = "\u0020\u00a0\u202f\u2009"
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?$")


def parse_number(cell: str, where: str) -> Fraction:
    """An exact number from a cell.

    Accepted: ``2374550``, ``2 374 550`` (space, no-break or thin space between thousands),
    ``0,2301038047`` and ``0.25`` (comma or point before decimals), a leading ``+``, ``-`` or
    ``−``. Refused with ``TableError(where, reason)``: empty cells, letters, SCB's ``..``,
    several separators (``1,2,3``, ``1.234.567``), exponents, ``nan``, ``inf``, percent signs.
    """
    if not isinstance(cell, str):
        raise TableError(
            where,
            f"expected text, got {type(cell).__name__}",
            cell,
            code="table.cell-type",
            params={"type": type(cell).__name__},
        )
    s = cell.strip()
    for ch in _SPACES:
        s = s.replace(ch, " ")
    s = s.replace("\u2212", "-")
    if not s:
        raise TableError(where, "is empty", cell, code="table.empty-cell")
    match = _NUMBER.match(s)
    if match is None:
        raise TableError(
            where,
            f"'{cell.strip()}' is not a number",
            cell,
            code="table.not-a-number",
            params={"text": cell.strip()},
        )
    sign, whole, decimals = match.groups()
    try:
        check_digits(whole + (decimals or ""), where)
    except LimitError as exc:
        raise TableError(where, exc.reason, None, code="limit.digits", params=exc.params) from None
    value = Fraction(int(whole.replace(" ", "")))
    if decimals:
        value += Fraction(int(decimals), 10 ** len(decimals))
    return -value if sign == "-" else value


def parse_integer(cell: str, where: str) -> int:
    """A whole number from a cell (as :func:`parse_number`; ``"12,0"`` is 12, ``"12,5"`` fails)."""
    value = parse_number(cell, where)
    if value.denominator != 1:
        raise TableError(
            where,
            f"'{cell.strip()}' is not a whole number",
            cell,
            code="table.not-a-whole-number",
            params={"text": cell.strip()},
        )
    return int(value)
